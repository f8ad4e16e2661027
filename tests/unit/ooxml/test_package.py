"""Tests for perfxl.ooxml.package: parts read by the central directory, checked, and stored back."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from perfxl.ooxml.package import DamagedPart, Package

TEXT = b"<sheetData>" + b"<row/>" * 2000 + b"</sheetData>"


def _archive() -> bytes:
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.xml", TEXT)
        z.writestr("b.xml", b"<b/>")
    return bio.getvalue()


def test_head_full_and_stored_copy() -> None:
    data = _archive()
    pkg = Package.of_bytes(data)
    a, b = pkg.entries
    assert pkg.head(a, 11) == b"<sheetData>" and pkg.full(a) == TEXT and pkg.full(b) == b"<b/>"
    assert Package(io.BytesIO(data), None).head(a, 17) == TEXT[:17]  # read from the file, not held in memory
    copy = pkg.with_stored({"a.xml": TEXT})
    assert copy is not None
    with zipfile.ZipFile(io.BytesIO(copy)) as z:
        assert z.testzip() is None and z.read("a.xml") == TEXT and z.read("b.xml") == b"<b/>"
        assert [i.compress_type for i in z.infolist()] == [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]
    assert pkg.with_stored({}) == data


def test_a_lying_size_is_a_damaged_part() -> None:
    data = bytearray(_archive())
    record = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, record + 24, 100)  # uncompressed size of a.xml
    pkg = Package.of_bytes(bytes(data))
    with pytest.raises(DamagedPart) as info:
        pkg.full(pkg.entries[0])
    assert info.value.name == "a.xml"
