"""A batch cut into tasks: slices of its files, each scored by one worker in one go."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from perfxl.batch.limits import FILE_SECONDS, MEMORY_MB
from perfxl.rules.auto import Rules


@dataclass(frozen=True)
class Task:
    """A slice of the batch for one worker: score these files, write their copies where planned."""

    paths: tuple[str, ...]
    rules: Rules
    outputs: dict[str, Path]
    force: bool
    keep_results: bool = True  # pickle each FileResult (else only its digest and summary rows are sent back)
    seconds: float = FILE_SECONDS  # the time one file may take to read and locate (0: no limit)
    memory_mb: int = MEMORY_MB  # the memory a worker may add to its own at start (0: no limit)

    def alone(self, path: str) -> Task:
        """The same task for one of its files only."""
        return Task((path,), self.rules, self.outputs, self.force, self.keep_results, self.seconds, self.memory_mb)


# Files per task, between these bounds: enough to compute column-wise at pandas' speed and to spread each
# task's fixed costs; few enough to bound what a worker holds and sends back at once, whatever the batch;
# and at least TASKS_PER_WORKER tasks per worker, so that no worker idles long at the end (with --write-back
# each file costs a worker more, and balance matters more).
TASK_SIZES = (32, 256)
TASKS_PER_WORKER = 8
TAIL_MIN = 8  # files in the smallest of the last tasks: a task more has a fixed cost too


def task_size(n_files: int, workers: int) -> int:
    """Files per task: a share of the batch for TASKS_PER_WORKER tasks per worker, within TASK_SIZES."""
    lo, hi = TASK_SIZES
    return max(lo, min(hi, -(-n_files // (TASKS_PER_WORKER * max(1, workers)))))


def task_slices(n_files: int, workers: int) -> list[range]:
    """The batch cut into tasks of ``task_size`` files; with several workers the last ``workers`` tasks' worth
    are cut ever smaller (each half of one worker's share of what is left, down to TAIL_MIN files), so that the
    workers run out of work together rather than one idling while another ends a full-sized task."""
    size = task_size(n_files, workers)
    bulk = n_files if workers <= 1 else max(0, n_files - workers * size) // size * size
    slices = [range(i, min(i + size, bulk)) for i in range(0, bulk, size)]
    start = bulk
    while start < n_files:
        step = max(TAIL_MIN, -(-(n_files - start) // (2 * workers)))
        slices.append(range(start, min(start + step, n_files)))
        start += step
    return slices


def cut_tasks(
    paths: Sequence[str],
    rules: Rules,
    workers: int,
    outputs: dict[str, Path],
    force: bool = False,
    keep_results: bool = True,
    seconds: float = FILE_SECONDS,
    memory_mb: int = MEMORY_MB,
) -> list[Task]:
    """The batch's tasks, in order: each slice of ``task_slices`` with the planned outputs of its files."""
    tasks = []
    for s in task_slices(len(paths), workers):
        names = tuple(paths[s.start : s.stop])
        planned = {n: outputs[n] for n in names if n in outputs}
        tasks.append(Task(names, rules, planned, force, keep_results, seconds, memory_mb))
    return tasks
