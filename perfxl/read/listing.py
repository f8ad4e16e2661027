"""What a batch needs to know about a file before it is worth sniffing: is it a submission at all (lock,
system and hidden files are not), and which sheets does it list (is it one of perfxl's own copies?)."""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from perfxl.ooxml.package import DamagedPart, Package
from perfxl.ooxml.parts import WORKBOOK
from perfxl.ooxml.xmlscan import SHEETS, decode_xml
from perfxl.ooxml.zipdir import DamagedArchive
from perfxl.read.limits import DEFAULT_LIMITS, Limits
from perfxl.read.package_checks import META_MAX, check_directory
from perfxl.read.refusals import damaged, missing_part, open_regular, read_failed

__all__ = ["is_skippable", "listed_sheets"]


def is_skippable(path: str | os.PathLike[str]) -> str | None:
    """Why a file in an input folder is not a submission (lock, system or hidden file), or None.

    Decided from the name alone; no disk access.
    """
    name = path.name if isinstance(path, PurePath) else Path(path).name  # (a batch's paths are Paths already)
    low = name.lower()
    if name.startswith("~$"):
        return "Office/WPS 锁定文件(文件正被打开时自动生成)，已跳过"
    if name.startswith(".~lock.") and name.endswith("#"):
        return "LibreOffice 锁定文件(文件正被打开时自动生成)，已跳过"
    if name.startswith("._"):
        return "macOS 生成的附属文件(._ 开头，不含表格内容)，已跳过"
    if low in {"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store"}:
        return "操作系统生成的系统文件，已跳过"
    if name.startswith("."):
        return "隐藏文件，已跳过"
    if name.startswith("~") and low.endswith(".tmp"):
        return "Office 临时文件，已跳过"
    return None


def listed_sheets(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> tuple[str, ...]:
    """The sheet names the workbook part lists, reading little else: the central directory, checked as ``sniff``
    checks it (bombs, odd part names), and xl/workbook.xml (at most META_MAX of it). A quick look at a file that
    is not going to be read (is it one of perfxl's own copies?), cheaper than ``sniff``. Raises InputError."""
    p = Path(path)
    try:
        with open_regular(p) as f:
            pkg = Package(f, None)
            check_directory(pkg.entries, p, limits)
            workbook = next((info for info in pkg.entries if info.orig_filename == WORKBOOK), None)
            if workbook is None:
                raise missing_part(WORKBOOK, p)
            text = decode_xml(pkg.head(workbook, META_MAX))
    except OSError as exc:
        raise read_failed(exc, p) from exc
    except (DamagedArchive, DamagedPart) as exc:
        raise damaged(exc, p) from exc
    return tuple(name for _, name, _ in SHEETS.find(text) if name)
