"""What perfxl returns: one FileResult per input, gathered in a Report. Renderers take these."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from . import __version__
from .findings import SEVERITY_ORDER, Finding

if TYPE_CHECKING:
    from .evalforms import InstanceResult


@dataclass(frozen=True)
class IndicatorResult:
    name: str
    weight: float
    score: float | None  # the score that counts: the rule's, or the declared one kept within 0..weight
    declared: float | None
    rule_score: float | None  # None for declared-only indicators
    sheet: str | None
    cell: str | None
    basis: str  # the working, in Chinese
    filled: bool = False  # the 得分 cell was blank and perfxl fills it

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "weight": self.weight,
            "score": _r(self.score),
            "declared": _r(self.declared),
            "sheet": self.sheet,
            "cell": self.cell,
            "basis": self.basis,
        }


@dataclass(frozen=True)
class RateResult:
    name: str
    value: float | None  # percent
    formula: str  # "(18 − 20) / 20 = −10.00%"
    declared: str | None  # as typed
    sheet: str | None
    cell: str | None
    filled: bool = False  # the rate cell was blank and perfxl fills it


@dataclass
class FileResult:
    file: str
    status: Literal["ok", "error"] = "ok"
    error: dict[str, str] | None = None
    unit: str | None = None
    forms: list[dict[str, str]] = field(default_factory=list)
    rates: list[RateResult] = field(default_factory=list)
    indicators: list[IndicatorResult] = field(default_factory=list)
    total: float | None = None
    declared_total: float | None = None
    total_at: tuple[str, str] | None = None  # (sheet, cell) of the declared 合计
    max_total: float | None = None
    complete: bool = True  # False: some score is missing, the total is partial and no grade is given
    grade: str | None = None
    declared_grade: str | None = None
    grade_at: tuple[str, str] | None = None  # (sheet, cell) of the declared 等级
    flags: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # reading notes (extension mismatch, …)
    output: str | None = None  # the scored copy written, if any
    instances: list[InstanceResult] = field(default_factory=list)  # 自评表 found in the workbook

    def counts(self) -> Counter[str]:
        return Counter(f.severity for f in self.flags)

    def sorted_flags(self) -> list[Finding]:
        return sorted(self.flags, key=lambda f: SEVERITY_ORDER[f.severity])

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "error": self.error,
            "unit": self.unit,
            "forms": self.forms,
            "rates": {r.name: _r(r.value) for r in self.rates if r.value is not None},
            "indicators": [i.to_dict() for i in self.indicators],
            "total": {"score": _r(self.total), "declared": _r(self.declared_total), "max": self.max_total},
            "grade": self.grade,
            "instances": [i.to_dict() for i in self.instances],
            "flags": [f.to_dict() for f in self.flags],
        }


@dataclass
class Report:
    files: list[FileResult]
    rules: str

    def to_dict(self) -> dict[str, Any]:
        return {"perfxl": __version__, "files": [f.to_dict() for f in self.files]}

    def counts(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for result in self.files:
            total.update(result.counts())
        return total


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
