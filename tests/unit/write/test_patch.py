"""Tests for perfxl.write.patch: the input survives byte-for-byte except for what we deliberately change."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from copy import copy
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter  # type: ignore[import-untyped]
from lxml import etree

from perfxl.errors import OutputError
from perfxl.write.patch import _WS_ORDER, CellEdit, NewCell, NewSheet, _ensure, new_workbook, patch_workbook

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
EDITED = {("附件5", "C3"), ("附件5", "H20"), ("附件5", "E5"), ("附件5", "B4"), ("附件4", "C5")}


def _png() -> bytes:
    """A 2x2 red PNG, built by hand (Pillow is not installed)."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def _make_input(path: Path, extra_sheets: tuple[str, ...] = (), vba: Path | None = None) -> Path:
    image = path.parent / "tiny.png"
    image.write_bytes(_png())
    wb = xlsxwriter.Workbook(str(path))
    title = wb.add_format({"bold": True, "font_size": 14, "align": "center", "border": 1})
    head = wb.add_format({"bold": True, "border": 2, "bg_color": "#DDEBF7", "text_wrap": True})
    num = wb.add_format({"num_format": "0.00", "border": 1})
    pct = wb.add_format({"num_format": "0.0%", "border": 1, "italic": True})
    for name in ("附件4", "附件5", *extra_sheets):
        ws = wb.add_worksheet(name)
        ws.merge_range("A1:D1", f"{name} 绩效自评表", title)
        ws.merge_range("E2:F3", "备注", head)
        ws.set_column("A:A", 22)
        ws.set_column("B:D", 13.5)
        ws.write_row("A2", ["指标", "年初目标", "实际完成", "得分"], head)
        for r in range(3, 10):
            ws.write_string(f"A{r}", f"指标{r}")
            ws.write_number(f"B{r}", r * 1.5, num)
            ws.write_number(f"C{r}", r / 10, pct)
            ws.write_number(f"D{r}", r, num)
        ws.write_formula("D10", "=SUM(D2:D9)", num, 123)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(1)
        ws.set_margins(left=0.4, right=0.4)
    ws4 = wb.get_worksheet_by_name("附件4")
    ws4.insert_image("H2", str(image))
    ws4.data_validation("C3:C9", {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1})
    ws4.write_comment("A3", "原有批注")
    ws5 = wb.get_worksheet_by_name("附件5")
    ws5.write_blank("C3", None, num)  # present in the XML with a style, but no value
    ws5.write_formula("E5", "=C5*2", num, 10)
    wb.define_name("合计", "=附件4!$D$10")
    if vba is not None:
        wb.add_vba_project(str(vba))
    wb.close()
    return path


def _edits() -> list[CellEdit]:
    return [
        CellEdit("附件5", "C3", "filled", 85.71, note="C3 = 6 / 7 × 100 = 85.71"),
        CellEdit("附件5", "H20", "filled", "补填文本"),
        CellEdit("附件5", "E5", "filled", 20),
        CellEdit("附件5", "B4", "flagged", note="申报值与计算值不一致"),
        CellEdit("附件4", "C5", "flagged", note="附件4 的新批注"),
    ]


def _sheets(name: str = "评分结果") -> list[NewSheet]:
    rows = [
        [NewCell("评分结果", "title")],
        [NewCell("项目", "header"), NewCell("内容", "header"), NewCell("得分", "header"), NewCell("完成率", "header")],
        [
            NewCell("附件4!C5", "link", link="'附件4'!C5"),
            NewCell('=HYPERLINK("http://x.invalid","点我")'),
            NewCell(12.5, "number"),
            NewCell(85.71, "percent"),
        ],
        [
            NewCell("合格", "ok"),
            NewCell("控制\x01字符\x0b已去除\n第二行"),
            NewCell(None, "number"),
            NewCell(3, "number"),
        ],
        [NewCell("不合格", "bad"), NewCell("＋全角开头"), NewCell("说明", "muted"), NewCell(-1.5, "number")],
    ]
    issues = [[NewCell("问题", "header")], [NewCell("无", "muted")]]
    return [NewSheet(name, rows, [18, 40, 10, 12], header_rows=2), NewSheet("问题清单", issues, [30], autofilter=False)]


