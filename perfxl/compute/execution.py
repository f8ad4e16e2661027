"""The 执行率得分 of a 自评表: 分值 × 执行率 on the funds line that prints it, or on each of the lines the points are
split over (财政拨款 6 + 其他资金 4)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from itertools import pairwise, takewhile
from typing import Any, NamedTuple

import numpy as np

from perfxl.compute.deductions import declared_score, typed_score
from perfxl.compute.funds import PartSums, rates_by_parts
from perfxl.compute.judge import RateVerdict, judge_declared_rate, rounded_score
from perfxl.compute.printed import shortened
from perfxl.compute.readings import cell_number, finding
from perfxl.compute.rule_score import also_read, reading_giving, rule_score
from perfxl.compute.targets import IndicatorScore, Quantity
from perfxl.compute.unread import unreadable
from perfxl.locate.located import ANY_LEAD, EXEC_NOTE, EXEC_RATE, NOTE_START, PRODUCT, Hit, Instance, exec_scored
from perfxl.read.text import label_key
from perfxl.read.values import fmt, fmt_pct, is_empty, round_half_up
from perfxl.report.findings import Code, Finding
from perfxl.report.instances import InstanceResult
from perfxl.rules import RuleSet, ScoreRule, SelfEvalDef
from perfxl.rules.standards import Parsed, parse_standard
from perfxl.rules.standards_words import numbered_items


def execution_score(
    inst: Instance,
    spec: SelfEvalDef,
    rules: RuleSet,
    result: InstanceResult,
    records: list[dict[str, Any]],
    sums: PartSums,
) -> Iterator[Finding]:
    """执行率得分 = 分值 × 执行率 (capped as the rule set says), on the row that carries it: the total's, or a
    sub-row's where a system export puts it (财政拨款); or on each of several rows that print points of their own
    (财政拨款 6 + 其他资金 4), which then add up."""
    shared = [n for n, row in enumerate(inst.funds) if _own_points(row.cells)]
    # parts that print points of their own, under a line that prints none (a 其中 line repeating its total's 分值
    # and 得分, as 濉溪's form does, is the same points again)
    if len(shared) > 1 and not any(inst.funds[m].parent in shared for m in shared):
        yield from _shared_points(inst, spec, rules, result, shared)
        return
    at = _score_row(inst)
    if at is None:
        _list_points(inst, result)
        return
    row, funds = inst.funds[at], result.funds[at]
    # "/", 0 or nothing for the 执行率's 权重分值 and 得分 where the indicators' 分值 make the 100 themselves (重庆:
    # "本表执行率不单独计分"): it earns no points; elsewhere a "/" is a blank the rule set's 分值 fills
    own = sum(line.weight for line in inst.indicators if line.weight is not None)
    if abs(own - 100.0) <= rules.score_tol and all(
        _no_points(row.cells.get(role), True) for role in ("weight", "score")
    ):
        return
    typed = cell_number(row.cells.get("weight"))
    weight = typed if typed is not None else spec.funds_weight
    result.exec_weight = weight
    noted = noted_rule(inst, weight)
    rule = None if noted is None else noted.rule

    def scored(rate: float) -> float | None:
        if rule is not None:
            return float(rule_score(np.array([rate]), rule, weight)[0])
        return None if noted is not None else weight * (min(rate, 100.0) if spec.funds_cap else rate) / 100

    result.exec_score = None if funds.rate is None else scored(funds.rate)
    hit, result.exec_declared, said = declared_score(row.cells, weight)
    assert hit is not None  # _score_row's row has a 得分 or 扣分 cell
    result.exec_at = (hit.sheet, hit.cell)
    result.exec_blank = hit is row.cells.get("score") and is_empty(hit.raw)
    name = f"{inst.name}·执行率得分"
    unread_note = noted is not None and rule is None
    # under a note it cannot read, a blank score is not known, like one it cannot read
    result.exec_unreadable = unreadable(hit) or (unread_note and result.exec_declared is None)
    if unread_note and noted is not None:  # the declared score is kept
        why = noted.parsed.reason or "无法读懂"
        kept = "未填，无法计算" if result.exec_declared is None else f"保留填报得分 {fmt(result.exec_declared)}"
        message = f"执行率得分: 表下注「{noted.text}」无法据以计分({why})，{kept}"
        yield finding(Code.UNVERIFIABLE, "info", hit, name, result.exec_declared, None, message)
        return
    if result.exec_declared is None or result.exec_score is None or funds.rate is None:
        return
    if abs(result.exec_declared - result.exec_score) <= rules.score_tol:
        return  # the line's own amounts give it: its parts are not asked
    for by_parts, _, _ in rates_by_parts(at, records[at], sums, rules):
        from_parts = scored(by_parts)
        if from_parts is not None and abs(result.exec_declared - from_parts) <= rules.score_tol:
            result.exec_score = from_parts  # the score of the rate worked from the parts' Σ: the wrong amount is
            return  # said at its cell, and the score is the one the right amounts give
    capped = "(封顶 100%)" if spec.funds_cap else ""
    how = (
        f"按 分值 {fmt(weight)} × {funds.label}执行率 {fmt_pct(funds.rate)}{capped}"
        if noted is None
        else f"按表下注「{noted.text}」: {funds.label}执行率 {fmt_pct(funds.rate)}"
    )
    default = noted is not None and noted.parsed.status == "default"
    alternatives = noted.parsed.alternatives if noted is not None and default else ()
    other = reading_giving(alternatives, funds.rate, weight, result.exec_declared, rules.score_tol)
    text = f"执行率{said.replace(' ', '填报 ', 1)}，{how} 应为 {fmt(result.exec_score)}"
    due = result.exec_score
    softer = _rounded(row.cells, hit, result.exec_declared, due, scored, funds.rate, rules.score_tol)
    yield finding(
        Code.SCORE_MISMATCH,
        "warning" if other or softer else "error",
        hit,
        name,
        result.exec_declared,
        round_half_up(result.exec_score, 2),
        text + (also_read(other, result.exec_declared) or softer),
    )


def _rounded(
    cells: Mapping[str, Hit],
    hit: Hit,
    declared: float,
    due: float,
    scored: Callable[[float], float | None],
    rate: float,
    tol: float,
) -> str:
    """Where a wrong 执行率得分 comes of rounding, what rounding (the finding is then a warning): the score rounded to
    one decimal (9.9 for 9.8765), or worked from the rate the line prints, itself a right rounding of its amounts'
    (10 × 95% = 9.5 for 95.45 %)."""
    typed = cells.get("rate")
    verdict = judge_declared_rate(typed.raw, rate) if typed is not None else None
    on_typed = scored(verdict.declared) if verdict is not None and verdict.severity is None else None
    if (
        verdict is not None
        and on_typed is not None
        and abs(declared - on_typed) <= tol
        and _smooth(scored, rate, verdict)
    ):
        return f"(填报值按表上执行率 {verdict.shown} 计算；得分按金额算出的执行率核对)"
    return rounded_score(typed_score(cells, hit), declared, due)


def _smooth(scored: Callable[[float], float | None], rate: float, verdict: RateVerdict) -> bool:
    """The score moves evenly between the rate and its rounding as typed: no cut-off between them ("95%" typed for
    94.95 % under "95%以上得10分，低于95%不得分" is no rounding of the score)."""
    steps = [scored(rate + (verdict.declared - rate) * k / 10) for k in range(11)]
    if any(step is None for step in steps):
        return False
    scores = [step for step in steps if step is not None]
    largest = max(abs(b - a) for a, b in pairwise(scores))
    return largest <= 0.5 * abs(scores[-1] - scores[0]) + 1e-9


def _no_points(hit: Hit | None, blank: bool = False) -> bool:
    """A cell that says the 执行率 has no points ("/", "—", "无", "不计分", 0), or (``blank``) is left blank."""
    text = str(hit.raw).strip() if hit is not None and hit.raw is not None else ""
    return text in _NONE or cell_number(hit) == 0 or (blank and not text)


_NONE = frozenset({"/", "／", "—", "-", "－", "——", "无", "不计分", "不单独计分"})


def _list_points(inst: Instance, result: InstanceResult) -> None:
    """The points a list of tasks carries for the form: its 合计's 分值, and the Σ of its lines' 得分 (its 合计's 得分
    where a line has none). A wrong 合计 is said with the list (``perfxl.check.listing``), not again at the 总分."""
    if inst.list_points is None:
        return
    weight_hit, score_hit, lines = inst.list_points
    weight = cell_number(weight_hit)
    parts = [cell_number(hit) for hit in lines]
    score = cell_number(score_hit) if not parts or None in parts else sum(p for p in parts if p is not None)
    if weight is not None:
        result.exec_weight, result.exec_declared = weight, score
        result.exec_at = (score_hit.sheet, score_hit.cell)


class Noted(NamedTuple):
    """What a note under the form says of the 执行率得分: its standard's reading and its words."""

    parsed: Parsed
    text: str

    @property
    def rule(self) -> ScoreRule | None:
        """The rule it scores by; None where it cannot be read (the declared score is then kept)."""
        parsed = self.parsed
        usable = parsed.status in ("read", "default") and parsed.rule is not None and parsed.rule.kind != "declared"
        return parsed.rule if usable else None


