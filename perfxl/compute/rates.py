"""Rates and rule scores, column-wise over a table with one row per workbook.

One workbook and ten thousand take the same path: each rate and each indicator rule is one vectorised
expression over a column; loops run over the rule data (a dozen rates, a score table's indicators),
never over workbooks.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from perfxl.compute.others import other_rows, scored_others
from perfxl.compute.printed import Printed, printed_rule, unread_kept
from perfxl.compute.quantities import same_quantities, unprinted_differences
from perfxl.compute.rule_score import rule_score, shown_cents
from perfxl.compute.stated import StatedColumn, fill_stated
from perfxl.compute.tables import DefinedColumns, PrintedColumns, Tables
from perfxl.compute.unit_slips import unit_slips
from perfxl.locate.located import IndicatorHit, Located
from perfxl.read.values import embedded_weight, parse_number, parse_weight, parse_yesno
from perfxl.rules import IndicatorDef, RateDef, RuleSet, ScoreRule, Term
from perfxl.rules.definitions import printed_rate


def value_tables(books: Sequence[Located], rules: RuleSet) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parsed field values and which labels were found."""
    keys = [f.key for form in rules.forms.values() for b in form.blocks for f in b.fields]
    column = {k: j for j, k in enumerate(keys)}
    yesno = {k for k in keys if rules.field(k).type == "yesno"}
    values = np.full((len(books), len(keys)), np.nan)
    present = np.zeros((len(books), len(keys)), dtype=bool)
    for i, book in enumerate(books):
        for key, hit in book.fields.items():
            j = column[key]
            present[i, j] = True
            parsed = parse_yesno(hit.raw) if key in yesno else parse_number(hit.raw)
            if parsed.ok and parsed.value is not None:
                values[i, j] = parsed.value
    index = range(len(books))
    return pd.DataFrame(values, columns=keys, index=index), pd.DataFrame(present, columns=keys, index=index)


Columns = dict[str, np.ndarray]  # field key -> the values table's column as an array (NaN: missing)


def _linear(columns: Columns, terms: tuple[Term, ...], n: int) -> np.ndarray:
    total = np.zeros(n)
    for term in terms:
        total = total + term.sign * columns[term.field]
    return total


