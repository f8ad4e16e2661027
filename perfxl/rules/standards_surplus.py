"""A standard that scores this year's carry-over against last year's ("无结余,3分;有结余,但不超过上年结转,2分;结余超过
上年结转,不得分", 岳阳's 资金结余): read as bands over the carry-over's change rate, (本年 − 上年) ÷ 上年 — nothing left
is −100 %, not more than last year's is up to 0 %, more is above 0 (docs/domain.md §11). Which rate that is, the row's
caller decides (``carryover_rate``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from perfxl.rules.model import Band, ScoreRule
from perfxl.rules.standards_result import Parsed
from perfxl.rules.standards_words import normalise

_POINTS = r"[,:]?(?:得|计)?(\d+(?:\.\d+)?)分"
_SURPLUS = re.compile(
    rf"^无结余(?:的)?{_POINTS};有结余[,]?(?:但)?不超过上年(?:结转|结余|结转结余)(?:的)?{_POINTS};"
    r"(?:结余)?超过上年(?:结转|结余|结转结余)(?:的)?[,:]?(?:不得分|得0分|计0分);?$"
)


def surplus_reading(norm: str) -> Parsed | None:
    """The bands the wording states, over the change rate; None for any other text (``norm``: normalised)."""
    found = _SURPLUS.match(norm)
    if found is None:
        return None
    none_left, within = float(found.group(1)), float(found.group(2))
    bands = (Band(-100.0, none_left), Band(0.0, within), Band(None, 0.0))
    # the words are not the 附件4's (结余, 上年结转 for its 结转结余): a documented reading, not a settled one
    note = "结余与上年结转相比，按结转结余变动率 (本年 − 上年) ÷ 上年 计: 无结余即 −100%，不超过上年即 ≤ 0"
    rule = ScoreRule(kind="bands", bands=bands)
    return Parsed(norm, "default", rule=rule, full=max(none_left, within), notes=(note,))


def says_surplus(text: object) -> bool:
    """Whether a cell's text is that wording."""
    return isinstance(text, str) and _SURPLUS.match(normalise(text)) is not None


def carryover_rate(rates: Iterable[str]) -> str | None:
    """The rule set's rate of the carry-over's change (结转结余变动率), which the wording is over."""
    return next((name for name in rates if "结转结余" in name and "变动" in name), None)
