"""Tests for perfxl.write.patch.cells: values written into existing cells without breaking the formulas around them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from marks import FILLED, mark_of
from patch_inputs import MAIN, make_input, part_xml, rewrite, zip_parts

from perfxl.write.patch import CellEdit, patch_workbook


def test_shared_formula_master_is_not_overwritten(tmp_path: Path) -> None:
    src = make_input(tmp_path / "in.xlsx")
    sheet = zip_parts(src)["xl/worksheets/sheet2.xml"]
    sheet = sheet.replace(b"<f>C5*2</f>", b'<f t="shared" ref="E5:E6" si="0">C5*2</f>')
    sheet = sheet.replace(
        b'<c r="D6" s="3"><v>6</v></c>', b'<c r="D6" s="3"><v>6</v></c><c r="E6"><f t="shared" si="0"/><v>12</v></c>'
    )
    rewrite(src, {"xl/worksheets/sheet2.xml": sheet})
    dst = tmp_path / "out.xlsx"
    result = patch_workbook(src, dst, [CellEdit("附件5", "E5", "filled", 1.0)], [])
    assert len(result.warnings) == 1 and "共享公式" in result.warnings[0]
    e5 = part_xml(dst, "xl/worksheets/sheet2.xml").find(f".//{MAIN}c[@r='E5']")
    assert e5 is not None and e5.findtext(f"{MAIN}f") == "C5*2" and e5.findtext(f"{MAIN}v") == "10"
    assert mark_of(openpyxl.load_workbook(dst)["附件5"]["E5"]) == FILLED


def test_removing_a_formula_drops_calc_chain(tmp_path: Path) -> None:
    src = make_input(tmp_path / "in.xlsx")
    parts = zip_parts(src)
    rels = parts["xl/_rels/workbook.xml.rels"]
    calc_rel = (
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/calcChain" Target="calcChain.xml"/></Relationships>'
    )
    calc_ct = (
        b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.calcChain+xml"/></Types>'
    )
    rewrite(
        src,
        {
            "xl/calcChain.xml": f'<calcChain xmlns="{MAIN[1:-1]}"><c r="E5" i="2"/></calcChain>'.encode(),
            "xl/_rels/workbook.xml.rels": rels.replace(b"</Relationships>", calc_rel),
            "[Content_Types].xml": parts["[Content_Types].xml"].replace(b"</Types>", calc_ct),
        },
    )
    dst = tmp_path / "out.xlsx"
    patch_workbook(src, dst, [CellEdit("附件5", "E5", "filled", 20)], [])
    out = zip_parts(dst)
    assert "xl/calcChain.xml" not in out
    assert b"calcChain" not in out["xl/_rels/workbook.xml.rels"]
    assert b"calcChain" not in out["[Content_Types].xml"]
    assert openpyxl.load_workbook(dst)["附件5"]["E5"].value == 20


def test_a_percent_is_written_as_a_number_in_the_cells_own_unit(tmp_path: Path) -> None:
    """96.13 % into a blank cell: 0.9613 under a true percent format (kept) or under General (given 0.00%), 96.13
    under a format that prints a literal "%" after the number; never the text "96.13%" (issue 17)."""
    src = tmp_path / "in.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "附件4"
    formats = {"B2": "General", "B3": "0%", "B4": "0.00%", "B5": '0.00"%"', "B6": "0.0\\%", "B7": "@"}
    for ref, code in formats.items():
        ws[ref].number_format = code
    book.save(src)
    edits = [CellEdit("附件4", ref, "filled", 96.13, percent=True) for ref in formats]
    patch_workbook(src, tmp_path / "out.xlsx", edits, [])
    out = openpyxl.load_workbook(tmp_path / "out.xlsx")["附件4"]
    shown = {ref: (out[ref].value, out[ref].number_format) for ref in formats}
    assert shown == {
        "B2": (0.9613, "0.00%"),
        "B3": (0.9613, "0%"),
        "B4": (0.9613, "0.00%"),
        "B5": (96.13, '0.00"%"'),
        "B6": (96.13, "0.0\\%"),
        "B7": (0.9613, "0.00%"),
    }
    assert all(mark_of(out[ref]) == FILLED for ref in formats)


def test_the_two_marks_print_apart_in_black_and_white(tmp_path: Path) -> None:
    """A filled and a flagged cell differ in pattern, not only in colour (both light colours print as one grey)."""
    src = make_input(tmp_path / "in.xlsx")
    dst = tmp_path / "out.xlsx"
    patch_workbook(src, dst, [CellEdit("附件5", "C3", "filled", 1.0), CellEdit("附件5", "B4", "flagged")], [])
    ws = openpyxl.load_workbook(dst)["附件5"]
    patterns = {ws["C3"].fill.patternType, ws["B4"].fill.patternType}
    assert len(patterns) == 2 and "solid" not in patterns and None not in patterns
