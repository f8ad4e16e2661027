"""Rows outside a score table's 100 points: 加分项 and 扣分项/减分项, by their own name or the group they stand under.

Their 分值 are a bound, not part of the marks the table is out of ("分值合计 100" over the base rows, a 加分项 of 3
beside it), and a 扣分项's score is taken off the total. Whether a positive score on a 扣分项 is the points taken
off or the points kept is the form's own convention: its note says so ("扣分项按扣减分数以正数填列", "合计=…-扣分项
扣分"), or its 合计 shows it (the Σ of the scores above it with those points taken off, not added)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from perfxl.locate.located import Hit
from perfxl.locate.sheet_notes import first_note
from perfxl.locate.tabular import IndicatorLine
from perfxl.read.grid import Sheet
from perfxl.read.values import parse_number

PENALTY = re.compile(r"(?<![加±])减分(?:项|指标)|扣分(?:项|指标)")  # "加减分项" is both, not a 减分项
_EXTRA = re.compile(r"(?:加|减|扣|加减)分(?:项|指标)")
# a note that says a 扣分项's points are typed positive and taken off the 合计
_TAKEN_OFF = re.compile(r"(?:扣分|减分)[^。;]{0,16}正数|合计=[^。;]{0,30}-[^。;]{0,6}(?:扣分|减分)")


def is_penalty(name: str, groups: str) -> bool:
    """A row of points taken off: its name or a group above it says so ("审计发现问题（减分指标）", "扣分项")."""
    return bool(PENALTY.search(name) or PENALTY.search(groups))


def is_extra(name: str, groups: str) -> bool:
    """A 加分项 or 扣分项 row, by its name or a group above it."""
    return bool(_EXTRA.search(name) or _EXTRA.search(groups))


def groups_of(line: IndicatorLine) -> str:
    """The names of the groups a row stands under, joined."""
    return "、".join(level.name for level in line.levels[:-1] if level.name)


def positive_taken_off(sheet: Sheet, lines: Iterable[tuple[IndicatorLine, ...]], total: object, tol: float) -> bool:
    """Whether the table's 扣分项 rows typed with a positive score under a positive 分值 are points taken off: its
    note says so, or its 合计 is the Σ of the scores above it with them taken off and not with them added."""
    added = taken = 0.0
    for group in lines:
        line = group[0]
        score = parse_number(line.score.raw) if line.score is not None else None
        if score is None or not score.ok or score.value is None:
            continue
        if score.value > 0 and (line.points is None or line.points > 0) and is_penalty(line.name, groups_of(line)):
            taken += score.value
        added += score.value
    if not taken:
        return False
    if first_note(sheet, lambda key: bool(_TAKEN_OFF.search(key)), lambda text: True) is not None:
        return True
    said = parse_number(total)
    if not said.ok or said.value is None or math.isnan(said.value):
        return False
    return abs(said.value - (added - 2 * taken)) <= tol < abs(said.value - added)


def extra_kind(name: str, groups: str, weight: float | None) -> str:
    """ "penalty" for a row of points taken off (by its words, or a 分值 typed negative), "bonus" for a 加分项 row,
    "" for a row of the 100 points."""
    if is_penalty(name, groups) or (weight is not None and weight < 0):
        return "penalty"
    return "bonus" if is_extra(name, groups) else ""


def score_range(weight: float, kind: str) -> tuple[float, float]:
    """What a row's score may be: 0 to its 分值, and a 扣分项's within ±分值 (typed as the points taken off, negative
    or positive)."""
    return (-abs(weight), abs(weight)) if kind == "penalty" else (0.0, abs(weight) if kind else weight)


def signed_points(declared: float, weight: float | None, kind: str) -> float:
    """What a declared score adds to the total: a 扣分项's taken off where typed negative or under a 分值 typed
    negative ("-10 | 2"), else as typed."""
    if kind == "penalty" and declared > 0 and weight is not None and weight < 0:
        return -declared
    return declared


def kept_points(declared: float, weight: float | None, kind: str) -> float:
    """What a 加分项's or 扣分项's declared score counts for in the computed total: signed, within its range."""
    signed = signed_points(declared, weight, kind)
    if weight is None:
        return signed
    low, high = score_range(weight, kind)
    return min(max(signed, low), high)


def extra_of(name: str, groups: str, weight: float | None, hit: Hit | None) -> tuple[str, float | None]:
    """A row's kind (``extra_kind``) and its 分值 — a 加分项's or 扣分项's typed as text with its sign ("+3", "-10"),
    which no 分值 reader takes, read with it."""
    signed = weight
    if weight is None and hit is not None and isinstance(hit.raw, str):
        text = hit.raw.strip()
        parsed = parse_number(text)
        signed = parsed.value if parsed.ok and text.startswith(("+", "-", "－", "−", "＋")) else None
    kind = extra_kind(name, groups, signed)
    return kind, signed if kind else weight
