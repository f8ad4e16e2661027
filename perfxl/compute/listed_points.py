"""A 评分标准 that lists every score a row may get ("100%：5分；90-100%：3分；70-90%：1分；70%以下：0分", "充分：3分；
一般：1.5分；没有：0分") and nothing between: a score typed that is none of them follows no line of it, whatever the
row's facts, which perfxl may not be able to read (a table with no column of values reached)."""

from __future__ import annotations

import re
from functools import lru_cache

from perfxl.locate.located import Hit
from perfxl.read.text import clean
from perfxl.read.values import fmt, shown


@lru_cache(maxsize=1 << 12)
def listed_points(standard: str, weight: float) -> tuple[float, ...] | None:
    """The scores a standard lists, highest first, where it lists them all and its highest is the row's 分值; None
    where it scores in any other way too (steps, shares, judgement, ranges of points) or lists fewer than two."""
    text = clean(_LINES.sub(";", standard))  # (its lines, listed or numbered, are its sentences too)
    # every sentence ends in the score it gives ("项目验收均规范，得4分", "有结余，但不超过上年结转，2分"): one that
    # ends otherwise scores otherwise ("…，未完成的按实际完成情况评定")
    ends = ["," + sentence.rsplit(",", 1)[-1] for sentence in _SENTENCE.split(text) if sentence]
    if _OPEN.search(text) or any(_POINTS.search(end) is None for end in ends):
        return None
    points = {_points(m, weight) for m in _POINTS.finditer(text)}
    if len(points) < _LISTED or abs(max(points) - weight) > _TOL:
        return None
    return tuple(sorted(points, reverse=True))


def _points(found: re.Match[str], weight: float) -> float:
    if found["full"]:
        return weight
    if found["share"]:
        return round(weight * float(found["share"]) / 100, 2)  # "效益一般得60%": that share of the 分值
    return 0.0 if found["none"] else float(found["x"])


def off_the_list(
    name: str, standard: Hit | None, weight: float, declared: float, tol: float, rows: int = 1
) -> str | None:
    """What to say of a row's typed score that is none of those its printed standard lists, or None (``rows``: the
    rows one merged score stands for; their scores together list none of them)."""
    points = listed_points(shown(standard.raw), weight) if standard is not None and weight and rows == 1 else None
    if points is None or any(abs(declared - p) <= tol for p in points):
        return None
    listed = "、".join(fmt(p) for p in points)
    return f"指标「{name}」得分 {fmt(declared)} 不是本表评分标准所列的分数({listed})之一，请核对"


_LISTED = 2
_TOL = 1e-9
# a bound on a score in 分 and the score it gives: "：90分以上得8分", "；80分-90分得5分" (a 考核得分's tiers) are
# conditions, not a range of points, a cap or a score listed
_BOUND = r"\s*(?:\(含\))?\s*(?:及以上|以上|及以下|以下|以内|[-~～至到—]\s*\d+(?:\.\d+)?\s*分)?"
_GIVES = r"\s*(?:\(含\))?\s*(?:的|时)?\s*,?\s*(?:得|计|给|不得)"
# a score worked out rather than chosen: steps, shares, formulas, judgement, a range of points, a cap
_OPEN = re.compile(
    r"扣|每|比例|率计|折算|赋分|确定|酌情|视|适当|之间|最高|最多|[×*/=÷]|分值[×*]|计算|程度|根据|部分分|相应"
    r"|评分|打分|给分|评定"
    # a range of points ("得2-4分", "：2分-4分") or of shares ("按分值的60%-80%")
    rf"|(?:得|计|给|[:：,])\s*\d+(?:\.\d+)?\s*分?\s*[-~～至到—]\s*\d+(?:\.\d+)?\s*分(?!{_GIVES})"
    r"|(?:得|计|按)(?:分值的|满分的)?\s*\d+(?:\.\d+)?\s*%?\s*[-~～至到—]"
    # a score with a cap after it ("得60分以上")
    rf"|(?:得|计|给|[:：,])\s*\d+(?:\.\d+)?\s*分\s*(?:\(含\))?\s*(?:及以上|以上|及以下|以下|以内)(?!{_GIVES})"
)
_SENTENCE = re.compile(r"[;。]")  # (after ``clean``: "；" is ";", "，" is ",")
_LINES = re.compile(r"[\n\r]|(?<![\d.])\d{1,2}[.．、](?!\d)")  # "1.全部完成得满分\n2.部分完成…"
# the score each line gives: "…：5分", "…得3分", "得满分", "不得分", "得60%" (of the 分值)
_POINTS = re.compile(
    # a score after its colon or verb, or after a grade word at a clause's start ("成效较好60分"; not 误差's 差)
    r"(?:[:：,，(]|得|计|给|为|或|(?:^|(?<=[;,:、]))[^;,:、\d]{0,6}?(?<![误偏相其])(?:较好|好|较差|差|优秀|优|良好|良|一般|中))"
    rf"\s*(?P<x>\d+(?:\.\d+)?)\s*分(?!{_BOUND}{_GIVES})"
    r"|(?P<full>得满分|计满分|满分)|(?P<none>不得分|不计分|得0分|计0分)"
    r"|(?:得|计|按)(?:分值的|满分的)?\s*(?P<share>\d+(?:\.\d+)?)\s*%"
)
