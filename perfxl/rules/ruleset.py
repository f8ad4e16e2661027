"""Load and validate a rule set: forms, labels, rates, weights, thresholds and deduction styles.

A rule set is a YAML file (``perfxl/rules/data/*.yaml`` or any path). A variant may ``extends:`` another
and replace whole sections. The whole file is checked before any workbook is read, and every problem
is reported at once, in Chinese (``RuleError.problems``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from perfxl.errors import RuleError
from perfxl.read.text import label_key, label_keys

FORMAT = "perfxl-rules/1"
DEFAULT_RULES = "yiyang-2020"
FieldType = Literal["count", "money", "number", "rate", "yesno"]
RuleKind = Literal["over", "under", "bands", "declared"]
Steps = Literal["linear", "floor", "ceil"]
FormKind = Literal["blocks", "score_table", "self_eval"]
_FIELD_TYPES = ("count", "money", "number", "rate", "yesno")
_RULE_KINDS = ("over", "under", "bands", "declared")
_STEPS = ("linear", "floor", "ceil")
_FORM_KINDS = ("blocks", "score_table", "self_eval")
_FUNDS_COLUMNS = ("annual", "executed")
_INDICATOR_COLUMNS = ("level3", "target", "actual", "weight")
_SCORE_COLUMNS = ("level1", "level2", "level3", "weight", "score")
_MERGED_SECTIONS = ("forms", "rates", "differences", "tolerance")


@dataclass(frozen=True)
class FieldDef:
    key: str  # "base_data.staff.quota"
    labels: tuple[str, ...]
    type: FieldType
    derived: bool

    @property
    def name(self) -> str:
        return self.labels[0]

    @cached_property
    def label_keys(self) -> frozenset[str]:
        return label_keys(self.labels)


@dataclass(frozen=True)
class BlockDef:
    id: str
    titles: tuple[str, ...]
    optional: bool
    fields: tuple[FieldDef, ...]

    @cached_property
    def title_keys(self) -> frozenset[str]:
        return label_keys(self.titles)


@dataclass(frozen=True)
class Tier:
    grade: str
    low: float  # share of the weight, inclusive
    high: float  # inclusive


@dataclass(frozen=True)
class SelfEvalDef:
    """A 自评表: header fields, a funds block and an indicator table (DOMAIN §1, §2)."""

    variants: tuple[tuple[str, str, tuple[str, ...]], ...]  # (id, title, labels that identify it)
    header: Mapping[str, tuple[str, ...]]
    funds_columns: Mapping[str, tuple[str, ...]]
    funds_split: tuple[str, ...]
    funds_rows: Mapping[str, tuple[str, ...]]
    funds_weight: float
    funds_cap: bool
    indicator_columns: Mapping[str, tuple[str, ...]]
    total_labels: tuple[str, ...]
    tiers: tuple[Tier, ...]
    over_achievement: float
    levels: Mapping[str, tuple[str, ...]]
    indicator_weight_total: float  # Σ of the indicators' weights the form must show

    @cached_property
    def funds_row_keys(self) -> dict[str, str]:
        """Every funds row label as a key -> the row's id."""
        return {label_key(lbl): rid for rid, lbls in self.funds_rows.items() for lbl in lbls}

    @cached_property
    def funds_column_keys(self) -> dict[str, frozenset[str]]:
        """The funds header labels of each role, as keys."""
        return {role: label_keys(lbls) for role, lbls in self.funds_columns.items()}

    @cached_property
    def indicator_column_keys(self) -> dict[str, frozenset[str]]:
        """The indicator table's header labels of each role, as keys."""
        return {role: label_keys(lbls) for role, lbls in self.indicator_columns.items()}


