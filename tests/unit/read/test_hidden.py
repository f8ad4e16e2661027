"""Hidden rows and columns as the worksheet XML says them."""

from __future__ import annotations

from perfxl.read.hidden import Hidden, hidden_cells

COLS = b'<cols><col min="1" max="8" width="12"/><col min="9" max="9" width="0" hidden="1" customWidth="1"/></cols>'
ROWS = b'<sheetData><row r="3" spans="1:9"><c r="A3"/></row><row r="14" hidden="1" spans="1:9"><c r="A14"/></row>'


def test_hidden_rows_and_columns_are_found() -> None:
    found = hidden_cells(b"<worksheet>" + COLS + ROWS + b"</sheetData></worksheet>")
    assert found == Hidden(frozenset({13}), frozenset({8}))  # row 14 and column I, 0-based


def test_a_sheet_that_hides_nothing() -> None:
    assert hidden_cells(b'<worksheet><cols><col min="1" max="3"/></cols><sheetData/></worksheet>') is None


def test_hiding_every_column_right_of_the_form_hides_none_of_it() -> None:
    wide = b'<cols><col min="10" max="16384" hidden="1"/></cols><sheetData/>'
    assert hidden_cells(wide) is None
