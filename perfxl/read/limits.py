"""The pre-flight limits sniffing enforces (docs/bad-inputs.md §6.1), in one place for every check that reads them,
and how much of a file sniffing reads at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["DEFAULT_LIMITS", "WHOLE_READ", "Limits", "MiB"]

MiB: Final = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Pre-flight limits (docs/bad-inputs.md §6.1); sizes are bytes, as declared in the zip directory."""

    max_file: int = 50 * MiB  # input file on disk
    max_parts: int = 1000  # zip entries
    max_part: int = 100 * MiB  # declared uncompressed size of one part
    max_total: int = 300 * MiB  # declared uncompressed size of all parts
    min_ratio: float = 0.005  # compressed / uncompressed, checked only for parts > ratio_floor
    ratio_floor: int = 1 * MiB
    max_sheet_part: int = 2 * MiB  # one worksheet part (a filled evaluation form is small)
    max_sheets_total: int = 20 * MiB  # all worksheet parts together: bounds the time sniff can take
    max_sheet_area: int = 20_000_000  # max row x max column of the cells in one sheet


DEFAULT_LIMITS: Final = Limits()

WHOLE_READ: Final = 8 * MiB  # files up to this size are read into memory in one call
