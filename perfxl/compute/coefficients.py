"""Chongqing's 得分系数: a row's coefficient read as a share, and the finding at it where it is not the share the row's
figures give (docs/domain.md §2.2a)."""

from __future__ import annotations

from collections.abc import Iterator

from perfxl.compute.judge import judge_declared_rate
from perfxl.compute.readings import finding
from perfxl.compute.targets import IndicatorScore
from perfxl.locate.located import Hit
from perfxl.read.values import fmt, parse_number
from perfxl.report.findings import Code, Finding


def coefficient_of(hit: Hit | None) -> float | None:
    """得分系数 as a share: "100%" -> 1.0, 0.8 -> 0.8, 80 -> 0.8; 1.1 -> 1.1 (110 % stored as a fraction with a %
    format: a 系数 of 1.1 % is none anyone prints)."""
    if hit is None:
        return None
    parsed = parse_number(hit.raw)
    if not parsed.ok or parsed.value is None:
        return None
    return parsed.value / 100 if parsed.percent or parsed.value > _LARGEST_SHARE else parsed.value


_LARGEST_SHARE = 2.0  # a 得分系数 typed as a number above this is in percent ("80"), at or below it a share


def coefficient_slip(
    name: str, hit: Hit, item: str, coef: float, due: float, scored: IndicatorScore, declared: float | None = None
) -> Iterator[Finding]:
    """A 得分系数 that is not the share ``due`` the row's figures give (where it agrees with the declared score, or the
    declared score agrees with the row: ``declared``, said beside it); nothing where it is that share to the decimals
    it is printed with (96 % for 27 ÷ 28 = 96.43 %)."""
    verdict = judge_declared_rate(hit.raw, due * 100)
    if verdict is not None and verdict.severity is None:
        return
    against = f"，与得分 {fmt(declared)} 不符" if declared is not None else ""
    yield finding(
        Code.SCORE_MISMATCH,
        "error",
        hit,
        item,
        round(coef * 100, 2),
        round(due * 100, 2),
        f"指标「{name}」得分系数填报 {fmt(coef * 100)}%{against}，按完成情况应为 {fmt(due * 100)}%: {scored.basis}",
    )
