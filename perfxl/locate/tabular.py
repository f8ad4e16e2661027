"""What the table reader finds in a sheet: indicator tables and funds blocks read by structure, not by names.

Plain data, made by ``perfxl.locate.table`` (tables, rows, footers), ``perfxl.locate.funds_block`` (funds
trees) and ``perfxl.locate.fields`` (labelled fields); every value keeps its cell as a ``Hit``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple, cast

from perfxl.locate.headers import Column
from perfxl.locate.located import Hit
from perfxl.read.values import amount_text, parse_number, parse_weight


class Level(NamedTuple):
    """An 一级/二级/三级 cell of a row: its text, the name less a weight written in it, that weight."""

    text: str  # as written, stripped ("产出指标(50分)")
    name: str  # without the weight ("产出指标")
    weight: float | None  # "(50分)" in the text, or the level's own 分值 column
    cell: Hit | None  # the level's cell (its merge's anchor); None when the level is blank
    weight_cell: Hit | None = None  # where the weight is printed: the level's 分值 cell, else its own cell


# Level((text, name, weight, cell, weight_cell)) without the named tuple's Python-level __new__ (as ``new_hit``)
_LevelFields = tuple[str, str, float | None, Hit | None, Hit | None]
new_level = cast(Callable[[_LevelFields], Level], partial(tuple.__new__, Level))


class IndicatorLine(NamedTuple):
    """A body row of a score or indicator table: an indicator whether or not any rule set knows its name (a named
    tuple: every body row of every table of a batch is one)."""

    row: int  # 0-based sheet row
    levels: tuple[Level, ...]  # one per level column of the table, outermost first, carried down merges
    cells: Mapping[str, Hit]  # role -> cell (weight, target, actual, unit, nature, standard, score, …)
    weight: Hit | None  # the declared 分值: own column, else inside the name ("资金使用(5分)")
    weight_in_name: bool = False
    placeholder: bool = False  # "指标2：", "……", "*", "/" or an empty group with nothing else filled
    merged_score: str = ""  # A1 range of a 得分 cell merged over several rows (履职效益 15 over three)

    @property
    def name(self) -> str:
        """The innermost level written: the 三级 name, else its group's (履职效益 written as one row)."""
        return next((lvl.text for lvl in reversed(self.levels) if lvl.text), "")

    @property
    def score(self) -> Hit | None:
        return self.cells.get("score")

    @property
    def points(self) -> float | None:
        """The declared 分值 as a number: its own column's, else the one inside its name."""
        if self.weight is None:
            return None
        return self.levels[-1].weight if self.weight_in_name else parse_weight(self.weight.raw)

    def get(self, role: str) -> object:
        """The raw value of a role's cell (None when blank or absent)."""
        hit = self.cells.get(role)
        return None if hit is None else hit.raw


# IndicatorLine((row, levels, cells, weight, weight_in_name, placeholder, merged_score)), as ``new_level``
_LineFields = tuple[int, tuple[Level, ...], Mapping[str, Hit], Hit | None, bool, bool, str]
new_line = cast(Callable[[_LineFields], IndicatorLine], partial(tuple.__new__, IndicatorLine))


@dataclass(frozen=True)
class Footer:
    """A total row under a table (合计, 总分, 绩效指标总分 …) with its cells by role."""

    row: int
    label: str
    cells: Mapping[str, Hit]  # weight / score / coefficient cells of the row (blank cells left out)
    col: int = -1  # the label's column (a 小计 left of every level column is its outermost group's)


