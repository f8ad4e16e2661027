"""Numbers shown as percentages. A cell whose number format is a percentage ("0.00%") shows 0.0672 as 6.72 %: the
person typed 6.72 %. python-calamine gives the number alone, so the reader puts in the percentage the person sees (at
the number's full precision), and a rate is never read as 0.0672 % beside a "≤5%" target.

Found in the XML sniff inflated anyway: the styles part names the percentage formats (built-in 9 and 10, or a format
code with "%"), and each sheet's cells in those styles are found with one search at C speed."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

_NUMFMT: Final = re.compile(rb"<(?:\w+:)?numFmt\b([^>]*)/?>")
_FMT_ID: Final = re.compile(rb'\bnumFmtId="(\d+)"')
_FMT_CODE: Final = re.compile(rb'\bformatCode="([^"]*)"')
_CELL_XFS: Final = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_XF: Final = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
_QUOTED: Final = re.compile(rb'&quot;.*?&quot;|"[^"]*"|\\.')  # a literal "%" in a format prints a sign, no percentage


Styles = frozenset[tuple[int, int]]  # (style index, decimals its percentage shows)


@lru_cache(maxsize=64)  # a batch's returns share a few styles parts
def percent_styles(styles: bytes) -> Styles:
    """The style indices (a cell's s="…") whose number format shows a percentage, each with the decimals it shows
    ("0.00%": 2)."""
    percent = {9: 0, 10: 2}  # built in: "0%", "0.00%"
    for attrs in _NUMFMT.findall(styles):
        fmt_id, code = _FMT_ID.search(attrs), _FMT_CODE.search(attrs)
        if fmt_id is not None and code is not None and b"%" in (bare := _QUOTED.sub(b"", code.group(1))):
            decimals = _DECIMALS.search(bare.split(b";")[0])
            percent[int(fmt_id.group(1))] = len(decimals.group(1)) if decimals else 0
    xfs = _CELL_XFS.search(styles)
    if xfs is None:
        return frozenset()
    found = set()
    for index, attrs in enumerate(_XF.findall(xfs.group(1))):
        fmt_id = _FMT_ID.search(attrs)
        if fmt_id is not None and int(fmt_id.group(1)) in percent:
            found.add((index, percent[int(fmt_id.group(1))]))
    return frozenset(found)


_DECIMALS: Final = re.compile(rb"\.([0#?]+)")  # "0.00%": the places after the point


@lru_cache(maxsize=64)
def _cells_in(styles: Styles) -> re.Pattern[bytes]:
    """A number cell in one of the styles: its reference, its style and its value (a shared string, text, a boolean
    or an error is no number)."""
    alternatives = b"|".join(str(s).encode() for s, _ in sorted(styles))
    return re.compile(
        rb'<c r="([A-Z]{1,3}[0-9]{1,7})"(?:(?! t="(?:s|str|inlineStr|b|e)")[^>])*? s="('
        + alternatives
        + rb')"(?:(?! t="(?:s|str|inlineStr|b|e)")[^>])*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>([^<]{1,32})</v>'
    )


def percent_cells(content: bytes, styles: Styles) -> dict[str, str]:
    """Cell reference -> the percentage a number cell in a percentage style shows: at the number's full precision
    and at least the decimals its format shows ("6.72%" for 0.0672, "92.00%" for 0.92 in "0.00%")."""
    if not styles:
        return {}
    places = dict(styles)
    out: dict[str, str] = {}
    for ref, style, value in _cells_in(styles).findall(content):
        try:
            number = float(value)
        except ValueError:
            continue
        out[ref.decode()] = _shown(number * 100, places.get(int(style), 0))
    return out


def _shown(percent: float, decimals: int) -> str:
    """The percentage at full precision, padded with zeros to the decimals the format shows."""
    text = f"{percent:.10g}"
    if "e" in text or not decimals:
        return f"{text}%"
    whole, _, fraction = text.partition(".")
    return f"{whole}.{fraction.ljust(decimals, '0')}%"
