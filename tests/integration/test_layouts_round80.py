"""The eighteenth session's readings, each from a case a second reader left or found (rounds 79–): every figure is
worked by hand; the rows are this test's own, laid out as the forms the second readers transcribed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pytest
from corpus.build import build
from corpus.scored import Row, justice_form
from corpus.scored import book as _book
from corpus.transcript import REAL

from perfxl.compute.note_classes import class_standards
from perfxl.compute.rule_score import rule_score
from perfxl.locate.defined_lines import worked_in_text
from perfxl.locate.located import Hit
from perfxl.locate.stated_text import stated_rate
from perfxl.pipeline import score_paths
from perfxl.rules.auto import resolve_rules
from perfxl.rules.standards import parse_standard

# 湖北's 部门整体 table (round 79): its 预算执行率 row prints no 实际值; the unit's working in 指标说明 states the rate
# with its columns' letters between the name and the figure
_HUBEI_HEAD: Row = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明", "得分"]
_HUBEI_NOTE = "预算数(A)为调整后财政资金总额1000.00万元(包括上年结余结转),执行数(B)995.00万元,执行率(B/A)99.50%。"


def _hubei(declared: float) -> list[Row]:
    return [
        ["区市场监督管理局2020年度部门整体支出绩效评价表"],
        _HUBEI_HEAD,
        ["预算执行", 20, "预算执行", 20, "预算执行率", 20, "得分=20分*执行率", _HUBEI_NOTE, declared],
        ["产出", 50, "产出数量", 50, "年度任务完成数量", 50, "依据年度工作任务完成数量评分。", "", 48],
        ["效益", 30, "社会效益", 30, "社会效益", 30, "依据部门履职对社会发展的影响评分。", "", 27],
        ["合计", "", "", "", "", 100, "", "", round(declared + 75, 2)],
    ]


@pytest.mark.parametrize(("declared", "said"), [(19.9, []), (20, [("I3", 19.9)])])
def test_a_rate_in_the_units_working_with_its_columns_letters(
    tmp_path: Path, declared: float, said: list[tuple[str, float]]
) -> None:
    # 995 ÷ 1000 = 99.50 %, 20 × 99.5 % = 19.9 (before: the 指标说明 unread on a 自评表, 20 kept unverified)
    result = _book(tmp_path, [(_hubei(declared), ["A1:I1"])], rules="auto", names=["评价表"])
    errors = [(f.cell, f.computed) for f in result.flags if f.code.value == "score-mismatch" and f.severity == "error"]
    assert errors == said


def test_letters_between_a_rate_and_its_figure() -> None:
    assert stated_rate(_HUBEI_NOTE, "预算执行率") == ("执行率", 99.5)
    assert stated_rate("执行率(%)为99.5%", "预算执行率") is None  # not a formula's letters: left unread, as before


# a 考核表 out of 60 (round 79: "一般公共预算支出管理(60分)考核表", wanglu 2019): its one 一级 group prints 60 and so
# does its 合计, over rows of 20 + 20 + 20
def _out_of_60(total: float, title: str) -> list[Row]:
    return [
        [title],
        _HUBEI_HEAD,
        ["一般公共预算支出管理", 60, "支出执行", 20, "一般公共预算支出实际完成率", 20, "依据支出进度评分。", "", 19],
        ["", "", "结转结余", 20, "结转结余率", 20, "依据结转结余情况评分。", "", 18],
        ["", "", "支出结构", 20, "民生支出保障", 20, "依据民生支出保障情况评分。", "", 18],
        ["合计", "", "", "", "", total, "", "", 55],
    ]


_TITLED = "一般公共预算支出管理(60分)考核表"


@pytest.mark.parametrize(
    ("total", "title", "said"),
    [
        (60, _TITLED, []),  # Σ 60 as the title says (before: "各指标分值之和为 60，应为 90")
        (60, "一般公共预算支出管理考核表", [("F6", "weight-mismatch")]),  # no title saying so: held to the 90
        (90, _TITLED, [("F6", "sum-mismatch")]),  # its 合计 90 is not its rows' 60
    ],
)
def test_a_form_out_of_its_own_total(tmp_path: Path, total: float, title: str, said: list[tuple[str, str]]) -> None:
    merged = ["A1:I1", "A3:A5", "B3:B5", "A6:E6"]
    result = _book(tmp_path, [(_out_of_60(total, title), merged)], rules="auto", names=["考核表"])
    assert [(f.cell, f.code.value) for f in result.flags if f.severity != "info"] == said


# 岳阳's 评分表 layout (round 81): 经济/社会/生态效益 under 履职效益 share one 分值 merged over their rows, and one 得分
def _merged_weight() -> list[Row]:
    return [
        ["部门整体支出绩效评分表"],
        _HUBEI_HEAD,
        ["效益", 30, "履职效益", 30, "经济效益", 30, "依据部门履职带来的经济效益评分。", "", 28],
        ["", "", "", "", "社会效益", "", "依据部门履职带来的社会效益评分。", "", ""],
        ["", "", "", "", "生态效益", "", "依据部门履职带来的生态效益评分。", "", ""],
        ["产出", 70, "产出数量", 70, "年度任务完成数量", 70, "依据年度工作任务完成数量评分。", "", 65],
        ["合计", "", "", "", "", 100, "", "", 93],
    ]


def test_a_weight_merged_over_a_groups_rows_counts_once_in_the_group(tmp_path: Path) -> None:
    # 履职效益 prints 30 over one 分值 of 30 merged over its three rows: 30 = 30 (before: 30 + 30 + 30 = 90 said, and
    # 效益 30 against 90 too); 28 + 65 = 93
    merged = ["A1:I1", "A3:A5", "B3:B5", "C3:C5", "D3:D5", "F3:F5", "I3:I5", "A7:E7"]
    result = _book(tmp_path, [(_merged_weight(), merged)], rules="auto", names=["评分表"])
    assert [(f.cell, f.code.value) for f in result.flags if f.severity != "info"] == []


# 寿县's 部门整体支出绩效评价自评表 (round 81, https://www.shouxian.gov.cn/public/118322758/1259995520.html; figures the
# second reader's): its total written above the table, no 合计 row, and who signs it right under the last indicator
_SHOUXIAN: list[Row] = [
    ["2024年度部门整体支出绩效评价自评表", "", "", "", "", "", "", ""],
    ["单位", "某县林业局(盖章)", "", "", "", "", "自评得分：93.5分", ""],
    ["序号", "一级 指标", "二级 指标", "三级 指标", "指标分值", "指标解释", "指标说明及评分标准", "自评得分"],
    [1, "规划 (15分)", "基础信息 (3分)", "基础信息 完整性", 3, "", "基础数据信息是否真实、完整、准确(各1分)。", 3],
    [2, "", "工作计划 (6分)", "年度工作 计划完整性", 3, "", "年度工作计划是否完整可行(3分)", 3],
    [3, "", "", "年度工作 计划明确性", 3, "", "年度工作计划是否明确可操作(3分)", 2.5],
    [4, "", "绩效目标 (6分)", "年度绩效 目标合理性", 4, "", "设置年度绩效目标，依据充分，合理(4分)", 4],
    [5, "", "", "年度绩效 目标明确性", 2, "", "绩效目标明确,且细化、量化(2分);", 2],
    [6, "执行 (35分)", "预算执行 (18分)", "预算执行率", 5, "", "预算执行率≥95%得5分;90%(含)-95%得4分。", 4],
    [7, "", "", "结转结余率", 4, "", "结转结余率≤5%得4分;5%-10%(含)得2分;10%以上不得分。", 4],
    [8, "", "", "“三公”经费 控制率", 4, "", "“三公”经费控制率≤100%得4分;超过100%不得分。", 4],
    [9, "", "", "政府采购 执行率", 5, "", "政府采购执行率=100%得5分;每降低1个百分点扣0.5分,扣完为止。", 4.5],
    [10, "", "预算管理 (10分)", "管理制度 健全性", 5, "", "管理制度健全(2分)、合规(2分)、有效执行(1分)。", 5],
    [11, "", "", "资金使用 合规性", 5, "", "每出现一例不符合要求的扣1分,扣完为止。", 4.5],
    [12, "", "资产管理 (7分)", "资产管理 安全性", 4, "", "资产保存完整、配置合理、账实相符、收入上缴(各1分)。", 4],
    [13, "", "", "固定资产 利用率", 3, "", "固定资产利用率≥90%得3分;每低1个百分点扣0.3分,扣完为止。", 3],
    [14, "效果 (50分)", "履职效能 (30分)", "重点工作 完成率", 15, "", "完成率=100%得15分;每低1个百分点扣1分。", 14],
    [15, "", "", "目标任务 完成率", 15, "", "完成率=100%得15分;每低1个百分点扣1分。", 14.5],
    [16, "", "社会效益 (10分)", "社会效益", 10, "", "效益明显得10分;效益较明显得8分;效益一般得5分。", 8.5],
    [17, "", "满意度 (10分)", "服务对象 满意度", 10, "", "满意度≥90%得10分;80%(含)-90%得8分;80%以下不得分。", 9],
    ["填表人：", "", "", "财务负责人：", "", "单位负责人：", "", ""],
]


def test_who_signs_the_form_is_no_indicator(tmp_path: Path) -> None:
    # Σ 自评得分 = 3 + 3 + 2.5 + 4 + 2 + 4 + 4 + 4 + 4.5 + 5 + 4.5 + 4 + 3 + 14 + 14.5 + 8.5 + 9 = 93.5, as written
    # above the table (before: "财务负责人：未填写得分", an error on the line of who signs it)
    merged = ["A1:H1", "B2:F2", "B4:B8", "B9:B16", "B17:B20", "C5:C6", "C7:C8", "C9:C12", "C13:C14", "C15:C16"]
    result = _book(tmp_path, [(_SHOUXIAN, [*merged, "C17:C18"])], rules="auto", names=["自评表"])
    assert [(f.cell, f.code.value) for f in result.flags if f.severity != "info"] == []


_ITEMS = [
    "注：1.预算执行率得分：执行率≥95%的得10分；90%(含)-95%的得8分；80%以下不得分。",
    "2.满意度指标≥90%得满分，每降低1个百分点扣0.5分，扣完为止；定量指标按实际完成值占年度指标值的比例计分。",
    "3.自评得分=预算执行率得分+各项绩效指标得分。",
]


@pytest.mark.parametrize(("declared", "said"), [(8.5, []), (9.67, [("error", 8.5)])])
def test_a_note_typed_one_item_per_row(tmp_path: Path, declared: float, said: list[tuple[str, float]]) -> None:
    # 青神's note (round 81) one item a row; item 2 names two classes: 87 % of ≥90 % is 3 points short, 10 − 1.5 =
    # 8.5 (before: item 2 unread, 87 ÷ 90 × 10 = 9.67 said); the funds 851 ÷ 920 = 92.50 % → 8 by item 1
    rows: list[Row] = [
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "87%", 10, declared, "", "排队时间长"],
        ["产出指标", "数量指标", "法律援助案件数", "≥400件", "420件", 80, 80, "", ""],
    ]
    form = justice_form(rows, round(8 + declared + 80, 2))
    form[3][7] = 8
    result = _book(tmp_path, [([*form, *([item, *[""] * 8] for item in _ITEMS)], ["A1:I1"])])
    assert [(f.severity, f.computed) for f in result.flags if f.code.value == "score-mismatch"] == said


def test_the_funds_own_rate_typed_on_its_row_against_its_block(tmp_path: Path) -> None:
    # 银川's real form (tests/corpus/real, https://m.yzwku.com/doc/476505.html) with its 预算执行率 row typed "98%" and
    # scored 9.8 on it (round 80): the block above says 64.8 ÷ 64.8 = 100.00 %, so the row's 98 % is wrong and the
    # score is 10 × 100 % = 10 (before: the row scored on its own 98 %, nothing said)
    path = build(REAL / "proj-ningxia-yinchuan-2021-chuzhong.yaml", tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None and sheet["C12"].value == "预算执行率"
    sheet["E12"], sheet["F12"], sheet["G12"] = "100%", "98%", 9.8
    book.save(path)
    result = score_paths([path], resolve_rules("auto")).files[0]
    said = {(f.cell, f.code.value): f.computed for f in result.flags if f.severity == "error"}
    assert said.get(("F12", "rate-mismatch")) == 100.0
    assert said.get(("G12", "score-mismatch")) == 10.0


def _justice_exec(executed: float, printed: str, target: str, actual: object, declared: float) -> list[Row]:
    """The 县司法局 form with its funds' 执行数 ``executed`` of 920 (its rate printed as ``printed``) and a 预算执行率
    row of 10 points scored by "≥90%得满分，每降低1个百分点扣1分"."""
    rows: list[Row] = [
        ["预算执行", "预算执行", "预算执行率", target, actual, 10, declared, "≥90%得满分，每降低1个百分点扣1分", ""],
        ["产出指标", "数量指标", "法律援助案件数", "≥400件", "420件", 80, 80, "", ""],
    ]
    form = justice_form(rows, 0)
    form[3][4], form[3][6] = executed, printed
    form[3][7] = round(10 * min(executed / 920, 1), 2)  # 10 × the rate, capped
    form[-1][6] = round(form[3][7] + declared + 80, 2)  # type: ignore[operator]
    return form


@pytest.mark.parametrize(
    ("executed", "printed", "target", "actual", "declared", "said"),
    [
        # 828 ÷ 920 = 90.00 % but the row types 95 %: the rate is wrong at E6, and the score is 10 on 90 % all the same
        (828, "90.00%", "≥90%", "95%", 10, [("E6", "rate-mismatch")]),
        # 805 ÷ 920 = 87.50 %: 10 − 2.5 = 7.5, not the 10 its own 95 % would give
        (805, "87.50%", "≥90%", "95%", 10, [("E6", "rate-mismatch"), ("G6", "score-mismatch")]),
        (805, "87.50%", "≥90百分比", 87.5, 7.5, []),  # 池州's "百分比", a bare 87.5 beside it: agrees
        (950, "103.26%", "≥90%", "100%", 10, []),  # 950 ÷ 920 capped at 100 %, as units type it
    ],
)
def test_the_funds_rate_typed_on_its_row(
    tmp_path: Path,
    executed: float,
    printed: str,
    target: str,
    actual: object,
    declared: float,
    said: list[tuple[str, str]],
) -> None:
    form = _justice_exec(executed, printed, target, actual, declared)
    result = _book(tmp_path, [(form, ["A1:I1"])])
    assert [(f.cell, f.code.value) for f in result.flags if f.severity == "error"] == said


def test_a_block_of_parts_alone_says_nothing_of_the_rows_rate(tmp_path: Path) -> None:
    # the review's case: no total line, 基本支出 500 of 500 and 项目支出 400 of 500: the whole is 90 %, as typed
    form = _justice_exec(851, "92.50%", "≥90%", "90%", 10)
    form[3] = ["", "基本支出", 500, 500, 500, "", "100.00%", "", ""]
    form.insert(4, ["", "项目支出", 500, 500, 400, "", "80.00%", "", ""])
    result = _book(tmp_path, [(form, ["A1:I1"])])
    assert [f for f in result.flags if f.code.value == "rate-mismatch" and f.cell == "E7"] == []


@pytest.mark.parametrize(
    "signers",
    [
        ["填表人（签字）：", "", "", "财务负责人（签字）：", "", "单位负责人(签字)：", "", ""],
        ["单位（盖章）：", "", "", "填表人：赵六", "", "填报日期：2024年1月20日", "", ""],
        ["填表人", "张三", "", "分管领导：", "", "联系方式：138", "", ""],
    ],
)
def test_who_signs_the_form_in_other_words(tmp_path: Path, signers: Row) -> None:
    rows = [*_SHOUXIAN[:-1], signers]
    merged = ["A1:H1", "B2:F2", "B4:B8", "B9:B16", "B17:B20", "C5:C6", "C7:C8", "C9:C12", "C13:C14", "C15:C16"]
    result = _book(tmp_path, [(rows, [*merged, "C17:C18"])], rules="auto", names=["自评表"])
    assert [(f.cell, f.code.value) for f in result.flags if f.severity != "info"] == []


def test_an_indicator_named_after_a_signer_is_an_indicator(tmp_path: Path) -> None:
    # "项目负责人：目标任务完成率 | 15 | 14.5" carries points: a row of the table, Σ still 93.5
    rows = [list(row) for row in _SHOUXIAN]
    rows[18][3] = "项目负责人：目标任务完成率"
    merged = ["A1:H1", "B2:F2", "B4:B8", "B9:B16", "B17:B20", "C5:C6", "C7:C8", "C9:C12", "C13:C14", "C15:C16"]
    result = _book(tmp_path, [(rows, [*merged, "C17:C18"])], rules="auto", names=["自评表"])
    assert [(f.cell, f.code.value) for f in result.flags if f.severity != "info"] == []


def test_thresholds_and_own_class_clauses() -> None:
    assert stated_rate("满意度达到90%以上为满意。", "服务对象满意度") is None  # a threshold, no result
    assert stated_rate("执行率95%的得10分", "预算执行率") is None
    note = "注：满意度指标≥90%得满分；该指标每降低1个百分点扣0.5分，扣完为止。"
    assert class_standards(note) == (("满意度指标", "≥90%得满分；该指标每降低1个百分点扣0.5分，扣完为止"),)


def test_a_standard_wrapped_inside_its_comparison() -> None:
    # 湖南's 附件3 (round 83) prints "“三公经费 >" and "0,每超过…" on two lines of one cell: one clause; 5.00 % over 0
    # is 8 − 5 × 0.8 = 4 (before: unread, the declared 8 kept)
    parsed = parse_standard("“三公经费”变动率≦0,计8分;“三公经费 >\n0,每超过一个百分点扣0.8分,扣完为止", 8)
    assert parsed.rule is not None and parsed.status in ("read", "default")
    assert float(rule_score(np.array([5.0]), parsed.rule, 8)[0]) == pytest.approx(4.0)


# 湖南经信委's 考核指标及评分表 (round 83, https://m.wenku365.com/p-28594397.html; figures the second reader's): a
# 本单位执行情况 column where the unit writes its inputs and the rate they come to
_JXW_HEAD: Row = [
    "一级指标",
    "分值",
    "二级指标",
    "分值",
    "三级指标",
    "分值",
    "评价标准",
    "指标说明",
    "本单位执行情况",
    "得分",
]


def _jingxinwei(said: str) -> list[Row]:
    return [
        ["部门整体支出绩效评价考核指标及评分表"],
        _JXW_HEAD,
        [
            "过程", 15, "预算执行", 15, "预算控制率", 5,
            "预算控制率=0,计5分;0-10%(含),计4分;10-20%(含),计3分;20-30%(含),计2分;大于30%不得分",
            "预算控制率=(本年追加预算/年初预算)×100%。",
            f"年初预算2300.00万元,本年追加预算200.00万元,预算控制率{said}", 4,
        ],
        [
            "", "", "", "", "预算完成率", 10, "预算完成率=100%,计10分;每低1个百分点扣0.5分,扣完为止。",
            "预算完成率=(预算完成数/预算数)×100%。", "预算数2500.00万元,预算完成数2412.50万元,预算完成率95.50%", 8.25,
        ],
        [
            "", "", "", "", "公用经费控制率", 10, "100%以下(含)计满分,每超出1%扣1分,扣完为止。",
            "公用经费控制率=(实际支出公用经费总额/预算安排公用经费总额)×100%。",
            "公用经费预算180.00万元,实际支出171.00万元,公用经费控制率95.00%", 10,
        ],
        ["合计", 25, "", "", "", "", "", "", "", 22.25],
    ]  # fmt: skip


@pytest.mark.parametrize(("said", "flagged"), [("8.70%", [("I4", 96.5)]), ("8.00%", [("I3", 8.7), ("I4", 96.5)])])
def test_a_rate_stated_beside_its_own_inputs(tmp_path: Path, said: str, flagged: list[tuple[str, float]]) -> None:
    # 200 ÷ 2300 = 8.70 %, by the formula the 指标说明 prints over the figures the same cell gives (before: the
    # stated 8.00 % taken as it is); 4 points either way (0-10%(含)); the 公用经费 row's words name no figure of its
    # formula ("实际支出" is not "实际支出公用经费总额"), so it is not worked. The 预算完成率 row (round 87) states
    # 95.50 % where its figures say 2412.5 ÷ 2500 = 96.50 %, and is scored on that: 10 − 3.5 × 0.5 = 8.25, as
    # declared (before: on the stated 95.50 %, 7.75 said)
    merged = ["A1:J1", "A3:A5", "B3:B5", "C3:C5", "D3:D5"]
    result = _book(tmp_path, [(_jingxinwei(said), merged)], rules="auto", names=["评分表"])
    assert [(f.cell, f.computed) for f in result.flags if f.code.value == "rate-mismatch"] == flagged
    assert [f for f in result.flags if f.code.value == "score-mismatch"] == []


def test_a_rate_stated_under_the_name_its_standard_defines(tmp_path: Path) -> None:
    # 大英's 结转结余 row (round 83): its standard defines 结转结余率 and scores it in bands; the unit's working names
    # that rate, not the row: 637,500 ÷ 10,625,000 = 6.00 % is in 5%-10%(含), 18 (before: not the row's, 30 kept)
    rows = [
        *_hubei(19.9)[:3],
        [
            "预算执行", 30, "结转结余", 30, "结转结余", 30,
            "结转结余率=年末结转结余资金/全年预算数×100%。结转结余率≤5%的,得30分;5%-10%(含)的,得18分;10%以上的不得分。",
            "年末结转结余资金637,500.00元,全年预算数10,625,000.00元,结转结余率6.00%", 30,
        ],
        ["产出", 50, "产出数量", 50, "年度任务完成数量", 50, "依据年度工作任务完成数量评分。", "", 50],
        ["合计", "", "", "", "", 100, "", "", 99.9],
    ]  # fmt: skip
    result = _book(tmp_path, [(rows, ["A1:I1"])], rules="auto", names=["评价表"])
    assert [(f.cell, f.computed) for f in result.flags if f.code.value == "score-mismatch"] == [("I4", 18.0)]


def test_a_control_rate_typed_as_100_over_figures_above_it_is_wrong() -> None:
    # round 89: "…实际支出数10.40万元，…控制率100%" is 104 %, which its standard takes points off for; a 完成率 of
    # 100 % over 13 ÷ 12 is the share done, capped as units type it
    note = Hit("评分表", "H9", "“三公经费”控制率=(“三公经费”实际支出数/“三公经费”预算安排数)×100%。", "指标说明")
    said = Hit("评分表", "I9", "“三公经费”预算安排数10.00万元，“三公经费”实际支出数10.40万元，“三公经费”控制率100%", "")
    assert worked_in_text(note, said) is not None
    done = Hit("评分表", "H10", "重点工作完成率=(完成数/计划数)×100%。", "指标说明")
    typed = Hit("评分表", "I10", "计划数12项，完成数13项，重点工作完成率100%", "")
    assert worked_in_text(done, typed) is None
    # a rate not named a 控制率 whose own 指标说明 takes points off above a bound: 108 ÷ 100 typed "100%" hides the
    # excess its standard costs (before: taken as capped, by the name alone)
    used = Hit("评分表", "H11", "设备利用率=(使用台时/计划台时)×100%。利用率超过100%的，每超过1个百分点扣0.5分。", "")
    said_used = Hit("评分表", "I11", "计划台时100小时，使用台时108小时，设备利用率100%", "")
    assert worked_in_text(used, said_used) is not None


@pytest.mark.parametrize(
    "title",
    [
        [["县司法局2023"], ["年度部门整体支出绩效自评表"]],  # a title split over two rows (成安's, round 90)
        [["部门整体支出绩效自评表（２０２３年度）"]],  # full-width digits (零陵's copy)
        [["部门整体支出绩效自评表"], ["(2023年)"]],  # the year alone in brackets (银川's)
        [["2023 年市级"], ["部门整体支出绩效自评表"]],  # split before the form's name (round 90's left one)
    ],
)
def test_the_evaluation_year_of_a_title_as_copies_print_it(tmp_path: Path, title: list[Row]) -> None:
    # round 90: the year was lost (None), and with it the check of 时效指标 dated in another year
    rows = [
        *title,
        *justice_form([["产出指标", "数量指标", "法律援助案件数", "≥400件", "420件", 90, 90, "", ""]], 99.25)[1:],
    ]
    result = _book(tmp_path, [(rows, [])])
    assert [inst.year for inst in result.instances] == [2023]
