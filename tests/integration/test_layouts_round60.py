"""Round 60 of second readers and what this session mended beside it: a unit named under 编制单位 or 报送单位, a page
break's line that also prints a date, and the 执行率得分 scored by the note under a 项目支出 form in the wordings the
round printed (no lead, numbered tiers, a deviation from 100 %, the score or what is taken off written first, figures
in words, "扣减0.2分/百分点"); a note it cannot read keeps the declared score. Every figure is worked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.grid import Grid, save
from corpus.scored import Row
from corpus.scored import book as _book
from test_layouts_round58 import HEAD, REST
from test_printed_rows import BASE

from perfxl.pipeline import score_paths
from perfxl.report.findings import Code, Finding
from perfxl.report.results import FileResult
from perfxl.rules.auto import auto_rules

FORM: list[Row] = [
    ["项目支出绩效自评表（2023年度）", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "单位：万元"],
    ["项目名称", "农村饮水安全巩固提升", "", "", "主管部门", "县人民政府", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", 400, 400, 388, 10, "97.00%", 9.7],  # 388 ÷ 400 = 97.00 %, 10 × 97 % = 9.7
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["", "产出指标", "数量指标", "改造供水管网", "≥30公里", "31公里", 90, 90],
    ["总分", "", "", "", "", "", 100, 99.7],
]


@pytest.mark.parametrize("label", ["编制单位", "报送单位", "编制单位（盖章）"])
def test_a_unit_named_under_other_words(tmp_path: Path, label: str) -> None:
    # "编制单位：县水利局" in a cell of its own over the form, "单位：万元" apart (before: no unit read)
    rows = [list(row) for row in FORM]
    rows[1][0] = f"{label}：县水利局"
    result = _book(tmp_path, [(rows, ["A1:H1"])])
    assert result.unit == "县水利局"
    # and in the cell right of its label
    rows[1][0:2] = [label, "县水利局"]
    assert _book(tmp_path, [(rows, ["A1:H1"])], "right.xlsx").unit == "县水利局"


@pytest.mark.parametrize(
    "line",
    [
        ["单位：万元　　填报日期：2024年3月1日", "", "", "", "", "", "", "", ""],
        ["单位：万元", "", "", "", "", "", "填报日期：2024年3月1日", "", ""],
        ["（续表）", "", "", "", "", "", "", "第2页，共2页", ""],
    ],
)
def test_a_page_break_line_that_also_prints_a_date_or_a_page_number(tmp_path: Path, line: Row) -> None:
    # the break's line carries the date the form was filled in or the page's number too: still one form, all rows
    # read (before, the table ended at the line: Σ 分值 60, the rows below unread)
    rows = [*HEAD, ["项目支出绩效自评表（续表）", *[""] * 8], line, *REST]
    result = _book(tmp_path, [(rows, ["A1:I1", "A7:I7"])])
    flags = sorted({(f.cell or "", f.code) for f in result.flags if f.severity in ("error", "warning")})
    assert flags == [] and result.total == 99.5 and len(result.instances) == 1


def _at(result: FileResult, cell: str = "H4") -> list[Finding]:
    return [f for f in result.flags if f.cell == cell]


def _project(executed: float, declared: float, note: str) -> list[Row]:
    """A 项目支出 form on 500 万元 of which ``executed`` was spent, its 执行率得分 ``declared`` of 10, one indicator
    of 90 met in full, the 总分 their sum, and ``note`` under it."""
    return [
        ["项目支出绩效自评表（2023年度）", "", "", "", "", "", "", ""],
        ["项目名称", "乡村道路养护", "", "", "实施单位", "县交通运输局", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 500, 500, executed, 10, f"{executed / 5:.2f}%", declared],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["", "产出指标", "数量指标", "养护农村公路里程", "≥120公里", "120公里", 90, 90],
        ["总分", "", "", "", "", "", 100, round(declared + 90, 2)],
        [note, "", "", "", "", "", "", ""],
    ]


NOTES = [
    # 440 ÷ 500 = 88 % < 90 %: 0, not 10 × 88 % = 8.8; a note with no "执行率得分：" lead
    ("注：预算执行率达到90%及以上的得满分，否则不得分。", 440, 8.8, 0.0),
    # 430 ÷ 500 = 86 %: 10 − 0.5 × (90 − 86) = 8 (the note was cut at "扣0.", and 分值 × 执行率 = 8.6 scored it)
    (
        "注：1.预算执行率得分：执行率90%（含）以上得10分，每低1个百分点扣0.5分，扣完为止。2.其余指标按完成比例计分。",
        430,
        8.6,
        8.0,
    ),
    # 467.5 ÷ 500 = 93.5 % in "80%≤执行率<95%": 8 (tiers numbered on lines, "2.80%" item 2 on 80 %)
    (
        "注：预算执行率评分标准：\n1.执行率≥95%，得10分；\n2.80%≤执行率<95%，得8分；\n3.执行率<80%，不得分。",
        467.5,
        9.35,
        8.0,
    ),
    # 460 ÷ 500 = 92 %: a deviation of 8 from 100 %, 3 points past ±5 %: 10 − 3 × 0.5 = 8.5
    ("注：预算执行率得分：以100%为标准，偏差率在±5%以内得满分，每超出1个百分点扣0.5分。", 460, 9.2, 8.5),
    # 425 ÷ 500 = 85 % in "得5分：80%≤执行率<90%": 5 (the score written first)
    (
        "注：预算执行率得分：得10分：执行率≥98%；得8分：90%≤执行率<98%；得5分：80%≤执行率<90%；得0分：执行率<80%",
        425,
        8.5,
        5.0,
    ),
    # 465 ÷ 500 = 93 %: 10 − 7 × 0.5 = 6.5 (零点五 in words, 百分之百)
    ("注：预算执行率得分：达到百分之百的得满分，每低于一个百分点扣零点五分。", 465, 9.3, 6.5),
]


@pytest.mark.parametrize(("note", "executed", "declared", "due"), NOTES)
def test_a_note_under_the_form_scores_the_execution_rate(
    tmp_path: Path, note: str, executed: float, declared: float, due: float
) -> None:
    result = _book(tmp_path, [(_project(executed, declared, note), [])])
    flags = [(f.cell, f.severity, f.computed) for f in result.flags if f.code == Code.SCORE_MISMATCH]
    assert flags == [("H4", "error", due)]
    assert _at(_book(tmp_path, [(_project(executed, due, note), [])], "right.xlsx")) == []


CLEAN = [
    # 450 ÷ 500 = 90 % in "扣2分：85%≤执行率<95%": 10 − 2 = 8 (what a case takes off, under "满分10分")
    (
        "注：预算执行率得分：满分10分。扣0分：执行率≥95%；扣2分：85%≤执行率<95%；扣5分：75%≤执行率<85%；扣10分：执行率<75%",
        450,
        8.0,
    ),
    # 440 ÷ 500 = 88 %: 12 points short, 0.2 off each: 7.6 ("扣减0.2分/百分点")
    ("注：预算执行率得分：执行率未达到100%的，扣减0.2分/百分点，扣完为止。", 440, 7.6),
    # 475 ÷ 500 = 95 %: |95 − 100| = 5, 2 points past ±3 %: 10 − 2 = 8
    ("注：预算执行率得分：执行率与100%的偏差在±3%以内的，得满分；偏差每增加1个百分点扣1分。", 475, 8.0),
]


@pytest.mark.parametrize(("note", "executed", "declared"), CLEAN)
def test_a_right_score_under_a_note_is_not_held_to_the_default(
    tmp_path: Path, note: str, executed: float, declared: float
) -> None:
    # each is not 10 × 执行率 (9, 8.8, 9.5): before, the note was unread and 分值 × 执行率 gave an error
    result = _book(tmp_path, [(_project(executed, declared, note), [])])
    assert _at(result) == [] and result.instances[0].exec_score == pytest.approx(declared)


def test_a_note_it_cannot_read_keeps_the_declared_score(tmp_path: Path) -> None:
    # 440 ÷ 500 = 88 %; the note says how, in words perfxl does not read: the declared 7 is kept, with a note of
    # why (before: "应为 8.8", 10 × 88 %)
    note = "注：预算执行率得分：由评价小组结合项目实际酌情打分。"
    result = _book(tmp_path, [(_project(440, 7, note), [])])
    assert [(f.severity, f.code) for f in _at(result)] == [("info", Code.UNVERIFIABLE)]
    assert "酌情打分" in _at(result)[0].message and result.total == 97


def test_an_edge_the_note_leaves_open_is_a_warning(tmp_path: Path) -> None:
    # 475 ÷ 500 = 95 %, in both "95%-100%" (10) and "85%-95%" (8): the declared 8 follows the other reading
    note = "注：预算执行率得分：执行率在95%-100%区间的得10分，在85%-95%区间的得8分，85%以下不得分。"
    result = _book(tmp_path, [(_project(475, 8, note), [])])
    assert [(f.severity, f.code) for f in _at(result)] == [("warning", Code.SCORE_MISMATCH)]


def _annex(tmp_path: Path, header: str, row: tuple[str, int, str, float]) -> FileResult:
    """test_printed_rows' 附件4 and a 附件5 of its rates whose standards stand under ``header``; ``row`` (name, 分值,
    standard, 得分) is the 政府采购执行率's (115.2 ÷ 120 = 96 %); the 合计 adds what is declared."""
    rows = [
        ("过程", "预算执行", "预算调整率", 5, "≤5%计满分，每超过1个百分点扣0.5分，扣完为止", 3.5),  # 8 %: 5 − 1.5
        ("", "", row[0], row[1], row[2], row[3]),
        ("", "", "固定资产利用率", 5, "≥95%计满分，每降低1个百分点扣0.5分", 4),  # 93 %: 5 − 1 = 4
        ("", "预算管理", "公用经费控制率", 5, "≤100%计满分，每超出1%扣1分，扣完为止", 2),  # 103 %: 5 − 3 = 2
        ("", "", "“三公经费”控制率", 5, "≤100%计满分，每超过1个百分点扣1分，扣完为止", 0),  # 105 %: 5 − 5 = 0
        ("产出", "履职", "重点工作完成率", 10, "按重点工作完成情况计分", 9),
    ]
    base = Grid("附件4")
    base.put(1, 1, "附件4  部门整体支出绩效评价基础数据表")
    base.put_base_list(2, BASE)
    table = Grid("附件5")
    table.put(1, 1, "附件5  部门整体支出绩效自评指标计分表")
    table.put_rows(2, 1, [("一级指标", "二级指标", "三级指标", "分值", header, "得分"), *rows])
    table.put(3 + len(rows), 1, "合计")
    table.put(3 + len(rows), 4, sum(r[3] for r in rows))
    table.put(3 + len(rows), 6, round(sum(r[5] for r in rows), 2))
    return score_paths([save([base, table], tmp_path / "annex.xlsx")], auto_rules()).files[0]


