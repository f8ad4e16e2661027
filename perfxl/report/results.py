"""What perfxl returns: one FileResult per input, gathered in a Report. Renderers take these."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import tempfile
import weakref
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple, overload

from perfxl import __version__
from perfxl.report.findings import SEVERITY_ORDER, Finding

if TYPE_CHECKING:
    from perfxl.compute.selfeval import InstanceResult
    from perfxl.report.frames import Frames


class IndicatorResult(NamedTuple):
    """One indicator's score and its working (a named tuple, as ``Finding``: made by the hundred thousand)."""

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


class RateResult(NamedTuple):
    """One derived rate and its working (a named tuple, as ``Finding``)."""

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


@dataclass(frozen=True, slots=True)
class Digest:
    """What a batch keeps in memory of one FileResult: what 汇总, 处理失败 and the charts show.

    ``index`` is the result's position in its report; ``offset``/``size`` locate its pickle in a spool (-1: none),
    followed there by ``rows_size`` bytes of its summary rows.
    """

    index: int
    file: str
    status: str
    error: dict[str, str] | None
    unit: str | None
    forms: tuple[str, ...]  # the "form" of each form found
    total: float | None
    declared_total: float | None
    grade: str | None
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
            result.grade,
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


class SpooledFiles(Sequence[FileResult]):
    """The FileResults of a batch, pickled one after another into an anonymous temporary file.

    Only a Digest of each stays in memory; ``files[i]`` reads result i back (one read), iterating streams them
    in order. The file lives in a private temporary folder and is gone after ``close()`` (or when this object
    is collected, or at exit; on POSIX the file has no name at all once created).
    """

    def __init__(self) -> None:
        self._dir = tempfile.mkdtemp(prefix="perfxl-spool-")
        try:
            self._file: IO[bytes] = tempfile.TemporaryFile(  # noqa: SIM115 - closed by close() or the finalizer
                dir=self._dir, prefix="results-", suffix=".pickle", buffering=_SPOOL_BUFFER
            )
        except BaseException:
            shutil.rmtree(self._dir, ignore_errors=True)
            raise
        if os.name != "nt":  # the file is already unlinked: nothing is left on disk, whatever happens next
            shutil.rmtree(self._dir, ignore_errors=True)
        self._end = 0
        self._at_end = True  # the file's position is at _end (a seek would flush the write buffer every append)
        self._unflushed = False
        self.digests: list[Digest] = []
        self._values: dict[Any, Any] = {}
        self._finalizer = weakref.finalize(self, _close_spool, self._file, self._dir)

    def append(self, packed: Packed) -> Digest:
        if not self._at_end:
            self._file.seek(self._end)
            self._at_end = True
        self._file.write(packed.data)
        self._file.write(packed.rows)
        self._unflushed = True
        d = packed.digest  # made again with its place in the spool (dataclasses.replace costs 5x more)
        digest = Digest(
            len(self.digests),
            d.file,
            d.status,
            d.error,
            d.unit,
            self._shared(d.forms),
            d.total,
            d.declared_total,
            d.grade,
            self._shared(d.severities),
            d.problems,
            d.notes,
            self._end,
            len(packed.data),
            len(packed.rows),
        )
        self._end += len(packed.data) + len(packed.rows)
        self.digests.append(digest)
        return digest

    def _shared(self, value: Any) -> Any:
        """One copy of a value most digests repeat (forms found, severities met): memory per file stays small."""
        return self._values.setdefault(value, value)

    def rows(self, index: int) -> bytes:
        """Result index's packed table rows, read back without unpickling the result."""
        digest = self.digests[index]
        data = self._read_at(digest.offset + digest.size, digest.rows_size)
        if len(data) != digest.rows_size:
            raise RuntimeError("perfxl: the spool of results was truncated")
        return data

    def load(self, digest: Digest) -> FileResult:
        if not digest.size:
            raise RuntimeError("perfxl: this batch kept no results, only their summary (audit keep_results=False)")
        data = self._read_at(digest.offset, digest.size)
        if len(data) != digest.size:
            raise RuntimeError("perfxl: the spool of results was truncated")
        result: FileResult = pickle.loads(data)
        return result

    def flush(self) -> None:
        """Put what was appended on disk (reading does it too): a process forked after this reads it all."""
        self._file.flush()
        self._unflushed = False

    def _read_at(self, offset: int, size: int) -> bytes:
        """``size`` bytes at ``offset``; with pread (POSIX) the file's position is not used, so a forked child
        (the summary's ``aside``) and this process can read the spool at the same time."""
        if self._unflushed:
            self.flush()
        if _PREAD:
            return os.pread(self._file.fileno(), size, offset)
        self._at_end = False
        self._file.seek(offset)
        return self._file.read(size)

    def __len__(self) -> int:
        return len(self.digests)

    @overload
    def __getitem__(self, index: int) -> FileResult: ...

    @overload
    def __getitem__(self, index: slice) -> list[FileResult]: ...

    def __getitem__(self, index: int | slice) -> FileResult | list[FileResult]:
        if isinstance(index, slice):
            return [self.load(d) for d in self.digests[index]]
        return self.load(self.digests[index])

    def __iter__(self) -> Iterator[FileResult]:
        for digest in self.digests:
            yield self.load(digest)

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def close(self) -> None:
        self._finalizer()


_PREAD = hasattr(os, "pread")
_SPOOL_BUFFER = 1 << 20  # a batch's results reach the disk a megabyte at a time, not a write per file


def _close_spool(file: IO[bytes], folder: str) -> None:
    try:
        file.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Report:
    files: Sequence[FileResult]  # a list, or the SpooledFiles of a batch
    rules: str

    def digests(self) -> Sequence[Digest]:
        """One Digest per file, in order (kept by a spool, else made here)."""
        if isinstance(self.files, SpooledFiles):
            return self.files.digests
        return [Digest.of(result, i) for i, result in enumerate(self.files)]

    def to_dict(self) -> dict[str, Any]:
        return {"perfxl": __version__, "files": [f.to_dict() for f in self.files]}

    def json_chunks(self) -> Iterator[str]:
        """``json.dumps(self.to_dict(), ensure_ascii=False, indent=2)`` in pieces: one file at a time."""
        yield f'{{\n  "perfxl": {json.dumps(__version__, ensure_ascii=False)},\n  "files": ['
        sep = "\n    "
        empty = True
        for result in self.files:
            yield sep + json.dumps(result.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n    ")
            sep, empty = ",\n    ", False
        yield "]\n}" if empty else "\n  ]\n}"

    def to_frames(self) -> Frames:
        """Three tidy pandas DataFrames: returns, indicators (rates too) and findings (``perfxl.report.frames``)."""
        from perfxl.report.frames import to_frames  # pandas is imported only when it is asked for

        return to_frames(self)

    def counts(self) -> Counter[str]:
        total: Counter[str] = Counter()
        if isinstance(self.files, SpooledFiles):
            for digest in self.files.digests:
                total.update(dict(digest.severities))
        else:
            for result in self.files:
                total.update(result.counts())
        return total

    def close(self) -> None:
        """Free the spool of a batch's results, if any (the report's files cannot be read after)."""
        if isinstance(self.files, SpooledFiles):
            self.files.close()


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
