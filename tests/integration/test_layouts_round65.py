"""Round 65 of second readers (department forms of 湖南 counties): a 评分表 laid out as 新邵's, whose 指标说明 column
(beside a 指标解释 that only defines) holds each rate's formula and then its standard, over a 基础数据表 printed as one
numbered list; and a 附件3 laid out as wanglu's, whose 项目支出 line is left blank over its numbered items. Every
figure is worked by hand.

Layouts: 新邵县 2021 部门整体支出绩效评价指标评分表 and 基础数据表 (https://taowenge.com/p-8700517.html, not in the
stored copies: the layout as a second reader saw it); an unnamed unit's 2018 附件3 部门整体支出绩效评价基础数据表
(https://wanglu.net/thread/t4-462766-0.html, transcribed in tests/corpus/real as dept-unknown-2018-basedata-wanglu-
462766). The units (新邵县图书馆, 衡阳市珠晖区农业农村局) and every figure are this test's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.grid import Grid, save
from openpyxl.utils.cell import range_boundaries

from perfxl.pipeline import load, score_paths
from perfxl.report.results import FileResult
from perfxl.rules.auto import auto_rules

Rows = list[list[object]]

BASE: Rows = [
    ["部门整体支出绩效评价基础数据表", None, None, None],
    ["填报单位：新邵县图书馆", None, None, "金额单位：万元"],
    ["序号", "项目", "单位", "数值"],
    ["一、财政供养人员情况", None, None, None],
    [1, "编制数", "人", 20],
    [2, "实有人员数", "人", 19],
    [3, "在职人员控制率", "%", "95.00%"],
    ["二、“三公经费”情况", None, None, None],
    [4, "上年“三公经费”预算数", "万元", 6],
    [5, "本年“三公经费”预算数", "万元", 5.7],
    [6, "“三公经费”变动率", "%", "-5.00%"],
    [7, "“三公经费”实际支出数", "万元", 5.13],
    [8, "“三公经费”控制率", "%", "90.00%"],
    ["三、预算执行情况", None, None, None],
    [9, "预算数", "万元", 500],
    [10, "预算完成数", "万元", 480],
    [11, "预算完成率", "%", "96.00%"],
    [12, "年初预算数", "万元", 460],
    [13, "预算调整数", "万元", 40],
    [14, "预算调整率", "%", "8.00%"],
    [15, "结转结余总额", "万元", 20],
    [16, "结转结余率", "%", "4.00%"],
    ["四、项目支出及公用经费情况", None, None, None],
    [17, "项目总支出", "万元", 150],
    [18, "重点项目支出", "万元", 135],
    [19, "重点支出安排率", "%", "90.00%"],
    [20, "预算安排公用经费总额", "万元", 40],
    [21, "实际支出公用经费总额", "万元", 41],
    [22, "公用经费控制率", "%", "102.50%"],
    ["五、资产及采购情况", None, None, None],
    [23, "政府采购预算数", "万元", 30],
    [24, "实际政府采购金额", "万元", 29.1],
    [25, "政府采购执行率", "%", "97.00%"],
    [26, "所有固定资产总额", "万元", 250],
    [27, "实际在用固定资产总额", "万元", 245],
    [28, "固定资产利用率", "%", "98.00%"],
]
BASE_MERGES = ["A1:D1", "A23:D23", "A8:D8", "A4:D4", "A30:D30", "A2:C2", "A14:D14"]

SCORES: Rows = [
    ["2021年度部门整体支出绩效评价指标评分表\n填报单位(盖章)：新邵县图书馆", None, None, None, None, None],
    ["一级指标", "二级指标", "三级指标", "指标解释", "指标说明", "自评分"],
    [
        "投入\n(20分)",
        "目标设定\n(5分)",
        "绩效目标合理性(2分)",
        "部门所设立的整体绩效目标依据是否充分，是否符合客观实际。",
        (
            "符合国家法律法规、国民经济和社会发展总体规划计1分；符合部门“三定”方案确定的职"
            "责计0.5分；符合部门制定的中长期实施规划计0.5分。"
        ),
        2,
    ],
    [
        None,
        None,
        "绩效指标明确性(3分)",
        "部门依据整体绩效目标所设定的绩效指标是否清晰、细化、可衡量。",
        (
            "将部门整体的绩效目标细化分解为具体的工作任务计1分；通过清晰、可衡量的指标值予以"
            "体现计1分；与本年度部门预算资金相匹配计1分。"
        ),
        3,
    ],
    [
        None,
        "预算配置\n(15分)",
        "在职人员控制率(5分)",
        "部门本年度实际在职人员数与编制数的比率，用以反映和考核部门对人员成本的控制程度。",
        (
            "在职人员控制率=(在职人员数/编制数)×100%，小于或等于1计5分，否则按比例"
            "计分。在职人员数：部门实际在职人数，以财政部确定的部门决算编制口径为准。编制数："
            "机构编制部门核定批复的部门的人员编制数。"
        ),
        5,
    ],
    [
        None,
        None,
        "“三公经费”变动率(5分)",
        "部门本年度“三公经费”预算数与上年度“三公经费”预算数的变动比率。",
        (
            "“三公经费”变动率=[(本年度“三公经费”预算数-上年度“三公经费”预算数)/上"
            "年度“三公经费”预算数]×100%。“三公经费”变动率≤0，计5分；>0，每超过"
            "一个百分点扣0.5分，扣完为止。"
        ),
        5,
    ],
    [
        None,
        None,
        "重点支出安排率(5分)",
        "部门本年度预算安排的重点项目支出与部门项目总支出的比率。",
        (
            "重点支出安排率=(重点项目支出/项目总支出)×100%。重点支出安排率≥90%，"
            "计5分；80%(含)-90%，计4分；70%(含)-80%，计3分；60%(含)"
            "-70%，计2分；低于60%不得分。"
        ),
        5,
    ],
    [
        "过程\n(40分)",
        "预算执行\n(20分)",
        "预算完成率(5分)",
        "部门本年度预算完成数与预算数的比率。",
        ("预算完成率=(预算完成数/预算数)×100%。预算完成率≥95%，计5分；每低于一个百分点扣0.5分，扣完为止。"),
        5,
    ],
    [
        None,
        None,
        "预算调整率(3分)",
        "部门本年度预算调整数与预算数的比率。",
        ("预算调整率=(预算调整数/预算数)×100%。预算调整率≤5%，计3分；每超过一个百分点扣0.3分，扣完为止。"),
        2.1,
    ],
    [
        None,
        None,
        "结转结余率(3分)",
        "部门本年度结转结余总额与预算数的比率。",
        (
            "结转结余率=(结转结余总额/预算数)×100%。结转结余率≤5%，计3分；5%-"
            "10%(含)，计2分；10%-15%(含)，计1分；大于15%不得分。"
        ),
        3,
    ],
    [
        None,
        None,
        "公用经费控制率(3分)",
        "部门本年度实际支出的公用经费总额与预算安排的公用经费总额的比率。",
        (
            "公用经费控制率=(实际支出公用经费总额/预算安排公用经费总额)×100%。公用经"
            "费控制率≤100%，计3分；每超过一个百分点扣0.5分，扣完为止。"
        ),
        1.75,
    ],
    [
        None,
        None,
        "“三公经费”控制率(3分)",
        "部门本年度“三公经费”实际支出数与预算安排数的比率。",
        (
            "“三公经费”控制率=(“三公经费”实际支出数/“三公经费”预算安排数)×100%"
            "。“三公经费”控制率≤100%，计3分；每超过一个百分点扣0.5分，扣完为止。"
        ),
        3,
    ],
    [
        None,
        None,
        "政府采购执行率(3分)",
        "部门本年度实际政府采购金额与年初政府采购预算的比率。",
        (
            "政府采购执行率=(实际政府采购金额/政府采购预算数)×100%。政府采购执行率="
            "100%，计3分；每低于一个百分点扣0.3分，扣完为止。"
        ),
        2.1,
    ],
    [
        None,
        "预算管理\n(12分)",
        "管理制度健全性(3分)",
        None,
        (
            "①已制定或具有预算资金管理办法、内部财务管理制度、会计核算制度等管理制度，1分；"
            "②相关管理制度合法、合规、完整，1分；③相关管理制度得到有效执行，1分。"
        ),
        3,
    ],
    [
        None,
        None,
        "资金使用合规性(4分)",
        None,
        (
            "①支出符合国家财经法规和财务管理制度规定；②资金拨付有完整的审批程序和手续；③支"
            "出符合部门预算批复的用途；④资金使用无截留、挤占、挪用、虚列支出等情况。每项1分"
            "。"
        ),
        4,
    ],
    [
        None,
        None,
        "预决算信息公开性(3分)",
        None,
        "①按规定内容公开预决算信息，1分；②按规定时限公开，1分；③基础数据信息真实完整，1分。",
        3,
    ],
    [None, None, "基础信息完善性(2分)", None, "①基础数据信息和会计信息资料真实，1分；②完整、准确，1分。", 2],
    [
        None,
        "资产管理\n(8分)",
        "资产管理制度健全性(2分)",
        None,
        "①制定合法、合规、完整的资产管理制度，1分；②相关资产管理制度得到有效执行，1分。",
        2,
    ],
    [
        None,
        None,
        "资产管理安全性(3分)",
        None,
        "①资产保存完整，1分；②资产配置合理、处置规范，1分；③资产账务管理合规，帐实相符，1分。",
        3,
    ],
    [
        None,
        None,
        "固定资产利用率(3分)",
        "部门实际在用固定资产总额与所有固定资产总额的比率。",
        (
            "固定资产利用率=(实际在用固定资产总额/所有固定资产总额)×100%。固定资产利"
            "用率≥95%，计3分；每低于一个百分点扣0.3分，扣完为止。"
        ),
        3,
    ],
    [
        "产出\n(20分)",
        "职责履行\n(20分)",
        "实际完成率(5分)",
        None,
        "实际完成率=实际完成工作数/计划工作数×100%，按完成比例计分。",
        5,
    ],
    [None, None, "完成及时率(5分)", None, "完成及时率=及时完成实际工作数/计划工作数×100%，按完成比例计分。", 5],
    [None, None, "质量达标率(5分)", None, "质量达标率=质量达标实际工作数/实际完成工作数×100%，按达标比例计分。", 4.5],
    [
        None,
        None,
        "重点工作办结率(5分)",
        None,
        "重点工作办结率=重点工作实际完成数/交办或下达数×100%，按办结比例计分。",
        5,
    ],
    ["效果\n(20分)", "履职效益\n(12分)", "经济效益(4分)", None, "根据部门职责及整体绩效目标，依据实际效果评分。", 4],
    [None, None, "社会效益(5分)", None, "根据部门职责及整体绩效目标，依据实际效果评分。", 5],
    [None, None, "生态效益(3分)", None, "根据部门职责及整体绩效目标，依据实际效果评分。", 3],
    [
        None,
        "社会公众或服务对象满意度\n(8分)",
        "社会公众或服务对象满意度(8分)",
        None,
        "满意度≥90%计8分；80%(含)-90%计6分；低于80%计4分。",
        7.5,
    ],
    ["合计", None, None, None, None, 95.95],
    ["评价等级", None, None, None, None, "优"],
]
SCORE_MERGES = [
    "B14:B17",
    "A8:A20",
    "A1:F1",
    "B3:B4",
    "B8:B13",
    "B21:B24",
    "A21:A24",
    "A3:A7",
    "B25:B27",
    "A30:C30",
    "A25:A28",
    "A29:C29",
    "B18:B20",
    "B5:B7",
]

WANGLU: Rows = [
    ["附件3:", None, None, None],
    ["部门整体支出绩效评价基础数据表", None, None, None],
    ["填报单位：衡阳市珠晖区农业农村局", None, None, "单位：万元"],
    ["财政供养人员情况", "编制数", "2021年实际在职人数", "控制率"],
    [None, 50, 47, "94.00%"],
    ["经费控制情况", "2020年决算数", "2021年预算数", "2021年决算数"],
    ["三公经费", 20, 20, 17.4],
    ["1、公务用车购置和维护经费", 11.6, 12, 10.8],
    ["其中：公车购置", 0, 0, 0],
    ["公车运行维护", 11.6, 12, 10.8],
    ["2、出国经费", None, None, None],
    ["3、公务接待", 8.4, 8, 6.6],
    ["项目支出：", None, None, None],
    ["1、业务工作专项", 300, 350, 332.5],
    ["2、运行维护专项", 50, 50, 47.5],
    ["公用经费", 60, 62, 58.9],
    ["其中：办公经费", 14, 15, 14.2],
    ["水费、电费、差旅费", 18, 17, 16.5],
    ["会议费、培训费", 2, 2, 1.6],
    ["政府采购金额", 40, 45, 44.1],
    ["部门整体支出预算调整", None, 800, 900],
]


def _grid(name: str, rows: Rows, merges: list[str]) -> Grid:
    grid = Grid(name)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                grid.put(r, c, value)  # type: ignore[arg-type]
    for ref in merges:
        left, top, right, bottom = range_boundaries(ref)
        grid.merge(top, left, bottom, right)  # type: ignore[arg-type]
    return grid


def _xinshao(tmp_path: Path, base: Rows, scores: Rows, name: str = "t.xlsx") -> FileResult:
    grids = [_grid("基础数据表", base, BASE_MERGES), _grid("评分表", scores, SCORE_MERGES)]
    return score_paths([save(grids, tmp_path / name)], auto_rules()).files[0]


def _said(result: FileResult) -> dict[str, tuple[str, float | None]]:
    return {
        f"{f.sheet}!{f.cell}": (f.code.value, f.computed)
        for f in result.flags
        if f.severity in ("error", "warning") and f.cell
    }


def test_the_printed_formula_and_standard_under_zhibiao_shuoming(tmp_path: Path) -> None:
    # as printed: 预算调整率 = 预算调整数 ÷ 预算数 = 40 ÷ 500 = 8.00 % (not ÷ 年初预算数 460 = 8.70 %, the rule set's):
    # the typed 8.00 % is right, and "≤5%计3分；每超过一个百分点扣0.3分" gives 3 − 3 × 0.3 = 2.1, as declared;
    # “三公经费”控制率 5.13 ÷ 5.70 (本年“三公经费”预算数) = 90.00 %, as typed. Before: 8.70 % said against the
    # 8.00 % (an error) and its score (a warning), the 三公 budget not found
    result = _xinshao(tmp_path, BASE, SCORES)
    assert _said(result) == {} and result.total == 95.95
    # planted: 实际政府采购金额 27.6 of 30 = 92.00 %: under the 指标说明's "=100%，计3分；每低于一个百分点扣0.3分"
    # 3 − 8 × 0.3 = 0.6, not the 2.1 declared (the 指标解释 beside it only defines the rate); and the 三公 控制率
    # typed 95.00 % against 90.00 %
    base = [list(row) for row in BASE]
    assert base[31][1] == "实际政府采购金额" and base[12][1] == "“三公经费”控制率"
    base[31][3], base[32][3], base[12][3] = 27.6, "92.00%", "95.00%"
    said = _said(_xinshao(tmp_path, base, SCORES, "wrong.xlsx"))
    assert said == {"评分表!F13": ("score-mismatch", 0.6), "基础数据表!D13": ("rate-mismatch", 90.0)}


def test_a_blank_line_over_its_numbered_items(tmp_path: Path) -> None:
    # "项目支出：" printed blank over "1、业务工作专项" and "2、运行维护专项": 2021年预算数 350 + 50 = 400, 2021年决算数
    # 332.5 + 47.5 = 380 (before: "「项目支出预算总额」未填写" and "「实际项目支出总额」未填写")
    path = save([_grid("附件3", WANGLU, ["A4:A5", "A3:C3", "A2:D2"])], tmp_path / "wanglu.xlsx")
    loaded = load(path, auto_rules())
    assert loaded.located is not None
    fields = loaded.located.fields
    assert (fields["base_data.project.budget"].raw, fields["base_data.project.actual"].raw) == (400, 380)


# A review of rounds 64 and 65: what the changes must not do


def test_a_formula_word_several_blocks_use_and_nothing_settles_is_not_guessed(tmp_path: Path) -> None:
    # "预算完成率=(实际支出/预算数)": 实际支出 is a label of the 三公 and the 公用经费 blocks, neither of which
    # 预算数's other blocks share a title with: the formula is not used and the rule set's 480 ÷ 500 = 96 % ≥ 95 %
    # scores 5, as declared (a first-listed guess had read 三公 5.13 ÷ 500 = 1.03 % and said 0)
    scores = [list(row) for row in SCORES]
    assert str(scores[7][2]).startswith("预算完成率")
    scores[7][4] = "预算完成率=(实际支出/预算数)×100%。预算完成率≥95%，计5分；每低于一个百分点扣0.5分，扣完为止。"
    assert _said(_xinshao(tmp_path, BASE, scores)) == {}


def test_a_block_built_by_the_rule_sets_formula_is_a_warning(tmp_path: Path) -> None:
    # 年初预算数 5000 | 年中预算调整 600 | 调整率 12.00 % (600 ÷ 5000) beside a 评分表 printing "预算调整率=(预算调整数/
    # 预算数)×100%" (预算数 5900: 600 ÷ 5900 = 10.17 %): the form allows both; the declared rate and its score
    # 3 − 7 × 0.3 = 0.9 follow the rule set's and are warnings, not errors (the printed reading gives 1.45)
    base: Rows = [
        ["附件4  2023年度部门整体支出绩效评价基础数据表", None, None, None, None],
        ["预算完成情况", "预算总额", "决算总额", "执行率"],
        [None, 5900, 5546, "94.00%"],  # 5546 ÷ 5900
        ["预算调整情况", "年初预算数", "年中预算调整", "调整率"],
        [None, 5000, 600, "12.00%"],
    ]
    scores = [list(row) for row in SCORES]
    assert str(scores[8][2]).startswith("预算调整率")
    scores[8][5] = 0.9
    grids = [_grid("附件4", base, []), _grid("评分表", scores, SCORE_MERGES)]
    result = score_paths([save(grids, tmp_path / "t.xlsx")], auto_rules()).files[0]
    said = {
        f"{f.sheet}!{f.cell}": f.severity for f in result.flags if f.code.value in ("rate-mismatch", "score-mismatch")
    }
    assert said["附件4!D5"] == "warning" and said["评分表!F9"] == "warning"


@pytest.mark.parametrize(
    "rows_below",
    [
        # 其中 lines under item 1, items 2 and 3 after them: which lines are parts is not certain
        [["1、业务工作专项", 300, 350, 332.5], ["其中：培训", 100, 150, 140], ["2、运行维护专项", 50, 50, 47.5]],
        # items numbered again one level down
        [["1、业务工作专项", 300, 350, 332.5], ["（1）培训经费", 100, 150, 140], ["2、运行维护专项", 50, 50, 30]],
    ],
)
def test_a_blank_line_over_items_broken_down_is_left_unread(tmp_path: Path, rows_below: Rows) -> None:
    # not summed (350 + 150 + 50 would count a part twice): "未填写" as before, no wrong figure
    rows = [list(row) for row in WANGLU]
    at = next(i for i, row in enumerate(rows) if row[0] == "项目支出：")
    rows[at + 1 : at + 3] = rows_below
    loaded = load(save([_grid("附件3", rows, ["A4:A5", "A3:C3", "A2:D2"])], tmp_path / "w.xlsx"), auto_rules())
    assert loaded.located is not None
    assert loaded.located.fields["base_data.project.budget"].raw is None


def test_a_blank_line_over_items_above_another_list(tmp_path: Path) -> None:
    # "项目支出：" and its two items printed above 三公经费 and its own 1、2、3、: 350 + 50 = 400, 332.5 + 47.5 = 380
    rows = [list(row) for row in WANGLU]
    rows = [*rows[:6], *rows[12:15], *rows[6:12], *rows[15:]]
    loaded = load(save([_grid("附件3", rows, ["A4:A5", "A3:C3", "A2:D2"])], tmp_path / "w.xlsx"), auto_rules())
    assert loaded.located is not None
    fields = loaded.located.fields
    assert (fields["base_data.project.budget"].raw, fields["base_data.project.actual"].raw) == (400, 380)
