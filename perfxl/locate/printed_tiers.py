"""The 定性 tiers (or fixed shares) a form prints for itself ("定性指标…分为达成年度指标、部分达成年度指标并具有一定
效果、未达成年度指标且效果较差三档，分别按照该指标对应分值区间100%-80%（含80%）、80%-50%（含50%）、50%-0%合理确定分值"):
where a sheet states them, its 定性 scores are held to them instead of the rule set's tiers (docs/domain.md §16).

Only a statement of three ranges that run down from 100 % to 0 % without a gap, after the words 部分达成 and 未达成,
is taken: the first range is 达成 (优), the second 部分达成 (中), the third 未达成 (差). 良, which no tier names, spans
部分达成 and a 达成 short of 90 %, as in the rule data.

A note may instead fix one share of the 分值 for each word ("按“好、较好、一般、较差”四档评价，分别按该指标分值的100%、
80%、60%、20%计分", "好得该项分值的100%；较好得80%；一般得60%；较差得40%；差不得分"): a row whose 实际完成值 is one of
those words earns exactly that share (``printed_shares``)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from perfxl.locate.sheet_notes import first_note
from perfxl.read.grid import Sheet
from perfxl.rules import Tier

_RANGE = re.compile(r"(\d+(?:\.\d+)?)%\s*[-~～－—至到]+\s*(\d+(?:\.\d+)?)%")
_GOOD_SHORT_OF = 0.9  # 良 reaches up to a 达成 short of 90 % (rule data: national tiers)


def printed_tiers(sheet: Sheet) -> tuple[Tier, ...] | None:
    """The 定性 tiers a text cell of the sheet states, or None."""
    return first_note(sheet, lambda key: "定性" in key and "部分达成" in key, tiers_in)


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


# the words a 定性 result is written in (rule data knows them as grades; a note gives each its own share)
_RESULT_WORDS = frozenset(
    (
        "好",
        "较好",
        "一般",
        "较差",
        "差",
        "优",
        "良",
        "中",
        "优秀",
        "良好",
        "合格",
        "不合格",
        "达成",
        "基本达成",
        "部分达成",
        "未达成",
    )
)
_LISTED = re.compile(r"[“\"「]([^”\"」]+)[”\"」][^%]{0,80}?分别[^%]{0,80}?((?:\d+(?:\.\d+)?%[、,，和及]*){3,})")
_PAIR = re.compile(
    r"^([\u4e00-\u9fff]+?)(?:[(（][^)）]*[)）])?(?:得|按|计)?(?:该项|该指标|本项)?(?:分值的)?(?:(\d+(?:\.\d+)?)%|(不得分))"
)


def printed_shares(sheet: Sheet) -> dict[str, float] | None:
    """Result word -> the share of the 分值 it earns, as a text cell of the sheet fixes them, or None."""
    return first_note(sheet, lambda key: "定性" in key and ("较好" in key or "一般" in key), shares_in)


@lru_cache(maxsize=256)
def shares_in(text: str) -> dict[str, float] | None:
    """Result word -> share, as the text lists them (at least three words, shares falling with them); None where it
    fixes no such shares."""
    norm = unicodedata.normalize("NFKC", text)
    listed = _LISTED.search(norm)
    if listed is not None:
        words = re.split(r"[、,，]", listed.group(1))
        shares = [float(n) / 100 for n in re.findall(r"(\d+(?:\.\d+)?)%", listed.group(2))]
        pairs = list(zip(words, shares, strict=False)) if len(words) == len(shares) else []
    else:
        pairs = []
        for clause in re.split(r"[;；。]", norm[norm.find("定性") :]):
            clause = re.sub(r"^[^:：]*[:：]", "", clause).strip()
            match = _PAIR.match(clause)
            if match is not None:
                pairs.append((match.group(1), 0.0 if match.group(3) else float(match.group(2)) / 100))
    if len(pairs) < 3 or any(word not in _RESULT_WORDS for word, _ in pairs):
        return None
    values = [share for _, share in pairs]
    if values != sorted(values, reverse=True) or values[0] > 1:
        return None
    return dict(pairs)
