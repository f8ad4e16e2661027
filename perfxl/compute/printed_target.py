"""A 自评表 indicator row that prints its own 评分标准 ("合格率100%得满分，每降低1个百分点扣0.5分"): scored by it,
over the actual value as a rate, instead of by the target ratio (docs/domain.md §11).

Only a threshold or band rule is taken beside a target: "按完成比例计分" says 实际 ÷ 目标 there, which the target ratio
already scores; on a row that prints no target (a 评分表's 完成值 "85.00%") it is 分值 × that rate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from perfxl.compute.printed import shortened
from perfxl.compute.printed_counts import (
    OFF,
    count_unit,
    score_by_count_floor,
    score_by_count_share,
    score_by_events,
)
from perfxl.compute.printed_words import score_by_words
from perfxl.compute.rule_score import rule_score
from perfxl.compute.scales import aligned, kept_as_fraction
from perfxl.compute.stated import rate_in_words
from perfxl.compute.targets import IndicatorScore, Quantity, read_quantity
from perfxl.locate.located import Hit
from perfxl.read.values import fmt
from perfxl.rules import ScoreRule
from perfxl.rules.standards import parse_standard
from perfxl.rules.standards_result import Reading
from perfxl.rules.standards_target import against_target


def score_by_standard(
    text: object, target: Quantity, actual: Quantity, weight: float, name: str = ""
) -> IndicatorScore | None:
    """The score the row's printed 评分标准 gives its actual value, or None where it says no threshold or band rule
    over a percentage (then the target ratio scores the row)."""
    if not isinstance(text, str) or not text.strip():
        return None
    if kept_as_fraction(actual) and (target.value is None or kept_as_fraction(target)):
        # percentages kept as fractions on both sides, as Excel keeps "91.35%" typed into a percent cell (0.9135):
        # the standard's thresholds are percentages (beside a percentage target, ``aligned`` decides)
        actual, target = _as_percent(actual), _as_percent(target) if kept_as_fraction(target) else target
    if not (actual.percent or target.percent) or _share_of_floor(text, target):
        return _relative_to_target(text, target, actual, weight)
    plain = unicodedata.normalize("NFKC", text).replace(" ", "")
    if _DEVIATION.search(plain) and not _PRINTED_CENTRE.search(plain):
        return None  # an allowance around the target (``score_by_deviation``), not a threshold on the actual
    goal = target.value if target.percent else None
    read = against_target(text, goal, target.op in ("<=", "<"))
    parsed = parse_standard(read, weight)
    # a 分值 its text's full mark contradicts: every reading of the text (from the 分值, its own numbers, scaled)
    ways = parsed.alternatives if parsed.rule is None and not parsed.full_matches else ()
    why = f"分值 {fmt(weight)} 与本表评分标准所印满分不符"
    near = max(target.value or 0.0, actual.value or 0.0) >= _NEAR_HUNDRED
    if not ways and parsed.rule is not None and parsed.rule.centre == 0 and "±" not in target.text and near:
        # "控制率在±10%以内" beside no ± target, at rates near 100 %: the rate's size, or its distance from 100 %
        # (实际 ÷ 预算); at 13.5 % the ratio reading is none
        ways = (Reading(parsed.rule, ""), *(a for a in parsed.alternatives if a.rule.centre == 100))
        why = "本表评分标准的 ± 未说明是指比率本身还是与100%的差"
    found = [way.rule for way in ways] if ways else [parsed.rule] if parsed.status in ("read", "default") else []
    # "按完成比例计分" is 分值 × the rate only on a row that prints no target (beside one it is 实际 ÷ 目标, which the
    # target ratio scores), and only for a share done: 分值 × a 结转结余率 of 6.2 % says its target was not read
    done = target.value is None and not _HELD_DOWN.search(name)
    kinds = ("over", "under", "bands", "proportional") if done else ("over", "under", "bands")
    rules = [rule for rule in found if rule is not None and rule.kind in kinds]
    if not rules or len(rules) < len(found):
        return None
    values = aligned(target, actual)
    if values is None and target.value is None and actual.percent and actual.value is not None:
        values = (0.0, actual.value, "")  # a 评分表 with no 年度指标值: the standard's thresholds are the target
    if values is None:
        return None
    _, rate, note = values
    from_target = f"(目标值 {fmt(goal)}%)" if read != text and goal is not None else ""
    lead = f"{note}按本表评分标准「{shortened(text)}」{from_target}: 实际"
    if not ways:
        return _scored(rules[0], rate, weight, lead)
    scores = [min(float(rule_score(np.array([rate]), way.rule, way.weight or weight)[0]), weight) for way in ways]
    low, high = min(scores), max(scores)
    if high - low < 1e-9:
        return _scored(rules[0], rate, weight, lead)
    basis = f"{lead} {fmt(rate)}% → {fmt(low)}～{fmt(high)}分({why}，按各种读法)"
    return IndicatorScore(None, None, basis, None, False, (low / weight, high / weight))


# a rate held down, not a share done: 结转结余率, 预算调整率, 变动率, 控制率, 偏差率, 应付账款率 …
_HELD_DOWN = re.compile(r"结余|结转|调整|变动|控制|偏差|应付|暂存|超支|差错|投诉|事故|增长")
_PRINTED_CENTRE = re.compile(
    r"以\d+(?:\.\d+)?%为(?:标准|基准)|与\d+(?:\.\d+)?%的?偏差"
)  # its own centre, not the target
_NEAR_HUNDRED = 50.0  # a target or actual from here up may be a ratio around 100 %


def _share_of_floor(text: str, target: Quantity) -> bool:
    """ "完成率100%得满分，每降低5个百分点扣1分" beside a percentage floor other than 100 % ("≥90%"): the share of the
    target done, 实际 ÷ 目标, not the row's own rate held to 100 %."""
    return (
        target.percent
        and target.op in (">=", ">")
        and target.value is not None
        and abs(target.value - 100) > 1e-9
        and _SHARE_DONE.search(text) is not None
    )


