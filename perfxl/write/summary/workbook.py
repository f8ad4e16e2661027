"""The batch summary workbook of ``perfxl audit``: one workbook over thousands of returns.

Sheets, in order (A4 landscape, header row frozen, repeated on every printed page, filtered):
  汇总      title, a one-line count, then one row per return, worst first (failed returns at the bottom); a unit
            named in several returns is noted in each of their rows
  问题清单  every finding of every return, in 汇总's order, errors before warnings before notes
  指标明细  one row per scored return: every rate of the rule set, every indicator (复核 and 填报), totals
  图表      three native charts (复核总分 bands, grades, most frequent problems) beside their data
  处理失败  returns that could not be scored and files that were skipped, with the reason

How it is written, and why. xlsxwriter builds the workbook (titles, headers, column formats, conditional
formats, filters, print setup, charts) with ``strings_to_formulas``/``strings_to_urls`` off; the table
*bodies* are then spliced in as ``<sheetData>`` rows by ``_splice``. 10,000 returns make ~100,000 finding
rows (~1.7 million cells). Through xlsxwriter's ``write_row`` that took 22 s of CPU on the 2-core build
machine (28 s with ``constant_memory``, which escapes every inline string; ``use_zip64`` changes nothing).
The splice writes the rows as ``sheetxml`` fragments: every text an inline string escaped as xlsxwriter
escapes text (a unit name such as ``=HYPERLINK(…)`` stays text, no ``<f>`` is ever written), numbers as
``<v>``, each cell with its column's style, as xlsxwriter gives a cell written without a format. The
fragments of 问题清单 and 指标明细 are made by the batch's workers (``summary_rows``), in parallel, so this
process only puts in row numbers, heights and styles (~1 s less for 10,000 returns). In a big batch the
largest table (问题清单) is made meanwhile by a forked child (``aside``), while this process writes the others.
``SPLICE_BODIES = False`` writes the same rows through ``write_row`` instead; the tests check that both give
the same cells, styles and row heights.

Memory does not grow with the batch: the rows are never held. 汇总, 处理失败 and the charts come from the
report's digests (``Report.digests``); the 问题清单 and 指标明细 rows are made by generators in 汇总's
order, each reading one return's rows at a time (from a batch's spool on disk, where they were left beside
each result), text columns are sized from the first ``_WIDTH_SAMPLE`` rows, and ``_splice`` streams the row
XML straight into the zip entry.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.utility import xl_col_to_name  # type: ignore[import-untyped]

from perfxl.batch.digest import Digest
from perfxl.batch.spool import SpooledFiles, counts_of, digests_of
from perfxl.read.text import clean
from perfxl.report.findings import SEVERITY_ZH
from perfxl.report.results import Report
from perfxl.rules import RuleSet
from perfxl.write.summary.aside import Aside
from perfxl.write.summary.rows import (
    DETAILS,
    DETAILS_XML,
    FINDING_COLUMNS,
    FINDING_XML,
    FINDINGS,
    Column,
    Packer,
    code_text,
    detail_columns,
    number,
    part,
)
from perfxl.write.summary.sheetxml import (
    KIND_STYLE,
    LINE_HEIGHT,
    Cell,
    Fragment,
    RowWriter,
    clip,
    fragment,
    lines,
    text_width,
)

Sheet = Any  # xlsxwriter's Worksheet, Format and Chart are untyped
Rows = Callable[[], Iterable[list[Cell]]]  # each call: the rows of a table from the first, made as they are read
Fragments = Callable[[], Iterable[Fragment]]  # each call: the same rows as XML fragments
RowsOf = Callable[[int], bytes]  # the report's file i's packed TableRows (from a batch's spool: read back from disk)

SHEETS = ("汇总", "问题清单", "指标明细", "图表", "处理失败")
TITLE = "绩效自评批量审核汇总"
WORKBOOK_OPTIONS: dict[str, Any] = {
    "strings_to_formulas": False,  # untrusted text starting with "=" stays text
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "constant_memory": False,  # the workbook xlsxwriter builds is small: the bodies are spliced in
    "in_memory": True,
}

STATUS_OK, STATUS_ERRORS, STATUS_WARNINGS, STATUS_FAILED, STATUS_SKIPPED = (
    "正常",
    "有错误",
    "有警告",
    "无法评分",
    "已跳过",
)
NONE_ROW = "无"
INTERRUPTED = "（已中断，结果不完整）"
# Bands of the 复核总分 chart: lower bounds of the 2nd… band, and labels; the last band takes all above.
SCORE_BANDS = ((60.0, 70.0, 80.0, 90.0), ("60分以下", "60–70分", "70–80分", "80–90分", "90–100分"))
TOP_CODES = 10
TOP_CODES_TITLE = f"最常见的问题(错误与警告，前{TOP_CODES}项)"
MAX_ROWS = 1_048_576  # Excel's rows per sheet
# Table bodies: spliced in as XML (fast), or written through xlsxwriter's write_row (the reference the
# tests compare the splice with; ~4x slower for a big batch).
SPLICE_BODIES = True

_RED_FILL, _RED_TEXT = "#FFC7CE", "#9C0006"
_YELLOW_FILL, _YELLOW_TEXT = "#FFEB9C", "#9C5700"
_HEADER_FILL, _GREY_FILL, _GREY_TEXT = "#DDEBF7", "#EDEDED", "#595959"
_BAR = "#5B9BD5"
_PAGE_UNITS = 200.0  # column-width units across one landscape A4 page at a readable scale
_WIDTH_SAMPLE = 2000  # rows looked at to size a text column
_FOOTER = "&C第 &P 页，共 &N 页"
_ZIP_LEVEL = 1  # deflate level: zlib's default 6 makes the file ~27% smaller for ~1.4 s more per 10,000 returns


@dataclass
class _Body:
    """The rows of one table, below its header row ``top`` (0-based), spliced in after xlsxwriter.

    The rows are not kept: ``rows()`` makes them again, one at a time, as the body is written.
    """

    top: int
    rows: Rows
    fragments: Fragments
    n_rows: int  # how many of them the sheet takes
    kinds: list[str]  # each column's kind
    wrap_widths: list[float]  # widths of the wrapping columns, left to right: they set row heights

    @property
    def ncols(self) -> int:
        return len(self.kinds)

    def iter_rows(self) -> Iterator[list[Cell]]:
        return _exactly(self.rows(), self.n_rows)

    def iter_fragments(self) -> Iterator[Fragment]:
        return _exactly(self.fragments(), self.n_rows)


def _exactly(items: Iterable[Any], n: int) -> Iterator[Any]:
    count = 0
    for item in islice(items, n):
        count += 1
        yield item
    if count != n:
        raise RuntimeError(f"perfxl: a summary table has {count} rows, {n} expected")


@dataclass(slots=True)
class _Entry:
    """One return in 汇总 order, with what its rows need (its digest: the full result stays on disk)."""

    result: Digest
    errors: int
    warnings: int
    infos: int
    diff: float | None  # 填报 − 复核, rounded to cents

    @property
    def status(self) -> str:
        if self.result.status != "ok":
            return STATUS_FAILED
        if self.errors:
            return STATUS_ERRORS
        return STATUS_WARNINGS if self.warnings else STATUS_OK


def write_summary(
    report: Report, skipped: Sequence[tuple[str, str]], path: Path, rules: RuleSet, interrupted: bool = False
) -> None:
    """Write the batch summary workbook of ``report`` to ``path`` (overwritten; the caller makes it atomic).

    ``skipped`` holds (file path, Chinese reason) for files that were not read (lock, hidden, system files).
    """
    entries = _entries(digests_of(report.files))
    rows_of = _rows_of(report, rules)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer if SPLICE_BODIES else str(path), WORKBOOK_OPTIONS)
    bodies: dict[str, tuple[Sheet, _Body]] = {}
    try:
        st = _Styles(book)
        sheets = {name: book.add_worksheet(name) for name in SHEETS}
        parts = {name: f"xl/worksheets/sheet{i}.xml" for i, name in enumerate(SHEETS, start=1)}
        ws = sheets["汇总"]
        bodies[parts["汇总"]] = ws, _write_overview(ws, st, entries, report, len(skipped), rules, interrupted)
        ws = sheets["问题清单"]
        bodies[parts["问题清单"]] = ws, _write_findings(ws, st, entries, rows_of)
        ws = sheets["指标明细"]
        bodies[parts["指标明细"]] = ws, _write_details(ws, st, entries, rules, rows_of)
        _write_charts(book, sheets["图表"], st, entries, rules)
        ws = sheets["处理失败"]
        bodies[parts["处理失败"]] = ws, _write_failures(ws, st, entries, skipped)
        book.set_properties({"title": TITLE, "subject": rules.title, "comments": "由 perfxl audit 生成"})
        if not SPLICE_BODIES:
            for ws, body in bodies.values():
                _write_body(ws, body)
    finally:
        book.close()
    if SPLICE_BODIES:
        if isinstance(report.files, SpooledFiles):
            report.files.flush()  # before a fork (ASIDE_CELLS): the child reads the spool, never writes it
        _splice(buffer, {part: body for part, (_, body) in bodies.items()}, path)


def _rows_of(report: Report, rules: RuleSet) -> RowsOf:
    """Each return's table rows: read back from a batch's spool, else made here (packed the same way)."""
    files = report.files
    if isinstance(files, SpooledFiles):
        return files.rows
    packer = Packer(rules)
    return lambda i: packer.table_rows(files[i]).pack()  # the rows only: no pickle of the result, no digest


# ---------------------------------------------------------------- order and counts


def _entries(digests: Iterable[Digest]) -> list[_Entry]:
    """Scored returns worst first (errors, |差额|, warnings, file), then the failed ones by file."""
    scored, failed = [], []
    for result in digests:
        if result.status != "ok":
            failed.append(_Entry(result, 0, 0, 0, None))
            continue
        total, declared = number(result.total), number(result.declared_total)
        diff = None if total is None or declared is None else round(declared - total, 2) + 0.0  # no −0.00
        scored.append(_Entry(result, result.count("error"), result.count("warning"), result.count("info"), diff))
    scored.sort(key=lambda e: (-e.errors, -abs(e.diff or 0.0), -e.warnings, e.result.file))
    failed.sort(key=lambda e: e.result.file)
    return scored + failed


# ---------------------------------------------------------------- 汇总

_OVERVIEW = (
    Column("序号", "int", 6),
    Column("单位名称", "wrap", 12, 30),
    Column("文件", "wrap", 16, 40),
    Column("识别到的表", "text", 10, 18),
    Column("复核总分", "num", 9),
    Column("填报总分", "num", 9),
    Column("差额(填报−复核)", "num", 10),
    Column("等级", "center", 6),
    Column("错误数", "int", 7),
    Column("警告数", "int", 7),
    Column("提示数", "int", 7),
    Column("状态", "center", 9),
    Column("备注", "wrap", 10, 36),
)
_OV_TOTAL, _OV_DIFF, _OV_ERRORS, _OV_WARNINGS, _OV_STATUS = 4, 6, 8, 9, 11


def _write_overview(
    ws: Sheet,
    st: _Styles,
    entries: list[_Entry],
    report: Report,
    n_skipped: int,
    rules: RuleSet,
    interrupted: bool,
) -> _Body:
    n_ok = sum(e.result.status == "ok" for e in entries)
    counts = counts_of(report.files)
    line = (
        f"文件总数 {len(entries) + n_skipped}：已评分 {n_ok}，无法评分 {len(entries) - n_ok}，"
        f"已跳过 {n_skipped}；错误 {counts['error']} 项，警告 {counts['warning']} 项，"
        f"提示 {counts['info']} 项；规则：{rules.title}"
    )
    warnings = [INTERRUPTED] if interrupted else []
    n_findings = sum(e.result.n_flags for e in entries)
    if n_findings > MAX_ROWS - 1:
        warnings.append(f"（问题共 {n_findings} 项，超出 Excel 行数上限，「问题清单」只列出前 {MAX_ROWS - 1} 项）")
    short = {form.display: form.short or form.title for form in rules.forms.values()}
    unit_keys = [_unit_key(e.result.unit) if e.result.status == "ok" else "" for e in entries]
    repeats = Counter(unit_keys)

    def rows() -> Iterator[list[Cell]]:
        for i, (e, unit_key) in enumerate(zip(entries, unit_keys, strict=True), start=1):
            r = e.result
            if r.status != "ok":
                message = "" if r.error is None else str(r.error)
                yield [
                    i,
                    r.unit,
                    r.file,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    STATUS_FAILED,
                    _join([message, *r.notes]),
                ]
                continue
            forms = "、".join(short.get(form, form) for form in r.forms)
            others = repeats[unit_key] - 1 if unit_key else 0
            same = f"单位名称与另外 {others} 个文件相同，请核对是否重复报送" if others else ""
            yield [
                i,
                r.unit,
                r.file,
                forms,
                number(r.total),
                number(r.declared_total),
                e.diff,
                r.grade,
                e.errors,
                e.warnings,
                e.infos,
                e.status,
                _join([same, *r.notes]),
            ]

    ws.set_row(0, 24)
    ws.write_string(0, 0, TITLE, st.title)
    if warnings:
        ws.write_rich_string(1, 0, st.plain, line, st.red, "".join(warnings), st.plain)
    else:
        ws.write_string(1, 0, line, st.plain)
    top = 2
    body = _table(ws, st, top, _OVERVIEW, rows, len(entries))
    ws.freeze_panes(top + 1, 2)
    if body.n_rows:
        first, last = top + 1, top + body.n_rows
        ws.conditional_format(
            first, _OV_ERRORS, last, _OV_ERRORS, {"type": "cell", "criteria": ">", "value": 0, "format": st.cf_red}
        )
        ws.conditional_format(
            first,
            _OV_WARNINGS,
            last,
            _OV_WARNINGS,
            {"type": "cell", "criteria": ">", "value": 0, "format": st.cf_yellow},
        )
        ws.conditional_format(
            first, _OV_DIFF, last, _OV_DIFF, {"type": "cell", "criteria": "!=", "value": 0, "format": st.cf_red_text}
        )
        ws.conditional_format(
            first,
            _OV_TOTAL,
            last,
            _OV_TOTAL,
            {
                "type": "data_bar",
                "bar_color": _BAR,
                "data_bar_2010": False,  # no x14 extension: readers warn
                "min_type": "num",
                "min_value": 0,
                "max_type": "num",
                "max_value": rules.max_total,
            },
        )
        for status, style in ((STATUS_ERRORS, st.cf_red), (STATUS_WARNINGS, st.cf_yellow), (STATUS_FAILED, st.cf_grey)):
            ws.conditional_format(
                first,
                _OV_STATUS,
                last,
                _OV_STATUS,
                {"type": "cell", "criteria": "==", "value": f'"{status}"', "format": style},
            )
    return body


# ---------------------------------------------------------------- 问题清单

_FI_SEVERITY = 6


def _write_findings(ws: Sheet, st: _Styles, entries: list[_Entry], rows_of: RowsOf) -> _Body:
    flagged = [e.result.index for e in entries if e.result.n_flags]

    def rows() -> Iterator[list[Cell]]:
        for index in flagged:
            yield from part(rows_of(index), FINDINGS)  # one return at a time, read back from the spool

    def fragments() -> Iterator[Fragment]:
        for index in flagged:
            yield from part(rows_of(index), FINDING_XML)

    body = _table(ws, st, 0, FINDING_COLUMNS, rows, sum(e.result.n_flags for e in entries), fragments)
    ws.freeze_panes(1, 0)
    if body.n_rows:
        for severity, style in (("error", st.cf_red), ("warning", st.cf_yellow)):
            ws.conditional_format(
                1,
                _FI_SEVERITY,
                body.n_rows,
                _FI_SEVERITY,
                {"type": "cell", "criteria": "==", "value": f'"{SEVERITY_ZH[severity]}"', "format": style},
            )
    return body


# ---------------------------------------------------------------- 指标明细


def _write_details(ws: Sheet, st: _Styles, entries: list[_Entry], rules: RuleSet, rows_of: RowsOf) -> _Body:
    scored = [e.result.index for e in entries if e.result.status == "ok"]

    def rows() -> Iterator[list[Cell]]:
        for index in scored:
            yield _scored(part(rows_of(index), DETAILS), index)  # one return at a time, read back from the spool

    def fragments() -> Iterator[Fragment]:
        for index in scored:
            yield _scored(part(rows_of(index), DETAILS_XML), index)

    body = _table(ws, st, 0, detail_columns(rules), rows, len(scored), fragments, fit_wide=True, repeat_columns=1)
    ws.freeze_panes(1, 2)
    return body


def _scored(row: Any, index: int) -> Any:
    if row is None:
        raise RuntimeError(f"perfxl: no 指标明细 row for the scored return #{index}")
    return row


# ---------------------------------------------------------------- 处理失败

_FAILURES = (
    Column("文件", "wrap", 20, 50),
    Column("状态", "center", 9),
    Column("错误代码", "text", 10, 16),
    Column("说明", "wrap", 30, 70),
)


def _write_failures(ws: Sheet, st: _Styles, entries: list[_Entry], skipped: Sequence[tuple[str, str]]) -> _Body:
    rows: list[list[Cell]] = []
    for e in entries:
        if e.result.status != "ok":
            error = e.result.error
            code, message = (None, "") if error is None else (error.code, str(error))
            rows.append([e.result.file, STATUS_FAILED, code, _join([message, *e.result.notes])])
    rows += [[str(file), STATUS_SKIPPED, None, str(reason)] for file, reason in sorted(skipped, key=lambda s: s[0])]
    body = _table(ws, st, 0, _FAILURES, lambda: rows, len(rows))
    ws.freeze_panes(1, 0)
    return body


# ---------------------------------------------------------------- 图表


def _write_charts(book: Any, ws: Sheet, st: _Styles, entries: list[_Entry], rules: RuleSet) -> None:
    scored = [e for e in entries if e.result.status == "ok"]
    bounds, labels = SCORE_BANDS
    bands = [0] * len(labels)
    for e in scored:
        total = number(e.result.total)
        if total is not None:
            bands[bisect_right(bounds, total + 1e-9)] += 1
    grade_counts = Counter(e.result.grade for e in scored)
    grades = [(g.grade, grade_counts[g.grade]) for g in rules.grades]
    codes = Counter(code_text(code) for e in scored for code in e.result.problems)
    top = [(f"{zh}（{value}）", n) for (value, zh), n in codes.most_common(TOP_CODES)] or [(NONE_ROW, 0)]

    ws.set_row(0, 24)
    ws.write_string(0, 0, "审核结果图表", st.title)
    ws.write_string(1, 0, f"共 {len(scored)} 个已评分单位；左侧为各图的数据。", st.plain)
    ws.set_column(0, 0, 32)
    ws.set_column(1, 1, 9)
    tables = (
        ("复核总分分布", ("分数段", "单位数"), list(zip(labels, bands, strict=True))),
        ("等级分布", ("等级", "单位数"), grades),
        (TOP_CODES_TITLE, ("问题", "次数"), top),
    )
    row = 3
    ranges: list[tuple[int, int]] = []
    for caption, header, data in tables:
        ws.write_string(row, 0, caption, st.bold)
        ws.write_row(row + 1, 0, header, st.header)
        for i, (label, count) in enumerate(data, start=row + 2):
            ws.write_string(i, 0, label, st.cell)
            ws.write_number(i, 1, count, st.cell_int)
        ranges.append((row + 2, row + 1 + len(data)))
        row += len(data) + 4

    # (type, title, category axis, value axis, anchor row, anchor column, width scale)
    specs = (
        ("column", "复核总分分布(单位数)", "复核总分", "单位数", 3, 3, 1.0),
        ("column", "等级分布(单位数)", "等级", "单位数", 3, 11, 1.0),
        ("bar", TOP_CODES_TITLE, "问题", "出现次数", 19, 3, 2.0),
    )
    most = (max(bands), max((n for _, n in grades), default=0), max(n for _, n in top))
    for (kind, title, cat_name, val_name, at_row, at_col, x_scale), (first, last), peak in zip(
        specs, ranges, most, strict=True
    ):
        chart = book.add_chart({"type": kind})
        chart.add_series(
            {
                "name": val_name,
                "categories": [ws.name, first, 0, last, 0],
                "values": [ws.name, first, 1, last, 1],
                "fill": {"color": _BAR},
                "data_labels": {"value": True},
                "gap": 60,
            }
        )
        chart.set_title({"name": title, "name_font": {"size": 12, "bold": True}})
        chart.set_legend({"none": True})
        value_axis: dict[str, Any] = {
            "name": val_name,
            "min": 0,
            "num_format": "0",
            "major_gridlines": {"visible": True},
        }
        if peak < 10:  # small counts: whole steps, not 0.5
            value_axis["major_unit"] = 1
        if kind == "bar":  # a bar chart's x axis is its value axis; the most frequent problem on top
            chart.set_x_axis(value_axis)
            chart.set_y_axis({"name": cat_name, "reverse": True, "crossing": "max", "name_font": {"rotation": 271}})
        else:
            chart.set_x_axis({"name": cat_name})
            chart.set_y_axis({**value_axis, "name_font": {"rotation": 271}})
        ws.insert_chart(at_row, at_col, chart, {"x_scale": x_scale, "y_scale": 1.0, "object_position": 3})
    _print_setup(ws, header_row=None)
    ws.fit_to_pages(1, 1)


# ---------------------------------------------------------------- shared table layout


class _Styles:
    def __init__(self, book: Any) -> None:
        add = book.add_format
        # The column formats come first and are numbered first, as the workers wrote their cells' styles
        # (sheetxml.KIND_STYLE); _splice checks the numbers xlsxwriter gave them.
        self.columns = {
            "text": add({"valign": "top"}),
            "wrap": add({"valign": "top", "text_wrap": True}),
            "num": add({"valign": "top", "num_format": "0.00"}),
            "int": add({"valign": "top", "num_format": "0", "align": "center"}),
            "center": add({"valign": "top", "align": "center"}),
            "general": add({"valign": "top", "align": "right"}),
        }
        for kind in KIND_STYLE:
            getattr(self.columns[kind], "_get_xf_index", lambda: None)()  # numbered now, in this order
        self.title = add({"bold": True, "font_size": 14})
        self.plain = add({})
        self.bold = add({"bold": True})
        self.red = add({"font_color": "#C00000", "bold": True})
        self.header = add(
            {
                "bold": True,
                "bg_color": _HEADER_FILL,
                "border": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
            }
        )
        self.cell = add({"border": 1})
        self.cell_int = add({"border": 1, "num_format": "0"})
        self.none = add({"italic": True, "font_color": _GREY_TEXT})
        self.cf_red = add({"bg_color": _RED_FILL, "font_color": _RED_TEXT})
        self.cf_yellow = add({"bg_color": _YELLOW_FILL, "font_color": _YELLOW_TEXT})
        self.cf_grey = add({"bg_color": _GREY_FILL, "font_color": _GREY_TEXT})
        self.cf_red_text = add({"font_color": "#C00000"})


def _table(
    ws: Sheet,
    st: _Styles,
    top: int,
    columns: Sequence[Column],
    rows: Rows,
    count: int,
    fragments: Fragments | None = None,
    fit_wide: bool = False,
    repeat_columns: int | None = None,
) -> _Body:
    """Lay out a table of ``count`` rows with its header at row ``top``; its rows become a body to splice in.

    Text columns are sized to the first rows. Printed one page wide, or (``fit_wide``) as many pages wide as
    keeps the text readable. With no rows, one row "无" is written here and the body is empty. ``fragments``
    gives the rows as XML fragments if they were made beforehand (else they are made from ``rows``).
    """
    n_rows = min(count, MAX_ROWS - top - 1)
    sample = list(islice(rows(), min(n_rows, _WIDTH_SAMPLE)))
    widths = []
    for j, col in enumerate(columns):
        width = col.lo
        if col.hi is not None:
            longest = max((text_width(row[j]) for row in sample), default=0.0)
            width = min(col.hi, max(col.lo, longest + 2))
        widths.append(width)
        ws.set_column(j, j, width, st.columns[col.kind])
    header_lines = max(lines(col.header, width) for col, width in zip(columns, widths, strict=True))
    ws.set_row(top, LINE_HEIGHT * header_lines + 4)
    ws.write_row(top, 0, [col.header for col in columns], st.header)
    if not n_rows:
        ws.write_string(top + 1, 0, NONE_ROW, st.none)
    last = top + max(1, n_rows)
    ws.autofilter(top, 0, last, len(columns) - 1)
    _print_setup(ws, header_row=top)
    pages_wide = max(1, math.ceil(sum(widths) / _PAGE_UNITS)) if fit_wide else 1
    ws.fit_to_pages(pages_wide, 0)
    if repeat_columns is not None and pages_wide > 1:
        ws.repeat_columns(0, repeat_columns - 1)
    kinds = [col.kind for col in columns]
    if fragments is None:
        fragments = lambda: (fragment(row, kinds) for row in rows())  # noqa: E731
    wrap_widths = [width for col, width in zip(columns, widths, strict=True) if col.kind == "wrap"]
    return _Body(top, rows, fragments, n_rows, kinds, wrap_widths)


def _print_setup(ws: Sheet, header_row: int | None) -> None:
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer(_FOOTER)
    if header_row is not None:
        ws.repeat_rows(header_row)
        ws.hide_gridlines(0)  # 0: gridlines on screen and on paper


# ---------------------------------------------------------------- splicing the bodies in

_SHEET_DATA_END = "</sheetData>"
_COL = re.compile(r'<col min="(\d+)" max="(\d+)"[^>]*?\sstyle="(\d+)"')
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')
_CHUNK_BYTES = 1 << 20  # rows are joined and compressed about a megabyte at a time


def _splice(book: io.BytesIO, bodies: dict[str, _Body], path: Path) -> None:
    """Copy xlsxwriter's workbook to ``path``, writing each body's rows before its sheet's ``</sheetData>``.

    The largest body of a big batch is made aside, in a forked child, while the others are written here; its
    sheet goes into the zip last (readers go by the zip's directory, not its order)."""
    book.seek(0)
    with (
        zipfile.ZipFile(book) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=_ZIP_LEVEL) as dst,
    ):
        heads = {
            info.filename: _sheet_head(src.read(info), bodies[info.filename], info.filename)
            for info in src.infolist()
            if info.filename in bodies and bodies[info.filename].n_rows
        }
        aside_part = max(heads, key=lambda name: bodies[name].n_rows * bodies[name].ncols, default=None)
        if aside_part is not None and bodies[aside_part].n_rows * bodies[aside_part].ncols < ASIDE_CELLS:
            aside_part = None
        aside = None if aside_part is None else Aside.start(_body_bytes(bodies[aside_part], heads[aside_part]))
        try:
            for info in sorted(src.infolist(), key=lambda info: aside is not None and info.filename == aside_part):
                if info.filename not in heads:
                    dst.writestr(info, src.read(info))
                    continue
                body, (head, tail) = bodies[info.filename], heads[info.filename]
                made = aside.result() if aside is not None and info.filename == aside_part else None
                large = body.n_rows * body.ncols > 10_000_000  # may pass 2 GiB of XML
                with dst.open(info.filename, "w", force_zip64=large) as out:  # a name: the file's compresslevel
                    out.write(head.encode("utf-8"))
                    for chunk in made if made is not None else _body_bytes(body, (head, tail))():
                        out.write(chunk)
                    out.write(tail.encode("utf-8"))
        finally:
            if aside is not None:
                aside.close()


