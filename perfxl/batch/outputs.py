"""Where a batch's scored copies go (--write-back): the inputs' folders mirrored under one folder, one copy
each, no two copies sharing a name."""

from __future__ import annotations

import os
from collections.abc import Sequence
from itertools import chain, count
from pathlib import Path

from perfxl.batch.discover import folded
from perfxl.errors import ErrorCode, OutputError
from perfxl.write.scored import SCORED, default_output


def plan_outputs(paths: Sequence[str], folder: Path) -> dict[str, Path]:
    """Where each input's scored copy goes: the input folder structure mirrored under folder, one copy each.

    Each input is resolved once (links followed: the structure is that of the files read) and cut below the
    inputs' common folder as text, not with a Path.resolve and relative_to per file (slower, for the same).
    Two inputs whose copies would share a name (甲.xlsx and 甲.xlsm; 乙.xlsx and 乙.XLSX, one file where case
    is not told apart) never write over each other: the later ones keep their whole name (甲.xlsx_评分.xlsx),
    then a number."""
    real = [os.path.realpath(p) for p in paths]
    if not real:
        return {}
    try:
        root = os.path.commonpath([os.path.dirname(r) for r in real])
    except ValueError as exc:  # Windows: inputs on two drives have no common folder to mirror
        raise OutputError(
            "输入文件位于不同的磁盘，--write-back 无法保持原目录结构；请按磁盘分别审核",
            code=ErrorCode.OUTPUT_LAYOUT,
            file=folder,
        ) from exc
    cut = len(root) if root.endswith(os.sep) else len(root) + 1
    taken: set[str] = set()
    planned: dict[str, Path] = {}
    for path, resolved in zip(paths, real, strict=True):
        relative = Path(resolved[cut:])
        planned[path] = _claim(folder / default_output(relative), relative.name, taken)
    return planned


def existing_outputs(planned: dict[str, Path]) -> list[Path]:
    """The planned copies that are there already (written over only with --force)."""
    return [p for p in planned.values() if p.exists()]


def _claim(dst: Path, source_name: str, taken: set[str]) -> Path:
    """dst, or the first free name after it, marked as taken (compared as case-insensitive file systems do)."""
    named = (dst.with_name(f"{source_name}{SCORED}{n}.xlsx") for n in chain([""], (f"({i})" for i in count(2))))
    free, key = next((c, k) for c in chain([dst], named) if (k := folded(c)) not in taken)
    taken.add(key)
    return free
