"""附件4: a form of blocks, each found by its title and each field by its label near its own block's title.

A field's value sits below its label when a block's labels share a row, right of it when they share a column (a
spacer, or a cell of units such as "万元", may stand between). One title may head several blocks: a "“三公经费”情况"
table holds both the 变动 and the 控制 block's figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from perfxl.locate.block_items import TOTALS, beside_side_title, column_below, items_sum, numbered_below, side_figure
from perfxl.locate.block_sums import row_totals
from perfxl.locate.located import Hit, Located, Missing
from perfxl.locate.year_columns import glossed_labels, split_budget, split_year, year_columns, year_heads
from perfxl.read.grid import Pos, Sheet, a1
from perfxl.read.text import is_unit, label_key
from perfxl.read.values import parse_number, parse_yesno
from perfxl.rules import BlockDef, FormDef

# How far a field label may be from its block title (rows below, columns right).
_BLOCK_REACH = (10, 12)


Titles = tuple[tuple[Pos, tuple[str, ...]], ...]  # (title cell, the blocks it heads), cells in reverse reading order


def _owner(pos: Pos, titles: Titles) -> tuple[str, ...]:
    """The blocks whose title is nearest above-left of pos: fewest rows up, then fewest columns left.

    In reverse reading order the first title within reach is the nearest."""
    row, col = pos
    reach_rows, reach_cols = _BLOCK_REACH
    for (tr, tc), blocks in titles:
        if 0 <= row - tr <= reach_rows and 0 <= col - tc <= reach_cols:
            return blocks
    return ()


@lru_cache(maxsize=64)
def _owners(titles: Titles) -> dict[Pos, tuple[str, ...]]:
    """Label cell -> the blocks that own it, for one layout of block titles: filled in as labels are placed, and
    shared by every sheet with the same titles in the same cells (a batch's 附件4 are one template's)."""
    return {}


def locate_blocks(sheet: Sheet, form: FormDef, found: Located) -> bool:
    """The form's blocks and fields read from the sheet into ``found``; False when too few block titles are in it."""
    first: dict[str, Pos] = {}  # block id -> its first title cell in reading order
    for pos, key in title_cells(sheet, form):  # every block's titles at once: most sheets have none
        for block_id in form.block_title_keys[key]:
            first.setdefault(block_id, pos)
    heads: dict[Pos, tuple[str, ...]] = {}
    for block in form.blocks:
        if block.id in first:
            heads[first[block.id]] = (*heads.get(first[block.id], ()), block.id)
    if not enough_titles(sheet, form, len(heads)):  # title cells, not blocks: one "预算执行情况" heading three is one
        return False
    for block in form.blocks:
        at = _untitled(sheet, form, block) if block.id not in first else None
        if at is not None:  # its own labels, under a section title of the template's own ("五、资产及采购情况")
            first[block.id] = at
            heads[at] = (*heads.get(at, ()), block.id)
    titles = tuple(sorted(heads.items(), reverse=True))
    found.forms[form.id] = sheet.name
    owners = _owners(titles)
    for block in form.blocks:
        if block.id not in first:
            if not block.optional:
                found.missing.append(Missing(form.id, sheet.name, f"「{block.titles[0]}」栏目"))
            continue
        _locate_block_fields(sheet, form, block, titles, owners, found)
    return True


def _untitled(sheet: Sheet, form: FormDef, block: BlockDef) -> Pos | None:
    """Where a block whose title the sheet does not print starts: its first label, when every field it asks for is
    labelled in words no other block of the form uses (政府采购预算数 and 实际政府采购金额, not 预算数); else None."""
    others = frozenset().union(*(fld.label_keys for other in form.blocks if other is not block for fld in other.fields))
    starts: list[Pos] = []
    for fld in block.fields:
        if fld.derived or fld.optional:
            continue
        own = fld.label_keys - others
        at = sheet.find_keys(own) if own else []
        if not at:
            return None
        starts.append(at[0])
    return min(starts, default=None)


def enough_titles(sheet: Sheet, form: FormDef, count: int) -> bool:
    """Whether ``count`` distinct block titles make the sheet the form: the form's own number of them, or two under
    the form's own title printed at the top (a copy cut off before its later blocks is still the form)."""
    if count >= form.min_found:
        return True
    if count < _TITLED_MIN:
        return False
    title = label_key(form.title)
    return any(title in key for (row, _), key in sheet.keys.items() if row < _TITLE_ROWS)


_TITLED_MIN = 2  # block titles that, under the form's own title, make the form
_TITLE_ROWS = 4  # rows from the top where a form prints its title


