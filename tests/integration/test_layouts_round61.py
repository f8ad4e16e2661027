"""Round 61 of second readers (project forms): an indicator header over three rows (分值 and 得分 merged down over
all three, the levels in the second, 指标性质 / 指标值 / 度量单位 in the third) and a 等级 written in the total's own
cell ("总分：99.5分　自评等级：良"). Every figure is worked by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import Row
from corpus.scored import book as _book
from test_layouts_round58 import HEAD, REST

from perfxl.report.results import FileResult


def _flags(result: FileResult) -> list[tuple[str, str]]:
    return sorted({(f.cell or "", f.code.value) for f in result.flags if f.severity in ("error", "warning")})


TOP: list[Row] = [
    ["项目支出绩效自评表（2023年度）", *[""] * 9],
    ["项目名称", "高标准农田建设", "", "", "实施单位", "县农业农村局", "", "", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "", ""],
    ["", "年度资金总额", 3000, 3000, 2850, 10, "95.00%", 9.5, "", ""],  # 2850 ÷ 3000 = 95.00 %, 10 × 95 % = 9.5
    ["绩效指标", "", "", "", "年度指标值", "", "", "实际完成值", "分值", "得分"],
    ["", "一级指标", "二级指标", "三级指标", "", "", "", "", "", ""],
    ["", "", "", "", "指标性质", "指标值", "度量单位", "", "", ""],
]
MERGES = ["A1:J1", "B5:D5", "E5:G6", "H5:H7", "I5:I7", "J5:J7"]


def test_an_indicator_header_over_three_rows(tmp_path: Path) -> None:
    # 受益农户满意度 ≥ 90 % is met (92 %): its 10 points are due, 9 typed; 9.5 + 50 + 30 + 9 = 98.5, 99.5 typed. Before,
    # the header ended at the levels' row, the third row was read as a row of the table and the targets, split over
    # 指标性质 / 指标值 / 度量单位, were not read: the 9 passed unseen
    body: list[Row] = [
        ["", "产出指标", "数量指标", "新建高标准农田面积", "≥", 2, "万亩", "2万亩", 50, 50],
        ["", "效益指标", "经济效益指标", "亩均粮食增产", "≥", 50, "公斤", "52公斤", 30, 30],
        ["", "满意度指标", "服务对象满意度指标", "受益农户满意度", "≥", 90, "%", "92%", 10, 9],
        ["总分", "", "", "", "", "", "", "", 100, 99.5],
    ]
    result = _book(tmp_path, [([*TOP, *body], MERGES)])
    assert _flags(result) == [("J10", "score-mismatch"), ("J11", "sum-mismatch")]
    body[2][9] = 10  # scored right, the total right: 9.5 + 50 + 30 + 10 = 99.5
    assert _flags(_book(tmp_path, [([*TOP, *body], MERGES)], "right.xlsx")) == []


def test_a_grade_in_the_totals_own_cell(tmp_path: Path) -> None:
    # 9.5 + 50 + 30 + 10 = 99.5 is 优 (≥ 90); "自评等级：良" written after the total in its one cell is wrong.
    # Before, the grade was looked for only right of the total's cell and was not read
    rows = [*HEAD, *REST[:-1], ["总分：99.5分　自评等级：良", *[""] * 8]]
    result = _book(tmp_path, [(rows, ["A1:I1", "A9:I9"])])
    assert result.total == 99.5 and _flags(result) == [("A9", "grade-mismatch")]
    rows[-1][0] = "总分：99.5分　自评等级：优"
    assert _flags(_book(tmp_path, [(rows, ["A1:I1", "A9:I9"])], "right.xlsx")) == []
