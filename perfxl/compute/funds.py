"""A 自评表's funds block: 执行率 per row, the rows' sums and the 执行率得分, column-wise over the batch.

One long table holds every funds row of every instance of every workbook in the batch; the rates are
computed on its columns at once. The same amounts are compared with 附件4 by the rule set's ``cross_checks``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from perfxl.compute.funds_slips import Slip
from perfxl.compute.judge import judge_declared_rate, judge_rate, rate_bound
from perfxl.compute.readings import amount_number, as_float, finding
from perfxl.locate.located import FundsRow, Instance, Located
from perfxl.locate.rate_definition import over_initial
from perfxl.read.values import WAN, fmt, fmt_pct, is_empty, parse_number, shown
from perfxl.report.findings import Code, Finding, Severity
from perfxl.report.instances import FundsResult, InstanceResult
from perfxl.rules import RuleSet, SelfEvalDef

_AMOUNTS = ("initial", "annual", "executed")
_AMOUNT_NAMES = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数"}


_UNLABELLED = {"total": "资金总额"}


def funds_table(books: Sequence[Located]) -> pd.DataFrame:
    """One row per funds row of every instance: its place in the tree, amounts, and the rate by the national and
    年初 definitions."""
    records = []
    for b, book in enumerate(books):
        for i, inst in enumerate(book.instances):
            initial = inst.defined is not None and over_initial(inst.defined)
            for n, row in enumerate(inst.funds):
                rec: dict[str, Any] = {
                    "book": b,
                    "instance": i,
                    "line": n,
                    "parent": row.parent,
                    "group": _group(row),
                }
                for role in _AMOUNTS:
                    rec[role] = amount_number(row.cells.get(role))
                    rec[f"{role}_fiscal"] = amount_number(row.cells.get(f"{role}_fiscal"))
                rec["amount"] = amount_number(row.cells.get("amount"))
                # a form printing only 年初预算数(A) and 执行率(B/A), or defining its rate over the 年初预算数
                rec["own_budget"] = "annual" not in row.cells or initial
                rec["caption"] = row.row == "caption"  # a list's caption printing its sum: no part of the total's
                records.append(rec)
    columns = ["book", "instance", "line", "parent", "group", *_AMOUNTS, *(f"{a}_fiscal" for a in _AMOUNTS), "amount"]
    table = pd.DataFrame.from_records(records, columns=[*columns, "own_budget", "caption"])
    for col in columns[5:]:
        table[col] = pd.to_numeric(table[col], errors="coerce").astype(float)
    # the rate over the 全年预算数; on a form that prints no such column, over the one budget it prints (its own B/A)
    table["budget"] = table["annual"].where(~table["own_budget"].astype(bool), table["initial"])
    table["rate"] = table["executed"] / table["budget"].where(table["budget"] != 0) * 100
    table["rate_initial"] = table["executed"] / table["initial"].where(table["initial"] != 0) * 100
    return table


def _group(row: FundsRow) -> int:
    """Which set of its parent's parts a row is in: by source of funds (0), or by use (1: 基本支出 / 项目支出)."""
    return 1 if row.row == "use" else 0


def part_sums(funds: pd.DataFrame) -> pd.DataFrame:
    """Per funds row that has parts, the sum of each set of its parts in every amount column (a blank, "/" or "—"
    part counts nothing; NaN where every part is blank) and the number of parts, indexed by (book, instance, parent
    line, group)."""
    amounts = [*_AMOUNTS, *(f"{a}_fiscal" for a in _AMOUNTS), "amount"]
    parts = funds.loc[
        funds["parent"].notna() & ~funds["caption"].astype(bool), ["book", "instance", "parent", "group", *amounts]
    ]
    grouped = parts.groupby(["book", "instance", "parent", "group"])
    sums = grouped.sum(min_count=1)
    sums["parts"] = grouped.size()
    return sums


