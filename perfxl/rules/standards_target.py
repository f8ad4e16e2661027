"""A printed 评价标准 that counts from the row's own target ("达到目标值得满分", "每低于目标值1个百分点扣1分",
"控制在目标值以内得满分", a bare "每低于1个百分点扣1分"): the target written into the text, so that
``perfxl.rules.standards`` reads it as any other standard (docs/domain.md §12, item 9)."""

from __future__ import annotations

import re

from perfxl.rules.standards import OVER
from perfxl.rules.standards_text import POINTS, STOP_WORDS
from perfxl.rules.standards_words import normalise


def against_target(text: str, target: float | None, below: bool = False) -> str:
    """A standard that scores against the row's own target, with that target written in (target in percent;
    ``below``: a ceiling, "≤"): "达到目标值得满分，每低于1%扣1分" → "≥100%得满分，每低于1%扣1分";
    "控制在目标值以内得满分" → "≤5%得满分". "每低于目标值1个百分点扣1分", and a bare "每低于1个百分点扣1分，扣完为止"
    with no threshold of its own, count from the target when their direction is the target's (points off below a
    floor, above a ceiling). Any other text as it is."""
    if target is None:
        return text
    bound = f"{'≤' if below else '≥'}{target:g}%"
    out = _TARGET_WORDS.sub(bound, _RESTATED.sub(_restated, text), count=1)
    if below:
        out = _WITHIN_TARGET.sub(bound, out, count=1)
    norm = normalise(out)
    steps = _FROM_TARGET.findall(norm)
    if steps and all((verb in OVER) == below for verb, _ in steps):
        out = _FROM_TARGET_WORD.sub(r"每\1", out)
        if not re.search(r"\d", _FROM_TARGET.sub("", normalise(out))):  # no threshold of its own: the target's
            out = f"{bound}得满分；{out}"
    return out


_TARGET_WORDS = re.compile(r"(?:达到|完成|实现|达成)(?:年度)?(?:目标值|指标值|目标)")
_WITHIN_TARGET = re.compile(r"(?:控制)?在?(?:年度)?(?:目标值|指标值|目标)(?:以内|之内|范围内)")
# a deduction counted from the target: "每低于(目标值)1个百分点扣1分" (normalised text)
_FROM_TARGET = re.compile(
    r"每(超过|超出|高于|多于|增加|低于|少于|下降|减少|降低)(?:目标值|指标值|目标)?(\d+(?:\.\d+)?|[一二两三四五])?个?"
    rf"(?:百分点|%),?扣除?{POINTS}分(?:,?(?:{STOP_WORDS}|(?:最多|最高|至多)扣除?\d+(?:\.\d+)?分))?"
)
# words before a deduction that only restate its direction ("超出目标值的，每超出1%…", "按超出比例每1%…"), or give
# the verb a deduction leaves out ("超出目标值的，按超出比例每1%扣0.5分": 每超出1%)
_RESTATED = re.compile(
    r"(?:(?P<verb>超出|超过|高于|低于)|未达到|达不到|未完成)(?:年度)?(?:目标值|指标值|目标)的?(?:部分)?[,，]?"
    r"(?:按(?:超出|超过|低于)?比例)?(?:(?P<bare>每)(?=\d)|(?=每))|按(?:超出|超过|低于)?比例(?=每)"
)


def _restated(match: re.Match[str]) -> str:
    if not match.group("bare"):
        return ""
    return f"每{match.group('verb') or ''}"


_FROM_TARGET_WORD = re.compile(r"每(超过|超出|高于|多于|增加|低于|少于|下降|减少|降低)(?:年度)?(?:目标值|指标值|目标)")
