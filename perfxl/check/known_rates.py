"""Which rates a workbook's figures give, and by which formula: the rule set's, or one its score table prints for a
rate; and whether a 附件4 block the template does not print leaves a scored row without its rate."""

from __future__ import annotations

import math

from perfxl.compute.tables import Rows
from perfxl.locate.located import Hit, Located
from perfxl.read.text import label_key
from perfxl.rules import RateDef, RuleSet
from perfxl.rules.standards import parse_standard


def printed_rates(row: Rows, rules: RuleSet) -> dict[str, tuple[RateDef, float]]:
    """Rate -> the formula the score table prints for it and its value, where it prints one of its own (on an
    indicator's row, or a row no indicator covers)."""
    out = {name: d for ind, d in row.defined.items() if (name := rules.rate_of(rules.indicator(ind)))}
    return out | {other.rate: (other.formula, other.value) for other in row.other_scores if other.formula is not None}


def known_rates(row: Rows, printed: dict[str, tuple[RateDef, float]], rules: RuleSet) -> frozenset[str]:
    """The rates the workbook gives: by the rule set's formula, or one its score table prints (``printed``:
    ``printed_rates``), or as a row states it in its own words ("…变动率为-5.88%": ``Rows.stated``)."""
    given = {name for name, (_, value) in printed.items() if not math.isnan(value)}
    given |= {name for ind in row.stated if (name := rules.rate_of(rules.indicator(ind)))}
    return frozenset(name for name, value in row.rates.items() if not math.isnan(value)) | frozenset(given)


def scored_over(book: Located, rules: RuleSet, absent: set[str], known: frozenset[str]) -> bool:
    """Whether a row of the workbook's score table is scored on a rate over a block the 附件4 does not print
    (``absent``: "「三公经费变动情况」栏目" …) that its figures do not give otherwise (``known``): then its score cannot
    be checked, a warning; else the template's own shape, said as info."""
    blocks = {
        f"{form_id}.{block.id}"
        for form_id, form in rules.forms.items()
        for block in form.blocks
        if f"「{block.titles[0]}」栏目" in absent
    }
    named = {rules.rate_of(rules.indicator(name)) for name in book.indicators}
    named |= {rules.rate_keys.get(label_key(row.name)) for row in book.others}
    return any(
        any(term.field.rpartition(".")[0] in blocks for term in (*rate.num, *rate.den))
        for name, rate in rules.rates.items()
        if name in named and name not in known
    )


def _none_full(standard: Hit | None) -> bool:
    """Whether a row's printed 评价标准 scores none of what its rate is of as full marks ("无政府采购的计满分")."""
    if standard is None or not isinstance(standard.raw, str):
        return False
    rule = parse_standard(standard.raw, None).rule
    return rule is not None and rule.absent == "full"


def needed_fields(book: Located, rules: RuleSet) -> frozenset[str]:
    """The 附件4 fields some rate needs that the workbook prints (its declared cell) or scores (a score-table row) —
    not one whose absence its rule scores as full marks (楼堂馆所: no such project)."""
    named = {
        rules.rate_of(rules.indicator(name))
        for name, hit in book.indicators.items()
        if rules.indicator(name).rule.absent != "full" and not _none_full(hit.standard)
    }
    named |= {rules.rate_keys.get(label_key(row.name)) for row in book.others if not _none_full(row.standard)}
    return frozenset(
        field
        for name, rate in rules.rates.items()
        if name in named or (rate.declared is not None and rate.declared in book.fields)
        for field in rate.inputs
    )
