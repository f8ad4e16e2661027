"""The table reader on the seeded structural variants (tests/corpus/variants.py): every indicator of each answer
key is read with its levels, weight cells and score cell, and no other row is read as an indicator."""

from __future__ import annotations

import re

import pytest
from corpus.key import AnswerKey
from corpus.variants import generate

from perfxl.locate.table import read_sheet
from perfxl.locate.tabular import IndicatorLine
from perfxl.read.grid import read_sheets
from perfxl.rules import load_rules

N, SEED = 240, 15
_WEIGHT = re.compile(r"\(\d+(?:\.\d+)?分\)$")

Entry = tuple[tuple[str, ...], tuple[str, ...], str]  # levels, weight cells, score cell


def _levels(texts: tuple[str, ...]) -> tuple[str, ...]:
    names = [_WEIGHT.sub("", t.replace("（", "(").replace("）", ")")).strip() for t in texts]
    while names and not names[-1]:
        names.pop()
    return tuple(names)


def _entry(group: tuple[IndicatorLine, ...]) -> Entry:
    rows = [tuple(lvl.text for lvl in line.levels) for line in group]
    common = (
        rows[0] if len(rows) == 1 else tuple(a for a, *rest in zip(*rows, strict=True) if all(b == a for b in rest))
    )
    weights = tuple(line.weight.cell for line in group if line.weight is not None)
    score = group[0].score
    return _levels(common), weights, "" if score is None else score.cell


def _expected(key: AnswerKey) -> set[Entry]:
    return {(_levels(ind.levels), ind.weight_cells, ind.score_cell) for ind in key.indicators}


@pytest.fixture(scope="module")
def readings(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, set[Entry], set[Entry], int]]:
    rules = load_rules("national-2020")
    out = []
    for path, key in generate(tmp_path_factory.mktemp("variants"), N, SEED):
        sheet = next(s for s in read_sheets(path) if s.name == key.sheet)
        tables = read_sheet(sheet, rules).tables
        got = {_entry(group) for table in tables for group in table.score_groups()}
        placeholders = sum(len(table.placeholders) for table in tables)
        out.append((path.name, _expected(key), got, placeholders - len(key.placeholders)))
    return out


def test_every_indicator_of_every_variant_is_read(readings: list[tuple[str, set[Entry], set[Entry], int]]) -> None:
    wanted = sum(len(expected) for _, expected, _, _ in readings)
    found = sum(len(expected & got) for _, expected, got, _ in readings)
    missed = [(name, sorted(expected - got)[:2]) for name, expected, got, _ in readings if expected - got]
    assert found == wanted, f"recall {found}/{wanted} = {found / wanted:.4f} over {len(readings)} files; {missed[:3]}"


def test_no_extra_row_is_read(readings: list[tuple[str, set[Entry], set[Entry], int]]) -> None:
    extra = [(name, sorted(got - expected)[:2]) for name, expected, got, _ in readings if got - expected]
    assert not extra, f"{len(extra)} of {len(readings)} files read rows the key does not have: {extra[:3]}"


def test_placeholder_rows_are_flagged_not_read(readings: list[tuple[str, set[Entry], set[Entry], int]]) -> None:
    # a key lists the placeholders the generator wrote; the reader may flag more (an empty group row is one too)
    short = [name for name, _, _, surplus in readings if surplus < 0]
    assert not short, f"placeholder rows not flagged in {short[:5]}"
