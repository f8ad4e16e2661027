"""What a unit's words say of its rates, its total and its grade (``perfxl.locate.stated_text``,
``perfxl.locate.said_totals``, ``perfxl.locate.grade_bounds``): the wordings the twentieth session's reviews tried."""

from __future__ import annotations

import pytest

from perfxl.locate.fields import bare_total
from perfxl.locate.grade_bounds import ticked
from perfxl.locate.implied_rates import implied_in_text
from perfxl.locate.located import Hit
from perfxl.locate.said_totals import said_grade, said_grade_alone, said_total
from perfxl.locate.stated_text import stated_figure
from perfxl.read.grid import Sheet

CHANGE = "“三公经费”变动率"


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("比上年增加1.20万元，增长10.00%。", "10.00%"),
        ("较2022年减少1.50万元，下降11.11%", "-11.11%"),
        ("比上年降低1.50万元，降低11.11%", "-11.11%"),
        ("比上年减少1.50万元（下降11.11%）", "-11.11%"),
        ("“三公经费”支出比上年下降11.11%", "-11.11%"),
        ("对比减少4.35万元;减少率35.22%", "-35.22%"),
        ("降幅11.11%", "-11.11%"),
        # another subject's change, or one against the budget: not the row's
        ("三公经费支出13.50万元，其中公务接待费同比增长20%。", None),
        ("比上年增加1.20万元，主要是公务用车维修费增加35%", None),
        ("三公经费决算数较预算数下降12.5%", None),
        ("公务接待费下降30%", None),
        # the third review: an item's change after 其中, the year or the unit as the subject, 较上年度
        ("三公经费支出13.50万元，其中：公务接待费5万元，降幅30%。", None),
        ("三公经费支出13.50万元，其中公务接待费2万元，比上年下降30%。", None),
        ("2023年“三公经费”支出比上年增加1.20万元，增长10.00%", "10.00%"),
        ("较上年度减少1.50万元，下降11.11%", "-11.11%"),
        ("同比上年度增加0.60万元，增加6.00%", "6.00%"),  # 南县政协's wording (round 105)
    ],
)
def test_a_change_on_last_year_in_words(words: str, said: str | None) -> None:
    found = stated_figure(words, CHANGE)
    assert (found[1] if found else None) == said


@pytest.mark.parametrize(
    ("words", "name", "said"),
    [
        ("基本支出执行率100%，项目支出执行率72.50%，整体预算执行率91.20%", "预算执行率", "91.20%"),
        ("基本支出执行率100%，项目支出执行率72.50%，整体预算执行率91.20%", "项目预算执行率", "72.50%"),
        ("6月底预算执行率52.30%，全年执行率91.20%", "预算执行率", "91.20%"),
        # a rate of part of the year, or of last year, is never the row's, alone or beside others
        ("6月底预算执行率52.30%，未达到序时进度。", "预算执行率", None),
        ("基本支出执行率100%，项目支出执行率85.50%，上年预算执行率96.00%", "预算执行率", None),
        ("截至11月预算执行率为80.00%", "预算执行率", None),
        ("1-10月预算执行率80.00%", "预算执行率", None),
        ("截至12月31日预算执行率95%", "预算执行率", "95%"),  # the whole year's
        ("发放问卷200份，满意及基本满意176份，不满意率12.00%。", "社会公众满意度", None),  # no 满意度
        # a part's rate is no whole row's, a whole's no part row's, even alone (round 105); a bare one may be either
        ("项目支出执行率91.40%", "预算执行率", None),
        ("财政拨款预算执行率96.20%，单位资金执行率80.00%", "预算执行率", None),
        ("整体预算执行率90.00%", "基本支出预算执行率", None),
        ("公用经费预算86万元，实际支出83.42万元，控制率97.00%", "公用经费控制率", "97.00%"),
        # the fourth review: last year's year-end rate, a date in a clause of its own, the whole year as 1-12月, a
        # whole's rate of a part row, a rate named just as a row whose name says 综合
        ("上年年末预算执行率90%", "预算执行率", None),
        ("截至11月底，预算执行率为80%", "预算执行率", None),
        ("1-12月预算执行率95%", "预算执行率", "95%"),
        ("全年预算执行率91.20%", "基本支出预算执行率", None),
        ("发放问卷200份，项目综合满意度为85%", "项目综合满意度", "85%"),
    ],
)
def test_the_rate_a_remark_gives_the_row(words: str, name: str, said: str | None) -> None:
    found = stated_figure(words, name)
    assert (found[1] if found else None) == said