def noted_rule(inst: Instance, weight: float) -> Noted | None:
    """What a note under the form says of the 执行率得分 ("注：1.预算执行率得分：执行率≥95%得10分；85%≤执行率<95%得8分；
    执行率<85%不得分。2.…", "注：预算执行率达到90%及以上的得满分，否则不得分。"); None where there is none, or where one
    it cannot read only restates 分值 × 执行率 ("全年执行数/全年预算数×100%×分值"): the default formula then holds, so
    that a wrong score is still said."""
    if inst.exec_note is None or not isinstance(inst.exec_note.raw, str):
        return None
    text = note_standard(inst.exec_note.raw)
    if not text:
        return None
    noted = Noted(parse_standard(text, weight), shortened(text))
    return noted if noted.rule is not None or not PRODUCT.search(text) else None


def note_standard(raw: str) -> str:
    """The standard a note states for the 执行率: the words after the first lead ("预算执行率得分：") in its own
    numbered item, and where those compare no figure ("满分10分。", "按以下标准计分：") the numbered tiers that follow
    ("\n1.执行率≥95%，得10分；\n2.80%≤执行率<95%，得8分"); else, in a cell that starts as a note does, the words from
    the clause that first scores the 执行率 by a rule outside another indicator's lead, and the tiers after them when
    they are one."""
    items = numbered_items(raw)
    for i, item in enumerate(items):
        lead = EXEC_NOTE.search(item)
        if lead is not None:
            own = _own_sentences(item[lead.end() :])
            return _joined(own, [] if "%" in own else items[i + 1 :])
    if NOTE_START.match(raw) is None:
        return ""
    for i, item in enumerate(items):
        for found in exec_scored(item):
            sentence = _start(item, found.start(), "。；;\n")
            if not ANY_LEAD.search(item, sentence, found.start()):  # "资金到位率得分：…执行率…" is the 到位率's
                own = _own_sentences(item[_start(item, found.start(), "。；;\n：:，,") :])
                return _joined(own, items[i + 1 :] if _tier(own) else [])
    return ""


