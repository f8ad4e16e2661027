"""The batch summary workbook of ``perfxl audit``: one workbook over thousands of returns.

Sheets, in order (A4 landscape, header row frozen, repeated on every printed page, filtered):
  汇总      title, a one-line count, then one row per return, worst first (``overview``)
  问题清单  every error and warning of every return, in 汇总's order (``tables``)
  提示清单  every note (提示), likewise: in a big batch most rows, kept off the sheet people print
  指标明细  one row per scored return: every rate of the rule set, every indicator, totals (``tables``)
  图表      three native charts beside their data (``charts``)
  处理失败  returns that could not be scored, scored copies that could not be written and files that were skipped,
            with the reason (``tables``)

xlsxwriter builds the workbook in memory, with ``strings_to_formulas``/``strings_to_urls`` off (untrusted
text stays text); each table's rows are then put in as XML by ``splice`` while the workbook is copied to
its file. Memory does not grow with the batch: 汇总, 处理失败 and the charts come from the batch's returns
table (``perfxl.report.returns``: one row per return, made from the digests a batch keeps), the 问题清单 and
指标明细 rows are read one return at a time (from a batch's spool on disk, where they were left beside each
result), and the row XML is streamed straight into the zip entry.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import xlsxwriter  # type: ignore[import-untyped]

from perfxl.report.digest import digests_of
from perfxl.report.results import Report
from perfxl.report.returns import returns_table, worst_first
from perfxl.rules import RuleSet
from perfxl.write.summary.charts import write_charts
from perfxl.write.summary.layout import Body, summary_formats
from perfxl.write.summary.overview import TITLE, write_overview
from perfxl.write.summary.rows import Packer
from perfxl.write.summary.sheetxml import KIND_STYLE
from perfxl.write.summary.splice import splice
from perfxl.write.summary.tables import (
    FINDINGS_SHEET,
    NOTES_SHEET,
    RowsOf,
    write_details,
    write_failures,
    write_findings,
)

SHEETS = ("汇总", FINDINGS_SHEET, NOTES_SHEET, "指标明细", "图表", "处理失败")
WORKBOOK_OPTIONS: dict[str, Any] = {
    "strings_to_formulas": False,  # untrusted text starting with "=" stays text
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "constant_memory": False,  # the workbook xlsxwriter builds is small: the bodies are spliced in
    "in_memory": True,
}
# Cells of the largest table from which it is made aside (forked) while the rest is written: below that a fork
# costs more than it saves (benchmarks/README.md).
ASIDE_CELLS = 200_000


@runtime_checkable
class RowsKept(Protocol):
    """Files that keep each result's table rows, packed where it was scored (a batch's spool)."""

    def rows(self, index: int) -> bytes: ...

    def flush(self) -> None: ...


def write_summary(
    report: Report, skipped: Sequence[tuple[str, str]], path: Path, rules: RuleSet, interrupted: bool = False
) -> None:
    """Write the batch summary workbook of ``report`` to ``path`` (overwritten; the caller makes it atomic).

    ``skipped`` holds (file path, Chinese reason) for files that were not read (lock, hidden, system files).
    """
    order = worst_first(returns_table(digests_of(report.files)))
    rows_of = _rows_of(report, rules)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    bodies: dict[str, Body] = {}
    try:
        st = summary_formats(book)
        sheets = {name: book.add_worksheet(name) for name in SHEETS}
        part = {name: f"xl/worksheets/sheet{i}.xml" for i, name in enumerate(SHEETS, start=1)}
        bodies[part["汇总"]] = write_overview(sheets["汇总"], st, order, len(skipped), rules, interrupted)
        bodies[part[FINDINGS_SHEET]] = write_findings(sheets[FINDINGS_SHEET], st, order, rows_of)
        bodies[part[NOTES_SHEET]] = write_findings(sheets[NOTES_SHEET], st, order, rows_of, notes=True)
        bodies[part["指标明细"]] = write_details(sheets["指标明细"], st, order, rules, rows_of)
        write_charts(book, sheets["图表"], st, order, rules)
        bodies[part["处理失败"]] = write_failures(sheets["处理失败"], st, order, skipped)
        book.set_properties({"title": TITLE, "subject": rules.title, "comments": "由 perfxl audit 生成"})
    finally:
        book.close()
    if isinstance(report.files, RowsKept):
        report.files.flush()  # before a fork (ASIDE_CELLS): the child reads the files, never writes them
    styles = {kind: f' s="{st[kind].xf_index}"' for kind in KIND_STYLE}  # as xlsxwriter numbered them
    splice(buffer, bodies, path, ASIDE_CELLS, styles)


def _rows_of(report: Report, rules: RuleSet) -> RowsOf:
    """Each return's table rows: read back from a batch's spool, else made here (packed the same way)."""
    files = report.files
    if isinstance(files, RowsKept):
        return files.rows
    packer = Packer(rules)
    return lambda i: packer.table_rows(files[i]).pack()  # the rows only: no pickle of the result, no digest