def funds_findings(
    inst: Instance,
    records: list[dict[str, Any]],
    spec: SelfEvalDef,
    rules: RuleSet,
    result: InstanceResult,
    sums: PartSums,
    slips: list[Slip],
) -> Iterator[Finding]:
    where = f"{inst.name}·"
    slipped = {slip.line for slip in slips}
    for n, (row, rec) in enumerate(zip(inst.funds, records, strict=True)):
        rate, rate_initial = as_float(rec["rate"]), as_float(rec["rate_initial"])
        hit = row.cells.get("rate")
        declared = parse_number(hit.raw) if hit is not None else None
        blank = hit is not None and (hit.raw is None or (declared is not None and declared.status == "empty"))
        result.funds.append(
            FundsResult(
                row.row,
                row.label or _UNLABELLED.get(row.row, "资金"),  # a line with no label of its own (重庆's one line)
                as_float(rec["initial"]),
                as_float(rec["annual"]),
                as_float(rec["executed"]),
                rate,
                shown(hit.raw) if hit and hit.raw is not None else None,
                inst.sheet,
                hit.cell if hit else None,
                filled=is_empty(hit.raw) and rate is not None if hit is not None else False,  # "—" is the unit's
            )
        )
        if hit is None or declared is None or blank or rate is None:
            continue
        verdict = judge_declared_rate(hit.raw, rate)
        item = f"{where}{row.label}执行率"
        bound = rate_bound(hit.raw) if verdict is None else None
        if bound is not None:  # "100%以上": true of the amounts (said, as no rate was typed), or said wrong
            worked = f"{fmt(rec['executed'], 4)} / {fmt(rec['budget'], 4)} = {fmt_pct(rate)}"
            said = f"{row.label}执行率填报「{shown(hit.raw)}」而非比率，按 {worked}"
            level: Severity = "info" if bound.holds(rate) else "error"
            yield finding(Code.RATE_MISMATCH, level, hit, item, shown(hit.raw), round(rate, 2), said)
            continue
        if verdict is None:
            yield finding(
                Code.BAD_VALUE,
                "error",
                hit,
                item,
                shown(hit.raw),
                rate,
                f"{row.label or '执行率'}「{shown(hit.raw)}」无法识别为百分比",
            )
            continue
        if verdict.severity is None or n in slipped:
            continue  # (a slipped amount's rate agrees with the amount it should be: the amount is said, once)
        agreed = next((by for by in rates_by_parts(n, rec, sums, rules) if _agrees(hit.raw, by[0])), None)
        if agreed is not None:
            # worked from its parts' Σ: the line's own wrong amount is said at that cell, and the rate (and the
            # score on it) is the one the right amounts give
            rate, executed, budget = agreed
            shown_line = result.funds[-1]
            if shown_line.annual is not None:
                shown_line = replace(shown_line, annual=budget)
            result.funds[-1] = replace(shown_line, rate=rate, executed=executed)
            continue
        formula = f"{fmt(rec['executed'], 4)} / {fmt(rec['budget'], 4)} = {fmt_pct(rate)}"
        if inst.defined is not None and over_initial(inst.defined) and "annual" in row.cells:
            formula += f"(本表注明「{inst.defined.raw}」)"  # why the 全年预算数 it prints is not the one divided by
        initial = rate_initial is not None and judge_rate(verdict.declared, verdict.decimals, rate_initial) is None
        own = inst.defined if initial else None
        code, severity, said = Code.RATE_MISMATCH, verdict.severity, verdict.message(f"{row.label}执行率", formula)
        assert severity is not None
        if initial:  # over the 年初预算数: a plain mistake where the form defines its rate, else another definition
            code, severity = (Code.RATE_MISMATCH, "error") if own else (Code.DEFINITION_DEVIATION, "warning")
            basis = f"本表注明「{own.raw}」" if own else "国家口径为 全年执行数 ÷ 全年预算数"
            said = f"{row.label}执行率填报 {verdict.shown}，系按 全年执行数 ÷ 年初预算数 计算；{basis}: {formula}"
        yield finding(code, severity, hit, item, verdict.shown, round(rate, 2), said)
    yield from _own_budget_note(inst, records)


