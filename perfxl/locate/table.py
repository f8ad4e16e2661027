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

import re
import unicodedata
from functools import lru_cache

from perfxl.locate.fields import describe, merge_fields, read_fields, title_above
from perfxl.locate.funds_block import funds_headers, read_funds
from perfxl.locate.headers import (
    LEVELS,
    Column,
    Vocabulary,
    band_roles,
    header_at,
    header_key,
    header_row,
    infer_nature,
    infer_weight,
    vocabulary,
)
from perfxl.locate.located import Hit
from perfxl.locate.tabular import Footer, IndicatorLine, Level, SheetTables, Table
from perfxl.read.grid import Pos, Sheet, a1
from perfxl.read.text import label_key
from perfxl.read.values import embedded_weight, parse_number, parse_weight
from perfxl.rules import RuleSet

_LEVEL_WEIGHT = re.compile(r"[(]?\s*(\d+(?:\.\d+)?)\s*分\s*[)]?\s*$")  # "产出指标(50分)", "部门预算管理80分)"
_MARKS = frozenset("…*./-—·_、")  # what a placeholder name is made of once "指标2：" numbering is gone
_QUIET = ("standard", "note", "reason")  # columns a template fills in ahead: they do not make a row filled
_SEPARATOR = re.compile(r"[:：]")


def read_sheet(sheet: Sheet, rules: RuleSet) -> SheetTables:
    """Every funds block and score/indicator table in the sheet, top to bottom, with the fields above each (read
    once per sheet and vocabulary: choosing a rule set reads the tables the chosen one then locates in; read only)."""
    words = vocabulary(rules)
    kept = _READ.get(id(sheet))
    if kept is not None and kept[0] is sheet and kept[1] is words:
        return kept[2]
    out = _read_sheet(sheet, words)
    _READ[id(sheet)] = (sheet, words, out)
    while len(_READ) > 16:  # a workbook's sheets
        del _READ[next(iter(_READ))]
    return out


_READ: dict[int, tuple[Sheet, Vocabulary, SheetTables]] = {}


def _read_sheet(sheet: Sheet, words: Vocabulary) -> SheetTables:
    out = SheetTables(sheet.name)
    starts: list[tuple[int, str, object]] = [(row, "funds", cols) for row, cols in funds_headers(sheet, words)]
    starts += [(top, "table", band) for top, band in _bands(sheet, words)]
    starts.sort(key=lambda item: item[0])
    region_top = 0
    for i, (row, kind, data) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else sheet.last_row
        fields = read_fields(sheet, region_top, row - 1, words)
        title = title_above(sheet, region_top, row - 1)
        if kind == "funds":
            assert isinstance(data, dict)
            block = read_funds(sheet, words, row, data, end)
            block.title, block.fields = title, fields
            out.funds.append(block)
            region_top = (block.lines[-1].row if block.lines else row) + 1
        else:
            assert isinstance(data, tuple)
            table = _read_table(sheet, words, data[0], data[1], data[2], end)
            table.title = title
            merge_fields(table.fields, fields)
            out.tables.append(table)
            region_top = max([table.header[1], *(x.row for x in table.rows), *(f.row for f in table.footers)]) + 1
        merge_fields(out.fields, fields)
    if not out.found:
        out.seen = describe(sheet, words)
        merge_fields(out.fields, read_fields(sheet, 0, sheet.last_row, words))
    return out


def read_tables(sheets: list[Sheet], rules: RuleSet) -> list[SheetTables]:
    """``read_sheet`` of every sheet."""
    return [read_sheet(sheet, rules) for sheet in sheets]


# ---------------------------------------------------------------- header bands


