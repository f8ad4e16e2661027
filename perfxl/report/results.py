"""What perfxl returns: one FileResult per input, gathered in a Report. Renderers take these."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from perfxl import __version__
from perfxl.errors import ErrorCode, PerfxlError
from perfxl.read.values import round_half_up
from perfxl.report.findings import SEVERITY_ORDER, Finding

if TYPE_CHECKING:
    from perfxl.report.frames import Frames
    from perfxl.report.instances import InstanceResult


class IndicatorResult(NamedTuple):
    """One indicator's score and its working (a named tuple, as ``Finding``: made by the hundred thousand)."""

    name: str
    weight: float | None  # the rule's; for a row no rule covers, its declared 分值 (None when it has none)
    score: float | None  # the score that counts: the rule's, or the declared one kept within 0..weight
    declared: float | None
    rule_score: float | None  # None for declared-only indicators
    sheet: str | None
    cell: str | None
    basis: str  # the working, in Chinese
    filled: bool = False  # the 得分 cell was blank and perfxl fills it
    known: bool = True  # False: a row of the score table that no rule covers (its declared score is kept)

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


class RateResult(NamedTuple):
    """One derived rate and its working (a named tuple, as ``Finding``)."""

    name: str
    value: float | None  # percent
    formula: str  # "(18 − 20) / 20 = −10.00%"
    declared: str | None  # as typed
    sheet: str | None
    cell: str | None
    filled: bool = False  # the rate cell was blank and perfxl fills it


@dataclass(frozen=True, slots=True)
class FileError:
    """Why a file has no result: the PerfxlError its reading raised, kept as data (``exception()`` raises it again).

    Data rather than the exception object: it compares by value (a result read back from a batch's spool equals
    the one that was written), holds no traceback (nor the workbook data the traceback's frames would keep
    alive), and pickles by its fields whatever arguments the error class's constructor takes.
    """

    kind: type[PerfxlError]
    code: ErrorCode
    message: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None

    @classmethod
    def of(cls, error: PerfxlError) -> FileError:
        # A class with a constructor of its own (RuleError: a source and its problems) cannot be made again from
        # a message; none is raised while reading a workbook, and its base class keeps the code and the message.
        kind = type(error) if type(error).__init__ is PerfxlError.__init__ else PerfxlError
        return cls(kind, error.code, error.message, error.file, error.sheet, error.cell)

    def exception(self) -> PerfxlError:
        """The error again: the same class, code, message and place."""
        return self.kind(self.message, code=self.code, file=self.file, sheet=self.sheet, cell=self.cell)

    def __str__(self) -> str:
        return str(self.exception())

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": str(self)}


@dataclass(frozen=True)
class RulesUsed:
    """The rule set a workbook was read by, and why: named by the user, or chosen from what it prints
    (``--rules auto``; ``matched`` False: no rule set agreed with its printed 附件5, the printed table alone scored)."""

    name: str
    title: str
    reason: str  # one Chinese sentence, shown in the terminal, 评分结果 and the JSON
    chosen: bool = False
    matched: bool = True


@dataclass
class FileResult:
    file: str
    status: Literal["ok", "error"] = "ok"
    error: FileError | None = None
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
    output_error: str | None = None  # why the scored copy asked for was not written
    fingerprint: str | None = None  # of the input's bytes as scored (``perfxl.read.sniff.fingerprint``)
    instances: list[InstanceResult] = field(default_factory=list)  # 自评表 found in the workbook
    rules: RulesUsed | None = None  # the rule set that read it, and why

    def counts(self) -> Counter[str]:
        return Counter(f.severity for f in self.flags)

    def sorted_flags(self) -> list[Finding]:
        return sorted(self.flags, key=lambda f: SEVERITY_ORDER[f.severity])

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "error": None if self.error is None else self.error.to_dict(),
            "unit": self.unit,
            "forms": self.forms,
            "rates": {r.name: _r(r.value) for r in self.rates if r.value is not None},
            "indicators": [i.to_dict() for i in self.indicators],
            "total": {"score": _r(self.total), "declared": _r(self.declared_total), "max": self.max_total},
            "grade": self.grade,
            "instances": [i.to_dict() for i in self.instances],
            "flags": [f.to_dict() for f in self.flags],
            "rules": None if self.rules is None else asdict(self.rules),
            "notes": self.notes,
            "output": self.output,
            "output_error": self.output_error,
        }


@dataclass
class Report:
    """The results of one run, one per input in order; ``files`` may be any sequence (a list, a batch's spool)."""

    files: Sequence[FileResult]
    rules: str
    skipped: Sequence[tuple[str, str]] = ()  # a batch's files not read, each with the reason (every input said)

    def to_dict(self) -> dict[str, Any]:
        return {"perfxl": __version__, "files": [f.to_dict() for f in self.files], **self._skipped()}

    def _skipped(self) -> dict[str, Any]:
        return {"skipped": [{"file": path, "reason": why} for path, why in self.skipped]} if self.skipped else {}

    def json_chunks(self) -> Iterator[str]:
        """``json.dumps(self.to_dict(), ensure_ascii=False, indent=2)`` in pieces: one file at a time."""
        yield f'{{\n  "perfxl": {json.dumps(__version__, ensure_ascii=False)},\n  "files": ['
        sep = "\n    "
        empty = True
        for result in self.files:
            yield sep + json.dumps(result.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n    ")
            sep, empty = ",\n    ", False
        yield "]" if empty else "\n  ]"
        skipped = self._skipped().get("skipped")
        if skipped:
            yield ',\n  "skipped": ' + json.dumps(skipped, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield "\n}"

    def to_frames(self) -> Frames:
        """Three tidy pandas DataFrames: returns, indicators (rates too) and findings (``perfxl.report.frames``)."""
        from perfxl.report.frames import to_frames  # pandas is imported only when it is asked for

        return to_frames(self)

    def counts(self) -> Counter[str]:
        """Findings by severity over every file."""
        total: Counter[str] = Counter()
        for result in self.files:
            total.update(result.counts())
        return total


def _r(value: float | None) -> float | None:
    return None if value is None else round_half_up(value, 2)
