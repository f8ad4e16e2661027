"""A list of projects or units (a 汇总表) against its own numbers: each line's 执行率 against its amounts, its 等级
against its 得分, and the 合计 line's amounts against the Σ of the lines; and a line naming a 自评表 of the same
workbook against that form's declared total and funds (which of the two is wrong, the workbook does not say)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from perfxl.compute.judge import judge_declared_rate
from perfxl.compute.readings import amount_number, cell_number, finding
from perfxl.locate.grade_bounds import writes_grade
from perfxl.locate.listing import Listing, ListLine
from perfxl.read.text import label_key
from perfxl.read.values import WAN, fmt, fmt_pct
from perfxl.report.findings import Code, Finding
from perfxl.report.instances import InstanceResult
from perfxl.rules import RuleSet

_AMOUNTS = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数"}


def listing_findings(
    listings: Iterable[Listing], rules: RuleSet, instances: Sequence[InstanceResult] = ()
) -> Iterator[Finding]:
    named: dict[str, list[InstanceResult]] = {}
    for inst in instances:  # a 汇总 list of units names a department's form by its unit
        if inst.called:
            named.setdefault(label_key(inst.called), []).append(inst)
            bare = _CODED.sub("", inst.called.strip())  # "51142523R000000031377-小型农田水利…": listed by its name
            if bare != inst.called.strip():
                named.setdefault(label_key(bare), []).append(inst)
    for listing in listings:
        bases = Counter(label_key(_BRACKETED.sub(r"\g<name>", line.name.strip())) for line in listing.lines)
        for line in listing.lines:
            form = _named_form(line, named, bases)
            if form is not None:
                yield from _against(line, form, rules)
            yield from _rate(line)
            yield from _grade(line, rules)
            yield from _over_weight(line, rules)
        if listing.total is not None:
            # the 合计's rate may follow from the lines' sums where its own amount is wrong (flagged at the amount)
            summed = {role: _sum(listing.lines, role) for role in ("annual", "executed")}
            yield from _rate(listing.total, (summed["annual"], summed["executed"]))
            yield from _grade(listing.total, rules)
        if listing.total is not None and len(listing.lines) > 1:
            yield from _sums(listing.lines, listing.total, rules)


def _named_form(line: ListLine, named: dict[str, list[InstanceResult]], bases: Counter[str]) -> InstanceResult | None:
    """The one 自评表 a line names: by its 项目名称, and where several forms bear that name, by the unit its 实施单位
    column or a bracket after the name gives ("基本公共卫生服务项目（翟店镇卫生院）"); None where that leaves no form
    or more than one (a line is not compared with another unit's project of the same name). A single form of the
    name is the line's whatever unit it prints: its header may name the department (填报单位) and not the 实施单位."""
    name, unit = line.name, line.cells.get("unit")
    said = str(unit.raw).strip() if unit is not None and isinstance(unit.raw, str) else ""
    forms = named.get(label_key(name)) or named.get(label_key(_CODED.sub("", name.strip())), [])
    if said and len(forms) > 1:
        forms = [inst for inst in forms if inst.unit and _same_unit(inst.unit, said)]
    elif not forms and (bracket := _BRACKETED.match(name.strip())) is not None:
        # the bracket must name a form's unit, or the year ("（2023年）"): "乡村道路建设项目（二期）" is another
        # project, not 一期's line
        alike = named.get(label_key(bracket["name"]), [])
        year = _YEAR.match(bracket["unit"].strip())
        if year is not None:  # the form of that year, as its title states it; one stating none where no other line
            # of the list bears the name with another year
            forms = [f for f in alike if f.year == int(year[1])]
            if not forms and bases[label_key(bracket["name"])] == 1:
                forms = [f for f in alike if f.year is None]
        else:
            forms = [f for f in alike if f.unit and _same_unit(f.unit, bracket["unit"])]
    if not forms:
        # one name the other with a word after it that only says the money is a project's ("家庭医生签约服务" for the
        # form's "家庭医生签约服务经费"): the one such form, where no line names it as it is
        key = label_key(name)
        forms = [
            inst
            for other, insts in named.items()
            if other not in bases and _money_words_apart(key, other)
            for inst in insts
            if not said or not inst.unit or _same_unit(inst.unit, said)
        ]
    return forms[0] if len(forms) == 1 else None


def _money_words_apart(a: str, b: str) -> bool:
    """One name is the other and words after it that only say it is money for a project (经费, 资金, 工作经费 …)."""
    short, long = sorted((a, b), key=len)
    return bool(short) and long.startswith(short) and _MONEY_WORDS.fullmatch(long[len(short) :]) is not None


_MONEY_WORDS = re.compile(r"(?:(?:专项|工作|补助|补贴)?(?:经费|资金|项目|专项)|工作|补助|补贴)+")
_YEAR = re.compile(r"^((?:19|20)\d{2})\s*年?度?$")
# a budget system's project code before the name ("51142523R000000031377-", 四川's exports; "2023-YS-0012 ")
_CODED = re.compile(
    r"^(?=[0-9A-Za-z-]*\d{4})(?=[0-9-]*[A-Za-z]|\d{10})[0-9A-Za-z][0-9A-Za-z-]{7,}(?:\s*[—_－:：-]\s*|\s+)(?=[\u4e00-\u9fff])"
)
_BRACKETED = re.compile(r"^(?P<name>.+?)[(（](?P<unit>[^()（）]+)[)）]$")


def _same_unit(a: str, b: str) -> bool:
    """Two writings of one unit: one contains the other (稷山县翟店镇卫生院, 翟店镇卫生院)."""
    x, y = label_key(a), label_key(b)
    return bool(x and y) and (x in y or y in x)


def _against(line: ListLine, inst: InstanceResult, rules: RuleSet) -> Iterator[Finding]:
    """The line's 得分 and amounts against the 自评表 it names."""
    where = f"工作表「{inst.sheet}」的{inst.title or '自评表'}"
    pairs: list[tuple[str, float | None, float | None, float]] = [
        ("score", cell_number(line.cells.get("score")), inst.declared_total, rules.score_tol),
    ]
    total = inst.funds[0] if inst.funds else None
    for role in ("annual", "executed"):
        theirs = getattr(total, role) if total is not None else None
        pairs.append((role, amount_number(line.cells.get(role)), theirs, rules.money_tol))
    for role, ours, theirs, tol in pairs:
        if ours is None or theirs is None or abs(ours - theirs) <= tol:
            continue
        if role != "score" and (abs(ours - theirs * WAN) <= tol * WAN or abs(ours * WAN - theirs) <= tol * WAN):
            continue  # one in 元, the other in 万元: 15,000,000 元 is 1,500 万元
        what = "自评得分" if role == "score" else _AMOUNTS[role]
        yield finding(
            Code.CROSS_FORM_MISMATCH,
            "warning",
            line.cells[role],
            f"{line.name}{what}",
            ours,
            theirs,
            f"「{line.name}」的{what}填报 {fmt(ours)}，{where}为 {fmt(theirs)}",
        )


def _parts(lines: list[ListLine], role: str) -> list[float] | None:
    """Each line's amount of ``role``; None where a line has none."""
    parts = [amount_number(line.cells.get(role)) for line in lines]
    return None if not parts or any(p is None for p in parts) else [p for p in parts if p is not None]


def _sum(lines: list[ListLine], role: str) -> float | None:
    parts = _parts(lines, role)
    return None if parts is None else sum(parts)


def _rate(line: ListLine, also: tuple[float | None, float | None] = (None, None)) -> Iterator[Finding]:
    hit = line.cells.get("rate")
    annual, executed = amount_number(line.cells.get("annual")), amount_number(line.cells.get("executed"))
    if hit is None or hit.raw is None or not annual or executed is None:
        return
    rate = executed / annual * 100
    verdict = judge_declared_rate(hit.raw, rate)
    if verdict is None or verdict.severity is None:
        return
    if also[0] and also[1] is not None:
        other = judge_declared_rate(hit.raw, also[1] / also[0] * 100)
        if other is not None and other.severity is None:
            return
    formula = f"{fmt(executed, 4)} / {fmt(annual, 4)} = {fmt_pct(rate)}"
    item = f"{line.name}执行率"
    yield finding(
        Code.RATE_MISMATCH, verdict.severity, hit, item, verdict.shown, round(rate, 2), verdict.message(item, formula)
    )


def _over_weight(line: ListLine, rules: RuleSet) -> Iterator[Finding]:
    """A line of a list that carries points (a task's 分值 | 得分): its 得分 no more than its 分值."""
    weight, score = cell_number(line.cells.get("weight")), cell_number(line.cells.get("score"))
    if weight is None or score is None or score <= weight + rules.score_tol:
        return
    yield finding(
        Code.SCORE_OVER_WEIGHT,
        "error",
        line.cells["score"],
        f"{line.name}得分",
        score,
        weight,
        f"「{line.name}」得分 {fmt(score)} 超过其分值 {fmt(weight)}",
    )


_NO_GRADE = " \t\n—-－–/／\\无"  # what a cell holds where no grade is given


def _grade(line: ListLine, rules: RuleSet) -> Iterator[Finding]:
    hit, score = line.cells.get("grade"), cell_number(line.cells.get("score"))
    if hit is None or score is None or not isinstance(hit.raw, str) or not hit.raw.strip(_NO_GRADE):
        return  # blank, or a dash: no grade given (a 合计 line's "—")
    grade, written = rules.grade_of(score), hit.raw.strip()
    if not writes_grade(written, grade):
        yield finding(
            Code.GRADE_MISMATCH,
            "error",
            hit,
            f"{line.name}等级",
            written,
            grade,
            f"「{line.name}」等级填报为「{written}」，其自评得分 {fmt(score)} 对应等级为「{grade}」",
        )


def _sums(lines: list[ListLine], total: ListLine, rules: RuleSet) -> Iterator[Finding]:
    """The 合计's amounts against the Σ of the lines; and, in a list whose lines carry points (分值 | 得分, a list of
    tasks), its 分值 and 得分 too (a list of projects' 合计 得分 is no sum)."""
    sums = [(role, what, rules.money_tol) for role, what in _AMOUNTS.items()]
    if "weight" in total.cells:
        sums += [("weight", "分值", rules.score_tol), ("score", "得分", rules.score_tol)]
    for role, what, tol in sums:
        hit = total.cells.get(role)
        declared, parts = amount_number(hit), _parts(lines, role)
        if hit is None or declared is None or parts is None:
            continue
        summed = sum(parts)
        if abs(declared - summed) > tol + 1e-9:
            terms = " + ".join(fmt(p) for p in parts)
            yield finding(
                Code.SUM_MISMATCH,
                "error",
                hit,
                f"合计{what}",
                declared,
                round(summed, 2),
                f"合计的{what}填报 {fmt(declared)}，各项之和为 {terms} = {fmt(summed)}",
            )