def _bands(sheet: Sheet, words: Vocabulary) -> list[tuple[int, tuple[int, int, dict[int, Column]]]]:
    """(top, (top, bottom, column -> role)) of every table header band in the sheet."""
    rows = sorted({r for r, _ in header_at(sheet, words.level_keys)})
    out: list[tuple[int, tuple[int, int, dict[int, Column]]]] = []
    last = -1
    for r in rows:
        if r <= last:
            continue
        top = bottom = r
        for c, key in header_row(sheet, r):
            if words.indicator.get(key) is not None:
                bottom = max(bottom, sheet.bottom_right((r, c))[0])
        for c, _ in sheet.row_keys(r - 1) if r else ():
            if sheet.bottom_right((r - 1, c))[0] >= r:
                top = r - 1  # a header cell merged down from the row above (分值, 得分 over both rows)
        roles = band_roles(sheet, top, bottom, words.indicator)
        found = {col.role for col in roles.values()}
        if found & set(LEVELS) and (found & {"weight", "score"} or {"target", "actual"} <= found):
            out.append((top, (top, bottom, roles)))
            last = bottom
    return out


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


def _read_table(sheet: Sheet, words: Vocabulary, top: int, bottom: int, roles: dict[int, Column], end: int) -> Table:
    columns, level_weights, level_cols = _resolve(roles)
    table = Table(sheet.name, "", (top, bottom), columns, level_weights)
    name_col = level_cols[-1]
    score_col = columns["score"].col if "score" in columns else max(roles)
    assigned = {col.col for col in columns.values()} | set(level_weights.values()) | set(level_cols)
    body: list[int] = []
    footer_zone = False
    rows = sheet.rows
    for r in range(bottom + 1, end + 1):
        cells = rows.get(r)
        first = _first_own(sheet, r, cells) if cells else None
        if first is None:
            continue
        key = _lead_key(str(sheet.cells[first]))
        if key in words.totals and first[1] < score_col:
            table.footers.append(_footer(sheet, r, first, columns))
            footer_zone = True
            continue
        if key in words.grades:
            table.fields.setdefault("grade", _grade(sheet, r, first, score_col))
            footer_zone = True
            continue
        if footer_zone or (first[1] <= name_col and sheet.bottom_right(first)[1] >= score_col):
            break  # past the footers, or a note written across the table
        if _starts_row(sheet, r, level_cols, name_col):
            body.append(r)
    _infer(sheet, table, body, assigned, name_col)
    table.rows = _lines(sheet, table, body, level_cols)
    return table


@lru_cache(maxsize=1 << 12)
def _lead_key(text: str) -> str:
    """The header key of what a row's first cell says before any colon ("自评总分：97.35" -> 自评总分)."""
    return header_key(_SEPARATOR.split(text.strip(), maxsplit=1)[0])


def _first_own(sheet: Sheet, r: int, cells: list[tuple[int, object]]) -> Pos | None:
    """The row's first text or number cell that starts in this row (merges from above are not the row's)."""
    anchor_of = sheet.anchor_of
    for c, value in cells:
        pos = (r, c)
        if anchor_of.get(pos, pos) == pos and (not isinstance(value, str) or value.strip()):
            return pos
    return None


def _own(sheet: Sheet, r: int, c: int) -> object:
    """The value of (r, c) when its cell starts in row r (None for a blank or a merge from above)."""
    anchor = sheet.anchor((r, c))
    return sheet.cells.get(anchor) if anchor[0] == r else None


def _filled(raw: object) -> bool:
    if raw is None:
        return False
    if isinstance(raw, str):
        return bool(raw.strip()) and parse_number(raw).status != "empty"
    return True


def _written(raw: object) -> bool:
    return raw is not None and bool(str(raw).strip())


def _starts_row(sheet: Sheet, r: int, level_cols: list[int], name_col: int) -> bool:
    """A body row: a level or name written in it, or a value of its own right of the names."""
    if any(_written(_own(sheet, r, c)) for c in level_cols):
        return True  # "*" and "/" too: a placeholder row is a row
    if sheet.anchor((r, name_col))[0] < r:
        return False  # a name merged down from the row above: that indicator's continuation
    return any(_filled(_own(sheet, r, c)) for c, _ in sheet.rows.get(r, ()) if c > name_col)


