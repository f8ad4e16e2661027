"""The working shown to people: how a rate follows from its inputs and a score from its rule (评分结果, cell notes,
the JSON ``basis``)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from perfxl.compute.printed import shortened
from perfxl.compute.rule_score import past_cutoff
from perfxl.read.values import fmt, fmt_pct
from perfxl.rules import Band, RateDef, RuleSet, ScoreRule, Term


def _terms_text(row: Mapping[str, float], terms: tuple[Term, ...]) -> str:
    parts = []
    for i, term in enumerate(terms):
        text = fmt(row.get(term.field), 4)
        parts.append(text if i == 0 and term.sign > 0 else f"{'+' if term.sign > 0 else '−'} {text}")
    joined = " ".join(parts)
    return f"({joined})" if len(terms) > 1 else joined


def rate_formula(values: Mapping[str, float], rate: RateDef, result: float) -> str:
    """ "(18 − 20) / 20 = -10.00%"."""
    return f"{_terms_text(values, rate.num)} / {_terms_text(values, rate.den)} = {fmt_pct(result)}"


def rule_basis(
    rate_text: str, rate: float, rule: ScoreRule, weight: float, score: float, standard: str | None = None
) -> str:
    """The working of a rule score, e.g. "6 / 7 = 85.71% ≤ 100% → 7分"; where the score follows the 评价标准 the
    table prints (``standard``), quoted from it: "按本表评价标准「≦100%，计7分；每超过一个百分点扣0.2分」: 103.5% →
    7 − 3.5×0.2 = 6.3分 (在职人员控制率 = …)"; a rule on the deviation from a centre works from that deviation."""
    if math.isnan(rate) and rule.absent == "full" and score == weight:
        how = f"按本表评价标准「{shortened(standard)}」: " if standard is not None else ""
        return f"{how}没有该项(所需数据均为空或 0)，计满分 {fmt(score)}分 ({rate_text})"
    if rule.centre is not None:
        deviation = abs(rate - rule.centre)
        said = f"偏差 |{fmt_pct(rate)} − {fmt(rule.centre)}%| = {fmt(deviation)}%"
        working = _arithmetic(deviation, replace(rule, centre=None), weight, score)
        if standard is not None:
            return f"按本表评价标准「{shortened(standard)}」: {said} {working} ({rate_text})"
        return f"{rate_text}，{said} {working}"
    if standard is not None:
        working = _arithmetic(rate, rule, weight, score)
        return f"按本表评价标准「{shortened(standard)}」: {fmt_pct(rate)} {working} ({rate_text})"
    if rule.kind == "bands" or bool(past_cutoff(np.array([rate]), rule)[0]):
        return f"{rate_text} {_arithmetic(rate, rule, weight, score)}"
    over = rule.kind == "over"
    gap = rate - rule.threshold if over else rule.threshold - rate
    if gap <= 1e-12:
        return f"{rate_text} {'≤' if over else '≥'} {fmt(rule.threshold)}% → {fmt(score)}分"
    side = "超过" if over else "低于"
    steps = {"linear": "", "floor": "(按整档)", "ceil": "(不足一档按一档)"}[rule.steps]
    # what the steps take off, not 分值 − score: the 分值 the row prints may not be the rule set's
    taken = rule.deduct * _steps(gap, rule)
    taken = taken if rule.most is None else min(taken, rule.most)
    said = "扣完为止" if score <= 0 < taken else f"扣 {fmt(taken)} 分"
    return (
        f"{rate_text}，{side} {fmt(rule.threshold)}% {fmt(gap)} 个百分点，每 {fmt(rule.per)} 个百分点扣 "
        f"{fmt(rule.deduct)} 分{steps}，{said} → {fmt(score)}分"
    )


def _steps(gap: float, rule: ScoreRule) -> float:
    """How many steps of the rule a gap past its threshold counts (whole ones where the rule says so)."""
    steps = gap / rule.per
    if rule.steps == "floor":
        return math.floor(steps + 1e-9)
    if rule.steps == "ceil":
        return math.ceil(steps - 1e-9)
    return steps


