"""Layouts from a twenty-second round of second readers (department forms as other provinces print them); each failed
before the change that reads it. Every expected figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from corpus.scored import INDICATOR_HEAD, Row, book, flagged

from perfxl.pipeline import score_paths
from perfxl.rules import load_rules
from perfxl.rules.auto import auto_rules

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _assessment(score: object = 20, total: object = 98) -> list[Row]:
    """A 部门预算管理考核评分表 whose header has no 一级/二级/三级 word: 项目 | 考核内容 | 考核指标 | 指标说明 |
    评分标准 | 权数 | 考评得分. 权数 20 + 20 + 10 + 10 + 20 + 20 = 100; 考评得分 20 + 20 + 10 + 8 + 20 + 20 = 98."""
    return [
        ["部门预算管理考核评分表", "", "", "", "", "", ""],
        ["项目", "考核内容", "考核指标", "指标说明", "评分标准", "权数", "考评得分"],
        ["预算支出管理(60分)", "一般公共预算支出", "支出实际完成率", "完成数/年初预算数", "按比例计分", 20, score],
        ["", "结转结余情况", "结转结余率", "结转结余/完成数", "≤10%计满分", 20, 20],
        ["", "支出进度", "支出进度完成率", "按季度考核", "每季度未达进度扣2.5分", 10, 10],
        ["", "预算调整", "预算调剂次数", "年度内调剂次数", "每调剂1次扣1分", 10, 8],
        ["绩效管理(40分)", "绩效目标", "绩效目标编报", "按时编报", "每缺一项扣5分", 20, 20],
        ["", "绩效自评", "绩效自评质量", "完整准确", "发现一处错误扣2分", 20, 20],
        ["合计", "", "", "", "", 100, total],
    ]


ASSESSMENT_MERGES = ["A1:G1", "A3:A6", "A7:A8", "A9:E9"]


def test_an_assessment_table_named_by_its_own_words_is_read(tmp_path: Path) -> None:
    result = book(tmp_path, [(_assessment(), ASSESSMENT_MERGES)], rules="auto")
    assert result.status == "ok"
    assert result.total == pytest.approx(98)
    assert flagged(result) == {}


@pytest.mark.parametrize(
    ("score", "total", "cells"),
    [
        (22, 100, ["G3"]),  # 22 of a 权数 of 20 (the 合计 100 adds the declared scores up: the score is wrong)
        (20, 97, ["G9"]),  # 合计 97 where 20 + 20 + 10 + 8 + 20 + 20 = 98
    ],
)
def test_an_assessment_tables_wrong_score_or_total(
    tmp_path: Path, score: float, total: float, cells: list[str]
) -> None:
    result = book(tmp_path, [(_assessment(score, total), ASSESSMENT_MERGES)], rules="auto")
    assert sorted(flagged(result)) == cells


def _ceilings(actual_fires: str, actual_cost: str) -> list[Row]:
    """A 自评表 with ceilings: fires ≤1次 (an event count), 运维成本 ≤100万元 (a quantity). Scores all full."""
    return [
        ["2023年度部门整体支出绩效自评表", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "质量指标", "森林火灾发生次数", "≤1次", actual_fires, 50, 50],
        ["", "成本指标", "运维成本", "≤100万元", actual_cost, 50, 50],
        ["总分", "", "", "", "", 100, 100],
    ]


@pytest.mark.parametrize(
    ("fires", "cost", "warned"),
    [
        ("0次", "95万元", set()),  # no fire at all is the hope, not an over-loose ceiling
        ("1次", "60万元", {"E4"}),  # 60 of ≤100万元 is 60 % (≤ 80 %): the ceiling may be loose
        ("0次", "0万元", set()),  # 0 of any ceiling says nothing of how loose it was
    ],
)
def test_a_ceiling_on_events_kept_is_no_over_loose_target(
    tmp_path: Path, fires: str, cost: str, warned: set[str]
) -> None:
    result = book(tmp_path, [(_ceilings(fires, cost), ["A1:G1"])])
    over = {f.cell for f in result.flags if f.code == "over-achieved"}
    assert over == warned


def _base_data(car_rate: object = "-5.00%", key_rate: object = "78.00%") -> list[Row]:
    """A 基础数据表 of blocks on their side (title | label | label | rate, the figures on the row below), with two
    blocks the 益阳 template does not print: 重点支出安排情况 (327.6 ÷ 420 = 78.00 %) and 公务用车购置运行费情况,
    上年 6 → 本年 5.7: (5.7 − 6) ÷ 6 = −5.00 %."""
    return [
        ["部门整体支出绩效评价基础数据表", "", "", ""],
        ["财政供养人员情况", "编制人数", "实际在职人数", "控制率"],
        ["", 26, 25, "96.15%"],  # 25 ÷ 26 = 96.15 %
        ["“三公经费”变动情况", "上年预算数", "本年预算数", "变动率"],
        ["", 9, 8.55, "-5.00%"],  # (8.55 − 9) ÷ 9 = −5.00 %
        ["重点支出安排情况", "重点项目支出", "项目支出总额", "安排率"],
        ["", 327.6, 420, key_rate],
        ["“三公经费”控制情况", "三公经费预算数", "三公经费实际支出", "控制率"],
        ["", 8.55, 8.2, "95.91%"],  # 8.2 ÷ 8.55 = 95.91 %
        ["公务用车购置运行费情况", "上年度公务用车购置运行费", "本年度公务用车购置运行费", "变动率"],
        ["", 6, 5.7, car_rate],
    ]


KEY_STANDARD = "≥90%计5分;80%(含)-90%计4分;70%(含)-80%计3分;60%(含)-70%计2分;低于60%不得分"


def _score_table(key_score: object = 3) -> list[Row]:
    """岳阳's printed standard for 重点支出安排率: 78.00 % is in 70%(含)-80%, 3 points."""
    return [
        ["部门整体支出绩效评价指标评分表", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评价标准", "得分"],
        ["投入", "预算配置", "在职人员控制率", 5, "≤100%计5分，每超过1个百分点扣0.5分", 5],
        ["", "", "三公经费变动率", 5, "≤0计5分，每超过1个百分点扣0.5分", 5],
        [
            "",
            "",
            "重点支出安排率",
            5,
            "≥90%计5分;80%(含)-90%计4分;70%(含)-80%计3分;60%(含)-70%计2分;低于60%不得分",
            key_score,
        ],
        ["过程", "预算执行", "三公经费控制率", 5, "≤100%计5分，每超过1个百分点扣1分", 5],
        ["", "预算管理", "管理制度健全性", 5, "每有一项不合规扣2分", 5],
        ["合计", "", "", 25, "", 23],
    ]


@pytest.mark.parametrize(
    ("car_rate", "key_rate", "key_score", "cells"),
    [
        ("-5.00%", "78.00%", 3, []),
        ("5.00%", "78.00%", 3, ["D11"]),  # the sign of a change no rule set names: (5.7 − 6) ÷ 6 = −5.00 %
        ("-5.00%", "80.00%", 3, ["D7"]),  # 327.6 ÷ 420 = 78.00 %, not 80 %
        ("-5.00%", "78.00%", 4, ["F5"]),  # 78 % scored as the 80%(含)-90% band; the 合计 23 ≠ 24 then too
    ],
)
def test_rates_of_blocks_the_template_adds(
    tmp_path: Path, car_rate: str, key_rate: str, key_score: int, cells: list[str]
) -> None:
    total = 23 if key_score == 3 else 24
    rows = _score_table(key_score)
    rows[-1][-1] = total
    result = book(tmp_path, [(_base_data(car_rate, key_rate), []), (rows, [])], rules="auto")
    errors = {f.cell for f in result.flags if f.severity == "error" and f.cell}
    assert errors == set(cells)


def _list_layout(procurement_rate: object = "97.50%") -> list[Row]:
    """新邵/岳阳's 基础数据表 as one list (序号 | 项目 | 单位 | 上年数 | 本年数 | 变动额 | 变动率/比率) whose
    procurement and asset lines sit under a section of the template's own, 五、资产及采购情况: 39 ÷ 40 = 97.50 %,
    201.6 ÷ 210 = 96.00 %."""
    return [
        ["部门整体支出绩效评价基础数据表", "", "", "", "", "", ""],
        ["序号", "项目", "单位", "上年数", "本年数", "变动额", "变动率/比率"],
        ["一", "财政供养人员情况", "", "", "", "", ""],
        ["", "编制人数", "人", "", 18, "", ""],
        ["", "实际在职人数", "人", "", 17, "", ""],
        ["", "在职人员控制率", "%", "", "", "", "94.44%"],  # 17 ÷ 18 = 94.44 %
        ["二", "“三公经费”情况", "", "", "", "", ""],
        ["", "“三公经费”预算数", "万元", 6, 5.5, -0.5, "-8.33%"],  # (5.5 − 6) ÷ 6 = −8.33 %
        ["", "“三公经费”实际支出", "万元", "", 5.28, "", ""],
        ["", "“三公经费”控制率", "%", "", "", "", "96.00%"],  # 5.28 ÷ 5.5 = 96.00 %
        ["五", "资产及采购情况", "", "", "", "", ""],
        ["", "政府采购预算数", "万元", "", 40, "", ""],
        ["", "实际政府采购金额", "万元", "", 39, "", ""],
        ["", "政府采购执行率", "%", "", "", "", procurement_rate],
        ["", "固定资产总额", "万元", "", 210, "", ""],
        ["", "实际在用固定资产总额", "万元", "", 201.6, "", ""],
        ["", "固定资产利用率", "%", "", "", "", "96.00%"],
    ]


@pytest.mark.parametrize(("rate", "cells"), [("97.50%", set()), ("100%", {"G14"})])
def test_blocks_under_a_section_of_the_templates_own_are_read_by_their_labels(
    tmp_path: Path, rate: str, cells: set[str]
) -> None:
    result = book(tmp_path, [(_list_layout(rate), [])], rules="auto")
    assert {f.cell for f in result.flags if f.severity == "error" and f.cell} == cells
    missing = " ".join(f.message for f in result.flags if f.code == "missing-value" and f.cell is None)
    assert "政府采购执行情况" not in missing and "固定资产使用情况" not in missing
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["政府采购执行率"] == 97.5 and rates["固定资产利用率"] == 96.0


@pytest.mark.parametrize(("score", "cells"), [(0.5, set()), (2, {"F8"})])
def test_a_score_row_rated_by_a_change_line_no_block_reads(tmp_path: Path, score: float, cells: set[str]) -> None:
    # 公务用车购置运行费情况 6 → 5.7 (−5.00 %) and a 公务招待费情况 block, 4 → 4.3: (4.3 − 4) ÷ 4 = 7.50 %; the row
    # 公务招待费变动率 prints "≦0计2分;>0每超过一个百分点扣0.2分": 2 − 7.5 × 0.2 = 0.5
    base = _base_data()
    base += [
        ["公务招待费情况", "上年度公务招待费总额", "本年度公务招待费总额", "变动率"],
        ["", 4, 4.3, "7.50%"],
    ]
    rows = _score_table()
    rows[-1:-1] = [["", "", "公务招待费变动率", 2, "≦0计2分;>0每超过一个百分点扣0.2分", score]]
    rows[-1][3], rows[-1][5] = 27, 23 + score
    result = book(tmp_path, [(base, []), (rows, [])], rules="auto")
    assert {f.cell for f in result.flags if f.severity == "error" and f.cell} == cells


def test_a_standard_that_cannot_be_read_keeps_the_declared_score_under_auto(tmp_path: Path) -> None:
    # 益阳's seed with its 三公经费 overspent: 18.54 of 18 = 103 %. The row prints "严格执行…的得满分，发现违规的不得分"
    # (nothing perfxl reads as a rate's score) and declares 0: under auto the row's own rule is that text, so the 0 is
    # kept (said, info), not held to the rule set's "每超过1个百分点扣1分" (8 − 3 = 5)
    book_ = openpyxl.load_workbook(SAMPLES / "大通湖政务中心2020.xlsx")
    book_["附件4"]["C17"], book_["附件4"]["D17"] = 18.54, "103%"
    scores = book_["附件5"]
    scores["G10"], scores["I10"], scores["I20"] = "严格执行三公经费预算管理规定的得满分，发现违规的不得分", 0, 82
    path = tmp_path / "t.xlsx"
    book_.save(path)
    result = score_paths([path], auto_rules()).files[0]
    assert result.rules is not None and result.rules.name == "yiyang-2020"
    assert not [f for f in result.flags if f.cell == "I10" and f.severity != "info"]
    (note,) = [f for f in result.flags if f.cell == "G10"]
    assert note.severity == "info" and "保留填报得分" in note.message
    forced = score_paths([path], load_rules("yiyang-2020")).files[0]  # named: the rule set's rule, 8 − 3 = 5
    assert [f.computed for f in forced.flags if f.cell == "I10" and f.severity == "error"] == [5]


def _two_pages(subtotal: object = 49.79) -> list[Row]:
    """A 项目支出绩效自评表 whose indicator table runs over a page break, the header printed again right after the
    产出 group's 小计: 10 + 10 + 10 + 9.79 + 10 = 49.79; 效益 15 + 15 = 30; 满意度 10; 总分 10 + 49.79 + 30 + 10 =
    99.79 of 100 (优)."""
    head = ["", *INDICATOR_HEAD[1:]]  # printed again after the page break, without its caption
    return [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "城乡困难群众临时救助", "", "", "", "", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["", "年度资金总额", 245.6, 245.6, 245.6, 10, "100%", 10, ""],
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "发放救助人次", "≥2400人次", "2515人次", 10, 10, ""],
        ["", "", "", "覆盖乡镇数", "18个", "18个", 10, 10, ""],
        ["", "", "质量指标", "救助对象识别准确率", "≥98%", "99.2%", 10, 10, ""],
        ["", "", "时效指标", "资金发放及时率", "≥95%", "93%", 10, 9.79, "个别乡镇审批滞后"],  # 93 ÷ 95 × 10
        ["", "", "成本指标", "人均救助标准", "≤1000元", "976元", 10, 10, ""],
        ["", "", "小计", "", "", "", 50, subtotal, ""],
        head,
        ["", "效益指标", "社会效益指标", "困难群众基本生活保障率", "100%", "100%", 15, 15, ""],
        ["", "", "可持续影响指标", "动态管理覆盖率", "≥90%", "95%", 15, 15, ""],
        ["", "", "小计", "", "", "", 30, 30, ""],
        ["", "满意度指标", "服务对象满意度指标", "受助对象满意度", "≥90%", "94%", 10, 10, ""],
        ["", "总分", "", "", "", "", 100, 99.79, ""],
        ["", "自评等级", "", "", "", "", "", "优", ""],
    ]


