"""附件4 laid out as a vertical list with a 单位 column between each label and its value (序号 | 项目 | 指标 | 单位 |
数值), as a second reader built it against perfxl: the unit cells ("人", "万元", "%", "是/否") are no values. Every
expected figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from corpus.grid import Grid, save

from perfxl.pipeline import score_paths
from perfxl.report.results import FileResult
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


def _rate(result: FileResult, name: str) -> float | None:
    value = next(r.value for r in result.rates if r.name == name)
    return None if value is None else round(value, 2)


def _rows_grid(rows: list[list[object]], merges: list[tuple[int, int, int, int]]) -> Grid:
    grid = Grid("附件4")
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                grid.put(r, c, value)  # type: ignore[arg-type]
    for top, left, bottom, right in merges:
        grid.merge(top, left, bottom, right)
    return grid


def test_one_sangong_table_for_both_blocks_and_its_total_held_to_its_items(tmp_path: Path) -> None:
    """“三公经费”情况 as one small table (上年预算数 | 本年预算数 | 本年实际支出, then 变动率 and 控制率 rows), as
    some templates print it: both the 变动 and the 控制 block read from it, and each 合计 held to its items."""
    rows: list[list[object]] = [
        ["部门整体支出绩效评价基础数据表", "", "", "", ""],
        ["填报单位：", "某区机关事务服务中心", "", "金额单位：万元", ""],
        ["财政供养人员情况", "项目", "合计", "", ""],
        ["", "编制人数", 30, "", ""],
        ["", "实际在职人数", 29, "", ""],
        ["“三公经费”情况", "项目", "上年预算数", "本年预算数", "本年实际支出"],
        ["", "合计", 22, 20.5, 18.84],  # items: 0 + 4.36 + 13.48 = 17.84, not 18.84
        ["", "因公出国（境）费", 0, 0, 0],
        ["", "公务接待费", 6, 5.5, 4.36],  # 6 + 16 = 22 and 5.5 + 15 = 20.5: those totals are right
        ["", "公务用车购置及运行维护费", 16, 15, 13.48],
        ["", "变动率", "", "-6.82%", ""],  # (20.5 − 22) ÷ 22 = −6.82 %: right
        ["", "控制率", "", "", "91.90%"],  # 18.84 ÷ 20.5 = 91.90 %: right by the (wrong) total
        ["预算完成情况", "预算总额", "决算总额", "执行率", ""],
        ["", 618.4, 597.5, "96.62%", ""],  # 597.5 ÷ 618.4 = 96.62 %
    ]
    grid = _rows_grid(rows, [(6, 1, 12, 1), (3, 1, 5, 1), (13, 1, 14, 1)])
    result = score_paths([save([grid], tmp_path / "t.xlsx")], load_rules("yiyang-2020")).files[0]
    errors = {f.cell: f.message for f in result.flags if f.severity == "error" and f.cell}
    assert not [m for m in errors.values() if "三公经费" in m and "未找到" in m], errors
    assert (_rate(result, "三公经费变动率"), _rate(result, "三公经费控制率")) == (-6.82, 91.9)
    assert set(errors) == {"E7"}, errors
    assert "0 + 4.36 + 13.48 = 17.84" in errors["E7"]


def test_a_sangong_total_over_items_broken_down_further_is_not_summed(tmp_path: Path) -> None:
    """Items with 其中 rows under them would count twice: no sum is checked there."""
    rows: list[list[object]] = [
        ["部门整体支出绩效评价基础数据表", "", "", ""],
        ["“三公经费”情况", "项目", "本年预算数", "本年实际支出"],
        ["", "合计", 20.5, 17.84],
        ["", "公务接待费", 5.5, 4.36],
        ["", "公务用车购置及运行维护费", 15, 13.48],
        ["", "其中：公务用车运行维护费", 15, 13.48],
        ["", "控制率", "", "87.02%"],  # 17.84 ÷ 20.5 = 87.02 %
        ["预算完成情况", "预算总额", "决算总额", "执行率"],
        ["", 618.4, 597.5, "96.62%"],
        ["预算调整情况", "年初预算数", "年中预算调整", "调整率"],
        ["", 560, 45.6, "8.14%"],  # 45.6 ÷ 560 = 8.14 %
    ]
    grid = _rows_grid(rows, [(2, 1, 7, 1), (8, 1, 9, 1), (10, 1, 11, 1)])
    result = score_paths([save([grid], tmp_path / "t.xlsx")], load_rules("yiyang-2020")).files[0]
    sums = [f for f in result.flags if "各项金额之和" in f.message]
    assert sums == [] and _rate(result, "三公经费控制率") == 87.02


def test_a_unit_of_measure_column_is_not_the_units_name(tmp_path: Path) -> None:
    """A "单位" header over a column of 人 / 万元 / % is that column's, not the label of the unit's name."""
    rows: list[list[object]] = [
        ["部门整体支出绩效评价基础数据表", "", "", ""],
        ["填报单位（盖章）：某县自然资源局", "", "", ""],
        ["序号", "项目", "单位", "本年数"],
        ["", "财政供养人员情况", "", ""],
        [1, "编制人数", "人", 42],
        [2, "实际在职人数", "人", 41],
        ["", "预算完成情况", "", ""],
        [1, "预算总额", "万元", 2161],
        [2, "决算总额", "万元", 2038.2],
        ["", "预算调整情况", "", ""],
        [1, "年初预算数", "万元", 1850],
        [2, "年中预算调整", "万元", 214.6],
    ]
    result = score_paths([save([_rows_grid(rows, [])], tmp_path / "t.xlsx")], load_rules("yiyang-2020")).files[0]
    assert result.unit == "某县自然资源局"
    # 41 ÷ 42 = 97.62 %; 2038.2 ÷ 2161 = 94.32 %; 214.6 ÷ 1850 = 11.60 %
    assert [_rate(result, name) for name in ("在职人员控制率", "预算执行率", "预算调整率")] == [97.62, 94.32, 11.6]


def test_an_item_list_with_a_column_per_year(tmp_path: Path) -> None:
    """附件4 as numbered sections of items, each item once with 上年数 | 本年数 | 变动额 | 变动率/比率 beside it: this
    year's figures are the 本年数 column's, 上年… fields the same item's 上年数, a block's rate its rate column."""
    rows: list[list[object]] = [
        ["部门整体支出绩效评价基础数据表", "", "", "", "", "", ""],
        ["填报单位（盖章）：某县自然资源局　　　　　　金额单位：万元", "", "", "", "", "", ""],
        ["序号", "项目", "单位", "上年数", "本年数", "变动额", "变动率/比率"],
        ["一", "财政供养人员情况", "", "", "", "", ""],
        [1, "编制人数", "人", 42, 42, 0, ""],
        [2, "实际在职人数", "人", 40, 41, 1, ""],
        [3, "在职人员控制率（实际在职人数/编制人数）", "%", "", "", "", "97.62%"],  # 41 ÷ 42 = 97.62 %
        ["二", "“三公经费”情况", "", "", "", "", ""],
        [1, "“三公经费”预算数", "万元", 36.5, 32, -4.5, "-12.33%"],  # (32 − 36.5) ÷ 36.5 = −12.33 %
        [2, "“三公经费”实际支出数", "万元", 33.1, 28.7, -4.4, ""],
        # 28.7 ÷ 32 = 89.69 %; 78.63 % is 28.7 ÷ 36.5, last year's budget
        [3, "“三公经费”控制率（本年实际支出数/本年预算数）", "%", "", "", "", "78.63%"],
        ["三", "预算执行情况", "", "", "", "", ""],
        [1, "年初预算数", "万元", 1720, 1850, "", ""],
        [2, "年中预算调整数", "万元", 188, 214.6, "", ""],
        [3, "预算调整率（年中预算调整数/年初预算数）", "%", "", "", "", "11.60%"],  # 214.6 ÷ 1850 = 11.60 %
        [4, "结转结余总额", "万元", 96.4, 122.8, 26.4, "27.39%"],  # (122.8 − 96.4) ÷ 96.4 = 27.39 %
        [5, "预算总额", "万元", "", 2161, "", ""],
        [6, "决算总额", "万元", "", 2038.2, "", ""],
        [7, "预算执行率（决算总额/预算总额）", "%", "", "", "", "94.32%"],  # 2038.2 ÷ 2161 = 94.32 %
    ]
    merges = [(4, 2, 4, 7), (8, 2, 8, 7), (12, 2, 12, 7)]
    result = score_paths([save([_rows_grid(rows, merges)], tmp_path / "t.xlsx")], auto_rules()).files[0]
    assert result.unit == "某县自然资源局"
    names = ("在职人员控制率", "三公经费变动率", "三公经费控制率", "预算调整率", "结转结余变动率", "预算执行率")
    assert [_rate(result, name) for name in names] == [97.62, -12.33, 89.69, 11.6, 27.39, 94.32]
    errors = {f.cell: f.message for f in result.flags if f.severity == "error"}
    assert list(errors) == ["G11"], errors
    assert "28.7 / 32 = 89.69%" in errors["G11"]


def _hengshan(tmp_path: Path, changes: dict[str, object]) -> tuple[dict[str, object], FileResult]:
    """衡山县贯塘乡 2023 (tests/corpus/real): 附件一 as 湖南's 基础数据表 prints it, 财政供养人员情况 across a row and
    经费控制情况 as items under dated columns (2022 年决算数 | 2023 年预算数 | 2023 年决算数)."""
    from corpus.build import build
    from corpus.transcript import REAL

    from perfxl.locate.forms import locate
    from perfxl.read.grid import read_sheets

    path = build(REAL / "dept-hunan-hengshan-guantang-2023-basedata.yaml", tmp_path)
    book = openpyxl.load_workbook(path)
    for ref, value in changes.items():
        book.worksheets[0][ref] = value
    book.save(path)
    found = locate(read_sheets(path), load_rules("yiyang-2020"))
    fields = {key.removeprefix("base_data."): hit.raw for key, hit in found.fields.items()}
    return fields, score_paths([path], auto_rules()).files[0]


def test_the_hunan_base_data_table_with_dated_columns(tmp_path: Path) -> None:
    # each item's figure in this year's 预算数 (C) or 决算数 (D): 项目支出 308.17 / 1025.20, 公用经费 85.76 / 193.42,
    # 三公经费 0 / 0; 在职 50 ÷ 编制 46 = 108.70 %, as printed; 政府采购金额 left empty, as a unit with none fills it:
    # said as info, since no rate the workbook prints or scores needs it (round 103: a warning was noise)
    fields, result = _hengshan(tmp_path, {})
    assert {key: fields[key] for key in ("staff.quota", "staff.actual", "staff.rate")} == {
        "staff.quota": 46,
        "staff.actual": 50,
        "staff.rate": 1.087,
    }
    assert (fields["project.budget"], fields["project.actual"]) == (308.17, 1025.2)
    assert (fields["public_funds.budget"], fields["public_funds.actual"]) == (85.76, 193.42)
    assert (fields["sgjf_control.budget"], fields["sgjf_control.actual"]) == (0, 0)
    assert (fields["procurement.budget"], fields["procurement.actual"]) == (None, None)
    sheet = "附件一 基础数据表"
    assert [f.severity for f in result.flags if f.sheet == sheet and f.cell in ("C22", "D22")] == ["info"] * 2
    assert not [f for f in result.flags if f.sheet == sheet and f.severity == "error"]


def test_a_wrong_rate_in_the_hunan_base_data_table(tmp_path: Path) -> None:
    # 控制率 typed 92% (编制 ÷ 在职 = 46 ÷ 50): 50 ÷ 46 = 108.70 %
    _, result = _hengshan(tmp_path, {"D4": "92%"})
    (flag,) = [f for f in result.flags if f.cell == "D4"]
    assert flag.code == "rate-mismatch" and flag.severity == "error" and flag.computed == 108.7


def test_an_item_held_to_its_numbered_items(tmp_path: Path) -> None:
    """ "三公经费：" over "1、公务用车购置和维护经费" (其中：公车购置, 公车运行维护), "2、出国经费", "3、公务接待":
    the item is the Σ of its numbered items, not of their 其中 lines; a "……" line left for more items does not end
    the list.
    The real 衡山 table with figures typed in: 2023 决算 12.6 against 8.2 + 0 + 3.6 = 11.8 (预算 13 = 9 + 0 + 4 stands);
    项目支出 1025.20 = 402.6 + 172.6 + 450 across the "……" line."""
    rows = {6: (12.4, 13, 12.6), 7: (8.6, 9, 8.2), 8: (0, 0, 0), 9: (8.6, 9, 8.2), 10: (0, 0, 0), 11: (3.8, 4, 3.6)}
    changes: dict[str, object] = {
        f"{col}{row}": value for row, values in rows.items() for col, value in zip("BCD", values, strict=True)
    }
    changes |= {"D13": 402.6, "D14": 172.6, "D16": 450}
    _, result = _hengshan(tmp_path, changes)
    flags = {f.cell: f for f in result.flags if f.sheet == "附件一 基础数据表" and f.severity == "error"}
    assert list(flags) == ["D6"], flags
    assert flags["D6"].computed == 11.8 and "8.2 + 0 + 3.6 = 11.8" in flags["D6"].message


def test_an_item_without_its_colon_held_to_its_numbered_items_in_every_amount_column(tmp_path: Path) -> None:
    """The real wanglu 基础数据表 (tests/corpus/real) prints "三公经费" with no colon over "1、公务用车购置和维护经费"
    (其中:公车购置, 公车运行维护), "2、出国经费", "3、公务接待", under 2017年决算数 | 2018年预算数 | 2018年决算数.
    As printed its three figures add up (29.08 = 11.86 + 17.22; 63.46 = 41.46 + 22; 44.29 = 39.30 + 4.99). Typed
    wrong: the 2017 决算 (a column no rule reads) 29.80 against 11.86 + 17.22 = 29.08, and the 2018 决算 44.92 against
    39.30 + 4.99 = 44.29; the 2018 预算 stays right."""
    from corpus.build import build
    from corpus.transcript import REAL

    path = build(REAL / "dept-unknown-2018-basedata-wanglu-462766.yaml", tmp_path)
    (clean,) = score_paths([path], auto_rules()).files
    assert not [f for f in clean.flags if f.code == "sum-mismatch" and f.sheet == "基础数据表"]
    book = openpyxl.load_workbook(path)
    book["基础数据表"]["B7"], book["基础数据表"]["D7"] = 29.80, 44.92
    book.save(path)
    (result,) = score_paths([path], auto_rules()).files
    flags = {f.cell: f for f in result.flags if f.code == "sum-mismatch" and f.sheet == "基础数据表"}
    assert sorted(flags) == ["B7", "D7"], flags
    assert flags["B7"].computed == 29.08 and "11.86 + 17.22 = 29.08" in flags["B7"].message
    assert flags["D7"].computed == 44.29 and "39.3 + 4.99 = 44.29" in flags["D7"].message


def test_a_numbered_item_is_no_total_of_the_numbered_items_after_it(tmp_path: Path) -> None:
    """ "1、业务工作专项 | 320" over "2、运行维护专项 | 100" and "3、其他 | 50": siblings numbered alike, so the first
    is not held to the Σ of the others (320 ≠ 150 is no mistake)."""
    from perfxl.locate.block_sums import row_totals
    from perfxl.read.grid import read_sheets

    grid = _rows_grid(
        [["项目支出", "2018年预算数"], ["1、业务工作专项", 320], ["2、运行维护专项", 100], ["3、其他", 50]], []
    )
    path = save([grid], tmp_path / "siblings.xlsx")
    (sheet,) = read_sheets(path)
    assert row_totals(sheet, (1, 1), frozenset()) == []
    assert [g.weight for g in row_totals(sheet, (0, 1), frozenset())] == []  # a header, not a figure


def test_decimal_sub_items_are_the_parts_of_their_item_not_more_items(tmp_path: Path) -> None:
    """The review: wanglu's 三公经费 lines numbered "1." with sub-items "1.1公车购置", "1.2公车运行维护", as some pages
    number them: the "1." of "1.1" is no item of the list, so 63.46 = 41.46 + 0 + 22 stands (the sub-items had been
    added again: 41.46 + 29.46 + 12 + 22 = 104.92)."""
    from corpus.build import build
    from corpus.transcript import REAL

    path = build(REAL / "dept-unknown-2018-basedata-wanglu-462766.yaml", tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["基础数据表"]
    for row, label in (
        (8, "1.公务用车购置和维护经费"),
        (9, "1.1公车购置"),
        (10, "1.2公车运行维护"),
        (11, "2.出国经费"),
    ):
        sheet[f"A{row}"] = label
    sheet["A12"] = "3.公务接待"
    book.save(path)
    (result,) = score_paths([path], auto_rules()).files
    assert not [f for f in result.flags if f.code == "sum-mismatch" and f.sheet == "基础数据表"]
    book["基础数据表"]["C7"] = 64.36  # and a wrong total is still found: 41.46 + 22 = 63.46
    book.save(path)
    (result,) = score_paths([path], auto_rules()).files
    flags = [f for f in result.flags if f.code == "sum-mismatch" and f.sheet == "基础数据表"]
    assert [(f.cell, f.computed) for f in flags] == [("C7", 63.46)]


def test_none_typed_in_a_base_data_figure(tmp_path: Path) -> None:
    # "/" in 衡山's 政府采购金额 (round 106): the unit says it has none of it — info, not a cell left to fill
    _, result = _hengshan(tmp_path, {"C22": "/", "D22": "无"})
    said = [f for f in result.flags if f.sheet == "附件一 基础数据表" and f.cell in ("C22", "D22")]
    assert [(f.severity, "按无此项处理" in f.message) for f in said] == [("info", True), ("info", True)]


@pytest.mark.parametrize(("total", "said"), [(7.82, [("D6", "sum-mismatch", 7.62)]), (7.62, [])])
def test_an_item_typed_none_counts_nothing_in_its_total(
    tmp_path: Path, total: float, said: list[tuple[str, str, float]]
) -> None:
    # round 106: 三公经费 2023 决算 over 公务用车 4.82 (公车运行维护 4.82), 出国经费 "/", 公务接待 2.80: Σ 7.62
    # (before: the "/" stopped the check)
    changes = {"D6": total, "D7": 4.82, "D8": 0, "D9": 4.82, "D10": "/", "D11": 2.8}
    _, result = _hengshan(tmp_path, changes)
    sheet = "附件一 基础数据表"
    got = [(f.cell, f.code.value, f.computed) for f in result.flags if f.sheet == sheet and f.severity == "error"]
    assert got == said
