"""A 自评表 row whose 评分标准 scores a count (docs/domain.md §11): events against a target of none ("每发生1起扣2分",
"发生1起扣5分，发生2起及以上不得分"), and a count short of its target by thresholds ("少于12次扣5分")."""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from perfxl.compute.printed import shortened
from perfxl.compute.targets import IndicatorScore, Quantity, read_quantity
from perfxl.locate.found_counts import EVENT_UNITS, N, count_of, done_in, faults_found, left_unrectified
from perfxl.read.values import fmt

# points taken off: "扣2分", "扣除2分", and "减2分" as some forms print it ("每发生一次减2分", "每减少一个减3分")
OFF = r"(?:扣除?|减去?)"
# "未发生得满分，每发生1起扣2分", "每出现一次扣1分": points off for each event, where the target is that none happen
# ("发现一处问题扣1分，扣完为止", "每发现1个…": found in an audit, 发现 as most published standards print it, and
# "每个问题扣2分", the verb left to the row's name; without 每 only for one at a time, and only where no tiers follow)
_UNRECTIFIED = re.compile(r"未[^,;。]{0,8}整改")  # "对发现的问题未按要求整改的，每个问题扣2分": those left
_EVENT_STEP = re.compile(
    rf"(?:每(?:发生|出现|发现|有)?|(?<!未)(?:发现|被通报批评|被通报)(?=[一1][^\d.]))(?P<n>\d+|一)?"
    rf"(?P<unit>{EVENT_UNITS})"
    rf"[\u4e00-\u9fff]{{0,12}}?{OFF}(?P<x>\d+(?:\.\d+)?)分"
)
_MOST = re.compile(r"(?:最多|最高|累计最多|至多)扣(?P<n>\d+(?:\.\d+)?)分|扣分(?:最多|不超过)(?P<m>\d+(?:\.\d+)?)分")


# "发生1起扣5分，发生2起及以上不得分": points by how many events happened, tier by tier
_EVENT_TIER = re.compile(
    rf"(?P<verb>发生|出现|发现)?(?P<n>\d+|[一二两三四五])(?P<unit>{EVENT_UNITS})(?P<more>及以上|或以上|以上)?"
    r"(?P<less>及以下|或以下|以下|以内)?"
    rf"[^,;。]{{0,6}}?(?:{OFF}(?P<x>\d+(?:\.\d+)?)分|(?P<none>不得分|得0分|计0分)|[得计](?P<s>\d+(?:\.\d+)?)分)"
)


def score_by_events(text: object, target: Quantity, actual: Quantity, weight: float) -> IndicatorScore | None:
    """A 评分标准 that scores events: the points of the tier the count falls in ("发生1起扣5分，发生2起及以上不得分";
    以上 includes its number), whatever ceiling the target sets ("≤1起"), or, on a row whose target is none at all
    ("0起", "≤0件") or none printed, 分值 less that many points for each whole step of events ("每发生1起扣2分"), down
    to 0. None where a step's target allows some events (which the text does not say how to count), the actual is no
    count of them, or no tier holds it."""
    said, actual = actual.text, events_in(actual)
    if not isinstance(text, str) or actual.value is None or actual.value < 0 or target.op in (">=", ">"):
        return None
    norm = _plain(text)
    step = _EVENT_STEP.search(norm)
    tiers = _tiers(norm)
    each = step is not None and step.group(0).startswith("每")
    if step is None or (not each and (len(tiers) > 1 or "以上" in step.group(0))):
        return _event_tier(norm, text, target, actual, weight)  # "发现1起及以上…扣3分": a tier, not a step each
    both = {actual.unit, step["unit"]}
    other_unit = actual.unit not in ("", step["unit"]) and "个" not in both and not both <= _ONE_THING  # 个 is any
    if target.value not in (0, None) or other_unit:
        return None
    count = actual.value
    # the sentence of the step ("未按要求整改的，每个问题扣2分"), not another's ("每发现1个问题扣1分；未按要求整改的…")
    start = max(norm.rfind(";", 0, step.start()), norm.rfind("。", 0, step.start())) + 1
    if _UNRECTIFIED.search(norm[start : step.end()]) and not _BARE.fullmatch(said):
        left = left_unrectified(said, count)  # "每有1个问题未整改到位扣1分" counts those left, not those found
        if left is None:
            return None
        count = left
    units = 1.0 if step.group("n") in (None, "一") else float(step.group("n"))
    deduct = float(step.group("x"))
    steps = float(np.floor(count / units + 1e-9))
    score = max(weight - deduct * steps, 0.0)
    # a tier past the steps ("每发现1起扣1分，发现3起及以上不得分"): where the count reaches it, its points at most
    for tier in tiers:
        if tier.group("more") and count >= count_of(tier.group("n")):
            score = min(score, _tier_points(tier, weight))
    most = _MOST.search(norm)  # "每发现一项扣1分，最多扣2分": no more than that off
    if most is not None:
        score = max(score, weight - float(most.group("n") or most.group("m")))
    basis = (
        f"按本表评分标准「{shortened(text)}」: 发生 {fmt(count)}{step.group('unit')}，"
        f"每{fmt(units)}{step.group('unit')}扣 {fmt(deduct)} 分 → {fmt(score)}分"
    )
    return IndicatorScore(score, score / weight if weight else None, basis, score >= weight, False)


