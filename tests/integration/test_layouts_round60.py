"""Round 60 of second readers and what this session mended beside it: a unit named under 编制单位 or 报送单位."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import Row
from corpus.scored import book as _book
from test_layouts_round58 import HEAD, REST

FORM: list[Row] = [
    ["项目支出绩效自评表（2023年度）", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "单位：万元"],
    ["项目名称", "农村饮水安全巩固提升", "", "", "主管部门", "县人民政府", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", 400, 400, 388, 10, "97.00%", 9.7],  # 388 ÷ 400 = 97.00 %, 10 × 97 % = 9.7
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["", "产出指标", "数量指标", "改造供水管网", "≥30公里", "31公里", 90, 90],
    ["总分", "", "", "", "", "", 100, 99.7],
]


@pytest.mark.parametrize("label", ["编制单位", "报送单位", "编制单位（盖章）"])
def test_a_unit_named_under_other_words(tmp_path: Path, label: str) -> None:
    # "编制单位：县水利局" in a cell of its own over the form, "单位：万元" apart (before: no unit read)
    rows = [list(row) for row in FORM]
    rows[1][0] = f"{label}：县水利局"
    result = _book(tmp_path, [(rows, ["A1:H1"])])
    assert result.unit == "县水利局"
    # and in the cell right of its label
    rows[1][0:2] = [label, "县水利局"]
    assert _book(tmp_path, [(rows, ["A1:H1"])], "right.xlsx").unit == "县水利局"


@pytest.mark.parametrize(
    "line",
    [
        ["单位：万元　　填报日期：2024年3月1日", "", "", "", "", "", "", "", ""],
        ["单位：万元", "", "", "", "", "", "填报日期：2024年3月1日", "", ""],
        ["（续表）", "", "", "", "", "", "", "第2页，共2页", ""],
    ],
)
def test_a_page_break_line_that_also_prints_a_date_or_a_page_number(tmp_path: Path, line: Row) -> None:
    # the break's line carries the date the form was filled in or the page's number too: still one form, all rows
    # read (before, the table ended at the line: Σ 分值 60, the rows below unread)
    rows = [*HEAD, ["项目支出绩效自评表（续表）", *[""] * 8], line, *REST]
    result = _book(tmp_path, [(rows, ["A1:I1", "A7:I7"])])
    flags = sorted({(f.cell or "", f.code) for f in result.flags if f.severity in ("error", "warning")})
    assert flags == [] and result.total == 99.5 and len(result.instances) == 1
