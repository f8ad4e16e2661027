"""Read a printed 评价标准 into one of the closed rule kinds, or say why it cannot be read (docs/domain.md §11).

``parse_standard("100%为标准。在职人员控制率≦100%,计7分;每超过一个百分点扣0.2分,扣完为止。", 7)`` gives an ``over``
rule (threshold 100, 0.2 per point). Nothing is evaluated and nothing is guessed: a text the closed constructs
of ``perfxl.rules.standards_text`` do not cover is ``unread`` with the reason; a text that allows readings no
documented decision chooses between is ``ambiguous`` with no rule; where a decision of docs/domain.md does
choose ("每超过一个百分点" is continuous, "每低于5%" counts whole steps, 分值 × 执行率 is capped) the status is
``default`` and the readings set aside are listed. The rule carries no rate name: the caller knows the indicator.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from typing import cast

from perfxl.rules.deviation import around, of_centre
from perfxl.rules.model import Band, ScoreRule, Steps
from perfxl.rules.standards_bands import edges_settled, ladder, shared_edges
from perfxl.rules.standards_cases import check_cases, cutoff
from perfxl.rules.standards_points import in_points
from perfxl.rules.standards_result import EPS, Open, Parsed, Reading, Status, Unread
from perfxl.rules.standards_surplus import surplus_reading
from perfxl.rules.standards_text import INF, Case, Clauses, Interval, Piece, read_clauses, rest_of
from perfxl.rules.standards_words import awarded_unlike, normalise

# the printed verbs of a deduction above the threshold
OVER = ("超过", "超出", "高于", "多于", "增加", "增长", "上升", "调整", "超", "增")  # 调整: of an 调整率, from 0
_GROWTH = ("增长", "上升")  # growth, where nothing else says where it counts from: from no change (0 %)


@lru_cache(maxsize=4096)  # a batch prints the same few dozen standards on every return
def parse_standard(text: str, weight: float | None) -> Parsed:
    """The rule a printed 评价标准 states, for an indicator of ``weight`` 分 (None: not printed)."""
    norm = normalise(text)
    if weight is not None:
        norm = in_points(norm, weight)
    relative = "偏差率" in norm
    norm, centre = around(norm)
    parsed = _parse(norm, None if weight is None else float(weight))
    if centre is not None and parsed.rule is not None:
        parsed = replace(
            parsed,
            rule=replace(parsed.rule, centre=centre),
            alternatives=tuple(replace(a, rule=replace(a.rule, centre=centre)) for a in parsed.alternatives),
        )
    if centre == 0 and parsed.rule is not None:
        # "控制率在±10%以内": the rate's size either way; a ratio printed as 实际 ÷ 预算 (93.5 %) means its distance
        # from 100 %, a reading a declared score may follow
        hundred = Reading(replace(parsed.rule, centre=100.0), "±按与100%的差计")
        parsed = replace(parsed, status="default", alternatives=(*parsed.alternatives, hundred))
    elif centre is not None and centre != 100 and relative and parsed.rule is not None:
        # a 偏差率 from 90 % may be |x − 90| points or |x − 90| ÷ 90 of the centre (the same only from 100 %): the
        # points score, the other is a reading a declared score may follow
        share = Reading(of_centre(parsed.rule, centre), f"偏差率按相对{centre:g}%的比例计")
        parsed = replace(parsed, status="default", alternatives=(*parsed.alternatives, share))
    return parsed if parsed.text == text else replace(parsed, text=text)


@lru_cache(maxsize=4096)
def _parse(norm: str, weight: float | None) -> Parsed:
    """One reading per distinct normalised text and weight: a batch repeats the same few standards."""
    surplus = surplus_reading(norm)
    if surplus is not None:
        return replace(surplus, weight=weight)
    clauses = read_clauses(norm)
    try:
        rule, full, alternatives, notes = _rule(clauses, weight)
    except Unread as unread:  # what the text cannot score by, it may still contradict its 分值 by
        return Parsed(norm, "unread", full=awarded_unlike(norm, weight), weight=weight, reason=str(unread))
    except Open as open_:
        return Parsed(norm, "ambiguous", weight=weight, alternatives=open_.alternatives, reason=str(open_))
    if weight is not None and full is not None and abs(full - weight) > EPS:
        return Parsed(
            norm,
            "ambiguous",
            full=full,
            weight=weight,
            alternatives=_rescaled(rule, full, weight),
            notes=notes,
            reason=f"印的满分 {full:g} 与分值 {weight:g} 不符",
        )
    status: Status = "default" if alternatives else "read"
    return Parsed(norm, status, rule, full, weight, alternatives, notes)


_Built = tuple[ScoreRule, float | None, tuple[Reading, ...], tuple[str, ...]]


def _rule(clauses: Clauses, weight: float | None) -> _Built:
    """(rule, printed full mark, readings a default set aside, notes), or Unread / Open."""
    kinds = [p.kind for p in clauses.others]
    problems = list(clauses.problems)
    open_ = []
    if "choice" in kinds:
        open_.append("「二者择其一」: 考核哪一个比率由单位选定, 文字未定")
    if any(d.direction == "相差" for d, _ in clauses.deductions):
        open_.append("「每相差」: 高于和低于计划都扣分, 步长是否按整档也未说明; 规则种类只按一个方向扣分")
    if problems:
        raise Unread("; ".join(problems + open_))
    if open_:
        raise Open("; ".join(open_))
    if "most" in kinds and not clauses.deductions:
        raise Unread("「最多扣…分」只用于逐点扣分, 此处没有扣分条款")
    ways = len(clauses.deductions) + kinds.count("ratio") + kinds.count("formula")
    if ways > 1:
        raise Unread("印了不止一种计分方式")
    printed = [p.value for p in clauses.others if p.kind in ("weight", "stop", "ratio") and p.value is not None]
    if clauses.deductions:
        built = _deduction(clauses, printed, weight)
    elif "formula" in kinds:
        built = _formula(clauses, printed, weight)
    elif "ratio" in kinds:
        built = _proportional(clauses, printed, weight)
    elif clauses.cases:
        built = _bands(clauses.cases, printed, weight)
    else:
        raise Unread("没有计分的条款")
    rule, full, alternatives, notes = built
    if "absent" in kinds:
        rule = replace(rule, absent="full")
        alternatives = tuple(replace(a, rule=replace(a.rule, absent="full")) for a in alternatives)
    return rule, full, alternatives, notes


def _one_full(printed: list[float]) -> float | None:
    """The full mark the text prints, if any; two different ones are a contradiction in the text itself."""
    values = sorted(set(printed))
    if len(values) > 1:
        raise Unread(f"印的满分不一致: {'、'.join(f'{v:g}' for v in values)}")
    return values[0] if values else None


def _deduction(clauses: Clauses, printed: list[float], weight: float | None) -> _Built:
    """ "每超过/每低于 N 个百分点扣 X 分": over or under a threshold the text states once or more, consistently."""
    piece, pre = clauses.deductions[0]
    over = piece.direction in OVER
    thresholds = [p.value for p in clauses.others if p.kind == "standard" and p.value is not None]
    if pre is not None:
        bound = pre.lo if over else pre.hi
        if (pre.hi if over else pre.lo) != (INF if over else -INF) or not math.isfinite(bound):
            raise Unread(f"扣分条件 {pre.show()} 与「{piece.text}」方向不符")
        thresholds.append(bound)
    numbers = [c.score for c in clauses.cases if c.score]
    top = max(numbers) if numbers else None
    for case in clauses.cases:
        iv = case.interval
        if case.score is None or case.score == top:  # the full-marks case fixes where deducting starts
            point = iv.lo == iv.hi
            if over and (iv.lo == -INF or point):
                thresholds.append(iv.hi)
            elif not over and (iv.hi == INF or point):
                thresholds.append(iv.lo)
    if not thresholds and piece.direction in _GROWTH:
        thresholds.append(0.0)
    if not thresholds:
        raise Unread(f"「{piece.text}」: 未说明从哪里开始扣分")
    if max(thresholds) - min(thresholds) > EPS:
        raise Unread(f"扣分起点不一致: {'、'.join(f'{t:g}%' for t in sorted(set(thresholds)))}")
    full = _one_full(printed + ([top] if top is not None else []))
    # docs/domain.md §6.1: a step of one point deducts continuously; §6.2: a step of several points counts
    # whole steps (the seeds give full marks at 96.6 % under "每低于5%扣2分").
    steps: Steps = "linear" if piece.per <= 1 else "floor"
    said = [p for p in clauses.others if p.kind == "steps"]
    most = {p.value for p in clauses.others if p.kind == "most" and p.value is not None}
    if len(most) > 1:
        raise Unread(f"印的最多扣分不一致: {'、'.join(f'{v:g}' for v in sorted(most))}")
    rule = ScoreRule(
        kind="over" if over else "under",
        threshold=thresholds[0],
        per=piece.per,
        deduct=piece.value or 0.0,
        steps=steps,
        most=most.pop() if most else None,
    )
    rule, cases = cutoff(rule, clauses.cases, full if full is not None else weight)
    clauses = replace(clauses, cases=cases)
    if said:  # "(不足5个百分点不扣分)": the text settles how a part step counts
        if len({p.expr for p in said}) > 1 or any(p.value is None or abs(p.value - piece.per) > EPS for p in said):
            raise Unread(f"「{said[0].text}」与「{piece.text}」的步长不符")
        rule = replace(rule, steps=cast(Steps, said[0].expr))
        check_cases(rule, clauses.cases, full if full is not None else weight)
        return rule, full, (), ()
    if steps == "linear":
        note = f"「{piece.text}」: 按 docs/domain.md §6.1 连续扣分(不足一个百分点按比例扣)"
        alternatives: tuple[Reading, ...] = (Reading(replace(rule, steps="floor"), "只按整个百分点扣分"),)
    else:
        note = f"「{piece.text}」: 按 docs/domain.md §6.2 只按整档扣分"
        alternatives = (
            Reading(replace(rule, steps="linear"), "连续扣分(不足一档按比例扣)"),
            Reading(replace(rule, steps="ceil"), "不足一档按一档扣"),
        )
    check_cases(rule, clauses.cases, full if full is not None else weight)
    return rule, full, alternatives, (note,)


def _proportional(clauses: Clauses, printed: list[float], weight: float | None) -> _Built:
    """ "按完成比例计算得分", "得分(20分*执行率)": 分值 × rate, capped unless the text says otherwise."""
    full = _one_full(printed)
    return _capped(ScoreRule(kind="proportional"), clauses, full if full is not None else weight, full)


def _capped(rule: ScoreRule, clauses: Clauses, scale: float | None, full: float | None) -> _Built:
    check_cases(rule, clauses.cases, scale)
    if any(p.kind == "cap" for p in clauses.others):
        return rule, full, (), ()
    # docs/domain.md Decisions (执行率得分): 分值 × 执行率, capped at 分值.
    note = "文字未说明比率超过 100% 时是否封顶: 按 docs/domain.md 的决定封顶于分值"
    return rule, full, (Reading(replace(rule, cap=False), "不封顶: 超过 100% 时得分超过分值"),), (note,)


_NAME = r"[\w]+"
_TERM = rf"(?:\([^()]+\)|{_NAME})"
_SCALE = r"(?:(?:该|本|此)?项?(?:指标|权重)?分值|权重|(?P<n>\d+(?:\.\d+)?)分?)"
_RATIO = rf"\(?(?P<ratio>{_TERM}/{_TERM}|\w*率)\)?"
_PROPORTIONAL = (re.compile(rf"{_RATIO}×{_SCALE}"), re.compile(rf"{_SCALE}×{_RATIO}"))
_DEDUCT_GROUPED = re.compile(rf"\(1-(?P<k>\d+(?:\.\d+)?)×{_RATIO}\)×{_SCALE}")
_DEDUCT_BARE = re.compile(rf"1-(?P<k>\d+(?:\.\d+)?)×(?P<ratio>{_NAME}/{_NAME})×{_SCALE}")


_FROM_THRESHOLD = (  # "5-(在职人员控制率-100%)×100×0.5": k a point over 100 %; "8-(100%-执行率)×100×0.4": under
    re.compile(rf"(?P<n>\d+(?:\.\d+)?)-\((?P<ratio>{_NAME})-(?P<t>\d+(?:\.\d+)?)%\)×100×(?P<k>\d+(?:\.\d+)?)"),
    re.compile(rf"(?P<n>\d+(?:\.\d+)?)-\((?P<t>\d+(?:\.\d+)?)%-(?P<ratio>{_NAME})\)×100×(?P<k>\d+(?:\.\d+)?)"),
)


def _formula(clauses: Clauses, printed: list[float], weight: float | None) -> _Built:
    """ "该项得分=(A/B)*8", "(1-10×A/B)×指标分值" and "5-(控制率-100%)×100×0.5": only shapes that are a rule kind over
    the rate."""
    piece = next(p for p in clauses.others if p.kind == "formula")
    expr = piece.expr
    for over, pattern in zip((True, False), _FROM_THRESHOLD, strict=True):
        match = pattern.fullmatch(expr)
        if match:
            return _from_threshold(clauses, piece.interval, match, over, printed)
    for pattern in _PROPORTIONAL:
        match = pattern.fullmatch(expr)
        if match:
            full = _one_full(printed + _numbers(match))
            if piece.interval is None:
                try:
                    return _capped(ScoreRule(kind="proportional"), clauses, full if full is not None else weight, full)
                except Unread:
                    if not clauses.cases:
                        raise
            return _share_band(clauses, piece, full if full is not None else weight, printed, weight)
    match = _DEDUCT_GROUPED.fullmatch(expr)
    bare = _DEDUCT_BARE.fullmatch(re.sub(r"[()]", "", expr)) if match is None else None
    if match is None and bare is None:
        raise Unread(f"公式「{expr}」不是按比率计分的形式")
    found = match or bare
    assert found is not None
    full = _one_full(printed + _numbers(found))
    scale = full if full is not None else weight
    if scale is None:
        raise Unread(f"公式「{expr}」按分值计分, 但未给分值")
    k = float(found.group("k"))
    # (1 − k × r) × 分值 with r = rate ÷ 100: full marks at 0, less 分值 × k ÷ 100 per point, 0 from 100 ÷ k.
    rule = ScoreRule(kind="over", threshold=0.0, per=1.0, deduct=scale * k / 100, steps="linear")
    notes: tuple[str, ...] = ()
    if bare is not None:
        zero = 100 / k
        if not any(c.score == 0 and abs(c.interval.lo - zero) < EPS for c in clauses.cases):
            raise Open(f"公式「{expr}」括号不全: (1−{k:g}×比率)×分值 还是 1−{k:g}×比率×分值, 文字未定")
        notes = (f"公式括号不全, 由比率超过 {zero:g}% 得 0 分确认为 (1−{k:g}×比率)×分值",)
    check_cases(rule, clauses.cases, scale)
    return rule, full, (), notes


def _from_threshold(
    clauses: Clauses, pre: Interval | None, match: re.Match[str], over: bool, printed: list[float]
) -> _Built:
    """W − (rate − T%) × 100 × k: full marks up to T, k off for each point over it (under it, the other way round),
    as "每超过一个百分点扣k分" reads; a condition printed before it ("超过100%的") must start where the formula
    does."""
    threshold, k = float(match.group("t")), float(match.group("k"))
    if pre is not None and (pre.lo if over else pre.hi) != threshold:
        raise Unread(f"条件 {pre.show()} 与公式「{match.group()}」的起点 {threshold:g}% 不符")
    full = _one_full([*printed, float(match.group("n"))])
    rule = ScoreRule(kind="over" if over else "under", threshold=threshold, per=1.0, deduct=k, steps="linear")
    check_cases(rule, clauses.cases, full)
    return rule, full, (), ()


def _share_band(
    clauses: Clauses, piece: Piece, scale: float | None, printed: list[float], weight: float | None
) -> _Built:
    """ "在90%(含)以上的,按执行率×分值计分;低于90%的不得分": 分值 × rate on the formula's own range (the rates its
    condition names, or those the other cases leave), the cases' scores elsewhere."""
    if scale is None:
        raise Unread(f"「{piece.text}」按分值计分, 但未给分值")
    interval = piece.interval or rest_of(clauses.cases)
    if interval is None:
        raise Unread(f"「{piece.text}」用于哪些比率, 文字未定")
    share = Case(interval, scale, piece.text, share=True)
    rule, full, alternatives, notes = _bands((*clauses.cases, share), printed, weight)
    if interval.hi > 100 and not any(p.kind == "cap" for p in clauses.others):
        notes += ("文字未说明比率超过 100% 时是否封顶: 按 docs/domain.md 的决定封顶于分值",)
    return rule, full, alternatives, notes