def _relative_to_target(text: str, target: Quantity, actual: Quantity, weight: float) -> IndicatorScore | None:
    """An amount or count target whose 评分标准 counts in percent of the target itself ("控制在目标值以内得满分，
    每超出1%扣1分" under "≤50万元"): the actual as a percentage of the target, against 100%. Only where the text names
    the target and both sides are numbers in the same unit."""
    if target.value is None or actual.value is None or target.value <= 0:
        return None
    if target.unit != actual.unit and actual.unit:
        return None
    if _NAMES_TARGET.search(text):
        read = against_target(text, 100.0, target.op in ("<=", "<"))
        kinds: tuple[str, ...] = ("over", "under")
    elif target.op in ("<=", "<") and target.unit in _MONEY and _OVER_BUDGET.search(text):
        # "不超过预算得满分，每超预算1%扣1分" beside "≤500万元": the ceiling is the budget, each 1 % over it costs
        read, kinds = _OVER_BUDGET.sub("每超过", text), ("over",)
    elif _SHARE_DONE.search(text) and target.op not in ("<=", "<"):  # a ceiling's share done says nothing
        # shares of the target done: "全部完成得满分，完成80%(含)以上得8分", "完成率100%得满分，每降低5个百分点扣1分"
        read, kinds = text, ("bands", "under")
    else:
        return None
    parsed = parse_standard(read, weight)
    rule = parsed.rule
    if read == text and "bands" not in kinds:
        return None
    if parsed.status not in ("read", "default") or rule is None or rule.kind not in kinds:
        return None
    rate = actual.value / target.value * 100
    lead = f"按本表评分标准「{shortened(text)}」: 实际 {fmt(actual.value)} ÷ 目标 {fmt(target.value)} ="
    return _scored(rule, rate, weight, lead)


_NAMES_TARGET = re.compile(r"目标值|指标值|目标")
_OVER_BUDGET = re.compile(r"每超(?:出|过)?预算(?:数)?")
_MONEY = frozenset({"万元", "元", "千元", "亿元"})
_SHARE_DONE = re.compile(r"完成(?:率)?(?:达到)?\d+(?:\.\d+)?%")


def _as_percent(q: Quantity) -> Quantity:
    assert q.value is not None
    value = round(q.value * 100, 10)
    return replace(q, text=f"{fmt(value)}%", value=value, unit="%", percent=True)


def score_by_stated_rate(
    text: object, remark: Hit | None, name: str, weight: float, where: str = "说明", note: Hit | None = None
) -> IndicatorScore | None:
    """A row with no actual value whose remark states its rate ("实际到位540万元，到位率90%。", a third-party
    评分表's 评价依据): scored by the row's printed 评分标准 over that rate (``compute.stated.rate_in_words``: named as
    the row is or as its standard defines it, held to the figures the remark gives by its 指标说明 ``note``); None
    where either is missing."""
    if not isinstance(text, str) or not text.strip():
        return None
    stated = rate_in_words(remark, name, note, text)
    if stated is None:
        return None
    parsed = parse_standard(text, weight)
    rule = parsed.rule
    if parsed.status not in ("read", "default") or rule is None:
        return None
    said, rate = stated
    return _scored(rule, rate, weight, f"按本表评分标准「{shortened(text)}」: {where}{said}")


