"""Check the ``forms:`` section of a rule file and build its FormDefs: blocks forms, score tables, 自评表."""

from __future__ import annotations

from typing import Any, cast

from perfxl.read.text import label_key
from perfxl.rules.checker import Checker
from perfxl.rules.model import (
    BlockDef,
    EvalTemplate,
    FieldDef,
    FieldType,
    FormDef,
    FormKind,
    OverAchievement,
    SelfEvalDef,
    Tier,
)

_FIELD_TYPES = ("count", "money", "number", "rate", "yesno")
_FORM_KINDS = ("blocks", "score_table", "self_eval")
_FORM_KEYS = ("title", "short", "kind")
_KIND_KEYS = {
    "blocks": ("blocks", "min_blocks"),
    "score_table": ("columns", "min_indicators", "total_labels", "grade_labels"),
    "self_eval": (
        "variants",
        "header",
        "funds",
        "indicators",
        "tiers",
        "over_achievement",
        "indicator_weight_total",
        "levels",
        "level_names",
        "marks",
        "template",
    ),
}
# What a regional 自评表 prints that the national one does not: an indicator table's 得分系数 column, amounts
# split into 总数 / 其中:财政资金. A workbook with these is read by the rule set that names them (--rules auto).
_MARKS = ("coefficient", "funds_split")
# The column roles the code reads; the first ones of each are required.
_SCORE_COLUMNS = ("level1", "level2", "level3", "weight", "score", "standard", "note")
_SCORE_REQUIRED = _SCORE_COLUMNS[:5]
_FUNDS_COLUMNS = ("annual", "executed", "initial", "weight", "rate", "score", "deduction")
_FUNDS_REQUIRED = _FUNDS_COLUMNS[:2]
_INDICATOR_KEYS = (
    "columns",
    "weak",
    "total_labels",
    "grade_labels",
    "subtotal_labels",
    "numbering_labels",
    "placeholder_labels",
    "name_labels",
    "lower_is_better",
)
_FUNDS_KEYS = ("columns", "weak", "split", "rows", "breakdown", "uses", "lists", "weight", "cap")
_INDICATOR_COLUMNS = (
    *("level3", "target", "actual", "weight"),
    *("level1", "level2", "unit", "nature", "coefficient", "score", "deduction", "reason", "standard", "note"),
    *("target_adjusted", "completion", "operator", "level4"),
)
_INDICATOR_REQUIRED = _INDICATOR_COLUMNS[:4]
_HEADER_ROLES = ("project", "unit", "declared_total")
_FULL_SCORE = 100.0  # 百分制: a 自评表's 执行率 weight and its indicators' weights add up to this


def forms(check: Checker, raw: dict[str, Any]) -> dict[str, FormDef]:
    """Every form of the rule set, by id."""
    out: dict[str, FormDef] = {}
    for form_id, spec in raw.items():
        where = f"forms.{form_id}"
        spec = check.mapping(where, spec)
        kind = cast(FormKind, check.choice(f"{where}.kind", spec.get("kind"), _FORM_KINDS))
        check.known(where, spec, (*_FORM_KEYS, *_KIND_KEYS[kind]))
        title = spec.get("title")
        if not isinstance(title, str):
            check.bad(f"{where}.title", "缺少表名")
        short = str(spec.get("short", ""))
        if kind == "blocks":
            blocks = _blocks(check, where, form_id, check.mapping(f"{where}.blocks", spec.get("blocks")))
            min_found = _count(check, f"{where}.min_blocks", spec.get("min_blocks"))
            out[form_id] = FormDef(form_id, str(title), short, kind, min_found, blocks=blocks)
        elif kind == "self_eval":
            out[form_id] = FormDef(form_id, str(title), short, kind, 1, self_eval=_self_eval(check, where, spec))
        else:
            out[form_id] = FormDef(
                form_id,
                str(title),
                short,
                kind,
                min_found=_count(check, f"{where}.min_indicators", spec.get("min_indicators")),
                columns=label_map(check, f"{where}.columns", spec.get("columns"), _SCORE_COLUMNS, _SCORE_REQUIRED),
                total_labels=check.labels(f"{where}.total_labels", spec.get("total_labels")),
                grade_labels=check.labels(f"{where}.grade_labels", spec.get("grade_labels")),
            )
    if not out:
        check.bad("forms", "至少需要一张表")
    return out


