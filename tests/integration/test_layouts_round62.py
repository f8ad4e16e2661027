"""Round 62 of second readers (department forms): 附件4 labels other templates print (实有数, 上年结转 / 本年结转), a
“三公经费” table whose 合计 comes last, under its items, and a 附件5 of four levels whose 四级 names the indicators.
Every figure is worked by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from corpus.grid import Grid, save

from perfxl.pipeline import score_paths
from perfxl.report.findings import Code
from perfxl.report.results import FileResult
from perfxl.rules.auto import auto_rules

Cells = list[list[object]]


def _score(tmp_path: Path, sheets: list[tuple[str, Cells, list[tuple[int, int, int, int]]]]) -> FileResult:
    grids = []
    for name, rows, merges in sheets:
        grid = Grid(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    grid.put(r, c, value)  # type: ignore[arg-type]
        for top, left, bottom, right in merges:
            grid.merge(top, left, bottom, right)
        grids.append(grid)
    return score_paths([save(grids, tmp_path / "t.xlsx")], auto_rules()).files[0]


def _errors(result: FileResult) -> dict[str, str]:
    return {f"{f.sheet}!{f.cell}": f.code.value for f in result.flags if f.severity == "error" and f.cell}


TOP: Cells = [
    ["附件4  2023年度部门整体支出绩效评价基础数据表", None, None, None, None],
    ["填报单位：县住房和城乡建设局", None, None, None, "金额单位：万元"],
]
STAFF: Cells = [["财政供养人员情况", "编制人数", "实际在职人数", "控制率"], [None, 45, 47, "104.44%"]]  # 47 ÷ 45
REST: Cells = [
    ["项目支出安排情况", "项目支出预算总额", "实际项目支出总额", "执行率"],
    [None, 2600, 2288, "88.00%"],  # 2288 ÷ 2600
    ["预算完成情况", "预算总额", "决算总额", "执行率"],
    [None, 5900, 5546, "94.00%"],  # 5546 ÷ 5900
    ["预算调整情况", "年初预算数", "年中预算调整", "调整率"],
    [None, 5000, 600, "12.00%"],  # 600 ÷ 5000
    ["政府采购执行情况", "政府采购预算数", "实际政府采购金额", "执行率"],
    [None, 800, 712, "89.00%"],  # 712 ÷ 800
]


def test_staff_and_carry_over_under_other_labels(tmp_path: Path) -> None:
    # 实有数 47 over 编制数 45 = 104.44 %, typed 95.74 % (45 ÷ 47); (354 − 300) ÷ 300 = 18.00 %, typed 15.00 %:
    # before, neither block's labels were read and neither rate was checked
    rows = [
        *TOP,
        ["财政供养人员情况", "编制数", "实有数", "控制率"],
        [None, 45, 47, "95.74%"],
        ["结转结余变动情况", "上年结转", "本年结转", "变动率"],
        [None, 300, 354, "15.00%"],
        *REST,
    ]
    result = _score(tmp_path, [("附件4", rows, [])])
    assert _errors(result) == {"附件4!D4": "rate-mismatch", "附件4!D6": "rate-mismatch"}
    # written right, nothing is said
    rows[3][3], rows[5][3] = "104.44%", "18.00%"
    assert _errors(_score(tmp_path, [("附件4", rows, [])])) == {}


def test_a_total_printed_last_under_its_items(tmp_path: Path) -> None:
    # 上年预算数 5 + 9 + 12 + 14 = 40, typed 41 on the 合计 row below the items (before: summed only when first)
    sgjf: Cells = [
        ["“三公经费”情况", "项目", "上年预算数", "本年预算数", "本年实际支出"],
        [None, "因公出国（境）费", 5, 0, 0],
        [None, "公务接待费", 9, 8, 7.66],
        [None, "公务用车购置费", 12, 18, 18],
        [None, "公务用车运行维护费", 14, 16, 17.6],
        [None, "合计", 41, 42, 43.26],  # 0 + 8 + 18 + 16 = 42; 0 + 7.66 + 18 + 17.6 = 43.26
        [None, "变动率", "2.44%", None, None],  # (42 − 41) ÷ 41 as declared
        [None, "控制率", "103.00%", None, None],  # 43.26 ÷ 42
    ]
    result = _score(tmp_path, [("附件4", [*TOP, *STAFF, *sgjf, *REST], [])])
    assert "附件4!C10" in _errors(result), result.flags
    sgjf[5][2], sgjf[6][2] = 40, "5.00%"  # (42 − 40) ÷ 40
    assert "附件4!C10" not in _errors(_score(tmp_path, [("附件4", [*TOP, *STAFF, *sgjf, *REST], [])]))


# 县退役军人事务局's 附件5 as round 62 built it: 一级 | 分值 | 二级 | 分值 | 三级 | 分值 | 四级指标 | 分值 | 评价标准 |
# 得分
FOUR: Cells = [
    ["附件5  2023年度部门整体支出绩效自评指标计分表", *[None] * 9],
    ["单位名称：县退役军人事务局", *[None] * 9],
    ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "四级指标", "分值", "评价标准", "得分"],
    [
        "投入",
        10,
        "预算配置",
        10,
        "人员控制",
        5,
        "在职人员控制率",
        5,
        "≤100%得5分；每超过1个百分点扣0.5分",
        5,
    ],
    [
        None,
        None,
        None,
        None,
        "经费控制",
        5,
        "“三公经费”变动率",
        5,
        "≤0得5分；每增长1个百分点扣0.5分",
        5,
    ],
    [
        "过程",
        20,
        "预算管理",
        20,
        "资产管理",
        10,
        "固定资产利用率",
        10,
        "≥90%得10分，80%≤利用率<90%得6分，<80%不得分",
        6,
    ],
    [None, None, None, None, "制度管理", 10, "管理制度健全性", 5, "制度健全得5分，每缺一项扣1分。", 5],
    [None, None, None, None, None, None, "资金使用合规性", 5, "发现违规使用资金的，每项扣1分。", 5],
    ["产出及效果", 70, "履职效益", 70, "履职效果", 70, "经济效益", 35, "根据履职情况评定。", 30],
    [None, None, None, None, None, None, "社会效益", 35, "根据履职情况评定。", 34],
    ["合计", None, None, None, None, None, None, 100, None, 90],  # 5 + 5 + 6 + 5 + 5 + 30 + 34
    ["自评等级", None, None, None, None, None, None, None, None, "优"],
]
FOUR_MERGES = [(6, 1, 8, 1), (6, 2, 8, 2), (6, 3, 8, 3), (6, 4, 8, 4), (7, 5, 8, 5), (7, 6, 8, 6)]
FOUR_MERGES += [(4, 1, 5, 1), (4, 2, 5, 2), (4, 3, 5, 3), (4, 4, 5, 4), (9, 5, 10, 5), (9, 6, 10, 6)]
FOUR_MERGES += [(9, 1, 10, 1), (9, 2, 10, 2), (9, 3, 10, 3), (9, 4, 10, 4)]
ASSETS: Cells = [["固定资产使用情况", "固定资产总额", "实际在用固定资产总额", "利用率"], [None, 8000, 6960, "87.00%"]]


def test_a_table_of_four_levels(tmp_path: Path) -> None:
    # the 四级 names the indicators, each with its own 分值: the 合计 90 adds up and is 优 (before: the merged 三级
    # cells were read as the indicators, "各指标得分之和为 …" and a wrong grade)
    staff = [["财政供养人员情况", "编制人数", "实际在职人数", "控制率"], [None, 50, 48, "96.00%"]]  # ≤ 100 %: 5
    base = [*TOP, *staff, *ASSETS, *REST]
    result = _score(tmp_path, [("附件4", base, []), ("附件5", FOUR, FOUR_MERGES)])
    assert _errors(result) == {} and result.total == 90 and result.grade == "优"
    # 6960 ÷ 8000 = 87 % in "80%≤利用率<90%": 6; typed 10 instead, the 合计 94 with it
    rows = [list(row) for row in FOUR]
    rows[5][9], rows[10][9] = 10, 94
    result = _score(tmp_path, [("附件4", base, []), ("附件5", rows, FOUR_MERGES)])
    assert _errors(result) == {"附件5!J6": Code.SCORE_MISMATCH.value}


def test_an_adjustment_printed_as_the_adjusted_budget(tmp_path: Path) -> None:
    # 年初预算数 5000, 调整后预算数 5600: the 年中预算调整 is 600, the 调整率 600 ÷ 5000 = 12.00 %, typed 10.00 %
    # (before, no 年中预算调整 was printed and the rate went unchecked)
    rest = [list(row) for row in REST]
    rest[4:6] = [["预算调整情况", "年初预算数", "调整后预算数", "调整率"], [None, 5000, 5600, "10.00%"]]
    result = _score(tmp_path, [("附件4", [*TOP, *STAFF, *rest], [])])
    assert _errors(result) == {"附件4!D10": "rate-mismatch"}
    rest[5][3] = "12.00%"
    assert _errors(_score(tmp_path, [("附件4", [*TOP, *STAFF, *rest], [])])) == {}
    # all three printed: a 年中预算调整 that is not 调整后 − 年初 (5600 − 5000 = 600, typed 500) is said; the rate
    # follows the printed 500 (10.00 %), as the form's own figure
    head = ["预算调整情况", "年初预算数", "年中预算调整", "调整后预算数", "调整率"]
    rest[4:6] = [head, [None, 5000, 500, 5600, "10.00%"]]
    assert _errors(_score(tmp_path, [("附件4", [*TOP, *STAFF, *rest], [])])) == {"附件4!C10": "rate-mismatch"}
