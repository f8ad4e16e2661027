"""A 评分标准 that lists every score a row may get, and a typed score that is none of them (round 111's 海洋经济发展引导
资金 评价指标表, https://m.31ppt.com/p-1836665.html)."""

from __future__ import annotations

import pytest

from perfxl.compute.listed_points import listed_points, off_the_list
from perfxl.locate.located import Hit


@pytest.mark.parametrize(
    ("standard", "weight", "points"),
    [
        ("项目投资计划完成率，100%：5分；90-100%：3分；70-90%：1分；70%以下：0分", 5, (5, 3, 1, 0)),
        ("海洋经济发展引导资金设立的依据是否充分，充分：3分；一般：1.5分；没有：0分", 3, (3, 1.5, 0)),
        ("带动就业人数达到预期：8分；达到预期80%以上：5分；80%以下：2分", 8, (8, 5, 2)),
        ("≥95%得满分；90%-95%得8分；低于90%不得分", 10, (10, 8, 0)),
        # a share of the 分值 (round 76's 河北 平山 部门整体 form): 60 % of 10 is 6
        ("效益显著得满分;效益一般得60%;无明显效益不得分。", 10, (10, 6, 0)),
        # scored otherwise too: steps, judgement, a range of points, a formula; or its highest is not the 分值
        ("≥95%得满分，每低1个百分点扣0.5分", 10, None),
        ("完成得5分，未完成酌情扣分", 5, None),
        ("全部完成得5分，部分完成得2-4分，未完成得0分", 5, None),
        ("得分=执行率×10分", 10, None),
        ("充分：3分；一般：1.5分；没有：0分", 5, None),
        ("完成得满分", 5, None),
    ],
)
def test_the_scores_a_standard_lists(standard: str, weight: float, points: tuple[float, ...] | None) -> None:
    assert listed_points(standard, float(weight)) == points


def test_a_score_none_of_those_listed() -> None:
    standard = Hit("表", "D8", "项目投资计划完成率，100%：5分；90-100%：3分；70-90%：1分；70%以下：0分", "评分标准")
    said = off_the_list("项目投资计划完成率", standard, 5.0, 4.0, 0.01)
    assert said == "指标「项目投资计划完成率」得分 4 不是本表评分标准所列的分数(5、3、1、0)之一，请核对"
    assert off_the_list("项目投资计划完成率", standard, 5.0, 3.0, 0.01) is None


def test_rows_scored_together_list_nothing_of_one_row() -> None:
    # the review: two rows of 35 under one merged 得分 of 35 (0 + 35), each "完成得满分，未完成不得分" — the 70 they
    # stand for together is no row's full mark
    standard = Hit("表", "F7", "完成得满分，未完成不得分", "评分标准")
    assert off_the_list("甲", standard, 70.0, 35.0, 0.01, rows=2) is None
    assert off_the_list("甲", standard, 35.0, 30.0, 0.01) is not None  # one row: 35 or 0


@pytest.mark.parametrize(
    ("standard", "weight", "points"),
    [  # round 115: ranges of points or shares list nothing; tiers "以内", scores in brackets or after a grade do
        ("全部达到：5分；部分达到：2分-4分；未达到：0分", 5, None),
        ("完全达到得满分，基本达到按分值的60%-80%计分，未达到不得分", 10, None),
        ("偏差在5%以内：5分；5%-10%以内：3分；10%-20%以内：1分；20%以上：0分", 5, (5, 3, 1, 0)),
        ("好（5分）；较好（3分）；差（0分）", 5, (5, 3, 0)),
        ("好5分，较好3分，差0分", 5, (5, 3, 0)),
        ("到位比例100%：10分；90%-100%：6分；90%以下：0分", 10, None),  # (比例: a share worked out, as often)
        ("完成得满分，未完成按比例得分", 10, None),
        # the second review: lines listed or numbered, and a share worked out (折算, 比例), list nothing
        ("1.全部完成得满分\n2.部分完成按完成比例折算得分\n3.未完成不得分", 70, None),
        ("未全部完成的按实际完成比例折算得分，全部完成得满分，未开展不得分。", 70, None),
        ("误差3分钟以内得满分，否则不得分", 5, (5, 0)),  # (误差's 差 is no grade: 3 is no score of it)
    ],
)
def test_ranges_and_tiers(standard: str, weight: float, points: tuple[float, ...] | None) -> None:
    assert listed_points(standard, float(weight)) == points


