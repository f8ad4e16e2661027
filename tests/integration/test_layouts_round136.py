"""The twenty-fourth session's readings: counts of being named in a notice, and what rounds 136–141 of second readers
found on real tables of provinces not read before (each test names its page and works its figures by hand)."""

from __future__ import annotations

import pytest

from perfxl.compute.levels import level_problem
from perfxl.compute.printed_counts import score_by_events
from perfxl.compute.targets import read_quantity
from perfxl.locate.found_counts import done_in, faults_found
from perfxl.rules import load_rules


@pytest.mark.parametrize(
    ("said", "found"),
    [  # being named in a higher body's notice or called in to account is a fault counted; being praised is not
        ("被通报1次", 1.0),
        ("被上级通报1次", 1.0),
        ("受到通报1次", 1.0),
        ("被约谈1次", 1.0),
        ("全年被通报批评一次", 1.0),
        ("被通报表扬2次", None),
        ("受到市政府通报表彰1次", None),
        ("受到市政府通报表扬1次，被约谈0次", 0.0),
        ("未被通报", 0.0),
        # the review: praise in a notice is no fault
        ("全年未发生违规违纪，工作经验被省厅通报推广1次", 0.0),
        ("受到省财政厅通报肯定1次", None),
        ("被列为典型经验通报1次", None),
    ],
)
def test_named_in_a_notice(said: str, found: float | None) -> None:
    got = faults_found(said)
    assert (got[0] if got is not None else None) == found


@pytest.mark.parametrize(
    ("standard", "said", "score"),
    [  # one fault in any measure word: 5 − 2 × 1 = 3; times, people are other things counted
        ("每发现一项问题扣1分，扣完为止", "发现问题2处", 3.0),
        ("每发现一处问题扣1分", "审计发现问题2项", 3.0),
        ("每发生一起扣1分", "发生安全事故2件", 3.0),
        ("被通报一次扣2分", "被通报1次", 3.0),  # 5 − 2
        ("每发现一项问题扣1分", "被通报2次", None),  # times are not problems
        ("每起扣1分", "投诉2人次", None),
    ],
)
def test_faults_in_any_measure_word(standard: str, said: str, score: float | None) -> None:
    got = score_by_events(standard, read_quantity(None), read_quantity(said), 5)
    assert (got.score if got is not None else None) == score


@pytest.mark.parametrize(
    ("said", "unit", "done"),
    [  # a plan less what of it was not done, where the words say nothing else in the unit
        ("计划20场次，未完成4场次", "场次", 16.0),
        ("计划开展20场次，因疫情取消4场次", "场次", 16.0),
        ("计划20场次，实际开展16场次", "场次", 16.0),  # said done
        ("计划20场次，未完成4场次，另有2场次延期", "场次", None),  # 14 or 16: a third figure in the unit
        ("计划20场次", "场次", None),
    ],
)
def test_done_as_a_plan_less_what_was_not(said: str, unit: str, done: float | None) -> None:
    assert done_in(said, unit) == done


@pytest.mark.parametrize(
    ("level1", "level2", "slip"),
    [  # rounds 139 and 140: 湖北工程学院's form (https://m.777doc.com/doc-4336759.html) keeps the pre-2020 framework,
        # 服务对象满意度指标 under 效益指标: no slip; under 产出指标 it still is one
        ("效益指标", "服务对象满意度指标", None),
        ("效果指标", "服务对象满意度指标", None),
        ("满意度指标", "服务对象满意度指标", None),
        ("产出指标", "服务对象满意度指标", "满意度指标"),
        ("产出指标", "社会效益指标", "效益指标"),
    ],
)
def test_satisfaction_under_the_older_frameworks_benefits(level1: str, level2: str, slip: str | None) -> None:
    spec = next(form.self_eval for form in load_rules("national-2020").forms.values() if form.self_eval is not None)
    got = level_problem(level1, level2, spec)
    assert (got[0] if got is not None else None) == slip
