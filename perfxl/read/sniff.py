"""Cheap pre-flight check of an input file before any workbook reader touches it.

``sniff`` decides from the bytes (never from the extension) whether a file is an ``.xlsx`` or ``.xls``
workbook and rejects, with one ``InputError`` per problem, everything the readers mishandle (see
RELIABILITY.md §1.1-1.6, §6.2): empty, foreign or disguised files, encrypted workbooks, damaged or
hostile zip containers (bombs, duplicate or odd part names), xlsb and Strict Open XML, XML parts with a
DTD, and the one-far-cell sheets that make python-calamine abort the whole process.

It reads only the zip central directory, the first KB of each XML part and the worksheet parts
(at most 2 MB each, by their declared size), and never parses a sheet into cells. Small parts that recur
byte for byte across a batch (a template's theme, styles, content types) are inflated and parsed once per
process; every check still runs on every file.
``is_skippable`` recognises lock files and system files by name, without touching the disk.
"""

from __future__ import annotations

import functools
import io
import os
import posixpath
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import BinaryIO, Final, Literal, NamedTuple
from urllib.parse import unquote

from perfxl.errors import ErrorCode, InputError

__all__ = ["DEFAULT_LIMITS", "Limits", "Sniffed", "is_skippable", "sniff"]

Kind = Literal["xlsx", "xls"]

