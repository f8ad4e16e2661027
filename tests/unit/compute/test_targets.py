"""Reading 年度指标值 / 实际完成值 and scoring one indicator; every string below is copied from a seed."""

from __future__ import annotations

import pytest

from perfxl.compute.deadlines import score_deadline
from perfxl.compute.targets import (
    IndicatorScore,
    Quantity,
    direction,
    hygiene,
    read_quantity,
    score_indicator,
    tier_bounds,
)
from perfxl.rules import SelfEvalDef, Tier, load_rules

Q = read_quantity


def _national() -> SelfEvalDef:
    spec = load_rules("national-2020").forms["self_eval"].self_eval
    assert spec is not None
    return spec


NATIONAL = _national()  # the tiers and over-achievement thresholds of the national rules
HUBEI_TIERS = (Tier("优", 0.8, 1.0), Tier("良", 0.5, 0.8), Tier("中", 0.5, 0.8), Tier("差", 0.0, 0.5))


def score(
    target: Quantity, actual: Quantity, weight: float, how: str, tiers: tuple[Tier, ...] = NATIONAL.tiers
) -> IndicatorScore:
    return score_indicator(target, actual, weight, how, tiers, NATIONAL.over_achievement)


def check(
    target: Quantity, actual: Quantity, how: str, level2: str | None, year: int | None, name: str = ""
) -> list[tuple[str, str]]:
    return hygiene(target, actual, how, level2, year, NATIONAL.over_achievement, name)


def codes(findings: list[tuple[str, str]]) -> list[str]:
    return [code for code, _ in findings]


# (raw, unit_hint) -> (value, op, unit, percent, year, grade, numbers)
CASES: list[tuple[object, str, tuple[float | None, str | None, str, bool, int | None, str | None, int]]] = [
    # seed 001 (益阳, 附件 top table)
    ("1500项", "", (1500, None, "项", False, None, None, 1)),
    ("1508项", "", (1508, None, "项", False, None, None, 1)),
    ("17", "", (17, None, "", False, None, None, 1)),
    ("76.27万元", "", (76.27, None, "万元", False, None, None, 1)),
    ("106.19", "", (106.19, None, "", False, None, None, 1)),
    ("86万元", "", (86, None, "万元", False, None, None, 1)),
    ("100%", "", (100, None, "%", True, None, None, 1)),
    ("100%。", "", (100, None, "%", True, None, None, 1)),
    ("2021年1月-12月", "", (None, None, "", False, 2021, None, 3)),
    ("2020年1月-12月", "", (None, None, "", False, 2020, None, 3)),
    ("占入库税收的 33.%;", "", (33, None, "%", True, None, None, 1)),
    ("力争网上可办率90%以上。", "", (90, ">=", "%", True, None, None, 1)),
    ("网上可办率90%以上。", "", (90, ">=", "%", True, None, None, 1)),
    ("力争好评率100%", "", (100, ">=", "%", True, None, None, 1)),
    ("好评率100%", "", (100, None, "%", True, None, None, 1)),
    ("安全率100%。", "", (100, None, "%", True, None, None, 1)),
    ("力争使群众和企业对政务中心满意度达95%以上。", "", (95, ">=", "%", True, None, None, 1)),
    ("截至目前,全区共接受各类评价12931条,办件评价率98.72%,好评率100%", "", (None, None, "", False, None, None, 3)),
    # seed 003 (重庆梁平): value in 年度指标值, unit in 度量单位
    ("≥40", "%", (40, ">=", "%", True, None, None, 1)),
    ("≥98", "%", (98, ">=", "%", True, None, None, 1)),
    ("100", "%", (100, None, "%", True, None, None, 1)),
    ("12", "月", (12, None, "月", False, None, None, 1)),
    ("≥400", "项", (400, ">=", "项", False, None, None, 1)),
    (1000, "台", (1000, None, "台", False, None, None, 1)),
    (120, "人", (120, None, "人", False, None, None, 1)),
    ("优", "无", (None, None, "", False, None, "优", 0)),
    ("确保行政服务中心大厅正常运行", "台", (None, None, "台", False, None, None, 0)),
    ("(2021 年度)", "", (None, None, "", False, 2021, None, 1)),
    ("承诺办结时限压缩比例达70%以上,平均跑动次数达0.3次以下", "%", (None, ">=", "%", True, None, None, 2)),
    # seed 004 (全南)
    (">95%", "", (95, ">", "%", True, None, None, 1)),
    ("＞95%", "", (95, ">", "%", True, None, None, 1)),
    ("＞90%", "", (90, ">", "%", True, None, None, 1)),
    ("≥45万元", "", (45, ">=", "万元", False, None, None, 1)),
    ("≥30个", "", (30, ">=", "个", False, None, None, 1)),
    ("39个", "", (39, None, "个", False, None, None, 1)),
    ("≥300项", "", (300, ">=", "项", False, None, None, 1)),
    ("653项", "", (653, None, "项", False, None, None, 1)),
    ("政务服务事项按时办结率≥95%", "", (95, ">=", "%", True, None, None, 1)),
    ("办公时间确保有2名安保人员、3名清洁人员正常在岗", "", (None, None, "", False, None, None, 2)),
    ("在政务服务大厅设置“跨省通办”专区", "", (None, None, "", False, None, None, 0)),
    # operator words (docs/domain.md §1.4 wording, not in the seeds)
    ("不低于95%", "", (95, ">=", "%", True, None, None, 1)),
    ("不超过5%", "", (5, "<=", "%", True, None, None, 1)),
    ("控制在100%以内", "", (100, "<=", "%", True, None, None, 1)),
    ("≤-5%", "", (-5, "<=", "%", True, None, None, 1)),
    ("大于等于90%", "", (90, ">=", "%", True, None, None, 1)),
    ("一般", "", (None, None, "", False, None, "中", 0)),
    ("2020-2021年", "", (None, None, "", False, 2020, None, 2)),
]