@pytest.mark.parametrize(("subtotal", "cells"), [(49.79, set()), (49.97, {"H11"})])
def test_a_table_goes_on_over_a_page_break_after_a_subtotal(tmp_path: Path, subtotal: float, cells: set[str]) -> None:
    result = book(tmp_path, [(_two_pages(subtotal), [])])
    assert {f.cell for f in result.flags if f.severity in ("error", "warning") and f.cell} == cells
    assert result.total == pytest.approx(99.79)


@pytest.mark.parametrize(("declared", "severity"), [(4, None), (3, "warning"), (2, "error")])
def test_a_score_by_the_other_reading_of_an_unsettled_edge_is_a_warning(
    tmp_path: Path, declared: int, severity: str | None
) -> None:
    # 重点支出安排率 336 ÷ 420 = 80.00 %, on the edge "70%-80%" and "80%-90%" both write without 含: read as opening
    # the upper band (4), the lower band's reading (3) is the text's too; 2 follows neither
    base = _base_data(key_rate="80.00%")
    base[6][1] = 336
    rows = _score_table(declared)
    rows[4][4] = "≥90%计5分;80%-90%计4分;70%-80%计3分;70%以下不得分"
    rows[-1][5] = 20 + declared
    result = book(tmp_path, [(base, []), (rows, [])], rules="auto")
    said = [f.severity for f in result.flags if f.cell == "F5" and f.severity != "info"]
    assert said == ([severity] if severity else [])