_MiB: Final = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Pre-flight limits (RELIABILITY.md §6.1); sizes are bytes, as declared in the zip directory."""

    max_file: int = 50 * _MiB  # input file on disk
    max_parts: int = 1000  # zip entries
    max_part: int = 100 * _MiB  # declared uncompressed size of one part
    max_total: int = 300 * _MiB  # declared uncompressed size of all parts
    min_ratio: float = 0.005  # compressed / uncompressed, checked only for parts > ratio_floor
    ratio_floor: int = 1 * _MiB
    max_sheet_part: int = 2 * _MiB  # one worksheet part (a filled evaluation form is small)
    max_sheets_total: int = 20 * _MiB  # all worksheet parts together: bounds the time sniff can take
    max_sheet_area: int = 20_000_000  # max row x max column of the cells in one sheet


DEFAULT_LIMITS: Final = Limits()


@dataclass(frozen=True)
class Sniffed:
    """What a file really is; ``warnings`` are Chinese one-liners (e.g. an extension that lies)."""

    path: Path
    kind: Kind
    size: int
    warnings: tuple[str, ...]
    # the workbook for the reader, when the file was small enough to be read whole (else None): the file's bytes
    # as checked, its worksheet parts stored as sniff inflated them (``_Package.for_reader``). The reader parses
    # these, not the file again: one read and one inflation of each sheet less, and nothing changes in between.
    package: bytes | None = field(default=None, compare=False, repr=False)


# --------------------------------------------------------------------------------------------------
# Messages shared by several checks

_RESAVE: Final = "请用 Excel/WPS 打开后另存为 .xlsx"
_SEND_XLSX: Final = "请报送 Excel 工作簿(.xlsx)原件"
_MSG_ENCRYPTED: Final = "文件设置了打开密码，请报送单位取消密码后重新报送"
_MSG_CORRUPT: Final = "文件不完整或已损坏(可能是邮件/U盘拷贝中断)，请重新获取原件"

_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WHOLE_READ: Final = 8 * _MiB  # files up to this size are read into memory in one call
_XLSX_EXTS: Final = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm"})
_XLS_EXTS: Final = frozenset({".xls", ".xlt"})


_UNPRINTABLE: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _show(text: str, limit: int = 80) -> str:
    """Untrusted text (part, sheet or encoding names) made safe for a one-line message."""
    text = _UNPRINTABLE.sub("?", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fail(
    code: ErrorCode, message: str, path: Path, *, sheet: str | None = None, cell: str | None = None
) -> InputError:
    # messages quote untrusted names: keep every message on one line whatever they contain
    return InputError(
        _UNPRINTABLE.sub("?", message),
        code=code,
        file=path,
        sheet=None if sheet is None else _show(sheet),
        cell=cell,
    )


def _mb(n: int) -> str:
    return f"{n / _MiB:.1f} MB"


# --------------------------------------------------------------------------------------------------
# Public API


def is_skippable(path: str | os.PathLike[str]) -> str | None:
    """Why a file in an input folder is not a submission (lock, system or hidden file), or None.

    Decided from the name alone; no disk access.
    """
    name = path.name if isinstance(path, PurePath) else Path(path).name  # (a batch's paths are Paths already)
    low = name.lower()
    if name.startswith("~$"):
        return "Office/WPS 锁定文件(文件正被打开时自动生成)，已跳过"
    if name.startswith(".~lock.") and name.endswith("#"):
        return "LibreOffice 锁定文件(文件正被打开时自动生成)，已跳过"
    if name.startswith("._"):
        return "macOS 生成的附属文件(._ 开头，不含表格内容)，已跳过"
    if low in {"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store"}:
        return "操作系统生成的系统文件，已跳过"
    if name.startswith("."):
        return "隐藏文件，已跳过"
    if name.startswith("~") and low.endswith(".tmp"):
        return "Office 临时文件，已跳过"
    return None


_PREFETCH: Final = 64 * _MiB  # bytes asked for ahead at once: a task's forms several times over


def prefetch(paths: Iterable[str | os.PathLike[str]], budget: int = _PREFETCH) -> None:
    """Ask the system to start reading these files now (a hint: nothing is read here, errors are ignored).

    A batch's files are read one after another; those not in the page cache (a first run, a USB stick, a
    network share) each made the reader wait for the disk (~0.75 ms a file on the build machine's virtual
    disk, more on a share). Asked for at once, they are read while the files before them are worked on.
    Files are asked for in order until ``budget`` bytes (a few huge files do not flush the cache). Only
    regular files are opened (a pipe or a device is left to sniff() to reject), without blocking."""
    advise = getattr(os, "posix_fadvise", None)  # not on Windows or macOS: there it is a no-op
    if advise is None:
        return
    for path in paths:
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                continue
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        except (OSError, ValueError):
            continue
        try:
            advise(fd, 0, min(st.st_size, _WHOLE_READ), os.POSIX_FADV_WILLNEED)  # what sniff() reads at once
        except OSError:
            pass
        finally:
            os.close(fd)
        budget -= min(st.st_size, _WHOLE_READ)
        if budget <= 0:
            return


def sniff(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> Sniffed:
    """Identify a workbook by its content and reject what no reader should be given.

    Raises ``InputError`` (``code`` is stable, message is Chinese with a fix hint, ``file`` is set).
    """
    p = Path(path)
    f = _open_regular(p)
    try:
        with f:
            try:
                size = os.fstat(f.fileno()).st_size
                if size == 0:
                    raise _fail(ErrorCode.EMPTY_FILE, "文件为空(0 字节)，可能是传输失败，请重新获取原件", p)
                if size > limits.max_file:
                    raise _fail(
                        ErrorCode.TOO_LARGE,
                        f"文件过大({_mb(size)}，上限 {_mb(limits.max_file)})，"
                        "评价表通常只有几百 KB，请确认报送的是否为正确文件",
                        p,
                    )
                # small files (nearly all) are read in one call; big ones are read part by part
                data = f.read(size if size <= _WHOLE_READ else 4096)
                head = data[:4096]
                kind: Kind
                if head[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
                    pkg = _Package(f, data if size <= _WHOLE_READ else None, p)
                    _check_zip(pkg, limits)
                    package = pkg.for_reader()
                    kind = "xlsx"
                elif head.startswith(_OLE_MAGIC):
                    _check_ole(data + f.read(limits.max_file), p)
                    package = data if size <= _WHOLE_READ else None
                    kind = "xls"
                else:
                    raise _classify_other(head, p)
            except OSError as exc:
                raise _read_failed(exc, p) from exc
            except (ValueError, zlib.error, struct.error, EOFError, RuntimeError, NotImplementedError) as exc:
                # safety net: the checks above map what they expect; damaged input can surprise
                raise _fail(ErrorCode.CORRUPT_ARCHIVE, _MSG_CORRUPT, p) from exc
    except OSError as exc:  # close() failing
        raise _read_failed(exc, p) from exc
    return Sniffed(path=p, kind=kind, size=size, warnings=_extension_warnings(p, kind), package=package)


def listed_sheets(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> tuple[str, ...]:
    """The sheet names the workbook part lists, reading little else: the central directory, checked as ``sniff``
    checks it (bombs, odd part names), and xl/workbook.xml (at most _META_MAX of it). A quick look at a file that
    is not going to be read (is it one of perfxl's own copies?): ~4× cheaper than ``sniff``. Raises InputError."""
    p = Path(path)
    try:
        with _open_regular(p) as f:
            pkg = _Package(f, None, p)
            _check_directory(pkg.infos, p, limits)
            workbook = next((info for info in pkg.infos if info.orig_filename == _WORKBOOK), None)
            if workbook is None:
                raise _missing_part(_WORKBOOK, p)
            text = _decode_xml(pkg.head(workbook, _META_MAX))
    except OSError as exc:
        raise _read_failed(exc, p) from exc
    return tuple(name for _, name, _ in _SHEETS.find(text) if name)


def _read_failed(exc: OSError, p: Path) -> InputError:
    return _fail(ErrorCode.UNREADABLE, f"读取文件时出错({exc.strerror or exc})，请确认文件可以正常打开后重试", p)


def _extension_warnings(p: Path, kind: Kind) -> tuple[str, ...]:
    ext = p.suffix.lower()
    if ext in (_XLSX_EXTS if kind == "xlsx" else _XLS_EXTS):
        return ()
    if not ext:
        return (f"文件没有扩展名，内容是 .{kind}，已按实际内容读取",)
    return (f"扩展名为 {_show(p.suffix, 20)} 但内容是 .{kind}，已按实际内容读取",)


def _open_regular(p: Path) -> BinaryIO:
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise _fail(ErrorCode.UNREADABLE, "这是一个文件夹，不是文件，请指定要读取的 Excel 文件", p)
        if not stat.S_ISREG(st.st_mode):
            raise _fail(ErrorCode.UNREADABLE, "不是普通文件(可能是设备或管道)，请指定要读取的 Excel 文件", p)
        return p.open("rb")
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise _fail(ErrorCode.NOT_FOUND, "找不到文件，请确认路径正确、文件未被移动或删除", p) from exc
    except PermissionError as exc:
        raise _fail(
            ErrorCode.UNREADABLE, "没有读取权限(或文件被其他程序独占)，请关闭占用该文件的程序或检查权限后重试", p
        ) from exc
    except (OSError, ValueError) as exc:  # ValueError: embedded NUL in the path
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _fail(ErrorCode.UNREADABLE, f"无法打开文件({_show(reason)})，请检查文件路径和权限后重试", p) from exc


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
            return _fail(ErrorCode.NOT_EXCEL, f"不是 Excel 文件(实为{what})，{_SEND_XLSX}", p)
    text = _decode_text(head)
    if text is not None:
        t = text.lstrip(" \t\r\n\ufeff")
        low = t[:4096].lower()
        if low.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in low:
            return _fail(ErrorCode.DISGUISED_FORMAT, f"实为 Excel 2003 XML 表格(不是真正的 Excel 工作簿)，{_RESAVE}", p)
        if low.startswith(("<html", "<!doctype html", "<table")) or (
            low.startswith("<") and ("<html" in low or "<table" in low)
        ):
            return _fail(ErrorCode.DISGUISED_FORMAT, f"实为网页(HTML)导出，{_RESAVE}", p)
        if low.startswith("mime-version:"):
            return _fail(ErrorCode.DISGUISED_FORMAT, f"实为单个文件网页(MHT)导出，{_RESAVE}", p)
        if low.startswith("<"):
            return _fail(ErrorCode.NOT_EXCEL, f"不是 Excel 文件(实为 XML 文本)，{_SEND_XLSX}", p)
        if any(ch in t for ch in ",\t;"):
            return _fail(ErrorCode.DISGUISED_FORMAT, f"实为 CSV/文本表格，{_RESAVE}", p)
    skip = is_skippable(p)
    if skip:  # the caller should have skipped it; say so rather than "unknown format"
        return _fail(ErrorCode.NOT_EXCEL, f"不是 Excel 文件：这是{skip.removesuffix('，已跳过')}，无需报送，可忽略", p)
    what = "实为纯文本文件" if text is not None else "无法识别的文件格式"
    return _fail(ErrorCode.NOT_EXCEL, f"不是 Excel 文件({what})，{_SEND_XLSX}", p)


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


# --------------------------------------------------------------------------------------------------
# OLE2 compound files: .xls, encrypted OOXML, .doc, ...

# Directory entries are 128 bytes, sector-aligned: name (UTF-16-LE, NUL-terminated, 64 bytes),
# name length in bytes incl. the NUL (uint16 @64), object type (byte @66: 1 storage, 2 stream),
# start sector (uint32 @116), stream size (uint32 @120).


def _utf16(name: str) -> bytes:
    return name.lower().encode("utf-16-le") + b"\x00\x00"


def _ole_entries(data: bytes, low: bytes, name: str) -> list[int]:
    """Offsets of real directory entries named ``name`` (case-insensitive)."""
    needle = _utf16(name)
    found: list[int] = []
    pos = low.find(needle)
    while pos >= 0:
        if pos % 128 == 0 and pos + 128 <= len(data):
            (name_len,) = struct.unpack_from("<H", data, pos + 64)
            if name_len == len(needle) and data[pos + 66] in (1, 2):
                found.append(pos)
        pos = low.find(needle, pos + 1)
    return found


def _xls_has_filepass(data: bytes, entry: int) -> bool:
    """Whether the Workbook stream starts with BOF followed by FILEPASS (an encrypted .xls)."""
    try:
        (shift,) = struct.unpack_from("<H", data, 30)
        (cutoff,) = struct.unpack_from("<I", data, 56)
        start, size = struct.unpack_from("<II", data, entry + 116)
        if shift not in (9, 12) or size < cutoff or start >= 0xFFFFFFFA:
            return False  # small streams live in the mini stream: not looked at
        off = (start + 1) << shift
        bof_type, bof_len = struct.unpack_from("<HH", data, off)
        if bof_type not in (0x0809, 0x0409, 0x0209, 0x0009):
            return False
        (next_type,) = struct.unpack_from("<H", data, off + 4 + bof_len)
    except struct.error:
        return False
    return bool(next_type == 0x002F)


def _check_ole(data: bytes, p: Path) -> None:
    low = data.lower()  # ASCII-only lowering: stream names compare case-insensitively
    if _ole_entries(data, low, "EncryptedPackage") or _ole_entries(data, low, "EncryptionInfo"):
        raise _fail(ErrorCode.ENCRYPTED, _MSG_ENCRYPTED, p)
    books = _ole_entries(data, low, "Workbook") or _ole_entries(data, low, "Book")
    if books:
        if _xls_has_filepass(data, books[0]):
            raise _fail(ErrorCode.ENCRYPTED, "文件设置了打开密码(已加密)，请报送单位取消密码后重新报送", p)
        return
    # A damaged directory: still say "password" if the encryption stream names are there at all.
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        raise _fail(ErrorCode.ENCRYPTED, _MSG_ENCRYPTED, p)
    if _ole_entries(data, low, "WordDocument"):
        raise _fail(ErrorCode.NOT_EXCEL, f"这是 Word 文档(.doc)，不是 Excel 文件，{_SEND_XLSX}", p)
    if _ole_entries(data, low, "PowerPoint Document"):
        raise _fail(ErrorCode.NOT_EXCEL, f"这是 PowerPoint 文档(.ppt)，不是 Excel 文件，{_SEND_XLSX}", p)
    raise _fail(
        ErrorCode.NOT_EXCEL,
        f"不是 Excel 文件(Office 复合文档中没有工作簿数据，也可能已损坏)，{_SEND_XLSX}",
        p,
    )


# --------------------------------------------------------------------------------------------------
# Zip (OOXML) containers

_PROLOG_WINDOW: Final = 1024  # first look; more only while still in the prolog
_PROLOG_MAX: Final = 64 * 1024
_META_MAX: Final = 1 * _MiB  # [Content_Types].xml, workbook.xml and its rels are read up to this size

_WORKBOOK: Final = "xl/workbook.xml"
_WORKBOOK_RELS: Final = "xl/_rels/workbook.xml.rels"
_CONTENT_TYPES: Final = "[Content_Types].xml"

# A start tag with well-formed attributes; '>' inside quoted values does not end it.
_ATTRS: Final = r"""((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*/?>"""
_ATTR: Final = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_PFX: Final = r"<(?:[A-Za-z_][\w.\-]*:)?"
_V: Final = r'"([^"&<]*)"'


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the tag cache below
class _TagKind:
    """How to pull attribute values out of one kind of tag in a small XML part, without a parser.

    ``fast`` is the exact shape Excel, WPS and the common libraries write (capturing the tag name and the
    values in ``keys`` order); it is trusted only when it accounts for every start tag ``start`` counts.
    Otherwise ``slow`` tokenises the attributes properly (any order, quotes, prefixes, entities).
    """

    fast: re.Pattern[str]
    start: re.Pattern[str]
    slow: re.Pattern[str]
    keys: tuple[str, ...]

    @classmethod
    def make(cls, names: str, fast: str, keys: tuple[str, ...]) -> _TagKind:
        return cls(
            fast=re.compile(fast),
            start=re.compile(_PFX + "(?:" + names + r")[\s/>]"),
            slow=re.compile(_PFX + "(" + names + ")" + _ATTRS),
            keys=keys,
        )

    def find(self, text: str) -> tuple[tuple[str, ...], ...]:
        """(tag, value of each key, ...) per tag; "" for a missing attribute. For <Override> the key
        "Extension" reads PartName; the key ":id" reads a relationship id under any prefix."""
        return _find_remembered(self, text) if len(text) <= _REMEMBER_TEXT else self.parse(text)

    def parse(self, text: str) -> tuple[tuple[str, ...], ...]:
        """``find`` without the memo."""
        found: list[tuple[str, ...]] = self.fast.findall(text)
        if len(found) == len(self.start.findall(text)):
            return tuple(found)
        out: list[tuple[str, ...]] = []
        for m in self.slow.finditer(text):
            tag, a = m.group(1), _attrs(m.group(2))
            values = [tag]
            for key in self.keys:
                if key == ":id":
                    values.append(next((v for k, v in a.items() if k.endswith(":id")), ""))
                elif key == "Extension" and tag == "Override":
                    values.append(a.get("PartName", ""))
                else:
                    values.append(a.get(key, ""))
            out.append(tuple(values))
        return tuple(out)


# A template's content types, workbook and relationships recur verbatim in every workbook of a batch: their
# tags are parsed once per process (texts up to this many characters; a pure function of the text).
_REMEMBER_TEXT: Final = 16 * 1024


@functools.lru_cache(maxsize=64)
def _find_remembered(kind: _TagKind, text: str) -> tuple[tuple[str, ...], ...]:
    return kind.parse(text)


_SHEETS: Final = _TagKind.make(
    "sheet", rf'<(sheet) name={_V} sheetId="\d+"(?: state="\w+")? r:id={_V}\s*/>', ("name", ":id")
)
_RELS: Final = _TagKind.make(
    "Relationship", rf"<(Relationship) Id={_V} Type={_V} Target={_V}\s*/>", ("Id", "Type", "Target")
)
_CONTENT_TYPE_TAGS: Final = _TagKind.make(
    "Default|Override",
    rf"<(Default|Override) (?:Extension|PartName)={_V} ContentType={_V}\s*/>",
    ("Extension", "ContentType"),
)


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1): _unescape(m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTR.finditer(raw)}


