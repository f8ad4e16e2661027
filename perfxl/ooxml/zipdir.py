"""The zip central directory, read without trusting it: entries named and valued as in ``zipfile.ZipInfo``,
read with ``struct`` when the archive is plain and by ``zipfile`` otherwise; the zip records written back."""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from typing import BinaryIO, Final, NamedTuple

__all__ = [
    "CENTRAL_OUT",
    "DOS_1980",
    "EOCD",
    "LOCAL",
    "DamagedArchive",
    "Entry",
    "inflate_head",
    "read_directory",
]


class DamagedArchive(Exception):
    """The central directory cannot be read (the message is the underlying reader's)."""


class Entry(NamedTuple):
    """One central-directory record: the fields perfxl uses, named and valued as in ``zipfile.ZipInfo``."""

    orig_filename: str  # as stored: zipfile rewrites os.sep on Windows, we must not
    raw_name: bytes  # the stored bytes, which the part's local header must repeat
    flag_bits: int
    compress_type: int
    CRC: int
    compress_size: int
    file_size: int
    header_offset: int
    dos_stamp: int  # MS-DOS date << 16 | time: the two stored fields read as one little-endian word
    external_attr: int

    @property
    def date_time(self) -> tuple[int, int, int, int, int, int]:
        """The stamp as ``zipfile.ZipInfo.date_time`` gives it."""
        d, t = self.dos_stamp >> 16, self.dos_stamp & 0xFFFF
        return (d >> 9) + 1980, (d >> 5) & 0xF, d & 0x1F, t >> 11, (t >> 5) & 0x3F, (t & 0x1F) * 2


def _name_encoding(flag_bits: int) -> str:
    return "utf-8" if flag_bits & 0x800 else "cp437"


# zipfile's own layouts: end of central directory record; central directory file header, with the fields
# perfxl does not use skipped ("x" pad bytes); as written: local and central file headers
EOCD: Final = struct.Struct("<4s4H2LH")
_CENTRAL: Final = struct.Struct("<4s2xBxHHLLLLHHH4xLL")
LOCAL: Final = struct.Struct("<4s5H3L2H")  # signature, version, flags, method, time, date, crc, sizes, lengths
CENTRAL_OUT: Final = struct.Struct("<4s6H3L5H2L")  # … and comment length, disk, attributes, header offset
DOS_1980: Final = 0x21  # 1980-01-01, the earliest date a zip header holds
_MAX_EXTRACT_VERSION: Final = 63  # zipfile refuses entries needing a newer version


def read_directory(source: BinaryIO, data: bytes | None) -> tuple[list[Entry], bool]:
    """The entries of the archive in ``source`` (``data``: its whole bytes, when read at once) and whether the
    archive is plain (see ``_plain_directory``). Raises DamagedArchive."""
    try:
        plain = None if data is None else _plain_directory(data)
        if plain is not None:
            return plain, True
        return _zipfile_directory(source if data is None else io.BytesIO(data)), False
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, struct.error) as exc:
        raise DamagedArchive(str(exc)) from exc


def _plain_directory(data: bytes) -> list[Entry] | None:
    """The central directory of a whole archive in memory, exactly as ``zipfile`` reads it, when the archive
    is plain: no archive comment, no zip64 records, no extra fields, nothing before the first part (what
    Excel and the common zip libraries write). None for anything else, so that zipfile itself reads it.

    Parsing a dozen records with ``struct`` costs a fraction of building ``zipfile.ZipInfo`` objects.
    """
    end = len(data) - EOCD.size
    if end < 20 or data[-2:] != b"\0\0" or not data.startswith(b"PK\x05\x06", end):
        return None  # archive comment, or no end record where zipfile looks first
    if data.startswith(b"PK\x06\x07", end - 20):
        return None  # zip64 end record locator
    size_cd, offset_cd = EOCD.unpack_from(data, end)[5:7]
    if offset_cd + size_cd != end:
        return None  # data before the archive (zipfile shifts every offset) or an inconsistent record
    entries: list[Entry] = []
    pos = offset_cd
    while pos < end:
        if pos + _CENTRAL.size > end:
            return None
        (sig, version, flags, method, stamp, crc, csize, usize, name_len, extra_len, comment_len, attr, offset) = (
            _CENTRAL.unpack_from(data, pos)
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
        entries.append(Entry(name, raw_name, flags, method, crc, csize, usize, offset, stamp, attr))
    return entries


def _decode_name(raw: bytes, flag_bits: int) -> str | None:
    """A part name decoded as zipfile decodes it (None if it cannot be); ASCII means the same in both codecs."""
    if raw.isascii():
        return raw.decode("ascii")
    try:
        return raw.decode(_name_encoding(flag_bits))
    except UnicodeDecodeError:
        return None


def _zipfile_directory(source: BinaryIO) -> list[Entry]:
    """The central directory as ``zipfile`` reads it: big files and unusual archives."""
    return [
        Entry(
            info.orig_filename,
            # exact: the name was decoded from these bytes with this codec, which round-trips
            info.orig_filename.encode(_name_encoding(info.flag_bits)),
            info.flag_bits,
            info.compress_type,
            info.CRC,
            info.compress_size,
            info.file_size,
            info.header_offset,
            _dos_stamp(info.date_time),
            info.external_attr,
        )
        for info in zipfile.ZipFile(source).infolist()
    ]


def _dos_stamp(date_time: tuple[int, int, int, int, int, int]) -> int:
    """The MS-DOS stamp ``date_time`` was decoded from (every field of it is kept, so this is exact)."""
    year, month, day, hour, minute, second = date_time
    return ((year - 1980) << 9 | month << 5 | day) << 16 | hour << 11 | minute << 5 | second // 2


# The theme, styles, content types and relationships of one template recur byte for byte in every workbook
# of a batch: small parts are inflated once per process (a pure function of the compressed bytes).
_REMEMBER_COMPRESSED: Final = 8 * 1024  # hashing the key must stay cheaper than inflating
_REMEMBER_INFLATED: Final = 64 * 1024


def inflate_head(compressed: bytes, n: int) -> bytes:
    """The first ``n`` (> 0) bytes a raw deflate stream inflates to, fewer if it ends first; zlib.error if
    it is damaged within them."""
    if len(compressed) <= _REMEMBER_COMPRESSED and n <= _REMEMBER_INFLATED:
        return _inflate_head_remembered(compressed, n)
    return zlib.decompressobj(-15).decompress(compressed, n)


@functools.lru_cache(maxsize=64)  # errors are not remembered: they are raised again
def _inflate_head_remembered(compressed: bytes, n: int) -> bytes:
    return zlib.decompressobj(-15).decompress(compressed, n)
