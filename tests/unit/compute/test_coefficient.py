"""得分系数 as people type it: a share, a percent, or a share stored with a % number format."""

from __future__ import annotations

import pytest

from perfxl.compute.coefficients import coefficient_of, coefficient_slip
from perfxl.compute.targets import IndicatorScore
from perfxl.locate.located import Hit


@pytest.mark.parametrize(
    ("raw", "share"),
    [("100%", 1.0), (0.8, 0.8), (80, 0.8), ("95", 0.95), (1.1, 1.1), ("110%", 1.1), (1, 1.0), (100, 1.0)],
)
def test_a_coefficient_read_as_a_share(raw: object, share: float) -> None:
    # 1.1 is 110 % stored as a fraction (the cell shows "110%"): a 系数 of 1.1 % is none anyone prints
    assert coefficient_of(Hit("自评表", "I7", raw, "得分系数")) == pytest.approx(share)


def test_a_coefficient_right_to_the_decimals_it_is_printed_with_is_no_slip() -> None:
    # round 31: 27 of ≥28次 is 96.43 %; a coefficient printed "96%" (0.96 in a 0% format) is that to its own decimals
    scored = IndicatorScore(14.46, 0.9643, "正向: 实际 27 ÷ 目标 28 × 15 = 14.46", False, False)
    hit = Hit("自评表", "J10", "96%", "得分系数")
    assert list(coefficient_slip("巡查", hit, "巡查", 0.96, 27 / 28, scored, 14.46)) == []
    wrong = Hit("自评表", "J10", "95%", "得分系数")
    assert [f.cell for f in coefficient_slip("巡查", wrong, "巡查", 0.95, 27 / 28, scored, 14.46)] == ["J10"]
