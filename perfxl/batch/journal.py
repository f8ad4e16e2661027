"""A batch's journal: what each scored file sent back, appended beside the summary as the batch goes, so that a
batch stopped at any moment (Ctrl-C, a closed window, kill -9, a full disk) can be finished by ``audit --resume``
without scoring again the files it had finished.

The file is a header (the batch's settings: an interrupted batch is resumed only with the same ones) then one
frame per file: its length, its CRC-32, and a pickle of the file's name, size and modification time (a file
changed since is scored again) with the ``Packed`` result. A frame is added whole or, when the process dies while
writing it, is cut off at the next resume: what is read back is every frame up to the first incomplete one.
While a batch runs, its journal is locked (POSIX), so a second run cannot resume a batch that is still going.

The journal is deleted when the summary has been written. It holds pickles perfxl wrote itself, read back by an
unpickler that makes nothing but perfxl's own result types (a journal planted beside the summary cannot run code).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import struct
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final

from perfxl import __version__
from perfxl.batch.packed import Packed
from perfxl.errors import ErrorCode, OutputError, os_reason
from perfxl.report.results import FileResult

try:
    import fcntl
except ImportError:  # Windows: no lock; a resume while the batch still runs is the user's to avoid
    fcntl = None  # type: ignore[assignment]

__all__ = ["Journal", "Settings", "close_inherited", "in_use", "journal_path"]

_MAGIC = b"perfxl-journal 1\n"
_FRAME = struct.Struct("<II")  # payload length, CRC-32 of the payload
_SUFFIX = ".perfxl-journal"
_OPEN: set[int] = set()  # the descriptors of this process's open journals (a forked worker inherits them)


def close_inherited() -> None:
    """In a forked worker: close the journals' descriptors it inherited. A journal's lock belongs to its open file,
    so a worker holding a copy would keep it locked after the batch's own process ended or closed it."""
    for fd in _OPEN:
        with contextlib.suppress(OSError):
            os.close(fd)
    _OPEN.clear()


def journal_path(summary: Path) -> Path:
    """Where the journal of the batch whose summary is ``summary`` goes: beside it, named after it."""
    return summary.with_name(summary.name + _SUFFIX)


def in_use(path: Path) -> bool:
    """Whether a batch running now holds the journal at ``path`` (POSIX; False where there is no lock)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # the lock, if taken, goes with it
    return False


@dataclass(frozen=True)
class Settings:
    """What a resumed batch must share with the one it finishes, for the summary to be one batch's."""

    version: str
    rules: str
    write_back: str | None
    keep_results: bool
    inputs: str  # a digest of the list of files to read, in order

    @classmethod
    def of(cls, names: Sequence[str], rules: str, write_back: Path | None, keep_results: bool) -> Settings:
        listed = hashlib.sha256("\n".join(names).encode("utf-8", "surrogatepass")).hexdigest()
        folder = os.path.abspath(write_back) if write_back is not None else None
        return cls(__version__, rules, folder, keep_results, listed)

    def differences(self, other: Settings) -> list[str]:
        """What differs from ``other``, in the user's words."""
        said = []
        if self.version != other.version:
            said.append(f"perfxl 版本({other.version} → {self.version})")
        if self.rules != other.rules:
            said.append(f"--rules({other.rules} → {self.rules})")
        if self.write_back != other.write_back:
            said.append("--write-back 目录")
        if self.keep_results != other.keep_results:
            said.append("是否输出 --json")
        if self.inputs != other.inputs:
            said.append("要审核的文件")
        return said


