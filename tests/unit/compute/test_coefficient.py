"""得分系数 as people type it: a share, a percent, or a share stored with a % number format."""

from __future__ import annotations

import pytest

from perfxl.compute.selfeval import _coefficient
from perfxl.locate.located import Hit


@pytest.mark.parametrize(
    ("raw", "share"),
    [("100%", 1.0), (0.8, 0.8), (80, 0.8), ("95", 0.95), (1.1, 1.1), ("110%", 1.1), (1, 1.0), (100, 1.0)],
)
def test_a_coefficient_read_as_a_share(raw: object, share: float) -> None:
    # 1.1 is 110 % stored as a fraction (the cell shows "110%"): a 系数 of 1.1 % is none anyone prints
    assert _coefficient(Hit("自评表", "I7", raw, "得分系数")) == pytest.approx(share)
