"""A 自评表 row scored by the 评分标准 it prints, counted from its own 年度指标值 where the text says so."""

from __future__ import annotations

import pytest

from perfxl.compute.printed_counts import score_by_count_floor, score_by_events
from perfxl.compute.printed_target import (
    score_by_all_or_nothing,
    score_by_count_steps,
    score_by_deviation,
    score_by_standard,
)
from perfxl.compute.targets import IndicatorScore, read_quantity, score_indicator
from perfxl.locate.stated_text import stated_rate
from perfxl.rules.model import OverAchievement


@pytest.mark.parametrize(
    ("text", "target", "actual", "score"),
    [
        # 资金到位率 =100 %, 93 %: "每低于1个百分点扣1分，扣完为止" counts from the target: 7 points → 10 − 7 = 3
        ("每低于1个百分点扣1分，扣完为止", "=100%", "93%", 3.0),
        ("每低于目标值1个百分点扣1分", "≥95%", "92%", 7.0),  # 3 points short of 95 % → 7
        # a cost ceiling in 万元: the percentage is of the target itself, 51 ÷ 50 = 102 % → 2 % over → 8
        ("控制在目标值以内得满分，每超出1%扣1分", "≤50万元", "51万元", 8.0),
        ("控制在目标值以内得满分，每超出1%扣1分", "≤50万元", "48万元", 10.0),
        ("控制在目标值以内得满分，每超出1%扣1分", "≤50万元", "53.5万元", 3.0),  # 107 % → 10 − 7
        # "超出目标值的，每超出1%扣1分": (157.5 − 150) ÷ 150 = 5 % over → 5
        ("控制在目标值以内得满分；超出目标值的，每超出1%扣1分，扣完为止", "≤150万元", "157.5万元", 5.0),
        ("超出目标值的，按超出比例每1%扣0.5分", "≤50万元", "52万元", 8.0),  # 104 % → 10 − 4 × 0.5
    ],
)
def test_a_standard_counted_from_the_rows_target(text: str, target: str, actual: str, score: float) -> None:
    got = score_by_standard(text, read_quantity(target), read_quantity(actual), 10.0)
    assert got is not None and got.score == pytest.approx(score)


def test_no_target_named_and_other_units_are_not_guessed() -> None:
    # an amount target whose standard names no target, or an actual in another unit: not read as a share of it
    assert score_by_standard("每超出1%扣1分", read_quantity("≤50万元"), read_quantity("51万元"), 10.0) is None
    text = "控制在目标值以内得满分，每超出1%扣1分"
    assert score_by_standard(text, read_quantity("≤50万元"), read_quantity("51元"), 10) is None


@pytest.mark.parametrize(
    ("text", "target", "actual", "score"),
    [
        ("每超期1天扣1分", "≤90天", "93天", 7.0),  # 3 days past the ceiling → 10 − 3
        ("每超期1天扣1分", "≤90天", "88天", 10.0),  # within it
        ("开展科普宣传活动达20场得10分,少一场扣1分", "≥20场", "18场", 8.0),  # 2 short → 10 − 2
    ],
)
def test_points_off_for_each_unit_past_or_short_of_the_target(
    text: str, target: str, actual: str, score: float
) -> None:
    got = score_by_count_steps(text, read_quantity(target), read_quantity(actual), 10.0)
    assert got is not None and got.score == pytest.approx(score)


def test_an_excess_is_not_read_against_a_floor() -> None:
    # "每超期1天" beside "≥90天" (a floor): the text and the target disagree on the side; nothing is read
    assert score_by_count_steps("每超期1天扣1分", read_quantity("≥90天"), read_quantity("93天"), 10.0) is None


@pytest.mark.parametrize(
    ("target", "actual", "score"),
    [
        ("200人次", "180人次", 7.5),  # |180 − 200| ÷ 200 = 10 %: 5 points past the 5 % allowed × 0.5 → 10 − 2.5
        ("200人次", "206人次", 10.0),  # 3 %: within the allowance
        ("200人次", "230人次", 5.0),  # 15 % above an exact target is a deviation too: 10 − 10 × 0.5
        ("≥200人次", "230人次", 10.0),  # above a floor is no deviation
        ("200人次", "100人次", 0.0),  # 50 %: 45 points × 0.5 = 22.5 off, 扣完为止 → 0
    ],
)
def test_a_deviation_allowed_from_the_target(target: str, actual: str, score: float) -> None:
    text = "偏差在5%以内得满分，每增加1个百分点扣0.5分，扣完为止"
    got = score_by_deviation(text, read_quantity(target), read_quantity(actual), 10.0)
    assert got is not None and got.score == pytest.approx(score)


