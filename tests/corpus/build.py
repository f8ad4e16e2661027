"""Lay a transcription out as the .xlsx a person would hold: every cell at its place, merges applied, numbers typed.

python tests/corpus/build.py OUT_DIR        # builds every tests/corpus/real/*.yaml into OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `corpus` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.cells import typed
from corpus.grid import Grid, parse_range, save
from corpus.transcript import load, load_all


def build(yaml_path: Path, out_dir: Path) -> Path:
    """Write `<id>.xlsx` into out_dir, one sheet per transcribed sheet, and return its path."""
    transcript = load(yaml_path)
    grids = []
    for sheet in transcript.sheets:
        grid = Grid(sheet.name)
        for r, row in enumerate(sheet.rows, start=1):
            for c, text in enumerate(row, start=1):
                if text:
                    grid.put(r, c, *typed(text))
        for ref in sheet.merges:
            grid.merge(*parse_range(ref))
        grids.append(grid)
    return save(grids, out_dir / f"{transcript.id}.xlsx")


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    for item in load_all():
        print(build(item.path, target))
