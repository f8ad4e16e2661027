"""One quantity entered in either of two blocks: fields whose labels are the same words (本年结转结余总额 in 益阳's
结转结余变动情况 and in another template's 结转结余情况) name one figure. A 指标说明's printed formula names it by
those words (docs/domain.md §14); it is read from whichever block the workbook prints. And a figure a form prints only
as the ends of a difference (调整后预算数 beside 年初预算数 for their 年中预算调整) is worked from them."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from perfxl.read.text import label_key
from perfxl.rules import RuleSet

Columns = dict[str, np.ndarray]


def _groups(rules: RuleSet) -> tuple[tuple[str, ...], ...]:
    """The entered fields labelled in the same words, by groups of two or more (made once per rule set)."""
    kept = _GROUPS.get(id(rules))
    if kept is not None and kept[0] is rules:
        return kept[1]
    by_words: dict[frozenset[str], list[str]] = {}
    for key, fld in rules.fields.items():
        if not fld.derived:
            by_words.setdefault(frozenset(label_key(label) for label in fld.labels), []).append(key)
    groups = tuple(tuple(keys) for keys in by_words.values() if len(keys) > 1)
    _GROUPS[id(rules)] = (rules, groups)
    return groups


_GROUPS: dict[int, tuple[RuleSet, tuple[tuple[str, ...], ...]]] = {}


def same_quantities(columns: Columns, rules: RuleSet) -> Columns:
    """``columns`` with each field that is blank in a book filled there from a field labelled in the same words (its
    own value first); the columns themselves where no two fields share their labels."""
    groups = _groups(rules)
    if not groups:
        return columns
    out = dict(columns)
    for keys in groups:
        for key in keys:
            column = columns[key].copy()
            for other in keys:
                if other != key:
                    column = np.where(np.isnan(column), columns[other], column)
            out[key] = column
    return out


def same_quantity_values(values: Mapping[str, float], rules: RuleSet) -> Mapping[str, float]:
    """One book's values as ``same_quantities`` fills them (for the working shown beside a printed formula)."""
    keys = {key for group in _groups(rules) for key in group}
    if not keys:
        return values
    filled = same_quantities({key: np.array([values.get(key, math.nan)]) for key in keys}, rules)
    return {**values, **{key: float(column[0]) for key, column in filled.items()}}


def unprinted_differences(columns: Columns, rules: RuleSet) -> bool:
    """Fill, in place, each declared difference of one sign (预算调整数 = 调整后预算数 − 年初预算数) a book leaves blank
    from its terms where the book prints them; whether any was filled. A difference of either sign (变动数) is not:
    which way it runs is the form's to say."""
    filled = False
    for diff in rules.differences.values():
        if diff.sign_free or diff.declared not in columns:
            continue
        column = columns[diff.declared]
        worked = sum((t.sign * columns[t.field] for t in diff.terms), np.zeros(len(column)))
        blank = np.isnan(column) & ~np.isnan(worked)
        if blank.any():
            columns[diff.declared] = np.where(blank, worked, column)
            filled = True
    return filled
