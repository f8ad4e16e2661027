"""Tests for perfxl.write.patch: the input survives byte-for-byte except for what we deliberately change."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import zipfile
from copy import copy
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from marks import FILLED, FLAGGED, mark_of
from patch_inputs import (
    EDITED,
    MAIN,
    edits,
    make_input,
    part_xml,
    patch_sample,
    png,
    rewrite,
    sheet_state,
    sheets,
    style_of,
    zip_parts,
)

from perfxl.errors import OutputError
from perfxl.write.patch import CellEdit, PatchResult, new_workbook, patch_workbook


@pytest.fixture
def patched(tmp_path: Path) -> tuple[Path, Path, PatchResult]:
    return patch_sample(tmp_path)


def test_untouched_parts_are_byte_identical(patched: tuple[Path, Path, Any]) -> None:
    src, dst, _ = patched
    before, after = zip_parts(src), zip_parts(dst)
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
    assert "xl/drawings/drawing1.xml" in after and after["xl/media/image1.png"] == png()
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
        d10 = part_xml(dst, part).find(f".//{MAIN}c[@r='D10']")
        assert d10 is not None
        assert d10.findtext(f"{MAIN}f") == "SUM(D2:D9)" and d10.findtext(f"{MAIN}v") == "123"
    calc = part_xml(dst, "xl/workbook.xml").find(f"{MAIN}calcPr")
    assert calc is not None and calc.get("fullCalcOnLoad") == "1"


def test_original_sheets_unchanged_except_edits(patched: tuple[Path, Path, Any]) -> None:
    src, dst, _ = patched
    old, new = openpyxl.load_workbook(src), openpyxl.load_workbook(dst)
    assert new.sheetnames[:2] == old.sheetnames == ["附件4", "附件5"]
    assert new.defined_names["合计"].attr_text == old.defined_names["合计"].attr_text
    for name in old.sheetnames:
        ws_old, ws_new = old[name], new[name]
        assert sheet_state(ws_new) == sheet_state(ws_old)
        for row in range(1, 25):
            for col in range(1, 12):
                a, b = ws_old.cell(row, col), ws_new.cell(row, col)
                assert style_of(b) == style_of(a), (name, a.coordinate)
                if (name, a.coordinate) in EDITED:
                    assert mark_of(b) in (FILLED, FLAGGED)
                    continue
                assert (b.value, copy(b.fill), b.comment) == (a.value, copy(a.fill), a.comment), (name, a.coordinate)
    ws5 = new["附件5"]
    assert ws5["C3"].value == 85.71 and ws5["H20"].value == "补填文本" and ws5["E5"].value == 20
    assert ws5["B4"].value == old["附件5"]["B4"].value
    assert mark_of(ws5["C3"]) == FILLED and mark_of(ws5["B4"]) == FLAGGED
    assert ws5["C3"].number_format == "0.00"  # the cell's own format is kept under the new fill
    assert ws5["C3"].comment.text == "C3 = 6 / 7 × 100 = 85.71" and ws5["C3"].comment.author == "perfxl"
    assert ws5["B4"].comment.text == "申报值与计算值不一致"
    assert ws5["H20"].comment is None
    ws4 = new["附件4"]
    assert ws4["A3"].comment.text == old["附件4"]["A3"].comment.text  # existing comment kept
    assert ws4["C5"].comment.text == "附件4 的新批注"  # merged into the existing comments part
    e5 = part_xml(dst, "xl/worksheets/sheet2.xml").find(f".//{MAIN}c[@r='E5']")
    assert e5 is not None and e5.find(f"{MAIN}f") is None


def test_absolute_relationship_targets(tmp_path: Path) -> None:
    src = make_input(tmp_path / "in.xlsx")
    rels = zip_parts(src)["xl/_rels/workbook.xml.rels"]
    rewrite(src, {"xl/_rels/workbook.xml.rels": re.sub(rb'Target="(worksheets|styles)', rb'Target="/xl/\1', rels)})
    patch_workbook(src, tmp_path / "out.xlsx", edits(), sheets())
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert wb["附件5"]["C3"].value == 85.71 and wb.sheetnames[-1] == "问题清单"


def test_macros_are_removed(tmp_path: Path) -> None:
    fake_vba = tmp_path / "vbaProject.bin"
    fake_vba.write_bytes(b"\xd0\xcf\x11\xe0 not really a VBA project")
    src = make_input(tmp_path / "in.xlsm", vba=fake_vba)
    assert "xl/vbaProject.bin" in zip_parts(src)
    dst = tmp_path / "out.xlsx"
    result = patch_workbook(src, dst, edits()[:1], [])
    assert any("已移除宏" in w for w in result.warnings)
    parts, types = zip_parts(dst), zip_parts(dst)["[Content_Types].xml"]
    assert "xl/vbaProject.bin" not in parts and b"vbaProject" not in parts["xl/_rels/workbook.xml.rels"]
    assert b"macroEnabled" not in types and b"vbaProject" not in types
    assert openpyxl.load_workbook(dst)["附件5"]["C3"].value == 85.71


def test_bad_edits_raise(tmp_path: Path) -> None:
    src = make_input(tmp_path / "in.xlsx")
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
    result = new_workbook(dst, sheets())
    assert result.sheet_names == ["评分结果", "问题清单"] and result.warnings == []
    wb = openpyxl.load_workbook(dst)
    assert wb.sheetnames == ["评分结果", "问题清单"]
    assert wb["评分结果"]["A3"].hyperlink.location == "'附件4'!C5"
    assert wb["评分结果"].print_title_rows == "$1:$2"
    parts = zip_parts(dst)
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


def test_a_new_workbook_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    # round 85: the copy of an .xls (a new workbook of the two result sheets) carried the time it was made
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    new_workbook(first, sheets())
    time.sleep(1.1)  # core.xml's dates are to the second
    new_workbook(second, sheets())
    assert first.read_bytes() == second.read_bytes()
