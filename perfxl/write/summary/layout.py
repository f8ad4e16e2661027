"""What every sheet of the batch summary shares: its formats, the table layout and the print setup.

A table is laid out here through xlsxwriter (column widths and formats, the header row, the filter, print
titles and page fit); its rows are not written here but returned as a ``Body``, which ``splice`` puts into
the finished workbook as XML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from perfxl.write.summary.rows import Column
from perfxl.write.summary.sheetxml import KIND_STYLE, LINE_HEIGHT, WRAPPING, Cell, Fragment, fragment, lines, text_width
from perfxl.write.xlsx_formats import Formats, Worksheet

RowSource = Callable[[], Iterable[list[Cell]]]  # each call: the rows of a table from the first, made as they are read
Fragments = Callable[[], Iterable[Fragment]]  # each call: the same rows as XML fragments

MAX_ROWS = 1_048_576  # Excel's rows per sheet
NONE_ROW = "无"
BAR = "#5B9BD5"  # the data bars of 汇总 and the charts' columns

_RED_FILL, _RED_TEXT = "#FFC7CE", "#9C0006"
_YELLOW_FILL, _YELLOW_TEXT = "#FFEB9C", "#9C5700"
_HEADER_FILL, _GREY_FILL, _GREY_TEXT = "#DDEBF7", "#EDEDED", "#595959"
# Column-width units across A4 landscape inside print_setup's margins at 100 %: 149 at ~5.25 pt a unit, 137 as
# LibreOffice lays out the same columns with its fonts. A table up to _PAGE_UNITS / _MIN_SCALE wide is fitted to one
# page wide (its 11 pt type no smaller than 9 pt); a wider one prints at 100 % across pages.
_PAGE_UNITS = 137.0
_MIN_SCALE = 9 / 11
_WIDTH_SAMPLE = 2000  # rows looked at to size a text column
_FOOTER = "&C第 &P 页，共 &N 页"

# How a column's cells look, by its kind (sheetxml.KINDS). These come first and are numbered first, as the
# batch's workers wrote their cells' styles (sheetxml.KIND_STYLE); splice checks the numbers they got.
COLUMN_FORMATS: dict[str, dict[str, object]] = {
    "text": {"valign": "top"},
    "wrap": {"valign": "top", "text_wrap": True},
    "num": {"valign": "top", "num_format": "0.00"},
    "int": {"valign": "top", "num_format": "0", "align": "center"},
    "center": {"valign": "top", "align": "center"},
    "general": {"valign": "top", "align": "right"},
    "general_wrap": {"valign": "top", "align": "right", "text_wrap": True},
}
COLUMN_FORMATS.update({f"{kind}_quoted": {**fmt, "quote_prefix": True} for kind, fmt in list(COLUMN_FORMATS.items())})
FORMATS: dict[str, dict[str, object]] = {
    "title": {"bold": True, "font_size": 14},
    "plain": {},
    "bold": {"bold": True},
    "red": {"font_color": "#C00000", "bold": True},
    "header": {
        "bold": True,
        "bg_color": _HEADER_FILL,
        "border": 1,
        "text_wrap": True,
        "align": "center",
        "valign": "vcenter",
    },
    "cell": {"border": 1},
    "cell_int": {"border": 1, "num_format": "0"},
    "none": {"italic": True, "font_color": _GREY_TEXT},
    "cf_red": {"bg_color": _RED_FILL, "font_color": _RED_TEXT},
    "cf_yellow": {"bg_color": _YELLOW_FILL, "font_color": _YELLOW_TEXT},
    "cf_grey": {"bg_color": _GREY_FILL, "font_color": _GREY_TEXT},
    "cf_red_text": {"font_color": "#C00000"},
}


def summary_formats(book: Any) -> Formats:
    """The summary's formats, the column formats numbered first (in sheetxml.KINDS order)."""
    formats = Formats(book, {**COLUMN_FORMATS, **FORMATS})
    for kind in KIND_STYLE:
        getattr(formats[kind], "_get_xf_index", lambda: None)()  # numbered now, in this order
    return formats