def _zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _xml(path: Path, part: str) -> etree._Element:
    return etree.fromstring(_zip(path)[part])


def _rewrite(path: Path, changes: dict[str, bytes]) -> None:
    entries = _zip(path)
    entries.update(changes)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)


def _style(cell: Any) -> tuple[Any, ...]:
    """Unwrapped style objects (openpyxl's StyleProxy does not compare equal to another proxy)."""
    return (copy(cell.font), copy(cell.border), cell.number_format, copy(cell.alignment), copy(cell.protection))


def _sheet_state(ws: Any) -> dict[str, Any]:
    return {
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: v.width for k, v in ws.column_dimensions.items()},
        "orientation": ws.page_setup.orientation,
        "fit": (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage),
        "titles": ws.print_title_rows,
        "margins": (ws.page_margins.left, ws.page_margins.right),
        "validations": [str(dv.sqref) for dv in ws.data_validations.dataValidation],
    }


@pytest.fixture
def patched(tmp_path: Path) -> tuple[Path, Path, Any]:
    src = _make_input(tmp_path / "输入.xlsx")
    dst = tmp_path / "输出.xlsx"
    before = _zip(src)
    result = patch_workbook(src, dst, _edits(), _sheets())
    assert _zip(src) == before, "the input must never be modified"
    return src, dst, result


def test_untouched_parts_are_byte_identical(patched: tuple[Path, Path, Any]) -> None:
    src, dst, _ = patched
    before, after = _zip(src), _zip(dst)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst) as b:
        assert b.namelist()[: len(a.namelist())] == a.namelist(), "original entry order is kept"
    changed = {n for n in before if after.get(n) != before[n]}
    allowed = {
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/comments1.xml",
        "xl/drawings/vmlDrawing1.vml",
    }
    assert changed <= allowed
    assert "xl/drawings/drawing1.xml" in after and after["xl/media/image1.png"] == _png()
    added = set(after) - set(before)
    assert added == {
        "xl/worksheets/sheet3.xml",
        "xl/worksheets/sheet4.xml",
        "xl/comments2.xml",
        "xl/drawings/vmlDrawing2.vml",
        "xl/worksheets/_rels/sheet2.xml.rels",
    }


def test_formulas_and_cached_values_survive(patched: tuple[Path, Path, Any]) -> None:
    _, dst, _ = patched
    for part in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
        d10 = _xml(dst, part).find(f".//{MAIN}c[@r='D10']")
        assert d10 is not None
        assert d10.findtext(f"{MAIN}f") == "SUM(D2:D9)" and d10.findtext(f"{MAIN}v") == "123"
    calc = _xml(dst, "xl/workbook.xml").find(f"{MAIN}calcPr")
    assert calc is not None and calc.get("fullCalcOnLoad") == "1"


