"""Cells a reader shows as blank that hold an error value or an uncalculated formula (issue 18 item 9)."""

from __future__ import annotations

from perfxl.read.cell_problems import UNCACHED_TEXT, cell_problems


def test_error_values_and_uncalculated_formulas_are_found() -> None:
    xml = (
        b'<sheetData><row r="5"><c r="B5" s="4" t="e"><f>C5/0</f><v>#DIV/0!</v></c><c r="C5"><v>6</v></c>'
        b'<c r="D5"><f>B5-C5</f></c><c r="E5" t="e"><v>#REF!</v></c><c r="F5"><f>1+1</f><v>2</v></c></row>'
        b"</sheetData>"
    )
    assert cell_problems(xml) == {"B5": "#DIV/0!", "E5": "#REF!", "D5": UNCACHED_TEXT}
    assert cell_problems(b'<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="2"/></row>') == {}


def test_an_empty_result_is_no_result_unless_the_formula_gives_text() -> None:
    # openpyxl saves a formula with an empty <v></v> (or <v/>): no result; a formula whose result is "" is saved
    # t="str" with an empty <v>, and that "" is its result; t="str" with no <v> at all is no result either
    xml = (
        b'<row r="5"><c r="C5" s="6"><f>SUM(C6:C8)</f><v></v></c><c r="D5"><f t="shared" si="0"/><v/></c>'
        b'<c r="I5" s="3" t="str"><f>IF(H5&gt;=90,"","")</f><v></v></c><c r="J5" t="str"><f>A1</f></c>'
        b'<c r="K5" t="str"><f>A1</f><v>x</v></c></row>'
    )
    assert cell_problems(xml) == {"C5": UNCACHED_TEXT, "D5": UNCACHED_TEXT, "J5": UNCACHED_TEXT}
