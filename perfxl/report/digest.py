"""A return summarised: its row of the returns table, what a batch keeps of each result in memory.

A report's files may carry their digests already (a batch's spool keeps them as it is filled: ``Digested``);
``digests_of`` and ``counts_of`` take them from there, else make them from the results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from perfxl.report.results import FileError, FileResult


@dataclass(frozen=True, slots=True)
class Digest:
    """What a batch keeps in memory of one FileResult: its row of the returns table (``perfxl.report.returns``), from
    which 汇总, 处理失败, the charts and ``Report.to_frames()["returns"]`` are made.

    ``index`` is the result's position in its report.
    """

    index: int
    file: str
    status: str
    error: FileError | None
    unit: str | None
    forms: tuple[str, ...]  # the "form" of each form found
    total: float | None
    declared_total: float | None
    max_total: float | None
    complete: bool
    grade: str | None
    declared_grade: str | None
    severities: tuple[tuple[str, int], ...]  # (severity, findings) in first-met order
    problems: tuple[object, ...]  # the codes of the errors and warnings, for the chart of frequent problems
    notes: tuple[str, ...]
    output: str | None = None  # the scored copy written, if any
    rules: str | None = None  # the name of the rule set that read it
    output_error: str | None = None  # why the scored copy asked for was not written

    @classmethod
    def of(cls, result: FileResult, index: int) -> Digest:
        return cls(
            index,
            result.file,
            result.status,
            result.error,
            result.unit,
            tuple(f.get("form", "") for f in result.forms),
            result.total,
            result.declared_total,
            result.max_total,
            result.complete,
            result.grade,
            result.declared_grade,
            tuple(result.counts().items()),
            tuple(f.code for f in result.flags if f.severity != "info"),
            tuple(result.notes),
            result.output,
            None if result.rules is None else result.rules.name,
            result.output_error,
        )

    def count(self, severity: str) -> int:
        for name, n in self.severities:
            if name == severity:
                return n
        return 0

    @property
    def n_flags(self) -> int:
        return sum(n for _, n in self.severities)


@runtime_checkable
class Digested(Protocol):
    """Files that carry each result's digest and the findings' counts, so that neither needs the results."""

    @property
    def digests(self) -> Sequence[Digest]: ...

    def counts(self) -> Counter[str]: ...


def digests_of(files: Sequence[FileResult]) -> Sequence[Digest]:
    """Each result's digest, in order: those the files carry, else made here from the results."""
    if isinstance(files, Digested):
        return files.digests
    return [Digest.of(result, i) for i, result in enumerate(files)]


def counts_of(files: Sequence[FileResult]) -> Counter[str]:
    """Findings by severity over every file: from the digests the files carry, else from the results."""
    if isinstance(files, Digested):
        return files.counts()
    total: Counter[str] = Counter()
    for result in files:
        total.update(result.counts())
    return total
