"""A list of projects or units, one line each (a 汇总表: 序号 | 项目名称 | 全年预算数 | 全年执行数 | 执行率 | 自评得分 |
自评等级), and its 合计 line: read so that each line's own numbers can be checked (``perfxl.check.listing``).

A header is a list's when it holds a list word (rule data ``funds.lists``: 序号, 项目名称 …) and a 得分, 等级 or an
amount beside it, and no level word (an indicator table with a 序号 column is a table, not a list).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from perfxl.locate.headers import LEVELS, NUMBERING, Vocabulary, header_at, header_row
from perfxl.locate.located import Hit
from perfxl.locate.table_parts import columns_of, side_by_side
from perfxl.locate.table_rows import hit_at
from perfxl.read.grid import Sheet
from perfxl.read.text import is_unit, label_key
from perfxl.read.values import parse_number

_ROLES = ("initial", "annual", "executed", "rate")


class ListLine(NamedTuple):
    row: int
    name: str  # the project's or unit's name as written ("" when none)
    cells: dict[str, Hit]  # role -> cell: initial, annual, executed, rate, weight, score, grade, unit


@dataclass
class Listing:
    sheet: str
    header: int  # 0-based
    roles: dict[str, int]  # role -> 0-based column
    lines: list[ListLine] = field(default_factory=list)
    total: ListLine | None = None  # the 合计 line

    @property
    def all_lines(self) -> list[ListLine]:
        """Its lines and its 合计 line."""
        return [*self.lines, *([self.total] if self.total is not None else [])]


def read_lists(sheet: Sheet, words: Vocabulary) -> list[Listing]:
    """Every list in the sheet, top to bottom; in each of the forms printed side by side on it apart (the 项目名称
    of the form on the right is no list's name column for the funds header of the form on the left)."""
    if not header_at(sheet, words.lists):
        return []
    panels = side_by_side(sheet, words)
    if len(panels) == 1:
        return _read_lists(sheet, words)
    return [listing for left, right in panels for listing in _read_lists(columns_of(sheet, left, right), words)]


def _read_lists(sheet: Sheet, words: Vocabulary) -> list[Listing]:
    out: list[Listing] = []
    for r in sorted({r for r, _ in header_at(sheet, words.lists)}):
        if out and out[-1].header == r:
            continue
        roles, name_col = _roles(sheet, r, words)
        if (
            name_col is None
            or len(roles.keys() - {"unit"}) < 2
            or not ({"score", "grade"} & roles.keys() or {"annual", "executed"} <= roles.keys())
        ):
            continue  # a header field (项目名称 | …) beside one other word is no list
        out.append(_read(sheet, r, roles, name_col, words))
    return out


def _roles(sheet: Sheet, r: int, words: Vocabulary) -> tuple[dict[str, int], int | None]:
    """(role -> column, the names' column) of a header row; no names' column where it is no list's header."""
    roles: dict[str, int] = {}
    name_col = None
    header = header_row(sheet, r)
    # a header naming projects and units (序号 | 预算单位 | 项目名称 …) lists projects: the unit word is each line's
    # unit
    units = {key for _, key in header if key in words.lists and words.fields.get(key) == "unit"}
    naming = {key for _, key in header if key in words.lists and key not in NUMBERING} - units or units
    if not naming and any(key in NUMBERING for _, key in header):
        naming = _bare_unit(sheet, r, header)
    for c, key in header:
        if words.indicator.get(key) in LEVELS:
            return {}, None
        if key in naming and name_col is None:
            name_col = c
        elif words.fields.get(key) == "unit" or (key in words.lists and key not in NUMBERING):
            # 实施单位 (or 单位名称) beside 项目名称: which unit's project of that name
            roles.setdefault("unit", c)
        elif words.funds.get(key) in _ROLES:
            roles.setdefault(words.funds[key], c)
        elif words.funds_weak.get(key) in _ROLES:  # 预算数 / 执行数 beside a name column: a list's amounts
            roles.setdefault(words.funds_weak[key], c)
        elif words.indicator.get(key) in ("score", "weight"):  # a list of tasks may carry points (分值 | 得分)
            roles.setdefault(words.indicator[key], c)
        elif key in words.grades:
            roles.setdefault("grade", c)
    return roles, name_col


def _bare_unit(sheet: Sheet, r: int, header: list[tuple[int, str]]) -> set[str]:
    """A numbered header's bare 单位 column, where the cell under it names a unit ("序号 | 单位 | 年初预算数 …" of a
    汇总表 of units): a bare 单位 is no list word, as it heads units of measure (人, 万元, %) in indicator tables."""
    for c, key in header:
        if key == _BARE_UNIT:
            below = sheet.value((sheet.bottom_right((r, c))[0] + 1, c))
            if isinstance(below, str) and below.strip() and not is_unit(below) and parse_number(below).value is None:
                return {key}
    return set()


_BARE_UNIT = label_key("单位")


def _read(sheet: Sheet, r: int, roles: dict[str, int], name_col: int, words: Vocabulary) -> Listing:
    """The lines under the header at row r, with the 合计 line printed last or first; a blank row inside the list does
    not end it where a line with figures follows (not another list's header, nor a note)."""
    listing = Listing(sheet.name, r, roles)
    gap = False
    for row in range(r + 1, sheet.last_row + 1):
        texts = sheet.row_keys(row)
        if not sheet.rows.get(row):
            gap = gap or bool(listing.lines or listing.total)
            continue
        name = sheet.value((row, name_col))
        lead = texts[0][1] if texts else ""
        cells = {role: hit_at(sheet, (row, c), str(name or "")) for role, c in roles.items()}
        if lead in words.totals or label_key(str(name or "")) in words.totals:
            listing.total = ListLine(row, "合计", cells)
            if listing.lines:
                break
            continue  # a 合计 line printed first, over the lines it adds up
        if _across(sheet, row, name_col, roles):
            break  # a note written across the list ("注：评价等级：90分（含）以上为优…")
        if name is None or not str(name).strip() or (gap and _figures(sheet, row, roles) < 2):
            break  # (past a blank row, a line has figures; "填表人： | 张三 | 联系电话： | 139…" has one number)
        listing.lines.append(ListLine(row, str(name).strip(), cells))
    return listing


def _figures(sheet: Sheet, row: int, roles: dict[str, int]) -> int:
    """How many of the list's amounts, rate and score the row holds a number under."""
    return sum(parse_number(sheet.value((row, c))).value is not None for role, c in roles.items() if role in _FIGURES)


_FIGURES = frozenset({"initial", "annual", "executed", "rate", "weight", "score"})


def _across(sheet: Sheet, row: int, name_col: int, roles: dict[str, int]) -> bool:
    """The row's name cell is merged over the columns of the list's figures: a note across the list, not a line."""
    right = sheet.bottom_right((row, name_col))[1]
    return any(name_col < c <= right for role, c in roles.items() if role in _FIGURES or role == "grade")
