"""The house shows the pipeline: each stage imports only from the stages before it (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "perfxl"

# What each stage may import (besides itself), as docs/architecture.md's table says.
ALLOWED: dict[str, frozenset[str]] = {
    "errors": frozenset(),
    "ooxml": frozenset({"errors"}),
    "read": frozenset({"errors", "ooxml"}),
    "rules": frozenset({"errors", "read.text"}),
    "report": frozenset({"errors", "read", "__init__"}),
    "locate": frozenset({"errors", "read", "rules"}),
    "compute": frozenset({"errors", "read", "rules", "report", "locate"}),
    "check": frozenset({"errors", "read", "rules", "report", "locate", "compute"}),
    "pipeline": frozenset({"errors", "read", "rules", "report", "locate", "compute", "check"}),
    "write": frozenset({"errors", "ooxml", "read", "rules", "report"}),
}
LARGEST = 400  # lines: a module longer than this does more than one job


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _stage(relative: tuple[str, ...]) -> str:
    """'read' for perfxl/read/grid.py, 'pipeline' for perfxl/pipeline.py."""
    return relative[0].removesuffix(".py")


def _imports(path: Path) -> set[tuple[str, ...]]:
    """Every perfxl module or package this file imports, as path parts below perfxl."""
    found: set[tuple[str, ...]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = tuple(name.split("."))
            if parts[0] == "perfxl":
                found.add(parts[1:] or ("__init__",))
    return found


def _allowed(stage: str, target: tuple[str, ...]) -> bool:
    allowed = ALLOWED[stage]
    return target[0] == stage or target[0] in allowed or ".".join(target[:2]) in allowed


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_a_stage_imports_only_the_stages_before_it(stage: str) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)} imports perfxl.{'.'.join(target)}"
        for path in _modules()
        if _stage(path.relative_to(PACKAGE).parts) == stage
        for target in _imports(path)
        if not _allowed(stage, target)
    ]
    assert wrong == []


def test_no_relative_imports() -> None:
    relative = [
        str(path.relative_to(PACKAGE))
        for path in _modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level > 0
    ]
    assert relative == []


def test_no_module_does_several_jobs() -> None:
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > LARGEST
    }
    assert long == {}


def test_the_rules_are_checked_against_real_imports() -> None:
    """The walk above sees what it should: grid.py is read/ and imports ooxml (a test that cannot fail is none)."""
    grid = PACKAGE / "read" / "grid.py"
    assert _stage(grid.relative_to(PACKAGE).parts) == "read"
    assert ("ooxml", "refs") in _imports(grid)
    assert not _allowed("read", ("locate", "forms")) and _allowed("check", ("compute", "rates"))
