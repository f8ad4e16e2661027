"""Bytes made in a forked child process while this one goes on with other work.

The summary of a big batch spends most of its time making one sheet's rows (问题清单, by far the largest
table) while the pool's cores sit idle: ``Aside.start`` forks a child that makes them into an
anonymous temporary file, this process writes the other sheets meanwhile, and ``Aside.result`` hands the
bytes back when they are needed. Nothing here is required: where ``os.fork`` is missing (Windows) ``start``
returns None, and a child that fails is reported by ``result`` as None; the caller then makes the bytes
itself, the same way. The child writes only to its own temporary file and leaves with ``os._exit``: it
never flushes or closes anything of this process's.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

_READ = 1 << 20  # bytes read back at a time


class Aside:
    """A child process writing ``make()``'s chunks to a temporary file."""

    def __init__(self, pid: int, file: IO[bytes]) -> None:
        self.pid: int | None = pid
        self.file = file

    @classmethod
    def start(cls, make: Callable[[], Iterable[bytes]]) -> Aside | None:
        """Fork a child running ``make``; None where this platform cannot fork (the caller makes the bytes)."""
        if not hasattr(os, "fork"):
            return None
        file = tempfile.TemporaryFile(prefix="perfxl-aside-")  # noqa: SIM115 - closed by close()
        try:
            pid = os.fork()
        except OSError:
            file.close()
            return None
        if pid == 0:  # the child: never returns
            _child(make, file.fileno())
        return cls(pid, file)

    def result(self) -> Iterator[bytes] | None:
        """Wait for the child; its bytes in chunks, or None if it did not finish cleanly."""
        if self.pid is None:
            return None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        self.file.seek(0)
        return iter(lambda: self.file.read(_READ), b"")

    def close(self) -> None:
        """Stop the child if it still runs (an interrupted summary) and free the file."""
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = None
        self.file.close()


def _child(make: Callable[[], Iterable[bytes]], fd: int) -> None:
    code = 1
    try:
        with os.fdopen(os.dup(fd), "wb") as out:
            for chunk in make():
                out.write(chunk)
        code = 0
    except BaseException:
        pass  # the parent sees the exit code and makes the bytes itself
    finally:
        os._exit(code)
