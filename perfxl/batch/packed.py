"""What a batch's worker sends back for each result: its digest, its pickle and its summary rows, as bytes.

The main process stores the bytes as they are (``batch.spool``) and keeps the digest; it never unpickles a
result to write the summary."""

from __future__ import annotations

import pickle
from dataclasses import dataclass

from perfxl.report.digest import Digest
from perfxl.report.results import FileResult


@dataclass(frozen=True, slots=True)
class Packed:
    """A FileResult made ready for a spool where it was computed (in a batch's worker): the main process
    stores the bytes as they are and keeps the digest, never unpickling the result."""

    digest: Digest  # its index is set by the spool
    data: bytes  # the pickled FileResult
    rows: bytes  # its rows of the summary's tables (``write.summary.rows.TableRows.pack``)

    @classmethod
    def of(cls, result: FileResult, rows: bytes, keep_result: bool = True) -> Packed:
        """``result`` packed with its summary rows; without ``keep_result`` only the digest and the rows
        (a summary needs no more)."""
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL) if keep_result else b""
        return cls(Digest.of(result, -1), data, rows)
