"""A 自评表 printed over two or more worksheets: its indicators go on in another sheet, titled "…（续）" or "续表",
under its header printed again, and its 总分 and 等级 are there. Each sheet's tables are read on their own
(``perfxl.locate.selfeval``); here a part on another sheet is joined to the form it continues, so the form's sums
run over all its rows and each cell is still reported where it is."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from perfxl.locate.located import GroupWeight, Hit, IndicatorRow, Instance, Located
from perfxl.read.grid import Sheet, row_of
from perfxl.read.text import label_key

# A page's title saying the form goes on from the page before, over label keys (brackets half-width): a bracketed
# 续 ("（续）", "（续表）", "（续1）", "（续页）"), a title that is only 续表 or 续上表, or 接上页 / 接上表 — not 续表
# inside other words ("持续表现良好", "手续表格")
CONTINUED = re.compile(r"\(续[^()]{0,2}\)|^续(?:上)?表\d*$|接上[表页]")

# the header fields that say which form a part belongs to: another 项目名称 or 单位 printed again is another form
_IDENTITY = ("project", "unit")


def join_continued_sheets(found: Located, sheets: list[Sheet]) -> None:
    """Join each 自评表 part that continues a form on another sheet into that form: the form it names (its own
    项目名称 printed again), else the form on the sheet of forms right before it (or, where the 续表 sheet was put
    first, right after it). "Right before" counts only the sheets that hold a 自评表: a hidden data sheet or a
    notes sheet between the two does not part them."""
    _drop_old_rests(found, sheets)
    places = sorted({i for i, sheet in enumerate(sheets) if any(inst.sheet == sheet.name for inst in found.instances)})
    place = {sheets[i].name: k for k, i in enumerate(places)}  # sheet name -> its place among the forms' sheets
    hidden = {sheet.name for sheet in sheets if sheet.hidden}
    kept: list[Instance] = []
    last: dict[int, int] = {}  # id of a kept form -> the place of the last sheet it runs over
    loose: set[int] = set()  # ids of kept parts no form before them took (a 续表 sheet put first)
    for inst in sorted(found.instances, key=lambda i: place[i.sheet]):  # stable: each sheet's in reading order
        at = place[inst.sheet]
        sheet = sheets[places[at]]
        if _is_part(inst, sheet):
            target = _continued_form(inst, kept, last, at)
            if target is not None:
                _join(target, inst)
                last[id(target)] = at
                if inst.sheet in hidden and target.sheet not in hidden:
                    found.notes.append(f"工作表「{inst.sheet}」是隐藏的续表，已与「{target.sheet}」的自评表一并评分")
                continue
            loose.add(id(inst))
        elif (
            kept
            and id(kept[-1]) in loose
            and last.get(id(kept[-1])) == at - 1
            and _goes_on(inst, kept[-1])
            and not (kept[-1].sheet in hidden and inst.sheet not in hidden)
        ):
            # the rest of this form, on the sheet before it — not a hidden draft's 续表 Excel put before the live
            # form it was copied from ("Sheet2 (2)" before "Sheet1")
            _join(inst, kept.pop())
        kept.append(inst)
        last[id(inst)] = at
    if any(inst.sheet not in hidden for inst in kept):
        # beside visible forms a hidden sheet is read only as a 续表 (``perfxl.locate.forms``): one no form took is
        # an old copy kept aside, not scored
        kept = [inst for inst in kept if inst.sheet not in hidden]
    found.instances[:] = kept


def _drop_old_rests(found: Located, sheets: list[Sheet]) -> None:
    """A hidden 续表 right before a visible one is an old copy of that rest (Excel's 建立副本 puts the copy before the
    sheet it copies: "Sheet2 (2)" before "Sheet2"), not the form's rest: dropped."""
    order = [i for i, sheet in enumerate(sheets) if any(inst.sheet == sheet.name for inst in found.instances)]
    parts = {
        i for i in order if all(_is_part(inst, sheets[i]) for inst in found.instances if inst.sheet == sheets[i].name)
    }
    old = {
        sheets[i].name
        for i, j in pairwise(order)
        if i in parts and j in parts and sheets[i].hidden and not sheets[j].hidden
    }
    found.instances[:] = [inst for inst in found.instances if inst.sheet not in old]


TITLE_ROWS = 4  # rows from the top where a 续表 prints the title that says so


def says_continued(sheet: Sheet, top: int) -> bool:
    """The sheet's name, or a title cell above row ``top``, says the form goes on from another sheet."""
    return CONTINUED.search(label_key(sheet.name)) is not None or continued_title(sheet, top) is not None


def continued_title(sheet: Sheet, top: int) -> int | None:
    """The first row above ``top`` whose title says the form goes on from another sheet ("…（续表）"), if any."""
    return next(
        (row for row in range(top) for _, key in sheet.row_keys(row) if len(key) <= _TITLE and CONTINUED.search(key)),
        None,
    )


_TITLE = 40  # characters: a title, not a sentence


def _is_part(inst: Instance, sheet: Sheet) -> bool:
    """A form's rest: indicators and no funds block, on a sheet that says it goes on from another."""
    # (the row of its table's header too: a 续表 printing no header is read under its title)
    return not inst.funds and bool(inst.indicators) and says_continued(sheet, inst.span[1] + 1)


