"""Errors that stop perfxl from reading a file or a rule set.

Problems *in the data* are findings (see ``findings.py``) and are never raised.
Every error here renders as one line of Chinese naming the file, sheet and cell where known.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class PerfxlError(Exception):
    """Base class: a stable kebab-case ``code`` and a one-line Chinese message."""

    code: str = "error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
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

    code = "bad-input"


class OutputError(PerfxlError):
    """An output that cannot or must not be written (exists, locked, same as input)."""

    code = "bad-output"


class RuleError(PerfxlError):
    """A rule file that is missing or invalid; carries every problem found, not just the first."""

    code = "bad-rules"

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        summary = f"规则文件有 {len(self.problems)} 处问题: " + "; ".join(self.problems)
        super().__init__(summary, file=source)
