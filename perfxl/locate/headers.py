"""Header words and column roles of score, indicator and funds tables, whatever a rule set calls its indicators.

A header cell is reduced once to its role key (``header_key``: ``label_key`` less letter suffixes and bracketed
units or formulas); the words of each role are rule data (``forms.self_eval.funds.columns`` and
``indicators.columns``), gathered here into a ``Vocabulary``. A column's role comes from its own header cell,
else from the header cell above it (a parent merged over several columns); where words fail, from what the
column holds (``perfxl.locate.inferred_columns``), flagged as inferred so checks can word findings carefully.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from perfxl.read.grid import Pos, Sheet
from perfxl.read.text import label_key
from perfxl.rules import RuleSet, SelfEvalDef

# "(A)", "(B/A)", "(A+B)", "(%)", "(万元)", "(元)", "(分)", "(分值)", "(10分)", and a formula such as "(20分*执行率)"
# or "(分值×执行率)": what a header adds to its word.
_SUFFIX = re.compile(
    r"\((?:[a-z](?:[/+\-*×÷][a-z])*|%|万元|元|分|分值|\d+(?:\.\d+)?分?|[^()]{0,16}[*×÷/+][^()]{0,16}|含[^()]{1,16})\)$"
    # a column's number and formula after its word, as 福建's forms print them ("小计③=①+②", "支出实现率(%)⑤=④/③",
    # read as digits once normalised): after a word, never a whole key
    r"|(?<=[^\d=+\-*/×÷])\d{1,2}(?:=[\d+\-*/×÷]+)?$"
    # a word's gloss in words after it ("评分标准（计分方法）", "分值(权重)"): the word names the column — but for
    # "评价内容（标准）", whose gloss says what the column holds
    r"|(?<=[\u4e00-\u9fff])\((?!标准\))[\u4e00-\u9fff、]{1,8}\)$"
)

LEVELS = ("level1", "level2", "level3")
NUMBERING = frozenset({"序号"})  # a list word that numbers the lines rather than naming them


def header_key(text: str) -> str:
    """The role key of a header cell: ``label_key`` less trailing letter suffixes, units and formulas in brackets."""
    return header_of(label_key(text))


@lru_cache(maxsize=1 << 14)
def header_of(key: str) -> str:
    """``header_key`` of a label_key (cached: a sheet's label keys are made once, and its header keys from them)."""
    while True:
        shorter = _SUFFIX.sub("", key)
        if shorter == key:
            return key
        key = shorter


class Column(NamedTuple):
    """A column of a table and the role it plays."""

    role: str
    col: int  # 0-based
    header: str  # the header text that gave the role, as typed ("" when inferred from content)
    inferred: bool = False  # the role comes from what the column holds, not from a header word


@dataclass(frozen=True)
class Vocabulary:
    """The header words of a rule set, as role keys: what every table reader matches cells against."""

    indicator: Mapping[str, str]  # header key -> indicator-table role
    funds: Mapping[str, str]  # header key -> funds-block role
    funds_rows: Mapping[str, str]  # funds row label key -> row kind (total, appropriation, …, breakdown)
    totals: frozenset[str]  # footer labels: 合计, 总分, 绩效指标总分 …
    grades: frozenset[str]  # 等级, 自评等级 …
    fields: Mapping[str, str]  # a field label above a table -> field role (project, unit, declared_total …)
    funds_split: tuple[str, ...] = ()  # keys of the sub-headers that split an amount (总数, 其中:财政资金)
    grade_names: frozenset[str] = frozenset()  # 优, 良, 中, 差: a total row's cell holding only one is its 等级
    lists: frozenset[str] = frozenset()  # 序号, 项目名称 …: a header row holding one heads a list, not a funds block
    funds_weak: Mapping[str, str] = field(default_factory=dict)  # header key -> funds role, beside a 得分/分值 only
    indicator_weak: Mapping[str, str] = field(default_factory=dict)  # header key -> role no other column has
    subtotals: frozenset[str] = frozenset()  # 小计 …: a group's subtotal row
    numbering: frozenset[str] = frozenset()  # 栏次 …: the caption of a row of column numbers
    placeholders: frozenset[str] = frozenset()  # 请填写指标名称 …: a template's row left to fill
    names: frozenset[str] = frozenset()  # 绩效指标, 指标内容 …: an indicator column's header with no level word

    @cached_property
    def subtotal_endings(self) -> tuple[str, ...]:
        """The 小计 words a group's subtotal row ends with ("产出指标小计"), longest first."""
        return tuple(sorted(self.subtotals, key=len, reverse=True))

    @cached_property
    def level_keys(self) -> frozenset[str]:
        """The keys of 一级/二级/三级指标 headers: a table's header band holds one."""
        return frozenset(key for key, role in self.indicator.items() if role in LEVELS)

    @cached_property
    def scored_keys(self) -> frozenset[str]:
        """The keys of an indicator table's 分值 and 得分 headers."""
        return frozenset(key for key, role in self.indicator.items() if role in ("weight", "score"))

    @cached_property
    def executed_keys(self) -> frozenset[str]:
        """The keys of a funds block's 执行数 header: a funds header row holds one."""
        return frozenset(key for key, role in self.funds.items() if role == "executed")

    @cached_property
    def labels(self) -> dict[str, str]:
        """Field label key -> role, 等级 labels included."""
        return {**self.fields, **{g: "grade" for g in self.grades}}

    def is_total(self, key: str) -> bool:
        """A total row's label: one of the rule set's, or its words put together another way ("绩效指标得分合计",
        "项目指标总分": only words that say what is added up, then 合计 / 总分 / 总计)."""
        return key in self.totals or _TOTAL_WORDS.fullmatch(key) is not None

    @cached_property
    def known(self) -> frozenset[str]:
        """Every key that is a label or a header: the next cell right of a label holding one is not its value."""
        return frozenset(self.labels) | frozenset(self.indicator) | frozenset(self.funds) | self.totals


_TOTAL_WORDS = re.compile(
    r"(?:(?:绩效|指标|目标|得分|分值|项目|支出|自评|评价|各项|全部|一级|二级|三级|合计)+"
    r"|(?:(?:产出|效益|满意度|成本)(?:指标)?[、,和及与]?){2,}(?:指标)?(?:得分)?)(?:合计|总分|总计|总得分|合计得分)"
)
_VOCABULARIES: dict[int, tuple[SelfEvalDef, Vocabulary]] = {}


def vocabulary(rules: RuleSet) -> Vocabulary:
    """The rule set's header words (made once per rule set: a batch reads every file with the same one)."""
    form = next((f for f in rules.forms.values() if f.self_eval is not None), None)
    if form is None or form.self_eval is None:
        raise ValueError(f"规则集 {rules.name} 没有自评表的表头词汇")
    spec = form.self_eval
    kept = _VOCABULARIES.get(id(spec))
    if kept is not None and kept[0] is spec:
        return kept[1]
    fields = _keyed(spec.header)
    for label in rules.unit_labels:
        fields.setdefault(label_key(label), "unit")
    made = Vocabulary(
        indicator=_keyed(spec.indicator_columns),
        funds=_keyed(spec.funds_columns),
        funds_rows={
            **{label_key(lbl): kind for kind, lbls in spec.funds_rows.items() for lbl in lbls},
            **{label_key(lbl): "breakdown" for lbl in spec.funds_breakdown},
            **{label_key(lbl): "use" for lbl in spec.funds_uses},
        },
        totals=frozenset(header_key(t) for t in spec.total_labels),
        grades=frozenset(header_key(t) for t in spec.grade_labels),
        fields=fields,
        funds_split=tuple(label_key(s) for s in spec.funds_split),
        grade_names=frozenset(label_key(g.grade) for g in rules.grades),
        lists=frozenset(header_key(w) for w in spec.funds_lists),
        funds_weak=_keyed(spec.funds_weak),
        indicator_weak=_keyed(spec.indicator_weak),
        subtotals=frozenset(header_key(w) for w in spec.subtotal_labels),
        numbering=frozenset(label_key(w) for w in spec.numbering_labels),
        placeholders=frozenset(label_key(w) for w in spec.placeholder_labels),
        names=frozenset(header_key(w) for w in spec.name_labels),
    )
    # Rule sets with the same words (every built-in one) share one vocabulary: a sheet's tables are read once per
    # vocabulary, and choosing a rule set reads them before the chosen one locates in them.
    made = next((other for _, other in _VOCABULARIES.values() if other == made), made)
    _VOCABULARIES[id(spec)] = (spec, made)
    return made


def _keyed(words: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """header key -> role; a word listed under two roles keeps the first."""
    out: dict[str, str] = {}
    for role, texts in words.items():
        for text in texts:
            out.setdefault(header_key(text), role)
    return out


def header_row(sheet: Sheet, row: int) -> list[tuple[int, str]]:
    """(column, header key) of the row's text cells, left to right."""
    of = header_of
    return [(c, of(key)) for c, key in sheet.row_keys(row)]


def header_at(sheet: Sheet, keys: frozenset[str]) -> list[Pos]:
    """The text cells whose header key is one of ``keys``, in reading order: looked up, not scanned for, as
    every reader asks this of every sheet (a sheet's few distinct keys are mapped once)."""
    index = _header_index(sheet)
    found = [pos for key in keys & index.keys() for pos in index[key]]
    found.sort()
    return found


def _header_index(sheet: Sheet) -> dict[str, list[Pos]]:
    kept = _HEADER_INDEX.get(id(sheet))
    if kept is not None and kept[0] is sheet:
        return kept[1]
    keys = sheet.key_index
    heads = [*map(header_of, keys)]
    if len(set(heads)) == len(heads):  # no two label keys share a header key (nearly always): mapped at C speed
        index = dict(zip(heads, keys.values(), strict=True))
    else:
        index = {}
        for head, positions in zip(heads, keys.values(), strict=True):
            index.setdefault(head, []).extend(positions)
    _HEADER_INDEX[id(sheet)] = (sheet, index)
    while len(_HEADER_INDEX) > 4:  # only the sheet being read is needed
        del _HEADER_INDEX[next(iter(_HEADER_INDEX))]
    return index


_HEADER_INDEX: dict[int, tuple[Sheet, dict[str, list[Pos]]]] = {}


def role_of(sheet: Sheet, pos: Pos, words: Mapping[str, str]) -> str | None:
    """The role a header cell names, or None."""
    key = sheet.keys.get(sheet.anchor(pos))
    return None if key is None else words.get(header_of(key))


def band_roles(
    sheet: Sheet, top: int, bottom: int, words: Mapping[str, str], weak: Mapping[str, str] | None = None
) -> dict[int, Column]:
    """Column -> its role in a header band of rows top..bottom: the lowest header cell with a role word wins
    (指标性质 under a merged 年度指标值), else the parent merged over it (值 under 年度指标值 is a target); a ``weak``
    word names the first column it heads where no other column has the role ("年度工作目标" beside no 年度指标值)."""
    cols = sorted(
        {c for r in range(top, bottom + 1) for c, _ in sheet.rows.get(r, ())} | _covered_cols(sheet, top, bottom)
    )
    out: dict[int, Column] = {}
    inherited: dict[int, str] = {}  # column -> the words under a parent whose role it took
    anchor_of, keys, of = sheet.anchor_of, sheet.keys, header_of
    for c in cols:
        below = None
        for r in range(bottom, top - 1, -1):
            anchor = anchor_of.get((r, c)) or (r, c)
            key = keys.get(anchor)
            role = None if key is None else words.get(of(key)) or compound_role(of(key), words)
            if role is not None:
                over = _level_over(sheet, top, r, c, words) if role == LEVELS[-1] and "级" not in str(key) else None
                out[c] = over or Column(role, c, str(sheet.cells[anchor]).strip())
                if below is not None:
                    inherited[c] = below
                break
            below = below or key
        if c not in out and below is not None and _REVIEWER.search(below) and _SCORE_WORD.search(below):
            out[c] = Column(REVIEW, c, below)  # "复核得分（财政部门填写）" beside the 得分
    for c, key in inherited.items():
        # 得分 over 自评得分 | 复核得分: the column its own words name is the unit's; the reviewer's is its own role
        own = any(col.role == out[c].role for d, col in out.items() if d not in inherited)
        if out[c].role == "score" and _REVIEWER.search(key):
            out[c] = Column(REVIEW, c, key)
        elif own:
            del out[c]
    if weak:
        _weak_roles(sheet, top, bottom, weak, cols, out)
    return out


def _level_over(sheet: Sheet, top: int, r: int, c: int, words: Mapping[str, str]) -> Column | None:
    """The level word merged over a 指标名称 cell ("一级指标" over "指标名称 | 分值"): the names are that level's (a
    一级/二级/三级 word under a merged 指标名称 keeps its own)."""
    for above in range(r - 1, top - 1, -1):
        anchor = sheet.anchor((above, c))
        if (key := sheet.keys.get(anchor)) is not None and (role := words.get(header_of(key))) in LEVELS:
            return Column(role, c, str(sheet.cells[anchor]).strip())
    return None


def _weak_roles(
    sheet: Sheet, top: int, bottom: int, weak: Mapping[str, str], cols: list[int], out: dict[int, Column]
) -> None:
    taken = {col.role for col in out.values()}
    for c in cols:
        if c in out:
            continue
        for r in range(bottom, top - 1, -1):
            anchor = sheet.anchor_of.get((r, c)) or (r, c)
            key = sheet.keys.get(anchor)
            role = None if key is None else weak.get(header_of(key))
            if role is not None and role not in taken:
                out[c] = Column(role, c, str(sheet.cells[anchor]).strip())
                taken.add(role)
                break


def compound_role(key: str, words: Mapping[str, str]) -> str | None:
    """The role of a header that joins two words ("指标解释及评分标准", "评分标准和说明"): the 评价标准's where one part
    names it (the column holds the standard the row is scored by), else the one role every part names; else None."""
    parts = _JOINED.split(key)
    roles = {words.get(part) for part in parts} if len(parts) > 1 else {None}
    return "standard" if "standard" in roles else next(iter(roles)) if len(roles) == 1 else None


_JOINED = re.compile(r"及|和|与|、|/")

REVIEW = "review"  # a reviewer's column (复核得分, 核定得分): neither read as the unit's figures nor written into


# a column for the finance bureau or a reviewer to fill, under a parent header whose role it would otherwise take
_REVIEWER = re.compile(r"复核|核定|审核|审定|评审|专家|财政")
_SCORE_WORD = re.compile(r"得分|评分|分数")  # a reviewer's score column, not its 分值 ("核定分值")


def _covered_cols(sheet: Sheet, top: int, bottom: int) -> set[int]:
    """Columns covered by a merge that starts in the band (a parent header's children may be blank)."""
    cols: set[int] = set()
    for (r, c), (_, right) in sheet.extent_of.items():  # top-left -> bottom-right
        if top <= r <= bottom:
            cols.update(range(c, right + 1))
    return cols
