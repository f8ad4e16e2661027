"""Parse the numbers people type: "96.%", "96.13%", " 1,234.50 ", "７", "（7分）", 0.9613, "是".

A parsed number keeps how it was shown (how many decimals, whether it had a % sign), because a declared
rate is judged against the precision the person typed (docs/domain.md §6.7).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Status = Literal["ok", "empty", "bad"]

_PLACEHOLDERS = {"", "-", "--", "—", "——", "/", "无", "*", "…", "不适用"}
_NUMBER = re.compile(r"^([-+]?)(\d+(?:,\d{3})*)(?:\.(\d*))?$")
_WEIGHT = re.compile(r"^\(?(\d+(?:\.\d+)?)[分人%]?\)?$")
_YES = {"是", "有", "y", "yes", "√", "✓"}
_NO = {"否", "无", "n", "no", "×", "✗"}


@dataclass(frozen=True)
class Parsed:
    """A cell's content as a number, with how it was shown."""

    status: Status
    value: float | None = None
    decimals: int = 0  # digits after the decimal point as shown ("96.%" -> 0, "96.13%" -> 2)
    percent: bool = False  # typed with a % sign
    text: str = ""  # the cell as the person sees it (for messages)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def shown(raw: object) -> str:
    """The cell content as a short display string."""
    if raw is None:
        return ""
    if isinstance(raw, float):
        return f"{raw:.10g}"
    return str(raw).strip()


def _decimals_of(number: float) -> int:
    text = f"{number:.10g}"
    if "e" in text:
        return 0
    return len(text.split(".")[1]) if "." in text else 0


@lru_cache(maxsize=1 << 16, typed=True)
def parse_number(raw: object) -> Parsed:
    """A number from a cell value: numbers as they are, numeric text normalised, placeholders empty.

    Cached: the same texts ("100%", "7分") recur in every return of a batch.
    """
    text = shown(raw)
    if isinstance(raw, bool):
        return Parsed("bad", text=text)
    if isinstance(raw, int | float):
        value = float(raw)
        if not math.isfinite(value):
            return Parsed("bad", text=text)
        return Parsed("ok", value, _decimals_of(value), text=text)
    norm = unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")
    norm = norm.rstrip("。;；,，").removeprefix("¥")  # "￥1,200.00": NFKC makes the full-width sign ¥
    if norm in _PLACEHOLDERS:
        return Parsed("empty", text=text)
    # accounting negative: a bare number or percentage in brackets ("（1,234）", "(4.2%)"); "(50分)" is no number
    negative = norm.startswith("(") and norm.endswith(")") and _NUMBER.match(norm[1:-1].removesuffix("%")) is not None
    if negative:
        norm = norm[1:-1]
    percent = norm.endswith("%")
    if percent:
        norm = norm[:-1]
    for unit in ("万元", "元", "人", "分", "项", "个"):
        if norm.endswith(unit):
            norm = norm[: -len(unit)]
            break
    match = _NUMBER.match(norm)
    if not match:
        return Parsed("bad", text=text)
    sign, whole, frac = match.groups()
    value = float(whole.replace(",", "") + "." + (frac or "0"))
    if sign == "-" or negative:
        value = -value
    return Parsed("ok", value, len(frac or ""), percent, text)


def amount_text(raw: object) -> tuple[object, bool]:
    """An amount as typed, less a 万 or 万元 written after it ("150万" -> ("150", True)), for ``parse_number``;
    and whether it was written in 万 (a block's 万元 written again, or 10,000 元 in a block kept in 元)."""
    if isinstance(raw, str):
        text = raw.strip().removesuffix("元")
        if text.endswith("万"):
            return text[:-1], True
    return raw, False


@lru_cache(maxsize=1 << 12, typed=True)
def parse_weight(raw: object) -> float | None:
    """A weight written as 7, "7", "7分", "（7分）", "7%" (a 权重 of 100: 7 points) or the seed's typo "(5人)"; None
    if absent."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    text = unicodedata.normalize("NFKC", shown(raw)).replace(" ", "")
    match = _WEIGHT.match(text)
    return float(match.group(1)) if match else None


_EMBEDDED_WEIGHT = re.compile(r"\((\d+(?:\.\d+)?)[分人]\)?\s*$")


@lru_cache(maxsize=1 << 12, typed=True)
def embedded_weight(raw: object) -> float | None:
    """The weight written inside a label: "在职人员控制率（7分）" -> 7."""
    text = unicodedata.normalize("NFKC", shown(raw)).replace(" ", "")
    match = _EMBEDDED_WEIGHT.search(text)
    return float(match.group(1)) if match else None


def without_points(name: str) -> str:
    """A label less the weight written inside it: "预算执行率（6分）" -> "预算执行率"."""
    text = unicodedata.normalize("NFKC", name).rstrip()
    match = _POINTS_AT_END.search(text)
    return text[: match.start()].rstrip() if match else name


_POINTS_AT_END = re.compile(r"\(\s*\d+(?:\.\d+)?\s*[分人]\s*\)?$")  # _EMBEDDED_WEIGHT's, spaces kept


@lru_cache(maxsize=1 << 12, typed=True)
def parse_yesno(raw: object) -> Parsed:
    """是/否 as 1.0/0.0."""
    text = unicodedata.normalize("NFKC", shown(raw)).strip().casefold()
    if text == "":
        return Parsed("empty", text=text)
    if text in _YES:
        return Parsed("ok", 1.0, text=text)
    if text in _NO:
        return Parsed("ok", 0.0, text=text)
    return Parsed("bad", text=text)


def rate_readings(parsed: Parsed) -> list[tuple[float, int]]:
    """The percent values a declared rate can mean, with the decimals shown in percent.

    "96.13%" and 96.13 mean 96.13. A bare number may also be a fraction formatted as a percent in
    Excel (0.9613 shown as 96.13%): both readings are returned, the caller keeps the one nearest the
    computed rate and says so.
    """
    if not parsed.ok or parsed.value is None:
        return []
    if parsed.percent:
        return [(parsed.value, parsed.decimals)]
    readings = [(parsed.value, parsed.decimals)]
    if abs(parsed.value) <= 10:
        readings.append((round(parsed.value * 100, 10), max(parsed.decimals - 2, 0)))
    return readings


def round_half_up(value: float, decimals: int) -> float:
    """Round as people and Excel do (half away from zero), robust to binary noise."""
    factor = 10.0**decimals
    scaled = abs(value) * factor
    return math.copysign(math.floor(scaled + 0.5 + 1e-9), value) / factor


def truncate(value: float, decimals: int) -> float:
    """Cut digits off, as people do when they copy a rate by hand."""
    factor = 10.0**decimals
    return math.copysign(math.floor(abs(value) * factor + 1e-9), value) / factor


WAN = 10_000  # 元 in a 万元: forms keep amounts in either (a system export in 元, a typed form in 万元)


@lru_cache(maxsize=1 << 14)  # the same weights, thresholds and scores recur in every workbook
def fmt(value: float | None, decimals: int = 2) -> str:
    """A number for messages: at most ``decimals`` decimals, no trailing zeros, no "-0"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{round_half_up(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_pct(value: float | None) -> str:
    """A percent for messages: "85.71%"."""
    return "—" if value is None or math.isnan(value) else f"{round_half_up(value, 2):.2f}%"


def is_empty(raw: object) -> bool:
    """A cell with nothing typed in it (spaces alone count as nothing)."""
    return raw is None or (isinstance(raw, str) and not raw.strip())
