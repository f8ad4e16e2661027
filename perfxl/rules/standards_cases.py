"""A deduction rule held to the cases its text prints beside it (``perfxl.rules.standards``): each case must score
what the rule scores on its range — full marks, or nothing — save a 不得分 that starts before the deductions reach 0,
which is the rule's cutoff."""

from __future__ import annotations

import math
from dataclasses import replace

from perfxl.rules.model import ScoreRule
from perfxl.rules.standards_result import EPS, Unread
from perfxl.rules.standards_text import INF, Case


def cutoff(rule: ScoreRule, cases: tuple[Case, ...], full: float | None) -> tuple[ScoreRule, tuple[Case, ...]]:
    """A 不得分 case on the deducting side that starts before the deductions reach 0 ("≥95%得满分；每低1个百分点扣0.2
    分；低于80%不得分": 80 % earns 5 − 15 × 0.2 = 2, 79.9 % nothing): the rule's cutoff; the other cases as they are."""
    over = rule.kind == "over"
    zero = None if full is None else zero_range(rule, full)
    kept = []
    for case in cases:
        iv = case.interval
        edge, open_end = (iv.lo, iv.hi == INF) if over else (iv.hi, iv.lo == -INF)
        deducting = edge > rule.threshold + EPS if over else edge < rule.threshold - EPS
        before_zero = zero is None or (edge < zero[0] - EPS if over else edge > zero[1] + EPS)
        if case.score == 0 and open_end and math.isfinite(edge) and deducting and before_zero and rule.cutoff is None:
            rule = replace(rule, cutoff=edge, cutoff_in=iv.lo_in if over else iv.hi_in)
            continue
        kept.append(case)
    return rule, tuple(kept)


def check_cases(rule: ScoreRule, cases: tuple[Case, ...], full: float | None) -> None:
    """Every printed case must say what the rule says on its range: full marks, or nothing."""
    for case in cases:
        iv = case.interval
        if case.score is None or (full is not None and abs(case.score - full) < EPS):
            lo, hi = full_range(rule)
        elif case.score == 0:
            if full is None:
                raise Unread(f"未给分值, 无法核对「{case.text}」")
            lo, hi = zero_range(rule, full)
        else:
            raise Unread(f"「{case.text}」与扣分规则不符")
        if iv.lo < lo - EPS or iv.hi > hi + EPS:
            raise Unread(f"「{case.text}」与扣分规则不符")


def full_range(rule: ScoreRule) -> tuple[float, float]:
    if rule.kind == "proportional":
        return (100.0, INF) if rule.cap else (100.0, 100.0)
    return (-INF, rule.threshold) if rule.kind == "over" else (rule.threshold, INF)


def zero_range(rule: ScoreRule, full: float) -> tuple[float, float]:
    """The rates the rule gives 0 to."""
    if rule.kind == "proportional":
        return -INF, 0.0
    steps = full / rule.deduct if rule.deduct > 0 else INF
    gap = rule.per * (steps if rule.steps == "linear" else math.ceil(steps - EPS))
    return (rule.threshold + gap, INF) if rule.kind == "over" else (-INF, rule.threshold - gap)
