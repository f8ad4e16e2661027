"""The prolog of an XML part, checked before any parser sees the part: no DTD (entity bombs, XXE; OPC M1.18)
and no encoding in which markup could hide."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from perfxl.errors import ErrorCode
from perfxl.ooxml.package import Package
from perfxl.ooxml.zipdir import Entry
from perfxl.read.refusals import fail, show

_PROLOG_WINDOW: Final = 1024  # first look; more only while still in the prolog
_PROLOG_MAX: Final = 64 * 1024

_PROLOG_ITEM: Final = re.compile(r"[ \t\r\n]+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
_ENCODING_DECL: Final = re.compile(r"""\A<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
# Stateless encodings in which '<', '!', '-', '?', '>' are always themselves (no trail byte is < 0x40).
_SAFE_ENCODINGS: Final = frozenset(
    {
        "utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be", "us-ascii", "ascii",
        "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "gbk", "gb2312",
        "gb18030", "cp936", "windows-936", "big5", "shift-jis", "sjis", "windows-31j", "cp932",
        "euc-jp", "euc-kr", "cp949",
    }
)  # fmt: skip
_SAFE_SINGLE_BYTE: Final = re.compile(r"iso-?8859-\d{1,2}|windows-125\d|cp125\d|koi8-[ru]")
_NEED_MORE: Final = "need-more"


def _safe_encoding(declared: str) -> bool:
    name = declared.strip().lower().replace("_", "-")
    return name in _SAFE_ENCODINGS or _SAFE_SINGLE_BYTE.fullmatch(name) is not None


# What nearly every writer produces: an optional plain UTF-8 declaration, then the root element.
_PLAIN_PROLOG: Final = re.compile(
    rb'(?:\xef\xbb\xbf)?(?:<\?xml version="1\.0"(?: encoding="(?:UTF|utf)-8")?(?: standalone="(?:yes|no)")?'
    rb"[ ]?\?>)?[ \t\r\n]*<[A-Za-z_]"
)


def _prolog_text(raw: bytes) -> str | None:
    """The head of an XML part decoded for prolog inspection; None for encodings OPC does not allow."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"<\x00\x00\x00", b"\x00\x00\x00<")):
        return None  # UTF-32 / UCS-4
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("latin-1")
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le", "replace")
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    if raw.startswith(b"<\x00"):
        return raw.decode("utf-16-le", "replace")
    if raw.startswith(b"\x00<"):
        return raw.decode("utf-16-be", "replace")
    # UTF-8 and the ASCII-compatible encodings: the prolog's markup is ASCII, latin-1 never fails.
    return raw.decode("latin-1")


def _prolog_problem(raw: bytes, complete: bool) -> str | None:
    """None if the part's prolog holds no DTD; a Chinese reason if it must be rejected;
    ``_NEED_MORE`` if the window ended inside the prolog (``complete``: raw is the whole part)."""
    if _PLAIN_PROLOG.match(raw):
        return None
    text = _prolog_text(raw)
    if text is None:
        return "使用了 OPC 规范不允许的 XML 编码"
    decl = _ENCODING_DECL.match(text)
    if decl and not _safe_encoding(decl.group(1)):
        return f"声明了不支持的 XML 编码“{show(decl.group(1), 40)}”"
    pos = 0
    while (m := _PROLOG_ITEM.match(text, pos)) is not None and m.end() > pos:
        pos = m.end()
    rest = text[pos:] if complete else text[pos:].rstrip("\ufffd")  # a UTF-16 unit cut by the window
    if rest[:9].upper() == "<!DOCTYPE":
        return "含有 DTD 声明(<!DOCTYPE)"
    if len(rest) >= 2 and rest[0] == "<" and (rest[1].isalpha() or rest[1] in "_:"):
        return None  # the root element: the prolog is over
    if complete:
        return None if not rest else "XML 开头含有无法识别的内容"
    return _NEED_MORE if not rest or rest[0] == "<" else "XML 开头含有无法识别的内容"


def _head_problem(raw: bytes, part_size: int) -> str | None:
    """``_prolog_problem`` of the first 64 KB of a part, given its first ``len(raw)`` bytes."""
    head = raw if len(raw) <= _PROLOG_MAX else raw[:_PROLOG_MAX]
    return _prolog_problem(head, complete=len(head) >= part_size)


def check_prolog(pkg: Package, info: Entry, p: Path, raw: bytes | None = None) -> None:
    """Reject a DTD (entity bombs, XXE; OPC M1.18) before any parser sees the part; ``raw``: the part's head
    when the caller has read it already.

    Normally looks at the first KB only; reads on (up to 64 KB) only while still inside the prolog,
    so padding with comments or whitespace cannot push a DOCTYPE out of sight.
    """
    if raw is None:
        problem = _head_problem(pkg.head(info, _PROLOG_WINDOW), info.file_size)
        if problem == _NEED_MORE:
            problem = _head_problem(pkg.head(info, _PROLOG_MAX), info.file_size)
    else:
        problem = _head_problem(raw, info.file_size)
    if problem == _NEED_MORE:
        problem = "XML 开头过长或格式异常"
    if problem is not None:
        raise fail(
            ErrorCode.UNSAFE_XML,
            f"文件内部件 {show(info.orig_filename)} {problem}，可能是恶意构造的文件，已拒绝读取；"
            "请报送单位用 Excel/WPS 重新保存后报送",
            p,
        )
