"""The sheet grid: merged ranges clipped to the sheet's cells, hidden sheets marked (issue 18, docs/bad-inputs.md)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from perfxl.read.grid import _within, read_sheets

SEED = Path(__file__).resolve().parents[3] / "samples" / "大通湖政务中心2020.xlsx"


def test_merges_are_clipped_to_the_cells() -> None:
    # A30:XFD1048576 on a 30 x 9 sheet: row 29 only, columns A..I; a merge wholly outside is dropped
    assert _within([((29, 0), (1048575, 16383)), ((40, 0), (41, 3)), ((0, 0), (0, 8))], 30, 9) == (
        ((29, 0), (29, 8)),
        ((0, 0), (0, 8)),
    )


def test_a_sheet_merged_to_the_last_cell_reads_as_its_cells() -> None:
    # issue 18 item 1: such a merge made a map entry per covered cell, and reading never finished
    out = io.BytesIO()
    with zipfile.ZipFile(SEED) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":
                data = re.sub(rb'<mergeCells count="\d+">', b'\\g<0><mergeCell ref="A30:XFD1048576"/>', data, count=1)
            zout.writestr(item, data)
    sheet = read_sheets(SEED, out.getvalue())[2]
    height = max(r for r, _ in sheet.cells) + 1
    assert len(sheet.anchor_of) < 10_000
    assert all(bottom[0] < height + 30 for _, bottom in sheet.merges)


def test_hidden_sheets_are_marked() -> None:
    assert [s.hidden for s in read_sheets(SEED)] == [False, False, False, False]
