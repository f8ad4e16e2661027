"""Where one table or form is printed as parts: two forms side by side in one sheet (A:H and J:Q), read each as a
sheet of its own; a table's header printed again further down (across a page break), read as the same table."""

from __future__ import annotations

import re

from perfxl.locate.continued import CONTINUED
from perfxl.locate.headers import Column, Vocabulary, header_at
from perfxl.locate.sections import NUMERALS
from perfxl.locate.tabular import Table
from perfxl.read.grid import Sheet
from perfxl.read.text import label_key


def side_by_side(sheet: Sheet, words: Vocabulary) -> list[tuple[int, int]]:
    """The sheet's forms printed side by side (A:H and J:Q; 附件4 beside 附件5), as column ranges split at wholly
    empty columns; one range, the whole sheet, unless a part holds a table of its own (a level word: 一级指标 …)
    and another part holds one too, or holds enough cells to be a form of its own."""
    levels = header_at(sheet, words.level_keys)
    if not levels:
        return [(0, _WIDE)]
    used = {c for _, c in sheet.cells}
    for (_, c), (_, right) in sheet.extent_of.items():
        used.update(range(c, right + 1))
    groups: list[list[int]] = []
    for c in sorted(used):
        if groups and c == groups[-1][1] + 1:
            groups[-1][1] = c
        else:
            groups.append([c, c])
    if len(groups) < 2:
        two = _titles_beside(sheet)
        return two or _repeated(sheet, levels, [c for _, c in header_at(sheet, words.scored_keys)])
    level_cols = {c for _, c in levels}
    scored = {c for _, c in header_at(sheet, words.scored_keys)}
    # a part holds a table of its own when its header has both a level word and a 分值/得分 word: the level
    # columns of one form split by an empty spacer column are not two tables
    tables = [
        any(left <= c <= right for c in level_cols) and any(left <= c <= right for c in scored)
        for left, right in groups
    ]
    titled = _titled(sheet, groups, min(r for r, _ in levels))
    # a part with no table is a form of its own (附件4 beside 附件5) only where it and every part with a table print
    # a title of their own: a form split by an empty spacer column has one title for both sides
    beside = all(t for t, table in zip(titled, tables, strict=True) if table)
    counts = [sum(1 for _, c in sheet.cells if left <= c <= right) for left, right in groups]
    panels: list[list[int]] = []
    pending = None  # leading parts of no form of their own: they belong to the first form right of them
    for group, table, title, count in zip(groups, tables, titled, counts, strict=True):
        own = table or (beside and title and count >= _FORM_CELLS)
        if not own and panels:
            panels[-1][1] = group[1]  # a part with no form of its own belongs to the form left of it
        elif not own:
            pending = group[0] if pending is None else pending
        else:
            panels.append([group[0] if pending is None else pending, group[1]])
            pending = None
    if len(panels) < 2:
        return [(0, _WIDE)]
    panels[0][0] = 0
    return [(left, right) for left, right in panels]


def _titles_beside(sheet: Sheet) -> list[tuple[int, int]] | None:
    """Two forms' titles side by side on one of the top rows, with no empty column between the forms ("附件4  部门
    整体支出绩效评价基础数据表" over A:G, "附件5  …计分表" over H:P): split at the second title."""
    for r in range(min(_TITLE_ROWS, sheet.last_row + 1)):
        titles = [c for c, value in sheet.rows.get(r, ()) if isinstance(value, str) and _form_title(value)]
        if len(titles) == 2:
            return [(0, titles[1] - 1), (titles[1], _WIDE)]
    return None


def _form_title(text: str) -> bool:
    """A form's title ("附件5  部门整体支出绩效自评指标计分表", "…自评表（续表）": a 续表 beside its form is read
    apart and joined to it, ``perfxl.locate.table``), not a table code ("公开08表")."""
    return bool(_TITLE.search(text)) and bool(_FORM_WORDS.search(text))


_TITLE_ROWS = 3
_TITLE = re.compile(r"^.{6,40}表\s*(?:[(（][^)）]{0,12}[)）])?\s*$")  # "…计分表", "…自评表（2023年度）"
_FORM_WORDS = re.compile(r"绩效|评价|计分|评分|自评|基础数据")


