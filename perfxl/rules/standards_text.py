"""The words of a printed 评价标准: its clauses cut into conditions, scores, deductions and the like.

``perfxl.rules.standards`` turns these pieces into a ScoreRule; this module only recognises them. A clause is
scanned left to right against a closed list of constructs; the text between two constructs may hold names
("在职人员控制率") and definitions, but nothing that scores (a number, 分, 扣, a comparison): such a remnant makes
the clause unreadable rather than being skipped, so nothing printed is silently ignored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal

PieceKind = Literal[
    "cond",
    "score",
    "deduct",
    "steps",
    "stop",
    "most",
    "cap",
    "absent",
    "standard",
    "weight",
    "ratio",
    "formula",
    "lead",
    "choice",
]
INF = math.inf

_NUM = r"\d+(?:\.\d+)?"
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# Comparison words and signs -> (lower bound included?, upper bound included?, which side is open).
_OPS = {
    "≤": "le", "小于等于": "le", "不超过": "le", "不高于": "le",
    "<": "lt", "小于": "lt", "低于": "lt", "不足": "lt",
    "≥": "ge", "大于等于": "ge", "不低于": "ge", "不少于": "ge",
    ">": "gt", "大于": "gt", "高于": "gt", "超过": "gt", "超出": "gt",
    "=": "eq", "等于": "eq",
}  # fmt: skip
_OP_WORDS = "|".join(sorted(map(re.escape, _OPS), key=len, reverse=True))
_OPS["为"] = "eq"  # only right after a rate's name ("结转结余率为0得满分"): its own construct below
_AMOUNT_UNITS = "万元|元|人|个|天|次|项|年"
# "扣完为止", and "最多扣完本项分值" as some templates print it; the points a deduction takes (扣0.5分, 扣一分): shared
# with ``standards_target``, which reads a deduction counted from a row's own target
STOP_WORDS = r"(?:最多)?扣完(?:本项|该项|此项)?(?:分值|分数)?(?:为止|即止)?"
POINTS = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十])"
_RANGE_AFTER = r"%?\(?(?:不)?含?\)?(?:以上|以下|以内|及|-|~|至|到)"  # what makes "为90%…" a range's start
_RATE_NAME = r"(?:[A-Za-z]|[\u4e00-\u9fff]{0,10}?[率度])"  # the rate a range is written around: X, 执行率

# The constructs, tried in this order at every position of a clause (earlier ones win on a shared start).
_SOURCES: tuple[tuple[PieceKind, str], ...] = (
    ("lead", r"根据[^,]*?(?:评分|计分|打分)"),
    ("lead", r"(?:超过|超出|高于|低于|不足)(?:目标值?|标准)?的?部分,?(?=每)"),  # "超过部分每增长1个百分点…"
    ("choice", r"(?:二者|两者|两项)择其?一"),
    ("standard", rf"以?(?P<n>{_NUM})%?为(?:标准|基准)"),  # "以100%为标准", "以0为标准"
    # "没有…项目的部门按满分计算", "无政府采购的计满分", "未发生政府采购的不扣分": none of what the rate is of
    # (not an exemption: "因…原因无法执行的不扣分", "无正当理由…")
    (
        "absent",
        r"(?:没有|无(?!法|正当)|未发生|不涉及)(?![^,;]{0,16}?(?:原因|理由|因素))[^,;]{0,16}?的?(?:部门|单位)?"
        r"(?:(?:按|计|得|给)满分(?:计算|计)?|不扣分)",
    ),
    ("stop", rf"{STOP_WORDS}|扣[至到]0分为止|扣满(?P<n>{_NUM})分为止|最低(?:为|得)?0分"),
    (
        "most",
        rf"(?:最多|最高|至多|累计最多|累计)扣除?(?P<n>{_NUM})分(?:为止|为限)?|扣分(?:最多|不超过)(?P<n2>{_NUM})分",
    ),
    ("cap", r"以?满分为[止限]|最高(?:不超过|不得超过)?(?:满分|分值|\d+(?:\.\d+)?分)|不超过分值"),
    # How a part step counts: "(不足5个百分点不扣分)" as perfxl's templates print it, or written out as a clause
    # ("，不足5个百分点的部分不扣分", "不足5个百分点的按5个百分点扣分"): it settles §6.2's choice.
    (
        "steps",
        rf"\(?不足(?P<n>{_NUM})个?(?:百分点|%)(?:的部分|的)?,?"
        rf"(?P<how>不扣分?|按比例扣分?|按{_NUM}个?(?:百分点|%)(?:计(?:算)?|扣分?))\)?",
    ),
    (
        "deduct",
        rf"每(?P<dir>超过|超出|高于|多于|增加|增长|上升|调整|低于|少于|不足|下降|减少|降低|相差|超|增|低|少|减|降)"
        rf"(?P<n>{_NUM}|[一二两三四五六七八九十])?个?(?:百分点|%),?扣除?(?P<x>{POINTS})分",
    ),
    ("weight", rf"\((?P<n>{_NUM})分\)"),
    ("ratio", rf"(?:得分)?\((?P<n>{_NUM})分?×(?P<rate>[^()×]*?率)\)"),
    # "20分×执行率" as a clause of its own, as a note's lead leaves it ("…=10分×执行率，最高不超过10分")
    ("ratio", rf"(?P<n>{_NUM})分×(?P<rate>[^()×,;]*?率)(?=$|[,;])"),
    ("ratio", r"按(?:实际)?(?:完成|执行|到位|支出)?比例(?:计算)?(?:得分|计分|计算得分)"),
    ("formula", r"(?:指标|该项|此项|本项)?得分=(?P<expr>[^,]+)"),
    # words before the formula hold no figure: "90%(含)-100%按执行率×分值计分" is a range, then the formula
    ("formula", r"(?P<expr>[^,\d%]*(?:×(?:指标|权重)?分值|(?:指标|权重)?分值×)[^,]*)"),
    (
        "cond",
        rf"(?:若|如|当)?(?P<ratio>[\w()+\-]+/[\w()+\-]+)(?P<op>≥|≤|>|<|=)(?P<n>{_NUM})(?P<pct>%)?",
    ),
    # "90%≤X<98%", "90%≤执行率<98%", "98%>X≥90%": a range written around the rate's name or a letter
    ("cond", rf"(?P<lo>{_NUM})%?(?P<lop>≤|<){_RATE_NAME}(?P<hop>≤|<)(?P<hi>{_NUM})%"),
    ("cond", rf"(?P<hi>{_NUM})%?(?P<hop>≥|>){_RATE_NAME}(?P<lop>≥|>)(?P<lo>{_NUM})%"),
    ("cond", rf"(?P<lb>[(\[])(?P<a>{_NUM})%?,(?P<b>{_NUM})%(?P<rb>[)\]])"),  # "(0%,10%]", as perfxl's templates print
    (
        "cond",
        # "5%至10%(含10%)": a bound's 含 may name it again
        rf"(?P<a>{_NUM})%?(?:\((?P<ai>含|不含)(?:(?P=a)%?)?\))?(?:-|~|至|到)(?P<b>{_NUM})%"
        rf"(?:\((?P<bi>含|不含)(?:(?P=b)%?)?\))?",
    ),
    (  # "100%以内(含100%)" too
        "cond",
        rf"(?P<n>{_NUM})%(?:\((?P<i1>含|不含)\))?(?P<side>以上|以下|以内)(?:\((?P<i2>含|不含)(?:{_NUM}%)?\))?",
    ),
    ("cond", rf"(?P<op>{_OP_WORDS})(?P<n>{_NUM})(?P<unit>%|个百分点|{_AMOUNT_UNITS})?"),
    # "结转结余率为0得满分": 为 as "="; not "为90%以上" / "为95%-100%", which the constructs above read as ranges
    ("cond", rf"(?<=[率度])(?P<op>为)(?P<n>{_NUM})(?P<unit>%)?(?![\d.]|{_RANGE_AFTER})"),
    ("cond", rf"(?P<n>{_NUM})%"),
    (
        "score",
        rf"(?:此项|该项|本项)?(?:计|得|记|给)?(?P<n>{_NUM})分|(?:计|得|记|给予?)满分|按满分计算?|不得分|不计分",
    ),
)
_PATTERNS = tuple((kind, re.compile(pattern)) for kind, pattern in _SOURCES)
# What may not be left over between constructs: anything that scores or compares.
# A clause that only defines a rate: a name ending in 率 (or 度), "=", then a quotient that nothing scores.
_DEFINITION = re.compile(
    r"^[^=;,分扣]*[率度]=[^=;,分扣≤≥<>]*/[^=;,分扣≤≥<>]*(?:,|$)"
    r"|^[a-z]=[\u4e00-\u9fff]{1,12}[率度](?:,|$)"  # "X=预算完成率": the letter the bands are written around
)

_SCORING = re.compile(
    r"\d|%|[<>≤≥=×]|得分|计分|满分|扣|评分|大于|小于|低于|高于|超过|超出|以上|以下|以内|不足|比例|择|相差|不得|分值|权重"
)

# "（面积）比例不足90%时", "完成比例达到95%": the rate a condition is about, named before it (not "按比例", which
# says how to score)
_SUBJECT = re.compile(r"[^\d%<>≤≥=×扣分按得计]*比例(?:达到|达|为)?")


@dataclass(frozen=True)
class Interval:
    """A range of rates in percent; ``lo``/``hi`` may be ±inf."""

    lo: float = -INF
    hi: float = INF
    lo_in: bool = False
    hi_in: bool = False

    def show(self) -> str:
        low = "(-∞" if self.lo == -INF else f"{'[' if self.lo_in else '('}{self.lo:g}"
        high = "+∞)" if self.hi == INF else f"{self.hi:g}{']' if self.hi_in else ')'}"
        return f"{low}, {high}"


@dataclass(frozen=True)
class Piece:
    """One recognised construct of a clause; which fields are set depends on ``kind``."""

    kind: PieceKind
    text: str
    value: float | None = None  # a score (None: 满分), a step, a weight, a threshold, a printed full mark
    interval: Interval | None = None
    direction: str = ""  # deduct: the printed verb (超过, 低于, 相差, …)
    per: float = 1.0  # deduct: points per step
    expr: str = ""  # formula: the expression; ratio: the rate's name if printed
    problem: str = ""  # cond: why the condition is not on a rate (an amount, a number without %)


@dataclass(frozen=True)
class Case:
    """A condition with the score it gives: "0-10%(含),计4分"."""

    interval: Interval
    score: float | None  # None: 满分
    text: str
    share: bool = False  # the score is that share of ``score`` the rate is ("按执行率×分值计分" on a range)


@dataclass(frozen=True)
class Clauses:
    """What a whole text says, piece by piece, and what could not be read."""

    cases: tuple[Case, ...]
    deductions: tuple[tuple[Piece, Interval | None], ...]  # each with its printed precondition ("…>0,每超过…")
    others: tuple[Piece, ...]  # stop, cap, absent, standard, weight, ratio, formula, lead, choice
    problems: tuple[str, ...]


def read_clauses(norm: str) -> Clauses:
    """Every clause of a normalised text, cut into pieces, paired into cases and deductions."""
    cases: list[Case] = []
    deductions: list[tuple[Piece, Interval | None]] = []
    others: list[Piece] = []
    problems: list[str] = []
    for clause in filter(None, norm.split(";")):
        clause = _DEFINITION.sub("", clause)  # "到位率=实际到位资金/计划投入资金×100%": what the rate is, not a score
        if not clause:
            continue
        pieces = _scan(clause, problems)
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            follower = pieces[i + 1] if i + 1 < len(pieces) else None
            if piece.kind == "cond" and follower is not None and _both(clause, piece, follower):
                # "低于95%但不低于85%的得3分", "大于等于85%且小于95%": one condition, the rates both allow
                pieces[i + 1] = replace(follower, text=f"{piece.text},{follower.text}", interval=_meet(piece, follower))
            elif piece.kind == "cond":
                if piece.problem:
                    problems.append(piece.problem)
                elif follower is not None and follower.kind == "score":
                    assert piece.interval is not None
                    cases.append(Case(piece.interval, follower.value, f"{piece.text},{follower.text}"))
                    i += 1
                elif follower is not None and follower.kind == "deduct":
                    deductions.append((follower, piece.interval))
                    i += 1
                elif follower is not None and follower.kind == "formula":  # "超过100%的,得分=5-(…-100%)×100×0.5"
                    others.append(replace(follower, interval=piece.interval, text=f"{piece.text},{follower.text}"))
                    i += 1
                elif follower is not None and follower.kind == "ratio":
                    problems.append(f"「{piece.text}」时按比例计分: 分值×比率, 还是自区间下限起按比例, 文字未定")
                    i += 1
                else:
                    problems.append(f"条件「{piece.text}」之后没有分数")
            elif piece.kind == "score" and (rest := _otherwise(clause, piece, cases)) is not None:
                cases.append(Case(rest, piece.value, f"否则,{piece.text}"))  # "≤100%得3分;否则不得分"
            elif piece.kind == "score":
                problems.append(f"分数「{piece.text}」没有条件(在「{clause}」中)")
            elif piece.kind == "deduct":
                deductions.append((piece, None))
            else:
                others.append(piece)
            i += 1
    return Clauses(tuple(cases), tuple(deductions), tuple(others), tuple(dict.fromkeys(problems)))


def _both(clause: str, first: Piece, second: Piece) -> bool:
    """Two conditions joined by 但/且 ("低于95%但不低于85%"): both must hold."""
    if second.kind != "cond" or first.problem or second.problem:
        return False
    joined = re.escape(first.text) + r"的?,?(?:但|且|并且|而且|同时)" + re.escape(second.text)
    return re.search(joined, clause) is not None


def _meet(first: Piece, second: Piece) -> Interval:
    """The rates both conditions allow."""
    a, b = first.interval, second.interval
    assert a is not None and b is not None
    lo, lo_in = max((a.lo, not a.lo_in), (b.lo, not b.lo_in))
    hi, hi_in = min((a.hi, a.hi_in), (b.hi, b.hi_in))
    return Interval(lo, hi, not lo_in, hi_in)


def _otherwise(clause: str, piece: Piece, cases: list[Case]) -> Interval | None:
    """The rates a "否则/其余/其他" score is for: all but the conditions before it, where they join into one range
    open at one end ("≥95%得满分；90%(含)-95%得3分；其他不得分": below 90 %); None otherwise."""
    if not cases or not re.search(r"(?:否则|其余|其他|其它)(?:情况|的)?[,:]?$", clause.split(piece.text)[0]):
        return None
    return rest_of(cases)


def rest_of(cases: Sequence[Case]) -> Interval | None:
    """The rates no case covers, where the cases join into one range open at one end; None otherwise."""
    if not cases:
        return None
    ordered = sorted((c.interval for c in cases), key=lambda i: (i.lo, not i.lo_in))
    for x, y in pairwise(ordered):
        if x.hi != y.lo or x.hi_in == y.lo_in:
            return None  # a gap or an overlap: what is left is not one range
    lo, hi = ordered[0], ordered[-1]
    if hi.hi == INF and lo.lo > -INF:
        return Interval(hi=lo.lo, hi_in=not lo.lo_in)
    if lo.lo == -INF and hi.hi < INF:
        return Interval(lo=hi.hi, lo_in=not hi.hi_in)
    return None


def _scan(clause: str, problems: list[str]) -> list[Piece]:
    """The clause's constructs in order; a scoring remnant between them is a problem."""
    pieces: list[Piece] = []
    gap_start = pos = 0
    while pos < len(clause):
        found = _match_at(clause, pos)
        if found is None:
            pos += 1
            continue
        kind, match = found
        _check_gap(clause[gap_start:pos], clause, problems)
        pieces.append(_piece(kind, match))
        pos = gap_start = match.end()
    _check_gap(clause[gap_start:], clause, problems)
    return pieces


