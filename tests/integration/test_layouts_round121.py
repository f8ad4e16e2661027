"""The twenty-second session's readings of round 113's county scoring tables (湖南's 高标准农田建设 评价指标, the
province's table for scoring its counties, https://www.hnqianrun.com/news/hyxw/752.html; a 部门整体绩效评价指标体系
评分表 printed in three sections, https://m.taowenge.com/p-97898096.html): labels, standards, weights and layout as
those pages print them, the self-assessed figures and scores composed and worked by hand below."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import book, flagged

GBNT: list[list[object]] = [
    ["XX县2022年度高标准农田建设评价指标及得分表"],
    [
        (
            "评价单位：XX县农业农村局\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000单位：分"
        )
    ],
    ["评价指标", "分值", "评价标准", "评价依据", "自评情况", "得分", "备注"],
    [
        "前期工作",
        "任务分解\n（2分）",
        "按要求将年度任务分解落实到项目区的，得2分；未完成的，不得分。",
        "全国农田建设综合监测监管平台数据，省农业农村厅日常监测调度情况。",
        "已分解落实",
        2,
    ],
    [
        "",
        "审批备案\n（2分）",
        "及时完成项目初步设计审批、编制年度实施计划并报省农业农村厅、填报农田建设综合监测监管系统的，得2分；未按时完成的，不得分。",
        "",
        "按时完成",
        2,
    ],
    [
        "",
        "项目储备\n（2分）",
        "根据有关规划和要求，明确目标任务和建设时序布局，建立项目储备库的，得2分，否则不得分。",
        "自评报告及佐证材料，省农业农村厅日常监测调度情况。",
        "已建立",
        2,
    ],
    ["", "小计（6分）", "", "", "", 6],
    [
        "建设面积\n与质量",
        "建成面积贡献率（5分）",
        (
            "高标准农田年度建成面积对当年全省总任务的贡献率，满分5分，按年度上图入库面积占全"
            "省总任务的比例折算，占比排名前5名的得满分，6-10名的扣0.5分，11名以后扣"
            "1分，占比为0的不得分。"
        ),
        "全国农田建设综合监测监管平台数据，省农业农村厅日常监测调度情况。",
        "占比排名第7名",
        4.5,
    ],
    [
        "",
        "完成进度和\n工程质量\n（15分）",
        (
            "高标准农田（含高效节水灌溉，下同）建成面积（含结转）完成年度任务、建设质量达到设"
            "计要求的，得15分；建成面积低于年度任务的，每减少1%，扣1分。土地平整工程、土"
            "壤改良工程、灌溉与排水工程、田间道路工程、农田防护与生态环境保持工程、农田输配电"
            "工程等工程质量，每发现一项质量未达到设计要求的，扣1分，最多扣6分。"
        ),
        "全国农田建设综合监测监管平台数据，省农业农村厅日常监测调度情况，竣工验收情况和实地评价数据。",
        "建成面积为年度任务的98%；发现1项质量问题（田间道路）",
        12,
    ],
    [
        "",
        "项目开工率\n（4分）",
        "立项且开工建设（含建成）的高标准农田面积达到年度任务90%及以上的，得4分；比例不足90%时，每减少5%，扣1分，扣完为止。",
        "全国农田建设综合监测监管平台数据，省农业农村厅日常监测调度情况。",
        "95%",
        4,
    ],
    ["", "小计（24分）", "", "", "", 20.5],
    [
        "资金投入\n与管理",
        "财政资金到位\n（10分）",
        "中央和省级补助资金全部到位的，得10分；到位率每低1个百分点扣0.5分，扣完为止。",
        "财政资金拨付文件。",
        "100%",
        10,
    ],
    [
        "",
        "资金支出进度\n（10分）",
        "资金支出进度达到100%的，得10分；每低1个百分点扣0.5分，扣完为止。",
        "预算一体化系统。",
        "85%",
        2.5,
    ],
    [
        "",
        "资金使用规范\n（6分）",
        "每发现一项违规使用资金问题，扣2分，扣完为止。",
        "审计、检查报告。",
        "发现1项问题",
        4,
    ],
    ["", "小计（26分）", "", "", "", 16.5],
    [
        "建后管护\n与效益",
        "管护责任落实\n（8分）",
        "管护主体、管护责任、管护经费全部落实的得8分，每缺一项扣2分。",
        "实地评价。",
        "管护经费未落实",
        6,
    ],
    [
        "",
        "上图入库\n（6分）",
        "每发现1个项目未上图入库的，扣1分，扣完为止。",
        "全国农田建设综合监测监管平台数据，省农业农村厅日常监测调度情况。",
        "全部上图入库",
        6,
    ],
    [
        "",
        "农民满意度\n（10分）",
        "满意度≥90%的，得10分；80%（含）-90%的，得8分；70%（含）-80%的，得6分；低于70%的不得分。",
        "问卷调查。",
        "88%",
        8,
    ],
    ["", "小计（24分）", "", "", "", 20],
    [
        "组织保障",
        "组织领导\n（6分）",
        "成立领导小组并明确职责分工的，得6分；否则不得分。",
        "自评报告及佐证材料。",
        "已成立",
        6,
    ],
    ["", "宣传培训\n（4分）", "开展宣传培训的得4分，每少一次扣1分。", "自评报告及佐证材料。", "少开展1次", 3],
    [
        "",
        "监督检查\n（10分）",
        "开展日常监督检查的得10分，每发现一项问题未整改扣1分。",
        "检查报告。",
        "3项问题未整改",
        7,
    ],
    ["", "小计（20分）", "", "", "", 16],
    ["总得分（100分）", "", "", "", "", 79],
    ["评价等级", "", "", "", "", "良"],
    ["评价结果：总得分90分（含）以上为“优”，75分（含）-90分为“良”，60分（含）-75分为“中”，60分以下为“差”。"],
]
GBNT_MERGED: list[str] = [
    "A12:A15",
    "A16:A19",
    "A1:G1",
    "A20:A23",
    "A24:E24",
    "A25:E25",
    "A26:G26",
    "A2:G2",
    "A4:A7",
    "A8:A11",
]
SECTIONS: list[list[object]] = [
    ["XX县司法局2022年部门整体绩效评价指标体系评分表"],
    ["一、当年预算执行情况（20分）"],
    [
        "一级指标",
        "二级指标",
        "预算数（万元）",
        "执行数（万元）",
        "预算执行率",
        "分值",
        "得分",
        "指标解释",
        "",
        "评分标准",
    ],
    [
        "当年预算执行情况（20）",
        "资金总体",
        535.5,
        516.75,
        0.965,
        20,
        19.3,
        "部门全年执行数与全年预算数的比率",
        "",
        (
            "得分一档最高不能超过该指标分值上限（20分）。该指标若为正向指标，则得分计算方法"
            "应用全年实际值（B）/年度指标值（A）*该指标分值；若定量指标为反向指标，则得分"
            "计算方法应用年度指标值（A）/全年实际值（B）*该指标分值。"
        ),
    ],
    ["", "基本支出", 400.2, 400.2, 1, "", "", "资金总体=基本支出+项目支出+其他"],
    ["", "项目支出", 135.3, 116.55, 0.8614],
    ["", "其他"],
    ["二、整体绩效目标实现情况（60分）"],
    ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "指标解释", "", "评分标准"],
    [
        "产出（30）",
        "数量",
        "完成年度重点工作任务数（项）",
        "≥12",
        12,
        10,
        10,
        "产出数量：计划完成率=（实际完成工作数/计划工作数）×100%",
        "",
        (
            "定量指标：正向指标得分=全年实际值（B）/年度指标值（A）*该指标分值，反向指标"
            "得分=年度指标值（A）/全年实际值（B）*该指标分值，最高不超过该指标分值。定性"
            "指标：根据指标完成情况分为达成年度指标、部分达成年度指标并具有一定效果、未达成年"
            "度指标且效果较差三档，分别按照该指标分值的100-80%（含80%）、80-50"
            "%（含50%）、50-0%合理确定分值。"
        ),
    ],
    ["", "质量", "质量达标率", "100%", "100%", 10, 10, "产出质量：质量达标率=质量达标工作数/实际完成工作数×100%"],
    ["", "时效", "重点工作按时完成率", "≥95%", "96%", 10, 10, "产出时效：按时完成率"],
    ["效益（30）", "社会效益", "服务群众人次（人次）", "≥5000", 4600, 10, 9.2, "全年窗口服务群众人次"],
    ["", "可持续影响", "内控制度建设", "健全", "健全", 10, 10, "定性"],
    ["", "经济效益", "行政成本节约率", "≥3%", "3.5%", 10, 10, "（预算数-实际支出）/预算数"],
    ["三、满意度（20分）"],
    ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "指标解释", "", "评分标准"],
    [
        "满意度（20）",
        "服务对象满意度",
        "群众满意度",
        "≥90%",
        "92%",
        20,
        20,
        "问卷调查满意度",
        "",
        "满意度≥指标值得满分，低于指标值按完成值/指标值×分值计分。",
    ],
    ["合计", "", "", "", "", 100, 98.5],
    ["注：预算数、执行数为财政拨款口径，单位：万元。"],
]
SECTIONS_MERGED: list[str] = [
    "A10:A12",
    "A13:A15",
    "A16:J16",
    "A19:E19",
    "A1:J1",
    "A20:J20",
    "A2:J2",
    "A4:A7",
    "A8:J8",
    "H10:I10",
    "H11:I11",
    "H12:I12",
    "H13:I13",
    "H14:I14",
    "H15:I15",
    "H17:I17",
    "H18:I18",
    "H19:J19",
    "H3:I3",
    "H4:I4",
    "H5:I5",
    "H6:I6",
    "H7:I7",
    "H9:I9",
    "J10:J15",
    "J4:J7",
]


def _errors(result: object) -> list[tuple[str, str, float | None]]:
    return [(f.cell, f.code.value, f.computed) for f in result.flags if f.severity != "info"]  # type: ignore[attr-defined]


def test_names_with_their_points_under_the_weight_header(tmp_path: Path) -> None:
    # 湖南 prints "评价指标 | 分值" over "前期工作 | 任务分解（2分）": column B names the indicators and carries their
    # points, column A only groups them. 2+2+2 | 4.5+12+4 | 10+2.5+4 | 6+6+8 | 6+3+7 = 6 | 20.5 | 16.5 | 20 | 16 = 79,
    # 良 under the printed 75分（含）-90分 (before: only each group's first row was read: 28.5, five false 小计 errors)
    result = book(tmp_path, [(GBNT, GBNT_MERGED)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert (result.total, result.grade) == (79.0, "良")
    # 开工率 80 %: 90 − 80 = 10 points short, two whole steps of 5 → 4 − 2 = 2, not 3 (subtotal 19.5, total 78 typed
    # to match); the subject "比例" before "不足90%时" is the rate the condition is about
    wrong = [list(row) for row in GBNT]
    wrong[9][4:6] = ["80%", 3]
    wrong[10][5] = 19.5
    wrong[23][5] = 78
    said = _errors(book(tmp_path, [(wrong, GBNT_MERGED)], name="w.xlsx", rules="auto", names=["Sheet1"]))
    assert said == [("F10", "score-mismatch", 2.0)]


def _deducted(rows: list[list[object]]) -> list[list[object]]:
    """The same table printed with 扣分 (分值 − 得分) where the 得分 stood, and 扣分合计 over 总得分 (100 − 21)."""
    out = [list(row) for row in rows[:23]]
    out[2][5:7] = ["扣分", "扣分原因"]
    points = [2, 2, 2, 6, 5, 15, 4, 24, 10, 10, 6, 26, 8, 6, 10, 24, 6, 4, 10, 20]  # as printed in column B
    for row, weight in zip(out[3:23], points, strict=True):
        row[5] = weight - row[5]  # type: ignore[operator]
    return [*out, ["扣分合计", "", "", "", "", 21], ["总得分（100-扣分合计）", "", "", "", "", 79], *rows[24:]]


def test_a_table_of_points_taken_off_with_the_points_in_the_names(tmp_path: Path) -> None:
    # the same table with only a 扣分 column: 0 | 0.5+3+0 | 0+7.5+2 | 2+0+2 | 0+1+3 = 21 off, 100 − 21 = 79
    # (before: "没有找到指标名称列", nothing read)
    merged = [*GBNT_MERGED[:3], "A20:A23", "A24:E24", "A25:E25", "A26:E26", "A27:G27", "A2:G2", "A4:A7", "A8:A11"]
    result = book(tmp_path, [(_deducted(GBNT), merged)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert (result.total, result.grade) == (79.0, "良")
    # 资金支出进度 85 % (自评情况, the column that says what the county reached): 15 points under 100 % at 0.5 each
    # → 7.5 off, not the 5 typed (its 小计 9.5 → 7, 扣分合计 18.5, 总得分 81.5 typed to match)
    wrong = _deducted(GBNT)
    wrong[12][5], wrong[14][5], wrong[23][5], wrong[24][5] = 5, 7, 18.5, 81.5
    said = flagged(book(tmp_path, [(wrong, merged)], name="w.xlsx", rules="auto", names=["Sheet1"]))
    assert list(said) == ["F13"]


def test_a_form_printed_in_sections_each_with_its_own_header(tmp_path: Path) -> None:
    # 一、当年预算执行情况（20分）, 二、整体绩效目标实现情况（60分）, 三、满意度（20分）, each section with a header
    # of its own and one 合计 under the last: 19.3 (20 × 516.75 ÷ 535.50 = 19.30) + 10 + 10 + 10 + 9.2 + 10 + 10 + 20
    # = 98.5 of 100 (before: the 合计 was held to the last section alone, "各指标得分之和为 20", three weight warnings)
    result = book(tmp_path, [(SECTIONS, SECTIONS_MERGED)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert (result.total, result.max_total) == (98.5, 100.0)
    # a 合计 typed 99.5: the sections' scores make 98.5
    wrong = [list(row) for row in SECTIONS]
    wrong[18][6] = 99.5
    said = _errors(book(tmp_path, [(wrong, SECTIONS_MERGED)], name="w.xlsx", rules="auto", names=["Sheet1"]))
    assert ("G19", "sum-mismatch", 98.5) in said


PAIR_OFFSET: list[list[object]] = [
    ["项目支出绩效自评表", "", "", "", "", "", "", "", "", "项目支出绩效自评表"],
    ["（2023年度）", "", "", "", "", "", "", "", "", "（2023年度）"],
    ["项目名称", "乡镇综合文化站免费开放", "", "", "", "", "", "", "", "项目名称", "农家书屋出版物补充"],
    [
        "主管部门",
        "××县文化旅游广电体育局",
        "",
        "",
        "实施单位",
        "",
        "××镇综合文化站",
        "",
        "",
        "主管部门",
        "××县文化旅游广电体育局",
        "",
        "",
        "实施单位",
        "",
        "××县图书馆",
    ],
    [
        "项目资金（万元）",
        "",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        "",
        "项目资金（万元）",
        "",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ],
    ["", "年度资金总额：", 20, 20, 20, 10, "100.00%", 10, "", "", "年度资金总额：", 15, 15, 14.1, 10, "94.00%", 9.4],
    ["", "其中：当年财政拨款", 20, 20, 20, "—", "—", "—", "", "", "其中：当年财政拨款", 15, 15, 14.1, "—", "—", "—"],
    ["", "上年结转资金", "", "", "", "—", "—", "—", "", "", "上年结转资金", "", "", "", "—", "—", "—"],
    ["", "其他资金", "", "", "", "—", "—", "—", "", "年度总体目标", "预期目标", "", "", "", "实际完成情况"],
    [
        "年度总体目标",
        "预期目标",
        "",
        "",
        "",
        "实际完成情况",
        "",
        "",
        "",
        "",
        "按计划完成年度任务。",
        "",
        "",
        "",
        "基本完成年度任务。",
    ],
    [
        "",
        "按计划完成年度任务。",
        "",
        "",
        "",
        "基本完成年度任务。",
        "",
        "",
        "",
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
        "",
        "产出指标",
        "数量指标",
        "补充出版物种类",
        "≥1200种",
        "1260种",
        20,
        20,
    ],
    [
        "",
        "产出指标",
        "数量指标",
        "免费开放天数",
        "≥300天",
        "310天",
        20,
        20,
        "",
        "",
        "",
        "质量指标",
        "书屋出版物更新覆盖率",
        "≥95%",
        "90%",
        10,
        10,
        "2个村书屋场地改造未完成",
    ],
    [
        "",
        "",
        "质量指标",
        "公共文化活动场次",
        "≥24场",
        "26场",
        10,
        10,
        "",
        "",
        "",
        "时效指标",
        "配送及时率",
        "100%",
        "100%",
        10,
        10,
    ],
    [
        "",
        "",
        "时效指标",
        "经费拨付及时率",
        "100%",
        "100%",
        10,
        10,
        "",
        "",
        "",
        "成本指标",
        "每个书屋补充成本",
        "≤1500元",
        "1480元",
        10,
        10,
    ],
    [
        "",
        "",
        "成本指标",
        "站均补助标准",
        "≤5万元",
        "5万元",
        10,
        10,
        "",
        "",
        "效益指标",
        "社会效益指标",
        "群众阅读量",
        "明显提升",
        "明显提升",
        15,
        15,
    ],
    [
        "",
        "效益指标",
        "社会效益指标",
        "群众参与人次",
        "≥8000人次",
        "8600人次",
        15,
        15,
        "",
        "",
        "",
        "可持续影响指标",
        "书屋长效运行",
        "持续",
        "持续",
        15,
        15,
    ],
    [
        "",
        "",
        "可持续影响指标",
        "免费开放长效机制",
        "持续",
        "持续",
        15,
        15,
        "",
        "",
        "满意度指标",
        "服务对象满意度指标",
        "村民满意度",
        "≥90%",
        "93%",
        10,
        10,
    ],
    [
        "",
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "≥90%",
        "96%",
        10,
        10,
        "",
        "总分",
        "",
        "",
        "",
        "",
        "",
        100,
        99.4,
    ],
    ["总分", "", "", "", "", "", 100, 100],
]
PAIR_OFFSET_MERGED: list[str] = [
    "A10:A11",
    "A12:A19",
    "A1:I1",
    "A20:F20",
    "A2:I2",
    "A5:B5",
    "A6:A9",
    "B10:E10",
    "B11:E11",
    "B13:B16",
    "B17:B18",
    "B3:I3",
    "B4:D4",
    "E4:F4",
    "F10:I10",
    "F11:I11",
    "G4:I4",
    "J11:J18",
    "J19:O19",
    "J1:R1",
    "J2:R2",
    "J5:K5",
    "J6:J8",
    "J9:J10",
    "K10:N10",
    "K12:K15",
    "K16:K17",
    "K3:R3",
    "K4:M4",
    "K9:N9",
    "N4:O4",
    "O10:R10",
    "O9:R9",
    "P4:R4",
]
HUBEI_NAMES: list[list[object]] = [
    ["湖北省部门整体支出绩效自评表（2023年度）"],
    ["填报单位（盖章）：××县文化和旅游局", "", "", "", "", "", "", "自评得分：", 96.5],
    ["一级指标", "", "二级指标", "", "三级指标", "", "评分标准", "完成值", "自评得分", "扣分说明"],
    ["指标名称", "分值", "指标名称", "分值", "指标名称", "分值"],
    ["预算管理", 40, "预算编制", 10, "预算编制完整性", 5, "预算编制完整得满分；不完整不得分。", "是", 5],
    ["", "", "", "", "绩效目标完整性", 5, "绩效目标完整得满分；不完整不得分。", "是", 5],
    [
        "",
        "",
        "预算执行",
        20,
        "预算执行率",
        10,
        "执行率≥95%得满分；每低1个百分点扣0.5分，扣完为止。",
        "94%",
        9.5,
        "完成值94%，按评分标准扣0.5分",
    ],
    [
        "",
        "",
        "",
        "",
        "“三公经费”变动率",
        5,
        "变动率≤0得满分；每超过1个百分点扣0.5分，扣完为止。",
        "2.00%",
        4,
        "完成值2.00%，按评分标准扣1分",
    ],
    ["", "", "", "", "结转结余率", 5, "结转结余率≤5%得满分；每超过1个百分点扣0.5分，扣完为止。", "5.0%", 5],
    ["", "", "资产管理", 10, "资产管理规范性", 5, "管理规范得满分；不规范不得分。", "规范", 5],
    ["", "", "", "", "政府采购规范性", 5, "采购规范得满分；不规范不得分。", "规范", 5],
    [
        "履职效能",
        50,
        "职责履行",
        40,
        "重点工作完成率",
        20,
        "完成率100%得满分；每低1个百分点扣1分，扣完为止。",
        "99%",
        19,
        "完成值99%，按评分标准扣1分",
    ],
    ["", "", "", "", "履职目标完成及时性", 10, "按时完成得满分；否则酌情扣分。", "按时完成", 10],
    ["", "", "", "", "履职质量达标率", 10, "达标率100%得满分；每低1个百分点扣1分，扣完为止。", "100%", 10],
    ["", "", "履职效果", 10, "社会效益", 10, "效益明显得满分；较明显得8分；一般得6分；不明显不得分。", "明显", 10],
    [
        "满意度",
        10,
        "服务对象满意度",
        10,
        "服务对象满意度",
        10,
        "满意度≥90%得满分；每低1个百分点扣0.5分，扣完为止。",
        "88%",
        9,
        "完成值88%，按评分标准扣1分",
    ],
    ["合计", "", "", "", "", 100, "", "", 96.5],
    ["综合评价：经自评，本部门2023年度整体支出绩效自评总得分96.50分，评价等级为“优”。"],
]
HUBEI_NAMES_MERGED: list[str] = [
    "A12:A15",
    "A17:E17",
    "A18:J18",
    "A1:J1",
    "A2:G2",
    "A3:B3",
    "A5:A11",
    "B12:B15",
    "B5:B11",
    "C10:C11",
    "C12:C14",
    "C3:D3",
    "C5:C6",
    "C7:C9",
    "D10:D11",
    "D12:D14",
    "D5:D6",
    "D7:D9",
    "E3:F3",
    "G3:G4",
    "H3:H4",
    "I2:J2",
    "I3:I4",
    "J3:J4",
]
FJ5_SPLIT_0: list[list[object]] = [
    ["附件4        2023年部门整体支出绩效评价基础数据表"],
    ["预算单位名称：××县档案馆", "", "", "", "金额单位：万元"],
    ["财政供养人员情况", "编制人数", "实际在职人数", "变动数"],
    ["", 30, 29, 1],
    ["“三公经费”变动情况", "上年预算数", "本年预算数", "变动率"],
    ["", 10, 9, "-10.00%"],
    ["项目支出安排情况", "项目支出预算总额", "实际项目支出总额", "执行率"],
    ["", 260, 255, "98.08%"],
    ["预算完成情况", "预算总额", "决算总额", "执行率"],
    ["", 1020, 1000, "98.04%"],
    ["预算调整情况", "年初预算数", "年中预算调整", "调整率"],
    ["", 1000, 0, "0.00%"],
    ["结转结余变动情况", "上年结转结余总额", "本年结转结余总额", "变动率"],
    ["", 20, 20, "0.00%"],
    ["“三公经费”控制情况", "“三公经费”预算数", "“三公经费”实际支出", "控制率"],
    ["", 9, 9.45, "105.00%"],
    ["政府采购执行情况", "政府采购预算数", "实际政府采购金额", "执行率"],
    ["", 60, 60, "100.00%"],
    ["固定资产使用情况", "固定资产总额", "实际在用固定资产总额", "利用率"],
    ["", 500, 500, "100.00%"],
    [
        "内部控制制度完成情况(是/否)",
        "预算业务管理",
        "收支业务管理",
        "政府采购业务",
        "国有资产业务管理",
        "建设项目业务管理",
        "合同业务管理",
    ],
    ["", "是", "是", "是", "是", "是", "是"],
]
FJ5_SPLIT_0_MERGED: list[str] = [
    "A11:A12",
    "A13:A14",
    "A15:A16",
    "A17:A18",
    "A19:A20",
    "A1:G1",
    "A21:A22",
    "A2:D2",
    "A3:A4",
    "A5:A6",
    "A7:A8",
    "A9:A10",
    "E2:G2",
]
FJ5_SPLIT_1: list[list[object]] = [
    ["附件5        2023年部门整体支出绩效自评指标计分表"],
    ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明", "得分"],
    [
        "投入",
        "(15分)",
        "预算配置",
        "(15分)",
        "在职人员控制率",
        "(7分)",
        "≤100%计满分，每超过1个百分点扣0.2分，扣完为止",
        "",
        7,
    ],
    ["", "", "", "", "“三公经费”变动率", "(8分)", "≤0计满分，每超过1个百分点扣0.8分，扣完为止", "", 8],
    [
        "过程",
        "(50分)",
        "预算执行",
        "(20分)",
        "预算完成率",
        "(5分)",
        "100%计满分，每低于5个百分点扣2分，扣完为止",
        "",
        5,
    ],
    [
        "",
        "",
        "",
        "",
        "预算控制率",
        "(5分)",
        "=0计5分；0-10%(含)计4分；10-20%(含)计3分；20-30%(含)计2分；大于30%不得分",
        "",
        5,
    ],
    ["", "", "", "", "新建楼堂馆所面积控制率", "(5分)", "≤100%计满分，每超过5个百分点扣2分；无此类项目计满分", "", 5],
    [
        "",
        "",
        "",
        "",
        "新建楼堂馆所投资概算控制率",
        "(5分)",
        "≤100%计满分，每超过5个百分点扣2分；无此类项目计满分",
        "",
        5,
    ],
    ["", "", "预算管理", "(30分)", "公用经费控制率", "(7分)", "100%以下(含)计满分，每超出1%扣1分，扣完为止", "", 7],
    ["", "", "", "", "“三公经费”控制率", "(8分)", "≤100%计满分，每超过1个百分点扣1分，扣完为止", "", 3],
    ["", "", "", "", "管理制度健全性", "(8分)", "依据检查要点评定", "", 8],
    ["", "", "", "", "资金使用合规性", "(5分)", "依据检查要点评定", "", 5],
    ["", "", "", "", "预决算信息公开性", "(2分)", "依据公开情况评定", "", 2],
    [
        "产出及效率",
        "(35分)",
        "职责履行",
        "(8分)",
        "目标任务实际完成率",
        "(8分)",
        "依据年度综合目标管理考核得分折算",
        "",
        8,
    ],
    ["", "", "履职效益", "(15分)", "经济效益", "(5分)", "", "", 5],
    ["", "", "", "", "社会效益", "(5分)", "", "", 5],
    ["", "", "", "", "生态效益", "(5分)", "", "", 5],
    ["", "", "行政效能及满意度", "(12分)", "行政效能", "(6分)", "依据部门自评材料评定", "", 6],
    ["", "", "", "", "社会公众或服务对象满意度", "(6分)", "依据满意度调查结果评定", "", 6],
]
FJ5_SPLIT_1_MERGED: list[str] = [
    "A14:A19",
    "A1:I1",
    "A3:A4",
    "A5:A13",
    "B14:B19",
    "B3:B4",
    "B5:B13",
    "C15:C17",
    "C18:C19",
    "C3:C4",
    "C5:C8",
    "C9:C13",
    "D15:D17",
    "D18:D19",
    "D3:D4",
    "D5:D8",
    "D9:D13",
]
FJ5_SPLIT_2: list[list[object]] = [
    ["部门整体支出绩效自评指标计分表（续）"],
    ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明", "得分"],
    ["合计", "", "", "", "", "(100分)", "", "", 98],
    ["等级", "", "", "", "", "", "", "", "优"],
]
FJ5_SPLIT_2_MERGED: list[str] = ["A1:I1", "A3:E3", "A4:E4"]


# round 116's attacks: 湖北's 部门整体支出绩效自评表
# (http://gat.hubei.gov.cn/zfxxgk/fdzdgknr/czzj/czzxzj/202008/t20200824_2832170.shtml) with "指标名称 | 分值" under
# each of 一级/二级/三级; two national 项目支出绩效自评表 side by side as 棠溪镇 prints one
# (http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2), their tables starting on different rows; 益阳's
# 附件5 (http://www.yiyang.gov.cn/yiyang/36457/36467/36512/content_2132265.html) whose 合计 stands alone on the 续
# sheet under the header printed again. Figures composed, worked below.


def test_names_and_weights_under_each_level_of_a_two_row_header(tmp_path: Path) -> None:
    # 5+5 | 9.5+4+5 | 5+5 | 19+10+10 | 10 | 9 = 96.5 of 100, 优 (执行率 94 % → 10 − 0.5; 三公 +2 % → 5 − 1; 满意度
    # 88 % → 10 − 1); before: the repeated 指标名称 split the form in two at column C, 分值 Σ 200, six false errors
    result = book(tmp_path, [(HUBEI_NAMES, HUBEI_NAMES_MERGED)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert (result.total, result.max_total, result.grade) == (96.5, 100.0, "优")


def test_two_forms_side_by_side_whose_tables_start_on_different_rows(tmp_path: Path) -> None:
    # the right form (J:R) prints no 其他资金 row: its header is a row above the left's. Left: 20/20 → 10, all met, 100;
    # right: 14.1/15 = 94 % → 9.4, 书屋出版物更新覆盖率 90 % of ≥95 % → 10 × 90/95 = 9.47, not the 10 typed (before:
    # the right form unread, its 得分 column paired with the left's names one row off: five false flags)
    result = book(tmp_path, [(PAIR_OFFSET, PAIR_OFFSET_MERGED)], rules="auto", names=["Sheet1"])
    assert _errors(result) == [("Q13", "score-mismatch", 9.47)]
    assert [i.total for i in result.instances] == [100.0, 98.87]


def test_the_total_alone_under_the_header_printed_again(tmp_path: Path) -> None:
    # 7+8+5+5+5+5+7+3+8+5+2+8+5+5+5+6+6 = 95 (三公经费控制率 9.45/9 = 105 % → 3), the 合计 on 附件5（续） typed 98
    # (before: the 续 sheet printing the header again was not joined, its 合计 unread)
    sheets = [(FJ5_SPLIT_0, FJ5_SPLIT_0_MERGED), (FJ5_SPLIT_1, FJ5_SPLIT_1_MERGED), (FJ5_SPLIT_2, FJ5_SPLIT_2_MERGED)]
    result = book(tmp_path, sheets, rules="auto", names=["附件4", "附件5", "附件5（续）"])
    said = [f for f in result.flags if f.severity == "error" and f.cell == "I3"]
    assert [(f.sheet, f.code.value, f.computed) for f in said] == [("附件5（续）", "sum-mismatch", 95.0)]


# round 121's variations on the 湖南 and sectioned tables above, and round 122's 衡山 县级储备粮 2020 项目支出绩效自评表
# (https://taowenge.com/p-72820237.html), its 执行率(B/A) header and figure each merged over E:G


def _renamed(rows: list[list[object]], change: dict[tuple[int, int], object]) -> list[list[object]]:
    out = [list(row) for row in rows]
    for (r, c), value in change.items():
        out[r][c] = value
    return out


def _points(rows: list[list[object]], written: str) -> list[list[object]]:
    """GBNT with its names' points written otherwise: "（2）" or " 2分" for "（2分）"."""
    out = [list(row) for row in rows]
    for row in out[3:23]:
        text = str(row[1])
        if "（" in text:
            name, points = text.rsplit("（", 1)
            row[1] = name.rstrip() + written.format(points.rstrip("分）"))
    return out


