"""Round 64 of second readers (project forms of 湖北 and 江西): goals printed as numbered sections, each under its own
header ("年度绩效目标1（40分）", "年度绩效目标2（40分）"); a 成本 standard banded on either side of 0 ("控制率在±10%以内
得5分，±10-15%以内得3分…") and its ± target; a 定性 row scored by the words its standard gives points for ("达标得30分，
基本达标得20分，未达标不得分"). Every figure is worked by hand in the comments.

Layouts: 湖北's city template as the 长江禁捕 项目自评表 prints it (https://1wenmi.com/doc/330418.html, in
tests/corpus/real: "预算执行情况（万元）（20分）… 得分（20分*执行率）" and numbered goals,
"年度绩效目标1(80分)"); 江西省政协's 项目支出绩效自评表 (a 2017 合集 seen by a second reader, no address kept: a
评分标准 column, 分值 written "10分"). The two goals of 40, the 成本 and 履职履责 standards' use here and every
figure are this test's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import Row
from corpus.scored import book as _book

from perfxl.report.results import FileResult


def _said(result: FileResult) -> list[tuple[str, str, str]]:
    return sorted((f.cell or "", f.severity, f.code.value) for f in result.flags if f.severity != "info")


def _hubei(satisfaction: float, total: float) -> list[Row]:
    return [
        ["2023年度长江禁捕项目自评表", "", "", "", "", "", ""],
        ["单位名称：农业工作科", "", "", "", "填报日期：2024年3月10日", "", ""],
        ["项目名称", "渔业成品油价格改革补贴", "", "主管部门", "区农业农村局", "", ""],
        ["预算执行情况（万元）（20分）", "", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分*执行率）", ""],
        ["年度财政资金总额", "", 12.5, 11.8, 0.944, 18.88, ""],  # 11.8 ÷ 12.5 = 94.4 %, 20 × 94.4 % = 18.88
        ["年度绩效目标1（40分）", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分", ""],
        ["产出指标", "数量指标", "补贴渔船数", "≥66艘", "66艘", 20, ""],
        ["", "质量指标", "渔船补贴发放率", "100%", "100%", 10, ""],
        ["", "时效指标", "补贴发放完成时间", "12月底之前完成", "12月20日完成", 10, ""],
        ["年度绩效目标2（40分）", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分", ""],
        ["效益指标", "社会效益指标", "退捕渔民生活保障率", "≥95%", "96%", 20, ""],
        ["满意度指标", "服务对象满意度指标", "退捕渔民抽样调查满意度", "≥90%", "88%", satisfaction, ""],
        ["总分", "", "", "", "", total, ""],
    ]


HUBEI_MERGES = ["A1:G1", "A4:B4", "F4:G4", "A5:B5", "F5:G5", "A6:G6", "A8:A10", "A11:G11", "A15:E15", "F15:G15"]


def test_goals_in_numbered_sections_under_their_own_headers(tmp_path: Path) -> None:
    # 18.88 + (20 + 10 + 10) + (20 + 19.56) = 98.44, 19.56 = 20 × 88 ÷ 90. Before, the second section was read as
    # a form of its own and its 总分 held to its 39.56 alone
    result = _book(tmp_path, [(_hubei(19.56, 98.44), HUBEI_MERGES)])
    assert _said(result) == [] and len(result.instances) == 1 and result.total == 98.44
    # typed 99.44: said against 98.44, the whole form's sum
    wrong = _book(tmp_path, [(_hubei(19.56, 99.44), HUBEI_MERGES)], "wrong.xlsx")
    assert [(f.cell, f.computed) for f in wrong.flags if f.severity == "error"] == [("F15", 98.44)]


COST = (
    "成本控制率=(预算数-实际支出)/预算数×100%，控制率在±10%以内得5分，±10-15%以内得3分，±15-20%以内得1分，"
    "±20%以外不得分"
)
VISITS = "完成12次得10分，每少1次扣1分"
SATISFIED = "群众满意率90%以上得35分"


def _jiangxi(cost: str, cost_score: str, duty: str, duty_standard: str, duty_score: str) -> list[Row]:
    return [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "省政协委员视察调研经费", "", "", "实施单位", "江西省政协办公厅", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["", "年度资金总额", 80, 80, 74.8, "10分", "93.50%", "9.35分", ""],  # 74.8 ÷ 80 = 93.5 % → 9.35
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "评分标准", "得分", "偏差原因"],
        [
            "产出指标",
            "数量指标",
            "调研视察活动次数",
            "10分",
            "≥12次",
            "12次",
            "完成12次得10分，每少1次扣1分",
            "10分",
            "",
        ],
        ["", "质量指标", "提案办复率", "10分", "100%", "100%", "办复率100%得满分，每低1个百分点扣1分", "10分", ""],
        ["", "成本指标", "成本控制率", "5分", "±10%", cost, COST, cost_score, ""],
        ["效益指标", "社会效益指标", "履职履责", "30分", "达标", duty, duty_standard, duty_score, ""],
        [
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            "35分",
            "≥90%",
            "98%",
            "群众满意率90%以上得35分",
            "35分",
            "",
        ],
        ["总分", "", "", "100分", "", "", "", "99.35分", ""],  # 9.35 + 10 + 10 + 5 + 30 + 35
    ]


def test_a_cost_band_either_side_of_zero(tmp_path: Path) -> None:
    # (80 − 74.8) ÷ 80 = 6.5 %: inside ±10 %, 5 — no "target set too loose" warning on a tolerance (before: 6.5 is
    # 65 % of "±10%" read as a ceiling)
    ok = _jiangxi("6.5%", "5分", "达标", "达标得30分", "30分")
    assert _said(_book(tmp_path, [(ok, ["A1:I1"])])) == []
    # 13.5 % is in "±10-15%以内": 3, not the 5 typed (before: the bands were unread, 3.7 said by the target ratio)
    wrong = _jiangxi("13.5%", "5分", "达标", "达标得30分", "30分")
    result = _book(tmp_path, [(wrong, ["A1:I1"])], "wrong.xlsx")
    assert [(f.cell, f.computed) for f in result.flags if f.cell == "H8" and f.severity == "error"] == [("H8", 3.0)]


def test_a_qualitative_row_scored_by_the_words_of_its_standard(tmp_path: Path) -> None:
    # "基本达标" under "达标得30分，基本达标得20分，未达标不得分": 20, not the 30 typed (before: no grade 优/良/中/差
    # written, nothing checked)
    tiers = "达标得30分，基本达标得20分，未达标不得分"
    rows = _jiangxi("6.5%", "5分", "基本达标", tiers, "30分")
    result = _book(tmp_path, [(rows, ["A1:I1"])])
    assert [(f.cell, f.computed) for f in result.flags if f.cell == "H9" and f.severity == "error"] == [("H9", 20.0)]
    rows = _jiangxi("6.5%", "5分", "已达标", tiers, "30分")  # 已达标 is 达标: 30, right
    assert "H9" not in {f.cell for f in _book(tmp_path, [(rows, ["A1:I1"])], "ok.xlsx").flags if f.severity != "info"}


def test_a_band_either_side_beside_a_ratio_target_allows_both_readings(tmp_path: Path) -> None:
    # "≤100%" and 93.5 % (实际 ÷ 预算): the ± may be the rate's size (93.5: nothing) or its distance from 100 % (6.5:
    # inside ±10, 5): the declared 5 is within, no flag (before the review: "应得 0", an error)
    rows = _jiangxi("93.5%", "5分", "达标", "达标得30分", "30分")
    rows[7][4] = "≤100%"
    assert "H8" not in {f.cell for f in _book(tmp_path, [(rows, ["A1:I1"])]).flags if f.severity != "info"}


@pytest.mark.parametrize(
    ("standard", "actual", "due"),
    [
        ("好得30分，较好得25分，一般得20分，差不得分", "一般", 20.0),  # 一般's 一 is no item number
        ("达标，得30分；基本达标，得20分；未达标，不得分", "基本达标", 20.0),  # the points after a comma
        ("达标者得30分，基本达标者得20分，未达标者不得分", "基本达标", 20.0),
    ],
)
def test_word_cases_as_standards_print_them(tmp_path: Path, standard: str, actual: str, due: float) -> None:
    rows = _jiangxi("6.5%", "5分", actual, standard, "30分")
    result = _book(tmp_path, [(rows, ["A1:I1"])])
    assert [(f.cell, f.computed) for f in result.flags if f.cell == "H9" and f.severity == "error"] == [("H9", due)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("年度绩效目标（一）（40分）", "年度绩效目标（二）（40分）"),
        ("年度绩效目标1（40分值）", "年度绩效目标2（40分值）"),
        ("年度绩效目标1(权重40%)", "年度绩效目标2(权重40%)"),
    ],
)
def test_goal_sections_numbered_other_ways(tmp_path: Path, first: str, second: str) -> None:
    # one form, 98.44 as before, whatever the number and the points are written as
    rows = _hubei(19.56, 98.44)
    rows[5][0], rows[10][0] = first, second
    result = _book(tmp_path, [(rows, HUBEI_MERGES)])
    assert _said(result) == [] and len(result.instances) == 1 and result.total == 98.44