def test_block_labels_over_items_and_their_total_take_the_total(tmp_path: Path) -> None:
    # 政府采购情况: 采购类别 | 政府采购预算数 | 实际政府采购金额 | 执行率 over 货物类 120/110, 服务类 80/80 and 合计
    # 200/190: the block's figures are the 合计's, 190 ÷ 200 = 95.00 % (not 货物类's 91.67 %)
    base = [
        *_base_data()[:9],
        ["政府采购情况", "", "", ""],
        ["采购类别", "政府采购预算数", "实际政府采购金额", "执行率"],
        ["货物类", 120, 110, "91.67%"],
        ["服务类", 80, 80, "100%"],
        ["合计", 200, 190, "95.00%"],
    ]
    result = book(tmp_path, [(base, [])], rules="auto")
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["政府采购执行率"] == 95.0
    assert not [f for f in result.flags if f.severity == "error" and f.cell]


@pytest.mark.parametrize(
    ("goods_rate", "score", "errors"),
    [
        ("91.67%", 5, set()),  # 110 ÷ 120 = 91.67 %; the block 190 ÷ 200 = 95.00 % ≥ 95 %: 5, as declared
        ("109.09%", 5, {"D12"}),  # 120 ÷ 110, inverted: the item's own line is wrong, nothing else
        ("91.67%", 3, {"F8"}),  # 95.00 % earns 5, not 3 (货物类's 91.67 % would give 5 − 3.33 × 0.5 = 3.33)
    ],
)
def test_block_labels_over_items_with_no_total_take_their_sum(
    tmp_path: Path, goods_rate: str, score: int, errors: set[str]
) -> None:
    # round 26: 采购类别 | 政府采购预算数 | 实际政府采购金额 | 执行率 over 货物类 120/110 and 服务类 80/80, no 合计: the
    # block's figures are the items' together, 200 and 190 (95.00 %), not 货物类's
    base = [
        *_base_data()[:9],
        ["政府采购执行情况", "", "", ""],
        ["采购类别", "政府采购预算数", "实际政府采购金额", "执行率"],
        ["货物类", 120, 110, goods_rate],
        ["服务类", 80, 80, "100%"],
    ]
    rows = [
        *_score_table()[:-1],
        ["", "", "政府采购执行率", 5, "≥95%得满分；低于95%的，每降低1个百分点扣0.5分", score],
        ["合计", "", "", 30, "", 23 + score],
    ]
    result = book(tmp_path, [(base, []), (rows, [])], rules="auto")
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["政府采购执行率"] == 95.0
    assert {f.cell for f in result.flags if f.severity == "error" and f.cell} == errors