def test_original_sheets_unchanged_except_edits(patched: tuple[Path, Path, Any]) -> None:
    src, dst, _ = patched
    old, new = openpyxl.load_workbook(src), openpyxl.load_workbook(dst)
    assert new.sheetnames[:2] == old.sheetnames == ["附件4", "附件5"]
    assert new.defined_names["合计"].attr_text == old.defined_names["合计"].attr_text
    for name in old.sheetnames:
        ws_old, ws_new = old[name], new[name]
        assert _sheet_state(ws_new) == _sheet_state(ws_old)
        for row in range(1, 25):
            for col in range(1, 12):
                a, b = ws_old.cell(row, col), ws_new.cell(row, col)
                assert _style(b) == _style(a), (name, a.coordinate)
                if (name, a.coordinate) in EDITED:
                    assert b.fill.fgColor.rgb in ("FFC6EFCE", "FFFFC7CE")
                    continue
                assert (b.value, copy(b.fill), b.comment) == (a.value, copy(a.fill), a.comment), (name, a.coordinate)
    ws5 = new["附件5"]
    assert ws5["C3"].value == 85.71 and ws5["H20"].value == "补填文本" and ws5["E5"].value == 20
    assert ws5["B4"].value == old["附件5"]["B4"].value
    assert ws5["C3"].fill.fgColor.rgb == "FFC6EFCE" and ws5["B4"].fill.fgColor.rgb == "FFFFC7CE"
    assert ws5["C3"].number_format == "0.00"  # the cell's own format is kept under the new fill
    assert ws5["C3"].comment.text == "C3 = 6 / 7 × 100 = 85.71" and ws5["C3"].comment.author == "perfxl"
    assert ws5["B4"].comment.text == "申报值与计算值不一致"
    assert ws5["H20"].comment is None
    ws4 = new["附件4"]
    assert ws4["A3"].comment.text == old["附件4"]["A3"].comment.text  # existing comment kept
    assert ws4["C5"].comment.text == "附件4 的新批注"  # merged into the existing comments part
    e5 = _xml(dst, "xl/worksheets/sheet2.xml").find(f".//{MAIN}c[@r='E5']")
    assert e5 is not None and e5.find(f"{MAIN}f") is None


def test_new_sheets(patched: tuple[Path, Path, Any]) -> None:
    _, dst, result = patched
    assert result.sheet_names == ["评分结果", "问题清单"]
    assert result.warnings == []
    wb = openpyxl.load_workbook(dst)
    assert wb.sheetnames == ["附件4", "附件5", "评分结果", "问题清单"]
    ws = wb["评分结果"]
    assert ws["A1"].value == "评分结果" and ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["A2"].font.b and ws["A2"].fill.fgColor.rgb == "FFD9D9D9"
    assert ws["A3"].hyperlink.location == "'附件4'!C5"
    assert ws["B3"].value == '=HYPERLINK("http://x.invalid","点我")' and ws["B3"].data_type == "s"
    assert ws["C3"].value == 12.5 and ws["D3"].number_format == '0.00"%"'
    assert ws["B4"].value == "控制字符已去除\n第二行"
    assert ws["C4"].value is None and ws["D4"].value == 3
    assert ws["A5"].font.color.rgb == "FFC00000" and ws["A5"].fill.fgColor.rgb == "FFFFC7CE"
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$1:$2"
    assert ws.auto_filter.ref == "A2:D5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    fit = ws.sheet_properties.pageSetUpPr
    assert ws.page_setup.fitToHeight == 0 and fit is not None and fit.fitToPage
    assert ws.column_dimensions["B"].width == 40
    issues = wb["问题清单"]
    assert issues.freeze_panes == "A2" and issues.auto_filter.ref is None
    sheet_xml = _zip(dst)["xl/worksheets/sheet3.xml"]
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    styles = _xml(dst, "xl/styles.xml").find(f"{MAIN}cellXfs")
    assert styles is not None
    xfs = styles.findall(f"{MAIN}xf")
    for ref in ("B3", "B5"):  # "=..." and full-width "＋..." both get a quote prefix
        cell = _xml(dst, "xl/worksheets/sheet3.xml").find(f".//{MAIN}c[@r='{ref}']")
        assert cell is not None and cell.get("t") == "inlineStr"
        assert xfs[int(cell.get("s", "0"))].get("quotePrefix") == "1"
    names = {
        (d.get("name"), d.get("localSheetId")): d.text for d in _xml(dst, "xl/workbook.xml").iter(f"{MAIN}definedName")
    }
    assert names[("_xlnm.Print_Titles", "2")] == "'评分结果'!$1:$2"
    assert names[("_xlnm._FilterDatabase", "2")] == "'评分结果'!$A$2:$D$5"
    assert names[("_xlnm.Print_Titles", "3")] == "'问题清单'!$1:$1"
    assert names[("_xlnm.Print_Titles", "0")] == "附件4!$2:$2"  # the input's own names are kept