def _count(check: Checker, where: str, value: object) -> int:
    """How many labels must be found for a sheet to hold a form: a whole number ≥ 1."""
    before = len(check.problems)
    number = check.number(where, value)
    if len(check.problems) == before and (number < 1 or number != int(number)):
        check.bad(where, f"应为不小于 1 的整数, 实为 {value!r}")
    return int(number)


def label_map(
    check: Checker,
    where: str,
    raw: object,
    roles: tuple[str, ...] | None = None,
    required: tuple[str, ...] = (),
) -> dict[str, tuple[str, ...]]:
    """Labels by role; ``roles`` (when given) are the only roles the code reads."""
    spec = check.mapping(where, raw)
    if roles is not None:
        check.known(where, spec, roles)
    out = {str(k): check.labels(f"{where}.{k}", v) for k, v in spec.items()}
    for role in required:
        if role not in out:
            check.bad(where, f"缺少 {role} 的标签")
    return out


def _optional_labels(check: Checker, where: str, spec: dict[str, Any], key: str) -> tuple[str, ...]:
    return check.labels(f"{where}.{key}", spec[key]) if key in spec else ()


def _self_eval(check: Checker, where: str, spec: dict[str, Any]) -> SelfEvalDef:
    variants = []
    titled: dict[str, tuple[str, ...]] = {}
    for vid, vspec in check.mapping(f"{where}.variants", spec.get("variants")).items():
        vwhere = f"{where}.variants.{vid}"
        vspec = check.mapping(vwhere, vspec)
        check.known(vwhere, vspec, ("title", "when", "titled"))
        when = vspec.get("when", [])
        variants.append((str(vid), str(vspec.get("title", vid)), check.labels(f"{vwhere}.when", when) if when else ()))
        if vspec.get("titled"):
            titled[str(vid)] = check.labels(f"{vwhere}.titled", vspec["titled"])
    if not variants or variants[-1][2]:
        check.bad(f"{where}.variants", "至少需要一种变体，且最后一种不设 when(其余情况)")
    funds = check.mapping(f"{where}.funds", spec.get("funds"))
    check.known(f"{where}.funds", funds, _FUNDS_KEYS)
    indicators = check.mapping(f"{where}.indicators", spec.get("indicators"))
    check.known(f"{where}.indicators", indicators, _INDICATOR_KEYS)
    funds_weight = check.between(f"{where}.funds.weight", funds.get("weight"), 0, _FULL_SCORE)
    weight_total = check.between(f"{where}.indicator_weight_total", spec.get("indicator_weight_total"), 0, _FULL_SCORE)
    if abs(funds_weight + weight_total - _FULL_SCORE) > 1e-9:
        check.bad(
            where,
            f"执行率分值 {funds_weight:g} 与指标分值之和 {weight_total:g} 相加应为 {_FULL_SCORE:g}",
        )
    return SelfEvalDef(
        variants=tuple(variants),
        variant_titles=titled,
        header=label_map(check, f"{where}.header", spec.get("header", {}), _HEADER_ROLES),
        funds_columns=label_map(check, f"{where}.funds.columns", funds.get("columns"), _FUNDS_COLUMNS, _FUNDS_REQUIRED),
        funds_split=check.labels(f"{where}.funds.split", funds.get("split")),
        funds_rows=label_map(check, f"{where}.funds.rows", funds.get("rows", {})),
        funds_weight=funds_weight,
        funds_cap=check.flag(f"{where}.funds.cap", funds.get("cap")),
        indicator_columns=label_map(
            check, f"{where}.indicators.columns", indicators.get("columns"), _INDICATOR_COLUMNS, _INDICATOR_REQUIRED
        ),
        indicator_weak=(
            label_map(check, f"{where}.indicators.weak", indicators["weak"], _INDICATOR_COLUMNS)
            if "weak" in indicators
            else {}
        ),
        total_labels=check.labels(f"{where}.indicators.total_labels", indicators.get("total_labels")),
        funds_breakdown=check.labels(f"{where}.funds.breakdown", funds["breakdown"]) if "breakdown" in funds else (),
        funds_uses=check.labels(f"{where}.funds.uses", funds["uses"]) if "uses" in funds else (),
        funds_lists=check.labels(f"{where}.funds.lists", funds["lists"]) if "lists" in funds else (),
        funds_weak=label_map(check, f"{where}.funds.weak", funds["weak"], _FUNDS_COLUMNS) if "weak" in funds else {},
        grade_labels=(
            check.labels(f"{where}.indicators.grade_labels", indicators["grade_labels"])
            if "grade_labels" in indicators
            else ()
        ),
        subtotal_labels=_optional_labels(check, f"{where}.indicators", indicators, "subtotal_labels"),
        numbering_labels=_optional_labels(check, f"{where}.indicators", indicators, "numbering_labels"),
        placeholder_labels=_optional_labels(check, f"{where}.indicators", indicators, "placeholder_labels"),
        name_labels=_optional_labels(check, f"{where}.indicators", indicators, "name_labels"),
        lower_is_better=_optional_labels(check, f"{where}.indicators", indicators, "lower_is_better"),
        tiers=_tiers(check, f"{where}.tiers", spec.get("tiers")),
        over_achievement=_over_achievement(check, f"{where}.over_achievement", spec.get("over_achievement")),
        levels=label_map(check, f"{where}.levels", spec.get("levels", {})),
        level_names=label_map(check, f"{where}.level_names", spec.get("level_names", {})),
        indicator_weight_total=weight_total,
        marks=_marks(check, f"{where}.marks", spec.get("marks", [])),
        template=_template(check, f"{where}.template", spec.get("template", {}), funds, indicators),
    )


