"""A 自评表's totals and grade, each read with the convention of the table in front of perfxl.

What a total covers is decided from the table itself, never assumed (docs/domain.md §1.3): the national 项目支出
form's 总分 (100) includes the 执行率 points, other templates print 绩效指标总分 (90) without them, some print both,
or only 自评总分 in the header. A total row's printed 分值, else its printed 得分, says which sum it is when it
matches exactly one of them; when neither settles it (both are wrong), its label and place do: a row naming 指标,
or the first of two, covers the indicators; 总分 alone, or the last of two, covers everything. Each printed total is
then held to the sum of the declared parts it covers (a whole total that adds the 执行率得分 to the printed indicator
subtotal is not wrong itself: the subtotal is), and the declared 等级 to the grade of the declared total.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from perfxl.compute.extra_scores import kept_points, noted_taken_off, signed_points
from perfxl.compute.judge import judge_declared_rate
from perfxl.compute.readings import cell_number, finding
from perfxl.compute.selfeval_grade import grade_findings
from perfxl.locate.extra_rows import positive_off, taken_off_by
from perfxl.locate.located import Hit, Instance, Total
from perfxl.read.text import label_key
from perfxl.read.values import fmt, fmt_pct, round_half_up
from perfxl.report.findings import Code, Finding
from perfxl.report.instances import InstanceResult
from perfxl.rules import RuleSet, SelfEvalDef

_WHOLE = frozenset(label_key(t) for t in ("总分", "总计", "自评总分", "总得分", "自评总得分", "综合得分", "综合评分"))


class Sums(NamedTuple):
    """The declared parts a total can cover: the indicators', and the 执行率 points (None when the form has none)."""

    weight: float
    score: float
    exec_weight: float | None
    exec_score: float

    def of(self, role: str, whole: bool) -> float:
        own = self.weight if role == "weight" else self.score
        extra = (self.exec_weight or 0.0) if role == "weight" else self.exec_score
        return own + (extra if whole and self.exec_weight is not None else 0.0)


