"""Tests for perfxl.ooxml.zipdir: the directory read with struct is the one zipfile reads, field for field."""

from __future__ import annotations

import io
import zipfile

import pytest

from perfxl.ooxml.zipdir import DamagedArchive, read_directory


def _archive(comment: bytes = b"") -> bytes:
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", (2021, 3, 4, 5, 6, 8)), b"<Types/>")
        stored = zipfile.ZipInfo("xl/media/图片.bin", (1999, 12, 31, 23, 59, 58))
        stored.external_attr = 0o644 << 16
        z.writestr(stored, b"x" * 100, compress_type=zipfile.ZIP_STORED)
        z.comment = comment
    return bio.getvalue()


@pytest.mark.parametrize(("comment", "plain"), [(b"", True), (b"a comment", False)])
def test_entries_match_zipfile(comment: bytes, plain: bool) -> None:
    data = _archive(comment)
    entries, was_plain = read_directory(io.BytesIO(data), data)
    assert was_plain is plain
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert [
        (e.orig_filename, e.compress_type, e.CRC, e.compress_size, e.file_size, e.header_offset, e.date_time)
        for e in entries
    ] == [
        (i.orig_filename, i.compress_type, i.CRC, i.compress_size, i.file_size, i.header_offset, i.date_time)
        for i in infos
    ]
    assert [e.external_attr for e in entries] == [i.external_attr for i in infos]
    assert entries[1].raw_name == "xl/media/图片.bin".encode()


def test_unreadable_directory() -> None:
    with pytest.raises(DamagedArchive):
        read_directory(io.BytesIO(b"PK\x03\x04 nothing more"), b"PK\x03\x04 nothing more")
