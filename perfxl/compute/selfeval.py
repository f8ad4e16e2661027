"""Score and check 自评表 instances: the funds block (in ``funds``) and the indicator table, then the total.

Indicators are free text ("≥1500项", "95%以上"): each is read by ``targets``, then judged against its
declared weight, coefficient and score.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from perfxl.compute.coefficients import coefficient_of, coefficient_slip
from perfxl.compute.completion import completion_finding
from perfxl.compute.deadlines import score_deadline, score_on_time
from perfxl.compute.deductions import blanks_take_nothing, declared_score, deduction_finding, typed_score
from perfxl.compute.execution import against_funds, execution_score, funds_rate, score_by_exec_note
from perfxl.compute.extra_scores import extra_score, noted_taken_off, score_range
from perfxl.compute.funds import (
    caption_findings,
    cross_form_findings,
    funds_findings,
    funds_sum_findings,
    funds_table,
    part_sums,
)
from perfxl.compute.funds_slips import slipped_parts
from perfxl.compute.judge import RateVerdict, rounded_score
from perfxl.compute.levels import level_problem
from perfxl.compute.listed_points import off_the_list
from perfxl.compute.note_classes import class_standard
from perfxl.compute.printed import shortened
from perfxl.compute.printed_target import score_by_all_or_nothing, score_by_printed, score_by_remarks
from perfxl.compute.readings import finding
from perfxl.compute.said_values import picked_figure, said_in_words
from perfxl.compute.selfeval_totals import total_findings
from perfxl.compute.stated import target_ratio
from perfxl.compute.targets import IndicatorScore, Quantity, dashed, direction, hygiene, read_quantity, score_indicator
from perfxl.compute.unread import funds_alone, placeholder_note, unreadable, unreadable_findings
from perfxl.locate.extra_rows import extra_of
from perfxl.locate.located import Hit, IndicatorRow, Instance, Located
from perfxl.read.text import label_key, label_keys
from perfxl.read.values import fmt, is_empty, round_half_up, shown
from perfxl.report.findings import Code, Finding
from perfxl.report.instances import EvalIndicator, InstanceResult
from perfxl.rules import RuleSet, SelfEvalDef
from perfxl.rules.standards import parse_standard

__all__ = ["cross_form_findings", "instance_results"]

_EXEC_ON_INITIAL = label_key("执行数/年初预算数")


def instance_results(books: Sequence[Located], rules: RuleSet) -> list[tuple[list[InstanceResult], list[Finding]]]:
    """Every 自评表 of every workbook of the batch, with its findings."""
    funds = funds_table(books)
    sums: dict[tuple[int, int], dict[tuple[int, int], dict[str, Any]]] = {}
    if len(funds):
        for rec in part_sums(funds).reset_index().to_dict("records"):
            row = {str(k): v for k, v in rec.items()}
            sums.setdefault((int(row["book"]), int(row["instance"])), {})[(int(row["parent"]), int(row["group"]))] = row
    records = iter([{str(k): v for k, v in rec.items()} for rec in funds.to_dict("records")])
    out = []
    for b, book in enumerate(books):
        results: list[InstanceResult] = []
        findings: list[Finding] = []
        for i, inst in enumerate(book.instances):
            spec = rules.forms[inst.form].self_eval
            assert spec is not None
            result = InstanceResult(inst.form, inst.variant, inst.title, inst.name, inst.sheet, inst.year)
            result.unit, result.titled = inst.unit_name, inst.titled
            rows = [next(records) for _ in inst.funds]
            if rows:
                parts = sums.get((b, i), {})
                slips = slipped_parts(inst, rows, parts, rules)
                findings += funds_findings(inst, rows, spec, rules, result, parts, slips)
                findings += funds_sum_findings(inst, rows, parts, rules, slips)
                findings += caption_findings(inst, rows, rules)
                findings += execution_score(inst, spec, rules, result, rows, parts)
            if not inst.indicators and not inst.totals and inst.list_points is None and inst.funds:
                findings.append(funds_alone(inst))
            findings += _indicators(inst, spec, rules, result)
            findings += total_findings(inst, spec, rules, result)
            findings += [placeholder_note(inst)] if inst.placeholders else []
            findings += unreadable_findings(inst, findings)
            results.append(result)
        out.append((results, findings))
    return out


# ---------------------------------------------------------------- indicators


class _Read(NamedTuple):
    """One indicator row as read and scored on its own."""

    target: Quantity
    actual: Quantity
    how: str
    standard: Hit | None
    deadline: IndicatorScore | None
    scored: IndicatorScore | None
    unread: str = ""  # the row's printed 评分标准 (shortened) when it scores but could not be read: the row is then
    # scored by the general rule, which the person may not have followed
    picked: bool = False  # the actual value is the one figure in the target's unit of a sentence: a reading, not a fact
    against: tuple[RateVerdict, str] | None = None  # the funds' own 执行率 typed on the row against its block's figures


def _read_row(inst: Instance, spec: SelfEvalDef, row: IndicatorRow, lower: frozenset[str]) -> _Read:
    """A row's values, direction and expected score, from its own cells and 分值."""
    cells = row.cells
    unit = shown(cells["unit"].raw) if "unit" in cells else ""
    target = read_quantity(cells["target"].raw if "target" in cells else None, unit)
    actual_raw = cells["actual"].raw if "actual" in cells else None
    actual = read_quantity(actual_raw, unit)
    picked = actual.value is None and actual.numbers > 1 and bool(target.unit)
    if picked:  # a sentence: its one figure in the target's unit, if it has one, or the one it says was done
        actual = picked_figure(actual_raw, unit, target, row.name)
        picked = actual.value is not None
    rate = actual.percent or (target.percent and actual.value is not None and not actual.unit)  # "92.5" by "≥90%"
    against = against_funds(inst, row.name, actual_raw) if rate else None
    funds = (against[0].computed, against[1]) if against is not None else None
    funds = funds or (funds_rate(inst, row.name) if actual.blank else None)
    if funds is not None:  # the funds' own 执行率 scored on the block's rate, where the row leaves its actual blank or
        actual = read_quantity(f"{funds[0]:.10g}%")  # types one its block's own figures contradict
    printed_standard = "standard" in cells and bool(shown(cells["standard"].raw).strip())
    target, actual = said_in_words(target, actual, row.name, unit, printed_standard)
    nature = shown(cells["nature"].raw) if "nature" in cells else None
    operator = shown(cells["operator"].raw).strip() if "operator" in cells else ""
    if operator and target.op is None:
        target = read_quantity(f"{operator}{target.text}", unit)  # 运算符号 "≤" beside a bare 指标值 30
    typed = read_quantity(nature, unit) if nature else None
    if typed is not None and typed.value is not None:
        target = typed  # Chongqing forms often carry the numeric target ("≥400") in 指标性质
    how = direction(target, nature, row.level2, label_key(row.name) in lower, row.name)
    weight = row.weight
    standard = cells.get("standard")
    printed = standard.raw if standard else None
    noted = None if shown(printed).strip() else class_standard(inst.note and inst.note.raw, row, target)
    printed = noted or printed
    deadline = score_deadline(
        cells["target"].raw if "target" in cells else None, actual_raw, weight or 0.0, printed, inst.year
    )
    deadline = deadline or score_on_time(target, actual, weight or 0.0)
    general = (
        score_indicator(target, actual, weight, how, inst.tiers or spec.tiers, spec.over_achievement)
        if weight is not None
        else None
    )
    scored = (
        score_by_printed(printed, target, actual, weight, row.name)
        or score_by_all_or_nothing(printed, deadline or general, weight)
        or deadline
        or _by_printed_share(actual, weight, inst.shares)
        or score_by_exec_note(inst, row.name, actual, weight)
        or general
        if weight is not None
        else None
    )
    if funds is not None and scored is not None:
        scored = replace(scored, basis=f"{funds[1]}；{scored.basis}")
    if noted and scored is not None and scored.basis.startswith("按本表评分标准"):
        scored = replace(scored, basis=scored.basis.replace("按本表评分标准", "按表下注", 1))
    if weight is not None and (scored is None or scored.score is None) and actual.value is None:
        scored = score_by_remarks(printed, cells, row.name, weight, target, actual.blank) or scored
    text = shown(standard.raw).strip() if standard is not None else ""
    ratio = bool(text) and target_ratio(text, how)  # "全年实际值/年度指标值*该指标分值": the general rule's own ratio
    if ratio and scored is not None and scored is general:
        scored = replace(scored, basis=f"按本表评分标准「{shortened(text)}」: {scored.basis}")
    unread = (
        bool(text)
        and not (scored is not None and scored.basis.startswith("按本表评分标准"))
        and _SCORES.search(text) is not None
        and not ratio
        and parse_standard(text, weight).status in ("unread", "ambiguous")
    )
    return _Read(target, actual, how, standard, deadline, scored, shortened(text) if unread else "", picked, against)


