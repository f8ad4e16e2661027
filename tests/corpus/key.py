"""The answer key of a generated workbook: what the form is, its rows, its declared values, its mistakes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# kinds of declared value, and what `inputs` holds for each
#   rate        (执行数 cell, 预算数 cell): declared 执行率 of one funds row
#   rate-score  (分值 cell, 执行数 cell, 预算数 cell): 执行率得分 = 分值 × min(1, 执行率)
#   sum         the addend cells: a funds amount that is the sum of its sub-rows
#   total       the addend cells: a printed 分值 or 得分 total (or a group's weight) over exactly these cells
#   score       (分值 cell,): an indicator's 得分, right when 0 ≤ 得分 ≤ 分值
#   grade       the score cells whose sum the grade is for
DECLARED_KINDS = ("rate", "rate-score", "sum", "total", "score", "grade")
MISTAKE_KINDS = (
    "rate",
    "rate-score",
    "sum",
    "double-count",
    "total",
    "weight-total",
    "group-weight",
    "score-over-weight",
    "grade",
)


@dataclass(frozen=True)
class Indicator:
    """One indicator row (or a group of rows scored once): its levels as printed, weight and declared score."""

    levels: tuple[str, ...]
    weight: Decimal
    score: Decimal
    weight_cells: tuple[str, ...]
    score_cell: str


@dataclass(frozen=True)
class Declared:
    """A value the table declares and that follows from other cells; `right` says whether it does."""

    kind: str
    cell: str
    declared: Decimal | str
    computed: Decimal | str | None
    right: bool
    inputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mistake:
    """An injected mistake: the cell that is wrong, what it says and what it should say."""

    kind: str
    cell: str
    declared: Decimal | str
    correct: Decimal | str


@dataclass
class AnswerKey:
    """Everything a reader should get out of one generated workbook."""

    sheet: str
    title: str
    form: str  # "project" | "department" | "score-table"
    total_covers: str  # "all" (执行率 points included) | "indicators" | "both" | "none"
    features: set[str] = field(default_factory=set)
    indicators: list[Indicator] = field(default_factory=list)
    declared: list[Declared] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)  # cells of placeholder rows (指标2, ……, *)

    def declare(self, item: Declared, mistake_kind: str | None = None) -> None:
        """Record a declared value; a wrong one is also a mistake of `mistake_kind` (default: its own kind)."""
        self.declared.append(item)
        if not item.right:
            correct = item.computed if item.computed is not None else ""
            self.mistakes.append(Mistake(mistake_kind or item.kind, item.cell, item.declared, correct))
