"""Layouts from a fifteenth second-reader round (each failed before the change that reads it). Every expected figure
is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import PROJECT_FUNDS_HEAD, Row, book, flagged

TITLE: list[Row] = [
    ["2023年度项目支出绩效自评表", "", "", "", "", "", "", "", ""],
    ["项目名称", "高标准农田建设", "", "", "", "", "", "", ""],
]
FUNDS_HEAD = PROJECT_FUNDS_HEAD
FUNDS: Row = ["", "年度资金总额", 500, 500, 470, 10, "94%", 9.4, ""]  # 470 ÷ 500 = 94 %; 10 × 94 % = 9.4
HEAD: Row = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因", ""]


def test_an_operator_in_a_column_of_its_own_beside_a_bare_target(tmp_path: Path) -> None:
    """指标性质 "定量" | 运算符号 "≤" | 指标值 30 | 计量单位 天: 25 days of ≤30 is met, full marks."""
    head: Row = [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "运算符号",
        "指标值",
        "计量单位",
        "实际完成值",
        "分值",
        "得分",
    ]
    funds_head: Row = [*PROJECT_FUNDS_HEAD, ""]
    rows: list[Row] = [
        *[[*row, ""] for row in TITLE],
        funds_head,
        [*FUNDS, ""],
        head,
        ["产出指标", "时效指标", "资金拨付时限", "定量", "≤", 30, "天", 25, 40, 40],
        ["", "数量指标", "培训农户", "定量", "≥", 300, "人", 270, 40, 36],  # 40 × 270 ÷ 300 = 36
        ["满意度指标", "服务对象满意度指标", "农户满意度", "定量", "≥", 90, "%", 95, 10, 10],
        ["总分", "", "", "", "", "", "", "", 100, 95.4],  # 9.4 + 40 + 36 + 10 = 95.4
    ]
    assert flagged(book(tmp_path, [(rows, ["A3:A4"])])) == {}


def test_one_score_merged_over_a_group_is_the_sum_of_its_rows(tmp_path: Path) -> None:
    """得分 merged over each 二级 group: 10 + 10 × 0.45 ÷ 0.5 + 10 = 29, not 30; 5 + 5 × 180 ÷ 200 = 9.5, as
    declared (the shortfall's reason is on its own row)."""
    rows: list[Row] = [
        *TITLE,
        FUNDS_HEAD,
        FUNDS,
        HEAD,
        ["产出指标", "数量指标", "新建高标准农田面积", "≥2万亩", "2.1万亩", 10, 30, "", ""],
        ["", "", "新增灌溉面积", "≥0.5万亩", "0.45万亩", 10, "", "部分渠系未完工", ""],
        ["", "", "修建机耕路", "≥30公里", "30公里", 10, "", "", ""],
        ["效益指标", "社会效益指标", "受益农户", "≥3000户", "3200户", 25, 35, "", ""],
        ["", "", "带动当地务工人数", "≥200人", "180人", 10, "", "机械化施工用工减少", ""],
        ["满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "95%", 25, 25, "", ""],
        ["总分", "", "", "", "", 100, 99.4, "", ""],  # 9.4 + 30 + 35 + 25 = 99.4 by the declared parts
    ]
    result = book(tmp_path, [(rows, ["A3:A4", "G6:G8", "G9:G10"])])
    # 25 + 10 × 180 ÷ 200 = 34, not 35
    assert flagged(result) == {
        "G6": [
            "指标「新建高标准农田面积、新增灌溉面积、修建机耕路」填报得分 30，按完成情况应得 29: "
            "合并计分的各行之和: 新建高标准农田面积 10；新增灌溉面积 9；修建机耕路 10 = 29"
        ],
        "G9": [
            "指标「受益农户、带动当地务工人数」填报得分 35，按完成情况应得 34: "
            "合并计分的各行之和: 受益农户 25；带动当地务工人数 9 = 34"
        ],
    }


def test_a_list_of_tasks_right_under_the_funds_block_is_not_its_parts(tmp_path: Path) -> None:
    """年度主要任务 | 任务名称 | 主要内容 | 预算数 | 执行数 printed right under the lines: a list, not more parts."""
    rows: list[Row] = [
        *TITLE,
        FUNDS_HEAD,
        ["", "年度资金总额", 1800, 2000, 1900, 10, "95%", 9.5, ""],  # 1786 + 57 + 57 = 1900
        ["", "其中：财政拨款", 1700, 1880, 1786, "—", "95%", "—", ""],
        ["", "上年结转资金", 60, 60, 57, "—", "95%", "—", ""],
        ["", "其他资金", 40, 60, 57, "—", "95%", "—", ""],
        ["年度主要任务", "任务名称", "主要内容", "", "预算数", "执行数", "执行率", "", ""],
        ["", "农田建设", "新建高标准农田", "", 1200, 1176, "98%", "", ""],
        ["", "技术培训", "培训农户", "", 800, 724, "90.5%", "", ""],
        ["", "合计", "", "", 2000, 1900, "95%", "", ""],
        HEAD,
        ["产出指标", "数量指标", "新建高标准农田面积", "≥2万亩", "2.1万亩", 90, 90, "", ""],
        ["总分", "", "", "", "", 100, 99.5, "", ""],
    ]
    assert flagged(book(tmp_path, [(rows, ["A3:A7", "A8:A11"])])) == {}


def test_a_deduction_that_does_not_match_a_right_score_is_said_at_the_deduction(tmp_path: Path) -> None:
    """得分 9.78 = 10 × 88 ÷ 90 is right; 扣分 0.32 is not 10 − 9.78 = 0.22."""
    head: Row = [*HEAD[:7], "扣分", "偏差原因"]
    rows: list[Row] = [
        *TITLE,
        FUNDS_HEAD,
        FUNDS,
        head,
        ["产出指标", "数量指标", "养护绿地面积", "≥120万㎡", "125万㎡", 80, 80, 0, ""],
        ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "88%", 10, 9.78, 0.32, "个别路段养护不及时"],
        ["总分", "", "", "", "", 100, 99.18, 0.82, ""],  # 9.4 + 80 + 9.78 = 99.18
    ]
    assert flagged(book(tmp_path, [(rows, ["A3:A4"])])) == {"H7": ["扣分填报 0.32，分值 10 − 得分 9.78 = 0.22"]}


def test_an_indicator_subtotal_named_indicator_score_total(tmp_path: Path) -> None:
    """指标得分合计 (90 | 87.6), 预算执行率得分 (10 | 9.4) and 总分 (100 | 97): totals, not indicators."""
    rows: list[Row] = [
        *TITLE,
        FUNDS_HEAD,
        FUNDS,
        HEAD,
        ["产出指标", "数量指标", "改造小区数量", "≥12个", "12个", 50, 50, "", ""],
        ["效益指标", "社会效益指标", "受益居民户数", "≥2500户", "2350户", 40, 37.6, "部分居民未签约"],  # 40 × 0.94
        ["指标得分合计", "", "", "", "", 90, 87.6, "", ""],
        ["预算执行率得分", "", "", "", "", 10, 9.4, "", ""],
        ["总分", "", "", "", "", 100, 97, "", ""],  # 87.6 + 9.4 = 97
    ]
    merges = ["A3:A4", "A8:E8", "A9:E9", "A10:E10"]
    assert flagged(book(tmp_path, [(rows, merges)])) == {}


def test_execution_points_split_over_the_sources_of_funds(tmp_path: Path) -> None:
    """分值 6 on 当年财政拨款 and 4 on 其他资金, each scored by its own 执行率: 6 × 95 % = 5.7, 4 × 90 % = 3.6."""
    rows: list[Row] = [
        *TITLE,
        FUNDS_HEAD,
        ["", "年度资金总额", 500, 500, 470, "—", "94%", "—", ""],
        ["", "其中：当年财政拨款", 400, 400, 380, 6, "95%", 5.7, ""],
        ["", "其他资金", 100, 100, 90, 4, "90%", 3.8, ""],  # 4 × 90 % = 3.6, not 3.8
        HEAD,
        ["产出指标", "数量指标", "新建高标准农田面积", "≥2万亩", "2.1万亩", 90, 90, "", ""],
        ["总分", "", "", "", "", 100, 99.5, "", ""],  # 5.7 + 3.8 + 90 = 99.5 by the declared parts; 6 + 4 + 90
    ]
    assert flagged(book(tmp_path, [(rows, ["A3:A6"])])) == {
        "H6": ["其他资金执行率得分填报 3.8，按 分值 4 × 执行率 90.00% 应为 3.6"]
    }
