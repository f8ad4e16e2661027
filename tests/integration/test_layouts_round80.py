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
