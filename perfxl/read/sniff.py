"""Cheap pre-flight check of an input file before any workbook reader touches it.

``sniff`` decides from the bytes (never from the extension) whether a file is an ``.xlsx`` or ``.xls``
workbook and rejects, with one ``InputError`` per problem, everything the readers mishandle (see
docs/bad-inputs.md §1.1-1.6, §6.2): empty, foreign or disguised files, encrypted workbooks, damaged or
hostile zip containers (bombs, duplicate or odd part names), xlsb and Strict Open XML, XML parts with a
DTD, and the one-far-cell sheets that make python-calamine abort the whole process.

It reads only the zip central directory, the first KB of each XML part and the worksheet parts
(at most 2 MB each, by their declared size), and never parses a sheet into cells. Small parts that recur
byte for byte across a batch (a template's theme, styles, content types) are inflated and parsed once per
process; every check still runs on every file. The checks themselves live beside this module:
``package_checks`` (zip packages), ``ole`` (compound files); this module decides which apply.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from perfxl.errors import ErrorCode, InputError
from perfxl.ooxml.package import DamagedPart, Package
from perfxl.ooxml.zipdir import DamagedArchive
from perfxl.read.hidden import Hidden
from perfxl.read.limits import DEFAULT_LIMITS, WHOLE_READ, Limits
from perfxl.read.listing import is_skippable
from perfxl.read.ole import check_ole
from perfxl.read.package_checks import check_zip
from perfxl.read.refusals import (
    MSG_CORRUPT,
    RESAVE,
    SEND_XLSX,
    damaged,
    fail,
    mb,
    open_regular,
    read_failed,
    show,
)

__all__ = ["DEFAULT_LIMITS", "Limits", "Sniffed", "sniff"]

Kind = Literal["xlsx", "xls"]


@dataclass(frozen=True)
class Sniffed:
    """What a file really is; ``warnings`` are Chinese one-liners (e.g. an extension that lies)."""

    path: Path
    kind: Kind
    size: int
    warnings: tuple[str, ...]
    # the workbook for the reader, when the file was small enough to be read whole (else None): the file's bytes
    # as checked, its worksheet parts stored as sniff inflated them (``Package.with_stored``). The reader parses
    # these, not the file again: one read and one inflation of each sheet less, and nothing changes in between.
    package: bytes | None = field(default=None, compare=False, repr=False)
    # ``fingerprint`` of the bytes checked (None: too big to read whole): the scored copy is made from bytes with the
    # same fingerprint, never from a file changed after it was scored
    fingerprint: str | None = field(default=None, compare=False, repr=False)
    # sheet name -> cell reference -> what a cell a reader shows as blank holds (an error value, an uncalculated
    # formula: ``perfxl.read.cell_problems``)
    problems: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, repr=False)
    # sheet name -> the rows and columns it hides (``perfxl.read.hidden``)
    hidden: dict[str, Hidden] = field(default_factory=dict, compare=False, repr=False)
    # sheet name -> cell reference -> the percentage a number cell in a percentage format shows
    # (``perfxl.read.percent_cells``)
    percents: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, repr=False)


def fingerprint(data: bytes) -> str:
    """A file's bytes, summarised to tell whether they changed."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XLSX_EXTS: Final = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm"})
_XLS_EXTS: Final = frozenset({".xls", ".xlt"})


