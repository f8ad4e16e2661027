"""附件4 laid out as a vertical list with a 单位 column between each label and its value (序号 | 项目 | 指标 | 单位 |
数值), as a second reader built it against perfxl: the unit cells ("人", "万元", "%", "是/否") are no values. Every
expected figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from corpus.grid import Grid, save

from perfxl.pipeline import score_paths
from perfxl.rules import load_rules
from perfxl.rules.auto import auto_rules
from perfxl.write.templates import write_template

BLOCKS: list[tuple[str, list[tuple[str, str, object]]]] = [
    ("财政供养人员情况", [("编制人数", "人", 20), ("实际在职人数", "人", 18), ("变动数", "人", 2)]),
    ("三公经费变动情况", [("上年预算数", "万元", 12), ("本年预算数", "万元", 10.8), ("变动率", "%", "-10%")]),
    ("预算完成情况", [("预算总额", "万元", 820), ("决算总额", "万元", 790.4), ("执行率", "%", "97.39%")]),
    ("预算调整情况", [("年初预算数", "万元", 700), ("年中预算调整", "万元", 120), ("调整率", "%", "17.14%")]),
    (
        "结转结余变动情况",
        [("上年结转结余总额", "万元", 30), ("本年结转结余总额", "万元", 29.6), ("变动率", "%", "1.33%")],
    ),
    ("内部控制制度完成情况", [("预算业务管理", "是/否", "是"), ("收支业务管理", "是/否", "是")]),
]


def test_a_unit_column_between_the_labels_and_their_values(tmp_path: Path) -> None:
    grid = Grid("附件4")
    grid.put(1, 1, "附件4  部门整体支出绩效评价基础数据表")
    grid.put(2, 1, "预算单位名称：某某县统计局")
    grid.put_base_list(3, BLOCKS)
    path = save([grid], tmp_path / "t.xlsx")
    result = score_paths([path], load_rules("yiyang-2020")).files[0]
    flagged = {f.cell: f.message for f in result.flags if f.severity == "error" and f.cell}
    assert not [cell for cell in flagged if cell.startswith("D")], flagged  # no unit cell read as a value
    # 790.4 ÷ 820 = 96.39 %, declared 97.39 %; (29.6 − 30) ÷ 30 = −1.33 %, declared +1.33 %
    assert "790.4 / 820 = 96.39%" in flagged["E12"], flagged
    assert "-1.33%" in flagged["E18"], flagged
    # (10.8 − 12) ÷ 12 = −10 % and 120 ÷ 700 = 17.14 %, both declared right
    assert not {"E9", "E15"} & set(flagged), flagged


def test_a_workbook_of_fj4_and_fj5_alone_is_said_to_hold_no_self_evaluation_form(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(load_rules("yiyang-2020"), path)
    book = openpyxl.load_workbook(path)
    for name in [n for n in book.sheetnames if n not in ("附件4", "附件5")]:
        del book[name]
    book.save(path)
    chosen = score_paths([path], auto_rules()).files[0].rules
    assert chosen is not None and "工作簿中有附件4、附件5；" in chosen.reason, chosen  # its 附件5 is no 自评表


def test_a_block_written_as_label_value_items_in_one_cell(tmp_path: Path) -> None:
    grid = Grid("附件4")
    grid.put(1, 1, "附件4  部门整体支出绩效评价基础数据表")
    grid.put_base_list(2, BLOCKS[:-1])  # every block but 内部控制制度完成情况, which is one cell:
    row = 3 + sum(len(fields) for _, fields in BLOCKS[:-1])
    grid.put(row, 2, "内部控制制度完成情况")
    items = ["预算业务管理", "收支业务管理", "政府采购业务", "国有资产业务管理", "建设项目业务管理", "合同业务管理"]
    grid.put(row, 3, "；".join(f"{item}：{'否' if item == '合同业务管理' else '是'}" for item in items))
    result = score_paths([save([grid], tmp_path / "t.xlsx")], load_rules("yiyang-2020")).files[0]
    missing = [f.message for f in result.flags if "内部控制" in f.message and "未找到" in f.message]
    assert missing == [], missing