_SCORES = re.compile(r"\d+(?:\.\d+)?分|扣|不得分|满分|分值")  # a standard that gives or takes points


def _together(reads: list[_Read], parts: tuple[IndicatorRow, ...]) -> IndicatorScore | None:
    """Rows one merged 得分 cell scores together: the Σ of their own scores, when every one of them has one."""
    scores = [r.scored.score if r.scored is not None else None for r in reads]
    if any(score is None for score in scores):
        return None
    total = sum(score for score in scores if score is not None)
    basis = "；".join(f"{part.name[:20]} {fmt(score or 0.0)}" for part, score in zip(parts, scores, strict=True))
    met = all(r.scored is not None and r.scored.met for r in reads)
    return IndicatorScore(round_half_up(total, 2), None, f"合并计分的各行之和: {basis} = {fmt(total)}", met, False)


def _indicators(inst: Instance, spec: SelfEvalDef, rules: RuleSet, result: InstanceResult) -> Iterator[Finding]:
    tol = rules.score_tol
    reported_levels: set[tuple[str, str]] = set()
    lower, blank_is_none = label_keys(spec.lower_is_better), blanks_take_nothing(r.cells for r in inst.indicators)
    for row in inst.indicators:
        cells = row.cells
        parts = row.parts or (row,)
        reads = [_read_row(inst, spec, part, lower) for part in parts]
        target, actual, scored = reads[0].target, reads[0].actual, reads[0].scored
        scored = _together(reads, parts) if len(reads) > 1 else scored
        extra, weight = extra_of(row.name, f"{row.level1}、{row.level2}", row.weight, cells.get("weight"))
        score_hit, declared, said = declared_score(cells, weight, blank_is_none)
        if extra:  # its own reading only: no general rule's, and no note that the standard went unread
            scored = extra_score(extra, cells.get("standard"), actual, weight, declared, noted_taken_off(inst.note))
            reads = [read._replace(unread="", picked=False) for read in reads]
        item = f"{inst.name}·{row.name[:30]}"
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
                score_hit.sheet if score_hit else inst.sheet,  # a form over two sheets: the row's own
                score_hit.cell if score_hit else None,
                basis,
                score_hit is not None and score_hit is cells.get("score") and is_empty(score_hit.raw),
                unreadable(score_hit),
                extra,
            )
        )
        level = level_problem(row.level1, row.level2, spec)
        if level and (row.level1, level[0]) not in reported_levels:  # once per misplaced group
            reported_levels.add((row.level1, level[0]))
            yield finding(Code.LEVEL_MISMATCH, "warning", cells.get("level3"), item, row.level1, level[0], level[1])
        if _EXEC_ON_INITIAL in label_key(row.name):
            yield finding(
                Code.DEFINITION_DEVIATION,
                "warning",
                cells.get("level3"),
                item,
                row.name,
                None,
                f"指标「{row.name[:30]}」以 全年执行数 ÷ 年初预算数 计算执行率；国家口径为 "
                "全年执行数 ÷ 全年预算数(预算调整后的数)",
            )
        for part, read in zip(parts, reads, strict=True):
            yield from _row_checks(inst, spec, part, read, item if len(parts) == 1 else f"{inst.name}·{part.name[:30]}")
        if weight is None or score_hit is None:
            continue
        if declared is None:
            if scored is not None and scored.score is None and not extra:  # (a 加分项's "/": none)
                yield finding(
                    Code.MISSING_VALUE, "error", score_hit, item, None, None, f"指标「{row.name[:30]}」未填写{said}"
                )
            continue
        unequal = deduction_finding(cells, weight, item, tol, scored.score if scored is not None else None)
        if unequal is not None:
            yield unequal
        low, high = score_range(weight, extra)
        if declared > high + tol or declared < low - tol:
            yield finding(
                Code.SCORE_OVER_WEIGHT,
                "error",
                score_hit,
                item,
                declared,
                weight,
                f"指标「{row.name[:30]}」{said} 超出 {fmt(low)}～{fmt(high)} 分",
            )
        coef = coefficient_of(cells.get("coefficient"))
        due = scored.score if scored is not None else None
        off = coef is not None and abs(declared - weight * coef) > tol
        if off and weight and scored is not None and due is not None and abs(declared - due) <= tol:
            # the score follows the row's own figures: the 得分系数 beside it is the slip
            share = due / weight
            yield from coefficient_slip(row.name[:30], cells["coefficient"], item, coef or 0.0, share, scored, declared)
        elif off and coef is not None:
            yield finding(
                Code.SCORE_MISMATCH,
                "error",
                score_hit,
                item,
                declared,
                round_half_up(weight * coef, 2),
                f"指标得分 {fmt(declared)} ≠ 权重分值 {fmt(weight)} × 得分系数 {fmt(coef * 100)}% = "
                f"{fmt(weight * coef)}",
            )
        elif scored is not None and scored.score is not None and abs(declared - scored.score) > tol:
            unread = next((r.unread for r in reads if r.unread), "")
            picked = next((r.actual for r in reads if r.picked), None)
            softer = rounded_score(typed_score(cells, score_hit), declared, scored.score)
            yield finding(
                Code.SCORE_MISMATCH,
                "warning" if unread or picked or softer else "error",
                score_hit,
                item,
                declared,
                round_half_up(scored.score, 2),
                f"指标「{row.name[:30]}」填报{said}，按完成情况应得 {fmt(scored.score)}: {scored.basis}"
                + (f"；本行所印评分标准「{unread}」未能读取，以上按通用规则核算，请人工复核" if unread else "")
                + (f"；实际完成值是一句话，按其中以「{picked.unit}」计的完成数 {fmt(picked.value)} 核算，请人工复核"
                   if picked else "")
                + softer,
            )  # fmt: skip
            if coef is not None and weight and picked is None:
                # the 得分系数 the score was worked from is where it went wrong (above 100 % too: the score's 超出分值
                # is said at the score, the coefficient's own slip here)
                yield from coefficient_slip(
                    row.name[:30], cells["coefficient"], item, coef, scored.score / weight, scored
                )
        elif scored is not None and (
            doubt := _doubtful(row.name[:30], said, declared, weight, scored, tol, bool(inst.tiers))
        ):
            yield finding(Code.SCORE_MISMATCH, "warning", score_hit, item, declared, None, doubt)
        elif (
            (scored is None or scored.score is None)
            and (  # (one row's list, not rows scored together)
                unlisted := off_the_list(row.name[:30], reads[0].standard, weight, declared, tol, len(parts))
            )
        ):
            yield finding(Code.SCORE_MISMATCH, "warning", score_hit, item, declared, None, unlisted)
        reason = cells.get("reason")
        explained = any(shown(part.cells["reason"].raw) for part in parts if "reason" in part.cells)
        if declared < weight - tol and reason is not None and not explained and not extra:  # (a bonus's bound)
            yield finding(
                Code.MISSING_REASON,
                "warning",
                reason,
                item,
                declared,
                weight,
                f"指标「{row.name[:30]}」得分 {fmt(declared)} 低于分值 {fmt(weight)}，但未填写偏差原因",
            )


