"""A row's target said in words, or not said (``compute.said_values``)."""

from __future__ import annotations

import pytest

from perfxl.compute.said_values import picked_figure, said_in_words
from perfxl.compute.targets import read_quantity


@pytest.mark.parametrize(
    ("name", "target", "printed", "held"),
    [
        ("预算执行率", "—", False, 100.0),  # 银川's: the whole budget is the one to spend
        ("项目预算执行率", "/", False, 100.0),
        ("预算资金执行率", "—", False, 100.0),  # the national form's own word (the second review)
        ("财政资金执行率", "—", False, 100.0),
        ("预算执行率", "—", True, None),  # its own "≥95%得满分" is its measure
        ("预算执行率", "", False, None),  # no target column at all: nothing printed says "none"
        ("“三公”经费预算执行率", "—", False, None),  # a part's: spending less of it is thrift (round 115)
        ("公用经费预算执行率", "—", False, None),
        ("政府采购执行率", "—", False, None),
    ],
)
def test_the_budgets_own_rate_with_no_target(name: str, target: str, printed: bool, held: float | None) -> None:
    got, _ = said_in_words(read_quantity(target), read_quantity("88.3%"), name, "", printed)
    assert got.value == held


@pytest.mark.parametrize(
    ("name", "actual", "held"),
    [  # round 117: a change with its sign in a word, and a 满意度 given as a survey's counts
        ("“三公”经费变动率", "下降3.16%", -3.16),
        ("“三公”经费变动率", "本年18.40万元，上年19.00万元，下降3.16%", -3.16),  # (18.40 ÷ 19.00 − 1 = −3.16 %)
        ("“三公”经费变动率", "较上年增长5%", 5.0),
        ("服务对象满意度", "抽样调查市民300人，满意276人", 92.0),
        ("满意度", "发放问卷120份，满意102份", 85.0),
        ("满意度", "发放问卷120份，收回110份，满意102份", None),  # which count it is of is not said
        ("满意度", "抽样调查市民300人，不满意36人", 88.0),  # round 118: the dissatisfied counted, 264 of 300
        # round 119: several readings (of 发放 or of 回收; with or without 基本满意), all past the ≥ 90 % floor: the
        # least (180 of 190 returned, 94.74 %; 190 of 200 sent is 95 %)
        ("满意度", "发放问卷200份，回收190份，不满意10份", 180 / 190 * 100),
        ("满意度", "电话回访300户，满意282户，基本满意12户，不满意6户", 94.0),
        ("满意度", "发放问卷250份，回收有效问卷240份，满意228份", 228 / 250 * 100),
    ],
)
def test_an_actual_said_in_words(name: str, actual: str, held: float | None) -> None:
    _, got = said_in_words(read_quantity("≤0" if "变动" in name else "≥90%"), read_quantity(actual), name, "")
    assert got.value == (pytest.approx(held) if held is not None else None)


@pytest.mark.parametrize(
    ("name", "target", "actual", "held"),
    [  # the fourth review: a fall in the target's words, a minus "−", a count row, a 不满意率, two groups asked
        ("“三公”经费变动率", "下降≥5%", "下降6%", 6.0),
        ("“三公”经费变动率", "≤0", "变动率=(18.40−19.00)÷19.00=−3.16%", -3.16),
        ("回访满意户数", "≥250户", "回访300户，满意276户", None),
        ("群众不满意率", "≤5%", "抽样调查300人，不满意12人", None),
        ("满意度", "≥95%", "共调查学生200人、家长100人，满意255人", None),
    ],
)
def test_readings_the_fourth_review_checked(name: str, target: str, actual: str, held: float | None) -> None:
    _, got = said_in_words(read_quantity(target), read_quantity(actual), name, "")
    assert got.value == (pytest.approx(held) if held is not None else None)