def score_by_remarks(
    text: object, cells: Mapping[str, Hit], name: str, weight: float, target: Quantity, blank: bool
) -> IndicatorScore | None:
    """A row with no actual value (``blank``: its 实际值 cell empty): the rate a sentence in its 实际值 cell states
    ("…支出3599.54万元，执行率93.48%"), else its remark's, else the unit's working in its 指标说明 ("…执行数(B)
    995.00万元,执行率(B/A)99.50%。"); or the count its remark gives where the standard sets the count ("完成12所的得
    满分，不足的按比例计分" beside "完成11所"), or counts what was found ("审计发现资产管理问题2处")."""
    note = cells.get("note")
    stated = score_by_stated_rate(text, cells.get("actual"), name, weight, "实际值", note) if not blank else None
    stated = stated or score_by_stated_rate(text, cells.get("reason"), name, weight, note=note)
    stated = stated or score_by_stated_rate(text, note, name, weight, "指标说明")
    unit, remark = count_unit(text), cells.get("reason")
    if stated is None and unit and remark is not None:
        stated = score_by_count_share(text, target, read_quantity(remark.raw), weight)
    if stated is None and not unit and remark is not None:  # what was found, said in the 扣分说明
        stated = score_by_events(text, target, read_quantity(remark.raw), weight)
    return stated


def _scored(rule: ScoreRule, rate: float, weight: float, lead: str) -> IndicatorScore:
    """The rule's score of the rate, its working led by ``lead`` ("按本表评分标准「…」: 实际")."""
    score = float(rule_score(np.array([rate]), rule, weight)[0])
    basis = f"{lead} {fmt(rate)}% → {fmt(score)}分"
    return IndicatorScore(score, score / weight if weight else None, basis, score >= weight, False)


# "少一场扣1分", "每少1万页扣0.5分", "每少10人扣2分", "少检查一个扣1分": points off for each unit short of the row's
# own target;
# "每超期1天扣1分", "每超过1天扣0.5分": for each unit past its ceiling
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_COUNT_STEP = re.compile(
    r"(?P<each>每)?(?:(?P<short>少于?|低于|减少|不足)|(?P<late>超期|超时|逾期|延期|延迟|推迟|延误|超过|超出|超)|多)"
    r"(?:(?!于)[\u4e00-\u9fff]{1,3}?(?=\d|一))?"  # a verb before the count: "少检查一个", "每少抽查1个"
    rf"(?P<n>\d+(?:\.\d+)?|一)?个?(?P<unit>[\u4e00-\u9fff]{{1,3}}?){OFF}(?P<x>\d+(?:\.\d+)?)分"
)


def score_by_count_steps(text: object, target: Quantity, actual: Quantity, weight: float) -> IndicatorScore | None:
    """A 评分标准 that takes points off for each unit (场, 人, 万页 …) short of the row's own target, which it prints
    ("开展科普宣传活动达20场得10分,少一场扣1分"), or for each unit (天, 次 …) past its ceiling ("≤90天" beside
    "每超期1天扣1分"): the difference in whole units, each step's points off, down to 0. None where the text says no
    such thing of this row's target and unit."""
    if not isinstance(text, str) or target.value is None or actual.value is None or target.value <= 0:
        return None
    norm = unicodedata.normalize("NFKC", text).replace(" ", "")
    step = _COUNT_STEP.search(norm)
    if step is None:
        return None
    short = step.group("short") is not None
    unit = step.group("unit")
    if step.group("each") is None and step.group("n") not in (None, "一", "1"):
        return None  # "低于18场扣5分", "少于18场扣5分": a threshold, not a step of 18 (only "少一场扣1分" is one)
    # a time limit with no sign ("7个工作日") beside a step for each day late: a ceiling
    late = step.group("late") is not None and unit in _TIME_UNITS
    ceiling = target.op in ("<=", "<") or (target.op is None and late)
    if short == ceiling or not (_counts_in(unit, target.text) and _counts_in(unit, actual.text)):
        return None  # a shortfall of a ceiling, an excess of a floor, another unit
    rest = norm[: step.start()] + norm[step.end() :]  # what the text says beside the step
    if short and f"{fmt(target.value)}{unit}" not in norm and _NUMBER.search(rest):
        return None  # the text's number is not this row's target ("每少1台扣1分" alone counts from the row's own)
    units = 1.0 if step.group("n") in (None, "一") else float(step.group("n"))
    per = units / target.value * 100  # one step as a share of the target, in percent of it
    side = f"≥100%得满分;每低于{per:.12g}%" if short else f"≤100%得满分;每超过{per:.12g}%"
    parsed = parse_standard(f"{side}扣{step.group('x')}分,扣完为止", weight)
    if parsed.rule is None:
        return None
    rule = replace(parsed.rule, steps="floor")  # whole units short: 18 of 20 场 is two steps, not 1.99
    rate = actual.value / target.value * 100
    lead = (
        f"按本表评分标准「{shortened(text)}」: 每{'少' if short else '超'} {fmt(units)}{unit} 扣 {step.group('x')} 分，"
        f"实际 {fmt(actual.value)} ÷ 目标 {fmt(target.value)} ="
    )
    return _scored(rule, rate, weight, lead)


