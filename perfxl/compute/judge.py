"""A declared rate against the computed one, at the precision the person typed (docs/domain.md §6.7).

Shared by every form's checks: 附件4's rates and the 自评表 funds rows are judged by the same rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from perfxl.read.values import fmt, parse_number, rate_readings, round_half_up, truncate
from perfxl.report.findings import Severity


def judge_rate(declared: float, decimals: int, computed: float) -> Severity | None:
    """None when the declared rate is the computed one at the precision shown (docs/domain.md §6.7)."""
    if math.isclose(round_half_up(computed, decimals), declared, abs_tol=1e-9):
        return None
    if math.isclose(truncate(computed, decimals), declared, abs_tol=1e-9):
        return "info"
    return "warning" if abs(declared - computed) < 10**-decimals else "error"


@dataclass(frozen=True)
class RateVerdict:
    """A declared rate read at the precision it was typed, and how it compares (None: it agrees)."""

    declared: float
    decimals: int
    computed: float
    severity: Severity | None

    @property
    def shown(self) -> str:
        return f"{fmt(self.declared, self.decimals)}%"

    def message(self, name: str, formula: str) -> str:
        """ "X填报 10%，按 (18 − 20) / 20 = -10.00%(符号相反…)" and the like."""
        if self.severity in ("info", "warning"):
            rounded = fmt(round_half_up(self.computed, self.decimals), self.decimals)
            cut = "(此处为截断)" if self.severity == "info" else ""
            return f"{name}填报 {self.shown}，按 {formula}，四舍五入应为 {rounded}%{cut}"
        hint = ""
        if math.isclose(self.declared, -round_half_up(self.computed, self.decimals), abs_tol=10**-self.decimals):
            hint = "(符号相反: 减少应填负数)"
        elif self.declared == 100 and self.computed < 100:
            hint = "(疑似以达标 100% 代替实际比率)"
        return f"{name}填报 {self.shown}，按 {formula}{hint}"


def judge_declared_rate(raw: object, computed: float) -> RateVerdict | None:
    """The reading of a declared rate nearest the computed one, judged; None if it is not a number."""
    readings = rate_readings(parse_number(raw))
    if not readings:
        return None
    declared, decimals = min(readings, key=lambda rd: abs(rd[0] - computed))
    return RateVerdict(declared, decimals, computed, judge_rate(declared, decimals, computed))