# measure words one fault is counted in, any for another ("每发现一项问题扣1分" and "发现问题2处"); not 次 (times),
# 人, 户 or 家 (people, households, bodies)
_ONE_THING = frozenset({"项", "处", "条", "起", "件", "宗", "例", "笔"})
_BARE = re.compile(r"\s*[≥≤<>=]?\s*\d+(?:\.\d+)?\s*[\u4e00-\u9fff]{0,2}\s*")


def events_in(actual: Quantity) -> Quantity:
    """The count of faults found that a row's words give (``locate.found_counts``): a bare count ("2起") as it
    stands; a sentence's one count of what was found, 0 where it says none was, else none."""
    text = unicodedata.normalize("NFKC", actual.text).strip()
    if _BARE.fullmatch(text):
        return actual
    bare = re.fullmatch(rf"({N})({EVENT_UNITS})", text)  # "两起"
    if bare is not None:
        return read_quantity(f"{count_of(bare[1]):g}{bare[2]}")
    if text in ("无", "没有", "未发现", "未发生"):
        return read_quantity("0")
    found = faults_found(actual.text)
    return read_quantity(None) if found is None else read_quantity(f"{found[0]:g}{found[1]}")


def _tiers(norm: str) -> list[re.Match[str]]:
    """A standard's tiers of events: those naming their verb, and after one of them those in its unit that leave it
    out ("发生1起扣3分，2起及以上不得分"), not another count's ("未按时报送1次扣0.5分")."""
    tiers: list[re.Match[str]] = []
    for tier in _EVENT_TIER.finditer(norm):
        if tier.group("verb") or any(t.group("verb") and t.group("unit") == tier.group("unit") for t in tiers):
            tiers.append(tier)
    return tiers


def _event_tier(norm: str, text: str, target: Quantity, actual: Quantity, weight: float) -> IndicatorScore | None:
    """The points of the tier of events the actual count falls in: its own number, else the highest "N及以上" it
    reaches; no event at all is full marks where events are what the row wants none of (a target of none or a
    ceiling, tiers that take points off) — "出现2次及以上得10分" rewards them, and 0 is in no tier."""
    tiers = _tiers(norm)
    count = actual.value
    if not tiers or count is None or "每" in norm or any(actual.unit and t.group("unit") != actual.unit for t in tiers):
        return None
    if any(t.group("less") for t in tiers):
        return None  # "发生2起及以下扣5分": ranges downward, which the tiers here do not read
    unwanted = (target.value == 0 or target.op in ("<=", "<")) and not any(t.group("s") for t in tiers)
    if count == 0 and not unwanted:
        return None
    score = weight  # no event at all
    if count != 0:
        held = [(n, t) for t in tiers if (n := count_of(t.group("n"))) == count or (t.group("more") and count >= n)]
        exact = [t for n, t in held if n == count and not t.group("more")]
        tier = exact[0] if exact else max(held, key=lambda item: item[0], default=(0.0, None))[1]
        if tier is None:
            return None
        score = _tier_points(tier, weight)
    unit = actual.unit or tiers[0].group("unit")
    basis = f"按本表评分标准「{shortened(text)}」: 发生 {fmt(count)}{unit} → {fmt(score)}分"
    return IndicatorScore(score, score / weight if weight else None, basis, score >= weight, False)


def _tier_points(tier: re.Match[str], weight: float) -> float:
    """A tier's points: none ("不得分"), 分值 less its deduction ("扣5分"), or its own ("得6分"), within 0..分值."""
    if tier.group("none"):
        return 0.0
    if tier.group("x"):
        return max(weight - float(tier.group("x")), 0.0)
    return min(float(tier.group("s")), weight)


# "少于12次扣5分", "低于10场扣3分，低于8场不得分": a count short of thresholds, the highest the row's own target
_SHORT_OF = re.compile(
    r"(?<!每)(?:少于|低于|不足|未达到?)(?P<n>\d+(?:\.\d+)?)个?(?P<unit>[\u4e00-\u9fff]{1,3}?)的?,?"
    rf"(?:{OFF}(?P<x>\d+(?:\.\d+)?)分|(?P<none>不得分|得0分|计0分)|[得计](?P<s>\d+(?:\.\d+)?)分)"
)


# an excess penalised beside the thresholds: a ceiling's text ("超过500元不得分", "5次以上扣2分"), not a floor's
_EXCESS = re.compile(r"超过|超出|高于|多于|大于|以上[^,;]*?(?:不得分|扣|得0分)")


