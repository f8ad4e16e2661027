"""Inputs built in memory for the sniff tests (docs/bad-inputs.md §4 helpers): workbooks, zip containers,
compound files, and the assertion that sniff refuses a file as expected."""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import pytest
import xlsxwriter

from perfxl.errors import InputError
from perfxl.read.sniff import DEFAULT_LIMITS, Limits, sniff

# --------------------------------------------------------------------------------------------------
# Fixture builders (docs/bad-inputs.md §4)

SHEET, SST, WB, CT = (
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/workbook.xml",
    "[Content_Types].xml",
)
DEFAULT: dict[str, str | int] = {
    "A1": "dept",
    "B1": "amount",
    "A2": "财务局",
    "B2": 100,
    "A3": "教育局",
    "B3": 200,
}
DECL = b'standalone="yes"?>'  # end of the XML declaration in xlsxwriter parts
LOL = (
    b'<!DOCTYPE l [<!ENTITY l0 "lol">'
    + b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]>"
)


def base_xlsx(cells: dict[str, str | int] | None = None) -> bytes:
    bio = io.BytesIO()
    wb = xlsxwriter.Workbook(bio, {"in_memory": True})
    ws = wb.add_worksheet("Data")
    for ref, value in (cells or DEFAULT).items():
        ws.write(ref, value)
    wb.close()
    return bio.getvalue()


def parts(b: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(b))
    return {i.filename: z.read(i) for i in z.infolist()}


def rezip(p: dict[str, bytes], extra: Iterable[tuple[str, bytes]] = ()) -> bytes:
    """Zip the parts; ``extra`` may repeat names (zipfile's "Duplicate name" warning is silenced)."""
    bio = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
            for k, v in [*p.items(), *extra]:
                z.writestr(k, v)
    return bio.getvalue()


def patch(part: str, *pairs: tuple[bytes, bytes], b: bytes | None = None) -> bytes:
    p = parts(b or base_xlsx())
    for old, new in pairs:
        assert old in p[part], (part, old)
        p[part] = p[part].replace(old, new, 1)
    return rezip(p)


P = parts(base_xlsx())


def cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal, structurally valid OLE2 compound file (v3, 512-byte sectors) with up to 3 streams.

    Sector 0 is the FAT, sector 1 the directory; every stream is padded to >= 4096 bytes so that none
    lives in the mini stream (the padding is part of the stream, as the spec requires for that size).
    """
    sector, end, free, fatsect, nostream = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    assert len(streams) <= 3
    bodies = [s.ljust(max(4096, -(-len(s) // sector) * sector), b"\0") for s in streams.values()]
    fat, starts = [fatsect, end], []
    for body in bodies:
        start, n = len(fat), len(body) // sector
        starts.append(start)
        fat += [start + i + 1 for i in range(n - 1)] + [end]
    assert len(fat) <= 128
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", nostream, right, child)
            + b"\0" * 36  # CLSID, state bits, times
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    directory = entry("Root Entry", 5, nostream, 1 if names else nostream, end, 0)
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else nostream
        directory += entry(name, 2, right, nostream, starts[i], len(bodies[i]))  # >= cutoff: regular sectors
    directory += entry("", 0, nostream, nostream, 0, 0) * (4 - 1 - len(names))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,
        1,
        0,
        4096,
        end,
        0,
        end,
        0,
    ) + struct.pack("<109I", 0, *([free] * 108))
    assert len(header) == 512 and len(directory) == 512
    return header + struct.pack("<128I", *fat) + directory + b"".join(bodies)


BOF = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0005, 0x1234, 1997, 0, 0)
EOF = struct.pack("<HH", 0x000A, 0)
FILEPASS = struct.pack("<HH", 0x002F, 6) + struct.pack("<HHH", 1, 1, 1)


def xls_bytes(*records: bytes) -> bytes:
    return cfb({"Workbook": BOF + b"".join(records) + EOF})


def bomb_xlsx(gib: int = 1) -> bytes:
    """T11: the sheet part inflates to ``gib`` GiB of spaces; ~1 MB on disk.

    zipfile with force_zip64 would spend seconds deflating 1 GiB, so the deflate stream is assembled
    from one full-flushed 1 MiB block (identical every time after a Z_FULL_FLUSH) and the zip64 entry is
    written by hand; the CRC is real. All other parts are the normal ones.
    """
    head, tail = P[SHEET].split(b"</sheetData>")
    tail = b"</sheetData>" + tail
    spaces = b" " * (1 << 20)
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    first = comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(spaces) + comp.flush(zlib.Z_FULL_FLUSH)
    assert block == comp.compress(spaces) + comp.flush(zlib.Z_FULL_FLUSH)
    n = 1024 * gib
    stream = first + block * n + comp.compress(tail) + comp.flush()
    crc = zlib.crc32(head)
    for _ in range(n):
        crc = zlib.crc32(spaces, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + n * len(spaces) + len(tail)

    out, central = io.BytesIO(), io.BytesIO()
    entries = [(k, v) for k, v in P.items() if k != SHEET] + [(SHEET, b"")]
    for name, data in entries:
        raw_name, offset = name.encode(), out.tell()
        if name == SHEET:
            extra = struct.pack("<HHQQ", 1, 16, size, len(stream))
            fields = (45, 0, 8, 0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF)
            body = stream
        else:
            body = zlib.compress(data, 6)[2:-4]
            extra = b""
            fields = (20, 0, 8, 0, 0x21, zlib.crc32(data), len(body), len(data))
        out.write(struct.pack("<4sHHHHHIII", b"PK\x03\x04", *fields) + struct.pack("<HH", len(raw_name), len(extra)))
        out.write(raw_name + extra + body)
        central.write(
            struct.pack("<4sHHHHHHIII", b"PK\x01\x02", 45, *fields)
            + struct.pack("<HHHHHII", len(raw_name), len(extra), 0, 0, 0, 0, offset)
            + raw_name
            + extra
        )
    cd_offset, cd = out.tell(), central.getvalue()
    out.write(cd + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(cd), cd_offset, 0))
    return out.getvalue()


def set_central_field(b: bytes, name: str, offset: int, fmt: str, value: int) -> bytes:
    """Overwrite a field of the central-directory record of ``name`` (offset from the record start)."""
    raw = bytearray(b)
    j = raw.find(b"PK\x01\x02")
    while j >= 0:
        n = struct.unpack_from("<H", raw, j + 28)[0]
        if raw[j + 46 : j + 46 + n] == name.encode():
            struct.pack_into(fmt, raw, j + offset, value)
            return bytes(raw)
        j = raw.find(b"PK\x01\x02", j + 1)
    raise AssertionError(name)


# --------------------------------------------------------------------------------------------------
# Assertion helpers


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rejected(path: Path, code: str, *phrases: str, limits: Limits = DEFAULT_LIMITS) -> InputError:
    """sniff(path) raises InputError with ``code``, naming the file, one line, with each phrase."""
    with pytest.raises(InputError) as info:
        sniff(path, limits=limits)
    err = info.value
    assert err.code == code, (err.code, err.message)
    assert err.file == str(path)
    assert path.name in str(err)
    assert "\n" not in str(err)
    for phrase in phrases:
        assert phrase in err.message, (phrase, err.message)
    return err


FAR = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