@pytest.mark.parametrize(("raw", "hint", "expected"), CASES)
def test_read_quantity(raw: object, hint: str, expected: tuple[object, ...]) -> None:
    q = read_quantity(raw, hint)
    assert q.text == (raw if isinstance(raw, str) else str(raw))
    value, *rest = expected
    assert q.value == (pytest.approx(value) if value is not None else None)
    assert (q.op, q.unit, q.percent, q.year, q.grade, q.numbers) == tuple(rest)


def test_placeholders_are_blank() -> None:
    assert all(read_quantity(raw).blank for raw in ("*", "—", "/", "", None, "  "))
    assert not read_quantity("0").blank


# --- seed 001, 成本指标 全年基本支出: 76.27万元 vs 106.19 -----------------------------------------------------------


def test_seed001_cost_without_operator_is_down_and_proportional() -> None:
    target, actual = Q("76.27万元"), Q(106.19)
    how = direction(target, None, "成本指标")
    assert how == "down"
    result = score(target, actual, 10, how)
    # by hand: 76.27 / 106.19 = 0.718241 → × 10 = 7.1824
    assert result.score == pytest.approx(7.1824, abs=1e-4)
    assert result.coefficient == pytest.approx(0.71824, abs=1e-5)
    assert result.met is False and result.over_achieved is False
    assert result.basis == "反向: 目标 76.27 ÷ 实际 106.19 × 10 = 7.18"
    assert check(target, actual, how, "成本指标", 2020, name="全年基本支出") == []


def test_seed001_count_reached_is_full_and_capped() -> None:
    target, actual = Q("1500项"), Q("1508项")
    how = direction(target, None, "数量指标")
    result = score(target, actual, 5, how)
    assert how == "up"
    assert result.score == 5 and result.coefficient == 1 and result.met is True
    assert result.basis == "正向: 实际 1508项 ≥ 目标 1500项 → 满分 5"
    assert not result.over_achieved  # 1508 / 1500 = 1.005 < 1.2


def test_seed001_staff_short_of_target_is_proportional() -> None:
    result = score(Q(17), Q(16), 5, "up")
    # by hand: 16 / 17 × 5 = 4.7059
    assert result.score == pytest.approx(4.7059, abs=1e-4)
    assert result.met is False


