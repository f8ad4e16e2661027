"""Cell references: column letters and A1 addresses, 1-based, for everything perfxl reads or patches (the
workbooks xlsxwriter makes use xlsxwriter's own utility, as its writer does)."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["MAX_COL", "MAX_ROW", "cell_ref", "col_letters", "col_number", "parse_ref"]

MAX_ROW: Final = 1_048_576
MAX_COL: Final = 16_384  # XFD

_REF: Final = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$")


def col_number(letters: str) -> int:
    """'A' -> 1, 'AB' -> 28; any number of ASCII letters, either case."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(col: int) -> str:
    """1 -> 'A', 28 -> 'AB'; '' for 0."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def cell_ref(row: int, col: int) -> str:
    """(5, 2) -> 'B5'."""
    return f"{col_letters(col)}{row}"


def parse_ref(ref: str) -> tuple[int, int]:
    """'B5' or '$B$5' -> (row 5, column 2); ValueError when not a cell address inside the sheet grid."""
    m = _REF.match(ref.strip())
    if not m:
        raise ValueError(ref)
    row, col = int(m.group(2)), col_number(m.group(1))
    if col > MAX_COL or row > MAX_ROW:
        raise ValueError(ref)
    return row, col
