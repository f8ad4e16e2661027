"""The summary's long tables: 问题清单, 指标明细 and 处理失败, in 汇总's order (the returns table's, ``worst_first``).

问题清单 lists every finding of every return (errors before warnings before notes), 指标明细 one row per scored
return (every rate of the rule set, every indicator 复核 and 填报, totals), 处理失败 the returns that could not
be scored and the files that were skipped, with the reason. The rows of 问题清单 and 指标明细 were made with
the return (``rows.Packer``, in a batch's workers) and are read back one return at a time: they are never
all held.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pandas as pd

from perfxl.report.findings import SEVERITY_ZH
from perfxl.rules import RuleSet
from perfxl.write.summary.layout import Body, table
from perfxl.write.summary.overview import STATUS_FAILED, STATUS_SKIPPED, remarks
from perfxl.write.summary.rows import (
    DETAILS,
    DETAILS_XML,
    FINDING_COLUMNS,
    FINDING_XML,
    FINDINGS,
    Column,
    detail_columns,
    part,
)
from perfxl.write.summary.sheetxml import Cell, Fragment
from perfxl.write.xlsx_formats import Formats, Worksheet

RowsOf = Callable[[int], bytes]  # the report's file i's packed TableRows (from a batch's spool: read back from disk)

_SEVERITY = 5  # the 严重程度 column of FINDING_COLUMNS
_FAILURES = (
    Column("文件", "wrap", 20, 50),
    Column("状态", "center", 9),
    Column("原因", "text", 10, 16),
    Column("说明", "wrap", 30, 70),
)


FINDINGS_SHEET, NOTES_SHEET = "问题清单", "提示清单"  # errors and warnings; the notes (提示) on a sheet of their own


def write_findings(ws: Worksheet, st: Formats, returns: pd.DataFrame, rows_of: RowsOf, notes: bool = False) -> Body:
    """问题清单 (errors red, warnings yellow) or, with ``notes``, 提示清单 laid out; its rows returned as a body.

    The notes are a sheet of their own: in a big batch they are most of the rows, and 问题清单 is what gets printed."""
    info = SEVERITY_ZH["info"]
    count = returns["infos"] if notes else returns["errors"] + returns["warnings"]
    flagged: list[int] = returns.index[count.gt(0)].tolist()

    def kept(index: int) -> Iterator[tuple[list[Cell], int]]:
        for i, cells in enumerate(part(rows_of(index), FINDINGS)):  # one return at a time, read back from the spool
            if (cells[_SEVERITY] == info) == notes:
                yield cells, i

    def rows() -> Iterator[list[Cell]]:
        for index in flagged:
            yield from (cells for cells, _ in kept(index))

    def fragments() -> Iterator[Fragment]:
        for index in flagged:
            xml = part(rows_of(index), FINDING_XML)
            yield from (xml[i] for _, i in kept(index))

    body = table(ws, st, 0, FINDING_COLUMNS, rows, int(count.sum()), fragments)
    ws.freeze_panes(1, 0)
    if body.n_rows and not notes:
        for severity, style in (("error", "cf_red"), ("warning", "cf_yellow")):
            ws.conditional_format(
                1,
                _SEVERITY,
                body.n_rows,
                _SEVERITY,
                {"type": "cell", "criteria": "==", "value": f'"{SEVERITY_ZH[severity]}"', "format": st[style]},
            )
    return body


def write_details(ws: Worksheet, st: Formats, returns: pd.DataFrame, rules: RuleSet, rows_of: RowsOf) -> Body:
    """指标明细 laid out, as many pages wide as it needs with the unit repeated; its rows returned as a body."""
    scored: list[int] = returns.index[returns["status"].eq("ok")].tolist()

    def rows() -> Iterator[list[Cell]]:
        for index in scored:
            yield _scored(part(rows_of(index), DETAILS), index)  # one return at a time, read back from the spool

    def fragments() -> Iterator[Fragment]:
        for index in scored:
            yield _scored(part(rows_of(index), DETAILS_XML), index)

    columns = detail_columns(rules)
    # a rule set's rate or indicator no return prints stays empty: hidden, not printed as pages of blank columns
    # (the unit and file first and the totals and grade last are always shown)
    filled = {j for row in rows() for j, value in enumerate(row) if value is not None and value != ""}
    hidden = frozenset(j for j in range(_DETAIL_LEAD, len(columns) - _DETAIL_TAIL) if j not in filled)
    body = table(ws, st, 0, columns, rows, len(scored), fragments, repeat_columns=1, hidden=hidden)
    ws.freeze_panes(1, 2)
    return body


_DETAIL_LEAD, _DETAIL_TAIL = 2, 3  # 指标明细's 单位名称 | 文件 … 复核总分 | 填报总分 | 等级


def _scored(row: Any, index: int) -> Any:
    if row is None:
        raise RuntimeError(f"perfxl: no 指标明细 row for the scored return #{index}")
    return row


def _error_name(code: object) -> Cell:
    """An error code's Chinese name (找不到文件 …): the code itself is for programs, in the JSON."""
    zh = getattr(code, "zh", None)
    return zh if isinstance(zh, str) else (None if code is None else str(code))


STATUS_UNCOPIED = "副本未写出"


_NOT_READ = "未读取"  # a skipped file's 原因 (its 说明 says what it is: a lock file, perfxl's own copy …)


def write_failures(ws: Worksheet, st: Formats, returns: pd.DataFrame, skipped: Sequence[tuple[str, str]]) -> Body:
    """处理失败: the returns not scored (in 汇总's order), the scored ones whose copy could not be written, then the
    skipped files by path."""
    failed = returns[returns["status"].ne("ok")]
    rows: list[list[Cell]] = [
        [file, STATUS_FAILED, code, remark]
        for file, code, remark in zip(
            failed["file"].tolist(), [_error_name(code) for code in failed["error_code"]], remarks(failed), strict=True
        )
    ]
    uncopied = returns[returns["output_error"].notna()]
    rows += [
        [file, STATUS_UNCOPIED, "写出失败", why]
        for file, why in zip(uncopied["file"].tolist(), uncopied["output_error"].tolist(), strict=True)
    ]
    rows += [
        [str(file), STATUS_SKIPPED, _NOT_READ, str(reason)] for file, reason in sorted(skipped, key=lambda s: s[0])
    ]
    body = table(ws, st, 0, _FAILURES, lambda: rows, len(rows))
    ws.freeze_panes(1, 0)
    return body
