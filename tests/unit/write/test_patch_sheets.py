"""Tests for perfxl.write.patch.sheets: the appended sheets, their styles, links, print titles and names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from patch_inputs import MAIN, make_input, part_xml, patch_sample, sheets, zip_parts

from perfxl.write.patch import PatchResult, patch_workbook


@pytest.fixture
def patched(tmp_path: Path) -> tuple[Path, Path, PatchResult]:
    return patch_sample(tmp_path)


def test_new_sheets(patched: tuple[Path, Path, Any]) -> None:
    _, dst, result = patched
    assert result.sheet_names == ["评分结果", "问题清单"]
    assert result.warnings == ["工作表「附件5」单元格 E5 原有公式「=C5*2」，已替换为复核值"]  # said, never silently
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
    sheet_xml = zip_parts(dst)["xl/worksheets/sheet3.xml"]
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    styles = part_xml(dst, "xl/styles.xml").find(f"{MAIN}cellXfs")
    assert styles is not None
    xfs = styles.findall(f"{MAIN}xf")
    for ref in ("B3", "B5"):  # "=..." and full-width "＋..." both get a quote prefix
        cell = part_xml(dst, "xl/worksheets/sheet3.xml").find(f".//{MAIN}c[@r='{ref}']")
        assert cell is not None and cell.get("t") == "inlineStr"
        assert xfs[int(cell.get("s", "0"))].get("quotePrefix") == "1"
    names = {
        (d.get("name"), d.get("localSheetId")): d.text
        for d in part_xml(dst, "xl/workbook.xml").iter(f"{MAIN}definedName")
    }
    assert names[("_xlnm.Print_Titles", "2")] == "'评分结果'!$1:$2"
    assert names[("_xlnm._FilterDatabase", "2")] == "'评分结果'!$A$2:$D$5"
    assert names[("_xlnm.Print_Titles", "3")] == "'问题清单'!$1:$1"
    assert names[("_xlnm.Print_Titles", "0")] == "附件4!$2:$2"  # the input's own names are kept


def test_name_clash_gets_suffix(tmp_path: Path) -> None:
    src = make_input(tmp_path / "in.xlsx", extra_sheets=("评分结果",))
    result = patch_workbook(src, tmp_path / "out.xlsx", [], [*sheets(), *sheets("评分结果")[:1]])
    assert result.sheet_names == ["评分结果(2)", "问题清单", "评分结果(3)"]
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert wb.sheetnames == ["附件4", "附件5", "评分结果", "评分结果(2)", "问题清单", "评分结果(3)"]
    assert wb["评分结果(2)"].print_title_rows == "$1:$2"


def test_a_paragraph_under_the_title_wraps_inside_the_table(tmp_path: Path) -> None:
    """A long "line" (the rules and the mark legend under 评分结果's title) is merged across the table's columns and
    wrapped, its row as tall as its lines: left to run on past the last column, it made a reader shrink the whole
    page to take it in (LibreOffice printed 评分结果 far below 9 pt)."""
    from perfxl.write.patch import NewCell, NewSheet

    paragraph = "规则: " + "按本表所印评价标准计分，" * 30  # 300 half-width units: 3 lines across 4 columns of 30
    sheet = NewSheet(
        "评分结果",
        [[NewCell("评分结果", "title")], [NewCell(paragraph, "line")], [NewCell("类别", "header")] * 4],
        [30, 30, 30, 30],
        header_rows=3,
    )
    src = make_input(tmp_path / "in.xlsx")
    patch_workbook(src, tmp_path / "out.xlsx", [], [sheet])
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["评分结果"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:D1", "A2:D2"}
    assert ws["A2"].alignment.wrap_text
    line = ws.sheet_format.defaultRowHeight
    assert ws.row_dimensions[2].height >= 3 * line  # 300 units over 119 usable: 3 lines
