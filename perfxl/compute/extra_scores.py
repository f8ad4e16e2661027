"""What a 加分项's or 扣分项's row of a 自评表 is expected to score: a 扣分项 by the points its printed standard takes
off for what was found ("每个问题扣2分，最多扣20分" beside "审计发现违规违纪问题3个": 6 off), signed as the row types
them; anything else kept as typed, held only to its range (``locate.extra_rows.score_range``)."""

from __future__ import annotations

import re

from perfxl.compute.printed import shortened
from perfxl.compute.printed_counts import score_by_events
from perfxl.compute.targets import IndicatorScore, Quantity, read_quantity
from perfxl.locate.located import Hit
from perfxl.read.values import fmt

_KEPT = "加分或减分指标: 保留填报得分，只查其不超出分值"
# "每个问题扣2分": points off for each one found, the verb left to the row's name ("违规违纪（减分指标）")
_EACH = re.compile(r"每(?=[个项起处次件例宗家]\D)")


def extra_score(
    kind: str, standard: Hit | None, actual: Quantity, weight: float | None, declared: float | None
) -> IndicatorScore:
    """A 扣分项's expected score where its standard counts what was found and its row says how many, negative or
    positive as the row types the points off (positive only under a 分值 typed negative, where that is sure);
    else the declared score kept."""
    kept = IndicatorScore(None, None, _KEPT, None, False)
    text = standard.raw if standard is not None else None
    if kind != "penalty" or weight is None or not isinstance(text, str) or actual.value is None:
        return kept
    positive = declared is not None and declared > 0
    if positive and weight > 0:
        return kept  # a positive score under a positive 分值: the points kept, or taken off — not said
    bound = abs(weight)
    counted = score_by_events(_EACH.sub("每发生", text), read_quantity(None), actual, bound)
    if counted is None or counted.score is None:
        return kept
    off = bound - counted.score
    score = off if positive else -off
    found = f"{fmt(actual.value)}{actual.unit}"
    basis = f"减分指标按本表评分标准「{shortened(text)}」: 发现 {found}，扣 {fmt(off)} 分 → {fmt(score)}分"
    return IndicatorScore(score, None, basis, None, False)
