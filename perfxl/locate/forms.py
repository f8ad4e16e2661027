"""Find the forms of a rule set in a workbook's sheets by their content, and each field by its label.

Nothing depends on sheet names or fixed addresses: a ``blocks`` form is found by its block titles and
each field by its label near its own block's title (the value sits below the label when a block's labels
share a row, right of it when they share a column); a ``score_table`` form as a table, every row of it
(``perfxl.locate.score_table``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial

from perfxl.locate.grade_bounds import printed_grades
from perfxl.locate.headers import header_at, vocabulary
from perfxl.locate.listing import read_lists
from perfxl.locate.located import Hit, Located, Missing
from perfxl.locate.score_table import locate_score_table, may_hold_score_table
from perfxl.locate.selfeval import locate_self_eval
from perfxl.locate.table import read_sheet
from perfxl.locate.tabular import SheetTables, Table
from perfxl.read.grid import Pos, Sheet, a1
from perfxl.read.text import is_unit, label_key
from perfxl.read.values import parse_number
from perfxl.rules import BlockDef, FormDef, RuleSet

# How far a field label may be from its block title (rows below, columns right).
_BLOCK_REACH = (6, 12)


def locate(sheets: list[Sheet], rules: RuleSet) -> Located:
    """Find every form of the rule set in the sheets.

    附件4/附件5: the first sheet that holds the form wins (visible sheets first). 自评表: every instance in every
    visible sheet, from the tables no 附件5 claimed (a sheet is read as tables once, for both).
    """
    reading = _Reading(sheets, rules, Located(unit=_unit(sheets, rules.unit_labels, rules.label_keys)))
    # 自评表 last: they take what the other forms leave
    for form in sorted(rules.forms.values(), key=lambda f: f.kind == "self_eval"):
        if form.kind == "self_eval":
            reading.self_evals(form)
            continue
        at = next((i for i in reading.order if reading.form(i, form)), None)
        if at is not None:
            reading.note_other_copies(at, form)
    words = vocabulary(rules)
    reading.found.lists = [listing for i in reading.order for listing in read_lists(sheets[i], words)]
    return reading.found


@dataclass
class _Reading:
    """One workbook being located: its sheets, what was found so far, each sheet's tables (read once) and the
    tables a 附件5 claimed."""

    sheets: list[Sheet]
    rules: RuleSet
    found: Located
    read: dict[int, SheetTables] = field(default_factory=dict)
    claimed: dict[int, Table] = field(default_factory=dict)

    @property
    def order(self) -> list[int]:
        """Visible sheets first: a hidden copy of a form (an old version, a template kept aside) is read only when
        no visible sheet holds it."""
        return sorted(range(len(self.sheets)), key=lambda i: self.sheets[i].hidden)

    def tables(self, i: int) -> SheetTables:
        if i not in self.read:
            self.read[i] = read_sheet(self.sheets[i], self.rules)
        return self.read[i]

    def self_evals(self, form: FormDef) -> None:
        """Every 自评表 of every visible sheet (a book may hold many); of the hidden sheets only when no visible one
        holds any, with a note."""
        for hidden in (False, True):
            added = False
            for i, sheet in enumerate(self.sheets):
                if sheet.hidden == hidden and may_hold_tables(sheet, self.rules):
                    added = locate_self_eval(sheet, form, self.found, self.tables(i), self.claimed.get(i)) or added
            if added:
                if hidden:
                    self.found.notes.append(f"{form.short or form.title}只在隐藏的工作表中找到，已按它评分")
                return

    def form(self, i: int, form: FormDef) -> bool:
        """A 附件4 or 附件5 read from sheet i into ``found``; False when the sheet does not hold it."""
        sheet = self.sheets[i]
        if form.kind == "blocks":
            return _locate_blocks(sheet, form, self.found)
        table = locate_score_table(sheet, form, self.rules, self.found, partial(self.tables, i))
        if table is None:
            return False
        self.claimed[i] = table
        self.found.grades = printed_grades(sheet)
        # The value right of the 等级 label; where that is blank, the table's own 等级 row (its value may sit under
        # 得分, further right than a label's value is looked for).
        labelled = _labelled_value(sheet, form.grade_labels, blank_ok=True)
        if labelled is not None and (labelled.raw is not None or self.found.grade is None):
            self.found.grade = labelled
        return True

    def note_other_copies(self, at: int, form: FormDef) -> None:
        """Say which sheet a form was read from when that is not obvious: a hidden one, or one of several."""
        name, sheets = form.short or form.title, self.sheets
        if sheets[at].hidden:
            self.found.notes.append(
                f"{name}只在隐藏的工作表「{sheets[at].name}」中找到，已按它评分；请确认这是要报送的表"
            )
            return
        others = [s.name for j, s in enumerate(sheets) if j != at and not s.hidden and holds_form(s, form, self.rules)]
        if others:
            self.found.notes.append(
                f"工作表「{'」「'.join(others)}」也像{name}，只按第一张「{sheets[at].name}」评分；请删去多余的表或确认用哪一张"
            )


def holds_form(sheet: Sheet, form: FormDef, rules: RuleSet) -> bool:
    """The cheap test of a 附件4 (enough of its block titles) or a 附件5 (its headers and enough of its names)."""
    if form.kind == "blocks":
        titles = form.block_title_keys
        blocks = {block for pos in sheet.find_keys(titles) for block in titles[sheet.keys[pos]]}
        return len(blocks) >= form.min_found
    return may_hold_score_table(sheet, form, rules)


def may_hold_tables(sheet: Sheet, rules: RuleSet) -> bool:
    """A cheap test before reading a sheet as tables: some header word of a funds block or an indicator table."""
    words = vocabulary(rules)
    return bool(header_at(sheet, words.level_keys | words.executed_keys))


# ---------------------------------------------------------------- blocks (附件4)


Titles = tuple[tuple[Pos, str], ...]  # (title cell, block id), the cells in reverse reading order


def _owner(pos: Pos, titles: Titles) -> str | None:
    """The block whose title is nearest above-left of pos: fewest rows up, then fewest columns left.

    In reverse reading order the first title within reach is the nearest."""
    row, col = pos
    reach_rows, reach_cols = _BLOCK_REACH
    for (tr, tc), block in titles:
        if 0 <= row - tr <= reach_rows and 0 <= col - tc <= reach_cols:
            return block
    return None


@lru_cache(maxsize=64)
def _owners(titles: tuple[tuple[Pos, str], ...]) -> dict[Pos, str | None]:
    """Label cell -> the block that owns it, for one layout of block titles: filled in as labels are placed, and
    shared by every sheet with the same titles in the same cells (a batch's 附件4 are one template's)."""
    return {}


def _locate_blocks(sheet: Sheet, form: FormDef, found: Located) -> bool:
    first: dict[str, Pos] = {}  # block id -> its first title cell in reading order
    for pos in sheet.find_keys(form.block_title_keys):  # every block's titles at once: most sheets have none
        for block_id in form.block_title_keys[sheet.keys[pos]]:
            first.setdefault(block_id, pos)
    title_at: dict[Pos, str] = {first[block.id]: block.id for block in form.blocks if block.id in first}
    if len(title_at) < form.min_found:
        return False
    by_id = {b: p for p, b in title_at.items()}
    titles = tuple(sorted(title_at.items(), reverse=True))
    found.forms[form.id] = sheet.name
    owners = _owners(titles)
    for block in form.blocks:
        if block.id not in by_id:
            if not block.optional:
                found.missing.append(Missing(form.id, sheet.name, f"「{block.titles[0]}」栏目"))
            continue
        _locate_block_fields(sheet, form, block, titles, owners, found)
    return True


def _locate_block_fields(
    sheet: Sheet, form: FormDef, block: BlockDef, titles: Titles, owners: dict[Pos, str | None], found: Located
) -> None:
    """Each field of the block: its first label in reading order that is nearer this block's title than any other's."""
    labels: dict[str, Pos] = {}
    all_labels = form.field_keys
    for fld in block.fields:
        for pos in sheet.find_keys(fld.label_keys):
            if pos not in owners:
                owners[pos] = _owner(pos, titles)
            if owners[pos] == block.id:
                labels[fld.key] = pos
                break
        else:
            inline = _inline(sheet, fld.label_keys, titles, block.id)
            if inline is not None:
                found.fields[fld.key] = inline
            elif not (fld.derived or fld.optional):  # a value the template does not ask for (控制率 beside 变动数)
                found.missing.append(Missing(form.id, sheet.name, f"「{block.titles[0]}」的「{fld.name}」"))
    rows = [p[0] for p in labels.values()]
    cols = [p[1] for p in labels.values()]
    shared_row = len(rows) > 1 and len(set(rows)) < len(rows)
    shared_col = len(cols) > 1 and len(set(cols)) < len(cols)
    for key, pos in labels.items():
        if shared_row and not shared_col:  # labels across a row: values below them, or (one row a block) each right
            below = (sheet.bottom_right(pos)[0] + 1, pos[1])
            target = _lone_value(sheet, below, _first_value_right(sheet, pos, all_labels), all_labels)
        elif shared_col and not shared_row:
            target = _first_value_right(sheet, pos, all_labels)
        else:  # a lone label: the side that is not another label and holds a number wins
            below = (sheet.bottom_right(pos)[0] + 1, pos[1])
            target = _lone_value(sheet, below, _first_value_right(sheet, pos, all_labels), all_labels)
        target = sheet.anchor(target)
        found.fields[key] = Hit(sheet.name, a1(target), sheet.cells.get(target), str(sheet.value(pos)))


def _inline(sheet: Sheet, keys: frozenset[str], titles: Titles, block: str) -> Hit | None:
    """A field written with others in one cell of its block: "预算业务管理：是；收支业务管理：是；…"."""
    for pos, (label, value) in _inline_pairs(sheet).items():
        key = label_key(label)
        if key in keys and _owner((pos[0], pos[1]), titles) == block:
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
    first = (pos[0], sheet.bottom_right(pos)[1] + 1)
    for step in range(4):
        target = sheet.anchor((first[0], first[1] + step))
        if sheet.keys.get(target) in all_labels:
            break
        if target in sheet.cells and not is_unit(sheet.cells[target]):
            return target
    return first


def _lone_value(sheet: Sheet, below: Pos, right: Pos, all_labels: frozenset[str]) -> Pos:
    return right if _score_value(sheet, right, all_labels) > _score_value(sheet, below, all_labels) else below


def _score_value(sheet: Sheet, pos: Pos, all_labels: frozenset[str]) -> int:
    """How likely a cell is a label's value: 0 another label, 2 a number, 1 anything else (a blank to fill in)."""
    if sheet.keys.get(sheet.anchor(pos)) in all_labels:
        return 0
    return 2 if parse_number(sheet.value(pos)).ok else 1