@pytest.mark.parametrize(("subtotal", "cells"), [(38, set()), (39, {"G10"})])
def test_a_subtotal_in_a_group_column_left_of_the_levels_read(tmp_path: Path, subtotal: int, cells: set[str]) -> None:
    # 项目 | 考核内容 | 考核指标 | … | 权数 | 考评得分, 小计 written in the 项目 column under each 项目 group:
    # 过程管理's four rows 10 + 5 + 5 + 20 = 40 and 10 + 5 + 5 + 18 = 38, across two 考核内容 groups; 10 + 38 + 46 = 94
    rows: list[Row] = [
        ["2023年度部门预算管理考核评分表", "", "", "", "", "", ""],
        ["项目", "考核内容", "考核指标", "指标说明", "评分标准", "权数", "考评得分"],
        ["投入管理", "预算配置", "在职人员控制率", "在职/编制", "≤100%得满分", 5, 5],
        ["", "", "三公经费变动率", "(本年-上年)/上年", "≤0得满分", 5, 5],
        ["小计", "", "", "", "", 10, 10],
        ["过程管理", "预算执行", "预算执行率", "决算/预算", "≥95%得满分", 10, 10],
        ["", "", "政府采购执行率", "实际/预算", "≥90%得满分", 5, 5],
        ["", "资产管理", "固定资产利用率", "在用/总额", "≥90%得满分", 5, 5],
        ["", "预算管理", "管理制度健全性", "制度健全", "每项扣2分", 20, 18],
        ["小计", "", "", "", "", 40, subtotal],
        ["产出效果", "职责履行", "年度工作目标完成情况", "考核结果", "按考核结果评定", 50, 46],
        ["小计", "", "", "", "", 50, 46],
        ["合计", "", "", "", "", 100, 94],
    ]
    result = book(tmp_path, [(rows, [])], rules="auto")
    assert {f.cell for f in result.flags if f.code == "sum-mismatch"} == cells


