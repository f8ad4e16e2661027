"""Which files a batch reads: workbooks under the given files, folders and globs, each once, with the reason
every other file found was skipped (lock, hidden and system files; perfxl's own scored copies)."""

from __future__ import annotations

import glob
import os
import stat
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from perfxl.errors import ErrorCode, InputError, os_reason
from perfxl.read.listing import is_skippable, listed_sheets
from perfxl.write.scored import CHECK_SHEET, RESULT_SHEET, SCORED

# what a folder's workbooks are called: Excel's, its templates', and WPS's (.et/.ett, read by their content)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xltx", ".xltm", ".xlt", ".et", ".ett")

FileKey = tuple[int, int]  # (device, inode)


def folded(path: str | Path) -> str:
    """A path as case-insensitive file systems compare it (NFC, case-folded)."""
    return unicodedata.normalize("NFC", str(path)).casefold()


def discover(args: Sequence[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Workbooks under files, folders (recursively) and globs; lock/hidden/system files are skipped, and so are
    perfxl's own scored copies (甲_评分.xlsx) beside their input (甲.xlsx): a unit is not counted twice.

    The same file reached twice (two arguments, a link, a hard link) is returned once: files are told apart
    by (device, inode), read from the directory listing without a stat of each file. Raises InputError for an
    argument that matches nothing.
    """
    found: dict[FileKey, Path] = {}
    skipped: dict[str, str] = {}
    for arg in args:
        text = str(arg)
        if Path(text).exists():
            matches = [Path(text)]
        else:
            matches = [Path(m) for m in sorted(glob.glob(text, recursive=True))]
            if not matches:
                raise InputError("找不到该文件或目录", code=ErrorCode.NOT_FOUND, file=text)
        for match in matches:
            folder = match.is_dir()
            listed, passed = files_under(match) if folder else _file_itself(match)
            for path, why in passed:
                skipped.setdefault(str(path), why)
            for path, key in sorted(listed, key=lambda item: (folded(item[0]), str(item[0]))):
                reason = is_skippable(path)
                if reason:
                    skipped.setdefault(str(path), reason)
                elif not folder or path.suffix.lower() in WORKBOOK_SUFFIXES:  # a file named is read whatever its name
                    first = found.setdefault(key, path)
                    if first != path:  # a link to, or another name of, a file already in the batch: a row says so
                        skipped.setdefault(str(path), f"与 {first} 是同一个文件(链接或另一个名字)，只读取一次")
    copies = scored_copies(list(found.values()))
    skipped.update(copies)
    return [p for p in found.values() if str(p) not in copies], list(skipped.items())


def scored_copies(paths: list[Path]) -> dict[str, str]:
    """perfxl's scored copies whose input is in the batch too (甲_评分.xlsx beside 甲.xlsx or 甲.xlsm, 甲.xlsx_评分.xlsx
    beside 甲.xlsx, holding the two sheets perfxl adds), each with the reason it is skipped. A copy whose input is
    not there is read: it may be all that a unit sent; so is a unit's own workbook that is only named like a copy.
    Only the folders holding such a name are looked at (most batches have none)."""
    candidates = [p for p in paths if SCORED in p.name and p.suffix.lower() == ".xlsx" and p.stem.endswith(SCORED)]
    if not candidates:
        return {}
    folders = {p.parent for p in candidates}
    inputs: dict[tuple[Path, str], Path] = {}
    for path in paths:
        if path.parent in folders:
            for name in (path.stem, path.name):
                inputs.setdefault((path.parent, folded(name)), path)
    copies: dict[str, str] = {}
    for path in candidates:
        original = inputs.get((path.parent, folded(path.stem[: -len(SCORED)])))
        if original is not None and original != path and made_by_perfxl(path):
            copies[str(path)] = f"perfxl 生成的评分副本(原件 {original.name} 也在本批中)，已跳过"
    return copies


def made_by_perfxl(path: Path) -> bool:
    """Whether the workbook lists the sheets perfxl adds to a scored copy (only its workbook part is read)."""
    try:
        return {RESULT_SHEET, CHECK_SHEET} <= set(listed_sheets(path))
    except Exception:  # unreadable, or a surprise on a damaged file: not a copy; the batch reads it and says why
        return False


Passed = list[tuple[Path, str]]  # files and folders passed over, each with the reason


def _file_itself(path: Path) -> tuple[list[tuple[Path, FileKey]], Passed]:
    try:
        st = path.stat()
    except OSError:  # a link whose file is gone (glob lists it, exists() does not)
        return [], [(path, "链接指向的文件不存在，已跳过")]
    if not stat.S_ISREG(st.st_mode):
        return [], [(path, "不是普通文件(管道或设备)，已跳过")]
    return [(path, (st.st_dev, st.st_ino))], []


def files_under(folder: Path) -> tuple[list[tuple[Path, FileKey]], Passed]:
    """Every file under folder, with its key; links to files are followed, links to folders are not (a loop, or a
    second way into the same files); what is passed over (a linked folder, an unreadable folder, and named as a
    workbook: a dangling link, a pipe) is returned with the reason, so that every input is accounted for."""
    out: list[tuple[Path, FileKey]] = []
    passed: Passed = []
    stack = [folder]
    while stack:
        directory = stack.pop()
        try:
            device = os.stat(directory).st_dev
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(Path(entry.path))
                    elif entry.is_symlink():
                        try:
                            st = os.stat(entry.path)
                        except OSError:
                            _passed(passed, entry.path, "链接指向的文件不存在，已跳过")
                            continue
                        if stat.S_ISREG(st.st_mode):
                            out.append((Path(entry.path), (st.st_dev, st.st_ino)))
                        elif stat.S_ISDIR(st.st_mode):
                            passed.append((Path(entry.path), "链接到文件夹，未进入(请直接指定该文件夹)"))
                        else:
                            _passed(passed, entry.path, "不是普通文件(管道或设备)，已跳过")
                    elif entry.is_file(follow_symlinks=False):
                        out.append((Path(entry.path), (device, entry.inode())))
                    else:
                        _passed(passed, entry.path, "不是普通文件(管道或设备)，已跳过")
        except OSError as exc:
            passed.append((directory, f"文件夹无法读取({os_reason(exc)})，其中的文件未审核"))
    return out, passed


def _passed(passed: Passed, path: str, why: str) -> None:
    """A link or special file passed over, said where it is named as a workbook (others are no input of a batch,
    as a folder's .docx and .pdf are not)."""
    if Path(path).suffix.lower() in WORKBOOK_SUFFIXES:
        passed.append((Path(path), why))
