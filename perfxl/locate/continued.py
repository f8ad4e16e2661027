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
    """Join each 自评表 part that continues a form on another sheet into that form: the form it names (its own
    项目名称 printed again), else the form of the sheet right before it (or, where the 续表 sheet was put first,
    right after it)."""
    index = {sheet.name: i for i, sheet in enumerate(sheets)}
    kept: list[Instance] = []
    last: dict[int, int] = {}  # id of a kept form -> the last sheet it runs over
    loose: set[int] = set()  # ids of kept parts no form before them took (a 续表 sheet put first)
    for inst in found.instances:
        at = index.get(inst.sheet)
        if at is None:
            kept.append(inst)
            continue
        if _is_part(inst, sheets[at]):
            target = _continued_form(inst, kept, last, at, sheets)
            if target is not None:
                _join(target, inst)
                last[id(target)] = at
                continue
            loose.add(id(inst))
        elif kept and id(kept[-1]) in loose and _goes_on(inst, kept[-1]) and index.get(kept[-1].sheet) == at - 1:
            part = kept.pop()  # the rest of this form, on the sheet before it
            if _same_state(sheets, at - 1, at):
                _join(inst, part)
            else:
                kept.append(part)
        kept.append(inst)
        last[id(inst)] = at
    found.instances[:] = kept


def _is_part(inst: Instance, sheet: Sheet) -> bool:
    """A form's rest: indicators and no funds block, on a sheet whose name or a title above the table says it goes
    on from another."""
    if inst.funds or not inst.indicators:
        return False
    if CONTINUED.search(label_key(sheet.name)):
        return True
    return any(CONTINUED.search(key) for row in range(inst.span[1]) for _, key in sheet.row_keys(row))


def _continued_form(
    part: Instance, kept: list[Instance], last: dict[int, int], at: int, sheets: list[Sheet]
) -> Instance | None:
    """The form ``part`` goes on: the last one not yet totalled that prints the 项目名称 the part prints again (two
    projects' forms and their 续表 interleaved), else, where the part prints none, the form that ends on the sheet
    right before it."""
    project = part.header.get("project")
    for form in reversed(kept):
        if not _goes_on(form, part) or not _same_state(sheets, last[id(form)], at):
            continue
        if project is not None:
            if project.raw == form.header.get("project", project).raw and "project" in form.header:
                return form
            continue
        return form if last[id(form)] == at - 1 else None
    return None


def _goes_on(form: Instance, part: Instance) -> bool:
    """``part`` may be the rest of ``form``: the same kind of form, ``form`` not yet totalled, and no header field
    of the part's (主管部门, 项目名称) other than the form's."""
    if form.totals or form.grade is not None or form.form != part.form:
        return False
    return all(key not in form.header or form.header[key].raw == hit.raw for key, hit in part.header.items())


def _same_state(sheets: list[Sheet], a: int, b: int) -> bool:
    return 0 <= a < len(sheets) and 0 <= b < len(sheets) and sheets[a].hidden == sheets[b].hidden


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
