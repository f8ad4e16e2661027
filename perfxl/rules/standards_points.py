"""A printed standard's points said as points of the row's 分值: a share of it ("得80%分值", "扣分值的10%"), what a
case takes off ("扣2分：85%≤执行率<95%"), a lead that names the full mark ("本指标满分6分,")."""

from __future__ import annotations

import re

from perfxl.rules.standards_result import EPS


def in_points(norm: str, weight: float) -> str:
    """The normalised text with its shares and take-offs as the points they are of ``weight``."""
    norm = _SHARE_OF_WEIGHT.sub(lambda m: f"得{_share(m) / 100 * weight:g}分", norm)
    norm = _SHARE_OFF.sub(lambda m: f"扣{float(m[1]) / 100 * weight:g}分", norm)
    return _taken_off(norm, weight)


# A band's score as a share of the 分值 ("80%(含)-90%得80%分值", "得分值的60%", "得一半分"): that many points
# of this row's 分值; with no 分值 printed the share stays unread.
_SHARE_OF_WEIGHT = re.compile(
    r"(?:得|计|记)(?P<n>\d+(?:\.\d+)?)%的?(?:分值|权重分)|(?:得|计|记)(?P<half>一半|半数)(?:分值|分)?"
    r"|(?:得|按)(?:该项|该指标|本项|此项)?(?:指标)?(?:分值|权重分)的(?P<n2>\d+(?:\.\d+)?)%(?:计分|计算|得分)?"
)


def _taken_off(norm: str, weight: float) -> str:
    """Cases that say what they take off ("满分10分;执行率≥95%,扣0分;85%≤执行率<95%,扣2分"): the 分值 less that, as
    the score ("85%≤执行率<95%,得8分"), nothing where it takes off more ("执行率<85%,扣12分" of 10); a lead "满分N分"
    that is the 分值 says nothing more (one that is not is left, and the text stays unread)."""
    lead = _FULL_LEAD.match(norm)
    if lead is not None and abs(float(lead.group(1)) - weight) < EPS:
        norm = norm[lead.end() :]
    return _CASE_TAKES_OFF.sub(lambda m: f"{m[1]},得{max(weight - float(m[2]), 0.0):g}分", norm)


_FULL_LEAD = re.compile(r"^(?:[本该此](?:指标|项))?满分(\d+(?:\.\d+)?)分[;,]")  # "本指标满分6分,…" (宁德)
_SHARE_OFF = re.compile(r"扣(?:[本该此](?:指标|项))?(?:分值|权重分)的(\d+(?:\.\d+)?)%")  # "扣分值的10%"
_CASE_TAKES_OFF = re.compile(r"(?<![^;])([^;每]*%[^;每]*?),扣(\d+(?:\.\d+)?)分(?=;|$)")


def _share(match: re.Match[str]) -> float:
    """The share of the 分值 a band's score names, in percent ("得一半分": 50)."""
    return 50.0 if match.group("half") else float(match.group("n") or match.group("n2"))
