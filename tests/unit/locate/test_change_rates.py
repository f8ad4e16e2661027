"""Lines of last year's and this year's figures held to their 变动额 and 变动率 (``perfxl.locate.change_rates``), on
新邵's list layout: 序号 | 项目 | 单位 | 上年数 | 本年数 | 变动额 | 变动率/比率."""

from __future__ import annotations

from perfxl.check.formulas import formula_findings
from perfxl.locate.change_rates import change_formulas, change_rates
from perfxl.read.grid import Sheet

ROWS: list[list[object]] = [
    ["序号", "项目", "单位", "上年数", "本年数", "变动额", "变动率/比率"],
    ["一", "财政供养人员情况", "", "", "", "", ""],
    ["", "在职人员控制率（实际在职人数/编制人数）", "%", "", "", "", "94.44%"],  # a 比率 alone: nothing to work
    ["二", "“三公经费”情况", "", "", "", "", ""],
    ["", "“三公经费”预算数", "万元", 6, 5.5, -0.5, "-8.33%"],  # 5.5 − 6 = −0.5; −0.5 ÷ 6 = −8.33 %
    ["", "结转结余总额", "万元", 15, 30.26, 15.26, "101.73%"],  # 30.26 − 15 = 15.26; 15.26 ÷ 15 = 101.73 %
]


def _sheet(rows: list[list[object]]) -> Sheet:
    return Sheet("基础数据表", {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row) if v != ""})


def test_each_lines_change_and_rate_are_worked_from_its_two_years() -> None:
    formulas = change_formulas(_sheet(ROWS), frozenset())
    assert [(f.target.cell, f.rate) for f in formulas] == [("F5", False), ("G5", True), ("F6", False), ("G6", True)]
    assert list(formula_findings(formulas, 0.01)) == []


def test_a_wrong_change_or_sign_is_found_and_a_judged_cell_left_alone() -> None:
    rows = [list(row) for row in ROWS]
    rows[4][5], rows[4][6] = 0.5, "8.33%"  # both signs lost: −0.5 and −8.33 %
    rows[5][6] = "110%"  # 15.26 ÷ 15 = 101.73 %
    cells = {f.cell for f in formula_findings(change_formulas(_sheet(rows), frozenset({"G5"})), 0.01)}
    assert cells == {"F5", "G6"}  # G5 is a known block's declared rate: its own check says it


def test_a_header_that_pairs_nothing_is_no_change_table() -> None:
    rows = [["项目", "上年预算数", "本年决算数", "变动率"], ["三公经费", 10, 9, "-10%"]]  # 预算数 against 决算数
    assert change_formulas(_sheet(rows), frozenset()) == []


def test_a_word_for_a_lines_change_does_not_end_the_table_and_a_unit_names_no_item() -> None:
    rows: list[list[object]] = [
        ["项目", "单位", "上年数", "本年数", "变动额", "变动率"],
        ["乡村振兴衔接项目", "万元", 0, 50, 50, "新增"],
        ["动物防疫", "万元", 60, 72, 12, "16.67%"],  # 12 ÷ 60 = 20.00 %, not ÷ 72
    ]
    found = list(formula_findings(change_formulas(_sheet(rows), frozenset()), 0.01))
    assert [(f.cell, f.item) for f in found] == [("F3", "动物防疫变动率")]


def test_a_total_line_is_named_after_the_words_its_header_pairs() -> None:
    # 国内 3 → 2.7, 外宾 1 → 1.6 and 合计 4 → 4.3: the 合计 is 公务接待费变动率, (4.3 − 4) ÷ 4 = 7.5 %
    rows: list[list[object]] = [
        ["项目", "上年度公务接待费总额", "本年度公务接待费总额", "变动额", "变动率"],
        ["国内公务接待", 3, 2.7, -0.3, "-10.00%"],
        ["外宾接待", 1, 1.6, 0.6, "60.00%"],
        ["合计", 4, 4.3, 0.3, "7.50%"],
    ]
    rates = change_rates(change_formulas(_sheet(rows), frozenset()))
    assert round(rates["公务接待费变动率"][0], 2) == 7.5
    assert round(rates["国内公务接待变动率"][0], 2) == -10.0
