"""A printed standard on the deviation from a centre ("以100%为标准，偏差率在±5%以内得满分，每超出1个百分点扣0.5分"):
the text as a standard on |rate − centre|, and the same rule with its deviations as shares of the centre, the other
reading of a 偏差率 from a centre other than 100 % (docs/domain.md, the fifteenth and sixteenth sessions)."""

from __future__ import annotations

import re
from dataclasses import replace

from perfxl.rules.model import ScoreRule


def around(norm: str) -> tuple[str, float | None]:
    """A normalised standard on the deviation from a centre ("以100%为标准,偏差率在±5%以内得满分,每超出1个百分点扣
    0.5分", "执行率与100%的偏差在±3%以内的,得满分;偏差每增加1个百分点扣1分"): the text as a standard on that
    deviation ("在5%以内得满分,每超出1个百分点扣0.5分") and the centre; a ± with no centre and no 偏差 is the rate's
    own size either way (centre 0); any other text as it is, and None."""
    centre = _CENTRE.search(norm)
    if centre is None and "±" in norm and not _DEVIATION.search(norm):
        return norm.replace("±", ""), 0.0  # "控制率在±10%以内得5分": the rate's size either way, from 0
    if centre is None or not _DEVIATION.search(norm[: centre.start()] + norm[centre.end() :]):
        return norm, None
    text = norm[: centre.start()] + norm[centre.end() :].lstrip(",")
    text = _POINTS_WITHIN.sub(r"\1%", _DEVIATION.sub("", text).replace("±", ""))  # "5个百分点以内": 5 % either way
    return text, float(centre.group("n") or centre.group("m"))


_CENTRE = re.compile(r"以(?P<n>\d+(?:\.\d+)?)%为(?:标准|基准),?|与(?P<m>\d+(?:\.\d+)?)%的?(?=偏差)")
_DEVIATION = re.compile(r"偏差(?:率|幅度|值)?")
_POINTS_WITHIN = re.compile(r"(\d+(?:\.\d+)?)个?百分点(?=以内|之内|内)")


def of_centre(rule: ScoreRule, centre: float) -> ScoreRule:
    """``rule`` on the deviation as a share of the centre: every deviation it names is that share of the centre,
    in points (5 % of 90 % is 4.5 points)."""
    scale = centre / 100

    def at(x: float | None) -> float | None:
        return None if x is None else x * scale

    bands = tuple(replace(b, upto=at(b.upto)) for b in rule.bands)
    return replace(rule, threshold=rule.threshold * scale, per=rule.per * scale, cutoff=at(rule.cutoff), bands=bands)
