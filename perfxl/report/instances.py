"""What scoring a 自评表 returns: its funds rows, indicators and total."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from perfxl.read.values import fmt, fmt_pct, round_half_up


@dataclass(frozen=True)
class FundsResult:
    row: str
    label: str
    initial: float | None
    annual: float | None
    executed: float | None
    rate: float | None  # 全年执行数 ÷ 全年预算数, percent
    declared_rate: str | None
    sheet: str
    cell: str | None  # the 执行率 cell
    filled: bool = False

    @property
    def working(self) -> str:
        """The rate worked out: over the 全年预算数, or over the 年初预算数 where the form prints no other budget."""
        budget = self.annual if self.annual is not None else self.initial
        return f"{fmt(self.executed)} / {fmt(budget)} = {fmt_pct(self.rate)}" if self.rate is not None else "—"


@dataclass(frozen=True)
class EvalIndicator:
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: float | None
    score: float | None  # what the indicator earns by its rule (None: cannot be computed from the text)
    declared: float | None
    sheet: str
    cell: str | None  # the 得分 cell
    basis: str
    blank: bool = False  # the 得分 cell is empty (perfxl fills it in the scored copy)
    unreadable: bool = False  # the 得分 cell holds what is no number ("公式未计算…", #DIV/0!, words)
    extra: str = ""  # "bonus" or "penalty": a 加分项's or 扣分项's row, outside the 100 points (``locate.extra_rows``)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "level1": self.level1,
            "level2": self.level2,
            "target": self.target,
            "actual": self.actual,
            "weight": self.weight,
            "score": _r(self.score),
            "declared": _r(self.declared),
            "sheet": self.sheet,
            "cell": self.cell,
            "basis": self.basis,
        }


@dataclass
class InstanceResult:
    form: str
    variant: str
    title: str
    name: str
    sheet: str
    year: int | None
    funds: list[FundsResult] = field(default_factory=list)
    exec_weight: float | None = None
    exec_score: float | None = None
    exec_declared: float | None = None
    exec_at: tuple[str, str] | None = None
    exec_blank: bool = False  # the 执行率得分 cell is empty
    exec_unreadable: bool = False  # the 执行率得分 cell holds what is no number
    indicators: list[EvalIndicator] = field(default_factory=list)
    total: float | None = None  # 执行率得分 + Σ 指标得分 (rule scores where computable, else declared)
    declared_total: float | None = None
    grade: str | None = None
    total_at: tuple[str, str] | None = None  # a total's 得分 cell left blank, filled in the scored copy
    grade_at: tuple[str, str] | None = None  # the 等级 cell left blank, likewise
    unit: str | None = None  # the 单位 / 部门名称 its header prints
    titled: bool = False  # its title's own words said which form it is

    @property
    def called(self) -> str:
        """What a person calls it: a department's form by its 单位 (its title is every department's), else its
        name."""
        return self.unit if self.variant == "department" and self.unit else self.name

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.title,
            "variant": self.variant,
            "name": self.name,
            "sheet": self.sheet,
            "year": self.year,
            "funds": [
                {
                    "row": f.row,
                    "label": f.label,
                    "initial": f.initial,
                    "annual": f.annual,
                    "executed": f.executed,
                    "rate": _r(f.rate),
                    "declared": f.declared_rate,
                    "cell": f.cell,
                }
                for f in self.funds
            ],
            "execution": {"weight": self.exec_weight, "score": _r(self.exec_score), "declared": _r(self.exec_declared)},
            "indicators": [i.to_dict() for i in self.indicators],
            "total": {"score": _r(self.total), "declared": _r(self.declared_total)},
            "grade": self.grade,
        }


def _r(value: float | None) -> float | None:
    return None if value is None else round_half_up(value, 2)
