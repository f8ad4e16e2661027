"""A bureau's batch run: its tasks through a pool of worker processes, each file accounted for once.

The main process only appends what the workers send back (``Packed``) to the spool and keeps each file's
digest; a worker that dies costs only the file that killed it (the rest of its task is scored again, file by
file, each in a process of its own).

Ctrl-C reaches the main process only (workers ignore SIGINT): it asks the workers to stop (each gives up the file it
is reading and writes no more copies), and waits for what they send back, so every file scored and every scored copy
written before the stop is counted; a second Ctrl-C stops waiting.

With a journal (``batch.journal``) each file's result is also appended to it as it is collected, and the results a
stopped batch's journal holds are taken as they are: the files left are scored, and every file's result goes to
the spool in the batch's order, whichever run scored it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import accumulate
from multiprocessing.synchronize import Event as EventType
from pathlib import Path

from perfxl.batch import lean
from perfxl.batch.journal import Journal, close_inherited
from perfxl.batch.limits import FILE_SECONDS, MEMORY_MB, limit_memory
from perfxl.batch.orphan import watch_parent
from perfxl.batch.outputs import existing_outputs, plan_outputs
from perfxl.batch.packed import Packed
from perfxl.batch.spool import SpooledFiles
from perfxl.batch.tasks import Task, cut_tasks
from perfxl.batch.worker import crashed, score_task, set_stop
from perfxl.errors import ErrorCode, OutputError, os_reason
from perfxl.report.digest import Digest
from perfxl.report.results import Report
from perfxl.rules.auto import Rules

Progress = Callable[[int, int, int], None]  # (files done, files total, findings so far)


@dataclass
class AuditResult:
    """A batch's outcome: its results, spooled on disk until ``close()``, and the files it did not read."""

    files: SpooledFiles
    rules: str
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    interrupted: bool = False
    total: int = 0  # the files the batch was to read (all of them are in ``files`` unless interrupted)
    resumed: int = 0  # of them, the files a stopped run had scored (taken from its journal)
    journal_failed: str | None = None  # why the journal stopped being written (a resume would score those again)

    @property
    def report(self) -> Report:
        """The results as a Report (its files are read back from the spool)."""
        return Report(self.files, self.rules, self.skipped)

    def digests(self) -> Sequence[Digest]:
        """What was kept in memory of each file, in order."""
        return self.files.digests

    def counts(self) -> Counter[str]:
        """Findings by severity over every file."""
        return self.files.counts()

    def close(self) -> None:
        """Free the spool: the results cannot be read after."""
        self.files.close()


def audit(
    paths: Sequence[str | Path],
    rules: Rules,
    workers: int = 1,
    write_back: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
    keep_results: bool = True,
    seconds: float = FILE_SECONDS,
    memory_mb: int = MEMORY_MB,
    journal: Journal | None = None,
    done: dict[str, Packed] | None = None,
) -> AuditResult:
    """Score every path; a file that cannot be read is an error entry, never a stop.

    The results are spooled to a temporary file as they arrive (memory does not grow with the batch);
    ``result.close()`` frees it (else it goes when the spool is collected, or at exit). With
    ``keep_results=False`` only what the summary needs is spooled (each file's digest and table rows): the
    digests and counts work, the results themselves cannot be read back.

    ``journal``: where each result is also appended; ``done`` (when resuming): the results (by file) of a stopped
    run of this batch, taken as they are (their copies are there already; the copies of the others, which the
    stopped run may have written, are written over).
    """
    names = [str(p) for p in paths]  # str, not Path: a fraction of the memory for thousands of them
    resuming, done = done is not None, done or {}
    # planned over the whole batch, so that each copy keeps the name the stopped run gave it
    outputs = plan_outputs(names, write_back) if write_back is not None else {}
    existing = [] if force or resuming else existing_outputs(outputs)
    if existing:
        raise OutputError(
            f"{len(existing)} 个输出文件已存在(如 {existing[0]})，如需覆盖请加 --force", code=ErrorCode.OUTPUT_EXISTS
        )
    left = [i for i, name in enumerate(names) if name not in done]
    taken = [(i, done[name]) for i, name in enumerate(names) if name in done]
    todo = [names[i] for i in left]
    tasks = cut_tasks(todo, rules, workers, outputs, force or resuming, keep_results, seconds, memory_mb)
    files = SpooledFiles()  # the results go to disk as they come; only a digest of each stays in memory
    stop = multiprocessing.get_context().Event()
    # A worker process even for --workers 1: a reader that aborts the process (a Rust panic on a hostile file) then
    # costs only the files of its task, which are scored again one by one, isolated.
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_started, initargs=(memory_mb, stop))
    run = _Run(tasks, pool, files, len(names), progress, journal, names, left, taken)
    try:
        try:
            run.collect()
        except KeyboardInterrupt:
            stop.set()  # each worker gives up the file it is reading and sends back what it has
            run.interrupted = True
            with contextlib.suppress(KeyboardInterrupt):  # a second Ctrl-C: stop waiting
                run.collect()
        finally:
            pool.shutdown(wait=not run.interrupted, cancel_futures=True)
    except BaseException:
        files.close()
        raise
    return AuditResult(files, rules.name, interrupted=run.interrupted, total=len(names))


