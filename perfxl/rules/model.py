"""The rule set as frozen dataclasses: forms, fields, rates, score rules, tiers, grades and tolerances.

Nothing here reads a file or judges one: ``perfxl.rules.validate`` builds these from checked rule data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Literal

from perfxl.read.text import label_key, label_keys

FieldType = Literal["count", "money", "number", "rate", "yesno"]
RuleKind = Literal["over", "under", "bands", "proportional", "declared"]
Steps = Literal["linear", "floor", "ceil"]
FormKind = Literal["blocks", "score_table", "self_eval"]
Absent = Literal["full", "missing"]
Aggregate = Literal["first", "sum"]


@dataclass(frozen=True)
class FieldDef:
    """A labelled value of a blocks form (附件4)."""

    key: str  # "base_data.staff.quota"
    labels: tuple[str, ...]
    type: FieldType
    derived: bool
    optional: bool = False  # printed by some templates only: left out of the blank form, never reported missing

    @property
    def name(self) -> str:
        return self.labels[0]

    @cached_property
    def label_keys(self) -> frozenset[str]:
        return label_keys(self.labels)


@dataclass(frozen=True)
class BlockDef:
    """A titled block of fields on a blocks form."""

    id: str
    titles: tuple[str, ...]
    optional: bool
    fields: tuple[FieldDef, ...]

    @cached_property
    def title_keys(self) -> frozenset[str]:
        return label_keys(self.titles)


@dataclass(frozen=True)
class Tier:
    """A qualitative grade's share of an indicator's 分值: ``low`` inclusive, ``high`` exclusive unless 1.0."""

    grade: str
    low: float
    high: float


@dataclass(frozen=True)
class OverAchievement:
    """When an actual so far beyond its target suggests the target was set too loosely (docs/domain.md §6.5)."""

    up: float  # 正向: actual ≥ up × target
    down: float  # 反向: actual ≤ down × target


@dataclass(frozen=True)
class EvalTemplate:
    """How ``perfxl template`` prints a 自评表: which columns the indicator table has, in order, which funds rows
    are printed, whether each amount is split into the funds ``split`` words, and the words printed where they
    are not the first of a role's labels. Reading never looks here: a form is read by its labels."""

    indicators: tuple[str, ...] = ("level1", "level2", "level3", "target", "actual", "weight", "score", "reason")
    funds_rows: tuple[str, ...] = ()  # () : every funds row
    split: bool = False
    labels: Mapping[str, str] = field(default_factory=dict)  # indicator role, or "funds.<role>" -> printed word
    funds_title: Mapping[str, str] = field(default_factory=dict)  # variant -> the funds block's title


@dataclass(frozen=True)
class SelfEvalDef:
    """A 自评表: header fields, a funds block and an indicator table (docs/domain.md §1, §2)."""

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
    over_achievement: OverAchievement
    levels: Mapping[str, tuple[str, ...]]
    indicator_weight_total: float  # Σ of the indicators' weights the form must show
    funds_breakdown: tuple[str, ...] = ()  # rows that break 财政拨款 down (一般公共预算 …), never the total's parts
    funds_uses: tuple[str, ...] = ()  # rows that split the total by use (基本支出 / 项目支出): its parts a second time
    funds_lists: tuple[str, ...] = ()  # header words of a list of projects or units (序号, 项目名称): no funds block
    funds_weak: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # words that name a column only beside 得分
    indicator_weak: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # …an indicator column no other names
    grade_labels: tuple[str, ...] = ()  # a table's 等级 row (read by perfxl.locate.table)
    subtotal_labels: tuple[str, ...] = ()  # a group's 小计 row: neither an indicator nor the table's total
    numbering_labels: tuple[str, ...] = ()  # the caption of a row of column numbers (栏次 | 1 | 2 | 3=2/1)
    level_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # a 一级 → other names of it (效果指标)
    placeholder_labels: tuple[str, ...] = ()  # a template's name for a row left to fill (请填写指标名称, 备用指标)
    name_labels: tuple[str, ...] = ()  # headers of an indicator column with no 一级/二级/三级 word (绩效指标, 指标内容)
    lower_is_better: tuple[str, ...] = ()  # indicators held below their target when no ≥/≤ is printed (控制率 …)
    variant_titles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # words of a title -> variant
    marks: tuple[str, ...] = ()  # what marks this region's form (coefficient, funds_split): see --rules auto
    template: EvalTemplate = field(default_factory=EvalTemplate)


@dataclass(frozen=True)
class FormDef:
    """A form a workbook sheet may hold: a blocks form, a score table or a 自评表."""

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
    """A field added (+1) or subtracted (−1) in a rate or a difference."""

    field: str
    sign: int  # +1 or -1


@dataclass(frozen=True)
class RateDef:
    """A derived rate in percent: Σ num ÷ Σ den × 100, and the field that declares it, if any."""

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
    """A declared difference: ``declared`` = Σ terms (or its negation when ``sign_free``)."""

    name: str
    terms: tuple[Term, ...]
    declared: str
    sign_free: bool


@dataclass(frozen=True)
class Band:
    """A step of a ``bands`` rule: a rate up to ``upto`` scores ``score``."""

    upto: float | None  # upper bound; None = everything above
    score: float
    included: bool = True  # ``upto`` itself is in the band ("80%(含)-90%" stops below 90: False)
    share: bool = False  # the band scores ``score`` × rate ÷ 100, at most ``score`` ("90%(含)以上按执行率×分值计分")


