"""A bureau's batch run: its tasks through a pool of worker processes, each file accounted for once.

The main process only appends what the workers send back (``Packed``) to the spool and keeps each file's
digest; a worker that dies costs only the file that killed it (the rest of its task is scored again, file by
file, each in a process of its own).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from perfxl.batch import lean
from perfxl.batch.limits import FILE_SECONDS, MEMORY_MB, limit_memory
from perfxl.batch.orphan import watch_parent
from perfxl.batch.outputs import existing_outputs, plan_outputs
from perfxl.batch.packed import Packed
from perfxl.batch.spool import SpooledFiles
from perfxl.batch.tasks import Task, cut_tasks
from perfxl.batch.worker import crashed, score_task
from perfxl.errors import ErrorCode, OutputError
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

    @property
    def report(self) -> Report:
        """The results as a Report (its files are read back from the spool)."""
        return Report(self.files, self.rules)

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
) -> AuditResult:
    """Score every path; a file that cannot be read is an error entry, never a stop.

    The results are spooled to a temporary file as they arrive (memory does not grow with the batch);
    ``result.close()`` frees it (else it goes when the spool is collected, or at exit). With
    ``keep_results=False`` only what the summary needs is spooled (each file's digest and table rows): the
    digests and counts work, the results themselves cannot be read back.
    """
    names = [str(p) for p in paths]  # str, not Path: a fraction of the memory for thousands of them
    outputs = plan_outputs(names, write_back) if write_back is not None else {}
    existing = [] if force else existing_outputs(outputs)
    if existing:
        raise OutputError(
            f"{len(existing)} 个输出文件已存在(如 {existing[0]})，如需覆盖请加 --force", code=ErrorCode.OUTPUT_EXISTS
        )
    tasks = cut_tasks(names, rules, workers, outputs, force, keep_results, seconds, memory_mb)
    files = SpooledFiles()  # the results go to disk as they come; only a digest of each stays in memory
    findings = 0
    interrupted = False
    # A worker process even for --workers 1: a reader that aborts the process (a Rust panic on a hostile file) then
    # costs only the files of its task, which are scored again one by one, isolated.
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_started, initargs=(memory_mb,))
    try:
        try:
            for packed in _run(tasks, pool):
                for item in packed:
                    findings += files.append(item).n_flags
                del packed
                if progress is not None:
                    progress(len(files), len(names), findings)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            pool.shutdown(wait=not interrupted, cancel_futures=True)
    except BaseException:
        files.close()
        raise
    return AuditResult(files, rules.name, interrupted=interrupted)


def _worker_started(memory_mb: int) -> None:
    """A worker's start: the collector's settings, its memory limit, and an end with the main process."""
    lean.worker_started()
    limit_memory(memory_mb)
    # a reader that aborts over the limit says so in one line, not a Rust backtrace per file on the user's terminal:
    # the file's row in the summary says what happened
    os.environ["RUST_BACKTRACE"] = "0"
    watch_parent()


def _run(tasks: list[Task], pool: ProcessPoolExecutor) -> Iterator[list[Packed]]:
    """Task results in order; after a worker's death the unfinished tasks run file by file, isolated."""
    done = 0
    try:
        for packed in pool.map(score_task, tasks):
            done += 1
            yield packed
    except BrokenProcessPool:
        for task in tasks[done:]:
            yield [r for path in task.paths for r in _score_isolated(task.alone(path))]


def _score_isolated(task: Task) -> list[Packed]:
    """A task (of one file) in a process of its own: if the file kills the process, only it is lost."""
    with ProcessPoolExecutor(max_workers=1, initializer=_worker_started, initargs=(task.memory_mb,)) as solo:
        try:
            return solo.submit(score_task, task).result()
        except BrokenProcessPool:
            return crashed(task)
