"""A score table checked over every row read (docs/domain.md §7.4–7.6): the rows no rule covers, Σ 分值 against
its printed total and 100, placeholder rows, a table nobody filled in, and the 评价标准 a row prints that perfxl
cannot score by (docs/domain.md §11)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping

from perfxl.check.working import formula_words, rate_formula, rule_basis, rule_text
from perfxl.compute.deductions import deduction_finding
from perfxl.compute.extra_scores import score_range
from perfxl.compute.judge import rounded_score
from perfxl.compute.others import OtherScore, counted_score
from perfxl.compute.printed import Printed, shortened
from perfxl.compute.quantities import same_quantity_values
from perfxl.compute.readings import finding
from perfxl.compute.rule_score import also_read, own_formula_reading, reading_giving
from perfxl.compute.stated import contradicted
from perfxl.compute.tables import Rows
from perfxl.locate.extra_rows import other_extra, other_kind
from perfxl.locate.located import Hit, IndicatorHit, Located, OtherRow, ScoreSheet
from perfxl.read.text import label_key
from perfxl.read.values import embedded_weight, fmt, is_empty, parse_number, parse_weight, round_half_up, shown
from perfxl.report.findings import Code, Finding
from perfxl.rules import IndicatorDef, RateDef, RuleSet
from perfxl.rules.standards import parse_standard


def standard_findings(
    ind: IndicatorDef, hit: IndicatorHit, printed: Printed, rules: RuleSet, forced: bool = True
) -> Iterator[Finding]:
    """A printed 评价标准 perfxl does not score by: a 分值 that contradicts the standard's own full marks (warning),
    or a text it cannot read or whose reading nothing settles (info); either way the rule set's rule scores. One it
    scores by that differs from the rule set's rule is a warning when the rule set was named (``forced``)."""
    if printed.kept and printed.contradicts:  # the text cannot be read, but its own full mark is not the 分值
        yield _contradicted(ind.name, hit.weight or hit.score, printed, "保留填报得分")
        return
    if printed.kept:  # under --rules auto, a text it cannot read: the declared score is kept
        why = printed.parsed.reason or "无法读懂"
        message = f"{ind.name}: 本表评价标准「{shortened(printed.text)}」无法据以计分({why})，保留填报得分"
        yield finding(Code.UNVERIFIABLE, "info", hit.standard, ind.name, printed.text, None, message)
        return
    if printed.applied and printed.contradicts:  # chosen, not named: scored by the text from the 分值 (above)
        yield _contradicted(
            ind.name, hit.weight or hit.score, printed, f"按本表评价标准计分，满分取分值 {fmt(printed.weight or 0)}"
        )
        return
    if printed.applied:
        if forced and ind.rule.kind != "declared" and not printed.rule.same_as(ind.rule):  # declared: none to differ
            yield finding(
                Code.STANDARD_MISMATCH,
                "warning",
                hit.standard or hit.score,
                ind.name,
                printed.text,
                rule_text(ind.rule, ind.weight),
                f"{ind.name}: 本表评价标准「{shortened(printed.text)}」与规则「{rules.name}」"
                f"「{rule_text(ind.rule, ind.weight)}」不同(按本表评价标准计分)",
            )
        return
    quoted = f"「{shortened(printed.text)}」"
    parsed = printed.parsed
    if printed.contradicts and parsed.full is not None and printed.weight is not None:
        differs = "" if math.isclose(parsed.full, ind.weight) else f"，规则「{rules.name}」为 {fmt(ind.weight)}"
        yield _contradicted(ind.name, hit.weight, printed, f"按规则「{rules.name}」计分", differs)
        return
    why = parsed.reason or "未印分值，评价标准也未给满分"
    yield finding(
        Code.UNVERIFIABLE,
        "info",
        hit.standard,
        ind.name,
        printed.text,
        None,
        f"{ind.name}: 本表评价标准{quoted}无法据以计分({why})，按规则「{rules.name}」计分",
    )


def _contradicted(name: str, at: Hit | None, printed: Printed, then: str, differs: str = "") -> Finding:
    """A printed 分值 its own 评价标准 contradicts ("分值 5" beside "计8分"), and what perfxl does instead."""
    return _weight_finding(name, at, printed.weight, printed.parsed.full, printed.text, f"{differs}({then})")


