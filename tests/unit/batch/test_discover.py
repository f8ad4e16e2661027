"""Discovery: which files of the given paths a batch reads, and why it skips the others."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from perfxl.batch.discover import discover
from perfxl.errors import ErrorCode, InputError

LOCK = "Office/WPS 锁定文件(文件正被打开时自动生成)，已跳过"
HIDDEN = "隐藏文件，已跳过"
SYSTEM = "操作系统生成的系统文件，已跳过"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A unit's folder: workbooks, a document, lock, hidden and system files, a sub-folder."""
    root = tmp_path / "报送"
    (root / "子").mkdir(parents=True)
    for name in ["甲.xlsx", "乙.xls", "丙.XLSM", "说明.docx", "~$甲.xlsx", ".隐藏.xlsx", "Thumbs.db", "子/丁.xlsx"]:
        (root / name).write_bytes(b"PK")  # discovery goes by names and listings: nothing is opened
    return root


def test_a_folder_gives_its_workbooks_and_says_why_it_skipped_the_rest(folder: Path) -> None:
    found, skipped = discover([folder])
    # in order of the case-folded path: "子/" (U+5B50) after 丙 (U+4E19) and 乙 (U+4E59), before 甲 (U+7532)
    assert [p.relative_to(folder).as_posix() for p in found] == ["丙.XLSM", "乙.xls", "子/丁.xlsx", "甲.xlsx"]
    # a document is no workbook and goes unmentioned; these three are named, in the same order ('.' < 't' < '~')
    named = [(".隐藏.xlsx", HIDDEN), ("Thumbs.db", SYSTEM), ("~$甲.xlsx", LOCK)]
    assert [(Path(p).name, why) for p, why in skipped] == named


def test_a_file_named_is_read_whatever_its_name(folder: Path) -> None:
    assert discover([folder / "说明.docx"]) == ([folder / "说明.docx"], [])


def test_a_glob_names_the_files_it_matches(folder: Path) -> None:
    found, skipped = discover([str(folder / "*.xls*")])  # case-sensitive here: not 丙.XLSM; * skips .隐藏.xlsx
    assert [p.name for p in found] == ["乙.xls", "甲.xlsx"]
    assert [(Path(p).name, why) for p, why in skipped] == [("~$甲.xlsx", LOCK)]


def test_a_file_reached_twice_is_read_once(folder: Path) -> None:
    (folder / "甲的链接.xlsx").symlink_to(folder / "甲.xlsx")
    found, skipped = discover([folder / "甲.xlsx", folder, folder / "甲的链接.xlsx"])
    assert [p.relative_to(folder).as_posix() for p in found] == ["甲.xlsx", "丙.XLSM", "乙.xls", "子/丁.xlsx"]
    # every input is accounted for: the link has a row saying why it was not read again (issue 18 item 9)
    assert (
        str(folder / "甲的链接.xlsx"),
        f"与 {folder / '甲.xlsx'} 是同一个文件(链接或另一个名字)，只读取一次",
    ) in skipped


def test_a_path_that_matches_nothing_is_an_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "无此目录"
    with pytest.raises(InputError) as raised:
        discover([missing])
    assert raised.value.code is ErrorCode.NOT_FOUND
    assert str(raised.value) == f"{missing}: 找不到该文件或目录"


def test_a_scored_copy_is_skipped_only_beside_its_input(tmp_path: Path) -> None:
    (tmp_path / "甲.xlsx").write_bytes(b"PK")
    for name in ["甲_评分.xlsx", "乙_评分.xlsx"]:  # perfxl's copies: they hold its two sheets
        with xlsxwriter.Workbook(tmp_path / name) as book:
            for sheet in ["附件5", "评分结果", "一致性检查"]:
                book.add_worksheet(sheet)
    found, skipped = discover([tmp_path])
    assert [p.name for p in found] == ["乙_评分.xlsx", "甲.xlsx"]  # 乙's input is not here: its copy is all there is
    assert [(Path(p).name, why) for p, why in skipped] == [
        ("甲_评分.xlsx", "perfxl 生成的评分副本(原件 甲.xlsx 也在本批中)，已跳过")
    ]


def test_wps_workbooks_linked_folders_and_broken_links_are_accounted_for(tmp_path: Path) -> None:
    # round 85: a WPS .et is read (by its content); a folder linked in (a mapped share) and a link whose file is gone
    # each have a row saying why they were not read (before: left out of the batch without a word); a broken link
    # named on the command line is a row too (before: a traceback)
    (tmp_path / "share").mkdir()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "表.et").write_bytes(b"x")
    (tmp_path / "in" / "县区").symlink_to(tmp_path / "share")
    (tmp_path / "in" / "断链.xlsx").symlink_to(tmp_path / "不存在.xlsx")
    found, skipped = discover([tmp_path / "in"])
    assert [p.name for p in found] == ["表.et"]
    reasons = {Path(s).name: why for s, why in skipped}
    assert reasons == {"县区": "链接到文件夹，未进入(请直接指定该文件夹)", "断链.xlsx": "链接指向的文件不存在，已跳过"}
    found, skipped = discover([tmp_path / "in" / "断链.xlsx"])
    assert found == [] and [why for _, why in skipped] == ["链接指向的文件不存在，已跳过"]


def test_a_batchs_json_lists_the_files_it_skipped(tmp_path: Path) -> None:
    # round 85: the JSON named only the files read; the skipped ones were on the summary's 处理失败 sheet alone
    import json

    from perfxl.report.results import Report

    report = Report([], "auto", [(str(tmp_path / "~$甲.xlsx"), "锁定文件，已跳过")])
    text = "".join(report.json_chunks())
    assert json.loads(text) == report.to_dict()
    assert json.loads(text)["skipped"] == [{"file": str(tmp_path / "~$甲.xlsx"), "reason": "锁定文件，已跳过"}]
