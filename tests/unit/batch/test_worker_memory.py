"""A batch worker's memory stays flat: nothing of a task outlives it (issue 18; benchmarks: memory flat as N grows)."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from perfxl.batch import lean
from perfxl.batch.tasks import Task
from perfxl.batch.worker import score_task
from perfxl.rules.auto import auto_rules

SEED = Path(__file__).resolve().parents[3] / "samples" / "大通湖政务中心2020_全套.xlsx"


def test_a_task_leaves_nothing_behind_in_a_worker(tmp_path: Path) -> None:
    """As in a worker (lean.worker_started: everything so far frozen, the collector off, one collection of the young
    generations per task), scoring the same task again and again leaves no more objects behind. The loaded
    workbooks were still alive during that collection: their cycles went to the generation that is never
    collected (a file's error holds its traceback, and so its frames), and a worker grew with every file it read
    (benchmarks/README.md)."""
    paths = [str(shutil.copy(SEED, tmp_path / f"f{i}.xlsx")) for i in range(8)]
    for i in range(4):  # files that cannot be read: their errors carry tracebacks, frames, cycles
        bad = tmp_path / f"bad{i}.xlsx"
        bad.write_bytes(b"PK\x03\x04 not a workbook" * (i + 1))
        paths.append(str(bad))
    task = Task(tuple(paths), auto_rules(), {}, False, keep_results=False)
    enabled = gc.isenabled()
    lean.worker_started()
    try:
        counts = []
        for _ in range(4):
            score_task(task)
            counts.append(len(gc.get_objects()))
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()
    assert counts[-1] - counts[1] < 300, counts  # the leaking code left thousands more with every task