_ENTITY: Final = re.compile(r"&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);")
_PREDEFINED: Final = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _unescape(value: str) -> str:
    if "&" not in value:
        return value

    def one(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref.startswith("#"):
            code = int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:])
            return chr(code) if code <= 0x10FFFF else "\ufffd"
        return _PREDEFINED[ref]

    return _ENTITY.sub(one, value)


class _Entry(NamedTuple):
    """One central-directory record: the fields sniff uses, named and valued as in ``zipfile.ZipInfo``."""

    orig_filename: str  # as stored: zipfile rewrites os.sep on Windows, we must not
    raw_name: bytes  # the stored bytes, which the part's local header must repeat
    flag_bits: int
    compress_type: int
    CRC: int
    compress_size: int
    file_size: int
    header_offset: int


def _name_encoding(flag_bits: int) -> str:
    return "utf-8" if flag_bits & 0x800 else "cp437"


# zipfile's own layouts: end of central directory record; central directory file header, with the fields
# sniff does not use skipped ("x" pad bytes); as written (for_reader): local and central file headers
_EOCD: Final = struct.Struct("<4s4H2LH")
_CENTRAL: Final = struct.Struct("<4s2xBxHH4xLLLHHH8xL")
_LOCAL: Final = struct.Struct("<4s5H3L2H")  # signature, version, flags, method, time, date, crc, sizes, lengths
_CENTRAL_OUT: Final = struct.Struct("<4s6H3L5H2L")  # … and comment length, disk, attributes, header offset
_DOS_1980: Final = 0x21  # 1980-01-01, the earliest date a zip header holds
_MAX_EXTRACT_VERSION: Final = 63  # zipfile refuses entries needing a newer version


