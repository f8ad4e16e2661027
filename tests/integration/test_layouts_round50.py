"""A department's package: several projects' forms and a 汇总表 listing them in one workbook (round 50 of second
readers). Each 汇总 line is held to the form it names — the one form of that name, or, where two units each carry a
project of that name, the one its 实施单位 names; the return is the department's (its 填报单位), not the first
project's 实施单位."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from corpus.scored import INDICATOR_HEAD, PROJECT_FUNDS_HEAD, Row
from corpus.scored import book as _book

from perfxl.pipeline import _LIST as LIST
from perfxl.pipeline import score_paths
from perfxl.rules.auto import auto_rules


def _project(unit: str, budget: float, executed: float, rate: str, exec_score: float, total: float) -> list[Row]:
    """稷山县's 基本公共卫生服务项目 as each township hospital fills the national form: 90 points of indicators, all
    met, under a 10-point 执行率 (so 总分 = 执行率得分 + 90)."""
    return [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "基本公共卫生服务项目", "", "", "", "", "", "", ""],
        ["主管部门", "稷山县卫生健康局", "", "实施单位", unit, "", "", "", ""],
        PROJECT_FUNDS_HEAD,
        ["", "年度资金总额", budget, budget, executed, 10, rate, exec_score, ""],
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "建档人数", "≥8000人", "8120人", 40, 40, ""],
        ["", "效益指标", "社会效益指标", "规范管理率", "≥60%", "65%", 30, 30, ""],
        ["", "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "95%", 20, 20, ""],
        ["总分", "", "", "", "", "", 100, total, ""],
    ]


# 翟店: 46.2 ÷ 48 = 96.25 % → 9.63 (10 × 0.9625 = 9.625, half up), 总分 9.63 + 90 = 99.63;
# 化峪: 35.1 ÷ 36 = 97.50 % → 9.75, 总分 99.75
ZHAIDIAN = _project("稷山县翟店镇卫生院", 48, 46.2, "96.25%", 9.63, 99.63)
HUAYU = _project("稷山县化峪镇卫生院", 36, 35.1, "97.50%", 9.75, 99.75)


def _listing(unit_column: bool, second: Row) -> list[Row]:
    unit, zhaidian = (["实施单位"], ["稷山县翟店镇卫生院"]) if unit_column else ([], [])
    head = ["序号", "项目名称", *unit, "全年预算数", "全年执行数", "执行率", "自评得分"]
    first: Row = [1, "基本公共卫生服务项目", *zhaidian, 48, 46.2, "96.25%", 99.63]
    return [
        ["2023年度项目支出绩效自评汇总表", "", "", "", "", "", ""],
        ["填报单位：稷山县卫生健康局", "", "", "", "", "", "单位：万元"],
        head,
        first,
        second,
    ]


def test_two_units_projects_of_one_name_each_held_to_their_own_line(tmp_path: Path) -> None:
    clean: Row = [2, "基本公共卫生服务项目", "稷山县化峪镇卫生院", 36, 35.1, "97.50%", 99.75]
    result = _book(tmp_path, [(ZHAIDIAN, []), (HUAYU, []), (_listing(True, clean), [])], "clean.xlsx")
    assert [f for f in result.flags if f.severity != "info"] == []
    # the return is the department's, as the 汇总表's 填报单位 says, not the first form's 实施单位
    assert result.unit == "稷山县卫生健康局"
    # 化峪's line typed with 翟店's total: flagged against 化峪's own form (99.75), and 翟店's line, right, is not
    wrong: Row = [2, "基本公共卫生服务项目", "稷山县化峪镇卫生院", 36, 35.1, "97.50%", 99.63]
    for name, sheets in (("ab.xlsx", [ZHAIDIAN, HUAYU]), ("ba.xlsx", [HUAYU, ZHAIDIAN])):
        result = _book(tmp_path, [(sheets[0], []), (sheets[1], []), (_listing(True, wrong), [])], name)
        flags = [f for f in result.flags if f.severity != "info"]
        assert [(f.sheet, f.cell, f.computed) for f in flags] == [("自评表3", "G5", 99.75)], flags


def test_a_unit_in_brackets_after_the_name_says_which_form_and_no_unit_says_none(tmp_path: Path) -> None:
    wrong: Row = [2, "基本公共卫生服务项目（化峪镇卫生院）", 36, 35.1, "97.50%", 99.63]
    result = _book(tmp_path, [(ZHAIDIAN, []), (HUAYU, []), (_listing(False, wrong), [])])
    flags = [f for f in result.flags if f.severity != "info"]
    assert [(f.cell, f.computed) for f in flags] == [("F5", 99.75)], flags
    # two forms of the name and nothing saying which: no line is held to either (翟店's 99.63 is right, and 化峪's
    # form would have called it wrong)
    bare: Row = [2, "基本公共卫生服务项目", 36, 35.1, "97.50%", 99.75]
    result = _book(tmp_path, [(ZHAIDIAN, []), (HUAYU, []), (_listing(False, bare), [])], "bare.xlsx")
    assert [f for f in result.flags if f.severity != "info"] == []


def test_a_form_with_no_weight_column_has_a_total_a_list_line_is_held_to(tmp_path: Path) -> None:
    """黄石 海绵城市 2022 (tests/corpus/real): 湖北's form prints 预算执行情况 (20分) and 年度绩效目标 (80分) but no
    分值 column. Its total is the 执行率得分 20 × 195.5 ÷ 200 = 19.55 and the eight rows' 10 each: 99.55, as
    printed (优). A 汇总 line typing 98.55 for it is held to that total."""
    from corpus.build import build
    from corpus.transcript import REAL

    path = build(REAL / "proj-hubei-huangshi-2022-haimian.yaml", tmp_path)
    (alone,) = score_paths([path], auto_rules()).files
    (form,) = alone.instances
    assert (form.total, form.declared_total, form.grade) == (99.55, 99.55, "优")
    assert (alone.total, alone.grade) == (99.55, "优")
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("汇总表")
    for row in (
        ["序号", "项目名称", "预算数", "执行数", "执行率", "自评得分"],
        [1, "黄石市系统化全域海绵城市示范城市的申报工作经费", 200, 195.5, "97.75%", 98.55],
    ):
        sheet.append(row)
    book.save(path)
    (result,) = score_paths([path], auto_rules()).files
    flags = [f for f in result.flags if f.severity != "info"]
    assert [(f.sheet, f.cell, f.computed) for f in flags] == [("汇总表", "F2", 99.55)], flags


def test_a_numbering_column_heading_the_funds_rows_keeps_the_funds_block(tmp_path: Path) -> None:
    """鄂州 市民中心 2021 (tests/corpus/real) with a 序号 column put left of the form, as some counties print it: the
    funds header "序号 | 项目资金 (万元) | | 年初预算数 …" is a form's header, not a 汇总 list's (no 项目名称 in it).
    The page's own 执行率 row prints 分值 100 and 得分 98: 100 × 125.25 ÷ 150 = 83.5, flagged as on the page
    without the column (the 100 itself against the indicators' points is flagged too)."""
    from corpus.cells import typed
    from corpus.grid import Grid, parse_range, save
    from corpus.transcript import REAL, load

    (page,) = load(REAL / "proj-hubei-ezhou-2021-shiminzhongxin.yaml").sheets
    grid = Grid(page.name)
    for r, row in enumerate(page.rows, start=1):
        numbered = ("序号" if r in (5, 12) else str(r - 5) if 6 <= r <= 9 else "", *row)
        for c, text in enumerate(numbered, start=1):
            if text:
                grid.put(r, c, *typed(text))
    for ref in page.merges:
        top, left, bottom, right = parse_range(ref)
        grid.merge(top, left + 1, bottom, right + 1)
    path = save([grid], tmp_path / "numbered.xlsx")
    (result,) = score_paths([path], auto_rules()).files
    (form,) = result.instances
    assert [(f.annual, f.executed) for f in form.funds][:1] == [(150, 125.25)]
    assert (form.exec_weight, form.exec_score, form.exec_declared) == (100, 83.5, 98)
    flagged = {f.cell: f for f in result.flags if f.severity != "info"}
    assert flagged["I6"].code == "score-mismatch" and flagged["I6"].computed == 83.5


def test_scores_adding_up_past_the_forms_marks_make_no_total(tmp_path: Path) -> None:
    """区商务局 服务贸易 2020 (tests/corpus/real), the same 湖北-style form: 执行率得分 20 and indicator scores 6 × 10 +
    2 × 20 = 100 add up to 120 on a 100-point form (its 年度绩效目标 says 80, its groups 60 + 40): no total is
    claimed — no 分值 says which score is wrong — and the 80 against 60 + 40 is flagged at A10, as before."""
    from corpus.build import build
    from corpus.transcript import REAL

    path = build(REAL / "proj-unknown-2020-fuwumaoyi-qushangwuju.yaml", tmp_path)
    (result,) = score_paths([path], auto_rules()).files
    (form,) = result.instances
    assert (form.total, form.grade, result.total) == (None, None, None)
    assert [(f.cell, f.code, f.computed) for f in result.flags if f.severity == "error"] == [
        ("A10", "sum-mismatch", 100)
    ]


def test_a_numbered_list_whose_names_are_headed_in_other_words_is_no_form(tmp_path: Path) -> None:
    # the review: "序号 | 单位 | 年初预算数 …" lists units, one a line, with no funds line (年度资金总额) under it —
    # read as a form's funds, its first line's 自评得分 99.63 had been judged as an 执行率得分 of 9.63
    listing: list[Row] = [
        ["2023年度项目支出绩效自评汇总表", "", "", "", "", "", ""],
        ["序号", "单位", "年初预算数", "全年预算数", "全年执行数", "执行率", "自评得分"],
        [1, "稷山县翟店镇卫生院", 48, 48, 46.2, "96.25%", 99.63],
        [2, "稷山县化峪镇卫生院", 36, 36, 35.1, "97.50%", 99.75],
    ]
    result = _book(tmp_path, [(ZHAIDIAN, []), (listing, [])])
    assert [f for f in result.flags if f.severity != "info"] == []
    assert [i.sheet for i in result.instances] == ["自评表1"]


def test_a_sheet_of_instructions_names_no_unit(tmp_path: Path) -> None:
    # the review: "1.单位名称：填写预算单位全称，与部门预算一致。" on a 填表说明 sheet is no unit's name; the form's
    # 实施单位 stays the return's unit
    notes: list[Row] = [
        ["填表说明"],
        ["1.单位名称：填写预算单位全称，与部门预算一致。"],
        ["2.项目名称：填写项目名称。"],
    ]
    result = _book(tmp_path, [(ZHAIDIAN, []), (notes, [])])
    assert result.unit == "稷山县翟店镇卫生院"


def test_a_bracket_naming_no_unit_is_another_project(tmp_path: Path) -> None:
    # the review: "基本公共卫生服务项目（二期）" is not the line of the form named 基本公共卫生服务项目 (翟店's): a
    # bracket after a name picks a form only where it names that form's unit
    other: Row = [2, "基本公共卫生服务项目（二期）", 36, 35.1, "97.50%", 99.75]
    result = _book(tmp_path, [(ZHAIDIAN, []), (_listing(False, other), [])])
    assert [f for f in result.flags if f.severity != "info"] == []


def test_a_unit_column_headed_as_a_list_word_tells_two_forms_apart(tmp_path: Path) -> None:
    # the review: a 汇总 list "序号 | 项目名称 | 单位名称 | …" — 单位名称 names each line's unit, as 实施单位 does
    wrong: Row = [2, "基本公共卫生服务项目", "稷山县化峪镇卫生院", 36, 35.1, "97.50%", 99.63]
    rows = _listing(True, wrong)
    rows[2] = [cell if cell != "实施单位" else "单位名称" for cell in rows[2]]
    result = _book(tmp_path, [(ZHAIDIAN, []), (HUAYU, []), (rows, [])])
    flags = [f for f in result.flags if f.severity != "info"]
    assert [(f.cell, f.computed) for f in flags] == [("G5", 99.75)], flags


def test_a_score_left_blank_on_a_form_with_no_weight_column_makes_its_total_a_part(tmp_path: Path) -> None:
    # the review: 黄石's form with its 质量指标 得分 (G11) left blank: 19.55 + 7 × 10 = 89.55 is a part, not the
    # form's total — no 分值 lets perfxl work the blank score out — so no grade is given (it had been 良)
    from corpus.build import build
    from corpus.transcript import REAL

    path = build(REAL / "proj-hubei-huangshi-2022-haimian.yaml", tmp_path)
    book = openpyxl.load_workbook(path)
    book["项目自评表"]["G11"] = None
    book.save(path)
    (result,) = score_paths([path], auto_rules()).files
    (form,) = result.instances
    assert (form.total, form.grade, result.grade) == (89.55, None, None)
    # round 53: nor is the typed 总分 99.55 held to 89.55 (the blank score is not known to be 0)
    assert [f for f in result.flags if f.severity == "error"] == []


def test_an_instructions_sheet_first_names_no_unit_and_a_year_bracket_is_the_same_project(tmp_path: Path) -> None:
    # round 53: a 填表说明 sheet put first, "填报单位：填写项目实施单位全称并加盖公章。", is no unit's name; and a 汇总
    # line "基本公共卫生服务项目（2023年）" is the line of the 2023 form of that name (98.63 typed for its 99.63) — a
    # "（2022年）" line is not (the review: last year's line had been held to this year's form)
    notes: list[Row] = [["填表说明"], ["填报单位：填写项目实施单位全称并加盖公章。"]]
    form = [["2023年度项目支出绩效自评表", *row[1:]] if i == 0 else row for i, row in enumerate(ZHAIDIAN)]
    line: Row = [2, "基本公共卫生服务项目（2023年）", 48, 46.2, "96.25%", 98.63]
    rows = _listing(False, line)
    rows[3] = [1, "基本公共卫生服务项目（2022年）", 40, 40, "100%", 100]
    result = _book(tmp_path, [(notes, []), (form, []), (rows, [])])
    assert result.unit == "稷山县卫生健康局"  # the 汇总表's 填报单位, the strongest label of a sheet with a table
    flags = [f for f in result.flags if f.severity != "info"]
    assert [(f.sheet, f.cell, f.computed) for f in flags] == [("自评表3", "F5", 99.63)], flags


def test_a_list_of_units_headed_yu_suan_dan_wei_alone_in_its_workbook(tmp_path: Path) -> None:
    # round 53: "序号 | 预算单位 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 自评得分 | 自评等级" with its 合计
    # was refused ("没有找到指标名称列"); it is a list: 2093.6 ÷ 2191 = 95.55 % (typed 95.65 %), 88.6 is 良 (typed 优),
    # 合计 执行数 1050.3 + 2093.6 = 3143.9 (typed 3134.9). (A bare 单位 stays no list word: it heads units of measure
    # in indicator tables and "单位（万元）" captions of funds blocks.)
    listing: list[Row] = [
        ["2023年度部门预算绩效自评结果汇总表", "", "", "", "", "", "", ""],
        ["序号", "预算单位", "年初预算数", "全年预算数", "全年执行数", "执行率", "自评得分", "自评等级"],
        [1, "桃江县财政局机关", 1000, 1080, 1050.3, "97.25%", 96.2, "优"],
        [2, "桃江县国库集中支付中心", 2100, 2191, 2093.6, "95.65%", 88.6, "优"],
        ["合计", "", 3100, 3271, 3134.9, "95.84%", "", ""],
    ]
    result = _book(tmp_path, [(listing, [])])
    assert result.status == "ok"
    flags = {f.cell: f for f in result.flags if f.severity != "info"}
    assert sorted(flags) == ["E5", "F4", "H4"], flags
    assert flags["F4"].computed == 95.55 and flags["H4"].computed == "良" and flags["E5"].computed == 3143.9


def test_the_third_review_numbered_funds_over_a_total_line_real_names_and_years(tmp_path: Path) -> None:
    # a form's funds header numbered by 序号 over one line labelled 合计 (the block's 分值 column says it is a form's):
    # its 执行率得分 9 against 10 × 46.2 ÷ 48 = 9.63 is found, as without the 序号
    form = [list(row) for row in ZHAIDIAN]
    form[3] = ["序号", *form[3][1:]]
    form[4] = [1, "合计", *form[4][2:]]
    form[4][7] = 9
    form[9][7] = 99.0  # the 总分 built from it: 9 + 90
    result = _book(tmp_path, [(form, [])], "numbered.xlsx")
    flags = {f.cell: f for f in result.flags if f.severity != "info"}
    assert list(flags) == ["H5"] and flags["H5"].computed == 9.63, flags
    # a unit's real name may hold 审核 (医疗保障基金审核结算中心): it is no instruction
    named = [["填报单位：荆州市医疗保障基金审核结算中心", "", "", "", "", "", "", "", ""], *ZHAIDIAN]
    assert _book(tmp_path, [(named, [])], "named.xlsx").unit == "荆州市医疗保障基金审核结算中心"
    # "…（2023年）" names the form of that name whose title states no year, where no other line bears the name
    line: Row = [2, "基本公共卫生服务项目（2023年）", 48, 46.2, "96.25%", 95.5]
    rows = _listing(False, line)
    del rows[3]
    result = _book(tmp_path, [(ZHAIDIAN, []), (rows, [])], "year.xlsx")
    assert [(f.cell, f.computed) for f in result.flags if f.severity != "info"] == [("F4", 99.63)]


def test_a_total_of_80_beside_a_blank_execution_score_on_a_form_with_no_weight_column(tmp_path: Path) -> None:
    # the third review: 黄石's form with its 执行率得分 left blank and 总分 typed 80 (the indicators alone): the 总分
    # covers the whole form, 19.55 (its funds' score) + 80 = 99.55 — the score perfxl supplied does not make the 总分
    # a part
    from corpus.build import build
    from corpus.transcript import REAL

    path = build(REAL / "proj-hubei-huangshi-2022-haimian.yaml", tmp_path)
    book = openpyxl.load_workbook(path)
    book["项目自评表"]["F8"], book["项目自评表"]["G18"] = None, 80
    book.save(path)
    (result,) = score_paths([path], auto_rules()).files
    errors = [f for f in result.flags if f.severity == "error"]
    assert [(f.cell, f.code, f.computed) for f in errors] == [("G18", "sum-mismatch", 99.55)], errors


def test_a_cover_names_the_return_and_a_sheet_of_instructions_does_not(tmp_path: Path) -> None:
    # round 53: a 封面 put first, "填报单位（盖章）：稷山县卫生健康局", names the return (the department that stamps
    # it), not the form's 实施单位; a 填表说明 sheet put first describes the field ("单位名称：指预算单位的规范名称")
    # and names nothing
    cover: list[Row] = [["2023年度项目支出绩效自评报告"], ["填报单位（盖章）：稷山县卫生健康局"]]
    assert _book(tmp_path, [(cover, []), (ZHAIDIAN, [])], "cover.xlsx").unit == "稷山县卫生健康局"
    notes: list[Row] = [["填表说明"], ["单位名称：指预算单位的规范名称"], ["项目名称：项目的规范名称"]]
    assert _book(tmp_path, [(notes, []), (ZHAIDIAN, [])], "notes.xlsx").unit == "稷山县翟店镇卫生院"


def test_a_numbered_list_of_units_under_a_bare_unit_header(tmp_path: Path) -> None:
    # round 53: "序号 | 单位 | 全年预算数 …" over units' names was no list (a bare 单位 heads units of measure, so it is
    # no list word): under a 序号 it names the lines when the cell below it is a name. 728 ÷ 800 = 91.00 % (typed
    # 91.50 %); 480 ÷ 500 = 96.00 % and the 合计 480 + 728 = 1208, 1208 ÷ 1300 = 92.92 % are right.
    listing: list[Row] = [
        ["2023年度部门整体支出绩效自评结果汇总表", "", "", "", "", "", ""],
        ["序号", "单位", "全年预算数", "全年执行数", "执行率", "自评得分", "自评等级"],
        [1, "安化县林业局", 500, 480, "96.00%", 92.5, "优"],
        [2, "安化县水利局", 800, 728, "91.50%", 85, "良"],
        ["合计", "", 1300, 1208, "92.92%", "", ""],
    ]
    result = _book(tmp_path, [(listing, [])])
    assert result.status == "ok"
    flags = {f.cell: f for f in result.flags if f.severity != "info"}
    assert sorted(flags) == ["E4"], flags
    assert flags["E4"].computed == 91.0
    # a bare 单位 over units of measure is no list's names: the indicator table keeps its rows
    table: list[Row] = [
        ["序号", "指标", "单位", "目标值", "实际值", "分值", "得分"],
        [1, "培训人数", "人", 100, 120, 50, 50],
        [2, "合格率", "%", 90, 95, 50, 50],
    ]
    other = _book(tmp_path, [(table, [])], "units.xlsx")
    assert result.forms == [{"form": LIST, "sheet": "自评表"}]
    assert all(form["form"] != LIST for form in other.forms), other.forms
