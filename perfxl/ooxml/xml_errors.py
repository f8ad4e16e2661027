"""What is wrong with a part that is not well-formed XML, in Chinese, and where (the readers' own messages are
English and name no cell): parsed with expat (C, strict; sniff has refused any part with a DTD)."""

from __future__ import annotations

import re
from typing import Final
from xml.parsers import expat

__all__ = ["cell_at", "xml_error"]

_E = expat.errors
_REASONS: Final = {
    _E.XML_ERROR_TAG_MISMATCH: "标签不配对",
    _E.XML_ERROR_UNCLOSED_TOKEN: "内容不完整(可能被截断)",
    _E.XML_ERROR_NO_ELEMENTS: "内容不完整(可能被截断)",
    _E.XML_ERROR_UNCLOSED_CDATA_SECTION: "内容不完整(可能被截断)",
    _E.XML_ERROR_PARTIAL_CHAR: "内容不完整(可能被截断)",
    _E.XML_ERROR_INVALID_TOKEN: "含有不合规的字符或标记",
    _E.XML_ERROR_SYNTAX: "含有不合规的字符或标记",
    _E.XML_ERROR_JUNK_AFTER_DOC_ELEMENT: "结尾有多余的内容",
    _E.XML_ERROR_DUPLICATE_ATTRIBUTE: "同一标记的属性重复",
    _E.XML_ERROR_UNDEFINED_ENTITY: "含有无法识别的实体",
    _E.XML_ERROR_BAD_CHAR_REF: "含有无法识别的字符引用",
    _E.XML_ERROR_UNBOUND_PREFIX: "使用了未声明的命名空间前缀",
    _E.XML_ERROR_INCORRECT_ENCODING: "编码与声明不符",
}


def xml_error(xml: bytes) -> tuple[str, int, int] | None:
    """(what is wrong, in Chinese; its line; the byte where the parser stopped) of a part that is not well-formed
    XML, or None when it is."""
    parser = expat.ParserCreate()
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        return _REASONS.get(_E.messages[exc.code], "格式错误"), exc.lineno, parser.ErrorByteIndex
    return None


_CELL: Final = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Za-z]{1,3}[0-9]{1,7})"')
_ROW: Final = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]{1,7})"')


def cell_at(xml: bytes, at: int) -> tuple[str | None, int | None]:
    """(the cell of a worksheet's XML the byte ``at`` is in: the last one opened before it in its row; its row),
    each None where the XML does not say."""
    if at < 0:
        return None, None
    head = xml[: at + 1]
    start = max(head.rfind(b"<c "), head.rfind(b":c "))
    row_start = max(head.rfind(b"<row "), head.rfind(b":row "))
    row = _ROW.match(xml, head.rfind(b"<", 0, row_start + 1)) if row_start >= 0 else None
    cell = _CELL.match(xml, head.rfind(b"<", 0, start + 1)) if start > row_start else None
    return (
        cell.group(1).decode("ascii").upper() if cell else None,
        int(row.group(1)) if row else None,
    )
