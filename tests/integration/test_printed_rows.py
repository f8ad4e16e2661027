"""A 附件4/附件5 pair whose 附件5 prints its own system (other weights, rows no built-in rule set lists, a row a rule
set keeps only as declared), as a second reader built it against perfxl: every rate-based row is scored by the
standard it prints, the table is out of what it prints, and its 合计 is held to the scores above it. Every figure
is worked by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.grid import Grid, save

from perfxl.pipeline import score_paths
from perfxl.report.findings import Code
from perfxl.report.results import FileResult
from perfxl.rules.auto import auto_rules

BASE: list[tuple[str, list[tuple[str, str, object]]]] = [
    ("财政供养人员情况", [("编制人数", "人", 50), ("实际在职人数", "人", 52), ("控制率", "%", "96.15%")]),  # 104 %
    ("三公经费控制情况", [("三公经费预算数", "万元", 8), ("三公经费实际支出", "万元", 8.4), ("控制率", "%", "105%")]),
    (
        "政府采购执行情况",
        [("政府采购预算数", "万元", 120), ("实际政府采购金额", "万元", 115.2), ("执行率", "%", "96%")],
    ),
    (
        "固定资产使用情况",
        [("固定资产总额", "万元", 560), ("实际在用固定资产总额", "万元", 520.8), ("利用率", "%", "93%")],
    ),
    (
        "公用经费控制情况",
        [("公用经费预算数", "万元", 40), ("公用经费实际支出数", "万元", 41.2), ("控制率", "%", "103%")],
    ),
    ("预算调整情况", [("年初预算数", "万元", 700), ("年中预算调整", "万元", 56), ("调整率", "%", "8%")]),  # 56 ÷ 700
]
SCORES: list[tuple[str, str, str, int, str, float]] = [
    # 52 ÷ 50 = 104 %: 5 − 4 × 0.2 = 4.2
    ("投入", "预算配置", "在职人员控制率", 5, "≤100%计满分，每超过一个百分点扣0.2分，扣完为止", 4.2),
    # 8.4 ÷ 8 = 105 %: 8 − 5 × 1 = 3, declared 8
    ("过程", "预算管理", "“三公经费”控制率", 8, "≤100%计满分，每超过1个百分点扣1分，扣完为止", 8),
    ("", "", "政府采购执行率", 5, "得分=分值×执行率", 4.8),  # 115.2 ÷ 120 = 96 %: 5 × 96 % = 4.8
    ("", "", "固定资产利用率", 5, "≥95%计满分，每降低1个百分点扣0.5分", 5),  # 520.8 ÷ 560 = 93 %: 5 − 1 = 4
    ("", "", "公用经费控制率", 5, "≤100%计满分，每超出1%扣1分，扣完为止", 2),  # 41.2 ÷ 40 = 103 %: 5 − 3 = 2
    ("", "", "管理制度健全性", 8, "制度健全计满分，每缺一项扣1分", 8),
    # no 楼堂馆所 project: full marks, which are the 2 and 3 points printed (the rule sets print 4 or 5)
    ("", "预算执行", "新建楼堂馆所面积控制率", 2, "无此类项目计满分", 2),
    ("", "", "新建楼堂馆所投资概算控制率", 3, "无此类项目计满分", 3),
    ("产出及效率", "职责履行", "实际完成率", 10, "按实际完成情况计分", 9.5),
    ("", "履职效益", "社会效益", 10, "根据部门履职产生的社会效益评价", 9),
]


# A county's own 附件5 named by its rates alone (no built-in rule set lists 预算调整率 or 政府采购执行率 as such)
OWN: list[tuple[str, str, str, int, str, float]] = [
    ("过程", "预算执行", "预算调整率", 5, "≤5%计满分，每超过1个百分点扣0.5分，扣完为止", 4.5),  # 8 %: 5 − 1.5 = 3.5
    ("", "", "政府采购执行率", 5, "按执行率×分值计分", 4.8),  # 5 × 96 % = 4.8
    ("", "", "固定资产利用率", 5, "≥95%计满分，每降低1个百分点扣0.5分", 4),  # 93 %: 5 − 1 = 4
    ("", "预算管理", "公用经费控制率", 5, "≤100%计满分，每超出1%扣1分，扣完为止", 2),  # 103 %: 5 − 3 = 2
    ("", "", "“三公经费”控制率", 5, "≤100%计满分，每超过1个百分点扣1分，扣完为止", 0),  # 105 %: 5 − 5 = 0
    ("产出", "履职", "重点工作完成率", 10, "按重点工作完成情况计分", 9),
]


HEAD = ("一级指标", "二级指标", "三级指标", "分值", "评价标准", "得分")


def _workbook(tmp_path: Path, rows: list[tuple[str, str, str, int, str, float]] = SCORES) -> Path:
    base = Grid("附件4")
    base.put(1, 1, "附件4  部门整体支出绩效评价基础数据表")
    base.put_base_list(2, BASE)
    table = Grid("附件5")
    table.put(1, 1, "附件5  部门整体支出绩效自评指标计分表")
    table.put_rows(2, 1, [HEAD, *rows])
    # the 合计 of what is printed: SCORES 61 points and 55.5 declared; OWN 35 points and 24.3 declared
    table.put(3 + len(rows), 1, "合计")
    table.put(3 + len(rows), 4, sum(row[3] for row in rows))
    table.put(3 + len(rows), 6, round(sum(row[5] for row in rows), 2))
    return save([base, table], tmp_path / f"t{len(rows)}.xlsx")


def _errors(result: FileResult) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in result.flags:
        if f.severity == "error" and f.cell:
            out.setdefault(f"{f.sheet}!{f.cell}", []).append(f.message)
    return out


def test_every_rate_row_is_scored_by_what_it_prints(tmp_path: Path) -> None:
    result = score_paths([_workbook(tmp_path)], auto_rules()).files[0]
    errors = _errors(result)
    assert any("104.00%" in m for m in errors["附件4!E5"]), errors  # 控制率 declared 96.15 %, 52 ÷ 50 = 104 %
    assert any("应得 3 分" in m for m in errors["附件5!F4"]), errors  # 三公经费控制率
    assert any("应得 4 分" in m for m in errors["附件5!F6"]), errors  # 固定资产利用率, a row no rule set lists
    # 在职人员控制率, 政府采购执行率 and 公用经费控制率 hold by their printed standards; 合计 adds up what is declared
    assert sorted(errors) == ["附件4!E5", "附件5!F4", "附件5!F6"], errors
    # it agrees with no rule set: the indicators of the closest one it does not print (三公经费变动率 …) are named
    # once, in a note, not reported missing one by one
    missing = [f for f in result.flags if f.code == Code.MISSING_VALUE and f.sheet == "附件5"]
    assert [f.severity for f in missing] == ["info"] and "三公经费变动率" in missing[0].message, missing
    assert result.max_total == 61  # the table's own marks
    assert result.total == pytest.approx(49.5)  # 4.2 + 3 + 4.8 + 4 + 2 + 8 + 2 + 3 + 9.5 + 9
    scored = {i.name: i.rule_score for i in result.indicators}
    assert scored["政府采购执行率"] == pytest.approx(4.8) and scored["公用经费控制率"] == pytest.approx(2)


def test_a_table_named_by_its_rates_alone_is_the_score_table(tmp_path: Path) -> None:
    result = score_paths([_workbook(tmp_path, OWN)], auto_rules()).files[0]
    errors = _errors(result)
    assert sorted(errors) == ["附件4!E5", "附件5!F3"], errors  # 控制率 as above; 预算调整率 4.5, not 3.5
    assert any("应得 3.5 分" in m for m in errors["附件5!F3"]), errors
    assert result.max_total == 35  # 5 × 5 + 10
    assert result.total == pytest.approx(23.3)  # 3.5 + 4.8 + 4 + 2 + 0 + 9 (重点工作完成率 kept as declared)


def test_one_row_a_block_and_the_score_table_beside_it(tmp_path: Path) -> None:
    # 附件4 with each block on one row (title | label | value | label | value | label | value) in A:G, columns H
    # and I empty, 附件5 in J:O of the same sheet with its 合计 and 等级 rows
    sheet = Grid("部门整体绩效")
    sheet.put(1, 1, "附件4  部门整体支出绩效评价基础数据表")
    sheet.put(1, 10, "附件5  部门整体支出绩效自评指标计分表")
    for r, (title, fields) in enumerate(BASE, start=3):
        sheet.put(r, 1, title)
        for k, (label, _, value) in enumerate(fields):
            sheet.put(r, 2 + 2 * k, label)
            sheet.put(r, 3 + 2 * k, value)
    sheet.put_rows(2, 10, [HEAD, *SCORES])
    sheet.put(13, 10, "合计")
    sheet.put(13, 13, 61)
    sheet.put(13, 15, 55.5)
    sheet.put(14, 10, "等级")
    sheet.put(14, 15, "差")  # 55.5 declared, and 49.5 as re-scored: 差 either way
    result = score_paths([save([sheet], tmp_path / "beside.xlsx")], auto_rules()).files[0]
    errors = _errors(result)
    # 控制率 (G3) 96.15 % against 52 ÷ 50 = 104 %; 三公经费控制率 (O4) 8 for 3; 固定资产利用率 (O6) 5 for 4
    assert sorted(errors) == ["部门整体绩效!G3", "部门整体绩效!O4", "部门整体绩效!O6"], errors
    assert result.max_total == 61 and result.total == pytest.approx(49.5)
