"""Printed 评价标准 in the wordings of round 55 of second readers: a standard that ends scoring at a cutoff before its
deductions reach 0, and one continued in the cell right of its own under a 评价标准 header merged over both."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import Row, justice_form
from corpus.scored import book as _book

MERGES = ["A1:I1", "B2:I2"]


def test_a_cutoff_before_the_deductions_reach_nothing(tmp_path: Path) -> None:
    # "≥95%得满分；每低1个百分点扣0.2分；低于80%不得分": 80 % earns 5 − 15 × 0.2 = 2 (typed 2: right; it was unread and
    # the rule set's 5 × 80 ÷ 95 = 4.21 flagged it); 79 % earns nothing (typed 1.8, the deductions alone: wrong)
    standard = "≥95%得满分；每低1个百分点扣0.2分；低于80%不得分"
    rows: list[Row] = [
        ["产出指标", "质量指标", "政府采购执行率", "≥95%", "80%", 5, 2, standard, "采购项目延期"],
        ["产出指标", "质量指标", "案件结案率", "≥95%", "98%", 50, 50, "", ""],
        ["效益指标", "社会效益指标", "法律援助案件数", "≥400件", "420件", 35, 35, "", ""],
    ]
    # 9.25 + 2 + 50 + 35 = 96.25
    result = _book(tmp_path, [(justice_form(rows, 96.25), MERGES)], rules="auto")
    assert [(f.cell, f.code) for f in result.flags if f.severity in ("error", "warning")] == []
    rows[0][4:7] = ["79%", 5, 1.8]
    result = _book(tmp_path, [(justice_form(rows, 96.05), MERGES)], "cut.xlsx", rules="auto")
    flags = {f.cell: f for f in result.flags if f.severity in ("error", "warning")}
    assert flags["G6"].computed == 0 and "实际 79% → 0分" in flags["G6"].message
    # the 总分 96.05 adds up the scores as typed (the wrong one is said at its cell); perfxl's own is 9.25 + 0 + 50 + 35
    assert sorted(flags) == ["G6"] and result.total == 94.25


def test_a_standard_continued_in_the_cell_right_of_its_own(tmp_path: Path) -> None:
    # 评分标准 merged over H:I in the header; the row writes "≤5%得满分；" in H and "每超1个百分点扣1分" in I: one
    # standard. 7.5 % → 8 − 2.5 × 1 = 5.5 (typed 8); read from H alone it has one band only and the score was kept
    rows: list[Row] = [
        [
            "产出指标",
            "质量指标",
            "结转结余率",
            "≤5%",
            "7.5%",
            8,
            8,
            "≤5%得满分；",
            "每超1个百分点扣1分",
            "年底下达资金",
        ],
        ["产出指标", "质量指标", "案件结案率", "≥95%", "98%", 47, 47, "", "", ""],
        ["效益指标", "社会效益指标", "法律援助案件数", "≥400件", "420件", 35, 35, "", "", ""],
    ]
    form = justice_form(rows, 99.25, width=10)
    result = _book(tmp_path, [(form, ["A1:J1", "B2:J2", "H5:I5"])], rules="auto")
    flags = {f.cell: f for f in result.flags if f.severity in ("error", "warning")}
    assert flags["G6"].computed == 5.5, flags
    assert "每超1个百分点扣1分" in flags["G6"].message
