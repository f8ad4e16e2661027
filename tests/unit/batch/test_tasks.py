"""Cutting a batch into tasks: sizes worked out by hand from the rules in ``task_size`` and ``task_slices``.

task_size = ceil(files / (8 tasks × workers)), kept within 32..256. With several workers, all but the last
``workers`` tasks' worth go in tasks of that size; what is left is cut into tasks of ceil(left / (2 × workers))
files, at least 8, so that the workers run out of work together.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.batch.tasks import Task, cut_tasks, task_size, task_slices
from perfxl.rules import load_rules

RULES = load_rules()


@pytest.mark.parametrize(
    ("n_files", "workers", "size"),
    [
        (10_000, 2, 256),  # 10,000 / 16 = 625: at most 256
        (1_000, 2, 63),  # 1,000 / 16 = 62.5, rounded up
        (300, 1, 38),  # 300 / 8 = 37.5, rounded up
        (100, 1, 32),  # 100 / 8 = 12.5: at least 32
        (5_000, 0, 256),  # no workers counts as one: 5,000 / 8 = 625
    ],
)
def test_task_size(n_files: int, workers: int, size: int) -> None:
    assert task_size(n_files, workers) == size


@pytest.mark.parametrize(
    ("n_files", "workers", "sizes"),
    [
        # 10,000 − 2 × 256 = 9,488 → 37 tasks of 256 (9,472); the 528 left: 528/4 → 132, 396/4 → 99,
        # 297/4 → 75, 222/4 → 56, 166/4 → 42, 124/4 → 31, 93/4 → 24, 69/4 → 18, 51/4 → 13, 38/4 → 10, then 8s
        # (28, 20, 12 left: a quarter is under 8) and the last 4
        (10_000, 2, [256] * 37 + [132, 99, 75, 56, 42, 31, 24, 18, 13, 10, 8, 8, 8, 4]),
        # size 63; 1,000 − 126 = 874 → 13 tasks (819); 181 left: 46, 34, 26, 19, 14, 11, 8, 8, 8 and the last 7
        (1_000, 2, [63] * 13 + [46, 34, 26, 19, 14, 11, 8, 8, 8, 7]),
        # size 32; 200 − 96 = 104 → 3 tasks (96); 104 left: 104/6 → 18, 86/6 → 15, 71/6 → 12, 59/6 → 10,
        # 49/6 → 9, then 8s
        (200, 3, [32, 32, 32, 18, 15, 12, 10, 9, 8, 8, 8, 8, 8]),
        (300, 1, [38] * 7 + [34]),  # one worker: nothing to balance; 7 × 38 = 266, 34 left
        (10, 2, [8, 2]),  # fewer files than two tasks' worth: all in the tail, 8 at least
        (0, 2, []),
    ],
)
def test_the_last_tasks_are_smaller_so_workers_finish_together(n_files: int, workers: int, sizes: list[int]) -> None:
    slices = task_slices(n_files, workers)
    assert [len(s) for s in slices] == sizes
    assert [i for s in slices for i in s] == list(range(n_files))  # every file once, in order


def test_each_task_carries_its_own_files_and_their_planned_copies(tmp_path: Path) -> None:
    paths = [f"{i:02}.xlsx" for i in range(40)]  # one worker, 40 files: tasks of 32 (the least), then 8
    outputs = {"00.xlsx": tmp_path / "00_评分.xlsx", "35.xlsx": tmp_path / "35_评分.xlsx"}
    tasks = cut_tasks(paths, RULES, 1, outputs, force=True, keep_results=False)
    assert tasks == [
        Task(tuple(paths[:32]), RULES, {"00.xlsx": tmp_path / "00_评分.xlsx"}, True, False),
        Task(tuple(paths[32:]), RULES, {"35.xlsx": tmp_path / "35_评分.xlsx"}, True, False),
    ]
    assert tasks[1].alone("35.xlsx") == Task(("35.xlsx",), RULES, tasks[1].outputs, True, False)


def test_an_empty_batch_has_no_tasks() -> None:
    assert cut_tasks([], RULES, 2, {}) == []
