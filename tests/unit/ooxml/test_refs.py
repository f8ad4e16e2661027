"""Tests for perfxl.ooxml.refs: column letters and A1 addresses, and the grid's 0-based ``a1`` built on them."""

from __future__ import annotations

import pytest

from perfxl.ooxml.refs import cell_ref, col_letters, col_number, parse_ref
from perfxl.read.grid import a1


@pytest.mark.parametrize(
    ("col", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (702, "ZZ"), (703, "AAA"), (16384, "XFD")]
)
def test_columns_both_ways(col: int, letters: str) -> None:
    assert col_letters(col) == letters
    assert col_number(letters) == col == col_number(letters.lower())


def test_cell_refs_both_ways() -> None:
    assert cell_ref(5, 2) == "B5" == a1((4, 1))
    assert parse_ref("B5") == parse_ref(" $b$5 ") == (5, 2)
    assert parse_ref("XFD1048576") == (1048576, 16384)


@pytest.mark.parametrize("ref", ["1A", "B0", "XFE1", "A1048577", "AAAA1", "", "A1:B2"])
def test_parse_ref_refuses_what_is_not_a_cell_in_the_grid(ref: str) -> None:
    with pytest.raises(ValueError):
        parse_ref(ref)
