"""The ``values`` a template is filled with: each key checked and sorted by where it goes (``Fill``).

A wrong key or a value a cell cannot hold raises ValueError before anything is written.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from perfxl.rules import RuleSet, SelfEvalDef
from perfxl.write.templates.selfeval_layout import (
    EVAL_AMOUNTS,
    EVAL_HEADER,
    EVAL_ROW_KEYS,
    layout_of,
    printed_funds_rows,
)


@dataclass
class Fill:
    """The ``values`` given to write_template, checked and sorted by where they go."""

    fields: dict[str, object] = field(default_factory=dict)
    scores: dict[str, object] = field(default_factory=dict)
    merges: list[tuple[str, ...]] = field(default_factory=list)
    other: dict[str, object] = field(default_factory=dict)  # "total", "grade"
    year: int | None = None
    evals: dict[str, dict[str, object]] = field(default_factory=dict)  # 自评表 variant -> slot -> value
    eval_rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)  # variant -> indicator rows


def _cell_value(key: str, value: object) -> object:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return value
    raise ValueError(f"template value {key!r}: expected a number, a string or None, got {value!r}")


def _merge_groups(value: object, names: list[str]) -> list[tuple[str, ...]]:
    if not isinstance(value, list | tuple):
        raise ValueError("merge_scores: expected a list of lists of indicator names")
    groups: list[tuple[str, ...]] = []
    for group in value:
        members = tuple(group) if isinstance(group, list | tuple) else ()
        if len(members) < 2 or any(m not in names for m in members):
            raise ValueError(f"merge_scores: {group!r} is not a list of two or more indicator names")
        rows = [names.index(m) for m in members]
        if rows != list(range(rows[0], rows[0] + len(rows))):
            raise ValueError(f"merge_scores: {group!r} are not adjacent indicators in rule order")
        if any(set(members) & set(other) for other in groups):
            raise ValueError(f"merge_scores: {group!r} overlaps another group")
        groups.append(members)
    return groups


def _self_eval(rules: RuleSet) -> SelfEvalDef | None:
    return next((form.self_eval for form in rules.forms.values() if form.self_eval is not None), None)


def _eval_keys(spec: SelfEvalDef) -> dict[str, tuple[str, str]]:
    """Every 自评表 values key -> (variant, slot)."""
    keys: dict[str, tuple[str, str]] = {}
    for variant, _, when in spec.variants:
        slots = [cell[0] for row in EVAL_HEADER[layout_of(when)] for cell in row]
        slots += ["goal.expected", "goal.actual", "indicators", "total_score"]
        fiscal = tuple(f"{a}_fiscal" for a in EVAL_AMOUNTS) if spec.template.split else ()
        for i, row in enumerate(printed_funds_rows(spec)):
            columns = (*EVAL_AMOUNTS, *fiscal, "rate", *(("weight", "score") if i == 0 else ()))
            slots += [f"funds.{row}.{column}" for column in columns]
        keys.update({f"eval.{variant}.{slot}": (variant, slot) for slot in slots})
    return keys


def _eval_rows(key: str, value: object) -> list[dict[str, object]]:
    if not isinstance(value, list | tuple) or not value:
        raise ValueError(f"{key}: expected a non-empty list of indicator rows")
    rows = []
    for item in value:
        if not isinstance(item, Mapping) or not set(item) <= set(EVAL_ROW_KEYS):
            raise ValueError(f"{key}: {item!r} is not a dict with keys among {', '.join(EVAL_ROW_KEYS)}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{key}: indicator {item!r} has no name")
        if not all(isinstance(item.get(level, ""), str) for level in ("level1", "level2")):
            raise ValueError(f"{key}: level1 and level2 of {name!r} must be text")
        row = {k: _cell_value(f"{key}: {name} {k}", item.get(k)) for k in EVAL_ROW_KEYS}
        rows.append({**row, "level1": item.get("level1", ""), "level2": item.get("level2", "")})
    return rows


def _year(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value < 2100:
        return value
    raise ValueError(f"year: expected a four-digit year, got {value!r}")


def parse_values(rules: RuleSet, values: Mapping[str, object]) -> Fill:
    """``values`` as given to write_template, checked; ValueError names the first key that is wrong."""
    keys = {f.key for form in rules.forms.values() for b in form.blocks for f in b.fields}
    names = [ind.name for ind in rules.indicators]
    spec = _self_eval(rules)
    eval_keys = _eval_keys(spec) if spec is not None else {}
    fill = Fill()
    for key, value in values.items():
        if key in keys:
            fill.fields[key] = _cell_value(key, value)
        elif key in eval_keys:
            variant, slot = eval_keys[key]
            if slot == "indicators":
                fill.eval_rows[variant] = _eval_rows(key, value)
            else:
                fill.evals.setdefault(variant, {})[slot] = _cell_value(key, value)
        elif key == "year" and spec is not None:
            fill.year = _year(value)
        elif key.startswith("score:") and key[6:] in names:
            fill.scores[key[6:]] = _cell_value(key, value)
        elif key in ("total", "grade"):
            fill.other[key] = _cell_value(key, value)
        elif key == "merge_scores":
            fill.merges = _merge_groups(value, names)
        else:
            raise ValueError(f"unknown template value key {key!r} for rule set {rules.name!r}")
    for group in fill.merges:
        if any(m in fill.scores for m in group[1:]):
            raise ValueError(f"merge_scores: give the score of {group!r} on its first member only")
    return fill
