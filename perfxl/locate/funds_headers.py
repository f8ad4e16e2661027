"""Where a 自评表's funds block is headed, and which column holds what: a header row naming an 执行数 column and a
预算数 column (全年预算数, 调整后预算数, or only 年初预算数), over one row or two — not a 汇总 list's header, which
names its lines (项目名称, 单位名称 …) or numbers them over no funds line."""

from __future__ import annotations

import re
from collections.abc import Mapping

from perfxl.locate.funds_pairs import figure_right
from perfxl.locate.headers import NUMBERING, Column, Vocabulary, band_roles, header_at, header_row
from perfxl.read.grid import Sheet

AMOUNTS = ("initial", "annual", "executed")
_SCORED = ("weight", "score", "deduction")


def funds_headers(sheet: Sheet, words: Vocabulary) -> list[tuple[int, int, dict[str, Column]]]:
    """(top, bottom, role -> column) of every funds header in the sheet, top to bottom.

    A header may stand over two rows: amount headers merged down over both (全年执行数 beside 年初预算数 / 全年预算数
    under a merged 预算数), or 分值 and 得分 merged down from the row above beside amounts under merged parents."""
    out = []
    funds = words.funds
    weak_executed = frozenset(key for key, role in words.funds_weak.items() if role == "executed")
    for row in sorted({r for r, _ in header_at(sheet, words.executed_keys | weak_executed)}):
        keys = header_row(sheet, row)
        listed = [key for _, key in keys if key in words.lists]
        if listed and (any(key not in NUMBERING for key in listed) or not _form_numbered(sheet, words, row, keys)):
            # 序号 | 项目名称 | 全年预算数 | 全年执行数 …: a list of projects (汇总表), one line each; a 序号 alone
            # numbers a form's rows where they are a form's (序号 | 项目资金 | 年初预算数 … over 年度资金总额),
            # else a list whose names are headed in other words (序号 | 单位 | 全年预算数 …)
            continue
        top = (
            row - 1
            if row and any(sheet.bottom_right((row - 1, c))[0] >= row for c, _ in sheet.row_keys(row - 1))
            else row
        )
        # 预算数 / 决算数 name amounts only beside a 得分 or 分值: a base-data table prints them too
        scored = any(funds.get(key) in _SCORED for r in range(top, row + 1) for _, key in header_row(sheet, r))
        # or as labels each followed by its figure ("预算数: | 95 | 执行数: | 82.65"): a line, not a table's header
        scored = scored or _paired(sheet, row, keys, {**words.funds_weak, **funds})
        words_here = {**words.funds_weak, **funds} if scored and words.funds_weak else funds
        amounts = [c for c, key in keys if words_here.get(key) in AMOUNTS]
        if not amounts:
            continue
        bottom = max(sheet.bottom_right((row, c))[0] for c in amounts)
        columns: dict[str, Column] = {}
        for _, col in sorted(band_roles(sheet, top, bottom, words_here).items()):
            if (
                col.role == "annual"
                and "annual" in columns
                and "initial" not in columns
                and not _one_cell(sheet, bottom, columns["annual"].col, col.col)
            ):
                # 预算数 | 调整后预算数 | 实际支出: of two budgets the first is the year's start, the second the one
                # in force
                columns["initial"] = columns["annual"]._replace(role="initial")
                columns["annual"] = col
            columns.setdefault(col.role, col)
        if "executed" in columns and ("annual" in columns or "initial" in columns):
            out.append((top, bottom, columns))
    return out


def _paired(sheet: Sheet, row: int, keys: list[tuple[int, str]], words: Mapping[str, str]) -> bool:
    """The row's amount labels are an 执行数 and a 预算数 each with a figure right of it, under the captions of a
    form's 预算执行 section ("资金执行情况", "预算执行率", "预算执行进度") — not a base-data sheet's "2022年 |
    预算数: | 880 | 执行数: | 700"."""
    roles = {words[key]: c for c, key in keys if words.get(key) in AMOUNTS}
    if "executed" not in roles or len(roles) < 2 or not all(figure_right(sheet, row, c) for c in roles.values()):
        return False
    above = (str(sheet.cells[(r, c)]) for r in range(max(row - 2, 0), row) for c, _ in sheet.row_keys(r))
    return any(_EXECUTION.search(text) for text in above)


_EXECUTION = re.compile(r"执行(?:情况|率|进度)")


def _one_cell(sheet: Sheet, bottom: int, a: int, b: int) -> bool:
    """Two columns under one merged header cell in the band's last row ("全年预算数（A）" over D:E, its figures merged
    D:E below): one budget, not a 年初 and a 全年 one. A caption merged over "预算数 | 调整后预算数" is not one."""
    return sheet.anchor((bottom, a)) == sheet.anchor((bottom, b)) != (bottom, b)


_BARE_TOTALS = frozenset({"总额"})  # a funds total's word that names no funds (年度资金总额 does)


def _form_numbered(sheet: Sheet, words: Vocabulary, head: int, keys: list[tuple[int, str]]) -> bool:
    """A header numbered by 序号 is a form's funds header: it prints the block's 分值 (a 汇总 list's lines print
    their 得分, not the points the form gives its 执行率), or a funds line (年度资金总额, 财政拨款 …) is labelled in
    the rows under it, past a second header row or a row of column numbers — not a bare 合计, which a list prints
    too."""
    if any(words.funds.get(key) == "weight" for _, key in keys):
        return True
    return any(
        key in words.funds_rows and key not in words.totals and key not in _BARE_TOTALS
        for r in range(head + 1, head + 6)
        for _, key in sheet.row_keys(r)
    )
