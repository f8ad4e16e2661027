"""What a sheet states of itself in a text cell (a note under the table, a line above it): grade bounds, 定性 tiers,
fixed shares. Each distinct text is looked at once (the sheet's label keys), only where its key has the words the
statement needs, and the first one the reader makes sense of is taken."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from perfxl.locate.located import Hit
from perfxl.read.grid import Sheet, a1

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


def first_text(sheet: Sheet, top: int, bottom: int, test: Callable[[str], object]) -> Hit | None:
    """The first text cell below row ``top`` down to ``bottom`` (the form's, not a form's further down the sheet)
    that passes ``test``."""
    for row, texts in sheet.text_rows.items():
        if not top < row <= bottom:
            continue
        for col, _ in texts:
            text = sheet.cells[(row, col)]
            if isinstance(text, str) and test(text):
                return Hit(sheet.name, a1((row, col)), text, "注")
    return None