def _repeated(sheet: Sheet, levels: list[tuple[int, int]], scored: list[int]) -> list[tuple[int, int]]:
    """Two forms printed side by side with no empty column between them: a header row whose level word comes twice
    ("一级指标" in B and K), and the row's first cell printed again as far right (A's "绩效指标" in J) — split there."""
    for r in sorted({r for r, _ in levels}):
        cols = [c for row, c in levels if row == r]
        twice = [(c, d) for c in cols for d in cols if d > c and sheet.keys.get((r, c)) == sheet.keys.get((r, d))]
        row = sheet.rows.get(r, [])
        if not twice or not row or _under_levels(sheet, r, twice[0], levels):
            continue
        first, (c, d) = row[0][0], twice[0]
        split = first + d - c
        if split > first and sheet.keys.get((r, split)) == sheet.keys.get((r, first)) is not None:
            return [(0, split - 1), (split, _WIDE)]
    return _labels_again(sheet, levels, scored)


def _labels_again(sheet: Sheet, levels: list[tuple[int, int]], scored: list[int]) -> list[tuple[int, int]]:
    """Two forms side by side whose tables start on different rows (one prints a year or a funds row the other
    lacks): two or more of the labels the sheet's first column prints above the tables (项目名称, 主管部门, 项目资金)
    printed again at one column further right, on any row, and each side a table's header of its own (the same level
    word, and a 分值 or 得分 word) — split there. (One label printed twice, "其中 | 中央资金 | … | 其中 | 中央资金",
    is a funds block's own layout; 指标名称 under each level word of one header is no level word of its own.)"""
    at = set(levels)
    own = [pos for pos in levels if sheet.anchor((pos[0] - 1, pos[1])) not in at]
    if not own:
        return [(0, _WIDE)]
    left, header = min(c for _, c in sheet.cells), max(r for r, _ in own)
    firsts = {texts[0][1] for r, texts in sheet.text_rows.items() if texts[0][0] == left and r < header}
    again: dict[int, set[str]] = {}
    for (_, c), key in sheet.keys.items():
        if c > left + 1 and key and key in firsts:
            again.setdefault(c, set()).add(key)
    if not again:
        return [(0, _WIDE)]
    split, keys = max(again.items(), key=lambda item: len(item[1]))
    before = {sheet.keys.get(pos) for pos in own if pos[1] < split}
    after = {sheet.keys.get(pos) for pos in own if pos[1] >= split}
    scored_both = any(c < split for c in scored) and any(c >= split for c in scored)
    if len(keys) >= 2 and before & after and scored_both:
        return [(0, split - 1), (split, _WIDE)]
    return [(0, _WIDE)]


def _under_levels(sheet: Sheet, r: int, pair: tuple[int, int], levels: list[tuple[int, int]]) -> bool:
    """The repeated word printed under two different level words ("指标名称 | 分值" under 一级指标 and under 二级指标):
    one form's two-row header, not two forms."""
    over = {c: sheet.anchor((r - 1, c)) for c in pair}
    heads = {pos for pos in over.values() if pos in set(levels)}
    return len(heads) == 2


def _titled(sheet: Sheet, groups: list[list[int]], top: int) -> list[bool]:
    """For each column group: whether a form title ("…表", "…基础数据") stands in it at or above the first table
    header row."""
    found = [False] * len(groups)
    for (r, c), value in sheet.cells.items():
        if r <= top and isinstance(value, str) and ("表" in value or "基础数据" in value) and len(value.strip()) <= 40:
            for i, (left, right) in enumerate(groups):
                if left <= c <= right:
                    found[i] = True
    return found


_FORM_CELLS = 8  # a part of a sheet with this many cells and no table is a form of its own (附件4 beside 附件5)
_WIDE = 1 << 14  # past Excel's last column


def columns_of(sheet: Sheet, left: int, right: int) -> Sheet:
    """The part of a sheet in columns left..right, its cells where they are (their addresses unchanged)."""
    cells = {pos: value for pos, value in sheet.cells.items() if left <= pos[1] <= right}
    merges = tuple((top, bottom) for top, bottom in sheet.merges if left <= top[1] and bottom[1] <= right)
    return Sheet(sheet.name, cells, merges, hidden=sheet.hidden)


