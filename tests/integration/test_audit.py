"""perfxl audit: every input accounted for once, every injected error found and nothing else flagged."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from click.testing import CliRunner

from perfxl.batch.discover import discover
from perfxl.batch.outputs import plan_outputs
from perfxl.batch.packed import Packed
from perfxl.batch.run import audit
from perfxl.batch.spool import SpooledFiles
from perfxl.cli import main
from perfxl.errors import ErrorCode
from perfxl.pipeline import score_paths
from perfxl.report.digest import Digest
from perfxl.report.results import Report
from perfxl.rules import load_rules
from perfxl.rules.auto import auto_rules
from perfxl.write.summary import aside
from perfxl.write.summary import workbook as summary
from perfxl.write.summary.rows import Packer, TableRows

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import Expected, generate

RULES = load_rules()
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEED = SAMPLES / "大通湖政务中心2020.xlsx"


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Expected]]:
    folder = tmp_path_factory.mktemp("returns")
    return folder, generate(folder, 240, seed=7, error_rate=0.4, corrupt_every=60)


def test_every_injected_error_is_found_and_nothing_else(batch: tuple[Path, list[Expected]]) -> None:
    folder, expected = batch
    paths, skipped = discover([folder])
    assert skipped == []
    result = audit(paths, RULES, workers=2)
    by_file = {f.file: f for f in result.report.files}
    assert len(by_file) == len(expected) == 240
    injected = Counter(e.injection for e in expected if e.injection)
    assert len(injected) == 8  # every kind of mistake occurs in the batch
    for exp in expected:
        got = by_file[str(exp.path)]
        if exp.corrupt:
            assert got.status == "error" and got.error is not None and got.error.code == ErrorCode.CORRUPT_ARCHIVE
            continue
        errors = sorted({(f.code.value, f.item) for f in got.flags if f.severity == "error"})
        assert errors == sorted(set(exp.errors)), (exp.path.name, exp.injection)
        assert not [f for f in got.flags if f.severity == "warning"], exp.path.name
        assert got.total == (100 if exp.injection != "blank-input" else got.total)


def test_workers_do_not_change_the_result(batch: tuple[Path, list[Expected]]) -> None:
    folder, _ = batch
    paths, _ = discover([folder])
    one = audit(paths[:70], RULES, workers=1).report.to_dict()
    two = audit(paths[:70], RULES, workers=2).report.to_dict()
    assert one == two


def test_discovery_skips_lock_files_and_duplicates(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "samples" / "大通湖政务中心2020.xlsx"
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(sample, tmp_path / "a" / "甲.xlsx")
    shutil.copy(sample, tmp_path / "a" / "b" / "乙.XLSX")
    (tmp_path / "a" / "~$甲.xlsx").write_bytes(b"\x0bZhang San  " + b"\x00" * 40)
    (tmp_path / "a" / "Thumbs.db").write_bytes(b"x")
    (tmp_path / "a" / "说明.docx").write_bytes(b"x")
    (tmp_path / "c").mkdir()
    os.link(tmp_path / "a" / "甲.xlsx", tmp_path / "c" / "甲的硬链接.xlsx")  # the same file under another name
    (tmp_path / "c" / "乙的链接.xlsx").symlink_to(tmp_path / "a" / "b" / "乙.XLSX")
    (tmp_path / "c" / "断链.xlsx").symlink_to(tmp_path / "不存在.xlsx")
    paths, skipped = discover(
        [tmp_path / "a", tmp_path / "a" / "甲.xlsx", str(tmp_path / "a" / "**" / "*.XLSX"), tmp_path / "c"]
    )
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["a/b/乙.XLSX", "a/甲.xlsx"]
    # the two links are the same files under other names: each has a row saying so (every input accounted for), and
    # so does a link named as a workbook whose file is gone
    names = ["Thumbs.db", "~$甲.xlsx", "乙的链接.xlsx", "断链.xlsx", "甲的硬链接.xlsx"]
    assert sorted(Path(s).name for s, _ in skipped) == names
    reasons = {Path(s).name: why for s, why in skipped}
    assert reasons["甲的硬链接.xlsx"] == f"与 {tmp_path / 'a' / '甲.xlsx'} 是同一个文件(链接或另一个名字)，只读取一次"
    assert reasons["断链.xlsx"] == "链接指向的文件不存在，已跳过"


def test_scored_copies_beside_their_input_are_skipped_not_counted_twice(tmp_path: Path) -> None:
    inputs = ["甲.xlsx", "乙.xlsm", "丁.xlsx", "戊.xlsx", "戊_评分.xlsm", "己.xlsx", "庚.xlsx", "庚_评分.xlsx"]
    copies = ["甲_评分.xlsx", "乙_评分.xlsx", "丙_评分.xlsx", "丁.xlsx_评分.xlsx", "子/甲_评分.xlsx"]
    for name in [*inputs, *copies, "己_评分.xlsx"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
    for name in inputs:
        (tmp_path / name).write_bytes(b"PK")  # never opened: only a name like a copy's is looked into
    made = [(c, ["附件5", "评分结果", "一致性检查"]) for c in copies]
    for name, sheets in [*made, ("己_评分.xlsx", ["附件5", "评分结果"])]:
        with xlsxwriter.Workbook(tmp_path / name) as book:
            for sheet in sheets:
                book.add_worksheet(sheet)
    found, skipped = discover([tmp_path])
    assert {p.relative_to(tmp_path).as_posix() for p in found} == {
        "甲.xlsx",
        "乙.xlsm",
        "丁.xlsx",
        "戊.xlsx",
        "己.xlsx",
        "庚.xlsx",
        "丙_评分.xlsx",
        "子/甲_评分.xlsx",
        "戊_评分.xlsm",  # no input beside them (the last: a copy is .xlsx)
        "己_评分.xlsx",  # the unit's own workbook: no 一致性检查 sheet, not made by perfxl
        "庚_评分.xlsx",  # not a workbook at all: read, and listed with its error
    }
    assert {Path(s).relative_to(tmp_path).as_posix(): why for s, why in skipped} == {
        "甲_评分.xlsx": "perfxl 生成的评分副本(原件 甲.xlsx 也在本批中)，已跳过",
        "乙_评分.xlsx": "perfxl 生成的评分副本(原件 乙.xlsm 也在本批中)，已跳过",
        "丁.xlsx_评分.xlsx": "perfxl 生成的评分副本(原件 丁.xlsx 也在本批中)，已跳过",
    }


def test_the_samples_scored_copies_are_recognised_as_perfxl_s_own() -> None:
    """The committed samples hold each workbook and its real scored copy side by side."""
    found, skipped = discover([SAMPLES])
    originals = sorted(p.name for p in SAMPLES.glob("*.xlsx") if "_评分" not in p.name)
    assert sorted(p.name for p in found) == originals
    assert sorted(Path(s).name for s, _ in skipped) == sorted(n.replace(".xlsx", "_评分.xlsx") for n in originals)


def test_scored_copies_mirror_the_folders_and_never_share_a_name(tmp_path: Path) -> None:
    inputs = ["子/丙.b.xlsx", "子/乙.XLSX", "子/乙.Xlsx", "子/乙.xlsx", "甲.xlsm", "甲.xlsx"]
    for name in inputs:
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / name).write_bytes(b"PK")
    if len(list((tmp_path / "in" / "子").iterdir())) < 4:
        pytest.skip("this file system does not tell 乙.xlsx from 乙.XLSX")
    (tmp_path / "链接.xlsx").symlink_to(tmp_path / "in" / "甲.xlsx")  # named directly: mirrored where it points
    found, _ = discover([tmp_path / "in"])
    assert [p.relative_to(tmp_path / "in").as_posix() for p in found] == inputs  # case-folded, then as written
    planned = plan_outputs([*map(str, found), str(tmp_path / "链接.xlsx")], tmp_path / "wb")
    assert {
        Path(k).relative_to(tmp_path).as_posix(): v.relative_to(tmp_path / "wb").as_posix() for k, v in planned.items()
    } == {
        "in/子/丙.b.xlsx": "子/丙.b_评分.xlsx",
        "in/子/乙.XLSX": "子/乙_评分.xlsx",
        "in/子/乙.Xlsx": "子/乙.Xlsx_评分.xlsx",  # 乙_评分.xlsx is taken
        "in/子/乙.xlsx": "子/乙.xlsx_评分(2).xlsx",  # and 乙.xlsx_评分.xlsx is the same name where case is ignored
        "in/甲.xlsm": "甲_评分.xlsx",
        "in/甲.xlsx": "甲.xlsx_评分.xlsx",
        "链接.xlsx": "甲.xlsx_评分(2).xlsx",  # the file 甲.xlsx again, reached through a link
    }


def test_write_back_from_two_drives_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows: inputs on C: and D: have no common folder (os.path.commonpath raises ValueError)."""
    sample = Path(__file__).resolve().parents[2] / "samples" / "大通湖政务中心2020.xlsx"
    shutil.copy(sample, tmp_path / "甲.xlsx")

    def two_drives(paths: Any) -> str:
        raise ValueError("Paths don't have the same drive")

    monkeypatch.setattr(os.path, "commonpath", two_drives)
    done = CliRunner().invoke(
        main,
        ["audit", str(tmp_path / "甲.xlsx"), "-o", str(tmp_path / "汇总.xlsx"), "--write-back", str(tmp_path / "wb")],
    )
    assert done.exit_code == 1
    message = "输入文件位于不同的磁盘，--write-back 无法保持原目录结构；请按磁盘分别审核"
    assert done.stderr == f"错误: {tmp_path / 'wb'}: {message}\n"
    assert not (tmp_path / "汇总.xlsx").exists() and not (tmp_path / "wb").exists()


