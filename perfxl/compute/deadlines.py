"""A deadline written as a date ("2023年6月30日前", "≤2023-06-30", "完成时间为2023年12月30日", "2023年10月底前",
"12月底前") against the date it was done (a date cell, "2023年8月15日", a month "2023年11月"): reached on or before it
earns the full 分值; a date after it is not reached, and what that costs is what the row's standard takes off each
month or day late ("每延期1个月扣2分", "每延迟1天扣0.5分"), where it says so, else no rule says and only full marks
for a missed deadline are questioned. A period, a start, a floor or an event's date is no deadline; dates whose order
is not certain (a month alone across the deadline's month, January against December with no year) settle nothing.

Deadlines by month alone ("9月前") are numbers like any other (``perfxl.compute.targets``)."""

from __future__ import annotations

import datetime as dt
import re

from perfxl.compute.printed import shortened
from perfxl.compute.printed_counts import OFF
from perfxl.compute.targets import IndicatorScore, Quantity
from perfxl.compute.time_words import said_on_time
from perfxl.read.text import clean
from perfxl.read.values import fmt

# "2023年6月30日", "2023-06-30", "2023.6.30": one separator throughout ("2023年1-12月" is a period, not 1月12日)
_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|([./-])\s*(\d{1,2})\s*\4\s*(\d{1,2}))")
_BEFORE = re.compile(r"[前≤<]|以内|之内|截至|截止")


def read_date(raw: object) -> dt.date | None:
    """A cell's single date: a date cell, or text holding exactly one full date."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        return None
    found = _DATE.findall(clean(raw))
    if len(found) != 1:
        return None
    year, month, day, _, other_month, other_day = found[0]
    try:
        return dt.date(int(year), int(month or other_month), int(day or other_day))
    except ValueError:
        return None


def score_deadline(
    target: object, actual: object, weight: float, standard: object = None, year: int | None = None
) -> IndicatorScore | None:
    """The row's score when its target is a deadline date and its actual a date (a full date, or a month and day of
    the same year on both sides: "12月底前" against "12月20日前全部发放"); a target that names a date with no 前
    ("完成时间为2022年12月30日", "2022年12月完成") is its deadline too, and a month alone ("2022年10月底前",
    "2022年12月完成") is its last day, on the actual's side any day of it ("11月" too, beside "10月底前"). A date after
    it scores what the row's ``standard`` takes off each month late ("每延期1个月扣2分"), if it says so. None
    otherwise, or where the month's days fall on both sides of the deadline."""
    target = _period_end(_of_the_year(target, actual, year))
    if (
        not isinstance(target, str)
        or _MONTHS.search(clean(target))
        or _NO_DEADLINE.search(_DATE.sub("", clean(target)))
    ):
        return None  # a period ("1-12月", "6月30日至12月31日"), a start or a floor ("3月起", "6月以后")
    bare = not _BEFORE.search(clean(target))
    if bare and not _FINISHED.search(clean(target)) and _YEAR_MONTH.sub("", _DATE.sub("", clean(target))).strip():
        return None  # a date with no 前 is a deadline only said alone or as when it is done ("6月30日召开": an event)
    # a start or a meeting is the target's own act only where the target says so ("6月30日前开工")
    done_words = _DONE_WORDS | {verb for verb in _START_WORDS if verb in clean(target)}
    due_span, done_span = _span(target), _span(actual, done_words)
    if due_span is None or done_span is None:
        due_day, done_days = _month_day(target), _month_span(actual)
        if not _BEFORE.search(clean(target)) or due_day is None or done_days is None:
            return None
        due, (first, done) = due_day, done_days
        if _NEXT_YEAR.search(clean(str(actual))) and not _NEXT_YEAR.search(clean(target)):
            first, done = first.replace(year=first.year + 1), done.replace(year=done.year + 1)  # "次年1月"
        elif done.month <= 2 and due.month >= 11:  # "1月" against "12月底前": January of which year is not said
            said = f"期限: 完成于 {done.month}月，与目标的年份未定，无法判断是否逾期"
            return IndicatorScore(None, None, said, None, False)
        shown_due = _shown_month_day(due)
        shown_done = _shown_month_day(done) if first == done else _shown_span(first, done)
    else:
        due, (first, done) = due_span[1], done_span
        shown_due = due.isoformat()
        shown_done = done.isoformat() if first == done else f"{done.year}年{_shown_span(first, done)}"
    if done <= due:
        basis = f"期限: 完成于 {shown_done}，不晚于目标 {shown_due} → 满分 {fmt(weight)}"
        return IndicatorScore(weight, 1.0, basis, True, False)
    if first <= due:
        return None  # "2022年12月完成" against "2022年12月15日前": which day is not said
    late = f"期限: 完成于 {shown_done}，晚于目标 {shown_due}"
    step = _PER_STEP.search(clean(standard)) if isinstance(standard, str) else None
    if step is not None and _says_more(str(standard), weight):
        step = None  # a cap or a cut-off beside the step ("延期3个月以上不得分"): not read here
    if step is None:
        return IndicatorScore(None, None, f"{late}，未达成(扣多少没有规则，只查不得满分)", False, False)
    # a month done ("2023年12月") is late by as few steps as its first day and as many as its last
    if step["day"] is not None:
        few, most, per, every = (first - due).days, (done - due).days, "天", "每天"
    else:
        few, most, per, every = _months_late(due, first), _months_late(due, done), "个月", "每月"
    x = float(step["x"])
    high, low = max(weight - x * few, 0.0), max(weight - x * most, 0.0)
    said = f"按本表评分标准「{shortened(str(standard))}」: {late}"
    if high - low < 1e-9:
        basis = f"{said} {few if few == most else f'{few}–{most}'} {per}，{every}扣 {step['x']} 分 → {fmt(high)}"
        return IndicatorScore(high, high / weight if weight else None, basis, False, False)
    basis = f"{said} {few}–{most} {per}(完成日未写明)，{every}扣 {step['x']} 分 → {fmt(low)}～{fmt(high)}分"
    return IndicatorScore(None, None, basis, False, False, (low / weight, high / weight) if weight else None)


