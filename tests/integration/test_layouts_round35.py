"""部门整体 score tables of indicator systems no built-in rule set knows, from a thirty-fifth round of second readers:
a reviewer's column beside the unit's scores, a 自评总分 written above the table, a 完成情况 column, blank scores on
rows scored by their printed standard. Each failed before the change that reads it; every figure is worked out by
hand in the comments."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from corpus.scored import INDICATOR_HEAD, PROJECT_FUNDS_HEAD, Row, book

from perfxl.api import score

_EXEC = "预算执行率≥95%得满分，每低1个百分点扣0.5分，扣完为止"
_CARRY = "结转结余率≤5%得满分；5%-10%(含)得3分；10%以上不得分"
_BUY = "政府采购执行率100%得满分，每低于1个百分点扣0.2分，扣完为止"


def _reviewed(
    unit: tuple[object, ...], reviewer: tuple[object, ...], head: str = "", reviewer_first: bool = False
) -> list[Row]:
    """得分 merged over 自评得分 | 复核得分 (G3:H3; 复核得分 | 自评得分 with ``reviewer_first``), six rows, five of them
    stating their own rate, a 合计 and a 自评等级 row; ``unit`` and ``reviewer`` are each column's eight cells (six
    rows, the 合计, the 等级)."""
    heads = ["复核得分", "自评得分"] if reviewer_first else ["自评得分", "复核得分"]
    rows: list[Row] = [
        ["2023年度部门整体支出绩效自评表", "", "", "", "", "", "", ""],
        ["部门名称：某市生态环境局", "", "", "", "", head, "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "实际完成值", "得分", ""],
        ["", "", "", "", "", "", *heads],
        ["预算执行", "支出进度", "预算执行率", 10, _EXEC, "93.6%"],
        ["", "结转结余", "结转结余率", 5, _CARRY, "3.6%"],
        ["", "政府采购", "政府采购执行率", 5, _BUY, "97.5%"],
        ["预算管理", "资金管理", "资金使用合规性", 5, "资金使用符合规定得满分，发现一项违规扣1分", "合规"],
        ["", "信息公开", "预决算信息公开性", 5, "按规定公开得满分，每缺一项扣1分", "公开4项，缺1项"],
        ["履职效能", "重点工作", "重点工作完成情况", 70, "按重点工作完成情况评定", "全部完成"],
        ["合计", "", "", 100, "", ""],
        ["自评等级", "", "", "", "", ""],
    ]
    for r, pair in enumerate(zip(unit, reviewer, strict=True), start=4):
        rows[r] += list(reversed(pair)) if reviewer_first else list(pair)
    return rows


_MERGES = ["G3:H3", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "A5:A7", "A8:A9", "A11:C11", "A12:C12"]
# by hand, each row's rate against its printed standard: 93.6 % → 10 − 1.4 × 0.5 = 9.3; 3.6 % ≤ 5 % → 5;
# 97.5 % → 5 − 2.5 × 0.2 = 4.5; the three 定性 rows kept as declared (5, 4 and 70). Σ = 9.3 + 5 + 4.5 + 5 + 4 + 70
# = 97.8: 优 (≥ 90). The reviewer's column takes off more: Σ 88.5, 良.
_RIGHT = (9.3, 5, 4.5, 5, 4, 70, 97.8, "优")
_REVIEWER = (8, 5, 4.5, 4, 4, 63, 88.5, "良")
_BLANK = ("",) * 8


def test_the_unit_s_own_scores_are_read_not_the_reviewer_s(tmp_path: Path) -> None:
    # the unit typed 10 for 预算执行率 (should be 9.3) and a 合计 of 98.5 = 10 + 5 + 4.5 + 5 + 4 + 70, right by its
    # own scores; the reviewer's column holds other figures and is no one's to check
    unit = (10, 5, 4.5, 5, 4, 70, 98.5, "优")
    result = book(tmp_path, [(_reviewed(unit, _REVIEWER), _MERGES)], rules="auto")
    errors = {f.cell: f.code for f in result.flags if f.severity == "error"}
    assert errors == {"G5": "score-mismatch"}
    assert not [f for f in result.flags if f.cell and f.cell.startswith("H")]
    assert result.declared_total == 98.5


def test_the_reviewer_s_column_printed_first_is_not_the_unit_s(tmp_path: Path) -> None:
    # 复核得分 | 自评得分: the unit's scores, 合计 97.8 and 优 are in H and right; the reviewer's 88.5 and 良 in G
    # are nobody's to check
    rows = _reviewed(_RIGHT, _REVIEWER, reviewer_first=True)
    result = book(tmp_path, [(rows, _MERGES)], rules="auto")
    assert not [f for f in result.flags if f.severity in ("error", "warning")]
    assert result.declared_total == 97.8


def test_a_reviewer_s_blank_column_is_left_blank_in_the_scored_copy(tmp_path: Path) -> None:
    # the unit's column right (Σ 97.8), the bureau's 复核得分 left blank as returned: the copy writes nothing there
    source = tmp_path / "in.xlsx"
    result = book(tmp_path, [(_reviewed(_RIGHT, _BLANK), _MERGES)], name="in.xlsx", rules="auto")
    assert not [f for f in result.flags if f.severity in ("error", "warning")]
    assert result.total == 97.8
    score(source, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["自评表"]
    assert [sheet[f"H{r}"].value for r in range(5, 13)] == [None] * 8


def test_the_unit_s_blank_total_and_grade_are_filled_beside_the_reviewer_s(tmp_path: Path) -> None:
    # the unit left its 合计 and 等级 blank, the reviewer filled 88.5 and 良: the unit's are 97.8 and 优, filled in G;
    # nothing is said of H
    unit = (*_RIGHT[:6], "", "")
    source = tmp_path / "in.xlsx"
    result = book(tmp_path, [(_reviewed(unit, _REVIEWER), _MERGES)], name="in.xlsx", rules="auto")
    assert not [f for f in result.flags if f.severity in ("error", "warning")]
    score(source, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["自评表"]
    assert (sheet["G11"].value, sheet["G12"].value, sheet["H11"].value, sheet["H12"].value) == (97.8, "优", 88.5, "良")


def test_a_total_written_above_the_table_is_held_to_its_scores(tmp_path: Path) -> None:
    # "自评总分：98.8分，自评等级：良" in one cell: 98.8 against the scores' 97.8 (an error at F2), and the 等级 after
    # the comma read and held to them as well: 97.8 is 优, not 良 — though the 等级 row below says 优
    rows = _reviewed(_RIGHT, _BLANK, head="自评总分：98.8分，自评等级：良")
    result = book(tmp_path, [(rows, _MERGES)], rules="auto")
    said = {(f.code, f.declared, f.computed) for f in result.flags if f.cell == "F2" and f.severity == "error"}
    assert said == {("sum-mismatch", 98.8, 97.8), ("grade-mismatch", "良", "优")}


def test_a_total_written_as_zongfen_above_the_table(tmp_path: Path) -> None:
    # "总分：96.8　等级：优": 96.8 against 97.8
    rows = _reviewed(_RIGHT, _BLANK, head="总分：96.8　等级：优")
    result = book(tmp_path, [(rows, _MERGES)], rules="auto")
    said = {(f.code, f.declared, f.computed) for f in result.flags if f.cell == "F2" and f.severity == "error"}
    assert said == {("sum-mismatch", 96.8, 97.8)}


def test_the_full_mark_written_above_the_table_is_not_a_declared_total(tmp_path: Path) -> None:
    # "说明：本表满分100分，总分：100分" and a bare "总分：100" state the most the table can score: the scores' 97.8 is
    # not held to them; "自评总分：100" is the unit's own (100 against 97.8 an error at F2)
    for head, flagged in (("说明：本表满分100分，总分：100分", set()), ("总分：100", set())):
        result = book(tmp_path, [(_reviewed(_RIGHT, _BLANK, head=head), _MERGES)], rules="auto")
        assert {f.code for f in result.flags if f.cell == "F2" and f.severity == "error"} == flagged, head
    result = book(tmp_path, [(_reviewed(_RIGHT, _BLANK, head="自评总分：100"), _MERGES)], rules="auto")
    said = {(f.code, f.declared, f.computed) for f in result.flags if f.cell == "F2" and f.severity == "error"}
    assert said == {("sum-mismatch", 100, 97.8)}
    # the review: a 总分 other than the 满分 the cell prints is the unit's (96.8 against 97.8)
    result = book(tmp_path, [(_reviewed(_RIGHT, _BLANK, head="满分：100分，总分：96.8分"), _MERGES)], rules="auto")
    said = {(f.code, f.declared, f.computed) for f in result.flags if f.cell == "F2" and f.severity == "error"}
    assert said == {("sum-mismatch", 96.8, 97.8)}
    # round 40: the unit's own 自评得分 after a note of the full mark is still the unit's: 98.8 against 97.8
    result = book(
        tmp_path, [(_reviewed(_RIGHT, _BLANK, head="本表满分100分，自评得分：98.8分"), _MERGES)], rules="auto"
    )
    said = {(f.code, f.declared, f.computed) for f in result.flags if f.cell == "F2" and f.severity == "error"}
    assert said == {("sum-mismatch", 98.8, 97.8)}


def test_a_total_said_in_a_sentence_above_the_table_is_the_units(tmp_path: Path) -> None:
    # round 42: "说明：本表满分100分，单位自评得分98.8分。" — no colon before the figure: 98.8 against the scores' 97.8;
    # a grade's bound in the same words ("自评得分90分以上为优") is no total
    for head in ("说明：本表满分100分，单位自评得分98.8分。", "说明：本表满分100分，单位自评得分：98.8分。"):
        result = book(tmp_path, [(_reviewed(_RIGHT, _BLANK, head=head), _MERGES)], rules="auto")
        said = {(f.code, f.declared, f.computed) for f in result.flags if f.cell == "F2" and f.severity == "error"}
        assert said == {("sum-mismatch", 98.8, 97.8)}, head
    for head in (
        "说明：自评得分90分以上为优",
        "说明：自评得分90分(含)以上为优，80分(含)至90分为良",
        "说明：本表满分100分，其中绩效指标总得分90分，执行率10分。",  # the review: another figure's total
        "说明：2022年度自评得分95分，本年度自评见下表。",  # and last year's
    ):
        result = book(tmp_path, [(_reviewed(_RIGHT, _BLANK, head=head), _MERGES)], rules="auto")
        assert not [f for f in result.flags if f.cell == "F2" and f.severity == "error"], head


def test_a_column_headed_completion_holds_the_actual_values(tmp_path: Path) -> None:
    # "评价指标 | 分值 | 评分标准 | 完成情况 | 得分": 按时办结率 96.5 % under "≥98%得满分；95%(含)-98%得8分" earns 8,
    # not the 10 declared; 预算执行率 93.6 % earns 10 − 1.4 × 0.5 = 9.3 as declared
    rows: list[Row] = [
        ["部门整体支出绩效自评表", "", "", "", "", ""],
        ["序号", "评价指标", "分值", "评分标准", "完成情况", "得分"],
        [1, "预算执行率", 10, _EXEC, "93.6%", 9.3],
        [2, "政务服务事项按时办结率", 10, "按时办结率≥98%得满分；95%(含)-98%得8分；95%以下不得分", "96.5%", 10],
        [3, "资金使用合规性", 5, "资金使用符合规定得满分，发现一项违规扣1分", "合规", 5],
        ["合计", "", 25, "", "", 24.3],
    ]
    result = book(tmp_path, [(rows, ["A6:B6"])], rules="auto")
    errors = {f.cell: f.code for f in result.flags if f.severity == "error"}
    assert errors == {"F4": "score-mismatch"}


def test_a_blank_score_on_a_row_scored_by_its_standard_is_filled_not_called_missing(tmp_path: Path) -> None:
    # 预算执行率 and 政府采购执行率 left blank: by their printed standards 9.3 and 4.5; the 合计 and 等级 are blank
    # too: 97.8 and 优
    rows = _reviewed(("", 5, "", 5, 4, 70, "", ""), _BLANK)
    source = tmp_path / "in.xlsx"
    result = book(tmp_path, [(rows, _MERGES)], name="in.xlsx", rules="auto")
    assert not [f for f in result.flags if f.code == "missing-value" and f.cell in ("G5", "G7")]
    assert result.total == 97.8
    score(source, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["自评表"]
    assert [sheet[c].value for c in ("G5", "G7", "G11", "G12")] == [9.3, 4.5, 97.8, "优"]


def _base_data(carry_rate: str) -> list[Row]:
    """A base-data sheet as lines "序号 | 项目 | 指标 | 单位 | 数值" (words no built-in rule set reads)."""
    return [
        ["部门整体支出绩效评价基础数据表", "", "", "", ""],
        ["序号", "项目", "指标", "单位", "数值"],
        ["一", "预算完成情况", "全年预算数", "万元", 3268.4],
        ["", "", "支出决算数", "万元", 3105.9],
        ["二", "结转结余情况", "结转结余总额", "万元", 162.5],
        ["", "", "结转结余率", "%", carry_rate],
    ]


def _defining_table() -> list[Row]:
    return [
        ["部门整体支出绩效自评指标计分表", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评价标准", "指标说明", "得分"],
        ["预算执行", "预算执行", "结转结余率", 10, "结转结余率≤5%得满分，每超过1个百分点扣2分，扣完为止",
         "结转结余率=结转结余总额/全年预算数×100%", 10],
        ["", "", "资金使用合规性", 10, "资金使用符合规定得满分，每发现一项问题扣1分", "", 9],
        ["合计", "", "", 20, "", "", 19],
    ]  # fmt: skip


def test_a_rate_the_notes_define_over_labelled_figures_is_held_to_them(tmp_path: Path) -> None:
    # 结转结余率 = 结转结余总额 ÷ 全年预算数 as the 指标说明 prints it: 162.5 ÷ 3268.4 = 4.97 %, not the 5.23 % typed
    # (162.5 ÷ 支出决算数 3105.9); the words label one figure each on the base-data sheet
    result = book(tmp_path, [(_base_data("5.23%"), []), (_defining_table(), [])], rules="auto")
    said = [f for f in result.flags if f.cell == "E6" and f.severity == "error"]
    assert [(f.code, f.declared, f.computed) for f in said] == [("rate-mismatch", 5.23, 4.97)]
    assert "结转结余总额/全年预算数" in said[0].message


def test_a_rate_the_notes_define_that_agrees_draws_nothing(tmp_path: Path) -> None:
    # 4.97 % typed, as 162.5 ÷ 3268.4 gives
    result = book(tmp_path, [(_base_data("4.97%"), []), (_defining_table(), [])], rules="auto")
    assert not [f for f in result.flags if f.cell == "E6"]


def test_a_defined_rate_scores_its_row_and_is_held_where_the_rule_set_reads_only_the_rate(tmp_path: Path) -> None:
    # round 36: 预算调整率 printed in a block of its own, its inputs one block up: 350 ÷ 4200 = 8.33 %, not 7.69 %
    # (350 ÷ 4550); 结转结余率 = 226.5 ÷ 4670 = 4.85 % ≤ 5 % earns the full 10, not the 8 declared; 预算调整率's row:
    # 8.33 % ≤ 10 % → 5, as declared
    base: list[Row] = [
        ["部门整体支出绩效评价基础数据表", "", "", "", ""],
        ["序号", "项目", "指标", "单位", "数值"],
        ["一", "预算完成情况", "年初预算数", "万元", 4200],
        ["", "", "年中预算调整", "万元", 350],
        ["二", "预算调整情况", "预算调整率", "%", "7.69%"],
        ["三", "结转结余情况", "全年预算数", "万元", 4670],
        ["", "", "本年结转结余总额", "万元", 226.5],
        ["", "", "结转结余率", "%", "4.85%"],
    ]
    rows: list[Row] = [
        ["一级指标", "二级指标", "三级指标", "分值", "评价标准", "指标说明", "得分"],
        [
            "预算编制",
            "预算调整",
            "预算调整率",
            5,
            "预算调整率≤10%得满分，每超过1个百分点扣0.5分",
            "预算调整率=年中预算调整/年初预算数×100%",
            5,
        ],
        [
            "预算执行",
            "结转结余",
            "结转结余率",
            10,
            "结转结余率≤5%得满分，每超过1个百分点扣2分，扣完为止",
            "结转结余率=本年结转结余总额/全年预算数×100%",
            8,
        ],
        ["预算管理", "预算管理", "管理制度健全性", 5, "制度健全得满分", "", 5],
        ["", "", "资金使用合规性", 5, "使用合规得满分", "", 5],
        ["", "", "预决算信息公开性", 5, "按规定公开得满分", "", 5],
        ["效益", "履职效益", "社会效益", 5, "按履职情况评定", "", 5],
        ["", "", "行政效能", 5, "按履职情况评定", "", 5],
        ["合计", "", "", 40, "", "", 38],
    ]  # fmt: skip  (a 附件5 of 益阳's: five of its indicators named; the 合计 38 = 5 + 8 + 5 × 5)
    result = book(tmp_path, [(base, []), (rows, [])], rules="auto")
    errors = {(f.sheet, f.cell, f.code) for f in result.flags if f.severity == "error" and f.cell}
    assert errors == {("自评表1", "E5", "rate-mismatch"), ("自评表2", "G3", "score-mismatch")}
    scored = next(f for f in result.flags if f.cell == "G3" and f.severity == "error")
    assert (scored.declared, scored.computed) == (8, 10)


def test_a_sentence_in_the_actual_column_states_its_rate(tmp_path: Path) -> None:
    # round 36: "全年预算数3850.6万元，支出3599.54万元，执行率93.48%" names one rate as the row is named: 93.48 % →
    # 10 − 1.52 × 0.5 = 9.24, declared 10; a sentence naming no rate ("资金使用符合规定") is left as it is
    rows = _reviewed(_RIGHT, _BLANK)
    rows[4][5] = "全年预算数3850.6万元，支出3599.54万元，执行率93.48%"
    rows[4][6] = 10
    rows[10][6] = 98.5
    result = book(tmp_path, [(rows, _MERGES)], rules="auto")
    said = [f for f in result.flags if f.cell == "G5" and f.severity == "error"]
    assert [(f.code, f.declared, f.computed) for f in said] == [("score-mismatch", 10, 9.24)]


def test_a_sentence_s_one_figure_in_the_target_s_unit_is_its_actual(tmp_path: Path) -> None:
    # round 37: "完成培训12期，参训人数1350人次，满意度96%" against "≥1500人次": its one figure in 人次 is 1350, so
    # 15 × 1350 ÷ 1500 = 13.5 — declared 13.5, nothing said (no "含 3 个数字"); declared 15, a warning (a reading of
    # a sentence, to be checked by a person), not an error
    def rows(score: float) -> list[Row]:
        return [
            ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
            ["项目名称", "基层干部培训", "", "", "", "", "", "", ""],
            PROJECT_FUNDS_HEAD,
            ["", "年度资金总额", 50, 50, 50, 10, "100.00%", 10, ""],
            INDICATOR_HEAD,
            ["", "产出指标", "数量指标", "参训人数", "≥1500人次", "完成培训12期，参训人数1350人次，满意度96%",
             15, score, "部分学员因疫情未能参训"],
            ["", "效益指标", "社会效益指标", "培训合格率", "≥95%", "98%", 75, 75, ""],
            ["总分", "", "", "", "", "", 100, 85 + score, ""],
        ]  # fmt: skip

    quiet = book(tmp_path, [(rows(13.5), [])], name="a.xlsx")
    assert not [f for f in quiet.flags if f.cell in ("F6", "H6") and f.severity != "info"]
    said = [f for f in book(tmp_path, [(rows(15), [])], name="b.xlsx").flags if f.cell == "H6"]
    assert [(f.severity, f.code, f.computed) for f in said] == [("warning", "score-mismatch", 13.5)]


def test_a_total_and_grade_written_in_one_footer_cell(tmp_path: Path) -> None:
    # the review: "总分：100分　自评等级：优" under the table was read as a 合计 of "100分　自评等级：优"
    # (bad-value); its total is 100, against the scores' 97.8 (an error at A10), and 优 is 97.8's grade. The table:
    # title, 部门名称, one header row, the six rows with the unit's scores in G
    reviewed = _reviewed(_RIGHT, _BLANK)
    rows = [row[:7] for row in (*reviewed[:3], *reviewed[4:10])]
    rows.append(["总分：100分　自评等级：优", "", "", "", "", "", ""])
    result = book(tmp_path, [(rows, ["A4:A6", "A7:A8"])], rules="auto")
    said = {(f.cell, f.code, f.declared, f.computed) for f in result.flags if f.severity == "error"}
    assert said == {("A10", "sum-mismatch", 100, 97.8)}
