"""Workbooks that reproduce seed 001's 附件4/附件5 (益阳市大通湖区政务中心 2020) in several layouts.

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
    ("内部控制制度完成情况(是/否)", [("预算业务管理", None), ("收支业务管理", None), ("政府采购业务", None),
                                  ("国有资产业务管理", None), ("建设项目业务管理", None), ("合同业务管理", None)]),
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
        _score_sheet(book, book.add_worksheet("附件5"), 0, 0, overrides.get("scores", {}), bold, cell,
                     overrides.get("total", SEED_TOTAL))
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


def _apply(blocks: list[tuple[str, list[tuple[str, Any]]]], overrides: dict[str, Any]) -> list[
        tuple[str, list[tuple[str, Any]]]]:
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


def _score_sheet(book: Any, sheet: Any, top: int, left: int, scores: dict[str, Any], bold: Any, cell: Any,
                 total: Any) -> None:
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