def _own_budget_note(inst: Instance, records: list[dict[str, Any]]) -> Iterator[Finding]:
    """A form that prints 年初预算数 and no 全年预算数 (贵州's "年初预算数(A) | 全年执行数(B)") is scored over the one
    budget it prints: said once, as the national definition divides by the 全年预算数."""
    for row, rec in zip(inst.funds, records, strict=True):
        if "annual" not in row.cells and as_float(rec["rate"]) is not None and "initial" in row.cells:
            why = "本表没有全年预算数栏，执行率按 全年执行数 ÷ 年初预算数 计算(表上的口径)；国家口径为 ÷ 全年预算数"
            yield finding(
                Code.DEFINITION_DEVIATION, "info", row.cells["initial"], f"{inst.name}·执行率", None, None, why
            )
            return


PartSums = dict[tuple[int, int], dict[str, Any]]  # (parent line, set of parts) -> Σ of each amount, number of parts


def _agrees(declared: object, rate: float) -> bool:
    verdict = judge_declared_rate(declared, rate)
    return verdict is not None and verdict.severity is None


def rates_by_parts(n: int, rec: dict[str, Any], sums: PartSums, rules: RuleSet) -> list[tuple[float, float, float]]:
    """Line n's 执行率 worked from the Σ of its parts' 执行数 or 全年预算数 (or both) where a Σ is not the line's own (a
    wrong total whose rate, and score, the person worked from the right parts): each such reading as (rate, 执行数,
    预算数); none otherwise."""
    executed, annual = as_float(rec["executed"]), as_float(rec["annual"])
    if executed is None or not annual:
        return []
    out = []
    for (parent, _), got in sums.items():
        if parent != n or got["parts"] < 2:
            continue
        parts = [as_float(got.get(col)) for col in ("executed", "annual")]
        other = [
            p if p is not None and abs(p - v) > rules.money_tol + 1e-9 else None
            for p, v in zip(parts, (executed, annual), strict=True)
        ]
        for e, a in ((other[0], annual), (executed, other[1]), (other[0], other[1])):
            if e is not None and a:
                out.append((e / a * 100, e, a))
    return out


def funds_sum_findings(
    inst: Instance, records: list[dict[str, Any]], sums: PartSums, rules: RuleSet, slips: list[Slip]
) -> Iterator[Finding]:
    """Each funds row with at least two parts (年度资金总额 = 财政拨款 + 上年结转 + 其他资金; 财政拨款 = 一般公共预算 +
    政府性基金 …; 年度资金总额 = 基本支出 + 项目支出, the other set) against their sum, in every amount column; one part
    alone may be only "其中", not the whole."""
    for slip in slips:  # a part whose amount is the slip (``compute.funds_slips``): said there, not at its total
        yield _slip_finding(inst, records, slip)
    for (n, group), got in sorted(sums.items()):
        if got["parts"] < 2:
            continue
        row, rec = inst.funds[n], records[n]
        children = [(r, c) for r, c in zip(inst.funds, records, strict=True) if r.parent == n and _group(r) == group]
        for col in (c for c in (*_AMOUNTS, *(f"{a}_fiscal" for a in _AMOUNTS)) if c in row.cells):
            declared, parts = as_float(rec[col]), as_float(got.get(col))
            if declared is None or parts is None or abs(declared - parts) <= rules.money_tol + 1e-9:
                continue
            if abs(declared - _parts_as_summed(inst, records, sums, n, group, col)) <= rules.money_tol + 1e-9:
                continue  # a part that does not match its own parts is the wrong one: said at that part
            if any(slip.col == col and inst.funds[slip.line].parent == n for slip in slips):
                continue  # the part whose amount is the slip is said at that part
            name = _AMOUNT_NAMES[col.split("_")[0]] + ("(财政资金)" if col.endswith("_fiscal") else "")
            terms = " + ".join(fmt(as_float(c[col]) or 0.0) for _, c in children)
            again = _counted_twice(inst, records, n, col, declared - parts, rules.money_tol)
            yield finding(
                Code.SUM_MISMATCH,
                "error",
                row.cells.get(col),
                f"{inst.name}·{row.label or '资金'}{name}",
                declared,
                round(parts, 2),
                f"{row.label or '资金'}的{name}填报 {fmt(declared)}，{'按支出性质分的' if group else ''}分项之和为 "
                f"{terms} = {fmt(parts)}{again}",
            )
        yield from _unnamed_parts(inst, row, rec, children, as_float(got.get("amount")), group, rules)