def total_findings(inst: Instance, spec: SelfEvalDef, rules: RuleSet, result: InstanceResult) -> Iterator[Finding]:
    """Every printed total, the header's 自评总分 and the 等级 against the declared parts; the weights against 100."""
    tol = rules.score_tol
    extra = [i for i in result.indicators if i.extra]  # 加分项/扣分项: their points count, their 分值 do not
    scored = [i for i in result.indicators if i.weight is not None and not i.extra]
    if not scored:
        yield from _unweighted(inst, rules, result)  # 得分 without 分值 (seed 004's table scores nothing at all)
        return
    exec_declared = result.exec_declared if result.exec_declared is not None else result.exec_score
    weights = sum(i.weight for i in scored if i.weight is not None)
    counted = result.exec_at is not None and not _execution_among_rows(inst, result, weights, tol)
    # a declared score that cannot be read ("公式未计算…", #REF!) and that perfxl works out itself stands in the sums,
    # and a total may lie anywhere the unread score could put it: 0 to its 分值 (``room``)
    stood = [i for i in result.indicators if i.declared is None and i.unreadable and i.score is not None]
    stood_in = sum(i.score or 0.0 for i in stood)
    # a 执行率得分 that neither the form nor perfxl gives (blank under a note perfxl cannot read) is anything from 0
    # to its 分值 too
    open_exec = counted and result.exec_unreadable and result.exec_score is None and exec_declared is None
    room = (stood_in, sum(i.weight if i.weight is not None else i.score or 0.0 for i in stood))
    room = (room[0], room[1] + (result.exec_weight or 0.0 if open_exec else 0.0))
    sums = Sums(
        weights,
        sum(signed_points(i.declared, i.weight, i.extra) for i in result.indicators if i.declared is not None)
        + stood_in,
        result.exec_weight if counted else None,
        exec_declared or 0.0 if counted else 0.0,
    )
    # a 扣分项's positive points taken off where the form's note, or its totals, say so (``locate.extra_rows``)
    taken = sum(positive_off(i.extra, i.declared, i.weight) for i in extra)
    noted = noted_taken_off(inst.note)
    said = [total.cells.get("score") for total in inst.totals] + [inst.header.get("declared_total")]
    as_typed = [sums.of("score", whole) for whole in (True, False)]
    outside = any(abs(sums.of("weight", whole) - rules.max_total) <= tol for whole in (True, False))
    taken_off = taken_off_by(as_typed, taken, noted, [hit.raw for hit in said if hit is not None], tol, outside)
    sums = sums._replace(score=sums.score - 2 * taken) if taken_off else sums
    declared_totals: list[float] = []
    # one that perfxl cannot work out either: the Σ of the declared scores is not known
    known = not any(i.unreadable and i.score is None for i in result.indicators)
    known = known and not (counted and result.exec_unreadable and result.exec_score is None and not open_exec)
    covers = [_covers_all(total, n, len(inst.totals), sums, tol) for n, total in enumerate(inst.totals)]
    # a whole total that adds the 执行率得分 to a printed (wrong) indicator subtotal is not wrong itself
    via_subtotal = [
        sums.exec_score + value
        for total, whole in zip(inst.totals, covers, strict=True)
        if not whole and sums.exec_weight is not None and (value := cell_number(total.cells.get("score"))) is not None
    ]
    # likewise one that adds the indicators to a list of tasks' printed (wrong) 合计, said with the list
    listed = cell_number(inst.list_points[1]) if inst.list_points is not None else None
    via_subtotal += [] if listed is None else [sums.score + listed]
    for total, whole in zip(inst.totals, covers, strict=True):
        for role in ("weight", "score"):
            hit = total.cells.get(role)
            value = cell_number(hit)
            if value is None:
                continue
            if role == "score" and whole:
                declared_totals.append(value)
            if role == "score" and not known:
                continue
            expected = sums.of(role, whole)
            also = via_subtotal if role == "score" and whole else []
            # a printed 分值 total may count the 加分项's and 扣分项's 分值, the 加分项's alone, or none ("合计 105")
            bounds = [i.weight or 0.0 for i in extra]
            also = also if role == "score" else [expected + sum(bounds), expected + sum(w for w in bounds if w > 0)]
            if all(abs(value - e) > tol for e in (expected, *also)) and not (
                role == "score" and _in(value, expected, room, tol)
            ):
                yield _mismatch(inst, total.label, role, whole, value, expected, sums, hit)
        if "score" not in total.cells and "deduction" in total.cells:
            yield from _deducted(inst, total, whole, sums, tol, declared_totals)
        yield from _total_coefficient(inst, total)
    header = inst.header.get("declared_total")
    value = cell_number(header)
    if value is not None:
        declared_totals.insert(0, value)
        expected = sums.of("score", True)
        if (
            known
            and all(abs(value - e) > tol for e in (expected, *via_subtotal))
            and not _in(value, expected, room, tol)
        ):
            yield _mismatch(inst, "自评总分", "score", True, value, expected, sums, header)
    yield from _weight_total(inst, spec, sums, tol)
    if not declared_totals and not _scores_anything(result):
        yield _scores_nothing(inst, result)
        return
    effective = [
        min(max(i.score if i.score is not None else (i.declared or 0.0), 0.0), i.weight or 0.0) for i in scored
    ] + [
        kept_points(i.score if i.score is not None else i.declared or 0.0, i.weight, i.extra, taken_off) for i in extra
    ]
    exec_score = result.exec_score if result.exec_score is not None else (result.exec_declared or 0.0)
    exec_score = exec_score if counted else 0.0
    # each score as the form shows it (to 0.01, half up as Excel's ROUND: 5 × 95.5 % = 4.775 is 4.78 though binary
    # floating point holds 4.77499…), added as the person adds them: Σ of the unrounded scores can differ from the
    # Σ of those shown by 0.01, and across a grade boundary
    result.total = round(round_half_up(exec_score, 2) + sum(round_half_up(score, 2) for score in effective), 2)
    # a score left blank, or unreadable, that nothing computes: the total is a part, no grade is given and none is
    # filled in
    whole = not any((i.blank or i.unreadable) and i.score is None for i in scored)
    whole = whole and not (counted and result.exec_unreadable and result.exec_score is None)
    result.grade = rules.grade_of(result.total, inst.grades) if whole else None
    result.declared_total = declared_totals[0] if declared_totals else None
    blank = next((t.blank_score for t, w in zip(inst.totals, covers, strict=True) if w and t.blank_score), None)
    if blank is not None and not declared_totals and whole:
        result.total_at = (blank.sheet, blank.cell)
    if inst.grade is not None and inst.grade_blank and whole:
        result.grade_at = (inst.grade.sheet, inst.grade.cell)
    header_total = inst.header.get("declared_total")
    if (
        result.total_at is None
        and not declared_totals
        and whole
        and header_total is not None
        and header_total.raw is None
    ):
        result.total_at = (header_total.sheet, header_total.cell)  # 自评总分 in the header, left blank
    # beside a score perfxl stood in for, the 等级 is held to the declared total
    yield from grade_findings(inst, rules, sums.of("score", True) if known and not stood else None, declared_totals)


