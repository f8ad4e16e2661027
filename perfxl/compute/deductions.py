"""A score declared as a deduction: forms that print 扣分 beside 分值, with or without a 得分 column.

Where a row prints no 得分, its declared score is 分值 − 扣分, said at the 扣分 cell ("扣分 0.12(得分 14.88)"); where
it prints both, they must add up to its 分值.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from perfxl.compute.readings import cell_number, finding
from perfxl.locate.located import Hit
from perfxl.read.values import fmt, is_empty
from perfxl.report.findings import Code, Finding


class Declared(NamedTuple):
    """A row's declared score, the cell it is read from and how a message says it."""

    hit: Hit | None
    value: float | None
    said: str  # "得分 9.5" or "扣分 0.5(得分 9.5)"


def declared_score(cells: Mapping[str, Hit], weight: float | None, blank_is_none: bool = False) -> Declared:
    """The 得分 a row declares: its 得分 cell, else 分值 − its 扣分 (``blank_is_none``: a blank 扣分 takes nothing
    off, in a table whose 扣分 column is filled where points were taken; see ``blanks_take_nothing``)."""
    hit = cells.get("score")
    deduction = cells.get("deduction")
    if hit is None and deduction is not None and weight is not None:
        taken = cell_number(deduction)
        if taken is None and blank_is_none and is_empty(deduction.raw):
            return Declared(deduction, weight, f"扣分 空白(未扣分，得分 {fmt(weight)})")
        if taken is None:
            return Declared(deduction, None, "扣分")
        return Declared(deduction, weight - taken, f"扣分 {fmt(taken)}(得分 {fmt(weight - taken)})")
    value = cell_number(hit)
    return Declared(hit, value, f"得分 {fmt(value)}" if value is not None else "得分")


def blanks_take_nothing(rows: Iterable[Mapping[str, Hit]]) -> bool:
    """A table that prints 扣分 and no 得分, some 扣分 cell a figure: the blanks are rows nothing was taken off (a
    table whose 扣分 are all blank is a template left to fill, not full marks)."""
    cells = list(rows)
    return not any("score" in c for c in cells) and any(cell_number(c.get("deduction")) is not None for c in cells)


def typed_score(cells: Mapping[str, Hit], hit: Hit | None) -> object:
    """What the row typed as its score, for the precision it was typed at: its 得分 cell's content (None where the
    score is worked from a 扣分)."""
    return hit.raw if hit is not None and hit is cells.get("score") else None


def deduction_finding(
    cells: Mapping[str, Hit], weight: float | None, item: str, tol: float, expected: float | None = None
) -> Finding | None:
    """得分 + 扣分 ≠ 分值 on a row that prints all three, or None: said at the 扣分 when the 得分 is the one the row's
    values give (``expected``), else at the 得分."""
    score, taken = cell_number(cells.get("score")), cell_number(cells.get("deduction"))
    if weight is None or score is None or taken is None or abs(score + taken - weight) <= tol:
        return None
    if expected is not None and abs(score - expected) <= tol:
        return finding(
            Code.SCORE_MISMATCH,
            "error",
            cells["deduction"],
            item,
            taken,
            round(weight - score, 2),
            f"扣分填报 {fmt(taken)}，分值 {fmt(weight)} − 得分 {fmt(score)} = {fmt(weight - score)}",
        )
    return finding(
        Code.SCORE_MISMATCH,
        "error",
        cells["score"],
        item,
        score,
        round(weight - taken, 2),
        f"得分 {fmt(score)} + 扣分 {fmt(taken)} ≠ 分值 {fmt(weight)}；按扣分应得 {fmt(weight - taken)}",
    )
