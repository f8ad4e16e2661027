"""What a batch worker does with one task: the whole per-file pipeline, then each result packed for the spool.

Sniff, read and locate each file, compute column-wise over the task's files (the same ``evaluate`` as for one
file), write the scored copies if asked for, and pack each result with its summary rows (``rows.Packer``).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Sequence
from multiprocessing.synchronize import Event
from pathlib import Path
from types import FrameType

from perfxl.batch import lean
from perfxl.batch.limits import time_limit
from perfxl.batch.packed import Packed
from perfxl.batch.tasks import Task
from perfxl.errors import ErrorCode, InputError, PerfxlError, Stopped, os_reason
from perfxl.pipeline import Loaded, evaluate, evaluate_each, load
from perfxl.read.prefetch import prefetch
from perfxl.report.results import FileResult
from perfxl.rules.auto import rules_of, summary_rules
from perfxl.write.scored import write_scored
from perfxl.write.summary.rows import Packer

_STOP: list[Event | None] = [None]  # set by the main process on Ctrl-C (``set_stop``; None outside a batch's pool)
_READING = [False]  # a file is being read: stopping gives it up (``Stopped``) rather than waiting for it


def set_stop(stop: Event | None) -> None:
    """The event this worker checks between files: the main process sets it to stop the batch (Ctrl-C). Set while
    a file is being read (a slow one may take up to its time limit), it gives that file up at once: a thread waits
    for the event and signals the main thread (SIGUSR1, POSIX), whose handler raises ``Stopped`` while reading."""
    _STOP[0] = stop
    if stop is None or not hasattr(signal, "pthread_kill") or threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGUSR1, _on_stop)
    main = threading.main_thread().ident
    assert main is not None

    def wait() -> None:
        stop.wait()
        signal.pthread_kill(main, signal.SIGUSR1)

    threading.Thread(target=wait, name="perfxl-stop-watch", daemon=True).start()


def _on_stop(signum: int, frame: FrameType | None) -> None:
    if _READING[0]:
        raise Stopped


def _stopping() -> bool:
    stop = _STOP[0]
    return stop is not None and stop.is_set()


def score_task(task: Task) -> list[Packed]:
    """Load, evaluate (column-wise over the slice), write back and pack: the whole per-file pipeline.

    Asked to stop, it sends back the files read and written before (with their scored copies), not the others."""
    explain = task.keep_results or bool(task.outputs)  # the working is shown only in results and scored copies
    prefetch(task.paths)  # the disk reads the task's files while the first ones are worked on
    loaded = []
    for path in task.paths:
        if _stopping():
            break
        try:
            loaded.append(_load(path, task))
        except Stopped:
            break  # given up while it was read: like the files after it, not sent back
    report = evaluate_each(loaded, task.rules, explain)
    packer = Packer(summary_rules(task.rules))
    packed = [Packed.of(r, packer(r), task.keep_results) for r in _write_back(report.files, task)]
    # nothing of the task may be alive when its cycles are collected: what survives the collection would go to the
    # generation that is never collected (lean), and the worker would grow with the batch
    del report, loaded
    lean.task_done()
    return packed


def _load(path: str, task: Task) -> Loaded:
    _READING[0] = True
    try:
        with time_limit(task.seconds):
            return load(path, task.rules)
    finally:
        _READING[0] = False


_CRASHED = "读取该文件时读取进程异常退出(文件可能损坏、含恶意内容，或所需内存超过 audit --memory 的上限)"


def crashed(task: Task) -> list[Packed]:
    """The task's files as error entries: the process reading them died (a reader aborted on a hostile file)."""
    loaded = [
        Loaded(
            path,
            error=InputError(_CRASHED, code=ErrorCode.WORKER_CRASH, file=path),
        )
        for path in task.paths
    ]
    packer = Packer(summary_rules(task.rules))
    return [Packed.of(r, packer(r), task.keep_results) for r in evaluate(loaded, task.rules).files]


def _write_back(results: Sequence[FileResult], task: Task) -> list[FileResult]:
    """The results with their scored copies written; asked to stop, the results before it (each with its copy):
    the others are not sent back, as files not read, so that a resume scores them and writes their copies."""
    results = list(results)
    for i, result in enumerate(results):
        if task.outputs and _stopping():
            return results[:i]
        dst = task.outputs.get(result.file)
        if dst is None or result.status != "ok":
            continue
        try:
            dst.parent.mkdir(parents=True, exist_ok=True)
            rules = rules_of(task.rules, result.rules.name if result.rules is not None else None)
            patched = write_scored(Path(result.file), dst, result, rules, force=task.force)
            result.output = str(dst)
            result.notes.extend(patched.warnings)  # what the copy could not keep (macros removed …), as `score` says
        except PerfxlError as exc:
            result.output_error = str(exc)
            result.notes.append(f"评分副本未写出: {exc}")
        except OSError as exc:  # its folder could not be made
            result.output_error = f"{dst.parent}: 无法创建文件夹({os_reason(exc)})"
            result.notes.append(f"评分副本未写出: {result.output_error}")
    return results
