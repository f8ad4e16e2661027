"""What locating finds in a workbook: where each declared value lives and what was typed there."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, cast

from perfxl.read.values import parse_number

if TYPE_CHECKING:  # listing.py and column_formulas.py build on Hit
    from perfxl.locate.column_formulas import ColumnFormula
    from perfxl.locate.listing import Listing
    from perfxl.rules import Grade, Tier


# the funds' 执行率, not another rate that ends so (政府采购执行率, 合同执行率): no other noun just before it or before
# its 预算 / 资金
_OTHER = "采购|合同|任务|政策|制度|规划|方案|目标|进度|整改|招标|协议|措施|决议|督办|意见"  # not 计划, 投资: funds
EXEC_RATE = rf"(?<!{_OTHER})(?<!(?:{_OTHER})(?:预算|资金))执行率"
# where a note starts to say how the 执行率得分 is scored: "1.预算执行率得分：执行率≥95%得10分；…",
# "执行率得分=执行率×10分", "预算执行率评分标准：…"
# "…得分：", "…得分（10分）：", "…（分值10分）得分："
_POINTS = r"(?:\s*[(（][^()（）]{0,10}[)）])?"
_LEADS = rf"(?:得分|评分标准|评价标准|计分标准|评分办法|计分办法|计分方法|评分方法|评分规则){_POINTS}\s*[:：=]"
EXEC_NOTE = re.compile(rf"{EXEC_RATE}(?:指标)?{_POINTS}{_LEADS}")
ANY_LEAD = re.compile(_LEADS)  # the lead of some standard: where no 执行率 leads it, another indicator's
# 分值 × 执行率 in so many words ("执行率×分值", "×10分", "*权重")
PRODUCT = re.compile(r"[×*]\s*(?:分值|权重|\d+(?:\.\d+)?\s*分)|(?:分值|权重)\s*[×*]")
# a note that scores the 执行率 with no such lead ("注：预算执行率达到90%及以上的得满分，否则不得分。"): a cell that
# starts as a note does, one of whose sentences names the 执行率 and awards or takes off points by a rule — a
# comparison, a rate per point, a product, a condition — not one that reports a result ("执行率为88%，得8.8分")
NOTE_START = re.compile(r"^\s*(?:注|说明|备注|填表说明|评分说明)\s*\d*\s*[:：]")
_EXEC_SCORED = re.compile(rf"{EXEC_RATE}[^。；;\n]*?(?:得满分|不得分|[得计记]\d|扣|{PRODUCT.pattern})")
_RULE = re.compile(r"[≥≤<>＜＞×*]|以[上下内]|达到|[低高]于|超[过出]|不足|未达|不到|每|的[,，]?(?:得|不得|扣|按)|否则")


def exec_scored(text: str) -> list[re.Match[str]]:
    """The stretches of ``text`` that name the funds' 执行率 and score it by a rule."""
    return [m for m in _EXEC_SCORED.finditer(text) if _RULE.search(m.group())]


def says_exec_score(text: str) -> bool:
    """Whether a cell under a form says how its 执行率得分 is scored."""
    return EXEC_NOTE.search(text) is not None or (NOTE_START.match(text) is not None and bool(exec_scored(text)))


class Hit(NamedTuple):
    """Where a declared value lives and what was typed there (None when the cell is blank).

    A named tuple: a workbook has dozens and a batch makes them by the hundred thousand (half a dataclass's cost)."""

    sheet: str
    cell: str
    raw: object
    label: str  # the label that led to this cell, as typed


# Hit((sheet, cell, raw, label)) made without a named tuple's Python-level __new__ (half the cost): the table
# readers make one for every cell of every table they read.
new_hit = cast(Callable[[tuple[str, str, object, str]], Hit], partial(tuple.__new__, Hit))


class Stated(NamedTuple):
    """A score-table row's own cells that say what its rate came to: a table that prints 目标值 and 实际值 columns, or
    states the rate in its 评价依据 ("…预算执行率93.6%。"), where no 附件4 gives the inputs; and the 扣分 it prints."""

    target: Hit | None
    actual: Hit | None
    remark: Hit | None
    deduction: Hit | None = None  # its 扣分, which with its 得分 must make its 分值
    note: Hit | None = None  # its 指标说明, where a unit writes its own working ("…预算控制率为15.00%")


