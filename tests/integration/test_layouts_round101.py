"""Round 101's cases: the national 项目支出绩效自评表 (池州贵池's, http://www.anthempetcare.com/upload_cz/download?id=
502364&siteId=2, with figures composed and worked below) whose 等级 is ticked among the four printed grades — in a
row of them with a tick under one, or as check boxes in one cell, as forms made from Word documents print it — and
whose 自评总分 above the form carries its full mark after the figure ("自评总分：89.65分（满分100分）")."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import INDICATOR_HEAD, PROJECT_FUNDS_HEAD, errors_and_warnings, score_grid

# 168 ÷ 210 = 80.00 % → 10 × 80 % = 8; 100 ÷ 120 × 20 = 16.67; 75 ÷ 85 × 20 = 17.65; 90 ÷ 100 × 10 = 9; 1.45 ≤ 1.5
# → 10; 15 (定性, kept); 80 ÷ 90 × 15 = 13.33. Σ 16.67 + 17.65 + 9 + 10 + 15 + 13.33 = 81.65, + 8 = 89.65: 良
ROWS: list[list[object]] = [
    ["项目支出绩效自评表"],
    ["（2023年度）", "", "", "", "", "", "", "自评总分：89.65分（满分100分）"],
    ["项目名称", "农村公路养护"],
    ["主管部门", "某县交通运输局", "", "", "", "实施单位", "某县公路事务中心"],
    PROJECT_FUNDS_HEAD,
    ["", "年度资金总额", 200, 210, 168, 10, "80.00%", 8, ""],
    INDICATOR_HEAD,
    ["", "产出指标", "数量指标", "养护里程", "≥120公里", "100公里", 20, 16.67, "部分路段延至次年"],
    ["", "", "质量指标", "优良路率", "≥85%", "75%", 20, 17.65, "雨季损毁"],
    ["", "", "时效指标", "养护完成及时率", "100%", "90%", 10, 9, "两处延误"],
    ["", "", "成本指标", "每公里养护成本", "≤1.5万元", "1.45万元", 10, 10, ""],
    ["", "效益指标", "社会效益指标", "群众出行便利度", "明显提升", "明显提升", 15, 15, ""],
    ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "80%", 15, 13.33, "路面修复慢"],
    ["总分", "", "", "", "", "", 100, 89.65, ""],
    ["评价等级", "优（90-100分）", "", "良（80-89分）", "", "中（60-79分）", "", "差（0-59分）", ""],
    ["", "", "", "√", "", "", "", "", ""],
]
HEAD_MERGED = ["A1:I1", "A2:G2", "H2:I2", "B3:I3", "A5:B5"]
MERGED = [*HEAD_MERGED, "B15:C15", "D15:E15", "F15:G15", "H15:I15", "B16:C16", "D16:E16", "F16:G16", "H16:I16"]


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({}, []),  # √ under 良: right (before: the first printed grade, 优, was read as the one declared)
        ({"D16": "", "B16": "√"}, [("B16", "grade-mismatch", "良")]),  # √ under 优: 89.65 is 良
        ({"D16": ""}, []),  # nothing ticked: no grade declared
        ({"D15": "良（80-89分）√", "D16": ""}, []),  # the tick in the grade's own cell
        # the full mark after the figure: 91.65 typed over 89.65 (before: the cell was not read at all)
        ({"H2": "自评总分：91.65分（满分100分）"}, [("H2", "sum-mismatch", 89.65)]),
        ({"H2": "自评总分：91.65分(百分制)"}, [("H2", "sum-mismatch", 89.65)]),
        ({"H2": "自评总分(满分100分)：91.65"}, [("H2", "sum-mismatch", 89.65)]),
        ({"H2": "自评总分：91.65分（满分：100分）"}, [("H2", "sum-mismatch", 89.65)]),
        ({"H2": "自评总分：91.65分/100分"}, [("H2", "sum-mismatch", 89.65)]),
    ],
)
def test_a_grade_ticked_among_the_printed_ones(
    tmp_path: Path, changes: dict[str, object], said: list[tuple[str, str, object]]
) -> None:
    assert errors_and_warnings(score_grid(tmp_path, "项目支出绩效自评表", ROWS, MERGED, changes)) == said


@pytest.mark.parametrize(
    ("boxes", "said"),
    [
        ("□优（90-100分）　☑良（80-89分）　□中（60-79分）　□差（0-59分）", []),
        ("☑优（90-100分）　□良（80-89分）　□中（60-79分）　□差（0-59分）", [("B15", "grade-mismatch", "良")]),
        ("□优（90-100分）　□良（80-89分）　□中（60-79分）　□差（0-59分）", []),
        # the boxes after the names (the review: "☑　中" was read as ticking 中)
        ("优□　良☑　中□　差□", []),
        ("优秀□ 良好☑ 合格□ 不合格□", []),
        ("优□ 良□ 中□ 差☑", [("B15", "grade-mismatch", "良")]),
    ],
)
def test_a_grade_ticked_in_one_cell_of_check_boxes(
    tmp_path: Path, boxes: str, said: list[tuple[str, str, object]]
) -> None:
    rows = [*ROWS[:14], ["评价等级", boxes]]
    assert errors_and_warnings(score_grid(tmp_path, "项目支出绩效自评表", rows, [*HEAD_MERGED, "B15:I15"])) == said


def test_a_box_cell_beside_each_printed_grade(tmp_path: Path) -> None:
    # "优 | □ | 良 | √ | 中 | □ | 差 | □": the box after its grade; √ beside 良 is right for 89.65 (before: the first
    # cell, 优, was read as the grade declared), beside 优 wrong
    rows = [*ROWS[:14], ["评价等级", "优", "□", "良", "√", "中", "□", "差", "□"]]
    assert errors_and_warnings(score_grid(tmp_path, "项目支出绩效自评表", rows, HEAD_MERGED)) == []
    rows[-1] = ["评价等级", "优", "√", "良", "□", "中", "□", "差", "□"]
    said = errors_and_warnings(score_grid(tmp_path, "项目支出绩效自评表", rows, HEAD_MERGED))
    assert said == [("C15", "grade-mismatch", "良")]


def test_a_tick_row_printed_over_the_grades(tmp_path: Path) -> None:
    # round 102: the row of ticks between the 总分 and the printed grades (before: it ended the table, and the 等级
    # row below it was never read): √ over 优 on 89.65 is wrong
    rows = [*ROWS[:14], ["", "√"], ROWS[14]]
    merged = [*HEAD_MERGED, "B15:C15", "D15:E15", "F15:G15", "H15:I15", "B16:C16", "D16:E16", "F16:G16", "H16:I16"]
    assert errors_and_warnings(score_grid(tmp_path, "项目支出绩效自评表", rows, merged)) == [
        ("B15", "grade-mismatch", "良")
    ]
    rows[14] = ["", "", "", "√"]
    assert errors_and_warnings(score_grid(tmp_path, "项目支出绩效自评表", rows, merged)) == []


def test_a_tick_among_crosses(tmp_path: Path) -> None:
    # round 107: "优 | × | 良 | √ | 中 | × | 差 | ×": × is not chosen, √ beside 良 is right for 89.65
    rows = [*ROWS[:14], ["评价等级", "优", "×", "良", "√", "中", "×", "差", "×"]]
    assert errors_and_warnings(score_grid(tmp_path, "项目支出绩效自评表", rows, HEAD_MERGED)) == []
    rows[-1] = ["评价等级", "优", "√", "良", "×", "中", "×", "差", "×"]
    assert errors_and_warnings(score_grid(tmp_path, "项目支出绩效自评表", rows, HEAD_MERGED)) == [
        ("C15", "grade-mismatch", "良")
    ]
