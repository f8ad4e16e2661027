"""The two marks perfxl puts on a person's cells, as openpyxl reads them back: (pattern, background colour)."""

from __future__ import annotations

from typing import Any

FILLED = ("gray0625", "FFC6EFCE")  # a value perfxl filled in: light green, sparse dots
FLAGGED = ("lightUp", "FFFFC7CE")  # a disagreement: light red, thin diagonal lines


def mark_of(cell: Any) -> tuple[str | None, str | None]:
    """(patternType, background rgb) of an openpyxl cell's fill."""
    return cell.fill.patternType, cell.fill.bgColor.rgb
