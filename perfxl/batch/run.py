"""A bureau's batch: find every return under the given paths, score them all, account for each one.

Each worker task takes up to 256 files through the whole pipeline: sniff, read and locate each file, compute
column-wise over the task's files (the same ``evaluate`` as for one file), write the scored copies if asked
for, and pack each result with its summary rows (``summary_rows.Packer``). The main process only appends the
packed bytes to the spool and keeps each file's digest.
"""

from __future__ import annotations

import gc
import glob
import os
import stat
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, count
from pathlib import Path

from perfxl.errors import ErrorCode, InputError, OutputError, PerfxlError
from perfxl.pipeline import Loaded, evaluate, load
from perfxl.read.listing import is_skippable, listed_sheets
from perfxl.read.prefetch import prefetch
from perfxl.report.results import FileResult, Packed, Report, SpooledFiles
from perfxl.rules.ruleset import RuleSet
from perfxl.write.scored import CHECK_SHEET, RESULT_SHEET, SCORED, default_output, write_scored
from perfxl.write.summary.rows import Packer

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")

Progress = Callable[[int, int, int], None]  # (files done, files total, findings so far)


@dataclass
class AuditResult:
    report: Report
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    interrupted: bool = False


def _folded(path: str | Path) -> str:
    """A path as case-insensitive file systems compare it (NFC, case-folded)."""
    return unicodedata.normalize("NFC", str(path)).casefold()


