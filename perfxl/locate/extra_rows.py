"""Rows outside a score table's 100 points: 加分项 and 扣分项/减分项, by their own name or the group they stand under.

Their 分值 are a bound, not part of the marks the table is out of ("分值合计 100" over the base rows, a 加分项 of 3
beside it), and a 扣分项's score is taken off the total. Whether a positive score on a 扣分项 is the points taken
off or the points kept is the form's own convention: its note says so ("扣分项按扣减分数以正数填列", "合计=…-扣分项
扣分"), or its 合计 shows it (the Σ of the scores above it with those points taken off, not added)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

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
