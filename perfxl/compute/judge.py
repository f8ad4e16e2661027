"""A declared rate against the computed one, at the precision the person typed (docs/domain.md §6.7).

Shared by every form's checks: 附件4's rates and the 自评表 funds rows are judged by the same rule.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

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


def rounded_score(raw: object, declared: float, computed: float) -> str:
    """Where a score typed with one decimal ("9.9") is the computed one rounded to that decimal (9.8765): the words
    that say so, for a finding that stays a warning (scores are held to 0.01, docs/domain.md §6.9); else ""."""
    parsed = parse_number(raw)
    if not parsed.ok or parsed.decimals != 1 or not math.isclose(round_half_up(computed, 1), declared, abs_tol=1e-9):
        return ""
    return f"(填报值为应得分 {fmt(computed, 4)} 按一位小数四舍五入；得分按 0.01 核对)"


def judge_declared_rate(raw: object, computed: float) -> RateVerdict | None:
    """The reading of a declared rate nearest the computed one, judged; None if it is not a number."""
    readings = rate_readings(parse_number(raw))
    if not readings:
        return None
    declared, decimals = min(readings, key=lambda rd: abs(rd[0] - computed))
    return RateVerdict(declared, decimals, computed, judge_rate(declared, decimals, computed))


class Bound(NamedTuple):
    """A rate typed as a bound ("100%以上"): at least (or at most) ``value`` percent."""

    value: float
    at_least: bool

    def holds(self, rate: float) -> bool:
        # at the precision of the bound as typed: "100%以上" holds of 99.996 %, which shows as 100.00 %
        return rate >= self.value - 0.005 if self.at_least else rate <= self.value + 0.005


def rate_bound(raw: object) -> Bound | None:
    """A declared rate written as a bound: "100%以上", "100%及以上", "≥100%", "超过100%", "95%以下"; None otherwise."""
    if not isinstance(raw, str):
        return None
    text = unicodedata.normalize("NFKC", raw).replace(" ", "")
    match = _BOUND.fullmatch(text)
    if match is None:
        return None
    value = float(match["before"] or match["after"])
    above = match["over"] is not None or (match["tail"] or "").endswith("上")
    return Bound(value, above)


_BOUND = re.compile(
    r"(?:(?P<over>≥|>=|>|超过|达到|大于|高于|不低于|不少于)|(?:≤|<=|<|低于|小于|不足|不高于|不超过))(?P<before>\d+(?:\.\d+)?)%"
    r"|(?P<after>\d+(?:\.\d+)?)%(?:\(含\))?(?P<tail>(?:及|或)?以[上下])"
)
