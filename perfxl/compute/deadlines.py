"""A deadline written as a full date ("2023年6月30日前", "≤2023-06-30") against the date it was done (a date cell,
or "2023年8月15日"): reached on or before it earns the full 分值; a date after it is not reached, and how much that
costs no rule says, so the score is left to the form and only full marks for a missed deadline are questioned.

Deadlines by month ("9月前") are numbers like any other (``perfxl.compute.targets``)."""

from __future__ import annotations

import datetime as dt
import re

from perfxl.compute.targets import IndicatorScore
from perfxl.read.text import clean
from perfxl.read.values import fmt

_DATE = re.compile(r"((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
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
    try:
        return dt.date(*(int(part) for part in found[0]))
    except ValueError:
        return None


def score_deadline(target: object, actual: object, weight: float) -> IndicatorScore | None:
    """The row's score when its target is a deadline date and its actual a date (a full date, or a month and day of
    the same year on both sides: "12月底前" against "12月20日前全部发放"); None otherwise."""
    if not isinstance(target, str) or not _BEFORE.search(clean(target)):
        return None
    due, done = read_date(target), read_date(actual)
    if due is None or done is None:
        due, done = _month_day(target), _month_day(actual)
        if due is None or done is None:
            return None
        shown_due, shown_done = _shown_month_day(due), _shown_month_day(done)
    else:
        shown_due, shown_done = due.isoformat(), done.isoformat()
    if done <= due:
        basis = f"期限: 完成于 {shown_done}，不晚于目标 {shown_due} → 满分 {fmt(weight)}"
        return IndicatorScore(weight, 1.0, basis, True, False)
    basis = f"期限: 完成于 {shown_done}，晚于目标 {shown_due}，未达成(扣多少没有规则，只查不得满分)"
    return IndicatorScore(None, None, basis, False, False)


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


def _shown_month_day(date: dt.date) -> str:
    return f"{date.month}月{date.day}日"
