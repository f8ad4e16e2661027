"""Read a sheet's score and indicator tables as tables first: every body row is an indicator row, whatever a
rule set calls its indicators.

A table starts at a header band (one row, or two when header cells are merged down or split below a parent)
holding an 一级/二级/三级 word and a 分值 or 得分 word (or, in an indicator table that scores nothing, both a 指标值
and a 完成值 word); its body runs until a footer (合计, 总分, 绩效指标总分 …),
a note across the table, or the next table or funds block. Levels are carried down merged and blank cells; a
level may carry its weight ("产出指标(50分)") or have a 分值 column of its own. ``read_sheet`` reads funds blocks
(``perfxl.locate.funds_block``) and tables together, top to bottom, with the fields above each.
"""

from __future__ import annotations

from dataclasses import replace

from perfxl.locate.continued import CONTINUED
from perfxl.locate.fields import describe, merge_fields, read_fields, title_above
from perfxl.locate.funds_block import read_funds
from perfxl.locate.funds_headers import funds_headers
from perfxl.locate.funds_pairs import paired_funds
from perfxl.locate.funds_transposed import transposed_funds
from perfxl.locate.grade_bounds import is_mark
from perfxl.locate.headers import LEVELS, Column, Vocabulary, vocabulary
from perfxl.locate.inferred_columns import (
    holds_quantities,
    infer_nature,
    infer_weight,
    names_under_weight,
    says_reached,
)
from perfxl.locate.numbering import is_numbering
from perfxl.locate.sections import heads_section, with_sections
from perfxl.locate.shares import shares_as_points
from perfxl.locate.table_bands import table_bands
from perfxl.locate.table_footers import first_cell, footer, footer_row, grade_below, lead_key, own_value, read_tail
from perfxl.locate.table_parts import (
    columns_of,
    continues,
    four_levels,
    next_section,
    notes_as_standard,
    page_break,
    side_by_side,
)
from perfxl.locate.table_rows import caption, hit_at, is_filled, read_lines, signature_line
from perfxl.locate.tabular import FundsBlock, SheetTables, Table
from perfxl.read.grid import Sheet
from perfxl.read.text import label_key
from perfxl.rules import RuleSet


def read_sheet(sheet: Sheet, rules: RuleSet) -> SheetTables:
    """Every funds block and score/indicator table in the sheet, top to bottom, with the fields above each (read
    once per sheet and vocabulary: choosing a rule set reads the tables the chosen one then locates in; read only)."""
    words = vocabulary(rules)
    kept = _READ.get(id(sheet))
    if kept is not None and kept[0] is sheet and kept[1] is words:
        return kept[2]
    content = (id(words), sheet.name, sheet.hidden, sheet.merges, tuple(sheet.cells.items()))
    same = _SAME.get(content)
    if same is not None and same[0] is words:
        out = same[1]
    else:
        out = _read_sheet(sheet, words)
        _SAME[content] = (words, out)
        while len(_SAME) > _SAME_KEPT:
            del _SAME[next(iter(_SAME))]
    _READ[id(sheet)] = (sheet, words, out)
    while len(_READ) > 16:  # a workbook's sheets
        del _READ[next(iter(_READ))]
    return out


_READ: dict[int, tuple[Sheet, Vocabulary, SheetTables]] = {}
# Sheets of the very same content (name, cells, merges) read once: a batch's returns carry the template's unfilled
# sheets (a blank 自评表, notes) unchanged, and reading them is a pure function of that content and the vocabulary.
_SAME: dict[tuple[object, ...], tuple[Vocabulary, SheetTables]] = {}
_SAME_KEPT = 32


def _read_sheet(sheet: Sheet, words: Vocabulary) -> SheetTables:
    panels = side_by_side(sheet, words)
    if len(panels) == 1:
        return _read_panel(sheet, words)
    out = SheetTables(sheet.name)
    before: list[Table] = []  # the tables of the panel left of this one
    for left, right in panels:
        part = _read_panel(columns_of(sheet, left, right), words)
        for block in part.funds:
            block.left = left
        for table in part.tables:
            table.left = left
        out.funds += part.funds
        if len(before) == 1 and part.tables and _beside_its_form(before[0], part.tables[0]):
            _join(before[0], part.tables.pop(0))
        before = list(part.tables)
        out.tables += part.tables
        merge_fields(out.fields, part.fields)
    if not out.found:
        out.seen = describe(sheet, words)
    return out


def _read_panel(sheet: Sheet, words: Vocabulary) -> SheetTables:
    out = SheetTables(sheet.name)
    upright = funds_headers(sheet, words)
    starts: list[tuple[int, str, object]] = [(top, "funds", (bottom, cols)) for top, bottom, cols in upright]
    heads = {r for top, bottom, _ in upright for r in range(top, bottom + 1)}
    starts += [(top, "funds", block) for top, block in transposed_funds(sheet, words, heads)]
    starts += [(top, "table", band) for top, band in table_bands(sheet, words)]
    starts.sort(key=lambda item: item[0])
    region_top = 0
    last: FundsBlock | Table | None = None
    for i, (row, kind, data) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else sheet.last_row
        fields = read_fields(sheet, region_top, row - 1, words)
        title = title_above(sheet, region_top, row - 1)
        if kind == "table" and isinstance(last, Table) and _goes_on(sheet, last, data, region_top, row):
            assert isinstance(data, tuple)
            more = read_table(sheet, words, data[0], data[1], data[2], end)
            _join(last, more)
            region_top = last.end + 1
            continue
        if kind == "funds":
            block = data if isinstance(data, FundsBlock) else _funds(sheet, words, data, end)
            block.title, block.fields = title, fields
            out.funds.append(block)
            if isinstance(last, Table) and not last.footers and not title:
                block.follows = last  # the table's own funds block, printed below it; its total comes after
                read_tail(sheet, words, last, (block.lines[-1].row if block.lines else row) + 1, end)
            last = block
            region_top = (block.lines[-1].row if block.lines else row) + 1
        else:
            assert isinstance(data, tuple)
            table = read_table(sheet, words, data[0], data[1], data[2], end)
            grade_below(sheet, table, end)
            table.title = title
            table.after_funds = isinstance(last, FundsBlock) and not title
            merge_fields(table.fields, fields)
            out.tables.append(table)
            last = table
            region_top = table.end + 1  # a 等级 row under the total is the table's, not a field of the next form
        merge_fields(out.fields, fields)
    if not out.found:
        out.seen = describe(sheet, words)
        merge_fields(out.fields, read_fields(sheet, 0, sheet.last_row, words))
    return out


def _join(table: Table, more: Table) -> None:
    """``more``'s rows, totals and fields go on ``table``: past a page break, its next section, or its 续表."""
    # the next section, headed otherwise: each row holds its own cells, and what goes on past a page break goes on
    # in the last section's columns (an earlier one's role on a column the last gives another is gone)
    taken = {col.col for col in more.columns.values()}
    kept = {role: col for role, col in table.columns.items() if col.col not in taken}
    table.columns = {**kept, **more.columns}
    table.rows += more.rows
    table.footers += more.footers
    table.subtotals += more.subtotals
    table.section_scores.update(more.section_scores)
    for role, col in more.level_weights.items():
        table.level_weights.setdefault(role, col)
    merge_fields(table.fields, more.fields)
    table.end = max(table.end, more.end)  # (a 续表 beside the form ends higher up the sheet than the form)


def _beside_its_form(table: Table, more: Table) -> bool:
    """A 续表 printed beside its form ("项目支出绩效自评表（续表）" right of the one form of the panel left of it, with
    no 总分 yet, naming no other project): one form."""
    if table.footers or "grade" in table.fields or CONTINUED.search(label_key(more.title)) is None:
        return False
    names = [t.fields["project"].raw for t in (table, more) if "project" in t.fields]
    return len(set(map(str, names))) <= 1


def _goes_on(sheet: Sheet, table: Table, band: object, top: int, row: int) -> bool:
    """The header band at ``row`` goes on with ``table``: printed again past a page break, or its next section."""
    return continues(sheet, table, band, top, row) or next_section(sheet, table, band, top, row)


def _funds(sheet: Sheet, words: Vocabulary, data: object, end: int) -> FundsBlock:
    """The upright block headed as ``data`` says (its header row and columns), or its labels paired with figures."""
    assert isinstance(data, tuple)
    head, columns = data
    return paired_funds(sheet, words, head, columns) or read_funds(sheet, words, head, columns, end)


# ---------------------------------------------------------------- column roles of a header band


def _resolve(roles: dict[int, Column]) -> tuple[dict[str, Column], dict[str, int], list[int]]:
    """(role -> column, level -> its own 分值 column, level columns left to right) from the band's columns.

    A 分值 (or 得分) column right after an 一级/二级 column is that level's weight; of several 得分 columns right
    of the names the last is the score and, with no 分值 column, the first is the weight (the wanglu layout)."""
    levels = sorted(c for c, col in roles.items() if col.role in LEVELS)
    name_col = max(levels)
    level_weights: dict[str, int] = {}
    columns: dict[str, Column] = {}
    for c in sorted(roles):
        col = roles[c]
        if col.role in LEVELS:
            columns.setdefault(col.role, col)
            continue
        if col.role in ("weight", "score") and c < name_col:
            owner = max(x for x in levels if x < c) if any(x < c for x in levels) else None
            if owner is not None:
                level_weights.setdefault(roles[owner].role, c)
            continue
    scores = [c for c in sorted(roles) if roles[c].role == "score" and c > name_col]
    weights = [c for c in sorted(roles) if roles[c].role == "weight" and c > name_col]
    if scores:
        columns["score"] = roles[scores[-1]]
    if weights:
        columns["weight"] = roles[weights[0]]
    elif len(scores) > 1:
        columns["weight"] = roles[scores[0]]._replace(role="weight", inferred=True)
    for c in sorted(roles):
        col = roles[c]
        if c > name_col and col.role not in ("weight", "score", *LEVELS):
            columns.setdefault(col.role, col)
    return columns, level_weights, levels


# ---------------------------------------------------------------- body


def read_table(sheet: Sheet, words: Vocabulary, top: int, bottom: int, roles: dict[int, Column], end: int) -> Table:
    """The table headed in rows top..bottom with the columns ``roles`` gives, its body down to row ``end`` at most."""
    weighted = _names_in_weights(sheet, roles, bottom, end)
    columns, level_weights, level_cols = _resolve(four_levels(weighted))
    table = Table(
        sheet.name, "", (top, bottom), columns, level_weights, end=bottom, names_with_points=weighted != roles
    )
    name_col = level_cols[-1]
    score_col = columns["score"].col if "score" in columns else max(roles)
    assigned = {col.col for col in columns.values()} | set(level_weights.values()) | set(level_cols)
    body: list[int] = []
    footer_zone = False
    rows, values = sheet.rows, sheet.cells
    for r in range(bottom + 1, end + 1):
        cells = rows.get(r)
        if not cells:
            continue
        first = first_cell(sheet, r, cells)
        if first is None or is_numbering(sheet, r, words.numbering) or page_break(sheet, r):
            continue  # (a page break's "…（续表）" title and "单位：万元" line inside the table)
        key = lead_key(str(values[first]))
        if footer_row(sheet, words, table, first, key, score_col):
            footer_zone = bool(body)  # a 合计 printed right under the header (广东's 评价指标表): its body follows
            continue
        # a group's 小计 ("产出指标小计", or "前期工作 | 小计（6分）" in the names): no indicator, no total of the table
        named = own_value(sheet, r, name_col) if first[1] < name_col else None
        if key.endswith(words.subtotal_endings) or lead_key(str(named or "")).endswith(words.subtotal_endings):
            table.subtotals.append(footer(sheet, r, first, columns))
            continue
        across = first[1] <= name_col and sheet.bottom_right(first)[1] >= score_col
        if across and not footer_zone and heads_section(str(values[first])):
            continue  # "一、投入（15分）" across the whole table: a section's heading, its rows below
        if r == end and len(cells) == 1 and heads_section(str(values[first])):
            break  # "二、满意度（20分）" alone right above the next header: that section's caption
        if footer_zone and all(is_mark(value) for _, value in cells):
            continue  # a row of ticks over the printed grades of the 等级 row below (read with that row)
        if footer_zone or across or signature_line(sheet, r, table):
            break  # past the footers, a note written across the table, or who signs it
        if words.labels.get(key) in _FORM_FIELDS:
            break  # "项目名称 | …" under a table with no total: the next form's own lines (it prints no title)
        if _remark(sheet, r, name_col, score_col):
            continue  # "其他需要说明事项 | 无": a label and a remark written across the table, not an indicator
        if _starts_row(sheet, r, cells, level_cols, name_col):
            body.append(r)
            table.end = r
    _infer(sheet, table, body, assigned, name_col)
    _reached(sheet, table, body, [col for _, col in sorted(roles.items()) if col.role == "reason"])
    notes_as_standard(sheet, table, body, [col for _, col in sorted(roles.items()) if col.role in ("note", "reason")])
    table.rows = with_sections(
        sheet, table, read_lines(sheet, table, body, level_cols, words.placeholders), level_cols[0]
    )
    table.shares = shares_as_points(table)
    if body:
        table.caption = caption(sheet, top, min(level_cols), body[-1])
    return table