def sniff(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> Sniffed:
    """Identify a workbook by its content and reject what no reader should be given.

    Raises ``InputError`` (``code`` is stable, message is Chinese with a fix hint, ``file`` is set).
    """
    p = Path(path)
    f = open_regular(p)
    try:
        with f:
            try:
                size = os.fstat(f.fileno()).st_size
                if size == 0:
                    raise fail(ErrorCode.EMPTY_FILE, "文件为空(0 字节)，可能是传输失败，请重新获取原件", p)
                if size > limits.max_file:
                    raise fail(
                        ErrorCode.TOO_LARGE,
                        f"文件过大({mb(size)}，上限 {mb(limits.max_file)})，"
                        "评价表通常只有几百 KB，请确认报送的是否为正确文件",
                        p,
                    )
                # small files (nearly all) are read in one call; big ones are read part by part
                data = f.read(size if size <= WHOLE_READ else 4096)
                head = data[:4096]
                kind: Kind
                if head[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
                    pkg = Package(f, data if size <= WHOLE_READ else None)
                    checked = check_zip(pkg, p, limits)
                    package, problems, hidden = pkg.with_stored(checked.contents), checked.problems, checked.hidden
                    percents = checked.percents
                    kind = "xlsx"
                elif head.startswith(_OLE_MAGIC):
                    check_ole(data + f.read(limits.max_file), p)
                    package, problems, hidden = data if size <= WHOLE_READ else None, {}, {}
                    percents = {}
                    kind = "xls"
                else:
                    raise _classify_other(head, p)
            except OSError as exc:
                raise read_failed(exc, p) from exc
            except (DamagedArchive, DamagedPart) as exc:
                raise damaged(exc, p) from exc
            except (ValueError, zlib.error, struct.error, EOFError, RuntimeError, NotImplementedError) as exc:
                # safety net: the checks above map what they expect; damaged input can surprise
                raise fail(ErrorCode.CORRUPT_ARCHIVE, MSG_CORRUPT, p) from exc
    except OSError as exc:  # close() failing
        raise read_failed(exc, p) from exc
    whole = data if size <= WHOLE_READ else None
    return Sniffed(
        path=p,
        kind=kind,
        size=size,
        warnings=_extension_warnings(p, kind),
        package=package,
        fingerprint=None if whole is None else fingerprint(whole),
        problems=problems,
        hidden=hidden,
        percents=percents,
    )


def _extension_warnings(p: Path, kind: Kind) -> tuple[str, ...]:
    ext = p.suffix.lower()
    if ext in (_XLSX_EXTS if kind == "xlsx" else _XLS_EXTS):
        return ()
    if not ext:
        return (f"文件没有扩展名，内容是 .{kind}，已按实际内容读取",)
    return (f"扩展名为 {show(p.suffix, 20)} 但内容是 .{kind}，已按实际内容读取",)


# --------------------------------------------------------------------------------------------------
# Not a zip, not OLE: name what it is

_BINARY_MAGICS: Final = (
    (b"%PDF", "PDF 文档"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"{\\rtf", "RTF 文档"),
)
_CONTROL_CHARS: Final = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _classify_other(head: bytes, p: Path) -> InputError:
    for magic, what in _BINARY_MAGICS:
        if head.startswith(magic):
            return fail(ErrorCode.NOT_EXCEL, f"不是 Excel 文件(实为{what})，{SEND_XLSX}", p)
    skip = is_skippable(p)
    if skip:  # the caller should have skipped it (a lock file holds a line of text): say so rather than "CSV"
        return fail(ErrorCode.NOT_EXCEL, f"不是 Excel 文件：这是{skip.removesuffix('，已跳过')}，无需报送，可忽略", p)
    text = _decode_text(head)
    if text is not None:
        t = text.lstrip(" \t\r\n\ufeff")
        low = t[:4096].lower()
        if low.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in low:
            return fail(ErrorCode.DISGUISED_FORMAT, f"实为 Excel 2003 XML 表格(不是真正的 Excel 工作簿)，{RESAVE}", p)
        if low.startswith(("<html", "<!doctype html", "<table")) or (
            low.startswith("<") and ("<html" in low or "<table" in low)
        ):
            return fail(ErrorCode.DISGUISED_FORMAT, f"实为网页(HTML)导出，{RESAVE}", p)
        if low.startswith("mime-version:"):
            return fail(ErrorCode.DISGUISED_FORMAT, f"实为单个文件网页(MHT)导出，{RESAVE}", p)
        if low.startswith("<"):
            return fail(ErrorCode.NOT_EXCEL, f"不是 Excel 文件(实为 XML 文本)，{SEND_XLSX}", p)
        if any(ch in t for ch in ",\t;"):
            return fail(ErrorCode.DISGUISED_FORMAT, f"实为 CSV/文本表格，{RESAVE}", p)
    what = "实为纯文本文件" if text is not None else "无法识别的文件格式"
    return fail(ErrorCode.NOT_EXCEL, f"不是 Excel 文件({what})，{SEND_XLSX}", p)


def _decode_text(head: bytes) -> str | None:
    """The head as text if it looks like text (UTF-16 with BOM, UTF-8 or GB18030), else None."""
    text: str | None = None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        for enc in ("utf-8", "gb18030"):
            try:
                text = head.decode(enc)
            except UnicodeDecodeError as exc:
                if len(head) == 4096 and exc.start >= len(head) - 4:
                    text = head[: exc.start].decode(enc)  # a character cut by the 4 KB window
            if text is not None:
                break
    if text is None or not text.strip() or _CONTROL_CHARS.search(text):
        return None
    return text