def test_name_clash_gets_suffix(tmp_path: Path) -> None:
    src = _make_input(tmp_path / "in.xlsx", extra_sheets=("评分结果",))
    result = patch_workbook(src, tmp_path / "out.xlsx", [], [*_sheets(), *_sheets("评分结果")[:1]])
    assert result.sheet_names == ["评分结果(2)", "问题清单", "评分结果(3)"]
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert wb.sheetnames == ["附件4", "附件5", "评分结果", "评分结果(2)", "问题清单", "评分结果(3)"]
    assert wb["评分结果(2)"].print_title_rows == "$1:$2"


def test_unparseable_existing_notes_are_skipped_with_warning(tmp_path: Path) -> None:
    src = _make_input(tmp_path / "in.xlsx")
    _rewrite(src, {"xl/drawings/vmlDrawing1.vml": b"<xml><br></xml>"})  # Excel-style non-XML VML
    dst = tmp_path / "out.xlsx"
    result = patch_workbook(src, dst, _edits(), [])
    assert len(result.warnings) == 1 and "附件4" in result.warnings[0] and "批注" in result.warnings[0]
    assert _zip(dst)["xl/comments1.xml"] == _zip(src)["xl/comments1.xml"]
    wb = openpyxl.load_workbook(dst)
    assert wb["附件4"]["C5"].comment is None and wb["附件4"]["C5"].fill.fgColor.rgb == "FFFFC7CE"
    assert wb["附件5"]["B4"].comment.text == "申报值与计算值不一致"


def test_absolute_relationship_targets(tmp_path: Path) -> None:
    src = _make_input(tmp_path / "in.xlsx")
    rels = _zip(src)["xl/_rels/workbook.xml.rels"]
    _rewrite(src, {"xl/_rels/workbook.xml.rels": re.sub(rb'Target="(worksheets|styles)', rb'Target="/xl/\1', rels)})
    patch_workbook(src, tmp_path / "out.xlsx", _edits(), _sheets())
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert wb["附件5"]["C3"].value == 85.71 and wb.sheetnames[-1] == "问题清单"


def test_shared_formula_master_is_not_overwritten(tmp_path: Path) -> None:
    src = _make_input(tmp_path / "in.xlsx")
    sheet = _zip(src)["xl/worksheets/sheet2.xml"]
    sheet = sheet.replace(b"<f>C5*2</f>", b'<f t="shared" ref="E5:E6" si="0">C5*2</f>')
    sheet = sheet.replace(
        b'<c r="D6" s="3"><v>6</v></c>', b'<c r="D6" s="3"><v>6</v></c><c r="E6"><f t="shared" si="0"/><v>12</v></c>'
    )
    _rewrite(src, {"xl/worksheets/sheet2.xml": sheet})
    dst = tmp_path / "out.xlsx"
    result = patch_workbook(src, dst, [CellEdit("附件5", "E5", "filled", 1.0)], [])
    assert len(result.warnings) == 1 and "共享公式" in result.warnings[0]
    e5 = _xml(dst, "xl/worksheets/sheet2.xml").find(f".//{MAIN}c[@r='E5']")
    assert e5 is not None and e5.findtext(f"{MAIN}f") == "C5*2" and e5.findtext(f"{MAIN}v") == "10"
    assert openpyxl.load_workbook(dst)["附件5"]["E5"].fill.fgColor.rgb == "FFC6EFCE"