def score_on_time(target: Quantity, actual: Quantity, weight: float) -> IndicatorScore | None:
    """A time limit ("每季度结束后10日内", "≤20个工作日") met in words ("按时报送", "如期完成"): the full 分值; None for
    any other row."""
    if target.op not in ("<=", "<") or not _TIME.search(target.text) or not said_on_time(actual.text):
        return None
    said = f"期限: 实际「{actual.text.strip()}」，在时限「{target.text.strip()}」内 → 满分"
    return IndicatorScore(weight, 1.0, said, True, False)


_TIME = re.compile(r"\d\s*(?:个)?(?:工作日|日|天|小时|周|个月)")


def _says_more(standard: str, weight: float) -> bool:
    """Whether a standard with a step per month late says more than the step, the deadline and the full mark
    ("本指标满分10分,2023年6月30日前完成得10分,每推迟1个月扣2分" says no more; "延期3个月以上不得分" does)."""
    rest = _PER_STEP.sub("", clean(standard))
    for pattern in (_DATE, _YEAR_MONTH, _MONTH_DAY):
        rest = pattern.sub("", rest)
    full = (m for m in _FULL_MARK.finditer(rest) if abs(float(m.group(1)) - weight) < 1e-9)
    for mark in sorted((m.span() for m in full), reverse=True):
        rest = rest[: mark[0]] + rest[mark[1] :]
    return re.search(r"\d", rest) is not None


_FULL_MARK = re.compile(r"(?:满分|[得计])(\d+(?:\.\d+)?)分")


def _months_late(due: dt.date, done: dt.date) -> int:
    """Months begun after the deadline: 10月31日 to 12月31日 is 2; 10月15日 to 11月1日 is 1."""
    end = (due + dt.timedelta(days=1)).month != due.month
    return (done.year - due.year) * 12 + done.month - due.month + (done.day > due.day and not end)


