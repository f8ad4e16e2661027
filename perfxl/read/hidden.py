"""Rows and columns a worksheet hides (``<row r hidden="1">``, ``<col min max hidden="1">``): a template's unused
rows left with sample numbers, a helper column kept beside a form ("上年数(辅助)") are not what the person sees and
prints, so their cells are no values of the form. python-calamine does not say what is hidden; the worksheet XML
sniff inflated anyway does."""

from __future__ import annotations

import re
from typing import Final, NamedTuple

_COL: Final = re.compile(rb"<col\b[^>]*>")
_ROW: Final = re.compile(rb"<row\b[^>]*\bhidden=\"(?:1|true)\"[^>]*>")
_ATTR: Final = re.compile(rb'\b(min|max|hidden|r)="([^"]*)"')
_MAX_COLUMN: Final = 16384  # XFD: a <col> range past it is clipped
_MOST_COLUMNS: Final = 64  # a form hides a helper column or two; "hide every column right of the form" hides none of it


class Hidden(NamedTuple):
    rows: frozenset[int]  # 0-based
    cols: frozenset[int]  # 0-based


def hidden_cells(content: bytes) -> Hidden | None:
    """The rows and columns a worksheet part hides; None for a sheet that hides neither (nearly every sheet)."""
    if b'hidden="' not in content:  # one search at C speed: most sheets hide nothing
        return None
    start = content.find(b"<sheetData")
    cols: set[int] = set()
    for tag in _COL.findall(content[:start] if start >= 0 else content):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get(b"hidden") not in (b"1", b"true"):
            continue
        try:
            first, last = int(attrs[b"min"]), min(int(attrs[b"max"]), _MAX_COLUMN)
        except (KeyError, ValueError):
            continue
        if last - first < _MOST_COLUMNS:
            cols.update(range(first - 1, last))
    rows: set[int] = set()
    for tag in _ROW.findall(content, max(start, 0)):
        number = dict(_ATTR.findall(tag)).get(b"r")
        if number is not None and number.isdigit():
            rows.add(int(number) - 1)
    return Hidden(frozenset(rows), frozenset(cols)) if rows or cols else None
