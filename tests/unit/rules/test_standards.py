"""Printed 评价标准 read into rules: the corpus of real standards scored against hand-worked points, and each
construct on small texts worked by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from perfxl.check.working import rule_basis, rule_text
from perfxl.compute.rule_score import rule_score
from perfxl.compute.stated import target_ratio
from perfxl.errors import RuleError
from perfxl.rules import Band, ScoreRule, load_rules
from perfxl.rules.standards import Parsed, parse_standard
from perfxl.rules.standards_target import against_target

CORPUS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[2] / "data" / "standards.json").read_text(encoding="utf-8")
)
BY_ID = {entry["id"]: entry for entry in CORPUS}

# Marked ambiguous in the corpus for a reason the 评价标准 text does not carry: the parser reads the text exactly as
# it reads the same words elsewhere (which rate feeds the rule is the rule data's business, not the text's).
OUTSIDE_TEXT = {
    "hnjxw2015-sgjf": "指标说明 measures 三公经费 on 总额 (spending), not 预算数; the text is yiyang2020-sgjf's",
    "yabo2016-sgjf": "the comparison signs were restored by hand from the other rows; basis 总额 as above",
}
# The corpus's ambiguous standards the parser reports as ambiguous, and as unreadable, with the reason it gives.
REPORTED_AMBIGUOUS = {
    "canshishi2017-sgjf": "印的满分 8 与分值 5 不符",
    "mof-workload": "「每相差」",
    "wanglu2019-carryover": "「二者择其一」",
}
# Read by a decision of docs/domain.md §11 where the corpus marks the words open: 岳阳's 资金结余 compares amounts (结余
# with 上年结转), read as bands over the carry-over's change rate, as the corpus's own "as_rate" maps it.
READ_BY_DECISION = {"yueyang-surplus": "结转结余变动率"}
REPORTED_UNREAD = {
    "cq2021-exec": "未读懂「执行率(%)|执行率权重|执行率得分(分)[」",  # a table row, no scoring sentence
    "mof-progress": "分数「得满分」没有条件",  # "在计划时间内完成的" is no rate condition; 每相差 as above
    "univ2017-intact": "「≥90%」时按比例计分",
    "univ2017-use": "「≥70%」时按比例计分",
}


def _score(rule: ScoreRule, rate: float, weight: float) -> float:
    return float(rule_score(np.array([rate]), rule, weight)[0])


def _scores(rule: ScoreRule, rates: list[float], weight: float) -> list[float]:
    return [round(float(s), 6) for s in rule_score(np.array(rates, dtype=float), rule, weight)]


# ---------------------------------------------------------------- the corpus


def test_corpus_counts() -> None:
    """52 standards: 42 read and scoring every hand-worked point, 10 ambiguous (2 of them outside the text)."""
    parsed = {e["id"]: parse_standard(e["text"], e["weight"]) for e in CORPUS}
    clear = [i for i, e in BY_ID.items() if not e["ambiguous"]]
    matching = [i for i in clear if parsed[i].rule is not None and _matches(parsed[i], BY_ID[i])]
    ambiguous = sorted(i for i, p in parsed.items() if p.status == "ambiguous")
    unread = sorted(i for i, p in parsed.items() if p.status == "unread")
    assert (len(CORPUS), len(clear), len(matching)) == (52, 42, 42)
    assert ambiguous == sorted(REPORTED_AMBIGUOUS)
    assert unread == sorted(REPORTED_UNREAD)
    assert sorted(i for i, e in BY_ID.items() if e["ambiguous"]) == sorted(
        [*OUTSIDE_TEXT, *REPORTED_AMBIGUOUS, *REPORTED_UNREAD, *READ_BY_DECISION]
    )


def _matches(parsed: Parsed, entry: dict[str, Any]) -> bool:
    assert parsed.rule is not None
    rates = [rate for rate, _ in entry["points"]]
    got = rule_score(np.array(rates, dtype=float), parsed.rule, entry["weight"])
    return all(abs(g - want) <= 0.01 for g, (_, want) in zip(got, entry["points"], strict=True))


@pytest.mark.parametrize("sid", [i for i, e in BY_ID.items() if not e["ambiguous"]])
def test_a_clear_standard_scores_every_hand_worked_point(sid: str) -> None:
    entry = BY_ID[sid]
    parsed = parse_standard(entry["text"], entry["weight"])
    assert parsed.status in ("read", "default"), parsed.reason
    assert parsed.rule is not None and parsed.full_matches
    for rate, want in entry["points"]:
        assert _score(parsed.rule, rate, entry["weight"]) == pytest.approx(want, abs=0.01), (sid, rate)


@pytest.mark.parametrize("sid", sorted(REPORTED_AMBIGUOUS))
def test_an_ambiguous_standard_is_reported_and_not_scored(sid: str) -> None:
    entry = BY_ID[sid]
    parsed = parse_standard(entry["text"], entry["weight"])
    assert parsed.status == "ambiguous" and parsed.ambiguous
    assert parsed.rule is None
    assert REPORTED_AMBIGUOUS[sid] in parsed.reason


@pytest.mark.parametrize("sid", sorted(REPORTED_UNREAD))
def test_an_unreadable_standard_says_why(sid: str) -> None:
    entry = BY_ID[sid]
    parsed = parse_standard(entry["text"], entry["weight"])
    assert parsed.status == "unread" and parsed.rule is None
    assert REPORTED_UNREAD[sid] in parsed.reason


@pytest.mark.parametrize("sid", sorted(READ_BY_DECISION))
def test_a_standard_read_by_a_decision_scores_every_hand_worked_point_and_says_how(sid: str) -> None:
    entry = BY_ID[sid]
    parsed = parse_standard(entry["text"], entry["weight"])
    assert parsed.status == "default" and parsed.rule is not None and parsed.full_matches
    assert any(READ_BY_DECISION[sid] in note for note in parsed.notes)
    for rate, want in entry["points"]:  # −100 → 3, −40 → 2, 0 → 2, 0.5 → 0, 150 → 0
        assert _score(parsed.rule, rate, entry["weight"]) == pytest.approx(want, abs=0.01), (sid, rate)


@pytest.mark.parametrize("sid", sorted(OUTSIDE_TEXT))
def test_an_ambiguity_outside_the_text_reads_like_its_twin(sid: str) -> None:
    entry = BY_ID[sid]
    parsed = parse_standard(entry["text"], entry["weight"])
    # The text alone still allows the step reading: the parser says so instead of picking silently.
    assert parsed.status == "default" and parsed.ambiguous and parsed.alternatives
    assert _matches(parsed, entry)


def test_the_printed_full_mark_contradicting_the_weight_is_a_field() -> None:
    parsed = parse_standard(BY_ID["canshishi2017-sgjf"]["text"], 5)
    assert (parsed.full, parsed.weight, parsed.full_matches) == (8, 5, False)
    printed, scaled, from_full = parsed.alternatives
    assert (printed.rule.deduct, scaled.rule.deduct) == (0.8, 0.5)
    assert _score(printed.rule, 3, 5) == pytest.approx(2.6)
    assert _score(scaled.rule, 3, 5) == pytest.approx(3.5)
    # from the printed 8, no more than the 分值 5: 3 points over → 8 − 2.4 = 5.6 → 5; 5 points over → 8 − 4 = 4
    assert from_full.weight == 8
    assert [min(_score(from_full.rule, rate, 8), 5) for rate in (3, 5)] == [pytest.approx(5), pytest.approx(4)]


# ---------------------------------------------------------------- each construct, worked by hand


def test_per_point_deduction_is_continuous_by_default_with_whole_points_as_the_alternative() -> None:
    parsed = parse_standard("在职人员控制率≤100%，计6分；每超过一个百分点扣0.5分，扣完为止。", 6)
    assert parsed.status == "default" and parsed.full == 6
    assert parsed.rule == ScoreRule(kind="over", threshold=100, per=1, deduct=0.5, steps="linear")
    assert _scores(parsed.rule, [90, 100, 102.5, 111, 113], 6) == [6, 6, 4.75, 0.5, 0]
    (whole,) = parsed.alternatives
    assert whole.rule.steps == "floor" and _score(whole.rule, 102.5, 6) == 5


def test_whole_step_deduction_below_a_target() -> None:
    parsed = parse_standard("100%计满分,每低于5%扣2分,扣完为止。", 6)
    assert parsed.status == "default" and parsed.full is None and parsed.full_matches
    assert parsed.rule == ScoreRule(kind="under", threshold=100, per=5, deduct=2, steps="floor")
    assert _scores(parsed.rule, [100, 95.5, 95, 89, 85], 6) == [6, 6, 4, 2, 0]
    assert [a.rule.steps for a in parsed.alternatives] == ["linear", "ceil"]


def test_precondition_and_standard_fix_the_threshold_and_must_agree() -> None:
    parsed = parse_standard("以0%为标准。变动率＜=0，得4分；变动率＞0，每超出2个百分点扣1分。", 4)
    assert parsed.rule is not None and (parsed.rule.threshold, parsed.rule.per) == (0, 2)
    assert _scores(parsed.rule, [-5, 3, 4, 9], 4) == [4, 3, 2, 0]
    clash = parse_standard("以100%为标准。控制率≤90%,计4分;每超过一个百分点扣1分。", 4)
    assert clash.status == "unread" and "扣分起点不一致: 90%、100%" in clash.reason


def test_no_project_means_full_marks() -> None:
    parsed = parse_standard("100%以下（含）计满分，每超出5%扣2分。没有楼堂馆所项目的单位按满分计算。", 5)
    assert parsed.rule is not None and parsed.rule.absent == "full"
    assert all(a.rule.absent == "full" for a in parsed.alternatives)


def test_bands_with_upper_bounds_included() -> None:
    parsed = parse_standard("调整率=0,计4分;0-5%(含),计3分;5-15%(含),计1.5分;大于15%不得分", 4)
    assert parsed.status == "read" and parsed.full == 4
    assert parsed.rule is not None and parsed.rule.kind == "bands"
    assert _scores(parsed.rule, [0, 0.1, 5, 5.01, 15, 15.5], 4) == [4, 3, 3, 1.5, 1.5, 0]
    assert parsed.notes == ("低于 0% 的比率文字未涉及: 按最低一档「=0,计4分」计分",)


def test_bands_with_lower_bounds_included_and_words_for_the_comparisons() -> None:
    parsed = parse_standard("95%（含）以上计5分；85%(含)-95%，计3分；小于85%不得分。", 5)
    assert parsed.rule is not None
    assert parsed.rule.bands == (Band(85, 0, included=False), Band(95, 3, included=False), Band(None, 5))
    assert _scores(parsed.rule, [96, 95, 94.99, 85, 84.9], 5) == [5, 5, 3, 3, 0]


def test_yi_shang_and_yi_xia_include_the_number_unless_bu_han() -> None:
    inside = parse_standard("90%以上计3分;90%(不含)以下计1分", 3)
    outside = parse_standard("90%(不含)以上计3分;90%以下计1分", 3)
    assert inside.rule is not None and outside.rule is not None
    assert (_score(inside.rule, 90, 3), _score(outside.rule, 90, 3)) == (3, 1)


def test_a_gap_between_bands_is_ambiguous_and_an_overlap_unreadable() -> None:
    gap = parse_standard("80%-90%,计4分;90%-100%(含),计6分", 6)
    assert gap.status == "ambiguous" and "之间的比率文字未给分" in gap.reason
    overlap = parse_standard("≤90%,计4分;≥80%,计6分", 6)
    assert overlap.status == "unread" and "重叠" in overlap.reason


def test_thresholds_stacked_one_over_another_are_a_ladder() -> None:
    # the highest threshold met gives its score: 100 % → 5, 95 % → 3, 89.9 % → 0
    up = parse_standard("≥100%得5分；≥90%得3分；<90%不得分", 5)
    assert up.status == "read" and up.rule is not None
    assert _scores(up.rule, [100, 95, 90, 89.9], 5) == [5, 3, 3, 0]
    # the lowest ceiling met: 4 % → 满分 5, 8 % → 3, 12 % → 0
    down = parse_standard("≤5%得满分；≤10%得3分；10%以上不得分", 5)
    assert down.rule is not None and _scores(down.rule, [4, 5, 8, 10, 12], 5) == [5, 5, 3, 3, 0]
    # scores falling as the threshold rises are no ladder: the overlap stands
    assert parse_standard("≥100%得3分；≥90%得5分；<90%不得分", 5).status == "unread"


def test_words_a_reader_passes_over() -> None:
    # 及以上 is 以上 (the number included): 90 % → 5, 89.5 % → 5 − 0.5 × 0.5 = 4.75
    below = parse_standard("达到90%及以上的得满分，每降低1个百分点扣0.5分", 5)
    assert below.rule is not None and _scores(below.rule, [90, 89.5], 5) == [5, 4.75]
    # "超过的，" before the deduction says what the deduction says: 103 % → 5 − 3 = 2
    over = parse_standard("控制在100%以内得满分；超过的，每超过1个百分点扣1分", 5)
    assert over.rule is not None and _scores(over.rule, [100, 103], 5) == [5, 2]


@pytest.mark.parametrize(
    ("text", "weight", "rates", "scores"),
    [
        # within the budget is ≤ 100 % of it: 106 % → 5 − 6 × 0.5 = 2
        ("“三公”经费支出控制在预算数以内的得满分，每超支1%扣0.5分", 5, [100, 106], [5, 2]),
        ("三公经费实际支出不超过预算的得满分，超支的不得分", 8, [100, 103], [8, 0]),
        # round 44: 未超预算 / 超预算的 are the same comparisons: 105 % → 0
        ("“三公经费”实际支出未超预算的计8分，超预算的不得分", 8, [100, 105], [8, 0]),
        ("未超过预算的得满分，超过预算的不得分", 5, [99, 100.5], [5, 0]),
        # a change below, at and above 0
        ("三公经费预算较上年减少的得满分，持平得2分，增加的不得分", 4, [-1, 0, 1], [4, 2, 0]),
        ("“三公经费”较上年下降或持平的得满分；每增长1%扣0.5分，扣完为止", 4, [-3, 0, 2], [4, 4, 3]),
    ],
)
def test_comparisons_written_in_words(text: str, weight: float, rates: list[float], scores: list[float]) -> None:
    parsed = parse_standard(text, weight)
    assert parsed.rule is not None and _scores(parsed.rule, rates, weight) == scores


def test_a_comparison_in_words_after_a_negation_is_not_read_the_other_way() -> None:
    # the review: "没有超过预算的得5分" is within the budget; read as "> 100 %" it scored 96 % → 0 and 105 % → 5
    parsed = parse_standard("支出没有超过预算的得5分，否则不得分", 5)
    assert parsed.rule is not None and _scores(parsed.rule, [96, 105], 5) == [5, 0]


def test_proportional_is_capped_by_default_unless_the_text_says_so() -> None:
    words = parse_standard("按完成比例计分。", 10)
    assert words.status == "default" and words.rule == ScoreRule(kind="proportional")
    assert _scores(words.rule, [76, 100, 120], 10) == [7.6, 10, 10]
    (uncapped,) = words.alternatives
    assert _score(uncapped.rule, 120, 10) == 12
    said = parse_standard("按比例计算得分，满分为止。", 10)
    assert said.status == "read" and not said.alternatives


def test_proportional_formulas() -> None:
    inline = parse_standard("得分（15分*执行率）", 15)
    assert inline.rule is not None and inline.rule.kind == "proportional" and inline.full == 15
    ratio = parse_standard("该项得分=（实际支出/预算数）×8", 8)
    assert ratio.rule is not None and ratio.rule.kind == "proportional" and ratio.full == 8
    assert _score(ratio.rule, 50, 8) == 4
    words = parse_standard("分值×执行率", 10)
    assert words.rule is not None and words.rule.kind == "proportional" and words.full is None


def test_a_deducting_formula_becomes_an_over_rule() -> None:
    parsed = parse_standard("得分=(1-5×调整数/年初预算)×指标分值", 4)
    assert parsed.status == "read"
    assert parsed.rule == ScoreRule(kind="over", threshold=0, per=1, deduct=0.2, steps="linear")
    assert _scores(parsed.rule, [0, 10, 20, 25], 4) == [4, 2, 0, 0]


def test_a_formula_with_lost_brackets_needs_its_zero_point() -> None:
    lost = parse_standard("得分=1-5×调整数/年初预算)×指标分值", 4)
    assert lost.status == "ambiguous" and "括号不全" in lost.reason
    settled = parse_standard("得分=1-5×调整数/年初预算)×指标分值。若调整数/年初预算>0.2，此项得0分。", 4)
    assert settled.status == "read" and settled.rule is not None and settled.rule.deduct == pytest.approx(0.2)


def test_full_and_half_width_punctuation_read_alike() -> None:
    half = parse_standard('"三公"控制率<=100%,计8分;每超过1个百分点扣1分,扣完为止.', 8)
    full = parse_standard("“三公”控制率≦100％，计８分；每超过１个百分点扣１分，扣完为止。", 8)
    assert half.rule == full.rule and half.rule is not None
    assert full.text.startswith("“三公”")  # each keeps the text it was given, though both share one reading


def test_what_cannot_be_read_is_named() -> None:
    assert parse_standard("完成年度目标任务的，计5分。", 5).reason == (
        "分数「计5分」没有条件(在「完成年度目标任务的,计5分」中)"
    )
    assert "没有 % 单位" in parse_standard("控制率≤90,计5分;每超过一个百分点扣1分", 5).reason
    assert "金额或数量" in parse_standard("结余大于10万元,计0分;其余计5分", 5).reason
    assert parse_standard("由评审专家综合评定", 5).reason == "没有计分的条款"
    assert parse_standard("≥90%,计5分", 5).status == "unread"


def test_each_distinct_text_is_read_once() -> None:
    first = parse_standard("100%计满分,每低于5%扣2分,扣完为止。", 5)
    again = parse_standard("100%计满分，每低于5%扣2分，扣完为止。", 5)
    assert again.rule is first.rule  # the cached reading of the same normalised text


# ---------------------------------------------------------------- the new kinds in rule files


def _rules(tmp_path: Path, rule: str) -> list[str]:
    path = tmp_path / "r.yaml"
    path.write_text(
        "format: perfxl-rules/1\nname: r\nextends: yiyang-2020\ntitle: 规则\nindicators:\n"
        f"  - {{name: 在职人员控制率, group: 预算配置, weight: 7, rule: {rule}}}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as caught:
        load_rules(path)
    return caught.value.problems


def test_rule_files_check_proportional_and_below_bands(tmp_path: Path) -> None:
    problems = _rules(tmp_path, "{kind: proportional, rate: 在职人员控制率, cap: maybe, per: 1}")
    assert "indicators[0](在职人员控制率).rule.cap: 应为 true 或 false, 实为 'maybe'" in problems
    assert any(p.startswith("indicators[0](在职人员控制率).rule.per: 未知的键") for p in problems)
    bands = "[{upto: 90, below: 90, score: 1}, {upto: 80, score: 2}, {score: 0}]"
    problems = _rules(tmp_path, f"{{kind: bands, rate: 在职人员控制率, bands: {bands}}}")
    assert "indicators[0](在职人员控制率).rule.bands[0]: upto 与 below 只能有一个" in problems
    assert "indicators[0](在职人员控制率).rule.bands: upto 应从小到大排列" in problems


def test_perfxls_own_template_wording_is_read() -> None:
    """What perfxl's templates print (write/templates/score_table.py) reads back as the rule it was written from."""
    whole = parse_standard("≥100% 计满分，每低于5个百分点扣2分(不足5个百分点不扣分)，扣完为止", 5)
    assert (whole.status, whole.rule) == (
        "read",
        ScoreRule(kind="under", threshold=100, per=5, deduct=2, steps="floor"),
    )
    part = parse_standard(
        "≤100% 计满分，每超过5个百分点扣2分(不足5个百分点按5个百分点计)，扣完为止；无此类项目计满分", 5
    )
    assert part.rule == ScoreRule(kind="over", threshold=100, per=5, deduct=2, steps="ceil", absent="full")
    bands = parse_standard("≤0% 计5分；(0%,10%] 计4分；(10%,20%] 计3分；(20%,30%] 计2分；>30% 计0分", 5)
    assert bands.status == "read" and bands.rule is not None
    rates = np.array([0.0, 0.5, 10.0, 10.01, 30.0, 298.57])
    assert rule_score(rates, bands.rule, 5).tolist() == [5, 4, 4, 3, 2, 0]
    # a step the parenthesis contradicts is not guessed at
    assert parse_standard("≥100% 计满分，每低于5个百分点扣2分(不足3个百分点不扣分)", 5).status == "unread"


