"""A generated 附件5 部门整体支出绩效自评指标计分表 (docs/domain.md §4) whose rows and columns vary as real ones do."""

from __future__ import annotations

import random
from decimal import Decimal

from corpus.grid import Grid, a1
from corpus.key import AnswerKey, Declared, Indicator
from corpus.rules import grade

BLOCKS: list[tuple[str, str, list[tuple[str, int]]]] = [
    ("投入", "预算配置", [("在职人员控制率", 7), ("“三公经费”变动率", 8)]),
    (
        "过程",
        "预算执行",
        [("预算完成率", 5), ("预算控制率", 5), ("新建楼堂馆所面积控制率", 5), ("新建楼堂馆所投资概算控制率", 5)],
    ),
    (
        "过程",
        "预算管理",
        [
            ("公用经费控制率", 7),
            ("“三公经费”控制率", 8),
            ("管理制度健全性", 8),
            ("资金使用合规性", 5),
            ("预决算信息公开性", 2),
        ],
    ),
    ("产出及效率", "职责履行", [("目标任务实际完成率", 8)]),
    ("产出及效率", "履职效益", [("经济效益", 5), ("社会效益", 5), ("生态效益", 5)]),
    ("产出及效率", "", [("行政效能", 6), ("社会公众或服务对象满意度", 6)]),
]
ALIASES = {"在职人员控制率": "财政供养人员控制率", "预算控制率": "预算调整率"}
REPLACEABLE = ["预决算信息公开性", "新建楼堂馆所投资概算控制率", "公用经费控制率"]
UNKNOWN = ["重点支出安排率", "政府采购执行率", "固定资产利用率", "结转结余率", "支付进度率"]
LVZHI = ["one-row", "three-merged", "three-scored"]


def fj5(rng: random.Random, inject: set[str]) -> tuple[Grid, AnswerKey]:
    key = AnswerKey(sheet="附件5", title="部门整体支出绩效自评指标计分表", form="score-table", total_covers="all")
    grid = Grid(rng.choice(["附件5", "计分表", "Sheet1"]))
    key.sheet = grid.name
    lvzhi = rng.choice(LVZHI)
    level_cols = rng.random() < 0.35
    key.features |= {"fj5", f"fj5:lvzhi-{lvzhi}"} | ({"fj5:level-weight-cols"} if level_cols else set())
    renamed = {old: new for old, new in ALIASES.items() if rng.random() < 0.4}
    key.features |= {f"fj5:alias:{new}" for new in renamed.values()}
    unknown = rng.choice(REPLACEABLE) if rng.random() < 0.4 else ""
    renamed |= {unknown: rng.choice(UNKNOWN)} if unknown else {}
    key.features |= {"fj5:unknown-indicator"} if unknown else set()
    named_weight = rng.random() < 0.3
    key.features |= {"fj5:weight-in-name"} if named_weight else set()
    placeholder = rng.choice(["指标2", "……", "*"]) if rng.random() < 0.35 else None
    key.features |= {"fj5:placeholder"} if placeholder else set()
    # columns: 一级 [分值] 二级 [分值] 三级 分值 评价标准 得分
    c1, c2 = 1, (3 if level_cols else 2)
    c3 = c2 + (2 if level_cols else 1)
    cw, cstd, cs = c3 + 1, c3 + 2, c3 + 3
    grid.put(1, 1, "部门整体支出绩效自评指标计分表")
    heads = {c1: "一级指标", c2: "二级指标", c3: "三级指标", cw: "分值", cstd: "评价标准", cs: "得分"}
    heads |= {c1 + 1: "分值", c2 + 1: "分值"} if level_cols else {}
    for c, word in heads.items():
        grid.put(2, c, word)
    r = 3
    over = rng.randrange(15) if "score-over-weight" in inject else -1
    groups: dict[str, list[int]] = {}
    for l1, l2, items in BLOCKS:
        start = r
        if l2 == "履职效益" and lvzhi == "one-row":
            items = [("", 15)]
        for name, weight in items:
            shown = renamed.get(name, name)
            if named_weight and shown == "资金使用合规性":
                shown = f"资金使用合规性({weight}分)"
            grid.put(r, c3, shown)
            cell_w = grid.put(r, cw, Decimal(weight))
            grid.put(r, cstd, "按评分标准计分")
            if l2 == "履职效益" and lvzhi == "three-merged":
                r += 1
                continue
            score = _score(rng, weight, len(key.indicators) == over)
            cell_s = grid.put(r, cs, score)
            _indicator(key, (l1, l2, shown) if shown else (l1, l2), Decimal(weight), score, (cell_w,), cell_s)
            r += 1
        if l2 == "履职效益" and lvzhi == "three-merged":
            score = _score(rng, 15, len(key.indicators) == over)
            cell_s = grid.put(start, cs, score)
            grid.merge(start, cs, r - 1, cs)
            _indicator(key, (l1, l2), Decimal(15), score, tuple(a1(x, cw) for x in range(start, r)), cell_s)
        if placeholder and l2 in ("履职效益", "预算管理") and rng.random() < 0.6:
            key.placeholders.append(grid.put(r, c3, placeholder))
            r += 1
        label2 = l2
        if level_cols and l2:
            _group(grid, key, r, start, c2 + 1, cw, "group-weight" in inject and l2 == "预算执行")
        elif named_weight and l2:
            weight_in_label = _sum_cells(grid, start, r, cw)
            label2 = f"{l2}({weight_in_label}分)"
            inputs = tuple(a1(x, cw) for x in range(start, r) if (x, cw) in grid.cells)
            key.declare(Declared("total", a1(start, c2), weight_in_label, weight_in_label, True, inputs))
        grid.put(start, c2, label2)
        grid.merge(start, c2, r - 1, c2)
        groups.setdefault(l1, []).extend(range(start, r))
    for l1, rows in groups.items():
        if level_cols:
            _group(grid, key, rows[-1] + 1, rows[0], c1 + 1, cw, False)
        grid.put(rows[0], c1, l1)
        grid.merge(rows[0], c1, rows[-1], c1)
    _totals(grid, key, rng, r, cw, cs, inject)
    grid.merge(1, 1, 1, cs)
    return grid, key


