"""What write-back is asked to do and what it reports: cell edits, new sheets and their cells, the result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Style = Literal["title", "header", "text", "number", "percent", "ok", "bad", "link", "muted", "line", "count"]
CellValue = str | float | int | None


@dataclass(frozen=True)
class NewCell:
    """One cell of a generated sheet; ``link`` is an internal location such as ``'附件4'!B5``."""

    value: CellValue
    style: Style = "text"
    link: str | None = None


@dataclass(frozen=True)
class NewSheet:
    """A sheet appended to the workbook; the header rows are frozen and repeated on every printed page."""

    name: str
    rows: Sequence[Sequence[NewCell]]
    col_widths: Sequence[float]
    header_rows: int = 1
    autofilter: bool = True


@dataclass(frozen=True)
class CellEdit:
    """Mark one existing cell: ``filled`` writes ``value`` (green), ``flagged`` only colours it (red)."""

    sheet: str
    cell: str
    mark: Literal["filled", "flagged"]
    value: float | str | None = None
    note: str | None = None
    # ``value`` is a percent (85.71 for 85.71 %): written as a number in the cell's own percent format (a fraction
    # under "0.00%", as it is under '0.00"%"'), or with "0.00%" given to the cell, never as the text "85.71%"
    percent: bool = False


@dataclass(frozen=True)
class PatchResult:
    """Actual names given to the new sheets and Chinese warnings about what could not be kept/added."""

    sheet_names: list[str]
    warnings: list[str] = field(default_factory=list)