class IndicatorHit(NamedTuple):
    """Where an indicator's declared weight and score live (a named tuple, as Hit)."""

    name: str
    weight: Hit | None  # the declared weight (own column or inside the name cell)
    score: Hit  # the 得分 cell; shared by several indicators when it is merged across their rows
    shared_with: tuple[str, ...] = ()  # the other indicators of a merged score cell
    standard: Hit | None = None  # the 评价标准 printed on the indicator's own row (not on a group's row)
    note: Hit | None = None  # its 指标说明, which may print the rate's formula
    stated: Stated | None = None  # what its own row says the rate came to (目标值, 实际值, 评价依据)


class OtherRow(NamedTuple):
    """A score-table row (or rows scored by one merged 得分 cell) that no rule of the rule set covers: its declared
    score is kept and counts in every sum."""

    name: str  # as written; the rows' names joined by "、" for a merged group
    weight: float | None  # the declared 分值 (Σ over a merged group's rows); None when a row has none
    weight_cell: Hit | None  # the first row's 分值 cell
    score: Hit  # the 得分 cell
    standard: Hit | None = None  # the 评价标准 it prints (a single row's), which may score it (``RuleSet.rate_keys``)
    note: Hit | None = None  # its 指标说明, which may print the rate's formula
    stated: Stated | None = None  # what its own row says the rate came to (目标值, 实际值, 评价依据)
    groups: str = ""  # the names of the groups it stands under ("扣分项" in the 一级 column), joined
    taken_off: bool = False  # a 扣分项 whose positive score the form takes off its 合计 (``locate.extra_rows``)


class GroupWeight(NamedTuple):
    """A 一级/二级 group that prints its own 分值 ("产出指标(50分)", or a 分值 column of its level): it must equal the
    Σ of the 分值 of the rows under it."""

    name: str  # the group's name as written, less its weight
    weight: float
    cell: Hit  # where that weight is printed: the level's 分值 cell, else its name cell
    parts: tuple[tuple[Hit, float], ...]  # (分值 cell, value) of every row under it that prints one
    what: str = "分值"  # or 得分: a 小计 row declares both sums of its group; 金额: a 附件4 合计
    items: str = "各指标"  # what the parts are called
    at_most: bool = False  # the parts are some of it (a 其中 line): they must not exceed it, need not make it up


@dataclass
class ScoreSheet:
    """What a score table holds besides its indicators: every row's 分值 cell, the printed totals, placeholders."""

    weights: list[Hit] = field(default_factory=list)  # each body row's 分值 cell, a merged cell once
    extra: list[Hit] = field(default_factory=list)  # those of them on 加分项/扣分项 rows, outside the 100 points
    weights_complete: bool = False  # every body row has a 分值 cell of its own or inside its name
    weight_total: Hit | None = None  # Σ 分值 printed in the total row
    placeholders: list[Hit] = field(default_factory=list)  # the name cells of rows such as 指标2, ……, *
    blank: bool = False  # no 得分 and no 合计 filled in: a blank template
    groups: list[GroupWeight] = field(default_factory=list)


@dataclass(frozen=True)
class Missing:
    """A label or block the form should have and this workbook does not."""

    form: str
    sheet: str
    item: str
    optional: bool = False  # a label of an optional block (楼堂馆所) that prints the block in other words
    key: str = ""  # the field's key, for a label of a block found