def _in(value: float, expected: float, room: tuple[float, float], tol: float) -> bool:
    """A declared total that the unread scores could make: within ``expected`` less the scores perfxl stood in
    (``room[0]``) plus anything from 0 to their 分值 (``room[1]``); False where nothing was stood in."""
    stood_in, most = room
    if not most:
        return False
    low = expected - stood_in
    return low - tol <= value <= low + most + tol


def _total_coefficient(inst: Instance, total: Total) -> Iterator[Finding]:
    """A total row's own 得分系数 (Chongqing's "绩效指标总分 | 90 | 98.5% | 89.25") against its 得分 ÷ 分值, to the
    decimals it is printed with."""
    hit = total.cells.get("coefficient")
    weight, score = cell_number(total.cells.get("weight")), cell_number(total.cells.get("score"))
    if hit is None or not weight or score is None:
        return
    due = score / weight * 100
    verdict = judge_declared_rate(hit.raw, due)
    if verdict is None or verdict.severity is None:
        return
    yield finding(
        Code.SCORE_MISMATCH,
        verdict.severity,
        hit,
        f"{inst.name}·{total.label}得分系数",
        verdict.shown,
        round(due, 2),
        f"{total.label}的得分系数填报 {verdict.shown}，按 {fmt(score)} ÷ {fmt(weight)} 应为 {fmt_pct(due)}",
    )


def _scores_anything(result: InstanceResult) -> bool:
    """Some score is printed or can be worked out: a declared 得分, a score from an indicator's values, the 执行率's."""
    return (
        any(i.declared is not None or i.score is not None for i in result.indicators)
        or result.exec_declared is not None
        or result.exec_score is not None
    )


def _scores_nothing(inst: Instance, result: InstanceResult) -> Finding:
    """A table of indicators, targets and 分值 with no 得分 and no 完成值 (a 绩效目标表 or 评价指标表): no total, no
    grade — a 0 would read as a return that earned nothing."""
    first = next((i.cells.get("weight") for i in inst.indicators if i.cells.get("weight") is not None), None)
    message = f"{inst.title or '自评表'}没有得分，也没有可据以计分的完成值：只复核了分值，未计总分和等级"
    return finding(Code.UNVERIFIABLE, "info", first, f"{inst.name}·得分", None, None, message)


def _execution_among_rows(inst: Instance, result: InstanceResult, weights: float, tol: float) -> bool:
    """The 执行率 points the funds block prints are one of the table's rows too ("预算执行(10分) | 预算执行率 | 10"),
    counted once: a row of the 执行率 with the block's 分值, and the indicators' 分值 alone make the 100 a total row
    prints."""
    printed = (cell_number(total.cells.get("weight")) for total in inst.totals)
    again = any(
        "执行" in label_key(i.name) and i.weight is not None and abs(i.weight - (result.exec_weight or 0.0)) <= tol
        for i in result.indicators
    )
    return again and abs(weights - 100.0) <= tol and any(p is not None and abs(p - 100.0) <= tol for p in printed)


_FULL_MARKS = 100.0  # a form's total: its 执行率 points and its indicators'