@pytest.mark.parametrize(
    "rows",
    [
        _renamed(GBNT, {(2, 0): "项目内容"}),  # the groups headed 项目内容
        _points(GBNT, "（{}）"),  # "任务分解（2）"
        _points(GBNT, " {}分"),  # "任务分解 2分"
    ],
)
def test_names_under_the_weight_header_written_otherwise(tmp_path: Path, rows: list[list[object]]) -> None:
    # the same 79 of 100, 良 (before: not read, or each group's first row alone: 30.6 and five false 小计 errors)
    result = book(tmp_path, [(rows, GBNT_MERGED)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert (result.total, result.grade) == (79.0, "良")


def test_groups_repeated_on_every_row_and_their_subtotals(tmp_path: Path) -> None:
    # 前期工作 printed again on each row, its 小计 too ("前期工作 | 小计（6分）"): the 小计 rows are no indicators
    # (before: read as indicators, Σ 分值 200, total 186)
    rows = [list(row) for row in GBNT]
    group = ""
    for row in rows[3:23]:
        group = str(row[0]) or group
        row[0] = group
    merged = [m for m in GBNT_MERGED if not m.startswith(("A4:", "A8:", "A12:", "A16:", "A20:"))]
    result = book(tmp_path, [(rows, merged)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert (result.total, result.grade) == (79.0, "良")


def test_blank_deductions_take_nothing_off(tmp_path: Path) -> None:
    # the 扣分 table with its 0s left blank (nothing taken off there): the same 100 − 21 = 79 (before: seven
    # "未填写扣分" errors and each blank counted as its whole 分值 lost); with every 扣分 blank it is a template, and
    # its blanks are not full marks
    merged = [*GBNT_MERGED[:3], "A20:A23", "A24:E24", "A25:E25", "A26:E26", "A27:G27", "A2:G2", "A4:A7", "A8:A11"]
    rows = [[*row[:5], "", *row[6:]] if row[5:6] == [0] else row for row in _deducted(GBNT)]
    result = book(tmp_path, [(rows, merged)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert (result.total, result.grade) == (79.0, "良")
    blank = [[*row[:5], "", *row[6:]] if 3 <= i < 25 else row for i, row in enumerate(_deducted(GBNT))]
    assert book(tmp_path, [(blank, merged)], name="blank.xlsx", rules="auto", names=["Sheet1"]).total != 100.0


def test_what_was_reached_in_a_lone_self_assessment_column(tmp_path: Path) -> None:
    # GBNT with no 评价依据 column: 自评情况 alone says what the county reached ("85%", "95%"); 资金支出进度 85 % is
    # 15 points under 100 % at 0.5 each → 2.5, not the 5 typed (小计 19, 总得分 81.5 typed to match)
    rows = [[*row[:3], *row[4:]] for row in GBNT]
    rows[12][4], rows[14][4], rows[23][4] = 5, 19, 81.5
    merged = [m.replace("G", "F") for m in GBNT_MERGED]
    assert _errors(book(tmp_path, [(rows, merged)], rules="auto", names=["Sheet1"])) == [("E13", "score-mismatch", 2.5)]


def _captions(rows: list[list[object]], marks: tuple[str, str, str]) -> list[list[object]]:
    out = [list(row) for row in rows]
    for r, mark in zip((1, 7, 15), marks, strict=True):
        out[r][0] = mark + str(out[r][0])[2:]
    return out


@pytest.mark.parametrize(
    ("rows", "merged"),
    [
        (_captions(SECTIONS, ("1.", "2.", "3.")), SECTIONS_MERGED),
        (_captions(SECTIONS, ("（一）", "（二）", "（三）")), SECTIONS_MERGED),
        # captions in one cell, not merged across
        (SECTIONS, [m for m in SECTIONS_MERGED if m not in ("A2:J2", "A8:J8", "A16:J16")]),
        # section 二 printing no caption
        ([*SECTIONS[:7], *SECTIONS[8:]], None),
    ],
)
def test_sections_numbered_or_captioned_otherwise(
    tmp_path: Path, rows: list[list[object]], merged: list[str] | None
) -> None:
    if merged is None:  # one row fewer from row 8 on
        merged = [m for m in SECTIONS_MERGED if m != "A8:J8"]
        merged = [_shift_up(m, 8) for m in merged]
    result = book(tmp_path, [(rows, merged)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert (result.total, result.max_total) == (98.5, 100.0)


def _shift_up(ref: str, below: int) -> str:
    """A merge's rows one up where they start below row ``below`` (1-based)."""
    parts = []
    for cell in ref.split(":"):
        col = cell.rstrip("0123456789")
        row = int(cell[len(col) :])
        parts.append(f"{col}{row - 1 if row > below else row}")
    return ":".join(parts)


def test_the_budget_row_of_a_sectioned_form(tmp_path: Path) -> None:
    # 预算数 | 执行数 | 预算执行率 in section 一: 516.75 ÷ 535.50 = 96.50 %, typed 98 %; 20 × 96.50 % = 19.30, typed 20
    # (before: the row was read with no figures, neither checked)
    rows = _renamed(SECTIONS, {(3, 4): 0.98, (3, 6): 20, (18, 6): 99.2})
    said = _errors(book(tmp_path, [(rows, SECTIONS_MERGED)], rules="auto", names=["Sheet1"]))
    assert ("E4", "rate-mismatch", 96.5) in said and ("G4", "score-mismatch", 19.3) in said


HENGSHAN: list[list[object]] = [
    ["2020年度县级专项资金绩效目标自评表"],
    ["专项资金名称", "县级储备粮", "", "", "负责人及电话", "旷建成、向建军"],
    ["县级主管部门", "衡山县商务和粮食局", "", "", "实施单位", "粮食调控储备与产业发展股"],
    ["项目资金(万元)", "", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)"],
    ["", "年度资金总额", 194.9, 194.9, 1],
    ["", "其中:中央、省、市补助县级资金", 194.9, 194.9, 1],
    ["", "其他资金"],
    ["年度\n总体\n目标", "年初设定目标", "", "", "全年实际完成情况"],
    ["", "保持和稳定地方粮食储备机制", "", "", "地方储备粮食规模达标"],
    [
        "绩\n效\n指\n标",
        "一级\n指标",
        "二级\n指标",
        "三级指标",
        "年度指标\n值",
        "全年\n完成值",
        "未完成原因和\n改进措施",
    ],
    ["", "产\n出\n指\n标", "数量\n指标", "5000吨稻谷、500吨成\n品粮储备到位率", 1, 1],
    ["", "", "", "库存数量真实率", 1, 1],
    ["", "", "质量\n指标", "县级储备粮管理制\n度严格执行率", 1, 1],
    ["", "", "", "储备粮管理专户管\n理率", 1, 1],
    ["", "", "", "县级储备粮库存粮\n食明显变质比例", 0, 0],
    ["", "", "时效\n指标", "县级储备粮贷款付\n息及时率", 1, 1],
    ["", "", "", "县级储备粮应急保\n障率", 1, 1],
    ["", "", "成本\n指标", "国家政策性粮收购\n价格执行率", 1, 1],
    ["", "", "", "县级储备粮库存成\n本核算率", 1, 1],
    ["", "效益\n指标", "经济\n效益\n指标", "利息费用保障率", 1, 1],
    ["", "", "", "政策性挂账利息补\n贴保障率", 1, "无", "没有轮换、动用库存"],
    ["绩效\n指标", "效\n益\n指\n标", "生态\n效益\n指标", "低温、低氧、低剂量\n科学保粮率", 1, 1],
    ["", "", "", "食品安全指标达标\n率", 1, 1],
    ["", "", "可持\n续影\n响指标", "粮食储备设备维\n护及安全性", "高", "高"],
    ["", "满意\n度指\n标", "服务\n对象\n满意\n度指\n标", "因粮食市场波动引\n起的粮食安全事件\n发生数", "0起", "0起"],
    ["", "", "", "市民满意度调查", "≥90%", 1],
    ["说明", "无"],
    ["注:1、其他资金包括和中央、省、市补助、地方财政资金共同投入到同一项目的自"],
]
HENGSHAN_MERGED: list[str] = [
    "A10:A21",
    "A1:G1",
    "A22:A26",
    "A28:G28",
    "A4:B4",
    "A5:A7",
    "A8:A9",
    "B11:B19",
    "B20:B21",
    "B22:B24",
    "B25:B26",
    "B27:G27",
    "B2:D2",
    "B3:D3",
    "B8:D8",
    "B9:D9",
    "C11:C12",
    "C13:C15",
    "C16:C17",
    "C18:C19",
    "C20:C21",
    "C22:C23",
    "C25:C26",
    "E4:G4",
    "E5:G5",
    "E6:G6",
    "E7:G7",
    "E8:G8",
    "E9:G9",
    "F2:G2",
    "F3:G3",
]


def test_a_rate_header_merged_over_three_columns_is_judged_once(tmp_path: Path) -> None:
    # 执行 180.6 of 194.9 = 92.66 %, typed 96.26 % (the published table: 194.9 of 194.9 = 100 %); one finding at E5,
    # none at F5 under the same merged 执行率(B/A) (before: a second one there, from the header's formula)
    rows = _renamed(HENGSHAN, {(4, 3): 180.6, (4, 4): 0.9626, (5, 3): 180.6, (5, 4): 0.9266})
    said = [f for f in _errors(book(tmp_path, [(rows, HENGSHAN_MERGED)], rules="auto")) if f[1] == "rate-mismatch"]
    assert said == [("E5", "rate-mismatch", 92.66)]
