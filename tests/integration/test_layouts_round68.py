"""Round 68 of second readers (湖南 department forms): a 附件5 whose 一级 groups are heading rows merged over 序号 and
the names, carrying the group's 分值 and the Σ of its scores ("一、投入（15分） | 15 | … | 15", 永州); a 附件4 printed
one block a row, each label's value right of it ("内部控制制度完成情况 | 预算业务管理 | 是 | 收支业务管理 | 是 …",
岳阳). Every figure is worked by hand.

Layouts: 永州 and 岳阳 部门整体支出绩效评价 附件4/附件5 as a second reader saw them (岳阳 城管 2018,
http://www.yueyang.gov.cn/cgj/9886/9901/content_1560779.html; 参考样表 standards, https://m.zixin.com.cn/doc/6659419.html).
The units and every figure are this test's own."""

from __future__ import annotations

from pathlib import Path

from corpus.grid import save
from test_layouts_round65 import _grid

from perfxl.pipeline import score_paths
from perfxl.report.results import FileResult
from perfxl.rules.auto import auto_rules

Rows = list[list[object]]
Sheets = list[tuple[str, Rows, list[str]]]

YONGZHOU: Sheets = [
    (
        "附件4",
        [
            ["附件4  2022年度部门整体支出绩效评价基础数据表", None, None, None, None, None, None],
            ["预算单位名称：永州市冷水滩区人力资源和社会保障局", None, None, None, None, "金额单位：万元", None],
            [None, None, None, None, None, None, None],
            ["财政供养人员情况", "编制人数", "实际在职人数", "变动数", None, None, None],
            [None, 62, 60, 2, None, None, None],
            ["“三公经费”变动情况", "上年预算数", "本年预算数", "变动率", None, None, None],
            [None, 24, 22.8, "-5.00%", None, None, None],
            ["项目支出安排情况", "项目支出预算总额", "实际项目支出总额", "执行率", None, None, None],
            [None, 1580, 1532.6, "97.00%", None, None, None],
            ["预算完成情况", "预算总额", "决算总额", "执行率", None, None, None],
            [None, 3350, 3254, "97.13%", None, None, None],
            ["预算调整情况", "年初预算数", "年中预算调整", "调整率", None, None, None],
            [None, 2900, 300, "10.34%", None, None, None],
            ["结转结余变动情况", "上年结转结余总额", "本年结转结余总额", "变动率", None, None, None],
            [None, 150, 96, "-36.00%", None, None, None],
            ["“三公经费”控制情况", "“三公经费”预算数", "“三公经费”实际支出", "控制率", None, None, None],
            [None, 22.8, 23.94, "105.00%", None, None, None],
            ["政府采购执行情况", "政府采购预算数", "实际政府采购金额", "执行率", None, None, None],
            [None, 260, 247, "95.00%", None, None, None],
            ["固定资产使用情况", "固定资产总额", "实际在用固定资产总额", "利用率", None, None, None],
            [None, 2100, 2058, "98.00%", None, None, None],
            [
                "内部控制制度完成情况(是/否)",
                "预算业务管理",
                "收支业务管理",
                "政府采购业务",
                "国有资产业务管理",
                "建设项目业务管理",
                "合同业务管理",
            ],
            [None, "是", "是", "是", "是", "否", "是"],
        ],
        [
            "A10:A11",
            "A12:A13",
            "A14:A15",
            "A16:A17",
            "A18:A19",
            "A1:G1",
            "A20:A21",
            "A22:A23",
            "A2:D2",
            "A4:A5",
            "A6:A7",
            "A8:A9",
            "F2:G2",
        ],
    ),
    (
        "附件5",
        [
            ["附件5  2022年度部门整体支出绩效自评指标计分表", None, None, None, None, None, None],
            ["单位名称：永州市冷水滩区人力资源和社会保障局", None, None, None, None, None, None],
            ["序号", "二级指标", "三级指标", "分值", "评价标准", "指标说明", "得分"],
            ["一、投入（15分）", None, None, 15, None, None, 15],
            [
                1,
                "预算配置（15分）",
                "在职人员控制率",
                7,
                ("以100%为标准。在职人员控制率≤100%，计7分；每超过一个百分点扣0.2分，扣完为止。"),
                (
                    "在职人员控制率=（实际在职人数/编制人数）×100%。实际在职人数以部门"
                    "决算编制口径为准；编制人数为机构编制部门核定批复的人员编制数。"
                ),
                7,
            ],
            [
                2,
                None,
                "三公经费变动率",
                8,
                ("“三公经费”变动率≤0，计8分；“三公经费”变动率>0，每超过一个百分点扣0.8分，扣完为止。"),
                ("“三公经费”变动率=[（本年预算数-上年预算数）/上年预算数]×100%。"),
                8,
            ],
            ["二、过程（50分）", None, None, 50, None, None, 43],
            [
                3,
                "预算执行（20分）",
                "预算完成率",
                5,
                ("预算完成率=100%，计5分；每低于5个百分点扣2分（不足5个百分点不扣分），扣完为止。"),
                (
                    "预算完成率=（上年结转结余总额+年初预算数+年中预算调整-本年结转结余总"
                    "额）/（上年结转结余总额+年初预算数+年中预算调整）×100%。"
                ),
                5,
            ],
            [
                4,
                None,
                "预算控制率",
                5,
                (
                    "预算控制率=0，计5分；0<预算控制率≤10%，计4分；10%<预算控制"
                    "率≤20%，计3分；20%<预算控制率≤30%，计2分；预算控制率>30"
                    "%，不得分。"
                ),
                "预算控制率=（年中预算调整/年初预算数）×100%。",
                3,
            ],
            [
                5,
                None,
                "新建楼堂馆所面积控制率",
                5,
                (
                    "控制率≤100%，计5分；每超过5个百分点扣2分（不足5个百分点不扣分）"
                    "，扣完为止；本年度无新建楼堂馆所项目的计满分。"
                ),
                "新建楼堂馆所面积控制率=（实际建设面积/批准建设面积）×100%。",
                5,
            ],
            [
                6,
                None,
                "新建楼堂馆所投资概算控制率",
                5,
                (
                    "控制率≤100%，计5分；每超过5个百分点扣2分（不足5个百分点不扣分）"
                    "，扣完为止；本年度无新建楼堂馆所项目的计满分。"
                ),
                "新建楼堂馆所投资概算控制率=（实际投资金额/批准投资金额）×100%。",
                5,
            ],
            [
                7,
                "预算管理（30分）",
                "公用经费控制率",
                7,
                "公用经费控制率≤100%，计7分；每超过一个百分点扣1分，扣完为止。",
                ("公用经费控制率=（实际支出公用经费总额/预算安排公用经费总额）×100%。"),
                7,
            ],
            [
                8,
                None,
                "三公经费控制率",
                8,
                "“三公经费”控制率≤100%，计8分；每超过一个百分点扣1分，扣完为止。",
                ("“三公经费”控制率=（“三公经费”实际支出/“三公经费”预算数）×100%。"),
                3,
            ],
            [
                9,
                None,
                "管理制度健全性",
                8,
                (
                    "①已制定或具有预算资金管理办法、内部财务管理制度、会计核算制度等管理制度"
                    "；②相关管理制度合法、合规、完整；③相关管理制度得到有效执行；④内部控制"
                    "制度健全。每项2分，不符合要求的扣2分。"
                ),
                None,
                8,
            ],
            [
                10,
                None,
                "资金使用合规性",
                5,
                (
                    "①符合国家财经法规和财务管理制度；②资金拨付有完整的审批程序和手续；③项"
                    "目支出按规定经过评估论证；④符合部门预算批复的用途；⑤无截留、挤占、挪用"
                    "、虚列支出等情况。每出现一例不符合要求的扣1分，扣完为止。"
                ),
                None,
                5,
            ],
            [
                11,
                None,
                "预决算信息公开性",
                2,
                "按规定内容公开预决算信息，计1分；按规定时限公开预决算信息，计1分。",
                None,
                2,
            ],
            ["三、产出及效率（35分）", None, None, 35, None, None, 33.5],
            [
                12,
                "职责履行（8分）",
                "目标任务实际完成率",
                8,
                "按年度综合目标管理考核得分折算：得分=考核得分/总分×8。",
                None,
                8,
            ],
            [13, "履职效益（15分）", "经济效益", 5, "根据部门履职取得的经济效益综合评定。", None, 5],
            [14, None, "社会效益", 5, "根据部门履职取得的社会效益综合评定。", None, 5],
            [15, None, "生态效益", 5, "根据部门履职取得的生态效益综合评定。", None, 4],
            [16, "行政效能及满意度（12分）", "行政效能", 6, "行政效能较好计6分，一般计3分，无效果不得分。", None, 6],
            [
                17,
                None,
                "社会公众或服务对象满意度",
                6,
                ("满意度≥90%，计6分；80%（含）-90%，计4分；70%（含）-80%，计2分；低于70%不得分。"),
                None,
                5.5,
            ],
            ["合计", None, None, 100, None, None, 91.5],
            ["评价等级", None, None, None, None, None, "优"],
        ],
        [
            "A17:C17",
            "A1:G1",
            "A24:C24",
            "A25:C25",
            "A2:G2",
            "A4:C4",
            "A7:C7",
            "B12:B16",
            "B19:B21",
            "B22:B23",
            "B5:B6",
            "B8:B11",
            "D25:F25",
            "E17:F17",
            "E24:F24",
            "E4:F4",
            "E7:F7",
        ],
    ),
]

