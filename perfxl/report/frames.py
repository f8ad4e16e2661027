"""A report as three tidy pandas DataFrames, for analysts who work in pandas or a notebook.

- ``returns``: one row per file: its status (and error), unit, forms found, totals, grade and how many
  findings of each severity it has (the public columns of the batch's returns table, ``perfxl.report.returns``).
- ``indicators``: one row per file × rate or indicator (``kind``): the value declared in the workbook, the one
  perfxl computed, and for an indicator its weight, the score that counts and the rule's score.
- ``findings``: one row per finding, as the report holds it.

Every table has the ``file`` column to join on. Numbers are float64 (NaN where there is none), counts int64,
texts str; a finding's ``declared`` and ``computed`` stay as typed (text or number) and are object columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import pandas as pd

from perfxl.read.values import parse_number, rate_readings
from perfxl.report.digest import digests_of
from perfxl.report.results import FileResult, RateResult, Report
from perfxl.report.returns import RETURNS, returns_table

# Each table's columns and their dtypes, in order: an empty report still gives every column (``RETURNS``: the
# public columns of the returns table, ``perfxl.report.returns``).
INDICATORS: dict[str, str] = {
    "file": "str",
    "kind": "str",  # "rate" or "indicator"
    "name": "str",
    "declared": "float64",  # a rate in percent as the checks read it; an indicator's declared score
    "declared_text": "str",  # a rate as typed ("10%")
    "computed": "float64",  # a rate in percent; an indicator's score that counts (as ``score``)
    "weight": "float64",
    "score": "float64",
    "rule_score": "float64",  # NaN: the indicator has no rule perfxl can compute, its declared score is kept
    "filled": "bool",  # the cell was blank and perfxl fills it in the scored copy
    "sheet": "str",
    "cell": "str",
    "working": "str",  # the formula or reasoning, in Chinese
}
FINDINGS: dict[str, str] = {
    "file": "str",
    "code": "str",
    "severity": "str",
    "sheet": "str",
    "cell": "str",
    "item": "str",
    "declared": "object",
    "computed": "object",
    "message": "str",
}


class IndicatorRow(NamedTuple):
    """One row of ``indicators`` (its columns, in order)."""

    file: str
    kind: str
    name: str
    declared: float | None
    declared_text: str | None
    computed: float | None
    weight: float | None
    score: float | None
    rule_score: float | None
    filled: bool
    sheet: str | None
    cell: str | None
    working: str


class Frames(NamedTuple):
    """The three tables of a report (``Report.to_frames()``)."""

    returns: pd.DataFrame
    indicators: pd.DataFrame
    findings: pd.DataFrame


def to_frames(report: Report) -> Frames:
    """The report's returns, rates and indicators, and findings as tidy DataFrames.

    ``returns`` is the public columns of the batch's returns table (from the digests a batch keeps, without
    reading a result back); for the other two a batch's report must have kept its results (``audit`` with
    ``keep_results``): each is read once.
    """
    indicators: list[IndicatorRow] = []
    findings: list[tuple[Any, ...]] = []
    for result in report.files:
        indicators += indicator_rows(result)
        findings += [
            (result.file, f.code.value, f.severity, f.sheet, f.cell, f.item, f.declared, f.computed, f.message)
            for f in result.flags
        ]
    returns = returns_table(digests_of(report.files))[list(RETURNS)]
    return Frames(returns, _frame(indicators, INDICATORS), _frame(findings, FINDINGS))


def _frame(rows: Sequence[tuple[Any, ...]], columns: dict[str, str]) -> pd.DataFrame:
    """Column by column, each made with its dtype: a missing text is NaN, a missing typed value None."""
    return pd.DataFrame(
        {name: pd.Series([row[i] for row in rows], dtype=dtype) for i, (name, dtype) in enumerate(columns.items())}
    )


def indicator_rows(result: FileResult) -> list[IndicatorRow]:
    """One return's rows of ``indicators`` (``INDICATORS``' columns): its rates, then its indicators. The summary's
    指标明细 row of the return is made from them too (``write.summary.rows.detail_row``)."""
    rows = [
        IndicatorRow(
            result.file,
            "rate",
            rate.name,
            _declared_rate(rate),
            rate.declared,
            _float(rate.value),
            None,
            None,
            None,
            rate.filled,
            rate.sheet,
            rate.cell,
            rate.formula,
        )
        for rate in result.rates
    ]
    rows += [
        IndicatorRow(
            result.file,
            "indicator",
            ind.name,
            _float(ind.declared),
            None,
            _float(ind.score),
            ind.weight,
            _float(ind.score),
            _float(ind.rule_score),
            ind.filled,
            ind.sheet,
            ind.cell,
            ind.basis,
        )
        for ind in result.indicators
    ]
    return rows


def _declared_rate(rate: RateResult) -> float | None:
    """A declared rate in percent, read as the checks read it: the reading nearest the computed rate (a bare
    0.9613 may be 96.13% formatted as a fraction); None where it is not a number."""
    if rate.declared is None:
        return None
    readings = [value for value, _ in rate_readings(parse_number(rate.declared))]
    if not readings:
        return None
    if rate.value is None:
        return readings[0]
    computed = rate.value
    return min(readings, key=lambda value: abs(value - computed))


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)
