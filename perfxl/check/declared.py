"""Declared versus computed: every disagreement becomes a Finding (docs/domain.md, Decisions and §7)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

from perfxl.check.formulas import formula_findings
from perfxl.check.groups import group_weight_findings
from perfxl.check.known_rates import known_rates, needed_fields, printed_rates, scored_over
from perfxl.check.score_sheet import (
    definition_findings,
    other_reading,
    other_row_findings,
    scored_rate,
    standard_findings,
    table_notes,
    weight_contradicted,
    weight_sum_findings,
)
from perfxl.check.table_total import total_findings
from perfxl.check.unapplied import said_none, unapplied_inputs
from perfxl.check.unit_slips import unit_slip
from perfxl.check.working import rate_formula
from perfxl.compute.deductions import deduction_finding
from perfxl.compute.judge import judge_declared_rate
from perfxl.compute.printed import Printed
from perfxl.compute.readings import finding
from perfxl.compute.rule_score import also_read, own_formula_reading
from perfxl.compute.tables import Rows
from perfxl.compute.unit_slips import UnitSlip
from perfxl.locate.located import Located
from perfxl.read.text import is_unit
from perfxl.read.values import embedded_weight, fmt, parse_number, parse_weight, shown
from perfxl.report.findings import Code, Finding, Severity
from perfxl.rules import IndicatorDef, RateDef, RuleSet

# ---------------------------------------------------------------- the checks


# typed for "none of it" (some read as no number, some as words: either way no slip)


_SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")  # the least said first


def reading_findings(book: Located, rules: RuleSet, known: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """Labels that are not there, required cells that are blank or unreadable. A rule indicator the 附件5 does not
    print is an error where the table is the rule set's own (named, or matching it with no row of another system),
    a warning where it matches the rule set but adds rows of another system, and one note in all where it agrees
    with no rule set (its own system, scored by what it prints: the rule set's list is no measure of it). ``known``:
    the rates the workbook's figures give (by the rule set's formula or one the form prints)."""
    own_system = not book.forced and (not book.matched or bool(book.others))
    noted = not book.forced and not book.matched  # no rule set's list measures this table: one note for them all
    unlisted = [m for m in book.missing if rules.forms[m.form].kind == "score_table"]
    if unlisted and noted:
        names = "、".join(m.item.removeprefix("指标") for m in unlisted)
        form = rules.forms[unlisted[0].form]
        yield Finding(
            Code.MISSING_VALUE,
            "info",
            unlisted[0].sheet,
            None,
            form.short or form.title,
            None,
            None,
            f"{form.short or form.title}按本表自己的指标体系计分；规则「{rules.name}」中的 {names} 本表未列",
        )
    # a chosen rule set's indicators a table with rows of another system does not list: one note (another template)
    other_list = [m for m in unlisted if own_system and not noted] if len(unlisted) > 1 else []
    if other_list:
        form = rules.forms[other_list[0].form]
        names = "".join(f"「{m.item.removeprefix('指标「')}" for m in other_list)
        why = f"{form.short or form.title}中未找到指标{names}(本表的指标体系与规则「{rules.name}」不尽相同)"
        yield Finding(Code.MISSING_VALUE, "info", other_list[0].sheet, None, form.short or form.title, None, None, why)
    # blocks a chosen rule set's 附件4 has and this template does not print: one warning for them all
    absent = [
        m for m in book.missing if not book.forced and rules.forms[m.form].kind == "blocks" and m.item.endswith("栏目")
    ]
    if absent:
        form = rules.forms[absent[0].form]
        names = "".join(m.item.removesuffix("栏目") for m in absent)
        # most of the form's blocks absent: another template (wanglu's 附件3, a list of 2023's), not one with blocks
        # left out; its rows that cannot be checked say so each (info)
        another = 2 * len(absent) > sum(not block.optional for block in form.blocks)
        yield Finding(
            Code.MISSING_VALUE,
            "warning" if not another and scored_over(book, rules, {m.item for m in absent}, known) else "info",
            absent[0].sheet,
            None,
            "栏目",
            None,
            None,
            f"{form.short or form.title}中未找到{names}栏目(本表的模板可能不印这些栏目；依赖它们的比率无法复核)",
        )
    # the figures a rate the workbook prints or scores needs: asked only of a 附件4 that leaves a figure out or lists
    # its items (a chosen rule set's, not a forced one's)
    asked = not book.forced and (book.listed or any(miss.key for miss in book.missing))
    needed = needed_fields(book, rules) if asked else frozenset()
    for miss in book.missing:
        form = rules.forms[miss.form]
        if (noted and miss in unlisted) or miss in absent or miss in other_list:
            continue
        level: Severity = "warning" if own_system and form.kind == "score_table" else "error"
        if form.kind == "blocks" and (
            miss.optional or (not book.forced and (miss.item.endswith("栏目") or not book.matched))
        ):
            # the 附件4 of a template that does not print this block (a chosen rule set's list), or of another
            # system altogether (its 附件5 agrees with no rule set): its own words, not a blank to fill in
            level = "warning"
        if form.kind == "blocks" and asked and miss.key and miss.key not in needed:
            level = "info"  # a figure of a block the template prints otherwise, which no rate it prints or scores needs
        yield Finding(
            Code.MISSING_VALUE,
            level,
            miss.sheet,
            None,
            miss.item,
            None,
            None,
            f"{form.short or form.title}中未找到{miss.item}",
        )
    unapplied = unapplied_inputs(book, rules)
    for key, hit in book.fields.items():
        fld = rules.field(key)
        if fld.derived:
            continue  # a blank derived cell is filled in; a bad one is judged by the rate check
        parsed = parse_number(hit.raw) if fld.type != "yesno" else None
        blank = hit.raw is None or (parsed is not None and parsed.status == "empty") or is_unit(hit.raw)  # "元"
        if blank and key in book.optional:
            # an optional block left blank: nothing of it to report (no 楼堂馆所 project; a 公用经费 line left blank
            # over its items, as wanglu's real 附件3 prints it — a rate scored on it says it lacks the figure)
            continue
        severity: Severity = "warning" if fld.type == "yesno" or key in book.listed else "error"
        if blank and key in book.listed and not book.forced:
            # an item of a list left empty, as a unit with none of it fills one (衡山's 政府采购金额): said only where a
            # rate the workbook prints or scores needs it
            severity = severity if key in needed else "info"
        severity = min(severity, unapplied.get(key, severity), key=_SEVERITIES.index) if blank else severity
        if fld.type != "yesno" and said_none(hit.raw):
            # "/" or "无" typed: the unit says it has none of it (本年无政府采购), no cell left to fill
            said = f"「{fld.name}」填写「{shown(hit.raw).strip()}」，按无此项处理"
            yield finding(Code.MISSING_VALUE, "info", hit, fld.name, None, None, said)
        elif blank:
            yield finding(Code.MISSING_VALUE, severity, hit, fld.name, None, None, f"「{fld.name}」未填写")
        elif parsed is not None and not parsed.ok:  # (a unit alone is blank, above)
            yield finding(
                Code.BAD_VALUE,
                "error",
                hit,
                fld.name,
                shown(hit.raw),
                None,
                f"「{fld.name}」的内容「{shown(hit.raw)}」无法识别为数字",
            )


def rate_findings(
    book: Located,
    values: Mapping[str, float],
    rates: Mapping[str, float],
    rules: RuleSet,
    slips: Mapping[str, UnitSlip],
    printed: Mapping[str, tuple[RateDef, float]],
) -> Iterator[Finding]:
    """Each declared rate against its inputs (an input typed in 元 taken in 万元, and said at its cell), by the
    formula the workbook's score table prints for it where it prints another (``printed``: rate -> formula, rate)."""
    for own in rules.rates.values():
        hit = book.fields.get(own.declared) if own.declared is not None else None
        if hit is None:
            continue
        rate, computed = printed.get(own.name, (own, float(rates[own.name])))
        # the rule set's own formula (a block built its own way: 600 ÷ 年初 5000) is a reading the form allows too
        also = float(rates[own.name]) if rate is not own else math.nan
        slip = slips.get(rate.name)
        said = judge_declared_rate(hit.raw, slip.rate) if slip is not None else None
        if slip is not None and said is not None:
            yield unit_slip(book, slip, rate, hit, said.shown, rules)
            continue
        if hit.raw is None or parse_number(hit.raw).status == "empty" or math.isnan(computed):
            continue  # blank: filled in; no inputs: reported as missing inputs
        verdict = judge_declared_rate(hit.raw, computed)
        if verdict is None:
            yield finding(
                Code.BAD_VALUE,
                "error",
                hit,
                rate.name,
                shown(hit.raw),
                round(computed, 2),
                f"{rate.name}的内容「{shown(hit.raw)}」无法识别为百分比",
            )
        elif verdict.severity is not None:
            mine = judge_declared_rate(hit.raw, also) if not math.isnan(also) else None
            follows = mine is not None and mine.severity is None
            yield finding(
                Code.RATE_MISMATCH,
                "warning" if follows else verdict.severity,
                hit,
                rate.name,
                verdict.shown,
                round(computed, 2),
                verdict.message(rate.name, rate_formula(values, rate, computed))
                + (f"；按规则「{rules.name}」的公式 {rate_formula(values, own, also)}，与填报相同" if follows else ""),
            )


