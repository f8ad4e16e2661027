"""Workbooks that reproduce the seeds' tables as published (shared/seeds 001, 003, 004), in several layouts.

Used by samples/make_samples.py and by the tests. Seed 001's 附件4/附件5 (益阳市大通湖区政务中心 2020):

The numbers are the seed's, typed the way the seed shows them ("96.%", "298%", "10%"…). Layouts differ
in where forms start, how blocks are laid out, how labels and weights are written, and what is merged,
so that tests show perfxl finds fields by their labels and not by their addresses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter

# (block title, [(label, value), ...]) in the seed's order and spelling.
BASE_BLOCKS: list[tuple[str, list[tuple[str, Any]]]] = [
    ("财政供养人员情况", [("2020年编制人数", 7), ("2020年\n实际在职人数", 6), ("变动数", 1)]),
    ("“三公经费”变动情况", [("上年预算数", 20), ("本年预算数", 18), ("变动率", "10%")]),
    ("项目支出安排情况", [("项目支出预算总额", 483.59), ("实际项目支出总额", 464.89), ("执行率", "96.13%")]),
    ("预算完成情况", [("2020年预算总额", 593.71), ("2020年决算总额", 578.65), ("执行率", "97%")]),
    ("预算调整情况", [("年初预算数", 149.03), ("年中预算调整", 444.96), ("调整率", "298%")]),
    ("结转结余变动情况", [("上年结转结余总额", 5.35), ("本年结转结余总额", 20.40), ("变动率", "281%")]),
    ("“三公经费”控制情况", [("“三公经费”预算数", 18), ("“三公经费”实际支出", 5.52), ("控制率", "100%")]),
    ("政府采购执行情况", [("政府采购预算数", "397.59 "), ("实际政府采购金额", "378.89 "), ("执行率", "95%")]),
    ("固定资产使用情况", [("固定资产总额", 96.31), ("实际在用固定资产总额", 96.31), ("利用率", "100%")]),
    (
        "内部控制制度完成情况(是/否)",
        [
            ("预算业务管理", None),
            ("收支业务管理", None),
            ("政府采购业务", None),
            ("国有资产业务管理", None),
            ("建设项目业务管理", None),
            ("合同业务管理", None),
        ],
    ),
]

# 附件5 rows: (一级, 一级分值, 二级, 二级分值, 三级, 三级分值, 得分). None = cell left blank / merged.
SCORE_ROWS: list[tuple[Any, ...]] = [
    ("投入", "(15分)", "预算配置", "(15分)", "在职人员控制率", "(7分)", 7),
    (None, None, None, None, "“三公经费”变动率", "(8分)", 8),
    ("过程", "(50分)", "预算执行", "(20分)", "预算完成率", "(5分)", 5),
    (None, None, None, None, "预算控制率", "(5分)", 0),
    (None, None, None, None, "新建楼堂馆所面积控制率", "(5分)", 5),
    (None, None, None, None, "新建楼堂馆所投资概算控制率", "(5分)", 5),
    (None, None, "预算管理", "(30分)", "公用经费控制率", "(7分)", 2),
    (None, None, None, None, "“三公经费”控制率", "(8分)", 8),
    ("", "(50分)", "预算管理", None, "管理制度健全性", "(8分)", 8),  # the seed prints 一级 (50分) twice
    (None, None, None, None, "资金使用合规性", "(5分)", 5),
    (None, None, None, None, "预决算信息公开性", "(2分)", 2),
    ("产出及效率", "(35分)", "职责履行", "(8分)", "目标任务实际完成率", "(8分)", 8),
    (None, None, "履职 效益", "(15分)", "经济效益", "(5人)", 15),  # typo kept; 15 merged over 3 rows
    (None, None, None, None, "社会效益", "(5分)", None),
    (None, None, None, None, "生态效益", "(5分)", None),
    (None, None, "", "(12分)", "行政效能", "(6分)", 6),
    (None, None, None, None, "社会公众或服务对象满意度", "(6分)", 6),
]
SEED_TOTAL = 90


def seed_layout(path: Path, **overrides: Any) -> Path:
    """The seed as published: 附件4 and 附件5 on two sheets, titles merged over label + value rows."""
    blocks = _apply(BASE_BLOCKS, overrides)
    with xlsxwriter.Workbook(str(path)) as book:
        bold = book.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "vcenter"})
        cell = book.add_format({"border": 1})
        sheet = book.add_worksheet("附件4")
        sheet.merge_range(0, 0, 0, 6, "附件4         2020年部门整体支出绩效评价基础数据表", bold)
        row = 1
        for title, fields in blocks:
            sheet.merge_range(row, 0, row + 1, 0, title, bold)
            for col, (label, value) in enumerate(fields, start=1):
                sheet.write(row, col, label, bold)
                if value is None:
                    sheet.write_blank(row + 1, col, None, cell)
                else:
                    sheet.write(row + 1, col, value, cell)
            row += 2
        _score_sheet(
            book,
            book.add_worksheet("附件5"),
            0,
            0,
            overrides.get("scores", {}),
            bold,
            cell,
            overrides.get("total", SEED_TOTAL),
        )
    return path


def shifted_layout(path: Path) -> Path:
    """Both forms in one sheet starting at C4, full-width text, spaces, blank rows, a fraction as a rate."""
    with xlsxwriter.Workbook(str(path)) as book:
        pct = book.add_format({"num_format": "0.00%"})
        sheet = book.add_worksheet("2020年自评")
        sheet.write(0, 0, "填报单位：益阳市大通湖区政务中心")
        sheet.write(1, 2, "部门整体支出绩效评价基础数据表（单位：万元）")
        row = 3
        for title, fields in BASE_BLOCKS:
            sheet.write(row, 2, title.replace("“", '"').replace("”", '"').replace("(", "（").replace(")", "）"))
            for col, (label, value) in enumerate(fields, start=3):
                sheet.write(row, col, label.replace("2020", "２０２０"))
                if value == "96.13%":
                    sheet.write_number(row + 1, col, 0.9613, pct)
                elif isinstance(value, float):
                    sheet.write(row + 1, col, f" {value} ")
                elif value is not None:
                    sheet.write(row + 1, col, value)
            row += 3  # a blank row between blocks
        _score_sheet(book, sheet, row + 2, 2, {}, None, None, SEED_TOTAL)
    return path


def vertical_layout(path: Path) -> Path:
    """Label | value pairs down a column, blocks stacked; 附件5 with weights inside the names."""
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet("基础数据")
        row = 2
        for title, fields in BASE_BLOCKS:
            sheet.write(row, 1, title)
            for label, value in fields:
                row += 1
                sheet.write(row, 1, label)
                if value is not None:
                    sheet.write(row, 2, value)
            row += 1
        scores = book.add_worksheet("计分表")
        scores.write_row(1, 0, ["一级指标", "二级指标", "三级指标(分值)", "评价标准", "得分"])
        r = 2
        for _l1, _w1, _l2, _w2, name, weight, score in SCORE_ROWS:
            scores.write(r, 2, f"{name}（{weight.strip('()')}）")
            if score is not None:
                scores.write(r, 4, score)
            r += 1
        scores.merge_range(14, 4, 16, 4, 15)  # 经济/社会/生态效益 share one score
        scores.write(r, 0, "合  计")
        scores.write(r, 4, SEED_TOTAL)
    return path


def _apply(
    blocks: list[tuple[str, list[tuple[str, Any]]]], overrides: dict[str, Any]
) -> list[tuple[str, list[tuple[str, Any]]]]:
    """Replace values by label: overrides={"变动率": ...} hits the first block with that label."""
    values = overrides.get("values", {})
    out = []
    for title, fields in blocks:
        new = []
        for label, value in fields:
            key = (title, label)
            new.append((label, values.get(key, value)))
        out.append((title, new))
    return out


def _score_sheet(
    book: Any, sheet: Any, top: int, left: int, scores: dict[str, Any], bold: Any, cell: Any, total: Any
) -> None:
    head = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明", "得分"]
    sheet.write(top, left, "附件5      2020年部门整体支出绩效自评指标计分表", bold)
    sheet.write_row(top + 1, left, head, bold)
    for i, (l1, w1, l2, w2, name, weight, score) in enumerate(SCORE_ROWS):
        r = top + 2 + i
        for j, value in enumerate((l1, w1, l2, w2, name, weight)):
            if value is not None:
                sheet.write(r, left + j, value, cell)
        score = scores.get(name, score)
        if name == "经济效益":
            sheet.merge_range(r, left + 8, r + 2, left + 8, score, cell)
        elif name not in ("社会效益", "生态效益"):
            if score is None:
                sheet.write_blank(r, left + 8, None, cell)
            else:
                sheet.write(r, left + 8, score, cell)
    r = top + 2 + len(SCORE_ROWS)
    sheet.write(r, left, "合计", bold)
    if total is not None:
        sheet.write(r, left + 8, total, cell)


# ---------------------------------------------------------------- 自评表 (seed 001 top, 003, 004)

SEED001_FUNDS = [  # 年度预算资金(万元): 年初预算数, 全年预算数, 全年执行数, 执行率 — as published
    ("年度资金总额", 149.03, 599.34, 578.65, "96.%"),
    ("其中:当年财政拨款", 143.86, 593.71, 573.02, "96%"),
    ("上年结转资金", 5.35, 5.35, 5.35, "100%"),
    ("其他资金", None, 0.28, 0.28, "100%"),
]
SEED001_INDICATORS = [  # 一级, 二级, 三级, 年度指标值, 实际完成值, 偏差原因
    ("产生指标", "数量指标", "1、全中心工作人员数量(人)", 17, 16, "1名行政人员调往外地"),
    ("", "", "可直接面向企业和群众的依申请办理政务服务事项和便民服务等事项", "1500项", "1508项", None),
    ("", "质量指标", "固定资产使用率", "100%", "100%", None),
    ("", "时效指标", "资金使用时间", "2021年1月-12月", "2021年1月-12月", None),
    ("", "", "资金拨付时效", "2021年1月-12月", "2020年1月-12月", None),
    ("", "成本指标", "全年基本支出", "76.27万元", 106.19, "新增2名行政人员，基本支出相应增长。"),
    ("", "", "全年项目支出总额", "86万元", "86万元", None),
    ("效益指标", "经济效益指标", "控税联管占入库税收比例", "占入库税收的 33.%;", "占入库税收的 33.%;", None),
    (
        "满意度指标",
        "服务对象满意度指标",
        "促进和加强政务服务与政务公开工作",
        "力争使群众和企业对政务中心满意度达95%以上。",
        "截至目前，全区共接受各类评价12931条，办件评价率98.72%，好评率100%",
        None,
    ),
]


def seed001_self_eval(path: Path) -> Path:
    """Seed 001 as published: the 部门整体支出绩效自评表 (no 分值/得分 columns) and, on other sheets, 附件4/5."""
    import openpyxl

    seed_layout(path)
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("自评表", 0)
    sheet.append(["2020年大通湖区政务中心部门整体支出绩效自评表"])
    sheet.append(["预算单位名称", "益阳市大通湖区政务中心"])
    sheet.append(["年度预算资金(万元)", None, "年初预算数", "全年预算数", "全年执行数", "执行率"])
    for label, initial, annual, executed, rate in SEED001_FUNDS:
        sheet.append([None, label, initial, annual, executed, rate])
    sheet.merge_cells("A3:A7")
    sheet.append(["年度总体目标", "预期目标", None, "实际完成情况"])
    sheet.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析极改进措施"])
    for row in SEED001_INDICATORS:
        sheet.append(list(row))
    book.save(path)
    return path


# Seed 003 附件1 as published: the numeric target typed in 指标性质, the sentences in 年度指标值/实际完成值,
# a 社会效益指标 under the 一级 "质量指标", and 度量单位 "定性" with 指标性质 "优" on one row.
_CQ1 = "指标1:加强一体化政务服务平台运行,推进政务服务事项全部纳入平台上集中动态管理,实现事项覆盖率100%。"
_CQ2 = (
    "指标2:依申请类政务服务事项承诺办结时限压缩比例达70%以上,平均跑动次数达0.3次以下,即办件占比达40%以上,"
    "行政许可“全程网办”占比达70%以上。"
)
_CQ3 = "指标1:推进政务服务“好差评”,实现8个评价渠道全覆盖,差评整改率和差评回访率实现100%。"
_CQ4 = "指标2:做好大厅窗口及其工作人员的日常管理与月考评、年度考核"
_CQ5 = "指标1:做好招商引资工业企业“一对一”行政审批全程免费代办服务工作。"
_CQ6 = "指标2:推进“放管服”改革,与市级同步推进政务服务“跨省通办”“川渝通办”"
_CQ7 = "指标1:继续做好“互联网+督查”平台问题线索核查办理工作,解决群众各类诉求"
_CQ8 = "指标1:编制窗口工作人员服务手册和行为手册,加强窗口服务管理和考核,政务服务满意率达99.99%"
CQ_DEPT_INDICATORS = [  # 一级, 二级, 三级, 度量单位, 指标性质, 年度指标值, 实际完成值, 权重分值, 得分系数, 指标得分
    (
        "产出指标",
        "数量指标",
        _CQ1,
        "%",
        "100",
        _CQ1[4:],
        "强化“渝快办”政务服务平台运行管理,44个区级部门5415项政务服务事项纳入平台集中管理,实现事项覆盖率100%。",
        15,
        "100%",
        15,
    ),
    (
        "",
        "",
        _CQ2,
        "%",
        "≥40",
        _CQ2[4:],
        "依申请类政务服务事项承诺办结时限压缩比例达87.82%,平均跑动次数为0.15次,即办件占比达62.29%,行政许可“全程网办”"
        "占比达85.58%。",
        10,
        "100%",
        10,
    ),
    (
        "",
        "质量指标",
        _CQ3,
        "%",
        "≥98",
        _CQ3[4:],
        "实现8个评价渠道全覆盖,服务渠道覆盖率100%。全区1件差评已回访整改到位,实现差评整改率和差评回访率100%。",
        10,
        "100%",
        10,
    ),
    ("", "", _CQ4, "月", "12", _CQ4[4:], _CQ4[4:], 10, "100%", 10),
    (
        "质量指标",
        "社会效益指标",
        _CQ5,
        "项",
        "≥400",
        _CQ5[4:],
        "全年共为53家企业和16家政府投资项目业主单位免费代办行政审批服务事项215项。",
        10,
        "100%",
        10,
    ),
    ("", "", _CQ6, "定性", "优", _CQ6, _CQ6, 15, "100%", 15),
    (
        "",
        "可持续影响指标",
        _CQ7,
        "%",
        "≥98",
        _CQ7[4:],
        "全年共受理问题线索7394件,截至12月底共办结7354件,办结率99.46%;满意率99.51%,连续数月位居全市前列",
        10,
        "100%",
        10,
    ),
    ("满意度指标", "服务对象满意度指标", _CQ8, "%", "≥98", _CQ8[4:], _CQ8[4:], 10, "100%", 10),
]
CQ_PROJECT1 = (
    "大厅运行及窗口人员午餐补助",
    (586, 586, 572.24, 572.24, 572.24, 572.24),
    [
        (
            "产出指标",
            "数量指标",
            "指标1:确保行政服务中心大厅正常运行",
            "台",
            "≥",
            1000,
            "确保行政服务中心大厅正常运行",
            15,
            "100%",
            15,
        ),
        ("", "", "指标2:解决窗口人员午餐问题", "人", "≥", 120, "解决窗口人员午餐问题", 10, "100%", 10),
        ("", "质量指标", "指标1:为老百姓提供一站式服务", "无", "定性", "优", "为老百姓提供一站式服务", 15, "100%", 15),
        (
            "效益指标",
            "经济效益指标",
            "指标1:减少老百姓办事多头跑现象",
            "无",
            "定性",
            "优",
            "减少老百姓办事多头跑现象",
            15,
            "100%",
            15,
        ),
        (
            "",
            "社会效益指标",
            "指标1:为群众提供一站式服务场所",
            "无",
            "定性",
            "优",
            "为群众提供一站式服务场所",
            15,
            "100%",
            16,
        ),
        ("", "", "指标2:提高窗口工作人员的积极性", "无", "定性", "优", "提高窗口工作人员的积极性", 10, "100%", 10),
        (
            "满意度指标",
            "服务对象满意度指标",
            "指标1:群众满意率98%以上",
            "%",
            "≥",
            98,
            "群众满意率98%以上",
            10,
            "100%",
            10,
        ),
    ],
)
CQ_PROJECT2 = (
    "大厅运行缺口及智慧政务建设项目",
    (0, 0, 106.62, 106.62, 106.62, 106.62),
    [
        (
            "产出指标",
            "数量指标",
            "指标1:确保行政服务中心大厅正常运行",
            "台",
            "≥",
            1000,
            "确保行政服务中心大厅正常运行",
            15,
            "100%",
            15,
        ),
        ("", "", "指标2:全区智慧政务建设", "无", "定性", "优", "全区智慧政务建设", 10, "100%", 10),
        ("", "质量指标", "指标1:为老百姓提供一站式服务", "无", "定性", "优", "为老百姓提供一站式服务", 10, "100%", 10),
        ("", "", "指标2:提高行政服务中心智能化水平", "无", "定性", "优", "提高智能化水平", 10, "100%", 10),
        (
            "效益指标",
            "经济效益指标",
            "指标1:减少老百姓办事多头跑现象",
            "无",
            "定性",
            "优",
            "减少老百姓办事多头跑现象",
            10,
            "100%",
            10,
        ),
        (
            "",
            "社会效益指标",
            "指标1:为群众提供一站式服务场所",
            "无",
            "定性",
            "优",
            "为群众提供一站式服务场所",
            15,
            "100%",
            16,
        ),
        ("", "", "指标2:提高政府公共服务能力", "无", "定性", "优", "提高政府公共服务能力", 10, "100%", 10),
        (
            "满意度指标",
            "服务对象满意度指标",
            "指标1:群众满意率98%以上",
            "%",
            "≥",
            98,
            "群众满意率98%以上",
            10,
            "100%",
            10,
        ),
    ],
)
_CQ_HEAD = [
    "一级指标",
    "二级指标",
    "三级指标",
    "度量单位",
    "指标性质",
    "年度指标值",
    "实际完成值",
    "权重分值",
    "得分系数",
    "指标得分",
    "偏差原因分析及改进措施",
]


def seed003_chongqing(path: Path) -> Path:
    """Seed 003 (重庆梁平 2021): 部门整体绩效目标自评表 on one sheet, both project tables on another."""
    import openpyxl

    book = openpyxl.Workbook()
    dept = book.active
    assert dept is not None
    dept.title = "附件1"
    dept.append(["部门整体绩效目标自评表"])
    dept.append(["(2021 年度)"])
    dept.append(["部门名称", "区政务服务办", None, "自评总得分", 100])
    dept.append(["联系人", "刘昌蓉", None, "联系电话", "53368006"])
    dept.append(
        [
            "全年预算执行情况(万元)",
            "年初预算数",
            "全年(调整)预算数",
            "全年执行数(部门决算数)",
            "执行率权重分值",
            "执行率(%)",
            "执行率得分",
        ]
    )
    dept.append([None, 912.44, 1010.52, 1010.52, 10, 100, 10])
    dept.merge_cells("A5:A6")
    dept.append(["年度总体目标", "年初预期目标", None, "全年目标实际完成情况"])
    dept.append(["绩效指标", *_CQ_HEAD])
    for row in CQ_DEPT_INDICATORS:
        dept.append([None, *row])
    dept.append([None, "绩效指标总分", None, None, None, None, None, None, 90, "100%", 90])
    projects = book.create_sheet("附件2")
    for name, amounts, indicators in (CQ_PROJECT1, CQ_PROJECT2):
        projects.append(["项目资金绩效目标自评表"])
        projects.append(["(2021年度)"])
        projects.append(["项目名称", name, None, "主管部门", "区政务服务办"])
        projects.append(["实施单位", "区政务服务办", None, "自评总得分", 100])
        top = projects.max_row + 1
        projects.append(
            [
                "项目资金(万元)",
                "年初预算数",
                None,
                "全年预算数",
                None,
                "全年执行数",
                None,
                "执行率权重分值",
                "执行率(%)",
                "执行率得分",
            ]
        )
        projects.append([None, "总数", "其中:财政资金", "总数", "其中:财政资金", "总数", "其中:财政资金"])
        projects.append([None, *amounts, 10, "100%", 10])
        for col in ("B", "D", "F"):
            nxt = chr(ord(col) + 1)
            projects.merge_cells(f"{col}{top}:{nxt}{top}")
        projects.merge_cells(f"A{top}:A{top + 2}")
        projects.append(["年度总体目标", "年初预期目标", None, "全年目标实际完成情况"])
        projects.append(["绩效指标", *_CQ_HEAD])
        for row in indicators:
            projects.append([None, *row])
        projects.append([None, "绩效指标总分", None, None, None, None, None, None, 90, "100%", 90])
        projects.append([])
    book.save(path)
    return path


SEED004_INDICATORS = [  # 一级, 二级, 三级, 年度指标值(A), 实际完成值(B)
    (
        "产出指标（50分）",
        "数量指标",
        "指标1：物业配备安保及保洁人员",
        "办公时间确保有2名安保人员、3名清洁人员正常在岗",
        "办公时间确保有2名安保人员、3名清洁人员正常在岗",
    ),
    ("", "质量指标", "指标1：保洁人员清扫卫生覆盖率", "100%", "100%"),
    ("", "时效指标", "指标1：运行经费到位率", "100%", "100%"),
    ("", "成本指标", "指标1：大厅运行经费支出", "≥45万元", "≥45万元"),
    ("效益指标（30分）", "可持续影响指标", "指标1：进驻单位", "≥30个", "39个"),
    ("", "", "指标2：进驻事项", "≥300项", "653项"),
    ("满意度指标（10分）", "服务对象满意度指标", "指标1：办事群众及工作人员满意度", "＞95%", "＞95%"),
    ("执行率指标（10分）", "执行率指标", "指标1：全年执行数/年初预算数*100%", "＞90%", "100%"),
]


def seed004_quannan(path: Path) -> Path:
    """Seed 004 (江西全南 2021 大厅运行经费): the score table of the report, with no funds block."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "评分表"
    sheet.append(["2021年度大厅运行经费项目支出绩效自评表"])
    sheet.append(["一级指标", "二级指标", "三级指标", "年度指标值（A)", "实际完成值(B)"])
    for row in SEED004_INDICATORS:
        sheet.append(list(row))
    book.save(path)
    return path


