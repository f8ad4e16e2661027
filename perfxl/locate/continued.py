"""A 自评表 printed over two worksheets: its indicators go on in the next sheet, titled "…（续）" or "续表", under its
header printed again, and its 总分 and 等级 are there. Each sheet's tables are read on their own
(``perfxl.locate.selfeval``); here the second sheet's part is joined to the form it continues, so the form's sums
run over all its rows and each cell is still reported where it is."""

from __future__ import annotations

import re
from dataclasses import replace

from perfxl.locate.located import Instance, Located
from perfxl.read.grid import Sheet
from perfxl.read.text import label_key

# "项目支出绩效自评表（续）", "续表", "（接上页）": a page's title saying the form goes on from the page before
CONTINUED = re.compile(r"\(续\)|续表|续上表|接上[表页]")  # over label keys (brackets half-width)


def join_continued_sheets(found: Located, sheets: list[Sheet]) -> None:
    """Join each 自评表 part that continues the form of the sheet before it into that form."""
    index = {sheet.name: i for i, sheet in enumerate(sheets)}
    kept: list[Instance] = []
    for inst in found.instances:
        before = kept[-1] if kept else None
        if before is not None and _continues(before, inst, sheets, index):
            _join(before, inst)
        else:
            kept.append(inst)
    found.instances[:] = kept


def _continues(before: Instance, part: Instance, sheets: list[Sheet], index: dict[str, int]) -> bool:
    """``part`` is the rest of ``before``: the first form of the very next sheet, that sheet saying it goes on (in
    its name or a title above the table), with no funds block and no project of its own, and ``before`` not yet
    totalled."""
    at, after = index.get(before.sheet), index.get(part.sheet)
    if at is None or after != at + 1 or sheets[at].hidden != sheets[after].hidden:
        return False
    if before.totals or before.grade is not None or part.funds or not part.indicators or before.form != part.form:
        return False
    # its own 项目名称 or 主管部门, where the sheet before prints other ones, makes it another form
    if any(key in before.header and before.header[key].raw != hit.raw for key, hit in part.header.items()):
        return False
    if "project" in part.header and "project" not in before.header:
        return False
    sheet = sheets[after]
    if CONTINUED.search(label_key(sheet.name)):
        return True
    return any(CONTINUED.search(key) for row in range(part.span[1]) for _, key in sheet.row_keys(row))


def _join(before: Instance, part: Instance) -> None:
    """The part's rows, totals and 等级 added to the form they continue; a row at the top of the new sheet that
    leaves its 一级/二级 blank is under the groups the last sheet ended in (as a page break leaves them)."""
    last = before.indicators[-1] if before.indicators else None
    for row in part.indicators:
        if last is not None and not row.level1:
            row = replace(row, level1=last.level1, level2=row.level2 or last.level2)
        before.indicators.append(row)
        last = row
    for key, hit in part.header.items():  # its 等级 or 总分 written as header fields at its end
        before.header.setdefault(key, hit)
    before.totals += part.totals
    before.grade, before.grade_blank = part.grade, part.grade_blank
    before.header_grade = before.header_grade or part.header_grade
    before.groups += part.groups
    before.placeholders += part.placeholders
    before.exec_note = before.exec_note or part.exec_note
    before.grades = before.grades or part.grades
    before.tiers = before.tiers or part.tiers
    before.shares = before.shares or part.shares
