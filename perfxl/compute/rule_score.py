"""The score a rule gives each rate, as one vectorised expression over a column of rates."""

from __future__ import annotations

import math
from typing import TypeVar, cast

import numpy as np
import pandas as pd

from perfxl.read.values import fmt, fmt_pct
from perfxl.rules import Band, ScoreRule
from perfxl.rules.standards_result import Reading

_Table = TypeVar("_Table", pd.DataFrame, pd.Series)
_EDGE = 1e-9  # percentage points: far below any figure a form prints (0.01 %), far above float error


def rule_score(rate: np.ndarray, rule: ScoreRule, weight: float) -> np.ndarray:
    """The score a rule gives each rate; NaN where the rate is unknown."""
    rate = scored_quantity(rate, rule)
    if rule.kind == "bands":
        ends = [band for band in rule.bands if band.upto is not None]
        with np.errstate(invalid="ignore"):
            # a rate worked out in binary floats (32.02 ÷ 320.2 × 100 = 10.000000000000002) sits on the edge it is
            # printed at: within _EDGE of it is on it
            conditions = [_below(rate, band.upto, band.included) for band in ends if band.upto is not None]
        scored = np.select(conditions, [_band(band, rate) for band in ends], default=_band(rule.bands[-1], rate))
        return np.where(np.isnan(rate), np.nan, scored)
    if rule.kind == "proportional":
        share = np.clip(weight * rate / 100, 0, weight if rule.cap else None)
        return np.asarray(share, dtype=float)
    gap = rate - rule.threshold if rule.kind == "over" else rule.threshold - rate
    steps = np.clip(gap, 0, None) / rule.per
    if rule.steps == "floor":
        steps = np.floor(steps + 1e-9)
    elif rule.steps == "ceil":
        steps = np.ceil(steps - 1e-9)
    lowest = 0.0 if rule.most is None else max(weight - rule.most, 0.0)
    scored = np.asarray(np.clip(weight - rule.deduct * steps, lowest, weight), dtype=float)
    return scored if rule.cutoff is None else np.asarray(np.where(past_cutoff(rate, rule), 0.0, scored), dtype=float)


def scored_quantity(rate: np.ndarray, rule: ScoreRule) -> np.ndarray:
    """What the rule's thresholds and bands are on: the rate, or its deviation from the rule's centre."""
    return rate if rule.centre is None else np.abs(rate - rule.centre)


def past_cutoff(rate: np.ndarray, rule: ScoreRule) -> np.ndarray:
    """Where a rate (``scored_quantity``) is past the rule's cutoff ("低于80%不得分"), at which nothing is earned (all
    False: none)."""
    edge = rule.cutoff
    with np.errstate(invalid="ignore"):
        if edge is None or rule.kind not in ("over", "under"):
            return np.zeros(np.shape(rate), dtype=bool)
        if rule.kind == "over":
            return np.asarray(rate >= edge - _EDGE if rule.cutoff_in else rate > edge + _EDGE)
        return np.asarray(rate <= edge + _EDGE if rule.cutoff_in else rate < edge - _EDGE)


def reading_giving(
    alternatives: tuple[Reading, ...], rate: float, weight: float, declared: float, tol: float
) -> str | None:
    """The note of the first other reading of a standard's text that gives the declared score at this rate, out of
    ``weight`` (or of the text's own full mark, at most ``weight``); None where none does. A score that follows a
    reading the text also allows is said as a warning, not an error: the text does not settle it."""
    for alt in alternatives:
        if alt.weight is None:  # a reading out of the 分值 (uncapped ones too: "不封顶" may pass it)
            scored = float(rule_score(np.array([rate]), alt.rule, weight)[0])
        else:  # out of the text's own full mark, at most the 分值
            scored = min(float(rule_score(np.array([rate]), alt.rule, alt.weight)[0]), weight)
        if abs(scored - declared) <= tol:
            return alt.note
    return None


def own_formula_reading(rule: ScoreRule, out_of: float, rate: float, declared: float, tol: float) -> str | None:
    """The note of the rule set's own formula where the rate it gives (``rate``; NaN where the row's printed formula
    is not another) scores the declared score: the form allows that reading too (a block built its own way)."""
    if math.isnan(rate):
        return None
    scored = float(rule_score(np.array([rate]), rule, out_of)[0])
    return f"按规则的公式，比率 {fmt_pct(rate)}" if abs(scored - declared) <= tol else None


def also_read(other: str | None, declared: float) -> str:
    """What a score that follows a standard's other reading is told."""
    return f"；本表评价标准文字未定，按另一种读法({other})得 {fmt(declared)} 分，与填报相同" if other else ""


def _below(rate: np.ndarray, edge: float, included: bool) -> np.ndarray:
    """Where the rate is up to the edge (on it, where ``included``), within _EDGE of the edge counted as on it."""
    return np.asarray(rate <= edge + _EDGE if included else rate < edge - _EDGE)


def _band(band: Band, rate: np.ndarray) -> np.ndarray | float:
    """A band's score: its own, or that share of it the rate is (capped at it)."""
    return np.clip(band.score * rate / 100, 0, band.score) if band.share else band.score


def shown_cents(scores: _Table) -> _Table:
    """Scores as a form shows them, to 0.01 half up as Excel's ROUND does (4.775 is 4.78, though binary floating
    point holds 4.77499…; pandas' and numpy's round go to even on the binary value and give 4.77). NaN stays NaN."""
    return cast(_Table, np.sign(scores) * np.floor(np.abs(scores) * 100 + 0.5 + 1e-9) / 100)
