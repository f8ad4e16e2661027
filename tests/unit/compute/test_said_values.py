"""A row's target said in words, or not said (``compute.said_values``)."""

from __future__ import annotations

import pytest

from perfxl.compute.said_values import said_in_words
from perfxl.compute.targets import read_quantity


@pytest.mark.parametrize(
    ("name", "target", "printed", "held"),
    [
        ("预算执行率", "—", False, 100.0),  # 银川's: the whole budget is the one to spend
        ("项目预算执行率", "/", False, 100.0),
        ("预算资金执行率", "—", False, 100.0),  # the national form's own word (the second review)
        ("财政资金执行率", "—", False, 100.0),
        ("预算执行率", "—", True, None),  # its own "≥95%得满分" is its measure
        ("预算执行率", "", False, None),  # no target column at all: nothing printed says "none"
        ("“三公”经费预算执行率", "—", False, None),  # a part's: spending less of it is thrift (round 115)
        ("公用经费预算执行率", "—", False, None),
        ("政府采购执行率", "—", False, None),
    ],
)
def test_the_budgets_own_rate_with_no_target(name: str, target: str, printed: bool, held: float | None) -> None:
    got, _ = said_in_words(read_quantity(target), read_quantity("88.3%"), name, "", printed)
    assert got.value == held
