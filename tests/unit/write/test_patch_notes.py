"""Tests for perfxl.write.patch.notes: notes merged into a sheet's comments, or skipped with a warning."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from marks import FLAGGED, mark_of
from patch_inputs import edits, make_input, rewrite, zip_parts

from perfxl.write.patch import patch_workbook


def test_unparseable_existing_notes_are_skipped_with_warning(tmp_path: Path) -> None:
    src = make_input(tmp_path / "in.xlsx")
    rewrite(src, {"xl/drawings/vmlDrawing1.vml": b"<xml><br></xml>"})  # Excel-style non-XML VML
    dst = tmp_path / "out.xlsx"
    result = patch_workbook(src, dst, edits(), [])
    replaced = "工作表「附件5」单元格 E5 原有公式「=C5*2」，已替换为复核值"  # the fixture fills over a formula
    assert [w for w in result.warnings if w != replaced] == ["工作表「附件4」原有批注无法解析,未添加 1 条批注"]
    assert zip_parts(dst)["xl/comments1.xml"] == zip_parts(src)["xl/comments1.xml"]
    wb = openpyxl.load_workbook(dst)
    assert wb["附件4"]["C5"].comment is None and mark_of(wb["附件4"]["C5"]) == FLAGGED
    assert wb["附件5"]["B4"].comment.text == "申报值与计算值不一致"
