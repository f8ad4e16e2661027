"""Names in an xlsx package: the fixed part names, where a relationship points, and the namespaces,
relationship types and content types that sniffing and write-back both use."""

from __future__ import annotations

import posixpath
from typing import Final

WORKBOOK: Final = "xl/workbook.xml"
WORKBOOK_RELS: Final = "xl/_rels/workbook.xml.rels"
CONTENT_TYPES: Final = "[Content_Types].xml"

# Namespaces
MAIN: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_R: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
CT: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
MC: Final = "http://schemas.openxmlformats.org/markup-compatibility/2006"
VML: Final = {
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "x": "urn:schemas-microsoft-com:office:excel",
}

# Relationship types
REL_DOC: Final = R + "/officeDocument"
REL_SHEET: Final = R + "/worksheet"
REL_STYLES: Final = R + "/styles"
REL_CALC: Final = R + "/calcChain"
REL_COMMENTS: Final = R + "/comments"
REL_VML: Final = R + "/vmlDrawing"
REL_EXTERNAL_LINK: Final = R + "/externalLink"
REL_CONNECTIONS: Final = R + "/connections"
REL_QUERY_TABLE: Final = R + "/queryTable"
REL_TABLE: Final = R + "/table"
REL_PIVOT_CACHE: Final = R + "/pivotCacheDefinition"
CHART: Final = "http://schemas.openxmlformats.org/drawingml/2006/chart"

# Content types
CT_MAIN: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_SHEET: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML: Final = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_STYLES: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CT_VBA: Final = "application/vnd.ms-office.vbaProject"
CT_PRINTER: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"
CT_MAIN_VARIANTS: Final = frozenset(
    {
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.ms-excel.template.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    }
)


def resolve(source_dir: str, target: str) -> str:
    """The part a relationship target names, for a source part in ``source_dir`` ("" for the package root;
    no trailing slash); an absolute target ("/xl/...") is taken from the root."""
    target = target.strip()
    joined = target.lstrip("/") if target.startswith("/") else f"{source_dir}/{target}"
    return posixpath.normpath(joined).lstrip("/")


def rels_part(part: str) -> str:
    """The relationships part of ``part`` ("" for the package's own: ``_rels/.rels``)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")
