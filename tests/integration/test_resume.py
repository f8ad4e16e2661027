"""A batch stopped at any moment is finished by ``audit --resume`` without scoring its finished files again, and
ends with the summary a run that was never stopped writes (issue 18 item 7)."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from processes import alive, children

from perfxl import api
from perfxl.batch.journal import journal_path
from perfxl.cli import main

SEED = Path(__file__).resolve().parents[2] / "samples" / "大通湖政务中心2020.xlsx"
ROOT = Path(__file__).resolve().parents[2]


def _returns(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        shutil.copy(SEED, folder / f"f{i:03d}.xlsx")
    return folder


def _sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def test_a_stopped_batch_resumes_where_it_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import perfxl.batch.worker

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the interrupting reader reaches the workers only when they are forked")
    folder = _returns(tmp_path / "in", 40)
    real = perfxl.batch.worker._load

    def load(path: str, task: Any) -> Any:
        time.sleep(0.05)
        if Path(path).name == "f035.xlsx":
            os.kill(os.getppid(), signal.SIGINT)  # Ctrl-C while f035 (the second task's) is read
        return real(path, task)

    summary, copies = tmp_path / "汇总.xlsx", tmp_path / "copies"
    monkeypatch.setattr(perfxl.batch.worker, "_load", load)
    stopped = api.audit([folder], summary, write_back=copies, keep_results=False)
    stopped.close()
    monkeypatch.setattr(perfxl.batch.worker, "_load", real)
    assert stopped.interrupted and not summary.exists()
    assert journal_path(summary).exists()
    first = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in copies.rglob("*.xlsx")}
    assert 32 <= len(first) < 40  # the first task whole

    resumed = api.audit([folder], summary, write_back=copies, keep_results=False, resume=True)
    try:
        assert not resumed.interrupted
        assert resumed.resumed == len(first)  # each file finished before the stop is taken from the journal …
        assert [Path(d.file).name for d in resumed.digests()] == [f"f{i:03d}.xlsx" for i in range(40)]
    finally:
        resumed.close()
    again = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in copies.rglob("*.xlsx")}
    assert len(again) == 40
    assert {name: again[name] for name in first} == first  # … and its copy is not written again
    assert not journal_path(summary).exists()

    whole = tmp_path / "一次完成.xlsx"
    api.audit([folder], whole, keep_results=False).close()
    assert _sheets(summary) == _sheets(whole)


def test_a_journal_left_behind_needs_resume_or_force(tmp_path: Path) -> None:
    folder = _returns(tmp_path / "in", 3)
    summary = tmp_path / "汇总.xlsx"
    journal_path(summary).write_bytes(b"perfxl-journal 1\n")  # a batch killed before its first file was recorded
    runner = CliRunner()
    refused = runner.invoke(main, ["audit", str(folder), "-o", str(summary)])
    assert refused.exit_code == 1 and "--resume" in refused.output and not summary.exists()
    started_over = runner.invoke(main, ["audit", str(folder), "-o", str(summary), "--force"])
    assert started_over.exit_code == 0, started_over.output
    assert "共 3 个文件: 已评分 3" in started_over.output and not journal_path(summary).exists()


def test_resume_with_other_settings_is_refused(tmp_path: Path) -> None:
    folder = _returns(tmp_path / "in", 3)
    summary = tmp_path / "汇总.xlsx"
    api.audit([folder], summary, keep_results=False).close()
    journal = journal_path(summary)
    assert not journal.exists()
    # stop a batch by hand: its journal is the header and nothing else
    from perfxl.batch.journal import Journal, Settings

    names = [str(p) for p in sorted(folder.iterdir())]
    Journal.start(journal, Settings.of(names, "auto", None, False)).close()
    refused = CliRunner().invoke(main, ["audit", str(folder), "-o", str(summary), "--resume", "--json", "-"])
    assert refused.exit_code == 1 and "是否输出 --json" in refused.output


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the test finds processes through /proc")
def test_a_batch_killed_with_sigkill_is_finished_by_resume(tmp_path: Path) -> None:
    folder = _returns(tmp_path / "in", 160)
    summary, copies = tmp_path / "汇总.xlsx", tmp_path / "copies"
    journal = journal_path(summary)
    command = [sys.executable, "-m", "perfxl", "audit", str(folder), "-o", str(summary), "--write-back", str(copies)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen([*command, "--workers", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    header = len(b"perfxl-journal 1\n") + 400  # the header frame is smaller than this; a file's frame is larger
    deadline = time.monotonic() + 120
    while run.poll() is None and time.monotonic() < deadline:
        if journal.exists() and journal.stat().st_size > header:
            break  # at least one task's files are recorded
        time.sleep(0.01)
    if run.poll() is not None:
        pytest.skip("the batch ended before it could be killed")
    workers = children(run.pid)
    run.kill()  # kill -9: no clean-up of any kind in the main process
    run.wait()
    assert run.stderr is not None
    run.stderr.close()

    def debris() -> list[Path]:
        return [p for p in tmp_path.rglob("*") if p.name.startswith(".perfxl-")]

    for _ in range(50):  # the workers watch their parent twice a second; the copy each was writing goes with it
        if not any(alive(w) for w in workers) and not debris():
            break
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)
    assert not debris()  # nothing half-written is left, before any next run
    assert not summary.exists() and journal.exists()

    done = subprocess.run([*command, "--resume"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "共 160 个文件: 已评分 160" in done.stdout and "续跑: 其中" in done.stdout
    assert "评分副本: 已写出 160 个" in done.stdout
    assert not journal.exists()
    assert len(list(copies.rglob("*.xlsx"))) == 160
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".perfxl-")]  # no temporary file left
    rows = _sheets(summary)["汇总"]
    assert "文件总数 160：已评分 160" in rows[1][0]
    listed = [r[2] for r in rows if r and isinstance(r[2], str) and r[2].endswith(".xlsx")]
    # each file once, in the batch's order
    assert [Path(name).name for name in listed] == [f"f{i:03d}.xlsx" for i in range(160)]


def test_ctrl_c_gives_up_a_slow_file_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a file that takes long to read (up to --timeout) no longer holds the stop: it is given up, not scored, and
    # the batch stops within a second or so, its journal ready for --resume
    import perfxl.batch.worker

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the slow reader reaches the workers only when they are forked")
    folder = _returns(tmp_path / "in", 12)
    real = perfxl.batch.worker.load

    def load(path: str, rules: Any) -> Any:
        if Path(path).name == "f003.xlsx":
            time.sleep(1)  # the main process is waiting for the tasks by now, as it is when a person presses Ctrl-C
            os.kill(os.getppid(), signal.SIGINT)  # Ctrl-C while this file is read …
            time.sleep(60)  # … and it would take a minute
        return real(path, rules)

    monkeypatch.setattr(perfxl.batch.worker, "load", load)
    summary = tmp_path / "汇总.xlsx"
    started = time.monotonic()
    stopped = api.audit([folder], summary, keep_results=False)
    took = time.monotonic() - started
    try:
        assert stopped.interrupted and took < 10
        # the files read before it are scored and kept; the slow one and those after it are not
        assert [Path(d.file).name for d in stopped.digests()] == ["f000.xlsx", "f001.xlsx", "f002.xlsx"]
    finally:
        stopped.close()
    monkeypatch.setattr(perfxl.batch.worker, "load", real)
    resumed = api.audit([folder], summary, keep_results=False, resume=True)
    try:
        assert resumed.resumed == 3 and len(resumed.digests()) == 12
    finally:
        resumed.close()


def test_a_full_temporary_folder_is_one_line_and_the_batch_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the spool of results lives in the system's temporary folder (TMPDIR), which may fill up on its own
    import errno

    import perfxl.batch.spool
    from perfxl.errors import OutputError

    folder = _returns(tmp_path / "in", 40)
    summary = tmp_path / "汇总.xlsx"
    real = perfxl.batch.spool.SpooledFiles.append
    spooled: list[object] = []

    def append(self: Any, packed: Any) -> Any:
        if len(spooled) == 33:  # past the first task: its files are in the journal
            raise OSError(errno.ENOSPC, "No space left on device")
        spooled.append(packed)
        return real(self, packed)

    monkeypatch.setattr(perfxl.batch.spool.SpooledFiles, "append", append)
    with pytest.raises(OutputError, match=r"审核结果无法写入临时目录: 磁盘空间不足.*TMPDIR.*--resume"):
        api.audit([folder], summary, keep_results=False)
    assert journal_path(summary).exists() and not summary.exists()
    monkeypatch.setattr(perfxl.batch.spool.SpooledFiles, "append", real)
    resumed = api.audit([folder], summary, keep_results=False, resume=True)
    try:
        assert resumed.resumed >= 32 and len(resumed.digests()) == 40
    finally:
        resumed.close()
