"""``--rules auto``: the rule set a workbook is read by, chosen from what it prints (docs/domain.md §13).

Each candidate is measured against the workbook, in this order:

1. **forms**: how many of the workbook's forms it reads (附件4 by its block titles, 附件5 by its indicator names, a
   自评表 by its header words);
2. **agreement**: on a 附件5, how many rows print the candidate's own 分值 and a 评价标准 that reads as the
   candidate's rule; on a 自评表, the marks of a regional form (Chongqing's 得分系数, 总数 / 其中:财政资金);
3. **fewest forms the workbook lacks** (a 自评表 alone is the national form's, not 益阳's 附件4/附件5 rule set);
4. the candidates' order (the default first).

A 附件5 whose printed 分值 and 评价标准 agree with no candidate on at least half its comparable rows is scored by the
printed table alone (``matched`` False): the chosen rule set then lends only names, aliases and formulas, which
printed standards replace row by row anyway (``perfxl.compute.printed``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from perfxl.locate.forms import holds_form, may_hold_tables
from perfxl.locate.score_table import names_of
from perfxl.locate.selfeval import blank_copy
from perfxl.locate.table import read_sheet
from perfxl.locate.tabular import SheetTables
from perfxl.read.grid import Sheet
from perfxl.read.text import label_key
from perfxl.rules import FormDef, IndicatorDef, RuleSet
from perfxl.rules.standards import parse_standard

_MATCHED = 0.5  # the share of comparable 附件5 rows that must agree, and of its indicators the table must name, for a
# rule set to be the table's own


class Choice(NamedTuple):
    """The rule set a workbook is read by, and why (one Chinese sentence)."""

    rules: RuleSet
    reason: str
    matched: bool = True  # False: no rule set agrees with the printed 附件5; the printed table alone scores


@dataclass
class _Fit:
    rules: RuleSet
    forms: list[str]  # the workbook's forms it reads (their short names)
    lacking: int  # its forms the workbook does not hold
    agree: int = 0  # rows (or marks) that print its own 分值 / rule
    compared: int = 0  # rows that print a 分值 or a readable rule at all
    named: tuple[int, int] = (0, 0)  # (its 附件5 indicators the printed 附件5 names, all its 附件5 indicators)

    def key(self, order: int = 0) -> tuple[int, int, int, int]:
        # a workbook none reads (a list of projects alone): the default, not the rule set with fewest forms to lack
        return (len(self.forms), self.agree, -self.lacking if self.forms else 0, -order)


Row = tuple[str, float | None, object]  # a score-table row as compared: (name key, printed 分值, printed standard)
Rows = tuple[Row, ...]


def choose(sheets: list[Sheet], candidates: Sequence[RuleSet]) -> Choice:
    """The best-fitting candidate and why (candidates in order of preference, the default first)."""
    base = candidates[0]
    tables = [read_sheet(sheet, base) if may_hold_tables(sheet, base) else None for sheet in sheets]
    scored = [  # every table with a 得分 column, its rows keyed once for all candidates
        tuple((label_key(line.name), line.points, line.get("standard")) for line in table.indicators)
        for sheet_tables in tables
        if sheet_tables is not None
        for table in sheet_tables.tables
        if "score" in table.columns and not table.after_funds
    ]
    fits = [_fit(rules, sheets, tables, scored) for rules in candidates]
    best_at = max(range(len(fits)), key=lambda i: fits[i].key(i))
    return _choice(fits[best_at], fits)


def _fit(rules: RuleSet, sheets: list[Sheet], tables: list[SheetTables | None], scored: list[Rows]) -> _Fit:
    fit = _Fit(rules, [], 0)
    claimed = 0  # tables read as a 附件5, not as a 自评表's indicators
    found_ids: set[str] = set()
    for form_id, form in sorted(rules.forms.items(), key=lambda item: item[1].kind != "score_table"):  # 附件5 first
        if form.kind == "blocks":
            found = any(holds_form(sheet, form, rules) for sheet in sheets)
        elif form.kind == "score_table":
            rows = _score_table(rules, form, scored)
            found = rows is not None
            if rows is not None:
                _agreement(rules, rows, fit)
                claimed += 1
                names = names_of(rules)
                own = set(names.indicators.values())
                fit.named = (len(names.named(key for key, _, _ in rows) & own), len(own))
        else:
            read = [t for t in tables if t is not None]
            # a blank copy of a template kept beside the filled form is no form of the workbook's
            filled = sum(not blank_copy(None, table) for t in read for table in t.tables)
            found = any(t.funds for t in read) or filled > claimed
            marks = sum(_regional_marks(t, form) for t in read)
            fit.agree += marks
            if found and form.self_eval is not None and form.self_eval.marks and not marks:
                fit.lacking += 1  # a regional form's marks not printed: the national form fits better
        if found:
            found_ids.add(form_id)
        else:
            fit.lacking += 1
    fit.forms = [form.short or form.title for form_id, form in rules.forms.items() if form_id in found_ids]
    return fit


def _score_table(rules: RuleSet, form: FormDef, scored: list[Rows]) -> Rows | None:
    """The rows of the table that names most of the rule set's indicators, if it names enough to be its 附件5."""
    names = names_of(rules)
    counts = [
        (len(names.named((key for key, _, _ in rows), any(std is not None for _, _, std in rows))), -i)
        for i, rows in enumerate(scored)
    ]
    count, at = max(counts, default=(0, 0))
    return scored[-at] if count >= form.min_found else None


