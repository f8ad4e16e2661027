"""Layouts from a twelfth second-reader round (each failed before the change that reads it): a 财政拨款小计 broken
down under its full official names, "其中：人员经费 / 公用经费" under 基本支出, the 执行率 printed again as a row of
the indicator table, a 评分表 with no 年度指标值 and bands scored as shares of the 分值, a remark column headed
"评价情况（扣分说明）", a total labelled 绩效指标合计; and the Chongqing 部门整体 form's columns (年初指标值 /
调整指标值 / 指标权重 / 得分系数) with its one funds line. Every expected figure is worked out by hand in the
comments."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from corpus.scored import INDICATOR_HEAD, PROJECT_FUNDS_HEAD, Row, book, flagged

from perfxl.pipeline import score_paths
from perfxl.rules import load_rules

TITLE: Row = ["部门整体支出绩效自评表", "", "", "", "", "", "", "", ""]
UNIT: Row = ["部门名称", "某县住房和城乡建设局", "", "", "", "", "", "", ""]
FUNDS_HEAD: Row = [
    "年度预算执行情况（万元）",
    "",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "",
]
INDICATORS: list[Row] = [  # 90 points, all earned
    ["", "产出指标", "数量指标", "保障性住房建设套数", "≥300套", "306套", 45, 45, ""],
    ["", "效益指标", "社会效益指标", "困难家庭住房保障率", "≥90%", "92%", 35, 35, ""],
    ["", "满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "93%", 10, 10, ""],
]


def test_a_wrong_part_is_flagged_at_the_part_not_at_the_total_it_adds_up_to(tmp_path: Path) -> None:
    funds: list[Row] = [
        # 997.86 ÷ 1025.4 = 97.31 %; 10 × 97.31 % = 9.73
        ["", "年度资金总额", 905, 1025.4, 997.86, 10, "97.31%", 9.73, ""],
        ["", "财政拨款小计", 880, 960.4, 949.36, "—", "", "—", ""],  # 851.26 + 88.10 = 939.36, not 949.36
        ["", "\u3000\u3000其中：一般公共预算财政拨款", 820, 865.4, 851.26, "—", "", "—", ""],
        ["", "\u3000\u3000\u3000\u3000\u3000政府性基金预算财政拨款", 60, 95, 88.1, "—", "", "—", ""],
        ["", "上年结转资金", 0, 40, 36, "—", "", "—", ""],
        ["", "其他资金", 25, 25, 22.5, "—", "", "—", ""],  # 939.36 + 36 + 22.5 = 997.86: the total is right
    ]
    rows = [TITLE, UNIT, FUNDS_HEAD, *funds, INDICATOR_HEAD, *INDICATORS, ["总分", "", "", "", "", "", 100, 99.73, ""]]
    got = flagged(book(tmp_path, [(rows, [])]))
    assert set(got) == {"E5"}, got
    assert got["E5"] == ["财政拨款小计的全年执行数填报 949.36，分项之和为 851.26 + 88.1 = 939.36"]


def test_the_lines_after_a_qizhong_line_are_its_siblings_and_a_jixiao_zhibiao_heji_row_is_a_total(
    tmp_path: Path,
) -> None:
    funds: list[Row] = [
        # 2467.34 ÷ 2515.8 = 98.07 %; 10 × 98.07 % = 9.81
        ["", "年度资金总额", 2360, 2515.8, 2467.34, 10, "98.07%", 9.81, ""],
        ["", "基本支出", 1860, 1952.6, 1921.14, "—", "", "—", ""],  # 1566.3 + 359.3 = 1925.6, not 1952.6
        ["", "\u3000其中：人员经费", 1520, 1566.3, 1566.3, "—", "", "—", ""],
        ["", "\u3000\u3000\u3000\u3000公用经费", 340, 359.3, 354.84, "—", "", "—", ""],  # aligned after "其中："
        ["", "项目支出", 500, 590.2, 546.2, "—", "", "—", ""],  # 1925.6 + 590.2 = 2515.8: the total is right
    ]
    rows = [
        TITLE,
        UNIT,
        FUNDS_HEAD,
        *funds,
        INDICATOR_HEAD,
        *INDICATORS,
        ["绩效指标合计", "", "", "", "", "", 90, 90, ""],
        ["自评总分", "", "", "", "", "", 100, 99.81, ""],  # 9.81 + 90
        ["自评等级", "", "", "", "", "", "", "优", ""],
    ]
    result = book(tmp_path, [(rows, [])])
    got = flagged(result)
    assert set(got) == {"D5"}, got  # 年初 1520 + 340 = 1860 and 执行 1566.3 + 354.84 = 1921.14 hold
    assert got["D5"] == ["基本支出的全年预算数填报 1952.6，分项之和为 1566.3 + 359.3 = 1925.6"]
    assert [ind.name for ind in result.instances[0].indicators] == [row[3] for row in INDICATORS]
    assert result.total is not None and round(result.total, 2) == 99.81


def test_the_execution_rate_printed_again_as_a_row_is_counted_once(tmp_path: Path) -> None:
    funds: list[Row] = [["", "年度资金总额", 150, 160, 149.6, 10, "93.50%", 9.35, ""]]  # 149.6 ÷ 160; 10 × 93.5 %
    indicators: list[Row] = [
        ["", "产出指标（40分）", "数量指标", "新建改建农村公厕", "≥20座", "20座", 40, 40, ""],
        ["", "效益指标（30分）", "社会效益指标", "农村如厕环境改善", "≥90%", "95%", 30, 30, ""],
        ["", "满意度指标（20分）", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 20, 20, ""],
        ["", "预算执行（10分）", "预算执行率", "预算执行率", "100%", "93.5%", 10, 9.35, "部分尾款未支付"],
    ]
    # the rows alone make the printed 100, and their 99.35 the printed total: the 10 points are counted once
    rows = [TITLE, UNIT, FUNDS_HEAD, *funds, INDICATOR_HEAD, *indicators, ["总分", "", "", "", "", "", 100, 99.35, ""]]
    result = book(tmp_path, [(rows, [])])
    assert flagged(result) == {}
    assert result.total is not None and round(result.total, 2) == 99.35


def test_a_scoring_table_with_no_target_column_is_scored_by_its_bands_of_the_weight(tmp_path: Path) -> None:
    band = "支出进度率90%(含)以上得满分；80%(含)-90%得80%分值；70%(含)-80%得60%分值；70%以下不得分。"
    rows: list[Row] = [
        ["部门整体支出绩效评价指标评分表", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "实际完成值", "自评得分"],
        ["部门预算管理（80分）", "预算执行（40分）", "支出进度", 10, band, "86%", 10],  # 80 % of 10 = 8, not 10
        ["", "", "支出均衡性", 10, band, "76%", 6],  # 60 % of 10 = 6
        ["", "", "结转结余", 20, "结转结余率≤5%得满分；每超过1个百分点扣1分，扣完为止。", "7%", 18],  # 20 − 2
        ["", "预算管理（40分）", "资金使用合规性", 40, "存在违规使用资金情况的，每发现一例扣2分。", "未发现违规", 40],
        [
            "部门绩效（20分）",
            "履职效果（20分）",
            "服务对象满意度",
            20,
            "满意度≥90%得满分，每低1个百分点扣1分。",
            "88%",
            18,
        ],
        ["合计", "", "", 100, "", "", 92],  # 10 + 6 + 18 + 40 + 18 as declared
    ]
    got = flagged(book(tmp_path, [(rows, ["A3:A6", "B3:B5"])]))
    assert set(got) == {"G3"}, got
    assert "应得 8" in got["G3"][0] and "86% → 8分" in got["G3"][0]


def test_a_remark_column_headed_with_its_note_in_brackets(tmp_path: Path) -> None:
    rows: list[Row] = [
        ["部门整体支出绩效自评表", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "评价情况（扣分说明）", "得分"],
        [
            "部门管理（50分）",
            "资金投入（50分）",
            "基本支出预算执行率",
            25,
            "得分=基本支出预算执行率×分值。",
            "全年预算数650万元，执行数637万元，基本支出预算执行率98%。",
            24.5,
        ],  # 25 × 98 % = 24.5
        ["", "", "项目支出预算执行率", 25, "得分=执行率×分值。", "预算数500万元，实际支出420万元，执行率84%。", 25],
        [
            "部门绩效（50分）",
            "履职目标（50分）",
            "年度工作任务完成率",
            50,
            "得分=完成率×分值。",
            "年度工作任务完成率100%。",
            50,
        ],
        ["合计", "", "", 100, "", "", 99.5],  # 24.5 + 25 + 50 as declared
    ]
    got = flagged(book(tmp_path, [(rows, ["A3:A4", "B3:B4"])]))
    assert set(got) == {"G4"}, got
    assert "应得 21" in got["G4"][0]  # 25 × 84 % = 21, not 25


CHONGQING_FUNDS: list[Row] = [
    ["部门整体绩效自评表", "", "", "", "", "", "", "", "", "", ""],
    ["主管部门", "某区融媒体中心", "", "", "", "", "", "自评总分(分)", "", 98.8, ""],
    [
        "部门预算执行情况",
        "年初预算数",
        "",
        "全年(调整)预算数",
        "",
        "全年执行数",
        "",
        "执行率(%)",
        "执行率权重",
        "执行率得分(分)",
        "",
    ],
    ["", 800, "", 850, "", 816, "", "96%", 10, 9.6, ""],  # 816 ÷ 850 = 96 %; 10 × 96 % = 9.6
    [
        "绩效指标",
        "指标名称",
        "计量单位",
        "指标性质",
        "年初指标值",
        "调整指标值",
        "全年完成值",
        "得分系数(%)",
        "指标权重(分)",
        "指标得分(分)",
        "是否核心指标",
    ],
]
CHONGQING_MERGES = ["A1:K1", "B2:G2", "H2:I2", "J2:K2", "A3:A4", "B3:C3", "D3:E3", "F3:G3", "B4:C4", "D4:E4", "F4:G4"]


def test_chongqings_department_form_is_read_by_its_own_rule_set(tmp_path: Path) -> None:
    indicators: list[Row] = [
        # a control rate held under its ceiling: 92 % against 100 % is met (no ≥ or ≤ printed)
        ["", "财政供养人员控制率", "%", "定量指标", "100%", "", "92%", "100%", 20, 20, "否"],
        ["", "预算调整率", "%", "定量指标", "3%", "", "2.5%", "100%", 10, 10, "否"],  # under its 3 % ceiling
        # the target adjusted during the year (80 %) is the one in force: 80 % reached, full marks
        ["", "固定资产利用率", "%", "定量指标", "90%", "80%", "80%", "100%", 20, 20, "否"],
        # 72.74 % of a 100 % target: 得分系数 72.74 %, 2 × 72.74 % = 1.45; the form gives 100 % and 2
        ["", "政府采购执行率", "%", "定量指标", "100%", "", "72.74%", "100%", 2, 2, "是"],
        ["", "播发稿件数量", "篇", "定量指标", "2200篇", "", "2300篇", "100%", 38, 38, "是"],
    ]
    rows = [*CHONGQING_FUNDS, *indicators, ["绩效指标总分", "", "", "", "", "", "", "", 90, 90, ""]]
    result = book(tmp_path, [(rows, [*CHONGQING_MERGES, "A5:A10"])], rules="auto")
    assert result.rules is not None and result.rules.name == "chongqing-2021"
    got = flagged(result)
    assert set(got) == {"H9", "J9", "J2"}, got
    assert "72.74%" in got["H9"][0] and "应得 1.45" in got["J9"][0]
    assert "99.6" in got["J2"][0]  # 自评总分 98.8 against 9.6 + 90


@pytest.mark.parametrize(
    ("coefficient", "score", "cells"),
    [
        # round 30: 96 % of a 100 % target is 96 %, 10 × 96 % = 9.6 — the score is right, the 95 % beside it is not
        ("95%", 9.6, {"H9"}),
        # 110 %: 10 × 110 % = 11 agrees with the coefficient but the score stops at 10 (超出分值 at the score) and
        # the coefficient at 100 %
        ("110%", 11, {"H9", "J9"}),
        ("96%", 9.6, set()),
    ],
)
def test_a_coefficient_beside_a_score_is_where_the_slip_is_when_the_score_follows_the_row(
    tmp_path: Path, coefficient: str, score: float, cells: set[str]
) -> None:
    achieved = "96%" if coefficient != "110%" else "110%"
    indicators: list[Row] = [
        ["", "财政供养人员控制率", "%", "定量指标", "100%", "", "92%", "100%", 20, 20, "否"],
        ["", "预算调整率", "%", "定量指标", "3%", "", "2.5%", "100%", 10, 10, "否"],
        ["", "固定资产利用率", "%", "定量指标", "90%", "", "90%", "100%", 20, 20, "否"],
        ["", "预算完成率", "%", "定量指标", "100%", "", achieved, coefficient, 10, score, "是"],
        ["", "播发稿件数量", "篇", "定量指标", "2200篇", "", "2300篇", "100%", 30, 30, "是"],
    ]
    total = 80 + score
    rows = [*CHONGQING_FUNDS, *indicators, ["绩效指标总分", "", "", "", "", "", "", "", 90, total, ""]]
    rows[1] = [*rows[1][:9], 9.6 + total, *rows[1][10:]]
    result = book(tmp_path, [(rows, [*CHONGQING_MERGES, "A5:A10"])], rules="chongqing-2021")
    errors = {f.cell for f in result.flags if f.severity == "error" and f.cell in ("H9", "J9")}
    assert errors == cells


@pytest.mark.parametrize(("coefficient", "cells"), [("99.17%", set()), ("99.2%", set()), ("98.5%", {"H11"})])
def test_a_total_rows_own_coefficient_is_its_score_over_its_weight(
    tmp_path: Path, coefficient: str, cells: set[str]
) -> None:
    # round 30: 绩效指标总分 | 90 | 得分系数 | 89.25: 89.25 ÷ 90 = 99.1667 %, printed to its own decimals (99.17 %,
    # 99.2 %); 98.5 % is wrong. 政府采购执行率 2 × 62.5 % = 1.25 of 2 (0.75 short of 90)
    indicators: list[Row] = [
        ["", "财政供养人员控制率", "%", "定量指标", "100%", "", "92%", "100%", 20, 20, "否"],
        ["", "预算调整率", "%", "定量指标", "3%", "", "2.5%", "100%", 10, 10, "否"],
        ["", "固定资产利用率", "%", "定量指标", "90%", "", "90%", "100%", 20, 20, "否"],
        ["", "政府采购执行率", "%", "定量指标", "100%", "", "62.5%", "62.5%", 2, 1.25, "是"],
        ["", "播发稿件数量", "篇", "定量指标", "2200篇", "", "2300篇", "100%", 38, 38, "是"],
    ]
    rows = [*CHONGQING_FUNDS, *indicators, ["绩效指标总分", "", "", "", "", "", "", coefficient, 90, 89.25, ""]]
    rows[1] = [*rows[1][:9], 9.6 + 89.25, *rows[1][10:]]
    result = book(tmp_path, [(rows, [*CHONGQING_MERGES, "A5:A10"])], rules="chongqing-2021")
    assert {f.cell for f in result.flags if f.severity != "info" and f.cell} == cells


SCORE_HEAD: Row = ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "目标值", "实际值", "得分"]
# 附件5-like rows with no 附件4 in the workbook: each states its own rate, and prints the standard that scores it
STATED: list[Row] = [
    [
        "预算编制（20分）",
        "预算配置",
        "在职人员控制率",
        10,
        "在职人员控制率≤100%得满分，每超过1个百分点扣0.5分，扣完为止。",
        "≤100%",
        "103%",
        8.5,
    ],  # 10 − 3 × 0.5
    ["", "", "“三公经费”变动率", 10, "“三公经费”变动率≤0得满分，每超过1个百分点扣0.6分，扣完为止。", "≤0", "-4.2%", 10],
    ["预算执行（60分）", "预算执行", "预算执行率", 20, "得分=预算执行率×分值。", "100%", "95.6%", 19.12],  # 20 × 95.6 %
    ["", "", "结转结余率", 20, "结转结余率≤10%得满分，每超过1个百分点扣0.5分，扣完为止。", "≤10%", "12%", 19],  # 20 − 1
    ["", "预算管理", "资金使用合规性", 10, "资金使用合规得满分，发现违规每项扣2分。", "—", "合规", 10],
    ["", "", "预决算信息公开性", 10, "按规定时限和内容公开得满分，否则每项扣2分。", "—", "已按时公开", 10],
    # 20 − 4 × 1 = 16, not 18
    [
        "履职效益（20分）",
        "履职效果",
        "服务对象满意度",
        20,
        "满意度≥90%得满分，每低于1个百分点扣1分。",
        "≥90%",
        "86%",
        18,
    ],
]
MERGES = ["A3:A4", "B3:B4", "A5:A8", "B5:B6", "B7:B8"]


def test_a_score_table_without_base_data_is_scored_by_the_rates_its_rows_state(tmp_path: Path) -> None:
    rows = [
        ["2023年度部门整体支出绩效自评指标表", "", "", "", "", "", "", ""],
        SCORE_HEAD,
        *STATED,
        ["合计", "", "", 100, "", "", "", 94.62],  # 8.5 + 10 + 19.12 + 19 + 10 + 10 + 18 as declared
    ]
    result = book(tmp_path, [(rows, MERGES)], rules="auto")
    got = flagged(result)
    assert set(got) == {"H9"}, got
    assert "应得 6" not in got["H9"][0] and "按计分规则应得 16" in got["H9"][0] and "按本行实际值 86%" in got["H9"][0]
    assert result.total is not None and round(result.total, 2) == 92.62  # 8.5 + 10 + 19.12 + 19 + 10 + 10 + 16
    weights = {i.name: i.weight for i in result.indicators}
    assert weights["资金使用合规性"] == 10 and weights["在职人员控制率"] == 10  # as the rows print them


def test_a_score_table_whose_remarks_state_the_rates(tmp_path: Path) -> None:
    said = ["在职人员103人，编制100人，在职人员控制率103%。", "“三公经费”变动率-4.2%。", "预算执行率95.6%。",
            "结转结余率为12%。", "未发现违规。", "已按时公开。", "满意度调查结果为86%。"]  # fmt: skip
    head = [*SCORE_HEAD[:5], "评价依据", "自评得分"]
    rows = [
        ["2023年度部门整体支出绩效评价自评表", "", "", "", "", "", ""],
        head,
        *[[*row[:5], remark, row[7]] for row, remark in zip(STATED, said, strict=True)],
        ["合计", "", "", 100, "", "", 94.62],
    ]
    got = flagged(book(tmp_path, [(rows, MERGES)], rules="auto"))
    assert set(got) == {"G9"}, got
    assert "按计分规则应得 16" in got["G9"][0] and "评价依据所述满意度 86%" in got["G9"][0]


def test_grade_bounds_the_form_prints_for_itself_grade_its_total(tmp_path: Path) -> None:
    bounds = "评价等级标准：总分85分(含)以上为“优”，70分(含)-85分为“良”，60分(含)-70分为“中”，60分以下为“差”。"
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "公共自行车系统扩建", "", "", "", "", "", "", ""],
        PROJECT_FUNDS_HEAD,
        ["", "年度资金总额", 36, 36, 33.3, 10, "92.50%", 9.25, ""],  # 33.3 ÷ 36 = 92.5 %; 10 × 92.5 %
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "新增公共自行车站点", "≥15个", "15个", 40, 40, ""],
        ["", "效益指标", "社会效益指标", "日均骑行人次", "≥3000人次", "2100人次", 40, 28, "推广期"],  # 40 × 0.7
        ["", "满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "95%", 10, 10, ""],
        ["总分", "", "", "", "", "", 100, 87.25, ""],  # 9.25 + 40 + 28 + 10
        ["自评等级", "", "", "", "", "", "", "优", ""],  # 87.25 ≥ 85: 优 by the printed bounds (良 by 90)
        [bounds, "", "", "", "", "", "", "", ""],
    ]
    result = book(tmp_path, [(rows, ["A11:I11"])])
    assert flagged(result) == {}
    assert result.instances[0].grade == "优"
    rows[9] = ["自评等级", "", "", "", "", "", "", "良", ""]
    got = flagged(book(tmp_path, [(rows, ["A11:I11"])], "good.xlsx"))
    assert got == {"H10": ["等级填报为「良」，按本表所印等级标准，自评总分 87.25 对应等级为「优」"]}


def test_none_planned_and_none_happened_is_a_value_not_two_blanks(tmp_path: Path) -> None:
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "信息化系统运维", "", "", "", "", "", "", ""],
        PROJECT_FUNDS_HEAD,
        ["", "年度资金总额", 85, 85, 85, 10, "100%", 10, ""],
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "运维信息系统数量", "≥6个", "6个", 50, 50, ""],
        ["", "效益指标", "可持续影响指标", "数据安全事故", "无", "无", 30, 30, ""],  # none planned, none happened
        ["", "", "社会效益指标", "网上办事便利度", "提升", "", 10, 10, ""],  # a blank 实际完成值 is still said
        ["总分", "", "", "", "", "", 100, 100, ""],
    ]
    got = flagged(book(tmp_path, [(rows, [])]))
    assert set(got) == {"F8"}, got


def test_a_block_of_the_years_main_tasks_is_a_list_whose_total_adds_up(tmp_path: Path) -> None:
    rows: list[Row] = [
        TITLE,
        UNIT,
        ["年度主要任务", "任务名称", "", "主要内容", "", "", "", "预算数（万元）", "执行数（万元）"],
        ["", "食品安全抽检", "", "完成食品安全监督抽检2000批次以上", "", "", "", 120, 118.5],
        ["", "特种设备安全监管", "", "开展特种设备定期检验和隐患排查", "", "", "", 80, 76],
        ["", "合计", "", "", "", "", "", 200, 195.5],  # 118.5 + 76 = 194.5, not 195.5; 120 + 80 = 200
        FUNDS_HEAD,
        ["", "年度资金总额", 1500, 1620, 1575.3, 10, "97.24%", 9.72, ""],  # 1575.3 ÷ 1620 = 97.24 %; 10 × that
        INDICATOR_HEAD,
        *INDICATORS,
        ["总分", "", "", "", "", "", 100, 99.72, ""],  # 9.72 + 90
    ]
    got = flagged(book(tmp_path, [(rows, ["A3:A6", "B3:C3", "D3:G3", "D4:G4", "D5:G5"])]))
    assert set(got) == {"I6"}, got
    assert "118.5 + 76 = 194.5" in got["I6"][0]


def test_a_table_naming_few_of_a_rule_sets_indicators_is_its_own_system(tmp_path: Path) -> None:
    # Rows print 江华's own 分值 and standards (在职人员控制率 5 "每超过1个百分点扣0.2分", …), but the table names 5 of
    # 江华's 14 indicators (服务对象满意度 its 满意度): its own system, so the other nine are one note, not nine
    # warnings, and a 分值 no rule scores (资金使用合规性 12) is held to what it prints
    rows: list[Row] = [
        ["部门整体支出绩效评价表", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评价标准", "评价依据", "得分"],
        [
            "投入（10分）",
            "预算配置",
            "在职人员控制率",
            5,
            "≤100%计满分，每超过一个百分点扣0.2分，扣完为止",
            "在职人员控制率为98%。",
            5,
        ],
        ["", "", "“三公经费”变动率", 5, "≤0计满分，每增加1个百分点扣0.5分，扣完为止", "“三公经费”变动率-3%。", 5],
        ["过程（30分）", "资金管理", "资金使用合规性", 12, "发现一处违规扣1分，扣完为止", "未发现违规", 12],
        ["", "", "管理制度健全性", 8, "制度健全计满分，每缺一项扣1分", "制度健全", 8],
        ["", "", "重点工作完成率", 10, "完成率100%得满分，每降低1个百分点扣0.5分。", "重点工作完成率96%。", 8],
        ["产出（60分）", "履职效益", "社会效益", 30, "根据履职效果综合评分。", "成效明显", 28],
        ["", "满意度", "服务对象满意度", 30, "满意度≥90%得满分，每低1个百分点扣1分。", "满意度调查结果为92%。", 30],
        ["合计", "", "", 100, "", "", 96],  # 5 + 5 + 12 + 8 + 8 + 28 + 30
    ]
    result = book(tmp_path, [(rows, ["A3:A4", "B3:B4", "A5:A7", "B5:B7", "A8:A9"])], rules="auto")
    assert result.rules is not None and (result.rules.name, result.rules.matched) == ("jianghua", False)
    assert "列出其指标 5/14 项" in result.rules.reason
    assert [f.message for f in result.flags if f.severity in ("error", "warning")] == []
    noted = [f for f in result.flags if f.code == "missing-value"]
    assert len(noted) == 1 and "按本表自己的指标体系计分" in noted[0].message


def test_group_subtotals_named_after_their_group_and_the_total_in_a_header_cell(tmp_path: Path) -> None:
    rows: list[Row] = [
        TITLE,
        ["部门名称", "某县市场监督管理局", "", "", "", "自评总分：99.5分", "", "", ""],  # 9.5 + 40 + 40 + 10 = 99.5
        FUNDS_HEAD,
        ["", "年度资金总额", 100, 100, 95, 10, "95.00%", 9.5, ""],  # 95 ÷ 100; 10 × 95 %
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "保障性住房建设套数", "≥300套", "306套", 20, 20, ""],
        ["", "", "质量指标", "工程验收合格率", "100%", "100%", 20, 20, ""],
        ["产出指标小计", "", "", "", "", "", 40, 40, ""],
        ["", "效益指标", "社会效益指标", "困难家庭住房保障率", "≥90%", "92%", 20, 20, ""],
        ["", "", "可持续影响指标", "物业管理覆盖率", "≥80%", "85%", 20, 20, ""],
        ["效益指标小计", "", "", "", "", "", 40, 39, ""],  # 20 + 20 = 40, not 39
        ["", "满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "93%", 10, 10, ""],
        ["绩效指标得分小计", "", "", "", "", "", 90, 90, ""],
        ["总分", "", "", "", "", "", 100, 99.5, ""],
    ]
    result = book(tmp_path, [(rows, [])])
    got = flagged(result)
    assert set(got) == {"H11"}, got  # only the 效益 小计's 得分; no 小计 counted as an indicator
    assert got["H11"] == ["「效益指标小计」印的得分为 39，其上各指标得分之和为 20 + 20 = 40"]
    assert len(result.instances[0].indicators) == 5 and result.instances[0].declared_total == 99.5
    rows[1][5] = "自评总分：98.5分"
    got = flagged(book(tmp_path, [(rows, [])], "header.xlsx"))
    assert got["F2"] == ["自评总分填报 98.5，各指标得分之和 + 执行率得分为 99.5"]


def test_percentages_kept_as_fractions_on_both_sides_are_scored_by_the_printed_bands(tmp_path: Path) -> None:
    rows: list[Row] = [
        ["部门整体支出绩效自评表", "", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "目标值", "实际值", "得分"],
        # 91.35 % typed into percent cells (kept as 0.95 and 0.9135): the band 90%(含)-95% gives 8, not 10
        [
            "过程（50分）",
            "预算管理",
            "预算执行率",
            10,
            "预算执行率≥95%得10分；90%(含)-95%得8分；85%(含)-90%得6分；85%以下不得分。",
            0.95,
            0.9135,
            10,
        ],
        # 96.8 % of 100 %: 5 − 3.2 × 0.5 = 3.4 (not 5 × 0.968 = 4.84)
        ["", "", "政府采购执行率", 5, "政府采购执行率100%得满分，每低于1个百分点扣0.5分，扣完为止。", 1, 0.968, 3.4],
        ["", "", "资金使用合规性", 35, "发现一处违规扣1分。", "—", "合规", 35],
        ["产出（50分）", "职责履行", "重点工作完成率", 50, "按完成比例计分。", 1, 0.95, 47.5],  # 50 × 95 %
        ["合计", "", "", 100, "", "", "", 95.9],  # 10 + 3.4 + 35 + 47.5 as declared
    ]
    got = flagged(book(tmp_path, [(rows, ["A3:A5", "B3:B5"])]))
    assert set(got) == {"H3"}, got
    assert "应得 8" in got["H3"][0] and "91.35% → 8分" in got["H3"][0]


def test_a_group_printed_again_after_a_page_break_is_one_group(tmp_path: Path) -> None:
    head: Row = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "得分"]
    rows: list[Row] = [
        ["附件5  部门整体支出绩效自评指标计分表", "", "", "", "", "", "", ""],
        head,
        ["投入", 15, "预算配置", 15, "在职人员控制率", 7, "≤100%，计7分；每超过1个百分点扣0.2分，扣完为止。", 7],
        ["", "", "", "", "“三公经费”变动率", 8, "≤0，计8分；每超过1个百分点扣0.8分，扣完为止。", 8],
        ["过程", 50, "预算执行", 20, "预算完成率", 10, "100%计满分，每低于5%扣2分，扣完为止。", 10],
        ["", "", "", "", "预算控制率", 10, "预算控制率=0，计10分；0-10%(含)计8分；10%以上计0分。", 8],
        head,  # the header printed again at the top of the next page, and 过程 50 with it
        ["过程", 50, "预算管理", 30, "管理制度健全性", 15, "①-④每一项不符合要求扣2分，扣完为止。", 15],
        ["", "", "", "", "资金使用合规性", 15, "①-⑤每一项不符合要求扣1分。", 16],  # 16 of 15
        ["产出及效率", 35, "职责履行", 35, "目标任务实际完成率", 35, "年度综合目标管理考核得分/总分×35", 35],
        ["合计", "", "", "", "", 100, "", 99],  # 7 + 8 + 10 + 8 + 15 + 16 + 35 as declared
    ]
    merges = ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "A5:A6", "B5:B6", "C5:C6", "D5:D6", "A8:A9", "B8:B9", "C8:C9",
              "D8:D9"]  # fmt: skip
    got = flagged(book(tmp_path, [(rows, merges)], rules="auto"))
    # 过程 50 = 预算执行 20 + 预算管理 30 over both pages: held once, not 50 against 20 and again against 30
    assert "B5" not in got and "B8" not in got, got
    assert any("超出 0～15 分" in m for m in got["H9"]), got


def test_a_score_table_with_a_deduction_column(tmp_path: Path) -> None:
    rows: list[Row] = [
        ["部门整体支出绩效评价表", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评价标准", "扣分", "得分"],
        ["投入（10分）", "预算配置", "在职人员控制率", 5, "≤100%计满分，每超过一个百分点扣0.2分，扣完为止", 0, 5],
        ["", "", "“三公经费”变动率", 5, "≤0计满分，每增加1个百分点扣0.5分，扣完为止", 0, 5],
        ["过程（30分）", "资金管理", "资金使用合规性", 12, "发现一处违规扣1分，扣完为止", 1.5, 10],  # 12 − 1.5 = 10.5
        ["", "", "管理制度健全性", 18, "制度健全计满分，每缺一项扣1分", 0, 18],
        ["产出（60分）", "履职效益", "社会效益", 30, "根据履职效果综合评分。", 2, 28],
        ["", "满意度", "服务对象满意度", 30, "满意度≥90%得满分，每低1个百分点扣1分。", 0, 30],
        ["合计", "", "", 100, "", 3.5, 96],  # 5 + 5 + 10 + 18 + 28 + 30 as declared
    ]
    result = book(tmp_path, [(rows, ["A3:A4", "B3:B4", "A5:A6", "B5:B6", "A7:A8"])], rules="auto")
    assert result.forms and result.forms[0]["form"].startswith("附件5")  # read as a score table, not a 自评表
    got = flagged(result)
    assert got == {"G5": ["得分 10 + 扣分 1.5 ≠ 分值 12；按扣分应得 10.5"]}, got


def test_a_percentage_format_shows_the_rate_the_person_typed(tmp_path: Path) -> None:
    # 结转结余率 6.72 % typed into a "0.00%" cell is kept as 0.0672: against "≤5%" it is 6.72 %, 1.72 points over
    # (5 − 1.72 × 1 = 3.28, as declared), not 0.0672 % under the ceiling (which would give the full 5)
    rows: list[Row] = [
        ["部门整体支出绩效自评表", "", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "目标值", "实际值", "得分"],
        [
            "过程（10分）",
            "预算管理",
            "结转结余率",
            5,
            "结转结余率≤5%得满分；每超过1个百分点扣1分，扣完为止。",
            "≤5%",
            0.0672,
            3.28,
        ],
        ["", "", "“三公经费”控制率", 5, "“三公经费”控制率≤100%得满分，超过100%不得分。", "≤100%", 0.9412, 5],
        ["产出（90分）", "职责履行", "重点工作完成率", 90, "按完成比例计分。", "100%", "100%", 90],
        ["合计", "", "", 100, "", "", "", 98.28],
    ]
    path = tmp_path / "p.xlsx"
    result = book(tmp_path, [(rows, ["A3:A4", "B3:B4"])], "p.xlsx")
    assert "H3" in flagged(result)  # as a plain number, 0.0672 reads as 0.0672 %: the full 5 (the ambiguity)
    sheet = openpyxl.load_workbook(path)
    for ref in ("G3", "G4"):
        sheet.active[ref].number_format = "0.00%"
    sheet.save(path)
    assert flagged(score_paths([path], load_rules("national-2020")).files[0]) == {}
