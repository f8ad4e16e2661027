"""A 续表 sheet that goes straight on with the indicator rows, printing no header of its own (round 56 of second
readers): read in the columns of the form on the sheet before, and joined to it, so the form's sums, 总分 and 等级
run over both sheets."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import Row
from corpus.scored import book as _book

FIRST: list[Row] = [
    ["项目支出绩效自评表（2023年度）", "", "", "", "", "", "", "", ""],
    ["项目名称", "非遗保护传承", "", "", "实施单位", "县文化馆", "", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
    # 96 ÷ 100 = 96.00 %, 10 × 96 % = 9.6
    ["", "年度资金总额", 100, 100, 96, 10, "96.00%", 9.6, ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
    ["", "产出指标", "数量指标", "传承活动场次", "≥20场", "22场", 30, 30, ""],
    ["", "", "质量指标", "活动验收合格率", "100%", "100%", 20, 20, ""],
]


def _rest(score: float) -> list[Row]:
    return [
        ["项目支出绩效自评表（续表）", "", "", "", "", "", "", "", ""],
        ["", "效益指标", "社会效益指标", "参与群众人次", "≥3000人次", "3200人次", 30, 30, ""],
        ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, score, ""],
        # 9.6 + 30 + 20 + 30 + 10 = 99.6
        ["总分", "", "", "", "", "", 100, 99.6, ""],
        ["评价等级", "", "", "", "", "", "", "优", ""],
    ]


def test_a_continuation_sheet_with_no_header_of_its_own(tmp_path: Path) -> None:
    sheets = [(FIRST, ["A1:I1"]), (_rest(10), ["A1:I1"])]
    result = _book(tmp_path, sheets, names=["表1", "表1（续）"])
    assert [f.message for f in result.flags if f.severity in ("error", "warning")] == []
    (instance,) = result.instances
    assert [i.name for i in instance.indicators] == ["传承活动场次", "活动验收合格率", "参与群众人次", "群众满意度"]
    assert (instance.total, instance.grade, result.total) == (99.6, "优", 99.6)
    # 12 typed on a 分值 of 10 on the 续表: said there, and the 总分 99.6 is not the 101.6 the typed scores make
    result = _book(tmp_path, [(FIRST, ["A1:I1"]), (_rest(12), ["A1:I1"])], "slip.xlsx", names=["表1", "表1（续）"])
    flags = {(f.sheet, f.cell): f for f in result.flags if f.severity in ("error", "warning")}
    assert sorted(flags) == [("表1（续）", "H3"), ("表1（续）", "H4")], flags
    assert flags[("表1（续）", "H4")].computed == 101.6