def test_removing_a_formula_drops_calc_chain(tmp_path: Path) -> None:
    src = _make_input(tmp_path / "in.xlsx")
    parts = _zip(src)
    rels = parts["xl/_rels/workbook.xml.rels"]
    calc_rel = (
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/calcChain" Target="calcChain.xml"/></Relationships>'
    )
    calc_ct = (
        b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.calcChain+xml"/></Types>'
    )
    _rewrite(
        src,
        {
            "xl/calcChain.xml": f'<calcChain xmlns="{MAIN[1:-1]}"><c r="E5" i="2"/></calcChain>'.encode(),
            "xl/_rels/workbook.xml.rels": rels.replace(b"</Relationships>", calc_rel),
            "[Content_Types].xml": parts["[Content_Types].xml"].replace(b"</Types>", calc_ct),
        },
    )
    dst = tmp_path / "out.xlsx"
    patch_workbook(src, dst, [CellEdit("附件5", "E5", "filled", 20)], [])
    out = _zip(dst)
    assert "xl/calcChain.xml" not in out
    assert b"calcChain" not in out["xl/_rels/workbook.xml.rels"]
    assert b"calcChain" not in out["[Content_Types].xml"]
    assert openpyxl.load_workbook(dst)["附件5"]["E5"].value == 20


def test_new_children_take_their_schema_slot() -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    ws = etree.fromstring(
        f'<worksheet xmlns="{MAIN[1:-1]}" xmlns:mc="{mc}"><sheetData/><pageMargins/>'
        '<mc:AlternateContent><mc:Choice Requires="x14"><controls/></mc:Choice></mc:AlternateContent>'
        "<extLst/></worksheet>"
    )
    _ensure(ws, "legacyDrawing", _WS_ORDER)
    _ensure(ws, "mergeCells", _WS_ORDER)
    assert [etree.QName(c).localname for c in ws] == [
        "sheetData",
        "mergeCells",
        "pageMargins",
        "legacyDrawing",
        "AlternateContent",
        "extLst",
    ]


def test_macros_are_removed(tmp_path: Path) -> None:
    fake_vba = tmp_path / "vbaProject.bin"
    fake_vba.write_bytes(b"\xd0\xcf\x11\xe0 not really a VBA project")
    src = _make_input(tmp_path / "in.xlsm", vba=fake_vba)
    assert "xl/vbaProject.bin" in _zip(src)
    dst = tmp_path / "out.xlsx"
    result = patch_workbook(src, dst, _edits()[:1], [])
    assert any("已移除宏" in w for w in result.warnings)
    parts, types = _zip(dst), _zip(dst)["[Content_Types].xml"]
    assert "xl/vbaProject.bin" not in parts and b"vbaProject" not in parts["xl/_rels/workbook.xml.rels"]
    assert b"macroEnabled" not in types and b"vbaProject" not in types
    assert openpyxl.load_workbook(dst)["附件5"]["C3"].value == 85.71


def test_bad_edits_raise(tmp_path: Path) -> None:
    src = _make_input(tmp_path / "in.xlsx")
    with pytest.raises(OutputError) as err:
        patch_workbook(src, tmp_path / "out.xlsx", [CellEdit("附件9", "A1", "flagged")], [])
    assert err.value.code == "bad-edit" and "附件9" in str(err.value)
    with pytest.raises(OutputError) as err:
        patch_workbook(src, tmp_path / "out.xlsx", [CellEdit("附件4", "1A", "flagged")], [])
    assert err.value.code == "bad-edit"
    with pytest.raises(OutputError):
        patch_workbook(src, src, [], [])
    assert not (tmp_path / "out.xlsx").exists()


def test_new_workbook(tmp_path: Path) -> None:
    dst = tmp_path / "new.xlsx"
    result = new_workbook(dst, _sheets())
    assert result.sheet_names == ["评分结果", "问题清单"] and result.warnings == []
    wb = openpyxl.load_workbook(dst)
    assert wb.sheetnames == ["评分结果", "问题清单"]
    assert wb["评分结果"]["A3"].hyperlink.location == "'附件4'!C5"
    assert wb["评分结果"].print_title_rows == "$1:$2"
    parts = _zip(dst)
    assert not any(b"perfxl_blank" in data for data in parts.values())


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_pdf(patched: tuple[Path, Path, Any], tmp_path: Path) -> None:
    _, dst, _ = patched
    out = tmp_path / "pdf"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(dst)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (out / "输出.pdf").stat().st_size > 1000
