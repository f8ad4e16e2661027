"""Rows of column numbers under a header (栏次 | 1 | 2 | 3 | 5=3/2, A | B | C=B/A) against rows that only look alike."""

from __future__ import annotations

import pytest

from perfxl.locate.numbering import is_numbering
from perfxl.read.grid import Sheet

CAPTIONS = frozenset({"栏次"})  # as the rule data's numbering_labels key


def _row(*values: object) -> Sheet:
    return Sheet("s", {(0, c): v for c, v in enumerate(values) if v is not None})


@pytest.mark.parametrize(
    "values",
    [
        ("栏次", 1, 2, 3, 4, "5=3/2", "6=4×5"),
        (None, 1, 2, 3, 4, 5, 6, 7, 8),
        ("1", "2", "3", "4=3/2"),
        ("A", "B", "C", "D=C/B", "E=D*10"),
        ("１", "２", "３"),  # full-width
    ],
)
def test_column_numbers(values: tuple[object, ...]) -> None:
    assert is_numbering(_row(*values), 0, CAPTIONS)


@pytest.mark.parametrize(
    "values",
    [
        ("年度资金总额", 1, 2, 3),  # a funds row with small amounts
        (3, 2, 1),  # not rising
        (1, 2),  # too few to tell
        (1, "B", 3),  # numbers and letters mixed
        ("质量指标", "合格率", "100%", "98%", 10, 9.8),
        (1.5, 2, 3),
    ],
)
def test_rows_that_only_look_alike(values: tuple[object, ...]) -> None:
    assert not is_numbering(_row(*values), 0, CAPTIONS)
