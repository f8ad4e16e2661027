"""Round 67 of second readers (rows scored by the standard they print): 宁德's "本指标满分15分," before a rate
standard; "扣分值的10%"; points off for each month late, or nothing for a late date; "每超预算1%扣1分" beside an
amount's ceiling; word cases given shares ("部分达成得60%", "按优、良、中、差分别得满分、80%、60%、0分"); standards
headed 评分依据, as 财政部's 中央级行政经费项目支出考评计分办法 heads them. Every figure is worked by hand.

Sources: 宁德市应急管理局 部门整体支出绩效自评表 (https://yjj.ningde.gov.cn/gzdt/ggl/zjxxgk/202111/t20211110_1546659.htm,
its "本指标满分N分,…" wording); 中央级行政经费项目支出考评计分办法 (http://www.lygzb.net/html/text/chl/509/50957_3.html,
the 评分依据 header and "完成得满分"). The other wordings follow real ones; the rows and figures are this test's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import Row, justice_form
from corpus.scored import book as _book

from perfxl.report.results import FileResult


def _form(row: Row, standard: str, header: str = "评价标准") -> list[Row]:
    # the 县司法局 form: 851 ÷ 920 = 92.50 % → 9.25; the row under test (with its standard), and one more making 90
    rest = 90 - float(str(row[5]))
    other: Row = ["产出指标", "数量指标", "法律援助案件数", "≥400件", "420件", rest, rest, "", ""]
    return justice_form([[*row[:7], standard, ""], other], round(9.25 + float(str(row[6])) + rest, 2), standard=header)


def _said(result: FileResult, cell: str = "G6") -> list[tuple[str, float | None]]:
    return [(f.severity, f.computed) for f in result.flags if f.cell == cell and f.code.value == "score-mismatch"]


CASES = [
    # 宁德: 76 % of "≥80%得15分,每低1个百分点扣1分": 15 − 4 = 11 (before: "本指标满分" unread, 14.25 kept)
    (
        ["效益指标", "社会效益指标", "防灾减灾知识知晓率", "≥80%", "76%", 15, 14.25],
        "本指标满分15分,知晓率≥80%得15分,每低1个百分点扣1分",
        11.0,
    ),
    # 86 % under "≥90%得满分，每降低1个百分点扣分值的10%" of 10: 4 points short, 1 each: 6
    (["产出指标", "质量指标", "验收合格率", "≥90%", "86%", 10, 9.56], "≥90%得满分，每降低1个百分点扣分值的10%", 6.0),
    # 10月31日 due, 12月31日 done: 2 months late, 2 each: 10 − 4 = 6
    (
        ["产出指标", "时效指标", "完成时间", "2023年10月31日前", "2023年12月31日", 10, 8],
        "按期完成得满分，每延期1个月扣2分",
        6.0,
    ),
    # 10月底 due, 11月 done: late, nothing
    (
        ["产出指标", "时效指标", "报表报送时间", "2023年10月底前", "2023年11月", 10, 5],
        "按期完成得满分，逾期不得分",
        0.0,
    ),
    # 520 of ≤500万元: 4 % over the budget, 1 each: 6 (before: 10 × 500 ÷ 520 = 9.62, the general rule)
    (
        ["成本指标", "经济成本指标", "保洁外包成本", "≤500万元", "520万元", 10, 9.62],
        "不超过预算得满分，每超预算1%扣1分",
        6.0,
    ),
    # 部分达成 is 60 % of 15: 9 (before: the 中 tier, 60–80 %, let 12 pass)
    (
        ["效益指标", "社会效益指标", "群众法治意识提升", "达成预期指标", "部分达成", 15, 12],
        "达成得满分，部分达成得60%，未达成不得分",
        9.0,
    ),
    # 良 is 80 % of 15: 12 (9 typed, the 中 share)
    (
        ["满意度指标", "服务对象满意度指标", "干部职工满意度", "优", "良", 15, 9],
        "按优、良、中、差分别得满分、80%、60%、0分",
        12.0,
    ),
]


@pytest.mark.parametrize(("row", "standard", "due"), CASES)
def test_a_row_scored_by_the_standard_it_prints(tmp_path: Path, row: Row, standard: str, due: float) -> None:
    assert _said(_book(tmp_path, [(_form(row, standard), ["A1:I1"])])) == [("error", due)]
    right = [*row[:6], due]
    assert _said(_book(tmp_path, [(_form(right, standard), ["A1:I1"])], "right.xlsx")) == []


def test_a_standard_headed_pingfen_yiju(tmp_path: Path) -> None:
    # 财政部's 计分办法 heads its standards 评分依据: "完成得满分，未完成不得分" at 2700 of ≥3000 is 0, not 13.5
    row: Row = ["产出指标", "数量指标", "完成档案数字化扫描", "≥3000卷", "2700卷", 15, 13.5]
    rows = _form(row, "完成得满分，未完成不得分", header="评分依据")
    assert _said(_book(tmp_path, [(rows, ["A1:I1"])])) == [("error", 0.0)]


# A review of the changes above: what they must not do


def test_a_kaohe_column_does_not_push_out_the_standard(tmp_path: Path) -> None:
    # 考核标准 holding the target, the 评价标准 after it: 90 % of "≥95%得满分，每低1个百分点扣1分" is 5, not 9.47
    row: Row = ["产出指标", "质量指标", "验收合格率", "≥95%", "90%", 10, 9.47]
    rows = _form(row, "≥95%")
    rows[4][7:9] = ["考核标准", "评价标准"]
    rows[5][8] = "≥95%得满分，每低1个百分点扣1分"
    assert _said(_book(tmp_path, [(rows, ["A1:I1"])])) == [("error", 5.0)]


@pytest.mark.parametrize(
    ("target", "actual", "standard", "typed"),
    [
        ("12月底前", "次年1月", "按期完成得满分，逾期不得分", 0),  # next January: late, 0 is right
        ("12月底前", "1月", "按期完成得满分，逾期不得分", 0),  # January of which year is not said
        ("2023年6月30日前", "2023年10月31日", "每延期1个月扣2分，延期3个月以上不得分", 0),  # a cut-off not read
        ("2023年12月31日前完成", "截至2023年12月31日完成进度85%", "按期完成得满分，每延期1个月扣2分", 0),  # a report
        ("2023年10月15日前", "2023年11月", "按期完成得满分，每延期1个月扣2分", 6),  # 1 or 2 months: not said
    ],
)
def test_late_dates_that_settle_nothing(tmp_path: Path, target: str, actual: str, standard: str, typed: float) -> None:
    rows = _form(["产出指标", "时效指标", "完成时间", target, actual, 10, typed], standard)
    assert [s for s, _ in _said(_book(tmp_path, [(rows, ["A1:I1"])]))] in ([], ["warning"])


@pytest.mark.parametrize("target", ["截至2023年12月31日", "2023年6月30日前开工"])
def test_deadlines_said_with_jiezhi_or_a_start(tmp_path: Path, target: str) -> None:
    # still deadlines (before the review: "至" and "开工" read as a period and a start): 2024年3月1日 is late, and
    # full marks for it are questioned
    rows = _form(["产出指标", "时效指标", "开工时间", target, "2024年3月1日", 6, 6], "")
    assert _said(_book(tmp_path, [(rows, ["A1:I1"])])) == [("warning", None)]


def test_a_reason_column_is_no_standard(tmp_path: Path) -> None:
    # 评分依据 saying why points were taken off ("合格率90%低于95%，扣1分"): 90 ÷ 95 × 10 = 9.47 by the general rule,
    # 9 typed is an error, not a standard left unread
    rows = _form(["产出指标", "质量指标", "验收合格率", "≥95%", "90%", 10, 9], "合格率90%低于95%，扣1分", "评分依据")
    assert _said(_book(tmp_path, [(rows, ["A1:I1"])])) == [("error", 9.47)]


@pytest.mark.parametrize(
    "standard",
    ["实际完成值/年度指标值×100%×该指标分值", "得分=实际完成值/年度指标值×分值，超过100%的按100%计算"],
)
def test_the_target_ratio_with_its_cap(tmp_path: Path, standard: str) -> None:
    rows = _form(["产出指标", "数量指标", "开展垃圾分类宣传", "≥200次", "180次", 10, 9.5], standard)
    assert _said(_book(tmp_path, [(rows, ["A1:I1"])])) == [("error", 9.0)]


@pytest.mark.parametrize(
    ("standard", "typed", "said"),
    [("完成20场得10分，低于18场扣5分", 5, "warning"), ("完成20场得10分，每少于1场扣1分", 5, "error")],
)
def test_a_threshold_and_a_step(tmp_path: Path, standard: str, typed: float, said: str) -> None:
    # 16场: "低于18场扣5分" is a threshold (5 right; not read, the general 8 a warning); "每少于1场" a step, 6
    rows = _form(["产出指标", "数量指标", "开展普法宣传活动", "≥20场", "16场", 10, typed], standard)
    assert [s for s, _ in _said(_book(tmp_path, [(rows, ["A1:I1"])]))] == [said]


@pytest.mark.parametrize(
    ("target", "actual", "typed"),
    [
        ("2023年12月31日前竣工", "2023年3月启动", 0),  # started, not finished: 0 right
        ("次年1月底前", "次年1月20日", 10),  # the target's own next year: on time
        ("12月底前", "10月底完成，明年继续推进", 10),  # 明年 not before a month: October, on time
    ],
)
def test_dates_read_as_they_are_meant(tmp_path: Path, target: str, actual: str, typed: float) -> None:
    rows = _form(["产出指标", "时效指标", "完成时间", target, actual, 10, typed], "")
    assert _said(_book(tmp_path, [(rows, ["A1:I1"])])) == []


def test_a_month_early_in_the_year_is_this_years(tmp_path: Path) -> None:
    # "6月" against "12月底前": June of the year, on time: 10, not the 8 typed (only January or February against a
    # November or December deadline leaves the year open)
    rows = _form(["产出指标", "时效指标", "资金拨付时间", "12月底前", "6月", 10, 8], "")
    assert _said(_book(tmp_path, [(rows, ["A1:I1"])])) == [("error", 10.0)]
