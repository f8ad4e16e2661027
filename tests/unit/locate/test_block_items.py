"""A list's 其中 lines: parts of the item above them, not items of their own."""

from __future__ import annotations

from perfxl.locate.block_items import Breakdowns


def _parts(lines: list[tuple[str, float]]) -> list[str]:
    reader = Breakdowns()
    return [name for name, amount in lines if reader.part(name, amount)]


def test_qizhong_lines_and_a_further_part_named_as_the_item_is() -> None:
    # 14.4 = 6 + 8.4: both lines are its parts; 公务接待费 after them is an item again
    lines = [
        ("公务用车购置及运行维护费", 14.4),
        ("其中：公务用车购置费", 6.0),
        ("公务用车运行维护费", 8.4),
        ("公务接待费", 5.6),
    ]
    assert _parts(lines) == ["其中：公务用车购置费", "公务用车运行维护费"]


def test_an_item_after_a_lone_qizhong_line_that_happens_to_fit_is_an_item() -> None:
    # only 6 of the 14.4 broken down: 公务接待费 5.6 would fit in what is left, but is named otherwise
    lines = [("公务用车购置及运行维护费", 14.4), ("其中：公务用车购置费", 6.0), ("公务接待费", 5.6)]
    assert _parts(lines) == ["其中：公务用车购置费"]


def test_an_indented_line_is_a_further_part() -> None:
    lines = [("项目支出", 100.0), ("其中：专项业务费", 60.0), ("  其他项目支出", 40.0), ("基本支出", 50.0)]
    assert _parts(lines) == ["其中：专项业务费", "  其他项目支出"]
