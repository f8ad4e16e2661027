"""A 自评表 indicator row that prints its own 评分标准 ("合格率100%得满分，每降低1个百分点扣0.5分"): scored by it,
over the actual value as a rate, instead of by the target ratio (docs/domain.md §11).

Only a threshold or band rule is taken: "按完成比例计分" says 实际 ÷ 目标, which the target ratio already scores, and
a proportional rule over the actual alone would read it otherwise.
"""

from __future__ import annotations

import numpy as np

from perfxl.compute.printed import shortened
from perfxl.compute.rule_score import rule_score
from perfxl.compute.targets import IndicatorScore, Quantity, aligned
from perfxl.read.values import fmt
from perfxl.rules.standards import parse_standard


def score_by_standard(text: object, target: Quantity, actual: Quantity, weight: float) -> IndicatorScore | None:
    """The score the row's printed 评分标准 gives its actual value, or None where it says no threshold or band rule
    over a percentage (then the target ratio scores the row)."""
    if not isinstance(text, str) or not text.strip() or not (actual.percent or target.percent):
        return None
    parsed = parse_standard(text, weight)
    rule = parsed.rule
    if parsed.status not in ("read", "default") or rule is None or rule.kind not in ("over", "under", "bands"):
        return None
    values = aligned(target, actual)
    if values is None:
        return None
    _, rate, note = values
    score = float(rule_score(np.array([rate]), rule, weight)[0])
    basis = f"{note}按本表评分标准「{shortened(text)}」: 实际 {fmt(rate)}% → {fmt(score)}分"
    return IndicatorScore(score, score / weight if weight else None, basis, score >= weight, False)
