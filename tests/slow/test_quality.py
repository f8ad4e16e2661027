"""The house stays clean: ruff (check and format) and mypy --strict pass (run as part of the test command)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", "perfxl", "tests", "samples", "benchmarks"],
        [sys.executable, "-m", "ruff", "format", "--check", "perfxl", "tests", "samples", "benchmarks"],
        [sys.executable, "-m", "mypy", "perfxl"],
    ],
    ids=["ruff", "ruff-format", "mypy"],
)
def test_tool_passes(command: list[str]) -> None:
    if (
        shutil.which(command[2]) is None
        and subprocess.run([sys.executable, "-m", command[2], "--version"], capture_output=True, check=False).returncode
        != 0
    ):
        pytest.fail(f"{command[2]} is not installed: pip install -e '.[test]'")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