@pytest.mark.parametrize(
    ("name", "target", "actual", "held"),
    [  # round 135 (宁德, 南华): a sentence's figure in the target's unit, the same figure said twice, or the one done
        ("群众投诉件数", "≤10件", "受理投诉6件，办结6件，办结率100%", 6.0),  # 6件 twice: one figure
        ("群众投诉件数", "≤10件", "受理投诉6件，办结5件，办结率83%", None),  # 6 or 5: a reader cannot tell which
        ("校舍维修改造数量", "12所", "完成11所（其中农村学校8所），1所因用地调整顺延至2024年", 11.0),  # not put off
        ("群众文化活动参与率", "≥60%", "参与率65%，完成年度目标的108%", 65.0),  # 108 % is of the target, not a rate
        # a row counting what was not done: the put-off figure is its own, so none is picked by "done"
        ("未完工项目数", "≥0个", "完成10个，2个顺延至2024年", None),
        ("开展培训场次", "20场次", "计划20场次，未完成4场次", 16.0),  # the plan less what of it was not done
        ("开展培训场次", "≤20场次", "完成18场次，2场次顺延", None),  # fewer is better: "done" is not the measure
        # rounds 136 and 140: the figure, then its parts in brackets; the row's own noun; plan and done the same
        ("巡查次数", "≥4次", "4次（每季度1次）", 4.0),
        ("新建改造站点数", "≥60个", "63个（新建41个、改造22个）", 63.0),
        ("管网长度", "≥12公里", "完成12.6公里（主管8.2公里、支管4.4公里）", 12.6),
        ("整治宗数", "≥36宗", "33宗（3宗顺延至2023年）", 33.0),
        ("整治宗数", "≥36宗", "完成33宗，另3宗因汛期顺延至2023年3月", 33.0),
        ("覆盖行政村数", "≥100个", "覆盖全县18个乡镇、106个行政村", 106.0),
        ("受益乡镇数", "≥3个", "覆盖3个乡镇8个行政村", 3.0),
        ("受益村数", "≥8个", "覆盖3个乡镇8个行政村", None),  # 村 is neither noun whole
        ("覆盖村庄", "≥10个", "覆盖2个乡镇12个村庄的", 12.0),
        # "按期完" is no noun the row counts; the row counts what was late (its count is read as faults, elsewhere)
        ("未按期完工项目数", "0个", "12个项目中11个按期完工，1个因雨季延期至2024年1月完工", None),
        ("开展活动场次", "≥24场", "计划24场，实际完成24场", 24.0),
        ("建成项目数", "≥10个", "完成8个，另有2个主体完工待验收", 8.0),
        # the review: a plan's figure naming the noun is not what was done; a figure's unit kept past its brackets
        ("完成项目数", "≥10个", "计划实施10个项目，完成8个", 8.0),
        ("改扩建学校数", "≥12所", "改扩建12所学校，已完工10所", 10.0),
        ("支持行政村数量", "≥20个", "支持20个行政村，已验收18个", 18.0),
        ("道路长度", "≥5公里", "投资50万元（新建道路3公里）", 3.0),
        ("服务对象满意度", "≥90%", "发放问卷200份（满意率92%）", 92.0),
        ("改造户数", "≥20户", "计划改造20户，延期5户，新增完成8户", None),  # about 23: not said plainly
        # a range of shares: its worst end (the least against a floor, the most against a ceiling)
        ("演出质量群众认可率", "≥90%", "90%-95%", 90.0),
        ("演出质量群众认可率", "≥90%", "85-95%", 85.0),
        ("差错率", "≤5%", "3%～4%", 4.0),
        ("完成率", "=100%", "90%-95%", None),  # an exact target: which end is meant decides
        ("完成率", "≥90%", "2023-2024", None),  # years, no shares
    ],
)
def test_a_figure_picked_from_a_sentence(name: str, target: str, actual: str, held: float | None) -> None:
    got = picked_figure(actual, "", read_quantity(target), name)
    assert got.value == held


@pytest.mark.parametrize(
    ("target", "actual", "held"),
    [  # round 140: none in words against a ceiling of some, as against a target of none
        ("≤2起", "全年无投诉", 0.0),
        ("≤2起", "零投诉", 0.0),
        ("≤2起", "未发生投诉", 0.0),
        ("≤2件", "全年未接到投诉", 0.0),
        ("≤2起", "无", 0.0),
        ("≤2起", "已整改", None),  # says no count
        ("≥2次", "无", None),  # a floor: "无" is no count done, read elsewhere
        ("≤10个工作日", "无", None),  # the review: not a count of events, "无" may mean not applicable
        ("≤5%", "无", None),
    ],
)
def test_none_against_a_ceiling(target: str, actual: str, held: float | None) -> None:
    _, got = said_in_words(read_quantity(target), read_quantity(actual), "群众投诉数", "")
    assert got.value == held