def _counts_in(unit: str, text: str) -> bool:
    """Whether a row's value is counted in the step's unit: a step of a day (天, 日) counts a number of days, in 天 or
    工作日 alike ("每延迟1天扣0.5分" beside "5个工作日内") — not a day of a month ("每月25日前", "次月3日")."""
    if unit not in _DAYS:
        return unit in text
    return _DAY_COUNT.search(text) is not None and _DAY_OF_MONTH.search(text) is None


_DAYS = ("天", "日")
_TIME_UNITS = ("天", "日", "工作日", "个工作日", "月", "个月", "小时", "周")  # a late step counts time, not 次
_DAY_COUNT = re.compile(r"\d\s*个?(?:工作日|自然日|日历日|天|日)")
_DAY_OF_MONTH = re.compile(r"月\s*\d{1,2}\s*[日号]")


# "偏差在5%以内得满分，每增加1个百分点扣0.5分，扣完为止": the deviation from the row's own target, in percent of it
_DEVIATION = re.compile(
    r"偏差(?:率)?(?:在|不超过|控制在)?[±]?(?P<n>\d+(?:\.\d+)?)%(?:\(含\))?(?:以内|之内)?(?:\(含\))?的?(?:得|计)满分"
)
_BEYOND_NOTHING = re.compile(r"(?:超出|超过|否则|以外)[^,;，；]{0,4}不得分")
_FURTHER = re.compile(rf"每(?:增加|超过|超出|多|增)(?P<per>\d+(?:\.\d+)?)?个?(?:百分点|%){OFF}(?P<x>\d+(?:\.\d+)?)分")
# 财政部's "实际完成情况与计划每相差3%,扣1分,扣满15分为止": a deviation with no allowance, on the side the target fails
_APART = re.compile(rf"每相差(?P<per>\d+(?:\.\d+)?)?个?(?:百分点|%),?{OFF}(?P<x>\d+(?:\.\d+)?)分")
_STOPPED_AT = re.compile(r"扣满\d+(?:\.\d+)?分为止")


