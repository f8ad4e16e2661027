"""The eighteenth session's readings, each from a case a second reader left or found (rounds 79–): every figure is
worked by hand; the rows are this test's own, laid out as the forms the second readers transcribed."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import Row
from corpus.scored import book as _book

from perfxl.compute.printed_target import stated_rate

# 湖北's 部门整体 table (round 79): its 预算执行率 row prints no 实际值; the unit's working in 指标说明 states the rate
# with its columns' letters between the name and the figure
_HUBEI_HEAD: Row = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明", "得分"]
_HUBEI_NOTE = "预算数(A)为调整后财政资金总额1000.00万元(包括上年结余结转),执行数(B)995.00万元,执行率(B/A)99.50%。"


def _hubei(declared: float) -> list[Row]:
    return [
        ["区市场监督管理局2020年度部门整体支出绩效评价表"],
        _HUBEI_HEAD,
        ["预算执行", 20, "预算执行", 20, "预算执行率", 20, "得分=20分*执行率", _HUBEI_NOTE, declared],
        ["产出", 50, "产出数量", 50, "年度任务完成数量", 50, "依据年度工作任务完成数量评分。", "", 48],
        ["效益", 30, "社会效益", 30, "社会效益", 30, "依据部门履职对社会发展的影响评分。", "", 27],
        ["合计", "", "", "", "", 100, "", "", round(declared + 75, 2)],
    ]


@pytest.mark.parametrize(("declared", "said"), [(19.9, []), (20, [("I3", 19.9)])])
def test_a_rate_in_the_units_working_with_its_columns_letters(
    tmp_path: Path, declared: float, said: list[tuple[str, float]]
) -> None:
    # 995 ÷ 1000 = 99.50 %, 20 × 99.5 % = 19.9 (before: the 指标说明 unread on a 自评表, 20 kept unverified)
    result = _book(tmp_path, [(_hubei(declared), ["A1:I1"])], rules="auto", names=["评价表"])
    errors = [(f.cell, f.computed) for f in result.flags if f.code.value == "score-mismatch" and f.severity == "error"]
    assert errors == said


def test_letters_between_a_rate_and_its_figure() -> None:
    assert stated_rate(_HUBEI_NOTE, "预算执行率") == ("执行率", 99.5)
    assert stated_rate("执行率(%)为99.5%", "预算执行率") is None  # not a formula's letters: left unread, as before


# a 考核表 out of 60 (round 79: "一般公共预算支出管理(60分)考核表", wanglu 2019): its one 一级 group prints 60 and so
# does its 合计, over rows of 20 + 20 + 20
def _out_of_60(total: float, group: float = 60) -> list[Row]:
    return [
        ["一般公共预算支出管理(60分)考核表"],
        _HUBEI_HEAD,
        ["一般公共预算支出管理", group, "支出执行", 20, "一般公共预算支出实际完成率", 20, "依据支出进度评分。", "", 19],
        ["", "", "结转结余", 20, "结转结余率", 20, "依据结转结余情况评分。", "", 18],
        ["", "", "支出结构", 20, "民生支出保障", 20, "依据民生支出保障情况评分。", "", 18],
        ["合计", "", "", "", "", total, "", "", 55],
    ]


@pytest.mark.parametrize(("total", "group", "warned"), [(60, 60, False), (90, 60, True), (60, 90, True)])
def test_a_form_out_of_its_own_total(tmp_path: Path, total: float, group: float, warned: bool) -> None:
    # Σ 分值 60 = the group's 60 = the 合计's 60: no "应为 90" (before: the national form's 90 expected); where the
    # group or the 合计 says otherwise the form does not agree with itself, and the sum is held to the rule set's
    merged = ["A1:I1", "A3:A5", "B3:B5", "A6:E6"]
    result = _book(tmp_path, [(_out_of_60(total, group), merged)], rules="auto", names=["考核表"])
    weights = [f for f in result.flags if f.code.value == "weight-mismatch"]
    assert bool(weights) == warned
    assert bool(result.flags) == warned  # a right form: nothing said of it at all
