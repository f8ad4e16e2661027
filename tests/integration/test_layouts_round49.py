"""Workbook mechanics (round 49 of second readers): formulas a tool saved without their results, and a total's amount
typed wrong while the rate and score were worked from its right parts.

The form is the national 项目支出绩效自评表 of a 职业技能培训 project, worked by hand: 执行率 118.60 ÷ 125.00 =
94.88 % → 10 × 94.88 % = 9.49; the indicators 13.88 (15 × 1850 ÷ 2000 = 13.875), 10, 10, 10, 4.69 (5 × 300 ÷ 320 =
4.6875, a cost over its ceiling), 20, 10, 9.78 (10 × 88 ÷ 90 = 9.777…) add up to 88.35; 总分 9.49 + 88.35 = 97.84, 优.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from corpus.scored import INDICATOR_HEAD, PROJECT_FUNDS_HEAD, Row
from corpus.scored import book as _book

from perfxl.pipeline import score_paths
from perfxl.rules import load_rules

REASON = "受客观因素影响未完全达到目标"
ROWS: list[Row] = [
    ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
    ["项目名称", "2023年职业技能提升培训项目", "", "", "", "", "", "", ""],
    PROJECT_FUNDS_HEAD,
    ["", "年度资金总额", 120, 125, 118.6, 10, "94.88%", 9.49, ""],  # row 4
    ["", "其中：当年财政拨款", 100, 105, 99.8, "—", "95.05%", "—", ""],
    ["", "上年结转资金", 20, 20, 18.8, "—", "94.00%", "—", ""],
    ["", "其他资金", 0, 0, 0, "—", "", "—", ""],
    INDICATOR_HEAD,  # row 8
    ["", "产出指标", "数量指标", "培训人次", "≥2000人次", "1850人次", 15, 13.88, REASON],
    ["", "", "", "采购教学设备数量", "≥40台", "40台", 10, 10, ""],
    ["", "", "质量指标", "培训考核合格率", "≥95%", "98%", 10, 10, ""],
    ["", "", "时效指标", "按时完成率", "100%", "100%", 10, 10, ""],
    ["", "", "成本指标", "人均培训成本", "≤300元", "320元", 5, 4.69, REASON],
    ["", "效益指标", "社会效益指标", "受训人员就业率", "≥85%", "88%", 20, 20, ""],
    ["", "", "可持续影响指标", "设备使用年限", "≥5年", "5年", 10, 10, ""],
    ["", "满意度指标", "服务对象满意度指标", "受训人员满意度", "≥90%", "88%", 10, 9.78, REASON],
    ["总分", "", "", "", "", "", 100, 97.84, ""],  # row 17
    ["评价等级", "", "", "", "", "", "优", "", ""],  # row 18
]


def _with_formulas(tmp_path: Path, name: str, formulas: dict[str, str]) -> Path:
    """The form saved by openpyxl with some cells made formulas: openpyxl, like the tools that export forms without a
    spreadsheet engine, saves no result with them (<v></v>)."""
    clean = _book(tmp_path, [(ROWS, [])], f"{name}-values.xlsx")
    assert (clean.total, clean.grade) == (97.84, "优") and not [f for f in clean.flags if f.severity != "info"]
    book = openpyxl.load_workbook(tmp_path / f"{name}-values.xlsx")
    for ref, formula in formulas.items():
        book.active[ref] = formula
    path = tmp_path / f"{name}.xlsx"
    book.save(path)
    return path


def test_formulas_saved_without_results_are_said_once_and_make_no_total_or_grade(tmp_path: Path) -> None:
    # the total line's amounts, rate and score and the 总分 and 等级 as formulas with no result: nothing of them can
    # be read, so the 执行率 score is not known and 88.35 (the indicators) is no total to grade
    formulas = {
        "C4": "=SUM(C5:C7)",
        "D4": "=SUM(D5:D7)",
        "E4": "=SUM(E5:E7)",
        "G4": "=E4/D4",
        "H4": "=ROUND(MIN(F4,F4*E4/D4),2)",
        "H17": "=H4+SUM(H9:H16)",
        "G18": '=IF(H17>=90,"优","良")',
    }
    path = _with_formulas(tmp_path, "uncached", formulas)
    (result,) = score_paths([path], load_rules("national-2020")).files
    errors = [f for f in result.flags if f.severity == "error"]
    (said,) = [f for f in errors if f.cell == "C4"]
    assert said.code == "bad-value" and "公式未计算" in said.message
    assert all(f"({ref})" in said.message for ref in ("C4", "D4", "E4", "G4", "H4")) and "等 7 个单元格" in said.message
    # nothing else is claimed of them: no grade against a sum that leaves the 执行率 score out
    assert {f.cell for f in errors} == {"C4"}, errors
    (form,) = result.instances
    assert form.total == 88.35 and form.grade is None and result.grade is None


def test_indicator_scores_saved_without_results_leave_the_typed_total_unjudged_by_them(tmp_path: Path) -> None:
    # every indicator 得分 a formula with no result, the 总分 97.84 and 优 typed: perfxl's own scores give 97.84 (优),
    # the typed total is not held to a Σ of scores it cannot read
    formulas = {f"H{row}": f"=G{row}" for row in range(9, 17)}
    path = _with_formulas(tmp_path, "scores", formulas)
    (result,) = score_paths([path], load_rules("national-2020")).files
    errors = [f for f in result.flags if f.severity == "error"]
    assert [(f.cell, f.code) for f in errors] == [("H9", "bad-value")], errors
    assert "等 8 个单元格" in errors[0].message
    assert (result.total, result.grade) == (97.84, "优")


def test_a_total_typed_wrong_whose_rate_and_score_follow_its_parts(tmp_path: Path) -> None:
    # 全年执行数 typed 181.6 for 118.6 (99.8 + 18.8 + 0): the 94.88 % and 9.49 declared follow the parts, so the
    # amount is the slip, said at E4, and the form's total stays 97.84 (not 10 × capped 181.6 ÷ 125 = 10 → 98.35)
    rows = [list(row) for row in ROWS]
    rows[3][4] = 181.6
    result = _book(tmp_path, [(rows, [])])
    errors = [f for f in result.flags if f.severity == "error"]
    assert [(f.cell, f.computed) for f in errors] == [("E4", 118.6)], errors
    (form,) = result.instances
    assert form.exec_score is not None and round(form.exec_score, 4) == 9.488
    assert (form.total, form.grade) == (97.84, "优")
    assert form.funds[0].working == "118.6 / 125 = 94.88%"


def test_a_partial_total_is_said_in_the_batch_summary(tmp_path: Path) -> None:
    # the summary's 复核总分 column shows 88.35 for the form whose 执行率 score cannot be read: its 备注 says the
    # total is a part and why there is no 等级, so that a bureau does not take 88.35 for the unit's score
    from perfxl import api

    formulas = {"E4": "=SUM(E5:E7)", "G4": "=E4/D4", "H4": "=ROUND(MIN(F4,F4*E4/D4),2)"}
    path = _with_formulas(tmp_path, "partial", formulas)
    api.audit([path], tmp_path / "汇总.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "汇总.xlsx")["汇总"]
    header = [c.value for c in sheet[3]]
    (row,) = [[c.value for c in r] for r in sheet.iter_rows(min_row=4) if r[2].value == str(path)]
    line = dict(zip(header, row, strict=True))
    assert (line["复核总分"], line["等级"]) == (88.35, None)
    assert "复核总分不完整(有得分未填写或无法读取)，未评等级" in line["备注"]


def test_a_part_typed_off_while_the_total_line_is_right_keeps_the_lines_own_score(tmp_path: Path) -> None:
    # the review: 上年结转资金 执行数 typed 18.9 (parts 99.8 + 18.9 = 118.7 ≠ 118.6); the total line's own 118.6 gives
    # the declared 9.49 already, so its parts are not asked: 执行率得分 9.488, 总分 97.84 (not 97.85 from 118.7); the
    # slip is the part's (18.9 ÷ 20 = 94.50 % against its declared 94.00 %), said at E6
    rows = [list(row) for row in ROWS]
    rows[5][4] = 18.9
    result = _book(tmp_path, [(rows, [])])
    (form,) = result.instances
    assert form.exec_score is not None and round(form.exec_score, 4) == 9.488
    assert (form.total, form.grade) == (97.84, "优")
    assert [f.cell for f in result.flags if f.severity == "error"] == ["E6"]


def test_words_for_no_amount_and_a_grade_formula_without_its_result(tmp_path: Path) -> None:
    # the review: "不涉及" typed in the 其他资金 line is the person's word for none, no unreadable cell; a 等级 that is
    # a formula without its result is said as such, not as a grade that disagrees with the total
    rows = [list(row) for row in ROWS]
    rows[6][2:5] = ["不涉及", "不涉及", "不涉及"]
    path = _with_formulas(tmp_path, "grade", {"G18": '=IF(H17>=90,"优","良")'})
    for result in (
        _book(tmp_path, [(rows, [])], "words.xlsx"),
        score_paths([path], load_rules("national-2020")).files[0],
    ):
        errors = [f for f in result.flags if f.severity == "error"]
        assert [(f.cell, f.code) for f in errors] == ([("G18", "bad-value")] if result.file == str(path) else [])
        assert (result.total, result.grade) == (97.84, "优")


def test_a_score_that_is_an_error_value_leaves_the_total_room_to_its_weight(tmp_path: Path) -> None:
    # the third review: 采购教学设备数量's 得分 shows #REF! (perfxl's own rule gives 10 of 10). A typed 总分 89.84 with
    # 良 is one the unread score could make (97.84 − 10 + 0…10 = 87.84…97.84): only the #REF! is said. A typed 60 with
    # 中 no score could make: the 总分 is wrong (97.84 by perfxl), said once — its 等级 follows the typed 60
    for total, grade, cells in ((89.84, "良", ["H10"]), (60, "中", ["H10", "H17"])):
        rows = [list(row) for row in ROWS]
        rows[9][7], rows[16][7], rows[17][6] = "#REF!", total, grade
        result = _book(tmp_path, [(rows, [])], f"ref-{total}.xlsx")
        errors = {f.cell: f for f in result.flags if f.severity == "error"}
        assert sorted(errors) == cells, errors
        assert errors["H10"].code == "bad-value" and "#REF!" in errors["H10"].message
        if "H17" in errors:
            assert errors["H17"].code == "sum-mismatch" and errors["H17"].computed == 97.84
