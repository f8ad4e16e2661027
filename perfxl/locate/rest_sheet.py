"""A 续表 sheet that does not print the header again: under its title ("部门整体支出绩效自评表（续表）") the indicator
rows go straight on, in the columns of the form they continue on the sheet before. Read in those columns, its rows are
a part like any other 续表 (``perfxl.locate.continued`` joins it to its form).

Only where the rows fit those columns (or the same columns one over, where a 序号 column is printed on one sheet and
not the other) as indicator rows do: each names itself in the names' column (not a target such as "≥90%" or
"3000人次", which a sheet laid one column over puts there) and holds a number or nothing ("/") under 分值 and 得分, some
row a number, and the 分值 of both parts stay within 100; and only after a form that has not ended (no 总分 row yet): a
续表 after a finished form is some other table's.
"""

from __future__ import annotations

import re

from perfxl.locate.continued import TITLE_ROWS, continued_title, says_continued
from perfxl.locate.fields import read_fields
from perfxl.locate.headers import Column, vocabulary
from perfxl.locate.located import Hit
from perfxl.locate.table import read_table
from perfxl.locate.tabular import IndicatorLine, SheetTables, Table
from perfxl.read.grid import Sheet
from perfxl.read.text import UNITS
from perfxl.read.values import parse_number
from perfxl.rules import RuleSet

_FIELD_ROWS = 2  # rows between the title and the first indicator row ("项目名称 | …", "单位：万元")
# a target or an amount where a name should be: "≥90%", "3000人次", "95%"
_MEASURES = sorted({*UNITS, "公斤", "斤", "株", "头", "只", "棵", "公顷", "平方公里", "分钟"}, key=len, reverse=True)
_QUANTITY = re.compile(rf"^\s*(?:[≥≤<>=≧≦＞＜﹦]|\d+(?:\.\d+)?\s*个?(?:{'|'.join(map(re.escape, _MEASURES))})?\s*$)")


def read_rest(sheet: Sheet, rules: RuleSet, before: Table) -> SheetTables | None:
    """The sheet's rows read in ``before``'s columns, where the sheet says it goes on and its rows fit (see the
    module's docstring); None otherwise."""
    if before.footers or "score" not in before.columns or not says_continued(sheet, TITLE_ROWS):
        return None
    titled = continued_title(sheet, TITLE_ROWS)
    top = -1 if titled is None else titled  # only its name may say so
    words, before_points = vocabulary(rules), before.printed_points()
    for shift in _SHIFTS:
        roles = {col.col + shift: col._replace(col=col.col + shift) for col in before.columns.values()}
        roles.update({c + shift: Column("weight", c + shift, "") for c in before.level_weights.values()})
        if min(roles) < 0:
            continue
        scored = [c for c, col in roles.items() if col.role in _SCORED]
        for start in _starts(sheet, top, scored):
            table = read_table(sheet, words, start, start, roles, sheet.last_row)
            if _fits(table, before_points) or _total_alone(sheet, top, table):
                table.title = ""
                above = read_fields(sheet, 0, start, words) if start >= 0 else {}
                table.fields = {**above, **table.fields}  # its own 等级 row's grade, and a 项目名称 printed again
                return SheetTables(sheet.name, tables=[table])
    return None


# the columns of the form before, or one over: a 序号 column printed on one sheet and not on the other
_SHIFTS = (0, 1, -1)
_SCORED = ("weight", "score")


def _starts(sheet: Sheet, top: int, scored: list[int]) -> list[int]:
    """Where the rows may start: right under the title, or past a line or two between that hold no figure under
    分值 or 得分 ("项目名称 | …", "单位：万元") — never past an indicator row."""
    out = [top]
    for r in range(top + 1, top + _FIELD_ROWS + 1):
        if any(parse_number(sheet.value((r, c))).value is not None for c in scored):
            break
        out.append(r)
    return out


def _fits(table: Table, before: float) -> bool:
    """Every indicator row names itself (its level cells hold no number: a 序号 column laid where a level was), holds
    a number or nothing ("/", "—") under 分值 and 得分, and some row a number; its 分值 and those of the form before it
    stay within 100."""
    lines = table.indicators
    fits = any(_figure(line, role) is not None for line in lines for role in _SCORED) and all(
        line.levels
        and line.levels[-1].cell is not None
        and not _QUANTITY.match(line.levels[-1].text)
        and not any(parse_number(level.text).value is not None for level in line.levels if level.cell is not None)
        and all(_figure(line, role) is not None or _blank(line, role) for role in _SCORED if role in line.cells)
        for line in lines
    )
    return fits and before + table.printed_points() <= _FULL + 0.5


_FULL = 100.0


def _total_alone(sheet: Sheet, top: int, table: Table) -> bool:
    """The 合计 (and 等级) alone past the page break: under the sheet's title (row ``top``) no row with a figure before
    the total (the header printed again, "单位：万元" may stand between; an indicator row holds its 分值)."""
    if table.rows or not table.footers:
        return False
    between = range(top + 1, table.footers[0].row)
    return not any(parse_number(value).value is not None for r in between for _, value in sheet.rows.get(r, ()))


def _figure(line: IndicatorLine, role: str) -> float | None:
    """The number under 分值 ("(5分)" as 附件5 prints it too) or 得分."""
    return line.points if role == "weight" else _number(line.cells.get(role))


def _blank(line: IndicatorLine, role: str) -> bool:
    """Nothing, or no number ("/", "—"), under 分值 or 得分: not words where a number should be."""
    return parse_number(line.cells[role].raw).status != "bad"


def _number(hit: Hit | None) -> float | None:
    return None if hit is None else parse_number(hit.raw).value
