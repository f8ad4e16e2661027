"""A table's total and 等级 rows (合计, 总分, "自评总分：97.35", "自评等级 | 优"): where its body ends, and the figures
and grade they declare."""

from __future__ import annotations

import re
from functools import lru_cache

from perfxl.locate.fields import bare_total, first_value, label_pairs
from perfxl.locate.grade_bounds import TICKS, grade_named, is_mark
from perfxl.locate.headers import REVIEW, Column, Vocabulary, header_key
from perfxl.locate.located import Hit
from perfxl.locate.said_totals import of_the_year, said_grade, said_grade_alone
from perfxl.locate.table_rows import hit_at, is_filled
from perfxl.locate.tabular import Footer, Table
from perfxl.read.grid import Pos, Sheet, a1
from perfxl.read.text import label_key
from perfxl.read.values import parse_number

_SEPARATOR = re.compile(r"[:：]")
_FULL = 100.0  # the full mark of a score table


def grade_below(sheet: Sheet, table: Table, end: int) -> None:
    """A 等级 the unit says with its total in a sentence in the few rows under the table ("综合评价：自评总得分79.99分，
    评价等级为“良”。"), where the table's own rows say none."""
    if "grade" in table.fields and table.fields["grade"].raw != "":  # (a row of grades with none ticked says none)
        return
    last = max([table.end, *(f.row for f in table.footers)])
    cells = [(r, c) for r in range(last + 1, min(end, last + _NOTE_ROWS) + 1) for c, _ in sheet.row_keys(r)]
    for pos in of_the_year(sheet, cells, None):  # (the year evaluated is not known yet: the latest named)
        said = said_grade(sheet, *pos) or said_grade_alone(sheet, *pos)
        if said is not None:
            table.fields["grade"] = said
            return


_NOTE_ROWS = 4  # rows under a table where its notes stand


def first_cell(sheet: Sheet, r: int, cells: list[tuple[int, object]]) -> Pos | None:
    """The row's first text or number cell that starts in this row (not merged from above)."""
    anchor_of = sheet.anchor_of
    for c, value in cells:
        anchor = anchor_of.get((r, c))
        if (anchor is None or anchor == (r, c)) and (type(value) is not str or value.strip()):
            return (r, c)
    return None


def footer_row(sheet: Sheet, words: Vocabulary, table: Table, first: Pos, key: str, score_col: int) -> bool:
    """A total row (合计, 总分 …) or a 等级 row of the table, read into it; False for any other row."""
    r = first[0]
    # a label of other total words ("绩效指标得分合计") is a total only on a row that prints no target or result:
    # "项目绩效评价总分 | ≥90分 | 93分 | 5 | 5" is an indicator
    if (key in words.totals or (words.is_total(key) and not _measured(sheet, first, table))) and first[1] < score_col:
        read = footer(sheet, r, first, table.columns)
        table.footers.append(read)
        total = read.cells.get("score")  # a total beside its label: its 等级 after it, or in its cell too
        own = next((c for c, _ in sheet.rows.get(r, ()) if total and a1((r, c)) == total.cell), score_col)
        grade = _footer_grade(sheet, r, min(own, score_col) - 1, words)  # from the total's own cell on
        if grade is not None:
            table.fields.setdefault("grade", grade)
    elif key in words.grades:
        reviewer = frozenset(col.col for role, col in table.columns.items() if role == REVIEW)
        table.fields.setdefault("grade", _grade(sheet, r, first, score_col, reviewer))
    else:
        return False
    table.end = r
    return True


def read_tail(sheet: Sheet, words: Vocabulary, table: Table, top: int, end: int) -> None:
    """The total and 等级 rows of a table printed below something else (its funds block, in some templates): rows
    top..end up to the first row that is neither."""
    score_col = table.columns["score"].col if "score" in table.columns else max(c.col for c in table.columns.values())
    for r in range(top, end + 1):
        cells = sheet.rows.get(r)
        first = first_cell(sheet, r, cells) if cells else None
        if first is None:
            continue
        if not footer_row(sheet, words, table, first, lead_key(str(sheet.cells[first])), score_col):
            return


