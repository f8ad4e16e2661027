"""Tests for perfxl.write.patch.cells: values written into existing cells without breaking the formulas around them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
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
    assert openpyxl.load_workbook(dst)["附件5"]["E5"].fill.fgColor.rgb == "FFC6EFCE"


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