def test_shorter_verbs_of_a_deduction() -> None:
    over = parse_standard("在职人员控制率≤100%，得满分；每超1个百分点扣0.2分，扣完为止。", 7)
    assert over.rule is not None and over.rule.kind == "over"
    assert _scores(over.rule, [100, 103.5, 140], 7) == [7, 6.3, 0]  # 7 − 3.5 × 0.2; 7 − 40 × 0.2 < 0
    under = parse_standard("固定资产利用率≥95%得满分，每降低1个百分点扣0.5分", 5)
    assert under.rule is not None and _scores(under.rule, [95, 92], 5) == [5, 3.5]  # 5 − 3 × 0.5
    reached = parse_standard("全年预算执行率达100%得10分，每低1个百分点扣0.5分，扣完为止", 10)
    assert reached.rule is not None and _scores(reached.rule, [98, 70], 10) == [9, 0]  # 10 − 2 × 0.5; 10 − 15


def test_yi_nei_with_the_number_repeated_in_its_bracket() -> None:
    parsed = parse_standard("控制率在100%以内(含100%)的得满分，每超过1个百分点扣0.2分", 7)
    assert parsed.rule is not None and _scores(parsed.rule, [100, 110], 7) == [7, 5]  # 7 − 10 × 0.2


def test_a_proportional_formula_in_words() -> None:
    words = parse_standard("按执行率×分值计分", 10)
    assert words.rule is not None and words.rule.kind == "proportional" and _score(words.rule, 76, 10) == 7.6
    missed = parse_standard("执行率达到100%得满分，未达到的按执行率×分值计算得分", 10)
    assert missed.rule is not None and missed.rule.kind == "proportional" and _score(missed.rule, 90, 10) == 9
    # a condition before "按" is no lead word: below 90 % proportional, and above? the text does not say
    assert parse_standard("低于90%的按执行率×分值计分", 10).status == "unread"


