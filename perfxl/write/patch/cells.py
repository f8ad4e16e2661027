"""Edits of existing cells: rows and cells found or created in order, values written, marks and notes added."""

from __future__ import annotations

import math
from collections.abc import Sequence

from lxml import etree

from perfxl.errors import ErrorCode, OutputError
from perfxl.ooxml.refs import cell_ref, parse_ref
from perfxl.ooxml.tree import WS_ORDER, drop_attrs, ensure, find, qn, set_text, sub, xml_text
from perfxl.ooxml.writer import PackageWriter
from perfxl.write.patch.book import Book
from perfxl.write.patch.model import CellEdit
from perfxl.write.patch.notes import add_notes
from perfxl.write.patch.styles import Styles

__all__ = ["apply_edits"]


def _row_of(sheet_data: etree._Element, row: int) -> etree._Element:
    """The <row r=row>, created in sorted position when absent."""
    for el in sheet_data.findall(qn("row")):
        r = int(el.get("r", "0"))
        if r == row:
            return el
        if r > row:
            new = etree.Element(qn("row"), {"r": str(row)})
            el.addprevious(new)
            return new
    return sub(sheet_data, "row", {"r": str(row)})


def _number_refs(sheet_data: etree._Element) -> None:
    """Give rows/cells without r (allowed by the schema: 'next one') explicit addresses."""
    r = 0
    for row in sheet_data.findall(qn("row")):
        r = int(row.get("r") or r + 1)
        row.set("r", str(r))
        c = 0
        for cell in row.findall(qn("c")):
            c = parse_ref(cell.get("r") or cell_ref(r, c + 1))[1]
            cell.set("r", cell_ref(r, c))


def _implied_style(ws: etree._Element, row: etree._Element, col: int) -> str | None:
    """Style an absent cell shows: the row's (customFormat) else its column's."""
    if row.get("customFormat") in ("1", "true") and row.get("s"):
        return row.get("s")
    cols = find(ws, "cols")
    for c in cols.findall(qn("col")) if cols is not None else []:
        if int(c.get("min", "0")) <= col <= int(c.get("max", "0")):
            return c.get("style")
    return None


def _cell_of(ws: etree._Element, row: int, col: int) -> etree._Element:
    """The <c> at (row, col), created in column order (with the style it showed) when absent."""
    sheet_data = ensure(ws, "sheetData", WS_ORDER)
    row_el = _row_of(sheet_data, row)
    new = etree.Element(qn("c"), {"r": cell_ref(row, col)})
    style = _implied_style(ws, row_el, col)
    if style:
        new.set("s", style)
    for el in row_el.findall(qn("c")):
        c = parse_ref(el.get("r", ""))[1]
        if c == col:
            return el
        if c > col:
            el.addprevious(new)
            break
    else:
        row_el.append(new)
    drop_attrs(row_el, "spans")  # spans is an optional hint; drop it rather than keep it wrong
    _extend_dimension(ws, row, col)
    return new


def _extend_dimension(ws: etree._Element, row: int, col: int) -> None:
    dim = find(ws, "dimension")
    if dim is None:
        return
    try:
        corners = [parse_ref(p) for p in dim.get("ref", "A1").split(":")]
    except ValueError:
        return
    rows, cols = [r for r, _ in corners] + [row], [c for _, c in corners] + [col]
    dim.set("ref", f"{cell_ref(min(rows), min(cols))}:{cell_ref(max(rows), max(cols))}")


def _set_value(cell: etree._Element, value: float | str) -> bool | None:
    """Write a number or inline string; True if a formula was removed, None if refused."""
    f = cell.find(qn("f"))
    if f is not None and f.get("t") == "shared" and f.get("ref"):
        return None  # other cells' formulas are defined by this one; removing it would corrupt them
    if isinstance(value, float) and not math.isfinite(value):
        raise OutputError(f"单元格 {cell.get('r')} 的值不是有限数值", code=ErrorCode.BAD_EDIT)
    for child in list(cell):
        if etree.QName(child).localname in {"f", "v", "is"}:
            cell.remove(child)
    drop_attrs(cell, "t", "cm", "vm")  # vm/cm: metadata of the old value/formula (e.g. WPS cell images)
    extlst = cell.find(qn("extLst"))
    if isinstance(value, str):
        cell.set("t", "inlineStr")
        new = etree.Element(qn("is"))
        set_text(sub(new, "t"), xml_text(value))
    else:
        new = etree.Element(qn("v"))
        new.text = repr(float(value)) if isinstance(value, float) else str(int(value))
    if extlst is not None:
        extlst.addprevious(new)
    else:
        cell.append(new)
    return f is not None


def apply_edits(
    pkg: PackageWriter, book: Book, styles: Styles, edits: Sequence[CellEdit], warnings: list[str]
) -> tuple[bool, bool]:
    """Apply cell edits sheet by sheet; returns (a value was written, a formula was removed)."""
    parts = {name: part for name, part, _ in book.sheets()}
    folded = {name.casefold(): part for name, part in parts.items()}
    wrote = removed = False
    for sheet in dict.fromkeys(e.sheet for e in edits):
        part = parts.get(sheet) or folded.get(sheet.casefold())
        if part is None or pkg.name(part) is None:
            raise OutputError(f"要修改的工作表「{sheet}」不存在", code=ErrorCode.BAD_EDIT, file=pkg.label, sheet=sheet)
        ws = pkg.xml(part, edit=True)
        try:
            _number_refs(ensure(ws, "sheetData", WS_ORDER))
        except ValueError as exc:
            raise OutputError(
                f"工作表含无效的单元格地址 {exc}", code=ErrorCode.BAD_INPUT, file=pkg.label, sheet=sheet
            ) from None
        notes = []
        for e in (e for e in edits if e.sheet == sheet):
            try:
                row, col = parse_ref(e.cell)
            except ValueError:
                raise OutputError(
                    f"单元格地址「{e.cell}」无效", code=ErrorCode.BAD_EDIT, file=pkg.label, sheet=sheet
                ) from None
            cell = _cell_of(ws, row, col)
            xf = int(cell.get("s", "0")) if cell.get("s", "0").isdigit() else 0
            value, numfmt = e.value, None
            if e.percent and isinstance(value, float | int):
                kind = styles.percent_kind(xf)
                if kind != "points":  # the cell shows 0.8571 as 85.71%, or is given that format
                    value, numfmt = round(float(value) / 100, 8), None if kind else "0.00%"
            if e.mark == "filled" and value is not None:
                formula = cell.find(qn("f"))
                shown = None if formula is None else (formula.text or "").strip()
                done = _set_value(cell, value)
                if done is None:
                    warnings.append(f"工作表「{sheet}」单元格 {e.cell} 是共享公式的首格,未写入值,仅标色")
                elif done:  # a formula replaced (one that showed nothing, as a cell to fill): said, never silently
                    was = f"「={shown}」" if shown else ""
                    warnings.append(f"工作表「{sheet}」单元格 {e.cell} 原有公式{was}，已替换为复核值")
                wrote, removed = wrote or done is not None, removed or bool(done)
            cell.set("s", str(styles.marked(xf, e.mark, numfmt)))
            if e.note:
                notes.append((row, col, e.note))
        if notes:
            problem = add_notes(pkg, part, ws, notes)
            if isinstance(problem, str):
                warnings.append(f"工作表「{sheet}」{problem},未添加 {len(notes)} 条批注")
            elif problem:
                cells = "、".join(problem)
                warnings.append(f"工作表「{sheet}」{cells} 已有批注，未改动，perfxl 的说明见「一致性检查」表")
    return wrote, removed