def _agreement(rules: RuleSet, rows: Rows, fit: _Fit) -> None:
    """Each row of a rule indicator that prints a 分值 or a readable 评价标准: does it print the rule set's own?
    (Counted once per rule set and printed table: a batch's 附件5 print the same 分值 and standards.)"""
    kept = _AGREEMENT.get(id(rules))
    if kept is None or kept[0] is not rules:
        kept = _AGREEMENT[id(rules)] = (rules, {})
    memo = kept[1]
    counts = memo.get(rows)
    if counts is None:
        if len(memo) >= 256:
            memo.clear()
        counts = memo[rows] = _count_agreement(rules, rows)
    fit.agree += counts[0]
    fit.compared += counts[1]


_AGREEMENT: dict[int, tuple[RuleSet, dict[Rows, tuple[int, int]]]] = {}


def _count_agreement(rules: RuleSet, rows: Rows) -> tuple[int, int]:
    """(rows or marks that agree, rows compared)."""
    keys = rules.indicator_keys
    agree = compared = 0
    for key, points, standard in rows:
        name = keys.get(key)
        if name is None:
            continue
        ind = rules.indicator(name)
        if points is not None:
            compared += 1
            agree += math.isclose(points, ind.weight)
        same = _same_standard(ind, standard, points) if isinstance(standard, str) else None
        if same is not None:
            compared += 1
            agree += same
    return agree, compared


@lru_cache(maxsize=4096)  # a batch prints a few dozen distinct standards
def _same_standard(ind: IndicatorDef, text: str, points: float | None) -> bool | None:
    """Whether a printed 评价标准 reads as the indicator's rule; None when it reads as no rule at all."""
    if not text.strip() or ind.rule.kind == "declared":
        return None
    parsed = parse_standard(text, points if points is not None else ind.weight)
    if parsed.rule is None:
        return None
    return parsed.rule.same_as(ind.rule)


def _regional_marks(tables: SheetTables, form: FormDef) -> int:
    """A 自评表's marks of a regional form that the rule set names: columns only its words or weights read."""
    spec = form.self_eval
    if spec is None or not spec.marks:
        return 0
    marks = sum(role in table.columns for table in tables.tables for role in spec.marks)
    if "funds_split" in spec.marks:
        marks += sum(any(role.endswith("_fiscal") for role in block.columns) for block in tables.funds)
    return marks


def _choice(best: _Fit, fits: list[_Fit]) -> Choice:
    rules = best.rules
    named = f"「{rules.name}」"
    forms = "、".join(best.forms) or "没有可识别的表"
    if best.compared == 0:
        tied = [f.rules.name for f in fits if f is not best and f.key() == best.key()]
        held = f"工作簿中有{forms}" if best.forms else "工作簿中没有可识别的表"
        why = f"{held}，按{named}读取" + (f"(与「{'」「'.join(tied)}」读取结果相同)" if tied else "")
        return Choice(rules, why)
    share = f"{best.agree}/{best.compared}"
    listed, of = best.named
    if best.agree >= _MATCHED * best.compared and listed >= _MATCHED * of:
        why = f"工作簿中有{forms}；附件5 所印分值与评价标准 {share} 项与{named}相同，按此规则读取"
        return Choice(rules, why)
    why = (
        f"附件5 所印指标、分值与评价标准与各内置规则集均不相符(最接近的{named}: 列出其指标 {listed}/{of} 项，"
        f"分值与评价标准相同 {share} 项)："
        f"按表内所印分值与评价标准计分，指标名称与计算公式取自「{rules.name}」"
    )
    return Choice(rules, why, matched=False)
