"""What a batch keeps of each result in memory (Digest) and what a worker sends back for the spool (Packed)."""

from __future__ import annotations

from dataclasses import dataclass

from perfxl.report.results import FileError, FileResult


@dataclass(frozen=True, slots=True)
class Digest:
    """What a batch keeps in memory of one FileResult: its row of the returns table (``perfxl.report.table``), from
    which 汇总, 处理失败, the charts and ``Report.to_frames()["returns"]`` are made.

    ``index`` is the result's position in its report; ``offset``/``size`` locate its pickle in a spool (-1: none),
    followed there by ``rows_size`` bytes of its summary rows.
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
    offset: int = -1
    size: int = 0
    rows_size: int = 0

    @classmethod
    def of(cls, result: FileResult, index: int, offset: int = -1, size: int = 0, rows_size: int = 0) -> Digest:
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
            offset,
            size,
            rows_size,
        )

    def count(self, severity: str) -> int:
        for name, n in self.severities:
            if name == severity:
                return n
        return 0

    @property
    def n_flags(self) -> int:
        return sum(n for _, n in self.severities)


@dataclass(frozen=True, slots=True)
class Packed:
    """A FileResult made ready for a spool where it was computed (in a batch's worker): the main process
    stores the bytes as they are and keeps the digest, never unpickling the result."""

    digest: Digest  # index and offsets are set by the spool
    data: bytes  # the pickled FileResult
    rows: bytes  # its rows of the summary's tables (summary_rows.TableRows.pack)
