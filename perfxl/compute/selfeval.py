"""Score and check 自评表 instances: the funds block (执行率, sums, 执行率得分) and the indicator table.

The funds block is computed column-wise over one long table holding every funds row of every instance of
every workbook in the batch. Indicators are free text ("≥1500项", "95%以上"): each is read by ``targets``,
then judged against its declared weight, coefficient and score.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from perfxl.check.declared import judge_declared_rate, judge_rate
from perfxl.compute.targets import direction, hygiene, read_quantity, score_indicator
from perfxl.locate.located import Hit, Instance, Located
from perfxl.read.text import label_key
from perfxl.read.values import fmt, fmt_pct, parse_number, parse_weight, shown
from perfxl.report.findings import Code, Finding, Severity
from perfxl.rules.ruleset import RuleSet, SelfEvalDef

_AMOUNTS = ("initial", "annual", "executed")
_EXEC_ON_INITIAL = label_key("执行数/年初预算数")
_AMOUNT_NAMES = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数"}
_HYGIENE_CODES = {code.value: code for code in Code}


@dataclass(frozen=True)
class FundsResult:
    row: str
    label: str
    initial: float | None
    annual: float | None
    executed: float | None
    rate: float | None  # 全年执行数 ÷ 全年预算数, percent
    declared_rate: str | None
    sheet: str
    cell: str | None  # the 执行率 cell
    filled: bool = False


@dataclass(frozen=True)
class EvalIndicator:
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: float | None
    score: float | None  # what the indicator earns by its rule (None: cannot be computed from the text)
    declared: float | None
    sheet: str
    cell: str | None  # the 得分 cell
    basis: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "level1": self.level1,
            "level2": self.level2,
            "target": self.target,
            "actual": self.actual,
            "weight": self.weight,
            "score": _r(self.score),
            "declared": _r(self.declared),
            "sheet": self.sheet,
            "cell": self.cell,
            "basis": self.basis,
        }


@dataclass
class InstanceResult:
    form: str
    variant: str
    title: str
    name: str
    sheet: str
    year: int | None
    funds: list[FundsResult] = field(default_factory=list)
    exec_weight: float | None = None
    exec_score: float | None = None
    exec_declared: float | None = None
    exec_at: tuple[str, str] | None = None
    indicators: list[EvalIndicator] = field(default_factory=list)
    total: float | None = None  # 执行率得分 + Σ 指标得分 (rule scores where computable, else declared)
    declared_total: float | None = None
    grade: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.title,
            "variant": self.variant,
            "name": self.name,
            "sheet": self.sheet,
            "year": self.year,
            "funds": [
                {
                    "row": f.row,
                    "label": f.label,
                    "initial": f.initial,
                    "annual": f.annual,
                    "executed": f.executed,
                    "rate": _r(f.rate),
                    "declared": f.declared_rate,
                    "cell": f.cell,
                }
                for f in self.funds
            ],
            "execution": {"weight": self.exec_weight, "score": _r(self.exec_score), "declared": _r(self.exec_declared)},
            "indicators": [i.to_dict() for i in self.indicators],
            "total": {"score": _r(self.total), "declared": _r(self.declared_total)},
            "grade": self.grade,
        }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _num(hit: Hit | None) -> float | None:
    if hit is None:
        return None
    parsed = parse_number(hit.raw)
    return parsed.value if parsed.ok else None


def _f(value: object) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(str(value))


def _finding(
    code: Code, severity: Severity, hit: Hit | None, item: str, declared: object, computed: object, message: str
) -> Finding:
    def plain(value: object) -> float | str | None:
        return value if value is None or isinstance(value, int | float | str) else str(value)

    return Finding(
        code,
        severity,
        hit.sheet if hit else None,
        hit.cell if hit else None,
        item,
        plain(declared),
        plain(computed),
        message,
    )


# ---------------------------------------------------------------- funds, column-wise over the batch


def funds_table(books: Sequence[Located]) -> pd.DataFrame:
    """One row per funds row of every instance: amounts, and the rate by the national and 年初 definitions."""
    records = []
    for b, book in enumerate(books):
        for i, inst in enumerate(book.instances):
            for row in inst.funds:
                rec: dict[str, Any] = {"book": b, "instance": i, "row": row.row}
                for role in _AMOUNTS:
                    rec[role] = _num(row.cells.get(role))
                    rec[f"{role}_fiscal"] = _num(row.cells.get(f"{role}_fiscal"))
                records.append(rec)
    columns = ["book", "instance", "row", *_AMOUNTS, *(f"{a}_fiscal" for a in _AMOUNTS)]
    table = pd.DataFrame.from_records(records, columns=columns)
    for col in columns[3:]:
        table[col] = pd.to_numeric(table[col], errors="coerce").astype(float)
    table["rate"] = table["executed"] / table["annual"].where(table["annual"] != 0) * 100
    table["rate_initial"] = table["executed"] / table["initial"].where(table["initial"] != 0) * 100
    return table


def _part_sums(funds: pd.DataFrame) -> pd.DataFrame:
    """Per instance, the sum of the sub-rows of every amount column (NaN where all are blank)."""
    amounts = [*_AMOUNTS, *(f"{a}_fiscal" for a in _AMOUNTS)]
    parts = funds.loc[funds["row"] != "total", ["book", "instance", *amounts]]
    return parts.groupby(["book", "instance"]).sum(min_count=1)


def instance_results(books: Sequence[Located], rules: RuleSet) -> list[tuple[list[InstanceResult], list[Finding]]]:
    """Every 自评表 of every workbook of the batch, with its findings."""
    funds = funds_table(books)
    sums: dict[Any, dict[str, Any]] = (
        {key: {str(k): v for k, v in row.items()} for key, row in _part_sums(funds).to_dict("index").items()}
        if len(funds)
        else {}
    )
    counts = funds.groupby(["book", "instance"]).size().to_dict() if len(funds) else {}
    records = iter([{str(k): v for k, v in rec.items()} for rec in funds.to_dict("records")])
    out = []
    for b, book in enumerate(books):
        results: list[InstanceResult] = []
        findings: list[Finding] = []
        for i, inst in enumerate(book.instances):
            spec = rules.forms[inst.form].self_eval
            assert spec is not None
            result = InstanceResult(inst.form, inst.variant, inst.title, inst.name, inst.sheet, inst.year)
            rows = [next(records) for _ in inst.funds]
            if rows:
                findings += _funds(inst, rows, spec, rules, result)
                if counts.get((b, i), 0) >= 3:
                    findings += _funds_sums(inst, rows, sums.get((b, i), {}), rules)
                findings += _execution_score(inst, spec, rules, result)
            findings += _indicators(inst, spec, rules, result)
            findings += _totals(inst, rules, result)
            results.append(result)
        out.append((results, findings))
    return out


def _funds(
    inst: Instance, records: list[dict[str, Any]], spec: SelfEvalDef, rules: RuleSet, result: InstanceResult
) -> Iterator[Finding]:
    where = f"{inst.name}·"
    for row, rec in zip(inst.funds, records, strict=True):
        rate, rate_initial = _f(rec["rate"]), _f(rec["rate_initial"])
        hit = row.cells.get("rate")
        declared = parse_number(hit.raw) if hit is not None else None
        blank = hit is not None and (hit.raw is None or (declared is not None and declared.status == "empty"))
        result.funds.append(
            FundsResult(
                row.row,
                row.label or row.row,
                _f(rec["initial"]),
                _f(rec["annual"]),
                _f(rec["executed"]),
                rate,
                shown(hit.raw) if hit and hit.raw is not None else None,
                inst.sheet,
                hit.cell if hit else None,
                filled=blank and rate is not None,
            )
        )
        if hit is None or declared is None or blank or rate is None:
            continue
        verdict = judge_declared_rate(hit.raw, rate)
        item = f"{where}{row.label}执行率"
        if verdict is None:
            yield _finding(
                Code.BAD_VALUE,
                "error",
                hit,
                item,
                shown(hit.raw),
                rate,
                f"{row.label or '执行率'}「{shown(hit.raw)}」无法识别为百分比",
            )
            continue
        if verdict.severity is None:
            continue
        formula = f"{fmt(rec['executed'], 4)} / {fmt(rec['annual'], 4)} = {fmt_pct(rate)}"
        if rate_initial is not None and judge_rate(verdict.declared, verdict.decimals, rate_initial) is None:
            yield _finding(
                Code.DEFINITION_DEVIATION,
                "warning",
                hit,
                item,
                verdict.shown,
                round(rate, 2),
                f"{row.label}执行率填报 {verdict.shown}，系按 全年执行数 ÷ 年初预算数 计算；"
                f"国家口径为 全年执行数 ÷ 全年预算数: {formula}",
            )
        else:
            yield _finding(
                Code.RATE_MISMATCH,
                verdict.severity,
                hit,
                item,
                verdict.shown,
                round(rate, 2),
                verdict.message(f"{row.label}执行率", formula),
            )


def _funds_sums(
    inst: Instance, records: list[dict[str, Any]], sums: dict[str, float], rules: RuleSet
) -> Iterator[Finding]:
    """年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, in every amount column."""
    totals = [(row, rec) for row, rec in zip(inst.funds, records, strict=True) if row.row == "total"]
    if len(totals) != 1:
        return
    total_row, total_rec = totals[0]
    for col in (c for c in (*_AMOUNTS, *(f"{a}_fiscal" for a in _AMOUNTS)) if c in total_row.cells):
        declared, parts = _f(total_rec[col]), _f(sums.get(col))
        if declared is None or parts is None or abs(declared - parts) <= rules.money_tol + 1e-9:
            continue
        name = _AMOUNT_NAMES[col.split("_")[0]] + ("(财政资金)" if col.endswith("_fiscal") else "")
        terms = " + ".join(
            fmt(_f(rec[col]) or 0.0) for row, rec in zip(inst.funds, records, strict=True) if row.row != "total"
        )
        yield _finding(
            Code.SUM_MISMATCH,
            "error",
            total_row.cells.get(col),
            f"{inst.name}·年度资金总额{name}",
            declared,
            round(parts, 2),
            f"年度资金总额的{name}填报 {fmt(declared)}，分项之和为 {terms} = {fmt(parts)}",
        )


def _execution_score(inst: Instance, spec: SelfEvalDef, rules: RuleSet, result: InstanceResult) -> Iterator[Finding]:
    total = next((r for r in result.funds if r.row == "total"), None)
    row = next((r for r in inst.funds if r.row == "total"), None)
    if total is None or row is None or "score" not in row.cells:
        return
    weight = _num(row.cells.get("weight")) or spec.funds_weight
    result.exec_weight = weight
    if total.rate is not None:
        share = min(total.rate, 100.0) if spec.funds_cap else total.rate
        result.exec_score = weight * share / 100
    hit = row.cells["score"]
    result.exec_declared = _num(hit)
    result.exec_at = (hit.sheet, hit.cell)
    if result.exec_declared is None or result.exec_score is None:
        return
    if abs(result.exec_declared - result.exec_score) > rules.score_tol:
        text = (
            f"执行率得分填报 {fmt(result.exec_declared)}，按 分值 {fmt(weight)} × 执行率 {fmt_pct(total.rate)}"
            f"(封顶 100%) 应为 {fmt(result.exec_score)}"
        )
        yield _finding(
            Code.SCORE_MISMATCH,
            "error",
            hit,
            f"{inst.name}·执行率得分",
            result.exec_declared,
            round(result.exec_score, 2),
            text,
        )


# ---------------------------------------------------------------- indicators


def _indicators(inst: Instance, spec: SelfEvalDef, rules: RuleSet, result: InstanceResult) -> Iterator[Finding]:
    tol = rules.score_tol
    tiers = tuple((t.grade, t.low, t.high) for t in spec.tiers)
    reported_levels: set[tuple[str, str]] = set()
    for row in inst.indicators:
        cells = row.cells
        unit = shown(cells["unit"].raw) if "unit" in cells else ""
        target = read_quantity(cells["target"].raw if "target" in cells else None, unit)
        actual = read_quantity(cells["actual"].raw if "actual" in cells else None, unit)
        nature = shown(cells["nature"].raw) if "nature" in cells else None
        typed = read_quantity(nature, unit) if nature else None
        if typed is not None and typed.value is not None:
            target = typed  # Chongqing forms often carry the numeric target ("≥400") in 指标性质
        how = direction(target, nature, row.level2)
        weight = parse_weight(cells["weight"].raw) if "weight" in cells else None
        score_hit = cells.get("score")
        declared = _num(score_hit)
        item = f"{inst.name}·{row.name[:30]}"
        scored = score_indicator(target, actual, weight, how, tiers) if weight is not None else None
        basis = scored.basis if scored else "表中无分值，只检查指标本身"
        result.indicators.append(
            EvalIndicator(
                row.level1,
                row.level2,
                row.name,
                target.text,
                actual.text,
                weight,
                scored.score if scored else None,
                declared,
                inst.sheet,
                score_hit.cell if score_hit else None,
                basis,
            )
        )
        level = _level_problem(row.level1, row.level2, spec)
        if level and (row.level1, level[0]) not in reported_levels:  # once per misplaced group
            reported_levels.add((row.level1, level[0]))
            yield _finding(Code.LEVEL_MISMATCH, "warning", cells.get("level3"), item, row.level1, level[0], level[1])
        if _EXEC_ON_INITIAL in label_key(row.name):
            yield _finding(
                Code.DEFINITION_DEVIATION,
                "warning",
                cells.get("level3"),
                item,
                row.name,
                None,
                f"指标「{row.name[:30]}」以 全年执行数 ÷ 年初预算数 计算执行率；国家口径为 "
                "全年执行数 ÷ 全年预算数(预算调整后的数)",
            )
        for code, message in hygiene(target, actual, how, row.level2, inst.year, row.name):
            anchor = cells.get("actual" if code in ("actual-not-numeric", "over-achieved") else "target")
            yield _finding(_HYGIENE_CODES[code], "warning", anchor, item, None, None, message)
        if weight is None or score_hit is None:
            continue
        if declared is None:
            if scored is not None and scored.score is None:
                yield _finding(
                    Code.MISSING_VALUE, "error", score_hit, item, None, None, f"指标「{row.name[:30]}」未填写得分"
                )
            continue
        if declared > weight + tol or declared < -tol:
            yield _finding(
                Code.SCORE_OVER_WEIGHT,
                "error",
                score_hit,
                item,
                declared,
                weight,
                f"指标「{row.name[:30]}」得分 {fmt(declared)} 超出 0～{fmt(weight)} 分",
            )
        coef = _coefficient(cells.get("coefficient"))
        if coef is not None and abs(declared - weight * coef) > tol:
            yield _finding(
                Code.SCORE_MISMATCH,
                "error",
                score_hit,
                item,
                declared,
                round(weight * coef, 2),
                f"指标得分 {fmt(declared)} ≠ 权重分值 {fmt(weight)} × 得分系数 {fmt(coef * 100)}% = "
                f"{fmt(weight * coef)}",
            )
        elif scored is not None and scored.score is not None and abs(declared - scored.score) > tol:
            yield _finding(
                Code.SCORE_MISMATCH,
                "error",
                score_hit,
                item,
                declared,
                round(scored.score, 2),
                f"指标「{row.name[:30]}」填报得分 {fmt(declared)}，按完成情况应得 {fmt(scored.score)}: {scored.basis}",
            )
        elif (
            scored is not None
            and scored.bounds is not None
            and not (weight * scored.bounds[0] - tol <= declared <= weight * scored.bounds[1] + tol)
        ):
            yield _finding(
                Code.SCORE_MISMATCH,
                "warning",
                score_hit,
                item,
                declared,
                None,
                f"定性指标「{row.name[:30]}」得分 {fmt(declared)} 不在其档次 "
                f"{fmt(weight * scored.bounds[0])}～{fmt(weight * scored.bounds[1])} 分之内",
            )
        reason = cells.get("reason")
        if declared < weight - tol and reason is not None and not shown(reason.raw):
            yield _finding(
                Code.MISSING_REASON,
                "warning",
                reason,
                item,
                declared,
                weight,
                f"指标「{row.name[:30]}」得分 {fmt(declared)} 低于分值 {fmt(weight)}，但未填写偏差原因",
            )


def _level_problem(level1: str, level2: str, spec: SelfEvalDef) -> tuple[str, str] | None:
    """(the right 一级, message) for a 二级 under the wrong 一级, e.g. 社会效益指标 under 质量指标 (DOMAIN §7.14)."""
    parent_of = {label_key(child): parent for parent, children in spec.levels.items() for child in children}
    parent = parent_of.get(label_key(level2))
    if parent is None or not level1 or label_key(level1) == label_key(parent):
        return None
    return parent, f"二级指标「{level2}」应属于一级指标「{parent}」，表中写在「{level1}」下"


def _coefficient(hit: Hit | None) -> float | None:
    """得分系数 as a share: "100%" -> 1.0, 0.8 -> 0.8, 80 -> 0.8."""
    if hit is None:
        return None
    parsed = parse_number(hit.raw)
    if not parsed.ok or parsed.value is None:
        return None
    return parsed.value / 100 if parsed.percent or parsed.value > 1 else parsed.value


# ---------------------------------------------------------------- totals


def _totals(inst: Instance, rules: RuleSet, result: InstanceResult) -> Iterator[Finding]:
    tol = rules.score_tol
    scored = [i for i in result.indicators if i.weight is not None]
    if not scored:
        return
    declared_sum = sum(i.declared for i in scored if i.declared is not None)
    weight_sum = sum(i.weight for i in scored if i.weight is not None)
    for role, expected, what in (("score", declared_sum, "各指标得分之和"), ("weight", weight_sum, "各指标分值之和")):
        hit = inst.totals.get(role)
        value = _num(hit)
        if value is not None and abs(value - expected) > tol:
            name = "绩效指标总分" if role == "score" else "分值合计"
            yield _finding(
                Code.SUM_MISMATCH,
                "error",
                hit,
                f"{inst.name}·{name}",
                value,
                round(expected, 2),
                f"{name}填报 {fmt(value)}，{what}为 {fmt(expected)}",
            )
    spec = rules.forms[inst.form].self_eval
    expected = spec.indicator_weight_total if spec is not None else weight_sum
    if abs(weight_sum - expected) > tol:
        first = next((r.cells.get("weight") for r in inst.indicators if "weight" in r.cells), None)
        yield _finding(
            Code.WEIGHT_MISMATCH,
            "warning",
            first,
            f"{inst.name}·指标分值",
            weight_sum,
            expected,
            f"各指标分值之和为 {fmt(weight_sum)}，应为 {fmt(expected)}(100 减去执行率的分值)",
        )
    effective = [
        min(max(i.score if i.score is not None else (i.declared or 0.0), 0.0), i.weight or 0.0) for i in scored
    ]
    exec_score = result.exec_score if result.exec_score is not None else (result.exec_declared or 0.0)
    result.total = exec_score + sum(effective)
    result.grade = rules.grade_of(result.total)
    declared_total = inst.header.get("declared_total")
    result.declared_total = _num(declared_total)
    if result.declared_total is not None and abs(result.declared_total - result.total) > tol:
        yield _finding(
            Code.SCORE_MISMATCH,
            "error",
            declared_total,
            f"{inst.name}·自评总得分",
            result.declared_total,
            round(result.total, 2),
            f"自评总得分填报 {fmt(result.declared_total)}，按 执行率得分 "
            f"{fmt(exec_score)} + 指标得分 {fmt(sum(effective))} 复核为 {fmt(result.total)}",
        )


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
        if abs(a - b) > rules.money_tol + 1e-9:
            where = f"{len(amounts)} 张自评表合计" if check.aggregate == "sum" else f"自评表 {rows[0].label}"
            yield _finding(
                Code.CROSS_FORM_MISMATCH,
                "warning",
                hit,
                check.item,
                a,
                round(b, 2),
                f"{check.item}: {rules.field(check.field).name} {fmt(a)} 与{where} {fmt(b)} 不一致{check.note}",
            )
