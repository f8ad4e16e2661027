"""A 续表 sheet that does not print the header again: under its title ("部门整体支出绩效自评表（续表）") the indicator
rows go straight on, in the columns of the form they continue on the sheet before. Read in those columns, its rows are
a part like any other 续表 (``perfxl.locate.continued`` joins it to its form)."""

from __future__ import annotations

from perfxl.locate.continued import CONTINUED
from perfxl.locate.headers import Column, vocabulary
from perfxl.locate.table import read_table
from perfxl.locate.tabular import SheetTables, Table
from perfxl.read.grid import Sheet
from perfxl.read.values import parse_number
from perfxl.rules import RuleSet

_TITLE_ROWS = 4  # rows from the top where the 续表's title says so


def read_rest(sheet: Sheet, rules: RuleSet, before: Table) -> SheetTables | None:
    """The sheet's rows read in ``before``'s columns, where a title in its first rows says it goes on and its rows
    fill those columns as indicator rows do (a name, and a number under 分值 or 得分); None otherwise."""
    title = next(
        (r for r in range(_TITLE_ROWS) for _, key in sheet.row_keys(r) if len(key) <= 40 and CONTINUED.search(key)),
        None,
    )
    if title is None or "score" not in before.columns:
        return None
    roles = {col.col: col for col in before.columns.values()}
    roles.update({c: Column("weight", c, "") for c in before.level_weights.values()})
    table = read_table(sheet, vocabulary(rules), title, title, roles, sheet.last_row)
    numbered = [
        line
        for line in table.indicators
        if any(
            parse_number(line.cells[role].raw).value is not None for role in ("weight", "score") if role in line.cells
        )
    ]
    if not numbered or not _names_in_place(table):
        return None
    table.title = ""
    return SheetTables(sheet.name, tables=[table])


def _names_in_place(table: Table) -> bool:
    """Every indicator row names itself in the names' column (a sheet of other columns reads as rows without)."""
    return all(line.levels and line.levels[-1].cell is not None for line in table.indicators)