def test_write_back_keeps_both_copies_of_two_inputs_with_one_stem(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "samples" / "大通湖政务中心2020.xlsx"
    shutil.copy(sample, tmp_path / "政务中心.xlsx")
    shutil.copy(sample, tmp_path / "政务中心.xlsm")
    paths, _ = discover([tmp_path])
    result = audit(paths, RULES, write_back=tmp_path / "wb")
    outputs = sorted(Path(r.output).name for r in result.report.files if r.output)
    result.close()
    assert outputs == ["政务中心.xlsx_评分.xlsx", "政务中心_评分.xlsx"]
    assert sorted(p.name for p in (tmp_path / "wb").iterdir()) == outputs


# the summary's 2010 data bars are an extension openpyxl does not read (it warns; Excel does read them)
@pytest.mark.filterwarnings("ignore:Unknown extension is not supported:UserWarning")
def test_audit_command(tmp_path: Path, batch: tuple[Path, list[Expected]]) -> None:
    folder, expected = batch
    subset = tmp_path / "in"
    for exp in expected[:30]:
        target = subset / exp.path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(exp.path, target)
    (subset / "~$锁.xlsx").write_bytes(b"\x00" * 20)
    out = tmp_path / "汇总.xlsx"
    done = CliRunner().invoke(
        main,
        [
            "audit",
            str(subset),
            "-o",
            str(out),
            "--json",
            str(tmp_path / "a.json"),
            "--write-back",
            str(tmp_path / "wb"),
        ],
    )
    assert done.exit_code == 0, done.output  # the first 30 generated files include no corrupt one
    lines = done.output.splitlines()
    assert lines[0] == "共 31 个文件: 已评分 30，无法评分 0，已跳过 1"
    assert lines[-1] == f"汇总已写出: {out}"
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["汇总", "问题清单"]
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert len(data["files"]) == 30
    # the streamed JSON is the report's to_dict, as written (the CLI chose the rule set of each file: auto)
    alone = audit(discover([subset])[0], auto_rules()).report.to_dict()
    written = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    for entry in written["files"]:
        assert Path(entry.pop("output")).parent.is_relative_to(tmp_path / "wb")
        assert entry["rules"]["name"] == "yiyang-2020" and entry["rules"]["chosen"]
    assert [f.pop("output") for f in alone["files"]] == [None] * 30  # written back by the CLI run only
    # and the file the batch skipped, with the reason (the lock file)
    assert [Path(entry["file"]).name for entry in written.pop("skipped")] == ["~$锁.xlsx"]
    assert written == alone
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".perfxl-")] == []
    copies = sorted(p.relative_to(tmp_path / "wb") for p in (tmp_path / "wb").rglob("*.xlsx"))
    originals = sorted(e.path.relative_to(folder) for e in expected[:30])
    assert copies == [p.with_name(f"{p.stem}_评分.xlsx") for p in originals]
    again = CliRunner().invoke(main, ["audit", str(subset), "-o", str(out)])
    assert again.exit_code == 1 and again.stderr == f"错误: {out}: 输出文件已存在，如需覆盖请加 --force\n"


