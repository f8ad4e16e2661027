"""A row of column numbers under a header ("栏次 | 1 | 2 | 3 | 4=3/2", "A | B | C=B/A"): official forms number
their columns so that a column's formula can name the others. Such a row is neither a funds row nor an indicator."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from perfxl.read.grid import Sheet
from perfxl.read.text import label_key

# one column's number or letter, optionally with the formula that fills it: 3, "5=3/2", "6=4×5", "C=B/A"
_LONGEST = 16  # no column's number and formula is longer ("10=(8+9)/7×100%")
_TOKEN = re.compile(r"([0-9]{1,2}|[A-Za-z])(?:=[0-9A-Za-z+\-×*/÷().]+)?")


def is_numbering(sheet: Sheet, r: int, captions: frozenset[str]) -> bool:
    """Row r numbers the columns: three or more column numbers (or letters) rising left to right, and beside them
    at most a caption (``captions``: label keys, rule data ``numbering_labels``: 栏次 …)."""
    anchor_of = sheet.anchor_of
    numbers: list[int] = []
    letters: list[str] = []
    for c, value in sheet.rows.get(r, ()):
        if anchor_of.get((r, c), (r, c))[0] != r:
            continue  # merged down from the header
        mark = _mark(value)
        if isinstance(mark, int):
            numbers.append(mark)
        elif mark is not None:
            letters.append(mark)
        elif not (isinstance(value, str) and label_key(value) in captions):
            return False
    if numbers and letters:
        return False
    marks = numbers or [ord(letter) for letter in letters]
    return len(marks) >= 3 and all(a < b for a, b in pairwise(marks))


@lru_cache(maxsize=1 << 12, typed=True)
def _mark(value: object) -> int | str | None:
    """A column's number (3) or letter ("C") as written in a numbering row, or None (cached: a batch's tables
    repeat their texts)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() and 0 <= value < 100 else None
    if not isinstance(value, str) or len(value) > _LONGEST:
        return None
    text = unicodedata.normalize("NFKC", value).replace(" ", "").upper()
    match = _TOKEN.fullmatch(text)
    if match is None:
        return None
    head = match.group(1)
    return int(head) if head.isdigit() else head
