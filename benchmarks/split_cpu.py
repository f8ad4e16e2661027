"""CPU seconds of one `perfxl audit` split between the main process and its workers.

    python3 benchmarks/split_cpu.py DIR WORKERS

Runs the audit in this process (the summary to a temporary file) and prints the wall time and the CPU seconds
(user + system) of the main process and of its children, the workers.
"""

from __future__ import annotations

import contextlib
import resource
import runpy
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    folder, workers = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as out:
        sys.argv = ["perfxl", "audit", folder, "-o", str(Path(out) / "汇总.xlsx"), "--force", "--workers", workers]
        start = time.perf_counter()
        with contextlib.suppress(SystemExit):  # the CLI's exit code
            runpy.run_module("perfxl", run_name="__main__")
        wall = time.perf_counter() - start
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime
    print(f"wall {wall:.2f} s  main {cpu[0]:.2f} s  workers {cpu[1]:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