@pytest.mark.parametrize(
    ("text", "total", "grade"),
    [
        ("综合评价：经自评，本部门2023年度整体支出绩效自评总得分88.50分，评价等级为“优”。", "88.50", "优"),
        ("本单位自评得分92.5分，评定为“优”等级。", "92.5", "优"),
        ("本部门绩效指标总得分81.50分，自评总得分89.60分", "89.60", None),
        # two years' totals, or a grade of last year's: which is this year's is not said
        ("综合评价：本单位2022年度自评总得分95.00分，2023年度自评总得分89.60分，评价等级为“良”。", None, None),
        ("自评总得分89.60分，上年度绩效评价结果为优。", "89.60", None),
        ("自评总得分89.60分，上年评价等级为“优”，本年评价等级为“良”。", "89.60", "良"),
        # round 104: the project as the subject
        ("经自评，本项目2023年度自评总得分88.31分，评价等级为“优”。", "88.31", "优"),
        ("农村公路养护项目2023年度自评总得分88.31分，评价等级为“优”。", "88.31", "优"),
        # one of a 部门整体 form's projects, and a grade of another year (the third review)
        ("其中，农村公路养护项目自评得分92分，评价等级为“优”。", None, None),
        ("自评总得分89.60分，2022年度评价等级为“优”。", "89.60", None),
        ("本部门绩效指标自评总得分81.50分，自评总得分89.60分", "89.60", None),
        # the fourth review: a project's grade after 其中, another year's grade, a reviewer's total; a 其中 the unit
        # takes back
        ("经自评，本部门整体支出自评总得分97.8分；其中农村公路养护项目评价等级为“良”。", "97.8", None),
        ("本单位自评总得分97.8分，2022年度评价等级为“良”。", "97.8", None),
        ("经财政复核，总得分85分。", None, None),
        ("说明：本表满分100分，其中产出指标50分，单位自评得分98.8分。", "98.8", None),
        ("本部门自评总得分92分，其中农村公路养护项目自评得分85分", "92", None),
    ],
)
def test_a_total_and_grade_said_in_a_sentence(text: str, total: str | None, grade: str | None) -> None:
    sheet = Sheet("评分表", {(0, 0): text}, ())
    said, graded = said_total(sheet, 0, 0), said_grade(sheet, 0, 0)
    assert (said.raw if said else None, graded.raw if graded else None) == (total, grade)


@pytest.mark.parametrize(
    ("line", "grade"),
    [
        ("☑优（90-100分）　□良（80-89分）　□中（60-79分）　□差（0-59分）", "优"),
        ("优□　良☑　中□　差□", "良"),
        ("☒优 ☐良 ☐中 ☐差", "优"),  # Word's checked box, where nothing else ticks
        ("☑优 ☒良 ☒中 ☒差", "优"),
        ("（请在□中打√）□优 □良 ☑中 □差", "中"),  # how to tick is no tick
        ("请在□内打√：□优 ☑良 □中 □差", "良"),
        ("□优　□良　□中　□差", ""),  # printed, none ticked
        ("良", None),  # no check-box line at all
    ],
)
def test_a_grade_ticked_in_one_cell(line: str, grade: str | None) -> None:
    assert ticked(line) == grade


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("注：经综合评定，本项目2023年度自评等级为“优”。", "优"),
        ("自评等级为“优”。", "优"),
        ("评价等级：优", "优"),
        ("90分以上等级为优", None),  # a bound
        ("评价等级：90分以上为优", None),
        # another year's, a reviewer's, one expected (the third review)
        ("上年度评价等级：优", None),
        ("2022年度自评等级为“优”。", None),
        ("财政复核评价等级：优", None),
        ("预期绩效等级为优", None),
    ],
)
def test_a_grade_said_alone_under_a_form(text: str, grade: str | None) -> None:
    said = said_grade_alone(Sheet("自评表", {(0, 0): text}, ()), 0, 0)
    assert (said.raw if said else None) == grade


@pytest.mark.parametrize(
    ("words", "figures"),
    [
        ("发放问卷200份，收回200份，满意及基本满意176份，满意度92.50%。", ["176", "200"]),
        ("发放问卷300份，满意及基本满意255份，满意率92.00%", ["255", "300"]),  # 满意率 for a 满意度 row (round 104)
        ("电话回访200户，满意176户，满意度88%", ["176", "200"]),
        # those asked counted three ways, the satisfied counted in parts, or only the dissatisfied: not read
        ("发放问卷300份，收回285份，有效问卷280份，满意及基本满意252份，满意度84.00%", None),
        ("发放问卷140份，非常满意98份、满意28份，满意度90.00%", None),
        ("发放问卷200份，不满意24份，满意度88.00%", None),
        ("发放问卷200份，非常满意120份，满意度88%", None),
    ],
)
def test_a_satisfaction_share_of_the_questionnaires(words: str, figures: list[str] | None) -> None:
    found = implied_in_text(Hit("评分表", "I6", words, "扣分说明"), "社会公众或服务对象满意度")
    assert ([str(hit.raw) for _, hit in found.operands] if found else None) == figures


@pytest.mark.parametrize(
    ("typed", "figure"),
    [
        ("95.40分（满分100分）", "95.40"),
        ("95.40分（满分：100分）", "95.40"),
        ("95.40分/100分", "95.40"),
        ("95.40", "95.40"),
    ],
)
def test_a_total_with_its_scale_after_it(typed: str, figure: str) -> None:
    # read in a header field and, since round 107, in a total row's own cell ("自评总分：95.40分（满分100分）")
    assert bare_total(typed) == figure
