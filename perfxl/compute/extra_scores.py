"""What a 加分项's or 扣分项's row (a 自评表's or a 评分表's) is expected to score: a 扣分项 by the points its printed
standard takes off for what was found ("每个问题扣2分，最多扣20分" beside "审计发现违规违纪问题3个": 6 off), signed as
the row types them; anything else kept as typed, held only to its range. What each counts for in a total: a 扣分项's
points taken off where typed negative, under a 分值 typed negative, or where the form says positive ones are
(``locate.extra_rows``)."""

from __future__ import annotations

from perfxl.compute.printed import shortened
from perfxl.compute.printed_counts import events_in, score_by_events
from perfxl.compute.targets import IndicatorScore, Quantity, read_quantity
from perfxl.locate.extra_rows import says_taken_off
from perfxl.locate.located import Hit
from perfxl.read.text import label_key
from perfxl.read.values import fmt

_KEPT = "加分或减分指标: 保留填报得分，只查其不超出分值"


def extra_score(
    kind: str, standard: Hit | None, actual: Quantity, weight: float | None, declared: float | None, taken_off: bool
) -> IndicatorScore:
    """A 扣分项's expected score where its standard counts what was found ("每个问题扣2分") and its row says how
    many, negative or positive as the row types the points off — positive under a positive 分值 only where the
    form takes positive ones off (``taken_off``: its note says so); else the declared score kept."""
    kept = IndicatorScore(None, None, _KEPT, None, False)
    text = standard.raw if standard is not None else None
    if kind != "penalty" or weight is None or not isinstance(text, str):
        return kept
    positive = declared is not None and declared > 0
    if positive and weight > 0 and not taken_off:
        return kept  # a positive score under a positive 分值: the points kept, or taken off — not said
    bound = abs(weight)
    counted = score_by_events(text, read_quantity(None), actual, bound)
    found = events_in(actual)
    if counted is None or counted.score is None or found.value is None:
        return kept
    off = bound - counted.score
    # signed as typed; a 0 typed says nothing: as the form takes positive points off, else negative
    score = off if positive or (not declared and taken_off and weight > 0) else -off
    said = f"{fmt(found.value)}{found.unit}"
    basis = f"减分指标按本表评分标准「{shortened(text)}」: 发现 {said}，扣 {fmt(off)} 分 → {fmt(score)}分"
    return IndicatorScore(score, None, basis, None, False)


def score_range(weight: float, kind: str) -> tuple[float, float]:
    """What a row's score may be: 0 to its 分值; a 加分项's 0 to its bound; a 扣分项's or 加减分项's within ±分值
    (a 扣分项's points typed negative or positive)."""
    if kind in ("penalty", "both"):
        return -abs(weight), abs(weight)
    return 0.0, abs(weight) if kind else weight


def signed_points(declared: float, weight: float | None, kind: str, taken_off: bool = False) -> float:
    """What a declared score adds to the total: a 扣分项's taken off where typed negative, under a 分值 typed
    negative ("-10 | 2") or where the form takes positive ones off (``taken_off``), else as typed."""
    if kind == "penalty" and (declared < 0 or taken_off or (weight is not None and weight < 0)):
        return -abs(declared)
    return declared


def kept_points(declared: float, weight: float | None, kind: str, taken_off: bool = False) -> float:
    """What a declared score counts for in the computed total: signed, within its range."""
    signed = signed_points(declared, weight, kind, taken_off)
    if weight is None:
        return signed
    low, high = score_range(weight, kind)
    return min(max(signed, low), high)


def noted_taken_off(note: Hit | None) -> bool:
    """The note under a form says a 扣分项's positive points are taken off (``locate.extra_rows.says_taken_off``)."""
    return note is not None and isinstance(note.raw, str) and says_taken_off(label_key(note.raw))
