"""The seventeenth session's readings, each from a case left over or found by a second reader: tiers of events
("发生1起扣5分，发生2起及以上不得分"). Every figure is worked by hand; the wordings follow real ones, the rows and
figures are this test's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import Row
from corpus.scored import book as _book
from test_layouts_round67 import _form, _said

_TIERS = "未发生安全事故得满分；发生1起扣5分，发生2起及以上不得分"


@pytest.mark.parametrize(
    ("actual", "declared", "said"),
    [
        ("0起", 10, []),
        ("1起", 5, []),  # 10 − 5
        ("1起", 10, [("error", 5.0)]),
        ("2起", 0, []),  # "2起及以上" takes in 2
        ("3起", 5, [("error", 0.0)]),
    ],
)
def test_tiers_of_events(tmp_path: Path, actual: str, declared: float, said: list[tuple[str, float]]) -> None:
    row: Row = ["效益指标", "社会效益指标", "安全生产事故", "0起", actual, 10, declared]
    assert _said(_book(tmp_path, [(_form(row, _TIERS), ["A1:I1"])])) == said
