"""Outputs written atomically: the mode the written file is given."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from perfxl.write.atomic import atomic_path


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_an_output_is_readable_by_others_as_a_saved_file_is(tmp_path: Path) -> None:
    # round 41: outputs came out 0600 (mkstemp's mode), so colleagues on a shared server could not open them; now the
    # mode a plain save gives under the process's umask (022 here: 0644)
    old = os.umask(0o022)
    try:
        dst = tmp_path / "汇总.xlsx"
        with atomic_path(dst, force=False) as tmp:
            tmp.write_bytes(b"x")
        assert stat.S_IMODE(dst.stat().st_mode) == 0o644
    finally:
        os.umask(old)