# The indicator columns a printed 自评表 must have; the funds block's columns (each amount split in two when the
# template says so) start in column B when it prints one line, in C (after the row labels) when it prints more.
_TEMPLATE_REQUIRED = ("level1", "level2", "level3", "weight", "score")
_FUNDS_PRINTED = 6


def _template(
    check: Checker, where: str, raw: object, funds: dict[str, Any], indicators: dict[str, Any]
) -> EvalTemplate:
    spec = check.mapping(where, raw)
    check.known(where, spec, ("indicators", "funds_rows", "split", "labels", "funds_title"))
    default = EvalTemplate()
    columns = check.labels(f"{where}.indicators", spec["indicators"]) if "indicators" in spec else default.indicators
    rows = check.labels(f"{where}.funds_rows", spec["funds_rows"]) if "funds_rows" in spec else ()
    labels = {
        str(k): check.text(f"{where}.labels.{k}", v)
        for k, v in check.mapping(f"{where}.labels", spec.get("labels", {})).items()
    }
    titles = {
        str(k): check.text(f"{where}.funds_title.{k}", v)
        for k, v in check.mapping(f"{where}.funds_title", spec.get("funds_title", {})).items()
    }
    split = check.flag(f"{where}.split", spec.get("split"), default=False)
    known: dict[str, Any] = indicators["columns"] if isinstance(indicators.get("columns"), dict) else {}
    for role in columns:
        if role not in _INDICATOR_COLUMNS or (role not in known and role not in labels):
            check.bad(f"{where}.indicators", f"{role} 不是规则中有标签的指标列")
    missing = [role for role in _TEMPLATE_REQUIRED if role not in columns]
    if missing or len(set(columns)) != len(columns):
        check.bad(f"{where}.indicators", f"应含 {'、'.join(_TEMPLATE_REQUIRED)} 且各列只出现一次")
    funds_rows: dict[str, Any] = funds["rows"] if isinstance(funds.get("rows"), dict) else {}
    for row in rows:
        if row not in funds_rows:
            check.bad(f"{where}.funds_rows", f"{row} 不是 funds.rows 中的行")
    if split and len(funds.get("split") or ()) < 2:
        check.bad(f"{where}.split", "拆分金额需要 funds.split 给出两个词(如 总数、其中:财政资金)")
    printed = len(rows) if rows else len(funds_rows)
    needed = (1 if printed == 1 else 2) + _FUNDS_PRINTED + (3 if split else 0)
    if needed > len(columns):
        check.bad(where, f"资金表需要 {needed} 列，多于指标表的 {len(columns)} 列")
    return EvalTemplate(columns, rows, split, labels, titles)