def _numbers(match: re.Match[str]) -> list[float]:
    return [float(match.group("n"))] if match.group("n") else []


def _bands(cases: tuple[Case, ...], printed: list[float], weight: float | None) -> _Built:
    """Conditions with scores that tile the rates without gap or overlap, lowest rates first."""
    if len(cases) < 2:
        raise Unread(f"只有一档「{cases[0].text}」, 其余比率未给分")
    cases = ladder(cases)
    ordered, edges = edges_settled(sorted(cases, key=lambda c: (c.interval.lo, not c.interval.lo_in)))
    ordered, shared = shared_edges(ordered)
    for a, b in pairwise(ordered):
        x, y = a.interval, b.interval
        if x.hi < y.lo or (x.hi == y.lo and not x.hi_in and not y.lo_in):
            raise Open(f"「{a.text}」与「{b.text}」之间的比率文字未给分")
        if x.hi > y.lo or (x.hi == y.lo and x.hi_in and y.lo_in):
            raise Unread(f"「{a.text}」与「{b.text}」重叠")
    numbers = [c.score for c in cases if c.score is not None]
    # the highest band's score is the full mark, unless a band says 满分: then it is the 分值 ("≤5%得满分，5%-10%得3分")
    top = [max(numbers)] if numbers and len(numbers) == len(cases) else []
    full = _one_full(printed + top)
    if any(c.score is None for c in cases) and weight is None:
        raise Unread("有一档计满分, 但未给分值")

    def score(case: Case) -> float:
        return case.score if case.score is not None else float(weight or 0.0)

    bands = [Band(c.interval.hi, score(c), c.interval.hi_in, c.share) for c in ordered[:-1]]
    rule = ScoreRule(kind="bands", bands=(*bands, Band(None, score(ordered[-1]), share=ordered[-1].share)))
    notes = []
    alternatives = []
    for edge in edges:  # the reading set aside: the 以上/以下 band keeps the edge
        flipped = tuple(replace(b, included=not b.included) if b.upto == edge else b for b in rule.bands)
        alternatives.append(Reading(replace(rule, bands=flipped), f"{edge:g}% 按「以上/以下」一档计分"))
        notes.append(f"两档都含 {edge:g}%: 按明写「含」的一档计分")
    for edge, kept_below in shared:  # the reading set aside: the other band keeps the edge
        flipped = tuple(replace(b, included=not kept_below) if b.upto == edge else b for b in rule.bands)
        alternatives.append(
            Reading(replace(rule, bands=flipped), f"{edge:g}% 按{'高' if kept_below else '低'}一档计分")
        )
        notes.append(f"{edge:g}% 两档的文字都可读作含它: 按{'低' if kept_below else '高'}一档计分")
    low, high = ordered[0], ordered[-1]
    if low.interval.lo > -INF:
        notes.append(f"低于 {low.interval.lo:g}% 的比率文字未涉及: 按最低一档「{low.text}」计分")
    if high.interval.hi < INF:
        notes.append(f"高于 {high.interval.hi:g}% 的比率文字未涉及: 按最高一档「{high.text}」计分")
    return rule, full, tuple(alternatives), tuple(notes)