def test_seed001_timeliness_years() -> None:
    # 资金拨付时效: target 2021, actual 2020, the evaluation year is 2020
    target, actual = Q("2021年1月-12月"), Q("2020年1月-12月")
    how = direction(target, None, "时效指标")
    assert how == "unknown"  # a dated text has no single number
    assert score(target, actual, 5, how).score is None
    found = check(target, actual, how, "时效指标", 2020, name="资金拨付时效")
    assert codes(found) == ["year-mismatch", "year-mismatch"]
    assert "2021" in found[0][1] and "评价年度 2020" in found[0][1]
    assert "2021 年" in found[1][1] and "2020 年" in found[1][1]
    # 资金使用时间: both say 2021 in a 2020 evaluation -> one finding naming both
    same = check(target, Q("2021年1月-12月"), how, "时效指标", 2020, name="资金使用时间")
    assert codes(same) == ["year-mismatch"]
    assert "都写 2021 年" in same[0][1]
    assert check(Q("2020年1月-12月"), actual, how, "时效指标", 2020) == []
    # a year outside a 时效 indicator is not checked
    assert check(target, actual, how, "数量指标", 2020) == []
    # round 135 (宁德): the year a late part was put off to is no slip; a later year said otherwise still is
    late = Q("12个项目中11个按期完工，1个因雨季延期至2024年1月完工")

    def years(actual: Quantity, year: int) -> list[str]:
        return [code for code in codes(check(Q("0个"), actual, "down", "时效指标", year)) if code == "year-mismatch"]

    assert years(late, 2023) == []
    assert years(Q("12个项目于2024年1月完工"), 2023) == ["year-mismatch"]
    assert years(late, 2022) == ["year-mismatch"]  # two years past 2022


def test_seed001_several_numbers_are_not_an_actual() -> None:
    target = Q("力争使群众和企业对政务中心满意度达95%以上。")
    actual = Q("截至目前,全区共接受各类评价12931条,办件评价率98.72%,好评率100%")
    how = direction(target, None, "服务对象满意度指标")
    assert how == "up"
    assert score(target, actual, 10, how).score is None
    found = check(target, actual, how, "服务对象满意度指标", 2020)
    assert codes(found) == ["actual-not-numeric"]
    assert "含 3 个数字" in found[0][1]


# --- seed 004 (全南) ------------------------------------------------------------------------------------------------


def test_seed004_cost_written_as_at_least() -> None:
    target = actual = Q("≥45万元")
    how = direction(target, None, "成本指标")
    assert how == "up"  # the operator wins; the finding says it is wrong
    found = check(target, actual, how, "成本指标", 2021, name="大厅运行经费支出")
    assert codes(found) == ["cost-direction"]
    assert found[0][1] == "成本指标「大厅运行经费支出」的年度指标值「≥45万元」写作 ≥，应为 ≤（成本越低越好）"
    assert score(target, actual, 10, how).met is True


@pytest.mark.parametrize(("target", "actual", "ratio"), [("≥30个", "39个", "1.3"), ("≥300项", "653项", "2.18")])
def test_seed004_over_achieved(target: str, actual: str, ratio: str) -> None:
    t, a = Q(target), Q(actual)
    how = direction(t, None, "可持续影响指标")
    result = score(t, a, 5, how)
    # 39 / 30 = 1.3 and 653 / 300 = 2.177, both ≥ 1.2
    assert how == "up" and result.met is True and result.over_achieved is True
    assert result.score == 5  # never above the weight; the deduction is left to people (docs/domain.md §6.5)
    found = check(t, a, how, "可持续影响指标", 2021)
    assert codes(found) == ["over-achieved"]
    assert f"{ratio} 倍" in found[0][1]


@pytest.mark.parametrize(("target", "actual", "warned"), [("9月前", "7月", False), ("≤24小时", "12小时", True)])
def test_a_month_reached_early_is_no_loose_target(target: str, actual: str, warned: bool) -> None:
    # 7 ÷ 9 = 77.78 % says nothing of a deadline met two months early; 12 ÷ 24 = 50 % of a duration does
    t, a = Q(target), Q(actual)
    found = check(t, a, direction(t, None, "时效指标"), "时效指标", 2023)
    assert (codes(found) == ["over-achieved"]) is warned


def test_seed004_strict_target_met_by_same_strict_actual() -> None:
    result = score(Q("＞95%"), Q("＞95%"), 10, "up")
    assert result.met is True and result.score == 10
    bare = score(Q("＞95%"), Q("95%"), 10, "up")
    assert bare.met is False and bare.score == 10  # not strictly above, ratio still 1
    assert "视为未达成" in bare.basis