def caption_findings(inst: Instance, records: list[dict[str, Any]], rules: RuleSet) -> Iterator[Finding]:
    """A caption that prints its list's sum ("按支出性质分:1925.67" over 基本支出 900.47 and 项目支出 1025.20): held to
    the Σ of its list, and to the total's amounts (one of them: the form does not say which)."""
    for n, (row, rec) in enumerate(zip(inst.funds, records, strict=True)):
        declared = as_float(rec["amount"])
        if row.row != "caption" or declared is None:
            continue
        hit, item = row.cells["amount"], f"{inst.name}·{row.label}"
        parts = [as_float(c["amount"]) for r, c in zip(inst.funds, records, strict=True) if r.parent == n]
        summed = sum(p for p in parts if p is not None)
        if len([p for p in parts if p is not None]) >= 2 and abs(declared - summed) > rules.money_tol + 1e-9:
            terms = " + ".join(fmt(p) for p in parts if p is not None)
            text = f"{row.label}填报 {fmt(declared)}，其下各项之和为 {terms} = {fmt(summed)}"
            yield finding(Code.SUM_MISMATCH, "error", hit, item, declared, round(summed, 2), text)
            continue
        parent = records[row.parent] if row.parent is not None else None
        found = [(col, as_float(parent[col])) for col in _AMOUNTS] if parent is not None else []
        totals = [(col, v) for col, v in found if v is not None]
        if parent is None or row.parent is None:
            continue
        if totals and all(abs(declared - v) > rules.money_tol + 1e-9 for _, v in totals):
            # said at the total, as a list of parts that fits none of its amounts is (_unnamed_parts): the list
            # (its caption agreeing with its items) is the total's breakdown, the total's own figure the suspect
            total = inst.funds[row.parent]
            col = next(c for c in ("executed", "annual", "initial") if as_float(parent[c]) is not None)
            amounts = "、".join(f"{_AMOUNT_NAMES[c]} {fmt(v)}" for c, v in totals)
            text = f"{total.label or '资金'}{row.label}为 {fmt(declared)}，与其{amounts} 都不相符"
            yield finding(
                Code.SUM_MISMATCH, "error", total.cells.get(col), f"{inst.name}·{total.label}{row.label}",
                as_float(parent[col]), declared, text,
            )  # fmt: skip


def _slip_finding(inst: Instance, records: list[dict[str, Any]], slip: Slip) -> Finding:
    row, rec = inst.funds[slip.line], records[slip.line]
    parent = inst.funds[row.parent] if row.parent is not None else row
    name, printed = _AMOUNT_NAMES[slip.col], as_float(rec[slip.col])
    executed, annual = (rec["executed"], slip.due) if slip.col == "annual" else (slip.due, rec["annual"])
    return finding(
        Code.SUM_MISMATCH,
        "error",
        row.cells.get(slip.col),
        f"{inst.name}·{row.label}{name}",
        printed,
        round(slip.due, 2),
        f"{row.label}的{name}填报 {fmt(printed)}，按{parent.label or '年度资金总额'}减去其余分项 {fmt(slip.rest)} 应为 "
        f"{fmt(slip.due)}；其执行率也是按 {fmt(as_float(executed))} ÷ {fmt(as_float(annual))} 算出的",
    )


def _parts_as_summed(
    inst: Instance,
    records: list[dict[str, Any]],
    sums: dict[tuple[int, int], dict[str, Any]],
    n: int,
    group: int,
    col: str,
) -> float:
    """Σ of row n's parts in one set, each part that has parts of its own taken as their sum."""
    total = 0.0
    for i, (row, rec) in enumerate(zip(inst.funds, records, strict=True)):
        if row.parent != n or _group(row) != group:
            continue
        below = sums.get((i, 0))
        summed = as_float(below.get(col)) if below is not None and below["parts"] >= 2 else None
        total += (summed if summed is not None else as_float(rec[col])) or 0.0
    return total


