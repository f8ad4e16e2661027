"""A zip package and its parts, read straight from the central directory: heads of parts inflated no further
than asked, whole parts checked against their size and CRC, and the archive rewritten with some parts stored.

Cheaper than ``ZipFile.open`` per part (no ``ZipExtFile``) and the same bytes the readers see; sniffing reads
hostile files through it, and write-back reads the parts it copies through it.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping
from typing import BinaryIO

from perfxl.ooxml.zipdir import CENTRAL_OUT, DOS_1980, EOCD, LOCAL, Entry, inflate_head, read_directory

__all__ = ["DamagedPart", "Package"]


class DamagedPart(Exception):
    """A part whose local header, compressed data, size or CRC does not hold up."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class Package:
    """The parts of a zip archive, by its central directory (``entries``, in stored order).

    Raises ``DamagedArchive`` when the directory cannot be read, ``DamagedPart`` when a part cannot be.
    """

    def __init__(self, f: BinaryIO, data: bytes | None) -> None:
        """``data`` is the whole file when it was small enough to read at once, else None (parts are read
        from ``f`` as needed)."""
        self.f = f
        self.data = data
        self.entries, self.plain = read_directory(f, data)
        self._offsets: dict[str, int] = {}  # part -> where its data starts

    @classmethod
    def of_bytes(cls, data: bytes) -> Package:
        return cls(io.BytesIO(data), data)

    def _read_at(self, offset: int, n: int) -> bytes:
        if self.data is not None:
            return self.data[offset : offset + n]
        self.f.seek(offset)
        return self.f.read(n)

    def _data_offset(self, info: Entry) -> int:
        """Where the part's data starts, after its local header (checked once per part)."""
        offset = self._offsets.get(info.orig_filename)
        if offset is not None:
            return offset
        header = self._read_at(info.header_offset, 30)
        if len(header) != 30 or not header.startswith(b"PK\x03\x04"):
            raise DamagedPart(info.orig_filename)
        name_len: int
        extra_len: int
        name_len, extra_len = struct.unpack_from("<HH", header, 26)
        if self._read_at(info.header_offset + 30, name_len) != info.raw_name:
            raise DamagedPart(info.orig_filename)  # local header names another file
        offset = self._offsets[info.orig_filename] = info.header_offset + 30 + name_len + extra_len
        return offset

    def head(self, info: Entry, n: int) -> bytes:
        """The first ``n`` uncompressed bytes of a part (fewer if it is shorter)."""
        n = min(n, info.file_size)
        start = self._data_offset(info)
        if info.compress_type == zipfile.ZIP_STORED:
            return self._read_at(start, n)
        if n == 0 or info.compress_size == 0:
            return b""  # (decompress(..., 0) would mean "no limit")
        try:
            if self.data is not None:  # one call; inflating stops after n bytes, as it does chunk by chunk
                return inflate_head(self.data[start : start + info.compress_size], n)
            return self._inflate_file(start, info.compress_size, n)
        except zlib.error as exc:
            raise DamagedPart(info.orig_filename) from exc

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

    def full(self, info: Entry) -> bytes:
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
            raise DamagedPart(info.orig_filename) from exc
        if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
            raise DamagedPart(info.orig_filename)  # lying sizes end here (zipfile: "Bad CRC-32")
        return out

    def with_stored(self, contents: Mapping[str, bytes]) -> bytes | None:
        """The archive's bytes with each part in ``contents`` (its whole content, as ``full`` gave it) stored
        uncompressed; the others keep their compressed bytes, and names, CRCs and sizes are the checked ones.
        Only a plain archive in memory is rewritten; otherwise the bytes as read (None when not read whole)."""
        if self.data is None or not self.plain or not contents:
            return self.data
        out: list[bytes | memoryview] = []
        directory: list[bytes] = []
        offset = 0
        view = memoryview(self.data)
        for info in self.entries:
            content = contents.get(info.orig_filename)
            payload: bytes | memoryview
            if content is None:
                start = self._data_offset(info)
                method, size, payload = info.compress_type, info.compress_size, view[start : start + info.compress_size]
            else:
                method, size, payload = zipfile.ZIP_STORED, len(content), content
            flags = info.flag_bits & 0x800  # names in UTF-8; sizes in the header (no data descriptor)
            name = info.raw_name
            fields = (flags, method, 0, DOS_1980, info.CRC, size, info.file_size, len(name), 0)
            out += (LOCAL.pack(b"PK\x03\x04", 20, *fields), name, payload)
            directory += (CENTRAL_OUT.pack(b"PK\x01\x02", 20, 20, *fields, 0, 0, 0, 0, offset), name)
            offset += LOCAL.size + len(name) + size
        n, size_cd = len(self.entries), sum(map(len, directory))
        return b"".join([*out, *directory, EOCD.pack(b"PK\x05\x06", 0, 0, n, n, size_cd, offset, 0)])
