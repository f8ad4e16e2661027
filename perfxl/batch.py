"""A bureau's batch: find every return under the given paths, score them all, account for each one.

The per-file steps (sniff, read, locate) run in worker processes; the computation runs column-wise over
chunks of loaded workbooks in the main process (the same ``evaluate`` as for one file); the scored copies,
if asked for, are written back by the workers again.
"""

from __future__ import annotations

import glob
import os
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Loaded, evaluate, load
from .errors import InputError, OutputError, PerfxlError
from .report import FileResult, Report, SpooledFiles
from .ruleset import RuleSet
from .sniff import is_skippable
from .writeback import default_output, write_scored

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
CHUNK = 256  # workbooks evaluated together; bounds memory whatever the batch size

Progress = Callable[[int, int, int], None]  # (files done, files total, findings so far)


@dataclass
class AuditResult:
    report: Report
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    interrupted: bool = False


def _sort_key(path: Path) -> str:
    return unicodedata.normalize("NFC", str(path)).casefold()


def discover(args: Sequence[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Workbooks under files, folders (recursively) and globs; lock/hidden/system files are skipped.

    The same file reached twice (two arguments, a link) is returned once. Raises InputError for an
    argument that matches nothing.
    """
    found: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for arg in args:
        text = str(arg)
        if Path(text).exists():
            matches = [Path(text)]
        else:
            matches = [Path(m) for m in sorted(glob.glob(text, recursive=True))]
            if not matches:
                raise InputError("找不到该文件或目录", code="not-found", file=text)
        for match in matches:
            if match.is_dir():
                for path in sorted((p for p in match.rglob("*") if p.is_file()), key=_sort_key):
                    reason = is_skippable(path)
                    if reason:
                        skipped.append((str(path), reason))
                    elif path.suffix.lower() in WORKBOOK_SUFFIXES:
                        found.append(path)
            else:
                reason = is_skippable(match)
                if reason:
                    skipped.append((str(match), reason))
                else:
                    found.append(match)
    seen: set[str] = set()
    unique = []
    for path in found:
        real = os.path.normcase(os.path.realpath(path))
        if real not in seen:
            seen.add(real)
            unique.append(path)
    return unique, skipped


def _common_root(paths: Sequence[Path]) -> Path:
    if not paths:
        return Path.cwd()
    parents = [str(p.resolve().parent) for p in paths]
    return Path(os.path.commonpath(parents))


def plan_outputs(paths: Sequence[Path], folder: Path) -> dict[str, Path]:
    """Where each input's scored copy goes: the input folder structure mirrored under folder."""
    root = _common_root(paths)
    return {str(p): folder / default_output(p.resolve().relative_to(root)) for p in paths}


@dataclass(frozen=True)
class _Task:
    """A slice of the batch for one worker: score these files, write their copies where planned."""

    paths: tuple[Path, ...]
    rules: RuleSet
    outputs: dict[str, Path]
    force: bool


def _score_task(task: _Task) -> list[FileResult]:
    """Load, evaluate (column-wise over the slice) and write back: the whole per-file pipeline."""
    report = evaluate([load(p, task.rules) for p in task.paths], task.rules)
    return _write_back(report.files, task)


def _write_back(results: Sequence[FileResult], task: _Task) -> list[FileResult]:
    results = list(results)
    for result in results:
        dst = task.outputs.get(result.file)
        if dst is None or result.status != "ok":
            continue
        try:
            dst.parent.mkdir(parents=True, exist_ok=True)
            write_scored(Path(result.file), dst, result, task.rules.title, force=task.force)
            result.output = str(dst)
        except (PerfxlError, OSError) as exc:
            result.notes.append(f"评分副本未写出: {exc}")
    return results


def _score_isolated(path: Path, task: _Task) -> list[FileResult]:
    """One file in a process of its own: if it kills the process, only it is lost."""
    solo_task = _Task((path,), task.rules, task.outputs, task.force)
    with ProcessPoolExecutor(max_workers=1) as solo:
        try:
            return solo.submit(_score_task, solo_task).result()
        except BrokenProcessPool:
            error = InputError("读取该文件时读取进程异常退出(文件可能损坏或含恶意内容)", code="worker-crash", file=path)
            return list(evaluate([Loaded(str(path), error=error)], task.rules).files)


TASK_SIZE = 32  # files per worker task: large enough to compute column-wise, small enough to balance


def audit(
    paths: Sequence[Path],
    rules: RuleSet,
    workers: int = 1,
    write_back: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> AuditResult:
    """Score every path; a file that cannot be read is an error entry, never a stop.

    The report's files are spooled to a temporary file as they arrive (memory does not grow with the batch);
    ``result.report.close()`` frees it (else it goes when the report is collected, or at exit).
    """
    outputs = plan_outputs(paths, write_back) if write_back is not None else {}
    if not force:
        existing = [str(p) for p in outputs.values() if p.exists()]
        if existing:
            raise OutputError(f"{len(existing)} 个输出文件已存在(如 {existing[0]})，如需覆盖请加 --force",
                              code="output-exists")
    tasks = [_Task(tuple(paths[i : i + TASK_SIZE]), rules, {str(p): outputs[str(p)] for p in
                   paths[i : i + TASK_SIZE] if str(p) in outputs}, force)
             for i in range(0, len(paths), TASK_SIZE)]
    files = SpooledFiles()  # the results go to disk as they come; only a digest of each stays in memory
    findings = 0
    interrupted = False
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    try:
        try:
            for results in _run(tasks, pool):
                for result in results:
                    files.append(result)
                findings += sum(len(r.flags) for r in results)
                del results
                if progress is not None:
                    progress(len(files), len(paths), findings)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            if pool is not None:
                pool.shutdown(wait=not interrupted, cancel_futures=True)
    except BaseException:
        files.close()
        raise
    return AuditResult(Report(files, rules.name), interrupted=interrupted)


def _run(tasks: list[_Task], pool: ProcessPoolExecutor | None) -> Iterator[list[FileResult]]:
    """Task results in order; after a worker's death the unfinished tasks run file by file, isolated."""
    if pool is None:
        yield from map(_score_task, tasks)
        return
    done = 0
    try:
        for results in pool.map(_score_task, tasks):
            done += 1
            yield results
    except BrokenProcessPool:
        for task in tasks[done:]:
            yield [r for path in task.paths for r in _score_isolated(path, task)]
