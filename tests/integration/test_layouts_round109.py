"""The twenty-first session's cases: totals said twice — a row of "自评总分 | 95.40 | | 自评等级 | 优" under a form's
总分 row, and a sentence under a 部门整体 form's 合计 when its head prints a total too. Layouts: the national
项目支出绩效自评表 (池州贵池's, http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2) and 湖北's
部门整体支出绩效自评表 (http://gat.hubei.gov.cn/zfxxgk/fdzdgknr/czzj/czzxzj/202008/t20200824_2832170.shtml), figures
composed and worked below."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import errors_and_warnings, score_grid
from test_layouts_round101 import HEAD_MERGED, ROWS

# ROWS (round 101): Σ of the indicators 81.65 + 执行率得分 8 = 89.65, 良; the 总分 row says 100 and 89.65
TOTAL_ROWS = [*ROWS[:14], ["自评总分", 89.65, "", "自评等级", "良"]]


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({}, []),
        # before: the merged 自评等级 value over the 分值 and 得分 columns was read as the row's figures, and the
        # total beside its label not at all
        ({"B15": 91.65}, [("B15", "sum-mismatch", 89.65)]),
        ({"E15": "优"}, [("E15", "grade-mismatch", "良")]),
        ({"B15": 91.65, "D15": "", "E15": ""}, [("B15", "sum-mismatch", 89.65)]),
    ],
)
def test_a_total_and_grade_row_under_the_total(
    tmp_path: Path, changes: dict[str, object], said: list[tuple[str, str, object]]
) -> None:
    merged = [*HEAD_MERGED, "B15:C15", "E15:I15"]
    assert errors_and_warnings(score_grid(tmp_path, "项目支出绩效自评表", TOTAL_ROWS, merged, changes)) == said


def test_the_full_mark_beside_a_total_label_is_no_total(tmp_path: Path) -> None:
    # "满分总分 | 100" under the 总分 row of a form with a 分值 column: its full mark, not a total of 100 over 89.65
    rows = [*ROWS[:14], ["总分", 100]]
    assert errors_and_warnings(score_grid(tmp_path, "项目支出绩效自评表", rows, HEAD_MERGED)) == []


# 湖北's 部门整体 form: 自评得分 printed in its head, a 合计 row, and the conclusion under it. 98.00 % executed ≥ 95 %
# → 10; 三公 change left for the note (10 typed); 满意度 186 ÷ 200 = 93.00 % ≥ 90 % → 10; 履职 65 typed (酌情).
# Σ 10 + 10 + 10 + 65 = 95
HUBEI: list[list[object]] = [
    ["部门整体支出绩效自评表（2023年度）"],
    ["填报单位（盖章）：某县某局", "", "", "", "", "", "自评得分：", 95],
    ["一级指标", "二级指标", "三级指标", "分值", "指标说明", "评分标准", "完成值", "自评得分", "扣分说明"],
    [
        "预算执行（30分）",
        "预算执行",
        "预算执行率",
        10,
        "预算执行率=实际支出/调整后预算×100%。",
        "执行率≥95%得满分；每低1个百分点扣0.5分，扣完为止。",
        "/",
        10,
        "全年预算执行率98.00%。",
    ],
    ["", "", "“三公经费”变动率", 10, "", "“三公经费”变动率≤0得满分；每超过1个百分点扣0.5分，扣完为止。", "/", 10, ""],
    [
        "",
        "",
        "社会公众或服务对象满意度",
        10,
        "社会公众或服务对象对部门履职效果的满意程度。",
        "满意度≥90%得满分；每低1个百分点扣0.5分，扣完为止。",
        "/",
        10,
        "电话回访200户，满意186户，满意度93.00%。",
    ],
    [
        "履职效能（70分）",
        "履职效能",
        "履职目标完成情况",
        70,
        "",
        "全部完成得满分，否则酌情扣分。",
        "/",
        65,
        "个别任务未完成",
    ],
    ["合计", "", "", 100, "", "", "", 95, ""],
    ["经自评，本部门2023年度整体支出绩效自评总得分95.00分，评价等级为“优”。"],
]
HUBEI_MERGED = ["A1:I1", "A2:F2", "H2:I2", "A4:A6", "B4:B6", "A8:C8", "A9:I9"]


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("经自评，本部门2023年度整体支出绩效自评总得分95.00分，评价等级为“优”。", []),
        # before: with a total in the head, the one said under the 合计 was not read
        ("经自评，本部门2023年度整体支出绩效自评总得分97.00分，评价等级为“优”。", [("A9", "sum-mismatch", 95.0)]),
        ("经自评，本部门2023年度整体支出绩效自评总得分95.00分，评价等级为“良”。", [("A9", "grade-mismatch", "优")]),
    ],
)
def test_a_total_said_under_the_form_beside_one_in_its_head(
    tmp_path: Path, sentence: str, said: list[tuple[str, str, object]]
) -> None:
    result = score_grid(tmp_path, "部门整体支出绩效自评表", HUBEI, HUBEI_MERGED, {"A9": sentence})
    assert errors_and_warnings(result) == said


@pytest.mark.parametrize(
    ("remark", "said"),
    [
        # this year's amount, last year's, then the change: 10.80 ÷ 10.00 − 1 = +8.00 % over the ≤ 0 line → 10 −
        # 8 × 0.5 = 6 (before: no 比上年 before the change, so it went unread and the typed 10 stood)
        ("本年“三公经费”10.80万元，上年10.00万元，增长8.00%。", [("H5", "score-mismatch", 6.0)]),
        ("2023年“三公经费”10.80万元，2022年10.00万元，增长8.00%。", [("H5", "score-mismatch", 6.0)]),
        ("“三公经费”2022年支出10.00万元，2023年支出10.80万元，增长8.00%。", [("H5", "score-mismatch", 6.0)]),
        ("本年“三公经费”9.20万元，上年10.00万元，下降8.00%。", []),  # a fall: ≤ 0, full marks
        # a part's change, and two years not one apart, say nothing of the 三公经费 of the year
        ("公务用车运行维护费本年10.80万元，上年10.00万元，增长8.00%。", []),
        ("2021年“三公经费”10.00万元，2023年10.80万元，增长8.00%。", []),
    ],
)
def test_a_change_said_after_both_years_amounts(
    tmp_path: Path, remark: str, said: list[tuple[str, str, object]]
) -> None:
    assert (
        errors_and_warnings(score_grid(tmp_path, "部门整体支出绩效自评表", HUBEI, HUBEI_MERGED, {"I5": remark})) == said
    )
