"""An amount of a 附件4 rate typed in 元 on a form kept in 万元 (政府采购预算数 1856000 beside 实际政府采购金额
178.25 and a printed 96.04 %): the one input that, taken as 元, makes the declared rate agree. The slip is that
amount, said there, not the rate the person worked out right."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

from perfxl.compute.judge import judge_declared_rate
from perfxl.compute.readings import finding
from perfxl.locate.located import Hit, Located
from perfxl.read.values import WAN, fmt, fmt_pct
from perfxl.report.findings import Code, Finding
from perfxl.rules import RateDef, RuleSet, Term


class UnitSlip(NamedTuple):
    field: str  # the input typed in 元
    amount: float  # what it is in 万元
    rate: float  # the rate with it so, in percent (the declared rate agrees)


def unit_slip(
    book: Located, values: Mapping[str, float], rate: RateDef, hit: Hit, shown: str, rules: RuleSet
) -> Finding | None:
    """The finding at an input typed in 元 that the declared rate ``hit`` (shown as ``shown``) was worked from in
    万元; None where no single input is so."""
    slip = _slipped(values, rate, hit.raw)
    if slip is None:
        return None
    name, typed = rules.field(slip.field).name, values[slip.field]
    return finding(
        Code.BAD_VALUE,
        "error",
        book.fields.get(slip.field, hit),
        name,
        typed,
        round(slip.amount, 4),
        f"「{name}」{fmt(typed)} 似乎以元填写(本表金额为万元)：按 {fmt(slip.amount, 4)} 万元，{rate.name} "
        f"{fmt_pct(slip.rate)}，与填报的 {shown} 相符",
    )


def _slipped(values: Mapping[str, float], rate: RateDef, declared: object) -> UnitSlip | None:
    """The one input of ``rate`` that, divided by 10,000, makes the declared rate agree; None where none or several
    do."""
    found = []
    for term in (*rate.num, *rate.den):
        amount = values.get(term.field)
        if amount is None or math.isnan(amount) or abs(amount) < WAN:
            continue
        changed = {**values, term.field: amount / WAN}
        value = _ratio(changed, rate)
        verdict = judge_declared_rate(declared, value) if value is not None else None
        if verdict is not None and verdict.severity is None and value is not None:
            found.append(UnitSlip(term.field, amount / WAN, value))
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


__all__ = ["unit_slip"]
