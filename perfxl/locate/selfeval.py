"""自评表 instances (项目支出 / 部门整体支出绩效自评表 and their regional variants) from what the table reader found.

The table reader (``perfxl.locate.table``) reads every funds block and indicator table of a sheet by structure; here
they are paired into instances in reading order: a funds block starts an instance and the first indicator table
below it belongs to it; an indicator table with no funds block above it is an instance of its own. The form's title
decides what it is (a 部门整体支出绩效自评表 that carries a 项目名称 field is still a department form); only a form
with no title is told by its header labels.
"""

from __future__ import annotations

import re
import unicodedata

from perfxl.locate.column_formulas import ColumnFormula, printed_formulas
from perfxl.locate.fields import merge_fields
from perfxl.locate.grade_bounds import printed_grades
from perfxl.locate.groups import group_weights
from perfxl.locate.headers import LEVELS, REVIEW, Column
from perfxl.locate.located import (
    NOTE_START,
    FundsRow,
    Hit,
    IndicatorRow,
    Instance,
    Located,
    Total,
    says_exec_score,
)
from perfxl.locate.printed_tiers import printed_shares, printed_tiers
from perfxl.locate.rate_definition import rate_definition
from perfxl.locate.said_totals import of_the_year, said_total
from perfxl.locate.shares import funds_shares_as_points
from perfxl.locate.sheet_notes import first_text
from perfxl.locate.table_rows import is_filled
from perfxl.locate.tabular import Footer, FundsBlock, FundsLine, IndicatorLine, SheetTables, Table
from perfxl.read.grid import Sheet, a1, row_of
from perfxl.read.text import label_key
from perfxl.read.values import parse_number
from perfxl.rules import FormDef, SelfEvalDef

Part = tuple[FundsBlock | None, Table | None]


def locate_self_eval(sheet: Sheet, form: FormDef, found: Located, tables: SheetTables, claimed: Table | None) -> bool:
    """Every 自评表 instance in the sheet, appended to ``found.instances``; ``claimed`` is a table another form
    (附件5) has read already."""
    spec = form.self_eval
    assert spec is not None
    parts: list[Part] = []
    blocks: list[tuple[tuple[int, int], FundsBlock | Table]] = [((b.left, b.header), b) for b in tables.funds]
    blocks += [((t.left, t.header[0]), t) for t in tables.tables if t is not claimed]
    for _, block in sorted(blocks, key=lambda item: item[0]):  # form by form, side by side ones left to right
        if isinstance(block, FundsBlock) and parts and block.follows is not None and parts[-1] == (None, block.follows):
            parts[-1] = (block, block.follows)  # the funds of the table above, printed below its indicators
        elif isinstance(block, FundsBlock):
            parts.append((block, None))
        elif parts and parts[-1][1] is None:
            parts[-1] = (parts[-1][0], block)
        else:
            parts.append((None, block))
    added = False
    previous_end = -1
    left = 0
    tops = [
        funds.header if funds is not None else table.header[0] if table is not None else 0 for funds, table in parts
    ]
    for funds, table in parts:
        part_left = funds.left if funds is not None else table.left if table is not None else 0
        if part_left != left:
            left, previous_end = part_left, -1  # a form beside the last: its title and year are above it
        if blank_copy(funds, table):
            found.notes.append(
                f"工作表「{sheet.name}」中有一张未填写的{form.short or form.title}(没有得分、完成值和金额)，未评分"
            )
            previous_end = _last_row(funds, table)
            continue
        # the sheet's loose fields are the first form's, as far down as it goes: a 项目名称 printed over a second form
        # stacked below is that form's, not the first's
        end = _last_row(funds, table)
        loose = {} if added else {key: hit for key, hit in tables.fields.items() if row_of(hit.cell) <= end}
        # its notes are those above the next form stacked below it
        bottom = min((top for top in tops if top > end), default=sheet.last_row + 1) - 1
        instance = _instance(sheet, form, spec, funds, table, previous_end, loose, bottom)
        previous_end = _last_row(funds, table)
        if instance is not None:
            found.instances.append(instance)
            added = True
            if funds is not None:
                found.formulas += _formulas(sheet, funds)
    if added:
        found.forms.setdefault(form.id, sheet.name)
    return added