def score_by_count_floor(text: object, target: Quantity, actual: Quantity, weight: float) -> IndicatorScore | None:
    """A 评分标准 that scores a count by thresholds below the row's target ("≥12次" beside "少于12次扣5分"): full marks
    at the target, else the points of the lowest threshold the count is short of. None where the highest threshold
    is not the target (between them the text says nothing: "达到20场得满分，低于18场扣5分"), the text steps ("每少1次")
    or says anything else with a number, or the units differ."""
    if not isinstance(text, str) or target.value is None or actual.value is None or target.op not in (">=", "=", None):
        return None
    norm = _plain(text)
    tiers = list(_SHORT_OF.finditer(norm))
    if not tiers or "每" in norm or _EXCESS.search(norm):
        return None  # "低于500元得10分，超过500元不得分": a ceiling, being under it the good side
    if any(t.group("s") and float(t.group("s")) >= weight for t in tiers):
        return None  # "低于5个工作日得10分": full marks for being under, not a shortfall
    floors = [(float(t.group("n")), t) for t in tiers]
    if max(n for n, _ in floors) != target.value or any(t.group("unit") not in target.text for _, t in floors):
        return None
    if actual.unit and actual.unit != target.unit:
        return None
    rest = _SHORT_OF.sub("", norm)
    if any(float(n) not in (target.value, weight) for n in re.findall(r"\d+(?:\.\d+)?", rest)):
        return None  # another figure ("完成80%得8分"): more than thresholds
    short = [(n, t) for n, t in floors if actual.value < n]
    score = _tier_points(min(short, key=lambda item: item[0])[1], weight) if short else weight
    unit = floors[0][1].group("unit")
    said = f"少于 {fmt(min(n for n, _ in short))}{unit}" if short else f"不少于 {fmt(target.value)}{unit}"
    basis = f"按本表评分标准「{shortened(text)}」: 实际 {fmt(actual.value)}{unit}，{said} → {fmt(score)}分"
    return IndicatorScore(score, score / weight if weight else None, basis, score >= weight, False)


# "完成1000人次的得满分，不足的按比例计分": a count the standard itself sets, scored pro rata below it
_COUNT_SHARE = re.compile(
    r"(?:完成|达到|实现|达)(?P<n>\d+(?:\.\d+)?)(?P<unit>个|[\u4e00-\u9fff]{1,3}?)(?:及以上|以上)?的?,?"
    r"(?:得满分|计满分|[得计](?P<s>\d+(?:\.\d+)?)分)[,;]?"
    r"(?:不足|未达到|未完成|低于|少于)[^,;。]{0,8}?的?,?按(?:实际)?(?:完成)?(?:比例|比率)(?:计分|得分|计算得分|计算|折算|扣分)?"
)


def count_unit(text: object) -> str:
    """The unit of the count a 评分标准 sets and scores pro rata ("人次" of "完成1000人次的得满分，不足的按比例计分"),
    or ""."""
    found = _count_share(text)
    return "" if found is None else found.group("unit")


def _count_share(text: object) -> re.Match[str] | None:
    return _COUNT_SHARE.search(_plain(text)) if isinstance(text, str) else None


def score_by_count_share(text: object, target: Quantity, actual: Quantity, weight: float) -> IndicatorScore | None:
    """A 评分标准 that sets the count itself and scores a shortfall pro rata ("完成1000人次的得满分，不足的按比例
    计分", 900人次 → 9 of 10): 分值 × actual ÷ that count, capped at the 分值. None where the row's own target is
    another figure, the units differ, the text says anything else with a number, or the count is a percentage (a rate
    "按比例" is 分值 × rate or pro rata within a band: not settled)."""
    found = _count_share(text)
    if found is not None and actual.value is None:
        actual = _count_done(actual.text, found["unit"])  # "开展培训6期，培训860人次": the one in its unit
    if found is None or actual.value is None or actual.percent or (found["s"] and float(found["s"]) != weight):
        return None
    count, unit = float(found.group("n")), count_unit(text)
    if count <= 0 or (target.value is not None and (target.value != count or not _same_unit(target.unit, unit))):
        return None
    if not _same_unit(actual.unit, unit) or re.search(
        r"\d", found.string[: found.start()] + found.string[found.end() :]
    ):
        return None
    score = weight * min(1.0, max(0.0, actual.value) / count)
    basis = (
        f"按本表评分标准「{shortened(str(text))}」: 实际 {fmt(actual.value)}{unit} ÷ {fmt(count)}{unit} × {fmt(weight)}"
        f" → {fmt(score)}分"
    )
    return IndicatorScore(score, score / weight if weight else None, basis, actual.value >= count, False)


def _plain(text: str) -> str:
    """A standard as its patterns read it: NFKC, no spaces, half-width commas and semicolons."""
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("，", ",").replace("；", ";")


def _same_unit(said: str, unit: str) -> bool:
    """A figure's unit as read is the standard's, none, or the one cut short ("场" of "15场次", "个" of "12个项目")."""
    if {said, unit} == {"人", "人次"}:
        return False  # people, and times people came: not one count
    return not said or unit.startswith(said) or said.startswith(unit)


def _count_done(said: str, unit: str) -> Quantity:
    """The count a sentence gives in ``unit``: its one figure in that unit, or, beside a plan or a running total, the
    year's own or the one said done (``locate.found_counts.done_in``)."""
    read = read_quantity(said, wanted=unit)
    if read.value is not None:
        return read
    done = done_in(said, unit)
    return read if done is None else read_quantity(f"{done:g}{unit}")