@dataclass(frozen=True)
class FormDef:
    id: str
    title: str
    short: str
    kind: FormKind
    min_found: int
    blocks: tuple[BlockDef, ...] = ()
    columns: Mapping[str, tuple[str, ...]] | None = None
    total_labels: tuple[str, ...] = ()
    grade_labels: tuple[str, ...] = ()
    self_eval: SelfEvalDef | None = None

    @property
    def display(self) -> str:
        return f"{self.short} {self.title}" if self.short else self.title

    @cached_property
    def column_keys(self) -> dict[str, frozenset[str]]:
        """A score table's header labels as keys, by role (a label listed twice belongs to the last role)."""
        role_of = {label_key(lbl): role for role, lbls in (self.columns or {}).items() for lbl in lbls}
        return {role: frozenset(k for k, r in role_of.items() if r == role) for role in (self.columns or {})}

    @cached_property
    def field_keys(self) -> frozenset[str]:
        """Every field label of a blocks form, as keys."""
        return frozenset(label_key(lbl) for b in self.blocks for f in b.fields for lbl in f.labels)

    @cached_property
    def block_title_keys(self) -> dict[str, tuple[str, ...]]:
        """Every block title of a blocks form as a key -> the blocks it names, in form order."""
        out: dict[str, tuple[str, ...]] = {}
        for block in self.blocks:
            for key in block.title_keys:
                out[key] = (*out.get(key, ()), block.id)
        return out

    @cached_property
    def total_keys(self) -> frozenset[str]:
        return frozenset(label_key(lbl) for lbl in self.total_labels)


@dataclass(frozen=True)
class Term:
    field: str
    sign: int  # +1 or -1


@dataclass(frozen=True)
class RateDef:
    name: str
    num: tuple[Term, ...]
    den: tuple[Term, ...]
    declared: str | None

    @cached_property
    def inputs(self) -> tuple[str, ...]:
        """The field keys the rate is computed from: the numerator's, then the denominator's."""
        return tuple(t.field for t in (*self.num, *self.den))


@dataclass(frozen=True)
class DiffDef:
    name: str
    terms: tuple[Term, ...]
    declared: str
    sign_free: bool


@dataclass(frozen=True)
class Band:
    upto: float | None  # inclusive upper bound; None = everything above
    score: float


