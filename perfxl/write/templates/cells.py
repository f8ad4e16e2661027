"""What the template layouts share: their formats, writing a value or a merged range, sizing, print setup."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from perfxl.rules import FormDef
from perfxl.write.xlsx_formats import Format, Formats, Worksheet

LINE = 14.0  # points per wrapped line of 10 pt text
TITLE_HEIGHT = 32.0  # the title row
_YELLOW, _GREY = "#FFF2CC", "#E7E6E6"  # input cells; inputs perfxl can work out itself
BASE_FORMAT: dict[str, object] = {"font_name": "宋体", "font_size": 10, "valign": "vcenter"}
FORMATS: dict[str, dict[str, object]] = {
    "title": {"bold": True, "font_size": 16, "align": "center"},
    "label": {"bold": True, "border": 1, "text_wrap": True, "align": "center"},
    "text": {"border": 1, "text_wrap": True},
    "centre": {"border": 1, "text_wrap": True, "align": "center"},
    "right": {"align": "right"},
    "input": {"border": 1, "align": "center", "locked": False, "bg_color": _YELLOW},
    "derived": {"border": 1, "align": "center", "locked": False, "bg_color": _GREY},
    "input_text": {"border": 1, "text_wrap": True, "locked": False, "bg_color": _YELLOW},
    "input_wrap": {"border": 1, "text_wrap": True, "align": "center", "locked": False, "bg_color": _YELLOW},
    "input_block": {"border": 1, "text_wrap": True, "valign": "top", "locked": False, "bg_color": _YELLOW},
    "input_percent": {"border": 1, "align": "center", "num_format": "0%", "locked": False, "bg_color": _YELLOW},
    "amount": {"border": 1, "align": "right", "num_format": "#,##0.00", "locked": False, "bg_color": _YELLOW},
    "note": {"text_wrap": True, "font_size": 9},
}


def template_formats(book: Any) -> Formats:
    """The templates' formats of a workbook (its input cells unlocked and shaded)."""
    return Formats(book, FORMATS, base=BASE_FORMAT)


def weight_format(formats: Formats, value: float, bold: bool = False) -> Format:
    """A 分值 cell: "7分", or "2.5分" when the weight has decimals."""
    number = '0"分"' if float(value).is_integer() else '0.0#"分"'
    return formats.get(border=1, align="center", num_format=number, bold=bold)


def write(sheet: Worksheet, row: int, col: int, value: object, style: Format) -> None:
    """Numbers as numbers, text as text exactly as given (never parsed), None as a formatted blank."""
    if value is None:
        sheet.write_blank(row, col, None, style)
    elif isinstance(value, str):
        sheet.write_string(row, col, value, style)
    else:
        sheet.write_number(row, col, value, style)


def span(sheet: Worksheet, r1: int, c1: int, r2: int, c2: int, value: object, style: Format) -> None:
    """Write ``value`` at (r1, c1), merged over the range to (r2, c2) when that is more than one cell."""
    if (r1, c1) != (r2, c2):
        sheet.merge_range(r1, c1, r2, c2, "", style)
    write(sheet, r1, c1, value, style)