def _infer(sheet: Sheet, table: Table, body: list[int], assigned: set[int], name_col: int) -> None:
    """指标性质 and 分值 columns that no header word names, from what they hold."""
    cols = sorted({c for r in body for c, _ in sheet.rows.get(r, ()) if c > name_col} - assigned)
    for c in cols:
        values = [_own(sheet, r, c) for r in body]
        if "nature" not in table.columns and infer_nature(values):
            table.columns["nature"] = Column("nature", c, _header_text(sheet, table, c), inferred=True)
        elif "weight" not in table.columns and table.footers:
            total = _own(sheet, table.footers[0].row, c)
            if infer_weight(values, total):
                table.columns["weight"] = Column("weight", c, _header_text(sheet, table, c), inferred=True)
                table.footers[0] = Footer(
                    table.footers[0].row,
                    table.footers[0].label,
                    {
                        **table.footers[0].cells,
                        "weight": _hit(sheet, (table.footers[0].row, c), table.footers[0].label),
                    },
                )


def _header_text(sheet: Sheet, table: Table, c: int) -> str:
    value = sheet.value((table.header[1], c))
    return "" if value is None else str(value).strip()


_NO_LEVEL = Level("", "", None, None)


def _lines(sheet: Sheet, table: Table, body: list[int], level_cols: list[int]) -> list[IndicatorLine]:
    """The body rows as indicator lines, levels carried down merged and blank cells.

    Every body cell of every table passes through here, so the sheet's maps are read directly, not through
    ``_hit`` and ``_own``."""
    current: list[Level] = [_NO_LEVEL] * len(level_cols)
    lines = []
    roles = {role: col.col for role, col in table.columns.items() if role not in LEVELS}
    level_role = {c: col.role for col in table.columns.values() if col.role in LEVELS for c in [col.col]}
    level_weight = [table.level_weights.get(level_role.get(c, "")) for c in level_cols]
    anchor_of, extent_of, values = sheet.anchor_of, sheet.extent_of, sheet.cells
    inner_at = len(level_cols) - 1
    score_col = roles.get("score")
    role_cols = [(role, c, role not in _QUIET) for role, c in roles.items()]
    name, hit, ref = sheet.name, Hit, a1
    for r in body:
        for i, c in enumerate(level_cols):
            anchor = anchor_of.get((r, c)) or (r, c)
            if anchor[0] < r:
                continue  # merged down from above: the group goes on
            value = values.get(anchor)
            written = value is not None and (type(value) is not str or bool(value.strip()))
            if written or (level_weight[i] is not None and _new_group(sheet, r, level_weight[i], current[i])):
                level = _level(sheet, r, anchor, value or "", level_weight[i], i == inner_at)
                if i < inner_at and _repeated(level, current[i]):
                    continue  # the group above printed again (across a page break): it goes on
                current[i] = level
                current[i + 1 :] = [_NO_LEVEL] * (inner_at - i)
            elif i == inner_at or anchor in extent_of:
                current[i] = _NO_LEVEL  # a blank name, or a blank group merged over its rows
        label = current[-1].text
        cells: dict[str, Hit] = {}
        filled = False
        for role, c, loud in role_cols:
            anchor = anchor_of.get((r, c)) or (r, c)
            raw = values.get(anchor)
            cells[role] = hit(name, ref(anchor), raw, label)
            if loud and not filled and anchor[0] == r:
                filled = _filled(raw)
        weight, in_name = _weight(cells.get("weight"), current[-1])
        merged = ""
        if score_col is not None:
            top = anchor_of.get((r, score_col), (r, score_col))
            bottom = extent_of.get(top, top)
            if bottom[0] > top[0]:
                merged = f"{a1(top)}:{a1(bottom)}"
                filled = filled or _filled(cells["score"].raw)
        placeholder = not filled and _is_mark(label)
        lines.append(IndicatorLine(r, tuple(current), cells, weight, in_name, placeholder, merged))
    return lines