def test_a_groups_subtotal_among_the_items_is_not_the_blocks_total(tmp_path: Path) -> None:
    # 项目支出安排情况 over two classes, each with a 小计 after its lines, and a 合计 last: the block's figures are the
    # 合计's, 400 and 382 (95.50 %), not the first 小计's 200 and 192
    base = [
        *_base_data()[:9],
        ["项目支出安排情况", "", "", "", ""],
        ["项目类别", "项目名称", "项目支出预算总额", "实际项目支出总额", "执行率"],
        ["行政类", "执法办案经费", 120, 114, "95.00%"],
        ["", "信息化运维", 80, 78, "97.50%"],
        ["", "小计", 200, 192, "96.00%"],
        ["业务类", "普法宣传", 150, 140, "93.33%"],
        ["", "档案整理", 50, 50, "100%"],
        ["", "小计", 200, 190, "95.00%"],
        ["合计", "", 400, 382, "95.50%"],
    ]
    result = book(tmp_path, [(base, [])], rules="auto")
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["项目支出执行率"] == 95.5
    assert not [f for f in result.flags if f.severity == "error" and f.cell]


@pytest.mark.parametrize(("score", "cells"), [(9.6, set()), (10, {"F5"})])
def test_a_names_column_beside_level_words_holds_the_indicators(tmp_path: Path, score: float, cells: set[str]) -> None:
    # 一级指标 | 二级指标 | 评价指标 | 分值 | 评分标准 | 自评得分: 评价指标 names the rows (益阳 rule set's 附件5);
    # 预算执行率 = 960 ÷ 1000 = 96 % scored "按预算执行率×分值计分": 10 × 96 % = 9.6
    base = [
        *_base_data()[:5],
        ["预算完成情况", "预算总额", "决算总额", "执行率"],
        ["", 1000, 960, "96.00%"],
    ]
    rows: list[Row] = [
        ["部门整体支出绩效评价指标评分表", "", "", "", "", ""],
        ["一级指标", "二级指标", "评价指标", "分值", "评分标准", "自评得分"],
        ["投入", "预算配置", "在职人员控制率", 5, "≤100%计5分，每超过1个百分点扣0.5分", 5],
        ["", "", "三公经费变动率", 5, "≤0计5分，每超过1个百分点扣0.5分", 5],
        ["过程", "预算执行", "预算执行率", 10, "按预算执行率×分值计分", score],
        ["", "预算管理", "管理制度健全性", 5, "每有一项不合规扣2分", 5],
        ["", "", "资金使用合规性", 5, "每有一项不合规扣1分", 5],
        ["", "", "预决算信息公开性", 5, "未按规定公开扣2.5分", 5],
        ["合计", "", "", 35, "", 25 + score],
    ]
    result = book(tmp_path, [(base, []), (rows, [])], rules="auto")
    assert {f.cell for f in result.flags if f.severity == "error" and f.cell} == cells