def test_an_explicit_han_keeps_an_edge_that_yi_shang_also_claims() -> None:
    parsed = parse_standard("调整率≤5%得满分，5%-10%(含)得3分，10%以上得0分", 5)
    assert parsed.status == "default" and parsed.rule is not None
    assert _scores(parsed.rule, [5, 7, 10, 10.5], 5) == [5, 3, 3, 0]  # 10 % is the (含) band's
    (other,) = parsed.alternatives
    assert _score(other.rule, 10, 5) == 0  # read the other way, 10 % is 以上's


def test_a_rate_defined_before_the_rule_that_scores_it() -> None:
    # third-party 评分表 print what the rate is first: the definition scores nothing, the formula after it does
    parsed = parse_standard("到位率=实际到位资金/计划投入资金×100%，得分=到位率×分值", 4)
    assert parsed.rule is not None and parsed.rule.kind == "proportional" and _score(parsed.rule, 90, 4) == 3.6
    deducting = parse_standard("预算执行率=实际支出/预算数×100%；执行率100%得满分，每降低1%扣0.1分", 5)
    assert deducting.rule is not None and _score(deducting.rule, 91.5, 5) == 4.15  # 5 − 8.5 × 0.1
    # a definition alone says no rule; one with a comparison in it is no bare definition
    assert parse_standard("到位率=实际到位资金/计划投入资金×100%", 4).rule is None
    assert parse_standard("执行率=执行数/预算数≥90%得满分", 4).status == "unread"


