"""Layouts from a twenty-seventh round of second readers (附件4 as other units lay it out); each failed before the
change that reads it. Every expected figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import Row, book


def _base_data(subtotal_this: object = 18, rate: object = "-10.00%") -> list[Row]:
    """益阳's blocks (title | labels across, the figures below), but “三公经费”变动情况 printed as a small table of
    items under 项目 | 上年数 | 本年数 with their 小计 and the 变动率 under it: 0 + 5.6 + 14.4 = 20 and
    0 + 4.8 + 13.2 = 18, (18 − 20) ÷ 20 = −10.00 %. Below it, blocks whose labels sit in the table's year columns."""
    return [
        ["附件4  部门整体支出绩效评价基础数据表", "", "", ""],
        ["财政供养人员情况", "编制人数", "实际在职人数", "变动数"],
        ["", 28, 26, 2],
        ["“三公经费”变动情况", "项目", "上年数", "本年数"],
        ["", "因公出国（境）费", 0, 0],
        ["", "公务接待费", 5.6, 4.8],
        ["", "公务用车购置及运行维护费", 14.4, 13.2],
        ["", "小计", 20, subtotal_this],
        ["", "变动率", "—", rate],
        ["", "", "", ""],
        ["项目支出安排情况", "项目支出预算总额", "实际项目支出总额", "执行率"],
        ["", 420, 403.2, "96.00%"],  # 403.2 ÷ 420 = 96.00 %
        ["预算调整情况", "年初预算数", "年中预算调整", "调整率"],
        ["", 1150, 80, "6.96%"],  # 80 ÷ 1150 = 6.96 %
        ["政府采购执行情况", "政府采购预算数", "实际政府采购金额", "执行率"],
        ["", 200, 190, "95.00%"],  # 190 ÷ 200 = 95.00 %
    ]


def test_a_year_table_heads_no_block_below_its_own(tmp_path: Path) -> None:
    # the 上年数 | 本年数 columns of the 三公 table are not the columns of the blocks below it: their labels
    # (实际项目支出总额 | 执行率, 年中预算调整 | 调整率 …) are labels, not this year's figures
    result = book(tmp_path, [(_base_data(), [])], rules="yiyang-2020")
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["项目支出执行率"] == 96.0
    assert rates["预算调整率"] == pytest.approx(6.96)
    assert rates["政府采购执行率"] == 95.0
    # the block's inputs are its table's 小计: (18 − 20) ÷ 20
    assert rates["三公经费变动率"] == -10.0
    assert not [f for f in result.flags if f.severity != "info" and f.cell]
    assert not [f for f in result.flags if "三公经费变动情况" in f.message]


def test_a_year_tables_subtotal_is_held_to_its_items(tmp_path: Path) -> None:
    # 小计 本年数 printed 19 where 0 + 4.8 + 13.2 = 18; its 变动率 (19 − 20) ÷ 20 = −5.00 % agrees with the 小计 printed
    result = book(tmp_path, [(_base_data(subtotal_this=19, rate="-5.00%"), [])], rules="yiyang-2020")
    assert {f.cell for f in result.flags if f.severity == "error" and f.cell} == {"D8"}
    said = next(f.message for f in result.flags if f.cell == "D8")
    assert "19" in said and "18" in said


def _tasks(rate: str = "95.26%", total_actual: float = 674.5) -> list[Row]:
    """A 部门整体支出绩效自评表 as 云南 units print it: its 重点工作任务 listed under 任务名称 | 项目名称 | 主要内容 |
    批复金额（万元） | 实际支出金额（万元） | 预算执行率: 86.5 + 412.8 + 156 + 32 = 687.3 and
    84.2 + 412.8 + 148.6 + 28.9 = 674.5, 674.5 ÷ 687.3 = 98.14 %; 退耕还林 148.6 ÷ 156 = 95.26 %."""
    return [
        ["2023年度部门整体支出绩效自评表", "", "", "", "", "", ""],
        ["部门名称", "某县林业和草原局", "", "", "", "", ""],
        ["二、部门年度重点工作任务", "", "", "", "", "", ""],
        ["任务名称", "项目名称", "主要内容", "批复金额（万元）", "实际支出金额（万元）", "预算执行率", "未完成原因"],
        ["森林草原防灭火", "防灭火专项经费", "巡护", 86.5, 84.2, "97.34%", "—"],
        ["生态公益林保护", "公益林补偿资金", "兑付", 412.8, 412.8, "100.00%", "—"],
        ["退耕还林", "退耕还林补助资金", "兑现", 156, 148.6, rate, "延至次年兑付"],
        ["林业有害生物防治", "有害生物防治经费", "防治", 32, 28.9, "90.31%", "流标"],
        ["合计", "", "", 687.3, total_actual, "98.14%", ""],
    ]