def _unweighted(inst: Instance, rules: RuleSet, result: InstanceResult) -> Iterator[Finding]:
    """A table that prints 得分 but no 分值 on its rows (湖北's 20-point form prints only its groups' points): each
    printed total is held to the Σ of the declared scores, with the 执行率得分 or without, whichever its label says
    (the 等级 too). Its total is the 执行率得分 worked from the funds and the indicators' scores as declared — no
    分值 to check those against — so that the form, and a 汇总表 line naming it, have a total to be held to."""
    declared = [i.declared for i in result.indicators if i.declared is not None]
    if not declared:
        return
    # a score not read (blank, words, a formula's failure): no 分值 lets perfxl work it out, so the Σ of the scores is
    # not known — the total is a part, and a declared total and 等级 are not held to that Σ
    known = all(i.declared is not None for i in result.indicators) and not result.exec_unreadable
    exec_declared = result.exec_declared if result.exec_at is not None else None
    stood_in = exec_declared is None and result.exec_at is not None and result.exec_score is not None
    if stood_in:
        exec_declared = result.exec_score  # left blank or unreadable: the score its funds give stands in the sums
    sums = Sums(0.0, sum(declared), 0.0 if exec_declared is not None else None, exec_declared or 0.0)
    totals: list[float] = []
    whole_totals: list[float] = []
    for n, total in enumerate(inst.totals):
        hit = total.cells.get("score")
        value = cell_number(hit)
        if value is None:
            continue
        # a score perfxl supplied does not say what a total covers: its label does (总分 the whole, 指标… a part)
        whole = (
            "指标" not in label_key(total.label)
            if stood_in
            else _covers_all(total, n, len(inst.totals), sums, rules.score_tol)
        )
        totals.append(value)
        whole_totals += [value] if whole else []
        if known and abs(value - sums.of("score", whole)) > rules.score_tol:
            yield _mismatch(inst, total.label, "score", whole, value, sums.of("score", whole), sums, hit)
    exec_score = result.exec_score if result.exec_score is not None else exec_declared
    added = round(round_half_up(exec_score or 0.0, 2) + sum(round_half_up(d, 2) for d in declared), 2)
    result.declared_total = whole_totals[0] if whole_totals else None
    whole = known and (exec_score is not None or not result.exec_at)
    if added <= _FULL_MARKS + rules.score_tol:  # more is no form's total: its scores are wrong, and no 分值 says which
        result.total, result.grade = added, rules.grade_of(added, inst.grades) if whole else None
    yield from grade_findings(inst, rules, sums.of("score", True) if known else None, totals)


def _deducted(
    inst: Instance, total: Total, whole: bool, sums: Sums, tol: float, declared_totals: list[float]
) -> Iterator[Finding]:
    """A total row of a form that prints 扣分 instead of 得分: its 扣分 cell holds the points taken off (扣分合计),
    or, as some forms print it, the total left (总分 = 100 − 扣分合计): whichever it matches, else the nearer."""
    hit = total.cells["deduction"]
    value = cell_number(hit)
    if value is None:
        return
    full, left = sums.of("weight", whole), sums.of("score", whole)
    taken = full - left
    if abs(value - left) <= tol or abs(value - taken) <= tol:
        if abs(value - left) <= tol:
            declared_totals.append(value)
        return
    as_total = abs(value - left) < abs(value - taken)
    if as_total:
        declared_totals.append(value)
    yield finding(
        Code.SUM_MISMATCH,
        "error",
        hit,
        f"{inst.name}·{total.label}",
        value,
        round(left if as_total else taken, 2),
        f"{total.label}填报 {fmt(value)}，{fmt(full)} − 各项扣分之和 {fmt(taken)} = {fmt(left)}"
        if as_total
        else f"{total.label}的扣分填报 {fmt(value)}，各项扣分之和为 {fmt(taken)}",
    )