def _close(a: float | None, b: float | None) -> bool:
    return a == b or (a is not None and b is not None and math.isclose(a, b, abs_tol=1e-9))


class HashedOnce:
    """A frozen dataclass hashed once (rules key the caches and groupings every workbook of a batch passes through),
    its hash never pickled (a worker started afresh hashes strings with its own seed)."""

    def __hash__(self) -> int:
        kept = self.__dict__.get("_hash")
        if kept is None:
            kept = self.__dict__["_hash"] = hash(tuple(getattr(self, f.name) for f in fields(self)))  # type: ignore[arg-type]
        return int(kept)

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}


@dataclass(frozen=True)
class ScoreRule(HashedOnce):
    """How an indicator's score follows from its rate: one of a closed set of kinds.

    ``over``/``under`` deduct ``deduct`` per ``per`` points beyond ``threshold``; ``bands`` look the rate up;
    ``proportional`` gives 分值 × rate ÷ 100; ``declared`` keeps the workbook's own score.
    """

    kind: RuleKind
    rate: str | None = None
    threshold: float = 0.0
    per: float = 1.0
    deduct: float = 0.0
    steps: Steps = "linear"
    absent: Absent = "missing"
    bands: tuple[Band, ...] = ()
    cap: bool = True  # proportional: the score stops at 分值 (a rate above 100 % earns nothing extra)
    most: float | None = None  # over/under: the most points taken off ("最多扣3分"); None: down to 0
    # over/under: the rate past which nothing is earned, before the deductions reach 0 ("每低1个百分点扣0.2分；低于80%
    # 不得分"), and whether that rate is itself past it
    cutoff: float | None = None
    cutoff_in: bool = False
    centre: float | None = None  # the rule scores the deviation |rate − centre| ("以100%为标准，偏差在±5%以内…")
    why: str = ""  # declared: why perfxl cannot recompute it (shown in the working, never printed on a form)
    printed: str = ""  # declared: the 评价标准 a blank template prints for it ("" where no source prints one)

    __hash__ = HashedOnce.__hash__  # the dataclass would otherwise make its own

    def same_as(self, other: ScoreRule) -> bool:
        """The same scoring, whatever rate it is over and whatever it says of an absent rate."""
        if (self.kind, self.steps, len(self.bands)) != (other.kind, other.steps, len(other.bands)):
            return False
        if (self.kind == "proportional" and self.cap != other.cap) or self.cutoff_in != other.cutoff_in:
            return False
        if not (_close(self.most, other.most) and _close(self.cutoff, other.cutoff) and self.centre == other.centre):
            return False
        mine, theirs = (self.threshold, self.per, self.deduct), (other.threshold, other.per, other.deduct)
        return all(map(_close, mine, theirs)) and all(
            (a.included, a.share) == (b.included, b.share) and _close(a.score, b.score) and _close(a.upto, b.upto)
            for a, b in zip(self.bands, other.bands, strict=True)
        )


@dataclass(frozen=True)
class IndicatorDef(HashedOnce):
    """A score-table indicator: its labels, its 二级 group, its weight and its rule."""

    name: str
    aliases: tuple[str, ...]
    group: str
    weight: float
    rule: ScoreRule

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    __hash__ = HashedOnce.__hash__


@dataclass(frozen=True)
class CrossCheck:
    """A 附件4 field that must equal an amount of a 自评表's funds block."""

    field: str
    variant: str
    row: str
    column: str
    item: str
    note: str = ""
    aggregate: Aggregate = "first"  # the first instance of the variant, or all of them added up


@dataclass(frozen=True)
class Grade:
    """A grade of the total score: every total from ``min`` up to the next better grade's ``min`` (excluded)."""

    grade: str
    min: float


@dataclass(frozen=True)
class RuleSet:
    """One checked rule set: what the forms look like, how each indicator is scored, how totals are graded."""

    name: str
    title: str
    source: str
    path: str
    money_tol: float  # 万元: how far a declared amount may be from a sum and still agree
    score_tol: float  # 分: likewise for a score
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
    def rate_keys(self) -> dict[str, str]:
        """Each rate's name as a key -> the rate: a score-table row that names a rate the rule set computes can be
        scored by the 评价标准 it prints, whether or not the rule set lists it as an indicator."""
        return {label_key(name): name for name in self.rates}

    def rate_of(self, ind: IndicatorDef) -> str | None:
        """The rate an indicator is scored on: its rule's, else (an indicator the rule set scores only as declared)
        the rate its name or an alias names, which a printed standard may then score."""
        if ind.rule.rate is not None:
            return ind.rule.rate
        return next((r for lbl in ind.labels if (r := self.rate_keys.get(label_key(lbl))) is not None), None)

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
    def label_fields(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(label key, the entered fields it names) of every label (a printed formula's words); a label may name
        several (本年预算数: the 三公经费 变动 and 控制 blocks)."""
        owners: dict[str, list[str]] = {}
        for key, fld in self.fields.items():
            if not fld.derived:
                for label in fld.labels:
                    named = owners.setdefault(label_key(label), [])
                    if key not in named:
                        named.append(key)
        return tuple((label, tuple(keys)) for label, keys in owners.items())

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

    def grade_of(self, total: float, printed: tuple[Grade, ...] | None = None) -> str:
        """The grade of a total: by the bounds the form prints for itself where it does, else the rule set's."""
        grades = printed or self.grades
        for grade in grades:
            if total >= grade.min - 1e-9:
                return grade.grade
        return grades[-1].grade
