"""Tests for perfxl.read.sheet_extent: far cells are found without python-calamine, which would abort on them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import python_calamine
from sniff_inputs import FAR, SHEET, P, patch, rejected, rezip, write

from perfxl.read.sniff import Limits, sniff

# --------------------------------------------------------------------------------------------------
# D. Far cells (python-calamine densifies rows x columns and aborts the process)


@pytest.fixture
def no_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any use of python-calamine during the test fails loudly."""

    def boom(*args: object, **kwargs: object) -> object:
        raise AssertionError("python-calamine must not be called on this file")

    for name in ("load_workbook",):
        monkeypatch.setattr(python_calamine, name, boom)
    for name in ("from_path", "from_filelike", "from_object"):
        monkeypatch.setattr(python_calamine.CalamineWorkbook, name, boom)
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # a fresh import fails too


@pytest.mark.usefixtures("no_calamine")
@pytest.mark.parametrize(
    "far",
    [
        FAR,
        b'<row r="1048576"><c s="0" r="XFD1048576"><v>1</v></c></row></sheetData>',
        b"<row r='1048576'><c r = 'xfd1048576'><v>1</v></c></row></sheetData>",
        b'<row r="1048576"><c t="n" r="&#88;FD1048576"><v>1</v></c></row></sheetData>',
        b'<row r="1048576"><c t="a>b" r="XFD1048576"><v>1</v></c></row></sheetData>',
        b'<row r="1048576"><c t="s r=\'A1\'" r="XFD1048576"><v>0</v></c></row></sheetData>',
        b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>',
        # no r at all: the 16384th cell of the last row (openpyxl and calamine count positions)
        b'<row r="1048576">' + b"<c/>" * 16383 + b"<c><v>1</v></c></row></sheetData>",
    ],
    ids=[
        "plain",
        "r-not-first",
        "quotes-lowercase",
        "char-ref",
        "gt-in-value",
        "fake-r-in-value",
        "empty",
        "no-r",
    ],
)
def test_t24_far_cell_rejected_without_calamine(tmp_path: Path, far: bytes) -> None:
    path = write(tmp_path, "far.xlsx", patch(SHEET, (b"</sheetData>", far)))
    err = rejected(path, "too-large", "远离表格区域", "XFD1048576", SHEET, "请删除多余内容后重新保存")
    assert err.sheet == "Data" and err.cell == "XFD1048576"


def test_t24_prefixed_namespace_sheet(tmp_path: Path) -> None:
    sheet = (
        b'<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
        b'<x:row r="900000"><x:c r="AAA900000"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    )
    rejected(write(tmp_path, "x.xlsx", rezip({**P, SHEET: sheet})), "too-large", "AAA900000")


@pytest.mark.parametrize(
    "extra",
    [
        b'<row r="1048576" ht="20" customHeight="1"/></sheetData>',  # formatted row, no cells
        b'<row r="1048000"><c r="A1048000" s="0"/><c r="B1048000"><v>1</v></c></row></sheetData>',  # T26
        b'<row r="20"><c r="T20"><v>1</v></c></row></sheetData>',
    ],
)
def test_benign_extents_pass(tmp_path: Path, extra: bytes) -> None:
    path = write(tmp_path, "ok.xlsx", patch(SHEET, (b"</sheetData>", extra)))
    assert sniff(path).kind == "xlsx"


def test_t22_overstated_dimension_is_not_rejected(tmp_path: Path) -> None:
    data = patch(SHEET, (b'<dimension ref="A1:B3"/>', b'<dimension ref="A1:XFD1048576"/>'))
    assert sniff(write(tmp_path, "x.xlsx", data)).kind == "xlsx"


@pytest.mark.parametrize(
    ("cell", "rows", "columns"),
    [("ZZ9999", 9999, 702), ("AAA10000", 10000, 703), ("zz9999", 9999, 702)],
)
def test_extent_is_exact_against_any_limit(tmp_path: Path, cell: str, rows: int, columns: int) -> None:
    far = f'<row r="{rows}"><c r="{cell}"><v>1</v></c></row></sheetData>'.encode()
    path = write(tmp_path, "x.xlsx", patch(SHEET, (b"</sheetData>", far)))
    assert sniff(path).kind == "xlsx"  # 7.0 M cells: under the default 20 M
    assert sniff(path, limits=Limits(max_sheet_area=rows * columns)).kind == "xlsx"
    err = rejected(path, "too-large", f"{rows} 行 × {columns} 列", limits=Limits(max_sheet_area=rows * columns - 1))
    assert err.cell == cell.upper()