def title_cells(sheet: Sheet, form: FormDef) -> list[tuple[Pos, str]]:
    """The cells holding a block title of the form, with the title's key, in reading order: a title on the first
    line of its cell, or glossed in brackets after it, counts too ("楼堂馆所控制情况\n2023年完工项目",
    "楼堂馆所控制情况（2023年完工项目）"), looked for only where some title is found as it stands but too few (most
    sheets hold none)."""
    keys = form.block_title_keys
    found = [(pos, sheet.keys[pos]) for pos in sheet.find_keys(keys)]
    if found and len({key for _, key in found}) < form.min_found:
        for pos, key in sheet.keys.items():
            raw = str(sheet.cells[pos]).strip()
            bare = label_key(raw.split("\n")[0]) if "\n" in raw else _GLOSS.sub("", key)
            if bare != key and bare in keys:
                found.append((pos, bare))
        found.sort()
    return found


_GLOSS = re.compile(r"\([^()]*\)$")  # "(2023年完工项目)" after a title


def _locate_block_fields(
    sheet: Sheet, form: FormDef, block: BlockDef, titles: Titles, owners: dict[Pos, tuple[str, ...]], found: Located
) -> None:
    """Each field of the block: its first label in reading order that is nearer this block's title than any other's
    (in an item list with a column per year, a row's label and the year its column says: ``locate.year_columns``)."""
    labels: dict[str, Pos] = {}
    by_year: dict[str, tuple[Pos, str]] = {}  # field -> (its item's label cell, "previous" / "current" / "rate")
    all_labels = form.field_keys
    missing: list[Missing] = []
    before = len(found.fields)

    def owned(pos: Pos) -> bool:
        if pos not in owners:
            owners[pos] = _owner(pos, titles)
        return block.id in owners[pos]

    for fld in block.fields:
        pos = next((p for p in sheet.find_keys(fld.label_keys) if owned(p) and not _dated_head(sheet, p)), None)
        if pos is None:
            pos = next((p for p in _glossed(sheet, fld.label_keys) if owned(p)), None)
        if pos is not None:
            labels[fld.key] = pos
            continue
        in_list = _year_item(sheet, fld.label_keys, owned)
        if in_list is not None:
            by_year[fld.key] = in_list
            continue
        inline = _inline(sheet, fld.label_keys, titles, block.id)
        title = next((p for p, ids in titles if block.id in ids), None)
        side = None if inline is not None or title is None else beside_side_title(sheet, title, fld.label_keys)
        if inline is not None:
            found.fields[fld.key] = inline
        elif side is not None:
            side_figure(sheet, found, fld.key, fld.type, *side)
        elif (
            fld.type == "rate"
            and by_year
            # a line's rate column holds one rate: the block's first rate field takes it (结转结余总额's 变动率 is
            # the 结转结余变动率, not also a 结转结余率 over another total)
            and "rate" not in {kind for _, kind in by_year.values()}
            and (rate := _rate_of_items(sheet, [*by_year.values()], fld.label_keys)) is not None
        ):
            by_year[fld.key] = rate  # the 变动率 column on the row of the block's items
        elif not (fld.derived or fld.optional):  # a value the template does not ask for (控制率 beside 变动数)
            said = f"「{block.titles[0]}」的「{fld.name}」"
            missing.append(Missing(form.id, sheet.name, said, block.optional, fld.key))
    if labels or by_year or len(found.fields) > before:
        found.missing += missing
    elif missing and not block.optional:
        # its title printed and none of its labels: the template does not print this block, as if its title were
        # absent (most often a title it shares with other blocks, "预算执行情况" over 预算调整 alone; a block whose
        # every label is worded otherwise is said the same way, one warning for all such blocks)
        found.missing.append(Missing(form.id, sheet.name, f"「{block.titles[0]}」栏目"))
    rows = [p[0] for p in labels.values()]
    cols = [p[1] for p in labels.values()]
    shared_row = len(rows) > 1 and len(set(rows)) < len(rows)
    shared_col = len(cols) > 1 and len(set(cols)) < len(cols)
    types = {fld.key: fld.type for fld in block.fields}
    item_rows = {item[0] for item, _ in by_year.values()}
    for key, pos in labels.items():
        in_year = _in_year_column(sheet, pos, "rate" if types[key] == "rate" else "current")
        if in_year is not None:
            target = in_year
        elif types[key] == "rate" and len(item_rows) == 1 and pos[0] < min(item_rows):
            target = (min(item_rows), pos[1])  # the 变动率 column heading the items, on the row read (its 合计)
        elif shared_row and not shared_col:  # labels across a row: values below them, or (one row a block) each right
            column = column_below(sheet, pos, {p for p, _ in titles})
            if isinstance(column, list):  # items and no 合计: the block's figure is theirs together
                if types[key] != "rate":  # each item's rate is its line's (``locate.item_lines``), none the block's
                    items_sum(sheet, found, key, pos, column)
                continue
            below = column or (sheet.bottom_right(pos)[0] + 1, pos[1])
            target = _lone_value(sheet, below, _first_value_right(sheet, pos, all_labels), all_labels)
        elif shared_col and not shared_row:
            target = _first_value_right(sheet, pos, all_labels)
        else:  # a lone label: the side that is not another label and holds a number wins
            below = (sheet.bottom_right(pos)[0] + 1, pos[1])
            target = _lone_value(sheet, below, _first_value_right(sheet, pos, all_labels), all_labels)
        _found(sheet, found, key, pos, sheet.anchor(target), types[key] == "money", all_labels)
    for key, (item, kind) in by_year.items():
        cell = _in_year_column(sheet, item, kind, blank_ok=True)
        numbered = numbered_below(sheet, item, cell[1]) if cell is not None and cell not in sheet.cells else []
        if cell is None:
            continue
        if numbered and types[key] == "money":
            items_sum(sheet, found, key, item, numbered)  # "项目支出：" left blank over "1、业务工作专项" …
        else:
            _found(sheet, found, key, item, cell, types[key] == "money", all_labels)
        found.listed.add(key)
    if block.optional:
        found.optional.update(fld.key for fld in block.fields)


