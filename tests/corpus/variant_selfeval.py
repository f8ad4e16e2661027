"""A generated 项目支出 / 部门整体支出 自评表: header, funds block, goals, indicator table, totals, grade."""

from __future__ import annotations

import random
from decimal import Decimal

from corpus.grid import Grid, parse_a1
from corpus.key import AnswerKey, Declared
from corpus.rules import grade, plain
from corpus.variant_funds import write_funds
from corpus.variant_indicators import plan, write_indicators

PROJECT_TITLES = ["项目支出绩效自评表", "部门预算项目支出绩效自评表", "绩效目标自评表", "财政项目支出绩效自评表"]
DEPARTMENT_TITLES = ["部门整体支出绩效自评表", "部门整体绩效目标自评表"]
COVERS = ["all", "indicators", "both", "header"]


def selfeval(rng: random.Random, inject: set[str]) -> tuple[Grid, AnswerKey]:
    department = rng.random() < 0.35
    title = rng.choice(DEPARTMENT_TITLES if department else PROJECT_TITLES)
    covers = rng.choice(COVERS)
    key = AnswerKey(sheet="自评表", title=title, form="department" if department else "project", total_covers=covers)
    key.features |= {f"title:{title}", f"total:{covers}"}
    grid = Grid(rng.choice(["自评表", title, "Sheet1"]))
    key.sheet = grid.name
    grid.put(1, 1, title)
    grid.put(2, 1, f"（{rng.choice([2021, 2022, 2023])}年度）")
    one_cell = rng.random() < 0.25
    key.features |= {"header-label-value-one-cell"} if one_cell else set()
    fields = [("部门名称", "某某县某某局")] if department else [("项目名称", "某某专项经费")]
    if department and rng.random() < 0.4:
        fields.append(("项目名称", "部门整体支出"))
        key.features.add("dept-with-project-name")
    r = 3
    for label, value in fields:
        _field(grid, r, 1, label, value, one_cell)
        r += 1
    _field(grid, r, 1, "主管部门", "某某县某某局", one_cell)
    _field(grid, r, 6, "实施单位", "某某中心", one_cell)
    header_total = None
    if covers == "header" or rng.random() < 0.25:
        header_total = (r + 1, rng.choice(["one-cell", "two-cells", "colon"]))
        key.features.add("header-total:" + ("one-cell" if header_total[1] == "one-cell" else "two-cells"))
        r += 1
    funds = write_funds(grid, key, rng, r + 1, inject)
    r = funds.next_row
    grid.put(r, 1, "年度总体目标")
    grid.put(r, 2, "预期目标")
    grid.put(r, 6, "实际完成情况")
    grid.put(r + 1, 2, "按计划完成年度任务。")
    grid.put(r + 1, 6, "已按计划完成。")
    grid.merge(r, 1, r + 1, 1)
    rows = plan(rng, int(100 - funds.weight), inject)
    r = write_indicators(grid, key, rng, r + 2, rows, inject)
    weight_cells = [c for ind in key.indicators for c in ind.weight_cells]
    score_cells = [ind.score_cell for ind in key.indicators]
    weights = sum((ind.weight for ind in key.indicators), Decimal(0))
    scores = sum((ind.score for ind in key.indicators), Decimal(0))
    everything = scores + funds.score
    weight_col = _col_of(weight_cells[0])
    score_col = _col_of(score_cells[0])
    totals: list[tuple[str, Decimal, Decimal, list[str], list[str]]] = []
    if covers in ("indicators", "both"):
        totals.append((rng.choice(["绩效指标总分", "合计"]), weights, scores, weight_cells, score_cells))
    if covers in ("all", "both"):
        totals.append(
            (
                "总分",
                weights + funds.weight,
                everything,
                [funds.weight_cell, *weight_cells],
                [funds.score_cell, *score_cells],
            )
        )
    wrong_weight = rng.randrange(len(totals)) if totals and "weight-total" in inject else -1
    wrong_score = rng.randrange(len(totals) + (header_total is not None)) if "total" in inject else -1
    for i, (label, weight, score, w_cells, s_cells) in enumerate(totals):
        grid.put(r, 1, label)
        grid.merge(r, 1, r, min(weight_col, score_col) - 1)
        printed = weight + (5 if i == wrong_weight else 0)
        cell = grid.put(r, weight_col, printed)
        key.declare(Declared("total", cell, printed, weight, printed == weight, tuple(w_cells)), "weight-total")
        printed = score + (Decimal(rng.choice(["-2.5", "-1", "1", "3"])) if i == wrong_score else 0)
        cell = grid.put(r, score_col, printed)
        key.declare(Declared("total", cell, printed, score, printed == score, tuple(s_cells)))
        r += 1
    all_scores = (funds.score_cell, *score_cells)
    if header_total is not None:
        printed = everything + (Decimal("1.5") if wrong_score == len(totals) else 0)
        row, style = header_total
        cell = _field(grid, row, 1, "自评总分" + ("：" if style == "colon" else ""), printed, style == "one-cell")
        key.declare(Declared("total", cell, printed, everything, printed == everything, all_scores))
    if rng.random() < 0.4:
        key.features.add("grade")
        correct = grade(everything)
        printed_grade = rng.choice([g for g in "优良中差" if g != correct]) if "grade" in inject else correct
        grid.put(r, 1, rng.choice(["自评等级", "评价等级"]))
        cell = grid.put(r, 2, printed_grade)
        key.declare(Declared("grade", cell, printed_grade, correct, printed_grade == correct, all_scores))
        r += 1
    width = max(c for _, c in grid.cells)
    grid.merge(1, 1, 1, width)
    grid.merge(2, 1, 2, width)
    return grid, key


def _field(grid: Grid, row: int, col: int, label: str, value: str | Decimal, one_cell: bool) -> str:
    """A header field: label and value in two cells, or "标签：值" in one; returns the value's cell."""
    if one_cell:
        text = value if isinstance(value, str) else plain(value)
        return grid.put(row, col, f"{label.rstrip('：:')}：{text}")
    grid.put(row, col, label)
    return grid.put(row, col + 1, value)


def _col_of(ref: str) -> int:
    return parse_a1(ref)[1]
