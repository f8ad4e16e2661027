"""How loudly a label the rule set's 附件4 expects and the workbook does not print is said."""

from __future__ import annotations

import pytest

from perfxl.check.declared import reading_findings
from perfxl.check.known_rates import known_rates
from perfxl.compute.tables import Rows
from perfxl.locate.located import Hit, IndicatorHit, Located, Missing
from perfxl.rules import load_rules

RULES = load_rules("yiyang-2020")
FIELD = Missing("base_data", "基础数据表", "「预算完成情况」的「预算总额」")
BLOCK = Missing("base_data", "基础数据表", "「三公经费变动情况」栏目")


@pytest.mark.parametrize(
    ("forced", "matched", "missing", "severity"),
    [
        (True, True, FIELD, "error"),  # the rule set named: its 附件4 is the form to fill
        (False, True, FIELD, "error"),  # chosen, its 附件5 printed as the workbook's own: a blank to fill in
        (False, True, BLOCK, "info"),  # chosen, a block this template does not print, and no row scored over it
        # chosen although the workbook's 附件5 agrees with no rule set (the 2013 framework's 基础数据表): its base-data
        # table is another system's, whose words are not this rule set's
        (False, False, FIELD, "warning"),
    ],
)
def test_a_missing_label(forced: bool, matched: bool, missing: Missing, severity: str) -> None:
    book = Located(missing=[missing], forced=forced, matched=matched)
    (finding,) = list(reading_findings(book, RULES))
    assert finding.severity == severity and finding.message.startswith(f"附件4中未找到{missing.item}")


def _scored(name: str) -> dict[str, IndicatorHit]:
    return {name: IndicatorHit(name, None, Hit("附件5", "F5", 5, "得分"))}


def test_blocks_a_chosen_rule_set_has_and_the_template_does_not_print_are_said_once() -> None:
    # the 附件5 scores 三公经费变动率 over the 三公经费变动情况 it does not print: its score cannot be checked
    other = Missing("base_data", "基础数据表", "「预算完成情况」栏目")
    book = Located(missing=[BLOCK, other], forced=False, matched=True, indicators=_scored("三公经费变动率"))
    (finding,) = list(reading_findings(book, RULES))
    assert finding.severity == "warning"
    assert finding.message.startswith("附件4中未找到「三公经费变动情况」「预算完成情况」栏目(")


def test_a_block_whose_rate_the_form_gives_otherwise_is_info() -> None:
    # 预算完成率 (yiyang: over 结转结余 and 预算调整) with 结转结余变动情况 not printed, its rate known otherwise (a
    # formula the 附件5 prints)
    other = Missing("base_data", "基础数据表", "「结转结余变动情况」栏目")
    book = Located(missing=[other], forced=False, matched=True, indicators=_scored("预算完成率"))
    assert [f.severity for f in reading_findings(book, RULES)] == ["warning"]
    assert [f.severity for f in reading_findings(book, RULES, frozenset({"预算完成率"}))] == ["info"]


def test_most_blocks_absent_is_another_template_said_as_info() -> None:
    # round 72: wanglu's 附件3 prints 财政供养人员情况 and 经费控制情况 only — six of yiyang's ten blocks absent is
    # another template, not a 附件4 with blocks left out (each row it leaves unchecked says so itself)
    titles = [
        "三公经费变动情况",
        "预算完成情况",
        "预算调整情况",
        "结转结余变动情况",
        "固定资产使用情况",
        "内部控制制度完成情况(是/否)",
    ]
    absent = [Missing("base_data", "基础数据表", f"「{title}」栏目") for title in titles]
    book = Located(missing=absent, forced=False, matched=True, indicators=_scored("三公经费变动率"))
    (finding,) = list(reading_findings(book, RULES))
    assert finding.severity == "info"


def test_a_rate_a_row_states_in_its_own_words_is_known() -> None:
    # round 83: 三公经费变动率 scored on "…变动率为-5.88%" its row states, the block absent: the rate is known, the
    # absent block said as info (before: a warning that the rate could not be checked)
    nan = float("nan")
    row = Rows(
        {}, {}, {"三公经费变动率": nan}, {}, {}, {}, {}, 0.0, False, stated={"三公经费变动率": ("扣分原因", -5.88)}
    )
    known = known_rates(row, {}, RULES)
    assert "三公经费变动率" in known
    book = Located(missing=[BLOCK], forced=False, matched=True, indicators=_scored("三公经费变动率"))
    assert [f.severity for f in reading_findings(book, RULES, known)] == ["info"]
