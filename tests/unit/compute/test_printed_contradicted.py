"""A printed 分值 that contradicts its own 评价标准's full mark, on a table whose rule set was chosen: scored by the
text from the 分值, the text's other scales kept as readings a declared score may follow (round 55 of second
readers: the rule set's own rule had scored it, which fits no reading of the form's text)."""

from __future__ import annotations

import numpy as np

from perfxl.check.score_sheet import other_reading
from perfxl.compute.printed import Printed, printed_other, printed_rule, unread_kept
from perfxl.compute.rule_score import rule_score
from perfxl.locate.located import Hit, IndicatorHit
from perfxl.rules import load_rules

TEXT = "在职人员控制率≤100%，计6分；每超过1个百分点扣0.5分，扣完为止。"


def _printed(forced: bool, text: str = TEXT, weight: float = 5) -> Printed:
    rules = load_rules("yiyang-2020")
    ind = next(i for i in rules.indicators if i.name == "在职人员控制率")
    hit = IndicatorHit(
        ind.name,
        Hit("附件5", "F4", weight, "分值"),
        Hit("附件5", "I4", 0, "得分"),
        standard=Hit("附件5", "G4", text, ""),
    )
    printed = printed_rule(ind, hit, rules.rate_of(ind))
    assert printed is not None
    return printed if forced else unread_kept(printed)


def test_a_contradicted_weight_scores_by_the_text_from_the_weight_when_chosen() -> None:
    # 分值 5 beside "计6分": 54 ÷ 52 = 103.85 %, 3.85 points over; from the 分值, 5 − 3.85 × 0.5 = 3.08 (rounded);
    # from the printed 6, 6 − 1.92 = 4.08 ≤ 5; scaled to 5, 0.5 × 5 ÷ 6 per point: 5 − 1.60 = 3.40
    chosen = _printed(forced=False)
    assert chosen.applied and chosen.contradicts and chosen.score_weight == 5
    rate = 54 / 52 * 100
    assert round(float(rule_score(np.array([rate]), chosen.rule, 5)[0]), 2) == 3.08
    assert other_reading(chosen, rate, 4.08, 0.01) == "按印的满分 6 计, 不超过分值 5"
    assert other_reading(chosen, rate, 3.4, 0.01) == "扣分按分值 5 ÷ 6 折算"
    assert other_reading(chosen, rate, 5, 0.01) is None
    # a 分值 above the text's full mark: "计5分" beside 分值 6, 2.4 points over: 5 − 1.2 = 3.8 by the text's own numbers
    # (6 − 1.2 = 4.8 from the 分值): a reading, not an error
    lower = _printed(False, TEXT.replace("计6分", "计5分"), 6)
    assert round(float(rule_score(np.array([102.4]), lower.rule, 6)[0]), 2) == 4.8
    assert other_reading(lower, 102.4, 3.8, 0.01) == "按印的满分 5 计, 不超过分值 6"
    # named with --rules, the rule set's rule scores it, as before
    named = _printed(forced=True)
    assert not named.applied and named.rule.deduct == 0.2


def test_a_row_no_rule_covers_is_scored_by_its_contradicted_text_too() -> None:
    # round 59: 固定资产利用率 (no indicator of the rule set) under 分值 5 beside "≥95%计6分；每低1个百分点扣0.5分":
    # 94 % → 5 − 0.5 = 4.5 from the 分值 (its own 6 − 0.5 = 5.5, at most 5; scaled 5 − 0.42 = 4.58); it had been kept
    text = "固定资产利用率≥95%计6分；每低1个百分点扣0.5分。"
    printed = printed_other("固定资产利用率", Hit("附件5", "G12", text, ""), 5)
    assert printed is not None and printed.applied and printed.contradicts and printed.rule.rate == "固定资产利用率"
    assert float(rule_score(np.array([94.0]), printed.rule, 5)[0]) == 4.5
    assert other_reading(printed, 94.0, 5, 0.01) == "按印的满分 6 计, 不超过分值 5"
    assert other_reading(printed, 94.0, 4.7, 0.01) is None


def test_an_uncapped_reading_is_not_capped_at_the_weight() -> None:
    # a third review: "按执行率×分值计分" at 105 % gives 5 capped at 分值 5 by docs/domain.md's decision; 5.25 is the
    # text's other reading (不封顶), a warning — it had been capped too and the declared 5.25 called an error
    printed = _printed(False, "按执行率×分值计分", 5)
    assert printed.applied and float(rule_score(np.array([105.0]), printed.rule, 5)[0]) == 5
    assert other_reading(printed, 105.0, 5.25, 0.01) == "不封顶: 超过 100% 时得分超过分值"


def test_an_indicator_whose_rule_keeps_its_score_is_scored_by_its_contradicted_text() -> None:
    # round 55: 益阳's 公用经费控制率 keeps the declared score (its 附件4 prints no 公用经费); a 附件4 that does, and a
    # 附件5 printing 分值 5 beside "…计6分；每超过1个百分点扣2分": 153 ÷ 150 = 102 % → 5 − 2 × 2 = 1 from the 分值
    rules = load_rules("yiyang-2020")
    ind = next(i for i in rules.indicators if i.name == "公用经费控制率")
    assert ind.rule.kind == "declared" and rules.rate_of(ind) == "公用经费控制率"
    text = "公用经费控制率≤100%，计6分；每超过1个百分点扣2分，扣完为止。"
    standard = Hit("附件5", "G10", text, "")
    hit = IndicatorHit(ind.name, Hit("附件5", "F10", 5, "分值"), Hit("附件5", "I10", 5, "得分"), standard=standard)
    printed = printed_rule(ind, hit, rules.rate_of(ind))
    assert printed is not None
    chosen = unread_kept(printed)
    assert chosen.applied and chosen.rule.rate == "公用经费控制率"
    assert float(rule_score(np.array([102.0]), chosen.rule, 5)[0]) == 1