@pytest.mark.parametrize(
    ("target", "actual", "weight", "score"),
    [  # round 28's "偏差在±5%以内得满分，每超出1个百分点扣1分，扣完为止" on exact targets
        ("200人次", "190人次", 15, 15.0),  # |190 − 200| ÷ 200 = 5 %: within
        ("100家", "108家", 15, 12.0),  # 8 %: 3 points past → 15 − 3
        ("50场", "44场", 10, 3.0),  # 12 %: 7 past → 10 − 7
        ("50场", "40场", 10, 0.0),  # 20 %: 15 past, 扣完为止
    ],
)
def test_a_deviation_written_plus_or_minus(target: str, actual: str, weight: float, score: float) -> None:
    text = "偏差在±5%以内得满分，每超出1个百分点扣1分，扣完为止"
    got = score_by_deviation(text, read_quantity(target), read_quantity(actual), weight)
    assert got is not None and got.score == pytest.approx(score)


@pytest.mark.parametrize(
    ("text", "target", "actual", "score"),
    [
        ("未发生得满分，每发生1起扣2分", "0起", "1起", 8.0),  # one event: 10 − 2
        ("每发生1起扣2分，扣完为止", "0起", "3起", 4.0),  # 10 − 3 × 2
        ("每发生1起扣2分，扣完为止", "0起", "6起", 0.0),  # 12 off: down to 0
        ("未发生得满分，每发生1件扣1分", "0件", "2件", 8.0),  # 10 − 2 × 1
        ("未发生得满分，每发生1起扣2分", "0起", "0起", 10.0),
        ("每发生2起扣1分", "0起", "3起", 9.0),  # one whole step of two events
    ],
)
def test_points_off_for_each_event_where_none_is_the_target(text: str, target: str, actual: str, score: float) -> None:
    got = score_by_events(text, read_quantity(target), read_quantity(actual), 10.0)
    assert got is not None and got.score == pytest.approx(score)


@pytest.mark.parametrize(
    ("text", "actual", "score"),
    [  # round 67: tiers of events, "以上" taking in its own number
        ("发生1起扣5分，发生2起及以上不得分", "0起", 10.0),
        ("发生1起扣5分，发生2起及以上不得分", "1起", 5.0),  # 10 − 5
        ("发生1起扣5分，发生2起及以上不得分", "2起", 0.0),
        ("发生1起扣5分，发生2起及以上不得分", "4起", 0.0),
        ("未发生得满分；发生一起扣3分，发生两起以上不得分", "2起", 0.0),  # 两起以上 takes in 2
        ("未发生得满分；发生一起扣3分，发生两起扣6分，发生三起及以上不得分", "2起", 4.0),  # 10 − 6
        ("未发生得10分，发生1起得6分，发生2起得2分，发生3起及以上得0分", "2起", 2.0),
    ],
)
def test_points_by_the_tier_of_events(text: str, actual: str, score: float) -> None:
    got = score_by_events(text, read_quantity("0起"), read_quantity(actual), 10.0)
    assert got is not None and got.score == pytest.approx(score)


def test_a_count_no_tier_holds_is_not_scored() -> None:
    # "发生1起扣5分" says nothing of 2
    assert score_by_events("发生1起扣5分", read_quantity("0起"), read_quantity("2起"), 10.0) is None
    # tiers in another unit than the actual's
    other = "发生1次扣5分，发生2次及以上不得分"
    assert score_by_events(other, read_quantity("0起"), read_quantity("1起"), 10.0) is None


def test_events_against_a_target_that_allows_some_are_left_to_the_general_rule() -> None:
    # "≤2起" allows two: whether the first two count the text does not say
    assert score_by_events("每发生1起扣2分", read_quantity("≤2起"), read_quantity("1起"), 10.0) is None
    # another unit than the text's
    assert score_by_events("每发生1起扣2分", read_quantity("0次"), read_quantity("1次"), 10.0) is None


def _reached(target: str, actual: str, how: str, weight: float = 5.0) -> IndicatorScore:
    return score_indicator(read_quantity(target), read_quantity(actual), weight, how, (), OverAchievement(1.2, 0.8))


@pytest.mark.parametrize(
    ("text", "target", "actual", "how", "score"),
    [  # round 29: all or nothing, by whether the row's own target was reached
        ("完成得满分，未完成不得分", "≥20期", "18期", "up", 0.0),
        ("完成得满分，未完成不得分", "≥20期", "20期", "up", 5.0),
        ("控制在目标值以内得满分，超出不得分", "≤450元", "468元", "down", 0.0),
        ("达到目标值得满分，未达到不得分", "≥500户", "480户", "up", 0.0),
        ("100%完成得满分，否则不得分", "100%", "99.5%", "equal", 0.0),
        ("未完成不得分", "≥98%", "98%", "up", 5.0),
    ],
)
def test_full_marks_or_nothing_by_whether_the_target_was_reached(
    text: str, target: str, actual: str, how: str, score: float
) -> None:
    got = score_by_all_or_nothing(text, _reached(target, actual, how), 5.0)
    assert got is not None and got.score == score


