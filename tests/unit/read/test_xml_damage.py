"""A sheet whose XML is broken is said in Chinese with the cell where it breaks (issue 18 item 9): the reader's own
message is English and names no cell."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from perfxl import api
from perfxl.errors import ErrorCode, InputError, OutputError
from perfxl.ooxml.xml_errors import cell_at, xml_error

SEED = Path(__file__).resolve().parents[3] / "samples" / "大通湖政务中心2020.xlsx"


def _damaged(dst: Path, part: str, before: str, insert: str) -> Path:
    """The sample with ``insert`` written into ``part`` just before the first ``before``."""
    with zipfile.ZipFile(SEED) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    text = parts[part].decode()
    at = text.index(before)
    parts[part] = (text[:at] + insert + text[at:]).encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return dst


@pytest.mark.parametrize(
    ("insert", "cell", "reason"),
    [
        ('<row r="5"><c r="A5"><v>1</c></row>', "A5", "标签不配对"),  # <v> never closed
        ('<row r="5"><c r="D5"><v>1 & 2</v></c></row>', "D5", "不合规的字符"),
    ],
)
def test_a_broken_sheet_names_its_cell_in_chinese(tmp_path: Path, insert: str, cell: str, reason: str) -> None:
    src = _damaged(tmp_path / "坏.xlsx", "xl/worksheets/sheet3.xml", '<row r="5"', insert)
    with pytest.raises(InputError) as raised:
        api.score(src, tmp_path / "out.xlsx")
    error = raised.value
    assert (error.code, error.sheet, error.cell) == (ErrorCode.CORRUPT_XML, "附件4", cell)
    assert reason in error.message and "重新保存" in error.message
    assert not any("a" <= ch <= "z" for ch in error.message.replace("Excel", "").replace("WPS", "").replace("XML", ""))


def test_a_broken_part_written_back_is_said_in_chinese(tmp_path: Path) -> None:
    src = _damaged(tmp_path / "样式.xlsx", "xl/styles.xml", "</fonts>", "<font>")
    with pytest.raises(OutputError) as raised:
        api.score(src, tmp_path / "out.xlsx")
    assert "部件 xl/styles.xml 的 XML 已损坏：标签不配对(第 2 行)" in str(raised.value)


def test_a_sheet_the_reader_accepts_but_write_back_cannot_parse_names_its_cell(tmp_path: Path) -> None:
    # calamine reads past a repeated attribute; the scored copy's XML parser does not
    insert = '<row r="5"><c r="B5" t="n"><v>1</v></c><c r="C5" t="n" t="n"><v>2</v></c></row>'
    src = _damaged(tmp_path / "坏.xlsx", "xl/worksheets/sheet3.xml", '<row r="5"', insert)
    with pytest.raises(OutputError) as raised:
        api.score(src, tmp_path / "out.xlsx")
    assert "部件 xl/worksheets/sheet3.xml 的 XML 已损坏：同一标记的属性重复(单元格 C5)" in str(raised.value)


def test_what_expat_says_is_mapped_and_located() -> None:
    assert xml_error(b"<a><b/></a>") is None
    reason, line, at = xml_error(b"<a><b></a>") or ("", 0, -1)
    assert (reason, line) == ("标签不配对", 1) and 6 <= at <= 9  # inside "</a>"
    assert (xml_error(b"<a>\n<b>") or ("",))[:2] == ("内容不完整(可能被截断)", 2)
    xml = b'<sheetData><row r="7"><c r="B7"><v>1</v></c><c r="C7"><v>2</c></row></sheetData>'
    found = xml_error(xml)
    assert found is not None and cell_at(xml, found[2]) == ("C7", 7)


def test_broken_shared_strings_are_refused_not_read_past(tmp_path: Path) -> None:
    # calamine reads past an unclosed <si>: the two strings run into one ("坏自评总得分"), a label silently changed
    src = _damaged(tmp_path / "字符串.xlsx", "xl/sharedStrings.xml", "<si><t>自评总得分", "<si><t>坏</si>")
    with pytest.raises(InputError) as raised:
        api.score(src, tmp_path / "out.xlsx")
    assert raised.value.code == ErrorCode.CORRUPT_XML
    assert "共享字符串部件(xl/sharedStrings.xml)的 XML 已损坏：标签不配对(第 2 行)" in raised.value.message


def test_a_workbook_part_the_reader_cannot_open_is_named_in_chinese(tmp_path: Path) -> None:
    src = _damaged(tmp_path / "目录.xlsx", "xl/workbook.xml", "</sheets>", "<sheet>")
    with pytest.raises(InputError) as raised:
        api.score(src, tmp_path / "out.xlsx")
    assert raised.value.code == ErrorCode.CORRUPT_XML
    assert "部件 xl/workbook.xml 的 XML 已损坏：标签不配对(第 2 行)" in raised.value.message
