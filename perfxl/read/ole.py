"""OLE2 compound files (.xls, encrypted OOXML, .doc, ...): is it a workbook, and is it encrypted?"""

from __future__ import annotations

import struct
from pathlib import Path

from perfxl.errors import ErrorCode
from perfxl.read.refusals import MSG_ENCRYPTED, SEND_XLSX, fail

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


def check_ole(data: bytes, p: Path) -> None:
    """Accept an unencrypted .xls; refuse anything else an OLE2 file can be, naming it."""
    low = data.lower()  # ASCII-only lowering: stream names compare case-insensitively
    if _ole_entries(data, low, "EncryptedPackage") or _ole_entries(data, low, "EncryptionInfo"):
        raise fail(ErrorCode.ENCRYPTED, MSG_ENCRYPTED, p)
    books = _ole_entries(data, low, "Workbook") or _ole_entries(data, low, "Book")
    if books:
        if _xls_has_filepass(data, books[0]):
            raise fail(ErrorCode.ENCRYPTED, "文件设置了打开密码(已加密)，请报送单位取消密码后重新报送", p)
        return
    # A damaged directory: still say "password" if the encryption stream names are there at all.
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        raise fail(ErrorCode.ENCRYPTED, MSG_ENCRYPTED, p)
    if _ole_entries(data, low, "WordDocument"):
        raise fail(ErrorCode.NOT_EXCEL, f"这是 Word 文档(.doc)，不是 Excel 文件，{SEND_XLSX}", p)
    if _ole_entries(data, low, "PowerPoint Document"):
        raise fail(ErrorCode.NOT_EXCEL, f"这是 PowerPoint 文档(.ppt)，不是 Excel 文件，{SEND_XLSX}", p)
    raise fail(
        ErrorCode.NOT_EXCEL,
        f"不是 Excel 文件(Office 复合文档中没有工作簿数据，也可能已损坏)，{SEND_XLSX}",
        p,
    )
