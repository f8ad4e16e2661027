"""A time limit on each file a batch worker reads, and a memory limit on each worker: a file built to make reading
slow or to fill the memory costs only itself.

A SIGALRM timer in the worker raises ``FileTimeout`` in its main thread, which ``pipeline.load`` turns into that
file's ``timeout`` error. Python checks for it between bytecodes: time spent inside one native call (calamine
parsing a part) ends only when that call returns, and such calls are bounded by sniff's size limits. Where the
platform has no SIGALRM (Windows), there is no limit.

The memory limit caps a worker's address space (``RLIMIT_AS``) at what it holds when it starts plus ``MEMORY_MB``:
past it, an allocation fails, and the file being read is that file's ``too-complex`` error (Python's own
allocations), or its worker dies and the file is read again alone and reported as ``worker-crash`` (an allocation
in the Rust reader aborts the process). A return needs a few MB; the widest sheet sniffing lets through (one far
cell making an area just under its limit) needs hundreds (docs/bad-inputs.md). Where the platform has no
``resource`` module (Windows), there is no limit.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from perfxl.errors import FileTimeout

FILE_SECONDS = 60.0  # reading and locating one return takes milliseconds; this is a hostile or broken file
MEMORY_MB = 1024  # address space a worker may add to what it holds at its start (0: no limit)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise FileTimeout in this (main) thread after ``seconds``; no limit where SIGALRM is missing or seconds <= 0."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise FileTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space at its present size plus ``megabytes`` (no cap for 0 or without
    ``resource``)."""
    if megabytes <= 0:
        return
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:  # the address space in use, in pages
            size = int(statm.read().split()[0]) * resource.getpagesize()
    except (ImportError, OSError, ValueError):
        return  # not Linux: no cheap reading of the present size, and no limit
    cap = size + megabytes * (1 << 20)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