@dataclass
class _Run:
    """The tasks of a batch through the pool, their results spooled in order as they are collected; ``collect``
    may be called again after an interruption, to wait for what the stopping workers still send back."""

    tasks: list[Task]
    pool: ProcessPoolExecutor
    files: SpooledFiles
    total: int
    progress: Progress | None
    journal: Journal | None
    names: list[str]
    left: list[int]  # the position in ``names`` of each file the tasks score, in order
    taken: list[tuple[int, Packed]]  # (position, result) of each file a stopped run scored, in order
    interrupted: bool = False
    broken: bool = False  # a worker died: the pool takes no more tasks
    findings: int = 0
    done: int = 0  # tasks collected
    futures: list[Future[list[Packed]] | None] = field(default_factory=list)  # None: collected
    starts: list[int] = field(init=False)  # each task's first file's place in ``left``
    reused: int = 0  # results of ``taken`` spooled

    def __post_init__(self) -> None:
        # where each task's files are in the batch, fixed before any is collected: a task asked to stop sends back its
        # first files only, and a Ctrl-C may fall between two tasks; neither may shift the next one's files
        self.starts = [*accumulate((len(task.paths) for task in self.tasks), initial=0)][:-1]

    def collect(self) -> None:
        self._take_before(self.left[0] if self.left else len(self.names))
        if not self.futures:
            self.futures = [self.pool.submit(score_task, task) for task in self.tasks]
        if self.interrupted:
            for future in self.futures[self.done :]:
                if future is not None:
                    future.cancel()  # not started: nothing of it was read or written
        while self.done < len(self.futures):
            future, task = self.futures[self.done], self.tasks[self.done]
            if future is None or future.cancelled() or (self.broken and self.interrupted):
                self.done += 1
                continue
            if self.broken:  # after a worker's death the pool is broken: the rest run file by file, isolated
                packed = [r for path in task.paths for r in _score_isolated(task.alone(path))]
            else:
                try:
                    packed = _result(future)
                except BrokenProcessPool:
                    self.broken = True
                    continue  # this task again, isolated
            self.futures[self.done] = None  # its results are spooled: memory stays flat however long the batch
            self.done += 1
            self._append(packed, self.starts[self.done - 1])
        self._take_before(len(self.names))

    def _append(self, packed: list[Packed], start: int) -> None:
        with _ctrl_c_held():  # a task's results go to the spool and the journal whole, or the count would be short
            self._append_all(packed, start)

    def _append_all(self, packed: list[Packed], start: int) -> None:
        """A task's results, of its first files in order (one asked to stop sends back those it finished only; a
        resume scores the others); ``start``: the task's first file's place in ``left``."""
        for i, item in enumerate(packed):
            at = self.left[start + i]
            self._take_before(at)
            self._spool(item)
            if self.journal is not None:
                self.journal.append(self.names[at], item)
        if self.journal is not None:
            self.journal.flush()
        if self.progress is not None:
            self.progress(len(self.files), self.total, self.findings)

    def _take_before(self, at: int) -> None:
        """The stopped run's results of the files before position ``at``, spooled in their place."""
        while self.reused < len(self.taken) and self.taken[self.reused][0] < at:
            self._spool(self.taken[self.reused][1])
            self.reused += 1

    def _spool(self, item: Packed) -> None:
        try:
            self.findings += self.files.append(item).n_flags
        except OSError as exc:  # the temporary folder is full or gone: one line, and the journal kept for --resume
            raise OutputError(
                f"审核结果无法写入临时目录: {os_reason(exc)}；请清理空间或把环境变量 TMPDIR 设到有空间的磁盘，"
                "再用同一命令加 --resume 接着审核",
                code=ErrorCode.OUTPUT_FAILED,
                file=tempfile.gettempdir(),
            ) from exc


def _result(future: Future[list[Packed]]) -> list[Packed]:
    """A task's results, waited for in short spells: Ctrl-C may reach one of the pool's threads rather than this one,
    and its handler runs only when this thread runs again — at once, not when a slow file's time limit is up."""
    while True:
        try:
            return future.result(timeout=_WAKE)
        except FutureTimeout:
            continue


_WAKE = 0.2  # seconds between looks at a pending Ctrl-C while waiting for a task


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C noted, not raised, during the block, and raised as it ends (in the main thread; elsewhere the block runs
    as it is). A handler that only notes it, not a signal mask: the pool's own threads would take a masked signal."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    before = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
    if pressed:
        raise KeyboardInterrupt


def _worker_started(memory_mb: int, stop: EventType | None = None) -> None:
    """A worker's start: the collector's settings, its memory limit, Ctrl-C left to the main process (which asks
    it to stop through ``stop``), and an end with the main process."""
    lean.worker_started()
    close_inherited()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_stop(stop)
    limit_memory(memory_mb)
    # a reader that aborts over the limit says so in one line, not a Rust backtrace per file on the user's terminal:
    # the file's row in the summary says what happened
    os.environ["RUST_BACKTRACE"] = "0"
    watch_parent()


def _score_isolated(task: Task) -> list[Packed]:
    """A task (of one file) in a process of its own: if the file kills the process, only it is lost."""
    with ProcessPoolExecutor(max_workers=1, initializer=_worker_started, initargs=(task.memory_mb, None)) as solo:
        try:
            return solo.submit(score_task, task).result()
        except BrokenProcessPool:
            return crashed(task)
