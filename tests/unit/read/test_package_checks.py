"""Tests for perfxl.read.package_checks: the zip directory and the package layout, checked before any reader."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sniff_inputs import (
    CT,
    DECL,
    FAR,
    LOL,
    SHEET,
    SST,
    WB,
    P,
    base_xlsx,
    bomb_xlsx,
    patch,
    rejected,
    rezip,
    set_central_field,
    write,
)

from perfxl.read.sniff import Limits, sniff


def test_zip_level_encryption(tmp_path: Path) -> None:
    data = set_central_field(base_xlsx(), SHEET, 8, "<H", 0x0001)  # general purpose flag: encrypted
    rejected(write(tmp_path, "x.xlsx", data), "encrypted", "加密")


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
    data = bomb_xlsx()
    assert len(data) < 2 << 20
    path = write(tmp_path, "bomb.xlsx", data)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(SHEET)
    assert info.file_size > 1 << 30 and info.compress_size < 2 << 20
    rejected(path, "too-large", SHEET, "疑似压缩炸弹")


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


def test_sheets_over_their_total_limit_name_the_largest(tmp_path: Path) -> None:
    # round 41: a 120,000-row 明细 sheet beside a small form: the message names the sheet to remove
    err = rejected(write(tmp_path, "x.xlsx", base_xlsx()), "too-large", "合计", limits=Limits(max_sheets_total=16))
    assert "(其中工作表「" in str(err)