@dataclass
class Table:
    """A score or indicator table: header rows, column roles, body rows, footers and the fields above it."""

    sheet: str
    title: str  # the nearest title above ("项目支出绩效自评表"), "" if none
    header: tuple[int, int]  # first and last header row, 0-based
    columns: dict[str, Column]  # role -> column (weight may be inferred from content)
    level_weights: dict[str, int] = field(default_factory=dict)  # level role -> its own 分值 column
    rows: list[IndicatorLine] = field(default_factory=list)
    footers: list[Footer] = field(default_factory=list)
    subtotals: list[Footer] = field(default_factory=list)  # 小计 rows inside the body, each after its group
    fields: dict[str, Hit] = field(default_factory=dict)  # project / unit / declared_total / grade …
    end: int = -1  # its last row, 0-based: a body row, footer or 等级 row (what follows is no longer the table's)
    left: int = 0  # the first column of the form it belongs to, when forms stand side by side in one sheet
    shares: bool = False  # its 分值 were printed as shares of the total (0.15) and are read as points (15)
    caption: Level | None = None  # a caption over the whole body that prints a weight ("年度绩效目标(80分)")
    after_funds: bool = False  # printed under a funds block with no title between: that 自评表's indicators
    names_with_points: bool = False  # its names stand under a 分值 header, their points in them ("任务分解（2）")
    section_scores: dict[str, Hit] = field(default_factory=dict)  # a section row's name cell -> its 得分 cell

    @property
    def indicators(self) -> list[IndicatorLine]:
        """The body rows that are not placeholders."""
        return [line for line in self.rows if not line.placeholder]

    @property
    def blank(self) -> bool:
        """Only placeholders and blanks: a template nobody filled in."""
        return not self.indicators

    def printed_points(self) -> float:
        """The Σ of the 分值 its rows print (0 where a row prints none)."""
        return sum(points for line in self.indicators if (points := line.points) is not None)

    @property
    def placeholders(self) -> list[IndicatorLine]:
        return [line for line in self.rows if line.placeholder]

    def score_groups(self) -> list[tuple[IndicatorLine, ...]]:
        """The indicators grouped by their 得分 cell: one group per score, several rows when it is merged."""
        groups: dict[tuple[str, str], list[IndicatorLine]] = {}
        for line in self.indicators:  # (a table over two sheets: rows and cells of each sheet its own)
            score = line.score
            key = (score.sheet, score.cell) if score is not None and line.merged_score else (str(id(line)), "")
            groups.setdefault(key, []).append(line)
        return [tuple(g) for g in groups.values()]


@dataclass(frozen=True)
class FundsLine:
    """A row of a funds block and its place in the tree (a breakdown row is never a sibling to add again)."""

    row: int
    label: str  # as written, stripped
    kind: str  # total, appropriation, carryover, other, breakdown, or "" for a label no rule set names
    parent: int | None  # index of the parent line in FundsBlock.lines; None for the top line
    cells: Mapping[str, Hit]  # role -> cell

    def amount(self, role: str) -> float | None:
        """A role's number: "1,234.50", "150万", 3.36; None for blanks, "/", "—" and "0/0", never an error."""
        hit = self.cells.get(role)
        if hit is None:
            return None
        parsed = parse_number(amount_text(hit.raw)[0])
        return parsed.value if parsed.ok else None


@dataclass
class FundsBlock:
    """A funds block: its header row, column roles, its lines as a tree, and the fields above it."""

    sheet: str
    title: str
    header: int  # 0-based header row
    columns: dict[str, Column]
    lines: list[FundsLine] = field(default_factory=list)
    fields: dict[str, Hit] = field(default_factory=dict)
    left: int = 0  # the first column of the form it belongs to, when forms stand side by side in one sheet
    follows: Table | None = None  # the indicator table above it whose funds it is (printed below the indicators)

    def children(self, index: int) -> list[FundsLine]:
        """The lines whose parent is line ``index``."""
        return [line for line in self.lines if line.parent == index]


@dataclass
class SheetTables:
    """Everything the table reader found in one sheet, top to bottom."""

    sheet: str
    funds: list[FundsBlock] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    fields: dict[str, Hit] = field(default_factory=dict)  # every labelled field of the sheet, the first of each
    seen: str = ""  # when nothing was recognised: a one-line description of what was there

    @property
    def found(self) -> bool:
        return bool(self.funds or self.tables)