def _row_checks(inst: Instance, spec: SelfEvalDef, row: IndicatorRow, read: _Read, item: str) -> Iterator[Finding]:
    """One row's own values: its printed 完成率, blanks, direction, over-achievement, years."""
    cells, (target, actual, how, standard, deadline) = row.cells, read[:5]
    if read.against is not None:
        verdict, working = read.against
        said = verdict.message(f"指标「{row.name[:30]}」实际完成值", f"本表{working}")
        yield finding(Code.RATE_MISMATCH, "error", cells.get("actual"), item, verdict.declared, verdict.computed, said)
    completion = completion_finding(cells, target, actual, how, item, row.name)
    if completion is not None:
        yield completion
    checked = hygiene(target, actual, how, row.level2, inst.year, spec.over_achievement, row.name)
    blanks = [role for role, q in (("target", target), ("actual", actual)) if q.blank]  # hygiene's order
    printed = standard is not None and bool(shown(standard.raw).strip())
    by_standard = (printed or dashed(cells["weight"].raw if "weight" in cells else None)) and len(blanks) == 2
    ruled = read.scored is not None and read.scored.basis.startswith("按本表评分标准")  # the form's own standard
    kept_apart = {Code.ACTUAL_NOT_NUMERIC} if deadline is not None else set()
    for code, message in checked if "target" in cells or "actual" in cells else ():  # a score table has neither
        if (code in (Code.ACTUAL_NOT_NUMERIC, Code.OVER_ACHIEVED) and (ruled or code in kept_apart)) or (
            code == Code.PLACEHOLDER and by_standard
        ):  # a date against a deadline, words the standard read, a 决策/过程 row its standard scores or a row that
            continue  # does not apply ("/" under 分值 as well); past the target, the standard rules
        if code == Code.PLACEHOLDER:
            role = blanks.pop(0)  # a blank 年度指标值 is said at its cell, a blank 实际完成值 at its own
            if role not in cells:
                continue  # a column the table does not print is no cell left blank
            if role == "target" and printed and target.text.strip():
                continue  # "—" under 目标值 on a row its 评分标准 scores: no target applies, not one left blank
            if role == "target" and not actual.blank and _PROCESS.search(row.level1 or ""):
                continue  # a 项目决策 / 项目管理 row (银川's 可行性 | blank | 实际工作需求): no target value asked for
        else:
            role = "actual" if code in (Code.ACTUAL_NOT_NUMERIC, Code.OVER_ACHIEVED) else "target"
        yield finding(code, "warning", cells.get(role), item, None, None, message)