@dataclass
class Body:
    """The rows of one table, below its header row ``top`` (0-based), spliced in after xlsxwriter.

    The rows are not kept: ``rows()`` makes them again, one at a time, as the body is written.
    """

    top: int
    rows: RowSource
    fragments: Fragments
    n_rows: int  # how many of them the sheet takes
    kinds: list[str]  # each column's kind
    wrap_widths: list[float]  # widths of the wrapping columns, left to right: they set row heights

    @property
    def ncols(self) -> int:
        return len(self.kinds)

    def iter_rows(self) -> Iterator[list[Cell]]:
        return _exactly(self.rows(), self.n_rows)

    def iter_fragments(self) -> Iterator[Fragment]:
        return _exactly(self.fragments(), self.n_rows)


def _exactly(items: Iterable[Any], n: int) -> Iterator[Any]:
    count = 0
    for item in islice(items, n):
        count += 1
        yield item
    if count != n:
        raise RuntimeError(f"perfxl: a summary table has {count} rows, {n} expected")


def table(
    ws: Worksheet,
    st: Formats,
    top: int,
    columns: Sequence[Column],
    rows: RowSource,
    count: int,
    fragments: Fragments | None = None,
    repeat_columns: int | None = None,
    hidden: frozenset[int] = frozenset(),
) -> Body:
    """Lay out a table of ``count`` rows with its header at row ``top``; its rows become a body to splice in.

    Text columns are sized to the first rows. Printed one page wide while that keeps the type at 9 pt or more, else
    at 100 % across pages with the first ``repeat_columns`` (default 1) repeated on each. With no rows, one row "无"
    is written here and the body is empty. ``fragments`` gives the rows as XML fragments if they were made
    beforehand (else they are made from ``rows``). Columns in ``hidden`` are laid out but hidden, on screen and on
    paper (what no row fills).
    """
    n_rows = min(count, MAX_ROWS - top - 1)
    sample = list(islice(rows(), min(n_rows, _WIDTH_SAMPLE)))
    widths = []
    for j, col in enumerate(columns):
        width = col.lo
        if col.hi is not None:
            longest = max((text_width(row[j]) for row in sample), default=0.0)
            width = min(col.hi, max(col.lo, longest + 2))
        widths.append(0.0 if j in hidden else width)
        ws.set_column(j, j, width, st[col.kind], {"hidden": True} if j in hidden else None)
    # the header's height from the columns shown (a hidden column's width 0 would wrap its header a character a line)
    shown = [(col, width) for j, (col, width) in enumerate(zip(columns, widths, strict=True)) if j not in hidden]
    header_lines = max((lines(col.header, width) for col, width in shown), default=1)
    ws.set_row(top, LINE_HEIGHT * header_lines + 4)
    ws.write_row(top, 0, [col.header for col in columns], st["header"])
    if not n_rows:
        ws.write_string(top + 1, 0, NONE_ROW, st["none"])
    last = top + max(1, n_rows)
    ws.autofilter(top, 0, last, len(columns) - 1)
    print_setup(ws, header_row=top)
    if sum(widths) <= _PAGE_UNITS / _MIN_SCALE:
        ws.fit_to_pages(1, 0)
    else:  # printed at 100 % across pages, the columns that say which return a row is repeated on each
        ws.set_print_scale(100)
        ws.repeat_columns(0, (repeat_columns or 1) - 1)
    kinds = [col.kind for col in columns]
    if fragments is None:
        fragments = lambda: (fragment(row, kinds) for row in rows())  # noqa: E731
    wrap_widths = [width for col, width in zip(columns, widths, strict=True) if col.kind in WRAPPING]
    return Body(top, rows, fragments, n_rows, kinds, wrap_widths)


def print_setup(ws: Worksheet, header_row: int | None) -> None:
    """A4 landscape with a page-number footer; a table's header row repeated on every page."""
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer(_FOOTER)
    if header_row is not None:
        ws.repeat_rows(header_row)
        ws.hide_gridlines(0)  # 0: gridlines on screen and on paper
