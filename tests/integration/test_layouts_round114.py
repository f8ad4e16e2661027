"""The twenty-first session's structural variants (rounds 113, 114): a 附件5 printed over two sheets, its rows going on
on a second sheet that prints no header (益阳's 附件4 and 附件5 as in seed 001, http://www.yiyang.gov.cn/yiyang/36457/
36467/36512/content_2132265.html, figures composed and worked below); a header cut over two rows; names printed under
one header over two columns (云南's 衔接资金 评分表)."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import book

FJ4: list[list[object]] = [
    ["附件4        2023年部门整体支出绩效评价基础数据表"],
    ["预算单位名称：××县农业农村事务中心", "", "", "", "", "金额单位：万元"],
    ["财政供养人员情况", "编制人数", "实际在职人数", "变动数"],
    ["", 40, 38, 2],
    ["“三公经费”变动情况", "上年预算数", "本年预算数", "变动率"],
    ["", 15, 15.6, "4.00%"],
    ["项目支出安排情况", "项目支出预算总额", "实际项目支出总额", "执行率"],
    ["", 500, 470, "94.00%"],
    ["预算完成情况", "预算总额", "决算总额", "执行率"],
    ["", 1250, 1225, "98.00%"],
    ["预算调整情况", "年初预算数", "年中预算调整", "调整率"],
    ["", 1100, 99, "9.00%"],
    ["结转结余变动情况", "上年结转结余总额", "本年结转结余总额", "变动率"],
    ["", 51, 25, "-50.98%"],
    ["“三公经费”控制情况", "“三公经费”预算数", "“三公经费”实际支出", "控制率"],
    ["", 15.6, 14.04, "90.00%"],
    ["政府采购执行情况", "政府采购预算数", "实际政府采购金额", "执行率"],
    ["", 80, 76, "95.00%"],
    ["固定资产使用情况", "固定资产总额", "实际在用固定资产总额", "利用率"],
    ["", 620, 589, "95.00%"],
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
FJ4_MERGED: list[str] = [
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
    "F2:G2",
]
FJ5: list[list[object]] = [
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
    ["", "", "", "", "“三公经费”变动率", "(8分)", "≤0计满分，每超过1个百分点扣0.8分，扣完为止", "", 4.8],
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
        4,
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
    ["", "", "", "", "“三公经费”控制率", "(8分)", "≤100%计满分，每超过1个百分点扣1分，扣完为止", "", 8],
    ["", "", "", "", "管理制度健全性", "(8分)", "依据检查要点评定", "", 8],
    ["", "", "", "", "资金使用合规性", "(5分)", "依据检查要点评定", "", 5],
    ["", "", "", "", "预决算信息公开性", "(2分)", "依据公开情况评定", "", 2],
]
FJ5_MERGED: list[str] = ["A1:I1"]
FJ5_REST: list[list[object]] = [
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
    ["", "", "", "", "生态效益", "(5分)", "", "", 4],
    ["", "", "行政效能及满意度", "(12分)", "行政效能", "(6分)", "依据部门自评材料评定", "", 6],
    ["", "", "", "", "社会公众或服务对象满意度", "(6分)", "依据满意度调查结果评定", "", 5],
    ["合计", "", "", "", "", "(100分)", "", "", 93.8],
    ["等级", "", "", "", "", "", "", "", "优"],
]
FJ5_REST_MERGED: list[str] = ["A7:E7", "A8:E8"]


def test_a_score_table_going_on_on_a_second_sheet(tmp_path: Path) -> None:
    # 7 + 4.8 + 5 + 4 + 5 + 5 + 7 + 8 + 8 + 5 + 2 on the first sheet, 8 + 5 + 5 + 4 + 6 + 5 on the second: 93.8, 优;
    # 三公 (15.60 − 15) ÷ 15 = 4 % over 0 → 8 − 4 × 0.8 = 4.8 (before: the second sheet's rows were never read: six
    # indicators "not found", 分值 adding to 65, 60.8 graded 中)
    sheets = [(FJ4, FJ4_MERGED), (FJ5, FJ5_MERGED), (FJ5_REST, FJ5_REST_MERGED)]
    result = book(tmp_path, sheets, rules="auto", names=["附件4", "附件5", "附件5（续）"])
    assert [f for f in result.flags if f.severity != "info"] == []
    assert result.total == 93.8 and result.grade == "优"
    wrong = [
        (FJ4, FJ4_MERGED),
        (FJ5, FJ5_MERGED),
        ([*FJ5_REST[:5], [*FJ5_REST[5][:8], 6], *FJ5_REST[6:]], FJ5_REST_MERGED),
    ]
    flagged = book(tmp_path, wrong, name="w.xlsx", rules="auto", names=["附件4", "附件5", "附件5（续）"])
    assert sorted((f.sheet, f.cell, f.code.value) for f in flagged.flags if f.severity != "info") == [
        ("附件5（续）", "I7", "sum-mismatch")  # 合计 93.8 over scores now adding to 94.8
    ]


STACKED: list[list[object]] = [
    ["项目支出绩效自评表"],
    ["（2023年度）"],
    ["项目名称", "农民职业技能培训补助"],
    ["主管部门", "××县人力资源和社会保障局", "", "", "实施单位", "", "××县就业服务中心"],
    ["项目资金\n（万元）", "资金来源", "", "预算数", "", "全年执行数（B）", "执行情况"],
    ["", "", "", "年初预算数", "全年预算数（A）", "", "分值", "执行率（B/A）", "得分"],
    ["", "年度资金总额：", "", 90, 90, 85.5, 10, 0.95, 9.5],
    ["", "其中：本年财政拨款", "", 90, 90, 85.5, "-", "-", "-"],
    ["", "上年结转资金", "", "", "", "", "-", "-", "-"],
    ["", "其他资金", "", "", "", "", "-", "-", "-"],
    ["年度总体目标", "预期目标", "", "", "", "实际完成情况"],
    ["", "培训农村劳动力500人次，合格率90%以上。", "", "", "", "培训450人次，合格率92%。"],
    ["绩效指标", "一级", "二级", "三级", "年度", "实际", "评分", "", "偏差原因分析"],
    ["", "指标", "指标", "指标", "指标值", "完成值", "分值", "得分", "及改进措施"],
    ["", "产出指标", "数量指标", "培训人次", "≥500人次", "450人次", 20, 18, "部分乡镇报名不足"],
    ["", "", "质量指标", "培训合格率", "≥90%", "92%", 15, 15],
    ["", "", "时效指标", "培训完成时间", "按期完成", "按期完成", 5, 5],
    ["", "", "成本指标", "人均培训成本", "≤1900元", "1900元", 10, 10],
    ["", "效益指标", "社会效益指标", "培训后就业率", "≥60%", "66%", 20, 20],
    ["", "", "可持续影响指标", "培训长效机制", "建立", "建立", 10, 10],
    ["", "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "94%", 10, 10],
    ["总分", "", "", "", "", "", 100, 97.5],
    [
        "注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。2.其他资金包括与财政拨款共同投入项目的单位自筹资金、社会资金，以及以前年度的结转结余资金等。3.定量指标得分=实际完成值/年度指标值×分值（反向指标为年度指标值/实际完成值×分值），不超过分值；定性指标按达成、部分达成、未达成分档计分。"
    ],
]
STACKED_MERGED: list[str] = [
    "A11:A12",
    "A13:A21",
    "A1:I1",
    "A22:F22",
    "A23:I23",
    "A2:I2",
    "A5:A10",
    "B10:C10",
    "B11:E11",
    "B12:E12",
    "B15:B18",
    "B19:B20",
    "B3:I3",
    "B4:D4",
    "B5:C6",
    "B7:C7",
    "B8:C8",
    "B9:C9",
    "D5:E5",
    "E4:F4",
    "F11:I11",
    "F12:I12",
    "F5:F6",
    "G13:H13",
    "G4:I4",
    "G5:I5",
]


def test_header_words_cut_over_two_rows(tmp_path: Path) -> None:
    # "一级 | 二级 | 三级 | 年度 | 实际 | 评分" over "指标 | 指标 | 指标 | 指标值 | 完成值 | 分值 | 得分": one header.
    # 85.5 ÷ 90 = 95 % → 9.5; 450 of ≥ 500 人次 → 20 × 0.9 = 18; Σ 18 + 15 + 5 + 10 + 20 + 10 + 10 = 88, + 9.5 =
    # 97.5, 优
    # (before: the second header row was read as a row of the body, the funds block as a form of its own, and the 总分
    # was held to the indicators alone: two errors)
    result = book(tmp_path, [(STACKED, STACKED_MERGED)], rules="auto")
    assert [f for f in result.flags if f.severity != "info"] == []
    assert result.total == 97.5 and result.grade == "优"
    wrong = [[*row[:7], 20, *row[8:]] if row[:1] == [""] and row[3:4] == ["培训人次"] else row for row in STACKED]
    flagged = book(tmp_path, [(wrong, STACKED_MERGED)], name="w.xlsx", rules="auto")
    # 20 typed for 18: the score, and the 总分 97.5 no longer its parts' 99.5
    said = [(f.cell, f.code.value) for f in flagged.flags if f.severity == "error"]
    assert said == [("H15", "score-mismatch"), ("H22", "sum-mismatch")]


# 云南省衔接资金绩效评价及考核指标评分表 (round 113, https://renrendoc.com/paper/375929625.html; rules of scoring from
# its 办法, http://hair43.com/health/baojian/2022/0613/82777_2.html): "指标" printed over the group and the name
# columns, "指标满分（100+3-30）", "评价及考核内容和赋分规则", 考核情况 and 得分 columns composed (a county filled in)
YUNNAN: list[list[object]] = [
    ["附件"],
    ["云南省衔接资金绩效评价及考核指标评分表"],
    ["被评价县（市、区）：XX县\u3000\u3000\u3000评价年度：2022年度"],
    ["指标", "", "指标满分\n（100\n+3\n-30）", "评价及考核内容和赋分规则", "数据来源", "考核情况", "得分"],
    ["合计", "", 100, "基础分100分（调整指标最高加3分，最多减30分）", "", "", 98.5],
    [
        "资金保障\n7分",
        "中央和省级财政衔接资金分解下达进度",
        7,
        "1.州(市)收到财政衔接资金之日起，对省级直接分配到县的资金下达到县(区)级政府≤15日得满分0.5分，>30日为0分，15-30日按比例减分；对需再次分配的资金下达到县(区)级政府≤30日得满分0.5分，>60日为0分，30-60日按比例减分。\n2.县(区)收到财政衔接资金之日起，下达到项目实施单位≤25个工作日得满分6分，>50个工作日为0分，25-50个工作日按比例减分。",
        "财政直达资金监控系统，预算一体化系统等。",
        "州级直接分配资金10日下达、再次分配资金25日下达；县级20个工作日下达到项目实施单位",
        7,
    ],
    [
        "项目管理\n20分",
        "项目库建设管理情况",
        8,
        "评价及考核内容包括考核当年以及下一年度项目入库是否及时充分、程序是否规范、内容是否完整和入库项目是否具备实施条件，以及衔接资金、整合资金是否用于项目库之外的项目等。根据抽查项目情况赋分，当年情况占6分，下一年度情况占2分。",
        "防返贫监测信息系统，项目库。",
        "抽查10个项目，1个项目入库程序不规范",
        7,
    ],
    [
        "",
        "项目绩效管理情况",
        4,
        "绩效目标设定、绩效运行监控、绩效自评均按要求开展的得满分，每缺一项扣1分。",
        "预算一体化系统。",
        "均按要求开展",
        4,
    ],
    [
        "",
        "信息公开和公告公示制度落实情况",
        4,
        "每发现1个项目未按规定公告公示扣0.5分，扣完为止。",
        "实地抽查。",
        "抽查10个项目，1个未公示",
        3.5,
    ],
    [
        "",
        "跟踪督促及发现问题整改情况",
        4,
        "发现问题全部整改到位的得满分，每有1个问题未整改到位扣1分，扣完为止。",
        "审计、监督检查报告。",
        "4个问题均已整改",
        4,
    ],
    [
        "使用成效\n73分",
        "有序推进项目实施等工作情况",
        10,
        "项目按计划开工、完工的得满分；每有1个项目未按计划推进扣1分，扣完为止。",
        "项目库，实地抽查。",
        "1个项目未按计划开工",
        9,
    ],
    [
        "",
        "预算执行率",
        15,
        "衔接资金预算执行率≥95%得满分；每低1个百分点扣1分，扣完为止。",
        "财政直达资金监控系统。",
        "96.8%",
        15,
    ],
    [
        "",
        "巩固拓展脱贫攻坚成果情况",
        20,
        "未发生规模性返贫的得满分；监测帮扶不到位的视情况扣分。",
        "防返贫监测信息系统。",
        "未发生规模性返贫，1户监测不及时",
        19,
    ],
    [
        "",
        "巩固拓展脱贫攻坚成果和乡村振兴任务资金使用效益",
        10,
        "任务完成得满分，未完成按比例扣分。",
        "相关部门资料。",
        "完成",
        10,
    ],
    ["", "以工代赈任务资金使用效益", 5, "任务完成得满分，未完成按比例扣分。", "相关部门资料。", "完成", 5],
    ["", "少数民族发展任务资金使用效益", 5, "任务完成得满分，未完成按比例扣分。", "相关部门资料。", "完成", 5],
    [
        "",
        "中央和省级财政衔接资金用于产业的比例",
        8,
        "用于产业发展的比例≥55%得满分；每低1个百分点扣0.5分，扣完为止。",
        "预算一体化系统。",
        "57.3%",
        8,
    ],
    [
        "调整指标",
        "机制创新（加分指标）",
        "+3",
        "在衔接资金使用管理上有创新做法并被省级以上推广的，每项加1分，最高加3分。",
        "相关部门资料。",
        "2项做法被省级推广",
        2,
    ],
    [
        "",
        "数据作假（减分指标）",
        "-10",
        "发现数据作假的，每发现1处扣2分，最多扣10分。",
        "审计、监督检查报告。",
        "未发现",
        0,
    ],
    [
        "",
        "违规违纪（减分指标）",
        "-20",
        "发现违规违纪问题的，每个问题扣2分，最多扣20分。",
        "审计、监督检查报告。",
        "未发现",
        0,
    ],
    ["说明：因少数指标不适用而满分不足百分的，按照得分折算成百分制。合计=基础指标得分+加分-减分。"],
]
YUNNAN_MERGED: list[str] = ["A11:A17", "A18:A20", "A1:G1", "A21:G21", "A2:G2", "A3:G3", "A4:B4", "A5:B5", "A7:A10"]


def test_names_printed_under_one_header_over_two_columns(tmp_path: Path) -> None:
    # 7 + 7 + 4 + 3.5 + 4 + 9 + 15 + 19 + 10 + 5 + 5 + 8 = 96.5 of the base 100, + 2 for 机制创新 = 98.5 as typed; the
    # 预算执行率 96.8 % is ≥ 95 % → 15 (before: no column of names was found, and nothing was read)
    result = book(tmp_path, [(YUNNAN, YUNNAN_MERGED)], rules="auto", names=["Sheet1"])
    assert [f for f in result.flags if f.severity != "info"] == []
    # 91.0 % is 4 points under 95 %: 15 − 4 = 11, not 13
    wrong = [[*row[:5], "91.0%", 13] if row[1:2] == ["预算执行率"] else row for row in YUNNAN]
    flagged = book(tmp_path, [(wrong, YUNNAN_MERGED)], name="w.xlsx", rules="auto", names=["Sheet1"])
    said = [(f.cell, f.code.value, f.computed) for f in flagged.flags if f.severity == "error"]
    assert ("G12", "score-mismatch", 11.0) in said


# round 114: two national 项目支出绩效自评表 printed side by side with no empty column between them (A:I and J:R), their
# rows not aligned (the right form's 总分 a row above the left's)
PAIR: list[list[object]] = [
    ["项目支出绩效自评表", "", "", "", "", "", "", "", "", "项目支出绩效自评表"],
    ["（2023年度）", "", "", "", "", "", "", "", "", "（2023年度）"],
    ["项目名称", "公共图书馆免费开放", "", "", "", "", "", "", "", "项目名称", "文化馆免费开放"],
    [
        "主管部门",
        "××县文化旅游广电体育局",
        "",
        "",
        "实施单位",
        "",
        "××县图书馆",
        "",
        "",
        "主管部门",
        "××县文化旅游广电体育局",
        "",
        "",
        "实施单位",
        "",
        "××县文化馆",
    ],
    [
        "项目资金\n（万元）",
        "",
        "",
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
        "项目资金\n（万元）",
        "",
        "",
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
    ],
    ["", "年度资金总额：", "", 40, 40, 40, 10, 1, 10, "", "年度资金总额：", "", 30, 30, 28.5, 10, 0.95, 9.5],
    [
        "",
        "其中：本年财政拨款",
        "",
        40,
        40,
        40,
        "-",
        "-",
        "-",
        "",
        "其中：本年财政拨款",
        "",
        30,
        30,
        28.5,
        "-",
        "-",
        "-",
    ],
    ["", "上年结转资金", "", "", "", "", "-", "-", "-", "", "上年结转资金", "", "", "", "", "-", "-", "-"],
    ["", "其他资金", "", "", "", "", "-", "-", "-", "", "其他资金", "", "", "", "", "-", "-", "-"],
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
        "年度总体目标",
        "预期目标",
        "",
        "",
        "",
        "实际完成情况",
    ],
    [
        "",
        "全年免费开放，接待读者6万人次以上。",
        "",
        "",
        "",
        "接待读者5.4万人次，举办讲座24场。",
        "",
        "",
        "",
        "",
        "免费开放展厅和培训室，开展公益培训。",
        "",
        "",
        "",
        "开展公益培训120期。",
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
        "",
        "产出指标",
        "数量指标",
        "年接待读者人次",
        "≥6万人次",
        "5.4万人次",
        20,
        20,
        "馆舍维修闭馆一个月",
        "",
        "产出指标",
        "数量指标",
        "公益培训期数",
        "≥120期",
        "120期",
        25,
        25,
    ],
    ["", "", "", "举办公益讲座", "≥24场", "24场", 10, 10, "", "", "", "质量指标", "培训结业率", "≥90%", "93%", 15, 15],
    [
        "",
        "",
        "质量指标",
        "图书借阅差错率",
        "≤1%",
        "0.5%",
        10,
        10,
        "",
        "",
        "",
        "时效指标",
        "免费开放时长",
        "≥42小时/周",
        "42小时/周",
        10,
        10,
    ],
    [
        "",
        "",
        "时效指标",
        "每周开放时长",
        "≥56小时",
        "56小时",
        10,
        10,
        "",
        "",
        "效益指标",
        "社会效益指标",
        "群众文化活动参与人次",
        "≥3万人次",
        "3.2万人次",
        20,
        20,
    ],
    [
        "",
        "效益指标",
        "社会效益指标",
        "全民阅读氛围",
        "明显提升",
        "明显提升",
        20,
        20,
        "",
        "",
        "",
        "可持续影响指标",
        "免费开放长效机制",
        "长期运行",
        "长期运行",
        10,
        10,
    ],
    [
        "",
        "",
        "可持续影响指标",
        "免费开放机制",
        "长期运行",
        "长期运行",
        10,
        10,
        "",
        "",
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "≥90%",
        "95%",
        10,
        10,
    ],
    [
        "",
        "满意度指标",
        "服务对象满意度指标",
        "读者满意度",
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
        99.5,
    ],
    [
        "总分",
        "",
        "",
        "",
        "",
        "",
        100,
        100,
        "",
        "注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。2.其他资金包括与财政拨款共同投入项目的单位自筹资金、社会资金，以及以前年度的结转结余资金等。3.定量指标得分=实际完成值/年度指标值×分值（反向指标为年度指标值/实际完成值×分值），不超过分值；定性指标按达成、部分达成、未达成分档计分。",
    ],
    [
        "注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。2.其他资金包括与财政拨款共同投入项目的单位自筹资金、社会资金，以及以前年度的结转结余资金等。3.定量指标得分=实际完成值/年度指标值×分值（反向指标为年度指标值/实际完成值×分值），不超过分值；定性指标按达成、部分达成、未达成分档计分。"
    ],
]
PAIR_MERGED: list[str] = [
    "A10:A11",
    "A12:A19",
    "A1:I1",
    "A20:F20",
    "A21:I21",
    "A2:I2",
    "A5:A9",
    "B10:E10",
    "B11:E11",
    "B13:B16",
    "B17:B18",
    "B3:I3",
    "B4:D4",
    "B5:C5",
    "B6:C6",
    "B7:C7",
    "B8:C8",
    "B9:C9",
    "C13:C14",
    "E4:F4",
    "F10:I10",
    "F11:I11",
    "G4:I4",
    "J10:J11",
    "J12:J18",
    "J19:O19",
    "J1:R1",
    "J20:R20",
    "J2:R2",
    "J5:J9",
    "K10:N10",
    "K11:N11",
    "K13:K15",
    "K16:K17",
    "K3:R3",
    "K4:M4",
    "K5:L5",
    "K6:L6",
    "K7:L7",
    "K8:L8",
    "K9:L9",
    "N4:O4",
    "O10:R10",
    "O11:R11",
    "P4:R4",
]


def test_two_forms_side_by_side_with_no_column_between(tmp_path: Path) -> None:
    # left: 5.4 of ≥ 6 万人次 → 20 × 0.9 = 18, typed 20; right: 28.5 ÷ 30 = 95 % → 9.5, Σ 90 + 9.5 = 99.5 as typed
    # (before: read as one form — the left's funds, the right's indicators, a total of 199.5 — and the 18 missed)
    result = book(tmp_path, [(PAIR, PAIR_MERGED)], rules="auto", names=["Sheet1"])
    assert sorted(i.total for i in result.instances if i.total is not None) == [98.0, 99.5]  # left: 100 − 2
    said = [(f.cell, f.code.value, f.computed) for f in result.flags if f.severity != "info"]
    assert said == [("H13", "score-mismatch", 18.0)]


def test_a_base_data_form_going_on_on_a_second_sheet(tmp_path: Path) -> None:
    # round 114: 附件4's last five blocks (结转结余 … 内部控制) on a sheet "附件4（续）" of their own; 附件5 as above.
    # Correct as it stands; with the 三公 spent raised to 16.38 of 15.60 (105.00 %), 8 − 5 × 1 = 3, not the 8 typed
    # (before: the five blocks were "not found", and the 3 missed)
    names = ["附件4", "附件4（续）", "附件5", "附件5（续）"]
    fj5 = [(FJ5, FJ5_MERGED), (FJ5_REST, FJ5_REST_MERGED)]
    first = [m for m in FJ4_MERGED if int(m.split(":")[1][1:]) <= 12]
    rest = [f"A{int(m.split(':')[0][1:]) - 12}:A{int(m.split(':')[1][1:]) - 12}" for m in FJ4_MERGED if m[0] == "A"]
    rest = [m for m in rest if int(m.split(":")[0][1:]) > 0]
    result = book(tmp_path, [(FJ4[:12], first), (FJ4[12:], rest), *fj5], rules="auto", names=names)
    assert [f for f in result.flags if f.severity != "info"] == []
    spent = [[*row[:2], 16.38, "105.00%"] if i == 3 else row for i, row in enumerate(FJ4[12:])]
    flagged = book(tmp_path, [(FJ4[:12], first), (spent, rest), *fj5], name="w.xlsx", rules="auto", names=names)
    said = [(f.sheet, f.cell, f.code.value, f.computed) for f in flagged.flags if f.severity != "info"]
    assert said == [("附件5", "I10", "score-mismatch", 3.0)]


NAMES = ["附件4", "附件5", "附件5（续）"]


def test_a_group_going_on_over_the_page_break(tmp_path: Path) -> None:
    # round 115: the page break inside 过程 / 预算管理 — 三公经费控制率 on the first sheet, 管理制度健全性 …
    # 预决算信息公开性 on the second with their group cells blank: one group each, 5+5+5+5+7+8+8+5+2 = 50 and
    # 7+8+8+5+2 = 30 (before: counted per sheet, "「过程」印 50，之和 35")
    rest = [*FJ5[10:], *FJ5_REST]
    merged = ["A10:E10", "A11:E11"]
    result = book(tmp_path, [(FJ4, FJ4_MERGED), (FJ5[:10], FJ5_MERGED), (rest, merged)], rules="auto", names=NAMES)
    assert [f for f in result.flags if f.severity != "info"] == [] and result.total == 93.8


def test_the_total_alone_past_the_page_break(tmp_path: Path) -> None:
    # round 115: every row on the first sheet, the 合计 and 等级 alone on the second: 95 typed over scores adding to
    # 93.8 (before: the 合计 was not read at all)
    first = [*FJ5, *FJ5_REST[:6]]
    rest = [[*FJ5_REST[6][:8], 95], FJ5_REST[7]]
    sheets = [(FJ4, FJ4_MERGED), (first, FJ5_MERGED), (rest, ["A1:E1", "A2:E2"])]
    result = book(tmp_path, sheets, rules="auto", names=NAMES)
    said = [(f.sheet, f.cell, f.code.value, f.computed) for f in result.flags if f.severity != "info"]
    assert said == [("附件5（续）", "I1", "sum-mismatch", 93.8)]


# round 115's books (national form by 棠溪镇, http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2; 湖北's
# 部门整体 form, http://gat.hubei.gov.cn/zfxxgk/fdzdgknr/czzj/czzxzj/202008/t20200824_2832170.shtml), figures composed
LEVELS_CUT: list[list[object]] = [
    ["项目支出绩效自评表"],
    ["（2023年度）"],
    ["项目名称", "农村公路安全生命防护工程"],
    ["主管部门", "××县交通运输局", "", "", "实施单位", "", "××县公路建设养护中心"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额：", 300, 320, 304, 10, "95.00%", 9.5],
    ["", "其中：当年财政拨款", 300, 320, 304, "—", "—", "—"],
    ["", "上年结转资金", "", "", "", "—", "—", "—"],
    ["", "其他资金", "", "", "", "—", "—", "—"],
    ["年度总体目标", "预期目标", "", "", "", "实际完成情况"],
    ["", "按计划完成年度建设任务。", "", "", "", "基本完成年度建设任务。"],
    ["绩效指标", "一级", "二级", "三级", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "指标", "指标", "指标"],
    ["", "产出指标", "数量指标", "安装波形护栏", "≥45公里", "45公里", 15, 15],
    ["", "", "", "增设警示标志", "≥300块", "312块", 10, 10],
    ["", "", "质量指标", "工程验收合格率", "100%", "100%", 10, 10],
    ["", "", "时效指标", "项目按期完工率", "100%", "100%", 5, 5],
    ["", "", "成本指标", "每公里护栏造价", "≤5.6万元", "5.5万元", 10, 10],
    [
        "",
        "效益指标",
        "社会效益指标",
        "农村公路交通事故下降率",
        "≥10%",
        "8%",
        15,
        12,
        "部分路段安装时间晚，效果尚未完全显现",
    ],
    ["", "", "可持续影响指标", "防护设施使用年限", "≥10年", "10年", 15, 15],
    ["", "满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%", 10, 10],
    ["总分", "", "", "", "", "", 100, 96.5],
    [
        "注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。2.定量指标：完成值达到指标值，记满分；未达到指标值，正向指标按B/A、反向指标按A/B×该指标分值记分。3.定性指标根据指标完成情况分为：达成预期指标、部分达成预期指标并具有一定效果、未达成预期指标且效果较差三档，分别按照该指标对应分值区间100-80%（含80%）、80-50%（含50%）、50-0%合理确定分值。"
    ],
]
LEVELS_CUT_MERGED: list[str] = [
    "A10:A11",
    "A12:A21",
    "A1:I1",
    "A22:F22",
    "A23:I23",
    "A2:I2",
    "A5:B5",
    "A6:A9",
    "B10:E10",
    "B11:E11",
    "B14:B18",
    "B19:B20",
    "B3:I3",
    "B4:D4",
    "C14:C15",
    "E4:F4",
    "F10:I10",
    "F11:I11",
    "G4:I4",
]
WORDS_CUT: list[list[object]] = [
    ["项目支出绩效自评表"],
    ["（2023年度）"],
    ["项目名称", "中小学校园安全监控改造"],
    ["主管部门", "××县教育局", "", "", "实施单位", "", "××县教育技术装备中心"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额：", 180, 200, 186, 10, "93.00%", 9.3],
    ["", "其中：当年财政拨款", 180, 200, 186, "—", "—", "—"],
    ["", "上年结转资金", "", "", "", "—", "—", "—"],
    ["", "其他资金", "", "", "", "—", "—", "—"],
    ["年度总体目标", "预期目标", "", "", "", "实际完成情况"],
    ["", "按计划完成年度建设任务。", "", "", "", "基本完成年度建设任务。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度", "实际完成值", "分值", "得分", "偏差原因"],
    ["", "", "", "", "指标值", "", "", "", "分析及改进措施"],
    ["", "产出指标", "数量指标", "改造学校数", "≥40所", "36所", 20, 20],
    ["", "", "质量指标", "设备验收合格率", "100%", "100%", 10, 10],
    ["", "", "时效指标", "项目完成及时率", "100%", "100%", 10, 10],
    ["", "", "成本指标", "单校改造成本", "≤5万元", "4.8万元", 10, 10],
    ["", "效益指标", "社会效益指标", "校园安全事件处置效率", "明显提升", "明显提升", 15, 15],
    ["", "", "可持续影响指标", "监控设备使用年限", "≥8年", "8年", 15, 15],
    ["", "满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "93%", 10, 10],
    ["总分", "", "", "", "", "", 100, 99.3],
    [
        "注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。2.定量指标：完成值达到指标值，记满分；未达到指标值，正向指标按B/A、反向指标按A/B×该指标分值记分。3.定性指标根据指标完成情况分为：达成预期指标、部分达成预期指标并具有一定效果、未达成预期指标且效果较差三档，分别按照该指标对应分值区间100-80%（含80%）、80-50%（含50%）、50-0%合理确定分值。"
    ],
]
WORDS_CUT_MERGED: list[str] = [
    "A10:A11",
    "A12:A20",
    "A1:I1",
    "A21:F21",
    "A22:I22",
    "A2:I2",
    "A5:B5",
    "A6:A9",
    "B10:E10",
    "B11:E11",
    "B14:B17",
    "B18:B19",
    "B3:I3",
    "B4:D4",
    "E4:F4",
    "F10:I10",
    "F11:I11",
    "G4:I4",
]
NO_YEAR: list[list[object]] = [
    ["湖北省部门整体支出绩效自评表"],
    ["填报单位（盖章）：××县市场监督管理局", "", "", "", "", "", "自评得分：", 96],
    ["一级指标", "二级指标", "三级指标", "分值", "指标说明", "评分标准", "完成值", "自评得分", "扣分说明"],
    [
        "预算执行（30分）",
        "预算执行",
        "预算执行率",
        10,
        "预算执行率=实际支出/调整后预算×100%。",
        "执行率≥95%得满分；每低1个百分点扣0.5分，扣完为止。",
        "94%",
        9.5,
        "全年调整后预算2400万元，支出2256万元。",
    ],
    [
        "",
        "",
        "“三公经费”变动率",
        10,
        "“三公经费”变动率=（本年度“三公经费”总额-上年度“三公经费”总额）/上年度“三公经费”总额×100%。",
        "“三公经费”变动率≤0得满分；每超过1个百分点扣0.5分，扣完为止。",
        "/",
        10,
        "“三公经费”总额18.40万元，比上年下降8.00%。",
    ],
    [
        "",
        "",
        "社会公众或服务对象满意度",
        10,
        "社会公众或服务对象对部门履职效果的满意程度。",
        "满意度≥90%得满分；每低1个百分点扣0.5分，扣完为止。",
        "/",
        10,
        "问卷调查400份，满意372份，满意度93.00%。",
    ],
    [
        "履职效能（70分）",
        "履职效能",
        "履职目标完成情况",
        70,
        "",
        "全部完成得满分，否则酌情扣分。",
        "/",
        66.5,
        "1项重点工作延至次年完成",
    ],
    ["合计", "", "", 100, "", "", "", 96],
    [
        "2022年度绩效自评结果应用情况：本部门2022年度整体支出绩效自评总得分92.00分，评价等级为“优”，发现的问题均已整改到位。"
    ],
    ["综合评价：经自评，本部门本年度整体支出绩效自评总得分96.00分，评价等级为“优”。"],
    ["注：评价等级分为优（90分（含）以上）、良（80分（含）-90分）、中（60分（含）-80分）、差（60分以下）。"],
]
NO_YEAR_MERGED: list[str] = ["A10:I10", "A11:I11", "A1:I1", "A2:F2", "A4:A6", "A8:C8", "A9:I9", "B4:B6", "H2:I2"]


def test_only_the_level_words_cut_over_two_rows(tmp_path: Path) -> None:
    # "一级 | 二级 | 三级" over "指标 | 指标 | 指标", the other headers whole: 304 ÷ 320 = 95 % → 9.5; 事故下降率 8
    # of ≥ 10 % → 15 × 0.8 = 12; Σ 87 + 9.5 = 96.5 (before: the second row was an indicator named 指标, two warnings)
    result = book(tmp_path, [(LEVELS_CUT, LEVELS_CUT_MERGED)], rules="auto", names=["Sheet1"])
    assert [f for f in result.flags if f.severity != "info"] == [] and result.total == 96.5


def test_two_header_words_cut_over_two_rows(tmp_path: Path) -> None:
    # "年度 / 指标值" and "偏差原因 / 分析及改进措施": 改造学校数 36 of ≥ 40 所 → 20 × 0.9 = 18, typed 20 (before: no
    # target read, and the 20 stood)
    result = book(tmp_path, [(WORDS_CUT, WORDS_CUT_MERGED)], rules="auto", names=["Sheet1"])
    said = [(f.cell, f.code.value, f.computed) for f in result.flags if f.severity == "error"]
    assert ("H14", "score-mismatch", 18.0) in said


def test_this_years_total_said_as_the_year_no_title_names(tmp_path: Path) -> None:
    # "本部门本年度…自评总得分96.00分" under "本部门2022年度…92.00分", the title naming no year: 96 is this year's
    # (before: 2022, the latest year named, was taken for the year evaluated)
    result = book(tmp_path, [(NO_YEAR, NO_YEAR_MERGED)], rules="auto", names=["部门整体支出绩效自评表"])
    assert [f for f in result.flags if f.severity != "info"] == []


def test_another_years_whole_copy_after_a_short_base_data_form(tmp_path: Path) -> None:
    # the second review: the year's 附件4 leaves out 三公控制 and 政府采购; last year's whole copy after it (三公 spent
    # 16.38 of 15.60) is no 续表 of it: 8 typed for 三公经费控制率 is not judged on last year's figures
    short = [row for i, row in enumerate(FJ4) if i not in (14, 15, 16, 17)]
    merged = [m for m in FJ4_MERGED if m not in ("A15:A16", "A17:A18")]
    merged = [
        f"A{int(m[1:].split(':')[0]) - 4}:A{int(m.split(':A')[1]) - 4}" if int(m[1:].split(":")[0]) > 18 else m
        for m in merged
    ]
    old = [[*row[:2], 16.38, "105.00%"] if i == 15 else row for i, row in enumerate(FJ4)]
    sheets = [(short, merged), (old, FJ4_MERGED), (FJ5, FJ5_MERGED), (FJ5_REST, FJ5_REST_MERGED)]
    result = book(tmp_path, sheets, rules="auto", names=["附件4", "附件4(2022年)", "附件5", "附件5（续）"])
    assert not [f for f in result.flags if f.severity == "error"], [f.message for f in result.flags]


def test_a_score_table_over_three_sheets(tmp_path: Path) -> None:
    # round 116: 附件5 going on on 续一 and 续二, a group broken on each: 93.8 as typed, 优 (before: only 续一 was
    # joined, and cells of the same address on two sheets were counted once: 过程 "50 ≠ 43")
    sheets = [
        (FJ4, FJ4_MERGED),
        (FJ5[:10], FJ5_MERGED),
        ([*FJ5[10:], *FJ5_REST[:3]], []),
        (FJ5_REST[3:], ["A4:E4", "A5:E5"]),
    ]
    names = ["附件4", "附件5", "附件5（续一）", "附件5（续二）"]
    result = book(tmp_path, sheets, rules="auto", names=names)
    assert [f for f in result.flags if f.severity != "info"] == [] and result.total == 93.8
    wrong = [*sheets[:3], ([*FJ5_REST[3:6], [*FJ5_REST[6][:8], 95], FJ5_REST[7]], ["A4:E4", "A5:E5"])]
    flagged = book(tmp_path, wrong, name="w.xlsx", rules="auto", names=names)
    said = [(f.sheet, f.cell, f.code.value) for f in flagged.flags if f.severity != "info"]
    assert said == [("附件5（续二）", "I4", "sum-mismatch")]
