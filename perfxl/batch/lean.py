"""How perfxl keeps Python's garbage collector out of its way: every use of ``gc`` is here.

perfxl makes a great many objects that are never garbage: the modules it imports at start (pandas above all),
and, in a batch, the short-lived working objects of each task, all freed by reference counting (a collection at
the end of a task finds no cycles). The automatic collector would walk them again and again for nothing, so:
what was imported is frozen (never walked again; forked workers inherit it frozen), the collector is off in the
workers and each task collects once at its end, and what is left at exit is frozen rather than walked by the
interpreter's last collection for memory the process is about to give back. The costs are measured in
``benchmarks/`` (see benchmarks/README.md), not asserted by tests.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def imports_frozen() -> Iterator[None]:
    """The collector paused while the block imports, then everything made so far frozen."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def freeze_at_exit() -> None:
    """Freeze what is left at exit instead of letting the last collection walk it (registered once, however
    often a command runs in one process); modules are still torn down as usual."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def worker_started() -> None:
    """A batch worker's start (a pool's initializer): what it inherited is frozen, and the automatic collector
    is off for good (each task collects once at its end)."""
    gc.freeze()
    gc.disable()


def task_done() -> None:
    """What a task left in cycles, collected once (the collector is off while tasks run)."""
    gc.collect(1)