@dataclass(frozen=True)
class ScoreRule:
    kind: RuleKind
    rate: str | None = None
    threshold: float = 0.0
    per: float = 1.0
    deduct: float = 0.0
    steps: Steps = "linear"
    absent: Literal["full", "missing"] = "missing"
    bands: tuple[Band, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class IndicatorDef:
    name: str
    aliases: tuple[str, ...]
    group: str
    weight: float
    rule: ScoreRule

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class CrossCheck:
    """A 附件4 field that must equal an amount of a 自评表's funds block."""

    field: str
    variant: str
    row: str
    column: str
    item: str
    note: str = ""
    aggregate: Literal["first", "sum"] = "first"  # the first instance of the variant, or all of them added up


@dataclass(frozen=True)
class Grade:
    grade: str
    min: float


@dataclass(frozen=True)
class RuleSet:
    name: str
    title: str
    source: str
    path: str
    money_tol: float
    score_tol: float
    grades: tuple[Grade, ...]
    unit_labels: tuple[str, ...]
    forms: Mapping[str, FormDef]
    rates: Mapping[str, RateDef]
    differences: Mapping[str, DiffDef]
    groups: Mapping[str, tuple[float, Mapping[str, float]]]
    indicators: tuple[IndicatorDef, ...]
    cross_checks: tuple[CrossCheck, ...] = ()

    def field(self, key: str) -> FieldDef:
        return self.fields[key]

    @cached_property
    def indicator_keys(self) -> dict[str, str]:
        """Every indicator label as a key -> the indicator's name."""
        return {label_key(lbl): ind.name for ind in self.indicators for lbl in ind.labels}

    @cached_property
    def label_keys(self) -> frozenset[str]:
        """Every label, title and column name the rule set knows: a cell holding one is not a value."""
        texts: list[str] = [*self.unit_labels]
        for form in self.forms.values():
            for block in form.blocks:
                texts += [*block.titles, *(lbl for f in block.fields for lbl in f.labels)]
            for labels in (form.columns or {}).values():
                texts += labels
            texts += [*form.total_labels, *form.grade_labels]
            spec = form.self_eval
            if spec is not None:
                for mapping in (spec.header, spec.funds_columns, spec.funds_rows, spec.indicator_columns):
                    for labels in mapping.values():
                        texts += labels
                texts += [*spec.total_labels, *(lbl for _, _, when in spec.variants for lbl in when)]
        return frozenset(label_key(t) for t in texts)

    @cached_property
    def fields(self) -> dict[str, FieldDef]:
        """Every field of every blocks form, by key."""
        return {f.key: f for form in self.forms.values() for b in form.blocks for f in b.fields}

    def indicator(self, name: str) -> IndicatorDef:
        return self.indicators_by_name[name]

    @cached_property
    def indicators_by_name(self) -> dict[str, IndicatorDef]:
        return {ind.name: ind for ind in self.indicators}

    @property
    def max_total(self) -> float:
        return sum(ind.weight for ind in self.indicators)

    def grade_of(self, total: float) -> str:
        for grade in self.grades:
            if total >= grade.min - 1e-9:
                return grade.grade
        return self.grades[-1].grade


# ---------------------------------------------------------------- loading


def rules_dir() -> Path:
    return Path(str(resources.files("perfxl") / "rules" / "data"))


def available_rules() -> dict[str, str]:
    """Built-in rule sets: name -> title."""
    out: dict[str, str] = {}
    for path in sorted(rules_dir().glob("*.yaml")):
        raw = _read_yaml(path, [])
        out[path.stem] = str(raw.get("title", "")) if isinstance(raw, dict) else ""
    return out


def _resolve(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    return rules_dir() / f"{name_or_path}.yaml"


# libyaml's parser when PyYAML was built with it (~10x faster; the same safe constructors)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path, problems: list[str]) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            raw = yaml.load(handle, Loader=_LOADER)
    except FileNotFoundError:
        known = "、".join(sorted(p.stem for p in rules_dir().glob("*.yaml")))
        raise RuleError(str(path), [f"找不到规则文件(内置规则: {known})"]) from None
    except (OSError, UnicodeError, yaml.YAMLError) as exc:
        raise RuleError(str(path), [f"无法读取或解析 YAML: {exc}".replace("\n", " ")]) from exc
    if not isinstance(raw, dict):
        problems.append("顶层必须是映射(键: 值)")
        return {}
    return raw


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key; everything else (lists, scalars) is replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _load_raw(path: Path, problems: list[str], seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    raw = _read_yaml(path, problems)
    parent = raw.get("extends")
    if parent is None:
        return raw
    parent_path = _resolve(str(parent)) if not Path(str(parent)).is_absolute() else Path(str(parent))
    if not parent_path.exists() and not Path(str(parent)).suffix:
        parent_path = path.parent / f"{parent}.yaml"
    if parent_path.resolve() in seen:
        problems.append(f"extends 循环引用: {parent}")
        return raw
    base = _load_raw(parent_path, problems, (*seen, path.resolve()))
    merged = dict(base)
    for key, value in raw.items():
        if key == "extends":
            continue
        # Forms, rates and tolerances are refined key by key; any other section is replaced whole.
        mergeable = key in _MERGED_SECTIONS and isinstance(value, dict) and isinstance(base.get(key), dict)
        merged[key] = _merge(base[key], value) if mergeable else value
    return merged


def load_rules(name_or_path: str | Path = DEFAULT_RULES) -> RuleSet:
    """Load a built-in rule set by name, or a rule file by path; raise RuleError listing every problem."""
    path = _resolve(name_or_path)
    problems: list[str] = []
    raw = _load_raw(path, problems)
    rules = _Validator(raw, problems).build(str(path))
    if problems or rules is None:
        raise RuleError(str(path), problems)
    return rules


# ---------------------------------------------------------------- validation


class _Validator:
    """Turns the raw mapping into a RuleSet, collecting problems instead of stopping at the first."""

    def __init__(self, raw: dict[str, Any], problems: list[str]) -> None:
        self.raw = raw
        self.problems = problems

    def bad(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def labels(self, where: str, value: object) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            self.bad(where, "应为非空的标签列表")
            return ()
        return tuple(cast(list[str], value))

    def number(self, where: str, value: object, default: float | None = None) -> float:
        if value is None and default is not None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.bad(where, f"应为数字, 实为 {value!r}")
            return 0.0
        return float(value)

    def mapping(self, where: str, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.bad(where, "应为映射(键: 值)")
            return {}
        return value

    def choice(self, where: str, value: object, allowed: tuple[str, ...], default: str | None = None) -> str:
        if value is None and default is not None:
            return default
        if value not in allowed:
            self.bad(where, f"应为 {' / '.join(allowed)} 之一, 实为 {value!r}")
            return allowed[0]
        return str(value)

    def build(self, path: str) -> RuleSet | None:
        raw = self.raw
        if raw.get("format") != FORMAT:
            self.bad("format", f"应为 {FORMAT}, 实为 {raw.get('format')!r}")
        for key in ("name", "title"):
            if not isinstance(raw.get(key), str):
                self.bad(key, "缺少或不是文本")
        tol = self.mapping("tolerance", raw.get("tolerance", {}))
        forms = self.forms(self.mapping("forms", raw.get("forms")))
        field_keys = {f.key for form in forms.values() for b in form.blocks for f in b.fields}
        rates = self.rates(self.mapping("rates", raw.get("rates", {})), field_keys)
        diffs = self.differences(self.mapping("differences", raw.get("differences", {})), field_keys)
        groups = self.groups(self.mapping("groups", raw.get("groups", {})))
        has_score_table = any(f.kind == "score_table" for f in forms.values())
        indicators = self.indicators(raw.get("indicators", []), rates, groups, has_score_table)
        grades = self.grades(raw.get("grades"))
        if self.problems:
            return None
        return RuleSet(
            name=str(raw["name"]),
            title=str(raw["title"]),
            source=str(raw.get("source", "")),
            path=path,
            money_tol=self.number("tolerance.money", tol.get("money"), 0.01),
            score_tol=self.number("tolerance.score", tol.get("score"), 0.01),
            grades=grades,
            unit_labels=self.labels("unit_labels", raw.get("unit_labels", ["单位名称"])),
            forms=forms,
            rates=rates,
            differences=diffs,
            groups=groups,
            indicators=indicators,
            cross_checks=self.cross_checks(raw.get("cross_checks", []), forms),
        )

    def forms(self, raw: dict[str, Any]) -> dict[str, FormDef]:
        out: dict[str, FormDef] = {}
        for form_id, spec in raw.items():
            where = f"forms.{form_id}"
            spec = self.mapping(where, spec)
            kind = cast(FormKind, self.choice(f"{where}.kind", spec.get("kind"), _FORM_KINDS))
            title = spec.get("title")
            if not isinstance(title, str):
                self.bad(f"{where}.title", "缺少表名")
            short = str(spec.get("short", ""))
            if kind == "blocks":
                blocks = self.blocks(where, form_id, self.mapping(f"{where}.blocks", spec.get("blocks")))
                min_found = int(self.number(f"{where}.min_blocks", spec.get("min_blocks"), 3))
                out[form_id] = FormDef(form_id, str(title), short, kind, min_found, blocks=blocks)
            elif kind == "self_eval":
                out[form_id] = FormDef(form_id, str(title), short, kind, 1, self_eval=self.self_eval(where, spec))
            else:
                cols = self.mapping(f"{where}.columns", spec.get("columns"))
                columns = {role: self.labels(f"{where}.columns.{role}", v) for role, v in cols.items()}
                for role in _SCORE_COLUMNS:
                    if role not in columns:
                        self.bad(f"{where}.columns", f"缺少 {role} 列的标签")
                out[form_id] = FormDef(
                    form_id,
                    str(title),
                    short,
                    kind,
                    min_found=int(self.number(f"{where}.min_indicators", spec.get("min_indicators"), 5)),
                    columns=columns,
                    total_labels=self.labels(f"{where}.total_labels", spec.get("total_labels", ["合计"])),
                    grade_labels=self.labels(f"{where}.grade_labels", spec.get("grade_labels", ["等级"])),
                )
        if not out:
            self.bad("forms", "至少需要一张表")
        return out

    def label_map(self, where: str, raw: object, required: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
        out = {str(k): self.labels(f"{where}.{k}", v) for k, v in self.mapping(where, raw).items()}
        for role in required:
            if role not in out:
                self.bad(where, f"缺少 {role} 的标签")
        return out

    def self_eval(self, where: str, spec: dict[str, Any]) -> SelfEvalDef:
        variants = []
        for vid, vspec in self.mapping(f"{where}.variants", spec.get("variants")).items():
            vspec = self.mapping(f"{where}.variants.{vid}", vspec)
            when = vspec.get("when", [])
            variants.append(
                (
                    str(vid),
                    str(vspec.get("title", vid)),
                    self.labels(f"{where}.variants.{vid}.when", when) if when else (),
                )
            )
        if not variants or variants[-1][2]:
            self.bad(f"{where}.variants", "至少需要一种变体，且最后一种不设 when(其余情况)")
        funds = self.mapping(f"{where}.funds", spec.get("funds"))
        indicators = self.mapping(f"{where}.indicators", spec.get("indicators"))
        tiers = []
        for i, tier in enumerate(spec.get("tiers") or []):
            tier = self.mapping(f"{where}.tiers[{i}]", tier)
            low = self.number(f"{where}.tiers[{i}].low", tier.get("low"))
            high = self.number(f"{where}.tiers[{i}].high", tier.get("high"))
            if not 0 <= low <= high <= 1:
                self.bad(f"{where}.tiers[{i}]", "应满足 0 ≤ low ≤ high ≤ 1")
            tiers.append(Tier(str(tier.get("grade")), low, high))
        if not tiers:
            self.bad(f"{where}.tiers", "缺少定性指标的档次")
        return SelfEvalDef(
            variants=tuple(variants),
            header=self.label_map(f"{where}.header", spec.get("header", {})),
            funds_columns=self.label_map(f"{where}.funds.columns", funds.get("columns"), _FUNDS_COLUMNS),
            funds_split=self.labels(f"{where}.funds.split", funds.get("split", ["总数"])),
            funds_rows=self.label_map(f"{where}.funds.rows", funds.get("rows", {})),
            funds_weight=self.number(f"{where}.funds.weight", funds.get("weight"), 10.0),
            funds_cap=bool(funds.get("cap", True)),
            indicator_columns=self.label_map(
                f"{where}.indicators.columns", indicators.get("columns"), _INDICATOR_COLUMNS
            ),
            total_labels=self.labels(f"{where}.indicators.total_labels", indicators.get("total_labels", ["总分"])),
            tiers=tuple(tiers),
            over_achievement=self.number(f"{where}.over_achievement", spec.get("over_achievement"), 1.2),
            levels=self.label_map(f"{where}.levels", spec.get("levels", {})),
            indicator_weight_total=self.number(
                f"{where}.indicator_weight_total", spec.get("indicator_weight_total"), 90.0
            ),
        )

    def blocks(self, where: str, form_id: str, raw: dict[str, Any]) -> tuple[BlockDef, ...]:
        blocks = []
        for block_id, spec in raw.items():
            bwhere = f"{where}.blocks.{block_id}"
            spec = self.mapping(bwhere, spec)
            fields = []
            for field_id, fspec in self.mapping(f"{bwhere}.fields", spec.get("fields")).items():
                fwhere = f"{bwhere}.fields.{field_id}"
                fspec = self.mapping(fwhere, fspec)
                fields.append(
                    FieldDef(
                        key=f"{form_id}.{block_id}.{field_id}",
                        labels=self.labels(f"{fwhere}.label", fspec.get("label")),
                        type=cast(FieldType, self.choice(f"{fwhere}.type", fspec.get("type"), _FIELD_TYPES)),
                        derived=bool(fspec.get("derived", False)),
                    )
                )
            keys = [label_key(lbl) for f in fields for lbl in f.labels]
            dupes = sorted({k for k in keys if keys.count(k) > 1})
            if dupes:
                self.bad(bwhere, f"同一块内标签重复: {'、'.join(dupes)}")
            blocks.append(
                BlockDef(
                    id=block_id,
                    titles=self.labels(f"{bwhere}.title", spec.get("title")),
                    optional=bool(spec.get("optional", False)),
                    fields=tuple(fields),
                )
            )
        return tuple(blocks)

    def terms(self, where: str, raw: object, field_keys: set[str]) -> tuple[Term, ...]:
        if not isinstance(raw, list) or not raw:
            self.bad(where, "应为非空的字段列表")
            return ()
        terms = []
        for item in raw:
            text = str(item)
            sign = -1 if text.startswith("-") else 1
            key = text.lstrip("+-")
            if key not in field_keys:
                self.bad(where, f"未知字段 {key}")
            terms.append(Term(key, sign))
        return tuple(terms)

    def rates(self, raw: dict[str, Any], field_keys: set[str]) -> dict[str, RateDef]:
        out = {}
        for name, spec in raw.items():
            where = f"rates.{name}"
            spec = self.mapping(where, spec)
            declared = spec.get("declared")
            if declared is not None and declared not in field_keys:
                self.bad(f"{where}.declared", f"未知字段 {declared}")
            out[name] = RateDef(
                name=name,
                num=self.terms(f"{where}.num", spec.get("num"), field_keys),
                den=self.terms(f"{where}.den", spec.get("den"), field_keys),
                declared=declared,
            )
        return out

    def differences(self, raw: dict[str, Any], field_keys: set[str]) -> dict[str, DiffDef]:
        out = {}
        for name, spec in raw.items():
            where = f"differences.{name}"
            spec = self.mapping(where, spec)
            declared = str(spec.get("declared"))
            if declared not in field_keys:
                self.bad(f"{where}.declared", f"未知字段 {declared}")
            out[name] = DiffDef(
                name=name,
                terms=self.terms(f"{where}.terms", spec.get("terms"), field_keys),
                declared=declared,
                sign_free=bool(spec.get("sign_free", False)),
            )
        return out

    def groups(self, raw: dict[str, Any]) -> dict[str, tuple[float, Mapping[str, float]]]:
        out: dict[str, tuple[float, Mapping[str, float]]] = {}
        for name, spec in raw.items():
            where = f"groups.{name}"
            spec = self.mapping(where, spec)
            weight = self.number(f"{where}.weight", spec.get("weight"))
            children = {
                str(k): self.number(f"{where}.children.{k}", v)
                for k, v in self.mapping(f"{where}.children", spec.get("children", {})).items()
            }
            if children and abs(sum(children.values()) - weight) > 1e-9:
                self.bad(where, f"二级指标分值之和 {sum(children.values()):g} ≠ {weight:g}")
            out[name] = (weight, children)
        return out

    def rule(self, where: str, raw: dict[str, Any], rates: Mapping[str, RateDef], weight: float) -> ScoreRule:
        kind = cast(RuleKind, self.choice(f"{where}.kind", raw.get("kind"), _RULE_KINDS))
        if kind == "declared":
            return ScoreRule(kind=kind, why=str(raw.get("why", "")))
        rate = raw.get("rate")
        if rate not in rates:
            self.bad(f"{where}.rate", f"未知的比率 {rate!r}(已定义: {'、'.join(rates)})")
        absent = cast(
            Literal["full", "missing"],
            self.choice(f"{where}.absent", raw.get("absent"), ("full", "missing"), "missing"),
        )
        if kind == "bands":
            bands = []
            for i, band in enumerate(raw.get("bands") or []):
                band = self.mapping(f"{where}.bands[{i}]", band)
                upto = band.get("upto")
                score = self.number(f"{where}.bands[{i}].score", band.get("score"))
                if not 0 <= score <= weight:
                    self.bad(f"{where}.bands[{i}].score", f"{score:g} 超出 0~{weight:g}")
                bands.append(Band(None if upto is None else self.number(f"{where}.bands[{i}].upto", upto), score))
            if not bands or bands[-1].upto is not None:
                self.bad(f"{where}.bands", "最后一档应不设 upto(其余情况)")
            uptos = [b.upto for b in bands if b.upto is not None]
            if uptos != sorted(uptos):
                self.bad(f"{where}.bands", "upto 应从小到大排列")
            return ScoreRule(kind=kind, rate=str(rate), absent=absent, bands=tuple(bands))
        per = self.number(f"{where}.per", raw.get("per"), 1.0)
        if per <= 0:
            self.bad(f"{where}.per", "应大于 0")
        return ScoreRule(
            kind=kind,
            rate=str(rate),
            threshold=self.number(f"{where}.threshold", raw.get("threshold")),
            per=per,
            deduct=self.number(f"{where}.deduct", raw.get("deduct")),
            steps=cast(Steps, self.choice(f"{where}.steps", raw.get("steps"), _STEPS, "linear")),
            absent=absent,
        )

    def indicators(
        self,
        raw: object,
        rates: Mapping[str, RateDef],
        groups: Mapping[str, tuple[float, Mapping[str, float]]],
        required: bool,
    ) -> tuple[IndicatorDef, ...]:
        if not isinstance(raw, list) or (required and not raw):
            self.bad("indicators", "应为非空的指标列表(规则含计分表时)")
            return ()
        out = []
        children = {child: w for _, (_, kids) in groups.items() for child, w in kids.items()}
        for i, spec in enumerate(raw):
            where = f"indicators[{i}]"
            spec = self.mapping(where, spec)
            name = spec.get("name")
            if not isinstance(name, str) or not name:
                self.bad(f"{where}.name", "缺少指标名称")
                continue
            where = f"indicators[{i}]({name})"
            weight = self.number(f"{where}.weight", spec.get("weight"))
            group = str(spec.get("group", ""))
            if children and group not in children:
                self.bad(f"{where}.group", f"未知的二级指标 {group!r}")
            out.append(
                IndicatorDef(
                    name=name,
                    aliases=tuple(spec.get("aliases", ())),
                    group=group,
                    weight=weight,
                    rule=self.rule(f"{where}.rule", self.mapping(f"{where}.rule", spec.get("rule")), rates, weight),
                )
            )
        keys = [label_key(lbl) for ind in out for lbl in ind.labels]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            self.bad("indicators", f"指标名称重复: {'、'.join(dupes)}")
        for group, weight in children.items():
            total = sum(ind.weight for ind in out if ind.group == group)
            if abs(total - weight) > 1e-9:
                self.bad(f"groups({group})", f"三级指标分值之和 {total:g} ≠ {weight:g}")
        if groups:
            total = sum(w for w, _ in groups.values())
            if abs(total - 100) > 1e-9:
                self.bad("groups", f"一级指标分值之和 {total:g} ≠ 100")
        return tuple(out)

    def cross_checks(self, raw: object, forms: Mapping[str, FormDef]) -> tuple[CrossCheck, ...]:
        if not isinstance(raw, list):
            self.bad("cross_checks", "应为列表")
            return ()
        keys = {f.key for form in forms.values() for b in form.blocks for f in b.fields}
        out = []
        for i, spec in enumerate(raw):
            spec = self.mapping(f"cross_checks[{i}]", spec)
            if spec.get("field") not in keys:
                self.bad(f"cross_checks[{i}].field", f"未知字段 {spec.get('field')!r}")
            column = self.choice(f"cross_checks[{i}].column", spec.get("column"), ("initial", "annual", "executed"))
            aggregate = cast(
                Literal["first", "sum"],
                self.choice(f"cross_checks[{i}].aggregate", spec.get("aggregate"), ("first", "sum"), "first"),
            )
            out.append(
                CrossCheck(
                    str(spec.get("field")),
                    str(spec.get("variant", "department")),
                    str(spec.get("row", "total")),
                    column,
                    str(spec.get("item", "")),
                    str(spec.get("note", "")),
                    aggregate,
                )
            )
        return tuple(out)

    def grades(self, raw: object) -> tuple[Grade, ...]:
        if not isinstance(raw, list) or not raw:
            self.bad("grades", "应为非空的等级列表")
            return ()
        grades = []
        for i, spec in enumerate(raw):
            spec = self.mapping(f"grades[{i}]", spec)
            grades.append(Grade(str(spec.get("grade")), self.number(f"grades[{i}].min", spec.get("min"))))
        mins = [g.min for g in grades]
        if mins != sorted(mins, reverse=True):
            self.bad("grades", "min 应从高到低排列")
        return tuple(grades)