# --- seed 003 (重庆梁平) ------------------------------------------------------------------------------------------


def test_seed003_at_least_with_free_text_actual() -> None:
    target, actual = read_quantity(1000, "台"), read_quantity("确保行政服务中心大厅正常运行", "台")
    how = direction(target, "≥", "数量指标")
    assert how == "up"
    result = score(target, actual, 15, how)
    assert result.score is None and result.met is None
    found = check(target, actual, how, "数量指标", 2021, name="确保行政服务中心大厅正常运行")
    assert codes(found) == ["actual-not-numeric"]
    assert "「1000」" in found[0][1] and "没有数值" in found[0][1]


def test_seed003_qualitative_grade() -> None:
    target = read_quantity("优", "无")
    actual = read_quantity("为老百姓提供一站式服务,进一步方便老百姓办事", "无")
    how = direction(target, "定性", "质量指标")
    assert how == "qualitative"
    result = score(target, actual, 15, how)
    assert result.score is None and result.coefficient is None
    assert result.bounds == (0.8, 1.0)
    assert "[80%, 100%]" in result.basis and "12–15" in result.basis
    assert result.met is None  # the grade is the target's; the actual is free text
    assert score(target, Q("良"), 10, how).bounds == (0.6, 0.9)  # 部分达成, or 达成 short of 优
    assert score(target, Q("良"), 10, how).met is False
    assert score(target, Q("良"), 10, how, HUBEI_TIERS).bounds == (0.5, 0.8)
    assert check(target, actual, how, "质量指标", 2021) == []


def test_seed003_percent_hint_and_nature() -> None:
    target = read_quantity("≥98", "%")
    assert direction(target, "定量", "服务对象满意度指标") == "up"
    assert direction(target, "反向", None) == "down"
    assert direction(read_quantity(98, "%"), "≤", None) == "down"
    assert direction(read_quantity(12, "月"), "=", "数量指标") == "equal"
    assert direction(read_quantity("98", "%"), None, None) == "up"  # a bare number is 正向 by the national rule
    assert direction(read_quantity("86万元"), None, "成本指标") == "down"
    assert direction(read_quantity("全区智慧政务建设"), None, None) == "qualitative"


def test_signs_typed_as_lookalikes() -> None:
    # 永德 2022 (tests/corpus/real) prints "═" (a box-drawing line) for =; Word's slanted ⩾ ⩽ occur for ≥ ≤
    assert direction(read_quantity(100, "%"), "═", "成本指标") == "equal"  # not the 成本 default ≤
    assert direction(read_quantity(95, "%"), "⩾", "成本指标") == "up"
    assert direction(read_quantity(95, "%"), "⩽", "数量指标") == "down"
    assert read_quantity("⩾95%").op == ">="


# --- scoring rules ------------------------------------------------------------------------------------------------


def test_tiers() -> None:
    assert tier_bounds("优", NATIONAL.tiers) == (0.8, 1.0)
    assert tier_bounds("中", NATIONAL.tiers) == (0.6, 0.8)
    assert tier_bounds("差", NATIONAL.tiers) == (0.0, 0.6)
    assert tier_bounds("差", HUBEI_TIERS) == (0.0, 0.5)
    assert tier_bounds(None, NATIONAL.tiers) is None
    assert NATIONAL.tiers[0] == Tier("优", 0.8, 1.0)


def test_equal_direction() -> None:
    target = read_quantity("=12", "月")
    assert direction(target, None, None) == "equal"
    assert score(target, read_quantity(12, "月"), 10, "equal").score == 10
    off = score(target, read_quantity(10, "月"), 10, "equal")
    assert off.score == pytest.approx(10 * 10 / 12) and off.met is False
    above = score(target, read_quantity(15, "月"), 10, "equal")
    assert above.score == pytest.approx(10 * 12 / 15) and not above.over_achieved


def test_down_with_zero_actual_is_full() -> None:
    result = score(Q("≤5%"), Q("0%"), 8, "down")
    assert result.score == 8 and result.met is True
    assert result.over_achieved is True  # 0 ≤ 0.8 × 5
    assert score(Q("≤0"), Q("0"), 8, "down").score == 8
    assert score(Q("≤0"), Q("2"), 8, "down").score == 0