def test_how_a_part_step_counts_written_out_as_a_clause() -> None:
    # "不足5个百分点的部分不扣分": whole steps only (92 % is one full step of 5 below 100: 10 − 1 = 9)
    floor = parse_standard("≥100%计满分，每低5个百分点扣1分，不足5个百分点的部分不扣分", 10)
    assert floor.status == "read" and floor.rule is not None and _score(floor.rule, 92, 10) == 9
    # "…的按5个百分点扣分": a part step counts as a step (92 %: two steps, 10 − 2 = 8)
    ceil = parse_standard("≥100%计满分，每低5个百分点扣1分，不足5个百分点的按5个百分点扣分", 10)
    assert ceil.status == "read" and ceil.rule is not None and _score(ceil.rule, 92, 10) == 8


def test_a_band_scored_as_a_share_of_the_weight() -> None:
    # 四川-style: "得80%分值" is 80 % of this row's 分值 10, 8 points; "得分值的60%" 6; with no 分值 it stays unread
    text = "支出进度率90%(含)以上得满分；80%(含)-90%得80%分值；70%(含)-80%得分值的60%；70%以下不得分。"
    parsed = parse_standard(text, 10)
    assert parsed.rule is not None and parsed.rule.kind == "bands" and parsed.text == text
    assert _scores(parsed.rule, [95, 90, 86, 80, 75, 69], 10) == [10, 10, 8, 8, 6, 0]
    assert _scores(parse_standard(text, 5).rule, [86, 75], 5) == [4, 3]  # type: ignore[arg-type]
    assert parse_standard(text, None).status == "unread"
    # "得该项分值的80%": the same share, said of this row's 分值
    worded = parse_standard(
        "达标率≥98%得满分；95%（含）-98%得该项分值的80%；90%（含）-95%得60%分值；90%以下不得分。", 10
    )
    assert worded.rule is not None and _scores(worded.rule, [99, 96.4, 92, 85], 10) == [10, 8, 6, 0]