def _start(text: str, at: int, marks: str) -> int:
    """Where the stretch of ``text`` holding ``at`` starts: after the last of ``marks`` before it."""
    return max(text.rfind(mark, 0, at) for mark in marks) + 1


def _joined(own: str, following: list[str]) -> str:
    """A standard's own words and the numbered tiers that go on it, as one text."""
    tiers = [t.strip().rstrip("；;。") for t in takewhile(_tier, following)]
    return "；".join(part for part in (own.rstrip("；;。"), *tiers) if part)


def _own_sentences(text: str) -> str:
    """The sentences of a note's item that go on scoring the 执行率: the first, and those after it that compare it
    or go on its deductions ("…；85%≤执行率<95%得8分；执行率<85%不得分", "…；偏差每增加1个百分点扣1分"), up to one that
    scores something else ("自评总得分 = …", "其余指标…") or a clause that names another rate or indicator ("完成率…",
    "满意度…"; "该指标不得分" is this one)."""
    kept: list[str] = []
    for sentence in (part.strip() for part in _SENTENCE.split(text.strip()) if part.strip()):
        if kept and (_OTHER_SCORE.match(sentence) or not _GOES_ON.search(sentence)):
            break
        clauses = _CLAUSE.split(sentence)
        own = list(takewhile(lambda clause: not _names_another(clause), clauses))
        if own:
            kept.append("，".join(own))
        if len(own) < len(clauses):
            break
    return "；".join(kept)


