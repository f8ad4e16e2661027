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


def test_new_notes_take_shape_ids_in_their_drawing_s_own_block(tmp_path: Path) -> None:
    # a drawing's <o:idmap data="n"> gives it the shape ids n×1024 … n×1024+1023 (Excel numbers the first n×1024+1);
    # ids outside the block collide with another sheet's drawing
    import re

    src = make_input(tmp_path / "in.xlsx")
    dst = tmp_path / "out.xlsx"
    patch_workbook(src, dst, edits(), [])
    for name, text in zip_parts(dst).items():
        if name.endswith(".vml"):
            vml = text.decode()
            block = int(re.search(r'<o:idmap[^>]*data="(\d+)"', vml).group(1))  # type: ignore[union-attr]
            ids = [int(n) for n in re.findall(r'id="_x0000_s(\d+)"', vml)]
            assert ids and all(block * 1024 < i < (block + 1) * 1024 for i in ids), (name, block, ids)
