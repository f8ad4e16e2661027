"""Write-back of a whole workbook: a copy of the input with marked cells and appended sheets, or a fresh
workbook holding only the new sheets; macros, external links and data connections are never carried over."""

from __future__ import annotations

import io
import posixpath
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Final

import xlsxwriter  # type: ignore[import-untyped]

from perfxl.errors import ErrorCode, OutputError
from perfxl.ooxml.parts import CONTENT_TYPES, CT, CT_MAIN, CT_MAIN_VARIANTS, CT_PRINTER, CT_VBA, REL_CALC
from perfxl.ooxml.tree import WB_ORDER, ensure, qn
from perfxl.ooxml.writer import PackageWriter, ct_get, ct_override, drop_rel, rels
from perfxl.write.patch.book import Book
from perfxl.write.patch.cells import apply_edits
from perfxl.write.patch.links import cut_connections, cut_links
from perfxl.write.patch.model import CellEdit, NewSheet, PatchResult
from perfxl.write.patch.sheets import add_sheet, remove_sheet
from perfxl.write.patch.styles import Styles

__all__ = ["new_workbook", "patch_workbook"]

_BLANK_SHEET: Final = "perfxl_blank"


def _drop_macros(pkg: PackageWriter, book: Book, warnings: list[str]) -> None:
    """An .xlsx must not carry a VBA project or a macro-enabled main content type."""
    if ct_get(pkg, book.part) in CT_MAIN_VARIANTS:
        ct_override(pkg, book.part, CT_MAIN)
    for rel in rels(pkg, book.part):
        if rel.rtype.endswith("/vbaProject") and rel.target:
            for dep in rels(pkg, rel.target):  # e.g. vbaProjectSignature.bin
                drop_rel(pkg, rel.target, dep)
            drop_rel(pkg, book.part, rel)
            warnings.append(f"已移除宏({posixpath.basename(rel.target)})")
    ct = pkg.xml(CONTENT_TYPES)
    for el in ct.findall(f"{{{CT}}}Default"):
        if el.get("ContentType") == CT_VBA:
            pkg.xml(CONTENT_TYPES, edit=True)
            bins = [n for n in pkg.blobs if n.lower().endswith(".bin") and pkg.name(n)]
            if any(ct_get(pkg, n) == CT_VBA for n in bins):
                el.set("ContentType", CT_PRINTER)  # the remaining .bin parts (printer settings) used it
            else:
                ct.remove(el)


def _run(
    pkg: PackageWriter, dst: Path, edits: Sequence[CellEdit], new_sheets: Sequence[NewSheet], drop: Sequence[str] = ()
) -> PatchResult:
    book = Book(pkg)
    warnings: list[str] = []
    _drop_macros(pkg, book, warnings)
    cut_links(pkg, book, warnings)
    cut_connections(pkg, book, warnings)
    styles = Styles(pkg, book.part) if edits or new_sheets else None
    if styles is not None and edits:
        wrote, removed = apply_edits(pkg, book, styles, edits, warnings)
        if wrote:  # dependent formulas still show their old cached values; have Excel/WPS recalculate
            ensure(book.edit(), "calcPr", WB_ORDER).set("fullCalcOnLoad", "1")
        if removed:  # calcChain may list the removed formula; Excel rebuilds a missing chain silently
            for rel in rels(pkg, book.part):
                if rel.rtype == REL_CALC:
                    drop_rel(pkg, book.part, rel)
    for name in drop:  # before adding, so the new sheets' localSheetId indexes are final
        remove_sheet(pkg, book, name)
    names = [add_sheet(pkg, book, s, styles) for s in new_sheets] if styles is not None else []
    protection = book.edit().find(qn("workbookProtection")) if names else None
    if protection is not None and protection.get("lockStructure") in ("1", "true"):
        # the lock stays (only the person who set it can lift it); the sheets perfxl adds are said, not hidden
        warnings.append(f"工作簿设置了结构保护，perfxl 仍加入了「{'」「'.join(names)}」，其余工作表与保护设置不变")
    pkg.save(dst)
    return PatchResult(sheet_names=names, warnings=warnings)


def patch_workbook(
    src: Path, dst: Path, edits: Sequence[CellEdit], new_sheets: Sequence[NewSheet], data: bytes | None = None
) -> PatchResult:
    """Copy ``src`` to ``dst`` unchanged except for the marked cells and the appended sheets (``data``: src's bytes,
    when the caller has read them)."""
    if Path(dst).resolve() == Path(src).resolve():
        raise OutputError("输出文件不能与输入文件相同", code=ErrorCode.OUTPUT_IS_INPUT, file=dst)
    return _run(PackageWriter(data if data is not None else Path(src), str(src)), Path(dst), edits, new_sheets)


_CREATED = datetime(2020, 1, 1)


def new_workbook(dst: Path, new_sheets: Sequence[NewSheet]) -> PatchResult:
    """Write a fresh workbook holding exactly ``new_sheets`` (for inputs that cannot be patched)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf, {"in_memory": True, "default_format_properties": {"font_name": "宋体", "font_size": 11}}
    )
    wb.set_properties({"created": _CREATED})  # not now: the same input gives the same bytes
    wb.add_worksheet(_BLANK_SHEET)
    wb.close()
    pkg = PackageWriter(buf.getvalue(), "新工作簿")
    for rel in rels(pkg, ""):  # app.xml would still list the blank sheet's name
        if rel.rtype.endswith("/extended-properties"):
            drop_rel(pkg, "", rel)
    # A workbook needs at least one sheet: keep the blank one only when there is nothing to add.
    return _run(pkg, Path(dst), [], new_sheets, drop=[_BLANK_SHEET] if new_sheets else [])