@pytest.mark.parametrize(
    "text",
    [
        "完成得满分，未完成按比例扣分",  # a deduction between the two
        "完成80%以上得满分，未完成不得分",  # a band
        "完成得满分，未完成得3分",
    ],
)
def test_a_text_that_says_more_than_all_or_nothing_is_left_alone(text: str) -> None:
    assert score_by_all_or_nothing(text, _reached("≥20期", "18期", "up"), 5.0) is None


def test_a_step_short_of_a_target_the_text_does_not_print() -> None:
    # "每少1台扣1分" names no figure but its step: it counts from the row's own ≥30台; 28台 is 2 short → 10 − 2
    got = score_by_count_steps("每少1台扣1分", read_quantity("≥30台"), read_quantity("28台"), 10.0)
    assert got is not None and got.score == 8.0
    # a text that prints another figure is about another target ("达20台得10分，每少1台扣1分" beside ≥30台)
    other = "达20台得10分，每少1台扣1分"
    assert score_by_count_steps(other, read_quantity("≥30台"), read_quantity("28台"), 10.0) is None


@pytest.mark.parametrize(("actual", "score"), [("18期", 8.0), ("17期", 8.0), ("20期", 10.0), ("15期", 0.0)])
def test_bands_of_the_share_of_a_count_target_done(actual: str, score: float) -> None:
    # "全部完成得满分，完成80%(含)以上得8分，80%以下不得分" under ≥20期: 18 ÷ 20 = 90 % and 17 ÷ 20 = 85 % → 8;
    # 15 ÷ 20 = 75 % → 0
    text = "全部完成得满分，完成80%(含)以上得8分，80%以下不得分"
    got = score_by_standard(text, read_quantity("≥20期"), read_quantity(actual), 10.0)
    assert got is not None and got.score == score


@pytest.mark.parametrize(
    ("actual", "score"),
    [
        ("91%", 10.0),  # round 31: 4 points short of ≥95 %, 4.21 % of it: within 5 % either way
        ("96%", 10.0),  # above a floor: no deviation
        ("88%", None),  # 7 points (2 past, 10 − 1 = 9) or 7.37 % (2.37 past, 8.82): the text does not say which
    ],
)
def test_a_deviation_from_a_percentage_target(actual: str, score: float | None) -> None:
    text = "偏差在±5%以内得满分，每增加1个百分点扣0.5分，扣完为止"
    assert score_by_standard(text, read_quantity("≥95%"), read_quantity(actual), 10.0) is None  # not a threshold
    got = score_by_deviation(text, read_quantity("≥95%"), read_quantity(actual), 10.0)
    assert got is not None and got.score == (pytest.approx(score) if score is not None else None)


def test_points_off_for_each_event_in_other_units() -> None:
    # round 31: "每发生1处扣2分" under "0处": 3处 → 10 − 6 = 4
    got = score_by_events("未发生得满分，每发生1处扣2分，扣完为止", read_quantity("0处"), read_quantity("3处"), 10.0)
    assert got is not None and got.score == 4.0


@pytest.mark.parametrize(("actual", "score"), [("91%", 15.0), ("89%", 0.0)])
def test_a_deviation_allowed_and_nothing_beyond_it(actual: str, score: float) -> None:
    # round 33: "偏差在±5%以内得满分，超出不得分" under ≥95 %: 91 % is 4 points and 4.21 % short (within), 89 % is 6
    # points and 6.32 % (beyond either way) → 0
    text = "偏差在±5%以内得满分，超出不得分"
    got = score_by_deviation(text, read_quantity("≥95%"), read_quantity(actual), 15.0)
    assert got is not None and got.score == score