def rate_column(columns: Columns, rate: RateDef, n: int) -> np.ndarray:
    """(Σ num) ÷ (Σ den) × 100; NaN where an input is missing or the denominator is 0."""
    den = _linear(columns, rate.den, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(_linear(columns, rate.num, n) / np.where(den != 0, den, np.nan) * 100, dtype=float)


def compute(books: Sequence[Located], rules: RuleSet) -> Tables:
    """Every rate, rule score, effective score and total for a batch of located workbooks."""
    values, present = value_tables(books, rules)
    index, n = values.index, len(values)
    # The arithmetic runs on the tables' columns as arrays: one vectorised expression per rate and rule, without
    # pandas' per-operation overhead on Series.
    columns: Columns = dict(zip(values.columns, values.to_numpy(dtype=float, copy=True).T, strict=True))
    slips = unit_slips(books, columns, rules)  # amounts typed in 元, put in 万元 in the columns
    if any(slips) | unprinted_differences(columns, rules):
        values = pd.DataFrame(columns, index=index, columns=values.columns, dtype=float)
    rate_of = {name: rate_column(columns, rate, n) for name, rate in rules.rates.items()}
    # none of what a rate is of (every input blank or 0, on a form the workbook has): "无政府采购预算的计满分" applies
    none_of = {name: _none_of(columns, rate.inputs, books) for name, rate in rules.rates.items()}
    printed_terms = same_quantities(columns, rules)  # what a 指标说明's formula names, from whichever block has it
    rates = pd.DataFrame(rate_of, index=index, columns=list(rules.rates), dtype=float)
    scores: dict[str, np.ndarray] = {}
    printed = _printed(books, rules)
    defined: DefinedColumns = {}
    stated: dict[str, StatedColumn] = {}
    for ind in rules.indicators:
        name = rules.rate_of(ind)
        score = np.full(n, np.nan)
        scores[ind.name] = score
        if ind.rule.kind == "declared" and not any(p and p.applied for p in printed[ind.name]):
            continue  # nothing scores it: its declared score is kept
        # a rate the rule set does not compute (满意度) is scored only where the row states it
        rate = (
            _indicator_rate(ind, name, books, rules, printed_terms, rate_of[name], defined)
            if name
            else np.full(n, np.nan)
        )
        rate, said = fill_stated(rate, books, ind.name)
        if any(said):
            stated[ind.name] = said
        # Books are grouped by the rule they are scored by (the rule set's, or a standard their table prints):
        # one vectorised expression per distinct rule, whatever the number of books.
        for (rule, weight), rows in _by_rule(ind, printed[ind.name], _own_weights(books, ind)).items():
            if rule.kind == "declared":
                continue  # no rule of its own: only the books whose printed standard scores it are scored
            at = slice(None) if len(rows) == n else np.asarray(rows)
            part = rule_score(rate[at], rule, weight)
            if rule.absent == "full" and name is not None:
                # no inputs, or all 0, means no such project only where the form that would hold them is there
                none = none_of[name][at] & ~_taken(stated.get(ind.name), at, n)
                part = np.where(np.isnan(part) & none, weight, part)
            score[at] = part
    rule_scores = pd.DataFrame(scores, index=index, columns=[ind.name for ind in rules.indicators], dtype=float)
    declared, weights, in_table = _declared_tables(books, rules, printed)
    group_rule = _group_rule_scores(books, rules, rule_scores)
    # What counts toward the total: the rule's score where it has one, else the declared score kept
    # within 0 ≤ 得分 ≤ 分值.
    kept = pd.DataFrame(
        np.minimum(declared.clip(lower=0).to_numpy(), weights.to_numpy()), index=index, columns=declared.columns
    )
    effective = group_rule.fillna(kept).where(in_table)  # an indicator its table does not print counts nothing

    def defined_rate(note: object, rate: str, i: int) -> tuple[RateDef, float] | None:
        """The rate as a 指标说明 defines it, and its value in book ``i`` (``_other_formula``)."""
        formula = _other_formula(note, rules, rate)
        return None if formula is None else (formula, float(rate_column(printed_terms, formula, len(books))[i]))

    other_scores = scored_others(books, rules, rate_of, defined_rate, none_of)
    others_declared, others_kept, others_ok = other_rows(books, other_scores)
    # each score as shown (to 0.01), added as the person adds them (see compute/selfeval_totals.py)
    totals = (shown_cents(effective).sum(axis=1, min_count=1) + shown_cents(others_kept)).round(2)
    complete = (effective.notna() | (weights == 0)).all(axis=1) & others_ok
    return Tables(
        values,
        present,
        rates,
        group_rule,
        declared,
        weights,
        effective,
        totals,
        complete,
        others_declared,
        printed,
        defined,
        other_scores,
        stated,
        slips,
    )


def _taken(column: StatedColumn | None, at: slice | np.ndarray, n: int) -> np.ndarray:
    """Which books' rates their rows stated (``fill_stated``), at ``at``."""
    taken = np.zeros(n, dtype=bool) if column is None else np.array([s is not None for s in column])
    return taken[at]


def _other_formula(note: object, rules: RuleSet, rate: str) -> RateDef | None:
    """The formula a 指标说明 prints for ``rate`` over known fields, where it is not the rule set's own; else None."""
    if not isinstance(note, str) or "=" not in note.replace("＝", "="):
        return None
    formula = printed_rate(note, rules, rate)
    own = rules.rates[rate]
    return None if formula is None or (formula.num, formula.den) == (own.num, own.den) else formula


def _indicator_rate(
    ind: IndicatorDef,
    name: str,
    books: Sequence[Located],
    rules: RuleSet,
    columns: Columns,
    default: np.ndarray,
    defined: DefinedColumns,
) -> np.ndarray:
    """The rate an indicator is scored on: the rule set's, or where a book's 指标说明 (or its 评价标准, before the
    cases) prints another formula over known fields, that formula's (one vectorised expression per distinct formula;
    ``defined`` gets each such book's formula and rate)."""
    by_formula: dict[RateDef, list[int]] = {}
    for i, book in enumerate(books):
        hit = book.indicators.get(ind.name)
        texts = () if hit is None else (cell.raw for cell in (hit.note, hit.standard) if cell is not None)
        formula = next((found for text in texts if (found := _other_formula(text, rules, name)) is not None), None)
        if formula is not None:
            by_formula.setdefault(formula, []).append(i)
    if not by_formula:
        return default
    rate = default.copy()
    column: list[tuple[RateDef, float] | None] = [None] * len(books)
    for formula, rows in by_formula.items():
        values = rate_column(columns, formula, len(books))[rows]
        rate[rows] = values
        for i, value in zip(rows, values.tolist(), strict=True):
            column[i] = (formula, value)
    defined[ind.name] = column
    return rate


def _printed(books: Sequence[Located], rules: RuleSet) -> PrintedColumns:
    """Each book's printed standard of each indicator, read: over the rate the rule set computes, else over the rate
    the row itself states (``compute.stated``), named after the indicator."""
    out: PrintedColumns = {}
    for ind in rules.indicators:
        rate = rules.rate_of(ind)
        column: list[Printed | None] = []
        for book in books:
            hit = book.indicators.get(ind.name)
            printed = printed_rule(ind, hit, rate or (ind.name if hit is not None and hit.stated is not None else None))
            column.append(printed if printed is None or book.forced else unread_kept(printed))
        out[ind.name] = column
    return out


def _by_rule(
    ind: IndicatorDef, printed: list[Printed | None], weights: list[float]
) -> dict[tuple[ScoreRule, float], list[int]]:
    """The books' positions by the (rule, 分值) each is scored by: its printed standard's, else the rule set's rule
    out of the 分值 its row prints (``weights``)."""
    groups: dict[tuple[ScoreRule, float], list[int]] = {}
    for i, p in enumerate(printed):
        key = (p.rule, p.score_weight) if p is not None and p.applied else (ind.rule, weights[i])
        groups.setdefault(key, []).append(i)
    return groups


def _own_weights(books: Sequence[Located], ind: IndicatorDef) -> list[float]:
    """The 分值 the rule set's rule scores each book out of: under ``--rules auto`` the one its row prints, where the
    rule's marks scale with it (a threshold rule's full marks, a proportional share, 无此类项目's full marks; a band's
    printed scores do not); the rule set's own otherwise."""
    if ind.rule.kind == "bands":
        return [ind.weight] * len(books)
    out = []
    for book in books:
        own = _ruling_weight(book, book.indicators.get(ind.name))
        out.append(ind.weight if own is None else own)
    return out


def _ruling_weight(book: Located, hit: IndicatorHit | None) -> float | None:
    """The 分值 a row prints where it rules (under ``--rules auto``, a row of its own, not a merged group's):
    "5", 5, "5分", or inside a name ("在职人员控制率（5分）"); None otherwise."""
    if hit is None or book.forced or hit.shared_with or hit.weight is None:
        return None
    own = parse_weight(hit.weight.raw)
    return own if own is not None else embedded_weight(hit.weight.raw)


def _none_of(columns: Columns, inputs: tuple[str, ...], books: Sequence[Located]) -> np.ndarray:
    """For each workbook: every input of a rate blank or 0, and the form of the first (``form.block.field``) found."""
    form = inputs[0].split(".", 1)[0]
    found = np.array([form in book.forms for book in books], dtype=bool)
    zero = np.all([np.nan_to_num(columns[key], nan=0.0) == 0 for key in inputs], axis=0)
    return np.asarray(found & zero, dtype=bool)


def _declared_tables(
    books: Sequence[Located], rules: RuleSet, printed: PrintedColumns
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Declared scores, the weights they answer to, and whether the workbook's table prints each indicator.

    The weight is the printed 分值 where the printed standard is applied, and under ``--rules auto`` wherever the
    row prints one (the table says what it is out of; a named rule set's own weights rule under ``--rules NAME``);
    0 for an indicator the table does not print; a merged score counts once, on its first member."""
    names = [ind.name for ind in rules.indicators]
    column = {name: j for j, name in enumerate(names)}
    weight_of = {ind.name: ind.weight for ind in rules.indicators}
    declared = np.full((len(books), len(names)), np.nan)
    weights = np.tile(np.array([weight_of[name] for name in names], dtype=float), (len(books), 1))
    in_table = np.zeros((len(books), len(names)), dtype=bool)
    for i, book in enumerate(books):
        for j, name in enumerate(names):
            hit = book.indicators.get(name)
            if hit is None:
                if book.indicators or book.others:
                    weights[i, j] = 0.0  # a score table without this row: not part of its marks
                continue
            in_table[i, j] = True
            if hit.shared_with:
                if _group_columns((name, *hit.shared_with), column)[0] != j:
                    weights[i, j] = 0.0
                    continue
                weights[i, j] = weight_of[name] + sum(weight_of[n] for n in hit.shared_with)
            applied = printed[name][i]
            if applied is not None and applied.applied:
                weights[i, j] = applied.score_weight
            elif (own := _ruling_weight(book, hit)) is not None:
                weights[i, j] = own
            parsed = parse_number(hit.score.raw)
            if parsed.ok and parsed.value is not None:
                declared[i, j] = parsed.value
    index = range(len(books))
    return (
        pd.DataFrame(declared, columns=names, index=index),
        pd.DataFrame(weights, columns=names, index=index),
        pd.DataFrame(in_table, columns=names, index=index),
    )


def _group_columns(members: tuple[str, ...], column: dict[str, int]) -> tuple[int, ...]:
    """A merged group's columns in rule order: its first member's, where the group's score counts, first."""
    return tuple(sorted(column[m] for m in members))


_Merged = tuple[tuple[str, tuple[str, ...]], ...]  # a workbook's (indicator, the others of its group), as found


def _group_rule_scores(books: Sequence[Located], rules: RuleSet, rule_scores: pd.DataFrame) -> pd.DataFrame:
    """Rule scores with a merged group's members summed onto its first member (NaN if any is unknown).

    Workbooks are grouped by their merge pattern (usually one or two patterns in a whole batch; each found
    pattern is worked out once), so the sums are array operations, not per-workbook writes.
    """
    column = {ind.name: j for j, ind in enumerate(rules.indicators)}
    pattern_of: dict[_Merged, tuple[tuple[int, ...], ...]] = {}  # -> each group's columns, its first column first
    patterns: dict[tuple[tuple[int, ...], ...], list[int]] = {}
    for i, book in enumerate(books):
        merged = tuple((n, h.shared_with) for n, h in book.indicators.items() if h.shared_with)
        if not merged:
            continue
        pattern = pattern_of.get(merged)
        if pattern is None:
            groups = {_group_columns((n, *others), column) for n, others in merged}
            pattern = pattern_of[merged] = tuple(sorted(groups))
        patterns.setdefault(pattern, []).append(i)
    scores = rule_scores.to_numpy(dtype=float)
    out = scores.copy()
    for pattern, rows in patterns.items():  # as arrays: pandas' .loc with a list of rows is slow
        at = np.asarray(rows)
        for group in pattern:
            cols = np.asarray(group)
            members = scores[np.ix_(at, cols)]
            out[at, group[0]] = np.where(np.isnan(members).any(axis=1), np.nan, members.sum(axis=1))
            out[np.ix_(at, cols[1:])] = np.nan
    return pd.DataFrame(out, index=rule_scores.index, columns=rule_scores.columns)