# Cells of the largest table from which it is made aside (forked) while the rest is written: ~18,000 finding
# rows, ~2,000 returns. Below that a fork costs more than it saves.
ASIDE_CELLS = 200_000


def _sheet_head(data: bytes, body: _Body, name: str) -> tuple[str, str]:
    """xlsxwriter's sheet XML cut where the body's rows go, its dimension set to the table's extent."""
    head, sep, tail = data.decode("utf-8").rpartition(_SHEET_DATA_END)
    if not sep:
        raise RuntimeError(f"xlsxwriter wrote no <sheetData> in {name}")
    last = f"{xl_col_to_name(body.ncols - 1)}{body.top + body.n_rows + 1}"
    return _DIMENSION.sub(f'<dimension ref="A1:{last}"/>', head, count=1), sep + tail


def _body_bytes(body: _Body, sheet: tuple[str, str]) -> Callable[[], Iterator[bytes]]:
    """A body's rows as UTF-8 chunks, made when called (here or in an aside)."""
    styles = _column_styles(sheet[0], body)
    return lambda: _rows_xml(body, styles)


def _column_styles(sheet_head: str, body: _Body) -> dict[str, str]:
    """The ``s`` attribute each column kind's cells get: their column's format, as xlsxwriter wrote it."""
    styles = dict.fromkeys(KIND_STYLE, "")
    for lo, hi, style in _COL.findall(sheet_head):
        for j in range(int(lo) - 1, min(int(hi), body.ncols)):
            styles[body.kinds[j]] = f' s="{style}"'
    return styles


