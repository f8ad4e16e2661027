"""The finding at an amount typed in 元 on a form kept in 万元 (``perfxl.compute.unit_slips`` decides it and works
the rate and scores from the amount in 万元): the slip is that amount, said there, not the rate the person worked
out right."""

from __future__ import annotations

from perfxl.compute.readings import finding
from perfxl.compute.unit_slips import UnitSlip
from perfxl.locate.located import Hit, Located
from perfxl.read.values import fmt, fmt_pct
from perfxl.report.findings import Code, Finding
from perfxl.rules import RateDef, RuleSet


def unit_slip(book: Located, slip: UnitSlip, rate: RateDef, hit: Hit, shown: str, rules: RuleSet) -> Finding:
    """The finding at the input typed in 元 that the declared rate ``hit`` (shown as ``shown``) was worked from in
    万元."""
    name = rules.field(slip.field).name
    return finding(
        Code.BAD_VALUE,
        "error",
        book.fields.get(slip.field, hit),
        name,
        slip.typed,
        round(slip.amount, 4),
        f"「{name}」{fmt(slip.typed)} 似乎以元填写(本表金额为万元)：按 {fmt(slip.amount, 4)} 万元，{rate.name} "
        f"{fmt_pct(slip.rate)}，与填报的 {shown} 相符",
    )


__all__ = ["unit_slip"]