def wide_layout(path: Path) -> Path:
    """附件4 blocks side by side: each title merged over its labels (row 2), labels row 3, values row 4."""
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet("Sheet1")
        col = 1
        for title, fields in BASE_BLOCKS:
            if len(fields) > 1:
                sheet.merge_range(1, col, 1, col + len(fields) - 1, title)
            else:
                sheet.write(1, col, title)
            for j, (label, value) in enumerate(fields):
                sheet.write(2, col + j, label)
                if value is not None:
                    sheet.write(3, col + j, value)
            col += len(fields)
    return path


def gap_layout(path: Path) -> Path:
    """附件4 as label | (blank spacer column) | value, titles in column A beside their first label."""
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet("数据")
        row = 0
        for title, fields in BASE_BLOCKS:
            sheet.write(row, 0, title)
            for label, value in fields:
                sheet.write(row, 1, label)
                if value is not None:
                    sheet.write(row, 3, value)
                row += 1
    return path


def two_row_header_layout(path: Path) -> Path:
    """附件5 with a two-row header: 指标 over 一级/二级/三级, 分值/评价标准/得分 merged down both rows."""
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet("计分表")
        sheet.merge_range(0, 0, 0, 2, "指标")
        for col, text in ((3, "分值"), (4, "评价标准"), (5, "得分")):
            sheet.merge_range(0, col, 1, col, text)
        sheet.write_row(1, 0, ["一级指标", "二级指标", "三级指标"])
        for i, (_l1, _w1, _l2, _w2, name, weight, score) in enumerate(SCORE_ROWS):
            sheet.write(2 + i, 2, name)
            sheet.write(2 + i, 3, weight)
            if score is not None and name != "经济效益":
                sheet.write(2 + i, 5, score)
        sheet.merge_range(14, 5, 16, 5, 15)  # 经济/社会/生态效益 share one score
        sheet.write(2 + len(SCORE_ROWS), 0, "合计")
        sheet.write(2 + len(SCORE_ROWS), 5, SEED_TOTAL)
    return path