@pytest.mark.filterwarnings("ignore:Unknown extension is not supported:UserWarning")
def test_a_bad_file_does_not_stop_the_batch_and_exit_is_1(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "samples" / "大通湖政务中心2020.xlsx"
    shutil.copy(sample, tmp_path / "好.xlsx")
    (tmp_path / "坏.xlsx").write_bytes(b"")
    (tmp_path / "网页.xls").write_text("<html><table><tr><td>1</td></tr></table></html>", encoding="utf-8")
    done = CliRunner().invoke(main, ["audit", str(tmp_path), "-o", str(tmp_path / "out" / "汇总.xlsx")])
    assert done.exit_code == 1
    assert done.stderr == f"错误: {tmp_path / 'out'}: 输出目录不存在\n"
    (tmp_path / "out").mkdir()
    done = CliRunner().invoke(main, ["audit", str(tmp_path), "-o", str(tmp_path / "out" / "汇总.xlsx")])
    assert done.exit_code == 1
    assert done.output.splitlines()[0] == "共 3 个文件: 已评分 1，无法评分 2，已跳过 0"
    failed = openpyxl.load_workbook(tmp_path / "out" / "汇总.xlsx")["处理失败"]
    reasons = {row[0]: row[2] for row in failed.iter_rows(min_row=2, values_only=True) if row[0]}
    assert any("坏.xlsx" in str(k) for k in reasons) and any("网页.xls" in str(k) for k in reasons)


def test_results_are_spooled_and_read_back(
    batch: tuple[Path, list[Expected]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = batch
    paths, _ = discover([folder])
    private = tmp_path / "tmp"  # the spool's temporary files go here: nothing else writes in it
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    result = audit(paths[:60], RULES, workers=1)
    files = result.report.files
    assert isinstance(files, SpooledFiles) and len(files) == 60
    streamed = list(files)
    assert [f.file for f in streamed] == [str(p) for p in paths[:60]]
    assert [files[i] for i in range(60)] == streamed and files[-1] == streamed[-1] and files[5:8] == streamed[5:8]
    digests = result.digests()
    assert list(digests) == [Digest.of(f, i) for i, f in enumerate(streamed)]
    assert [TableRows.unpack(files.rows(i)) for i in range(60)] == [Packer(RULES).table_rows(f) for f in streamed]
    assert result.counts() == result.report.counts() == Report(streamed, RULES.name).counts()
    assert any(f.status == "error" for f in streamed)  # corrupt_every=60: the first is corrupt
    text = json.dumps(result.report.to_dict(), ensure_ascii=False, indent=2)
    assert "".join(result.report.json_chunks()) == text
    assert json.loads(text) == Report(streamed, RULES.name).to_dict()
    result.close()
    assert files.closed and not any(private.iterdir())  # nothing left behind
    assert "".join(Report([], RULES.name).json_chunks()) == json.dumps(
        Report([], RULES.name).to_dict(), ensure_ascii=False, indent=2
    )


@pytest.mark.parametrize("pread", [True, False], ids=["pread", "seek"])
def test_the_spool_reads_back_between_appends(batch: tuple[Path, list[Expected]], pread: bool) -> None:
    """Appends go on at the end after a read back, whether reads move the file's position (seek) or not."""
    folder, _ = batch
    paths, _ = discover([folder])
    results = score_paths(paths[1:6], RULES).files
    packer = Packer(RULES)
    spool = SpooledFiles(pread=pread)
    try:
        for i, result in enumerate(results):
            spool.append(Packed.of(result, packer(result)))
            assert spool[0] == results[0] and spool[i] == result
            assert TableRows.unpack(spool.rows(0)) == packer.table_rows(results[0])
        assert list(spool) == results
    finally:
        spool.close()


def test_a_summary_only_batch_keeps_digests_and_rows_not_results(batch: tuple[Path, list[Expected]]) -> None:
    folder, _ = batch
    paths, _ = discover([folder])
    kept = audit(paths[:40], RULES, workers=1)
    lean = audit(paths[:40], RULES, workers=1, keep_results=False)
    try:
        assert list(lean.digests()) == [d for d in kept.digests()]
        spool, full = lean.report.files, kept.report.files
        assert isinstance(spool, SpooledFiles) and isinstance(full, SpooledFiles)
        assert [TableRows.unpack(spool.rows(i)) for i in range(40)] == [
            TableRows.unpack(full.rows(i)) for i in range(40)
        ]
        assert lean.counts() == kept.counts()
        with pytest.raises(RuntimeError, match="kept no results"):
            spool[0]
    finally:
        kept.close()
        lean.close()


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None  # every entry's CRC holds
        return {
            info.filename: z.read(info) for info in z.infolist() if info.filename != "docProps/core.xml"
        }  # (it holds the time of writing)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the aside is forked (POSIX)")
def test_the_largest_table_made_aside_gives_the_same_workbook(
    tmp_path: Path,
    batch: tuple[Path, list[Expected]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, _ = batch
    paths, _ = discover([folder])
    result = audit(paths, RULES, workers=1, keep_results=False)
    started: list[object] = []
    real_start = aside.Aside.start.__func__  # type: ignore[attr-defined]

    def start(cls: type[aside.Aside], make: Any) -> aside.Aside | None:
        started.append(make)
        return real_start(cls, make)  # type: ignore[no-any-return]

    monkeypatch.setattr(aside.Aside, "start", classmethod(start))
    try:
        summary.write_summary(result.report, [], tmp_path / "here.xlsx", RULES)  # 240 returns: below ASIDE_CELLS
        assert not started
        monkeypatch.setattr(summary, "ASIDE_CELLS", 0)
        summary.write_summary(result.report, [], tmp_path / "aside.xlsx", RULES)
        assert len(started) == 1
        here, made_aside = _entries(tmp_path / "here.xlsx"), _entries(tmp_path / "aside.xlsx")
        assert list(made_aside)[-1] == "xl/worksheets/sheet3.xml"  # 提示清单, here the largest table, goes in last
        assert made_aside == here  # byte for byte, entry by entry

        monkeypatch.setattr(aside, "_child", lambda make, fd: os._exit(3))  # a child that fails: made here
        summary.write_summary(result.report, [], tmp_path / "fallback.xlsx", RULES)
        assert _entries(tmp_path / "fallback.xlsx") == here
    finally:
        result.close()


def test_a_worker_that_dies_costs_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that aborts the process (python-calamine does on some hostile files) must not stop the batch."""
    import multiprocessing
    import os

    import perfxl.batch.worker

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the injected crash reaches the workers only when they are forked")
    sample = Path(__file__).resolve().parents[2] / "samples" / "大通湖政务中心2020.xlsx"
    for name in ("a.xlsx", "boom.xlsx", "c.xlsx", "d.xlsx"):
        shutil.copy(sample, tmp_path / name)
    real_load = perfxl.batch.worker.load

    def crashing_load(path: Path, rules: object) -> object:
        if Path(path).name == "boom.xlsx":
            os._exit(134)  # what an abort() in a native reader looks like from Python
        return real_load(path, rules)  # type: ignore[arg-type]

    monkeypatch.setattr(perfxl.batch.worker, "load", crashing_load)
    paths, _ = discover([tmp_path])
    for workers in (2, 1):  # one worker too (issue 18 item 7: the default used to score in the main process)
        report = audit(paths, RULES, workers=workers).report
        status = {Path(f.file).name: (f.status, f.error.code if f.error else None) for f in report.files}
        assert status == {
            "a.xlsx": ("ok", None),
            "boom.xlsx": ("error", ErrorCode.WORKER_CRASH),
            "c.xlsx": ("ok", None),
            "d.xlsx": ("ok", None),
        }
        assert [f.total for f in report.files if f.status == "ok"] == [90, 90, 90]


class PanicException(BaseException):
    """As pyo3 raises a Rust panic (in calamine, say): a BaseException, not an Exception."""


@pytest.mark.parametrize("raised", [IndexError("list index out of range"), PanicException("index out of bounds")])
def test_an_unexpected_reader_error_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raised: BaseException
) -> None:
    import perfxl.pipeline

    sample = Path(__file__).resolve().parents[2] / "samples" / "大通湖政务中心2020.xlsx"
    for name in ("a.xlsx", "bug.xlsx"):
        shutil.copy(sample, tmp_path / name)
    real = perfxl.pipeline.read_sheets

    def buggy(path: Path, *args: Any) -> object:
        if path.name == "bug.xlsx":
            raise raised
        return real(path, *args)

    monkeypatch.setattr(perfxl.pipeline, "read_sheets", buggy)
    report = audit(discover([tmp_path])[0], RULES, workers=1).report
    status = {Path(f.file).name: (f.status, f.error.code if f.error else None) for f in report.files}
    assert status == {"a.xlsx": ("ok", None), "bug.xlsx": ("error", ErrorCode.INTERNAL_ERROR)}


def test_a_write_back_failure_costs_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 18 item 2: one odd part (sheetId="1.5" in workbook.xml) made the patcher raise, and the whole
    # `audit --write-back` batch ended with a traceback: no summary, no JSON
    odd = tmp_path / "in" / "odd.xlsx"
    odd.parent.mkdir()
    with zipfile.ZipFile(SEED) as zin, zipfile.ZipFile(odd, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b'sheetId="1"', b'sheetId="1.5"', 1)
            zout.writestr(item, data)
    shutil.copy(SEED, tmp_path / "in" / "plain.xlsx")
    out = tmp_path / "汇总.xlsx"
    done = CliRunner().invoke(
        main, ["audit", str(tmp_path / "in"), "-o", str(out), "--write-back", str(tmp_path / "wb")]
    )
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in (tmp_path / "wb").iterdir()) == ["odd_评分.xlsx", "plain_评分.xlsx"]

    # whatever else a patcher may meet: the file's copy is not written, said in its row; the batch goes on
    import perfxl.write.scored as scored

    real = scored.patch_workbook

    def fails_on_odd(src: Path, *args: Any, **kwargs: Any) -> Any:
        if src.name == "odd.xlsx":
            raise ValueError("invalid literal for int() with base 10: 'x'")
        return real(src, *args, **kwargs)

    monkeypatch.setattr(scored, "patch_workbook", fails_on_odd)
    again = CliRunner().invoke(
        main,
        [
            "audit",
            str(tmp_path / "in"),
            "-o",
            str(out),
            "--write-back",
            str(tmp_path / "wb2"),
            "--json",
            str(tmp_path / "r.json"),
            "--force",
        ],
    )
    assert again.exit_code == 1, again.output  # a copy asked for and not written: the batch did not all succeed
    assert "评分副本: 已写出 1 个，未写出 1 个(原因见汇总各行的说明)" in again.output.splitlines()
    files = {Path(f["file"]).name: f for f in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"]}
    assert files["odd.xlsx"]["status"] == "ok" and files["odd.xlsx"]["output"] is None
    assert any("评分副本未写出" in note and "工作簿中有无法处理的内容" in note for note in files["odd.xlsx"]["notes"])
    assert files["plain.xlsx"]["output"] == str(tmp_path / "wb2" / "plain_评分.xlsx")
    # 处理失败 lists the input whose copy could not be written, with why (issue 18 item 6)
    failures = list(openpyxl.load_workbook(out)["处理失败"].iter_rows(min_row=2, values_only=True))
    assert [(Path(f[0]).name, f[1], f[2]) for f in failures] == [("odd.xlsx", "副本未写出", "写出失败")]
    assert "工作簿中有无法处理的内容，评分副本未写出(ValueError: invalid literal" in failures[0][3]
    assert files["odd.xlsx"]["output_error"] == failures[0][3]


def test_a_full_disk_is_one_chinese_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 18 item 6: a full disk for the summary gave a 45-line traceback after the whole batch had run
    import errno

    import perfxl.api

    def no_space(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    shutil.copy(SEED, tmp_path / "甲.xlsx")
    monkeypatch.setattr(perfxl.api, "write_summary", no_space)
    out = tmp_path / "汇总.xlsx"
    done = CliRunner().invoke(main, ["audit", str(tmp_path / "甲.xlsx"), "-o", str(out)])
    assert done.exit_code == 1 and not out.exists()
    assert done.stderr == f"错误: {out}: 汇总未能写出: 磁盘空间不足\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".perfxl-")] == []


def test_a_file_that_takes_too_long_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 18 item 1: nothing bounded the time one file could take; a batch waited on it for ever
    import multiprocessing
    import time

    import perfxl.pipeline

    if multiprocessing.get_start_method() != "fork" or not hasattr(__import__("signal"), "setitimer"):
        pytest.skip("the slow reader reaches the workers only when they are forked; the limit needs SIGALRM")
    for name in ("a.xlsx", "slow.xlsx"):
        shutil.copy(SEED, tmp_path / name)
    real = perfxl.pipeline.read_sheets

    def slow(path: Path, *args: Any) -> object:
        if path.name == "slow.xlsx":
            while True:  # a reader that never finishes (the merge of item 1 did this)
                time.sleep(0.01)
        return real(path, *args)

    monkeypatch.setattr(perfxl.pipeline, "read_sheets", slow)
    paths, _ = discover([tmp_path])
    report = audit(paths, RULES, workers=1, seconds=1.0).report  # `perfxl audit --timeout 1`
    status = {Path(f.file).name: (f.status, f.error.code if f.error else None) for f in report.files}
    assert status == {"a.xlsx": ("ok", None), "slow.xlsx": ("error", ErrorCode.TIMEOUT)}
    slow_result = next(f for f in report.files if f.status == "error")
    assert "读取和识别超过 1 秒仍未完成，已放弃" in str(slow_result.error)


def _far_cell(src: Path, dst: Path) -> None:
    """A copy of ``src`` whose last sheet holds one more cell at S1000000: 19 million cells for the reader to lay
    out (about 600 MB), under sniff's area limit."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        sheets = sorted(n for n in zin.namelist() if n.startswith("xl/worksheets/sheet"))
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == sheets[-1]:
                data = data.replace(b"</sheetData>", b'<row r="1000000"><c r="S1000000"><v>1</v></c></row></sheetData>')
            zout.writestr(info, data)


def test_a_file_that_needs_too_much_memory_costs_only_itself(tmp_path: Path) -> None:
    # issue 18 item 1: no limit bounded the memory one file could take (this one makes the reader lay out 19 million
    # cells before the grid refuses it as too large)
    import subprocess

    if not Path("/proc/self/statm").exists():
        pytest.skip("the memory limit reads the process size from /proc (Linux only)")
    shutil.copy(SEED, tmp_path / "a.xlsx")
    _far_cell(SEED, tmp_path / "far.xlsx")
    out = tmp_path / "汇总.xlsx"
    code = (
        "import resource, sys\n"
        "from perfxl.cli import main\n"
        "sys.argv = ['perfxl', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print('PEAK', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    args = ["audit", str(tmp_path / "a.xlsx"), str(tmp_path / "far.xlsx"), "-o", str(out), "--memory", "200"]
    done = subprocess.run(
        [sys.executable, "-c", code, *args, "--json", str(tmp_path / "r.json")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == 1, done.stderr
    files = {Path(f["file"]).name: f for f in json.loads((tmp_path / "r.json").read_text("utf-8"))["files"]}
    assert files["a.xlsx"]["status"] == "ok" and out.exists()
    assert files["far.xlsx"]["status"] == "error"
    assert files["far.xlsx"]["error"]["code"] in ("worker-crash", "too-complex")
    assert "stack backtrace" not in done.stderr  # a line from the reader, not a Rust backtrace per file
    peak_mb = int(done.stdout.split("PEAK")[-1]) / 1024  # the largest worker's peak resident memory, KB -> MB
    assert peak_mb < 600, peak_mb  # the limit held: refused without laying out the 19 million cells


def test_a_python_memory_error_is_that_files_too_complex(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # a MemoryError in Python (not in the reader) while one file is read is that file's error, named as such
    import perfxl.pipeline

    shutil.copy(SEED, tmp_path / "a.xlsx")

    def hungry(*_: object, **__: object) -> object:
        raise MemoryError

    monkeypatch.setattr(perfxl.pipeline, "locate", hungry)
    loaded = perfxl.pipeline.load(tmp_path / "a.xlsx", RULES)
    assert loaded.error is not None and loaded.error.code == ErrorCode.TOO_COMPLEX
    assert "所需内存超过上限" in str(loaded.error)


def test_ctrl_c_counts_every_file_and_copy_made_before_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # issues 17/18: after Ctrl-C the workers went on writing copies for seconds while the message counted none;
    # now only the main process takes Ctrl-C, the workers stop after the file each is on, and all they did is counted
    import multiprocessing
    import signal
    import time

    import perfxl.batch.worker

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the interrupting reader reaches the workers only when they are forked")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        shutil.copy(SEED, folder / f"f{i:02d}.xlsx")
    real = perfxl.batch.worker._load

    def load(path: str, task: Any) -> Any:
        time.sleep(0.05)
        if Path(path).name == "f35.xlsx":
            os.kill(os.getppid(), signal.SIGINT)  # the person presses Ctrl-C while f35 (second task) is read
        return real(path, task)

    monkeypatch.setattr(perfxl.batch.worker, "_load", load)
    paths, _ = discover([folder])
    copies = tmp_path / "copies"
    result = audit(paths, RULES, workers=1, write_back=copies, keep_results=False)
    try:
        digests = result.digests()
        assert result.interrupted and result.total == 40
        # the first task (f00…f31) whole; of the second, the files already read unless the stop came before their
        # copies: a stopped task sends back only the files it wrote a copy of
        assert 32 <= len(digests) <= 36
        written = sorted(p.name for p in copies.rglob("*.xlsx"))
        assert written == sorted(Path(d.output).name for d in digests if d.output is not None)
        assert len(written) == len(digests)  # every copy on disk is counted, and every counted file has its copy
    finally:
        result.close()
