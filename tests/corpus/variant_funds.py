"""The funds block of a generated 自评表: a tree of amounts, declared rates, the 执行率 points, injected mistakes."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from corpus.grid import Grid, a1
from corpus.key import AnswerKey, Declared
from corpus.rules import CENT, half_up, rate, rate_ok, rate_score

ZERO = Decimal(0)
AMOUNT_WORDS = {
    "initial": ["年初预算数", "年初预算"],
    "budget": ["全年预算数", "全年预算数(A)", "调整后预算数", "全年预算数（A）"],
    "executed": ["全年执行数", "全年执行数(B)", "预算执行数"],
    "weight": ["分值", "权重", "执行率权重分值"],
    "rate": ["执行率", "执行率(B/A)", "预算执行率"],
    "score": ["得分", "执行率得分"],
}


@dataclass
class FundRow:
    label: str
    depth: int  # 0 年度资金总额, 1 其中 rows, 2 a breakdown of 财政拨款
    amounts: dict[str, Decimal | None]  # initial / budget / executed; None prints blank


@dataclass
class FundsOut:
    """What the rest of the form needs from the funds block."""

    next_row: int
    weight: Decimal
    score: Decimal
    score_cell: str
    weight_cell: str


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def plan_rows(rng: random.Random, yuan: bool, tree: bool, over: bool) -> list[FundRow]:
    scale = 10000 if yuan else 1
    budget = _amount(rng, 5 * scale, 800 * scale)
    executed = half_up(budget * Decimal(rng.randint(101, 106) if over else rng.randint(70, 100)) / 100, 2)
    initial = budget if rng.random() < 0.6 else half_up(budget * Decimal(rng.randint(60, 99)) / 100, 2)
    fiscal = FundRow(
        rng.choice(["其中：当年财政拨款", "其中:财政拨款", "其中:财政资金", "其中：本年财政拨款"]),
        1,
        {"initial": initial, "budget": budget, "executed": executed},
    )
    rows = [fiscal]
    if tree:
        share = Decimal(rng.randint(50, 90)) / 100
        part = {k: half_up(v * share, 2) for k, v in fiscal.amounts.items() if v is not None}
        rows.append(FundRow("一般公共预算", 2, dict(part)))
        rows.append(FundRow("政府性基金", 2, {k: v - part[k] for k, v in fiscal.amounts.items() if v is not None}))
    carry = rng.choice([None, ZERO, _amount(rng, 1 * scale, 30 * scale)])
    rows.append(FundRow("上年结转资金", 1, {"initial": carry, "budget": carry, "executed": carry}))
    rows.append(FundRow("其他资金", 1, {"initial": None, "budget": ZERO, "executed": ZERO}))
    total = {
        k: sum((r.amounts[k] or ZERO for r in rows if r.depth == 1), ZERO) for k in ("initial", "budget", "executed")
    }
    return [FundRow(rng.choice(["年度资金总额", "年度资金总额:", "总额"]), 0, dict(total)), *rows]


def write_funds(grid: Grid, key: AnswerKey, rng: random.Random, top: int, inject: set[str]) -> FundsOut:
    """Lay the block out from row `top`: header row, then 年度资金总额 and its 其中 rows."""
    yuan, tree = rng.random() < 0.3, rng.random() < 0.3
    over = rng.random() < 0.1
    rows = plan_rows(rng, yuan, tree, over)
    roles = (["initial"] if rng.random() < 0.7 else []) + ["budget", "executed"]
    roles += ["weight", "rate", "score"] if rng.random() < 0.7 else ["rate", "weight", "score"]
    col = {role: 3 + i for i, role in enumerate(roles)}
    words = {role: rng.choice(AMOUNT_WORDS[role]) for role in roles}
    key.features |= {f"hdr:{words[r]}" for r in ("budget", "executed", "rate", "weight")}
    key.features |= {"initial-budget-col"} if "initial" in roles else set()
    key.features |= {"funds-tree"} if tree else set()
    key.features |= {"rate-over-100"} if over else set()
    amount_style = rng.choice(["yuan-text", "yuan-number"]) if yuan else rng.choice(["0.00", None])
    if yuan:
        key.features.add(f"amounts-{amount_style}")
    grid.put(top, 1, f"项目资金（{'元' if yuan else '万元'}）")
    grid.merge(top, 1, top, 2)
    for role in roles:
        grid.put(top, col[role], words[role])
    grid.merge(top + 1, 1, top + len(rows), 1)
    fiscal = 1
    score_row = fiscal if rng.random() < 0.15 else 0
    rate_rows = {score_row} | ({fiscal} if score_row == 0 and rng.random() < 0.25 else set())
    key.features |= {"score-on-subrow"} if score_row else set()
    key.features |= {"rate-on-subrow"} if len(rate_rows) > 1 else set()
    double = _corrupt_sums(rng, rows, tree, inject)
    weight = Decimal(rng.choice([10, 10, 10, 20]))
    cells: dict[tuple[int, str], str] = {}
    slash = rng.choice(["—", "/", None])
    key.features |= {"slash-cells"} if slash == "/" else set()
    out = FundsOut(0, weight, ZERO, "", "")
    for i, row in enumerate(rows):
        r = top + 1 + i
        grid.put(r, 2, ("  " * max(row.depth - 1, 0)) + row.label)
        for role in ("initial", "budget", "executed"):
            if role in col:
                cells[(i, role)] = _put_amount(grid, r, col[role], row.amounts.get(role), amount_style)
        if i in rate_rows:
            _declare_rate(grid, key, rng, r, col, cells, i, rows[i], "rate" in inject and i == score_row)
        elif row.amounts.get("budget") == ZERO and row.amounts.get("executed") == ZERO:
            # 0 ÷ 0 has no rate: what a system prints there ("0/0", "/", "0.00%") declares nothing, so no key entry
            mark = rng.choice(["0/0", "/", "0.00%", None])
            key.features |= {"zero-zero"} if mark == "0/0" else set()
            grid.put(r, col["rate"], mark)
        if i == score_row:
            out = _declare_score(grid, key, r, col, cells, i, row, weight, "rate-score" in inject)
        elif slash:
            grid.put(r, col["weight"], slash)
            grid.put(r, col["score"], slash)
    _declare_sums(key, rows, cells, tree, double)
    out.next_row = top + len(rows) + 1
    return out


def _put_amount(grid: Grid, row: int, col: int, value: Decimal | None, style: str | None) -> str:
    if value is None:
        return a1(row, col)
    if style == "yuan-text":
        return grid.put(row, col, f"{value:,.2f}")
    return grid.put(row, col, value, "#,##0.00" if style == "yuan-number" else style)


def _corrupt_sums(rng: random.Random, rows: list[FundRow], tree: bool, inject: set[str]) -> bool:
    """Make one amount wrong; True when the total adds a breakdown row (一般公共预算) a second time."""
    column = rng.choice(["budget", "executed"])
    total = rows[0].amounts
    if "double-count" in inject and tree:
        total[column] = (total[column] or ZERO) + (rows[2].amounts[column] or ZERO)
        return True
    if "sum" in inject:
        value = total[column] or ZERO
        delta = rng.choice([-1, 1]) * max(CENT, half_up(value * rng.randint(1, 10) / 100, 2))
        total[column] = value + delta
        if tree and rng.random() < 0.5:  # 财政拨款 off its breakdown; the total still adds up what is printed
            rows[1].amounts[column] = (rows[1].amounts[column] or ZERO) + delta
    return False


def _declare_sums(
    key: AnswerKey, rows: list[FundRow], cells: dict[tuple[int, str], str], tree: bool, double: bool
) -> None:
    groups = [(0, [i for i, r in enumerate(rows) if r.depth == 1])]
    if tree:
        groups.append((1, [i for i, r in enumerate(rows) if r.depth == 2]))
    for parent, children in groups:
        for role in ("initial", "budget", "executed"):
            if (parent, role) not in cells:
                continue
            parts = [rows[i].amounts.get(role) or ZERO for i in children]
            declared = rows[parent].amounts.get(role) or ZERO
            correct = sum(parts, ZERO)
            key.declare(
                Declared(
                    "sum",
                    cells[(parent, role)],
                    declared,
                    correct,
                    abs(declared - correct) < CENT,
                    tuple(cells[(i, role)] for i in children),
                ),
                "double-count" if double and parent == 0 else "sum",
            )


def _declare_rate(
    grid: Grid,
    key: AnswerKey,
    rng: random.Random,
    r: int,
    col: dict[str, int],
    cells: dict[tuple[int, str], str],
    i: int,
    row: FundRow,
    wrong: bool,
) -> None:
    executed, budget = row.amounts["executed"] or ZERO, row.amounts["budget"] or ZERO
    computed = rate(executed, budget)
    assert computed is not None
    places = rng.choice([0, 2, 2])
    percent = half_up(computed * 100, places)
    if wrong:
        percent += Decimal(rng.choice([-1, 1]) * rng.randint(2, 5))
        percent = abs(percent)
    if rng.random() < 0.5:
        cell = grid.put(r, col["rate"], f"{percent:.{places}f}%")
    else:
        cell = grid.put(r, col["rate"], percent / 100, "0%" if places == 0 else "0.00%")
    key.declare(
        Declared(
            "rate",
            cell,
            percent,
            half_up(computed * 100, 2),
            rate_ok(percent, places, computed),
            (cells[(i, "executed")], cells[(i, "budget")]),
        )
    )


def _declare_score(
    grid: Grid,
    key: AnswerKey,
    r: int,
    col: dict[str, int],
    cells: dict[tuple[int, str], str],
    i: int,
    row: FundRow,
    weight: Decimal,
    wrong: bool,
) -> FundsOut:
    weight_cell = grid.put(r, col["weight"], weight)
    computed = rate_score(weight, (row.amounts["executed"] or ZERO) / (row.amounts["budget"] or ZERO))
    declared = (weight if computed < weight - 1 else computed - Decimal("1.5")) if wrong else computed
    cell = grid.put(r, col["score"], declared)
    key.declare(
        Declared(
            "rate-score",
            cell,
            declared,
            computed,
            declared == computed,
            (weight_cell, cells[(i, "executed")], cells[(i, "budget")]),
        )
    )
    return FundsOut(0, weight, declared, cell, weight_cell)
