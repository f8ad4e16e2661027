"""An amount of a 附件4 rate typed in 元 on a form kept in 万元 (政府采购预算数 1856000 beside 实际政府采购金额
178.25 and a printed 96.04 %): the one input that, taken as 元, makes the declared rate agree. Such an amount is
taken in 万元 for everything worked from it (the rate and the scores on it), and said once, at its cell
(``perfxl.check.unit_slips``), not again at the rate the person worked out right or at the scores on it."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np

from perfxl.compute.judge import judge_declared_rate
from perfxl.locate.located import Located
from perfxl.read.values import WAN, parse_number
from perfxl.rules import RateDef, RuleSet, Term


class UnitSlip(NamedTuple):
    field: str  # the input typed in 元
    typed: float  # as typed
    amount: float  # what it is in 万元
    rate: float  # the rate with it so, in percent (the declared rate agrees)


def unit_slips(books: Sequence[Located], columns: dict[str, np.ndarray], rules: RuleSet) -> list[dict[str, UnitSlip]]:
    """Each book's slips (rate name -> slip), its amounts in ``columns`` put in 万元. Only books with an input of
    10,000 or more are looked at: an amount in 元 is that large."""
    slips: list[dict[str, UnitSlip]] = [{} for _ in books]
    for rate in rules.rates.values():
        terms = (*rate.num, *rate.den)
        if rate.declared is None or not terms:
            continue
        with np.errstate(invalid="ignore"):
            large = np.any([np.abs(columns[t.field]) >= WAN for t in terms], axis=0)
        for i in np.flatnonzero(large).tolist():
            hit = books[i].fields.get(rate.declared)
            if hit is None or not parse_number(hit.raw).ok:
                continue
            values = {t.field: float(columns[t.field][i]) for t in terms}
            computed = _ratio(values, rate)
            verdict = judge_declared_rate(hit.raw, computed) if computed is not None else None
            if verdict is None or verdict.severity is None:
                continue  # the rate agrees as typed (or cannot be judged): no slip
            slip = _slipped(values, rate, hit.raw)
            if slip is not None:
                slips[i][rate.name] = slip
    for at, book_slips in enumerate(slips):
        for slip in book_slips.values():
            columns[slip.field][at] = slip.amount
    return slips


def _slipped(values: Mapping[str, float], rate: RateDef, declared: object) -> UnitSlip | None:
    """The one input of ``rate`` that, divided by 10,000, makes the declared rate agree; None where none or several
    do."""
    found = []
    for field in dict.fromkeys(t.field for t in (*rate.num, *rate.den)):  # a field in both (上年 of a 变动率) once
        amount = values.get(field)
        if amount is None or math.isnan(amount) or abs(amount) < WAN:
            continue
        changed = {**values, field: amount / WAN}
        value = _ratio(changed, rate)
        verdict = judge_declared_rate(declared, value) if value is not None else None
        if verdict is not None and verdict.severity is None and value is not None:
            found.append(UnitSlip(field, amount, amount / WAN, value))
    return found[0] if len(found) == 1 else None


def _ratio(values: Mapping[str, float], rate: RateDef) -> float | None:
    num, den = _sum(values, rate.num), _sum(values, rate.den)
    return None if num is None or not den else num / den * 100


def _sum(values: Mapping[str, float], terms: tuple[Term, ...]) -> float | None:
    total = 0.0
    for term in terms:
        value = values.get(term.field)
        if value is None or math.isnan(value):
            return None
        total += term.sign * value
    return total