def _tier(item: str) -> bool:
    """A numbered item that goes on the 执行率's standard: it compares a figure in percent and names no other rate or
    indicator ("2.85%（含）至95%的，得8分", "3.执行率<85%，不得分"; not "2.满意度≥90%得满分")."""
    return "%" in item and not _names_another(item)


def _names_another(text: str) -> bool:
    """Whether ``text`` names a rate or indicator other than the funds' 执行率 (完成率, 满意度, 政府采购执行率)."""
    return _ANOTHER.search(_FUNDS_RATE.sub("∅", text)) is not None


_SENTENCE = re.compile(r"[；;。]")
_CLAUSE = re.compile(r"[,，]")
_GOES_ON = re.compile(r"执行率|%|每|扣|不得分|满分|偏差")
_OTHER_SCORE = re.compile(r"^(?!.*?执行率得分\s*[=＝:：])[^=＝]*?(?:得分|总分|计分)\s*[=＝:：]|^(?:其他|其余|其它)")
_FUNDS_RATE = re.compile(EXEC_RATE)
_ANOTHER = re.compile(r"(?<!偏差)率|满意度|(?<![该本此∅])指标")


def score_by_exec_note(inst: Instance, name: str, actual: Quantity, weight: float) -> IndicatorScore | None:
    """An indicator row of the execution rate itself ("项目预算执行率 | ≥95% | 92.4%") under a note that says how
    the 执行率得分 is scored ("预算执行率指标得分=预算执行率×分值"): scored by the note over its actual rate, not by
    its target ratio; None for any other row, or no note it can be scored by."""
    noted = noted_rule(inst, weight) if "执行率" in name else None
    rule = None if noted is None else noted.rule
    if noted is None or rule is None or not actual.percent or actual.value is None:
        return None
    score = float(rule_score(np.array([actual.value]), rule, weight)[0])
    basis = f"按表下注「{noted.text}」: 实际 {fmt(actual.value)}% → {fmt(score)}分"
    return IndicatorScore(score, score / weight if weight else None, basis, score >= weight, False)


def _own_points(cells: Mapping[str, Hit]) -> bool:
    return cell_number(cells.get("weight")) is not None and cell_number(cells.get("score")) is not None


