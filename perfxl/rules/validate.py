"""Check a whole rule file and build its RuleSet, collecting every problem before reporting any.

The raw mapping (``extends:`` already resolved by ``perfxl.rules.load``) is checked section by section;
every key must be one the code reads, and every number of the domain rules comes from the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any, cast

from perfxl.read.text import label_key
from perfxl.rules.checker import Checker
from perfxl.rules.model import (
    Absent,
    Aggregate,
    Band,
    CrossCheck,
    DiffDef,
    FormDef,
    Grade,
    IndicatorDef,
    RateDef,
    RuleKind,
    RuleSet,
    ScoreRule,
    Steps,
    Term,
)
from perfxl.rules.validate_forms import forms

FORMAT = "perfxl-rules/1"
_TOP_KEYS = (
    "format",
    "name",
    "title",
    "source",
    "extends",
    "tolerance",
    "grades",
    "unit_labels",
    "forms",
    "rates",
    "differences",
    "groups",
    "indicators",
    "cross_checks",
)
_RULE_KINDS = ("over", "under", "bands", "proportional", "declared")
_STEPS = ("linear", "floor", "ceil")
_RULE_KEYS = {
    "declared": ("kind", "why", "standard"),
    "bands": ("kind", "rate", "absent", "bands"),
    "proportional": ("kind", "rate", "absent", "cap"),
    "over": ("kind", "rate", "threshold", "per", "deduct", "steps", "absent"),
    "under": ("kind", "rate", "threshold", "per", "deduct", "steps", "absent"),
}
_FULL_SCORE = 100.0  # 百分制: the groups' weights and every grade's minimum are on this scale

Groups = Mapping[str, tuple[float, Mapping[str, float]]]


def validate(raw: dict[str, Any], path: str, problems: list[str]) -> RuleSet | None:
    """The RuleSet of a raw rule mapping, or None with every problem appended to ``problems``."""
    check = Checker(problems)
    check.known("", raw, _TOP_KEYS)
    if raw.get("format") != FORMAT:
        check.bad("format", f"应为 {FORMAT}, 实为 {raw.get('format')!r}")
    name = check.text("name", raw.get("name"))
    title = check.text("title", raw.get("title"))
    money_tol, score_tol = _tolerance(check, raw.get("tolerance"))
    form_defs = forms(check, check.mapping("forms", raw.get("forms")))
    field_keys = {f.key for form in form_defs.values() for b in form.blocks for f in b.fields}
    rates = _rates(check, check.mapping("rates", raw.get("rates", {})), field_keys)
    diffs = _differences(check, check.mapping("differences", raw.get("differences", {})), field_keys)
    groups = _groups(check, check.mapping("groups", raw.get("groups", {})))
    has_score_table = any(f.kind == "score_table" for f in form_defs.values())
    indicators = _indicators(check, raw.get("indicators", []), rates, groups, has_score_table)
    grades = _grades(check, raw.get("grades"))
    unit_labels = check.labels("unit_labels", raw.get("unit_labels"))
    cross_checks = _cross_checks(check, raw.get("cross_checks", []), form_defs)
    if problems:
        return None
    return RuleSet(
        name=name,
        title=title,
        source=str(raw.get("source", "")),
        path=path,
        money_tol=money_tol,
        score_tol=score_tol,
        grades=grades,
        unit_labels=unit_labels,
        forms=form_defs,
        rates=rates,
        differences=diffs,
        groups=groups,
        indicators=indicators,
        cross_checks=cross_checks,
    )


def _tolerance(check: Checker, raw: object) -> tuple[float, float]:
    """(money in 万元, score in 分): how far a declared figure may be from the computed one and agree."""
    spec = check.mapping("tolerance", raw)
    check.known("tolerance", spec, ("money", "score"))
    out = []
    for key in ("money", "score"):
        before = len(check.problems)
        value = check.number(f"tolerance.{key}", spec.get(key))
        if len(check.problems) == before and not 0 <= value < 1:
            check.bad(f"tolerance.{key}", f"{value:g} 应不小于 0 且小于 1")
        out.append(value)
    return out[0], out[1]


def _grades(check: Checker, raw: object) -> tuple[Grade, ...]:
    """Grades of the total, best first: each from its ``min`` up to the better grade's ``min``."""
    if not isinstance(raw, list) or not raw:
        check.bad("grades", "应为非空的等级列表")
        return ()
    grades = []
    for i, spec in enumerate(raw):
        where = f"grades[{i}]"
        spec = check.mapping(where, spec)
        check.known(where, spec, ("grade", "min"))
        grade = check.text(f"{where}.grade", spec.get("grade"))
        grades.append(Grade(grade, check.between(f"{where}.min", spec.get("min"), 0, _FULL_SCORE)))
    mins = [g.min for g in grades]
    if any(low >= high for high, low in pairwise(mins)):
        check.bad("grades", "min 应从高到低排列")
    if mins[-1] != 0:
        check.bad("grades", f"最后一档的 min 应为 0(其余情况), 实为 {mins[-1]:g}")
    names = [g.grade for g in grades]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        check.bad("grades", f"等级重复: {'、'.join(dupes)}")
    return tuple(grades)


