"""Tests for perfxl.read.prefetch: a hint that never raises or blocks, whatever it is given."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sniff_inputs import base_xlsx, write

from perfxl.read.prefetch import prefetch


def test_prefetch_passes_over_what_it_cannot_or_should_not_open(tmp_path: Path) -> None:
    """A pipe (opening one to read can wait forever), a folder, a missing file, a NUL in the name: all left
    to sniff() to report, none raises, none blocks."""
    fifo = tmp_path / "管道.xlsx"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    done = threading.Event()

    def go() -> None:
        prefetch([fifo, tmp_path, tmp_path / "没有.xlsx", "a\0b.xlsx", write(tmp_path, "ok.xlsx", base_xlsx())])
        done.set()

    worker = threading.Thread(target=go, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done.is_set()
