"""Two readings of an indicator put on one scale before they are compared: a percentage Excel keeps as a fraction
(0.956 for "95.6%") beside a percentage, an amount in 元 beside a target in 万元 (a system export beside a typed
form)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from perfxl.read.values import WAN, fmt

if TYPE_CHECKING:  # the readings' type lives with their reader, which compares them by these
    from perfxl.compute.targets import Quantity

LARGEST_FRACTION = 1.5  # 150 %: a percentage kept as a fraction (Excel keeps "95.6%" typed as 0.956) is no larger
SMALLEST_CLEAR_PERCENT = 10  # beside a percentage under 10 % a bare 0.97 could as well be 0.97 %: read as written


def kept_as_fraction(q: Quantity) -> bool:
    """A bare number (no %, no unit) that a percentage kept as a fraction could be (0.9135 for 91.35 %)."""
    return (
        q.value is not None
        and not q.percent
        and not q.unit
        and "%" not in unicodedata.normalize("NFKC", q.text)
        and 0 < abs(q.value) <= LARGEST_FRACTION
    )


def _fraction(q: Quantity, other: Quantity) -> bool:
    """``q`` is a bare fraction (0.97) compared with a percent (95%): the only sensible reading is 97%."""
    typed = "%" in unicodedata.normalize("NFKC", q.text)
    return (
        not typed
        and q.unit in ("", "%")
        and q.value is not None
        and 0 < q.value <= LARGEST_FRACTION
        and other.percent
        and other.value is not None
        and other.value >= SMALLEST_CLEAR_PERCENT
    )


def aligned(target: Quantity, actual: Quantity) -> tuple[float, float, str] | None:
    """(target, actual, note) on one scale, or None if either has no number."""
    if target.value is None or actual.value is None:
        return None
    counted = next((q.unit for q in (target, actual) if not q.percent and q.unit), "")
    if target.percent != actual.percent and counted and not any(w in counted for w in ("%", "百分")):
        return None  # "整改问题5个" beside "100%": a count is no share
    size, into = _sizes(actual.unit, target.unit)
    if size != into:  # a system export's 元 beside a target in 万元, "76000平方米" beside "≥8万平方米": one unit
        scaled = actual.value * size / into
        return target.value, scaled, f"实际完成值 {actual.text} 按 {fmt(scaled)}{target.unit} 读；"
    if _fraction(actual, target):
        return target.value, actual.value * 100, f"实际完成值 {actual.text} 按 {fmt(actual.value * 100)}% 读；"
    if _fraction(target, actual):
        return target.value * 100, actual.value, f"年度指标值 {target.text} 按 {fmt(target.value * 100)}% 读；"
    return target.value, actual.value, ""


_PREFIXES = {"万": WAN, "亿": WAN * WAN}
_LENGTHS = {"米": 1.0, "公里": 1000.0, "千米": 1000.0}


def _sizes(unit: str, other: str) -> tuple[float, float]:
    """The sizes of two units in a common one where they convert (万亩 and 亩: 10,000 and 1; 元 and 万元; 公里 and
    米), else (1, 1)."""
    if unit == other or not unit or not other:
        return 1.0, 1.0
    if unit in _LENGTHS and other in _LENGTHS:
        return _LENGTHS[unit], _LENGTHS[other]
    base, size = (unit[1:], _PREFIXES[unit[0]]) if unit[0] in _PREFIXES else (unit, 1.0)
    other_base, other_size = (other[1:], _PREFIXES[other[0]]) if other[0] in _PREFIXES else (other, 1.0)
    return (size, other_size) if base == other_base and base else (1.0, 1.0)
