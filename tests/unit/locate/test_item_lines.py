"""A 附件4 table of items under budget | actual | rate columns (``perfxl.locate.item_lines``): each line's rate, each
小计 against its items, the 合计 against them all."""

from __future__ import annotations

from perfxl.check.formulas import formula_findings
from perfxl.check.groups import group_weight_findings
from perfxl.locate.item_lines import item_lines
from perfxl.read.grid import Sheet

ROWS: list[list[object]] = [
    ["项目类别", "项目名称", "项目支出预算总额", "实际项目支出总额", "执行率"],
    ["行政类", "执法办案经费", 120, 114, "95.00%"],  # 114 ÷ 120
    ["", "信息化运维", 80, 78, "97.50%"],
    ["", "小计", 200, 192, "96.00%"],  # 120 + 80, 114 + 78
    ["业务类", "普法宣传", 150, 140, "93.33%"],
    ["", "档案整理", 50, 50, "100%"],
    ["", "小计", 200, 190, "95.00%"],
    ["合计", "", 400, 382, "95.50%"],  # 120 + 80 + 150 + 50, 114 + 78 + 140 + 50
]


def _cells(rows: list[list[object]], judged: frozenset[str] = frozenset()) -> set[str]:
    sheet = Sheet("基础数据表", {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row) if v != ""})
    formulas, sums = item_lines(sheet, judged)
    found = [*formula_findings(formulas, 0.01), *group_weight_findings(sums, 0.01)]
    return {f.cell for f in found if f.severity == "error" and f.cell}


def test_a_table_of_items_that_adds_up() -> None:
    assert _cells(ROWS) == set()


def test_an_inverted_rate_a_wrong_subtotal_and_a_wrong_total_are_each_found() -> None:
    rows = [list(row) for row in ROWS]
    rows[1][4] = "105.26%"  # 120 ÷ 114, inverted
    rows[6][3] = 180  # 140 + 50 = 190
    rows[7][2] = 420  # 400
    assert _cells(rows) == {"E2", "D7", "C8"}


def test_a_rate_another_check_judges_is_left_to_it() -> None:
    rows = [list(row) for row in ROWS]
    rows[7][4] = "90%"
    assert _cells(rows, frozenset({"E8"})) == set()