def _text_width(text: str) -> int:
    """Column units of a text: East Asian wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_width(texts: Iterable[str], low: float, high: float) -> float:
    """A column wide enough for its longest text (CJK characters count two), within low…high."""
    return min(max([low, *(_text_width(t) + 2 for t in texts)]), high)


# Column units across an A4 page inside print_setup's margins at 100 %, with room to spare for a reader whose
# fonts run wider (LibreOffice with a substitute font): a table within them prints unshrunk, its 10 pt text at 10 pt.
PAGE_UNITS = {True: 128.0, False: 86.0}  # landscape, portrait


def fit_widths(widths: Sequence[float], landscape: bool, low: float = 6.0) -> list[float]:
    """Column widths narrowed in proportion (none below ``low``) so the table fits the page at 100 %: fitting it to
    the page width instead would shrink every character below 9 pt. Text wraps in the narrower columns (row heights
    are made from the widths returned)."""
    total = sum(widths)
    budget = PAGE_UNITS[landscape]
    if total <= budget:
        return list(widths)
    fixed = [w for w in widths if w <= low]
    scale = max(0.0, budget - sum(fixed)) / max(total - sum(fixed), 1e-9)
    return [w if w <= low else max(low, math.floor(w * scale * 10) / 10) for w in widths]


def line_count(text: str, width: float) -> int:
    """Lines a text takes wrapped in a column ``width`` units wide."""
    return max(1, math.ceil(_text_width(text) / max(width - 2, 1)))


# Points of rows an A4 page holds inside print_setup's margins (with room to spare: a break perfxl puts must come
# before the one a reader would put).
PAGE_HEIGHT = {True: 460.0, False: 690.0}  # landscape, portrait


class RowHeights:
    """The heights a template writer gives its rows, recorded as it sets them (the page breaks are placed from
    them)."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.rows: dict[int, float] = {}

    def set(self, row: int, height: float) -> None:
        self.sheet.set_row(row, height)
        self.rows[row] = height

    def upto(self, last: int) -> list[float]:
        """Every row's height from row 0 to ``last`` (15 pt, the default, for a row never set)."""
        return [self.rows.get(r, 15.0) for r in range(last + 1)]


def page_breaks(
    heights: Sequence[float], blocks: Iterable[tuple[int, int]], repeat: tuple[int, int], landscape: bool
) -> list[int]:
    """The rows that begin a new page so that no block of rows (an indicator group, merged down its rows) is cut in
    two where it fits on one page. ``heights``: every row's height in points from row 0; rows ``repeat`` (first,
    last) print again at the top of every page after the first."""
    page = PAGE_HEIGHT[landscape]
    head = sum(heights[repeat[0] : repeat[1] + 1])
    ends: dict[int, list[int]] = {}
    for first, last in blocks:
        ends.setdefault(first, []).append(last)
    breaks: list[int] = []
    used, r = 0.0, 0
    while r < len(heights):
        # the largest block starting here that fits on a page moves as one (一级 whole, else its 二级 group)
        fitting = [e for e in ends.get(r, []) if sum(heights[r : e + 1]) <= page - head]
        end = max(fitting, default=min(ends.get(r, [r])))
        size = sum(heights[r : end + 1])
        if used + size > page and used > head and size <= page - head:
            breaks.append(r)
            used = head
        used += size
        while used > page:  # a block taller than a page is cut where the reader cuts it
            used -= page - head
        r = end + 1
    return breaks


def print_setup(sheet: Worksheet, landscape: bool, header_rows: int) -> None:
    """A4 at 100 % (the columns are made to fit: ``fit_widths``; a scale to fit would make a reader ignore the
    page breaks that keep groups whole), the first ``header_rows`` rows printed on every page, numbered pages."""
    sheet.set_paper(9)  # A4
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_print_scale(100)
    sheet.repeat_rows(0, header_rows - 1)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.75)
    sheet.center_horizontally()
    sheet.set_footer("&C第 &P 页，共 &N 页")


def write_title(sheet: Worksheet, form: FormDef, ncols: int, styles: Formats) -> None:
    """The form's title over the first ``ncols`` columns of row 1."""
    span(sheet, 0, 0, 0, ncols - 1, f"{form.short}  {form.title}" if form.short else form.title, styles["title"])
    sheet.set_row(0, TITLE_HEIGHT)  # recorded by its caller as TITLE_HEIGHT


def runs(keys: Sequence[object]) -> list[tuple[int, int]]:
    """(first, last) index of each run of equal consecutive keys: the rows a group's merged cell spans."""
    found: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        if found and keys[found[-1][0]] == key:
            found[-1] = (found[-1][0], i)
        else:
            found.append((i, i))
    return found