@lru_cache(maxsize=1 << 12)
def lead_key(text: str) -> str:
    """The header key of what a row's first cell says before any colon or bracketed note ("自评总分：97.35" ->
    自评总分, "评价等级（优≥90，良80-90…）" -> 评价等级)."""
    key = header_key(_SEPARATOR.split(text.strip(), maxsplit=1)[0])
    return key.split("(", 1)[0] or key


def own_value(sheet: Sheet, r: int, c: int) -> object:
    """The value of (r, c) when its cell starts in row r (None for a blank or a merge from above)."""
    anchor = sheet.anchor((r, c))
    return sheet.cells.get(anchor) if anchor[0] == r else None


def _measured(sheet: Sheet, first: Pos, table: Table) -> bool:
    """The row of its first cell ``first`` prints a target or a result in the table's own columns for them (not the
    label merged across them)."""
    cols = [table.columns[role].col for role in ("target", "actual") if role in table.columns]
    r = first[0]
    return any(sheet.anchor((r, c)) != first and is_filled(own_value(sheet, r, c)) for c in cols)


def footer(sheet: Sheet, r: int, first: Pos, columns: dict[str, Column]) -> Footer:
    """A total (or a group's 小计) row's label and figures."""
    text = str(sheet.cells[first]).strip()
    cells = {
        role: hit_at(sheet, (r, col.col), text)
        for role, col in columns.items()
        if role in _FIGURES
        and sheet.anchor((r, col.col)) != first  # the label merged across a column is not that column's figure
        and _figure_of(sheet, r, col.col, columns)
    }
    head, *rest = _SEPARATOR.split(text, maxsplit=1)
    if rest and rest[0].strip() and "score" not in cells:  # "自评总分：97.35" in one cell, a 等级 after it at times
        cells["score"] = Hit(sheet.name, a1(first), bare_total(first_value(rest[0])), head.strip())
    score = columns.get("score")
    if score is not None and "score" not in cells and REVIEW not in columns:  # the total further right, under the
        # funds' 得分 (not where the unit's 合计 is left blank beside a reviewer's)
        beyond = [c for c, value in sheet.rows.get(r, ()) if c > score.col and own_value(sheet, r, c) is not None]
        if beyond and parse_number(sheet.cells[(r, beyond[0])]).ok:
            cells["score"] = hit_at(sheet, (r, beyond[0]), text)
    if not cells:  # "总分(100分) | 100 | 自评等级 | 优", "自评总分 | 95.40 | | 自评等级 | 优" under the 总分 row: the
        # total beside its label, wherever the table's columns are (beside a 分值 column, not its 满分)
        at = next((p for p in sheet.right_of(first, 2) if p in sheet.cells), None)
        number = parse_number(sheet.cells[at]) if at is not None and at[0] == r else None
        if (
            at is not None
            and number is not None
            and number.ok
            and ("weight" not in columns or _scored(head, number.value))
        ):
            cells["score"] = hit_at(sheet, at, text)
    return Footer(r, head.strip(), cells, first[1])


def _figure_of(sheet: Sheet, r: int, c: int, columns: dict[str, Column]) -> bool:
    """The row's cell in column c holds a figure of that column: filled, not merged over another column's place as
    well ("自评总分 | 98.43" merged across the 分值 and 得分 columns is the total beside its label; a 合计 merged over
    the two cells of a 得分 header is that 得分's), and not a grade or its label ("自评总分 | 97 | | 自评等级 | 优":
    自评等级 under the 分值 column)."""
    value = own_value(sheet, r, c)
    if not is_filled(value):
        return False
    left, right = sheet.anchor((r, c))[1], sheet.bottom_right((r, c))[1]
    if any(left <= col.col <= right and col.col != c for role, col in columns.items() if role in _FIGURES):
        return False  # (a 得分 merged over the 偏差原因 column beside it is still the 得分's)
    return (
        type(value) is not str
        or parse_number(value).ok
        or (_GRADE_WORDS.search(value) is None and not grade_named(value))
    )


_FIGURES = ("weight", "score", "deduction", "coefficient")  # a total row's figures
_GRADE_WORDS = re.compile(r"等级|等次|档次")


def _scored(label: str, value: float | None) -> bool:
    """A figure beside a total's label in a table with a 分值 column is its 得分 where the label says so (自评总分,
    总得分), or where it is not the 满分 (总分 | 100 is the full mark)."""
    return "得分" in label or "自评" in label or value != _FULL


