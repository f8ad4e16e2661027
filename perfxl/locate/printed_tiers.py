"""The 定性 tiers a form prints for itself ("定性指标…分为达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且
效果较差三档，分别按照该指标对应分值区间100%-80%（含80%）、80%-50%（含50%）、50%-0%合理确定分值"): where a sheet states
them, its 定性 scores are held to them instead of the rule set's tiers (docs/domain.md §16).

Only a statement of three ranges that run down from 100 % to 0 % without a gap, after the words 部分达成 and 未达成,
is taken: the first range is 达成 (优), the second 部分达成 (中), the third 未达成 (差). 良, which no tier names, spans
部分达成 and a 达成 short of 90 %, as in the rule data."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from perfxl.read.grid import Sheet
from perfxl.rules import Tier

_RANGE = re.compile(r"(\d+(?:\.\d+)?)%\s*[-~～－—至到]+\s*(\d+(?:\.\d+)?)%")
_GOOD_SHORT_OF = 0.9  # 良 reaches up to a 达成 short of 90 % (rule data: national tiers)


def printed_tiers(sheet: Sheet) -> tuple[Tier, ...] | None:
    """The 定性 tiers a text cell of the sheet states, or None."""
    for key, at in sheet.key_index.items():  # each distinct text once
        if "定性" in key and "部分达成" in key:
            found = tiers_in(str(sheet.cells[at[0]]))
            if found is not None:
                return found
    return None


@lru_cache(maxsize=256)
def tiers_in(text: str) -> tuple[Tier, ...] | None:
    """优 / 良 / 中 / 差 as shares of the 分值, as the text's three ranges state them; None where it states no such
    three."""
    norm = unicodedata.normalize("NFKC", text)
    start = norm.find("定性")
    words = norm.find("部分达成", start), norm.find("未达成", start)
    if start < 0 or min(words) < 0:
        return None
    ranges = [(float(a) / 100, float(b) / 100) for a, b in _RANGE.findall(norm, max(words))][:3]
    if len(ranges) != 3:
        return None
    (top, met), (partly_high, partly), (missed_high, bottom) = (sorted(r, reverse=True) for r in ranges)
    if (top, bottom) != (1.0, 0.0) or met != partly_high or partly != missed_high or not 1.0 > met > partly > 0.0:
        return None
    good = Tier("良", partly, max(met, _GOOD_SHORT_OF))
    return (Tier("优", met, 1.0), good, Tier("中", partly, met), Tier("差", 0.0, partly))