def _month_span(raw: object) -> tuple[dt.date, dt.date] | None:
    """An actual's month and day (that day), or its month alone ("11月", "11月完成": any day of it), of the leap year
    ``_month_day`` puts dates in."""
    day = _month_day(raw)
    full = read_date(raw) if day is None else None  # "2023年12月20日" against "12月底前": the year's date
    day = day or (dt.date(2000, full.month, full.day) if full is not None else None)
    if day is not None:
        return day, day
    found = _MONTH_ALONE.fullmatch(_NEXT_YEAR.sub("", clean(raw))) if isinstance(raw, str) else None
    if found is None or not 1 <= int(found.group(1)) <= 12:
        return None
    month = int(found.group(1))
    last = dt.date(2000 + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    first_day, last_day = _TEN_DAYS.get(found.group(2) or "", (1, last.day))
    return dt.date(2000, month, first_day), dt.date(2000, month, min(last_day, last.day))


# "12月中旬完成": a month, or a third of it, done in
_MONTH_ALONE = re.compile(r"(\d{1,2})\s*月(?:份)?\s*(上旬|中旬|下旬|初)?\s*(?:完成|已完成|全部完成)?")
_TEN_DAYS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}
_THIRD = re.compile("|".join(_TEN_DAYS))
# "每延期1个月扣2分", "每推迟一个月扣2分": points off for each month late; "每延迟1天扣0.5分", "每迟交1天扣2分": each
# calendar day (counted only from a full date done)
_PER_STEP = re.compile(
    r"每(?:延期|推迟|逾期|超期|延迟|滞后|晚|迟交|拖延|延后|超时)(?:1|一)(?:个?月|(?P<day>天|日))"
    rf"{OFF}(?P<x>\d+(?:\.\d+)?)分"
)


def _span(raw: object, alone: frozenset[str] | None = None) -> tuple[dt.date, dt.date] | None:
    """The days a cell's one date may be: a full date, or a month of a year ("2022年10月底", "2022年12月完成": any
    day of it, the 底 or 末 its last) — on the actual's side (``alone``) only a month said alone or as done ("截至
    2023年12月完成进度85%" is a report's date, not a completion's)."""
    day = read_date(raw)
    if day is not None and alone is not None and isinstance(raw, str):
        return (day, day) if _REPORTED.sub("", _DATE.sub("", clean(raw))).strip() in alone else None
    if day is not None:
        return day, day
    if not isinstance(raw, str):
        return None
    found = _YEAR_MONTH.findall(clean(raw))
    if len(found) != 1 or _DATE.search(clean(raw)):
        return None
    rest = _REPORTED.sub("", _YEAR_MONTH.sub("", clean(raw))).strip()
    third = _THIRD.match(rest) if not found[0][2] else None  # "2023年12月中旬完成"
    rest = rest[third.end() :] if third else rest
    if alone is not None and rest not in alone:
        return None
    year, month, end = int(found[0][0]), int(found[0][1]), found[0][2]
    if not 1 <= month <= 12:
        return None
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    if third is not None:
        first_day, last_day = _TEN_DAYS[third.group()]
        return dt.date(year, month, first_day), dt.date(year, month, min(last_day, last.day))
    return (last if end else dt.date(year, month, 1)), last


def _of_the_year(target: object, actual: object, year: int | None) -> object:
    """A deadline that names no year ("年底前", "本年度内", "12月31日前"), put in the year evaluated where the date done
    names its own year ("2024年1月10日"): late, not a January of no year."""
    if year is None or not isinstance(target, str) or _ANY_YEAR.search(target) or read_date(actual) is None:
        return target
    text = clean(target)
    if _NO_YEAR_END.fullmatch(text):
        return f"{year}年12月31日前"
    return f"{year}年{text}" if _MONTH_DAY_BEFORE.match(text) else target


_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")
_NO_YEAR_END = re.compile(r"(?:本|当)?年度?\s*(?:底|末|内)\s*(?:前|内|完成)?")
_MONTH_DAY_BEFORE = re.compile(r"\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末)\s*(?:前|之前|以前)")


