"""Layouts from an eighteenth round of second readers (each failed before the change that reads it). Every expected
figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import INDICATOR_HEAD, Row, book, flagged

INDICATORS: list[Row] = [  # 90 points, all earned
    ["", "产出指标", "数量指标", "办理行政许可事项数", "≥1200件", "1265件", 40, 40, ""],
    ["", "效益指标", "社会效益指标", "许可办结合格率", "100%", "100%", 40, 40, ""],
    ["", "满意度指标", "服务对象满意度指标", "办事群众满意度", "≥95%", "97%", 10, 10, ""],
]


def test_a_caption_before_the_use_rows_in_their_own_cell(tmp_path: Path) -> None:
    """The national department form's "按支出性质分：基本支出" is the first of the use rows, not a fifth source: the
    sources add up to the total, the uses are held to it as a set of their own."""
    rows: list[Row] = [
        ["部门整体支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["部门（单位）名称", "某县政务服务和大数据管理局", "", "", "", "", "", "", ""],
        ["部门预算资金（万元）", "", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分", ""],
        # sources: 880.1 + 0 + 28.2 + 40.7 = 949; 949 ÷ 980 = 96.84 %, 10 × 96.84 % = 9.68
        ["", "年度资金总额", 900, 980, 949, 10, "96.84%", 9.68, ""],
        ["", "其中：一般公共预算", 820, 905, 880.1, "", "", "", ""],  # 820 + 0 + 30 + 50 = 900; 905 + 0 + 30 + 45 = 980
        ["", "政府性基金预算", 0, 0, 0, "", "", "", ""],
        ["", "财政专户管理资金", 30, 30, 28.2, "", "", "", ""],
        ["", "单位资金", 50, 45, 40.7, "", "", "", ""],
        # uses: 560 + 340 = 900 and 585 + 395 = 980 are right; 582.2 + 386.8 = 969, not 949
        ["", "按支出性质分：基本支出", 560, 585, 582.2, "", "", "", ""],
        ["", "项目支出", 340, 395, 386.8, "", "", "", ""],
        INDICATOR_HEAD,
        *INDICATORS,
        ["总分", "", "", "", "", "", 100, 99.68, ""],  # 9.68 + 90
    ]
    result = book(tmp_path, [(rows, ["A1:I1", "B2:I2", "A3:A10", "A11:A14"])])
    assert result.status == "ok"
    assert list(flagged(result)) == ["E4"], flagged(result)
    (message,) = flagged(result)["E4"]
    assert "按支出性质分的分项之和为 582.2 + 386.8 = 969" in message


def test_a_blank_copy_of_a_score_table_is_said_once_not_scored(tmp_path: Path) -> None:
    """A second sheet holding the same table with no 得分, no 实际完成值 and no amounts is a blank copy: one note, no
    error per blank cell; the filled one is scored as ever (a table of weights alone, with no 得分 column, is still
    read: it has nothing to fill in)."""
    head: Row = ["项目支出绩效自评表", "", "", "", "", "", "", "", ""]
    filled: list[Row] = [head, INDICATOR_HEAD, *INDICATORS, ["合计", "", "", "", "", "", 90, 90, ""]]
    blank: list[Row] = [
        head,
        INDICATOR_HEAD,
        *[[*row[:5], "", row[6], "", ""] for row in INDICATORS],
        ["合计", "", "", "", "", "", 90, "", ""],
    ]
    result = book(tmp_path, [(filled, ["A1:I1", "A3:A5"]), (blank, ["A1:I1", "A3:A5"])])
    assert result.status == "ok"
    assert flagged(result) == {}
    assert [i["sheet"] for i in result.forms if "sheet" in i] == ["自评表1"]
    assert any("自评表2" in note and "未填写" in note for note in result.notes), result.notes


def test_a_place_in_a_ranking_is_a_target_to_stay_within(tmp_path: Path) -> None:
    """ "全省前10" is 10th or better: 8th earns the row's points with no word of an over-loose target; 12th is
    scored as a target missed downwards, 10 × 10 ÷ 12 = 8.33."""
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "清扫保洁面积", "≥120万平方米", "126万平方米", 30, 30, ""],
        ["", "效益指标", "社会效益指标", "市容环境卫生考核排名", "全省前10", "全省第8", 10, 10, ""],
        ["", "效益指标", "社会效益指标", "城市管理综合考评排名", "全省前10", "全省第12", 10, 10, ""],
        ["", "满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "93%", 40, 40, ""],
        ["合计", "", "", "", "", "", 90, 90, ""],
    ]
    result = book(tmp_path, [(rows, ["A1:I1", "A3:A6"])])
    assert list(flagged(result)) == ["H5"], flagged(result)
    assert "8.33" in flagged(result)["H5"][0]
