"""Round 57 of second readers and a review of the fourteenth session's readings: near misses those readings must
not take for what they read — a caption merged over two budgets, a remark beside a 评价标准 that reads alone, a
续表 that is some other table's or is laid one column over — and two 汇总 lists that had been read wrong."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import Row, justice_form
from corpus.scored import book as _book

from perfxl.report.results import FileResult

INDICATORS: list[Row] = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
    ["", "产出指标", "数量指标", "传承活动场次", "≥20场", "22场", 50, 50, ""],
    ["", "效益指标", "社会效益指标", "参与人次", "≥3000人次", "3200人次", 30, 30, ""],
    ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, 10, ""],
]


def _flags(result: FileResult) -> list[tuple[str, str]]:
    return [(f.cell or "", f.code) for f in result.flags if f.severity in ("error", "warning")]


def test_a_caption_merged_over_two_budgets_leaves_them_two(tmp_path: Path) -> None:
    # "预算数（万元）" merged over C:D above "预算数 | 调整后预算数": 96 ÷ 100 (the budget in force) = 96.00 %, 9.6 of
    # 10; 9.6 + 50 + 30 + 10 = 99.6. Read as one budget the rate had been 96 ÷ 80 = 120 %.
    rows: list[Row] = [
        ["项目支出绩效自评表（2023年度）", "", "", "", "", "", "", "", ""],
        ["项目名称", "测试项目", "", "", "实施单位", "县文化馆", "", "", ""],
        ["项目资金（万元）", "", "预算数（万元）", "", "全年执行数", "分值", "执行率", "得分", ""],
        ["", "", "预算数", "调整后预算数", "", "", "", "", ""],
        ["", "年度资金总额", 80, 100, 96, 10, "96.00%", 9.6, ""],
        *INDICATORS,
        ["总分", "", "", "", "", "", 100, 99.6, ""],
    ]
    merges = ["A1:I1", "A3:B4", "C3:D3", "E3:E4", "F3:F4", "G3:G4", "H3:H4"]
    result = _book(tmp_path, [(rows, merges)])
    assert _flags(result) == [] and result.total == 99.6


STANDARD = "≥95%得满分；每低1个百分点扣0.2分"
NOTE = "注：评价等级：90分（含）以上为优，80分（含）-90分为良，60分（含）-80分为中，60分以下为差。"


def test_a_remark_beside_a_standard_that_reads_alone_stays_apart(tmp_path: Path) -> None:
    # 评价标准 merged over H:I; H reads ("≥95%得满分；每低1个百分点扣0.2分": 93 % → 5 − 2 × 0.2 = 4.6, as typed) and
    # I holds a remark "扣0.4分": joined, the text no longer read and the rule set's 5 × 93 ÷ 95 = 4.89 was said
    rows: list[Row] = [
        ["产出指标", "质量指标", "政府采购执行率", "≥95%", "93%", 5, 4.6, STANDARD, "扣0.4分", "延期"],
        ["产出指标", "质量指标", "案件结案率", "≥95%", "98%", 50, 50, "", "", ""],
        ["效益指标", "社会效益指标", "法律援助案件数", "≥400件", "420件", 35, 35, "", "", ""],
    ]
    rows = justice_form(rows, 98.85, width=10, standard="评价标准")  # 9.25 + 4.6 + 50 + 35
    result = _book(tmp_path, [(rows, ["A1:J1", "B2:J2", "H5:I5"])], rules="auto")
    assert _flags(result) == [] and result.total == 98.85


FORM: list[Row] = [
    ["项目支出绩效自评表（2023年度）", "", "", "", "", "", "", "", ""],
    ["项目名称", "农村公路危桥改造", "", "", "实施单位", "县交通运输局", "", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
    ["", "年度资金总额", 520, 560, 532.56, 10, "95.10%", 9.51, ""],  # 532.56 ÷ 560 = 95.10 %, 9.51
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
    ["", "产出指标", "数量指标", "硬化道路里程", "≥12公里", "12.5公里", 50, 50, ""],
]


def test_rests_with_no_header_joined_only_where_they_fit(tmp_path: Path) -> None:
    rest: list[Row] = [
        ["项目支出绩效自评表（续表）", "", "", "", "", "", "", "", ""],
        ["", "效益指标", "社会效益指标", "受益群众人数", "≥6000人", "6230人", 30, 30, ""],
        ["", "满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "93.5%", 10, 11, ""],
        ["总分", "", "", "", "", "", 100, 100.51, ""],  # 9.51 + 50 + 30 + 11 as typed
        ["评价等级", "", "", "", "", "", "", "良", ""],  # 100.51 is 优
    ]
    # only the title says 续表 (the sheet is Sheet2): joined; 11 on a 分值 of 10 is said there, the total is 9.51 + 50
    # + 30 + 10 = 99.51, the typed 总分 adds up the typed scores, and its 良 is no grade of 100.51
    result = _book(tmp_path, [(FORM, []), (rest, [])], names=["Sheet1", "Sheet2"])
    flags = sorted(set(_flags(result)))
    assert flags == [("H3", "score-mismatch"), ("H3", "score-over-weight"), ("H5", "grade-mismatch")], flags
    assert result.total == 99.51 and len(result.instances) == 1
    # the same rows one column over (a 序号 column before them, not on the form's sheet): read one column over
    shifted = [rest[0], *[[n, *row] for n, row in zip((6, 7, "", ""), rest[1:], strict=True)]]
    result = _book(tmp_path, [(FORM, []), (shifted, [])], "shifted.xlsx", names=["表1", "表1（续）"])
    flags = sorted(set(_flags(result)))
    assert flags == [("I3", "score-mismatch"), ("I3", "score-over-weight"), ("I5", "grade-mismatch")], flags
    assert result.total == 99.51
    # one column to the left (no caption column), targets in 公斤 and 个月: read one column over, not in the form's own
    # columns with the targets taken for names
    left = [rest[0], *[row[1:] for row in rest[1:3]], *[[row[0], *row[2:]] for row in rest[3:]]]
    left[1][3:5] = ["50公斤", "52公斤"]
    left[2][3:5] = ["12个月", "12个月"]
    result = _book(tmp_path, [(FORM, []), (left, [])], "left.xlsx", names=["表1", "表1（续）"])
    assert result.total == 99.51 and ("G3", "score-over-weight") in _flags(result), _flags(result)
    # two columns over: not read (the form's Σ 分值 50 + 10 of 100, said honestly)
    twice = [rest[0], *[["", *row] for row in shifted[1:]]]
    result = _book(tmp_path, [(FORM, []), (twice, [])], "twice.xlsx", names=["表1", "表1（续）"])
    assert result.total == 59.51 and _flags(result) == [("G6", "weight-mismatch")]
    # a detail sheet titled 续表 after a form that has its 总分 already: not a rest of it
    done = [*FORM, *rest[1:3], ["总分", "", "", "", "", "", 100, 99.51, ""]]
    done[-2][7] = 10
    detail: list[Row] = [
        ["项目资金支出明细表（续表）", "", "", ""],
        ["序号", "支出类别", "支出内容", "金额"],
        [1, "工程款", "桥梁加固", 320],
    ]
    result = _book(tmp_path, [(done, []), (detail, [])], "detail.xlsx", names=["表1", "明细（续）"])
    assert _flags(result) == [] and len(result.instances) == 1 and result.total == 99.51


def test_a_list_whose_total_comes_first_and_a_note_across_it(tmp_path: Path) -> None:
    # round 57: "序号 | 单位 | 全年预算数 …" with its 合计 first and a grade note merged across under the lines: the
    # 合计 budget 8530750 against 3286400 + 1845000 + 962350 + 2410000 = 8503750; 89.99 is 良 (typed 优). Before, a
    # 合计 first ended the list with no line read; the note was read as a line.
    rows: list[Row] = [
        ["县卫生健康系统2023年度项目支出绩效自评情况汇总表", "", "", "", "", "", "", ""],
        ["金额单位：元", "", "", "", "", "", "", ""],
        ["序号", "单位", "全年预算数", "全年执行数", "执行率", "自评得分", "自评等级", "备注"],
        ["", "合计", 8530750, 8013377.4, "94.23%", "—", "—", ""],
        [1, "县人民医院", 3286400, 3162148.8, "96.22%", 93.6, "优", ""],
        [2, "县中医医院", 1845000, 1712160, "92.80%", 89.99, "优", ""],
        [3, "县妇幼保健院", 962350, 958500.6, "99.60%", 81, "良", ""],
        [4, "县疾病预防控制中心", 2410000, 2180568, "90.48%", 68.45, "中", ""],
        [
            "注：评价等级：90分（含）以上为优，80分（含）-90分为良，60分（含）-80分为中，60分以下为差。",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    result = _book(tmp_path, [(rows, ["A1:H1", "A2:H2", "A9:H9"])])
    flags = {f.cell: f for f in result.flags if f.severity in ("error", "warning")}
    assert sorted(flags) == ["C4", "G6"], flags
    assert flags["C4"].computed == 8503750 and flags["G6"].computed == "良"


def _department(unit: str, budget: float, executed: float, rate: str, exec_score: float, total: float) -> list[Row]:
    """A 部门整体支出绩效自评表 of ``unit``: 90 points of indicators, 89 earned, under a 10-point 执行率."""
    return [
        ["2023年度部门整体支出绩效自评表", "", "", "", "", "", "", ""],
        ["部门（单位）名称", unit, "", "", "", "", "", ""],
        ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", budget, budget, executed, 10, rate, exec_score],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "重点任务完成数", "≥10项", "10项", 50, 50, ""],
        ["效益指标", "社会效益指标", "群众办事便利度", "提升", "基本提升", 30, 29, "部分事项未上线"],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "95%", 10, 10, ""],
        ["总分", "", "", "", "", 100, total, ""],
    ]


def test_a_list_of_units_is_held_to_each_units_own_form(tmp_path: Path) -> None:
    # round 57: a 汇总表 of units (序号 | 单位 | … | 自评得分) beside each unit's 部门整体 form: 县卫生健康委员会's form
    # totals 8217.5 ÷ 8650 = 95.00 % → 9.5, + 50 + 29 + 10 = 98.5; its line says 97.5. 县教育局's (21470 ÷ 22600 =
    # 95.00 %, 9.5 + 89 = 98.5) agrees. A department's form is named by its unit; before, such lines were held to none.
    education = _department("县教育局", 22600, 21470, "95.00%", 9.5, 98.5)
    health = _department("县卫生健康委员会", 8650, 8217.5, "95.00%", 9.5, 98.5)
    listing: list[Row] = [
        ["2023年度部门整体支出绩效自评汇总表", "", "", "", "", ""],
        ["序号", "单位", "全年预算数", "全年执行数", "执行率", "自评得分"],
        [1, "县教育局", 22600, 21470, "95.00%", 98.5],
        [2, "县卫生健康委员会", 8650, 8217.5, "95.00%", 97.5],
    ]
    names = ["县教育局", "县卫生健康委员会", "汇总表"]
    result = _book(tmp_path, [(education, []), (health, []), (listing, [])], names=names)
    flags = [(f.sheet, f.cell, f.computed) for f in result.flags if f.severity in ("error", "warning")]
    assert flags == [("汇总表", "F4", 98.5)], flags
