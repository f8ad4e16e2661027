"""New sheets appended to a workbook: the worksheet part (inline strings, frozen header, landscape
fit-to-width), its place in workbook.xml with print titles and filter names, and its removal."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Final

from lxml import etree

from perfxl.ooxml.parts import CT_SHEET, MAIN, REL_SHEET, R
from perfxl.ooxml.refs import cell_ref, col_letters
from perfxl.ooxml.tree import ILLEGAL_XML, PARSER, WB_ORDER, ensure, qn, set_text, sub, xml_text
from perfxl.ooxml.writer import PackageWriter, add_rel, ct_override, drop_rel, rels
from perfxl.write.formula_text import looks_like_formula
from perfxl.write.patch.book import Book
from perfxl.write.patch.model import NewCell, NewSheet
from perfxl.write.patch.styles import SPECS, Styles

__all__ = ["add_sheet", "remove_sheet"]

_ILLEGAL_SHEET: Final = re.compile(r"[\\/?*\[\]:]")


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_LINE_PER_POINT: Final = 1.36  # a line of CJK text takes about this many points per point of font size
_ROW_PAD: Final = 3.0  # points below the last line, so the next row's border does not cut it


def line_height(size: float) -> float:
    """The height of one line of text in a font of ``size`` points, in points (rounded up to a quarter)."""
    return math.ceil(size * _LINE_PER_POINT * 4) / 4


def _spans(row: Sequence[NewCell]) -> bool:
    """A title or a paragraph ("line") alone in its row: merged across the table, so that it wraps inside the
    printed width instead of running past it (a reader prints what overflows, shrinking the whole page to fit)."""
    return bool(row) and row[0].style in ("title", "line") and all(c.value in (None, "") for c in row[1:])


def _row_height(row: Sequence[NewCell], widths: Sequence[float], line: float) -> float | None:
    """Height for wrapped text from the real font's line height and the wrapped line count (Excel does not auto-fit
    rows of a file it opens)."""
    lines = 1
    if _spans(row):
        widths = [sum(widths) or 8.43]
    for i, cell in enumerate(row):
        if isinstance(cell.value, str) and SPECS[cell.style].wrap:
            width = max((widths[i] if i < len(widths) else 8.43) - 1, 1)
            lines = max(
                lines, sum(max(1, math.ceil(_text_width(seg) / width)) for seg in cell.value[:2000].split("\n"))
            )
    if any(c.style == "title" for c in row):
        return max(22.0, line_height(float(SPECS["title"].size or 14)) + _ROW_PAD)
    return min(409.0, line * lines + _ROW_PAD) if lines > 1 else None


def _write_cell(row_el: etree._Element, ref: str, cell: NewCell, styles: Styles) -> None:
    value = cell.value
    if isinstance(value, float) and not math.isfinite(value):
        value = str(value)
    c = sub(row_el, "c", {"r": ref})
    if isinstance(value, str):
        text = xml_text(value)
        c.set("s", str(styles.style(cell.style, quote=looks_like_formula(text))))
        c.set("t", "inlineStr")  # never a shared string, never a formula: the text is untrusted
        set_text(sub(sub(c, "is"), "t"), text)
        return
    c.set("s", str(styles.style(cell.style)))
    if value is not None:
        sub(c, "v").text = repr(float(value)) if isinstance(value, float) else str(int(value))


def _build_sheet(sheet: NewSheet, styles: Styles) -> etree._Element:
    """A complete worksheet part for ``sheet`` (inline strings, frozen header, landscape fit-to-width)."""
    ws = etree.fromstring(f'<worksheet xmlns="{MAIN}" xmlns:r="{R}"/>'.encode(), PARSER)
    sub(sub(ws, "sheetPr"), "pageSetUpPr", {"fitToPage": "1"})
    nrows, ncols = len(sheet.rows), max([len(sheet.col_widths), 1, *(len(r) for r in sheet.rows)])
    last_col, heads = col_letters(ncols), min(max(sheet.header_rows, 0), nrows)
    sub(ws, "dimension", {"ref": f"A1:{last_col}{nrows}" if nrows else "A1"})
    view = sub(sub(ws, "sheetViews"), "sheetView", {"workbookViewId": "0"})
    if heads:
        top = f"A{heads + 1}"
        sub(view, "pane", {"ySplit": str(heads), "topLeftCell": top, "activePane": "bottomLeft", "state": "frozen"})
        sub(view, "selection", {"pane": "bottomLeft", "activeCell": top, "sqref": top})
    line = line_height(styles.base_size())
    sub(ws, "sheetFormatPr", {"defaultRowHeight": f"{line:g}", "customHeight": "1"})
    if sheet.col_widths:
        cols = sub(ws, "cols")
        for i, width in enumerate(sheet.col_widths, 1):
            sub(cols, "col", {"min": str(i), "max": str(i), "width": f"{width:g}", "customWidth": "1"})
    data = sub(ws, "sheetData")
    links: list[tuple[str, str, str]] = []
    for r, row in enumerate(sheet.rows, 1):
        row_el = sub(data, "row", {"r": str(r)})
        height = _row_height(row, sheet.col_widths, line)
        if height:
            row_el.set("ht", f"{height:g}")
            row_el.set("customHeight", "1")
        for c, cell in enumerate(row, 1):
            ref = cell_ref(r, c)
            _write_cell(row_el, ref, cell, styles)
            if cell.link:
                links.append((ref, xml_text(cell.link, 255), xml_text(str(cell.value or ""), 255)))
    if sheet.autofilter and heads:
        sub(ws, "autoFilter", {"ref": f"A{heads}:{last_col}{nrows}"})
    spans = [r for r, row in enumerate(sheet.rows, 1) if ncols > 1 and _spans(row)]
    if spans:
        merged = sub(ws, "mergeCells", {"count": str(len(spans))})
        for r in spans:
            sub(merged, "mergeCell", {"ref": f"A{r}:{last_col}{r}"})
    if links:
        box = sub(ws, "hyperlinks")
        for ref, location, display in links:
            sub(box, "hyperlink", {"ref": ref, "location": location, "display": display})
    sub(
        ws,
        "pageMargins",
        {"left": "0.5", "right": "0.5", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3"},
    )
    sub(ws, "pageSetup", {"paperSize": "9", "orientation": "landscape", "fitToWidth": "1", "fitToHeight": "0"})
    return ws


def _unique_name(wanted: str, taken: set[str]) -> str:
    """A legal sheet name not in ``taken`` (casefolded): '评分结果', '评分结果(2)', ..."""
    base = _ILLEGAL_SHEET.sub("_", ILLEGAL_XML.sub("", wanted)).strip("'").strip() or "Sheet"
    name, n = base[:31], 1
    while name.casefold() in taken or name.casefold() == "history":
        n += 1
        name = base[: 31 - len(f"({n})")] + f"({n})"
    return name


def add_sheet(pkg: PackageWriter, book: Book, sheet: NewSheet, styles: Styles) -> str:
    """Create the part, register it in workbook.xml (+ print titles / filter names); returns its name."""
    wb = book.edit()
    name = _unique_name(sheet.name, {n.casefold() for n, _, _ in book.sheets()})
    part = pkg.unused("xl/worksheets/sheet{}.xml")
    pkg.add(part, _build_sheet(sheet, styles))
    ct_override(pkg, part, CT_SHEET)
    rid = add_rel(pkg, book.part, REL_SHEET, part)
    sheets = ensure(wb, "sheets", WB_ORDER)
    listed = sheets.findall(qn("sheet"))
    # an id that is not a whole number ("1.5", written by some tool) cannot clash with the whole number given here
    ids = [int(v) for s in listed if (v := s.get("sheetId", "0").strip()).isdigit()]
    nsmap = None if wb.nsmap.get("r") == R else {"r": R}
    etree.SubElement(
        sheets, qn("sheet"), {"name": name, "sheetId": str(max([0, *ids]) + 1), f"{{{R}}}id": rid}, nsmap=nsmap
    )
    index, heads = len(listed), min(max(sheet.header_rows, 0), len(sheet.rows))
    if heads:
        names = ensure(wb, "definedNames", WB_ORDER)
        sub(
            names, "definedName", {"name": "_xlnm.Print_Titles", "localSheetId": str(index)}
        ).text = f"{_quote_sheet(name)}!$1:${heads}"
        if sheet.autofilter:
            last = col_letters(max([len(sheet.col_widths), 1, *(len(r) for r in sheet.rows)]))
            sub(
                names, "definedName", {"name": "_xlnm._FilterDatabase", "localSheetId": str(index), "hidden": "1"}
            ).text = f"{_quote_sheet(name)}!$A${heads}:${last}${len(sheet.rows)}"
    return name


def remove_sheet(pkg: PackageWriter, book: Book, name: str) -> None:
    """Drop a sheet we created ourselves (new_workbook's blank base: no defined names refer to it)."""
    for sheet_name, _, el in book.sheets():
        parent = el.getparent()
        if sheet_name == name and parent is not None:
            book.edit()
            parent.remove(el)
            for rel in rels(pkg, book.part):
                if rel.rid == el.get(f"{{{R}}}id"):
                    drop_rel(pkg, book.part, rel)
