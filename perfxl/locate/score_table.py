"""A score table (附件5) read as a table: every body row is an indicator row, whether or not the rule set knows it.

The table reader (``perfxl.locate.table``) decides which rows exist; the rule set only names them. A row whose
name (or an alias) is a rule indicator is that indicator; a row named after a rule's 二级 group whose indicators
are not written on rows of their own (履职效益 15 as one row) is those indicators scored together, as a 得分
merged over their rows would be; any other row (a rule indicator written a second time too) is an ``OtherRow``
whose declared score is kept. Rows that share one merged 得分 cell are scored once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from perfxl.locate.extra_rows import extra_kind, groups_of, other_kind, positive_taken_off, signed_weight
from perfxl.locate.groups import group_weights
from perfxl.locate.headers import header_at, vocabulary
from perfxl.locate.located import Hit, IndicatorHit, Located, Missing, OtherRow, ScoreSheet, Stated
from perfxl.locate.tabular import IndicatorLine, SheetTables, Table
from perfxl.read.grid import Sheet, a1
from perfxl.read.text import label_key
from perfxl.read.values import parse_number
from perfxl.rules import FormDef, RuleSet


def locate_score_table(
    sheet: Sheet,
    form: FormDef,
    rules: RuleSet,
    found: Located,
    tables: Callable[[], SheetTables],
    rest: Callable[[Table], tuple[Sheet, Table] | None] | None = None,
) -> Table | None:
    """Read the sheet's score table into ``found`` and return it; None when the sheet holds none of this form.

    ``tables`` reads the sheet as tables (once per sheet, shared with the 自评表 reader); ``rest``, the rows a 续表
    sheet goes on with where the table does not end on this one (no 合计 yet), and that sheet."""
    names = names_of(rules)
    if not _may_hold(sheet, form, names):
        return None
    keyed = [(t, [label_key(line.name) for line in t.indicators]) for t in tables().tables]
    counts = [
        (len(names.named(keys, "standard" in t.columns)), -i, t, keys)
        for i, (t, keys) in enumerate(keyed)
        if "score" in t.columns and not t.after_funds  # under a 自评表's funds block: that 自评表's indicators
    ]
    count, _, table, keys = max(counts, key=lambda item: item[:2], default=(0, 0, None, []))
    if table is None or count < form.min_found:
        return None  # a 自评表's indicator table has 三级指标 and 得分 too, but not the rule set's indicators
    found.forms[form.id] = sheet.name
    claimed, joined = table, rest(table) if rest is not None else None
    if joined is not None:  # a 附件5 printed over two sheets: its rows go on, and its 合计 stands, on the second
        sheet, more = joined
        rows = [*table.rows, *_carried(table.rows[-1] if table.rows else None, more.rows)]
        table = replace(table, rows=rows, footers=more.footers, fields={**more.fields, **table.fields})
        keys = [label_key(line.name) for line in table.indicators]
    key_of = {id(line): key for line, key in zip(table.indicators, keys, strict=True)}  # (two sheets share rows)
    groups = names.group_rows(set(keys))
    written: set[str] = set()
    first_other = len(found.others)
    for lines in table.score_groups():
        rule_names = [names.of(key_of[id(line)], groups) for line in lines]
        written.update(n for group in rule_names for n in group)
        if all(rule_names) and not any(n in found.indicators for group in rule_names for n in group):
            _known(lines, rule_names, found)
        else:
            found.others.append(_other(lines))
    for ind in rules.indicators:
        if ind.name not in written:
            found.missing.append(Missing(form.id, sheet.name, f"指标「{ind.name}」"))
    found.total = _total(sheet, table)
    found.header_total = table.fields.get("declared_total")
    found.grade = table.fields.get("grade")
    found.header_grade = tables().fields.get("grade")  # the sheet's header: "自评总分：91.98分，自评等级：优"
    found.score_sheet = _score_sheet(table)
    said = found.total or found.header_total
    if positive_taken_off(sheet, table.score_groups(), said.raw if said else None, rules.score_tol, rules.max_total):
        found.others[first_other:] = [
            row._replace(taken_off=True) if other_kind(row) == "penalty" else row for row in found.others[first_other:]
        ]
    return claimed  # the sheet's own table, which no 自评表 reads again


def _carried(last: IndicatorLine | None, rows: list[IndicatorLine]) -> list[IndicatorLine]:
    """The rows a 续表 sheet goes on with, their blank 一级/二级 cells those of the group the last row before the page
    break is in (a group printed over two sheets is one group), up to a row that names its own."""
    out: list[IndicatorLine] = []
    for line in rows:
        if last is not None and len(last.levels) == len(line.levels):
            outer = [
                mine if mine.cell is not None else theirs for mine, theirs in zip(line.levels, last.levels, strict=True)
            ]
            line = line._replace(levels=(*outer[:-1], line.levels[-1]))
        out.append(line)
        last = line
    return out


class _Names:
    """A rule set's indicator and 二级 group names as keys, made once per rule set (a batch reads every file with
    the same one)."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.indicators = rules.indicator_keys
        self.groups = {label_key(child): child for _, children in rules.groups.values() for child in children}
        # a rate the rule set computes names a row too (a county's own 附件5: 预算调整率, 固定资产利用率 …): it makes
        # the table the rule set's 附件5, and the row is scored by its printed standard (``compute.others``)
        self.rates = rules.rate_keys
        self.keys = frozenset(self.indicators) | frozenset(self.groups) | frozenset(self.rates)
        self._header_keys: dict[str, frozenset[str]] = {}
        self.members = {
            key: tuple(ind.name for ind in rules.indicators if ind.group == group) for key, group in self.groups.items()
        }

    def header_keys(self, role: str) -> frozenset[str]:
        """The table reader's header words of a role (empty for a rule set with no 自评表 words)."""
        kept = self._header_keys.get(role)
        if kept is None:
            try:
                vocab = vocabulary(self.rules)
                words, names = vocab.indicator, vocab.names if role == "level3" else frozenset()
            except ValueError:
                words, names = {}, frozenset()
            # a name column's word (考核指标) heads the names where no 三级指标 is printed
            kept = frozenset(key for key, named in words.items() if named == role) | names
            self._header_keys[role] = kept
        return kept

    def named(self, keys: Iterable[str], rates: bool = True) -> set[str]:
        """The rule indicators and groups named by these keys, and the rates unless ``rates`` is False (a table with
        no 评价标准 column: a 自评表's indicators may well be called 预算执行率, and nothing would score them)."""
        rate_names = self.rates if rates else {}
        return {
            name
            for key in keys
            for name in (self.indicators.get(key) or self.groups.get(key) or rate_names.get(key),)
            if name
        }

    def group_rows(self, keys: set[str]) -> dict[str, tuple[str, ...]]:
        """Group key -> its indicators, for the groups written as a row whose indicators have no rows of their own."""
        named = {self.indicators[k] for k in keys if k in self.indicators}
        return {
            key: members
            for key, members in self.members.items()
            if key in keys and members and not set(members) & named
        }

    def of(self, key: str, groups: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        """The rule indicators a row is: one by its name, a group's by the group's name, none for another row."""
        name = self.indicators.get(key)
        return (name,) if name is not None else groups.get(key, ())


_NAMES: dict[int, _Names] = {}


def names_of(rules: RuleSet) -> _Names:
    """The rule set's indicator and group names as keys (made once per rule set)."""
    kept = _NAMES.get(id(rules))
    if kept is None or kept.rules is not rules:
        kept = _NAMES[id(rules)] = _Names(rules)
    return kept


def may_hold_score_table(sheet: Sheet, form: FormDef, rules: RuleSet) -> bool:
    """A cheap test before reading the sheet as tables: its header words and enough of the rule's names."""
    return _may_hold(sheet, form, names_of(rules))


def _may_hold(sheet: Sheet, form: FormDef, names: _Names) -> bool:
    """A cheap test before reading the sheet as tables: its header words and enough of the rule's names."""
    keys = form.column_keys
    for role in ("level3", "score"):  # the form's own words, else the table reader's (自评分, 考评得分 …)
        if not sheet.find_keys(keys.get(role, ())) and not header_at(sheet, names.header_keys(role)):
            return False  # not a score table: most sheets end here
    return len(names.named(names.keys.intersection(sheet.keys.values()))) >= form.min_found


def _known(lines: tuple[IndicatorLine, ...], names: list[tuple[str, ...]], found: Located) -> None:
    """Rule indicators on rows that share one 得分 cell (or a single row): each is found, the others shared."""
    every = [name for group in names for name in group]
    for line, group in zip(lines, names, strict=True):
        score = line.score
        if score is None:
            continue
        for name in group:
            own = len(group) == 1  # a group row's 分值 and 评价标准 are the group's
            weight = line.weight if own else None
            standard = line.cells.get("standard") if own else None
            note = line.cells.get("note") if own else None
            shared = tuple(n for n in every if n != name)
            stated = _stated(line) if own else None
            found.indicators[name] = IndicatorHit(
                name, weight, score._replace(label=name), shared, standard, note, stated
            )


def _other(lines: tuple[IndicatorLine, ...]) -> OtherRow:
    weights = [line.points for line in lines]
    score = lines[0].score
    assert score is not None  # only a table with a 得分 column is read as a score table
    return OtherRow(
        "、".join(line.name for line in lines),
        None if any(w is None for w in weights) else sum(w for w in weights if w is not None),
        lines[0].weight,
        score,
        lines[0].cells.get("standard") if len(lines) == 1 else None,
        lines[0].cells.get("note") if len(lines) == 1 else None,
        _stated(lines[0]) if len(lines) == 1 else None,
        groups_of(lines[0]),
    )


def _stated(line: IndicatorLine) -> Stated | None:
    """The row's 目标值, 实际值, 评价依据, 扣分 and 指标说明 cells, where it prints any of them."""
    cells = line.cells
    stated = Stated(
        cells.get("target"), cells.get("actual"), cells.get("reason"), cells.get("deduction"), cells.get("note")
    )
    return stated if any(hit is not None and hit.raw is not None for hit in stated) else None


def _total(sheet: Sheet, table: Table) -> Hit | None:
    """The 合计 score cell: the first total row's cell under 得分 (blank when nobody filled it)."""
    if not table.footers:
        return None
    footer = table.footers[0]
    hit = footer.cells.get("score")
    if hit is not None:
        return hit._replace(label="合计")
    score = table.columns.get("score")
    if score is None:
        return None
    pos = sheet.anchor((footer.row, score.col))
    return Hit(sheet.name, a1(pos), sheet.cells.get(pos), "合计")


def _score_sheet(table: Table) -> ScoreSheet:
    cells: dict[tuple[str, str], Hit] = {}
    extra: dict[tuple[str, str], Hit] = {}
    complete = True
    for line in table.indicators:
        kind = extra_kind(line.name, groups_of(line), signed_weight(line.points, line.weight))
        if line.points is None or line.weight is None:
            complete = complete and bool(kind)  # a 扣分项's bound in words ("最多扣3分") stands outside the 100
        else:  # a 分值 merged over rows counts once (a 附件5 over two sheets: each sheet's own cells)
            cells.setdefault((line.weight.sheet, line.weight.cell), line.weight)
            if kind:
                extra.setdefault((line.weight.sheet, line.weight.cell), line.weight)
    weight_total = table.footers[0].cells.get("weight") if table.footers else None
    scored = any(_filled(line.score) for line in table.indicators)
    total = table.footers[0].cells.get("score") if table.footers else None
    return ScoreSheet(
        weights=list(cells.values()),
        extra=list(extra.values()),
        weights_complete=complete and bool(cells),
        weight_total=weight_total,
        placeholders=[_name_cell(line) for line in table.placeholders],
        blank=not scored and not _filled(total),
        groups=group_weights(table),
    )


def _name_cell(line: IndicatorLine) -> Hit:
    cell = next((lvl.cell for lvl in reversed(line.levels) if lvl.cell is not None), None)
    return cell if cell is not None else next(iter(line.cells.values()))


def _filled(hit: Hit | None) -> bool:
    return hit is not None and parse_number(hit.raw).status != "empty"