def _match_at(clause: str, pos: int) -> tuple[PieceKind, re.Match[str]] | None:
    """The first construct that starts at ``pos``, in the order of ``_SOURCES``."""
    for kind, pattern in _PATTERNS:
        match = pattern.match(clause, pos)
        if match:
            return kind, match
    return None


def _check_gap(gap: str, clause: str, problems: list[str]) -> None:
    if _SCORING.search(gap) and not _SUBJECT.fullmatch(gap):
        problems.append(f"未读懂「{gap}」(在「{clause}」中)")


def _piece(kind: PieceKind, match: re.Match[str]) -> Piece:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    text = match.group(0)
    if "n2" in groups:
        groups["n"] = groups.pop("n2")
    number = float(groups["n"]) if "n" in groups and groups["n"] not in CN_DIGITS else None
    if kind == "cond":
        return _condition(text, groups)
    if kind == "deduct":
        step = groups.get("n", "1")
        per = float(CN_DIGITS[step]) if step in CN_DIGITS else float(step)
        off = groups["x"]
        value = float(CN_DIGITS[off]) if off in CN_DIGITS else float(off)
        return Piece("deduct", text, value=value, direction=groups["dir"], per=per)
    if kind == "score":
        zero = text in ("不得分", "不计分")
        return Piece("score", text, value=0.0 if zero else number)
    if kind == "steps":
        how = groups["how"]
        counted = "floor" if how.startswith("不扣") else "linear" if how.startswith("按比例") else "ceil"
        return Piece("steps", text, value=number, expr=counted)
    if kind == "formula":
        return Piece(kind, text, value=number, expr=_bare_formula(groups["expr"]))
    if kind == "ratio":
        return Piece(kind, text, value=number, expr=groups.get("rate", ""))
    return Piece(kind, text, value=number)


