"""A 附件4 known by its block titles: the form's own number of them, or two under the form's own title (a copy cut off
before its later blocks, as the real wanglu 附件3 in tests/corpus/real)."""

from __future__ import annotations

import pytest

from perfxl.locate.forms import holds_form
from perfxl.read.grid import Sheet
from perfxl.rules import load_rules

RULES = load_rules("yiyang-2020")
FORM = RULES.forms["base_data"]


def _sheet(rows: list[list[object]]) -> Sheet:
    return Sheet("s", {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row) if v not in (None, "")})


TWO_BLOCKS = [
    ["财政供养人员情况", "编制数", "实际在职人数", "控制率"],
    ["", 143, 136, "95.10%"],
    ["经费控制情况", "2017年决算数", "2018年预算数", "2018年决算数"],
    ["三公经费", 29.08, 63.46, 44.29],
]


@pytest.mark.parametrize(
    ("above", "held"),
    [
        ([["附件3:"], ["部门整体支出绩效评价基础数据表"], ["填报单位:", "", "", "单位:万元"]], True),
        ([["2018年度部门整体支出绩效评价基础数据表"]], True),  # the title with its year, in one cell
        ([["附件3:"], ["填报单位:", "", "", "单位:万元"]], False),  # two titles alone: a sheet of notes may hold them
        ([["部门整体支出绩效评价指标表"]], False),  # another form's title
        ([[""]] * 5 + [["部门整体支出绩效评价基础数据表"]], False),  # not where a form prints its title
    ],
)
def test_two_block_titles_make_the_form_under_its_own_title(above: list[list[object]], held: bool) -> None:
    assert holds_form(_sheet(above + TWO_BLOCKS), FORM, RULES) is held


def test_three_block_titles_need_no_title() -> None:
    third = [["政府采购执行情况", "政府采购预算数", "实际政府采购金额", "执行率"], ["", 30.66, 30.66, "100%"]]
    assert holds_form(_sheet(TWO_BLOCKS + third), FORM, RULES)


def test_a_score_table_headed_in_the_readers_words_is_the_rule_sets_score_table() -> None:
    # 新邵's 指标评分表 heads its score column 自评分 (a word of the table reader's, not of the rule set's 附件5) and
    # prints each weight inside its name ("在职人员控制率(5分)"): it names the rule set's indicators all the same
    names = ["在职人员控制率(5分)", "“三公经费”变动率(5分)", "预算完成率(5分)", "预算控制率(5分)"]
    names += ["政府采购执行率(5分)"]
    rows: list[list[object]] = [["一级指标", "二级指标", "三级指标", "指标解释", "指标说明", "自评分"]]
    rows += [["", "", name, "……", "……", 5] for name in names]
    form = RULES.forms["scoring"]
    assert holds_form(_sheet(rows), form, RULES)
    rows[0][5] = "备注"  # no score column at all: no score table
    assert not holds_form(_sheet(rows), form, RULES)
