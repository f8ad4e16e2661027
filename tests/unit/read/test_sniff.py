"""Tests for perfxl.read.sniff: what a file is, decided from its bytes; every input is built in tmp_path, no network."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from sniff_inputs import (
    BOF,
    CT,
    DECL,
    EOF,
    SHEET,
    WB,
    P,
    base_xlsx,
    cfb,
    parts,
    patch,
    rejected,
    rezip,
    write,
    xls_bytes,
)

from perfxl.errors import InputError
from perfxl.read.sniff import DEFAULT_LIMITS, Sniffed, sniff

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
    """What the reader is given holds every part byte for byte, the sheets and shared strings sniff inflated stored,
    the others as they were; python-calamine reads the same cells from it as from the file."""
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
            name = info.filename
            inflated = (name.startswith("xl/worksheets/") and name.endswith(".xml")) or name == "xl/sharedStrings.xml"
            assert given.getinfo(name).compress_type == (zipfile.ZIP_STORED if inflated else info.compress_type)
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


def test_a_libreoffice_lock_file_is_said_to_be_one(tmp_path: Path) -> None:
    # round 85: `.~lock.甲.xlsx#` holds a line of comma-separated text, and was said to be a CSV
    rejected(write(tmp_path, ".~lock.甲.xlsx#", b"root,host,27.11.2026 10:00,/root;"), "not-excel", "锁定文件")
