"""Columns no header word names, known by what they hold: 指标性质 (≥, ≤, ＝ …) and 分值 (small numbers adding up to the
total printed at their foot)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from perfxl.read.text import label_key
from perfxl.read.values import parse_number

# Body symbols of a 指标性质 column: ≥ ≤ = and their full-width and small forms (NFKC makes ＝ and ﹦ "=").
_NATURE_SYMBOLS = frozenset({"≥", "≤", "=", ">", "<", ">=", "<=", "定性", "定量"})


def is_nature(raw: object) -> bool:
    """A 指标性质 cell: ≥, ≤, ＝, ﹦, =, >, <."""
    return isinstance(raw, str) and label_key(raw) in _NATURE_SYMBOLS


def infer_nature(values: Iterable[object]) -> bool:
    """A column whose filled body cells are all ≥/≤/＝/﹦/= symbols (at least two of them) is 指标性质."""
    filled = [v for v in values if v is not None and str(v).strip()]
    return len(filled) >= 2 and all(is_nature(v) for v in filled)


def infer_weight(values: Iterable[object], printed_total: object) -> bool:
    """A column of small non-negative numbers that add up to the total printed at its foot is 分值."""
    total = parse_number(printed_total)
    if not total.ok or total.value is None or total.value <= 0:
        return False
    numbers = []
    for value in values:
        parsed = parse_number(value)
        if parsed.status == "bad":
            return False
        if parsed.ok and parsed.value is not None:
            numbers.append(parsed.value)
    return (
        len(numbers) >= 2
        and all(0 <= n <= total.value for n in numbers)
        and abs(sum(numbers) - total.value) < 0.005 * max(total.value, 1)
    )


def names_under_weight(values: Iterable[object]) -> bool:
    """A column headed 分值 that holds the indicators' names with their points ("任务分解（2分）", "任务分解（2）",
    "任务分解 2分", "小计（6分）") and no bare figure: 湖南's 高标准农田 scoring table names its indicators there; the
    column left of it groups them."""
    named = 0
    for value in values:
        if value is None or not str(value).strip():
            continue
        if not isinstance(value, str) or parse_number(value).ok:
            return False
        named += bool(_NAMED_POINTS.search(unicodedata.normalize("NFKC", value)))
    return named >= 2


# a name, then its points: in brackets, with or without 分, or after a space
_NAMED_POINTS = re.compile(r"[^\d\s\W分][^()]*?(?:\(\s*\d+(?:\.\d+)?\s*分?\s*\)|\s\d+(?:\.\d+)?\s*分)\s*$")


def says_reached(header: str) -> bool:
    """A header over what a row reached where no 完成值 column is printed: 自评情况, 评价情况, 执行情况 (not 扣分情况,
    nor 完成情况说明)."""
    return label_key(header) in _REACHED


_REACHED = frozenset({"自评情况", "评价情况", "执行情况", "本单位执行情况"})


def holds_quantities(values: Iterable[object]) -> bool:
    """A column with two or more cells that are a bare figure reached ("96%", "900人次", "≥3"; not points, "2分"):
    what the rows reached (the others in words: "已建立", "发现1项问题"), not why they lost points, which is never a
    bare figure."""
    filled = (unicodedata.normalize("NFKC", str(v)).strip() for v in values if v is not None)
    return sum(bool(_FIGURE_REACHED.match(text)) for text in filled) >= _FIGURES


_FIGURES = 2
_FIGURE_REACHED = re.compile(r"^[≥≤<>=]?\s*\d+(?:\.\d+)?\s*(?:%|(?!分$)[^\d\s,.;:，。；：]{1,3})?$")
