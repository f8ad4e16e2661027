"""A bureau's batch: find every return under the given paths, score them all, account for each one.

The per-file steps (sniff, read, locate) run in worker processes; the computation runs column-wise over
chunks of loaded workbooks in the main process (the same ``evaluate`` as for one file); the scored copies,
if asked for, are written back by the workers again.
"""

from __future__ import annotations

import glob
import os
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .engine import Loaded, evaluate, load
from .errors import InputError, OutputError, PerfxlError
from .report import FileResult, Report
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


class _Workers:
    """A process pool that survives a worker's death (a reader can abort the whole process)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.pool = ProcessPoolExecutor(max_workers=count) if count > 1 else None

    def load(self, paths: Sequence[Path], rules: RuleSet) -> list[Loaded]:
        if self.pool is None:
            return [load(p, rules) for p in paths]
        done: list[Loaded] = []
        try:
            done.extend(self.pool.map(partial(load, rules=rules), paths, chunksize=8))
        except BrokenProcessPool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = ProcessPoolExecutor(max_workers=self.count)
            done.extend(_load_isolated(p, rules) for p in paths[len(done):])
        return done

    def write(self, tasks: list[tuple[Path, Path, FileResult, str, bool]]) -> list[str | None]:
        if self.pool is None:
            return [_write_one(t) for t in tasks]
        try:
            return list(self.pool.map(_write_one, tasks, chunksize=4))
        except BrokenProcessPool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = ProcessPoolExecutor(max_workers=self.count)
            return [_write_one(t) for t in tasks]

    def close(self, wait: bool) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=True)


def _load_isolated(path: Path, rules: RuleSet) -> Loaded:
    """One file in a process of its own: if it kills the process, only it is lost."""
    with ProcessPoolExecutor(max_workers=1) as solo:
        try:
            return solo.submit(load, path, rules).result()
        except BrokenProcessPool:
            error = InputError("读取该文件时读取进程异常退出(文件可能损坏或含恶意内容)", code="worker-crash", file=path)
            return Loaded(str(path), error=error)


def _write_one(task: tuple[Path, Path, FileResult, str, bool]) -> str | None:
    src, dst, result, title, force = task
    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        write_scored(src, dst, result, title, force=force)
    except PerfxlError as exc:
        return str(exc)
    return None


def audit(
    paths: Sequence[Path],
    rules: RuleSet,
    workers: int = 1,
    write_back: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> AuditResult:
    """Score every path; a file that cannot be read is an error entry, never a stop."""
    outputs = plan_outputs(paths, write_back) if write_back is not None else {}
    if not force:
        existing = [str(p) for p in outputs.values() if p.exists()]
        if existing:
            raise OutputError(f"{len(existing)} 个输出文件已存在(如 {existing[0]})，如需覆盖请加 --force",
                              code="output-exists")
    files: list[FileResult] = []
    findings = 0
    workers_ = _Workers(workers)
    interrupted = False
    try:
        for start in range(0, len(paths), CHUNK):
            report = evaluate(workers_.load(paths[start : start + CHUNK], rules), rules)
            if outputs:
                scored = [r for r in report.files if r.status == "ok"]
                tasks = [(Path(r.file), outputs[r.file], r, rules.title, force) for r in scored]
                for result, error in zip(scored, workers_.write(tasks), strict=True):
                    if error is None:
                        result.output = str(outputs[result.file])
                    else:
                        result.notes.append(f"评分副本未写出: {error}")
            files.extend(report.files)
            findings += sum(len(r.flags) for r in report.files)
            if progress is not None:
                progress(len(files), len(paths), findings)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        workers_.close(wait=not interrupted)
    return AuditResult(Report(files, rules.name), interrupted=interrupted)
