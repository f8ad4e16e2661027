"""A rate worked out from a form's amounts lands on the edge its standard prints, though binary floats put it a
hair either side (round 79 of second readers: the 附件4 prints 10.00 %, Python's 32.02 ÷ 320.2 × 100 is
10.000000000000002)."""

from __future__ import annotations

import numpy as np
import pytest

from perfxl.compute.rule_score import rule_score
from perfxl.rules.standards import parse_standard

# yiyang2020-ctrl and yueyang-key of the standards corpus, as printed
CONTROL = "预算控制率=0,计5分;0-10%(含),计4分;10-20%(含),计3分;20-30%(含),计2分;大于30%不得分"
KEY = "重点支出安排率≥90%,计5分;80%(含)-90%,计4分;70%(含)-80%,计3分;60%(含)-70%,计2分;低于60%不得分"


@pytest.mark.parametrize(
    ("text", "part", "whole", "score"),
    [
        (CONTROL, 32.02, 320.2, 4.0),  # 10 % exactly, in "0-10%(含)" (before: 10.000000000000002 → 3)
        (CONTROL, 64.04, 320.2, 3.0),  # 20 %, in "10-20%(含)"
        (CONTROL, 90.06, 300.2, 2.0),  # 30 %, in "20-30%(含)" (before: "> 30%" → 0)
        (KEY, 270.09, 300.1, 5.0),  # 90 %, "≥90%" (before: 89.99999999999999 → 4)
        (KEY, 257.28, 321.6, 4.0),  # 80 %, "80%(含)-90%"
    ],
)
def test_a_rate_on_a_printed_edge_is_on_it(text: str, part: float, whole: float, score: float) -> None:
    parsed = parse_standard(text, 5.0)
    assert parsed.rule is not None
    assert float(rule_score(np.array([part / whole * 100]), parsed.rule, 5.0)[0]) == score


def test_a_rate_a_hundredth_past_an_edge_is_past_it() -> None:
    parsed = parse_standard(CONTROL, 5.0)
    assert parsed.rule is not None
    assert [float(s) for s in rule_score(np.array([10.01, 29.99, 30.01]), parsed.rule, 5.0)] == [3.0, 2.0, 0.0]