def _plain_directory(data: bytes) -> list[_Entry] | None:
    """The central directory of a whole archive in memory, exactly as ``zipfile`` reads it, when the archive
    is plain: no archive comment, no zip64 records, no extra fields, nothing before the first part (what
    Excel and the common zip libraries write). None for anything else, so that zipfile itself reads it.

    Parsing a dozen records with ``struct`` costs a fraction of building ``zipfile.ZipInfo`` objects.
    """
    end = len(data) - _EOCD.size
    if end < 20 or data[-2:] != b"\0\0" or not data.startswith(b"PK\x05\x06", end):
        return None  # archive comment, or no end record where zipfile looks first
    if data.startswith(b"PK\x06\x07", end - 20):
        return None  # zip64 end record locator
    size_cd, offset_cd = _EOCD.unpack_from(data, end)[5:7]
    if offset_cd + size_cd != end:
        return None  # data before the archive (zipfile shifts every offset) or an inconsistent record
    entries: list[_Entry] = []
    pos = offset_cd
    while pos < end:
        if pos + _CENTRAL.size > end:
            return None
        sig, version, flags, method, crc, csize, usize, name_len, extra_len, comment_len, offset = _CENTRAL.unpack_from(
            data, pos
        )
        name_start = pos + _CENTRAL.size
        extra_start = name_start + name_len
        pos = extra_start + extra_len + comment_len
        if sig != b"PK\x01\x02" or version > _MAX_EXTRACT_VERSION or extra_len or pos > end:
            return None  # extra fields: zipfile interprets some (zip64, Unicode path) and may reject them
        raw_name = data[name_start:extra_start]
        name = _decode_name(raw_name, flags)
        if name is None:
            return None
        entries.append(_Entry(name, raw_name, flags, method, crc, csize, usize, offset))
    return entries


def _decode_name(raw: bytes, flag_bits: int) -> str | None:
    """A part name decoded as zipfile decodes it (None if it cannot be); ASCII means the same in both codecs."""
    if raw.isascii():
        return raw.decode("ascii")
    try:
        return raw.decode(_name_encoding(flag_bits))
    except UnicodeDecodeError:
        return None


def _zipfile_directory(source: BinaryIO) -> list[_Entry]:
    """The central directory as ``zipfile`` reads it: big files and unusual archives."""
    return [
        _Entry(
            info.orig_filename,
            # exact: the name was decoded from these bytes with this codec, which round-trips
            info.orig_filename.encode(_name_encoding(info.flag_bits)),
            info.flag_bits,
            info.compress_type,
            info.CRC,
            info.compress_size,
            info.file_size,
            info.header_offset,
        )
        for info in zipfile.ZipFile(source).infolist()
    ]


