"""Rows outside a score table's 100 points: 加分项, 扣分项/减分项 and 加减分项, by their own name, a 分值 typed
negative, or the group they stand under.

Their 分值 are a bound, not part of the marks the table is out of ("分值合计 100" over the base rows, a 加分项 of 3
beside it), and a 扣分项's score is taken off the total. Whether a positive score on a 扣分项 under a positive 分值 is
the points taken off or the points kept is the form's own convention: its note says so ("扣分项按扣减分数以正数
填列", "合计=…-扣分项扣分"), or its 合计 shows it (the Σ of the scores above it with them taken off, not added)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from perfxl.locate.located import Hit, OtherRow
from perfxl.locate.sheet_notes import first_note
from perfxl.locate.tabular import IndicatorLine
from perfxl.read.grid import Sheet
from perfxl.read.values import parse_number, parse_weight

_PENALTY = re.compile(r"(?<![加±])减分(?:项|指标)|扣分(?:项|指标)")
_BOTH = re.compile(r"加减分(?:项|指标)?|±分|调整指标")  # 云南's 调整指标: a 加分 or a 减分 row, either way
_BONUS = re.compile(r"加分(?:项|指标)")
_SIGNS = {"-": -1.0, "－": -1.0, "−": -1.0, "+": 1.0, "＋": 1.0}


def extra_kind(name: str, groups: str, weight: float | None) -> str:
    """ "penalty" (points taken off), "bonus" (points added), "both" (a 加减分项: either) or "" (a row of the 100
    points): by the row's own name first, then a 分值 typed negative, then the groups it stands under."""
    own = _kind_said(name)
    if own:
        return own
    return "penalty" if weight is not None and weight < 0 else _kind_said(groups)


def _kind_said(text: str) -> str:
    if _BOTH.search(text) and not _PENALTY.search(text) and not _BONUS.search(text):
        return "both"
    if _PENALTY.search(text):
        return "penalty"
    return "bonus" if _BONUS.search(text) else ""


def signed_weight(weight: float | None, hit: Hit | None) -> float | None:
    """A row's 分值 with the sign typed before it ("-10", "－5分", "+3"), which the 分值 readers drop or refuse."""
    text = hit.raw.strip() if hit is not None and isinstance(hit.raw, str) else ""
    sign = _SIGNS.get(text[:1])
    if sign is None:
        return weight
    size = weight if weight is not None else parse_weight(text[1:])
    if size is None:
        parsed = parse_number(text[1:])
        size = parsed.value if parsed.ok else None
    return None if size is None else sign * abs(size)


def groups_of(line: IndicatorLine) -> str:
    """The names of the groups a row stands under, joined."""
    return "、".join(level.name for level in line.levels[:-1] if level.name)


def says_taken_off(text: str) -> bool:
    """A note that says a 扣分项's points are typed positive and taken off ("扣分项按扣减分数以正数填列", "扣分项填写
    扣减的分数", "合计=基础指标得分+加分项得分-扣分项扣分", "总得分为基础分加上加分项得分再减去扣分项得分"), within one
    clause, and not one that says they are typed negative."""
    for clause in re.split(r"[。;,，；]", re.sub("[−–—]", "-", text)):
        if "负数" in clause or "不得" in clause:
            continue
        if _TAKEN_OFF.search(clause):
            return True
    return False


_TAKEN_OFF = re.compile(
    r"(?:扣分|减分)[^。;]{0,16}(?:正数|扣减的分数|所扣分数)|(?:合计|总分|总得分|自评总分)=[^。;]{0,30}-[^。;]{0,6}(?:扣分|减分)"
    r"|减去[^。;]{0,8}(?:扣分|减分)"
)


def positive_taken_off(
    sheet: Sheet, lines: Iterable[tuple[IndicatorLine, ...]], total: object, tol: float, full: float
) -> bool:
    """Whether the table's 扣分项 rows typed with a positive score under a positive 分值 are points taken off: its
    note says so, or its 合计 is the Σ of the scores above it with them taken off and not with them added, or, where
    neither says, the other rows' 分值 make the ``full`` marks without them (their 分值 a bound outside them)."""
    added = taken = base = 0.0
    for group in lines:
        line = group[0]
        weight = signed_weight(line.points, line.weight)
        kind = extra_kind(line.name, groups_of(line), weight)
        base += line.points if line.points is not None and not kind else 0.0
        score = parse_number(line.score.raw) if line.score is not None else None
        if score is not None and score.ok and score.value is not None:
            added += score.value
            taken += positive_off(kind, score.value, weight)
    noted = first_note(sheet, says_taken_off, lambda text: True) is not None
    return taken_off_by([added], taken, noted, [total], tol, abs(base - full) <= tol)


def positive_off(kind: str, declared: float | None, weight: float | None) -> float:
    """A 扣分项's declared score that may be the points taken off or the points kept: positive, under a positive
    分值 or none; else 0."""
    if kind != "penalty" or declared is None or declared <= 0:
        return 0.0
    return declared if weight is None or weight > 0 else 0.0


def taken_off_by(
    sums: Sequence[float], taken: float, noted: bool, totals: Sequence[object], tol: float, outside: bool = False
) -> bool:
    """Whether ``taken`` points of 扣分项 (``positive_off``) are taken off: the form's note says so (``noted``, and
    then a 0 typed is read so too), or a total it declares is a Σ of its scores as typed (``sums``) less them twice
    over and none is such a Σ itself, or, where no total says either, their 分值 stand ``outside`` the 100 points."""
    if noted:
        return True
    if not taken:
        return False
    values = [v for said in totals if (v := _number(said)) is not None]
    if any(abs(v - added) <= tol for v in values for added in sums):
        return False
    return any(abs(v - (added - 2 * taken)) <= tol for v in values for added in sums) or outside


def _number(raw: object) -> float | None:
    parsed = parse_number(raw)
    return parsed.value if parsed.ok and parsed.value is not None and not math.isnan(parsed.value) else None


def extra_of(name: str, groups: str, weight: float | None, hit: Hit | None) -> tuple[str, float | None]:
    """A row's kind (``extra_kind``) and its 分值: a 加分项's or 扣分项's with the sign it was typed with."""
    signed = signed_weight(weight, hit)
    kind = extra_kind(name, groups, signed)
    return kind, signed if kind else weight


def other_kind(row: OtherRow) -> str:
    """A score-table row's ``extra_kind``, no rule covering it."""
    return extra_kind(row.name, row.groups, signed_weight(row.weight, row.weight_cell))


def other_extra(row: OtherRow) -> tuple[str, float | None]:
    """A score-table row's ``extra_kind`` and signed 分值; None for a 扣分项's or 加减分项's 分值 printed 0, which
    bounds nothing (its words do: "每项扣1分，最高扣5分")."""
    kind, weight = other_kind(row), signed_weight(row.weight, row.weight_cell)
    return kind, None if kind in ("penalty", "both") and weight == 0 else weight
