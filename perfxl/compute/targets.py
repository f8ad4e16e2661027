"""Read 年度指标值 / 实际完成值 cells and score one 绩效指标 (docs/domain.md §1.4, §6.5, §7.11, §7.13).

Decisions where the sources are silent:
* A cell's ``value`` is its only number once years, the months/days of a dated text ("2021年1月-12月" has no value)
  and a part in brackets ("（其中…）") are set aside; a text with two or more other numbers has no value (ambiguous).
* 力争/达到/达N/以上 read as ≥; 以下/以内/控制在 as ≤, and a deadline ("9月前", "11月底之前") as ≤.
* A number target without an operator is 正向 (national rule 完成值 ÷ 指标值), except on a 成本 indicator.
* A strict target (">95%") is met at its bound only when the actual carries the same strict operator
  (">95%" meets ">95%", a bare "95%" does not); the proportional score is full either way (ratio 1).
* Qualitative: the grade written in 实际完成值, else the one in 年度指标值 (then ``met`` is unknown).
* Tier bounds (``Tier.low``, ``Tier.high``, from the rule set) are coefficients of 分值: ``low`` inclusive,
  ``high`` exclusive except for a tier whose ``high`` is 1.0 (national "100–80 %（含 80）", "80–60 %（含 60）").
* How far beyond its target an actual must be to be reported comes from the rule set (``OverAchievement``); a
  ceiling on events (≤1次, ≤2起) or on a rate (结转结余率 ≤5%) kept, or 0 of any ceiling, is no over-loose target.
  "target-over-100" is not raised on a 反向 target: a ceiling above 100 % ("≤105%") is meaningful.
* Year checks apply to 时效 indicators (or when the 二级指标 is unknown).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from perfxl.compute.scales import aligned
from perfxl.compute.time_words import done_by_date, said_on_time
from perfxl.compute.year_checks import year_findings
from perfxl.read.text import UNITS, clean
from perfxl.read.values import fmt, parse_number, shown
from perfxl.report.findings import Code
from perfxl.rules import OverAchievement, Tier

Op = Literal[">=", "<=", "=", ">", "<"]
Direction = Literal["up", "down", "equal", "qualitative", "unknown"]

# Earliest match wins; at the same position the earlier entry wins ("不低于" before "低于", "大于等于" before "大于").
_OPS: tuple[tuple[re.Pattern[str], Op], ...] = (
    (re.compile(r"大于或?等于|不[得能应]?(?:低于|少于|小于)|≥|>=|以上|达到|至少|最少|力争|达(?=\d)"), ">="),
    (
        re.compile(
            r"小于或?等于|不[得能应]?(?:高于|超过|多于|大于)|≤|<=|以下|以内|之内|控制在|至多|最多|(?<=[\d月日底])[之以]?前"
            r"|(?<=[日天周月年时])内"  # "20个工作日内", "10日内": within so long
            r"|前(?=\d)"  # a rank: "全省前10" is 10th or better
        ),
        "<=",
    ),
    (re.compile(r"大于|高于|超过|多于|>"), ">"),
    (re.compile(r"小于|低于|少于|<"), "<"),
    (re.compile(r"等于|="), "="),
)
_NUM = re.compile(r"\d+(?:,\d{3})*(?:\.\d*)?")
_NUMBERING = re.compile(r"^(?:指标\d+[:：]|\d+、|\(\d+\)|[①-⑳])")
_CHANGE = r"[较比](?:(?:上|去|\d{4})年|预算)|[同环]比|其中|超额"  # a clause of a change, a part or a surplus: no value
_PART = re.compile(rf"[(（](?:其中|含|包括)[^)）]*[)）]|[,，;；](?:{_CHANGE})[^,，;；。]*")
_YEAR_NEXT = re.compile(r"年|[-~至到](?:19|20)\d{2}(?!\d)")
_YEAR_PREV = re.compile(r"(?:19|20)\d{2}[-~至到]$")
# Longest first ("万元" before "元", "万人次" before "人次"); "百分比" is how some forms print % (池州's "≥100百分比")
_UNITS = sorted([*UNITS, "百分比"], key=len, reverse=True)
_PERCENT_WORDS = frozenset({"百分比", "百分率"})
_ANY_UNIT = "|".join(re.escape(u) for u in _UNITS)
_UNIT = re.compile(f"(?:{_ANY_UNIT})|[万亿](?:{_ANY_UNIT})")  # "8万平方米", "1.2万份": a unit counted in 万
_SIGN_BEFORE = "≤≥<>=:("
# 部分达成 is the national middle tier, 60–80 %; 良 alone is wider (docs/domain.md §1.4)
_GRADES = {g: "优" for g in ("优", "优秀", "好", "达成")} | {g: "良" for g in ("良", "良好", "较好")}
_GRADES |= {g: "中" for g in ("中", "中等", "一般", "部分达成")} | {g: "差" for g in ("差", "较差", "未达成")}
# a grade said with its object ("达成预期指标", "已达成", "部分达成年度目标") and the national tiers' own words about
# its effect ("部分达成并具有一定效果", "未达成且效果较差"): the grade word alone
_GRADE_OF = re.compile(
    r"^已|(?<=达成)(?:预期|年度)?(?:绩效)?(?:指标|目标)?值?$"
    r"|(?<=部分达成)(?:预期|年度)?(?:绩效)?(?:指标|目标)?值?[,，]?并?具有一定效果$"
    r"|(?<=未达成)(?:预期|年度)?(?:绩效)?(?:指标|目标)?值?[,，]?且?效果较差$"
)


@dataclass(frozen=True)
class Quantity:
    """What a 年度指标值 or 实际完成值 cell says."""

    text: str  # as typed
    value: float | None  # the number, if exactly one can be read
    op: Op | None  # the comparison stated, None if none
    unit: str  # "项", "万元", "%", … ("" if none)
    percent: bool
    year: int | None  # the first 4-digit year mentioned
    grade: str | None  # 优/良/中/差 when the cell is a qualitative grade
    numbers: int  # how many numbers the text holds, years and months included

    @property
    def blank(self) -> bool:
        """Empty or a placeholder ("*", "—", "/", …)."""
        return parse_number(self.text).status == "empty"


@dataclass(frozen=True)
class IndicatorScore:
    score: float | None  # None when it cannot be computed; else 0 ≤ score ≤ weight
    coefficient: float | None  # score / weight (Chongqing 得分系数), 0..1
    basis: str  # the working, in Chinese
    met: bool | None  # target reached?
    over_achieved: bool  # actual ≥ up × target (正向) or ≤ down × target (反向), by the rule set
    bounds: tuple[float, float] | None = None  # qualitative: the tier's coefficient range (see module docstring)


def _op_of(norm: str) -> Op | None:
    found: list[tuple[int, int, Op]] = []
    for rank, (pattern, op) in enumerate(_OPS):
        match = pattern.search(norm)
        if match:
            found.append((match.start(), rank, op))
    return min(found)[2] if found else None


def read_quantity(raw: object, unit_hint: str = "", wanted: str = "") -> Quantity:
    """A cell as a Quantity; ``unit_hint``: the 度量单位 column, for a text naming no unit; ``wanted``: of several
    numbers, the only one in this unit ("完成培训12期，参训人数1350人次" in 人次: 1350)."""
    hint = "" if parse_number(unit_hint).status == "empty" else clean(unit_hint)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        parsed = parse_number(raw)
        if parsed.ok and parsed.value is not None:
            year = int(parsed.value) if hint == "年" and 1900 <= parsed.value < 2100 else None
            hint = "%" if hint in _PERCENT_WORDS else hint
            return Quantity(parsed.text, parsed.value, None, hint, hint == "%", year, None, 1)
    text = shown(raw)
    norm = _PART.sub("", _NUMBERING.sub("", clean(text)))  # "3200亩（其中…1200亩）", "，较上年增加160人次": no values
    grade = _GRADES.get(_GRADE_OF.sub("", norm.rstrip("。.;,!")))
    years: list[int] = []
    others: list[tuple[float, str]] = []  # (value, unit) of numbers that are neither years nor dates
    dated: list[str] = []  # what follows each non-year number, to tell months/days apart
    count = 0
    for match in _NUM.finditer(norm):
        count += 1
        start, end, token = match.start(), match.end(), match.group()
        if (
            len(token) == 4
            and token.isdigit()
            and 1900 <= int(token) < 2100
            and (_YEAR_NEXT.match(norm, end) or _YEAR_PREV.search(norm[:start]))
        ):
            years.append(int(token))
            continue
        signed = start >= 1 and norm[start - 1] == "-" and (start == 1 or norm[start - 2] in _SIGN_BEFORE)
        parsed = parse_number(("-" if signed else "") + token)
        if parsed.ok and parsed.value is not None:
            unit_match = _UNIT.match(norm, end)
            others.append((parsed.value, unit_match.group() if unit_match else ""))
            dated.append(norm[end : end + 1])
    if years:  # "2021年1月-12月": the months belong to the date
        others = [o for o, after in zip(others, dated, strict=True) if after not in ("月", "日")]
    others = [o for o in others if o[1] == wanted] or others if len(others) > 1 and wanted else others
    if wanted and len(others) > 1 and len(set(others)) == 1:  # "受理投诉6件，办结6件": the one figure, said twice
        others = others[:1]
    value, unit = others[0] if len(others) == 1 else (None, "")
    unit = "%" if (unit or hint) in _PERCENT_WORDS else unit or hint
    year = years[0] if years else None
    if year is None and value is not None and unit == "年" and 1900 <= value < 2100:
        year = int(value)
    return Quantity(text, value, _op_of(norm), unit, unit == "%", year, grade, count)


def direction(
    target: Quantity, nature: str | None, level2: str | None, lower: bool = False, name: str = ""
) -> Direction:
    """正向/反向/定值/定性 from the 指标性质 cell, else the target's operator, else the 二级指标 (成本, unless the name
    is a share done: 计划完成率) or the name (``lower``: an indicator held under a ceiling, rule data
    ``lower_is_better``)."""
    kind = clean(nature or "")
    if "定性" in kind or target.grade is not None:
        return "qualitative"
    if target.value is None:
        return "unknown" if target.numbers > 1 else "qualitative"
    if "反向" in kind:
        return "down"
    if "正向" in kind:
        return "up"
    op = _op_of(kind) if kind[:1] in ("≥", "≤", ">", "<", "=") else None
    op = op or target.op
    if op is None and target.value == 0:
        return "down"  # "0起", "0件", "0%": none at all is the target, a ceiling
    if op in (">=", ">"):
        return "up"
    if op in ("<=", "<"):
        return "down"
    if op == "=":
        return "equal"
    cost = "成本" in clean(level2 or "") and not _DONE_RATE.search(clean(name))
    # a bare time limit ("办理时限 | 7个工作日"): done in fewer is better, a ceiling (not "开放天数 | 280天")
    limit = _DURATION.search(target.text) and _TIME_LIMIT.search(clean(name))
    return "down" if lower or cost or limit else "up"


def tier_bounds(grade: str | None, tiers: Sequence[Tier]) -> tuple[float, float] | None:
    """The coefficient range of a grade (None if the grade is not in ``tiers``)."""
    return next(((t.low, t.high) for t in tiers if t.grade == grade), None)


def _compare(
    t: float, a: float, how: str, target: Quantity, actual: Quantity, over: OverAchievement
) -> tuple[float, bool, bool]:
    """(coefficient, met, over_achieved) of a quantitative indicator."""
    close = math.isclose(a, t, rel_tol=1e-9, abs_tol=1e-12)
    if how == "up":
        met = (a > t and not close) or (close and (target.op != ">" or actual.op == ">"))
        coef = (1.0 if a >= t or close else 0.0) if t <= 0 else min(1.0, max(0.0, a / t))
        return coef, met, t > 0 and a >= over.up * t
    if how == "down":
        met = (a < t and not close) or (close and (target.op != "<" or actual.op == "<"))
        coef = 1.0 if a <= 0 else (1.0 if close else 0.0) if t <= 0 else min(1.0, max(0.0, t / a))
        return coef, met, t > 0 and a <= over.down * t
    coef = 1.0 if close else min(a / t, t / a) if a > 0 and t > 0 else 0.0
    return coef, close, False


def score_indicator(
    target: Quantity, actual: Quantity, weight: float, how: str, tiers: Sequence[Tier], over: OverAchievement
) -> IndicatorScore:
    """The expected score of one indicator (``how`` from :func:`direction`); qualitative ones get tier bounds."""
    w = fmt(weight)
    if not math.isfinite(weight) or weight < 0:
        return IndicatorScore(None, None, f"分值 {w} 无效，无法核算", None, False)
    if how == "qualitative":
        grade, source = (actual.grade, "实际完成值") if actual.grade else (target.grade, "年度指标值")
        bounds = tier_bounds(grade, tiers)
        if bounds is None:
            basis = "定性指标未写明等级（优/良/中/差），无法核算，只查 0 ≤ 得分 ≤ 分值"
            return IndicatorScore(None, None, basis, None, False)
        lo, hi = bounds
        side = "]" if hi >= 1.0 else ")"
        basis = (
            f"定性: {source}为「{grade}」→ 得分系数 [{fmt(lo * 100)}%, {fmt(hi * 100)}%{side}，"
            f"得分应在 {fmt(lo * weight)}–{fmt(hi * weight)} 之间"
        )
        met = (hi >= 1.0) if source == "实际完成值" else None
        return IndicatorScore(None, None, basis, met, False, bounds)
    if how not in ("up", "down", "equal"):
        return IndicatorScore(None, None, f"年度指标值「{target.text}」方向不明，无法核算", None, False)
    values = aligned(target, actual)
    if values is None:
        side_text = f"年度指标值「{target.text}」" if target.value is None else f"实际完成值「{actual.text}」"
        return IndicatorScore(None, None, f"{side_text}没有可读的单一数值，无法核算", None, False)
    t, a, note = values
    coef, met, beyond = _compare(t, a, how, target, actual, over)
    score = coef * weight
    # a side read as a percent (0.98 against 100 %) is shown as read, not as typed
    at = actual.text if a == actual.value else f"{fmt(a)}%"
    tt = target.text if t == target.value else f"{fmt(t)}%"
    if how == "up":
        basis = (
            f"正向: 实际 {at} ≥ 目标 {tt} → 满分 {w}"
            if met
            else f"正向: 实际 {fmt(a)} 恰等于严格目标 {target.text} 的界值，视为未达成；比例 1 → {w}"
            if coef >= 1
            else f"正向: 实际 {fmt(a)} ÷ 目标 {fmt(t)} × {w} = {fmt(score)}"
        )
    elif how == "down":
        basis = (
            f"反向: 实际 {at} ≤ 目标 {tt} → 满分 {w}"
            if met
            else f"反向: 实际 {fmt(a)} 恰等于严格目标 {target.text} 的界值，视为未达成；比例 1 → {w}"
            if coef >= 1
            else f"反向: 目标 {fmt(t)} ÷ 实际 {fmt(a)} × {w} = {fmt(score)}"
        )
    else:
        basis = (
            f"定值: 实际 {at} = 目标 {tt} → 满分 {w}"
            if met
            else f"定值: 实际 {fmt(a)} ≠ 目标 {fmt(t)}，取两者之比 {fmt(coef, 4)} × {w} = {fmt(score)}"
        )
    if beyond and how == "up":
        basis += "；实际大幅超出目标，目标可能定得过低"
    elif beyond and how == "down" and _loose_ceiling(a, target):
        basis += "；实际远低于上限，目标可能定得过宽"
    return IndicatorScore(score, coef, note + basis, met, beyond)


def dashed(raw: object) -> bool:
    """A cell printed with a dash or "不适用": nothing applies there (not a cell left blank)."""
    return shown(raw).strip() in _DASHES


def _short(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[:size] + "…"


def hygiene(
    target: Quantity,
    actual: Quantity,
    how: str,
    level2: str | None,
    eval_year: int | None,
    over: OverAchievement,
    name: str = "",
) -> list[tuple[Code, str]]:
    """(code, message) for the docs/domain.md §7.11 / §7.13 checks inside one indicator; ``name`` is the 三级指标.
    A blank 年度指标值 is said before a blank 实际完成值 (the caller puts each at its own cell by that order)."""
    who = f"「{_short(name, 30)}」" if name else ""
    tt, at = f"「{_short(target.text)}」", f"「{_short(actual.text)}」"
    out: list[tuple[Code, str]] = []
    # "数据安全事故 | 无 | 无": none planned and none happened, a value on both sides, not two cells left to fill
    none_either = target.text.strip() == actual.text.strip() == "无"
    # a dash under 年度指标值 beside a filled 实际完成值 (银川's 项目决策 / 项目管理 rows print "—" there): no target
    # applies, nothing was left to fill
    dashed = target.text.strip() in _DASHES and not actual.blank and actual.value is None
    for side, q in (("年度指标值", target), ("实际完成值", actual)):
        if q.blank and not none_either and not (dashed and q is target):
            what = f"为占位符「{q.text}」" if q.text else "为空"
            out.append((Code.PLACEHOLDER, f"指标{who}的{side}{what}，应填写具体值"))
    # a 成本指标 that measures a saving ("单位造价降低率 ≥3%") is held to a floor, rightly
    cost = "成本" in clean(level2 or "") and not _SAVINGS.search(name) and not _DONE_RATE.search(name)
    if cost and target.op in (">=", ">"):
        out.append((Code.COST_DIRECTION, f"成本指标{who}的年度指标值{tt}写作 ≥，应为 ≤（成本越低越好）"))
    elif cost and how == "up":
        out.append((Code.COST_DIRECTION, f"成本指标{who}按正向（≥）考核（年度指标值{tt}），应为反向 ≤（成本越低越好）"))
    if target.percent and target.value is not None and target.value > 100 and how != "down":
        out.append((Code.TARGET_OVER_100, f"指标{who}的百分比目标{tt}超过 100%"))
    # "按时报送" against "10日内": met, in words; "完成" against "12月底前完成": done, by the deadline the row sets
    on_time = said_on_time(actual.text) or done_by_date(target.text, actual.text)
    if (
        how in ("up", "down", "equal")
        and target.value is not None
        and actual.value is None
        and not actual.blank
        and not on_time
    ):
        why = f"含 {actual.numbers} 个数字，无法确定哪个是完成值" if actual.numbers > 1 else "没有数值"
        out.append((Code.ACTUAL_NOT_NUMERIC, f"定量指标{who}的年度指标值为{tt}，实际完成值{at}{why}，无法与目标比较"))
    values = aligned(target, actual)
    if (
        values is not None
        and how in ("up", "down")
        and target.unit not in _POINTS_IN_TIME
        and not _RANK.search(target.text)
        and "±" not in target.text  # a tolerance ("±10%"): anywhere inside it is the target, not beyond it
    ):
        t, a, _ = values
        _, _, beyond = _compare(t, a, how, target, actual, over)
        if beyond and how == "up":
            ratio = f"是年度指标值{tt}的 {fmt(a / t)} 倍（≥ {fmt(over.up)} 倍），目标可能定得过低"
        elif beyond and _loose_ceiling(a, target):
            ratio = f"仅为年度指标值{tt}的 {fmt(a / t * 100)}%（≤ {fmt(over.down * 100)}%），目标可能定得过宽"
        else:
            ratio = ""
        if ratio:
            out.append((Code.OVER_ACHIEVED, f"指标{who}实际完成值{at}{ratio}，可按偏离度适度调减分值"))
    if level2 is None or "时效" in clean(level2):
        out.extend(year_findings(target, actual, eval_year, who))
    return out


_DURATION = re.compile(r"\d\s*(?:个?工作日|天|日|小时|分钟|个月|周)")
_TIME_LIMIT = re.compile(r"时限|办结时间|响应时间|处理时间|办理时间|到达时间|办理周期|审批周期|工期")  # not 时长, 天数
_DASHES = frozenset({"—", "——", "-", "--", "－", "/", "／", "不适用"})
# what a 成本指标 may measure that a floor rightly holds: a saving (降低率 ≥3%) or a level of benefit ("户均帮扶标准
# ≥2000元", 补助标准)
_SAVINGS = re.compile(r"帮扶标准|补助标准|补贴标准|救助标准|资助标准|保障标准|降低|下降|节约|节省|减少|压减|压缩|节支")
# a share of the work done, printed under 成本指标 too ("计划完成率 90%", 鄂州): more is better whatever its 二级
_DONE_RATE = re.compile(
    r"(?:完成|执行|到位|达成|达标|兑现|拨付|支付)率\s*(?:[(（][^()（）]{0,6}[)）])?\s*$"
)  # "（%）" after


def _loose_ceiling(actual: float, target: Quantity) -> bool:
    """Far under a ceiling says it was set loose, but not for none, events (≤1次 fires) nor a rate (结转结余率 ≤5%)."""
    return actual != 0 and target.unit not in _EVENTS and not target.percent


_EVENTS = frozenset({"次", "起", "件", "例", "宗", "处", "人次", "个", "项", "家"})  # ≤1次 fires: none is the hope
_RANK = re.compile(r"前\s*\d")  # a place in a ranking ("全省前10"): 8th of a top 10 exceeds nothing by 20 %
_POINTS_IN_TIME = frozenset({"月", "日", "号"})  # "9月前" against "7月": a month of the year, whose ratio to another
# says nothing of how far a target was exceeded (a duration, "≤3个月", "≤24小时", is a quantity like any other)
