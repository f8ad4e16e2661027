"""Round 66 of second readers (forms of 贵州, 福建, 宁夏, 北京 and the national templates filled as other provinces
fill them): 定性 rows graded in the 池州 page's words ("达成预期指标", "部分达成预期指标"); completion dates as targets
("完成时间为2022年12月30日", "2022年10月底前", "2022年12月完成"); a count standard with a verb before its count
("少检查一个扣1分", 宁德); 银川's "—" under 年度指标值 on rows that need no target; a 得分计算方法 that is the target
ratio in other words ("全年实际值/年度指标值*该指标分值", 海淀 and 绥阳). Every figure is worked by hand; the rows are
this test's own, laid out as those pages print them (sources: tests/corpus/SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import Row, justice_form
from corpus.scored import book as _book

from perfxl.report.results import FileResult


def _form(row: Row, standard: str = "") -> list[Row]:
    # the 县司法局 form: 851 ÷ 920 = 92.50 % → 9.25; the row under test, then rows making 90 points with it
    rest = 90 - float(str(row[5]))
    rows: list[Row] = [
        [*row[:7], standard, ""],
        ["产出指标", "数量指标", "法律援助案件数", "≥400件", "420件", rest, rest, "", ""],
    ]
    return justice_form(rows, round(9.25 + float(str(row[6])) + rest, 2), standard="评价标准")


def _at(result: FileResult, cell: str = "G6") -> list[tuple[str, str, float | None]]:
    return [(f.severity, f.code.value, f.computed) for f in result.flags if f.cell == cell and f.severity != "info"]


@pytest.mark.parametrize("actual", ["部分达成预期指标", "部分达成年度目标"])
def test_a_grade_said_with_its_object(tmp_path: Path, actual: str) -> None:
    # 部分达成 is the middle tier, 60–80 % of 15: 9 to 12; 15 typed is more (before: "未写明等级", nothing said)
    rows = _form(["效益指标", "社会效益指标", "群众法治意识提升", "达成预期指标", actual, 15, 15])
    assert [code for _, code, _ in _at(_book(tmp_path, [(rows, ["A1:I1"])]))] == ["score-mismatch"]


@pytest.mark.parametrize(
    ("target", "actual"),
    [
        ("完成时间为2022年12月30日", "完成时间为2022年12月30日"),  # the date itself, no 前: its deadline
        ("2022年12月完成", "2022年12月完成"),  # a month: its last day, and any day of it done
        ("2022年10月底前", "2022年10月25日"),  # 10月底 is 10月31日
    ],
)
def test_a_completion_date_met(tmp_path: Path, target: str, actual: str) -> None:
    # met: the full 6, not the 5 typed (before: "方向不明，无法核算")
    rows = _form(["产出指标", "时效指标", "完成时间", target, actual, 6, 5])
    assert _at(_book(tmp_path, [(rows, ["A1:I1"])])) == [("error", "score-mismatch", 6.0)]


def test_a_count_standard_with_a_verb_before_its_count(tmp_path: Path) -> None:
    # 宁德: "达9个得6分,少检查一个扣1分": 8 checked, 6 − 1 = 5, as typed (before: the text unread and 8 ÷ 9 × 6 = 5.33
    # said, a warning)
    standard = "本指标满分6分,开展全市地震监测台站运维情况抽查数量达9个得6分,少检查一个扣1分,扣完为止"
    rows = _form(["产出指标", "数量指标", "抽查监测台站运维情况个数", "≥9个", "8个", 6, 5], standard)
    assert _at(_book(tmp_path, [(rows, ["A1:I1"])])) == []
    rows[5][6] = 6  # 6 is wrong
    assert _at(_book(tmp_path, [(rows, ["A1:I1"])], "wrong.xlsx")) == [("error", "score-mismatch", 5.0)]


def test_a_dash_where_no_target_applies(tmp_path: Path) -> None:
    # 银川: "—" under 年度指标值 on a 项目管理 row, its actual described and scored: nothing to fill (before: a
    # placeholder warning on every such row)
    rows = _form(["项目管理", "业务管理", "管理制度有效性", "—", "制度健全，执行有效", 5, 5])
    assert _at(_book(tmp_path, [(rows, ["A1:I1"])]), "D6") == []


def test_the_target_ratio_in_other_words(tmp_path: Path) -> None:
    # 海淀: "全年实际值/年度指标值*该指标分值": 180 of 200 × 10 = 9, typed 9.5 — an error, the standard being the
    # general rule's own ratio (before: "未能读取…请人工复核", a warning)
    standard = "全年实际值/年度指标值*该指标分值,最高不得超过分值上限"
    rows = _form(["产出指标", "数量指标", "开展垃圾分类宣传", "≥200次", "180次", 10, 9.5], standard)
    assert _at(_book(tmp_path, [(rows, ["A1:I1"])])) == [("error", "score-mismatch", 9.0)]


# A review of the changes above: what they must not do


@pytest.mark.parametrize(
    ("target", "actual"),
    [
        ("2023年1月-12月", "2023年12月"),  # a period, not a deadline of 1月31日
        ("2023年1-12月", "2023年12月"),  # nor a date of 1月12日
        ("2023年6月30日至12月31日", "2023年12月31日"),
        ("2023年6月以后", "2023年9月"),  # a floor
        ("2023年3月起", "2023年5月起"),  # a start
        ("2023年6月30日召开", "2023年6月20日召开"),  # an event's date
    ],
)
def test_dates_that_are_no_deadline(tmp_path: Path, target: str, actual: str) -> None:
    # not read as deadlines: nothing is said of the 5 typed of 6 (before the review: "未达成却得满分" or "应得 6")
    rows = _form(["产出指标", "时效指标", "项目实施时间", target, actual, 6, 5])
    assert _at(_book(tmp_path, [(rows, ["A1:I1"])])) == []


def test_a_month_in_a_progress_report_is_no_completion(tmp_path: Path) -> None:
    # "截至2023年12月完成进度85%": a report's date; 4 typed is not overruled by "应得 6"
    rows = _form(["产出指标", "时效指标", "完工时间", "2023年12月31日前完成", "截至2023年12月完成进度85%", 6, 4])
    assert ("error", "score-mismatch", 6.0) not in _at(_book(tmp_path, [(rows, ["A1:I1"])]))


def test_a_ratio_standard_on_a_reverse_row_is_no_general_rule(tmp_path: Path) -> None:
    # a 反向 row (≤50万元) whose standard prints the forward ratio: 45 ÷ 50 × 10 = 9 typed, 10 by the general rule —
    # the text and the rule disagree, a warning, not an error
    standard = "全年实际值/年度指标值*该指标分值"
    rows = _form(["成本指标", "经济成本指标", "单位运维成本", "≤50万元", "45万元", 10, 9], standard)
    assert [severity for severity, _, _ in _at(_book(tmp_path, [(rows, ["A1:I1"])]))] == ["warning"]


def test_a_threshold_is_no_count_step(tmp_path: Path) -> None:
    # "少于18场扣5分" at 16场: a threshold, not 5 off for each 18 short (which said "应得 10", an error)
    standard = "完成20场得10分，少于18场扣5分"
    rows = _form(["产出指标", "数量指标", "开展普法宣传活动", "≥20场", "16场", 10, 5], standard)
    assert ("error", "score-mismatch", 10.0) not in _at(_book(tmp_path, [(rows, ["A1:I1"])]))


def test_a_dash_beside_a_figure_is_still_a_placeholder(tmp_path: Path) -> None:
    rows = _form(["产出指标", "质量指标", "验收合格率", "—", "95%", 5, 5])
    assert _at(_book(tmp_path, [(rows, ["A1:I1"])]), "D6") == [("warning", "placeholder", None)]


def test_a_cost_that_is_a_level_of_benefit(tmp_path: Path) -> None:
    # round 68 (四川): "户均帮扶标准 ≥2000元" under 成本指标 is a minimum benefit, rightly a floor (before: "应为 ≤")
    rows = _form(["成本指标", "经济成本指标", "户均帮扶标准", "≥2000元", "2000元", 5, 5])
    assert _at(_book(tmp_path, [(rows, ["A1:I1"])]), "D6") == []


def test_a_cost_standard_that_is_a_ceiling(tmp_path: Path) -> None:
    # "人均接待费标准 ≥150元": a ceiling written as a floor is still said (only levels of benefit are floors)
    rows = _form(["成本指标", "经济成本指标", "人均接待费标准", "≥150元", "150元", 5, 5])
    assert [code for _, code, _ in _at(_book(tmp_path, [(rows, ["A1:I1"])]), "D6")] == ["cost-direction"]