def _note_below(sheet: Sheet, top: int, bottom: int) -> Hit | None:
    """The first text cell between rows ``top`` and ``bottom`` that starts as a note does ("注：", "说明："), with the
    items typed one per row under it ("注：1.…" | "2.…" | "3.…"), as one text."""
    for row, texts in sheet.text_rows.items():
        if not top < row <= bottom:
            continue
        for col, _ in texts:
            text = sheet.cells[(row, col)]
            if isinstance(text, str) and NOTE_START.match(text):
                at, more = row, sheet.text_rows.get(row + 1, ())
                while len(more) == 1 and at < bottom and _ITEM.match(str(sheet.cells[(at + 1, more[0][0])])):
                    at += 1
                    text = f"{text}\n{sheet.cells[(at, more[0][0])]}"
                    more = sheet.text_rows.get(at + 1, ())
                return Hit(sheet.name, a1((row, col)), text, "注")
    return None


_ITEM = re.compile(r"\s*(?:\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）]|[①-⑳])")


def attach_list_points(found: Located) -> None:
    """A list of tasks between a 自评表's funds block and its indicators whose 合计 prints 分值 and 得分, where the
    funds block prints none: those are the form's points outside its indicators (``Instance.list_points``)."""
    for inst in found.instances:
        if any("weight" in row.cells or "score" in row.cells for row in inst.funds):
            continue
        top, bottom = inst.span
        for listing in found.lists:
            total = listing.total
            if listing.sheet != inst.sheet or not top < listing.header < bottom or total is None:
                continue
            weight, score = total.cells.get("weight"), total.cells.get("score")
            if weight is not None and score is not None and parse_number(weight.raw).ok:
                inst.list_points = (weight, score, tuple(line.cells.get("score") for line in listing.lines))
                break


def _formulas(sheet: Sheet, funds: FundsBlock) -> list[ColumnFormula]:
    """The funds lines' cells of columns whose header prints a formula (福建's ③=①+②, ⑥=③-④, ⑦=⑥/③), less the
    columns the funds checks judge already (执行率, 分值, 得分)."""
    judged = frozenset(col.col for role, col in funds.columns.items() if role in ("rate", "weight", "score"))
    return printed_formulas(sheet, funds.header, [(line.row, line.label) for line in funds.lines], judged)


def blank_copy(funds: FundsBlock | None, table: Table | None) -> bool:
    """A score table with nothing filled in (a blank copy of the template kept beside the filled one): a 得分 column
    but no row's 得分 or 实际完成值, no total's 得分, no amount."""
    if table is None or not table.rows or "score" not in table.columns:
        return False  # a table of weights and targets alone (a 绩效目标表) has no 得分 to fill in: it is read
    amounts = [hit.raw for line in (funds.lines if funds else []) for role, hit in line.cells.items()]
    if any(parse_number(raw).ok for raw in amounts):
        return False
    if any(is_filled(line.get("score")) or is_filled(line.get("actual")) for line in table.rows):
        return False
    return not any(
        is_filled(hit.raw) for footer in table.footers for role, hit in footer.cells.items() if role == "score"
    )


def _row_blank(sheet: Sheet, hit: Hit, review: Column | None = None) -> bool:
    """A field's cell left blank on a row that holds nothing else but its label ("等级 | —" holds a placeholder) —
    and perhaps a reviewer's figure in the reviewer's column."""
    held = [c for c, _ in sheet.rows.get(row_of(hit.cell), ()) if review is None or c != review.col]
    return hit.raw is None and len(held) <= 1


def _said_below(sheet: Sheet, end: int, year: int | None) -> Hit | None:
    """A total said in a sentence in the few rows under a form's last row (its notes), of the year evaluated, or
    None."""
    cells = [(row, col) for row in range(end + 1, end + 1 + _NOTE_ROWS) for col, _ in sheet.row_keys(row)]
    return next((hit for pos in of_the_year(sheet, cells, year) if (hit := said_total(sheet, *pos))), None)


_NOTE_ROWS = 4  # rows under a form where its notes stand


def _last_row(funds: FundsBlock | None, table: Table | None) -> int:
    rows = [funds.header, *(line.row for line in funds.lines)] if funds is not None else []
    if table is not None:
        rows += [table.header[1], *(line.row for line in table.rows), *(f.row for f in table.footers)]
    return max(rows)


