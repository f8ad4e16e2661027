"""Tests for perfxl.ooxml.xmlscan: the fast and the tokenising paths read the same values."""

from __future__ import annotations

from perfxl.ooxml.xmlscan import RELS, SHEETS, unescape


def test_written_and_unusual_shapes_read_alike() -> None:
    usual = '<sheets><sheet name="附件5" sheetId="1" r:id="rId1"/></sheets>'
    unusual = '<x:sheets><x:sheet r:id=\'rId1\' sheetId="1" name="附件&#53;" /></x:sheets>'
    assert SHEETS.find(usual) == (("sheet", "附件5", "rId1"),)
    assert SHEETS.find(unusual) == (("sheet", "附件5", "rId1"),)
    rel = '<Relationship Target="a&amp;b.xml" Id="rId2" Type="t"/>'
    assert RELS.find(rel) == (("Relationship", "rId2", "t", "a&b.xml"),)


def test_unescape() -> None:
    assert unescape("R&amp;D &lt;一&gt; &#x41;&#66; &#1114112;") == "R&D <一> AB \ufffd"