def test_score_stays_within_weight() -> None:
    for actual in ("0", "1", "1508项", "99999", "-3"):
        for how in ("up", "down", "equal"):
            result = score(Q("1500项"), Q(actual), 5, how)
            assert result.score is not None and 0 <= result.score <= 5
            assert result.coefficient is not None and 0 <= result.coefficient <= 1


def test_percent_against_fraction() -> None:
    result = score(Q("95%"), read_quantity(0.97), 10, "up")
    assert result.met is True and result.score == 10
    assert result.basis == "实际完成值 0.97 按 97% 读；正向: 实际 97% ≥ 目标 95% → 满分 10"  # as read, not "0.97 ≥ 95%"
    short = score(read_quantity(95, "%"), read_quantity(0.9, "%"), 10, "up")
    assert short.score == pytest.approx(10 * 90 / 95)
    # a small percent target: 0.97 could be 0.97% or 97%, so it is read as written
    assert score(Q("2%"), read_quantity(0.97), 10, "up").score == pytest.approx(10 * 0.97 / 2)


def test_target_over_100_and_placeholders() -> None:
    over = check(Q("≥120%"), Q("125%"), "up", "质量指标", 2021)
    assert codes(over) == ["target-over-100"]
    assert "「≥120%」" in over[0][1]
    assert check(Q("≤105%"), Q("98%"), "down", "成本指标", 2021) == []  # a ceiling above 100% is fine
    holes = check(Q("100%"), Q("*"), "up", "质量指标", 2021, name="固定资产使用率")
    assert codes(holes) == ["placeholder"]
    assert holes[0][1] == "指标「固定资产使用率」的实际完成值为占位符「*」，应填写具体值"
    assert codes(check(Q(None), Q(None), "qualitative", None, 2021)) == ["placeholder", "placeholder"]


def test_cost_made_upward_by_nature() -> None:
    target = read_quantity(45, "万元")
    how = direction(target, "≥", "成本指标")
    assert how == "up"
    found = check(target, read_quantity(45, "万元"), how, "成本指标", 2021)
    assert codes(found) == ["cost-direction"]


def test_a_saving_under_cost_is_held_to_a_floor_rightly() -> None:
    # "单位造价降低率 ≥3%": a reduction rate, where ≥ is the right direction
    target = read_quantity("≥3%", None)
    found = check(
        target, read_quantity("3.4%", None), direction(target, None, "成本指标"), "成本指标", 2023, "单位造价降低率"
    )
    assert "cost-direction" not in codes(found)


def test_quantity_is_frozen() -> None:
    q = Quantity("1", 1.0, None, "", False, None, None, 1)
    with pytest.raises(AttributeError):
        q.value = 2.0  # type: ignore[misc]


def test_a_deadline_is_reached_early() -> None:
    """金寨 2023 (tests/corpus/real): 验收时间 target "9月前", done in "7月": a deadline met early earns the full 5."""
    target, actual = read_quantity("9月前", ""), read_quantity("7月", "")
    assert (target.value, target.op) == (9, "<=")
    assert read_quantity("11月底之前", "").op == "<="
    assert score(target, actual, 5.0, direction(target, None, "时效指标")).score == 5


def test_a_deadline_date_read_from_a_date_cell_or_text() -> None:
    import datetime as dt

    from perfxl.compute.deadlines import read_date, score_deadline

    assert (
        read_date(dt.date(2023, 8, 15)) == read_date("2023年8月15日") == read_date("2023-08-15") == dt.date(2023, 8, 15)
    )
    assert read_date("2023年1月-12月") is None and read_date("9月前") is None
    met = score_deadline("2023年12月31日前", dt.datetime(2023, 11, 30), 5)
    assert met is not None and met.score == 5 and met.met
    late = score_deadline("≤2023-06-30", "2023年8月15日", 5)
    assert late is not None and late.score is None and late.met is False
    # no 前/≤: a completion date is its deadline still ("完成时间为2022年12月30日"); a month alone its last day
    on_date = score_deadline("2023年12月31日", "2023-11-30", 5)
    assert on_date is not None and on_date.score == 5
    month = score_deadline("2022年10月底前", "2022年10月25日", 10)  # 10月底 is 10月31日
    assert month is not None and month.score == 10
    assert score_deadline("2022年12月15日前", "2022年12月完成", 10) is None  # which day of 12月 is not said