def discover(args: Sequence[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Workbooks under files, folders (recursively) and globs; lock/hidden/system files are skipped, and so are
    perfxl's own scored copies (甲_评分.xlsx) beside their input (甲.xlsx): a unit is not counted twice.

    The same file reached twice (two arguments, a link, a hard link) is returned once: files are told apart
    by (device, inode), read from the directory listing without a stat of each file. Raises InputError for an
    argument that matches nothing.
    """
    found: dict[tuple[int, int], Path] = {}
    skipped: dict[str, str] = {}
    for arg in args:
        text = str(arg)
        if Path(text).exists():
            matches = [Path(text)]
        else:
            matches = [Path(m) for m in sorted(glob.glob(text, recursive=True))]
            if not matches:
                raise InputError("找不到该文件或目录", code=ErrorCode.NOT_FOUND, file=text)
        for match in matches:
            folder = match.is_dir()
            listed = _files_under(match) if folder else _file_itself(match)
            for path, key in sorted(listed, key=lambda item: (_folded(item[0]), str(item[0]))):
                reason = is_skippable(path)
                if reason:
                    skipped.setdefault(str(path), reason)
                elif not folder or path.suffix.lower() in WORKBOOK_SUFFIXES:  # a file named is read whatever its name
                    found.setdefault(key, path)
    copies = _scored_copies(list(found.values()))
    skipped.update(copies)
    return [p for p in found.values() if str(p) not in copies], list(skipped.items())


def _scored_copies(paths: list[Path]) -> dict[str, str]:
    """perfxl's scored copies whose input is in the batch too (甲_评分.xlsx beside 甲.xlsx or 甲.xlsm, 甲.xlsx_评分.xlsx
    beside 甲.xlsx, holding the two sheets perfxl adds), each with the reason it is skipped. A copy whose input is
    not there is read: it may be all that a unit sent; so is a unit's own workbook that is only named like a copy.
    Only the folders holding such a name are looked at (most batches have none)."""
    candidates = [p for p in paths if SCORED in p.name and p.suffix.lower() == ".xlsx" and p.stem.endswith(SCORED)]
    if not candidates:
        return {}
    folders = {p.parent for p in candidates}
    inputs: dict[tuple[Path, str], Path] = {}
    for path in paths:
        if path.parent in folders:
            for name in (path.stem, path.name):
                inputs.setdefault((path.parent, _folded(name)), path)
    copies: dict[str, str] = {}
    for path in candidates:
        original = inputs.get((path.parent, _folded(path.stem[: -len(SCORED)])))
        if original is not None and original != path and _made_by_perfxl(path):
            copies[str(path)] = f"perfxl 生成的评分副本(原件 {original.name} 也在本批中)，已跳过"
    return copies


def _made_by_perfxl(path: Path) -> bool:
    """Whether the workbook lists the sheets perfxl adds to a scored copy (~0.12 ms a file)."""
    try:
        return {RESULT_SHEET, CHECK_SHEET} <= set(listed_sheets(path))
    except Exception:  # unreadable, or a surprise on a damaged file: not a copy; the batch reads it and says why
        return False


FileKey = tuple[int, int]  # (device, inode)


def _file_itself(path: Path) -> list[tuple[Path, FileKey]]:
    st = path.stat()
    return [(path, (st.st_dev, st.st_ino))]


def _files_under(folder: Path) -> list[tuple[Path, FileKey]]:
    """Every file under folder, with its key; links to files are followed, links to folders are not."""
    out: list[tuple[Path, FileKey]] = []
    stack = [folder]
    while stack:
        directory = stack.pop()
        try:
            device = os.stat(directory).st_dev
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(Path(entry.path))
                    elif entry.is_symlink():
                        try:
                            st = os.stat(entry.path)
                        except OSError:
                            continue  # a dangling link
                        if stat.S_ISREG(st.st_mode):
                            out.append((Path(entry.path), (st.st_dev, st.st_ino)))
                    elif entry.is_file(follow_symlinks=False):
                        out.append((Path(entry.path), (device, entry.inode())))
        except OSError:
            continue  # an unreadable folder holds nothing we can read
    return out


def plan_outputs(paths: Sequence[str], folder: Path) -> dict[str, Path]:
    """Where each input's scored copy goes: the input folder structure mirrored under folder, one copy each.

    Each input is resolved once (links followed: the structure is that of the files read) and cut below the
    inputs' common folder as text (Path.resolve and relative_to per file took ~60 ms for 1,000 returns).
    Two inputs whose copies would share a name (甲.xlsx and 甲.xlsm; 乙.xlsx and 乙.XLSX, one file where case
    is not told apart) never write over each other: the later ones keep their whole name (甲.xlsx_评分.xlsx),
    then a number."""
    real = [os.path.realpath(p) for p in paths]
    if not real:
        return {}
    try:
        root = os.path.commonpath([os.path.dirname(r) for r in real])
    except ValueError as exc:  # Windows: inputs on two drives have no common folder to mirror
        raise OutputError(
            "输入文件位于不同的磁盘，--write-back 无法保持原目录结构；请按磁盘分别审核",
            code=ErrorCode.OUTPUT_LAYOUT,
            file=folder,
        ) from exc
    cut = len(root) if root.endswith(os.sep) else len(root) + 1
    taken: set[str] = set()
    planned: dict[str, Path] = {}
    for path, resolved in zip(paths, real, strict=True):
        relative = Path(resolved[cut:])
        planned[path] = _claim(folder / default_output(relative), relative.name, taken)
    return planned


def _claim(dst: Path, source_name: str, taken: set[str]) -> Path:
    """dst, or the first free name after it, marked as taken (compared as case-insensitive file systems do)."""
    named = (dst.with_name(f"{source_name}{SCORED}{n}.xlsx") for n in chain([""], (f"({i})" for i in count(2))))
    free, key = next((c, k) for c in chain([dst], named) if (k := _folded(c)) not in taken)
    taken.add(key)
    return free


@dataclass(frozen=True)
class _Task:
    """A slice of the batch for one worker: score these files, write their copies where planned."""

    paths: tuple[str, ...]
    rules: RuleSet
    outputs: dict[str, Path]
    force: bool
    keep_results: bool = True  # pickle each FileResult (else only its digest and summary rows are sent back)


def _score_task(task: _Task) -> list[Packed]:
    """Load, evaluate (column-wise over the slice), write back and pack: the whole per-file pipeline."""
    explain = task.keep_results or bool(task.outputs)  # the working is shown only in results and scored copies
    prefetch(task.paths)  # the disk reads the task's files while the first ones are worked on
    report = evaluate([load(p, task.rules) for p in task.paths], task.rules, explain)
    packed = list(map(Packer(task.rules, task.keep_results), _write_back(report.files, task)))
    del report
    gc.collect(1)  # with the collector off (_lean_collector), what a task leaves in cycles goes here (~1 ms)
    return packed


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


def _worker_setup() -> None:
    """A worker's collector: what the worker inherited is never garbage (frozen), and the automatic collector is
    off, as in ``_lean_collector``."""
    gc.freeze()
    gc.disable()


@contextmanager
def _lean_collector() -> Iterator[None]:
    """The automatic collector off while tasks run in this process; each task collects once at its end.

    A task makes hundreds of thousands of short-lived objects, all freed by reference counting (a collection at
    the end of a task finds no cycles), while the automatic collector kept re-walking the task's live data:
    ~7% of a worker's CPU (measured on 3,000 returns)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _score_isolated(path: str, task: _Task) -> list[Packed]:
    """One file in a process of its own: if it kills the process, only it is lost."""
    solo_task = _Task((path,), task.rules, task.outputs, task.force, task.keep_results)
    with ProcessPoolExecutor(max_workers=1, initializer=_worker_setup) as solo:
        try:
            return solo.submit(_score_task, solo_task).result()
        except BrokenProcessPool:
            error = InputError(
                "读取该文件时读取进程异常退出(文件可能损坏或含恶意内容)", code=ErrorCode.WORKER_CRASH, file=path
            )
            failed = evaluate([Loaded(str(path), error=error)], task.rules).files
            return list(map(Packer(task.rules, task.keep_results), failed))


# Files per worker task: enough to compute column-wise at pandas' speed and to spread each task's fixed costs
# (32 files cost twice the CPU per file of 256; 10,000 returns audit ~12% faster than with 128), a bound on what
# a worker holds and sends back at once (~4 MB) whatever the batch, and at least TASKS_PER_WORKER tasks per
# worker, so that no worker idles long at the end (with --write-back a file costs ~10 ms: balance matters).
TASK_SIZES = (32, 256)
TASKS_PER_WORKER = 8
TAIL_MIN = 8


def task_size(n_files: int, workers: int) -> int:
    lo, hi = TASK_SIZES
    return max(lo, min(hi, -(-n_files // (TASKS_PER_WORKER * max(1, workers)))))


def task_slices(n_files: int, workers: int) -> list[range]:
    """The batch cut into tasks of ``task_size`` files; with several workers the last ``workers`` tasks' worth
    are cut ever smaller (each half of one worker's share of what is left, down to TAIL_MIN files), so that the
    workers run out of work together: with --write-back a file costs ~12 ms, and a last task of 32 files left
    the other worker idle up to 0.4 s (on 1,000 returns 0.12 s on average, now 0.07 s); a task more costs ~7 ms."""
    size = task_size(n_files, workers)
    bulk = n_files if workers <= 1 else max(0, n_files - workers * size) // size * size
    slices = [range(i, min(i + size, bulk)) for i in range(0, bulk, size)]
    start = bulk
    while start < n_files:
        step = max(TAIL_MIN, -(-(n_files - start) // (2 * workers)))
        slices.append(range(start, min(start + step, n_files)))
        start += step
    return slices


def audit(
    paths: Sequence[str | Path],
    rules: RuleSet,
    workers: int = 1,
    write_back: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
    keep_results: bool = True,
) -> AuditResult:
    """Score every path; a file that cannot be read is an error entry, never a stop.

    The report's files are spooled to a temporary file as they arrive (memory does not grow with the batch);
    ``result.report.close()`` frees it (else it goes when the report is collected, or at exit). With
    ``keep_results=False`` only what the summary needs is spooled (each file's digest and table rows): the
    report's digests and counts work, its files cannot be read back.
    """
    outputs = plan_outputs([str(p) for p in paths], write_back) if write_back is not None else {}
    if not force:
        existing = [str(p) for p in outputs.values() if p.exists()]
        if existing:
            raise OutputError(
                f"{len(existing)} 个输出文件已存在(如 {existing[0]})，如需覆盖请加 --force",
                code=ErrorCode.OUTPUT_EXISTS,
            )
    names = [str(p) for p in paths]  # str, not Path: a tenth of the memory for 10,000 of them
    tasks = [
        _Task(
            tuple(names[s.start : s.stop]),
            rules,
            {n: outputs[n] for n in names[s.start : s.stop] if n in outputs},
            force,
            keep_results,
        )
        for s in task_slices(len(names), workers)
    ]
    files = SpooledFiles()  # the results go to disk as they come; only a digest of each stays in memory
    findings = 0
    interrupted = False
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_setup) if workers > 1 else None
    try:
        try:
            for packed in _run(tasks, pool):
                for item in packed:
                    findings += files.append(item).n_flags
                del packed
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


def _run(tasks: list[_Task], pool: ProcessPoolExecutor | None) -> Iterator[list[Packed]]:
    """Task results in order; after a worker's death the unfinished tasks run file by file, isolated."""
    if pool is None:
        with _lean_collector():
            yield from map(_score_task, tasks)
        return
    done = 0
    try:
        for packed in pool.map(_score_task, tasks):
            done += 1
            yield packed
    except BrokenProcessPool:
        for task in tasks[done:]:
            yield [r for path in task.paths for r in _score_isolated(path, task)]