def _continued_form(part: Instance, kept: list[Instance], last: dict[int, int], at: int) -> Instance | None:
    """The form ``part`` goes on: the last one not yet finished that prints the 项目名称 the part prints again (two
    projects' forms and their 续表 interleaved), else, where the part prints none, the form that ends on the sheet of
    forms right before it."""
    project = _identity(part.header.get("project"))
    for form in reversed(kept):
        if not _goes_on(form, part):
            continue
        if project is not None:
            if _identity(form.header.get("project")) == project:
                return form
            continue
        return form if last.get(id(form)) == at - 1 else None
    return None


def _goes_on(form: Instance, part: Instance) -> bool:
    """``part`` may be the rest of ``form``: the same kind of form (where both titles say which), ``form`` not yet
    finished, and neither its 项目名称 nor its 单位 other than the form's, where both print one."""
    if form.form != part.form or _finished(form):
        return False
    if form.titled and part.titled and form.variant != part.variant:
        return False  # "部门整体支出绩效自评表（续）" does not go on a 项目支出绩效自评表
    for key in _IDENTITY:
        mine, theirs = _identity(form.header.get(key)), _identity(part.header.get(key))
        if mine is not None and theirs is not None and mine != theirs:
            return False
    return True


def _finished(form: Instance) -> bool:
    """A form with its total rows, or its 等级 written below its table (a 等级 in the header above says nothing of
    where the table ends)."""
    grade = form.grade
    below = grade is not None and (grade.sheet != form.sheet or row_of(grade.cell) > form.span[1])
    return bool(form.totals) or below


def _identity(hit: Hit | None) -> str | None:
    text = label_key(str(hit.raw)) if hit is not None and hit.raw is not None else ""
    return text or None


def _join(before: Instance, part: Instance) -> None:
    """The part's rows, totals and 等级 added to the form they continue. A row at the top of the new sheet that
    leaves its 一级/二级 blank is under the groups the last sheet ended in (as a page break leaves them), and its
    分值 counts in those groups' printed 分值."""
    last = tail = before.indicators[-1] if before.indicators else None
    printed = {label_key(group.name) for group in part.groups}
    going_on = tail is not None  # the part's first rows, under the groups the last sheet ended in
    for row in part.indicators:
        if last is not None and not row.level1:
            row = replace(row, level1=last.level1, level2=row.level2 or last.level2)
            _count_in_groups(before.groups, row.level1, row.level2, row.cells.get("weight"), row.weight)
        elif going_on and tail is not None and row.level1 == tail.level1:
            # the group named again without its points ("产出指标" over the rest of 产出指标(50分)): its rows count
            # in the group the last sheet printed, where the part prints none of that name
            names = [n if label_key(n) not in printed else "" for n in (row.level1, row.level2)]
            same2 = row.level2 == tail.level2
            _count_in_groups(before.groups, names[0], names[1] if same2 else "", row.cells.get("weight"), row.weight)
        else:
            going_on = False
        before.indicators.append(row)
        last = row
    for key, hit in part.header.items():  # its 等级 or 总分 written as header fields at its end
        before.header.setdefault(key, hit)
    before.totals += part.totals
    before.grade, before.grade_blank = part.grade or before.grade, part.grade_blank
    before.header_grade = before.header_grade or part.header_grade
    merged: set[str] = set()
    for group in part.groups:
        at = _split_group(before.groups, group, tail) if group.name not in merged else None
        merged.add(group.name)
        if at is None:
            before.groups.append(group)
        else:  # the group the page split, printed again on the new sheet ("产出指标(50分)"): one group, its rows both
            before.groups[at] = before.groups[at]._replace(parts=before.groups[at].parts + group.parts)
    before.placeholders += part.placeholders
    before.exec_note = before.exec_note or part.exec_note
    before.note = before.note or part.note
    before.grades = before.grades or part.grades
    before.tiers = before.tiers or part.tiers
    before.shares = before.shares or part.shares


def _split_group(groups: list[GroupWeight], group: GroupWeight, last: IndicatorRow | None) -> int | None:
    """The group the form's last row before the split is under that the part prints again, same name and weight."""
    if last is None or group.name not in (last.level1, last.level2):
        return None
    at = next((i for i in range(len(groups) - 1, -1, -1) if groups[i].name == group.name), None)
    if at is None or groups[at].weight != group.weight or groups[at].what != group.what:
        return None
    return at


def _count_in_groups(
    groups: list[GroupWeight], level1: str, level2: str, cell: Hit | None, weight: float | None
) -> None:
    """Add a row carried over a page break to the 分值 parts of the groups it is under (the last of each name)."""
    if cell is None or weight is None:
        return
    found: set[int] = set()  # each group once: 效益指标 is in the key of 生态效益指标 too
    for name in (level1, level2):
        key = label_key(name)
        at = next((i for i in range(len(groups) - 1, -1, -1) if key and label_key(groups[i].name) in key), None)
        if at is not None and at not in found and groups[at].what == "分值":
            groups[at] = groups[at]._replace(parts=(*groups[at].parts, (cell, weight)))
            found.add(at)