YUEYANG: Sheets = [
    (
        "基础数据表",
        [
            ["部门整体支出绩效评价基础数据表", None, None, None, None, None, None, None, None, None, None, None, None],
            [
                "单位名称：岳阳市君山区住房和城乡建设局",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "金额单位：万元",
                None,
                None,
            ],
            ["财政供养人员情况", "编制人数", 52, "实际在职人数", 55, "变动数", -3, None, None, None, None, None, None],
            [
                "“三公经费”变动情况",
                "上年预算数",
                18,
                "本年预算数",
                17.1,
                "变动率",
                -0.05,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            [
                "重点支出安排情况",
                "重点项目支出",
                612,
                "项目支出总额",
                720,
                "安排率",
                0.85,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            [
                "项目支出安排情况",
                "项目支出预算总额",
                720,
                "实际项目支出总额",
                690,
                "执行率",
                0.9583,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            [
                "预算完成情况",
                "预算总额",
                2746,
                "决算总额",
                2627.7,
                "执行率",
                0.9569,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            [
                "预算调整情况",
                "年初预算数",
                2400,
                "年中预算调整",
                216,
                "调整率",
                0.09,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            [
                "结转结余变动情况",
                "上年结转结余总额",
                130,
                "本年结转结余总额",
                118.3,
                "变动率",
                -0.09,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            [
                "“三公经费”控制情况",
                "“三公经费”预算数",
                17.1,
                "“三公经费”实际支出",
                16.59,
                "控制率",
                0.9702,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            [
                "政府采购执行情况",
                "政府采购预算数",
                150,
                "实际政府采购金额",
                141,
                "执行率",
                0.94,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            [
                "固定资产使用情况",
                "固定资产总额",
                2600,
                "实际在用固定资产总额",
                2418,
                "利用率",
                0.93,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            [
                "内部控制制度完成情况(是/否)",
                "预算业务管理",
                "是",
                "收支业务管理",
                "是",
                "政府采购业务",
                "是",
                "国有资产业务管理",
                "是",
                "建设项目业务管理",
                "是",
                "合同业务管理",
                "是",
            ],
        ],
        ["A1:M1", "A2:F2", "K2:M2"],
    ),
    (
        "评分表",
        [
            ["部门整体支出绩效评价评分表", None, None, None, None, None, None],
            ["单位名称：岳阳市君山区住房和城乡建设局（2022年度）", None, None, None, None, None, None],
            ["一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分", "扣分原因和其他说明"],
            [
                "投入（15分）",
                "预算配置（15分）",
                "财政供养人员控制率",
                ("以100%为标准。在职人员控制率≤100%，计5分；每超过一个百分点扣0.5分，扣完为止。"),
                5,
                2.12,
                "在职55人，编制52人，超编",
            ],
            [
                None,
                None,
                "“三公经费”变动率",
                ("“三公经费”变动率≤0，计5分；“三公经费”变动率>0，每超过一个百分点扣0.5分，扣完为止。"),
                5,
                5,
                None,
            ],
            [
                None,
                None,
                "重点支出安排率",
                (
                    "重点支出安排率≥90%，计5分；80%（含）-90%，计4分；70%（含"
                    "）-80%，计3分；60%（含）-70%，计2分；低于60%不得分。"
                ),
                5,
                4,
                None,
            ],
            [
                "过程（40分）",
                "预算执行（15分）",
                "预算调整率",
                (
                    "预算调整率=0，计3分；0-10%（含），计2分；10-20%（含），计"
                    "1分；20-30%（含），计0.5分；大于30%不得分。"
                ),
                3,
                2,
                None,
            ],
            [
                None,
                None,
                "支付进度",
                (
                    "春节前下达全部专项资金的50%；6月底前所有专项资金指标全部下达完。每出"
                    "现一个专项未按进度完成资金下达扣0.5分，扣完为止。"
                ),
                3,
                3,
                None,
            ],
            [
                None,
                None,
                "资金结余",
                "无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。",
                3,
                2,
                None,
            ],
            [
                None,
                None,
                "“三公经费”控制率",
                ("以100%为标准。三公经费控制率≤100%，计6分；每超过一个百分点扣1分，扣完为止。"),
                6,
                6,
                None,
            ],
            [
                None,
                "预算管理（15分）",
                "管理制度健全性",
                (
                    "已制定或具有预算资金管理办法，内部财务管理制度、会计核算制度等管理制度，"
                    "1分；相关管理制度合法、合规、完整，1分；相关管理制度得到有效执行，1分"
                    "。"
                ),
                3,
                3,
                None,
            ],
            [
                None,
                None,
                "资金使用合规性",
                (
                    "支出符合国家财经法规和财务管理制度规定；资金拨付有完整的审批程序和手续；"
                    "支出符合部门预算批复的用途；资金使用无截留、挤占、挪用、虚列支出等情况。"
                    "以上情况每出现一例不符合要求的扣1分，扣完为止。"
                ),
                3,
                3,
                None,
            ],
            [
                None,
                None,
                "预决算信息公开性和完善性",
                (
                    "按规定内容公开预决算信息，1分；按规定时限公开预决算信息，1分；基础数据"
                    "信息和会计信息资料真实、完整、准确，1分。"
                ),
                3,
                3,
                None,
            ],
            [
                None,
                None,
                "政府采购执行率",
                "政府采购执行率≥95%，计3分；每低一个百分点扣0.2分，扣完为止。",
                3,
                2.8,
                "政府采购执行率94%",
            ],
            [
                None,
                None,
                "结转结余变动率",
                "结转结余变动率≤0，计3分；结转结余变动率>0，每超过一个百分点扣0.1分，扣完为止。",
                3,
                3,
                None,
            ],
            [
                None,
                "资产管理（10分）",
                "资产管理安全性",
                "资产保存完整、使用合规、配置合理、处置规范、收入及时足额上缴，每项1分。",
                5,
                5,
                None,
            ],
            [None, None, "固定资产利用率", "固定资产利用率≥95%，计5分；每低一个百分点扣0.5分，扣完为止。", 5, 4, None],
            [
                "产出及效果（45分）",
                "职责履行（25分）",
                "实际完成率",
                "实际完成率=100%，计10分；每低一个百分点扣0.5分，扣完为止。",
                10,
                9.5,
                None,
            ],
            [None, None, "完成及时率", "按时完成计5分，每延迟一项扣1分，扣完为止。", 5, 5, None],
            [None, None, "质量达标率", "质量达标计5分，每出现一项不达标扣1分，扣完为止。", 5, 5, None],
            [None, None, "重点工作办结率", "重点工作全部办结计5分，每有一项未办结扣0.5分，扣完为止。", 5, 4.5, None],
            [None, "履职效益（20分）", "社会效益", "根据部门履职对社会发展的促进作用综合评定。", 10, 9, None],
            [
                None,
                None,
                "服务对象满意度",
                ("满意度≥95%，计10分；90%（含）-95%，计8分；80%（含）-90%，计6分；低于80%不得分。"),
                10,
                8,
                "问卷满意度93%",
            ],
            ["总分", None, None, None, 100, 88.92, None],
            ["评价等级", None, None, None, None, "良", None],
        ],
        [
            "A18:A23",
            "A1:G1",
            "A24:D24",
            "A25:D25",
            "A2:G2",
            "A4:A6",
            "A7:A17",
            "B11:B15",
            "B16:B17",
            "B18:B21",
            "B22:B23",
            "B4:B6",
            "B7:B10",
        ],
    ),
]


def _score(tmp_path: Path, sheets: Sheets, name: str = "t.xlsx") -> FileResult:
    grids = [_grid(title, rows, merges) for title, rows, merges in sheets]
    return score_paths([save(grids, tmp_path / name)], auto_rules()).files[0]


def _said(result: FileResult) -> dict[str, str]:
    return {f"{f.sheet}!{f.cell}": f.code.value for f in result.flags if f.severity in ("error", "warning") and f.cell}


def test_group_heading_rows_over_the_names(tmp_path: Path) -> None:
    # "一、投入（15分） | 15 | 15", "二、过程（50分） | 50 | 43", "三、产出及效率（35分） | 35 | 33.5": groups, not
    # indicators — 分值 15 + 50 + 35 = 100, 得分 15 + 43 + 33.5 = 91.5, as the 合计 prints (before: Σ 200 and 183)
    result = _score(tmp_path, YONGZHOU)
    assert not [cell for cell, code in _said(result).items() if code == "sum-mismatch"]
    assert result.total == 91.5
    # 过程's heading typed 44: its rows 5 + 3 + 5 + 5 + 7 + 3 + 8 + 5 + 2 = 43
    sheets = [(title, [list(row) for row in rows], merges) for title, rows, merges in YONGZHOU]
    sheets[1][1][6][6] = 44
    assert _said(_score(tmp_path, sheets, "wrong.xlsx")).get("附件5!G7") == "sum-mismatch"


def test_a_block_a_row_its_values_right_of_its_labels(tmp_path: Path) -> None:
    # "内部控制制度完成情况 | 预算业务管理 | 是 | …": each 是 right of its label, the row below blank (before: six
    # "未填写" warnings at the labels)
    assert not [
        cell for cell in _said(_score(tmp_path, YUEYANG)) if cell.startswith("基础数据表!") and cell[-2:] == "14"
    ]


def test_a_group_name_merged_down_its_rows_is_no_heading(tmp_path: Path) -> None:
    # "一、投入" merged over 序号 and 一级指标 down its two rows (A4:B5): its rows are indicators, the first too — 分值
    # 7 + 8 + 20 + 15 + 15 + 20 + 15 = 100 and 得分 7 + 8 + 18 + 15 + 15 + 20 + 15 = 98, as printed (a review found
    # the first row of each group read as its heading: Σ 53)
    rows: Rows = [
        ["附件5  2022年度部门整体支出绩效自评指标计分表", None, None, None, None, None, None],
        ["单位名称：某局", None, None, None, None, None, None],
        ["序号", "一级指标", "二级指标", "三级指标", "分值", "评价标准", "得分"],
        ["一、投入", None, "预算配置", "在职人员控制率", 7, None, 7],
        [None, None, None, "三公经费变动率", 8, None, 8],
        ["二、过程", None, "预算执行", "预算完成率", 20, None, 18],
        [None, None, None, "预算控制率", 15, None, 15],
        [None, None, None, "公用经费控制率", 15, None, 15],
        ["三、产出及效益", None, "职责履行", "目标任务实际完成率", 20, None, 20],
        [None, None, "满意度", "服务对象满意度", 15, None, 15],
        ["合计", None, None, None, 100, None, 98],
    ]
    merges = ["A1:G1", "A2:G2", "A4:B5", "A6:B8", "A9:B10", "C4:C5", "C6:C8", "A11:D11"]
    result = _score(tmp_path, [("附件5", rows, merges)])
    assert not [code for code in _said(result).values() if code == "sum-mismatch"] and result.total == 98


def test_headings_merged_across_the_target_columns(tmp_path: Path) -> None:
    # round 69: the same headings merged A:F, over 分值 and the 评价标准 too, 得分 left blank: still sections (before:
    # read as rows — "一、投入（15分）未填写得分" and Σ 分值 200)
    base, table = YONGZHOU
    rows = [list(row) for row in table[1]]
    for r in (3, 6, 16):  # 一、投入, 二、过程, 三、产出及效率
        rows[r][3:] = [None, None, None, None]
    gone = ("A4:C4", "A7:C7", "A17:C17", "E4:F4", "E7:F7", "E17:F17")
    merges = [m for m in table[2] if m not in gone] + ["A4:F4", "A7:F7", "A17:F17"]
    result = _score(tmp_path, [base, (table[0], rows, merges)])
    assert not [code for code in _said(result).values() if code in ("sum-mismatch", "missing-value")]
    assert result.total == 91.5


def test_headings_merged_across_the_whole_width(tmp_path: Path) -> None:
    # round 69: the headings merged A:G, 得分 included: the rows under them are read (before: the first heading ended
    # the table as a note across it, and no 附件5 was read)
    base, table = YONGZHOU
    rows = [list(row) for row in table[1]]
    for r in (3, 6, 16):
        rows[r][3:] = [None, None, None, None]
    gone = ("A4:C4", "A7:C7", "A17:C17", "E4:F4", "E7:F7", "E17:F17")
    merges = [m for m in table[2] if m not in gone] + ["A4:G4", "A7:G7", "A17:G17"]
    result = _score(tmp_path, [base, (table[0], rows, merges)])
    assert {"form": "附件5 部门整体支出绩效自评指标计分表", "sheet": "附件5"} in result.forms
    assert result.total == 91.5
