"""The twenty-second session's readings of round 113's county scoring tables (湖南's 高标准农田建设 评价指标, the
province's table for scoring its counties, https://www.hnqianrun.com/news/hyxw/752.html; a 部门整体绩效评价指标体系
评分表 printed in three sections, https://m.taowenge.com/p-97898096.html): labels, standards, weights and layout as
those pages print them, the self-assessed figures and scores composed and worked by hand below."""

from __future__ import annotations

from pathlib import Path

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
