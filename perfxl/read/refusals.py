"""How the pre-flight checks refuse a file: one-line ``InputError``s naming the file, the Chinese phrases they
share, and opening the file, whose failures are refusals too."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import BinaryIO, Final

from perfxl.errors import ErrorCode, InputError
from perfxl.ooxml.package import DamagedPart
from perfxl.ooxml.zipdir import DamagedArchive
from perfxl.read.limits import MiB

RESAVE: Final = "请用 Excel/WPS 打开后另存为 .xlsx"
SEND_XLSX: Final = "请报送 Excel 工作簿(.xlsx)原件"
MSG_ENCRYPTED: Final = "文件设置了打开密码，请报送单位取消密码后重新报送"
MSG_CORRUPT: Final = "文件不完整或已损坏(可能是邮件/U盘拷贝中断)，请重新获取原件"

UNPRINTABLE: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def show(text: str, limit: int = 80) -> str:
    """Untrusted text (part, sheet or encoding names) made safe for a one-line message."""
    text = UNPRINTABLE.sub("?", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fail(code: ErrorCode, message: str, path: Path, *, sheet: str | None = None, cell: str | None = None) -> InputError:
    """The refusal of the file at ``path``."""
    # messages quote untrusted names: keep every message on one line whatever they contain
    return InputError(
        UNPRINTABLE.sub("?", message),
        code=code,
        file=path,
        sheet=None if sheet is None else show(sheet),
        cell=cell,
    )


def mb(n: int) -> str:
    return f"{n / MiB:.1f} MB"


def read_failed(exc: OSError, p: Path) -> InputError:
    return fail(ErrorCode.UNREADABLE, f"读取文件时出错({exc.strerror or exc})，请确认文件可以正常打开后重试", p)


def damaged(exc: DamagedArchive | DamagedPart, p: Path) -> InputError:
    """The refusal of a zip whose directory or one of whose parts cannot be read."""
    if isinstance(exc, DamagedPart):
        return fail(ErrorCode.CORRUPT_ARCHIVE, f"文件内部件 {show(exc.name)} 已损坏，{MSG_CORRUPT}", p)
    return fail(ErrorCode.CORRUPT_ARCHIVE, MSG_CORRUPT, p)


def missing_part(name: str, p: Path) -> InputError:
    return fail(ErrorCode.CORRUPT_PACKAGE, f"文件缺少必需部件 {name}，不是完整的 Excel 工作簿，{RESAVE}", p)


def open_regular(p: Path) -> BinaryIO:
    """The file opened for reading; a folder, a device, a pipe or a missing file is refused."""
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise fail(ErrorCode.UNREADABLE, "这是一个文件夹，不是文件，请指定要读取的 Excel 文件", p)
        if not stat.S_ISREG(st.st_mode):
            raise fail(ErrorCode.UNREADABLE, "不是普通文件(可能是设备或管道)，请指定要读取的 Excel 文件", p)
        return p.open("rb")
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise fail(ErrorCode.NOT_FOUND, "找不到文件，请确认路径正确、文件未被移动或删除", p) from exc
    except PermissionError as exc:
        raise fail(
            ErrorCode.UNREADABLE, "没有读取权限(或文件被其他程序独占)，请关闭占用该文件的程序或检查权限后重试", p
        ) from exc
    except (OSError, ValueError) as exc:  # ValueError: embedded NUL in the path
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise fail(ErrorCode.UNREADABLE, f"无法打开文件({show(reason)})，请检查文件路径和权限后重试", p) from exc