def _new_group(sheet: Sheet, r: int, weight_col: int | None, current: Level) -> bool:
    """A blank group name whose own 分值 cell starts in this row with another weight: a group left unnamed (the same
    weight again is the group above printed twice, as across a page break)."""
    if weight_col is None or sheet.anchor((r, weight_col))[0] != r:
        return False
    weight = parse_weight(sheet.value((r, weight_col)))
    return weight is not None and weight != current.weight


def _repeated(level: Level, current: Level) -> bool:
    """The same group name again, with no other weight: the group goes on."""
    return (
        current.cell is not None
        and level.name == current.name
        and (level.weight is None or level.weight == current.weight)
    )


def _level(sheet: Sheet, r: int, anchor: Pos, value: object, weight_col: int | None, inner: bool) -> Level:
    text = value.strip() if type(value) is str else str(value).strip()
    name, weight = _level_text(text, inner)
    cell = Hit(sheet.name, a1(anchor), value, text)
    weight_cell = cell if weight is not None else None
    if weight_col is not None and not inner:
        own = parse_weight(sheet.value((r, weight_col)))  # the level's own 分值 column wins over "(50分)"
        if own is not None:
            weight, weight_cell = own, _hit(sheet, (r, weight_col), text)
    return Level(text, name, weight, cell, weight_cell)


@lru_cache(maxsize=1 << 12)
def _level_text(text: str, inner: bool) -> tuple[str, float | None]:
    """(name, weight) of a level's text: a 三级 name's weight as ``embedded_weight`` reads it, an outer level's from
    a trailing "(50分)" (cached: a batch's tables repeat the same names)."""
    norm = unicodedata.normalize("NFKC", text)
    match = None if inner else _LEVEL_WEIGHT.search(norm)
    weight = embedded_weight(text) if inner else (float(match.group(1)) if match else None)
    name = norm[: match.start()] if match else norm
    return re.sub(r"\s+", "", name), weight


def _weight(hit: Hit | None, name: Level) -> tuple[Hit | None, bool]:
    """The row's declared 分值: its own column when a number is there, else the weight inside its name."""
    if hit is not None and parse_weight(hit.raw) is not None:
        return hit, False
    if name.cell is not None and name.weight is not None:
        return name.cell, True
    return hit, False


def _is_mark(name: str) -> bool:
    """ "指标2：", "……", "*", "/" or nothing: a placeholder's name."""
    key = label_key(name)
    return not key or set(key) <= _MARKS


def _footer(sheet: Sheet, r: int, first: Pos, columns: dict[str, Column]) -> Footer:
    text = str(sheet.cells[first]).strip()
    cells = {
        role: _hit(sheet, (r, col.col), text)
        for role, col in columns.items()
        if role in ("weight", "score", "coefficient") and _filled(_own(sheet, r, col.col))
    }
    head, *rest = _SEPARATOR.split(text, maxsplit=1)
    if rest and rest[0].strip() and "score" not in cells:  # "自评总分：97.35" in one cell
        cells["score"] = Hit(sheet.name, a1(first), rest[0].strip(), head.strip())
    return Footer(r, head.strip(), cells)


def _grade(sheet: Sheet, r: int, first: Pos, score_col: int) -> Hit:
    """A 等级 row's value: the first filled cell right of its label, else the blank cell under 得分."""
    label = str(sheet.cells[first]).strip()
    right = sheet.bottom_right(first)[1]
    for c, value in sheet.rows.get(r, ()):
        if c > right and sheet.anchor((r, c)) == (r, c) and _filled(value):
            return Hit(sheet.name, a1((r, c)), value, label)
    return Hit(sheet.name, a1((r, score_col)), None, label)


def _hit(sheet: Sheet, pos: Pos, label: str) -> Hit:
    anchor = sheet.anchor(pos)
    return Hit(sheet.name, a1(anchor), sheet.cells.get(anchor), label)