def _terms(check: Checker, where: str, raw: object, field_keys: set[str]) -> tuple[Term, ...]:
    if not isinstance(raw, list) or not raw:
        check.bad(where, "应为非空的字段列表")
        return ()
    terms = []
    for item in raw:
        text = str(item)
        sign = -1 if text.startswith("-") else 1
        key = text.lstrip("+-")
        if key not in field_keys:
            check.bad(where, f"未知字段 {key}")
        terms.append(Term(key, sign))
    return tuple(terms)


def _rates(check: Checker, raw: dict[str, Any], field_keys: set[str]) -> dict[str, RateDef]:
    out = {}
    for name, spec in raw.items():
        where = f"rates.{name}"
        spec = check.mapping(where, spec)
        check.known(where, spec, ("num", "den", "declared"))
        declared = spec.get("declared")
        if declared is not None and declared not in field_keys:
            check.bad(f"{where}.declared", f"未知字段 {declared}")
        out[name] = RateDef(
            name=name,
            num=_terms(check, f"{where}.num", spec.get("num"), field_keys),
            den=_terms(check, f"{where}.den", spec.get("den"), field_keys),
            declared=declared,
        )
    return out


def _differences(check: Checker, raw: dict[str, Any], field_keys: set[str]) -> dict[str, DiffDef]:
    out = {}
    for name, spec in raw.items():
        where = f"differences.{name}"
        spec = check.mapping(where, spec)
        check.known(where, spec, ("terms", "declared", "sign_free"))
        declared = str(spec.get("declared"))
        if declared not in field_keys:
            check.bad(f"{where}.declared", f"未知字段 {declared}")
        out[name] = DiffDef(
            name=name,
            terms=_terms(check, f"{where}.terms", spec.get("terms"), field_keys),
            declared=declared,
            sign_free=check.flag(f"{where}.sign_free", spec.get("sign_free"), False),
        )
    return out


def _groups(check: Checker, raw: dict[str, Any]) -> dict[str, tuple[float, Mapping[str, float]]]:
    out: dict[str, tuple[float, Mapping[str, float]]] = {}
    for name, spec in raw.items():
        where = f"groups.{name}"
        spec = check.mapping(where, spec)
        check.known(where, spec, ("weight", "children"))
        weight = check.number(f"{where}.weight", spec.get("weight"))
        children = {
            str(k): check.number(f"{where}.children.{k}", v)
            for k, v in check.mapping(f"{where}.children", spec.get("children", {})).items()
        }
        if children and abs(sum(children.values()) - weight) > 1e-9:
            check.bad(where, f"二级指标分值之和 {sum(children.values()):g} ≠ {weight:g}")
        out[name] = (weight, children)
    return out


def _rule(check: Checker, where: str, raw: dict[str, Any], rates: Mapping[str, RateDef], weight: float) -> ScoreRule:
    kind = cast(RuleKind, check.choice(f"{where}.kind", raw.get("kind"), _RULE_KINDS))
    check.known(where, raw, _RULE_KEYS[kind])
    if kind == "declared":
        return ScoreRule(kind=kind, why=str(raw.get("why", "")), printed=str(raw.get("standard", "")))
    rate = raw.get("rate")
    if rate not in rates:
        check.bad(f"{where}.rate", f"未知的比率 {rate!r}(已定义: {'、'.join(rates)})")
    absent = cast(Absent, check.choice(f"{where}.absent", raw.get("absent"), ("full", "missing"), "missing"))
    if kind == "bands":
        return ScoreRule(kind=kind, rate=str(rate), absent=absent, bands=_bands(check, where, raw, weight))
    if kind == "proportional":
        cap = check.flag(f"{where}.cap", raw.get("cap"), True)
        return ScoreRule(kind=kind, rate=str(rate), absent=absent, cap=cap)
    per = check.number(f"{where}.per", raw.get("per"))
    if raw.get("per") is not None and per <= 0:
        check.bad(f"{where}.per", "应大于 0")
    return ScoreRule(
        kind=kind,
        rate=str(rate),
        threshold=check.number(f"{where}.threshold", raw.get("threshold")),
        per=per,
        deduct=check.number(f"{where}.deduct", raw.get("deduct")),
        steps=cast(Steps, check.choice(f"{where}.steps", raw.get("steps"), _STEPS, "linear")),
        absent=absent,
    )