@pytest.mark.parametrize(
    ("text", "target", "actual", "score"),
    [  # round 71: thresholds under the row's own target
        ("少于12次扣5分", "≥12次", "10次", 5.0),  # 10 − 5
        ("少于12次扣5分", "≥12次", "12次", 10.0),
        ("达到12次得满分，少于12次扣5分，少于8次不得分", "≥12次", "9次", 5.0),
        ("达到12次得满分，少于12次扣5分，少于8次不得分", "≥12次", "7次", 0.0),  # under 8: the lowest tier
        ("低于10场得6分，低于6场得2分", "10场", "5场", 2.0),
    ],
)
def test_a_count_short_of_thresholds(text: str, target: str, actual: str, score: float) -> None:
    got = score_by_count_floor(text, read_quantity(target), read_quantity(actual), 10.0)
    assert got is not None and got.score == pytest.approx(score)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("达到20场得满分，低于18场扣5分", "≥20场"),  # 18..20 the text leaves open
        ("每少于1场扣1分", "≥20场"),  # a step, not a threshold
        ("少于20次扣5分", "≥20场"),  # another unit
        ("少于20场扣5分，完成80%得8分", "≥20场"),  # says more
    ],
)
def test_thresholds_that_leave_a_gap_or_say_more_are_not_read(text: str, target: str) -> None:
    assert score_by_count_floor(text, read_quantity(target), read_quantity("19场"), 10.0) is None


def test_a_completion_rate_in_whole_steps_on_a_count_row() -> None:
    # round 71: 186 of ≥200个 is 93 %, 7 points short: one whole step of 5 → 10 − 1 = 9
    text = "完成率100%得满分，每降低5个百分点扣1分"
    got = score_by_standard(text, read_quantity("≥200个"), read_quantity("186个"), 10.0)
    assert got is not None and got.score == pytest.approx(9.0)


@pytest.mark.parametrize(
    "text",
    ["发生2起及以下扣5分，发生3起及以上不得分", "发生3起以下扣2分，发生3起以上不得分"],
)
def test_tiers_downward_are_not_read(text: str) -> None:
    # "N起以下" ranges down from N: not the tiers of exact counts and open tops read here
    assert score_by_events(text, read_quantity("0起"), read_quantity("2起"), 10.0) is None


@pytest.mark.parametrize(
    ("text", "name", "rate"),
    [  # round 79: a rate stated after its own working, as wanglu's 指标说明 writes it
        (
            "三公经费变动率=(本年度三公经费总额-上年度三公经费总额)÷上年度=(16.80-16.00)÷16.00=5.00%",
            "三公经费变动率",
            5.0,
        ),
        ("公务招待费变动率=(5.25-5.00)/5.00=5.00%", "公务招待费变动率", 5.0),
        ("执行率=995÷1000=99.50%", "预算执行率", 99.5),
        ("预算完成率=预算完成数/预算数×100%", "预算完成率", None),  # a definition states none
    ],
)
def test_a_rate_stated_after_its_working(text: str, name: str, rate: float | None) -> None:
    found = stated_rate(text, name)
    assert (found[1] if found else None) == rate


def test_a_step_of_a_day_counts_days_not_days_of_a_month() -> None:
    # "每延迟1天" over a limit in 工作日: 7 of 5 → 2 days → 10 − 1 = 9 (round 102); a day of a month is no count of
    # days (the second review: "次月3日" against "每月25日前" was read as 3 ÷ 25)
    got = score_by_count_steps("每延迟1天扣0.5分", read_quantity("5个工作日内"), read_quantity("7个工作日"), 10.0)
    assert got is not None and got.score == 9.0
    assert score_by_count_steps("每延迟1天扣0.5分", read_quantity("每月25日前"), read_quantity("次月3日"), 10.0) is None


def test_a_limit_in_days_written_with_ri_is_a_count_of_days() -> None:
    # "15日内" is fifteen days (the third review: it was read as a day of a month), "每月25日前" is a day of one
    got = score_by_count_steps("每超期1天扣0.5分", read_quantity("15日内"), read_quantity("18日"), 10.0)
    assert got is not None and got.score == 8.5


def test_a_step_for_each_day_late_over_a_bare_limit() -> None:
    # "7个工作日" with no sign beside "每延迟1天扣1分": a limit; 9 is 2 days late → 5 − 2 = 3 (round 105)
    got = score_by_count_steps("每延迟1天扣1分", read_quantity("7个工作日"), read_quantity("9个工作日"), 5.0)
    assert got is not None and got.score == 3.0
    # a late step counted in 次 is no time limit ("按月报送，每延迟1次扣1分 | 12次 | 10次", the fourth review)
    assert score_by_count_steps("每延迟1次扣1分", read_quantity("12次"), read_quantity("10次"), 10.0) is None


def test_a_step_worded_over_a_bare_limit() -> None:
    # round 107: "每超过1个工作日扣1分" beside a bare "7个工作日": 9 is 2 over → 5 − 2 = 3 (before: unread, 7 ÷ 9 × 5)
    text = "在时限内办结得满分，每超过1个工作日扣1分，扣完为止"
    got = score_by_count_steps(text, read_quantity("7个工作日"), read_quantity("9个工作日"), 5.0)
    assert got is not None and got.score == 3.0
