"""The rule an indicator of one workbook is scored by: the 评价标准 and 分值 its own row prints, where they can be read
(docs/domain.md §11), else the rule set's.

A batch repeats a few standards thousands of times, so a row's choice is kept per distinct (indicator, text,
分值 cell content): the parse runs once per distinct text, and the books that print the same standard share one
``Printed`` (the scoring groups books by it, column-wise).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from perfxl.compute.targets import read_quantity
from perfxl.locate.located import Hit, IndicatorHit, Stated
from perfxl.read.values import embedded_weight, parse_weight
from perfxl.rules import IndicatorDef, ScoreRule
from perfxl.rules.standards import Parsed, parse_standard
from perfxl.rules.standards_target import against_target


@dataclass(frozen=True)
class Printed:
    """An indicator's printed 评价标准 as read, and the rule and 分值 it is scored by.

    ``rule`` is the printed rule over the indicator's rate when the text is read (or read by a documented default)
    and agrees with the printed 分值; otherwise the rule set's rule, with its weight, and ``applied`` is False."""

    text: str
    parsed: Parsed
    weight: float | None  # the 分值 printed beside it (None: not printed or unreadable)
    rule: ScoreRule
    score_weight: float  # the 分值 the score is worked against
    applied: bool
    kept: bool = False  # a text perfxl cannot read, under --rules auto: the declared score is kept (``unread_kept``)
    rate: str | None = None  # the rate the row's standard is over (a rule set's own rule may name none: declared)

    @property
    def contradicts(self) -> bool:
        """The printed 分值 is not the full mark the standard itself prints ("分值 5" beside "计8分")."""
        return not self.parsed.full_matches


def printed_rule(ind: IndicatorDef, hit: IndicatorHit | None, rate: str | None) -> Printed | None:
    """What the row of ``ind`` prints, read; None where it prints no standard, where the rule set computes no rate
    for it (``rate``: ``RuleSet.rate_of``) or the row is part of a merged group (its 分值 is the group's)."""
    if hit is None or hit.standard is None or hit.shared_with or rate is None:
        return None
    raw = hit.standard.raw
    if not isinstance(raw, str) or not raw.strip():
        return None
    return _kept(ind.rule, ind.weight, rate, raw, None if hit.weight is None else hit.weight.raw, _goal(hit.stated))


def printed_other(
    rate: str, standard: Hit | None, weight: float | None, stated: Stated | None = None
) -> Printed | None:
    """A score-table row no indicator of the rule set covers, that names a rate the rule set computes: the rule its
    printed 评价标准 and 分值 state, or None where they state none it can score by."""
    raw = None if standard is None else standard.raw
    if not isinstance(raw, str) or not raw.strip():
        return None
    printed = _contradicted(_kept(_NO_RULE, 0.0, rate, raw, weight, _goal(stated)))
    return printed if printed.applied else None


_NO_RULE = ScoreRule(kind="declared")


def _goal(stated: Stated | None) -> tuple[float, bool] | None:
    """The row's own 目标值 as a percentage and whether it is a ceiling, for a standard that scores against it."""
    if stated is None or stated.target is None:
        return None
    target = read_quantity(stated.target.raw)
    return (target.value, target.op in ("<=", "<")) if target.percent and target.value is not None else None


@lru_cache(maxsize=4096)  # distinct (indicator, text, 分值, 目标值) in a process; a batch has a few dozen
def _kept(
    own: ScoreRule, own_weight: float, rate: str, text: str, weight_raw: object, goal: tuple[float, bool] | None = None
) -> Printed:
    weight = parse_weight(weight_raw)
    read = against_target(text, *goal) if goal is not None else text  # "达到目标值得满分…" against the row's 目标值
    printed = _read(own, own_weight, rate, read, weight if weight is not None else embedded_weight(weight_raw))
    return printed if read == text else replace(printed, text=text)


def _read(own: ScoreRule, own_weight: float, rate: str, text: str, weight: float | None) -> Printed:
    parsed = parse_standard(text, weight)
    usable = parsed.status in ("read", "default") and parsed.rule is not None
    scale = weight if weight is not None else parsed.full
    if not usable or parsed.rule is None or scale is None:
        return Printed(text, parsed, weight, own, own_weight, applied=False, rate=rate)
    absent = parsed.rule.absent if parsed.rule.absent != "missing" else own.absent
    rule = replace(parsed.rule, rate=rate, absent=absent)
    return Printed(text, parsed, weight, rule, scale, applied=True, rate=rate)


def unread_kept(printed: Printed) -> Printed:
    """A printed standard perfxl cannot read (or whose reading nothing settles) on a table whose rule set was chosen,
    not named: the table's own rule is that text, not the rule set's, so the declared score is kept and the text's
    trouble said (a 分值 that contradicts it too: "分值 5" beside "全部完成计8分，每有1项未完成扣2分"). A 分值 that
    contradicts a standard perfxl reads scores by the text from the 分值 (the text's other scales, such as its own
    full mark turned into the 分值, are the readings a score may follow instead, ``other_reading``), where the rule
    set was chosen; named with --rules, its rule scores."""
    status = printed.parsed.status
    printed = _contradicted(printed)
    if printed.applied or status in ("read", "default") or (printed.contradicts and status != "unread"):
        return printed
    why = f"本表评价标准「{shortened(printed.text)}」{printed.parsed.reason or '无法读懂'}"
    kept = ScoreRule(kind="declared", why=why)
    return replace(printed, rule=kept, score_weight=printed.weight or 0.0, applied=True, kept=True)


def _contradicted(printed: Printed) -> Printed:
    """A standard read but for its full mark, which its 分值 contradicts: scored by the text from the 分值 (its first
    reading; the others are the readings a declared score may follow instead)."""
    alternatives = printed.parsed.alternatives
    settled = printed.applied or not printed.contradicts or printed.parsed.status != "ambiguous"
    if settled or not alternatives or not printed.weight or printed.rate is None:
        return printed
    rule = replace(alternatives[0].rule, rate=printed.rate, absent=printed.rule.absent)
    return replace(printed, rule=rule, score_weight=printed.weight, applied=True)


def shortened(text: str, limit: int = 40) -> str:
    """A printed text on one line, cut with … past ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


__all__ = ["Printed", "printed_other", "printed_rule", "shortened", "unread_kept"]