def _score(rng: random.Random, weight: int, over: bool) -> Decimal:
    if over:
        return Decimal(weight + rng.choice([1, 2, 3]))
    return Decimal(weight) - (Decimal(rng.choice([1, 2])) if rng.random() < 0.2 else 0)


def _indicator(
    key: AnswerKey,
    levels: tuple[str, ...],
    weight: Decimal,
    score: Decimal,
    weight_cells: tuple[str, ...],
    score_cell: str,
) -> None:
    key.indicators.append(Indicator(levels, weight, score, weight_cells, score_cell))
    key.declare(Declared("score", score_cell, score, weight, score <= weight, weight_cells), "score-over-weight")


def _sum_cells(grid: Grid, first: int, stop: int, col: int) -> Decimal:
    return sum(
        (Decimal(str(grid.cells[(r, col)][0])) for r in range(first, stop) if (r, col) in grid.cells), Decimal(0)
    )


def _group(grid: Grid, key: AnswerKey, stop: int, first: int, col: int, cw: int, wrong: bool) -> None:
    """A level's weight in a 分值 column of its own, merged over its rows, declared as the sum of its 三级 weights."""
    correct = _sum_cells(grid, first, stop, cw)
    printed = correct + (5 if wrong else 0)
    cell = grid.put(first, col, printed)
    grid.merge(first, col, stop - 1, col)
    inputs = tuple(a1(r, cw) for r in range(first, stop) if (r, cw) in grid.cells)
    key.declare(Declared("total", cell, printed, correct, printed == correct, inputs), "group-weight")


def _totals(grid: Grid, key: AnswerKey, rng: random.Random, r: int, cw: int, cs: int, inject: set[str]) -> None:
    weights = sum((ind.weight for ind in key.indicators), Decimal(0))
    scores = sum((ind.score for ind in key.indicators), Decimal(0))
    weight_cells = tuple(c for ind in key.indicators for c in ind.weight_cells)
    score_cells = tuple(ind.score_cell for ind in key.indicators)
    grid.put(r, 1, rng.choice(["合计", "总分", "合 计"]))
    grid.merge(r, 1, r, cw - 1)
    printed = weights + (5 if "weight-total" in inject else 0)
    key.declare(
        Declared("total", grid.put(r, cw, printed), printed, weights, printed == weights, weight_cells), "weight-total"
    )
    printed = scores + (Decimal(rng.choice([-2, 1, 3])) if "total" in inject else 0)
    key.declare(Declared("total", grid.put(r, cs, printed), printed, scores, printed == scores, score_cells))
    if rng.random() < 0.5:
        key.features.add("grade")
        correct = grade(scores)
        shown = rng.choice([g for g in "优良中差" if g != correct]) if "grade" in inject else correct
        grid.put(r + 1, 1, "等级")
        cell = grid.put(r + 1, cs, shown)
        key.declare(Declared("grade", cell, shown, correct, shown == correct, score_cells))
