"""Errors that stop perfxl from reading a file or a rule set.

Problems *in the data* are findings (see ``findings.py``) and are never raised.
Every error here renders as one line of Chinese naming the file, sheet and cell where known.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

INTERRUPTED = "已中断。"  # what a Ctrl-C ends the command with, wherever it lands


class ErrorCode(str, Enum):
    """Why a file, a rule set or an output could not be used: the stable code kept in JSON, and a Chinese name.

    A ``str`` so that JSON, filters and comparisons with the plain code keep working; ``str()`` and formatting
    give the code itself on every Python version.
    """

    zh: str

    def __new__(cls, value: str, zh: str) -> ErrorCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.zh = zh
        return member

    @classmethod
    def of(cls, value: str) -> ErrorCode:
        """The member whose code is ``value``."""
        return cls(value)  # type: ignore[call-arg]  # Enum lookup by value; __new__ only builds the members

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    # what the file is
    NOT_FOUND = "not-found", "找不到文件"
    NOTHING_TO_AUDIT = "nothing-to-audit", "没有可审核的文件"
    INPUT_CHANGED = "input-changed", "输入在评分后被改动"
    TIMEOUT = "timeout", "处理超时"
    TOO_COMPLEX = "too-complex", "处理所需内存超限"
    UNREADABLE = "unreadable", "无法打开"
    EMPTY_FILE = "empty-file", "空文件"
    NOT_EXCEL = "not-excel", "不是 Excel 工作簿"
    DISGUISED_FORMAT = "disguised-format", "扩展名与内容不符"
    UNSUPPORTED_FORMAT = "unsupported-format", "不支持的格式"
    ENCRYPTED = "encrypted", "设置了打开密码"
    TOO_LARGE = "too-large", "文件或工作表过大"
    # what is inside it
    CORRUPT_ARCHIVE = "corrupt-archive", "压缩包损坏"
    CORRUPT_PACKAGE = "corrupt-package", "缺少必需部件"
    CORRUPT_XML = "corrupt-xml", "XML 损坏"
    UNSAFE_XML = "unsafe-xml", "XML 含不安全内容"
    NO_FORM = "no-form", "没有可识别的表格"
    BAD_INPUT = "bad-input", "无法读取"
    # how reading it went
    WORKER_CRASH = "worker-crash", "读取进程异常退出"
    INTERNAL_ERROR = "internal-error", "内部错误"
    # outputs
    BAD_OUTPUT = "bad-output", "无法写出"
    OUTPUT_EXISTS = "output-exists", "输出已存在"
    OUTPUT_IS_INPUT = "output-is-input", "输出与输入相同"
    OUTPUT_DIR_MISSING = "output-dir-missing", "输出目录不存在"
    OUTPUT_FAILED = "output-failed", "写出失败"
    OUTPUT_LAYOUT = "output-layout", "输出目录无法对应"
    OUTPUT_NOT_XLSX = "output-not-xlsx", "输出不是 .xlsx"
    BAD_EDIT = "bad-edit", "无法修改单元格"
    # rules
    BAD_RULES = "bad-rules", "规则文件有误"
    # anything else
    ERROR = "error", "错误"


class PerfxlError(Exception):
    """Base class: a stable ``code`` from the catalogue and a one-line Chinese message."""

    code: ErrorCode = ErrorCode.ERROR

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode | None = None,
        file: str | Path | None = None,
        sheet: str | None = None,
        cell: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.file = str(file) if file is not None else None
        self.sheet = sheet
        self.cell = cell

    def where(self) -> str:
        """'file 工作表「sheet」 单元格 B5' with the parts that are known."""
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"工作表「{self.sheet}」")
        if self.cell:
            parts.append(f"单元格 {self.cell}")
        return " ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class InputError(PerfxlError):
    """A workbook that cannot be read or holds no recognisable form."""

    code = ErrorCode.BAD_INPUT


class OutputError(PerfxlError):
    """An output that cannot or must not be written (exists, locked, same as input)."""

    code = ErrorCode.BAD_OUTPUT


class RuleError(PerfxlError):
    """A rule file that is missing or invalid; carries every problem found, not just the first."""

    code = ErrorCode.BAD_RULES

    def __init__(self, source: str, problems: Sequence[str], summary: str | None = None) -> None:
        self.problems = list(problems)
        if summary is None:
            summary = f"规则文件有 {len(self.problems)} 处问题: " + "; ".join(self.problems)
        super().__init__(summary, file=source)


_OS_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已满",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENOENT: "文件夹不存在",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "磁盘读写出错",
    errno.EEXIST: "已有同名的文件",
    errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Chinese where the reason is a common one (the system's own words otherwise)."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


class Stopped(BaseException):
    """Raised in a batch worker while it reads a file when the batch is stopped (Ctrl-C): that file is given up, not
    scored, and nothing may catch it as a file's error (a BaseException, as KeyboardInterrupt is)."""


class FileTimeout(Exception):
    """Raised in a batch worker when one file takes longer than its time limit (``perfxl.batch.limits``)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds
