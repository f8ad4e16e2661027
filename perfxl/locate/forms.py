"""Find the forms of a rule set in a workbook's sheets by their content, and each field by its label.

Nothing depends on sheet names or fixed addresses: a ``blocks`` form is found by its block titles and
each field by its label near its own block's title (the value sits below the label when a block's labels
share a row, right of it when they share a column); a ``score_table`` form as a table, every row of it
(``perfxl.locate.score_table``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

from perfxl.locate.blocks import enough_titles, locate_blocks, title_cells
from perfxl.locate.change_rates import change_formulas, change_rates
from perfxl.locate.continued import TITLE_ROWS, join_continued_sheets, says_continued
from perfxl.locate.defined_lines import defined_lines, defined_rates, worked_rows
from perfxl.locate.field_sums import labelled_breakdowns
from perfxl.locate.going_on import blocks_going_on, rest_of_table
from perfxl.locate.grade_bounds import printed_grades
from perfxl.locate.headers import REVIEW, header_at, vocabulary
from perfxl.locate.item_lines import item_lines
from perfxl.locate.listing import read_lists
from perfxl.locate.located import Hit, Located
from perfxl.locate.rest_sheet import read_rest
from perfxl.locate.score_table import locate_score_table, may_hold_score_table
from perfxl.locate.selfeval import attach_list_points, blank_copy, locate_self_eval
from perfxl.locate.table import read_sheet
from perfxl.locate.table_parts import columns_of, side_by_side, units_caption
from perfxl.locate.tabular import SheetTables, Table
from perfxl.locate.worked_sums import worked_sums
from perfxl.read.grid import Pos, Sheet, a1
from perfxl.read.text import is_unit, label_key
from perfxl.rules import FormDef, RuleSet


def locate(sheets: list[Sheet], rules: RuleSet) -> Located:
    """Find every form of the rule set in the sheets.

    附件4/附件5: the first sheet that holds the form wins (visible sheets first). 自评表: every instance in every
    visible sheet, from the tables no 附件5 claimed (a sheet is read as tables once, for both).
    """
    reading = _Reading(sheets, rules, Located(unit=_unit(sheets, rules)))
    # 自评表 last: they take what the other forms leave
    for form in sorted(rules.forms.values(), key=lambda f: f.kind == "self_eval"):
        if form.kind == "self_eval":
            reading.self_evals(form)
            join_continued_sheets(reading.found, sheets)
            continue
        at = next((i for i in reading.order if reading.form(i, form)), None)
        if at is not None:
            reading.note_other_copies(at, form)
    words = vocabulary(rules)
    reading.found.lists = [listing for i in reading.order for listing in read_lists(sheets[i], words)]
    attach_list_points(reading.found)
    reading.breakdowns()
    reading.changes()
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
    rests: set[int] = field(default_factory=set)  # sheets read as a 附件4's or 附件5's 续表

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
        holds any, with a note — or where a hidden sheet says it is a form's 续表 (``join_continued_sheets`` joins
        it to its form, or drops it)."""
        rests: set[int] = set()  # hidden sheets read with the visible ones, as a form's 续表
        for hidden in (False, True):
            added = False
            last: Table | None = None  # the last table read so far: what a 续表 printing no header goes on
            for i, sheet in enumerate(self.sheets):
                rest = not hidden and sheet.hidden and says_continued(sheet, TITLE_ROWS)
                if (sheet.hidden != hidden and not rest) or i in rests | self.rests or self._copy_of_found(i):
                    continue  # another copy of the 附件5 read from another sheet (an old one kept aside): no 自评表
                tables = self.tables(i) if may_hold_tables(sheet, self.rules) else None
                if (tables is None or not tables.found) and last is not None:
                    tables = read_rest(sheet, self.rules, last) or tables
                if tables is not None:
                    read = locate_self_eval(sheet, form, self.found, tables, self.claimed.get(i))
                    added = added or (read and not rest)
                    rests.update([i] if rest else [])
                    last = next((t for t in reversed(tables.tables) if t is not self.claimed.get(i)), last)
            if added:
                if hidden:
                    self.found.notes.append(f"{form.short or form.title}只在隐藏的工作表中找到，已按它评分")
                return

    def _rest(self, i: int, table: Table) -> tuple[Sheet, Table] | None:
        return rest_of_table(self.sheets, i, self.rules, table, self.rests)

    def _copy_of_found(self, i: int) -> bool:
        """Sheet i holds a score table (附件5) already read from another sheet, and no funds block (a 自评表 listing
        the 附件5's indicators under its funds is a 自评表)."""
        sheet = self.sheets[i]
        return any(
            form.kind == "score_table"
            and self.found.forms.get(form.id) not in (None, sheet.name)
            and holds_form(sheet, form, self.rules)
            and not self.tables(i).funds
            for form in self.rules.forms.values()
        )

    def form(self, i: int, form: FormDef) -> bool:
        """A 附件4 or 附件5 read from sheet i into ``found``; False when the sheet does not hold it."""
        sheet = self.sheets[i]
        if form.kind == "blocks":
            found = locate_blocks(_blocks_part(sheet, form, self.rules), form, self.found)
            if found and i + 1 < len(self.sheets):
                blocks_going_on(self.sheets, i + 1, form, self.rules, self.found, self.rests)
            return found
        table = locate_score_table(sheet, form, self.rules, self.found, partial(self.tables, i), partial(self._rest, i))
        if table is None:
            return False
        self.claimed[i] = table
        self.found.grades = printed_grades(sheet)
        # The value right of the 等级 label; where that is blank, the table's own 等级 row (its value may sit under
        # 得分, further right than a label's value is looked for).
        labelled = _labelled_value(sheet, form.grade_labels, blank_ok=True)
        reviewed = REVIEW in table.columns  # the table's own 等级 row knows the unit's cell from the reviewer's
        if labelled is not None and (labelled.raw is not None or self.found.grade is None) and not reviewed:
            self.found.grade = labelled
        own = table.fields.get("grade")  # a 等级 said twice (above the table and in its row) is judged twice
        others = [hit for hit in (self.found.header_grade, own) if hit is not None and hit != self.found.grade]
        self.found.header_grade = others[0] if others else None
        return True

    def note_other_copies(self, at: int, form: FormDef) -> None:
        """Say which sheet a form was read from when that is not obvious: a hidden one, or one of several."""
        name, sheets = form.short or form.title, self.sheets
        if sheets[at].hidden:
            self.found.notes.append(
                f"{name}只在隐藏的工作表「{sheets[at].name}」中找到，已按它评分；请确认这是要报送的表"
            )
            return
        others = []
        for j, sheet in enumerate(sheets):
            if j == at or j in self.rests or sheet.hidden or not holds_form(sheet, form, self.rules):
                continue  # (a 续表 read with it is no other copy)
            blank = self._blank_copy(j) if form.kind == "score_table" else None
            if blank is None:
                others.append(sheet.name)
                continue
            self.claimed[j] = blank  # said here, once: not again as a blank 自评表
            self.found.notes.append(f"工作表「{sheet.name}」中有一张未填写的{name}(没有得分和完成值)，未评分")
        if others:
            self.found.notes.append(
                f"工作表「{'」「'.join(others)}」也像{name}，只按第一张「{sheets[at].name}」评分；请删去多余的表或确认用哪一张"
            )

    def breakdowns(self) -> None:
        """Amounts beside their labels with their sources listed under them, on the sheets of the 自评表 (outside
        the cells their tables read: ``perfxl.locate.field_sums``)."""
        found = self.found
        for sheet in self.sheets:
            instances = [inst for inst in found.instances if sheet.name in inst.sheets]  # a form over two sheets too
            if not instances:
                continue
            rows: list[dict[str, Hit]] = [row.cells for inst in instances for row in inst.funds]
            rows += [row.cells for inst in instances for row in inst.indicators]
            rows += [line.cells for item in found.lists if item.sheet == sheet.name for line in item.all_lines]
            read = frozenset(hit.cell for cells in rows for hit in cells.values() if hit.sheet == sheet.name)
            found.sums += labelled_breakdowns(sheet, read)

    def changes(self) -> None:
        """Each 附件4's lines of last year's and this year's figures, held to their 变动额 and 变动率 (outside the cells
        a known block's rate check judges: ``perfxl.locate.change_rates``), and the rates the score table's 指标说明
        define over labelled figures (``perfxl.locate.defined_lines``)."""
        judged = frozenset(hit.cell for hit in self.found.fields.values())
        for form in self.rules.forms.values():
            name = self.found.forms.get(form.id) if form.kind == "blocks" else None
            sheet = next((sheet for sheet in self.sheets if sheet.name == name), None)
            if sheet is not None:
                formulas = change_formulas(sheet, judged)
                self.found.formulas += formulas
                self.found.line_rates.update(change_rates(formulas))
                items, sums = item_lines(sheet, judged)
                self.found.formulas += items
                self.found.sums += sums
        found = self.found
        notes = [hit.note for hit in found.indicators.values() if hit.note is not None]
        notes += [row.note for row in found.others if row.note is not None]
        notes += [note for inst in found.instances for row in inst.indicators if (note := row.cells.get("note"))]
        if notes:
            # a block's rate is judged by the rule set only where more of the block than the rate itself was found,
            # and every figure the rule set computes it from (结转结余率 over a 全年预算数 another block may print)
            blocks = Counter(key.rsplit(".", 1)[0] for key in found.fields)
            unjudged = {
                rate.declared
                for rate in self.rules.rates.values()
                if rate.declared is not None and not all(field in found.fields for field in rate.inputs)
            }
            judged = frozenset(
                hit.cell
                for key, hit in found.fields.items()
                if blocks[key.rsplit(".", 1)[0]] > 1 and key not in unjudged
            )
            taken = judged | {formula.target.cell for formula in found.formulas}
            defined = defined_lines(self.sheets, notes, taken)
            found.formulas += defined + [f for f in worked_rows(found) if f.target.cell not in taken]
            for key, rate in defined_rates(defined).items():
                found.line_rates.setdefault(key, rate)
        else:  # a share a row's words state beside its two figures needs no 指标说明
            taken = frozenset(formula.target.cell for formula in found.formulas)
            found.formulas += [f for f in worked_rows(found) if f.target.cell not in taken]
        found.formulas += worked_sums(found, frozenset(formula.target.cell for formula in found.formulas))

    def _blank_copy(self, i: int) -> Table | None:
        """The score table of sheet i when it is a blank copy of the template (every score table on it unfilled)."""
        scored = [table for table in self.tables(i).tables if "score" in table.columns]
        return scored[0] if scored and all(blank_copy(None, table) for table in scored) else None


