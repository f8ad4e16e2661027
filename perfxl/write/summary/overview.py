"""The summary's 汇总 sheet, and the order of the returns that every table of the summary follows.

汇总: a title, a one-line count, then one row per return, worst first (failed returns at the bottom); a unit
named in several returns is noted in each of their rows. Errors, warnings, a 差额 and the status are
highlighted by conditional formats, 复核总分 by a data bar.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from perfxl.batch.digest import Digest
from perfxl.batch.spool import counts_of
from perfxl.read.text import clean
from perfxl.report.results import Report
from perfxl.rules import RuleSet
from perfxl.write.summary import layout
from perfxl.write.summary.layout import BAR, Body, Sheet, table
from perfxl.write.summary.rows import Column, number
from perfxl.write.summary.sheetxml import Cell
from perfxl.write.xlsx_formats import Formats

TITLE = "绩效自评批量审核汇总"
STATUS_OK, STATUS_ERRORS, STATUS_WARNINGS, STATUS_FAILED, STATUS_SKIPPED = (
    "正常",
    "有错误",
    "有警告",
    "无法评分",
    "已跳过",
)
INTERRUPTED = "（已中断，结果不完整）"

COLUMNS = (
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
_TOTAL, _DIFF, _ERRORS, _WARNINGS, _STATUS = 4, 6, 8, 9, 11  # columns of COLUMNS


@dataclass(slots=True)
class Entry:
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


def entries(digests: Iterable[Digest]) -> list[Entry]:
    """Scored returns worst first (errors, |差额|, warnings, file), then the failed ones by file."""
    scored, failed = [], []
    for result in digests:
        if result.status != "ok":
            failed.append(Entry(result, 0, 0, 0, None))
            continue
        total, declared = number(result.total), number(result.declared_total)
        diff = None if total is None or declared is None else round(declared - total, 2) + 0.0  # no −0.00
        scored.append(Entry(result, result.count("error"), result.count("warning"), result.count("info"), diff))
    scored.sort(key=lambda e: (-e.errors, -abs(e.diff or 0.0), -e.warnings, e.result.file))
    failed.sort(key=lambda e: e.result.file)
    return scored + failed


def write_overview(
    ws: Sheet,
    st: Formats,
    entries: list[Entry],
    report: Report,
    n_skipped: int,
    rules: RuleSet,
    interrupted: bool,
) -> Body:
    """汇总: its title and count line written, its table laid out; the rows are returned as a body."""
    n_ok = sum(e.result.status == "ok" for e in entries)
    counts = counts_of(report.files)
    line = (
        f"文件总数 {len(entries) + n_skipped}：已评分 {n_ok}，无法评分 {len(entries) - n_ok}，"
        f"已跳过 {n_skipped}；错误 {counts['error']} 项，警告 {counts['warning']} 项，"
        f"提示 {counts['info']} 项；规则：{rules.title}"
    )
    warnings = [INTERRUPTED] if interrupted else []
    n_findings = sum(e.result.n_flags for e in entries)
    if n_findings > layout.MAX_ROWS - 1:
        shown = layout.MAX_ROWS - 1
        warnings.append(f"（问题共 {n_findings} 项，超出 Excel 行数上限，「问题清单」只列出前 {shown} 项）")
    short = {form.display: form.short or form.title for form in rules.forms.values()}
    unit_keys = [_unit_key(e.result.unit) if e.result.status == "ok" else "" for e in entries]
    repeats = Counter(unit_keys)

    def rows() -> Iterator[list[Cell]]:
        for i, (e, unit_key) in enumerate(zip(entries, unit_keys, strict=True), start=1):
            r = e.result
            if r.status != "ok":
                message = "" if r.error is None else str(r.error)
                blank = [None] * 8  # 识别到的表 … 提示数
                yield [i, r.unit, r.file, *blank, STATUS_FAILED, join([message, *r.notes])]
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
                join([same, *r.notes]),
            ]

    ws.set_row(0, 24)
    ws.write_string(0, 0, TITLE, st["title"])
    if warnings:
        ws.write_rich_string(1, 0, st["plain"], line, st["red"], "".join(warnings), st["plain"])
    else:
        ws.write_string(1, 0, line, st["plain"])
    top = 2
    body = table(ws, st, top, COLUMNS, rows, len(entries))
    ws.freeze_panes(top + 1, 2)
    if body.n_rows:
        _highlight(ws, st, top + 1, top + body.n_rows, rules.max_total)
    return body


def _highlight(ws: Sheet, st: Formats, first: int, last: int, max_total: float) -> None:
    """Errors red, warnings yellow, a 差额 in red text, 复核总分 as a bar, the status by its colour."""

    def cell_is(col: int, criteria: str, value: object, style: str) -> None:
        rule = {"type": "cell", "criteria": criteria, "value": value, "format": st[style]}
        ws.conditional_format(first, col, last, col, rule)

    cell_is(_ERRORS, ">", 0, "cf_red")
    cell_is(_WARNINGS, ">", 0, "cf_yellow")
    cell_is(_DIFF, "!=", 0, "cf_red_text")
    ws.conditional_format(
        first,
        _TOTAL,
        last,
        _TOTAL,
        {
            "type": "data_bar",
            "bar_color": BAR,
            "data_bar_2010": False,  # no x14 extension: readers warn
            "min_type": "num",
            "min_value": 0,
            "max_type": "num",
            "max_value": max_total,
        },
    )
    for status, style in ((STATUS_ERRORS, "cf_red"), (STATUS_WARNINGS, "cf_yellow"), (STATUS_FAILED, "cf_grey")):
        cell_is(_STATUS, "==", f'"{status}"', style)


def _unit_key(unit: str | None) -> str:
    """A unit's name as compared across returns: written with other spaces, quotes or full-width forms, the same."""
    return clean(unit) if unit else ""


def join(parts: Iterable[str]) -> str | None:
    """Notes joined with "；"; None (a blank cell) when there are none."""
    text = "；".join(p for p in parts if p)
    return text or None