def test_a_deadline_by_month_and_day() -> None:
    # "12月底前" against "12月20日前全部发放": the same year's 12-31 and 12-20, met; "6月30日前" against "7月5日" missed
    met = score_deadline("12月底前", "12月20日前全部发放", 10)
    assert met is not None and met.score == 10 and "12月20日" in met.basis and "12月31日" in met.basis
    late = score_deadline("6月30日前", "7月5日完成", 10)
    assert late is not None and late.score is None and late.met is False
    assert score_deadline("9月前", "8月完成", 10) is None  # months alone are numbers (compute.targets)
    assert score_deadline("2月底前", "2月29日", 10) is not None  # a month's end, whatever the year


def test_a_bare_target_of_none_is_a_ceiling() -> None:
    # "0起" (no operator): none at all is the target, as "≤0" says; 1起 fails it (the inverse ratio 0 ÷ 1 → 0),
    # where it was read as a floor met by any count
    assert direction(Q("0起"), None, "质量指标") == "down"
    assert score(Q("0起"), Q("0起"), 10, "down").score == 10
    assert score(Q("0起"), Q("1起"), 10, "down").score == 0
    assert direction(Q("≥0"), None, None) == "up"  # an operator says otherwise


@pytest.mark.parametrize(
    ("target", "done", "score"),
    [
        # a deadline given as a part of a year is its last day (round 105): 9月30日 to 10月15日 is 15 days → 10 − 7.5
        ("2023年第三季度", "2023年10月15日", 2.5),
        ("2023年第四季度", "2024年1月15日", 2.5),
        ("2023年上半年", "2023年7月4日", 8.0),
        ("2023年底前", "2023年12月20日", 10.0),
        ("2023年内", "2024年1月2日", 9.0),
        ("2023年度内", "2024年1月10日", 5.0),  # round 107
    ],
)
def test_a_deadline_given_as_a_part_of_the_year(target: str, done: str, score: float) -> None:
    got = score_deadline(target, done, 10.0, "按时完成得满分，每延迟1天扣0.5分")
    assert got is not None and got.score == score


def test_a_bare_time_limit_is_a_ceiling() -> None:
    # "7个工作日" with no sign on a row named a 时限: done in fewer is better (round 105: 9 was read as beating 7);
    # days counted as such are not ("公共文化场馆免费开放天数 | 280天", round 86: 285 beats it)
    assert direction(read_quantity("7个工作日"), None, "时效指标", name="办理时限") == "down"
    assert direction(read_quantity("280天"), None, "时效指标", name="公共文化场馆免费开放天数") == "up"
    assert direction(read_quantity("1000小时"), None, "数量指标", name="志愿服务时长") == "up"  # (the fourth review)
    assert direction(read_quantity("7个工作日"), None, "时效指标", name="办理周期") == "down"  # round 107
    assert direction(read_quantity("7个"), None, "数量指标") == "up"


@pytest.mark.parametrize(
    ("target", "done", "score"),
    [
        # a deadline that names no year is of the year evaluated where the date done names its own (round 107):
        # 年底前 → 2023年12月31日, 10 days to 2024年1月10日 → 50 − 10; 11月30日 to 2024年1月15日 is 46 days → 4
        ("年底前", "2024年1月10日", 40.0),
        ("本年度内", "2024年1月10日", 40.0),
        ("11月30日前", "2024年1月15日", 4.0),
        ("12月31日前", "2023年12月15日", 50.0),
    ],
)
def test_a_deadline_of_no_year_is_the_years_evaluated(target: str, done: str, score: float) -> None:
    got = score_deadline(target, done, 50.0, "按时完成得满分，每延迟1天扣1分", 2023)
    assert got is not None and got.score == score
    # (with no year evaluated known, a January against 年底前 or 11月30日前 is of no year: not judged)
    unknown = score_deadline(target, done, 50.0, "按时完成得满分，每延迟1天扣1分", None)
    assert score == 50.0 or unknown is None or unknown.score is None