@pytest.mark.parametrize(
    ("rate", "total_actual", "errors"),
    [("95.26%", 674.5, set()), ("104.98%", 674.5, {"F7"}), ("95.26%", 684.5, {"E9"})],
)
def test_a_task_list_under_approved_and_spent_amounts(
    tmp_path: Path, rate: str, total_actual: float, errors: set[str]
) -> None:
    # 104.98 % is 156 ÷ 148.6, inverted; 684.5 is not 674.5. (The 合计's rate, 684.5 ÷ 687.3 = 99.59 %, is not judged
    # again where its amounts are wrong.)
    result = book(tmp_path, [(_tasks(rate, total_actual), [])], rules="auto")
    assert {f.cell for f in result.flags if f.severity == "error" and f.cell} == errors


def _department(project_annual: float) -> list[Row]:
    """Round 30's national 部门整体支出绩效自评表 funds rows: 年度资金总额 2150 split by source (1980 + 170) and by use
    (1260 + 890); 项目支出 762.75 ÷ 890 = 85.70 %, 基本支出 1251.8 ÷ 1260 = 99.35 %, the total 2014.55 ÷ 2150 =
    93.70 % → 10 × 93.70 % = 9.37."""
    return [
        ["部门整体支出绩效自评表", "", "", "", "", "", "", ""],
        ["部门名称", "某县民政局", "", "", "", "", "", ""],
        ["年度预算申请", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 2000, 2150, 2014.55, 10, "93.70%", 9.37],
        ["", "按收入性质分：", "", "", "", "", "", ""],
        ["", "其中：财政拨款", 1850, 1980, 1862.35, "", "94.06%", ""],
        ["", "其他资金", 150, 170, 152.2, "", "89.53%", ""],
        ["", "按支出性质分：", "", "", "", "", "", ""],
        ["", "其中：基本支出", 1200, 1260, 1251.8, "", "99.35%", ""],
        ["", "项目支出", 800, project_annual, 762.75, "", "85.70%", ""],
    ]


@pytest.mark.parametrize(("project_annual", "errors"), [(890, set()), (980, {"D10"})])
def test_the_part_whose_amount_is_the_slip_is_said_there_once(
    tmp_path: Path, project_annual: float, errors: set[str]
) -> None:
    # 980 for 890 (digits swapped): 1260 + 980 ≠ 2150, and the row's own 85.70 % is 762.75 ÷ 890 — the amount is the
    # slip, said at D10 only: not at the total's 2150 nor at the (right) rate G10
    result = book(tmp_path, [(_department(project_annual), [])])
    assert {f.cell for f in result.flags if f.severity == "error" and f.cell} == errors
    if errors:
        said = next(f.message for f in result.flags if f.cell == "D10")
        assert "应为 890" in said


def test_a_project_name_printed_over_a_second_form_stacked_below_is_that_forms(tmp_path: Path) -> None:
    # round 30: a 部门整体支出绩效自评表 and, below it on the same sheet, a 项目支出绩效自评表 with its 项目名称: the
    # department form is not named after the project
    department = _department(890)
    department += [
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["", "产出指标", "数量指标", "救助人数", "≥1000人", "1020人", 90, 90],
        ["", "总分", "", "", "", "", 100, 99.37],
        ["", "", "", "", "", "", "", ""],
    ]
    project: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", ""],
        ["项目名称", "城乡最低生活保障资金", "", "", "", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 2000, 2000, 1960, 10, "98.00%", 9.8],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["", "产出指标", "数量指标", "保障人数", "≥5000人", "5100人", 90, 90],
        ["", "总分", "", "", "", "", 100, 99.8],
    ]
    result = book(tmp_path, [(department + project, [])])
    assert [inst.name for inst in result.instances] == ["部门整体支出绩效自评表", "城乡最低生活保障资金"]