def test_block_labels_over_lines_of_years_are_no_items_to_add(tmp_path: Path) -> None:
    # 政府采购 over 2022年 and 2023年 lines: the same figure at two times, never 120 + 200; the first line is taken
    # as before (120 ÷ 110 is not its rate: 110 ÷ 120 = 91.67 %)
    base = [
        *_base_data()[:9],
        ["政府采购执行情况", "", "", ""],
        ["年度", "政府采购预算数", "实际政府采购金额", "执行率"],
        ["2022年", 120, 110, "91.67%"],
        ["2023年", 200, 190, "95.00%"],
    ]
    result = book(tmp_path, [(base, [])], rules="auto")
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["政府采购执行率"] != round(300 / 320 * 100, 2)


def test_none_happened_against_a_target_of_none_is_the_target_met(tmp_path: Path) -> None:
    # round 31: 群众投诉事件 "0起", 实际完成值 "未发生": 0 events, full marks, no "not a number" warning
    rows: list[Row] = [
        ["2023年度部门整体支出绩效自评表", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["效益指标", "社会效益指标", "群众投诉事件", "0起", "未发生", 50, 50],
        ["", "", "办结事项", "≥100件", "120件", 50, 50],
        ["总分", "", "", "", "", 100, 100],
    ]
    result = book(tmp_path, [(rows, [])], rules="auto")
    assert not [f for f in result.flags if f.cell == "E3" and f.severity != "info"]