def _marks(check: Checker, where: str, raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list) or any(mark not in _MARKS for mark in raw):
        check.bad(where, f"应为以下标记的列表: {', '.join(_MARKS)}")
        return ()
    return tuple(str(mark) for mark in raw)


def _tiers(check: Checker, where: str, raw: object) -> tuple[Tier, ...]:
    """定性 indicators: each grade's share of 分值, [low, high]."""
    if not isinstance(raw, list) or not raw:
        check.bad(where, "缺少定性指标的档次")
        return ()
    tiers = []
    for i, tier in enumerate(raw):
        twhere = f"{where}[{i}]"
        tier = check.mapping(twhere, tier)
        check.known(twhere, tier, ("grade", "low", "high"))
        grade = check.text(f"{twhere}.grade", tier.get("grade"))
        low = check.number(f"{twhere}.low", tier.get("low"))
        high = check.number(f"{twhere}.high", tier.get("high"))
        if not 0 <= low <= high <= 1:
            check.bad(twhere, "应满足 0 ≤ low ≤ high ≤ 1")
        tiers.append(Tier(grade, low, high))
    names = [t.grade for t in tiers]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        check.bad(where, f"档次重复: {'、'.join(dupes)}")
    return tuple(tiers)


def _over_achievement(check: Checker, where: str, raw: object) -> OverAchievement:
    """正向: actual ≥ up × target; 反向: actual ≤ down × target: the target may have been set too loosely."""
    spec = check.mapping(where, raw)
    check.known(where, spec, ("up", "down"))
    up = check.number(f"{where}.up", spec.get("up"))
    down = check.number(f"{where}.down", spec.get("down"))
    if spec.get("up") is not None and up <= 1:
        check.bad(f"{where}.up", f"应大于 1(实际值为目标的倍数), 实为 {up:g}")
    if spec.get("down") is not None and not 0 < down < 1:
        check.bad(f"{where}.down", f"应在 0～1 之间(实际值为目标的比例), 实为 {down:g}")
    return OverAchievement(up, down)


def _blocks(check: Checker, where: str, form_id: str, raw: dict[str, Any]) -> tuple[BlockDef, ...]:
    blocks = []
    for block_id, spec in raw.items():
        bwhere = f"{where}.blocks.{block_id}"
        spec = check.mapping(bwhere, spec)
        check.known(bwhere, spec, ("title", "optional", "fields"))
        fields = []
        for field_id, fspec in check.mapping(f"{bwhere}.fields", spec.get("fields")).items():
            fwhere = f"{bwhere}.fields.{field_id}"
            fspec = check.mapping(fwhere, fspec)
            check.known(fwhere, fspec, ("label", "type", "derived", "optional"))
            fields.append(
                FieldDef(
                    key=f"{form_id}.{block_id}.{field_id}",
                    labels=check.labels(f"{fwhere}.label", fspec.get("label")),
                    type=cast(FieldType, check.choice(f"{fwhere}.type", fspec.get("type"), _FIELD_TYPES)),
                    derived=check.flag(f"{fwhere}.derived", fspec.get("derived"), False),
                    optional=check.flag(f"{fwhere}.optional", fspec.get("optional"), False),
                )
            )
        keys = [label_key(lbl) for f in fields for lbl in f.labels]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            check.bad(bwhere, f"同一块内标签重复: {'、'.join(dupes)}")
        blocks.append(
            BlockDef(
                id=block_id,
                titles=check.labels(f"{bwhere}.title", spec.get("title")),
                optional=check.flag(f"{bwhere}.optional", spec.get("optional"), False),
                fields=tuple(fields),
            )
        )
    return tuple(blocks)
