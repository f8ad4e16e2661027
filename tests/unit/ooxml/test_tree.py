"""Tests for perfxl.ooxml.tree: new children of a SpreadsheetML part take their schema slot."""

from __future__ import annotations

from lxml import etree

from perfxl.ooxml.tree import WS_ORDER, ensure

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def test_new_children_take_their_schema_slot() -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    ws = etree.fromstring(
        f'<worksheet xmlns="{MAIN[1:-1]}" xmlns:mc="{mc}"><sheetData/><pageMargins/>'
        '<mc:AlternateContent><mc:Choice Requires="x14"><controls/></mc:Choice></mc:AlternateContent>'
        "<extLst/></worksheet>"
    )
    ensure(ws, "legacyDrawing", WS_ORDER)
    ensure(ws, "mergeCells", WS_ORDER)
    assert [etree.QName(c).localname for c in ws] == [
        "sheetData",
        "mergeCells",
        "pageMargins",
        "legacyDrawing",
        "AlternateContent",
        "extLst",
    ]
