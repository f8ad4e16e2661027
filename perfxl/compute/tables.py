"""The batch's tables (one row per workbook) that ``perfxl.compute.rates`` makes, and one workbook's row of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from perfxl.compute.others import OtherScore
from perfxl.compute.printed import Printed
from perfxl.compute.stated import StatedColumn
from perfxl.compute.unit_slips import UnitSlip
from perfxl.rules import RateDef

PrintedColumns = dict[str, list[Printed | None]]  # indicator -> each book's printed standard (None: none printed)
# indicator -> each book's rate formula from its 指标说明 and the rate it gives (None: the rule set's formula)
DefinedColumns = dict[str, list[tuple[RateDef, float] | None]]


@dataclass(frozen=True)
class Tables:
    """The batch as tables; index = position of the workbook in the batch."""

    values: pd.DataFrame  # field key -> parsed number (NaN: blank, unreadable or not found)
    present: pd.DataFrame  # field key -> the label was found
    rates: pd.DataFrame  # rate name -> percent
    rule_scores: pd.DataFrame  # indicator -> score by its rule (NaN: declared-only or no inputs)
    declared: pd.DataFrame  # indicator -> declared score (a merged group's score on its first member)
    weights: pd.DataFrame  # indicator -> weight the declared score is judged against (group sum / 0)
    effective: pd.DataFrame  # indicator -> the score that counts toward the total
    totals: pd.Series  # computed total
    complete: pd.Series  # every indicator has a score that counts (else the total is partial)
    others: pd.Series  # Σ declared scores of the score-table rows no rule covers (0 when there are none)
    printed: PrintedColumns = field(default_factory=dict)  # indicator -> each book's printed 评价标准, read
    defined: DefinedColumns = field(default_factory=dict)  # indicator -> each book's printed formula, where used
    other_scores: list[tuple[OtherScore, ...]] = field(default_factory=list)  # each book's rows scored by a rate
    stated: dict[str, StatedColumn] = field(default_factory=dict)  # indicator -> each book's rate as its row states it
    slips: list[dict[str, UnitSlip]] = field(default_factory=list)  # each book's amounts typed in 元: rate -> slip

    def rows(self) -> list[Rows]:
        """The tables as one plain record per workbook, for per-file rendering."""
        frames = {
            "values": self.values,
            "present": self.present,
            "rates": self.rates,
            "rule_scores": self.rule_scores,
            "declared": self.declared,
            "weights": self.weights,
            "effective": self.effective,
        }
        # tolist gives Python floats (bools for present); the column names are str
        records: dict[str, list[dict[str, Any]]] = {
            name: [dict(zip(columns, row, strict=True)) for row in frame.to_numpy().tolist()]
            for name, frame in frames.items()
            for columns in [frame.columns.tolist()]  # a list: a pandas Index is slow to iterate
        }
        totals = [float(t) for t in self.totals.to_numpy()]
        complete = [bool(c) for c in self.complete.to_numpy()]
        others = [float(o) for o in self.others.to_numpy()]
        return [
            Rows(
                **{name: recs[i] for name, recs in records.items()},
                total=totals[i],
                complete=complete[i],
                others=others[i],
                printed={name: p for name, column in self.printed.items() if (p := column[i]) is not None},
                defined={name: d for name, column in self.defined.items() if (d := column[i]) is not None},
                other_scores=self.other_scores[i] if self.other_scores else (),
                stated={name: t for name, column in self.stated.items() if (t := column[i]) is not None},
                slips=self.slips[i] if self.slips else {},
            )
            for i in range(len(self.values))
        ]


@dataclass(frozen=True)
class Rows:
    """One workbook's row of every table (values as floats; present as bools)."""

    values: dict[str, float]
    present: dict[str, bool]
    rates: dict[str, float]
    rule_scores: dict[str, float]
    declared: dict[str, float]
    weights: dict[str, float]
    effective: dict[str, float]
    total: float
    complete: bool
    others: float = 0.0  # Σ declared scores of the score-table rows no rule covers
    printed: dict[str, Printed] = field(default_factory=dict)  # indicator -> the 评价标准 its row prints, read
    defined: dict[str, tuple[RateDef, float]] = field(default_factory=dict)  # indicator -> printed formula, its rate
    other_scores: tuple[OtherScore, ...] = ()  # the rows no indicator covers that their printed standard scores
    stated: dict[str, tuple[str, float]] = field(default_factory=dict)  # indicator -> its row's own rate, where used
    slips: dict[str, UnitSlip] = field(default_factory=dict)  # rate -> its amount typed in 元, taken in 万元