def _shared_points(
    inst: Instance, spec: SelfEvalDef, rules: RuleSet, result: InstanceResult, rows: list[int]
) -> Iterator[Finding]:
    """The 执行率 points split over several funds rows: each row's 得分 = its 分值 × its 执行率; their Σ counts."""
    weights: list[float] = []
    due: list[float | None] = []
    declared: list[float] = []
    for n in rows:
        row, funds = inst.funds[n], result.funds[n]
        weight = cell_number(row.cells.get("weight")) or 0.0
        hit, said_value, said = declared_score(row.cells, weight)
        assert hit is not None and said_value is not None  # _own_points: a number under 得分
        if result.exec_at is None:
            result.exec_at = (hit.sheet, hit.cell)
        share = None if funds.rate is None else min(funds.rate, 100.0) if spec.funds_cap else funds.rate
        expected = None if share is None else weight * share / 100
        weights.append(weight)
        due.append(expected)
        declared.append(said_value)
        if expected is not None and abs(said_value - expected) > rules.score_tol:
            said = said.replace(" ", "填报 ", 1)
            text = f"{funds.label}执行率{said}，按 分值 {fmt(weight)} × 执行率 {fmt_pct(funds.rate)}"
            yield finding(
                Code.SCORE_MISMATCH,
                "error",
                hit,
                f"{inst.name}·{funds.label}执行率得分",
                said_value,
                round(expected, 2),
                f"{text} 应为 {fmt(expected)}",
            )
    result.exec_weight, result.exec_declared = sum(weights), sum(declared)
    result.exec_score = None if any(d is None for d in due) else sum(d for d in due if d is not None)


def _score_row(inst: Instance) -> int | None:
    """The funds row whose 得分 (or 扣分, on a form that prints only that) holds a number, else the total row when it
    has such a cell to fill."""
    for role in ("score", "deduction"):
        for n, row in enumerate(inst.funds):
            if cell_number(row.cells.get(role)) is not None:
                return n
    return next(
        (
            n
            for n, row in enumerate(inst.funds)
            if row.row == "total" and ("score" in row.cells or "deduction" in row.cells)
        ),
        None,
    )


def funds_rate(inst: Instance, name: str) -> tuple[float, str] | None:
    """The 执行率 of the form's funds total (全年执行数 ÷ 全年预算数, else ÷ 年初预算数) in percent and its working,
    for an indicator row of that very rate that prints no actual of its own ("预算执行率 | 预算执行率=执行数/预算数×
    100% | 评价标准 | 分值 | 得分"); None for a rate of some part (项目支出执行率, 基本支出预算执行率, 重点项目执行率;
    a 项目 rate on a department form) or where the total's amounts are not both figures."""
    whole = _WHOLE_RATE.fullmatch(label_key(name))
    if whole is None or (whole.group(1) == "项目" and inst.variant == "department"):
        return None
    total = next((row for row in inst.funds if row.row == "total"), inst.funds[0] if inst.funds else None)
    if total is None:
        return None
    executed = cell_number(total.cells.get("executed"))
    budget = cell_number(total.cells.get("annual")) or cell_number(total.cells.get("initial"))
    if executed is None or not budget:
        return None
    rate = executed / budget * 100
    return rate, f"资金执行率 {fmt(executed)} ÷ {fmt(budget)} = {fmt_pct(rate)}"


def against_funds(inst: Instance, name: str, raw: object) -> tuple[RateVerdict, str] | None:
    """The verdict on a 执行率 an indicator row of the funds' own rate types ("98%") where the block's figures say
    otherwise (240 ÷ 250 = 96 %), and the block's working; None where it agrees at the precision typed, where the
    block has no total line (its parts alone say nothing of the whole), where it is the rate of some line of the block
    (a unit may type the 财政拨款's), or where it is 100 % on a block over 100 % (the rate capped, as units do)."""
    funds = funds_rate(inst, name)
    if funds is None or not (len(inst.funds) == 1 or any(line.row == "total" for line in inst.funds)):
        return None
    verdict = judge_declared_rate(raw, funds[0])
    if verdict is None or verdict.severity != "error" or (verdict.declared == 100 and funds[0] > 100):
        return None
    for line in inst.funds:
        executed, budget = cell_number(line.cells.get("executed")), cell_number(line.cells.get("annual"))
        other = judge_declared_rate(raw, executed / budget * 100) if executed is not None and budget else None
        if other is not None and other.severity != "error":
            return None
    return verdict, funds[1]


# the funds' own rate by its names: 预算执行率, 资金执行率, 年度预算执行率, 项目预算执行率 (on a project form), 执行率
_WHOLE_RATE = re.compile(r"(?:年度|全年|本年|部门|单位|整体|部门整体|(项目))?(?:预算|资金)?执行率")