def test_a_standard_against_the_rows_own_target() -> None:
    # "达到目标值得满分" scores against the 目标值 the row prints: 95 % (≥) or a ceiling of 10 % (≤)
    text = "达到目标值得满分，每低于1%扣1分。"
    assert parse_standard(text, 10).status == "unread"  # no target, no threshold
    up = parse_standard(against_target(text, 95), 10)
    assert up.rule is not None and _scores(up.rule, [97, 95, 93], 10) == [10, 10, 8]
    assert against_target("完成年度指标值的得满分", 10, below=True) == "≤10%的得满分"
    assert against_target("每超过1个百分点扣1分", 95) == "每超过1个百分点扣1分"  # names no target: as it is


@pytest.mark.parametrize(
    "text",
    [
        "全部完成得满分，未完成的按比例扣分",
        "完成得满分，未完成按比例得分",
        "达到目标值得满分，未达到目标值的，按比例扣分。",
        "达到年度指标值得满分，未达到的按完成比例得分",
        "完成目标得满分，未完成按完成比例扣分",
    ],
)
def test_full_marks_when_done_else_in_proportion(text: str) -> None:
    # the share of the target done, in words: 分值 × the share, full at all of it ("按比例扣分": the share kept)
    parsed = parse_standard(text, 10)
    assert parsed.rule is not None and parsed.rule.kind == "proportional"
    assert _scores(parsed.rule, [100, 85, 0], 10) == [10, 8.5, 0]
    assert target_ratio(text, "up") and target_ratio(text, "down") and not target_ratio(text, "equal")


@pytest.mark.parametrize(
    "text",
    [
        "完成得满分，未完成不得分",  # all or nothing (``score_by_all_or_nothing``), not a share
        "按时完成得满分，每延迟一个月扣1分",  # a deadline
        "达到目标值得满分，每低于1%扣1分。",  # points off below the row's own target
        "完成得满分，未完成按比例扣分，低于60%不得分",  # a cut-off of its own
    ],
)
def test_more_than_a_share_done_is_not_read_as_one(text: str) -> None:
    assert not target_ratio(text, "up")
    parsed = parse_standard(text, 10)
    assert parsed.rule is None or parsed.rule.kind != "proportional" or parsed.rule.cutoff is not None


def test_a_deduction_counted_from_the_rows_own_target() -> None:
    # No threshold of its own: the points come off from the row's 目标值 (=100 %: 93 % is 7 points short → 10 − 7)
    bare = against_target("每低于1个百分点扣1分，扣完为止", 100)
    assert bare == "≥100%得满分；每低于1个百分点扣1分，扣完为止"
    rule = parse_standard(bare, 10).rule
    assert rule is not None and _scores(rule, [100, 93, 85], 10) == [10, 3, 0]  # 85 %: 10 − 15 → 0 (扣完为止)
    named = parse_standard(against_target("每低于目标值1个百分点扣1分", 95), 10).rule
    assert named is not None and _scores(named, [96, 92], 10) == [10, 7]  # 95 − 92 = 3 points → 7
    ceiling = parse_standard(against_target("控制在目标值以内得满分，每超出1%扣1分", 5, below=True), 10).rule
    assert ceiling is not None and _scores(ceiling, [4, 5, 7], 10) == [10, 10, 8]
    # a threshold of its own stays; points off below a ceiling are not counted from it
    assert against_target("95%以上得满分，每低于1个百分点扣1分", 100) == "95%以上得满分，每低于1个百分点扣1分"
    assert against_target("每低于1个百分点扣1分", 5, below=True) == "每低于1个百分点扣1分"


def test_words_that_only_name_the_rate_or_the_excess() -> None:
    # "X=预算完成率。" names what X stands for; "超过部分" restates where the deduction counts from
    bands = parse_standard("X=预算完成率。X≥98%得5分；95%≤X<98%得4分；X<95%不得分", 5)
    assert bands.status == "read" and bands.rule is not None
    assert _scores(bands.rule, [99, 96, 90], 5) == [5, 4, 0]
    excess = parse_standard("增长率≤5%得满分，超过部分每增长1个百分点扣0.5分", 10)
    assert excess.rule is not None and _scores(excess.rule, [5, 9, 30], 10) == [10, 8, 0]  # 9 %: 10 − 4 × 0.5


def test_the_most_points_a_deduction_takes_off() -> None:
    # "最多扣3分": 7 − 0.5 × 15 = −0.5 at 115 %, but no more than 3 off → 4
    capped = parse_standard("≤100%得7分；每超过1个百分点扣0.5分，最多扣3分", 7).rule
    assert capped is not None and capped.most == 3
    assert _scores(capped, [100, 105, 115], 7) == [7, 4.5, 4]
    # growth counts from no change: 2.5 % → 8 − 2 = 6; 8 % → 8 − 6.4 = 1.6, but no more than 4 off → 4
    growth = parse_standard("每增长1%扣0.8分，最多扣4分", 8).rule
    assert growth is not None and _scores(growth, [-3, 2.5, 8], 8) == [8, 6, 4]
    assert parse_standard("≥90%得5分；90%以下得2分，最多扣3分", 5).status == "unread"  # no deduction to cap


@pytest.mark.parametrize(
    ("text", "target", "below", "rates", "scores"),
    [
        ("每降低1个百分点扣1分，最多扣10分", 90, False, [85, 70], [5, 0]),  # 10 − 5; 20 off, at most 10
        ("每低于目标值1个百分点扣1分，最多扣5分", 100, False, [88], [5]),  # 12 off, at most 5
        ("未达到目标值的，每低于1个百分点扣1分", 95, False, [92], [7]),  # "未达到目标值的" restates the direction
        ("超出目标值的，按超出比例每1%扣0.5分", 100, True, [103], [8.5]),  # the verb from "超出目标值的"
    ],
)
def test_a_deduction_whose_words_restate_the_target(
    text: str, target: float, below: bool, rates: list[float], scores: list[float]
) -> None:
    rule = parse_standard(against_target(text, target, below), 10).rule
    assert rule is not None and _scores(rule, rates, 10) == scores


@pytest.mark.parametrize(
    "text",
    [
        "X≥98%得10分；90%≤X<98%得6分；X<90%不得分",
        "执行率≥98%得10分；90%≤执行率<98%得6分；执行率<90%不得分",
        "98%>X≥90%得6分；X≥98%得10分；X<90%得0分",
        "X＜90%不得分；90%≦X＜98%得6分；X≧98%得10分",
    ],
)
def test_bands_written_around_the_rate(text: str) -> None:
    # a range around X or the rate's name: the signs on each side say which bound is in the band
    parsed = parse_standard(text, 10)
    assert parsed.status == "read" and parsed.rule is not None
    assert _scores(parsed.rule, [89.9, 90, 97.9, 98, 100], 10) == [0, 6, 6, 10, 10]