def _period_end(target: object) -> object:
    """A deadline given as a part of a year, as its last day: "2023年第三季度" → 2023年9月30日前, "2023年上半年" →
    6月30日, "2023年底前", "2023年内" → 12月31日; any other target as it is."""
    if not isinstance(target, str):
        return target
    text = clean(target)
    quarter = _QUARTER.fullmatch(text)
    if quarter is not None:
        n = "一二三四".find(quarter[2]) + 1 if quarter[2] in "一二三四" else int(quarter[2])
        return f"{quarter[1]}年{3 * n}月{30 if n in (2, 3) else 31}日前"
    half = _HALF.fullmatch(text)
    if half is not None:
        return f"{half[1]}年6月30日前" if half[2] == "上" else f"{half[1]}年12月31日前"
    whole = _YEAR_END.fullmatch(text)
    return f"{whole[1]}年12月31日前" if whole is not None else target


_QUARTER = re.compile(r"((?:19|20)\d{2})\s*年\s*第?\s*([一二三四1-4])\s*季度\s*(?:末|底)?\s*(?:前|内|完成)?")
_HALF = re.compile(r"((?:19|20)\d{2})\s*年\s*([上下])半年\s*(?:末|底)?\s*(?:前|内|完成)?")
_YEAR_END = re.compile(r"((?:19|20)\d{2})\s*年\s*度?\s*(?:年底|年末|底|末|年内|内|全年)\s*(?:前|内|完成)?")
_MONTHS = re.compile(r"\d{1,2}\s*[-~～—至到]\s*\d{1,2}\s*月")
_NO_DEADLINE = re.compile(
    r"(?<!截)至|[-~～—]\s*\d|以后|之后|(?<=[月日号])\s*(?:起|开始|开工|启动)|(?<!\d)\d{1,2}\s*月.*\d{1,2}\s*月"
)
# "已于2023年8月15日完成", "完成时间为2022年12月30日": the words around a completion's date
_REPORTED = re.compile(r"^(?:(?:实际)?(?:完成|办结|竣工)(?:时间|日期)\s*[为是:：]?|已于|于|在|已)")
_NEXT_YEAR = re.compile(r"(?:次年|下年|翌年|明年)(?=\s*\d{1,2}\s*月)")  # "次年1月", not "明年继续推进"
_FINISHED = re.compile(r"完成|办结|竣工|完工|验收|结束|时间")
_DONE_WORDS = frozenset({"", "完成", "已完成", "全部完成", "前完成", "完工", "竣工", "办结"})
_START_WORDS = ("开工", "启动", "召开")
_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d)\s*(底|末)?")


# "12月底前", "12月20日前", "6月末": a month, and a day or its end (no year: both sides are the evaluation year's)
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(?:(底|末)|(\d{1,2})\s*日)?")
_YEAR = re.compile(r"(?:19|20)\d{2}")


def _month_day(raw: object) -> dt.date | None:
    """The one month and day a text names, as a date of a leap year (any year would do: both sides share it); a
    month alone ("9月") is a number like any other, not a date."""
    if not isinstance(raw, str) or _YEAR.search(raw):
        return None
    found = _MONTH_DAY.findall(clean(raw))
    if len(found) != 1:
        return None
    month, end, day = found[0]
    if not (end or day) or not 1 <= int(month) <= 12:
        return None
    last = (dt.date(2000 + (int(month) == 12), int(month) % 12 + 1, 1) - dt.timedelta(days=1)).day
    try:
        return dt.date(2000, int(month), last if end else int(day))
    except ValueError:
        return None


def _shown_span(first: dt.date, last: dt.date) -> str:
    """A month done ("12月"), or the third of it ("12月11–20日")."""
    whole = first.day == 1 and (last + dt.timedelta(days=1)).month != last.month
    return f"{last.month}月" + ("" if whole else f"{first.day}–{last.day}日")


def _shown_month_day(date: dt.date) -> str:
    return f"{date.month}月{date.day}日"
