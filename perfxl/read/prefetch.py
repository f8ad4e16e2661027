"""Asking the system to start reading a batch's files before they are sniffed (a page-cache hint)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from typing import Final

from perfxl.read.limits import WHOLE_READ, MiB

__all__ = ["prefetch"]

_PREFETCH: Final = 64 * MiB  # bytes asked for ahead at once: a task's forms several times over


def prefetch(paths: Iterable[str | os.PathLike[str]], budget: int = _PREFETCH) -> None:
    """Ask the system to start reading these files now (a hint: nothing is read here, errors are ignored).

    A batch's files are read one after another; those not in the page cache (a first run, a USB stick, a
    network share) each make the reader wait for the disk. Asked for at once, they are read while the files
    before them are worked on. Files are asked for in order until ``budget`` bytes (a few huge files do not
    flush the cache). Only regular files are opened (a pipe or a device is left to sniff() to reject), without
    blocking."""
    advise = getattr(os, "posix_fadvise", None)  # not on Windows or macOS: there it is a no-op
    if advise is None:
        return
    for path in paths:
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                continue
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        except (OSError, ValueError):
            continue
        try:
            advise(fd, 0, min(st.st_size, WHOLE_READ), os.POSIX_FADV_WILLNEED)  # what sniff() reads at once
        except OSError:
            pass
        finally:
            os.close(fd)
        budget -= min(st.st_size, WHOLE_READ)
        if budget <= 0:
            return