def test_a_deduction_written_as_a_formula_from_its_threshold() -> None:
    # W − (rate − 100%) × 100 × k: k off for each point over 100 %, floored at 0 ("最低0分")
    text = "控制率≤100%得满分；超过100%的，得分=5-（在职人员控制率-100%）×100×0.5，最低0分"
    parsed = parse_standard(text, 5)
    assert parsed.status == "read" and parsed.rule is not None
    # 105 % → 5 − 5 × 0.5 = 2.5; 100 % → 5; 112 % → 5 − 6 = −1 → 0
    assert _scores(parsed.rule, [100.0, 105.0, 112.0], 5) == [5, 2.5, 0]
    under = parse_standard("得分=8-(100%-执行率)×100×0.4,扣完为止", 8)
    assert under.rule is not None
    assert _scores(under.rule, [100.0, 97.5, 70.0], 8) == [8, 7, 0]  # 8 − 2.5 × 0.4 = 7; 8 − 12 → 0
    # a condition that starts elsewhere than the formula is not guessed at
    assert parse_standard("超过90%的，得分=5-（控制率-100%）×100×0.5", 5).status == "unread"


def test_an_edge_two_bare_ranges_share_opens_the_upper_band_with_the_other_reading_kept() -> None:
    parsed = parse_standard("≥95%得5分，90%-95%得4分，85%-90%得3分，85%以下不得分", 5)
    assert parsed.status == "default" and parsed.rule is not None
    assert _scores(parsed.rule, [95, 90, 89.9, 85, 84], 5) == [5, 4, 3, 0, 0]  # 85 %: 以下 includes it
    others = {alt.note: _scores(alt.rule, [90, 85], 5) for alt in parsed.alternatives}
    assert others == {"90% 按低一档计分": [3, 0], "85% 按高一档计分": [4, 3]}


@pytest.mark.parametrize(
    ("text", "rates", "scores"),
    [
        ("在职人员控制率≤100%，得3分；否则不得分", [100, 101], [3, 0]),
        ("≤100%得3分，其余不得分", [99, 100.5], [3, 0]),
        ("执行率≥90%得满分，其他不得分", [90, 89], [3, 0]),
    ],
)
def test_otherwise_is_every_rate_the_one_condition_before_it_leaves(
    text: str, rates: list[float], scores: list[float]
) -> None:
    parsed = parse_standard(text, 3)
    assert parsed.status == "read" and parsed.rule is not None and _scores(parsed.rule, rates, 3) == scores


def test_half_the_weight_and_a_formula_named_by_its_rate() -> None:
    # 得一半分 of 6 is 3; 10 % is where "10%以上" keeps its number by default, the range "5%-10%" may claim it
    half = parse_standard("结转结余率≤5%得满分，5%-10%得一半分，10%以上不得分", 6)
    assert half.status == "default" and half.rule is not None
    assert _scores(half.rule, [5, 7, 10, 11], 6) == [6, 3, 0, 0]
    assert [alt.note for alt in half.alternatives] == ["10% 按低一档计分"]
    for text in ("按预算执行率计分：执行率×10分", "执行率×10分"):  # 10 × 95 % = 9.5
        parsed = parse_standard(text, 10)
        assert parsed.rule is not None and _scores(parsed.rule, [95], 10) == [9.5]


def test_otherwise_after_conditions_that_join_into_one_range() -> None:
    parsed = parse_standard("政府采购执行率95%及以上得满分；90%(含)-95%得3分；其他不得分", 5)
    assert parsed.rule is not None and _scores(parsed.rule, [95, 92, 90, 89.9], 5) == [5, 3, 3, 0]


def test_a_proportional_score_on_a_range_of_its_own() -> None:
    """ "在90%(含)以上的，按执行率×分值计分；低于90%的不得分" (round 24's text): 94 % of 10 is 9.4, 90 % exactly is 9,
    89.9 % is 0, 105 % is capped at 10 (docs/domain.md's cap, noted)."""
    parsed = parse_standard("预算执行率在90%(含)以上的，按执行率×分值计分；低于90%的不得分", 10)
    assert parsed.status == "read" and parsed.rule is not None
    assert _scores(parsed.rule, [94, 90, 89.9, 105], 10) == [9.4, 9.0, 0.0, 10.0]
    assert any("封顶" in note for note in parsed.notes)
    # the formula before the condition that bounds it; the range is what the other case leaves (≥ 60 %)
    rest = parse_standard("按执行率×分值计分，执行率低于60%不得分", 5)
    assert rest.rule is not None and _scores(rest.rule, [59, 60, 80], 5) == [0.0, 3.0, 4.0]
    # a range printed before the formula, full marks at the top: 95 % of 10 is 9.5; 100 % and over 10; below 90 0
    ranged = parse_standard("执行率100%得满分，90%(含)-100%按执行率×分值计分，90%以下不得分", 10)
    assert ranged.rule is not None and _scores(ranged.rule, [95, 100, 101, 90, 85], 10) == [9.5, 10, 10, 9, 0]
    # both sides claiming 90 % by 以上/以下's default: an overlap, said, as with plain bands
    assert parse_standard("执行率达到90%以上的，得分=执行率×10分；90%以下不得分", 10).status == "unread"
    # a plain proportional rule stays one, whatever case agrees with it
    assert parse_standard("按执行率×分值计分，100%以上得满分", 10).rule == ScoreRule(kind="proportional")