def _weight_finding(
    name: str, at: Hit | None, weight: float | None, full: float | None, text: str, then: str
) -> Finding:
    return finding(
        Code.WEIGHT_MISMATCH,
        "warning",
        at,
        name,
        weight,
        full,
        f"{name}分值填报为 {fmt(weight or 0)}，本表评价标准「{shortened(text)}」计 {fmt(full or 0)} 分{then}",
    )


def other_reading(printed: Printed | None, rate: float, declared: float, tol: float) -> str | None:
    """The reading a printed standard's text also allows (its status "default": docs/domain.md's decision picked
    one) that gives the declared score at this rate; None where there is none."""
    settled = printed is not None and printed.parsed.status != "default" and not printed.contradicts
    if printed is None or not printed.applied or settled or math.isnan(rate):
        return None
    return reading_giving(printed.parsed.alternatives, rate, printed.score_weight, declared, tol)


def scored_rate(ind: IndicatorDef, row: Rows, rules: RuleSet) -> float:
    """The rate an indicator was scored at: as its 指标说明 defines it, else the rule set's, else its row's own."""
    name = rules.rate_of(ind)
    rate = row.defined[ind.name][1] if ind.name in row.defined else row.rates[name] if name else math.nan
    return row.stated[ind.name][1] if math.isnan(rate) and ind.name in row.stated else rate


def other_row_findings(book: Located, rules: RuleSet, row: Rows) -> Iterator[Finding]:
    """Each row no rule covers: scored by its printed standard where it names a rate the rule set computes (a score
    other than that standard's is an error), else its score kept as declared (one info note); either way held to
    0 ≤ 得分 ≤ 分值."""
    blank = book.score_sheet is not None and book.score_sheet.blank
    scored = {s.at: s for s in row.other_scores}
    for at, other in enumerate(book.others):
        yield from _other_row(other, rules, blank, scored.get(at), row.values, row.rates)


def other_basis(scored: OtherScore, rules: RuleSet, values: Mapping[str, float]) -> str:
    """The working of a row's score by its printed standard: "按本表评价标准「…」: 103% → 5 − 3×1 = 2分 (… = …)"."""
    if scored.said:
        rate_text = f"{scored.rate}: 按{scored.said}"
    else:
        formula = scored.formula or rules.rates[scored.rate]
        shown_values = same_quantity_values(values, rules) if scored.formula is not None else values
        rate_text = f"{scored.rate} = {rate_formula(shown_values, formula, scored.value)}"
        if scored.formula is not None:
            rate_text += "，按本行所印的公式"
    printed = scored.printed
    return rule_basis(rate_text, scored.value, printed.rule, printed.score_weight, scored.score, printed.text)


