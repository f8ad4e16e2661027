"""Outputs refused early and written atomically: never over an input, never over an existing file without
--force, never half-written (a temporary file beside the output replaces it only when the writing succeeded; a killed
run's temporary files are removed the next time)."""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NoReturn

from perfxl.errors import ErrorCode, OutputError


def check_output(dst: Path, force: bool) -> None:
    """Refuse early: an existing output without force, or a folder that is not there."""
    if dst.exists() and not force:
        raise OutputError("输出文件已存在，如需覆盖请加 --force", code=ErrorCode.OUTPUT_EXISTS, file=dst)
    if not dst.parent.is_dir():
        raise OutputError("输出目录不存在", code=ErrorCode.OUTPUT_DIR_MISSING, file=dst.parent)


def check_xlsx(dst: Path) -> None:
    """Refuse a workbook output named other than .xlsx: what perfxl writes is always an .xlsx workbook (macros are
    never carried over), and Excel refuses to open one under another extension."""
    if dst.suffix.lower() != ".xlsx":
        raise OutputError(
            f"输出文件应以 .xlsx 结尾(perfxl 写出的是 .xlsx 工作簿)，如: {dst.with_suffix('.xlsx').name}",
            code=ErrorCode.OUTPUT_NOT_XLSX,
            file=dst,
        )


def check_not_input(outputs: Iterable[Path], inputs: Iterable[str | Path]) -> None:
    """Refuse an output that is one of the inputs: --force replaces outputs, never what a user gave."""
    given = {Path(src).resolve() for src in inputs}
    for dst in outputs:
        if dst.resolve() in given:
            message = "输出文件不能是输入文件之一(--force 也不会覆盖输入)"
            raise OutputError(message, code=ErrorCode.OUTPUT_IS_INPUT, file=dst)


_TMP_PREFIX, _TMP_SUFFIX = ".perfxl-", ".tmp"
_STALE_SECONDS = 3600  # a temporary file this old is a killed run's, not one being written now
_SWEPT: set[str] = set()  # folders already cleared of stale temporary files


@contextlib.contextmanager
def atomic_path(dst: Path, force: bool) -> Iterator[Path]:
    """A temporary path beside dst that replaces dst only when the block succeeds; a killed run's temporary files
    left in that folder are removed first."""
    check_output(dst, force)
    _remove_stale(dst.parent)
    with _MAKING:  # made and noted at once: ``exit_now`` never misses one
        handle, tmp_name = tempfile.mkstemp(dir=dst.parent, prefix=_TMP_PREFIX, suffix=_TMP_SUFFIX)
        _WRITING.add(tmp_name)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp makes the file private (0600); an output is shared as any saved file is (colleagues on a server)
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)
        _WRITING.discard(tmp_name)


_UMASK = os.umask(0o022)  # read once, at import (setting it to read it is not thread-safe), and put back
os.umask(_UMASK)
_WRITING: set[str] = set()  # this process's temporary files being written
_MAKING = threading.Lock()


def exit_now(code: int) -> NoReturn:
    """End the process at once (``os._exit``: no ``finally`` runs) leaving no temporary file behind: none can be made
    after this is called (the lock is never released), and those being written are removed once the process has
    ended, by a process forked for it: removed any sooner, a writing thread could open one again in between."""
    _MAKING.acquire()
    names = list(_WRITING)
    ending = os.getpid()  # taken before the fork: the process may have ended before its child looks
    if names and hasattr(os, "fork") and os.fork() == 0:
        give_up = time.monotonic() + 10
        while os.getppid() == ending and time.monotonic() < give_up:
            time.sleep(0.005)
        _unlink(names)
        os._exit(0)
    if names and not hasattr(os, "fork"):
        _unlink(names)
    os._exit(code)


def _unlink(names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(name)


def sweep_temps(folders: Iterable[Path]) -> None:
    """Remove the temporary files in these folders, however recent: the caller knows the run that left them is
    over (a resumed batch's stopped run)."""
    for folder in folders:
        _remove_temps(folder, 0)


def _remove_stale(folder: Path) -> None:
    """The temporary files a killed run left (the process died before it could remove them); each folder is looked
    at once per process, however many copies a batch writes into it."""
    key = os.path.abspath(folder)
    if key in _SWEPT:
        return
    _SWEPT.add(key)
    _remove_temps(folder, _STALE_SECONDS)


def _remove_temps(folder: Path, age: float) -> None:
    now = time.time()
    try:
        for entry in os.scandir(folder):
            name = entry.name
            if name.startswith(_TMP_PREFIX) and name.endswith(_TMP_SUFFIX) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):  # gone already, or not ours to remove
                    if now - entry.stat(follow_symlinks=False).st_mtime >= age:
                        os.unlink(entry.path)
    except OSError:
        return  # an unreadable folder: the write itself will say what is wrong
