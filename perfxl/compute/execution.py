"""The 执行率得分 of a 自评表: 分值 × 执行率 on the funds line that prints it, or on each of the lines the points are
split over (财政拨款 6 + 其他资金 4)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from perfxl.compute.deductions import declared_score
from perfxl.compute.funds import PartSums, rates_by_parts
from perfxl.compute.printed import shortened
from perfxl.compute.readings import cell_number, finding
from perfxl.compute.rule_score import rule_score
from perfxl.compute.targets import IndicatorScore, Quantity
from perfxl.compute.unread import unreadable
from perfxl.locate.located import EXEC_NOTE, Hit, Instance
from perfxl.read.values import fmt, fmt_pct, is_empty, round_half_up
from perfxl.report.findings import Code, Finding
from perfxl.report.instances import InstanceResult
from perfxl.rules import RuleSet, ScoreRule, SelfEvalDef
from perfxl.rules.standards import parse_standard


def execution_score(
    inst: Instance,
    spec: SelfEvalDef,
    rules: RuleSet,
    result: InstanceResult,
    records: list[dict[str, Any]],
    sums: PartSums,
) -> Iterator[Finding]:
    """执行率得分 = 分值 × 执行率 (capped as the rule set says), on the row that carries it: the total's, or a
    sub-row's where a system export puts it (财政拨款); or on each of several rows that print points of their own
    (财政拨款 6 + 其他资金 4), which then add up."""
    shared = [n for n, row in enumerate(inst.funds) if _own_points(row.cells)]
    # parts that print points of their own, under a line that prints none (a 其中 line repeating its total's 分值
    # and 得分, as 濉溪's form does, is the same points again)
    if len(shared) > 1 and not any(inst.funds[m].parent in shared for m in shared):
        yield from _shared_points(inst, spec, rules, result, shared)
        return
    at = _score_row(inst)
    if at is None:
        _list_points(inst, result)
        return
    row, funds = inst.funds[at], result.funds[at]
    weight = cell_number(row.cells.get("weight")) or spec.funds_weight
    result.exec_weight = weight
    noted = noted_rule(inst, weight)
    if funds.rate is not None:
        share = min(funds.rate, 100.0) if spec.funds_cap else funds.rate
        result.exec_score = weight * share / 100
        if noted is not None:
            result.exec_score = float(rule_score(np.array([funds.rate]), noted[0], weight)[0])
    hit, result.exec_declared, said = declared_score(row.cells, weight)
    assert hit is not None  # _score_row's row has a 得分 or 扣分 cell
    result.exec_at = (hit.sheet, hit.cell)
    result.exec_blank = hit is row.cells.get("score") and is_empty(hit.raw)
    result.exec_unreadable = unreadable(hit)
    if result.exec_declared is None or result.exec_score is None:
        return
    if abs(result.exec_declared - result.exec_score) <= rules.score_tol:
        return  # the line's own amounts give it: its parts are not asked
    for by_parts, _, _ in rates_by_parts(at, records[at], sums, rules):
        from_parts = weight * (min(by_parts, 100.0) if spec.funds_cap else by_parts) / 100
        if abs(result.exec_declared - from_parts) <= rules.score_tol:
            result.exec_score = from_parts  # the score of the rate worked from the parts' Σ: the wrong amount is
            return  # said at its cell, and the score is the one the right amounts give
    capped = "(封顶 100%)" if spec.funds_cap else ""
    how = (
        f"按 分值 {fmt(weight)} × {funds.label}执行率 {fmt_pct(funds.rate)}{capped}"
        if noted is None
        else f"按表下注「{noted[1]}」: {funds.label}执行率 {fmt_pct(funds.rate)}"
    )
    text = f"执行率{said.replace(' ', '填报 ', 1)}，{how} 应为 {fmt(result.exec_score)}"
    yield finding(
        Code.SCORE_MISMATCH,
        "error",
        hit,
        f"{inst.name}·执行率得分",
        result.exec_declared,
        round_half_up(result.exec_score, 2),
        text,
    )


def _list_points(inst: Instance, result: InstanceResult) -> None:
    """The points a list of tasks carries for the form: its 合计's 分值, and the Σ of its lines' 得分 (its 合计's 得分
    where a line has none). A wrong 合计 is said with the list (``perfxl.check.listing``), not again at the 总分."""
    if inst.list_points is None:
        return
    weight_hit, score_hit, lines = inst.list_points
    weight = cell_number(weight_hit)
    parts = [cell_number(hit) for hit in lines]
    score = cell_number(score_hit) if not parts or None in parts else sum(p for p in parts if p is not None)
    if weight is not None:
        result.exec_weight, result.exec_declared = weight, score
        result.exec_at = (score_hit.sheet, score_hit.cell)


def noted_rule(inst: Instance, weight: float) -> tuple[ScoreRule, str] | None:
    """The rule a note under the form gives the 执行率得分 ("注：1.预算执行率得分：执行率≥95%得10分；
    85%≤执行率<95%得8分；执行率<85%不得分。2.…"), and its words; None where there is none, or it reads as no rule
    (分值 × 执行率 then)."""
    if inst.exec_note is None or not isinstance(inst.exec_note.raw, str):
        return None
    text = EXEC_NOTE.split(inst.exec_note.raw, maxsplit=1)[-1]
    text = _NEXT_NOTE.split(text, maxsplit=1)[0].strip()
    parsed = parse_standard(text, weight)
    if parsed.status not in ("read", "default") or parsed.rule is None or parsed.rule.kind == "declared":
        return None
    return parsed.rule, shortened(text)


def score_by_exec_note(inst: Instance, name: str, actual: Quantity, weight: float) -> IndicatorScore | None:
    """An indicator row of the execution rate itself ("项目预算执行率 | ≥95% | 92.4%") under a note that says how
    the 执行率得分 is scored ("预算执行率指标得分=预算执行率×分值"): scored by the note over its actual rate, not by
    its target ratio; None for any other row, or no note."""
    noted = noted_rule(inst, weight) if "执行率" in name else None
    if noted is None or not actual.percent or actual.value is None:
        return None
    score = float(rule_score(np.array([actual.value]), noted[0], weight)[0])
    basis = f"按表下注「{noted[1]}」: 实际 {fmt(actual.value)}% → {fmt(score)}分"
    return IndicatorScore(score, score / weight if weight else None, basis, score >= weight, False)


_NEXT_NOTE = re.compile(r"[；;。]?\s*(?:\d+|[一二三四五])[.、．]")  # where the next numbered note starts


def _own_points(cells: Mapping[str, Hit]) -> bool:
    return cell_number(cells.get("weight")) is not None and cell_number(cells.get("score")) is not None


def _shared_points(
    inst: Instance, spec: SelfEvalDef, rules: RuleSet, result: InstanceResult, rows: list[int]
) -> Iterator[Finding]:
    """The 执行率 points split over several funds rows: each row's 得分 = its 分值 × its 执行率; their Σ counts."""
    weights: list[float] = []
    due: list[float | None] = []
    declared: list[float] = []
    for n in rows:
        row, funds = inst.funds[n], result.funds[n]
        weight = cell_number(row.cells.get("weight")) or 0.0
        hit, said_value, said = declared_score(row.cells, weight)
        assert hit is not None and said_value is not None  # _own_points: a number under 得分
        if result.exec_at is None:
            result.exec_at = (hit.sheet, hit.cell)
        share = None if funds.rate is None else min(funds.rate, 100.0) if spec.funds_cap else funds.rate
        expected = None if share is None else weight * share / 100
        weights.append(weight)
        due.append(expected)
        declared.append(said_value)
        if expected is not None and abs(said_value - expected) > rules.score_tol:
            said = said.replace(" ", "填报 ", 1)
            text = f"{funds.label}执行率{said}，按 分值 {fmt(weight)} × 执行率 {fmt_pct(funds.rate)}"
            yield finding(
                Code.SCORE_MISMATCH,
                "error",
                hit,
                f"{inst.name}·{funds.label}执行率得分",
                said_value,
                round(expected, 2),
                f"{text} 应为 {fmt(expected)}",
            )
    result.exec_weight, result.exec_declared = sum(weights), sum(declared)
    result.exec_score = None if any(d is None for d in due) else sum(d for d in due if d is not None)


def _score_row(inst: Instance) -> int | None:
    """The funds row whose 得分 (or 扣分, on a form that prints only that) holds a number, else the total row when it
    has such a cell to fill."""
    for role in ("score", "deduction"):
        for n, row in enumerate(inst.funds):
            if cell_number(row.cells.get(role)) is not None:
                return n
    return next(
        (
            n
            for n, row in enumerate(inst.funds)
            if row.row == "total" and ("score" in row.cells or "deduction" in row.cells)
        ),
        None,
    )
