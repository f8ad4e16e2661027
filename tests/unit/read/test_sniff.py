"""Tests for perfxl.read.sniff: every fixture is built in tmp_path (RELIABILITY.md §4 helpers), no network."""

from __future__ import annotations

import io
import os
import random
import struct
import sys
import threading
import time
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
import python_calamine
import xlsxwriter

from perfxl.errors import InputError
from perfxl.read.sniff import DEFAULT_LIMITS, Limits, Sniffed, is_skippable, listed_sheets, prefetch, sniff

# --------------------------------------------------------------------------------------------------
# Fixture builders (RELIABILITY.md §4)

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


# --------------------------------------------------------------------------------------------------
# The normal case


def test_normal_workbook_passes(tmp_path: Path) -> None:
    data = base_xlsx()
    path = write(tmp_path, "财务局.xlsx", data)
    before = path.stat().st_mtime_ns
    result = sniff(path)
    assert result == Sniffed(path=path, kind="xlsx", size=len(data), warnings=())
    assert path.read_bytes() == data and path.stat().st_mtime_ns == before  # input untouched


def _utf8_sheet_name(data: bytes) -> bytes:
    """The workbook with its sheet part under a non-ASCII name (zip flag 0x800) and a STORED part beside it."""
    p = parts(data)
    p["xl/worksheets/表一.xml"] = p.pop(SHEET)
    p["xl/_rels/workbook.xml.rels"] = p["xl/_rels/workbook.xml.rels"].replace(
        b"worksheets/sheet1.xml", "worksheets/表一.xml".encode()
    )
    p[CT] = p[CT].replace(b"/xl/worksheets/sheet1.xml", "/xl/worksheets/表一.xml".encode())
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in p.items():
            z.writestr(name, content, compress_type=zipfile.ZIP_STORED if name == WB else zipfile.ZIP_DEFLATED)
    return bio.getvalue()


def test_reader_package_is_the_file_with_its_sheets_stored(tmp_path: Path) -> None:
    """What the reader is given holds every part byte for byte, the sheets sniff inflated stored, the others as
    they were; python-calamine reads the same cells from it as from the file."""
    from perfxl.read.grid import read_sheets

    samples = sorted((Path(__file__).resolve().parents[3] / "samples").glob("*.xlsx"))
    made = [write(tmp_path, "utf8.xlsx", _utf8_sheet_name(base_xlsx())), write(tmp_path, "plain.xlsx", base_xlsx())]
    assert len(samples) >= 4
    for path in [*samples, *made]:
        package = sniff(path).package
        assert package is not None and package != path.read_bytes()
        original, given = zipfile.ZipFile(path), zipfile.ZipFile(io.BytesIO(package))
        assert given.testzip() is None
        assert [i.filename for i in given.infolist()] == [i.filename for i in original.infolist()]
        for info in original.infolist():
            assert given.read(info.filename) == original.read(info), (path.name, info.filename)
            sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
            assert given.getinfo(info.filename).compress_type == (zipfile.ZIP_STORED if sheet else info.compress_type)
        assert read_sheets(path, package) == read_sheets(path)  # from the file itself
    assert [s.name for s in read_sheets(made[0], sniff(made[0]).package)] == ["Data"]


def test_accepts_str_path_and_workbook_written_by_openpyxl(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B2"] = "部门", 42
    wb.create_sheet("第二页")["C3"] = "x"
    path = tmp_path / "op.xlsx"
    wb.save(path)
    assert sniff(str(path)).kind == "xlsx"


def test_realistic_form_with_styles_and_many_sheets_passes(tmp_path: Path) -> None:
    bio = io.BytesIO()
    wb = xlsxwriter.Workbook(bio, {"in_memory": True})
    bold = wb.add_format({"bold": True, "border": 1})
    for s in range(5):
        ws = wb.add_worksheet(f"表{s + 1}")
        ws.merge_range("A1:J1", "预算绩效自评表", bold)
        for r in range(1, 80):
            for c in range(10):
                ws.write(r, c, r * c if c else f"项目{r}", bold if c == 0 else None)
        ws.write_formula("K2", "=SUM(B2:J2)", None, 45)
    wb.close()
    assert sniff(write(tmp_path, "form.xlsx", bio.getvalue())).kind == "xlsx"


# --------------------------------------------------------------------------------------------------
# A. What is this file?


def test_missing_file(tmp_path: Path) -> None:
    rejected(tmp_path / "没有这个文件.xlsx", "not-found", "找不到文件")


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "目录.xlsx").mkdir()
    rejected(tmp_path / "目录.xlsx", "unreadable", "文件夹")


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.xlsx", base_xlsx())

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    rejected(path, "unreadable", "没有读取权限")


