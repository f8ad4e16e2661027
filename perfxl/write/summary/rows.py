"""What one return contributes to the summary workbook's 问题清单 and 指标明细.

A batch makes this where the return was scored (in its worker): the rows' values (for sizing columns) and
their XML fragments (``sheetxml.fragment``), kept beside the result in the spool as one ``marshal`` record.
Writing the summary of 10,000 returns then never unpickles a FileResult nor renders a cell in the main process.
The values are only None, float and str: what a cell takes.
"""

from __future__ import annotations

import marshal
import math
import struct
from dataclasses import dataclass
from typing import Any

from perfxl.read.values import fmt_pct
from perfxl.report.findings import SEVERITY_ORDER, SEVERITY_ZH, Code, Finding
from perfxl.report.frames import indicator_rows
from perfxl.report.results import FileResult
from perfxl.rules import RuleSet
from perfxl.write.summary.sheetxml import Cell, Fragment, fragment


@dataclass(frozen=True)
class Column:
    """One column of a table: header text, how its cells look, and its width bounds (Excel units)."""

    header: str
    kind: str  # a sheetxml.KINDS: "text" | "wrap" | "num" (0.00) | "int" | "center" | "general" | "general_wrap"
    lo: float
    hi: float | None = None  # None: fixed width lo; else sized to the content between lo and hi


# At most 149 characters across, what A4 landscape holds at 100 % inside the summary's 0.4 in margins (about 784 pt,
# ~5.25 pt a character): printed one page wide without shrinking the type; long text wraps instead.
FINDING_COLUMNS = (
    Column("文件", "wrap", 16, 24),
    Column("单位名称", "wrap", 10, 16),
    Column("工作表", "wrap", 7, 12),  # long sheet names and finding names wrap, never cut off
    Column("单元格", "center", 7),
    Column("问题", "wrap", 12, 14),
    Column("严重程度", "center", 8),
    Column("项目", "wrap", 10, 16),
    Column("填报值", "general_wrap", 9),
    Column("计算值", "general_wrap", 9),
    Column("说明", "wrap", 26, 34),
)
FINDINGS_WIDTH = 149
_FINDING_KINDS = [col.kind for col in FINDING_COLUMNS]


def detail_columns(rules: RuleSet) -> list[Column]:
    """指标明细: unit, file, every rate of the rule set, every indicator (复核 and 填报), totals and grade."""
    columns = [Column("单位名称", "wrap", 10, 24), Column("文件", "wrap", 16, 36)]
    columns += [Column(f"{name}(%)", "num", 10) for name in rules.rates]
    for ind in rules.indicators:
        columns += [Column(f"{ind.name} 复核", "num", 9), Column(f"{ind.name} 填报", "num", 9)]
    return [*columns, Column("复核总分", "num", 9), Column("填报总分", "num", 9), Column("等级", "center", 6)]


@dataclass(frozen=True)
class TableRows:
    """A return's 问题清单 rows (errors first, then warnings, then notes) and its 指标明细 row (None: not scored),
    as values and as XML fragments.

    Packed, each of the four parts is a marshal record of its own after a header of their lengths, so a reader
    decodes only the part it needs (``part(data, FINDING_XML)``)."""

    findings: list[list[Cell]]
    details: list[Cell] | None
    finding_xml: list[Fragment]
    details_xml: Fragment | None

    def pack(self) -> bytes:
        parts = [marshal.dumps(part) for part in (self.findings, self.details, self.finding_xml, self.details_xml)]
        return _HEADER.pack(*map(len, parts)) + b"".join(parts)

    @classmethod
    def unpack(cls, data: bytes) -> TableRows:
        return cls(*(part(data, i) for i in range(4)))


FINDINGS, DETAILS, FINDING_XML, DETAILS_XML = range(4)  # the parts of packed TableRows


_HEADER = struct.Struct("<4I")  # the lengths of the four parts


def part(data: bytes, index: int) -> Any:
    """One part of packed TableRows (FINDINGS, DETAILS, FINDING_XML or DETAILS_XML), decoded."""
    sizes = _HEADER.unpack_from(data)
    start = _HEADER.size + sum(sizes[:index])
    return marshal.loads(memoryview(data)[start : start + sizes[index]])


class Packer:
    """A rule set's results as their summary table rows, packed (``packer(result)``): made where each result was
    scored (a batch's worker) and kept beside it, so the summary never renders them again."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.detail_kinds = [col.kind for col in detail_columns(rules)]

    def table_rows(self, result: FileResult) -> TableRows:
        findings = finding_rows(result)
        details = detail_row(result, self.rules)
        return TableRows(
            findings,
            details,
            [fragment(row, _FINDING_KINDS) for row in findings],
            None if details is None else fragment(details, self.detail_kinds),
        )

    def __call__(self, result: FileResult) -> bytes:
        """The result's table rows, packed."""
        return self.table_rows(result).pack()


def finding_rows(result: FileResult) -> list[list[Cell]]:
    worst = len(SEVERITY_ORDER)
    rows: list[list[Cell]] = []
    for flag in sorted(result.flags, key=lambda f: SEVERITY_ORDER.get(f.severity, worst)):
        _, zh = code_text(flag.code)
        rows.append(
            [
                _text(result.file),
                _text(result.unit),
                _text(flag.sheet),
                _text(flag.cell),
                zh,
                SEVERITY_ZH.get(flag.severity, _text(flag.severity)),
                _text(flag.item),
                cell_value(flag.declared),
                _computed(flag),
                _text(flag.message),
            ]
        )
    return rows


def _computed(flag: Finding) -> Cell:
    """计算值; a rate as a percent ("-10.00%"), in the unit its 填报值 beside it is typed in ("10%"), not a bare -10."""
    value = cell_value(flag.computed)
    return fmt_pct(value) if flag.code is Code.RATE_MISMATCH and isinstance(value, float) else value


def detail_row(result: FileResult, rules: RuleSet) -> list[Cell] | None:
    """The return's 指标明细 row, from its rows of ``Report.to_frames()["indicators"]`` (None: not scored)."""
    if result.status != "ok":
        return None
    values = indicator_rows(result)
    rates = {row.name: row.computed for row in values if row.kind == "rate"}
    scores = {row.name: (row.computed, row.declared) for row in values if row.kind == "indicator"}
    row: list[Cell] = [_text(result.unit), _text(result.file)]
    row += [number(rates.get(name)) for name in rules.rates]
    for ind in rules.indicators:
        score, declared = scores.get(ind.name, (None, None))
        row += [number(score), number(declared)]
    return [*row, number(result.total), number(result.declared_total), _text(result.grade)]


_CODE_TEXT: dict[object, tuple[str, str]] = {}  # finding code -> (code, Chinese), filled as codes are met


def code_text(code: object) -> tuple[str, str]:
    """(code, Chinese) of a finding code; a code without a Chinese name is shown as it is."""
    known = _CODE_TEXT.get(code)
    if known is None:
        value = str(getattr(code, "value", code))
        try:
            zh = Code(value).zh
        except (ValueError, KeyError):
            zh = value
        known = _CODE_TEXT[code] = (value, zh)
    return known


def _text(value: object) -> str | None:
    """Plain str (marshal takes no subclass), or None."""
    return None if value is None else str(value)


def number(value: object) -> float | None:
    """A finite float, or None (blank) for missing, NaN and infinities (Excel has no such numbers)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        n = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return n if math.isfinite(n) else None


def cell_value(value: object) -> Cell:
    """A finding's value as typed: numbers stay numbers, text stays text."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    return str(value)