def _other_row(
    row: OtherRow,
    rules: RuleSet,
    blank: bool,
    scored: OtherScore | None,
    values: Mapping[str, float],
    rates: Mapping[str, float],
) -> Iterator[Finding]:
    parsed = parse_number(row.score.raw)
    if not parsed.ok or parsed.value is None:
        if parsed.status == "bad":
            yield finding(
                Code.BAD_VALUE,
                "error",
                row.score,
                row.name,
                shown(row.score.raw),
                None,
                f"{row.name}得分「{shown(row.score.raw)}」无法识别为数字",
            )
        elif (
            not blank
            and not other_kind(row)
            and (scored is None or math.isnan(scored.score) or not is_empty(row.score.raw))
        ):
            # (a blank cell its printed standard scores is filled in the scored copy; a "/" is not)
            yield finding(
                Code.MISSING_VALUE,
                "error",
                row.score,
                row.name,
                None,
                None,
                f"{row.name}未填写得分(规则「{rules.name}」中没有此指标，无法计算)",
            )
        return
    declared = parsed.value
    tol = rules.score_tol
    taken = row.stated.deduction if row.stated is not None else None
    if taken is not None and (
        unequal := deduction_finding({"score": row.score, "deduction": taken}, row.weight, row.name, tol)
    ):
        yield unequal
    # a 减分 row's points taken off, typed negative or as a positive deduction: within its 分值 either way
    kind, weight = other_extra(row)
    low, high = (
        score_range(weight, kind) if weight is not None else (None if kind in ("penalty", "both") else 0.0, None)
    )
    if (low is not None and declared < low - tol) or (high is not None and declared > high + tol):
        yield finding(
            Code.SCORE_OVER_WEIGHT,
            "error",
            row.score,
            row.name,
            declared,
            row.weight,
            f"{row.name}得分 {fmt(declared)} 超出 {fmt(low)}～{fmt(high)} 分",
        )
    if scored is not None and not math.isnan(scored.score):
        if scored.printed.contradicts:  # scored by its text from the 分值, the contradiction said at the 分值
            then = f"按本表评价标准计分，满分取分值 {fmt(row.weight or 0)}"
            yield _weight_finding(
                row.name,
                row.weight_cell or row.score,
                row.weight,
                scored.printed.parsed.full,
                scored.printed.text,
                f"({then})",
            )
        if abs(declared - scored.score) > tol:
            other = other_reading(scored.printed, scored.value, declared, tol)
            own = rates.get(scored.rate, math.nan) if scored.formula is not None else math.nan
            other = other or own_formula_reading(scored.printed.rule, scored.printed.score_weight, own, declared, tol)
            softer = rounded_score(row.score.raw, declared, scored.score)
            yield finding(
                Code.SCORE_MISMATCH,
                "warning" if other or softer else "error",
                row.score,
                row.name,
                declared,
                round(scored.score, 2),
                f"{row.name}填报得分 {fmt(declared)}，按计分规则应得 {fmt(scored.score)} 分: "
                f"{other_basis(scored, rules, values)}{also_read(other, declared) or softer}",
            )
        return
    counted = counted_score(row, declared)  # (a row of a rate its inputs leave unscored too, as the total takes it)
    if counted is not None and counted.score is not None:  # a count its own words give, scored by its standard
        if abs(declared - counted.score) > tol:
            due = round_half_up(counted.score, 2)
            message = f"{row.name}填报得分 {fmt(declared)}，按本行所述应得 {fmt(due)} 分: {counted.basis}"
            yield finding(Code.SCORE_MISMATCH, "error", row.score, row.name, declared, due, message)
        return
    trouble = _standard_trouble(row, rules, declared)
    if trouble is not None:
        yield trouble
        return
    shown_weight = "" if row.weight is None else f"(分值 {fmt(row.weight)})"
    words = contradicted(row.stated, row.name)
    why = (
        f"{words.cell} 所述比率与同处所列数字不符(见该处警告)，不知按哪个比率计分"
        if words is not None
        else f"规则「{rules.name}」中没有此指标"
    )
    yield finding(
        Code.UNVERIFIABLE,
        "info",
        row.score,
        row.name,
        declared,
        None,
        f"{row.name}{shown_weight}: {why}，无法复核，保留填报得分 {fmt(declared)} 并计入合计",
    )


_FIGURE = re.compile(r"\d")


def _standard_trouble(row: OtherRow, rules: RuleSet, declared: float) -> Finding | None:
    """What keeps a row's printed 评价标准 from scoring it, said of the standard: a 分值 its own text contradicts
    ("分值 5" beside "计8分", warning, whatever the row), or, on a row naming a rate perfxl computes, a text it cannot
    read (info); None where neither is so."""
    text = row.standard.raw if row.standard is not None else None
    if not isinstance(text, str) or not text.strip():
        return None
    contradicted = weight_contradicted(row.name, text, row.weight, row.weight_cell or row.score, declared)
    if contradicted is not None:
        return contradicted
    parsed = parse_standard(text, row.weight)
    quoted = f"本表评价标准「{shortened(text)}」"
    if parsed.status in ("read", "default") or label_key(row.name) not in rules.rate_keys or not _FIGURE.search(text):
        return None  # read, no rate perfxl computes, or words with no figure ("按标准计分"): the rule set's note
    why = parsed.reason or "无法读懂"
    message = f"{row.name}: {quoted}无法据以计分({why})，保留填报得分 {fmt(declared)} 并计入合计"
    return finding(Code.UNVERIFIABLE, "info", row.score, row.name, declared, None, message)