def _write_body(ws: Sheet, body: _Body) -> None:
    """The reference writer: the same rows and heights through xlsxwriter (strings stay strings)."""
    writer = RowWriter(body.wrap_widths)
    for n, (row, (_, wrap)) in enumerate(zip(body.iter_rows(), body.iter_fragments(), strict=True), start=body.top + 1):
        h = writer.height(wrap)
        if h is not None:
            ws.set_row(n, h)
        if ws.write_row(n, 0, row):  # it stops at the first cell it cannot write whole (text too long)
            for j, value in enumerate(row):
                ws.write(n, j, clip(value) if isinstance(value, str) else value)


def _rows_xml(body: _Body, styles: dict[str, str]) -> Iterator[bytes]:
    """The ``<row>`` elements of a body, in chunks of UTF-8.

    The rows' fragments carry KIND_STYLE; if the workbook's column formats got other numbers (another
    xlsxwriter), they are made again here from the rows' values with the workbook's numbers.
    """
    if all(styles[kind] == KIND_STYLE[kind] for kind in set(body.kinds)):
        fragments = body.iter_fragments()
    else:
        fragments = (fragment(row, body.kinds, styles) for row in body.iter_rows())
    writer = RowWriter(body.wrap_widths)
    parts: list[bytes] = []
    size = 0
    for n, frag in enumerate(fragments, start=body.top + 2):
        row = writer.row(n, frag)
        parts.append(row)
        size += len(row)
        if size >= _CHUNK_BYTES:
            yield b"".join(parts)
            parts.clear()
            size = 0
    yield b"".join(parts)


# ---------------------------------------------------------------- values


def _unit_key(unit: str | None) -> str:
    """A unit's name as compared across returns: written with other spaces, quotes or full-width forms, the same."""
    return clean(unit) if unit else ""


def _join(parts: Iterable[str]) -> str | None:
    text = "；".join(p for p in parts if p)
    return text or None