def difference_findings(book: Located, values: Mapping[str, float], rules: RuleSet) -> Iterator[Finding]:
    """Declared differences such as 变动数 = 编制人数 − 实际在职人数."""
    for diff in rules.differences.values():
        hit = book.fields.get(diff.declared)
        parsed = parse_number(hit.raw) if hit else None
        if hit is None or parsed is None or not parsed.ok or parsed.value is None:
            continue
        computed = float(sum(t.sign * values[t.field] for t in diff.terms))
        if math.isnan(computed) or math.isclose(parsed.value, computed, abs_tol=1e-9):
            continue
        a, b = (rules.field(t.field).name for t in diff.terms[:2])
        formula = f"{a} − {b} = {fmt(computed)}"
        if diff.sign_free and math.isclose(parsed.value, -computed, abs_tol=1e-9):
            yield finding(
                Code.RATE_MISMATCH,
                "info",
                hit,
                diff.name,
                parsed.value,
                computed,
                f"{diff.name}填报 {fmt(parsed.value)}，按 {formula}，符号相反(口径未统一规定)",
            )
        else:
            yield finding(
                Code.RATE_MISMATCH,
                "error",
                hit,
                diff.name,
                parsed.value,
                computed,
                f"{diff.name}填报 {fmt(parsed.value)}，按 {formula}",
            )