_FORMULA_WORDS = re.compile(r"^(?P<lead>[^×]*?)按(?P<expr>.+?)(?:计算得分|计算|计分|得分)?$")


def _bare_formula(expr: str) -> str:
    """ "按执行率×分值计分", "未达到的按执行率×分值计算得分": the formula less the words around it (words before
    "按" only when they hold nothing that scores or compares: "低于90%的按…" is a condition, not a lead)."""
    match = _FORMULA_WORDS.match(expr)
    if match is None or _SCORING.search(match.group("lead")):
        return expr
    return match.group("expr")


def _condition(text: str, groups: dict[str, str]) -> Piece:
    """The interval a printed condition covers (docs/domain.md §6.3 for the edges)."""
    if "lop" in groups:  # "90%≤X<98%": the signs say which bounds are included
        lo, hi = float(groups["lo"]), float(groups["hi"])
        return Piece("cond", text, interval=Interval(lo, hi, groups["lop"] in "≤≥", groups["hop"] in "≤≥"))
    if "lb" in groups:  # "(0%,10%]": the brackets say which bounds are included
        lo, hi = float(groups["a"]), float(groups["b"])
        return Piece("cond", text, interval=Interval(lo, hi, groups["lb"] == "[", groups["rb"] == "]"))
    if "a" in groups:  # "0-10%(含)": a bound is included only where 含 follows it
        lo, hi = float(groups["a"]), float(groups["b"])
        return Piece("cond", text, interval=Interval(lo, hi, groups.get("ai") == "含", groups.get("bi") == "含"))
    number = float(groups["n"])
    if "side" in groups:
        # 以上/以下/以内 include the number itself unless 不含 says otherwise (民法典 第一千二百五十九条: "以上、以下、
        # 以内…包括本数").
        included = "不含" not in (groups.get("i1"), groups.get("i2"))
        if groups["side"] == "以上":
            return Piece("cond", text, interval=Interval(number, INF, included, False))
        return Piece("cond", text, interval=Interval(-INF, number, False, included))
    if "ratio" in groups:  # "调剂金额/年初预算数>0.1": a ratio compared as a fraction unless a % follows
        op = _OPS[groups["op"]]
        return Piece("cond", text, interval=_side(op, number if "pct" in groups else number * 100))
    if "op" not in groups:  # "100%计满分": that rate alone
        return Piece("cond", text, interval=Interval(number, number, True, True))
    unit = groups.get("unit", "")
    if unit and unit not in ("%", "个百分点"):
        return Piece("cond", text, problem=f"「{text}」比较的是金额或数量, 不是比率")
    if not unit and number != 0:
        return Piece("cond", text, problem=f"「{text}」: {number:g} 没有 % 单位")
    return Piece("cond", text, interval=_side(_OPS[groups["op"]], number))


def _side(op: str, number: float) -> Interval:
    return {
        "le": Interval(-INF, number, False, True),
        "lt": Interval(-INF, number, False, False),
        "ge": Interval(number, INF, True, False),
        "gt": Interval(number, INF, False, False),
        "eq": Interval(number, number, True, True),
    }[op]
