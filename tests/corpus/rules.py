"""The plain rules of docs/domain.md that the generator applies to its own numbers (not perfxl's code)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rate(executed: Decimal, budget: Decimal) -> Decimal | None:
    """执行率 = 全年执行数 ÷ 全年预算数 (docs/domain.md §1.2); None for 0 ÷ 0."""
    return None if budget == 0 else executed / budget


def rate_ok(declared_percent: Decimal, places: int, computed: Decimal) -> bool:
    """Right unless it differs by at least one unit of the last digit typed (docs/domain.md §6.7)."""
    return abs(declared_percent - computed * 100) < Decimal(1).scaleb(-places)


def rate_score(weight: Decimal, computed_rate: Decimal) -> Decimal:
    """执行率得分 = 分值 × 执行率, capped at 分值 (docs/domain.md §1.2), to two decimals."""
    return half_up(weight * min(computed_rate, Decimal(1)), 2)


def grade(total: Decimal) -> str:
    """优 ≥ 90, 良 [80, 90), 中 [60, 80), 差 < 60 (docs/domain.md §1.5)."""
    if total >= 90:
        return "优"
    if total >= 80:
        return "良"
    return "中" if total >= 60 else "差"


def plain(value: Decimal) -> str:
    """12.50 → '12.5', 10.00 → '10'."""
    return format(value.normalize(), "f")