def _blocks_part(sheet: Sheet, form: FormDef, rules: RuleSet) -> Sheet:
    """The part of the sheet a 附件4 printed beside a score table stands in (the side holding most of its block
    titles): its labels are looked for there, not among the score table's indicator names."""
    panels = side_by_side(sheet, vocabulary(rules))
    if len(panels) < 2:
        return sheet
    titles = [c for (_, c), _ in title_cells(sheet, form)]
    left, right = max(panels, key=lambda panel: sum(panel[0] <= c <= panel[1] for c in titles))
    return columns_of(sheet, left, right)


def holds_form(sheet: Sheet, form: FormDef, rules: RuleSet) -> bool:
    """The cheap test of a 附件4 (enough of its block titles) or a 附件5 (its headers and enough of its names)."""
    if form.kind == "blocks":
        # distinct titles, not blocks: one "预算执行情况" heading three blocks is one title
        return enough_titles(sheet, form, len({pos for pos, _ in title_cells(sheet, form)}))
    return may_hold_score_table(sheet, form, rules)


def may_hold_tables(sheet: Sheet, rules: RuleSet) -> bool:
    """A cheap test before reading a sheet as tables: some header word of a funds block or an indicator table (a
    level word, or a name column's: "考核指标 | 权数 | 考评得分")."""
    words = vocabulary(rules)
    return bool(header_at(sheet, words.level_keys | words.executed_keys | words.names))