def continues(sheet: Sheet, table: Table, band: object, top: int, row: int) -> bool:
    """A header band that goes on the table above: the same columns in the same roles printed again (as across a
    page break), with the table above not yet totalled and nothing written between the two but its own 小计 rows
    (a page that ends on a group's 小计)."""
    assert isinstance(band, tuple)
    if table.footers or "grade" in table.fields:
        return False
    printed = {c: col.role for c, col in band[2].items()}
    own = {col.col: role for role, col in table.columns.items() if not col.inferred}
    if set(printed) != set(own) | set(table.level_weights.values()) or any(printed[c] != r for c, r in own.items()):
        return False
    subtotals = {line.row for line in table.subtotals}
    section = _section(sheet, table.header[0] - 1)
    between = [
        r
        for r in range(top, row)
        if sheet.row_keys(r)
        and r not in subtotals
        and not page_break(sheet, r)
        and (section is None or _section(sheet, r) != section)
    ]
    if not between:
        return True
    # the form's own lines above its table printed again on the new page (项目名称, 主管部门 …): the same form
    earlier = {key for r in range(table.header[0]) for _, key in sheet.row_keys(r)}
    return all(key in earlier for r in between for _, key in sheet.row_keys(r))


def next_section(sheet: Sheet, table: Table, band: object, top: int, row: int) -> bool:
    """A header band that opens the next numbered section of the table above ("一、当年预算执行情况（20分）" over the
    table, "二、整体绩效目标实现情况（60分）", "2.", "（二）" or nothing over this band): one form printed in sections,
    each with a header of its own (other columns, the same 得分 column) and one 合计 under the last, so the sections'
    rows are the table's."""
    assert isinstance(band, tuple)
    if table.footers or "grade" in table.fields or "score" not in table.columns:
        return False
    scores = [c for c, col in band[2].items() if col.role == "score"]
    if not scores or max(scores) != table.columns["score"].col:
        return False
    subtotals = {line.row for line in table.subtotals}
    between = [r for r in range(top, row) if sheet.row_keys(r) and r not in subtotals]
    caption = " ".join(str(sheet.cells[(r, c)]) for r in between for c, _ in sheet.row_keys(r))
    if caption.rstrip().endswith("表") or (table.printed_points() >= _FULL and not _BONUS.search(caption)):
        return False  # another form's title; or a form whose 分值 make 100 already, under it no 加分 section
    now = _ordinal(sheet, between[0]) if len(between) == 1 else None
    # the caption over the table's first header, or over the last section already read into it; a section may print
    # none ("一、…" | header | rows | header | rows | "三、…")
    before = [n for r in range(table.header[0] - 1, top) if (n := _ordinal(sheet, r)) is not None]
    if not before:  # the first section printed with no caption, the second with "二、": sections all the same
        return now == 2 and len(between) == 1
    return not between or (now is not None and now > before[-1])


def _ordinal(sheet: Sheet, r: int) -> int | None:
    """The number of row r's one text as a section caption ("二、整体绩效目标实现情况（60分）" -> 2, "3.满意度" -> 3,
    "（二）…" -> 2)."""
    texts = sheet.row_keys(r) if r >= 0 else []
    match = _CAPTION.match(str(sheet.cells.get((r, texts[0][0]), ""))) if len(texts) == 1 else None
    if match is None:
        return None
    mark = next(group for group in match.groups() if group)
    return int(mark) if mark.isdigit() else NUMERALS.index(mark) + 1


_FULL = 100.0 - 0.5
_BONUS = re.compile(r"加分|扣分|减分")  # a section past the 100 points: "四、加分项（5分）"
_CAPTION = re.compile(rf"\s*(?:([{NUMERALS}])\s*[、.．]|(\d)\s*[、.．](?!\d)|[(（]\s*([{NUMERALS}]|\d)\s*[)）])")


def _section(sheet: Sheet, r: int) -> str | None:
    """Row r's one text as a numbered section's caption, its number and points dropped ("年度绩效目标2（40分）" ->
    年度绩效目标): the next section under that caption goes on the table; None for a row of other cells."""
    texts = sheet.row_keys(r) if r >= 0 else []
    if len(texts) != 1:
        return None
    key = _NUMBERED.sub("", texts[0][1])
    return key or None


