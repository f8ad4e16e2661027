"""Round 63: a second review of the notes under a 项目支出 form that say how its 执行率得分 is scored. A note on
another rate (政府采购执行率) or one that reports a result ("执行率为88%，得7分") is not the funds' standard; one that
perfxl cannot read but only restates 分值 × 执行率 leaves the default formula to say a wrong score; a blank score
under a note it cannot read is not counted as 0 in the 总分; a standard's sentences and tiers stop at another rate.
Every figure is worked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import book as _book
from test_layouts_round58 import HEAD, REST
from test_layouts_round60 import _project

from perfxl.report.findings import Code
from perfxl.report.results import FileResult


def _said(result: FileResult) -> list[tuple[str, str, str, float | None]]:
    return [(f.cell or "", f.severity, f.code.value, f.computed) for f in result.flags if f.severity != "info"]


def test_a_blank_score_under_a_note_it_cannot_read_is_not_counted_as_nothing(tmp_path: Path) -> None:
    # 440 ÷ 500 = 88 %; the note is not read, the 执行率得分 is left blank and the 总分 typed 97: nothing says what the
    # blank is worth, so the 总分 is not held to 90 + 0 (before: "总分 应为 90", a false sum-mismatch)
    rows = _project(440, 0, "注：预算执行率得分：由评价小组结合项目实际酌情打分。")
    rows[3][7], rows[6][7] = "", 97
    result = _book(tmp_path, [(rows, [])])
    assert _said(result) == []
    infos = [f for f in result.flags if f.cell == "H4"]
    assert [(f.severity, f.code) for f in infos] == [("info", Code.UNVERIFIABLE)] and "未填" in infos[0].message


NOT_THE_FUNDS = [
    # a note on the 政府采购执行率 alone: the funds' 10 × 88 % = 8.8 holds (before, the note's tiers gave 0 → error)
    "注：政府采购执行率得分：执行率≥95%得满分，否则不得分。",
    "注：政府采购预算执行率达到95%及以上的得满分，否则不得分。",
    # a result reported under 说明, not a rule (before: read as a one-tier standard it cannot read, 8.8 unsaid)
    "说明：本项目预算执行率为88%，得8.8分。",
]


@pytest.mark.parametrize("note", NOT_THE_FUNDS)
def test_a_note_on_something_else_leaves_the_default(tmp_path: Path, note: str) -> None:
    assert _said(_book(tmp_path, [(_project(440, 8.8, note), [])])) == []
    # and 7 typed is wrong by 分值 × 执行率: 8.8 (the 总分 adds what is typed, 97)
    assert _said(_book(tmp_path, [(_project(440, 7, note), [])], "wrong.xlsx")) == [
        ("H4", "error", "score-mismatch", 8.8)
    ]


def test_the_funds_note_after_one_on_another_rate(tmp_path: Path) -> None:
    # the second item is the funds': 88 % < 90 %, not 满分 → 0; 8.8 typed is wrong, 0 right
    note = "注：1.政府采购执行率得分：执行率≥95%得5分。2.预算执行率得分：执行率≥90%得满分，否则不得分。"
    said = _said(_book(tmp_path, [(_project(440, 8.8, note), [])]))
    assert ("H4", "error", "score-mismatch", 0.0) in said
    assert _said(_book(tmp_path, [(_project(440, 0, note), [])], "right.xlsx")) == []


RESTATED = [
    # the default formula in words perfxl does not parse: 10 × 88 % = 8.8 still holds it (before: 7 kept, as info)
    "注：预算执行率得分=全年执行数/全年预算数×100%×分值。",
    "注：执行率得分：执行率×10分（执行率超过100%的按100%计算）。",
]


@pytest.mark.parametrize("note", RESTATED)
def test_a_note_restating_the_product_still_finds_a_wrong_score(tmp_path: Path, note: str) -> None:
    assert ("H4", "error", "score-mismatch", 8.8) in _said(_book(tmp_path, [(_project(440, 7, note), [])]))
    assert _said(_book(tmp_path, [(_project(440, 8.8, note), [])], "right.xlsx")) == []


STOPS = [
    # the lead's own words are the standard; item 2 on 满意度 is no tier of it (before, joined to it)
    "注：1.预算执行率得分：执行率≥90%得满分，否则不得分。\n2.≥95%的满意度指标得满分，每低1个百分点扣1分。",
    # a sentence naming the 完成率 ends the 执行率's sentences (before, its "每…扣" kept it)
    "注：预算执行率得分：执行率≥90%得满分，否则不得分；完成率每低1个百分点扣0.5分。",
]


@pytest.mark.parametrize("note", STOPS)
def test_a_standard_stops_at_another_rate(tmp_path: Path, note: str) -> None:
    # 88 % < 90 %: 0 is right, 8.8 wrong
    assert _said(_book(tmp_path, [(_project(440, 0, note), [])])) == []
    assert ("H4", "error", "score-mismatch", 0.0) in _said(_book(tmp_path, [(_project(440, 8.8, note), [])], "w.xlsx"))


def test_a_deviation_rate_from_a_centre_other_than_100_has_two_readings(tmp_path: Path) -> None:
    # 400 ÷ 500 = 80 %, "以90%为标准，偏差率在±5%以内": 10 points off 90, 5 past the 5 allowed: 10 − 2.5 = 7.5; or
    # 10 ÷ 90 = 11.1 % off, 6.1 past: 10 − 6.11 × 0.5 = 6.94. Points score; the declared 6.94 follows the other
    # reading (a warning), 0 neither (an error); before, the share of 90 % was not seen at all
    note = "注：预算执行率得分：以90%为标准，偏差率在±5%以内得满分，每超出1个百分点扣0.5分。"
    assert _said(_book(tmp_path, [(_project(400, 7.5, note), [])])) == []
    assert _said(_book(tmp_path, [(_project(400, 6.94, note), [])], "share.xlsx")) == [
        ("H4", "warning", "score-mismatch", 7.5)
    ]
    assert _said(_book(tmp_path, [(_project(400, 0, note), [])], "none.xlsx")) == [
        ("H4", "error", "score-mismatch", 7.5)
    ]


def test_a_decimal_after_a_space_is_no_item_number(tmp_path: Path) -> None:
    # "每低 1.5 个百分点扣1分" then "2.其余…": 445 ÷ 500 = 89 %, 6 points under 95 %, 4 steps of 1.5: 10 − 4 = 6
    # (before, " 1.5" was item 1 and the standard was cut at "每低")
    note = "注：预算执行率得分：执行率≥95%得满分，每低 1.5 个百分点扣1分。2.其余指标按完成比例计分。"
    assert _said(_book(tmp_path, [(_project(445, 6, note), [])])) == []
    assert ("H4", "error", "score-mismatch", 6.0) in _said(_book(tmp_path, [(_project(445, 8.9, note), [])], "w.xlsx"))


def test_a_case_taking_off_more_than_the_points_leaves_nothing(tmp_path: Path) -> None:
    # "扣15分" of a 10-point 执行率 leaves 0 below 85 %; 440 ÷ 500 = 88 % is in the 扣5分 case: 10 − 5 = 5, and 3 typed
    # is wrong (before, the 15 read as 分值 − 15 < 0 was kept and scored alike; now the band the rate is in decides)
    note = "注：预算执行率得分：扣0分：执行率≥95%；扣5分：85%≤执行率<95%；扣15分：执行率<85%。"
    assert _said(_book(tmp_path, [(_project(440, 3, note), [])])) == [("H4", "error", "score-mismatch", 5.0)]
    assert _said(_book(tmp_path, [(_project(420, 0, note), [])], "low.xlsx")) == []  # 84 %: 10 − 15 → 0


def test_a_deviation_allowed_in_points(tmp_path: Path) -> None:
    # "偏差在±5个百分点以内": 460 ÷ 500 = 92 %, 8 points off 100 %, 3 past the 5 allowed: 10 − 3 × 0.5 = 8.5
    # (before, the allowance in 百分点 was not read and the declared 9.2 kept)
    note = "注：预算执行率得分：以100%为标准，偏差在±5个百分点以内得满分，每超出1个百分点扣0.5分。"
    assert _said(_book(tmp_path, [(_project(460, 9.2, note), [])])) == [("H4", "error", "score-mismatch", 8.5)]
    assert _said(_book(tmp_path, [(_project(460, 8.5, note), [])], "right.xlsx")) == []


# A third review's cases (every one a 500 万元 form; 440 ÷ 500 = 88 %): the right score, and a wrong one with what
# is due. Each had been misread by the second review's changes.
REVIEWED = [
    # tiers that open with 达到 / 低于, or name the rate 全年预算执行率: 88 % in "85%（含）至95%": 8
    ("注：预算执行率得分：\n1.达到95%及以上的，得10分；\n2.85%（含）至95%的，得8分；\n3.低于85%的，不得分。", 8, 8.8),
    (
        "注：预算执行率得分：\n1.全年预算执行率≥95%，得10分；\n2.85%≤全年预算执行率<95%，得8分；\n"
        "3.全年预算执行率<85%，不得分。",
        8,
        8.8,
    ),
    # the funds' rate under other names (建设资金, 用款计划, 投资计划): 88 % < 90 %: 0
    ("注：建设资金执行率得分：执行率≥90%得满分，否则不得分。", 0, 8.8),
    ("注：用款计划执行率得分：执行率≥90%得满分，否则不得分。", 0, 8.8),
    ("注：工程建设资金执行率达到90%及以上的得满分，否则不得分。", 0, 8.8),
    # no lead, after another indicator's lead or clause: the funds' sentence is read (0)
    ("注：资金到位率得分：到位率100%得满分，否则不得分；预算执行率≥90%得满分，否则不得分。", 0, 8.8),
    ("注：资金到位率达到100%的得5分，预算执行率达到90%及以上的得满分，否则不得分。", 0, 8.8),
    # a lead whose own words compare nothing ("满分10分。"), then tiers: 8
    ("注：预算执行率得分：满分10分。\n1.执行率≥95%得10分；\n2.85%≤执行率<95%得8分；\n3.执行率<85%不得分。", 8, 8.8),
    # tiers numbered after a wide space: 8
    ("注：预算执行率得分：\n1.执行率≥95%得10分　2.85%≤执行率<95%得8分　3.执行率<85%不得分", 8, 8.8),
    # a product written with *: 10 × 88 % = 8.8
    ("注：执行率得分=（全年执行数/全年预算数）*100%*10分。", 8.8, 7),
    # another rate joined by a comma inside the sentence is cut off: 0
    ("注：预算执行率得分：执行率≥90%得满分，否则不得分，完成率每低1个百分点扣0.5分。", 0, 8.8),
]


@pytest.mark.parametrize(("note", "right", "wrong"), REVIEWED)
def test_reviewed_wordings(tmp_path: Path, note: str, right: float, wrong: float) -> None:
    assert _said(_book(tmp_path, [(_project(440, right, note), [])])) == []
    assert ("H4", "error", "score-mismatch", right) in _said(
        _book(tmp_path, [(_project(440, wrong, note), [])], "w.xlsx")
    )


def test_this_indicators_floor_is_its_own(tmp_path: Path) -> None:
    # 375 ÷ 500 = 75 % < 80 %: "该指标不得分" is the 执行率's own floor: 0, and 6 typed is wrong (before, "该指标" was
    # taken for another indicator and the floor dropped: 10 − 20 × 0.2 = 6 passed)
    note = "注：预算执行率得分：执行率≥95%得满分；执行率每低1个百分点扣0.2分；低于80%的，该指标不得分。"
    assert ("H4", "error", "score-mismatch", 0.0) in _said(_book(tmp_path, [(_project(375, 6, note), [])]))


def test_discretion_keeps_the_declared_score(tmp_path: Path) -> None:
    # "未达到90%的由评价组酌情扣分": 88 % scores as the evaluators judge; 9 is kept, with an info
    note = "注：预算执行率达到90%及以上的得满分，未达到90%的由评价组酌情扣分。"
    result = _book(tmp_path, [(_project(440, 9, note), [])])
    assert _said(result) == [] and [f.code for f in result.flags if f.cell == "H4"] == [Code.UNVERIFIABLE]


@pytest.mark.parametrize("total", [105, 85])
def test_a_blank_score_under_an_unread_note_still_bounds_the_total(tmp_path: Path, total: float) -> None:
    # the indicators' 90 and a 执行率得分 of 0 to 10: a 总分 of 105 or 85 cannot be right
    rows = _project(440, 0, "注：预算执行率得分：由评价小组结合项目实际酌情打分。")
    rows[3][7], rows[6][7] = "", total
    assert ("H7", "error", "sum-mismatch") in [(c, s, code) for c, s, code, _ in _said(_book(tmp_path, [(rows, [])]))]


def test_a_grade_after_the_total_in_its_score_cell(tmp_path: Path) -> None:
    # "99.5分　自评等级：良" under 得分, the label 总分 apart: 99.5 is 优
    rows = [*HEAD, *REST[:-1], ["总分", "", "", "", "", "", 100, "99.5分　自评等级：良", ""]]
    assert ("H9", "error", "grade-mismatch", None) in [
        (c, s, code, None) for c, s, code, _ in _said(_book(tmp_path, [(rows, ["A1:I1"])]))
    ]
