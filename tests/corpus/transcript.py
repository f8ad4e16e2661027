"""A real-table transcription (tests/corpus/real/*.yaml, format in the YAML files' own fields) and its self-checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from corpus.grid import Box, parse_a1, parse_range

REAL = Path(__file__).resolve().parent / "real"


@dataclass(frozen=True)
class SheetText:
    """One transcribed sheet: rows of printed text and merged A1 ranges."""

    name: str
    rows: tuple[tuple[str, ...], ...]
    merges: tuple[str, ...]


@dataclass(frozen=True)
class Transcript:
    """One YAML file: the table's identity, its sheets and the hand-worked mistakes."""

    path: Path
    data: dict[str, Any]
    sheets: tuple[SheetText, ...]

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def mistakes(self) -> list[dict[str, Any]]:
        return list(self.data.get("mistakes") or [])


def load(path: Path) -> Transcript:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sheets = tuple(
        SheetText(
            name=str(sheet["name"]),
            rows=tuple(tuple("" if cell is None else str(cell) for cell in row) for row in sheet["rows"]),
            merges=tuple(sheet.get("merges") or ()),
        )
        for sheet in data["sheets"]
    )
    return Transcript(path=path, data=data, sheets=sheets)


def load_all() -> list[Transcript]:
    return [load(path) for path in sorted(REAL.glob("*.yaml"))]


def _overlap(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def sheet_problems(sheet: SheetText) -> list[str]:
    """Rows of one length, merges inside the grid, not overlapping, covering only blank cells."""
    problems: list[str] = []
    widths = {len(row) for row in sheet.rows}
    if len(widths) != 1:
        problems.append(f"{sheet.name}: rows of lengths {sorted(widths)}")
    width, height = max(widths), len(sheet.rows)
    boxes = [(ref, parse_range(ref)) for ref in sheet.merges]
    for ref, (r1, c1, r2, c2) in boxes:
        if not (1 <= r1 <= r2 <= height and 1 <= c1 <= c2 <= width) or (r1, c1) == (r2, c2):
            problems.append(f"{sheet.name}: merge {ref} outside the {height}×{width} grid or a single cell")
            continue
        covered = [
            (r, c)
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
            if (r, c) != (r1, c1) and sheet.rows[r - 1][c - 1]
        ]
        if covered:
            problems.append(f"{sheet.name}: merge {ref} covers non-blank cells {covered}")
    for i, (ref_a, box_a) in enumerate(boxes):
        problems.extend(
            f"{sheet.name}: merges {ref_a} and {ref_b} overlap"
            for ref_b, box_b in boxes[i + 1 :]
            if _overlap(box_a, box_b)
        )
    return problems


def problems(transcript: Transcript) -> list[str]:
    """Every internal inconsistency of a transcription; [] when it is consistent."""
    found = [p for sheet in transcript.sheets for p in sheet_problems(sheet)]
    for mistake in transcript.mistakes:
        row, col = parse_a1(str(mistake["cell"]))
        homes = [s for s in transcript.sheets if row <= len(s.rows) and col <= len(s.rows[0])]
        if not homes:
            found.append(f"mistake cell {mistake['cell']} outside every sheet")
        elif not any(str(mistake["declared"]) in s.rows[row - 1][col - 1] for s in homes):
            found.append(f"mistake cell {mistake['cell']} does not hold {mistake['declared']!r}")
    return found
