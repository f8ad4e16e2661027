"""Layouts from a fourteenth round of second readers and real tables (each failed before the change that reads
it). Every expected figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import INDICATOR_HEAD, PROJECT_FUNDS_HEAD, Row, book, flagged

INDICATORS: list[Row] = [  # 90 points, all earned
    ["", "产出指标", "数量指标", "维修供水管网长度", "≥35公里", "36公里", 40, 40, ""],
    ["", "效益指标", "社会效益指标", "农村自来水普及率", "≥90%", "92%", 40, 40, ""],
    ["", "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "95%", 10, 10, ""],
]


def test_a_funds_block_printed_on_its_side(tmp_path: Path) -> None:
    """The amounts' names down column B, the funds rows across: read as the upright block it is, the 10 points of
    its 执行率 counted in the total, each cell flagged at its own address."""
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["（2023年度）", "", "", "", "", "", "", "", ""],
        ["项目名称", "农村饮水安全维修养护", "", "", "", "", "", "", ""],
        ["主管部门", "某县水利局", "", "", "实施单位", "某县农村供水管理站", "", "", ""],
        ["项目资金（万元）", "资金类别", "资金总额", "其中：财政拨款", "上年结转", "其他资金", "", "", ""],
        ["", "年初预算数", 250, 240, 0, 10, "", "", ""],
        ["", "全年预算数", 268, 252, 6, 10, "", "", ""],  # 252 + 6 + 10 = 268
        ["", "全年执行数", 259.3, 244.6, 5.7, 9, "", "", ""],  # 244.6 + 5.7 + 9 = 259.3
        # 259.3 ÷ 268 = 96.75 %; 244.6 ÷ 252 = 97.06 %, not 97.60 %; 5.7 ÷ 6 = 95 %; 9 ÷ 10 = 90 %
        ["", "执行率", "96.75%", "97.60%", "95.00%", "90.00%", "", "", ""],
        ["", "分值", 10, "", "", "", "", "", ""],
        ["", "得分", 9.68, "", "", "", "", "", ""],  # 10 × 96.75 % = 9.675 ≈ 9.68
        ["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""],
        ["", "维修养护农村供水管网", "", "", "", "完成维修管网36公里", "", "", ""],
        INDICATOR_HEAD,
        *INDICATORS,
        ["总分", "", "", "", "", "", 100, 99.68, ""],  # 10 + 90 = 100; 9.68 + 90 = 99.68
        ["自评等级", "", "", "", "", "", "", "优", ""],
    ]
    merges = ["A1:I1", "A2:I2", "B3:I3", "A5:A11", "A12:A13", "B12:E12", "B13:E13", "F12:I12", "F13:I13", "A14:A17"]
    result = book(tmp_path, [(rows, merges)])
    assert result.status == "ok"
    assert list(flagged(result)) == ["D9"]
    (message,) = flagged(result)["D9"]
    assert "97.6%" in message and "244.6 / 252 = 97.06%" in message
    assert result.total == 99.68


NOTE = (
    "注：定性指标根据指标完成情况分为：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差三档，"
    "分别按照该指标对应分值区间100%-80%（含80%）、80%-50%（含50%）、50%-0%合理确定分值。"
)


def test_qualitative_scores_held_to_the_tiers_the_form_prints(tmp_path: Path) -> None:
    """湖北's note under the table prints 部分达成 as 80–50 % of the 分值: 5.5 of 10 is inside it (the national tiers,
    80–60 %, would warn), 13 of 15 is not (7.5–12)."""
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "县域经济发展课题研究", "", "", "", "", "", "", ""],
        PROJECT_FUNDS_HEAD,
        ["", "年度资金总额", 50, 50, 50, 10, "100%", 10, ""],
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "完成课题数量", "=4个", "4个", 30, 30, ""],
        ["", "", "质量指标", "课题按期结题", "按期结题", "部分达成", 10, 5.5, "一项课题延期"],
        ["", "", "时效指标", "研究报告提交", "12月底前", "12月20日", 10, 10, ""],
        ["", "效益指标", "社会效益指标", "决策支撑作用", "明显", "部分达成", 15, 13, "部分建议未采纳"],
        ["", "", "可持续影响指标", "成果转化应用", "逐步转化", "达成", 15, 15, ""],
        ["", "满意度指标", "服务对象满意度指标", "委托单位满意度", "≥90%", "92%", 10, 10, ""],
        ["总分", "", "", "", "", "", 100, 93.5, ""],  # 10 + 30 + 5.5 + 10 + 13 + 15 + 10 = 93.5
        [NOTE, "", "", "", "", "", "", "", ""],
    ]
    result = book(tmp_path, [(rows, ["A3:A4", "A5:A11", "A13:I13"])])
    # 部分达成 of 15 by the printed tiers: 15 × 50 % = 7.5 up to 15 × 80 % = 12
    assert flagged(result) == {"H9": ["定性指标「决策支撑作用」得分 13 不在本表所印档次 7.5～12 分之内"]}


def _project(funds_head: Row, funds: list[Row], head: Row, indicators: list[Row], tail: list[Row]) -> list[Row]:
    """A 项目支出绩效自评表: title, project, funds block under its caption, indicator table, total rows."""
    return [
        ["2023年度项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "高素质农民培育项目", "", "", "", "", "", "", ""],
        funds_head,
        *funds,
        head,
        *indicators,
        *tail,
    ]


def test_a_bare_budget_beside_the_adjusted_one_is_the_years_start(tmp_path: Path) -> None:
    """预算数 | 调整后预算数 | 实际支出: the first budget is the year's start, the rate is over the adjusted one, and
    实际支出 is what was spent."""
    head: Row = ["项目资金（万元）", "", "预算数", "调整后预算数", "实际支出", "执行率", "分值", "得分", ""]
    funds: list[Row] = [
        ["", "资金总额", 120, 135, 128.4, "95.11%", 10, 9.51, ""],  # 128.4 ÷ 135 = 95.11 %; 10 × 95.11 % = 9.51
        ["", "其中：财政资金", 100, 115, 110.2, "98.53%", "—", "—", ""],  # 110.2 ÷ 115 = 95.83 %, not 98.53 %
        ["", "自筹资金", 20, 20, 18.2, "91.00%", "—", "—", ""],  # 18.2 ÷ 20 = 91 %
    ]
    tail: list[Row] = [["总分", "", "", "", "", "", 100, 99.51, ""], ["自评等级", "", "", "", "", "", "优", "", ""]]
    rows = _project(head, funds, INDICATOR_HEAD, INDICATORS, tail)  # 9.51 + 90 = 99.51
    result = book(tmp_path, [(rows, ["A3:A6"])])
    assert list(flagged(result)) == ["F5"]
    assert "110.2 / 115 = 95.83%" in flagged(result)["F5"][0]
    assert result.total == 99.51


def test_the_units_own_score_beside_a_blank_review_column(tmp_path: Path) -> None:
    """自评得分 | 复核得分（财政部门填写）: the unit's score is the 得分; the finance bureau's column, left blank, is
    nobody's."""
    head: Row = [
        "项目资金（万元）",
        "",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "自评得分",
        "复核得分（财政部门填写）",
    ]
    funds: list[Row] = [["", "年度资金总额", 1200, 1200, 1185, 10, "98.75%", 9.8, ""]]  # 10 × 98.75 % = 9.88
    indicator_head: Row = [*INDICATOR_HEAD[:7], "自评得分", "复核得分（财政部门填写）"]
    indicators = [[*row[:8], ""] for row in INDICATORS]
    tail: list[Row] = [["总分", "", "", "", "", "", 100, 99.8, ""]]  # 9.8 + 90: right by the declared parts
    result = book(tmp_path, [(_project(head, funds, indicator_head, indicators, tail), ["A3:A4"])])
    assert list(flagged(result)) == ["H4"]
    assert "应为 9.88" in flagged(result)["H4"][0]


