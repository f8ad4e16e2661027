"""The score-table rows no indicator of the rule set covers: those that name a rate the rule set computes are scored
by the 评价标准 and 分值 they print; the others keep their declared score within 0 ≤ 得分 ≤ 分值."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from perfxl.compute.extra_scores import extra_score, kept_points, signed_points
from perfxl.compute.printed import Printed, printed_other
from perfxl.compute.printed_counts import count_unit, score_by_count_share, score_by_events
from perfxl.compute.rule_score import rule_score
from perfxl.compute.stated import stated_value
from perfxl.compute.targets import IndicatorScore, read_quantity
from perfxl.locate.extra_rows import other_extra, other_kind
from perfxl.locate.located import Located, OtherRow
from perfxl.read.text import label_key
from perfxl.read.values import parse_number, round_half_up
from perfxl.rules import RateDef, RuleSet
from perfxl.rules.standards_surplus import carryover_rate, says_surplus


class OtherScore(NamedTuple):
    """A score-table row no indicator of the rule set covers that names a rate the rule set computes, scored by the
    评价标准 and 分值 it prints."""

    at: int  # its place in ``Located.others``
    rate: str
    value: float  # the rate, in percent (NaN: its inputs are missing)
    printed: Printed
    score: float  # NaN with the rate
    formula: RateDef | None = None  # the rate as the row's 指标说明 defines it, where that is what scored it
    said: str = ""  # where the rate comes from when no rule set's inputs give it: the row's own words, a 附件4 line


def scored_others(
    books: Sequence[Located],
    rules: RuleSet,
    rate_of: dict[str, np.ndarray],
    defined: Callable[[object, str, int], tuple[RateDef, float] | None],
    none_of: dict[str, np.ndarray],
) -> list[tuple[OtherScore, ...]]:
    """For each workbook, its score-table rows no indicator covers that name a rate the rule set computes and print
    a 评价标准 that scores it (most workbooks have none: the loop is over the few rows, not the batch's columns)."""
    out: list[tuple[OtherScore, ...]] = []
    keys = rules.rate_keys
    for i, book in enumerate(books):
        scored = []
        for at, row in enumerate(book.others):
            name = keys.get(label_key(row.name))
            line = book.line_rates.get(label_key(row.name))
            if name is not None and (name not in rate_of or not math.isnan(rate_of[name][i])):
                line = None  # the rule set computes it from the workbook: its own rate (a defined line is judged)
            if name is None and row.standard is not None and says_surplus(row.standard.raw):
                name = carryover_rate(rules.rates)  # "无结余,3分;有结余,但不超过上年结转,2分…" (资金结余)
            if name is None and (row.stated is not None or line is not None):
                name = row.name  # a rate no rule set computes, that the row states itself (重点工作完成率 96%)
            printed = None if name is None else printed_other(name, row.standard, row.weight, row.stated)
            if name is None or printed is None:
                continue
            value = rate_of[name][i : i + 1] if name in rate_of else np.array([math.nan])
            # the rate as the row's 指标说明 defines it, or its 评价标准 before its cases ("结转结余率=(…)×100%。≤5%…")
            texts = (hit.raw for hit in (row.note, row.standard) if hit is not None and name in rate_of)
            own = next((found for text in texts if (found := defined(text, name, i)) is not None), None)
            if own is not None:
                value = np.array([own[1]])  # the rate as the row's 指标说明 defines it, over known fields
                line = None
            standard = row.standard.raw if row.standard is not None else None
            said = stated_value(row.stated, row.name, standard) if math.isnan(value[0]) and line is None else None
            if said is not None:
                said = (f"本行{said[0]}", said[1])
            elif line is not None:
                said = (line[1], line[0])  # a 附件4 change line no block reads (公务招待费 上年 → 本年)
            if said is None and name not in rate_of:
                continue  # it states no rate after all
            if said is not None:
                value = np.array([said[1]])  # no inputs in the workbook: the rate the row itself states
            score = float(rule_score(value, printed.rule, printed.score_weight)[0])
            if math.isnan(score) and printed.rule.absent == "full" and name in none_of and none_of[name][i]:
                score = printed.score_weight  # none of what the rate is of, which the standard gives full marks
            scored.append(
                OtherScore(at, name, float(value[0]), printed, score, own[0] if own else None, said[0] if said else "")
            )
        out.append(tuple(scored))
    return out


def other_rows(
    books: Sequence[Located], scored: list[tuple[OtherScore, ...]]
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """For each workbook, over the score-table rows no rule covers: Σ declared scores, Σ of the scores that count
    (the printed standard's score where it scores the row, else the declared one within 0 ≤ 得分 ≤ 分值) and whether
    every one of them has a score. Most workbooks have none."""
    n = len(books)
    declared, kept, ok = np.zeros(n), np.zeros(n), np.ones(n, dtype=bool)
    for i, book in enumerate(books):
        by_rate = {s.at: s.score for s in scored[i] if not math.isnan(s.score)}
        for at, row in enumerate(book.others):
            parsed = parse_number(row.score.raw)
            if at in by_rate:
                kept[i] += round_half_up(by_rate[at], 2)  # each score as the form shows it (compute/rates.py)
                if parsed.ok and parsed.value is not None:
                    declared[i] += parsed.value
                continue
            if not parsed.ok or parsed.value is None:
                # a 加分项's or 扣分项's "/" or blank: nothing added or taken off ("本年度未发生加减分事项")
                ok[i] = ok[i] and parsed.status == "empty" and bool(other_kind(row))
                continue
            counted = counted_score(row, parsed.value)
            due = counted.score if counted is not None and counted.score is not None else None
            kind, weight = other_extra(row)
            if kind:  # a 加分项's, 扣分项's or 加减分项's points, signed as the form types them (``extra_scores``)
                declared[i] += signed_points(parsed.value, weight, kind, row.taken_off)
                kept[i] += kept_points(parsed.value if due is None else due, weight, kind, row.taken_off)
                continue
            if due is not None:
                declared[i] += parsed.value
                kept[i] += round_half_up(due, 2)
                continue
            declared[i] += parsed.value
            top = row.weight if row.weight is not None else parsed.value
            kept[i] += min(max(parsed.value, 0.0), top)
    index = range(n)
    return pd.Series(declared, index=index), pd.Series(kept, index=index), pd.Series(ok, index=index)


def counted_score(row: OtherRow, declared: float) -> IndicatorScore | None:
    """A row no rule covers whose printed 评价标准 scores a count, by the count its own words give: what was found
    ("每发现1个问题扣0.5分" beside "资产清查发现问题2个": 5 − 1 = 4; a 扣分项's "每个问题扣1分" beside "巡察发现问题
    3个": 3 off, signed as ``declared`` is typed), or what was done of the count the standard sets ("完成20场次的得
    满分，不足的按比例计分" beside "开展15场次": 8 × 15 ÷ 20 = 6); None otherwise."""
    kind, weight = other_extra(row)
    if weight is None or row.standard is None or row.stated is None or kind in ("bonus", "both"):
        return None
    text = row.standard.raw
    said = next(
        (h.raw for h in (row.stated.actual, row.stated.remark) if h is not None and h.raw not in (None, "")), None
    )
    if not isinstance(text, str) or said is None or (weight <= 0 and kind != "penalty"):
        return None
    if kind == "penalty":
        scored = extra_score(kind, row.standard, read_quantity(said), weight, declared, row.taken_off)
        return scored if scored.score is not None else None
    unit = count_unit(text)
    if unit:
        return score_by_count_share(text, read_quantity(None), read_quantity(said), weight)
    return score_by_events(text, read_quantity(None), read_quantity(said), weight)