def test_t01_empty_file(tmp_path: Path) -> None:
    rejected(write(tmp_path, "x.xlsx", b""), "empty-file", "文件为空(0 字节)，可能是传输失败，请重新获取原件")


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(DEFAULT_LIMITS.max_file + 1)  # sparse: costs no disk
    rejected(path, "too-large", "文件过大", "上限 50.0 MB")


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"%PDF-1.7 definitely not a workbook", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"\xff\xd8\xff\xe0" + bytes(range(256)), "JPEG"),
        (b"Rar!\x1a\x07\x00" + bytes(200), "RAR"),
        (bytes(range(256)) * 4, "无法识别"),
        ("这是一份说明文字，没有表格。\n".encode(), "纯文本"),
    ],
)
def test_t02_not_a_spreadsheet(tmp_path: Path, data: bytes, phrase: str) -> None:
    rejected(write(tmp_path, "x.xlsx", data), "not-excel", "不是 Excel 文件", phrase)


def test_t03_truncated_upload(tmp_path: Path) -> None:
    rejected(write(tmp_path, "x.xlsx", base_xlsx()[:2500]), "corrupt-archive", "文件不完整或已损坏")


@pytest.mark.parametrize(
    ("name", "data", "phrase"),
    [
        (
            "web.xls",
            "<html><body><table><tr><td>财务局</td><td>100</td></tr></table></body></html>".encode(),
            "网页(HTML)",
        ),
        ("web2.xls", b"\xef\xbb\xbf  <!DOCTYPE html>\n<html><table></table></html>", "网页(HTML)"),
        ("web3.xls", b'<meta charset="gbk">\r\n<table border=1><tr><td>1</td></tr></table>', "网页(HTML)"),
        (
            "x2003.xls",
            b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
            b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
            "Excel 2003 XML",
        ),
        ("gbk.xlsx", "部门,金额\n财务局,100\n".encode("gbk"), "CSV"),
        ("utf8.xlsx", "\ufeff部门,金额\n财务局,100\n".encode(), "CSV"),
        ("unicode.xls", "部门\t金额\r\n财务局\t100\r\n".encode("utf-16"), "CSV"),
        ("page.xls", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", "MHT"),
    ],
)
def test_t04_disguised_exports(tmp_path: Path, name: str, data: bytes, phrase: str) -> None:
    rejected(write(tmp_path, name, data), "disguised-format", phrase, "请用 Excel/WPS 打开后另存为 .xlsx")


def test_t04_long_gbk_csv_cut_inside_a_character(tmp_path: Path) -> None:
    row = "财务局,100,备注说明\n".encode("gbk")  # 2-byte characters: the 4 KB window cuts some
    data = b"xy" + row * 400
    with pytest.raises(UnicodeDecodeError):
        data[:4096].decode("gb18030")
    rejected(write(tmp_path, "big.xlsx", data), "disguised-format", "CSV")


def test_t06_xlsx_content_named_xls(tmp_path: Path) -> None:
    result = sniff(write(tmp_path, "x.xls", base_xlsx()))
    assert result.kind == "xlsx"
    assert result.warnings == ("扩展名为 .xls 但内容是 .xlsx，已按实际内容读取",)


def test_t06_xls_content_named_xlsx(tmp_path: Path) -> None:
    result = sniff(write(tmp_path, "x.xlsx", xls_bytes()))
    assert result.kind == "xls"
    assert len(result.warnings) == 1 and result.warnings[0].startswith("扩展名为 .xlsx 但内容是 .xls")


def test_real_xls_shape_passes_without_warning(tmp_path: Path) -> None:
    assert sniff(write(tmp_path, "x.xls", xls_bytes())) == Sniffed(
        path=tmp_path / "x.xls", kind="xls", size=len(xls_bytes()), warnings=()
    )
    legacy = cfb({"Book": BOF + EOF})  # Excel 5/95 name
    assert sniff(write(tmp_path, "old.xls", legacy)).kind == "xls"
    upper = cfb({"WORKBOOK": BOF + EOF})  # stream names compare case-insensitively
    assert sniff(write(tmp_path, "upper.xls", upper)).kind == "xls"


def test_macro_workbook_extension_and_no_extension(tmp_path: Path) -> None:
    assert sniff(write(tmp_path, "x.xlsm", base_xlsx())).warnings == ()
    assert sniff(write(tmp_path, "noext", base_xlsx())).warnings == ("文件没有扩展名，内容是 .xlsx，已按实际内容读取",)


# Encryption (msoffcrypto is not installed: compound files are built by hand)


def test_t07_encrypted_minimal_ole_blob(tmp_path: Path) -> None:
    blob = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(100)
    rejected(write(tmp_path, "x.xlsx", blob), "encrypted", "文件设置了打开密码，请报送单位取消密码后重新报送")


def test_t07_encrypted_ooxml_compound_file(tmp_path: Path) -> None:
    # what Excel/msoffcrypto write for a password-protected .xlsx: EncryptionInfo + EncryptedPackage
    data = cfb(
        {
            "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + bytes(200),
            "EncryptedPackage": os.urandom(6000),
        }
    )
    rejected(write(tmp_path, "加密.xlsx", data), "encrypted", "文件设置了打开密码")


def test_encrypted_xls_filepass(tmp_path: Path) -> None:
    rejected(write(tmp_path, "x.xls", xls_bytes(FILEPASS)), "encrypted", "打开密码")


def test_zip_level_encryption(tmp_path: Path) -> None:
    data = set_central_field(base_xlsx(), SHEET, 8, "<H", 0x0001)  # general purpose flag: encrypted
    rejected(write(tmp_path, "x.xlsx", data), "encrypted", "加密")


@pytest.mark.parametrize(
    ("streams", "phrase"),
    [
        # a Word document whose text mentions "Workbook" (UTF-16, not a directory entry) is still Word
        ({"WordDocument": b"\0" * 130 + "Workbook\0".encode("utf-16-le"), "1Table": b"x"}, "Word 文档(.doc)"),
        ({"PowerPoint Document": b"x"}, "PowerPoint 文档(.ppt)"),
        ({"Contents": b"x"}, "没有工作簿数据"),
    ],
)
def test_other_compound_files(tmp_path: Path, streams: dict[str, bytes], phrase: str) -> None:
    rejected(write(tmp_path, "x.xls", cfb(streams)), "not-excel", phrase)


def test_t08_strict_open_xml(tmp_path: Path) -> None:
    main, strict = (
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    )
    data = rezip({k: v.replace(main, strict) for k, v in P.items()})
    rejected(
        write(tmp_path, "strict.xlsx", data),
        "unsupported-format",
        "Strict Open XML",
        "另存为普通 Excel 工作簿(.xlsx)",
    )


def test_t09_xlsb(tmp_path: Path) -> None:
    data = rezip(
        {
            CT: b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Override PartName="/xl/workbook.bin" '
            b'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
            "xl/workbook.bin": b"\x83\x01\x00",
        }
    )
    rejected(write(tmp_path, "x.xlsx", data), "unsupported-format", ".xlsb", "另存为 .xlsx")


@pytest.mark.parametrize(
    ("folder", "phrase"),
    [("word/document.xml", "这是 Word 文件"), ("ppt/presentation.xml", "这是 PowerPoint 文件")],
)
def test_t09_docx_pptx(tmp_path: Path, folder: str, phrase: str) -> None:
    data = rezip({CT: P[CT], "_rels/.rels": P["_rels/.rels"], folder: b"<w:document/>"})
    rejected(write(tmp_path, "x.xlsx", data), "not-excel", phrase)


def test_ods_and_plain_zip(tmp_path: Path) -> None:
    ods = rezip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
    rejected(write(tmp_path, "x.xlsx", ods), "unsupported-format", "OpenDocument 表格(.ods)")
    plain = rezip({"readme.txt": b"hello", "data/a.csv": b"1,2"})
    rejected(write(tmp_path, "y.xlsx", plain), "not-excel", "普通 ZIP 压缩包")


# --------------------------------------------------------------------------------------------------
# B. Container attacks


def test_t11_zip_bomb_rejected_from_directory_alone(tmp_path: Path) -> None:
    started = time.perf_counter()
    data = bomb_xlsx()
    assert len(data) < 2 << 20
    path = write(tmp_path, "bomb.xlsx", data)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(SHEET)
    assert info.file_size > 1 << 30 and info.compress_size < 2 << 20
    t = time.perf_counter()
    rejected(path, "too-large", SHEET, "疑似压缩炸弹")
    assert time.perf_counter() - t < 0.05  # no decompression
    assert time.perf_counter() - started < 2


def test_t11_ratio_and_total_limits(tmp_path: Path) -> None:
    bomb = rezip(P, [("xl/media/pad.bin", b" " * (3 << 20))])  # 3 MiB -> ~3 KB: ratio < 0.005
    rejected(write(tmp_path, "ratio.xlsx", bomb), "too-large", "压缩比异常")
    many = rezip(P, [(f"xl/media/p{i}.bin", os.urandom(64 << 10)) for i in range(6)])
    rejected(write(tmp_path, "total.xlsx", many), "too-large", "合计", limits=Limits(max_total=256 << 10))


def test_t12_too_many_parts(tmp_path: Path) -> None:
    data = rezip(P, [(f"junk/{i}.bin", b"") for i in range(1001 - len(P))])
    rejected(write(tmp_path, "x.xlsx", data), "too-large", "部件过多", "1001")
    assert sniff(write(tmp_path, "ok.xlsx", rezip(P, [(f"junk/{i}.bin", b"") for i in range(1000 - len(P))])))


def test_t13_lying_central_directory_size(tmp_path: Path) -> None:
    data = set_central_field(base_xlsx(), SHEET, 24, "<I", 100)
    rejected(write(tmp_path, "x.xlsx", data), "corrupt-archive", SHEET, "已损坏")


@pytest.mark.parametrize(
    "extra",
    [
        [(SHEET, P[SHEET].replace(b"<v>100</v>", b"<v>999999</v>"))],
        [("xl/worksheets/Sheet1.xml", P[SHEET])],
    ],
    ids=["exact", "case-only"],
)
def test_t14_duplicate_parts(tmp_path: Path, extra: list[tuple[str, bytes]]) -> None:
    rejected(write(tmp_path, "x.xlsx", rezip(P, extra)), "corrupt-archive", "重名部件")


def test_t15_backslash_part_names(tmp_path: Path) -> None:
    data = rezip({(k.replace("/", "\\") if k.startswith("xl/worksheets") else k): v for k, v in P.items()})
    rejected(write(tmp_path, "x.xlsx", data), "corrupt-archive", "非法部件名", "xl\\worksheets\\sheet1.xml")


@pytest.mark.parametrize("name", ["../../evil.txt", "/abs/evil.txt", "xl/../../evil.txt", "C:/evil.txt"])
def test_t16_traversal_part_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    path = write(tmp_path, "x.xlsx", rezip(P, [(name, b"pwned")]))
    before = sorted(tmp_path.rglob("*"))
    rejected(path, "corrupt-archive", "非法部件名")
    assert sorted(tmp_path.rglob("*")) == before  # nothing extracted anywhere


def with_extra_field(p: dict[str, bytes]) -> bytes:
    """Every part carries an extended-timestamp extra field (Info-ZIP writers add one)."""
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in p.items():
            info = zipfile.ZipInfo(name, (2024, 6, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.extra = struct.pack("<HHBI", 0x5455, 5, 1, 0)
            z.writestr(info, data)
    return bio.getvalue()


ARCHIVE_LAYOUTS: dict[str, Callable[[dict[str, bytes]], bytes]] = {
    "archive-comment": lambda p: rezip(p)[:-2] + struct.pack("<H", 9) + b"a comment",
    "bytes-after-end-record": lambda p: rezip(p) + bytes(16),
    "extra-fields": with_extra_field,
    "utf8-part-name": lambda p: rezip(p, [("xl/media/图片.bin", b"x")]),
    # a non-ASCII name without the UTF-8 flag: zip readers decode it as cp437 ("xl/media/ü.bin")
    "cp437-part-name": lambda p: rezip(p, [("xl/media/u.bin", b"x")]).replace(b"media/u.bin", b"media/\x81.bin"),
}


@pytest.mark.parametrize("layout", ARCHIVE_LAYOUTS.values(), ids=ARCHIVE_LAYOUTS.keys())
def test_less_common_archive_layouts_get_every_check(
    tmp_path: Path, layout: Callable[[dict[str, bytes]], bytes]
) -> None:
    assert sniff(write(tmp_path, "ok.xlsx", layout(P))).kind == "xlsx"
    far = {**P, SHEET: P[SHEET].replace(b"</sheetData>", FAR)}
    rejected(write(tmp_path, "far.xlsx", layout(far)), "too-large", "XFD1048576")
    lol = {**P, SST: P[SST].replace(DECL, DECL + LOL)}
    rejected(write(tmp_path, "lol.xlsx", layout(lol)), "unsafe-xml", SST, "DTD")


def test_local_header_naming_another_part(tmp_path: Path) -> None:
    data = rezip(P)
    assert data.count(SHEET.encode()) == 2  # local header, then central directory
    data = data.replace(SHEET.encode(), b"xl/worksheets/sheet9.xml", 1)
    rejected(write(tmp_path, "x.xlsx", data), "corrupt-archive", SHEET, "已损坏")


# --------------------------------------------------------------------------------------------------
# C. XML attacks


@pytest.mark.parametrize(
    ("part", "pairs"),
    [
        (SST, [(DECL, DECL + LOL), ("<t>财务局</t>".encode(), b"<t>&l9;</t>")]),
        (WB, [(DECL, DECL + LOL), (b'name="Data"', b'name="&l9;"')]),
        (CT, [(DECL, DECL + b"<!DOCTYPE Types>")]),
        ("xl/styles.xml", [(DECL, DECL + LOL)]),
        (SHEET, [(DECL, DECL + LOL)]),
        ("docProps/core.xml", [(DECL, DECL + LOL)]),
        ("xl/_rels/workbook.xml.rels", [(DECL, DECL + LOL)]),
        (
            SST,
            [
                (DECL, DECL + b'<!DOCTYPE q [<!ENTITY a "' + b"A" * 100_000 + b'">]>'),
                ("<t>财务局</t>".encode(), b"<t>" + b"&a;" * 20_000 + b"</t>"),
            ],
        ),
        (SST, [(DECL, DECL + b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>')]),
        (SST, [(DECL, DECL + b"<!-- " + b"x" * 3000 + b" -->\n<!DOCTYPE l []>")]),  # pushed beyond 1 KB
        (SST, [(DECL, DECL + b"\n" * 2000 + b"<!DOCTYPE l []>")]),
    ],
    ids=[
        "t17-sst",
        "t17-workbook",
        "content-types",
        "styles",
        "sheet",
        "core-props",
        "rels",
        "quadratic",
        "t18-xxe",
        "after-comment",
        "after-whitespace",
    ],
)
def test_t17_doctype_in_any_part(tmp_path: Path, part: str, pairs: list[tuple[bytes, bytes]]) -> None:
    err = rejected(write(tmp_path, "x.xlsx", patch(part, *pairs)), "unsafe-xml", part, "DTD")
    assert "/etc/hostname" not in str(err)


def test_doctype_in_utf16_part(tmp_path: Path) -> None:
    p = dict(P)
    text = p[SST].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    p[SST] = (text[: text.index("?>") + 2] + "<!DOCTYPE l []>" + text[text.index("?>") + 2 :]).encode("utf-16")
    rejected(write(tmp_path, "x.xlsx", rezip(p)), "unsafe-xml", SST, "DTD")


def test_doctype_in_a_part_registered_as_xml_under_another_name(tmp_path: Path) -> None:
    p = dict(P)
    p[CT] = p[CT].replace(b"</Types>", b'<Default Extension="dat" ContentType="application/xml"/></Types>')
    p["xl/custom.dat"] = b"<?xml version='1.0'?><!DOCTYPE x []><x/>"
    rejected(write(tmp_path, "x.xlsx", rezip(p)), "unsafe-xml", "xl/custom.dat")


@pytest.mark.parametrize("encoding", [b"UTF-7", b"UTF-32", b"IBM037", b"ISO-2022-JP", b"x-unknown"])
def test_xml_encodings_that_could_hide_markup(tmp_path: Path, encoding: bytes) -> None:
    data = patch(SST, (b'encoding="UTF-8"', b'encoding="' + encoding + b'"'))
    rejected(write(tmp_path, "x.xlsx", data), "unsafe-xml", "编码")


def test_utf16_and_bom_parts_without_doctype_pass(tmp_path: Path) -> None:
    p = dict(P)
    p[WB] = p[WB].replace(b'encoding="UTF-8"', b"encoding='gb2312'")
    p["docProps/core.xml"] = p["docProps/core.xml"].replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    p[SST] = p[SST].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    p["xl/styles.xml"] = b"\xef\xbb\xbf" + p["xl/styles.xml"]
    p["docProps/app.xml"] = b"<!-- made by hand -->\r\n" + p["docProps/app.xml"].split(b"?>", 1)[1]
    assert sniff(write(tmp_path, "x.xlsx", rezip(p))).kind == "xlsx"


@pytest.mark.parametrize(
    ("drop", "phrase"),
    [
        (CT, CT),
        (WB, WB),
        (SHEET, SHEET),
        ("xl/_rels/workbook.xml.rels", "xl/_rels/workbook.xml.rels"),
    ],
)
def test_t21_missing_package_parts(tmp_path: Path, drop: str, phrase: str) -> None:
    q = dict(P)
    del q[drop]
    rejected(write(tmp_path, "x.xlsx", rezip(q)), "corrupt-package", phrase)


# --------------------------------------------------------------------------------------------------
# D. Far cells (python-calamine densifies rows x columns and aborts the process)

FAR = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'


@pytest.fixture
def no_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any use of python-calamine during the test fails loudly."""

    def boom(*args: object, **kwargs: object) -> object:
        raise AssertionError("python-calamine must not be called on this file")

    for name in ("load_workbook",):
        monkeypatch.setattr(python_calamine, name, boom)
    for name in ("from_path", "from_filelike", "from_object"):
        monkeypatch.setattr(python_calamine.CalamineWorkbook, name, boom)
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # a fresh import fails too


@pytest.mark.usefixtures("no_calamine")
@pytest.mark.parametrize(
    "far",
    [
        FAR,
        b'<row r="1048576"><c s="0" r="XFD1048576"><v>1</v></c></row></sheetData>',
        b"<row r='1048576'><c r = 'xfd1048576'><v>1</v></c></row></sheetData>",
        b'<row r="1048576"><c t="n" r="&#88;FD1048576"><v>1</v></c></row></sheetData>',
        b'<row r="1048576"><c t="a>b" r="XFD1048576"><v>1</v></c></row></sheetData>',
        b'<row r="1048576"><c t="s r=\'A1\'" r="XFD1048576"><v>0</v></c></row></sheetData>',
        b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>',
        # no r at all: the 16384th cell of the last row (openpyxl and calamine count positions)
        b'<row r="1048576">' + b"<c/>" * 16383 + b"<c><v>1</v></c></row></sheetData>",
    ],
    ids=[
        "plain",
        "r-not-first",
        "quotes-lowercase",
        "char-ref",
        "gt-in-value",
        "fake-r-in-value",
        "empty",
        "no-r",
    ],
)
def test_t24_far_cell_rejected_without_calamine(tmp_path: Path, far: bytes) -> None:
    path = write(tmp_path, "far.xlsx", patch(SHEET, (b"</sheetData>", far)))
    started = time.perf_counter()
    err = rejected(path, "too-large", "远离表格区域", "XFD1048576", SHEET, "请删除多余内容后重新保存")
    assert time.perf_counter() - started < 0.5
    assert err.sheet == "Data" and err.cell == "XFD1048576"


def test_t24_prefixed_namespace_sheet(tmp_path: Path) -> None:
    sheet = (
        b'<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
        b'<x:row r="900000"><x:c r="AAA900000"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    )
    rejected(write(tmp_path, "x.xlsx", rezip({**P, SHEET: sheet})), "too-large", "AAA900000")


@pytest.mark.parametrize(
    "extra",
    [
        b'<row r="1048576" ht="20" customHeight="1"/></sheetData>',  # formatted row, no cells
        b'<row r="1048000"><c r="A1048000" s="0"/><c r="B1048000"><v>1</v></c></row></sheetData>',  # T26
        b'<row r="20"><c r="T20"><v>1</v></c></row></sheetData>',
    ],
)
def test_benign_extents_pass(tmp_path: Path, extra: bytes) -> None:
    path = write(tmp_path, "ok.xlsx", patch(SHEET, (b"</sheetData>", extra)))
    assert sniff(path).kind == "xlsx"


def test_t22_overstated_dimension_is_not_rejected(tmp_path: Path) -> None:
    data = patch(SHEET, (b'<dimension ref="A1:B3"/>', b'<dimension ref="A1:XFD1048576"/>'))
    assert sniff(write(tmp_path, "x.xlsx", data)).kind == "xlsx"


@pytest.mark.parametrize(
    ("cell", "rows", "columns"),
    [("ZZ9999", 9999, 702), ("AAA10000", 10000, 703), ("zz9999", 9999, 702)],
)
def test_extent_is_exact_against_any_limit(tmp_path: Path, cell: str, rows: int, columns: int) -> None:
    far = f'<row r="{rows}"><c r="{cell}"><v>1</v></c></row></sheetData>'.encode()
    path = write(tmp_path, "x.xlsx", patch(SHEET, (b"</sheetData>", far)))
    assert sniff(path).kind == "xlsx"  # 7.0 M cells: under the default 20 M
    assert sniff(path, limits=Limits(max_sheet_area=rows * columns)).kind == "xlsx"
    err = rejected(path, "too-large", f"{rows} 行 × {columns} 列", limits=Limits(max_sheet_area=rows * columns - 1))
    assert err.cell == cell.upper()


def test_big_file_is_read_part_by_part(tmp_path: Path) -> None:
    """Files over 8 MiB are not read into memory whole: the same checks must hold."""

    def big(sheet: bytes) -> bytes:
        bio = io.BytesIO()
        with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
            for k, v in {**P, SHEET: sheet}.items():
                z.writestr(k, v)
            z.writestr("xl/media/image1.png", os.urandom(9 << 20), compress_type=zipfile.ZIP_STORED)
        return bio.getvalue()

    ok = write(tmp_path, "big.xlsx", big(P[SHEET]))
    assert ok.stat().st_size > 9 << 20 and sniff(ok).kind == "xlsx"
    far = write(tmp_path, "bigfar.xlsx", big(P[SHEET].replace(b"</sheetData>", FAR)))
    rejected(far, "too-large", "XFD1048576")
    lol = write(tmp_path, "biglol.xlsx", big(P[SHEET].replace(DECL, DECL + LOL)))
    rejected(lol, "unsafe-xml", "DTD")


def test_sheet_part_over_2mb(tmp_path: Path) -> None:
    filler = b"<!-- " + os.urandom(1_100_000).hex().encode() + b" -->"  # incompressible: no ratio alarm
    data = patch(SHEET, (b"</worksheet>", filler + b"</worksheet>"))
    rejected(write(tmp_path, "x.xlsx", data), "too-large", SHEET, "超过上限 2.0 MB")


# --------------------------------------------------------------------------------------------------
# Lock and system files (T10)


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("~$报表.xlsx", "锁定文件"),
        (".~lock.报表.xlsx#", "LibreOffice 锁定文件"),
        ("._报表.xlsx", "macOS"),
        ("Thumbs.db", "系统文件"),
        ("desktop.ini", "系统文件"),
        (".DS_Store", "系统文件"),
        (".hidden.xlsx", "隐藏文件"),
        ("~WRL0001.tmp", "临时文件"),
    ],
)
def test_t10_is_skippable(tmp_path: Path, name: str, phrase: str) -> None:
    reason = is_skippable(tmp_path / name)
    assert reason is not None and phrase in reason


@pytest.mark.parametrize("name", ["报表.xlsx", "~报表.xlsx", "财务局 (2).xls", "a.~lock.x#.xlsx", "x.db"])
def test_t10_normal_names_are_not_skipped(name: str) -> None:
    assert is_skippable(Path("/in") / name) is None


def test_t10_lock_file_content_names_itself(tmp_path: Path) -> None:
    lock = b"\x0bZhang San  " + b"\x00" * 40 + "Zhang San".encode("utf-16-le") + b"\x00" * 70
    apple = b"\x00\x05\x16\x07" + b"\x00" * 4092
    rejected(write(tmp_path, "~$报表.xlsx", lock), "not-excel", "锁定文件", "可忽略")
    rejected(write(tmp_path, "._报表.xlsx", apple), "not-excel", "macOS", "可忽略")


# --------------------------------------------------------------------------------------------------
# Robustness and cost


def test_damaged_inputs_only_ever_raise_input_error(tmp_path: Path) -> None:
    """Seeded mutations of a valid workbook: every outcome is a Sniffed or an InputError (L12 smoke)."""
    rng = random.Random(20240601)
    good = base_xlsx()
    path = tmp_path / "m.xlsx"
    for i in range(400):
        data = bytearray(good)
        if i % 4 == 0:
            data = data[: rng.randrange(1, len(data))]
        else:
            for _ in range(rng.randrange(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
        try:
            sniff(path)
        except InputError as err:
            assert err.code and path.name in str(err) and "\n" not in str(err)


def compressed_span(data: bytes, name: str) -> slice:
    """Where the compressed bytes of part ``name`` lie in the archive ``data``."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    return slice(start, start + info.compress_size)


def test_parts_repeated_across_files_are_judged_in_each_file(tmp_path: Path) -> None:
    """Files of one template share parts byte for byte; each file still gets its own verdict."""
    theme = "xl/theme/theme1.xml"
    good = rezip(P)
    broken = bytearray(good)
    broken[compressed_span(good, theme).start] = 0xFF  # deflate block type 3: invalid
    ok = write(tmp_path, "ok.xlsx", good)
    dtd = write(tmp_path, "dtd.xlsx", patch("xl/styles.xml", (DECL, DECL + b"<!DOCTYPE s []>")))
    damaged = write(tmp_path, "damaged.xlsx", bytes(broken))
    for _ in range(2):  # the second round meets only parts already seen
        assert sniff(ok).kind == "xlsx"
        rejected(dtd, "unsafe-xml", "xl/styles.xml", "DTD")
        rejected(damaged, "corrupt-archive", theme, "已损坏")
        assert sniff(ok).kind == "xlsx"


def test_cost_on_a_normal_small_workbook(tmp_path: Path) -> None:
    path = write(tmp_path, "x.xlsx", base_xlsx())
    sniff(path)
    n = 200
    started = time.perf_counter()
    for _ in range(n):
        sniff(path)
    per_call = (time.perf_counter() - started) / n
    assert per_call < 0.005  # measured ~0.2 ms; generous for slow CI machines


def _pages_in_memory(path: Path) -> int:
    """How many of the file's pages are in the page cache (Linux mincore through a private mapping)."""
    import ctypes
    import mmap

    libc = ctypes.CDLL(None, use_errno=True)
    size = path.stat().st_size
    pages = -(-size // mmap.PAGESIZE)
    with path.open("rb") as f, mmap.mmap(f.fileno(), size, access=mmap.ACCESS_COPY) as mapped:
        view = ctypes.c_char.from_buffer(mapped)  # untouched: the mapping shows the cache, reads nothing
        try:
            vec = (ctypes.c_ubyte * pages)()
            if libc.mincore(ctypes.c_void_p(ctypes.addressof(view)), ctypes.c_size_t(size), vec) != 0:
                pytest.skip(f"mincore failed: errno {ctypes.get_errno()}")
            return sum(v & 1 for v in vec)
        finally:
            del view


def _evicted(path: Path) -> Path:
    path.write_bytes(random.Random(path.name).randbytes(256 * 1024))
    with path.open("rb") as f:
        os.fsync(f.fileno())  # clean pages: the kernel may drop them
        os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
    if _pages_in_memory(path):
        pytest.skip("this file system keeps files in memory (tmpfs): nothing to fetch")
    return path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the page cache is looked at with Linux mincore")
def test_prefetch_brings_files_back_into_the_page_cache_up_to_its_budget(tmp_path: Path) -> None:
    first, second, third = (_evicted(tmp_path / f"单位{i}.xlsx") for i in range(3))
    prefetch([first, second, third], budget=300 * 1024)  # the first two files' 512 KiB pass the budget
    deadline = time.monotonic() + 5
    while _pages_in_memory(second) < 64 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)
    # 256 KiB in 4 KiB pages each, read ahead without a read() of ours; the third was not asked for
    assert [_pages_in_memory(p) for p in (first, second, third)] == [64, 64, 0]


def test_prefetch_passes_over_what_it_cannot_or_should_not_open(tmp_path: Path) -> None:
    """A pipe (opening one to read can wait forever), a folder, a missing file, a NUL in the name: all left
    to sniff() to report, none raises, none blocks."""
    fifo = tmp_path / "管道.xlsx"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    done = threading.Event()

    def go() -> None:
        prefetch([fifo, tmp_path, tmp_path / "没有.xlsx", "a\0b.xlsx", write(tmp_path, "ok.xlsx", base_xlsx())])
        done.set()

    worker = threading.Thread(target=go, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done.is_set()


def test_listed_sheets_reads_the_workbook_part_and_refuses_what_sniff_refuses(tmp_path: Path) -> None:
    path = tmp_path / "甲_评分.xlsx"
    with xlsxwriter.Workbook(path) as book:
        for name in ("附件5", "R&D <一>", "一致性检查"):
            book.add_worksheet(name)
    assert listed_sheets(path) == ("附件5", "R&D <一>", "一致性检查")  # in order, unescaped
    no_workbook = io.BytesIO()
    with zipfile.ZipFile(no_workbook, "w") as z:
        z.writestr("a.txt", "x")
    cases = [
        (write(tmp_path, "炸弹.xlsx", bomb_xlsx()), "too-large"),  # from the central directory: nothing inflated
        (write(tmp_path, "半个.xlsx", b"PK"), "corrupt-archive"),
        (write(tmp_path, "无工作簿.xlsx", no_workbook.getvalue()), "corrupt-package"),
        (tmp_path, "unreadable"),
    ]
    for bad, code in cases:
        with pytest.raises(InputError) as info:
            listed_sheets(bad)
        assert (info.value.code, info.value.file) == (code, str(bad))