@pytest.mark.parametrize(
    ("standard", "weight", "points"),
    [  # round 116: a condition, then its score in a clause of its own; tiers of an underlying score in 分
        ("项目验收均规范，得4分；基本规范，得2分；不规范，不得分", 4, (4, 2, 0)),
        ("90分以上得8分；80分-90分得5分；60分-80分得2分；60分以下不得分", 8, (8, 5, 2, 0)),
        ("全部完成得满分，未完成的按实际完成情况评定；未开展不得分", 70, None),  # a clause scoring otherwise
    ],
)
def test_conditions_and_their_scores(standard: str, weight: float, points: tuple[float, ...] | None) -> None:
    assert listed_points(standard, float(weight)) == points


@pytest.mark.parametrize(
    ("standard", "weight", "points"),
    [  # the third review: a score with a cap or an alternative lists nothing; "、" inside a line and a grade word
        # after its subject do not hide a list
        ("全部完成，得70分；基本完成，得60分以上；未完成，不得分。", 70, None),
        ("全部完成得70分，部分完成得66分或65分", 70, (70, 66, 65)),  # (round 118: an alternative lists both)
        ("全部完成得70分；部分按时、足额完成得60分；未完成不得分。", 70, (70, 60, 0)),
        ("成效好70分，成效较好60分，成效差0分。", 70, (70, 60, 0)),
    ],
)
def test_caps_alternatives_and_subjects(standard: str, weight: float, points: tuple[float, ...] | None) -> None:
    assert listed_points(standard, float(weight)) == points


def test_a_condition_then_its_score_after_a_comma() -> None:
    # round 117: 岳阳 科技局's "无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分"
    # (http://yueyang.gov.cn/zwgk/62389/62391/content_1344912.html): 3, 2 or 0
    assert listed_points("无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分", 3.0) == (3, 2, 0)


def test_an_alternative_lists_both() -> None:
    # round 118: 湖北's "个别事项延期，得7分或8分": 7 or 8, not 7.5 nor 9
    assert listed_points("全部按时完成，10分；个别事项延期，得7分或8分；多项延期，0分", 10.0) == (10, 8, 7, 0)


@pytest.mark.parametrize(
    ("standard", "weight", "points"),
    [  # the fourth review: a clause scoring otherwise in the middle, caps and ranges after a comma list nothing;
        # grades listed with 、 do
        ("全部完成得满分，部分完成按实际完成情况评分，未完成不得分", 70, None),
        ("全部完成，70分；基本完成，60分以上；未完成，0分", 70, None),
        ("优秀，70分；良好，60分-69分；差，0分", 70, None),
        ("全部完成得70分，基本完成得60分及以上", 70, None),
        ("优秀70分、良好60分、一般40分、差0分", 70, (70, 60, 40, 0)),
    ],
)
def test_what_the_fourth_review_found(standard: str, weight: float, points: tuple[float, ...] | None) -> None:
    assert listed_points(standard, float(weight)) == points


@pytest.mark.parametrize(
    ("standard", "weight", "points"),
    [
        # tiers of another score in 分 (云南's 衔接资金 评分表, round 116): "90分以上" and "80分-90分" are conditions on
        # the 州（市）'s own 考核得分, not a cap or a range of the row's points — the row gets 8, 5, 2 or 0
        (
            "以州（市）项目库管理考核得分为准：90分以上得8分；80分-90分得5分；60分-80分得2分；60分以下不得分",
            8,
            (8, 5, 2, 0),
        ),
        # a range of the row's own points, and a cap on them: still scored between
        ("全部完成得8分；部分完成得2分-4分；未完成不得分", 8, None),
        ("完成得8分；基本完成，得6分以上", 8, None),
    ],
)
def test_bounds_on_another_score(standard: str, weight: float, points: tuple[float, ...] | None) -> None:
    assert listed_points(standard, float(weight)) == points