_FORM_FIELDS = ("project", "unit")  # header fields that open a form (项目名称, 主管部门 …), never an indicator


def _names_in_weights(sheet: Sheet, roles: dict[int, Column], bottom: int, end: int) -> dict[int, Column]:
    """The roles with a 分值 column that holds the names (``names_under_weight``) made the deepest level: the
    levels left of it then group those names, as the upper levels of a four-level header do."""
    levels = [c for c, col in roles.items() if col.role in LEVELS]
    weights = [c for c, col in roles.items() if col.role == "weight" and levels and c == max(levels) + 1]
    if not weights or not names_under_weight(own_value(sheet, r, weights[0]) for r in range(bottom + 1, end + 1)):
        return roles
    return {**roles, weights[0]: roles[weights[0]]._replace(role="level4")}


def _remark(sheet: Sheet, r: int, name_col: int, score_col: int) -> bool:
    """A cell starting in row r at or left of the names and merged across to the 得分 column: the row holds no
    indicator's cells, only a remark."""
    extent_of = sheet.extent_of
    return any((bottom := extent_of.get((r, c))) is not None and bottom[1] >= score_col for c in range(name_col + 1))


def _written(raw: object) -> bool:
    return raw is not None and bool(str(raw).strip())


def _starts_row(sheet: Sheet, r: int, cells: list[tuple[int, object]], level_cols: list[int], name_col: int) -> bool:
    """A body row: a level or name written in it, or a value of its own right of the names (``cells``: the row's)."""
    anchor_of, values = sheet.anchor_of, sheet.cells
    for c in level_cols:
        anchor = anchor_of.get((r, c)) or (r, c)
        if anchor[0] == r and _written(values.get(anchor)):
            return True  # "*" and "/" too: a placeholder row is a row
    name = anchor_of.get((r, name_col))
    if name is not None and name[0] < r:
        return False  # a name merged down from the row above: that indicator's continuation
    for c, _ in cells:
        if c > name_col:
            anchor = anchor_of.get((r, c)) or (r, c)
            if anchor[0] == r and is_filled(values.get(anchor)):
                return True
    return False


def _infer(sheet: Sheet, table: Table, body: list[int], assigned: set[int], name_col: int) -> None:
    """指标性质 and 分值 columns that no header word names, from what they hold."""
    cols = sorted({c for r in body for c, _ in sheet.rows.get(r, ()) if c > name_col} - assigned)
    for c in cols:
        values = [own_value(sheet, r, c) for r in body]
        if "nature" not in table.columns and infer_nature(values):
            table.columns["nature"] = Column("nature", c, _header_text(sheet, table, c), inferred=True)
        elif "weight" not in table.columns and table.footers:
            total = own_value(sheet, table.footers[0].row, c)
            if infer_weight(values, total):
                table.columns["weight"] = Column("weight", c, _header_text(sheet, table, c), inferred=True)
                first = table.footers[0]
                weight = hit_at(sheet, (first.row, c), first.label)
                table.footers[0] = replace(first, cells={**first.cells, "weight": weight})


def _reached(sheet: Sheet, table: Table, body: list[int], reasons: list[Column]) -> None:
    """With no 完成值 column, a 自评情况 / 评价情况 column (alone, or after 评价依据) that says what was reached ("96%",
    "900人次"): the rows' actual values (it stays their remark too)."""
    if "actual" in table.columns:
        return
    for i, col in enumerate(reasons):  # after 评价依据 (the evidence) it says what was reached, in words or figures
        if says_reached(col.header) and (i > 0 or holds_quantities(own_value(sheet, r, col.col) for r in body)):
            table.columns["actual"] = col._replace(role="actual")
            return


def _header_text(sheet: Sheet, table: Table, c: int) -> str:
    value = sheet.value((table.header[1], c))
    return "" if value is None else str(value).strip()
