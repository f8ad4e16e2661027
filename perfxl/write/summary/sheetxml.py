"""Table rows as worksheet XML, made in two steps so that the costly one can run in a batch's workers.

``fragment`` turns a row's values into its cells' XML (UTF-8, made where the row was scored: a batch's
workers encode in parallel) cut where the row number goes (the cell references), and measures what the row's
height needs (the width of every line of its wrapping texts). Where the row lands, ``RowWriter`` joins the
pieces with the row number (one ``bytes.join``) and sets the height. Each cell
carries its column's style: ``KIND_STYLE``, as the summary numbers its column formats (it makes them first);
should a workbook number them otherwise, the summary makes the rows again with its own numbers.

Every text is an inline string (``t="inlineStr"``) escaped as xlsxwriter escapes text, so a unit name such as
``=HYPERLINK(…)`` is stored as text and no ``<f>`` is ever written; numbers are ``<v>`` elements.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import compress, repeat
from operator import is_not

from xlsxwriter.utility import xl_col_to_name  # type: ignore[import-untyped]

from perfxl.write.formula_text import looks_like_formula

Cell = float | str | None
Units = tuple[float, ...]  # the width of each line of a text, in column units
Fragment = tuple[list[bytes], tuple[Units, ...]]  # (cells XML cut at the row numbers, line units of wrapping texts)

# How a column's cells look (summary.Column.kind); "general_wrap": a value that may be a number or a text (a
# declared value as typed), right-aligned, wrapped when it is a long text
KINDS = ("text", "wrap", "num", "int", "center", "general", "general_wrap")
WRAPPING = frozenset({"wrap", "general_wrap"})  # the kinds whose texts wrap (their widths size the row)
# Each kind's style, then the same with quotePrefix for a text that starts like a formula ("=HYPERLINK(…)", "-5%",
# "@x"): stored as text anyway, but without the prefix a person who edits the cell turns it into a formula.
QUOTED = tuple(f"{kind}_quoted" for kind in KINDS)
KIND_STYLE = {kind: f' s="{i}"' for i, kind in enumerate((*KINDS, *QUOTED), start=1)}  # a column kind's cells' style

LINE_HEIGHT = 15.0  # points per line of 11 pt text
MAX_LINES = 12
MAX_TEXT = 32767  # Excel's characters per cell
_MEMO = 2_000  # cells' XML (and texts' widths) remembered before a memo is emptied: memory stays small
_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_XML_SPECIAL = re.compile(r"[&<>]")
_REFS: list[bytes] = []  # column letters
_PIECES: dict[tuple[str, float | str], bytes] = {}  # (style, value) -> the cell's XML after its reference
_UNITS: dict[str, Units] = {}  # text -> line_units


def fragment(row: Sequence[Cell], kinds: Sequence[str], styles: Mapping[str, str] = KIND_STYLE) -> Fragment:
    """The row's cells as XML cut where the row number goes, and its wrapping texts' line widths.

    ``styles``: each column kind's style attribute (`` s="2"``), KIND_STYLE unless the workbook numbered its
    formats otherwise."""
    while len(_REFS) < len(kinds):
        _REFS.append(xl_col_to_name(len(_REFS)).encode())
    parts = [b'<c r="']
    texts = (row[j] if j < len(row) else None for j in _wrap_columns(tuple(kinds)))
    wrap = tuple(_units(text) if isinstance(text, str) else () for text in texts)
    # only the filled cells are visited: a detail row is mostly blank columns (no such form, no such rate)
    for j in compress(range(len(row)), map(is_not, row, repeat(None))):
        value = row[j]
        if value == "":
            continue
        kind = kinds[j]
        quoted = styles.get(f"{kind}_quoted") if isinstance(value, str) and looks_like_formula(value) else None
        style = quoted or styles[kind]
        # a cell's XML after its reference, remembered by style and value: texts and scores recur in every return
        # (0.0 == -0.0: zeros are never remembered)
        xml = _PIECES.get((style, value)) if value else None
        if xml is None:
            if isinstance(value, str):
                xml = f'"{style} t="inlineStr"><is>{text_xml(value)}</is></c><c r="'.encode("utf-8", "replace")
            else:
                xml = f'"{style}><v>{value:.16G}</v></c><c r="'.encode()
            if value:
                if len(_PIECES) >= _MEMO:
                    _PIECES.clear()
                _PIECES[(style, value)] = xml
        parts[-1] += _REFS[j]
        parts.append(xml)
    parts[-1] = parts[-1][: -len(b'<c r="')]
    return parts, wrap


@lru_cache(maxsize=64)
def _wrap_columns(kinds: tuple[str, ...]) -> tuple[int, ...]:
    """The columns whose texts wrap (their line widths size the row)."""
    return tuple(j for j, kind in enumerate(kinds) if kind in WRAPPING)


def _units(text: str) -> Units:
    """``line_units``, remembered."""
    units = _UNITS.get(text)
    if units is None:
        if len(_UNITS) >= _MEMO:
            _UNITS.clear()
        units = _UNITS[text] = line_units(text)
    return units


class RowWriter:
    """``<row>`` elements from fragments, for a table whose wrapping columns have the given widths."""

    def __init__(self, wrap_widths: Sequence[float]) -> None:
        self.usable = [max(1.0, width - 1.5) for width in wrap_widths]
        self._heights: dict[tuple[Units, ...], float | None] = {}  # rows of a table repeat their texts' widths

    def height(self, wrap: tuple[Units, ...]) -> float | None:
        """Points for a row whose wrapped text needs more than one line (None: the default height)."""
        lines = 1
        for units, usable in zip(wrap, self.usable, strict=True):
            if len(units) == 1:
                if units[0] <= usable:
                    continue
                needed = math.ceil(units[0] / usable)
            else:
                needed = sum(max(1, math.ceil(u / usable)) for u in units)
            if needed > lines:
                lines = needed
        return LINE_HEIGHT * min(lines, MAX_LINES) if lines > 1 else None

    def row(self, number: int, frag: Fragment) -> bytes:
        cells, wrap = frag
        if not wrap:
            h = None
        elif wrap in self._heights:
            h = self._heights[wrap]
        else:
            if len(self._heights) >= _MEMO:
                self._heights.clear()
            h = self._heights[wrap] = self.height(wrap)
        start = f'<row r="{number}">' if h is None else f'<row r="{number}" ht="{h:g}" customHeight="1">'
        return b"%s%s</row>" % (start.encode(), (b"%d" % number).join(cells))


def line_units(text: str) -> Units:
    """The width of each line of a text: CJK characters (3 UTF-8 bytes) count 2 units, ASCII 1."""
    if "\n" not in text:
        return ((len(text.encode("utf-8")) + len(text)) / 2,)
    return tuple((len(line.encode("utf-8")) + len(line)) / 2 for line in text.split("\n"))


def lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` units wide (a little pessimistic: words wrap whole)."""
    usable = max(1.0, width - 1.5)
    return sum(max(1, math.ceil(u / usable)) for u in line_units(text))


def text_width(value: Cell) -> float:
    """Approximate column units of a cell: its longest line's."""
    if not isinstance(value, str):
        return 0.0 if value is None else 8.0
    return max(line_units(value))


def clip(text: str) -> str:
    """At most Excel's 32,767 characters a cell, counted in UTF-16 units as Excel counts them."""
    if len(text) > MAX_TEXT // 2:
        units = text.encode("utf-16-le", "surrogatepass")
        if len(units) > 2 * MAX_TEXT:
            return units[: 2 * MAX_TEXT].decode("utf-16-le", "ignore")
    return text


def text_xml(text: str) -> str:
    """``<t>`` of an inline string, escaped as xlsxwriter escapes text: a string is never a formula."""
    text = clip(text)
    if "_x" in text:
        text = _ESCAPED.sub(r"_x005F\1", text)  # a literal "_x0041_" stays literal
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    if _XML_SPECIAL.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text[:1].isspace() or text[-1:].isspace():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"
