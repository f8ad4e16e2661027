"""An indicator's printed 完成率 (实际完成值 ÷ 年度指标值) against its own two values."""

from __future__ import annotations

from collections.abc import Mapping

from perfxl.compute.judge import judge_declared_rate
from perfxl.compute.readings import finding
from perfxl.compute.scales import aligned
from perfxl.compute.targets import Quantity
from perfxl.locate.located import Hit
from perfxl.read.values import fmt
from perfxl.report.findings import Code, Finding


def completion_finding(
    cells: Mapping[str, Hit], target: Quantity, actual: Quantity, how: str, item: str, name: str
) -> Finding | None:
    """A 完成率 that is not 实际完成值 ÷ 年度指标值, on a row held to a floor or an exact value (under a ceiling the
    forms do not agree which way round it is taken, so it is left alone)."""
    hit = cells.get("completion")
    values = aligned(target, actual)
    if hit is None or values is None or how not in ("up", "equal"):
        return None
    t, a, _ = values
    if t <= 0:
        return None
    rate = a / t * 100
    verdict = judge_declared_rate(hit.raw, rate)
    if verdict is None or verdict.severity is None:
        return None
    formula = f"{fmt(a, 4)} / {fmt(t, 4)} = {fmt(rate, 2)}%"
    message = verdict.message(f"指标「{name[:30]}」的完成率", formula)
    return finding(Code.RATE_MISMATCH, verdict.severity, hit, item, verdict.shown, round(rate, 2), message)