_NUMBERED = re.compile(
    r"(?:\d+|[一二三四五六七八九十]+|[(（][一二三四五六七八九十\d]+[)）])?\s*"
    r"(?:[(（]\s*(?:权重)?\s*\d+(?:\.\d+)?\s*(?:分值?|%)\s*[)）])?$"
)


def page_break(sheet: Sheet, r: int) -> bool:
    """Row r is what a page break prints inside a table, and nothing else: a "…（续表）" title, a "单位：万元" line, the
    date the form was filled in, the page's number, side by side or in one cell apart by a wide gap."""
    texts = sheet.row_keys(r)
    if not 0 < len(texts) <= 3:
        return False
    items = [item for col, _ in texts for item in _GAPS.split(str(sheet.cells[(r, col)]).strip())]
    keys = [label_key(item) for item in items]
    return all(CONTINUED.search(key) or units_caption(key) or _PAGE_ITEM.match(key) for key in keys)


_GAPS = re.compile(r"\s{2,}|\u3000+|\n")  # between two items of one cell
# "填报日期：2024年3月1日", "第2页，共3页", "共3页"
_PAGE_ITEM = re.compile(r"^(?:(?:填报|填表|编制|报送)?日期\s*[:：]|第\s*\d+\s*页|共\s*\d+\s*页)")


def units_caption(text: str) -> bool:
    """ "单位：万元", "金额单位：元", "（单位：万元、%）": what the amounts are in, not whose they are."""
    return _UNITS.match(text.strip()) is not None


_AMOUNT_UNIT = r"(?:万元|元|千元|亿元|%|人)"
_UNITS = re.compile(rf"^[(（]?(?:金额|计量|资金|货币)?单位\s*[:：]\s*{_AMOUNT_UNIT}?(?:[、,，/]{_AMOUNT_UNIT})*[)）]?$")


def notes_as_standard(sheet: Sheet, table: Table, body: list[int], notes: list[Column]) -> None:
    """A table that prints no 评价标准 column but a 指标解释 or 指标说明 (``notes``, left to right; or a reason column
    headed 评分依据, as 财政部's 考评计分办法 heads its standards) whose cells score, at least half of them
    ("…×100%。“三公经费”控制率≤100%，得6分；每超过1个百分点扣0.8分"): the first such column is its standard (a
    definition before it is no clause that scores), beside a 指标解释 that only defines."""
    if "standard" in table.columns or not body:
        return
    for note in notes:
        if note.role == "reason" and label_key(note.header) != "评分依据":
            continue  # 评价依据及扣分说明 says why points were taken off, not how
        texts = [sheet.value((r, note.col)) for r in body]
        # a reason ("合格率90%低于95%，扣1分") says 扣N分 too: one that is a standard says by what rule
        scores = _SCORES if note.role == "note" else _RULES
        if 2 * sum(isinstance(text, str) and scores.search(text) is not None for text in texts) >= len(body):
            table.columns["standard"] = note._replace(role="standard")
            if table.columns.get(note.role) == note:
                del table.columns[note.role]
            return


_RULES = re.compile(
    r"每[^,;，；。]{0,12}扣|得满分|计满分|未完成[^,;，；。]{0,6}不得分|[≥≤]\s*\d|以上[^,;，；。]{0,4}[得计]"
)
_SCORES = re.compile(r"(?:得|计|扣|记)\s*\d+(?:\.\d+)?\s*分|满分|不得分")


def four_levels(roles: dict[int, Column]) -> dict[int, Column]:
    """A header of four levels (一级 | 二级 | 三级 | 四级指标): the 四级 names the indicators, the 三级 groups them
    and the 一级 groups those; the 二级 between is left unread (a table holds three levels, and its weights are the
    sums of the groups below it). Any other header as it is."""
    if not any(col.role == "level4" for col in roles.values()):
        return roles
    shift = {"level2": None, "level3": "level2", "level4": "level3"}
    out: dict[int, Column] = {}
    for c, col in roles.items():
        role = shift.get(col.role, col.role)
        if role is not None:
            out[c] = col._replace(role=role)
    return out
