"""A worker whose main process is killed stops too (issue 18 item 8)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from processes import alive

# A main process that starts a worker watching it, gives it a minute of work, prints its pid, then dies at once (as
# under kill -9): a busy worker does not notice on its own (it is not reading its work queue).
_SCRIPT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from perfxl.batch.orphan import watch_parent
pool = ProcessPoolExecutor(max_workers=1, initializer={watch})
pid = pool.submit(os.getpid).result()
pool.submit(time.sleep, 60)
time.sleep(0.5)
print(pid, flush=True)
os._exit(9)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the test finds processes through /proc")
def test_a_worker_ends_with_its_main_process() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    script = _SCRIPT.replace("{watch}", "watch_parent")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    worker = int(done.stdout.split()[0])
    for _ in range(50):  # the worker looks twice a second; allow it five seconds
        if not alive(worker):
            break
        time.sleep(0.1)
    assert not alive(worker)