def weight_sum_findings(sheet: ScoreSheet, rules: RuleSet) -> Iterator[Finding]:
    """Σ 分值 of every row read against the total printed under them, and against the marks the table is out of."""
    if not sheet.weights_complete:
        return  # a row without a 分值: the table's own sum is not known
    total = math.fsum(_weight(hit) for hit in sheet.weights)
    extra = [_weight(hit) for hit in sheet.extra]  # the 加分项/扣分项 outside the 100 points
    base = total - math.fsum(extra)
    # a printed 分值 total counts them all, none, or the 加分项's alone ("100 + 3")
    ways = (total, base, base + math.fsum(w for w in extra if w > 0))
    tol = rules.score_tol
    printed = parse_number(sheet.weight_total.raw) if sheet.weight_total is not None else None
    said = printed.value if printed is not None and printed.ok else None
    # the way the printed total takes, else the one that makes the full marks, else every row's
    matches = [way for way in ways if said is not None and abs(said - way) <= tol]
    total = (matches or [way for way in ways if abs(rules.max_total - way) <= tol] or [total])[0]
    if said is not None and abs(said - total) > tol:
        yield finding(
            Code.SUM_MISMATCH,
            "error",
            sheet.weight_total,
            "分值合计",
            said,
            round(total, 2),
            f"分值合计填报 {fmt(said)}，各指标分值之和为 {fmt(total)}",
        )
        return
    full = rules.max_total  # the rule set's 分值 add up to the marks a score table is out of (百分制: 100)
    if all(abs(way - full) > tol for way in ways):
        yield finding(
            Code.SUM_MISMATCH,
            "warning",
            sheet.weight_total,
            "分值合计",
            round(total, 2),
            full,
            f"各指标分值之和为 {fmt(total)}，不是 {fmt(full)} 分",
        )


def _weight(hit: Hit) -> float:
    value = parse_weight(hit.raw)
    if value is None:
        value = embedded_weight(hit.raw)
    return 0.0 if value is None else value


def table_notes(sheet: ScoreSheet, form: str) -> Iterator[Finding]:
    """One quiet note for a blank template, one for the placeholder rows of a table."""
    if sheet.blank:
        yield Finding(
            Code.MISSING_VALUE,
            "info",
            None,
            None,
            form,
            None,
            None,
            f"{form}是空白表格: 没有填报任何得分，也没有合计",
        )
    if sheet.placeholders:
        first = sheet.placeholders[0]
        names = "、".join(dict.fromkeys(shown(hit.raw).strip() or "(空)" for hit in sheet.placeholders))
        yield finding(
            Code.PLACEHOLDER,
            "info",
            first,
            form,
            len(sheet.placeholders),
            None,
            f"{form}有 {len(sheet.placeholders)} 行占位行({names})，未计分",
        )


def definition_findings(
    book: Located, defined: Mapping[str, tuple[RateDef, float]], rules: RuleSet
) -> Iterator[Finding]:
    """A rate scored by the formula its row's 指标说明 prints, other than the rule set's: said once per indicator (a
    warning where the rule set was named, a note where it was chosen: the printed formula is then the rule)."""
    for name, (formula, rate) in defined.items():
        hit = book.indicators[name]
        rule_rate = rules.indicator(name).rule.rate
        assert rule_rate is not None and hit.note is not None
        printed, own = formula_words(rules, formula), formula_words(rules, rules.rates[rule_rate])
        yield finding(
            Code.DEFINITION_DEVIATION,
            "warning" if book.forced else "info",
            hit.note,
            name,
            printed,
            own,
            f"{name}按本表所印的公式计算: {printed} = {fmt(rate, 2)}%；规则「{rules.name}」为 {own}",
        )


def weight_contradicted(name: str, text: str, weight: float | None, at: Hit | None, declared: float) -> Finding | None:
    """A printed 分值 its own 评价标准 contradicts on a row kept as declared ("分值 5" beside "显著的计8分", or beside
    "未超预算的计4分"), said whatever the row: warning; None where the standard agrees or says no full mark."""
    parsed = parse_standard(text, weight)
    if weight is None or parsed.full is None or parsed.full_matches:
        return None
    return _weight_finding(name, at, weight, parsed.full, text, f"(保留填报得分 {fmt(declared)})")