def test_a_total_named_overall_score_and_a_grade_in_words(tmp_path: Path) -> None:
    """综合得分 is the total; 评价结果 「优秀」 for 89.51 is wrong (良好 by the national bounds, 90 for 优)."""
    head = PROJECT_FUNDS_HEAD
    funds: list[Row] = [["", "年度资金总额", 135, 135, 128.4, 10, "95.11%", 9.51, ""]]
    indicators = [
        *INDICATORS[:2],
        ["", "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "90%", 10, 10, ""],
    ]
    indicators[0] = ["", "产出指标", "数量指标", "维修供水管网长度", "≥40公里", "36公里", 40, 30, "部分管网未完成"]
    tail: list[Row] = [
        ["综合得分", "", "", "", "", "", 100, 89.51, ""],
        ["评价结果", "", "", "", "", "", "优秀", "", ""],
    ]
    result = book(tmp_path, [(_project(head, funds, INDICATOR_HEAD, indicators, tail), ["A3:A4"])])
    # 36 of ≥40: 40 × 36 ÷ 40 = 36, not 30; the total 9.51 + 30 + 40 + 10 = 89.51 adds up, so 优秀 is held to it
    assert flagged(result) == {
        "H6": ["指标「维修供水管网长度」填报得分 30，按完成情况应得 36: 正向: 实际 36 ÷ 目标 40 × 40 = 36"],
        "G10": ["等级填报为「优秀」，自评总分 89.51 对应等级为「良」"],
    }


def test_an_indicator_table_with_no_level_words_and_its_groups_as_numbered_rows(tmp_path: Path) -> None:
    """序号 | 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分: no 一级/二级/三级 word, the groups printed as rows
    一 / 二 / 三 with their own 分值 and 得分 above indicators numbered 1, 2, 3."""
    head = PROJECT_FUNDS_HEAD
    funds: list[Row] = [["", "年度资金总额", 300, 300, 292.5, 10, "97.5%", 9.75, ""]]  # 292.5 ÷ 300; 10 × 97.5 %
    indicator_head: Row = [
        "序号",
        "绩效指标",
        "",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
        "",
    ]
    indicators: list[Row] = [
        ["一", "产出指标", "", "", "", 50, 48.62, "", ""],  # 15 + 15 + 10 + 9.62 = 49.62, not 48.62
        [1, "设备采购数量", "", "≥120台", "120台", 15, 15, "", ""],
        [2, "设备安装调试合格率", "", "100%", "100%", 15, 15, "", ""],
        [3, "项目完成时间", "", "11月底前", "11月20日完成", 10, 10, "", ""],
        [4, "单台设备采购均价", "", "≤2.5万元", "2.6万元", 10, 9.62, "进口部件涨价", ""],  # 10 × 2.5 ÷ 2.6 = 9.62
        ["二", "效益指标", "", "", "", 30, 30, "", ""],
        [5, "门诊量增长率", "", "≥8%", "9.2%", 30, 30, "", ""],
        ["三", "满意度指标", "", "", "", 10, 9.56, "", ""],
        [6, "患者满意度", "", "≥90%", "86%", 10, 9.56, "候诊时间偏长", ""],  # 10 × 86 ÷ 90 = 9.56
    ]
    tail: list[Row] = [["合计", "", "", "", "", 100, 98.93, "", ""]]  # 9.75 + 49.62 + 30 + 9.56 = 98.93
    merges = ["A3:A4", *(f"B{r}:C{r}" for r in range(5, 15))]
    result = book(tmp_path, [(_project(head, funds, indicator_head, indicators, tail), merges)])
    assert flagged(result) == {"G6": ["「产出指标」印的得分为 48.62，其下各指标得分之和为 15 + 15 + 10 + 9.62 = 49.62"]}
    assert [i.name for i in result.instances[0].indicators] == [
        "设备采购数量", "设备安装调试合格率", "项目完成时间", "单台设备采购均价", "门诊量增长率", "患者满意度",
    ]  # fmt: skip
    assert result.total == 98.93


def test_an_indicator_table_headed_by_group_and_content_words(tmp_path: Path) -> None:
    """绩效指标 | 指标内容 | 目标值 | 实际值 | 权重 | 得分: the group in the first column, the names in the second."""
    head: Row = ["资金执行情况（万元）", "", "年初预算数", "调整后预算数", "实际执行数", "执行率", "权重", "得分", ""]
    funds: list[Row] = [["", "资金总额", 240, 260, 249.6, "96%", 10, 9.6, ""]]  # 249.6 ÷ 260 = 96 %
    indicator_head: Row = ["", "绩效指标", "指标内容", "目标值", "实际值", "权重", "得分", "完成情况说明", ""]
    indicators: list[Row] = [
        ["", "产出指标", "重点企业帮扶数", "≥200家", "212家", 40, 40, "", ""],
        ["", "", "帮扶活动人均经费", "≤800元", "756元", 10, 10, "", ""],
        ["", "效益指标", "帮扶企业营收增长率", "≥8%", "7.2%", 30, 28, "外部需求偏弱", ""],  # 30 × 7.2 ÷ 8 = 27
        ["", "满意度指标", "企业满意度", "≥90%", "92%", 10, 10, "", ""],
    ]
    tail: list[Row] = [["总分", "", "", "", "", 100, 97.6, "", ""]]  # 9.6 + 40 + 10 + 28 + 10 = 97.6
    result = book(tmp_path, [(_project(head, funds, indicator_head, indicators, tail), ["A3:A4", "B6:B7"])])
    assert flagged(result) == {
        "G8": ["指标「帮扶企业营收增长率」填报得分 28，按完成情况应得 27: 正向: 实际 7.2 ÷ 目标 8 × 30 = 27"]
    }
    levels = [(i.level1, i.name) for i in result.instances[0].indicators]
    assert levels[:2] == [("产出指标", "重点企业帮扶数"), ("产出指标", "帮扶活动人均经费")]


def test_a_result_word_earns_the_share_the_note_fixes_for_it(tmp_path: Path) -> None:
    """ "好…100%；较好得80%；一般得60%": 较好 of 15 is 12, not 15; 一般 of 10 is 6, as declared."""
    head = PROJECT_FUNDS_HEAD
    funds: list[Row] = [["", "年度资金总额", 180, 180, 176.5, 10, "98.06%", 9.81, ""]]  # 176.5 ÷ 180 = 98.06 %
    indicators: list[Row] = [
        ["", "产出指标", "数量指标", "数字化档案卷数", "≥20000卷", "21500卷", 40, 40, ""],
        ["", "", "时效指标", "工作推进及时性", "好", "较好", 15, 15, ""],  # 15 × 80 % = 12
        ["", "效益指标", "可持续影响指标", "长效管理机制", "健全", "一般", 10, 6, "管理制度待完善"],  # 10 × 60 % = 6
        ["", "", "社会效益指标", "档案利用服务水平", "明显提升", "好", 15, 15, ""],
        ["", "满意度指标", "服务对象满意度指标", "查档群众满意度", "≥90%", "96%", 10, 10, ""],
    ]
    note = "定性指标评分标准：好（达成年度指标）得该项分值的100%；较好得80%；一般得60%；较差得40%；差不得分。"
    tail: list[Row] = [["总分", "", "", "", "", "", 100, 95.81, ""], [note, "", "", "", "", "", "", "", ""]]
    result = book(tmp_path, [(_project(head, funds, INDICATOR_HEAD, indicators, tail), ["A3:A4", "A12:I12"])])
    # 9.81 + 40 + 15 + 6 + 15 + 10 = 95.81 by the declared parts: the total is not wrong, the 15 is
    assert flagged(result) == {
        "H7": [
            "指标「工作推进及时性」填报得分 15，按完成情况应得 12: "
            "定性: 实际完成值为「较好」，按本表所印标准得分值的 80%: 15 × 80% = 12"
        ]
    }


def test_a_funds_line_written_as_labels_each_followed_by_its_figure(tmp_path: Path) -> None:
    """Labels each followed by its figure ("年初预算数 | 120 | 全年预算数 | 120 | 全年执行数 | 115.2 | 执行率 | 96.50%",
    then "执行率分值 | 10 | 执行率得分 | 9.6"): one line whose 执行率 is 115.2 ÷ 120 = 96 %, not 96.5 %, and whose
    10 points count in the total."""
    rows: list[Row] = [
        ["2023年度项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "城区公共停车设施建设", "", "", "", "", "", "", ""],
        ["项目资金情况（万元）", "", "", "", "", "", "", "", ""],
        ["年初预算数", 120, "全年预算数", 120, "全年执行数", 115.2, "执行率", "96.50%", ""],
        ["其中：财政资金", 120, "执行率分值", 10, "执行率得分", 9.6, "", "", ""],  # 10 × 96 % = 9.6
        INDICATOR_HEAD,
        *INDICATORS,
        ["总分", "", "", "", "", "", 100, 99.6, ""],  # 10 + 90 = 100; 9.6 + 90 = 99.6
    ]
    result = book(tmp_path, [(rows, ["A3:I3"])])
    assert flagged(result) == {"H4": ["执行率填报 96.5%，按 115.2 / 120 = 96.00%"]}
    assert result.total == 99.6


def test_a_printed_completion_rate_is_the_actual_over_the_target(tmp_path: Path) -> None:
    """A 完成率 column between 实际完成值 and 分值: 99.1 ÷ 98 = 101.12 %, not 101.21 %; 11800 ÷ 12000 = 98.33 %."""
    head = PROJECT_FUNDS_HEAD
    funds: list[Row] = [["", "年度资金总额", 1440, 1440, 1418.4, 10, "98.5%", 9.85, ""]]  # 1418.4 ÷ 1440 = 98.5 %
    indicator_head: Row = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "完成率",
        "分值",
        "得分",
        "偏差原因",
    ]
    indicators: list[Row] = [
        [
            "产出指标",
            "数量指标",
            "受益学生人数",
            "≥12000人",
            "11800人",
            "98.33%",
            40,
            39.33,
            "学生转学",
        ],  # 40 × 98.33 %
        ["", "质量指标", "食材抽检合格率", "≥98%", "99.1%", "101.21%", 40, 40, ""],
        ["满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "93%", "103.33%", 10, 10, ""],  # 93 ÷ 90
    ]
    tail: list[Row] = [["总分", "", "", "", "", "", 100, 99.18, ""]]  # 9.85 + 39.33 + 40 + 10 = 99.18
    result = book(tmp_path, [(_project(head, funds, indicator_head, indicators, tail), ["A3:A4"])])
    assert flagged(result) == {"F7": ["指标「食材抽检合格率」的完成率填报 101.21%，按 99.1 / 98 = 101.12%"]}


def test_a_wrong_total_amount_is_said_once_not_again_in_the_rate_worked_from_its_parts(tmp_path: Path) -> None:
    """年度资金总额 全年执行数 876.5 where its parts add up to 867.5: the 执行率 96.39 % and its 9.64 points were worked
    from the parts (867.5 ÷ 900), so only the 876.5 is wrong."""
    head = PROJECT_FUNDS_HEAD
    funds: list[Row] = [
        ["", "年度资金总额", 900, 900, 876.5, 10, "96.39%", 9.64, ""],  # 490 + 192 + 140.5 + 45 = 867.5
        ["", "其中：中央资金", 500, 500, 490, "—", "98%", "—", ""],
        ["", "省级资金", 200, 200, 192, "—", "96%", "—", ""],
        ["", "市县配套资金", 150, 150, 140.5, "—", "93.67%", "—", ""],
        ["", "单位自筹资金", 50, 50, 45, "—", "90%", "—", ""],
    ]
    tail: list[Row] = [["总分", "", "", "", "", "", 100, 99.64, ""]]  # 9.64 + 90
    result = book(tmp_path, [(_project(head, funds, INDICATOR_HEAD, INDICATORS, tail), ["A3:A8"])])
    assert flagged(result) == {"E4": ["年度资金总额的全年执行数填报 876.5，分项之和为 490 + 192 + 140.5 + 45 = 867.5"]}