def _stamp(name: str) -> tuple[int, int] | None:
    """A file's size and modification time, or None when it cannot be looked at."""
    try:
        st = os.stat(name)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class Journal:
    """An open journal, locked, positioned for appending."""

    def __init__(self, path: Path, file: IO[bytes]) -> None:
        self.path = path
        self._file = file
        self._fd = file.fileno()
        _OPEN.add(self._fd)
        self.frames = 0  # files appended by this run
        self.failed: str | None = None  # why appending stopped (a full disk): the batch goes on without it

    @classmethod
    def start(cls, path: Path, settings: Settings) -> Journal:
        """A new journal (an old one at ``path`` is replaced): its header is on disk before any file is scored."""
        try:  # not truncated before it is locked: it may be the journal of a batch still running
            file = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666), "r+b")
        except OSError as exc:
            raise OutputError(f"无法写出审核记录: {os_reason(exc)}", code=ErrorCode.OUTPUT_FAILED, file=path) from exc
        journal = cls(path, file)
        try:
            journal._lock()
            file.truncate()
            file.write(_MAGIC)
            journal._frame(settings)
            journal.flush()
        except BaseException:
            journal.close()
            raise
        return journal

    @classmethod
    def resume(cls, path: Path, settings: Settings) -> tuple[Journal, dict[str, Packed]]:
        """The journal at ``path`` reopened for appending, and the results it holds of files unchanged since (by
        name). Raises OutputError when it belongs to a batch run with other settings, or to one still running."""
        try:
            file = open(path, "r+b")  # noqa: SIM115 - closed by finish() or close()
        except OSError as exc:
            raise OutputError(f"无法打开审核记录: {os_reason(exc)}", code=ErrorCode.OUTPUT_FAILED, file=path) from exc
        journal = cls(path, file)
        try:
            journal._lock()
            found, end = journal._read(settings)
            file.seek(end)
            file.truncate()  # a frame cut off by the stop goes; the next is written where it began
        except BaseException:
            journal.close()
            raise
        return journal, found

    def _read(self, settings: Settings) -> tuple[dict[str, Packed], int]:
        data = self._file.read()
        if not data.startswith(_MAGIC):
            raise self._unusable("不是 perfxl 的审核记录")
        frames = _frames(data, len(_MAGIC))
        header = next(frames, None)
        if not isinstance(header, tuple) or not isinstance(header[1], Settings):
            raise self._unusable("审核记录已损坏")
        differ = settings.differences(header[1])
        if differ:
            raise self._unusable(f"与中断的那次审核设置不同: {'、'.join(differ)}")
        end = header[0]
        found: dict[str, Packed] = {}
        for frame_end, (name, stamp, packed) in frames:
            if not isinstance(packed, Packed) or (packed.data and not isinstance(_safe(packed.data), FileResult)):
                break  # not what perfxl wrote: what follows is not trusted either
            end = frame_end
            if stamp is not None and stamp == _stamp(name):
                found[name] = packed  # a file changed (or gone) since is scored again
        return found, end

    def _unusable(self, why: str) -> OutputError:
        return OutputError(
            f"无法续跑: {why}；如要从头审核，请去掉 --resume 并加 --force", code=ErrorCode.OUTPUT_EXISTS, file=self.path
        )

    def _lock(self) -> None:
        if fcntl is None:
            return
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            message = "这一批正由另一个 perfxl 在审核(审核记录已被占用)；请等它结束"
            raise OutputError(message, code=ErrorCode.OUTPUT_EXISTS, file=self.path) from exc

    def _frame(self, value: Any) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.write(_FRAME.pack(len(payload), zlib.crc32(payload)))
        self._file.write(payload)

    def append(self, name: str, packed: Packed) -> None:
        """One file's result (on disk at the next ``flush``). A journal that cannot be written (a full disk) stops
        being written, never the batch: only a resume loses what it would have held."""
        if self.failed is not None:
            return
        try:
            self._frame((name, _stamp(name), packed))
        except OSError as exc:
            self._stop(exc)
            return
        self.frames += 1

    def flush(self) -> None:
        """What was appended handed to the system: it survives the process being killed from then on."""
        if self.failed is not None:
            return
        try:
            self._file.flush()
        except OSError as exc:
            self._stop(exc)

    def _stop(self, exc: OSError) -> None:
        self.failed = os_reason(exc)
        self.close()  # what reached the disk stays readable: a cut-off last frame is dropped on resume

    def close(self) -> None:
        """Close, keeping the journal for a resume."""
        _OPEN.discard(self._fd)
        with contextlib.suppress(OSError):
            self._file.close()

    def finish(self) -> None:
        """The batch is done (its summary written): the journal goes."""
        self.close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)


# The modules whose types a journal holds: results, findings, errors, what a worker sends back, the settings.
_RESULT_MODULES: Final = ("perfxl.report.", "perfxl.errors", "perfxl.batch.packed", "perfxl.batch.journal")


class _ResultUnpickler(pickle.Unpickler):
    """Makes only perfxl's own result types: any other global a pickle names (a function, ``os.system``) is refused."""

    def find_class(self, module: str, name: str) -> Any:
        found = super().find_class(module, name) if module.startswith(_RESULT_MODULES) else None
        if not isinstance(found, type):
            raise pickle.UnpicklingError(f"{module}.{name} is not a result type")
        return found


def _loads(payload: bytes) -> Any:
    return _ResultUnpickler(io.BytesIO(payload)).load()


def _safe(payload: bytes) -> Any:
    """A result's own pickle (read back later by the spool as it is), checked by the same unpickler; None if refused."""
    try:
        return _loads(payload)
    except Exception:
        return None


def _frames(data: bytes, at: int) -> Iterator[tuple[int, Any]]:
    """(end of frame, value) for each whole frame from ``at``, up to the first cut-off or damaged one."""
    while at + _FRAME.size <= len(data):
        size, crc = _FRAME.unpack_from(data, at)
        start, end = at + _FRAME.size, at + _FRAME.size + size
        payload = data[start:end]
        if len(payload) != size or zlib.crc32(payload) != crc:
            return
        try:
            value = _loads(payload)
        except Exception:  # a frame that does not load ends what can be trusted
            return
        yield end, value
        at = end