# ---------------------------------------------------------------- score tables (附件5)


def _labelled_value(sheet: Sheet, labels: tuple[str, ...], blank_ok: bool = False) -> Hit | None:
    """The value right of the first cell carrying one of the labels (skipping up to 3 blank cells).

    With blank_ok, a blank cell right of the label is the answer (a cell to fill in).
    """
    for pos in sheet.find(labels):
        hit = _value_right(sheet, pos)
        if hit is not None:
            return hit
        if blank_ok:
            target = sheet.anchor((pos[0], sheet.bottom_right(pos)[1] + 1))
            return Hit(sheet.name, a1(target), None, str(sheet.value(pos)))
    return None


def _value_right(sheet: Sheet, pos: Pos) -> Hit | None:
    """The first filled cell right of a label, skipping up to 3 blank cells."""
    for target in sheet.right_of(pos, 4):
        if target in sheet.cells:
            return Hit(sheet.name, a1(target), sheet.cells[target], str(sheet.value(pos)))
    return None


def _heads_units(sheet: Sheet, pos: Pos) -> bool:
    """A "单位" cell heading a column of units of measure (人, 万元, %) is that column's header, not a unit's name."""
    below = sheet.bottom_right(pos)[0] + 1
    return any(is_unit(sheet.value((row, pos[1]))) for row in range(below, below + 2))


