"""What a sheet states of itself in a text cell (a note under the table, a line above it): grade bounds, 定性 tiers,
fixed shares. Each distinct text is looked at once (the sheet's label keys), only where its key has the words the
statement needs, and the first one the reader makes sense of is taken."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from perfxl.read.grid import Sheet

T = TypeVar("T")
_LONGEST = 2000  # characters of a note read: a form's notes are a few lines; a cell of 30,000 is none (and would make
# the readers' patterns search long)


def first_note(sheet: Sheet, wanted: Callable[[str], bool], read: Callable[[str], T | None]) -> T | None:
    """``read`` of the first text of the sheet whose key is ``wanted`` (has the words the statement needs) and that
    ``read`` reads."""
    for key, at in sheet.key_index.items():
        if len(key) <= _LONGEST and wanted(key):
            found = read(str(sheet.cells[at[0]]))
            if found is not None:
                return found
    return None