def _rescaled(rule: ScoreRule, full: float, weight: float) -> tuple[Reading, ...]:
    """The readings of a text whose printed full mark is not the 分值: its deductions from the 分值, scaled to it, or
    its own numbers out of its own full mark at most the 分值 (bands: their scores at most the 分值, or scaled)."""
    ratio = weight / full
    if rule.kind == "bands":
        printed = tuple(replace(b, score=min(b.score, weight)) for b in rule.bands)
        scaled = tuple(replace(b, score=b.score * ratio) for b in rule.bands)
        return (
            Reading(replace(rule, bands=printed), f"按印的分数计, 不超过分值 {weight:g}"),
            Reading(replace(rule, bands=scaled), f"按分值 {weight:g} ÷ {full:g} 折算"),
        )
    # the text's own numbers, out of its own full mark, at most the 分值 (6 − 0.5 per point, capped at 5; 8 × rate)
    own = Reading(rule, f"按印的满分 {full:g} 计, 不超过分值 {weight:g}", weight=full)
    if rule.kind == "proportional":
        return (Reading(rule, f"分值 {weight:g} × 比率"), own)
    return (
        Reading(rule, f"按印的扣分计, 满分为分值 {weight:g}"),
        Reading(replace(rule, deduct=rule.deduct * ratio), f"扣分按分值 {weight:g} ÷ {full:g} 折算"),
        own,
    )


__all__ = ["Parsed", "Reading", "Status", "parse_standard"]
