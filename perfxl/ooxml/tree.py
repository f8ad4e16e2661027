"""SpreadsheetML parts as lxml trees: the parser for untrusted parts, qualified names, new children put in the
slot the schema gives them (CT_Worksheet, CT_Workbook, CT_Stylesheet), and text made safe to store."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from lxml import etree

from perfxl.ooxml.parts import MAIN, MC

PARSER: Final = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False
)

ILLEGAL_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_ESCAPE: Final = re.compile(r"_(x[0-9A-Fa-f]{4}_)")

# Schema child order: new children go in their slot.
WS_ORDER: Final = (
    "sheetPr",
    "dimension",
    "sheetViews",
    "sheetFormatPr",
    "cols",
    "sheetData",
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
)
WB_ORDER: Final = (
    "fileVersion",
    "fileSharing",
    "workbookPr",
    "workbookProtection",
    "bookViews",
    "sheets",
    "functionGroups",
    "externalReferences",
    "definedNames",
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
)
SS_ORDER: Final = (
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
)


def qn(name: str) -> str:
    """The qualified SpreadsheetML name ``{main}name``."""
    return f"{{{MAIN}}}{name}"


def sub(parent: etree._Element, name: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """Append a SpreadsheetML child (lxml reuses whatever prefix the document already binds)."""
    return etree.SubElement(parent, qn(name), attrs or {})


def find(parent: etree._Element, name: str) -> etree._Element | None:
    return parent.find(qn(name))


def _order_name(el: etree._Element) -> str | None:
    """Local name used for schema ordering; mc:AlternateContent counts as the element it wraps."""
    if not isinstance(el.tag, str):
        return None
    q = etree.QName(el)
    if q.namespace == MC and q.localname == "AlternateContent":
        inner = el.find(f"{{{MC}}}Choice/*")
        return _order_name(inner) if inner is not None else None
    return q.localname if q.namespace == MAIN else None


def ensure(
    parent: etree._Element, name: str, order: Sequence[str], nsmap: dict[str, str] | None = None
) -> etree._Element:
    """Find the child ``name`` or create it in its schema position."""
    found = find(parent, name)
    if found is not None:
        return found
    el = etree.Element(qn(name), nsmap=nsmap)
    rank = order.index(name)
    for i, child in enumerate(parent):
        other = _order_name(child)
        if other in order and order.index(other) > rank:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def recount(container: etree._Element) -> None:
    """Set ``count`` to the number of child elements."""
    container.set("count", str(sum(1 for c in container if isinstance(c.tag, str))))


def xml_text(text: str, limit: int = 32767) -> str:
    """Make untrusted text safe for a cell: XML-legal, Excel's _xHHHH_ escapes kept literal, capped."""
    return _EXCEL_ESCAPE.sub(r"_x005F_\1", ILLEGAL_XML.sub("", text))[:limit]


def set_text(el: etree._Element, text: str) -> None:
    """Set the text, marked xml:space="preserve" where leading/trailing space or a line break must survive."""
    el.text = text
    if text != text.strip() or "\n" in text:
        el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def drop_attrs(el: etree._Element, *names: str) -> None:
    for name in names:
        if name in el.attrib:
            del el.attrib[name]