@pytest.mark.parametrize(
    ("target", "actual", "warned"),
    # a rate held under a ceiling is better the lower it is: 4 % under "≤5%" is no loose target (round 109's 重庆
    # 部门整体 结转结余率), while a duration far under its limit still is
    [("≤5%", "4%", False), ("≤2%", "0.5%", False), ("≤24小时", "12小时", True)],
)
def test_a_rate_far_under_its_ceiling_is_no_loose_target(target: str, actual: str, warned: bool) -> None:
    t, a = Q(target), Q(actual)
    how = direction(t, None, "效益指标")
    assert how == "down"
    assert (codes(check(t, a, how, "效益指标", 2023)) == ["over-achieved"]) is warned


@pytest.mark.parametrize(
    ("target", "actual", "warned"),
    # "完成" against a date to be done by: done by it (round 110's 黄石 时效 row); against a count it says no number
    [("12月底前完成", "完成", False), ("11月30日前", "已完成", False), ("≥3个", "完成", True)],
)
def test_done_in_words_against_a_date_to_be_done_by(target: str, actual: str, warned: bool) -> None:
    t, a = Q(target), Q(actual)
    found = check(t, a, direction(t, None, "时效指标"), "时效指标", 2023)
    assert ("actual-not-numeric" in codes(found)) is warned


def test_a_third_of_a_month_done_is_its_days() -> None:
    # round 110's 原州 row: "11月底前完成" against "12月中旬完成" (11–20 December) is late, no step printed: only full
    # marks are questioned (before: the month numbers were divided, 11 ÷ 12 × 8 = 7.33)
    late = score_deadline("11月底前完成", "12月中旬完成", 8, None, 2023)
    assert late is not None and late.score is None and late.met is False
    assert "12月11–20日" in late.basis
    # a step per day late: 11–20 days → 8 − 20 × 0.2 = 4 to 8 − 11 × 0.2 = 5.8
    stepped = score_deadline("11月底前完成", "12月中旬完成", 8, "每延迟1天扣0.2分", 2023)
    assert stepped is not None and stepped.bounds == pytest.approx((4 / 8, 5.8 / 8))
    early = score_deadline("11月底前完成", "11月上旬完成", 8, None, 2023)
    assert early is not None and early.score == 8 and early.met is True


def test_a_third_of_a_month_of_a_named_year() -> None:
    # round 112: "2023年12月中旬完成" against "2023年11月底前完成" is late (11–20 December)
    late = score_deadline("2023年11月底前完成", "2023年12月中旬完成", 5, None, 2023)
    assert late is not None and late.met is False and "2023年12月11–20日" in late.basis
    on_time = score_deadline("2023年12月15日前完成", "2023年12月上旬完成", 5, None, 2023)
    assert on_time is not None and on_time.score == 5
    assert score_deadline("2023年12月15日前完成", "2023年12月中旬完成", 5, None, 2023) is None  # 11–20: either side


@pytest.mark.parametrize(
    ("target", "actual", "score_"),
    [  # rounds 137 and 140: a figure counted in 万 against a target in the plain unit, and lengths in 米 and 公里
        ("≥30000人", "约3.2万人", 10.0),  # 32,000 ≥ 30,000 (n6, 家庭医生签约服务人数)
        ("≥8万平方米", "76000平方米", 9.5),  # 7.6 ÷ 8 × 10 (n4, 不动产测绘面积)
        ("≥2万亩", "18600亩", 9.3),  # 1.86 ÷ 2 × 10 (x3, 高标准农田)
        ("≥20000亩", "1.9万亩", 9.5),  # 19,000 ÷ 20,000 × 10
        ("≥2公里", "1900米", 9.5),  # 1.9 ÷ 2 × 10
        ("≥1.2万人次", "11400人次", 9.5),  # 1.14 ÷ 1.2 × 10
        ("≥10000份", "1.1万份", 10.0),
        ("≥1亿元", "9000万元", 9.0),  # 0.9 ÷ 1 × 10
    ],
)
def test_figures_in_units_of_another_size(target: str, actual: str, score_: float) -> None:
    got = score(Q(target), Q(actual), 10, "up")
    assert got.score == pytest.approx(score_, abs=1e-9)
    assert check(Q(target), Q(actual), "up", "数量指标", 2023) == []  # and no over-achievement of 9,500 times
