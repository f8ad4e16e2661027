"""Round 69 of second readers (attacking this session's readings): a time limit in days ("20个工作日内"); a standard
with its own centre beside a ± target ("以100%为标准，偏差在±10%以内…"); "超出部分每1个百分点扣0.5分"; a note's lead
printing its points ("预算执行率得分（10分）："); a 分别 list after a lead-in; a month-day deadline beside a full date;
section headings merged across the target and actual columns. Every figure is worked by hand; the wordings follow
real ones, the rows and figures are this test's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import Row
from corpus.scored import book as _book
from test_layouts_round60 import _project
from test_layouts_round67 import _form, _said


@pytest.mark.parametrize(
    ("row", "standard"),
    [
        # 15 of "20个工作日内": within the limit, 5 right (before: 15 ÷ 20 × 5 = 3.75 said, the limit read as a floor)
        (["产出指标", "时效指标", "审批办结时限", "20个工作日内", "15个工作日", 5, 5], ""),
        # 93.5 % is 6.5 off the printed 100 % centre, inside ±10: 5 (before: 835 % off the target's 10, 0)
        (
            ["成本指标", "经济成本指标", "成本控制率", "±10%以内", "93.5%", 5, 5],
            "以100%为标准，偏差在±10%以内得满分，每超出1个百分点扣0.5分",
        ),
        # "12月底前" and "2023年12月20日": met (before: "实际完成值含 3 个数字")
        (["产出指标", "时效指标", "资金拨付时间", "12月底前", "2023年12月20日", 5, 5], ""),
    ],
)
def test_right_scores_left_alone(tmp_path: Path, row: Row, standard: str) -> None:
    assert _said(_book(tmp_path, [(_form(row, standard), ["A1:I1"])])) == []


@pytest.mark.parametrize(
    ("row", "standard", "due"),
    [
        # 85 % is 15 off 100 %, 5 past ±10: 5 − 2.5 = 2.5 ("超出部分每1个百分点" as "每超出1个百分点")
        (
            ["成本指标", "经济成本指标", "成本控制率", "±10%以内", "85%", 5, 5],
            "以100%为标准，偏差在±10%以内得满分，超出部分每1个百分点扣0.5分",
            2.5,
        ),
        # 优 under "满意度调查结果按优、良、中、差分别得10、8、6、0分": 10 (before: the first word read "调查结果按优")
        (
            ["满意度指标", "服务对象满意度指标", "群众满意度", "优", "优", 10, 8],
            "满意度调查结果按优、良、中、差分别得10、8、6、0分",
            10.0,
        ),
    ],
)
def test_wrong_scores_said(tmp_path: Path, row: Row, standard: str, due: float) -> None:
    assert _said(_book(tmp_path, [(_form(row, standard), ["A1:I1"])])) == [("error", due)]


def test_a_note_whose_lead_prints_its_points(tmp_path: Path) -> None:
    # 415 ÷ 500 = 83 %: "75%≤执行率<85%，扣5分" of 10 is 5, not the 8 typed (before: the lead unread, 8 kept)
    note = (
        "注：预算执行率得分（10分）：执行率≥95%，扣0分；85%≤执行率<95%，扣2分；75%≤执行率<85%，扣5分；"
        "执行率<75%，扣10分。"
    )
    result = _book(tmp_path, [(_project(415, 8, note), [])])
    assert [(f.severity, f.computed) for f in result.flags if f.cell == "H4" and f.severity != "info"] == [
        ("error", 5.0)
    ]


def test_a_time_limit_met_in_words(tmp_path: Path) -> None:
    # "每季度结束后10日内" and "按时报送": met, 5 (before: "实际完成值没有数值，无法与目标比较"); 4 typed is wrong
    row: Row = ["产出指标", "时效指标", "季度报表报送", "每季度结束后10日内", "按时报送", 5, 5]
    assert _said(_book(tmp_path, [(_form(row, ""), ["A1:I1"])])) == []
    assert _said(_book(tmp_path, [(_form([*row[:6], 4], ""), ["A1:I1"])], "w.xlsx")) == [("error", 5.0)]
    codes = {f.code.value for f in _book(tmp_path, [(_form(row, ""), ["A1:I1"])], "x.xlsx").flags}
    assert "actual-not-numeric" not in codes
