"""A sheet as positioned cells and merged ranges, written to .xlsx with xlsxwriter (rows and columns 1-based)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import xlsxwriter

Value = str | int | float | Decimal | None
Box = tuple[int, int, int, int]  # first row, first col, last row, last col

_A1 = re.compile(r"^([A-Z]+)(\d+)$")


def col_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


def parse_a1(ref: str) -> tuple[int, int]:
    """'C7' → (7, 3)."""
    match = _A1.match(ref)
    if match is None:
        raise ValueError(f"not an A1 cell: {ref!r}")
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - 64
    return int(match.group(2)), col


def parse_range(ref: str) -> Box:
    """'A1:C2' → (1, 1, 2, 3); a single cell is a 1×1 box."""
    first, _, last = ref.partition(":")
    r1, c1 = parse_a1(first)
    r2, c2 = parse_a1(last or first)
    return r1, c1, r2, c2


def range_ref(box: Box) -> str:
    return f"{a1(box[0], box[1])}:{a1(box[2], box[3])}"


@dataclass
class Grid:
    """One sheet: values (with an optional Excel number format) at (row, col), and merged boxes."""

    name: str
    cells: dict[tuple[int, int], tuple[Value, str | None]] = field(default_factory=dict)
    merges: list[Box] = field(default_factory=list)

    def put(self, row: int, col: int, value: Value, number_format: str | None = None) -> str:
        """Place a value and return its A1 address."""
        self.cells[(row, col)] = (value, number_format)
        return a1(row, col)

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        if (r1, c1) != (r2, c2):
            self.merges.append((r1, c1, r2, c2))

    def text(self, row: int, col: int) -> str:
        value = self.cells.get((row, col), (None, None))[0]
        return "" if value is None else str(value)

    def put_rows(self, top: int, left: int, rows: list[list[Value]] | list[tuple[Value, ...]]) -> None:
        """Rows of values from (top, left) on, "" left blank."""
        for r, cells in enumerate(rows, start=top):
            for c, value in enumerate(cells, start=left):
                if value != "":
                    self.put(r, c, value)

    def put_base_list(self, top: int, blocks: list[tuple[str, list[tuple[str, str, Value]]]]) -> None:
        """附件4 as one vertical list from row ``top``: 序号 | 项目 | 指标 | 单位 | 数值, each block's title merged down
        beside its (label, unit, value) rows."""
        self.put_rows(top, 1, [["序号", "项目", "指标", "单位", "数值"]])
        row = top + 1
        for number, (title, fields) in enumerate(blocks, start=1):
            self.put(row, 1, number)
            self.put(row, 2, title)
            self.merge(row, 2, row + len(fields) - 1, 2)
            self.put_rows(row, 3, [list(f) for f in fields])
            row += len(fields)


def _excel(value: Value) -> str | int | float | None:
    # xlsxwriter knows no Decimal; whole numbers stay ints so they read back as 10, not 10.0
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def save(grids: list[Grid], path: Path) -> Path:
    """Write the sheets in order; merged boxes carry their top-left value."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"in_memory": True})
    formats: dict[str, xlsxwriter.format.Format] = {}

    def fmt(number_format: str | None) -> xlsxwriter.format.Format | None:
        if number_format is None:
            return None
        if number_format not in formats:
            formats[number_format] = book.add_format({"num_format": number_format})
        return formats[number_format]

    for grid in grids:
        sheet = book.add_worksheet(grid.name)
        tops = set()
        for r1, c1, r2, c2 in grid.merges:
            value, number_format = grid.cells.get((r1, c1), (None, None))
            sheet.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "", fmt(number_format))
            tops.add((r1, c1))
            if value not in (None, ""):
                _write(sheet, r1, c1, _excel(value), fmt(number_format))
        for (row, col), (value, number_format) in sorted(grid.cells.items()):
            if (row, col) not in tops and value not in (None, ""):
                _write(sheet, row, col, _excel(value), fmt(number_format))
    book.close()
    return path


def _write(sheet: xlsxwriter.worksheet.Worksheet, row: int, col: int, value: object, cell_format: object) -> None:
    # strings are written as strings even when they look like numbers or formulas ("=100%" is printed text)
    if isinstance(value, str):
        sheet.write_string(row - 1, col - 1, value, cell_format)
    else:
        sheet.write_number(row - 1, col - 1, value, cell_format)
