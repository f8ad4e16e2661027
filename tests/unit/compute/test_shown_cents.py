"""Scores added as a form shows them: to 0.01, half up."""

from __future__ import annotations

import math

import pandas as pd

from perfxl.compute.rule_score import shown_cents


def test_half_a_cent_goes_up_as_excels_round_does() -> None:
    # 5 × 95.5 % = 4.775: floating point holds 4.77499…, which pandas' round (on the binary value) shows as 4.77; a
    # form shows 4.78 (and 9.24 for 10 × 92.35 % = 9.235)
    scores = pd.Series([5 * 0.955, 10 * 0.9235, -5 * 0.955, 7.0, math.nan])
    assert scores.round(2).tolist()[0] == 4.77
    shown = shown_cents(scores)
    assert shown.tolist()[:4] == [4.78, 9.24, -4.78, 7.0]
    assert math.isnan(shown.iloc[4])