def _found(
    sheet: Sheet, found: Located, key: str, label: Pos, target: Pos, money: bool, labels: frozenset[str]
) -> None:
    found.fields[key] = Hit(sheet.name, a1(target), sheet.cells.get(target), str(sheet.value(label)))
    if not money:
        return  # a 合计 row's 变动率 is a rate, not the Σ of its items' rates
    for sums in row_totals(sheet, target, labels):
        if all(s.cell != sums.cell for s in found.sums):
            found.sums.append(sums)


def _glossed(sheet: Sheet, keys: frozenset[str]) -> list[Pos]:
    """Label cells that are one of the keys once the formula they print in brackets is dropped."""
    index = glossed_labels(sheet)
    return sorted(pos for key in keys & index.keys() for pos in index[key])


def _year_item(sheet: Sheet, keys: frozenset[str], owned: Callable[[Pos], bool]) -> tuple[Pos, str] | None:
    """A field named by a year word and an item (上年结转结余总额): the item's label cell under a header with a
    column per year, and which year; or named by its item and a budget or final word (三公经费预算数) under a
    header of dated 预算数 / 决算数 columns, whose own place (not the item's, which may be far below) says the block."""
    for key in keys:
        split = split_year(key)
        if split is None:
            continue
        kind, item = split
        for pos in [*sheet.find_keys((item,)), *_glossed(sheet, frozenset((item,)))]:
            if owned(pos) and year_columns(sheet, pos[0]) is not None:
                return pos, kind
    for key in keys:  # no item of that name: the block's own year table's 小计 or 合计 (Σ of its items)
        split = split_year(key)
        total = _year_total(sheet, owned) if split is not None else None
        if split is not None and total is not None:
            return total, split[0]
    for key in keys:
        split = split_budget(key)
        if split is None:
            continue
        kind, item = split
        for pos in sheet.find_keys((item,)):
            head = year_columns(sheet, pos[0])
            if (
                head is not None
                and head.budget is not None
                and pos[1] < head.previous
                and owned((head.row, head.previous))
            ):
                return pos, kind
    return None


def _year_total(sheet: Sheet, owned: Callable[[Pos], bool]) -> Pos | None:
    """The label cell of the 合计 (or else the one 小计) row of a 上年数 | 本年数 table inside the block: "“三公经费”
    变动情况" over 项目 | 上年数 | 本年数, its items and their 小计."""
    for head in year_heads(sheet):
        if head.budget is not None or not owned((head.row, head.previous)):
            continue
        totals = [
            (key in TOTALS, -row, (row, col))
            for row in range(head.row + 1, head.end)
            for col, key in sheet.row_keys(row)
            if col < head.previous and (key in TOTALS or key == "小计")
        ]
        if totals and (max(totals)[0] or len(totals) == 1):
            return max(totals)[2]
    return None


def _dated_head(sheet: Sheet, pos: Pos) -> bool:
    """A cell of a header row of dated 预算数 / 决算数 columns: a column's word, not a field's label."""
    head = year_columns(sheet, pos[0] + 1)
    return head is not None and head.row == pos[0] and head.budget is not None


def _rate_of_items(sheet: Sheet, items: list[tuple[Pos, str]], labels: frozenset[str]) -> tuple[Pos, str] | None:
    """The rate column on the row of the block's items, when that column holds a figure there — never a column of
    changes (变动率, 增减率) for a rate ``labels`` name as no change (结转结余率 is not 结转结余总额's 变动率)."""
    for pos, _ in items:
        head = year_columns(sheet, pos[0])
        if head is None or head.rate is None or (pos[0], head.rate) not in sheet.cells:
            continue
        changes = _CHANGE.search(str(sheet.value((head.row, head.rate))))
        if changes and not any(_CHANGE.search(label) for label in labels):
            return None
        return pos, "rate"
    return None