def _bands(check: Checker, where: str, raw: dict[str, Any], weight: float) -> tuple[Band, ...]:
    """A band ends at ``upto`` (included) or ``below`` (excluded); the last band, without either, is the rest."""
    bands = []
    for i, band in enumerate(raw.get("bands") or []):
        bwhere = f"{where}.bands[{i}]"
        band = check.mapping(bwhere, band)
        check.known(bwhere, band, ("upto", "below", "score"))
        score = check.number(f"{bwhere}.score", band.get("score"))
        if not 0 <= score <= weight:
            check.bad(f"{bwhere}.score", f"{score:g} 超出 0~{weight:g}")
        if "upto" in band and "below" in band:
            check.bad(bwhere, "upto 与 below 只能有一个")
        bound = band.get("below", band.get("upto"))
        upto = None if bound is None else check.number(f"{bwhere}.{'below' if 'below' in band else 'upto'}", bound)
        bands.append(Band(upto, score, included="below" not in band))
    if not bands or bands[-1].upto is not None:
        check.bad(f"{where}.bands", "最后一档应不设 upto(其余情况)")
    ends = [(b.upto, b.included) for b in bands if b.upto is not None]
    if ends != sorted(ends):
        check.bad(f"{where}.bands", "upto 应从小到大排列")
    # A band ending where the one before it ends is reached only when the earlier band stops below the bound.
    for (upto, included), (nxt, _) in pairwise(ends):
        if upto == nxt and included:
            check.bad(f"{where}.bands", f"有一档永远取不到(两档都到 {upto:g} 为止)")
    return tuple(bands)


def _indicators(
    check: Checker, raw: object, rates: Mapping[str, RateDef], groups: Groups, required: bool
) -> tuple[IndicatorDef, ...]:
    if not isinstance(raw, list) or (required and not raw):
        check.bad("indicators", "应为非空的指标列表(规则含计分表时)")
        return ()
    out = []
    children = {child: w for _, (_, kids) in groups.items() for child, w in kids.items()}
    for i, spec in enumerate(raw):
        where = f"indicators[{i}]"
        spec = check.mapping(where, spec)
        name = spec.get("name")
        if not isinstance(name, str) or not name:
            check.bad(f"{where}.name", "缺少指标名称")
            continue
        where = f"indicators[{i}]({name})"
        check.known(where, spec, ("name", "aliases", "group", "weight", "rule"))
        weight = check.number(f"{where}.weight", spec.get("weight"))
        group = str(spec.get("group", ""))
        if children and group not in children:
            check.bad(f"{where}.group", f"未知的二级指标 {group!r}")
        aliases = spec.get("aliases")
        out.append(
            IndicatorDef(
                name=name,
                aliases=() if aliases is None else check.labels(f"{where}.aliases", aliases),
                group=group,
                weight=weight,
                rule=_rule(check, f"{where}.rule", check.mapping(f"{where}.rule", spec.get("rule")), rates, weight),
            )
        )
    keys = [label_key(lbl) for ind in out for lbl in ind.labels]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        check.bad("indicators", f"指标名称重复: {'、'.join(dupes)}")
    for group, weight in children.items():
        total = sum(ind.weight for ind in out if ind.group == group)
        if abs(total - weight) > 1e-9:
            check.bad(f"groups({group})", f"三级指标分值之和 {total:g} ≠ {weight:g}")
    if groups:
        total = sum(w for w, _ in groups.values())
        if abs(total - _FULL_SCORE) > 1e-9:
            check.bad("groups", f"一级指标分值之和 {total:g} ≠ {_FULL_SCORE:g}")
    return tuple(out)


def _cross_checks(check: Checker, raw: object, form_defs: Mapping[str, FormDef]) -> tuple[CrossCheck, ...]:
    if not isinstance(raw, list):
        check.bad("cross_checks", "应为列表")
        return ()
    keys = {f.key for form in form_defs.values() for b in form.blocks for f in b.fields}
    specs = [f.self_eval for f in form_defs.values() if f.self_eval is not None]
    variants = {vid for spec in specs for vid, _, _ in spec.variants}
    rows = {rid for spec in specs for rid in spec.funds_rows}
    out = []
    for i, spec in enumerate(raw):
        where = f"cross_checks[{i}]"
        spec = check.mapping(where, spec)
        check.known(where, spec, ("field", "variant", "row", "column", "item", "note", "aggregate"))
        if spec.get("field") not in keys:
            check.bad(f"{where}.field", f"未知字段 {spec.get('field')!r}")
        variant = check.choice(f"{where}.variant", spec.get("variant"), tuple(sorted(variants)) or ("",))
        row = check.choice(f"{where}.row", spec.get("row"), tuple(sorted(rows)) or ("",))
        column = check.choice(f"{where}.column", spec.get("column"), ("initial", "annual", "executed"))
        aggregate = cast(
            Aggregate, check.choice(f"{where}.aggregate", spec.get("aggregate"), ("first", "sum"), "first")
        )
        out.append(
            CrossCheck(
                str(spec.get("field")),
                variant,
                row,
                column,
                check.text(f"{where}.item", spec.get("item")),
                str(spec.get("note", "")),
                aggregate,
            )
        )
    return tuple(out)
