"""Printed standards from a twenty-eighth round of second readers, on rows no indicator of the rule set covers; each
failed before the change that reads it. Every expected figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import Row, book


def _books(standard: str, weight: float, score: float) -> tuple[list[Row], list[Row]]:
    """附件4's 预算完成情况 (960 ÷ 1000 = 96.00 %) and a 附件5 whose 预算执行率 row — a rate 益阳's rule set computes
    but no indicator of it — prints ``standard``; the other rows 益阳's own, full marks (7 + 8 + 8 + 5 + 2 = 30)."""
    base: list[Row] = [
        ["部门整体支出绩效评价基础数据表", "", "", ""],
        ["财政供养人员情况", "编制人数", "实际在职人数", "控制率"],
        ["", 26, 25, "96.15%"],
        ["“三公经费”变动情况", "上年预算数", "本年预算数", "变动率"],
        ["", 9, 8.55, "-5.00%"],
        ["预算完成情况", "预算总额", "决算总额", "执行率"],
        ["", 1000, 960, "96.00%"],
    ]
    rows: list[Row] = [
        ["部门整体支出绩效评价指标评分表", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评价标准", "得分"],
        ["投入", "预算配置", "在职人员控制率", 7, "≤100%计7分，每超过1个百分点扣0.2分", 7],
        ["", "", "三公经费变动率", 8, "≤0计8分，每超过1个百分点扣0.8分", 8],
        ["过程", "预算执行", "预算执行率", weight, standard, score],
        ["", "预算管理", "管理制度健全性", 8, "依据检查要点评定", 8],
        ["", "", "资金使用合规性", 5, "依据检查要点评定", 5],
        ["", "", "预决算信息公开性", 2, "依据公开情况评定", 2],
        ["合计", "", "", 30 + weight, "", 30 + score],
    ]
    return base, rows


def test_a_weight_its_own_standard_contradicts_is_a_finding_on_any_row(tmp_path: Path) -> None:
    # 分值 5 beside "…计8分": the text's own full mark is 8 — a warning at the 分值 cell; the row scored by the text
    # from the 分值 (round 59): 96 % ≥ 95 % earns full marks by every reading (5, or 8 at most 5), so 4 is an error
    base, rows = _books("预算执行率≥95%计8分；每低于1个百分点扣1分，扣完为止", 5, 4)
    result = book(tmp_path, [(base, []), (rows, [])], rules="yiyang-2020")
    said = [f for f in result.flags if f.cell == "D5" and f.severity == "warning"]
    assert [f.code for f in said] == ["weight-mismatch"]
    assert "计 8 分" in said[0].message
    (wrong,) = [f for f in result.flags if f.cell == "F5"]
    assert (wrong.severity, wrong.computed) == ("error", 5)
    assert result.total == 35  # 30 + 5


def test_a_standard_it_cannot_read_on_a_rate_it_computes_is_said_of_the_standard(tmp_path: Path) -> None:
    # "每超编1人" counts people, not a rate: unread; the note names the text, not a missing indicator
    base, rows = _books("执行率达标得满分，每超编1人扣1分", 5, 5)
    result = book(tmp_path, [(base, []), (rows, [])], rules="yiyang-2020")
    notes = [f.message for f in result.flags if f.cell == "F5" and f.severity == "info"]
    assert notes and "本表评价标准「执行率达标得满分，每超编1人扣1分」无法据以计分" in notes[0]
    assert not [f for f in result.flags if f.severity != "info" and f.cell in ("D5", "E5", "F5")]


def test_a_words_only_standard_still_contradicts_its_weight(tmp_path: Path) -> None:
    # round 31: "全部完成计8分，每有1项未完成扣2分" under 分值 5 cannot be scored by (items, not a rate), but it awards
    # 8 points where 5 are printed: a warning at the 分值, the declared 5 kept (total 30 + 5 = 35)
    base, rows = _books("全部完成计8分，每有1项未完成扣2分", 5, 5)
    result = book(tmp_path, [(base, []), (rows, [])], rules="yiyang-2020")
    said = [f for f in result.flags if f.cell == "D5" and f.severity == "warning"]
    assert [f.code for f in said] == ["weight-mismatch"] and "计 8 分" in said[0].message
    assert result.total == 35


def test_a_figure_it_compares_with_is_no_full_mark(tmp_path: Path) -> None:
    # "测评得90分以上", "得90分的" and "考核得90分为满分" compare a survey's or a test's mark; only "得5分" is
    # awarded, and 5 is the 分值: nothing said
    for text in ("满意度测评得90分以上得5分，测评得80分的得3分，每低1分扣0.5分", "考核得90分为满分，每少1分扣0.5分"):
        base, rows = _books(text, 5, 5)
        result = book(tmp_path, [(base, []), (rows, [])], name=f"{len(text)}.xlsx", rules="yiyang-2020")
        assert not [f for f in result.flags if f.code == "weight-mismatch"], text


def test_an_unread_standard_on_a_known_indicator_contradicting_its_weight_keeps_the_score(tmp_path: Path) -> None:
    # 在职人员控制率 (益阳's own indicator) printing "控制在编制内得9分，每超编1人扣1分" beside 分值 7: people, not a
    # rate, so unread under --rules auto; its 9 is not the 7 printed — a warning at D3, the declared 7 kept
    base, rows = _books("预算执行率≥95%计5分；每低于1个百分点扣1分，扣完为止", 5, 5)
    rows[2] = ["投入", "预算配置", "在职人员控制率", 7, "控制在编制内得9分，每超编1人扣1分", 7]
    result = book(tmp_path, [(base, []), (rows, [])], rules="auto")
    said = [f for f in result.flags if f.cell == "D3" and f.severity == "warning"]
    assert [f.code for f in said] == ["weight-mismatch"] and "保留填报得分" in said[0].message
    assert not [f for f in result.flags if f.severity == "error"]
    assert result.total == 35


def test_a_words_only_standard_awarding_less_than_its_weight_is_said(tmp_path: Path) -> None:
    # round 39: "未超预算的计4分，超预算的不得分" under 分值 5 awards at most 4 as printed: a warning at the 分值;
    # scored by the text (round 59) 96 % earns 4, and the declared 5 is its other reading (4 × 5 ÷ 4): a warning,
    # total 30 + 4
    base, rows = _books("预算执行率未超预算的计4分，超预算的不得分", 5, 5)
    result = book(tmp_path, [(base, []), (rows, [])], rules="yiyang-2020")
    said = [f for f in result.flags if f.cell == "D5" and f.severity == "warning"]
    assert [f.code for f in said] == ["weight-mismatch"] and "计 4 分" in said[0].message
    (other,) = [f for f in result.flags if f.cell == "F5"]
    assert (other.severity, other.computed) == ("warning", 4) and "折算" in other.message
    assert result.total == 34


def test_a_standard_with_other_ways_to_more_points_is_no_contradiction(tmp_path: Path) -> None:
    # 2 + 3 added up, 1 a task, full marks in words, a share of the 分值, a mark that hides the 5 ("达85分的得5分"):
    # each can reach 5 — nothing said
    for text in (
        "公开质量平均分达85分的得5分，未达到的得3分",
        "制度健全的计2分，执行到位3分",  # the review: 2 + 3, the second with no verb
        "完成目标得4分，超额完成奖励1分",
        "按时完成计2分，质量合格计3分",
        "每完成一项计1分",
        "未超预算的得满分，超预算的计4分",
        "按完成比例计分，未完成计1分",
    ):
        base, rows = _books(text, 5, 5)
        result = book(tmp_path, [(base, []), (rows, [])], name=f"{len(text)}.xlsx", rules="yiyang-2020")
        assert not [f for f in result.flags if f.code == "weight-mismatch"], text


def test_a_kept_row_of_the_rule_set_contradicting_its_weight_is_said_and_added_points_are_not(
    tmp_path: Path,
) -> None:
    # round 44: 管理制度健全性 (益阳's, scored on no rate, kept as declared) printing "制度健全的计8分，不健全的不得分"
    # under 分值 5 awards 8: a warning at its 分值 D6; "制度健全的计4分，执行到位的计4分" adds up to its 8: nothing
    for text, said in (("制度健全的计8分，不健全的不得分", {"D6"}), ("制度健全的计4分，执行到位的计4分", set())):
        base, rows = _books("预算执行率≥95%计5分；每低于1个百分点扣1分，扣完为止", 5, 5)
        rows[5] = ["", "预算管理", "管理制度健全性", 8 if not said else 5, text, 8 if not said else 5]
        result = book(tmp_path, [(base, []), (rows, [])], name=f"{len(said)}.xlsx", rules="auto")
        assert {f.cell for f in result.flags if f.code == "weight-mismatch"} == said, text