@pytest.mark.parametrize(("score", "errors"), [(8, set()), (2.7, {"F5"})])
def test_a_block_titled_down_the_side_of_its_items_under_a_shared_header(
    tmp_path: Path, score: float, errors: set[str]
) -> None:
    # round 27: 栏目 | 项目 | 预算数 | 实际支出 | 控制率, "“三公经费”控制情况" merged down over its three items, no
    # 合计: the block's figures are 0 + 4.8 + 13.2 = 18 and 0 + 3.2 + 13.9 = 17.1, 17.1 ÷ 18 = 95 % ≤ 100 % → 8 (2.7 is
    # 8 − 5.3, the 公务用车 line's 105.30 % alone)
    base: list[Row] = [
        ["附件4  部门整体支出绩效评价基础数据表", "", "", "", ""],
        ["财政供养人员情况", "编制人数", "实际在职人数", "变动数", ""],
        ["", 20, 19, 1, ""],
        ["“三公经费”变动情况", "上年预算数", "本年预算数", "变动率", ""],
        ["", 20, 18, "-10.00%", ""],
        ["栏目", "项目", "预算数", "实际支出", "控制率"],
        ["“三公经费”控制情况", "因公出国（境）费", 0, 0, "—"],
        ["", "公务接待费", 4.8, 3.2, "66.67%"],
        ["", "公务用车购置及运行维护费", 13.2, 13.9, "105.30%"],
    ]
    rows: list[Row] = [
        ["附件5  部门整体支出绩效自评指标计分表", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评价标准", "得分"],
        ["投入", "预算配置", "在职人员控制率", 7, "≤100%计7分，每超过1个百分点扣0.2分", 7],
        ["", "", "三公经费变动率", 8, "≤0计8分，每超过1个百分点扣0.8分", 8],
        ["过程", "预算管理", "三公经费控制率", 8, "以100%为标准。≦100%,计8分;每超过一个百分点扣1分", score],
        ["", "", "管理制度健全性", 8, "依据检查要点评定", 8],
        ["", "", "资金使用合规性", 5, "依据检查要点评定", 5],
        ["", "", "预决算信息公开性", 2, "依据公开情况评定", 2],
        ["合计", "", "", 38, "", 30 + score],
    ]
    result = book(tmp_path, [(base, ["A7:A9"]), (rows, [])], rules="yiyang-2020")
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["三公经费控制率"] == 95.0
    assert {f.cell for f in result.flags if f.severity == "error" and f.cell and f.sheet == "自评表2"} == errors


def test_block_lines_of_years_take_this_years_line(tmp_path: Path) -> None:
    # round 31: “三公经费”控制情况 over 2022年 20 | 24 | 120.00% and 2023年 18 | 16.2 | 90.00%: the block's figures are
    # this year's, 16.2 ÷ 18 = 90 %, not the first line's 120 % nor the two years summed (40.2 ÷ 38)
    base: list[Row] = [
        ["附件4  2023年度部门整体支出绩效评价基础数据表", "", "", ""],
        ["财政供养人员情况", "编制人数", "实际在职人数", "变动数"],
        ["", 20, 19, 1],
        ["“三公经费”控制情况", "", "", ""],
        ["年度", "预算数", "实际支出", "控制率"],
        ["2022年", 20, 24, "120.00%"],
        ["2023年", 18, 16.2, "90.00%"],
    ]
    result = book(tmp_path, [(base, [])], rules="yiyang-2020")
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["三公经费控制率"] == 90.0
    assert not [f for f in result.flags if f.severity == "error" and f.cell]


@pytest.mark.parametrize(("subtotal", "errors"), [(18, set()), (19, {"D10"})])
def test_qizhong_lines_are_parts_of_the_item_above_not_items_to_add(
    tmp_path: Path, subtotal: float, errors: set[str]
) -> None:
    # round 31: 公务用车购置及运行维护费 14.4 / 13.2, then 其中：公务用车购置费 6 / 5 and 公务用车运行维护费 8.4 / 8.2
    # (its parts): the 小计 is 0 + 5.6 + 14.4 = 20 and 0 + 4.8 + 13.2 = 18, not 34.4 and 31.2
    base = _qizhong_items(purchase=5, subtotal=subtotal)
    result = book(tmp_path, [(base, [])], rules="yiyang-2020")
    assert {f.cell for f in result.flags if f.code == "sum-mismatch"} == errors


# 金额单位：万元, 政府采购预算数 1856000 (185.6 万元 typed in 元) beside 实际政府采购金额 178.25 and a printed 96.04 %
_YUAN_SLIP: list[Row] = [
    ["附件4  部门整体支出绩效评价基础数据表", "", "", "金额单位：万元"],
    ["财政供养人员情况", "编制人数", "实际在职人数", "变动数"],
    ["", 20, 19, 1],
    ["政府采购执行情况", "政府采购预算数", "实际政府采购金额", "执行率"],
    ["", 1856000, 178.25, "96.04%"],
]


def test_an_amount_typed_in_yuan_on_a_form_in_wan_is_the_slip_not_the_rate(tmp_path: Path) -> None:
    # round 32: 金额单位：万元, 政府采购预算数 1856000 (185.6 万元 typed in 元) beside 实际政府采购金额 178.25 and a
    # printed 96.04 %: 178.25 ÷ 185.6 = 96.04 % — the amount is flagged, not the rate the person worked out right
    base = _YUAN_SLIP
    result = book(tmp_path, [(base, [])], rules="yiyang-2020")
    errors = {f.cell: f for f in result.flags if f.severity == "error" and f.cell}
    assert set(errors) == {"B5"}
    assert errors["B5"].code == "bad-value" and "185.6 万元" in errors["B5"].message


def test_an_amount_typed_in_yuan_is_taken_in_wan_for_the_scores_worked_from_it(tmp_path: Path) -> None:
    # round 43: the same slip under a 附件5 row that scores the rate by its printed standard. Taken in 万元, 178.25 ÷
    # 185.6 = 96.04 % → 6 − (100 − 96.04) × 0.2 = 5.21, the 5.21 declared; as typed it was 0.0096 % → 0, and the
    # right score was flagged. The amount is said once, at B5; the total 7 + 5.21 + 8 + 5 + 2 = 27.21.
    base = _YUAN_SLIP
    table: list[Row] = [
        ["部门整体支出绩效自评指标计分表", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评价标准", "得分"],
        ["投入", "预算配置", "在职人员控制率", 7, "≤100%计满分，每超过1个百分点扣0.2分，扣完为止", 7],
        ["过程", "预算管理", "政府采购执行率", 6, "100%计满分，每低于1个百分点扣0.2分，扣完为止", 5.21],
        ["", "", "管理制度健全性", 8, "依据检查要点评定", 8],
        ["", "", "资金使用合规性", 5, "依据检查要点评定", 5],
        ["", "", "预决算信息公开性", 2, "依据公开情况评定", 2],
        ["合计", "", "", 28, "", 27.21],
    ]
    result = book(tmp_path, [(base, []), (table, [])], rules="yiyang-2020")
    assert {(f.sheet, f.cell) for f in result.flags if f.severity == "error" and f.cell} == {("自评表1", "B5")}
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["政府采购执行率"] == 96.04
    assert result.total == 27.21


def test_items_whose_names_begin_with_the_year_are_items(tmp_path: Path) -> None:
    # round 33: 项目 | 预算数 | 实际支出 | 控制率 over 2023年公务用车运行维护费 14 | 11.8 and 2023年公务接待费 4 | 4.4,
    # no 合计: items, not year lines — (11.8 + 4.4) ÷ (14 + 4) = 90 %, not the last line's 110 %
    base: list[Row] = [
        *STAFF,
        ["“三公经费”控制情况", "", "", ""],
        ["项目", "预算数", "实际支出", "控制率"],
        ["2023年公务用车运行维护费", 14, 11.8, "84.29%"],
        ["2023年公务接待费", 4, 4.4, "110.00%"],
    ]
    result = book(tmp_path, [(base, [])], rules="yiyang-2020")
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["三公经费控制率"] == 90.0


def test_a_qizhong_part_larger_than_its_item_is_the_slip(tmp_path: Path) -> None:
    # round 33: 公务用车购置及运行维护费 本年 13.2, 其中：公务用车购置费 15 — a part larger than its whole (5 was meant:
    # 13.2 − 8.2); the 小计 0 + 4.8 + 13.2 = 18 is right and not flagged
    base = _qizhong_items(purchase=15, subtotal=18)
    result = book(tmp_path, [(base, [])], rules="yiyang-2020")
    assert {f.cell for f in result.flags if f.severity == "error" and f.cell} == {"D8"}


# a 附件4's title and its first block, as the round-31 to round-33 tables print them
STAFF: list[Row] = [
    ["附件4  部门整体支出绩效评价基础数据表", "", "", ""],
    ["财政供养人员情况", "编制人数", "实际在职人数", "变动数"],
    ["", 20, 19, 1],
]


def _qizhong_items(purchase: float, subtotal: float) -> list[Row]:
    """“三公经费”变动情况 as a 项目 | 上年数 | 本年数 table whose 公务用车购置及运行维护费 (14.4 / 13.2) is broken
    down in two lines, 其中：公务用车购置费 6 / ``purchase`` and 公务用车运行维护费 8.4 / 8.2; its 小计 20 /
    ``subtotal``."""
    return [
        *STAFF,
        ["“三公经费”变动情况", "项目", "上年数", "本年数"],
        ["", "因公出国（境）费", 0, 0],
        ["", "公务接待费", 5.6, 4.8],
        ["", "公务用车购置及运行维护费", 14.4, 13.2],
        ["", "其中：公务用车购置费", 6, purchase],
        ["", "公务用车运行维护费", 8.4, 8.2],
        ["", "小计", 20, subtotal],
    ]