# The theme, styles, content types and relationships of one template recur byte for byte in every workbook
# of a batch: small parts are inflated once per process (a pure function of the compressed bytes).
_REMEMBER_COMPRESSED: Final = 8 * 1024  # hashing the key must stay cheaper than inflating
_REMEMBER_INFLATED: Final = 64 * 1024


def _inflate_head(compressed: bytes, n: int) -> bytes:
    """The first ``n`` (> 0) bytes a raw deflate stream inflates to, fewer if it ends first; zlib.error if
    it is damaged within them."""
    if len(compressed) <= _REMEMBER_COMPRESSED and n <= _REMEMBER_INFLATED:
        return _inflate_head_remembered(compressed, n)
    return zlib.decompressobj(-15).decompress(compressed, n)


@functools.lru_cache(maxsize=64)  # errors are not remembered: they are raised again
def _inflate_head_remembered(compressed: bytes, n: int) -> bytes:
    return zlib.decompressobj(-15).decompress(compressed, n)


class _Package:
    """Reads parts straight from the zip using its central directory.

    Cheaper than ``ZipFile.open`` per part (no ``ZipExtFile``); same bytes the readers see.
    """

    def __init__(self, f: BinaryIO, data: bytes | None, path: Path) -> None:
        """``data`` is the whole file when it was small enough to read at once, else None."""
        self.path = path
        self.f = f
        self.data = data
        self.inflated: dict[str, bytes] = {}  # worksheet part -> its whole content, as checked (``full``)
        self._offsets: dict[str, int] = {}  # part -> where its data starts
        try:
            plain = None if data is None else _plain_directory(data)
            self.plain = plain is not None
            self.infos = plain if plain is not None else _zipfile_directory(f if data is None else io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, struct.error) as exc:
            raise _fail(ErrorCode.CORRUPT_ARCHIVE, _MSG_CORRUPT, path) from exc

    def for_reader(self) -> bytes | None:
        """The package for the reader once every check has passed: the file's bytes, with each worksheet part
        ``full`` inflated stored as it is (a plain archive in memory; else the bytes as read, or None).

        The other parts keep their compressed bytes; names, CRCs and sizes are the checked ones. The reader
        inflates what sniff did not, and no sheet twice (~10% of python-calamine's time on a typical form)."""
        if self.data is None or not self.plain or not self.inflated:
            return self.data
        out: list[bytes | memoryview] = []
        directory: list[bytes] = []
        offset = 0
        view = memoryview(self.data)
        for info in self.infos:
            content = self.inflated.get(info.orig_filename)
            payload: bytes | memoryview
            if content is None:
                start = self._data_offset(info)
                method, size, payload = info.compress_type, info.compress_size, view[start : start + info.compress_size]
            else:
                method, size, payload = zipfile.ZIP_STORED, len(content), content
            flags = info.flag_bits & 0x800  # names in UTF-8; sizes in the header (no data descriptor)
            name = info.raw_name
            fields = (flags, method, 0, _DOS_1980, info.CRC, size, info.file_size, len(name), 0)
            out += (_LOCAL.pack(b"PK\x03\x04", 20, *fields), name, payload)
            directory += (_CENTRAL_OUT.pack(b"PK\x01\x02", 20, 20, *fields, 0, 0, 0, 0, offset), name)
            offset += _LOCAL.size + len(name) + size
        n, size_cd = len(self.infos), sum(map(len, directory))
        return b"".join([*out, *directory, _EOCD.pack(b"PK\x05\x06", 0, 0, n, n, size_cd, offset, 0)])

    def _read_at(self, offset: int, n: int) -> bytes:
        if self.data is not None:
            return self.data[offset : offset + n]
        self.f.seek(offset)
        return self.f.read(n)

    def _corrupt(self, name: str) -> InputError:
        return _fail(ErrorCode.CORRUPT_ARCHIVE, f"文件内部件 {_show(name)} 已损坏，{_MSG_CORRUPT}", self.path)

    def _data_offset(self, info: _Entry) -> int:
        """Where the part's data starts, after its local header (checked once per part)."""
        offset = self._offsets.get(info.orig_filename)
        if offset is not None:
            return offset
        header = self._read_at(info.header_offset, 30)
        if len(header) != 30 or not header.startswith(b"PK\x03\x04"):
            raise self._corrupt(info.orig_filename)
        name_len: int
        extra_len: int
        name_len, extra_len = struct.unpack_from("<HH", header, 26)
        if self._read_at(info.header_offset + 30, name_len) != info.raw_name:
            raise self._corrupt(info.orig_filename)  # local header names another file
        offset = self._offsets[info.orig_filename] = info.header_offset + 30 + name_len + extra_len
        return offset

    def head(self, info: _Entry, n: int) -> bytes:
        """The first ``n`` uncompressed bytes of a part (fewer if it is shorter)."""
        n = min(n, info.file_size)
        start = self._data_offset(info)
        if info.compress_type == zipfile.ZIP_STORED:
            return self._read_at(start, n)
        if n == 0 or info.compress_size == 0:
            return b""  # (decompress(..., 0) would mean "no limit")
        try:
            if self.data is not None:  # one call; inflating stops after n bytes, as it does chunk by chunk
                return _inflate_head(self.data[start : start + info.compress_size], n)
            return self._inflate_file(start, info.compress_size, n)
        except zlib.error as exc:
            raise self._corrupt(info.orig_filename) from exc

    def _inflate_file(self, start: int, compress_size: int, n: int) -> bytes:
        """The first ``n`` bytes inflated from the file, reading 16 KB at a time (big parts stay on disk)."""
        inflater = zlib.decompressobj(-15)
        out = b""
        remaining, pos = compress_size, start
        while len(out) < n and remaining > 0 and not inflater.eof:
            chunk = self._read_at(pos, min(remaining, 16384))
            if not chunk:
                break
            pos += len(chunk)
            remaining -= len(chunk)
            out += inflater.decompress(chunk, n - len(out))
        return out

    def full(self, info: _Entry) -> bytes:
        """The whole part, checked against its declared size and CRC (callers bound the size)."""
        start = self._data_offset(info)
        raw = self._read_at(start, info.compress_size)
        try:
            if info.compress_type == zipfile.ZIP_STORED:
                out = raw
            else:
                inflater = zlib.decompressobj(-15)
                out = inflater.decompress(raw, info.file_size + 1)
        except zlib.error as exc:
            raise self._corrupt(info.orig_filename) from exc
        if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
            raise self._corrupt(info.orig_filename)  # lying sizes end here (zipfile: "Bad CRC-32")
        return out