def _instance(
    sheet: Sheet,
    form: FormDef,
    spec: SelfEvalDef,
    funds: FundsBlock | None,
    table: Table | None,
    previous_end: int,
    sheet_fields: dict[str, Hit],
    bottom: int,
) -> Instance | None:
    """The instance of a funds block and its table, or None for a blank 自评表 (an unused sheet of the template);
    its notes are looked for down to row ``bottom``."""
    lines = funds_shares_as_points(funds, table is not None and table.shares) if funds is not None else []
    rows = _funds_rows(lines)
    indicators = _indicators(table) if table is not None else []
    amounts = [hit for row in rows for role, hit in row.cells.items() if role.startswith(_AMOUNTS)]
    if not indicators and not any(parse_number(hit.raw).ok for hit in amounts):
        return None
    header: dict[str, Hit] = {}
    for fields in (funds.fields if funds else {}, table.fields if table else {}, sheet_fields):
        merge_fields(header, fields)
    title = (funds.title if funds is not None else "") or (table.title if table is not None else "")
    variant, shown_title, titled = _variant(spec, title, header)
    head = funds.header if funds is not None else table.header[0] if table is not None else 0
    instance = Instance(form.id, variant, shown_title, sheet.name, header, rows, indicators)
    instance.titled = titled
    instance.year = _year(sheet, previous_end + 1, head)
    instance.span = (head, table.header[0] if table is not None else head)
    instance.exec_note = first_text(sheet, head, bottom, says_exec_score)
    instance.note = _note_below(sheet, head, bottom)
    end = table.header[0] if table is not None else bottom + 1
    instance.defined = rate_definition(sheet, head, end, (instance.note, instance.exec_note))
    # a total said in a note under the form ("说明：…单位自评得分99.05分。"): the form's, or one more beside a total
    # printed over it ("自评得分：95" in the head, "经自评，本部门…自评总得分97.00分" under the 合计)
    below = _said_below(sheet, _last_row(funds, table), instance.year)
    if below is not None and "declared_total" not in header:
        header["declared_total"] = below
    instance.grades = printed_grades(sheet)
    instance.tiers = printed_tiers(sheet)
    instance.shares = printed_shares(sheet)
    if table is not None:
        instance.totals = [Total(f.label, dict(f.cells), _blank_score(sheet, table, f)) for f in table.footers]
        if below is not None and header["declared_total"] is not below:
            instance.totals.append(Total(below.label, {"score": below}))
        instance.grade = header.get("grade")
        review = table.columns.get(REVIEW)
        instance.grade_blank = instance.grade is not None and _row_blank(sheet, instance.grade, review)
        above = sheet_fields.get("grade")
        instance.header_grade = above if above is not None and above != instance.grade else None
        instance.groups = group_weights(table)
        instance.placeholders = [cell for line in table.placeholders if (cell := line.levels[-1].cell) is not None]
    return instance


_AMOUNTS = ("initial", "annual", "executed")


def _blank_score(sheet: Sheet, table: Table, footer: Footer) -> Hit | None:
    """A total row's 得分 cell left blank, under the table's 得分 column (not a cell merged into another)."""
    column = table.columns.get("score")
    if column is None or "score" in footer.cells:
        return None
    pos = (footer.row, column.col)
    if sheet.anchor(pos) != pos or pos in sheet.cells:
        return None
    return Hit(sheet.name, a1(pos), None, footer.label)


def _funds_rows(lines: list[FundsLine]) -> list[FundsRow]:
    """A block's lines with their place in the tree; a first line no rule names is the total."""
    out = []
    for i, line in enumerate(lines):
        kind = line.kind or ("total" if i == 0 else f"row{i + 1}")
        out.append(FundsRow(kind, line.label, dict(line.cells), line.parent))
    return out


def _indicators(table: Table) -> list[IndicatorRow]:
    """One row per 得分: a single indicator, or the rows one merged 得分 cell scores together (each kept as a part)."""
    order = sorted((col.col, role) for role, col in table.columns.items() if role.startswith("level"))
    roles = [role for _, role in order]
    out = []
    for group in _chosen(table.score_groups()):
        rows = [_row(line, roles) for line in group]
        if len(rows) == 1:
            out.append(rows[0])
            continue
        # each row's own 分值, a 分值 merged over the rows ("二者择其一" under one 权数) counted once
        points = list({line.weight.cell if line.weight else line.row: line.points for line in group}.values())
        weight = None if any(p is None for p in points) else sum(p for p in points if p is not None)
        name = "、".join(line.name for line in group)
        first = rows[0]
        out.append(IndicatorRow(first.level1, first.level2, name, first.cells, weight, tuple(rows)))
    return out


