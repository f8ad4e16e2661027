"""``--rules auto``: every built-in rule set a candidate, each workbook read by the one that fits what it prints
(``perfxl.locate.choose``).

A batch under ``auto`` may read its returns by several rule sets; what is batch-wide (the summary's columns, its
title) is the union of the candidates (``summary_rules``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from perfxl.rules.load import DEFAULT_RULES, available_rules, load_rules
from perfxl.rules.model import IndicatorDef, RateDef, RuleSet

AUTO = "auto"
AUTO_TITLE = "自动选择(按各工作簿所印的表格)"


@dataclass(frozen=True)
class AutoRules:
    """The candidates of ``--rules auto``, the default rule set first (it wins a tie)."""

    candidates: tuple[RuleSet, ...]

    name = AUTO
    title = AUTO_TITLE

    def named(self, name: str) -> RuleSet:
        """The candidate of that name (a result names the rule set that read it)."""
        return next(r for r in self.candidates if r.name == name)

    @cached_property
    def union(self) -> RuleSet:
        """The default rule set with every candidate's rates and indicators (first of each name), for what is
        batch-wide: the summary's columns."""
        first = self.candidates[0]
        rates: dict[str, RateDef] = {}
        indicators: dict[str, IndicatorDef] = {}
        for rules in self.candidates:
            for name, rate in rules.rates.items():
                rates.setdefault(name, rate)
            for ind in rules.indicators:
                indicators.setdefault(ind.name, ind)
        return replace(first, name=AUTO, title=AUTO_TITLE, rates=rates, indicators=tuple(indicators.values()))


Rules = RuleSet | AutoRules


@lru_cache(maxsize=1)
def auto_rules() -> AutoRules:
    """Every built-in rule set, loaded once per process."""
    names = sorted(available_rules(), key=lambda name: name != DEFAULT_RULES)
    return AutoRules(tuple(load_rules(name) for name in names))


def resolve_rules(name_or_path: str | Path | Rules) -> Rules:
    """A rule set by name or path, or ``auto``."""
    if isinstance(name_or_path, RuleSet | AutoRules):
        return name_or_path
    if str(name_or_path) == AUTO:
        return auto_rules()
    return load_rules(name_or_path)


def summary_rules(rules: Rules) -> RuleSet:
    """The rule set a batch-wide table is laid out by."""
    return rules.union if isinstance(rules, AutoRules) else rules


def rules_of(rules: Rules, name: str | None) -> RuleSet:
    """The rule set that read a result (``FileResult.rules``)."""
    if isinstance(rules, AutoRules):
        return rules.named(name) if name else rules.candidates[0]
    return rules
