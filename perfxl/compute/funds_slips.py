"""The one part whose amount is the slip, where a funds row's parts do not add up to it: the part that, given the
amount the others leave, adds up and agrees with its own printed 执行率 (项目支出 全年预算数 printed 980 where
2150 − 1260 = 890 and its 85.70 % is 762.75 ÷ 890). Said there once, not at the total and again at the part's rate."""

from __future__ import annotations

from typing import Any, NamedTuple

from perfxl.compute.judge import judge_declared_rate
from perfxl.compute.readings import as_float
from perfxl.locate.located import Instance
from perfxl.rules import RuleSet


class Slip(NamedTuple):
    """A part's amount that is the slip: its line, the column, and the amount its total and its rate both say."""

    line: int
    col: str  # "annual" or "executed"
    due: float
    rest: float  # Σ of the other parts


PartSums = dict[tuple[int, int], dict[str, Any]]


def slipped_parts(inst: Instance, records: list[dict[str, Any]], sums: PartSums, rules: RuleSet) -> list[Slip]:
    """Each set of parts that does not add up, where exactly one part's amount, put right, makes both its set add up
    and its own printed 执行率 agree (and does not agree as printed)."""
    out = []
    tol = rules.money_tol + 1e-9
    for (parent, group), got in sums.items():
        if got["parts"] < 2:
            continue
        for col in ("annual", "executed"):
            total, summed = as_float(records[parent][col]), as_float(got.get(col))
            if total is None or summed is None or abs(total - summed) <= tol:
                continue
            found = [
                slip
                for n, row in enumerate(inst.funds)
                if row.parent == parent and (1 if row.row == "use" else 0) == group
                if (slip := _slip(inst, records, n, col, total, summed)) is not None
            ]
            if len(found) == 1:
                out.append(found[0])
    return out


def _slip(inst: Instance, records: list[dict[str, Any]], n: int, col: str, total: float, summed: float) -> Slip | None:
    rec, hit = records[n], inst.funds[n].cells.get("rate")
    amount, annual, executed = as_float(rec[col]), as_float(rec["annual"]), as_float(rec["executed"])
    if hit is None or amount is None or not annual or executed is None:
        return None
    due = amount + total - summed  # what the others leave of the total
    if due <= 0:
        return None
    printed = judge_declared_rate(hit.raw, executed / annual * 100)
    fixed = judge_declared_rate(hit.raw, (executed / due if col == "annual" else due / annual) * 100)
    if printed is None or fixed is None or printed.severity is None or fixed.severity is not None:
        return None
    return Slip(n, col, due, total - due)


__all__ = ["PartSums", "Slip", "slipped_parts"]