def _covers_all(total: Total, n: int, count: int, sums: Sums, tol: float) -> bool:
    """Whether a total row covers the 执行率 points as well as the indicators' (see the module docstring)."""
    if sums.exec_weight is None:
        return True  # no 执行率 points: the indicators' total is the whole
    for role in ("weight", "score"):
        value = cell_number(total.cells.get(role))
        if value is None:
            continue
        fits = [whole for whole in (False, True) if abs(value - sums.of(role, whole)) <= tol]
        if len(fits) == 1:
            return fits[0]
    key = label_key(total.label)
    if "指标" in key:
        return False
    if count > 1:
        return n == count - 1
    return key in _WHOLE


def _mismatch(
    inst: Instance, label: str, role: str, whole: bool, value: float, expected: float, sums: Sums, hit: Hit | None
) -> Finding:
    what = "分值" if role == "weight" else "得分"
    parts = f"各指标{what}之和"
    name = f"{label}的分值" if role == "weight" else label
    if whole and sums.exec_weight is not None:
        parts += " + 执行率" + ("分值" if role == "weight" else "得分")
    return finding(
        Code.SUM_MISMATCH,
        "error",
        hit,
        f"{inst.name}·{name}",
        value,
        round(expected, 2),
        f"{name}填报 {fmt(value)}，{parts}为 {fmt(expected)}",
    )


def _weight_total(inst: Instance, spec: SelfEvalDef, sums: Sums, tol: float) -> Iterator[Finding]:
    """The indicators' 分值 and the 执行率 points make 100 (a form with no 执行率 points: 100, or the rule set's
    indicator total when the funds block prints none)."""
    allowed = {100.0 - sums.exec_weight} if sums.exec_weight is not None else {100.0, spec.indicator_weight_total}
    if any(abs(sums.weight - a) <= tol for a in allowed):
        return
    grouped = _outer_weights(inst)
    out_of = _out_of(inst.title)
    if sums.exec_weight is None and out_of is not None and abs(out_of - sums.weight) <= tol:
        return  # a form out of its own total, as its title says ("一般公共预算支出管理(60分)考核表")
    nearest = min(allowed, key=lambda a: abs(a - sums.weight))
    expected = next((a for a in allowed if grouped is not None and abs(grouped - a) <= tol), nearest)
    # The 执行率 分值 when the indicators alone stay under 100 and it alone pushes them over; else where the weights
    # are summed up on the form; else where they start.
    funds = next((r.cells["weight"] for r in inst.funds if cell_number(r.cells.get("weight")) is not None), None)
    over = sums.exec_weight is not None and sums.weight < 100.0 - tol < sums.weight + sums.exec_weight - tol
    printed_at = next((t.cells["weight"] for t in inst.totals if "weight" in t.cells), None)
    first = (funds if over else None) or printed_at
    first = first or next((r.cells.get("weight") for r in inst.indicators if "weight" in r.cells), None)
    yield finding(
        Code.WEIGHT_MISMATCH,
        "warning",
        first,
        f"{inst.name}·指标分值",
        sums.weight,
        expected,
        f"各指标分值之和 {fmt(sums.weight)} + 执行率分值 {fmt(sums.exec_weight)} = "
        f"{fmt(sums.weight + sums.exec_weight)}，应为 100"
        if sums.exec_weight is not None
        else f"各指标分值之和为 {fmt(sums.weight)}，应为 {fmt(expected)}",
    )


def _out_of(title: str) -> float | None:
    """The points a form's title says it is out of ("部门预算执行管理(80分)考核表": 80); None where it says none."""
    found = _OUT_OF.search(title)
    return float(found.group(1)) if found else None


_OUT_OF = re.compile(r"[(（]\s*(\d{2,3})\s*分\s*[)）]")


def _outer_weights(inst: Instance) -> float | None:
    """The Σ of the 分值 the 一级 groups print ("产出指标（40分）" …) where every row is under one that does: what the
    form's own indicators are out of (a row cut off or left unweighted does not change it)."""
    outer: dict[str, float] = {}
    for group in inst.groups:
        if group.what == "分值" and not group.at_most:
            outer.setdefault(group.name, group.weight)
    names = {row.level1 for row in inst.indicators}
    if not names or not names <= outer.keys():
        return None
    return sum(outer[name] for name in names)