# ---------------------------------------------------------------- score tables (附件5)


def _labelled_value(sheet: Sheet, labels: tuple[str, ...], blank_ok: bool = False) -> Hit | None:
    """The value right of the first cell carrying one of the labels (skipping up to 3 blank cells).

    With blank_ok, a blank cell right of the label is the answer (a cell to fill in).
    """
    for pos in sheet.find(labels):
        first = (pos[0], sheet.bottom_right(pos)[1] + 1)
        for step in range(4):
            target = sheet.anchor((first[0], first[1] + step))
            if target in sheet.cells:
                return Hit(sheet.name, a1(target), sheet.cells[target], str(sheet.value(pos)))
        if blank_ok:
            target = sheet.anchor(first)
            return Hit(sheet.name, a1(target), None, str(sheet.value(pos)))
    return None


def _unit(sheets: list[Sheet], labels: tuple[str, ...], known: frozenset[str]) -> str | None:
    """单位名称: the cell right of its label, or the text after "填报单位：" in the same cell.

    A known label right of it means the name was left blank (never "自评总得分" as a unit).
    """
    keys = [label_key(lbl) for lbl in labels]
    for sheet in sheets:
        hit = _labelled_value(sheet, labels)
        if hit is not None and isinstance(hit.raw, str) and label_key(hit.raw) not in known:
            return hit.raw.strip()
        for text in (v for v in sheet.cells.values() if isinstance(v, str) and ("：" in v or ":" in v)):
            head, sep, rest = text.replace(":", "：").partition("：")
            if sep and rest.strip() and label_key(head) in keys:
                return rest.strip()
    return None
