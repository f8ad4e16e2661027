"""Milliseconds a file spent in each per-file stage, in one process, as a worker runs a batch.

    ROOT=/path/to/tree python3 benchmarks/stages.py [N] [DATA]

Scores the first N (default 1,000) returns of DATA (default the bench's cached 10,000, `$TMPDIR/perfxl-bench/n10000`)
as 250-file tasks, the collector off as in a worker, after a 50-file warm-up; ROOT chooses the tree to measure (two
trees alternated give an A/B on the same files). Stages: sniff, calamine reading and the grids (read_sheets), choosing
the rule set and reading the tables (choose), locating, evaluating, and the rest of the task (packing the summary rows).
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, os.environ.get("ROOT", str(Path(__file__).resolve().parents[1])))

import perfxl.batch.worker as worker
import perfxl.pipeline as pipeline
from perfxl.batch.tasks import Task
from perfxl.rules.auto import auto_rules

spent: dict[str, float] = {}


def timed(module: Any, name: str, label: str = "") -> None:
    """Replace module.name with a copy that adds its time to ``spent[label or name]``."""
    inner: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[label or name] = spent.get(label or name, 0.0) + time.perf_counter() - start

    setattr(module, name, wrapper)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    data = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.gettempdir()) / "perfxl-bench" / "n10000"
    for name in ("sniff", "read_sheets", "choose", "locate"):
        timed(pipeline, name)
    # the worker's evaluation step (``evaluate_each`` since it was made safe against a checker's bug on one file)
    timed(worker, "evaluate_each" if hasattr(worker, "evaluate_each") else "evaluate", "evaluate")
    for name in ("_load", "score_task"):
        timed(worker, name)
    rules = auto_rules()
    files = sorted(str(p) for p in data.rglob("*.xlsx"))
    gc.freeze()
    gc.disable()
    worker.score_task(Task(tuple(files[:50]), rules, {}, False, False))
    spent.clear()
    for i in range(0, n, 250):
        worker.score_task(Task(tuple(files[i : i + 250]), rules, {}, False, False))
    shown = {k: v for k, v in spent.items() if k not in ("_load", "score_task")}
    shown["rest of the task"] = spent["score_task"] - spent["_load"] - spent["evaluate"]
    shown["whole task"] = spent["score_task"]
    print("  ".join(f"{k} {v / n * 1e3:.3f}" for k, v in shown.items()))


if __name__ == "__main__":
    main()