@dataclass
class Located:
    """Everything perfxl found in one workbook."""

    forms: dict[str, str] = field(default_factory=dict)  # form id -> sheet name
    fields: dict[str, Hit] = field(default_factory=dict)  # field key -> value cell
    indicators: dict[str, IndicatorHit] = field(default_factory=dict)
    others: list[OtherRow] = field(default_factory=list)  # score-table rows no rule covers
    score_sheet: ScoreSheet | None = None  # the score table's own sums, placeholders and blankness
    total: Hit | None = None
    header_total: Hit | None = None  # the score table's 自评总分 written above it ("自评总分：91.98分")
    header_grade: Hit | None = None  # and its 等级 there, where the table also has a 等级 row of its own
    grade: Hit | None = None
    unit: str | None = None
    missing: list[Missing] = field(default_factory=list)
    instances: list[Instance] = field(default_factory=list)  # 自评表 (several per workbook)
    lists: list[Listing] = field(default_factory=list)  # lists of projects or units (汇总表), one line each
    notes: list[str] = field(default_factory=list)  # what the person should know of how it was read (hidden sheets)
    # The rule set was named, not chosen from what the workbook prints (--rules auto): a printed 分值 or 评价标准
    # other than its own is then said (weight-mismatch, standard-mismatch).
    forced: bool = True
    # False: chosen although no rule set agrees with the printed 附件5; its printed 分值 are then not held to the
    # rule set that lends names and formulas.
    matched: bool = True
    grades: tuple[Grade, ...] | None = None  # the grade bounds the score table's sheet prints (locate.grade_bounds)
    sums: list[GroupWeight] = field(default_factory=list)  # 附件4 合计 amounts and the items listed under them
    formulas: list[ColumnFormula] = field(default_factory=list)  # cells of columns whose header prints a formula
    # 附件4 fields whose blank is not an omission: read from an item list (an item row left empty is how a unit with
    # none of it fills such a table: a warning), or of an optional block (楼堂馆所: blank, no project)
    listed: set[str] = field(default_factory=set)
    optional: set[str] = field(default_factory=set)
    # rates of 附件4 change lines no block of the rule set reads, by the name a score-table row gives them
    # (公务招待费变动率 -> (7.5, its working)): such a row is scored by its printed standard
    line_rates: dict[str, tuple[float, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class FundsRow:
    row: str  # "total", "appropriation", "carryover", "other", "breakdown"; "rowN" for a line no rule names
    label: str
    cells: dict[str, Hit]  # column role ("annual", "annual_fiscal", "rate", …) -> cell
    parent: int | None = None  # index of the row it is a part of in Instance.funds; None for the top row


@dataclass(frozen=True)
class IndicatorRow:
    level1: str
    level2: str
    name: str
    cells: dict[str, Hit]  # column role ("target", "actual", "weight", "score", …) -> cell
    weight: float | None = None  # the declared 分值: own column, else inside the name, Σ for rows scored together
    parts: tuple[IndicatorRow, ...] = ()  # rows one merged 得分 cell scores together, each with its own 分值


class Total(NamedTuple):
    """A total row of a 自评表 (总分, 绩效指标总分, 合计 …): its label and its 分值 / 得分 cells."""

    label: str
    cells: dict[str, Hit]  # "weight" / "score" / "coefficient" -> cell, blank ones left out
    blank_score: Hit | None = None  # its 得分 cell where that is left blank (perfxl fills it in the scored copy)


@dataclass
class Instance:
    """One 自评表 in a workbook."""

    form: str
    variant: str
    title: str
    sheet: str
    header: dict[str, Hit] = field(default_factory=dict)
    funds: list[FundsRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    totals: list[Total] = field(default_factory=list)  # the table's total rows, top to bottom
    grade: Hit | None = None  # the declared 等级
    grade_blank: bool = False  # its row holds nothing but the label: the scored copy may fill the 等级 in
    header_grade: Hit | None = None  # a 等级 written above the table too ("自评总分：97.8分，自评等级：优")
    groups: list[GroupWeight] = field(default_factory=list)
    placeholders: list[Hit] = field(default_factory=list)  # name cells of rows such as 指标2, ……, * left as printed
    year: int | None = None  # the evaluation year its title states ("2020年…自评表", "(2021 年度)")
    titled: bool = False  # its own title's words said which form it is (部门整体…, 项目支出…), not a guess
    grades: tuple[Grade, ...] | None = None  # the grade bounds its sheet prints for itself (locate.grade_bounds)
    tiers: tuple[Tier, ...] | None = None  # the 定性 tiers its sheet prints for itself (locate.printed_tiers)
    shares: dict[str, float] | None = None  # result word -> its fixed share of the 分值, as its sheet prints them
    span: tuple[int, int] = (0, 0)  # 0-based rows: its funds block's header, its indicator table's header
    # (分值, 得分, each line's 得分) of the 合计 of a list of tasks between its funds and its indicators that carries
    # the points a funds block carries elsewhere (年度主要任务 | … | 分值 | 得分): they count in its 总分
    list_points: tuple[Hit, Hit, tuple[Hit | None, ...]] | None = None
    exec_note: Hit | None = None  # a note under the form that says how the 执行率得分 is scored ("注：1.执行率得分：…")
    note: Hit | None = None  # the note under the form ("注：…"), whose items may state the standard of a class of rows
    defined: Hit | None = None  # the form's own words defining its 执行率 over the year's budget

    @property
    def unit_name(self) -> str | None:
        """The 单位 its header prints, where that names one (a "/" or "—" there does not)."""
        unit = self.header.get("unit")
        if unit is None or parse_number(unit.raw).status == "empty":
            return None
        return str(unit.raw).strip() or None

    @property
    def sheets(self) -> frozenset[str]:
        """The sheets it is printed on: its own, and those of its rows and totals (a form over two sheets)."""
        rows = [row.cells for row in self.indicators] + [total.cells for total in self.totals]
        return frozenset({self.sheet, *(hit.sheet for cells in rows for hit in cells.values())})

    @property
    def name(self) -> str:
        """What a person calls it: the project name, else the form's title."""
        project = self.header.get("project")
        return str(project.raw).strip() if project is not None and project.raw else self.title