# the 一级指标 of the national evaluation system whose rows judge how a project was decided and run, not a value
_PROCESS = re.compile(r"决策|过程|管理")


def _by_printed_share(actual: Quantity, weight: float, shares: dict[str, float] | None) -> IndicatorScore | None:
    """A 定性 result the sheet's note gives a fixed share of the 分值 ("较好得80%"): exactly that share."""
    word = actual.text.strip()
    share = shares.get(word) if shares else None
    if share is None:
        return None
    shown_share = f"{fmt(share * 100)}%"
    basis = f"定性: 实际完成值为「{word}」，按本表所印标准得分值的 {shown_share}: {fmt(weight)} × {shown_share}"
    return IndicatorScore(
        round_half_up(weight * share, 2), share, f"{basis} = {fmt(weight * share)}", share >= 1, False
    )


def _doubtful(
    name: str, said: str, declared: float, weight: float, scored: IndicatorScore, tol: float, printed: bool
) -> str:
    """Why a score no rule fixes is still doubtful ("" when it is not): a 定性 score outside its tier (``printed``:
    the tiers the sheet prints), or full marks for a deadline missed."""
    if scored.bounds is not None:
        low, high = weight * scored.bounds[0], weight * scored.bounds[1]
        if not low - tol <= declared <= high + tol:
            if scored.basis.startswith("按本表评分标准"):  # the readings of a standard its 分值 contradicts
                return f"指标「{name}」{said} 不在本表评分标准各种读法的 {fmt(low)}～{fmt(high)} 分之内: {scored.basis}"
            which = "本表所印档次" if printed else "其档次"
            return f"定性指标「{name}」{said} 不在{which} {fmt(low)}～{fmt(high)} 分之内"
    elif scored.met is False and scored.score is None and declared >= weight - tol:
        return f"指标「{name}」未达成却得满分 {fmt(declared)}: {scored.basis}"
    return ""