def _unit(sheets: list[Sheet], rules: RuleSet) -> str | None:
    """单位名称: the cell right of its label, or the text after "填报单位：" in the same cell (up to a wide gap
    before another item such as "金额单位：万元"); a label may carry "（盖章）". A known label right of it means the
    name was left blank (never "自评总得分" as a unit).

    The first sheet that names one names it, unless a visible sheet holding a table names one under a stronger label
    (``unit_labels``, strongest first): the 填报单位 of a 汇总表 over the 实施单位 of the project's form before it —
    not an instructions sheet's "预算单位名称：填写全称" or a hidden sheet of drop-down words.
    """
    rank: dict[str, int] = {}
    for i, label in enumerate(rules.unit_labels):
        rank.setdefault(label_key(label), i)
    sealed = {f"{key}({seal})": key for key in rank for seal in _SEALS} | {key: key for key in rank}

    def named(among: Iterable[Sheet]) -> Iterator[tuple[int, str]]:
        return (found for sheet in among for found in _units_named(sheet, rank, sealed, rules.label_keys))

    words = vocabulary(rules)
    tables = [  # visible sheets holding a form or a 汇总 list
        sheet
        for sheet in sheets
        if not sheet.hidden and (may_hold_tables(sheet, rules) or header_at(sheet, words.lists))
    ]
    # the first visible sheet that names one (a cover's "填报单位（盖章）：…" is the return's), else a hidden one or a
    # sheet of instructions (its "单位名称：指预算单位的规范名称" describes the field)
    first = next(named(sorted(sheets, key=lambda sheet: sheet.hidden or _instructions(sheet))), None)
    best = min(named(tables), key=lambda found: found[0], default=None)  # the first of the strongest
    if best is not None and (first is None or best[0] < first[0]):
        return best[1]
    return None if first is None else first[1]


def _instructions(sheet: Sheet) -> bool:
    """A sheet of instructions: its title (a text cell of its first three rows) says so (填表说明, 说明, 须知)."""
    titles = (value for (row, _), value in sheet.cells.items() if row < 3 and isinstance(value, str))
    return any(_INSTRUCTIONS_TITLE.search(title) for title in titles)


_INSTRUCTIONS_TITLE = re.compile(r"^\s*(?:填表|填报|编制)?(?:说明|须知|注意事项)\s*$")


def _units_named(
    sheet: Sheet, rank: dict[str, int], sealed: dict[str, str], known: frozenset[str]
) -> Iterator[tuple[int, str]]:
    """(rank of its label, name) of each unit's name the sheet prints: right of the first label cell (``sealed``:
    each label's key, and with "（盖章）", to its own), and after a label in a cell of its own."""
    for pos in sheet.find_keys(frozenset(sealed)):
        if _heads_units(sheet, pos):
            continue
        hit = _value_right(sheet, pos)
        # "填报单位: | | 单位:万元": the name left blank, not "单位:万元"
        named = hit is not None and isinstance(hit.raw, str) and label_key(hit.raw) not in known
        said = str(hit.raw).strip().rstrip("。") if hit is not None and named else ""
        if said and not units_caption(said) and not _INSTRUCTION.search(said):
            yield rank[sealed[sheet.keys[pos]]], said
        break
    for text in (v for v in sheet.cells.values() if isinstance(v, str) and ("：" in v or ":" in v)):
        head, sep, rest = text.replace(":", "：").partition("：")
        name = _GAP.split(rest.strip(), maxsplit=1)[0].rstrip("。")
        key = _SEAL.sub("", label_key(head))
        # "单位：万元" above a list says what its amounts are in, not whose they are
        if sep and name and key in rank and not _INSTRUCTION.search(name) and not units_caption(text):
            yield rank[key], name
            return


# what a 填表说明 says of the field ("填报单位：填写项目实施单位全称并加盖公章。", "按部门预算批复的单位全称填列",
# "由项目实施单位填报，主管部门审核", "以预算批复文件为准"), not a unit's name (审核 is in real names:
# 医疗保障基金审核结算中心)
_INSTRUCTION = re.compile(r"填写|填列|填报|全称|加盖|一致|为准|^请|^按|^由")
_SEALS = ("盖章", "公章", "签章", "章")  # "填报单位（盖章）"
_SEAL = re.compile(rf"\((?:{'|'.join(_SEALS)})\)$")
_GAP = re.compile(r"\s{2,}")  # the spaces between two items of one cell
