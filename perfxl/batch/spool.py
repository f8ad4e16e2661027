"""A batch's results on disk: a ``Sequence[FileResult]`` whose items are read back from a temporary file.

The report of a batch takes the spool as it would take a list; what is kept in memory of each result is its
Digest, which the summary and the command line read instead of the results themselves.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import weakref
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import IO, Any, overload

from perfxl.batch.packed import Packed
from perfxl.report.digest import Digest
from perfxl.report.results import FileResult

_PREAD = hasattr(os, "pread")
_SPOOL_BUFFER = 1 << 20  # a batch's results reach the disk a megabyte at a time, not a write per file


class SpooledFiles(Sequence[FileResult]):
    """The FileResults of a batch, pickled one after another into an anonymous temporary file.

    Only a Digest of each stays in memory; ``files[i]`` reads result i back (one read), iterating streams them
    in order, a slice is a list, as a list's would be. The file lives in a private temporary folder and is gone
    after ``close()`` (or when this object is collected, or at exit; on POSIX the file has no name at all once
    created). ``pread=False`` reads by seeking instead (where ``os.pread`` is missing).
    """

    def __init__(self, pread: bool = _PREAD) -> None:
        self._pread = pread
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
        # where each result lies in the file: its pickle at offset (size bytes; 0: not kept), then its rows
        self._offsets, self._sizes, self._rows_sizes = array("q"), array("q"), array("q")
        self._values: dict[Any, Any] = {}
        self._finalizer = weakref.finalize(self, _close_spool, self._file, self._dir)

    def append(self, packed: Packed) -> Digest:
        if not self._at_end:
            self._file.seek(self._end)
            self._at_end = True
        self._file.write(packed.data)
        self._file.write(packed.rows)
        self._unflushed = True
        d = packed.digest  # made again with its index in the batch and its shared values
        digest = Digest(
            len(self.digests),
            d.file,
            d.status,
            d.error,
            d.unit,
            self._shared(d.forms),
            d.total,
            d.declared_total,
            d.max_total,
            d.complete,
            d.grade,
            d.declared_grade,
            self._shared(d.severities),
            d.problems,
            d.notes,
            d.output,
            d.rules,
            d.output_error,
        )
        self._offsets.append(self._end)
        self._sizes.append(len(packed.data))
        self._rows_sizes.append(len(packed.rows))
        self._end += len(packed.data) + len(packed.rows)
        self.digests.append(digest)
        return digest

    def _shared(self, value: Any) -> Any:
        """One copy of a value most digests repeat (forms found, severities met): memory per file stays small."""
        return self._values.setdefault(value, value)

    def counts(self) -> Counter[str]:
        """Findings by severity over every file, from the digests (no result is read back)."""
        total: Counter[str] = Counter()
        for digest in self.digests:
            total.update(dict(digest.severities))
        return total

    def rows(self, index: int) -> bytes:
        """Result index's packed table rows, read back without unpickling the result."""
        size = self._rows_sizes[index]
        data = self._read_at(self._offsets[index] + self._sizes[index], size)
        if len(data) != size:
            raise RuntimeError("perfxl: the spool of results was truncated")
        return data

    def load(self, index: int) -> FileResult:
        """Result index, read back from the file."""
        size = self._sizes[index]
        if not size:
            raise RuntimeError("perfxl: this batch kept no results, only their summary (audit keep_results=False)")
        data = self._read_at(self._offsets[index], size)
        if len(data) != size:
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
        if self._pread:
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
            return [self.load(i) for i in range(len(self))[index]]
        return self.load(range(len(self))[index])  # a negative index counts from the end, as a list's

    def __iter__(self) -> Iterator[FileResult]:
        for i in range(len(self)):
            yield self.load(i)

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def close(self) -> None:
        self._finalizer()


def _close_spool(file: IO[bytes], folder: str) -> None:
    try:
        file.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
