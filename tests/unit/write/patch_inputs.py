"""Inputs for the write-back tests: a workbook with images, comments, validations, formulas and names,
the edits and sheets written into it, and ways to look inside the result."""

from __future__ import annotations

import struct
import zipfile
import zlib
from copy import copy
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]
from lxml import etree

from perfxl.write.patch import CellEdit, NewCell, NewSheet, PatchResult, patch_workbook

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
EDITED = {("附件5", "C3"), ("附件5", "H20"), ("附件5", "E5"), ("附件5", "B4"), ("附件4", "C5")}


def png() -> bytes:
    """A 2x2 red PNG, built by hand (Pillow is not installed)."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def make_input(path: Path, extra_sheets: tuple[str, ...] = (), vba: Path | None = None) -> Path:
    image = path.parent / "tiny.png"
    image.write_bytes(png())
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


def edits() -> list[CellEdit]:
    return [
        CellEdit("附件5", "C3", "filled", 85.71, note="C3 = 6 / 7 × 100 = 85.71"),
        CellEdit("附件5", "H20", "filled", "补填文本"),
        CellEdit("附件5", "E5", "filled", 20),
        CellEdit("附件5", "B4", "flagged", note="申报值与计算值不一致"),
        CellEdit("附件4", "C5", "flagged", note="附件4 的新批注"),
    ]


def sheets(name: str = "评分结果") -> list[NewSheet]:
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


def zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def part_xml(path: Path, part: str) -> etree._Element:
    return etree.fromstring(zip_parts(path)[part])


def rewrite(path: Path, changes: dict[str, bytes]) -> None:
    entries = zip_parts(path)
    entries.update(changes)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)


def style_of(cell: Any) -> tuple[Any, ...]:
    """Unwrapped style objects (openpyxl's StyleProxy does not compare equal to another proxy)."""
    return (copy(cell.font), copy(cell.border), cell.number_format, copy(cell.alignment), copy(cell.protection))


def sheet_state(ws: Any) -> dict[str, Any]:
    return {
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: v.width for k, v in ws.column_dimensions.items()},
        "orientation": ws.page_setup.orientation,
        "fit": (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage),
        "titles": ws.print_title_rows,
        "margins": (ws.page_margins.left, ws.page_margins.right),
        "validations": [str(dv.sqref) for dv in ws.data_validations.dataValidation],
    }


def patch_sample(tmp_path: Path) -> tuple[Path, Path, PatchResult]:
    """The sample input patched with ``edits()`` and ``sheets()``: (input, output, result)."""
    src = make_input(tmp_path / "输入.xlsx")
    dst = tmp_path / "输出.xlsx"
    before = zip_parts(src)
    result = patch_workbook(src, dst, edits(), sheets())
    assert zip_parts(src) == before, "the input must never be modified"
    return src, dst, result