def score_by_deviation(text: object, target: Quantity, actual: Quantity, weight: float) -> IndicatorScore | None:
    """A 评分标准 that allows a deviation from the row's own target ("偏差在5%以内得满分，每增加1个百分点扣0.5分"):
    |实际 − 目标| ÷ 目标 in percent, on the side the target fails (short of a floor, past a ceiling; either side of
    an exact target), scored as a deduction past the allowance. None where the text or the values say otherwise."""
    if not isinstance(text, str) or target.value is None or actual.value is None or target.value <= 0:
        return None
    norm = unicodedata.normalize("NFKC", text).replace(" ", "")
    allowed, further = _DEVIATION.search(norm), _FURTHER.search(norm)
    apart = _APART.search(norm) if allowed is None else None  # "与计划每相差3%,扣1分": no allowance, each step off
    nothing = further is None and _BEYOND_NOTHING.search(norm) is not None  # "…以内得满分，超出不得分"
    if (allowed is None and apart is None) or (further is None and not nothing and apart is None):
        return None
    if target.unit != actual.unit and actual.unit:
        return None
    gap = actual.value - target.value
    if (target.op in (">=", ">") and gap > 0) or (target.op in ("<=", "<") and gap < 0):
        if apart is not None:
            return None  # past the target on its good side: whether "相差" costs points there too is not said
        gap = 0.0  # beyond the target on its good side: no deviation to answer for
    deviation = abs(gap) / target.value * 100
    stop = ",扣完为止" if "扣完" in norm else f",{held[0]}" if (held := _STOPPED_AT.search(norm)) else ""
    step, within = apart or further, allowed.group("n") if allowed else "0"
    rule_text = (
        f"≤{within}%得满分;每超过{step.group('per') or 1}个百分点扣{step.group('x')}分{stop}"
        if step is not None
        else f"≤{within}%得满分;否则不得分"
    )
    parsed = parse_standard(rule_text, weight)
    if parsed.rule is None:
        return None
    lead = (
        f"按本表评分标准「{shortened(text)}」: 偏差 |{fmt(actual.value)} − {fmt(target.value)}| ÷ {fmt(target.value)} ="
    )
    relative = _scored(parsed.rule, deviation, weight, lead)
    if not (target.percent or actual.percent):
        return relative
    # a percentage target: the deviation may be in points of it (|91% − 95%| = 4) as well as in percent of it (4.21)
    said = f"按本表评分标准「{shortened(text)}」: 偏差 {fmt(abs(gap))} 个百分点"
    points = _scored(parsed.rule, abs(gap), weight, said)
    if relative.score is not None and points.score is not None and abs(relative.score - points.score) < 0.005:
        return relative
    basis = f"按本表评分标准「{shortened(text)}」: 偏差按百分点与按目标的百分比计分不同，文字未定，无法核算"
    return IndicatorScore(None, None, basis, None, False)


def score_by_printed(
    text: object, target: Quantity, actual: Quantity, weight: float, name: str = ""
) -> IndicatorScore | None:
    """The score the row's printed 评分标准 gives, by the first reading that takes its words: thresholds and bands,
    steps of the target's unit, a deviation allowed, events, thresholds under a count, word cases."""
    return (
        score_by_standard(text, target, actual, weight, name)
        or score_by_count_steps(text, target, actual, weight)
        or score_by_deviation(text, target, actual, weight)
        or score_by_events(text, target, actual, weight)
        or score_by_count_floor(text, target, actual, weight)
        or score_by_count_share(text, target, actual, weight)
        or score_by_words(text, actual, weight)
    )


# "完成得满分，未完成不得分", "控制在目标值以内得满分，超出不得分", "100%完成得满分，否则不得分": reached or not
_NOTHING = re.compile(
    r"(?:未|没有|不能|未能)(?:全部|按时|按期|足额|在[^,;]{0,8}?[内前])?(?:完成|达到|实现|达标)[^,;]*?(?:不得分|得0分|计0分)"
    r"|(?:超出|超过|否则|反之|其余|其他|逾期|延期|超期)[^,;]*?(?:不得分|得0分|计0分)"
)
_MORE = re.compile(r"扣|比例|×|分值的|\d+(?:\.\d+)?分")  # anything that scores between 0 and full marks


def score_by_all_or_nothing(text: object, reached: IndicatorScore | None, weight: float) -> IndicatorScore | None:
    """A 评分标准 that gives full marks for reaching the row's target and nothing otherwise: 分值 or 0, by whether the
    target was reached as the general rule (or a deadline) judges it. None where the text says more than that (a
    deduction, a band, any figure but 100 %) or whether the target was reached is not known."""
    if not isinstance(text, str) or reached is None or reached.met is None:
        return None
    norm = unicodedata.normalize("NFKC", text).replace(" ", "").replace("，", ",").replace("；", ";")
    norm = re.sub(rf"[得计]{re.escape(fmt(weight))}分", "得满分", norm)  # "完成得5分" of 分值 5: its full marks
    if _NOTHING.search(norm) is None or _MORE.search(_NOTHING.sub("", norm)) is not None:
        return None
    if any(float(n) not in (0.0, 100.0) for n in re.findall(r"\d+(?:\.\d+)?", norm)):
        return None  # "完成80%以上…": a band, not all or nothing
    score = weight if reached.met else 0.0
    said = "达到目标 → 满分" if reached.met else "未达到目标 → 不得分"
    basis = f"按本表评分标准「{shortened(text)}」: {said} {fmt(score)}分({reached.basis})"
    return IndicatorScore(score, score / weight if weight else None, basis, reached.met, False)
