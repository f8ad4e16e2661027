"""The journal a batch appends to as it goes, read back by ``audit --resume`` (issue 18 item 7)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from perfxl.batch.journal import Journal, Settings, journal_path
from perfxl.batch.packed import Packed
from perfxl.errors import OutputError
from perfxl.report.digest import Digest


def _packed(name: str) -> Packed:
    digest = Digest(-1, name, "ok", None, "单位", ("附件4",), 90.0, 90.0, 100.0, True, "优", "优", (), (), ())
    return Packed(digest, b"", f"rows of {name}".encode())


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, list[str], Settings]:
    names = []
    for i in range(3):
        f = tmp_path / f"f{i}.xlsx"
        f.write_bytes(b"x" * (i + 1))
        names.append(str(f))
    return journal_path(tmp_path / "汇总.xlsx"), names, Settings.of(names, "auto", None, False)


def _written(path: Path, settings: Settings, names: list[str]) -> None:
    """A journal holding a result for each of ``names``, closed as a stopped batch leaves it."""
    journal = Journal.start(path, settings)
    for name in names:
        journal.append(name, _packed(name))
    journal.close()


def test_the_journal_is_named_after_the_summary(tmp_path: Path) -> None:
    assert journal_path(tmp_path / "汇总.xlsx") == tmp_path / "汇总.xlsx.perfxl-journal"


def test_what_was_appended_is_read_back_by_name(batch: tuple[Path, list[str], Settings]) -> None:
    path, names, settings = batch
    _written(path, settings, names)
    again, found = Journal.resume(path, settings)
    again.close()
    assert list(found) == names
    assert found[names[1]].rows == f"rows of {names[1]}".encode()
    assert found[names[2]].digest.grade == "优"


def test_a_frame_cut_off_by_a_kill_is_dropped_and_written_over(batch: tuple[Path, list[str], Settings]) -> None:
    path, names, settings = batch
    _written(path, settings, names)
    with open(path, "r+b") as f:  # the process died while the last frame was being written
        f.truncate(path.stat().st_size - 5)
    again, found = Journal.resume(path, settings)
    assert list(found) == names[:2]
    again.append(names[2], _packed(names[2]))  # where the cut frame began, not after its remains
    again.close()
    again, found = Journal.resume(path, settings)
    again.close()
    assert list(found) == names


def test_a_file_changed_since_it_was_scored_is_scored_again(batch: tuple[Path, list[str], Settings]) -> None:
    path, names, settings = batch
    _written(path, settings, names)
    Path(names[0]).write_bytes(b"a new return")
    os.unlink(names[1])
    again, found = Journal.resume(path, settings)
    again.close()
    assert list(found) == names[2:]


def test_a_batch_is_resumed_only_with_its_own_settings(batch: tuple[Path, list[str], Settings]) -> None:
    path, names, settings = batch
    Journal.start(path, settings).close()
    other = Settings.of([*names, "another.xlsx"], "yiyang-2020", None, True)
    with pytest.raises(OutputError) as raised:
        Journal.resume(path, other)
    said = str(raised.value)
    assert "--rules(auto → yiyang-2020)" in said and "--json" in said and "要审核的文件" in said
    assert "--force" in said


def test_a_damaged_or_foreign_journal_is_refused(batch: tuple[Path, list[str], Settings]) -> None:
    path, _, settings = batch
    path.write_bytes(b"PK\x03\x04 something else")
    with pytest.raises(OutputError, match="不是 perfxl 的审核记录"):
        Journal.resume(path, settings)


@pytest.mark.skipif(os.name == "nt", reason="the journal is locked with flock (POSIX)")
def test_a_batch_still_running_cannot_be_resumed_or_restarted(batch: tuple[Path, list[str], Settings]) -> None:
    path, names, settings = batch
    running = Journal.start(path, settings)
    running.append(names[0], _packed(names[0]))
    running.flush()
    try:
        with pytest.raises(OutputError, match="另一个 perfxl"):
            Journal.resume(path, settings)
        with pytest.raises(OutputError, match="另一个 perfxl"):
            Journal.start(path, settings)
    finally:
        running.close()
    again, found = Journal.resume(path, settings)  # the refused start did not empty it
    again.close()
    assert list(found) == names[:1]


def test_a_journal_that_cannot_be_written_stops_not_the_batch(
    batch: tuple[Path, list[str], Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    path, names, settings = batch
    journal = Journal.start(path, settings)
    journal.append(names[0], _packed(names[0]))
    journal.flush()

    def full(*args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal._file, "write", full)
    journal.append(names[1], _packed(names[1]))  # no exception: the batch goes on
    journal.flush()
    journal.append(names[2], _packed(names[2]))
    assert journal.failed == "磁盘空间不足" and journal.frames == 1
    monkeypatch.undo()
    again, found = Journal.resume(path, settings)  # what reached the disk is still there
    again.close()
    assert list(found) == names[:1]


@pytest.mark.skipif(os.name == "nt", reason="Ctrl-C is sent as SIGINT to the test's own process")
def test_ctrl_c_during_a_tasks_append_waits_for_the_task_to_be_appended(tmp_path: Path) -> None:
    import os
    import signal

    from perfxl.batch.run import _Run
    from perfxl.batch.spool import SpooledFiles

    names = [str(tmp_path / f"f{i}.xlsx") for i in range(3)]
    files = SpooledFiles()
    appended: list[str] = []
    real = files.append

    def append(item: Packed) -> Digest:
        if not appended:
            os.kill(os.getpid(), signal.SIGINT)  # the person presses Ctrl-C while the first result is spooled
        appended.append(item.digest.file)
        return real(item)

    files.append = append  # type: ignore[method-assign]
    run = _Run([], None, files, 3, None, None, names, [0, 1, 2], [])  # type: ignore[arg-type]
    interrupted = False
    try:
        try:
            run._append([_packed(n) for n in names], 0)
        except KeyboardInterrupt:
            interrupted = True
        assert interrupted and appended == names and len(files) == 3  # the whole task, then the interruption
    finally:
        files.close()


@pytest.mark.skipif(os.name == "nt", reason="the journal is locked with flock (POSIX)")
def test_a_second_audit_of_a_batch_still_running_says_so(batch: tuple[Path, list[str], Settings]) -> None:
    from perfxl import api
    from perfxl.batch.journal import in_use

    path, names, settings = batch
    running = Journal.start(path, settings)
    try:
        assert in_use(path)
        folder = Path(names[0]).parent
        with pytest.raises(OutputError, match="另一个 perfxl 正在审核这一批"):
            api.audit([folder], folder / "汇总.xlsx", force=True)
    finally:
        running.close()
    assert not in_use(path)


class _Planted:
    """What a journal planted beside a summary might hold: a pickle that runs a command when loaded."""

    def __init__(self, mark: Path) -> None:
        self.mark = mark

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.mark}",))


@pytest.mark.skipif(os.name == "nt", reason="the planted command is a POSIX one")
def test_a_planted_journal_runs_nothing(batch: tuple[Path, list[str], Settings], tmp_path: Path) -> None:
    import pickle
    import struct
    import zlib

    path, names, settings = batch
    mark = tmp_path / "ran"

    def frame(value: object) -> bytes:
        payload = pickle.dumps(value)
        return struct.pack("<II", len(payload), zlib.crc32(payload)) + payload

    Journal.start(path, settings).close()
    with open(path, "ab") as f:
        f.write(frame((names[0], (1, 2), _Planted(mark))))  # a frame that would run a command
    again, found = Journal.resume(path, settings)
    again.close()
    assert found == {} and not mark.exists()

    Journal.start(path, settings).close()
    inside = Packed(_packed(names[0]).digest, pickle.dumps(_Planted(mark)), b"")  # its result's pickle would
    with open(path, "ab") as f:
        f.write(frame((names[0], (1, 2), inside)))
    again, found = Journal.resume(path, settings)
    again.close()
    assert found == {} and not mark.exists()


class _Noted:
    """A journal that notes (the name each result is written under, the result's own file)."""

    def __init__(self) -> None:
        self.noted: list[tuple[str, str]] = []

    def append(self, name: str, item: Packed) -> None:
        self.noted.append((name, item.digest.file))

    def flush(self) -> None:
        pass


def test_a_task_that_stopped_early_does_not_shift_the_next_tasks_files() -> None:
    # round 41: two tasks of three files; the first, asked to stop, sends back its first file only. The second task's
    # results are those of files 3–5, and the journal must say so (before, they were written under files 1–3, so a
    # resume took 3 results for the wrong files, scored none of 4–5 and listed others twice)
    from perfxl.batch.run import _Run
    from perfxl.batch.spool import SpooledFiles

    names = [f"/batch/f{i}.xlsx" for i in range(6)]
    journal = _Noted()
    noted = journal.noted
    files = SpooledFiles()
    try:
        run = _Run([], None, files, 6, None, journal, names, list(range(6)), [])  # type: ignore[arg-type]
        run._append([_packed(names[0])], 0)
        run._append([_packed(n) for n in names[3:]], 3)
        assert noted == [(n, n) for n in (names[0], *names[3:])]

    finally:
        files.close()


def test_a_ctrl_c_between_two_tasks_does_not_shift_the_next_tasks_files() -> None:
    # the review: a Ctrl-C after a task is counted collected and before its results are appended loses that task;
    # the next task's results still go under its own files (each task's place is fixed before any is collected)
    from concurrent.futures import Future
    from types import SimpleNamespace

    from perfxl.batch.run import _Run
    from perfxl.batch.spool import SpooledFiles

    names = [f"/b/f{i}.xlsx" for i in range(4)]
    tasks = [SimpleNamespace(paths=names[:2]), SimpleNamespace(paths=names[2:])]
    futures: list[Future[list[Packed]]] = []
    for task in tasks:
        future: Future[list[Packed]] = Future()
        future.set_result([_packed(p) for p in task.paths])
        futures.append(future)
    journal = _Noted()
    noted = journal.noted
    files = SpooledFiles()
    run = _Run(tasks, None, files, 4, None, journal, names, list(range(4)), [])  # type: ignore[arg-type]
    run.futures = futures  # type: ignore[assignment]
    real, calls = _Run._append, [0]

    def interrupted_once(self: _Run, packed: list[Packed], start: int) -> None:
        calls[0] += 1
        if calls[0] == 1:
            raise KeyboardInterrupt
        real(self, packed, start)

    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_Run, "_append", interrupted_once)
            with pytest.raises(KeyboardInterrupt):
                run.collect()
            run.interrupted = True
            run.collect()
        assert noted == [(n, n) for n in names[2:]]
    finally:
        files.close()