def _check_zip(pkg: _Package, limits: Limits) -> None:
    _check_directory(pkg.infos, pkg.path, limits)
    _check_package(pkg, pkg.path, limits)


def _check_directory(infos: list[_Entry], p: Path, limits: Limits) -> None:
    """Central-directory checks: no decompression."""
    if len(infos) > limits.max_parts:
        raise _fail(
            ErrorCode.TOO_LARGE,
            f"文件内部件过多({len(infos)} 个，上限 {limits.max_parts} 个)，疑似异常文件，{_RESAVE}",
            p,
        )
    bad_name = _names_problem(tuple(info.orig_filename for info in infos))  # (entry, why) or None
    total = 0
    for i, info in enumerate(infos):
        raw = info.orig_filename
        if bad_name is not None and bad_name[0] == i:
            raise _fail(ErrorCode.CORRUPT_ARCHIVE, bad_name[1], p)
        if info.flag_bits & 0x1:
            raise _fail(ErrorCode.ENCRYPTED, "文件内容被压缩软件加密，请报送单位取消密码后重新报送", p)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _fail(
                ErrorCode.CORRUPT_ARCHIVE, f"文件内部件“{_show(raw)}”使用了 Excel 不会使用的压缩方式，{_RESAVE}", p
            )
        if info.file_size > limits.max_part:
            raise _fail(
                ErrorCode.TOO_LARGE,
                f"文件内部件 {_show(raw)} 解压后 {_mb(info.file_size)}，超过上限 {_mb(limits.max_part)}"
                "(疑似压缩炸弹)，请确认文件内容",
                p,
            )
        if info.file_size > limits.ratio_floor and info.compress_size < info.file_size * limits.min_ratio:
            raise _fail(
                ErrorCode.TOO_LARGE,
                f"文件内部件 {_show(raw)} 压缩比异常({_mb(info.compress_size)} 解压为 {_mb(info.file_size)}，"
                "疑似压缩炸弹)，请确认文件内容",
                p,
            )
        total += info.file_size
    if total > limits.max_total:
        raise _fail(
            ErrorCode.TOO_LARGE,
            f"文件解压后合计 {_mb(total)}，超过上限 {_mb(limits.max_total)}(疑似压缩炸弹)，请确认文件内容",
            p,
        )


@functools.lru_cache(maxsize=64)  # the parts of one template recur in every workbook of a batch
def _names_problem(names: tuple[str, ...]) -> tuple[int, str] | None:
    """The first part name (as stored) that is unsafe and why: an odd name, or one that differs from an earlier
    name only in case; None if there is none."""
    seen: set[str] = set()
    for i, raw in enumerate(names):  # as stored: zipfile rewrites os.sep on Windows, we must not
        if _odd_part_name(raw):
            return i, f"文件内有非法部件名“{_show(raw)}”，文件可能被篡改，{_RESAVE}"
        key = raw.lower()
        if key in seen:
            return i, f"文件内有重名部件“{_show(raw)}”(不同软件可能读出不同内容)，{_RESAVE}"
        seen.add(key)
    return None


def _odd_part_name(raw: str) -> bool:
    """Backslashes, an absolute or drive path, a ".." component or an unprintable character."""
    if "\\" in raw or raw.startswith("/") or _UNPRINTABLE.search(raw):
        return True
    if ".." in raw or ":" in raw:  # only then can a component be ".." or the first one name a drive
        parts = raw.split("/")
        return ".." in parts or ":" in parts[0]
    return False


def _decode_xml(raw: bytes) -> str:
    """Best-effort text of an XML part for substring and tag searches."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    if raw.startswith(b"<\x00"):
        return raw.decode("utf-16-le", "replace")
    if raw.startswith(b"\x00<"):
        return raw.decode("utf-16-be", "replace")
    return raw.decode("utf-8", "replace")


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
        return f"声明了不支持的 XML 编码“{_show(decl.group(1), 40)}”"
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


def _check_prolog(pkg: _Package, info: _Entry, raw: bytes | None = None) -> None:
    """Reject a DTD (entity bombs, XXE; OPC M1.18) before any parser sees the part.

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
        raise _fail(
            ErrorCode.UNSAFE_XML,
            f"文件内部件 {_show(info.orig_filename)} {problem}，可能是恶意构造的文件，已拒绝读取；"
            "请报送单位用 Excel/WPS 重新保存后报送",
            pkg.path,
        )


def _resolve(base_dir: str, target: str) -> str:
    """The part a relationship target in ``base_dir`` (no trailing slash) names."""
    target = target.strip()
    joined = target.lstrip("/") if target.startswith("/") else f"{base_dir}/{target}"
    return posixpath.normpath(joined).lstrip("/")