def indicator_findings(
    book: Located,
    ind: IndicatorDef,
    declared: float,
    weight: float,
    rule_score: float,
    bases: Mapping[str, str],
    rules: RuleSet,
    blank: bool = False,
    printed: Printed | None = None,
    rate: float = math.nan,
    own_rate: float = math.nan,
) -> Iterator[Finding]:
    """One indicator's declared weight and score against its rule (``bases``: the working of each indicator's
    score, looked up only for a score that does not match; ``blank``: the table is a blank template, said once;
    ``printed``: the 评价标准 its row prints, read; ``own_rate``: the rule set's rate where the row's printed formula
    gave ``rate``, a reading the form allows too)."""
    hit = book.indicators.get(ind.name)
    if hit is None:
        return
    members = "、".join((ind.name, *hit.shared_with))
    said = None
    if printed is not None:
        yield from standard_findings(ind, hit, printed, rules, book.forced)
    elif hit.standard is not None and isinstance(hit.standard.raw, str) and not hit.shared_with:
        # a row the rule set scores on no rate (经济效益, kept as declared) still must not contradict its standard
        own = parse_weight(hit.weight.raw) if hit.weight is not None else None
        said = weight_contradicted(ind.name, hit.standard.raw, own, hit.weight or hit.score, declared)
        if said is not None:
            yield said
    # A 分值 other than the rule set's is said when the rule set was named (--rules NAME), or when the printed
    # standard could not be scored by and the rule set's rule, with its weight, scores instead; under --rules auto a
    # printed standard that scores is the rule, its 分值 with it, and a row no rule scores (资金使用合规性, kept as
    # declared) is held to the 分值 it prints. A 分值 that contradicts its own standard was said above.
    scored_as_printed = printed is not None and printed.applied
    says_weight = book.forced or (book.matched and not scored_as_printed and ind.rule.kind != "declared")
    if says_weight and hit.weight is not None and said is None and (printed is None or not printed.contradicts):
        declared_w = parse_weight(hit.weight.raw)
        if declared_w is None:
            declared_w = embedded_weight(hit.weight.raw)
        if declared_w is not None and not math.isclose(declared_w, ind.weight, abs_tol=1e-9):
            yield finding(
                Code.WEIGHT_MISMATCH,
                "warning",
                hit.weight,
                ind.name,
                declared_w,
                ind.weight,
                f"{ind.name}分值填报为 {fmt(declared_w)}，规则「{rules.name}」为 {fmt(ind.weight)}"
                f"(请确认所用规则版本，可用 --rules 选择)",
            )
    if weight == 0:
        return  # a member of a merged group: judged on the group's first member
    tol = rules.score_tol
    if math.isnan(declared):
        parsed = parse_number(hit.score.raw)
        if hit.score.raw is not None and parsed.status == "bad":
            yield finding(
                Code.BAD_VALUE,
                "error",
                hit.score,
                members,
                shown(hit.score.raw),
                None,
                f"{members}得分「{shown(hit.score.raw)}」无法识别为数字",
            )
        elif math.isnan(rule_score) and not blank:
            yield finding(
                Code.MISSING_VALUE,
                "error",
                hit.score,
                members,
                None,
                None,
                f"{members}未填写得分，且工作簿中没有可计算的数据",
            )
        return
    taken = hit.stated.deduction if hit.stated is not None else None
    if taken is not None and (
        unequal := deduction_finding({"score": hit.score, "deduction": taken}, weight, members, tol)
    ):
        yield unequal
    if declared > weight + tol or declared < -tol:
        yield finding(
            Code.SCORE_OVER_WEIGHT,
            "error",
            hit.score,
            members,
            declared,
            weight,
            f"{members}得分 {fmt(declared)} 超出 0～{fmt(weight)} 分",
        )
    if math.isnan(rule_score):
        unread = printed is not None and printed.kept  # its reason is said at the standard's own cell
        why = "本表评价标准无法据以计分" if unread else ind.rule.why or "工作簿中没有计算所需数据"
        yield finding(
            Code.UNVERIFIABLE,
            "info",
            hit.score,
            members,
            declared,
            None,
            f"{members}: 无法根据工作簿数据复核({why})，保留填报得分 {fmt(declared)}",
        )
    elif abs(declared - rule_score) > tol:
        other = other_reading(printed, rate, declared, tol)  # ``rate``: the rate it was scored at
        rule, out_of = (printed.rule, printed.score_weight) if printed is not None else (ind.rule, weight)
        other = other or own_formula_reading(rule, out_of, own_rate, declared, tol)
        yield finding(
            Code.SCORE_MISMATCH,
            "warning" if other else "error",
            hit.score,
            members,
            declared,
            round(rule_score, 2),
            f"{members}填报得分 {fmt(declared)}，按计分规则应得 {fmt(rule_score)} 分: {bases[ind.name]}"
            f"{also_read(other, declared)}",
        )