@pytest.mark.parametrize(
    ("text", "weight", "rates", "scores"),
    [  # round 28's wordings, each worked by hand
        # two conditions joined by 但 / 且 are one: 84 → 0, 90 → 3, 95 → 5
        ("项目支出执行率不低于95%的得满分；低于95%但不低于85%的得3分；低于85%的不得分", 5, [84, 90, 95], [0, 3, 5]),
        ("大于等于95%的得5分；大于等于85%且小于95%的得3分；小于85%的不得分", 5, [84.9, 85, 94.9, 95], [0, 3, 3, 5]),
        # "未达到100%的" is below 100 %: 88 % is 12 points under, 10 − 6 = 4
        ("预算执行率未达到100%的，每降低1%扣0.5分，扣完为止", 10, [88, 96, 100], [4, 8, 10]),
        ("以100%为基准，每降低1%扣0.5分，扣完为止", 5, [95, 90], [2.5, 0]),  # 基准 as 标准
        ("得分=预算执行率×该指标分值", 10, [96, 92.5], [9.6, 9.25]),
        ("按固定资产利用率乘以分值计算得分", 5, [90, 80], [4.5, 4]),
        # 只减不增 is a change ≤ 0: −10 % → 5, +2 % → 4, +5 % → 2.5
        ("“三公经费”预算较上年只减不增的得满分；增长的，每增长1个百分点扣0.5分，扣完为止", 5, [-10, 2, 5], [5, 4, 2.5]),
        ("“三公经费”预算数较上年只减不增的得满分，增长的不得分", 5, [-10, 0, 0.1], [5, 5, 0]),
        # 为负数或零 is ≤ 0; 增幅在20%以内(含20%) the rest up to 20 %: +20 % → 2, +25 % → 0
        (
            "结转结余变动率为负数或零的得满分；增幅在20%以内(含20%)的得2分；增幅在20%以上的不得分",
            4,
            [-5, 20, 25],
            [4, 2, 0],
        ),
        # "低于5%（含）" keeps 5 %: 5 → 5, 8 → 3, 10 → 3
        ("预算调整率低于5%（含）的得满分；5%-10%（含）的得3分；高于10%的不得分", 5, [5, 8, 10, 10.5], [5, 3, 3, 0]),
    ],
)
def test_round_28s_wordings(text: str, weight: float, rates: list[float], scores: list[float]) -> None:
    parsed = parse_standard(text, weight)
    assert parsed.rule is not None, parsed.reason
    assert _scores(parsed.rule, rates, weight) == scores


def test_deducting_down_to_the_items_own_weight_in_other_words() -> None:
    # "最多扣完本项分值" / "扣完该项分值为止" say what 扣完为止 says: 100 − 93 = 7 points × 0.5 = 3.5 off 5 → 1.5;
    # 85 %: 15 × 0.5 = 7.5 off 5 → 0, not −2.5
    for text in (
        "执行率达到100%得满分；每低1个百分点扣0.5分，最多扣完本项分值",
        "执行率100%得满分，每低1个百分点扣0.5分，扣完该项分值为止",
    ):
        parsed = parse_standard(text, 5)
        # "default": per point read as continuous (docs/domain.md's decision), whole points the alternative
        assert parsed.status == "default" and parsed.rule is not None, parsed.reason
        assert _scores(parsed.rule, [100.0, 93.0, 85.0], 5) == [5, 1.5, 0]


def test_wordings_of_round_forty() -> None:
    # 扣一分 in words: 103 % → 5 − 3 × 1 = 2; "每调整1%扣0.2分" from 调整率 0: 4 % → 5 − 4 × 0.2 = 4.2;
    # "以0为标准" (no %) and "为0得满分": 4 % → 5 − 4 × 0.1 = 4.6 and 5 − 4 × 1 = 1
    cases = (
        ("三公经费控制率≦100％计满分，每超过一个百分点扣一分，扣完为止。", 103.0, 2.0),
        ("调整率=0得满分，每调整1%扣0.2分，扣完为止。", 4.0, 4.2),
        ("以0为标准，调整率每增加1个百分点扣0.1分", 4.0, 4.6),
        ("结转结余率为0得满分，每增加1个百分点扣1分，扣完为止。", 4.0, 1.0),
    )
    # 为 before a range is no "=" (the review of round 40): 93.6 % → 5 − 1.4 × 0.5 = 4.3; 97 % in 95%-100% → 5
    ranges = (
        ("满意度为90%以上得满分，每低1个百分点扣0.5分", 89.0, 4.5),
        ("预算执行率为95%以上得满分，每低1个百分点扣0.5分", 93.6, 4.3),
        ("执行率为95%-100%的得满分，低于95%不得分", 97.0, 5.0),
        ("调整率≤5%得满分，调整率为5%-10%得3分，10%以上不得分", 7.0, 3.0),
    )
    for text, rate, score in (*cases, *ranges):
        parsed = parse_standard(text, 5)
        assert parsed.rule is not None, (text, parsed.reason)
        assert _scores(parsed.rule, [rate], 5) == [score], text


def test_a_deduction_from_the_rows_own_target_in_the_newer_wordings() -> None:
    # the review: "扣一分" and "最多扣完本项分值" counted from a row's own target (95 %): 92 % → 5 − 3 × 1 = 2
    for text in ("每低于目标值1个百分点扣一分，扣完为止", "每低于1个百分点扣一分，最多扣完本项分值"):
        parsed = parse_standard(against_target(text, 95.0), 5)
        assert parsed.rule is not None, (text, parsed.reason)
        assert _scores(parsed.rule, [92.0], 5) == [2.0], text


def test_a_cutoff_before_the_deductions_reach_nothing() -> None:
    # round 55: "≥95%得满分；每低1个百分点扣0.2分；低于80%不得分" was unread ("与扣分规则不符": 80 % still earns
    # 5 − 15 × 0.2 = 2), and the rule set's rule flagged the right 2. Read: 95 % → 5, 90 % → 5 − 5 × 0.2 = 4, 80 % → 2,
    # 79.9 % → 0 (below 80 %), 50 % → 0.
    parsed = parse_standard("≥95%得满分；每低1个百分点扣0.2分；低于80%不得分", 5)
    assert parsed.rule is not None and parsed.status == "default"
    assert (parsed.rule.cutoff, parsed.rule.cutoff_in) == (80, False)
    assert _scores(parsed.rule, [96, 95, 90, 80, 79.9, 50], 5) == [5, 5, 4, 2, 0, 0]
    assert rule_basis("采购 79.00%", 79.0, parsed.rule, 5, 0.0) == "采购 79.00% < 80% → 不得分 → 0分"
    assert rule_text(parsed.rule, 5) == "≥95% 计5分，每低于1个百分点扣0.2分，低于80%不得分"
    # over a ceiling, the cutoff itself included: 105 % → 6 − 5 × 0.5 = 3.5, 110 % → nothing (6 − 5 = 1 without it)
    parsed = parse_standard("≤100%得满分，每超过1个百分点扣0.5分，超过110%（含）不得分", 6)
    assert parsed.rule is not None and (parsed.rule.cutoff, parsed.rule.cutoff_in) == (110, True)
    assert _scores(parsed.rule, [100, 105, 109, 110, 120], 6) == [6, 3.5, 1.5, 0, 0]
    # where the deductions reach 0 at the printed edge anyway (5 ÷ 0.5 = 10 points under 95 %), no cutoff is needed
    parsed = parse_standard("≥95%得满分；每低1个百分点扣0.5分；低于85%不得分", 5)
    assert parsed.rule is not None and parsed.rule.cutoff is None
    assert _scores(parsed.rule, [90, 85, 84], 5) == [2.5, 0, 0]
    # a 不得分 on the side that earns full marks contradicts the deduction still
    assert parse_standard("≥95%得满分；每低1个百分点扣0.2分；高于99%不得分", 5).status == "unread"