def _check_package(pkg: _Package, p: Path, limits: Limits) -> None:
    infos = {i.orig_filename: i for i in pkg.infos}  # unique: duplicates were rejected
    names = tuple(infos)

    if _WORKBOOK not in infos:
        mimetype = infos.get("mimetype")
        if mimetype is not None:
            kind = pkg.head(mimetype, 100)
            if kind.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                raise _fail(ErrorCode.UNSUPPORTED_FORMAT, f"这是 OpenDocument 表格(.ods)，{_RESAVE}", p)
            if kind.startswith(b"application/vnd.oasis.opendocument"):
                raise _fail(ErrorCode.NOT_EXCEL, f"这是 OpenDocument 文档，不是 Excel 文件，{_SEND_XLSX}", p)
        if "OFD.xml" in infos:
            raise _fail(ErrorCode.NOT_EXCEL, f"这是 OFD 版式文件，不是 Excel 文件，{_SEND_XLSX}", p)

    ct_info = infos.get(_CONTENT_TYPES)
    ct_text = ""
    if ct_info is not None:
        ct_raw = pkg.head(ct_info, _META_MAX)
        _check_prolog(pkg, ct_info, ct_raw)
        ct_text = _decode_xml(ct_raw)
    if "sheet.binary.macroEnabled" in ct_text or "xl/workbook.bin" in infos:
        raise _fail(ErrorCode.UNSUPPORTED_FORMAT, f"这是 Excel 二进制工作簿(.xlsb)，暂不支持，{_RESAVE}", p)

    wb_info = infos.get(_WORKBOOK)
    if wb_info is None:
        if any(n.startswith("word/") for n in names):
            raise _fail(ErrorCode.NOT_EXCEL, f"这是 Word 文件(.docx)，不是 Excel 工作簿，{_SEND_XLSX}", p)
        if any(n.startswith("ppt/") for n in names):
            raise _fail(ErrorCode.NOT_EXCEL, f"这是 PowerPoint 文件(.pptx)，不是 Excel 工作簿，{_SEND_XLSX}", p)
        if ct_info is None and not any(n.lower().startswith("xl/") for n in names):
            raise _fail(ErrorCode.NOT_EXCEL, f"这是普通 ZIP 压缩包，不是 Excel 工作簿，{_SEND_XLSX}", p)
        raise _missing_part(_WORKBOOK, p)
    if ct_info is None:
        raise _missing_part(_CONTENT_TYPES, p)

    wb_raw = pkg.head(wb_info, _META_MAX)
    _check_prolog(pkg, wb_info, wb_raw)
    wb_text = _decode_xml(wb_raw)
    if "purl.oclc.org/ooxml/spreadsheetml" in wb_text:
        raise _fail(ErrorCode.UNSUPPORTED_FORMAT, "该文件为“Strict Open XML”格式，请另存为普通 Excel 工作簿(.xlsx)", p)

    rels_info = infos.get(_WORKBOOK_RELS)
    if rels_info is None:
        raise _missing_part(_WORKBOOK_RELS, p)
    rels_raw = pkg.head(rels_info, _META_MAX)
    _check_prolog(pkg, rels_info, rels_raw)
    sheets = _worksheet_parts(_decode_xml(rels_raw), wb_text, infos, p)

    checked = {_CONTENT_TYPES, _WORKBOOK, _WORKBOOK_RELS, *sheets}
    for name in _xml_part_names(ct_text, names):
        if name not in checked:
            _check_prolog(pkg, infos[name])

    total = sum(infos[part].file_size for part in sheets)
    if total > limits.max_sheets_total:
        raise _fail(
            ErrorCode.TOO_LARGE,
            f"工作表内容解压后合计 {_mb(total)}，超过上限 {_mb(limits.max_sheets_total)}；"
            "评价表通常很小，请删除多余内容后重新保存",
            p,
        )
    for part, sheet in sheets.items():
        _check_sheet(pkg, infos[part], sheet, p, limits)


def _missing_part(name: str, p: Path) -> InputError:
    return _fail(ErrorCode.CORRUPT_PACKAGE, f"文件缺少必需部件 {name}，不是完整的 Excel 工作簿，{_RESAVE}", p)


class _LayoutError(Exception):
    """A package whose workbook and relationships do not fit together (message without the file)."""

    def __init__(self, message: str, sheet: str | None = None) -> None:
        super().__init__(message)
        self.sheet = sheet


def _worksheet_parts(rels_text: str, wb_text: str, infos: dict[str, _Entry], p: Path) -> dict[str, str | None]:
    """Part name -> sheet name (None if unknown) for every part a reader may read cells from: the targets
    of the workbook's <sheet> entries and of every worksheet relationship."""
    names = frozenset(infos)
    small = len(rels_text) + len(wb_text) <= _REMEMBER_TEXT
    try:
        parts = (_sheet_parts if small else _sheet_parts.__wrapped__)(rels_text, wb_text, names)
    except _LayoutError as exc:
        raise _fail(ErrorCode.CORRUPT_PACKAGE, str(exc), p, sheet=exc.sheet) from None
    return dict(parts)


@functools.lru_cache(maxsize=64)  # a template's workbook and relationships recur in every workbook of a batch
def _sheet_parts(rels_text: str, wb_text: str, names: frozenset[str]) -> tuple[tuple[str, str | None], ...]:
    """``_worksheet_parts`` of the package's part names; raises _LayoutError."""
    targets: dict[str, str] = {}  # relationship id -> part
    worksheets: list[str] = []
    for _, rid, rel_type, target in _RELS.find(rels_text):
        if not target:
            continue
        part = _resolve("xl", target)
        if part not in names and unquote(part) in names:
            part = unquote(part)
        targets[rid] = part
        if rel_type.endswith("/worksheet"):
            worksheets.append(part)

    sheets: dict[str, str | None] = {part: None for part in worksheets}
    for _, name, rid in _SHEETS.find(wb_text):
        if not name:
            continue  # not a sheet entry (an extension element of the same local name)
        sheet_part = targets.get(rid)
        if sheet_part is None:
            raise _LayoutError(
                f"工作表“{_show(name)}”在 {_WORKBOOK_RELS} 中没有对应的部件，文件不完整，{_RESAVE}", name
            )
        sheets[sheet_part] = name  # whatever its type: some readers open any listed sheet as a worksheet
    if not sheets:
        raise _LayoutError(f"工作簿中没有任何工作表，{_RESAVE}")
    for part, sheet_name in sheets.items():
        if part not in names:
            raise _LayoutError(f"文件缺少工作表部件 {_show(part)}，不是完整的 Excel 工作簿，{_RESAVE}", sheet_name)
    return tuple(sheets.items())