def findings_of(book: Located, row: Rows, bases: Mapping[str, str], rules: RuleSet) -> list[Finding]:
    """Every finding of one workbook, in a stable order (``bases`` has every indicator: it may make them when
    asked, as the engine's does)."""
    printed = printed_rates(row, rules)  # the formulas the score table prints, once for both checks
    found = [
        *reading_findings(book, rules, known_rates(row, printed, rules)),
        *rate_findings(book, row.values, row.rates, rules, row.slips, printed),
        *difference_findings(book, row.values, rules),
    ]
    sheet = book.score_sheet
    blank = sheet is not None and sheet.blank
    for ind in rules.indicators:
        found += indicator_findings(
            book,
            ind,
            row.declared[ind.name],
            row.weights[ind.name],
            row.rule_scores[ind.name],
            bases,
            rules,
            blank,
            row.printed.get(ind.name),
            scored_rate(ind, row, rules),
            row.rates[name] if ind.name in row.defined and (name := rules.rate_of(ind)) else math.nan,
        )
    found += definition_findings(book, row.defined, rules)
    found += group_weight_findings(book.sums, rules.money_tol)
    found += formula_findings(book.formulas, rules.money_tol)
    found += other_row_findings(book, rules, row)
    if sheet is not None:
        form = next((f.short or f.title for f in rules.forms.values() if f.kind == "score_table"), "计分表")
        found += weight_sum_findings(sheet, rules)
        found += group_weight_findings(sheet.groups, rules.score_tol)
        found += table_notes(sheet, form)
    if book.indicators or book.others:
        total = row.total if row.complete else math.nan
        found += total_findings(book, row.declared, total, rules, row.others)
    return found