_CHANGE = re.compile(r"变动|变化|增减|增长")


def _in_year_column(sheet: Sheet, label: Pos, kind: str, blank_ok: bool = False) -> Pos | None:
    """The cell of the label's row in the year column of that kind, if the label is under such a header and the
    cell is filled (or ``blank_ok``); for a rate with no figure in a rate column ("/" there: 控制率 rows print the
    rate itself in 本年数), its row's 本年数."""
    head = year_columns(sheet, label[0])
    if head is None or label[1] >= head.previous:
        return None
    columns: list[int | None] = [
        head.previous if kind == "previous" else head.budget if kind == "budget" else head.current
    ]
    if kind == "rate":
        columns.insert(0, head.rate)
    # only a rate's own row prints its rate in 本年数 ("“三公经费”控制率 | % | 90.86% | 90.50% | / | /"); an amount's
    # row with "/" under 变动率 says no change rate, and its 本年数 is an amount
    rate_row = kind == "rate" and str(sheet.value(label)).strip().endswith("率")
    for col in columns:
        at = sheet.anchor((label[0], col)) if col is not None else None
        if at is not None and at in sheet.cells:
            if col == head.rate and kind == "rate" and parse_number(sheet.cells[at]).status == "empty":
                continue
            if kind == "rate" and col == head.current and not rate_row:
                return None
            return at
    return sheet.anchor((label[0], columns[0] or head.current)) if blank_ok else None


def _inline(sheet: Sheet, keys: frozenset[str], titles: Titles, block: str) -> Hit | None:
    """A field written with others in one cell of its block: "预算业务管理：是；收支业务管理：是；…"."""
    for pos, (label, value) in _inline_pairs(sheet).items():
        key = label_key(label)
        if key in keys and block in _owner((pos[0], pos[1]), titles):
            return Hit(sheet.name, a1(pos[:2]), value, label)
    return None


def _inline_pairs(sheet: Sheet) -> dict[tuple[int, int, int], tuple[str, str]]:
    """(row, col, k) -> (label, value) of every "标签：值" item of a text cell listing two or more of them, separated
    by ；;，, or line breaks (read once per sheet, and only for a field no label cell of its own was found for)."""
    kept = _INLINE.get(id(sheet))
    if kept is not None and kept[0] is sheet:
        return kept[1]
    out: dict[tuple[int, int, int], tuple[str, str]] = {}
    for (r, c), value in sheet.cells.items():
        if not isinstance(value, str) or value.count("：") + value.count(":") < 2:
            continue
        items = [item.strip() for item in _ITEMS.split(value) if item.strip()]
        pairs = [item.replace(":", "：").split("：", 1) for item in items]
        if len(pairs) >= 2 and all(len(p) == 2 and p[0].strip() and p[1].strip() for p in pairs):
            for k, (label, item_value) in enumerate(pairs):
                out[(r, c, k)] = (label.strip(), item_value.strip())
    _INLINE.clear()  # only the sheet being read
    _INLINE[id(sheet)] = (sheet, out)
    return out


_INLINE: dict[int, tuple[Sheet, dict[tuple[int, int, int], tuple[str, str]]]] = {}
_ITEMS = re.compile(r"[；;，,\n]")


def _first_value_right(sheet: Sheet, pos: Pos, all_labels: frozenset[str]) -> Pos:
    """The cell right of a label, skipping up to two blank cells (a spacer column) and a 单位 cell ("人", "万元",
    "%" printed between the label and its value), never past a label."""
    for target in sheet.right_of(pos, 4):
        if sheet.keys.get(target) in all_labels:
            break
        if target in sheet.cells and not is_unit(sheet.cells[target]):
            return target
    return (pos[0], sheet.bottom_right(pos)[1] + 1)


def _lone_value(sheet: Sheet, below: Pos, right: Pos, all_labels: frozenset[str]) -> Pos:
    return right if _score_value(sheet, right, all_labels) > _score_value(sheet, below, all_labels) else below


def _score_value(sheet: Sheet, pos: Pos, all_labels: frozenset[str]) -> int:
    """How likely a cell is a label's value: 0 another label, 2 a number or a 是/否, 1 anything else (a blank to fill
    in)."""
    if sheet.keys.get(sheet.anchor(pos)) in all_labels:
        return 0
    value = sheet.value(pos)
    return 2 if parse_number(value).ok or parse_yesno(value).ok else 1