DEFINED = "政府采购执行率=实际政府采购金额÷政府采购预算数×100%。≥98%得5分；90%≤执行率<98%得3分；<90%不得分"
ANNEX = [
    # the standard after the rate's definition, in one column under a joined header: 96 % in "90%≤执行率<98%": 3
    (
        "指标解释及评分标准",
        "政府采购执行率=实际政府采购金额÷政府采购预算数×100%。≥98%得5分；90%≤执行率<98%得3分；<90%不得分",
        3,
    ),
    # the same under 指标解释, the table's only text column
    ("指标解释", DEFINED, 3),
    # tiers numbered on lines of one cell: 96 % → 3
    ("评价标准", "1.执行率≥98%，得5分；\n2.90%≤执行率<98%，得3分；\n3.执行率<90%，不得分", 3),
    # a deviation: |96 − 100| = 4, 2 points past ±2 %: 5 − 2 × 0.5 = 4
    ("评价标准", "以100%为标准，偏差率在±2%以内（含2%）得满分；偏差率超出2%的，每超出1个百分点扣0.5分", 4),
]


@pytest.mark.parametrize(("header", "standard", "due"), ANNEX)
def test_a_score_table_row_scored_by_what_it_prints(tmp_path: Path, header: str, standard: str, due: float) -> None:
    # declared 4.8 (5 × 96 %): before, each standard was unread (the declared score kept) or not a standard at all
    result = _annex(tmp_path, header, ("政府采购执行率", 5, standard, 4.8))
    flags = [(f.cell, f.severity, f.computed) for f in result.flags if f.code == Code.SCORE_MISMATCH]
    assert flags == [("F4", "error", due)]
    assert result.total == pytest.approx(18.5 + due)  # 3.5 + 4 + 2 + 0 + 9 and the row's own