def _footer_grade(sheet: Sheet, r: int, score_col: int, words: Vocabulary) -> Hit | None:
    """A 等级 written in a total row right of its 得分: "自评等级：良", or a grade name alone ("优")."""
    for c, value in sheet.rows.get(r, ()):
        if c <= score_col or type(value) is not str or sheet.anchor((r, c)) != (r, c):
            continue
        if label_key(value) in words.grade_names:
            return Hit(sheet.name, a1((r, c)), value, "等级")
        for head, rest in label_pairs(value, words.grades):
            head = (head.split() or [head])[-1]  # "99.5分　自评等级": the total before it, spaced apart
            if header_key(head) in words.grades and rest:
                return Hit(sheet.name, a1((r, c)), rest, head)
    return None


def _grade(sheet: Sheet, r: int, first: Pos, score_col: int, reviewer: frozenset[int] = frozenset()) -> Hit:
    """A 等级 row's value: the first filled cell right of its label outside a reviewer's columns (``reviewer``), else
    the blank cell under 得分."""
    label = str(sheet.cells[first]).strip()
    pairs = label_pairs(label, ())
    if pairs and pairs[0][1]:  # "评价等级：良" in one cell
        return Hit(sheet.name, a1(first), pairs[0][1], pairs[0][0])
    right = sheet.bottom_right(first)[1]
    filled = [
        (c, value)
        for c, value in sheet.rows.get(r, ())
        if c > right and sheet.anchor((r, c)) == (r, c) and is_filled(value) and c not in reviewer
    ]
    if filled:
        return _ticked_band(sheet, r, filled, label) or Hit(sheet.name, a1((r, filled[0][0])), filled[0][1], label)
    return Hit(sheet.name, a1((r, score_col)), None, label)


def _ticked_band(sheet: Sheet, r: int, filled: list[tuple[int, object]], label: str) -> Hit | None:
    """A 等级 row that prints every grade, one a cell ("优（90-100分）| 良（80-89分）| …"), and ticks one in its own
    cell, the cell below, or a box cell beside each grade ("优 | □ | 良 | √ | …": a box after its grade where the
    row opens with a grade): the grade ticked, at the tick ("" where none or several are ticked: nothing declared)."""
    grades = [(c, grade_named(str(value))) for c, value in filled]
    boxes = {c for c, value in filled if is_mark(value)}
    named = [(c, grade) for c, grade in grades if grade is not None]
    if len(named) < _GRADES_PRINTED or len(named) + len(boxes) != len(grades):
        return None
    marked = _marked(sheet, r, grades, boxes, TICKS) or _marked(sheet, r, grades, boxes, "☒")  # ☒ where nothing else
    if len(marked) == 1:
        return Hit(sheet.name, a1(marked[0][0]), marked[0][1], label)
    return Hit(sheet.name, a1((r, filled[0][0])), "", label)


def _marked(
    sheet: Sheet, r: int, grades: list[tuple[int, str | None]], boxes: set[int], ticks: str
) -> list[tuple[Pos, str | None]]:
    """(where, which grade) of each tick of a row of printed grades: in a grade's own cell, or in a cell of marks
    alone under it, over it, or beside it where the row prints a box by each grade."""
    marked = []
    for i, (c, grade) in enumerate(grades):
        if c in boxes:
            continue
        beside = [grades[i - 1][0]] if boxes and grades[0][0] in boxes and i else []  # "□ | 优 | ☑ | 良"
        beside += [grades[i + 1][0]] if boxes and grades[0][0] not in boxes and i + 1 < len(grades) else []
        below = sheet.anchor((sheet.bottom_right((r, c))[0] + 1, c))
        above = sheet.anchor((r - 1, c)) if r else (r, c)  # a tick row printed over the grades
        own = str(sheet.cells.get((r, c), ""))
        if any(tick in own for tick in ticks):
            marked.append(((r, c), grade))  # "良（80-89分）√"
        for at in (below, above, *((r, b) for b in beside if b in boxes)):
            held = sheet.cells.get(at)  # a cell of marks only: not a note under the row that uses ● as a bullet
            if is_mark(held) and any(tick in str(held) for tick in ticks):
                marked.append((at, grade))
    return marked


_GRADES_PRINTED = 3  # a row printing at least this many grades, one a cell, is the scale to tick from