def _unnamed_parts(
    inst: Instance,
    row: FundsRow,
    rec: dict[str, Any],
    children: list[tuple[FundsRow, dict[str, Any]]],
    parts: float | None,
    group: int,
    rules: RuleSet,
) -> Iterator[Finding]:
    """Parts printed with one figure each, under no amount column (the national department form's 按收入性质分 /
    按支出性质分 lists): their sum must be one of the total's amounts, the form does not say which."""
    if parts is None or "amount" in row.cells:
        return
    totals = [(col, as_float(rec[col])) for col in _AMOUNTS if as_float(rec[col]) is not None]
    if not totals or any(abs(parts - v) <= rules.money_tol + 1e-9 for _, v in totals if v is not None):
        return
    terms = " + ".join(fmt(as_float(c["amount"]) or 0.0) for _, c in children if as_float(c["amount"]) is not None)
    which = "按支出性质分" if group else "按收入性质分"
    amounts = "、".join(f"{_AMOUNT_NAMES[col]} {fmt(v)}" for col, v in totals if v is not None)
    col = next(c for c in ("executed", "annual", "initial") if c in row.cells and as_float(rec[c]) is not None)
    yield finding(
        Code.SUM_MISMATCH,
        "error",
        row.cells[col],
        f"{inst.name}·{row.label or '资金'}{which}",
        as_float(rec[col]),
        round(parts, 2),
        f"{row.label or '资金'}{which}的分项之和 {terms} = {fmt(parts)}，与其{amounts} 都不相符",
    )


def _counted_twice(
    inst: Instance, records: list[dict[str, Any]], n: int, col: str, excess: float, tolerance: float
) -> str:
    """When the excess is exactly a deeper row (一般公共预算 under 财政拨款), say it was added a second time."""
    for row, rec in zip(inst.funds, records, strict=True):
        parent = row.parent
        if parent is None or parent == n or inst.funds[parent].parent != n:
            continue
        amount = as_float(rec[col])
        if amount is not None and amount > tolerance and abs(amount - excess) <= tolerance + 1e-9:
            return f"；多出的 {fmt(excess)} 正是其下「{row.label}」，似乎重复计入"
    return ""


def _same_in_other_units(a: float, b: float, tol: float) -> bool:
    """One amount in 万元 and the other in 元 (356.8 and 3,568,000), each to its own form's precision."""
    small, large = sorted((abs(a), abs(b)))
    return small > 0 and abs(small * WAN - large) <= tol * WAN + 1e-6


def cross_form_findings(
    book: Located, results: list[InstanceResult], values: dict[str, float], rules: RuleSet
) -> Iterator[Finding]:
    """The same quantity in two forms of one workbook (rule data ``cross_checks``)."""
    for check in rules.cross_checks:
        a = values.get(check.field)
        hit = book.fields.get(check.field)
        rows = [row for inst in results if inst.variant == check.variant for row in inst.funds if row.row == check.row]
        amounts = [getattr(row, check.column) for row in rows]
        if check.aggregate == "first":
            amounts = amounts[:1]
        if a is None or math.isnan(a) or hit is None or not amounts or any(v is None for v in amounts):
            continue
        b = sum(amounts)
        if abs(a - b) > rules.money_tol + 1e-9 and not _same_in_other_units(a, b, rules.money_tol):
            where = f"{len(amounts)} 张自评表合计" if check.aggregate == "sum" else f"自评表 {rows[0].label}"
            yield finding(
                Code.CROSS_FORM_MISMATCH,
                "warning",
                hit,
                check.item,
                a,
                round(b, 2),
                f"{check.item}: {rules.field(check.field).name} {fmt(a)} 与{where} {fmt(b)} 不一致{check.note}",
            )
