"""The twenty-first session's cases: totals said twice — a row of "自评总分 | 95.40 | | 自评等级 | 优" under a form's
总分 row, and a sentence under a 部门整体 form's 合计 when its head prints a total too. Layouts: the national
项目支出绩效自评表 (池州贵池's, http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2) and 湖北's
部门整体支出绩效自评表 (http://gat.hubei.gov.cn/zfxxgk/fdzdgknr/czzj/czzxzj/202008/t20200824_2832170.shtml), figures
composed and worked below."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.grid import Grid, save
from corpus.scored import book, errors_and_warnings, justice_form, score_grid
from test_layouts_round101 import HEAD_MERGED, ROWS

from perfxl.pipeline import load
from perfxl.rules import load_rules

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


# 银川市本级部门项目支出绩效自评表 (https://m.yzwku.com/doc/476505.html), as round 110 transcribed it: its 项目决策 and
# 项目管理 rows print "—" or nothing under 指标值 — the form asks no target value of them
YINCHUAN: list[list[object]] = [
    ["银川市本级部门项目支出绩效自评表(2022年)"],
    ["项目名称", "初中公用经费", "", "", "主管部门", "银川市教育局"],
    ["实施单位", "银川市第十二中学", "", "", "自评得分", 95, "财政审核评分", 93],
    ["项目资金(万元)", "", "年初预算数", "调整预算数(A)", "全年执行数(B)", "执行率(B/A)"],
    ["", "年度资金总额", 58, 58, 58, "100%"],
    ["年度总体目标", "年初设定目标", "保障学校正常工作运行", "", "年度总体目标完成情况", "学校全年正常运转"],
    ["一级指标", "二级指标", "三级指标", "参考分值", "指标值(A)", "全年实际值(B)", "得分", "未完成原因分析及改进措施"],
    ["项目决策(10分)", "项目目标", "完整性", 4, "—", "目标明确、内容细化、目标量化", 4],
    ["", "项目立项", "相关性", 2, "—", "按照学校管理标准对学校进行管理", 2],
    ["", "", "可行性", 2, "", "实际工作需求", 2],
    ["", "", "适当性", 2, "", "有资金测算标准", 2],
    ["项目管理(25分)", "投入管理", "预算执行率", 10, "—", "100%", 10],
    ["", "财务管理", "财务管理制度有效性", 7, "—", "财务制度健全,严格执行制度,会计核算规范", 7],
    ["", "项目实施", "绩效监控有效性", 2, "—", "持续有效", 2],
    ["", "", "管理制度有效性", 6, "-", "严格执行相关管理制度", 6],
    ["项目产出(30分)", "数量指标(10分)", "保障学生人数", 10, "1200人", "1200人", 10],
    ["", "", "指标2:"],
    ["", "质量指标(5分)", "公用经费标准", 5, "符合相关文件要求", "符合相关文件要求", 5],
    ["", "", "指标2:"],
    ["", "时效指标(5分)", "公用经费完成时间", 5, "2022年12月完成", "2022年12月完成", 4],
    ["", "", "指标2:"],
    ["", "成本指标(10分)", "办公所需成本", 4, "≤20万元", "19.5万元", 4],
    ["", "", "维修(维护)所需成本", 3, "≤25万元", "25万元", 3],
    ["", "", "绿化、水电费等成本", 3, "≤13.5万元", "13.5万元", 3],
    ["项目效益(35分)", "经济效益指标", "指标1:"],
    ["", "", "指标2:"],
    ["", "社会效益指标", "改善办学条件", 15, "改善学校的办学条件", "改善学校的办学条件", 13],
    ["", "生态效益指标", "指标1:"],
    ["", "", "指标2:"],
    ["", "可持续影响指标", "使学生和老师有个更好的学习和工作环境", 10, "社会认可的办学环境.", "社会认可的办学环境.", 8],
    ["", "", "指标2:"],
    ["", "服务对象满意度指标(10分)", "学生和家长满意度", 10, "≥90%", "96%", 10],
    ["合计", "", "", 100, "", "", 95],
]
YINCHUAN_MERGED = [
    *("A12:A15", "A16:A24", "A1:H1", "A25:A32", "A33:C33", "A4:B4", "A8:A11", "B14:B15", "B16:B17", "B18:B19"),
    *("B20:B21", "B22:B24", "B25:B26", "B28:B29", "B2:D2", "B30:B31", "B3:D3", "B9:B11", "C6:D6", "F2:H2"),
    *("F6:H6", "G4:H4", "G5:H5"),
]


def test_no_target_asked_of_the_rows_on_how_a_project_was_decided_and_run(tmp_path: Path) -> None:
    # Σ 4+2+2+2 + 10+7+2+6 + 10+5+4+4+3+3 + 13+8+10 = 95, as declared. Said: the 时效 row met ("2022年12月完成" by
    # "2022年12月完成") typed 4 of 5 (the page's own), and three rows under their 分值 with no reason; not said (before:
    # warnings at E10, E11, E12): the blank or dashed 指标值 of 可行性, 适当性 and 预算执行率
    result = score_grid(tmp_path, "项目支出绩效自评表", YINCHUAN, YINCHUAN_MERGED)
    assert errors_and_warnings(result) == [
        ("G20", "score-mismatch", 5.0),
        ("H20", "missing-reason", 5.0),  # (the row's 分值)
        ("H27", "missing-reason", 15.0),
        ("H30", "missing-reason", 10.0),
    ]


# 河南's 2024 项目支出绩效自评情况表 (豫财效〔2024〕1号, http://izhc.cn/info/1088/17792.htm): required fields marked
# "*" ("表中带*号的信息是必填项"), 成本指标 first, 执行率 worth 30. 171.12 ÷ 186 = 92.00 % → 30 × 92 % = 27.6;
# Σ 10+10+10+10+15+10+5 = 70, + 27.6 = 97.6
HENAN: list[list[object]] = [
    ["附件1"],
    ["项目支出绩效自评情况表"],
    ["（2023年度）", "", "", "", "", "", "", "单位：万元"],
    ["*项目名称", "2023年中小学教师能力提升培训项目"],
    ["主管部门", "河南省教育厅", "", "", "*实施单位", "", "某高校"],
    ["项目资金\n（万元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "", 186, 186, 171.12, 30, 0.92, 27.6],
    ["", "其中：财政拨款", "", 186, 186, 171.12, "—", "—", "—"],
    ["", "其他资金", "", 0, 0, 0, "—", "—", "—"],
    ["*年度总体目标", "预期目标", "", "", "", "实际完成情况"],
    ["", "完成年度培训任务，提升教师教育教学能力。", "", "", "", "完成年度培训任务。"],
    [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "*实际完成值",
        "分值",
        "*得分",
        "*偏差原因分析及改进措施",
    ],
    ["", "成本指标\n（10分）", "经济成本指标", "项目总成本", "≤186万元", "171.12万元", 10, 10],
    ["", "产出指标\n（30分）", "数量指标", "培训教师人次", "≥600人次", "612人次", 10, 10],
    ["", "", "质量指标", "培训合格率", "≥95%", "97%", 10, 10],
    ["", "", "时效指标", "项目完成时间", "2023年12月31日前", "2023年12月20日", 10, 10],
    ["", "效益指标\n（25分）", "社会效益指标", "参训教师教学能力", "明显提升", "明显提升", 15, 15],
    ["", "", "可持续影响指标", "培训成果持续应用", "长期", "长期", 10, 10],
    ["", "满意度指标\n（5分）", "服务对象满意度指标", "参训教师满意度", "≥90%", "95%", 5, 5],
    ["总分", "", "", "", "", "", 100, 97.6],
    ["填报说明：1.表中带*号的信息是必填项；2.项目资金预算数、执行数、执行率无需填报，由系统自动生成。"],
]
HENAN_MERGED = [
    *("A10:A11", "A12:A19", "A1:I1", "A20:F20", "A21:I21", "A2:I2", "A3:G3", "A6:A9", "B10:E10", "B11:E11"),
    *("B14:B16", "B17:B18", "B4:I4", "B5:D5", "B6:C6", "B7:C7", "B8:C8", "B9:C9", "E5:F5", "F10:I10", "F11:I11"),
    *("G5:I5", "H3:I3"),
]


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({}, []),
        # 540 of ≥ 600 人次: 10 × 540 ÷ 600 = 9, typed 10; the total is then 96.6 (before: the "*" headers left
        # 实际完成值 and 得分 unread and the total was taken as 27.6, silently)
        ({"F14": "540人次"}, [("H14", "score-mismatch", 9.0)]),
    ],
)
def test_headers_marked_as_required(
    tmp_path: Path, changes: dict[str, object], said: list[tuple[str, str, object]]
) -> None:
    result = score_grid(tmp_path, "项目支出绩效自评情况表", HENAN, HENAN_MERGED, changes)
    assert errors_and_warnings(result) == said
    assert result.instances[0].total == (97.6 if not changes else 96.6)


# The 财政项目支出绩效评价指标表 of a 广东-style template (https://m.taodocs.com/p-746525770.html): the 合计 printed
# right under the header, weights only in the names, 自评得分 beside an expert's 专家评分
GUANGDONG: list[list[object]] = [
    ["表：财政项目支出绩效评价指标表"],
    ["项目名称：2022年中小企业公共服务平台建设资金", "", "", "", "主管部门：XX市工业和信息化局"],
    ["一级\n指标", "二级\n指标", "三级指标", "指标解释", "自评\n得分", "专家\n评分", "自评情况"],
    ["合计", "", "", "", 83],
    [
        "前期工作\n（20分）",
        "前期研究\n（6分）",
        "论证决策\n（6分）",
        "反映立项论证的充分性。",
        4,
        "",
        "部分工作有待完善。",
    ],
    ["", "目标设置\n（8分）", "目标完整性\n（4分）", "反映目标设置是否完整。", 4],
    ["", "", "目标科学性\n（4分）", "反映资金绩效目标设置是否合理。", 3, "", "部分工作有待完善。"],
    ["", "保障机制\n（6分）", "组织机构\n（3分）", "反映机构是否健全。", 3],
    ["", "", "制度措施\n（3分）", "反映制度是否健全。", 2, "", "部分工作有待完善。"],
    ["实施过程\n（25分）", "资金管理\n（15分）", "资金到位\n（5分）", "反映资金的到位情况。", 5],
    ["", "", "资金支付\n（5分）", "反映资金的实际支出情况。", 5],
    ["", "", "财务合规性\n（5分）", "反映资金支出规范性。", 5],
    ["", "项目管理\n（10分）", "实施程序\n（5分）", "反映实施程序。", 4, "", "部分工作有待完善。"],
    ["", "", "管理情况\n（5分）", "反映日常监督管理。", 3, "", "部分工作有待完善。"],
    [
        "项目绩效\n（55分）",
        "经济性\n（10分）",
        "预算控制\n（10分）",
        "反映支出是否控制在预算内。",
        8,
        "",
        "部分工作有待完善。",
    ],
    ["", "效率性\n（15分）", "完成进度\n（8分）", "反映进度。", 7, "", "部分工作有待完善。"],
    ["", "", "完成质量\n（7分）", "反映质量。", 6, "", "部分工作有待完善。"],
    ["", "效果性\n（20分）", "经济效益\n（5分）", "反映经济效益。", 4, "", "部分工作有待完善。"],
    ["", "", "社会效益\n（10分）", "反映社会效益。", 8, "", "部分工作有待完善。"],
    ["", "", "可持续影响\n（5分）", "反映可持续性。", 4, "", "部分工作有待完善。"],
    ["", "公平性\n（10分）", "公众满意度\n（10分）", "反映满意程度。", 8, "", "部分工作有待完善。"],
    ["评价等级", "", "", "", "良"],
    ["注：评价结果分为优（90分及以上）、良（75—89分）、中（60—74分）、差（60分以下）四个等级。"],
]
GUANGDONG_MERGED = [
    *("A10:A14", "A15:A21", "A1:G1", "A22:D22", "A23:G23", "A2:D2", "A4:D4", "A5:A9", "B10:B12", "B13:B14"),
    *("B16:B17", "B18:B20", "B6:B7", "B8:B9", "E22:G22", "E2:G2"),
]


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        # Σ 4+4+3+3+2 + 5+5+5+4+3 + 8+7+6+4+8+4+8 = 83, 良 in the printed 75–89 band (before: the 合计 under the
        # header ended the table before its first row, and nothing was read)
        ({}, []),
        ({"E11": 6, "E4": 86}, [("E11", "score-over-weight", 5.0), ("E4", "sum-mismatch", 84.0)]),
        ({"E22": "优"}, [("E22", "grade-mismatch", "良")]),
    ],
)
def test_a_total_printed_right_under_the_header(
    tmp_path: Path, changes: dict[str, object], said: list[tuple[str, str, object]]
) -> None:
    result = score_grid(tmp_path, "评价指标表", GUANGDONG, GUANGDONG_MERGED, changes)
    assert errors_and_warnings(result) == said


# 国土综合整治项目绩效评价指标表 (https://1wenmi.com/doc/1001044.html): the values reached under 完成量, beside
# 目标值（年度/终期）; rows cut to three, figures composed
LAND: list[list[object]] = [
    ["国土综合整治项目绩效评价指标表"],
    [
        "评价内容",
        "评价类别",
        "评价指标",
        "单位",
        "分值",
        "评分标准",
        "完成量",
        "目标值\n（年度/终期）",
        "得分",
        "指标类型",
    ],
    [
        "目标完成情况",
        "生态空间优化",
        "生态修复面积",
        "公顷",
        40,
        "评价指标得分=实际完成量/目标任务的比值*该项指标分值",
        92,
        100,
        36.8,
        "共性指标",
    ],
    [
        "",
        "历史文化保护",
        "保护修缮历史建筑",
        "处",
        30,
        "评价指标得分=实际完成量/目标任务的比值*该项指标分值",
        6,
        6,
        30,
        "共性指标",
    ],
    [
        "满意度",
        "社会满意度",
        "群众满意度",
        "%",
        30,
        "满意度≥90%得满分，每低1个百分点扣0.5分。",
        "87%",
        "≥90%",
        28.5,
        "个性指标",
    ],
    ["合计", "", "", "", 100, "", "", "", 95.3],
]


@pytest.mark.parametrize(
    ("changes", "said"),
    # 92 ÷ 100 × 40 = 36.8; 6 of 6 → 30; 87 % is 3 points under 90 %: 30 − 3 × 0.5 = 28.5; Σ 95.3 (before: 完成量
    # was no column of values reached, and each typed score stood)
    [({}, []), ({"I5": 29, "I6": 95.8}, [("I5", "score-mismatch", 28.5)])],
)
def test_the_values_reached_under_wancheng_liang(
    tmp_path: Path, changes: dict[str, object], said: list[tuple[str, str, object]]
) -> None:
    result = score_grid(tmp_path, "绩效评价指标表", LAND, ["A1:J1", "A3:A4"], changes)
    assert errors_and_warnings(result) == said


# XX市海洋经济发展引导资金项目绩效评价指标表 (https://m.31ppt.com/p-1836665.html): a 评价内容（标准） column listing the
# scores each row may get, the 分值 in the names, no column of values reached; rows cut to four
MARINE: list[list[object]] = [
    ["XX市海洋经济发展引导资金项目绩效评价指标表"],
    ["基本指标", "", "具体指标", "评价内容（标准）", "评分"],
    ["一级指标", "二级指标", "三级指标"],
    ["业务指标", "目标设定情况", "依据的充分性（30分）", "依据是否充分，充分：30分；一般：15分；没有：0分", 30],
    ["", "目标完成情况", "项目投资计划完成率（30分）", "100%：30分；90-100%：20分；70-90%：10分；70%以下：0分", 20],
    ["", "", "目标完成的及时性（20分）", "按期完成：20分；延期完成：10分；未完成：0分", 20],
    ["", "组织管理", "管理制度健全性（20分）", "项目单位管理制度健全：20分；基本健全：10分；不健全：0分", 10],
    ["合计", "", "", "", 80],
]


@pytest.mark.parametrize(
    ("changes", "said"),
    # 30 + 20 + 20 + 10 = 80; a 25 for 投资计划完成率 is none of 30, 20, 10, 0 (before: unsaid, as no rule could be
    # worked without the rate; the 评价内容（标准） column was not read as the standard either)
    [({}, []), ({"E5": 25, "E8": 85}, [("E5", "score-mismatch", None)])],
)
def test_a_score_none_of_those_the_standard_lists(
    tmp_path: Path, changes: dict[str, object], said: list[tuple[str, str, object]]
) -> None:
    merged = ["A1:E1", "A2:B2", "D2:D3", "E2:E3", "A4:A7", "B5:B6", "A8:D8"]
    assert errors_and_warnings(score_grid(tmp_path, "Sheet1", MARINE, merged, changes)) == said


def test_a_three_public_block_by_year_read_on_its_total_row(tmp_path: Path) -> None:
    # round 106's composed 基础数据表: "“三公经费”变动情况 | 上年度 | 本年度 | 变动率" over its items and a "“三公经费”
    # 合计" row — the block's figures are the 合计's (10, 10.8) and its 变动率 the 合计's own (before: 上年/本年 not
    # found, and the 变动率 taken from the first item's row, "/")
    rows: list[list[object]] = [
        ["部门整体支出绩效评价基础数据表"],
        ["填报单位:某县农业农村局", "", "", "单位:万元"],
        ["财政供养人员情况(人)", "编制数", "实际在职人数", "在职人员控制率"],
        ["", 45, 44, 0.9778],
        ["“三公经费”变动情况", "上年度", "本年度", "变动率"],
        ["因公出国(境)费", "/", "/", "/"],
        ["公务招待费", 4, 4.8, 0.2],
        ["公务用车购置运行费", 6, 6, 0],
        ["“三公经费”合计", 10, 10.8, 0.08],
        ["预算执行情况", "年初预算数", "调整后预算数", "实际支出数", "预算执行率"],
        ["", 1200, 1250, 1212.5, 0.97],
    ]
    grid = Grid("基础数据表")
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                grid.put(r, c, value)  # type: ignore[arg-type]
    located = load(save([grid], tmp_path / "b.xlsx"), load_rules("hunan-2018")).located
    assert located is not None
    said = {key.rsplit(".", 1)[1]: (hit.cell, hit.raw) for key, hit in located.fields.items() if ".sgjf_change." in key}
    assert said == {"last": ("B9", 10.0), "this": ("C9", 10.8), "rate": ("D9", 0.08)}


def test_a_total_merged_across_the_columns_beside_its_label(tmp_path: Path) -> None:
    # round 112: "自评总分 | 89.65" merged over B:I under the 总分 row is the total, not also a 分值 total of 89.65
    # (before: "自评总分的分值填报 89.65，各指标分值之和为 100")
    rows = [*ROWS[:14], ["自评总分", 89.65]]
    merged = [*HEAD_MERGED, "B15:I15"]
    assert errors_and_warnings(score_grid(tmp_path, "项目支出绩效自评表", rows, merged)) == []
    wrong = score_grid(tmp_path, "项目支出绩效自评表", rows, merged, {"B15": 91.65})
    assert errors_and_warnings(wrong) == [("B15", "sum-mismatch", 89.65)]


def test_another_years_total_said_under_the_form_is_not_this_years(tmp_path: Path) -> None:
    # round 112: a 2022 total said above the 2023 conclusion (结果应用情况) is last year's, named by its year
    rows = [
        *HUBEI[:8],
        ["2022年度绩效自评结果应用情况：本部门2022年度整体支出绩效自评总得分92.00分，评价等级为“优”。"],
        ["经自评，本部门2023年度整体支出绩效自评总得分95.00分，评价等级为“优”。"],
    ]
    merged = [*HUBEI_MERGED, "A10:I10"]
    assert errors_and_warnings(score_grid(tmp_path, "部门整体支出绩效自评表", rows, merged)) == []
    wrong = score_grid(tmp_path, "部门整体支出绩效自评表", rows, merged, {"A10": rows[9][0].replace("95.00", "97.00")})
    assert errors_and_warnings(wrong) == [("A10", "sum-mismatch", 95.0)]


@pytest.mark.parametrize(
    "remark",
    [  # the amount of the change between the years and the change, last year's in brackets, a subject before a colon
        "本年“三公经费”10.80万元，上年10.00万元，增加0.80万元，增长8.00%。",
        "本年“三公经费”10.80万元（上年10.00万元），增长8.00%。",
        "“三公经费”支出：本年10.80万元，上年10.00万元，增长8.00%。",
    ],
)
def test_more_ways_of_saying_a_change_after_both_years(tmp_path: Path, remark: str) -> None:
    result = score_grid(tmp_path, "部门整体支出绩效自评表", HUBEI, HUBEI_MERGED, {"I5": remark})
    assert errors_and_warnings(result) == [("H5", "score-mismatch", 6.0)]


def test_the_execution_rate_row_with_no_target(tmp_path: Path) -> None:
    # rounds 110 and 112: 银川's 预算执行率 row prints "—" as its target; 176.6 ÷ 200 = 88.30 % of the budget spent is
    # 10 × 88.30 % = 8.83, not the full 10 typed (before: read as a row with no target, and silent)
    changes = {"C5": 200, "D5": 200, "E5": 176.6, "F5": "88.3%", "F12": "88.3%"}
    result = score_grid(tmp_path, "项目支出绩效自评表", YINCHUAN, YINCHUAN_MERGED, changes)
    assert ("G12", "score-mismatch", 8.83) in errors_and_warnings(result)


def test_a_total_merged_over_the_score_and_reason_columns(tmp_path: Path) -> None:
    # the review: a 总分's 得分 merged over H:I (得分 and 偏差原因) is the 得分's figure: 91.65 over parts of 89.65 is
    # wrong (before the mend: a figure merged over another column was read as none, and the slip went unsaid)
    rows = [*ROWS[:13], ["总分", "", "", "", "", "", 100, 91.65, ""]]
    result = score_grid(tmp_path, "项目支出绩效自评表", rows, [*HEAD_MERGED, "H14:I14"])
    assert errors_and_warnings(result) == [("H14", "sum-mismatch", 89.65)]


@pytest.mark.parametrize(
    "standard",
    [  # standards that score between their listed points: a 65 of 70 follows them
        "全部完成得满分；部分完成按完成率计分；未完成不得分。",
        "全部完成得满分，视完成程度给分。",
        "根据完成情况评分，完成得70分，未完成得0分。",
        "完成得满分，部分完成得部分分，未完成不得分。",
    ],
)
def test_standards_with_scores_between_their_listed_points(tmp_path: Path, standard: str) -> None:
    result = score_grid(tmp_path, "部门整体支出绩效自评表", HUBEI, HUBEI_MERGED, {"F7": standard})
    assert errors_and_warnings(result) == []


@pytest.mark.parametrize(
    ("remark", "said"),
    [
        # the stated change their own amounts contradict (9.20 of 10.00 is −8 %, "增长8.00%"): read as neither
        ("本年“三公经费”9.20万元，上年10.00万元，增长8.00%。", []),
        ("本年“三公经费”10.83万元，上年10.00万元，增长8.3%。", [("H5", "score-mismatch", 5.85)]),  # 10 − 8.3 × 0.5
    ],
)
def test_a_change_after_both_years_held_to_their_amounts(
    tmp_path: Path, remark: str, said: list[tuple[str, str, object]]
) -> None:
    assert (
        errors_and_warnings(score_grid(tmp_path, "部门整体支出绩效自评表", HUBEI, HUBEI_MERGED, {"I5": remark})) == said
    )


def test_a_date_signed_under_the_form_is_no_year_of_its_totals(tmp_path: Path) -> None:
    # the review: "填报日期：2024年3月10日" under the conclusion does not make the 2023 sentence another year's
    rows = [*ROWS[:14], ["经自评，本项目2023年度自评总得分89.65分，评价等级为“优”。"], ["填报日期：2024年3月10日"]]
    result = score_grid(tmp_path, "项目支出绩效自评表", rows, [*HEAD_MERGED, "A15:I15", "A16:I16"])
    assert errors_and_warnings(result) == [("A15", "grade-mismatch", "良")]


def test_a_note_of_this_year_under_the_conclusion(tmp_path: Path) -> None:
    # the second review: "注：本年度指标由单位据实填报。" under the 2023 conclusion gives no total of this year: the
    # conclusion's 良 over 95 is still said (before the mend: every cell naming a year was dropped)
    rows = [*HUBEI[:8], [HUBEI[8][0].replace("“优”", "“良”")], ["注：本年度指标由单位据实填报。"]]
    result = score_grid(tmp_path, "部门整体支出绩效自评表", rows, [*HUBEI_MERGED, "A10:I10"])
    assert errors_and_warnings(result) == [("A9", "grade-mismatch", "优")]


@pytest.mark.parametrize(
    ("notes", "said"),
    [
        # round 116: a note on how to fill in says no total of 本年度; the conclusion naming its year is read
        (
            [
                "填报说明：完成值按本年度部门决算数据填列，得分按本表评分标准计算。",
                "经自评，本部门2023年度整体支出绩效自评总得分97.00分。",
            ],
            [("A10", "sum-mismatch", 95.0)],
        ),
        # the conclusion names no year, last year's does (no title's year): the conclusion is this year's
        (["本部门2022年度整体支出绩效自评总得分92.00分。", "经自评，本部门整体支出绩效自评总得分95.00分。"], []),
    ],
)
def test_which_sentence_under_a_form_is_this_years(
    tmp_path: Path, notes: list[str], said: list[tuple[str, str, object]]
) -> None:
    rows = [["部门整体支出绩效自评表"], *HUBEI[1:8], [notes[0]], [notes[1]]]
    merged = [*HUBEI_MERGED, "A10:I10"]
    assert errors_and_warnings(score_grid(tmp_path, "部门整体支出绩效自评表", rows, merged)) == said


def test_a_projects_total_under_the_years_conclusion(tmp_path: Path) -> None:
    # the third review: "农村公路养护项目自评总得分88.00分。" under the 2023 conclusion (95, as its parts) is a
    # project's, not the unit's (before the mend: a sentence naming no year was read first — a false 88 ≠ 95)
    rows = [["部门整体支出绩效自评表（2023年度）"], *HUBEI[1:9], ["农村公路养护项目自评总得分88.00分。"]]
    result = score_grid(tmp_path, "部门整体支出绩效自评表", rows, [*HUBEI_MERGED, "A10:I10"])
    assert errors_and_warnings(result) == []


@pytest.mark.parametrize(
    ("done", "said"),
    [  # round 117: the 三公 change done, its sign in a word: a fall is ≤ 0 (before: read +3.16 %, 10 − 1.58 = 8.42)
        ("下降3.16%", []),
        ("本年18.40万元，上年19.00万元，下降3.16%", []),
        ("增长3.16%", [("H5", "score-mismatch", 8.42)]),
    ],
)
def test_a_change_done_with_its_sign_in_a_word(tmp_path: Path, done: str, said: list[tuple[str, str, object]]) -> None:
    result = score_grid(tmp_path, "部门整体支出绩效自评表", HUBEI, HUBEI_MERGED, {"G5": done})
    assert errors_and_warnings(result) == said


def test_a_projects_sentence_naming_the_year_after_the_units_own(tmp_path: Path) -> None:
    # the fourth review: "农村公路养护项目2023年度自评总得分88.00分" under the unit's conclusion (naming no year, 95
    # as its parts) is a project's; the unit's own words are read first
    rows = [["部门整体支出绩效自评表（2023年度）"], *HUBEI[1:8], ["经自评，本部门整体支出绩效自评总得分95.00分。"]]
    rows.append(["农村公路养护项目2023年度自评总得分88.00分。"])
    result = score_grid(tmp_path, "部门整体支出绩效自评表", rows, [*HUBEI_MERGED, "A10:I10"])
    assert errors_and_warnings(result) == []


def test_past_the_target_the_forms_own_standard_rules(tmp_path: Path) -> None:
    # round 120 (宁德 地震局's standard, https://yjj.ningde.gov.cn/gzdt/ggl/zjxxgk/202111/t20211110_1546659.htm):
    # "达10场得…分,少一场扣…分" gives full marks at 12 of 10 — no "可按偏离度适度调减分值" beside it (before: the
    # 1.2× over-achievement warning)
    standard = "本指标满分90分,达10场得90分,少一场扣9分,扣完为止。"
    rows = justice_form([["产出指标", "数量指标", "科普宣传活动场数", "10场", "12场", 90, 90, standard, ""]], 99.25)
    result = book(tmp_path, [(rows, ["A1:I1", "B2:I2"])], rules="auto")
    assert [(f.cell, f.code.value) for f in result.flags if f.severity != "info"] == []
