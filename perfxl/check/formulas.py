"""Each line's cell of a column whose header prints a formula, against that formula over the line's own cells
(``perfxl.locate.column_formulas``): an amount to the cent of its money tolerance, a rate at the precision typed.

A formula that names another formula's column takes that column's value as its own formula gives it: a wrong 结余金额
⑥ is one finding, not a second one on the 结余率 ⑦ = ⑥ ÷ ③ worked from the right figure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from itertools import groupby

from perfxl.compute.judge import judge_declared_rate
from perfxl.compute.readings import finding
from perfxl.locate.column_formulas import ColumnFormula, evaluate, figure_of, worked_out
from perfxl.read.values import fmt, parse_number, round_half_up
from perfxl.report.findings import Code, Finding


def formula_findings(formulas: Iterable[ColumnFormula], money_tol: float) -> Iterator[Finding]:
    """One finding per cell that its header's formula does not give (a line with a blank or "/" cell, or a quotient
    over 0, is not judged)."""

    def line_of(formula: ColumnFormula) -> tuple[str, int]:
        return formula.target.sheet, formula.row

    for _, line in groupby(sorted(formulas, key=line_of), key=line_of):
        pending = list(line)
        worked: dict[str, float] = {}  # mark -> the value its own formula gives on this line
        while pending:
            ahead = {f.mark for f in pending}
            ready = [f for f in pending if not any(name in ahead and name != f.mark for name, _ in f.operands)]
            if not ready:
                break  # formulas naming each other: none is certain
            for formula in ready:
                pending.remove(formula)
                found = _judged(formula, worked, money_tol)
                if found is not None:
                    yield found


def _judged(formula: ColumnFormula, worked: dict[str, float], money_tol: float) -> Finding | None:
    values = {name: worked.get(name, figure_of(hit.raw)) for name, hit in formula.operands}
    computed = evaluate(formula.expr, values)
    if computed is None:
        return None
    if formula.mark is not None:
        worked[formula.mark] = computed
    declared = figure_of(formula.target.raw)
    if declared is None:
        return None
    working = f"{'表头公式 ' if formula.printed else ''}{formula.shown}: {worked_out(formula, values)}"
    if formula.rate:
        verdict = judge_declared_rate(formula.target.raw, computed * 100)
        if verdict is None or verdict.severity is None:
            return None
        message = verdict.message(formula.item, f"{working} = {fmt(computed * 100, 2)}%")
        severity = "warning" if formula.soft and verdict.severity == "error" else verdict.severity
        return finding(
            Code.RATE_MISMATCH, severity, formula.target, formula.item, verdict.declared,
            round(computed * 100, 2), message,
        )  # fmt: skip
    if abs(declared - computed) <= money_tol + 1e-9:
        return None
    if formula.typed and math.isclose(round_half_up(computed, parse_number(formula.target.raw).decimals), declared):
        return None  # "100/3=33.3万元": the amount at the decimals the unit typed
    message = f"{formula.item}填报 {fmt(declared)}，按{working} = {fmt(round(computed, 2))}"
    return finding(Code.SUM_MISMATCH, "error", formula.target, formula.item, declared, round(computed, 2), message)
