"""Where a worksheet's XML is broken, said in Chinese: the reader (calamine) only says, in English, that it could not
parse a sheet. When it fails, the sheet's part is parsed again (``ooxml.xml_errors``) to name what is wrong and the
cell it is in."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from perfxl.ooxml.parts import WORKBOOK, WORKBOOK_RELS
from perfxl.ooxml.xml_errors import cell_at, xml_error
from perfxl.read.package_checks import worksheet_part

__all__ = ["xml_damage"]


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