@pytest.mark.parametrize(
    ("text", "weight", "rates", "scores"),
    [
        # round 55: a range's 含 naming its bound again; 5 % is the first band's (以内 含), 10 % the second's (含10%)
        (
            "结转结余率控制在5%以内（含5%）的得5分；5%至10%（含10%）的得2分；10%以上的不得分。",
            5,
            [5, 7, 10, 10.1],
            [5, 2, 2, 0],
        ),
        # a step with no side of its own after the comparison that gives it: 105 % → 6 − 5 × 0.8 = 2
        ("“三公经费”控制率不高于100%得6分，高于100%每1个百分点扣0.8分。", 6, [100, 105, 110], [6, 2, 0]),
        ("≤100%得满分，超过100%的部分每1个百分点扣0.5分", 5, [100, 104], [5, 3]),
        # "<0（不含0）": the sign says it already; 0 % is the 等于0 band's 4
        ("“三公经费”变动率＜0（不含0）得6分；等于0得4分；大于0不得分。", 6, [-1, 0, 0.5], [6, 4, 0]),
        # "低于60%(含60%)": 60 % is past the cutoff (10 − 30 × 0.2 = 4 without it), 61 % earns 10 − 29 × 0.2 = 4.2
        ("≥90%得满分；每低1个百分点扣0.2分；低于60%(含60%)不得分", 10, [90, 61, 60], [10, 4.2, 0]),
        # round 59: "每低于95%一个百分点": the threshold inside the step; 93 % → 8 − 2 = 6
        ("预算完成率≥95%的，得8分；每低于95%一个百分点扣1分，扣完为止。", 8, [95, 93, 80], [8, 6, 0]),
        # "不足5个百分点的不扣": whole steps; 96 % is short by 4 → 8, 95 % by one step → 6, 89 % by two → 4
        (
            "预算完成率达到100%的得8分；每低5个百分点扣2分，不足5个百分点的不扣，扣完为止。",
            8,
            [100, 96, 95, 89],
            [8, 8, 6, 4],
        ),
    ],
)
def test_round_55s_wordings(text: str, weight: float, rates: list[float], scores: list[float]) -> None:
    parsed = parse_standard(text, weight)
    assert parsed.rule is not None, parsed.reason
    assert _scores(parsed.rule, rates, weight) == scores


@pytest.mark.parametrize(
    "text",
    [
        "政府采购执行率100%,计5分;每低一个百分点扣0.2分,扣完为止;无政府采购的计满分。",
        "政府采购执行率100%,计5分;每低一个百分点扣0.2分,扣完为止;未发生政府采购的不扣分。",
    ],
)
def test_none_of_what_the_rate_is_of_scores_full_marks(text: str) -> None:
    # (an exemption is not: "因…客观原因无法执行的不扣分" leaves the standard as it was, the fourth review)
    exempt = "预算执行率≥95%得满分，每低1个百分点扣0.5分，扣完为止；因政策调整等客观原因无法执行的不扣分"
    assert parse_standard(exempt, 10).rule is None or parse_standard(exempt, 10).rule.absent != "full"  # type: ignore[union-attr]
    # round 106: the clause for a unit with no 政府采购 made the whole standard unreadable; 90 % → 5 − 10 × 0.2 = 3
    parsed = parse_standard(text, 5)
    assert parsed.rule is not None and parsed.rule.absent == "full"
    assert _scores(parsed.rule, [100, 90], 5) == [5, 3]


def test_the_target_ratio_in_letters() -> None:
    # 历城区文化馆's 得分计算方法 (round 108, http://jnslcqwhg.cn/newsinf_id_308.html): A the target, B the actual —
    # the rule a 项目 row is scored by anyway, so a score against it is an error, not a warning that it was unread
    text = "完成值达到指标值，记满分；未达到指标值，按B/A或A/B*该指标分值记分"
    assert target_ratio(text, "up") and target_ratio(text, "down")


def test_the_rate_a_condition_is_about_named_before_it() -> None:
    # 湖南's 高标准农田 项目开工率: "比例不足90%时" names the share the condition is about; 80 % is two whole steps of 5
    # under 90 → 4 − 2 = 2, 85 % one → 3, 87 % less than a whole step → 4 (docs/domain.md §6.2); 云南's
    # "用于产业发展的比例≥55%得满分" alike: 52 % → 8 − 3 × 0.5 = 6.5
    parsed = parse_standard("达到年度任务90%及以上的，得4分；比例不足90%时，每减少5%，扣1分，扣完为止。", 4)
    assert parsed.rule == ScoreRule(kind="under", threshold=90, per=5, deduct=1, steps="floor")
    assert _scores(parsed.rule, [95, 90, 87, 85, 80, 60], 4) == [4, 4, 4, 3, 2, 0]
    yunnan = parse_standard("用于产业发展的比例≥55%得满分；每低1个百分点扣0.5分", 8)
    assert yunnan.rule is not None and _scores(yunnan.rule, [55, 52], 8) == [8, 6.5]
    # "按比例" says how to score, and stays proportional
    assert parse_standard("按比例计分", 4).rule == ScoreRule(kind="proportional")


def test_all_of_it_and_a_share_reaching_a_figure() -> None:
    # 湖南's 财政资金到位: "全部到位的，得10分" is 100 % of the funds; 94 % is 6 points under at 0.5 → 7
    parsed = parse_standard("中央和省级补助资金全部到位的，得10分；到位率每低1个百分点扣0.5分，扣完为止。", 10)
    assert parsed.rule is not None and (parsed.rule.kind, parsed.rule.threshold) == ("under", 100)
    assert _scores(parsed.rule, [100, 94, 70], 10) == [10, 7, 0]
    # "支出比例达到100%的" names the share before the figure it must reach
    reached = parse_standard("支出比例达到100%的，得10分；每低1个百分点扣0.5分，扣完为止。", 10)
    assert reached.rule is not None and _scores(reached.rule, [100, 94], 10) == [10, 7]


def test_points_times_the_rate_alone() -> None:
    # what a note's lead leaves ("1.预算执行率得分=20分×执行率", round 127 on 昌宁's form): 20 × rate, capped
    for text in ("20分×执行率", "20分*执行率"):
        parsed = parse_standard(text, 20)
        assert parsed.rule is not None and parsed.rule.kind == "proportional"
        assert _scores(parsed.rule, [86.25, 100, 110], 20) == [17.25, 20, 20]