def _chosen(groups: list[tuple[IndicatorLine, ...]]) -> list[tuple[IndicatorLine, ...]]:
    """Rows under one merged 分值 that each have their own 得分 cell ("结转结余率 / 结转结余变动率，二者择其一"): the
    unit scores the one it chose and leaves the other blank or "/" — that one is no indicator of this return, so
    the 分值 counts once."""

    def scored(line: IndicatorLine) -> bool:
        return line.score is not None and parse_number(line.score.raw).ok

    by_weight: dict[str, list[tuple[IndicatorLine, ...]]] = {}
    for group in groups:
        if len(group) == 1 and group[0].weight is not None and not group[0].weight_in_name:
            by_weight.setdefault(group[0].weight.cell, []).append(group)
    dropped = {
        id(group)
        for shared in by_weight.values()
        if len(shared) > 1 and any(scored(g[0]) for g in shared)
        for group in shared
        if not scored(group[0])
    }
    return [group for group in groups if id(group) not in dropped]


def _row(line: IndicatorLine, roles: list[str]) -> IndicatorRow:
    """One body row as an indicator, its levels named by the table's level columns (sections outside them)."""
    outer = roles[:-1] if len(line.levels) == len(roles) else list(LEVELS[: len(line.levels) - 1])
    named = {role: level.name for role, level in zip(outer, line.levels[:-1], strict=False)}
    cells = dict(line.cells)
    adjusted = cells.pop("target_adjusted", None)
    if adjusted is not None and is_filled(adjusted.raw):
        cells["target"] = adjusted  # a target adjusted during the year is the one the row is held to
    name_cell = next((lvl.cell for lvl in reversed(line.levels) if lvl.cell is not None), None)
    if name_cell is not None:
        cells["level3"] = name_cell
    if line.weight is not None:
        cells["weight"] = line.weight
    return IndicatorRow(named.get("level1", ""), named.get("level2", ""), line.name, cells, line.points)


def _variant(spec: SelfEvalDef, title: str, header: dict[str, Hit]) -> tuple[str, str, bool]:
    """(variant, title to show, whether the title's own words said it): the title's words first, then the labels in
    the header."""
    key = label_key(title)
    at = [(key.find(label_key(word)), vid) for vid, words in spec.variant_titles.items() for word in words]
    named = min(((pos, vid) for pos, vid in at if pos >= 0), default=None)
    if named is not None:  # the word that comes first qualifies the title: 部门整体绩效目标自评表 is a department's
        return named[1], title, True
    for vid, vtitle, when in spec.variants:
        if not when or any(spec_role in header for spec_role in _roles(spec, when)):
            return vid, title or vtitle, False
    return spec.variants[-1][0], title or spec.variants[-1][1], False


def _roles(spec: SelfEvalDef, labels: tuple[str, ...]) -> set[str]:
    """The header roles whose labels are among ``labels`` (项目名称 -> project)."""
    keys = {label_key(lbl) for lbl in labels}
    return {role for role, lbls in spec.header.items() if any(label_key(lbl) in keys for lbl in lbls)}


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _year(sheet: Sheet, top: int, head: int) -> int | None:
    """The evaluation year from a title or "(2021 年度)" line above the instance (its text, in reading order, with
    full-width digits read): a text naming 年度 or 自评 (or, where a title is split over two rows, "成安县民政局2020" |
    "年度预算项目绩效自评表" or "2020 年市级" | "项目支出绩效自评表", the two together), or a year alone in brackets
    ("(2021年)")."""
    before = ""
    for r in range(max(top, 0), head + 1):
        for c, _ in sheet.row_keys(r):
            text = unicodedata.normalize("NFKC", str(sheet.cells[(r, c)]))
            # the text before joins only where it ends in the year the title goes on with ("…2020" | "年度…")
            # or where it names a year (not a date, not a field's "…：2021年") and the title names 自评
            goes_on = _ENDS_IN_YEAR.search(before) and text.lstrip().startswith("年")
            joined = before + text if goes_on or ("自评" in text and _TITLE_PART.fullmatch(before)) else text
            for said in (text, joined):
                if "年度" in said or "自评" in said or _YEAR_ALONE.fullmatch(said.strip()):
                    match = _TITLE_YEAR.search(said)
                    if match:
                        return int(match.group(1))
            before = text
    return None


_YEAR_ALONE = re.compile(r"[(（]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?")
_ENDS_IN_YEAR = re.compile(r"(?:19|20)\d{2}\s*$")
_TITLE_PART = re.compile(r"[^:：]{0,20}(?:19|20)\d{2}\s*年(?!\s*\d)[^:：\d]{0,12}")
