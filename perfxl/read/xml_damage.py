"""Where a worksheet's XML is broken, said in Chinese: the reader (calamine) only says, in English, that it could not
parse a sheet. When it fails, the sheet's part is parsed again (``ooxml.xml_errors``) to name what is wrong and the
cell it is in."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Final

from perfxl.ooxml.parts import WORKBOOK, WORKBOOK_RELS
from perfxl.ooxml.xml_errors import cell_at, xml_error
from perfxl.read.package_checks import worksheet_part

__all__ = ["part_damage", "xml_damage"]

# the parts a reader parses when it opens a workbook, before any sheet
_OPENED: Final = ("[Content_Types].xml", WORKBOOK_RELS, WORKBOOK, "xl/styles.xml", "xl/sharedStrings.xml")


def xml_damage(source: bytes | Path, sheet: str) -> tuple[str, str | None] | None:
    """(what is wrong, in Chinese; the cell it is in, or None) of the sheet's XML, or None when it parses (or the
    sheet's part cannot be found): then the reader failed for another reason."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
            names = frozenset(z.namelist())
            wb = z.read(WORKBOOK).decode("utf-8", "replace")
            rels = z.read(WORKBOOK_RELS).decode("utf-8", "replace")
            part = worksheet_part(rels, wb, names, sheet)
            if part is None:
                return None
            xml = z.read(part)
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    found = xml_error(xml)
    if found is None:
        return None
    reason, _, at = found
    cell, row = cell_at(xml, at)
    return (reason if cell or row is None else f"{reason}(第 {row} 行)"), cell


def part_damage(source: bytes | Path) -> tuple[str, str, int] | None:
    """(part, what is wrong in Chinese, line) of the first part a reader parses on opening the workbook that is not
    well-formed XML, or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
            names = set(z.namelist())
            for part in _OPENED:
                if part in names:
                    found = xml_error(z.read(part))
                    if found is not None:
                        return part, found[0], found[1]
    except (OSError, zipfile.BadZipFile):
        return None
    return None
