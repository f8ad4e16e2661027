"""A time limit on each file a batch worker reads: a file built to make reading slow costs only itself.

A SIGALRM timer in the worker raises ``FileTimeout`` in its main thread, which ``pipeline.load`` turns into that
file's ``timeout`` error. Python checks for it between bytecodes: time spent inside one native call (calamine
parsing a part) ends only when that call returns, and such calls are bounded by sniff's size limits. Where the
platform has no SIGALRM (Windows), there is no limit.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from perfxl.errors import FileTimeout

FILE_SECONDS = 60.0  # reading and locating one return takes milliseconds; this is a hostile or broken file


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
