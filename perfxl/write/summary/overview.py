"""The summary's 汇总 sheet, written from the batch's returns table (``perfxl.report.returns``).

汇总: a title, a one-line count, then one row per return, worst first (failed returns at the bottom); a unit
named in several returns is noted in each of their rows. Errors, warnings, a 差额 and the status are
highlighted by conditional formats, 复核总分 by a data bar.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from perfxl.rules import RuleSet
from perfxl.rules.auto import AUTO
from perfxl.write.summary import layout
from perfxl.write.summary.layout import BAR, Body, table
from perfxl.write.summary.rows import Column
from perfxl.write.summary.sheetxml import LINE_HEIGHT, Cell, lines
from perfxl.write.xlsx_formats import Formats, Worksheet

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
    # at their widest the columns print one page wide at 9 pt or more (layout._PAGE_UNITS / _MIN_SCALE); long names,
    # paths and lists of forms wrap
    Column("单位名称", "wrap", 12, 22),
    Column("文件", "wrap", 16, 27),
    Column("识别到的表", "wrap", 10, 16),
    Column("复核总分", "num", 9),
    Column("填报总分", "num", 9),
    Column("差额(填报−复核)", "num", 10),
    Column("等级", "center", 6),
    Column("错误数", "int", 7),
    Column("警告数", "int", 7),
    Column("提示数", "int", 7),
    Column("状态", "center", 9),
    Column("备注", "wrap", 10, 24),
)
_TOTAL, _DIFF, _ERRORS, _WARNINGS, _STATUS = 4, 6, 8, 9, 11  # columns of COLUMNS


def _rules_used(returns: pd.DataFrame, rules: RuleSet) -> str:
    """Under --rules auto, how many returns each rule set read: "(yiyang-2020 8 份，hunan-2018 2 份)"."""
    if rules.name != AUTO:
        return ""
    used = returns.loc[returns["status"].eq("ok"), "rules"].value_counts()
    ranked = sorted(used.items(), key=lambda item: (-item[1], item[0]))  # most returns first, then by name
    return "(" + "，".join(f"{name} {n} 份" for name, n in ranked) + ")" if ranked else ""


def write_overview(
    ws: Worksheet,
    st: Formats,
    returns: pd.DataFrame,
    n_skipped: int,
    rules: RuleSet,
    interrupted: bool,
) -> Body:
    """汇总: its title and count line written, its table laid out; the rows (the returns table in the summary's
    order, ``perfxl.report.returns.worst_first``) are returned as a body."""
    scored = returns["status"].eq("ok").to_numpy()
    n_ok, n = int(scored.sum()), len(returns)
    errors, warnings, infos = (int(returns[name].sum()) for name in ("errors", "warnings", "infos"))
    line = (
        f"文件总数 {n + n_skipped}：已评分 {n_ok}，无法评分 {n - n_ok}，"
        f"已跳过 {n_skipped}；错误 {errors} 项，警告 {warnings} 项，"
        f"提示 {infos} 项；规则：{rules.title}{_rules_used(returns, rules)}"
    )
    notices = [INTERRUPTED] if interrupted else []
    for sheet, listed in (("问题清单", errors + warnings), ("提示清单", infos)):
        if listed > layout.MAX_ROWS - 1:
            notices.append(f"（{sheet}共 {listed} 项，超出 Excel 行数上限，只列出前 {layout.MAX_ROWS - 1} 项）")
    short = {form.display: form.short or form.title for form in rules.forms.values()}
    status = np.select(
        [~scored, returns["errors"].to_numpy() > 0, returns["warnings"].to_numpy() > 0],
        [STATUS_FAILED, STATUS_ERRORS, STATUS_WARNINGS],
        STATUS_OK,
    )

    columns = (
        scored.tolist(),
        cells(returns["unit"]),
        returns["file"].tolist(),
        returns["form_names"].tolist(),
        cells(returns["total"], finite=True),
        cells(returns["declared_total"], finite=True),
        cells(returns["diff"]),
        cells(returns["grade"]),
        returns["errors"].tolist(),
        returns["warnings"].tolist(),
        returns["infos"].tolist(),
        status.tolist(),
        remarks(returns),
    )

    def rows() -> Iterator[list[Cell]]:
        for i, (ok, unit, file, forms, *scores, state, remark) in enumerate(zip(*columns, strict=True), start=1):
            if not ok:
                yield [i, unit, file, *[None] * 8, STATUS_FAILED, remark]  # 识别到的表 … 提示数 blank
                continue
            yield [i, unit, file, "、".join(short.get(form, form) for form in forms), *scores, state, remark]

    ws.set_row(0, 24)
    ws.write_string(0, 0, TITLE, st["title"])
    # The counts and rules under the title, merged across the table and wrapped: text running on past the last
    # column would make a reader print the whole sheet smaller to take it in.
    paragraph = st.get(text_wrap=True, valign="top")
    ws.merge_range(1, 0, 1, len(COLUMNS) - 1, "", paragraph)
    if notices:
        ws.write_rich_string(1, 0, st["plain"], line, st["red"], "".join(notices), paragraph)
    else:
        ws.write_string(1, 0, line, paragraph)
    ws.set_row(1, LINE_HEIGHT * lines(line + "".join(notices), sum(col.lo for col in COLUMNS)) + 4)
    top = 2
    body = table(ws, st, top, COLUMNS, rows, n, repeat_columns=2)  # 序号 and 单位名称 on every page
    ws.freeze_panes(top + 1, 2)
    if body.n_rows:
        _highlight(ws, st, top + 1, top + body.n_rows, rules.max_total)
    return body


def remarks(returns: pd.DataFrame) -> list[str | None]:
    """Each return's 备注 (also 处理失败's 说明): why it could not be scored, or that other returns name its unit;
    then its reading notes."""
    texts: list[str | None] = []
    # a total that is a part: a score left blank or unreadable, so no grade (the terminal says so too)
    partial = (returns["total"].notna() & ~returns["complete"].astype(bool)).tolist()
    for ok, message, same, notes, part in zip(
        returns["status"].eq("ok").tolist(),
        cells(returns["error_message"]),
        returns["same_unit"].tolist(),
        returns["notes"].tolist(),
        partial,
        strict=True,
    ):
        why = message or ""  # not scored: the error
        if ok:
            why = f"单位名称与另外 {same} 个文件相同，请核对是否重复报送" if same else ""
        texts.append(join([why, *([PARTIAL] if ok and part else []), *notes]))
    return texts


PARTIAL = "复核总分不完整(有得分未填写或无法读取)，未评等级"


def cells(column: pd.Series, finite: bool = False) -> list[Any]:
    """A column's values as cells take them: Python values, None (a blank cell) where there is none (and, with
    ``finite``, for an infinity: Excel has no such number)."""
    blank = column.isna()
    if finite:
        blank |= np.isinf(column)
    return column.astype(object).where(~blank, None).tolist()


def _highlight(ws: Worksheet, st: Formats, first: int, last: int, max_total: float) -> None:
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


def join(parts: Iterable[str]) -> str | None:
    """Notes joined with "；"; None (a blank cell) when there are none."""
    text = "；".join(p for p in parts if p)
    return text or None
