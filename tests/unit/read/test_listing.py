"""Tests for perfxl.read.listing: lock and system files skipped by name; the sheets a workbook lists."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from sniff_inputs import bomb_xlsx, rejected, write

from perfxl.errors import InputError
from perfxl.read.listing import is_skippable, listed_sheets

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