def _arithmetic(rate: float, rule: ScoreRule, weight: float, score: float) -> str:
    """The score worked from the rate, after it: "→ 7 − 3.5×0.2 = 6.3分", "→ 5 × 96.50% = 4.83分", "≤ 10% → 4分"."""
    if rule.kind == "bands":
        lower: Band | None = None
        for band in rule.bands:
            if band.upto is None:
                assert lower is not None
                cond = f"{'>' if lower.included else '≥'} {fmt(lower.upto)}%"
                return f"{cond} → {_band_working(band, rate, score)}"
            if rate < band.upto or (band.included and rate <= band.upto):
                return f"{'≤' if band.included else '<'} {fmt(band.upto)}% → {_band_working(band, rate, score)}"
            lower = band
    if rule.kind == "proportional":
        capped = "，封顶于分值" if rule.cap and rate > 100 else ""
        return f"→ {fmt(weight)} × {fmt_pct(rate)} = {fmt(weight * rate / 100)}{capped} → {fmt(score)}分"
    over = rule.kind == "over"
    if bool(past_cutoff(np.array([rate]), rule)[0]):
        edge = f"{'≥' if over else '≤'}" if rule.cutoff_in else f"{'>' if over else '<'}"
        return f"{edge} {fmt(rule.cutoff)}% → 不得分 → {fmt(score)}分"
    gap = rate - rule.threshold if over else rule.threshold - rate
    if gap <= 1e-12:
        return f"{'≤' if over else '≥'} {fmt(rule.threshold)}% → {fmt(score)}分"
    steps = _steps(gap, rule)
    side = "超过" if over else "低于"
    if steps == 0:
        return f"{side} {fmt(rule.threshold)}% 不足一档 → {fmt(score)}分"
    counted = fmt(steps) if rule.per == 1 else f"{fmt(steps)}档"
    stop = "，扣完为止" if weight - rule.deduct * steps < 0 else ""
    return f"→ {fmt(weight)} − {counted}×{fmt(rule.deduct)} = {fmt(score)}分{stop}"


def _band_working(band: Band, rate: float, score: float) -> str:
    """ "4分", or for a band scored by share "10 × 94.00% = 9.4分"."""
    if not band.share:
        return f"{fmt(score)}分"
    capped = "，封顶于分值" if rate > 100 else ""
    return f"{fmt(band.score)} × {fmt_pct(rate)} = {fmt(band.score * rate / 100)}{capped} → {fmt(score)}分"


__all__ = ["rate_formula", "rule_basis"]


def rule_text(rule: ScoreRule, weight: float) -> str:
    """A rule in a standard's own words, to name it beside a printed one: "≤100% 计7分，每超过1个百分点扣0.2分"."""
    if rule.kind == "declared":
        return "保留填报得分"
    if rule.centre is not None:
        return f"以{fmt(rule.centre)}%为标准，偏差{rule_text(replace(rule, centre=None), weight)}"
    if rule.kind == "proportional":
        return f"分值 × 比率{'(封顶于分值)' if rule.cap else ''}"
    if rule.kind == "bands":
        parts = [
            f"{'≤' if band.included else '<'}{fmt(band.upto)}% {_scored(band)}"
            if band.upto is not None
            else f"其余{_scored(band)}"
            for band in rule.bands
        ]
        return "；".join(parts)
    over = rule.kind == "over"
    steps = {"linear": "", "floor": "(按整档)", "ceil": "(不足一档按一档)"}[rule.steps]
    cutoff = ""
    if rule.cutoff is not None:
        cutoff = f"，{'超过' if over else '低于'}{fmt(rule.cutoff)}%{'(含)' if rule.cutoff_in else ''}不得分"
    return (
        f"{'≤' if over else '≥'}{fmt(rule.threshold)}% 计{fmt(weight)}分，每{'超过' if over else '低于'}"
        f"{fmt(rule.per)}个百分点扣{fmt(rule.deduct)}分{steps}{cutoff}"
    )


def formula_words(rules: RuleSet, rate: RateDef) -> str:
    """A rate's formula in its fields' names: "(上年结转结余总额 + 年初预算数) ÷ 年初预算数"."""

    def side(terms: tuple[Term, ...]) -> str:
        words = ""
        for i, term in enumerate(terms):
            name = rules.field(term.field).name
            words += name if i == 0 and term.sign > 0 else f" {'+' if term.sign > 0 else '−'} {name}"
        return f"({words})" if len(terms) > 1 else words

    return f"{side(rate.num)} ÷ {side(rate.den)}"


def _scored(band: Band) -> str:
    return f"计{fmt(band.score)}分 × 比率" if band.share else f"计{fmt(band.score)}分"