def _xml_part_names(ct_text: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Parts a reader may parse as XML: by content type (Default by extension, Override by name)
    and, whatever the content types say, every *.xml / *.rels / *.vml."""
    if len(ct_text) <= _REMEMBER_TEXT:
        return _xml_part_names_of(ct_text, names)
    return _xml_part_names_of.__wrapped__(ct_text, names)


@functools.lru_cache(maxsize=64)  # a template's content types and parts recur in every workbook of a batch
def _xml_part_names_of(ct_text: str, names: tuple[str, ...]) -> tuple[str, ...]:
    xml_exts = {"xml", "rels", "vml"}
    overrides: set[str] = set()
    for kind, key, content_type in _CONTENT_TYPE_TAGS.find(ct_text):
        if not content_type.lower().endswith("xml"):
            continue
        if kind == "Default":
            xml_exts.add(key.lower())
        else:
            overrides.add(key.lstrip("/").lower())
    out = []
    for name in names:
        if name.endswith("/"):
            continue  # directory entry
        low = name.lower()
        if low.rpartition(".")[2] in xml_exts or low in overrides:
            out.append(name)
    return tuple(out)


# --------------------------------------------------------------------------------------------------
# Worksheet extent: the cells python-calamine would densify into rows x columns

# Fast path: every writer we know puts r first, double-quoted. When each cell start tag in the part has that
# shape (and none is prefixed), one findall of the references is exact; otherwise the tokenising path runs.
_C_SIMPLE: Final = re.compile(rb'<c r="([A-Za-z]{1,3}[0-9]{1,7})"')
_C_OTHER_START: Final = re.compile(rb"<c[>/\t\n\r]")
_C_PREFIXED: Final = re.compile(rb":c[\s/>]")
_DIGITS: Final = b"0123456789"
_LETTERS: Final = bytes(range(65, 91)) + bytes(range(97, 123))
_ROW_OR_C: Final = re.compile(_PFX.encode() + rb"(row|c)" + _ATTRS.encode())
_ATTR_B: Final = re.compile(_ATTR.pattern.encode())
_REF: Final = re.compile(r"([A-Za-z]+)([0-9]+)")
_HUGE: Final = 10**9

# The verdict alone is cheaper still for a typical form: one search finds any cell start tag, prefixed
# (``<x:c``) or not, that is not the fast path's shape with a reference of at most 2 letters and 4 digits.
# Without such a tag no cell can be beyond column ZZ (702) or row 9999. (The search starts at each "c" and
# looks back for "<" or ":": re finds a one-byte start fastest; 60% of the time of the two searches before.)
_C_NOT_SMALL: Final = re.compile(rb'c(?<=[<:]c)(?![ ]r="[A-Za-z]{1,2}[0-9]{1,4}")[ >/\t\n\r]')
_SMALL_AREA: Final = 702 * 9999


def _col_number(letters: str) -> int:
    if len(letters) > 7:
        return _HUGE
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _col_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _r_value(attrs: bytes) -> str | None:
    """The unprefixed ``r`` attribute (attributes are tokenised: an ``r=`` inside another value is not it)."""
    for m in _ATTR_B.finditer(attrs):
        if m.group(1) == b"r":
            value = m.group(2) if m.group(2) is not None else m.group(3)
            return _unescape(value.decode("utf-8", "replace")).strip()
    return None


def _surely_within(data: bytes, max_area: int) -> bool:
    """True only if ``_sheet_extent(data)`` cannot span more than ``max_area`` cells; False: compute it."""
    return max_area >= _SMALL_AREA and not _C_NOT_SMALL.search(data)


def _sheet_extent(data: bytes) -> tuple[int, int]:
    """(max row, max column) over all <c> cells, 1-based; cells without ``r`` are placed the way
    openpyxl and calamine place them (row from the enclosing <row>, column = previous + 1)."""
    refs = _C_SIMPLE.findall(data)
    if len(refs) == data.count(b"<c ") and not _C_OTHER_START.search(data) and not _C_PREFIXED.search(data):
        if not refs:
            return 0, 0
        blob = b" ".join(refs)  # C-speed from here on: no Python loop over the cells
        rows = set(blob.translate(None, _LETTERS).split())
        columns = set(blob.translate(None, _DIGITS).upper().split())
        return max(map(int, rows)), max(_col_number(c.decode()) for c in columns)
    row = col = max_row = max_col = 0
    for m in _ROW_OR_C.finditer(data):
        value = _r_value(m.group(2))
        if m.group(1) == b"row":
            if value is None:
                row += 1
            else:
                row = int(value) if value.isascii() and value.isdigit() and len(value) <= 10 else _HUGE
            col = 0
            continue
        if value is None:
            col += 1
            cell_row = row
        else:
            ref = _REF.fullmatch(value)
            if ref is None:
                continue  # unusable reference: every reader rejects the sheet
            cell_row = int(ref.group(2)) if len(ref.group(2)) <= 10 else _HUGE
            col = _col_number(ref.group(1))
        max_row = max(max_row, cell_row)
        max_col = max(max_col, col)
    return max_row, max_col


def _sheet_label(info: _Entry, sheet: str | None) -> str:
    part = _show(info.orig_filename)
    return f"工作表“{_show(sheet)}”({part})" if sheet else f"工作表 {part}"


def _check_sheet(pkg: _Package, info: _Entry, sheet: str | None, p: Path, limits: Limits) -> None:
    if info.file_size >= limits.max_sheet_part:
        raise _fail(
            ErrorCode.TOO_LARGE,
            f"{_sheet_label(info, sheet)}解压后 {_mb(info.file_size)}，超过上限 {_mb(limits.max_sheet_part)}；"
            "评价表通常很小，请删除多余内容后重新保存",
            p,
            sheet=sheet,
        )
    data = pkg.full(info)
    pkg.inflated[info.orig_filename] = data
    _check_prolog(pkg, info, data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        data = _decode_xml(data).encode("utf-8")
    if _surely_within(data, limits.max_sheet_area):
        return  # the typical form: no need to locate the extreme cells
    max_row, max_col = _sheet_extent(data)
    if max_row * max_col > limits.max_sheet_area:
        far = f"{_col_letters(max_col)}{max_row}"
        raise _fail(
            ErrorCode.TOO_LARGE,
            f"{_sheet_label(info, sheet)}中有远离表格区域的单元格 {far}(使用范围达 {max_row} 行 × {max_col} 列)，"
            "请删除多余内容后重新保存",
            p,
            sheet=sheet,
            cell=far,
        )
