"""附件4 printed as an item list with a column per year (项目 | 单位 | 上年数 | 本年数 | 变动额 | 变动率/比率): each
item's value for this year, the year before, or its rate, taken from the column that says so.

Such a list names an item once ("“三公经费”预算数") and prints both years beside it, so a field the rule data calls
上年三公经费预算数 is that row's 上年数; a block's 变动率 is the rate column on its items' row.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from perfxl.read.grid import Pos, Sheet

_PREVIOUS = ("上年", "上年度", "上期")
_CURRENT = ("本年", "本年度", "本期", "当年")
# the column words themselves: 上年数, 本年度数 …; 上年 / 本年 alone
_WORDS = {
    f"{w}{tail}": kind
    for kind, ws in (("previous", _PREVIOUS), ("current", _CURRENT))
    for w in ws
    for tail in ("", "数")
}
_REACH = 40  # rows a header row may be above the items it heads
_GLOSS = re.compile(r"\([^()]*[/+=×÷][^()]*\)$")  # "在职人员控制率(实际在职人数/编制人数)": the formula it prints


class YearColumns(NamedTuple):
    """The columns of a year-comparison header row."""

    row: int
    previous: int
    current: int  # this year's figure (its 决算数 where the header also prints its 预算数)
    rate: int | None  # a 变动率 / 比率 column
    budget: int | None = None  # this year's 预算数 ("2022年决算数 | 2023年预算数 | 2023年决算数")
    end: int = 0  # the first row below it that it no longer heads (set by ``_header_rows``)


def year_columns(sheet: Sheet, row: int) -> YearColumns | None:
    """The nearest year-comparison header above ``row`` (one row holding both a 上年数 and a 本年数 word), as far
    down as its columns hold figures: a row of words in both its year columns heads another table."""
    for head in _header_rows(sheet):
        if head.row < row < head.end:
            return head
    return None


def _end(sheet: Sheet, head: YearColumns) -> YearColumns:
    """The header with the row it stops at: the next row whose two year columns both hold words (the labels of the
    block below, "项目支出预算总额 | 实际项目支出总额 | 执行率"), or ``_REACH`` rows down."""
    for row in range(head.row + 1, head.row + _REACH + 1):
        if all(_words(sheet.cells.get((row, col))) for col in (head.previous, head.current)):
            return head._replace(end=row)
    return head._replace(end=head.row + _REACH + 1)


def _words(raw: object) -> bool:
    return isinstance(raw, str) and _CJK.search(raw) is not None and raw.strip() not in _NO_FIGURE


_CJK = re.compile(r"[\u4e00-\u9fff]")
_NO_FIGURE = frozenset({"无", "新增", "不可比", "不适用", "未发生", "未填", "空"})


def year_heads(sheet: Sheet) -> list[YearColumns]:
    """The sheet's year-comparison header rows, bottom first."""
    return _header_rows(sheet)


def _header_rows(sheet: Sheet) -> list[YearColumns]:
    """The sheet's year-comparison header rows, nearest-last order reversed (bottom first)."""
    kept = _HEADS.get(id(sheet))
    if kept is not None and kept[0] is sheet:
        return kept[1]
    found: list[YearColumns] = []
    for row, texts in sheet.text_rows.items():
        kinds = {_WORDS[key]: col for col, key in reversed(texts) if key in _WORDS}
        if len(kinds) == 2:
            rate = next((col for col, key in texts if key.endswith("率") or "率/" in key), None)
            found.append(YearColumns(row, kinds["previous"], kinds["current"], rate))
        elif any(key in _BUDGET_WORDS or key in _ACTUAL_WORDS for _, key in texts):
            dated = _dated(sheet, row, texts)
            if dated is not None:
                found.append(dated)
    found = [_end(sheet, head) for head in reversed(found)]
    _HEADS.clear()  # only the sheet being read
    _HEADS[id(sheet)] = (sheet, found)
    return found


_HEADS: dict[int, tuple[Sheet, list[YearColumns]]] = {}

# the column words of a header that prints each year's budget and final figures (湖南's 基础数据表: "2022年决算数 |
# 2023年预算数 | 2023年决算数"), and how a field names them after its item ("三公经费预算数", "公用经费实际支出数")
_BUDGET_WORDS = ("预算安排数", "预算数", "预算")
_ACTUAL_WORDS = ("实际支出数", "实际支出", "实际数", "决算数", "决算", "执行数")
_DATED = re.compile(r"^\s*(\d{4})\s*年度?\s*(.+)$")


def _dated(sheet: Sheet, row: int, texts: list[tuple[int, str]]) -> YearColumns | None:
    """A header row of dated budget and final columns: this year's 预算数 and 决算数, the year before's figure."""
    cells: list[tuple[int, int, str]] = []  # (year, column, "budget" | "actual")
    for col, key in texts:
        raw = sheet.cells.get((row, col))
        found = _DATED.match(raw) if isinstance(raw, str) else None
        if found is not None and key in (*_BUDGET_WORDS, *_ACTUAL_WORDS):
            cells.append((int(found.group(1)), col, "budget" if key in _BUDGET_WORDS else "actual"))
    years = sorted({year for year, _, _ in cells})
    if len(years) < 2:
        return None
    this = {kind: col for year, col, kind in cells if year == years[-1]}
    before = sorted((kind != "actual", col) for year, col, kind in cells if year < years[-1])
    if "actual" not in this or "budget" not in this or not before:
        return None
    return YearColumns(row, before[0][1], this["actual"], None, this["budget"])


def year_kind(key: str) -> str | None:
    """ "previous" for a 上年数 column's word, "current" for a 本年数 one's, else None."""
    return _WORDS.get(key)


def split_budget(label_key: str) -> tuple[str, str] | None:
    """("budget" | "current", the item) of a field named by its item and a budget or final word: 三公经费预算数 →
    (budget, 三公经费); 公用经费实际支出数 → (current, 公用经费)."""
    for kind, words in (("budget", _BUDGET_WORDS), ("current", _ACTUAL_WORDS)):
        for word in words:
            if label_key.endswith(word) and len(label_key) > len(word):
                return kind, label_key[: -len(word)]
    return None


def split_year(label_key: str) -> tuple[str, str] | None:
    """("previous" | "current", the rest) of a label that begins with a year word: 上年结转结余总额 → (previous,
    结转结余总额)."""
    for kind, words in (("previous", _PREVIOUS), ("current", _CURRENT)):
        for word in sorted(words, key=len, reverse=True):
            if label_key.startswith(word) and len(label_key) > len(word):
                return kind, label_key[len(word) :]
    return None


def without_gloss(key: str) -> str:
    """A label key less the formula it prints in brackets at its end."""
    return _GLOSS.sub("", key)


def glossed_labels(sheet: Sheet) -> dict[str, list[Pos]]:
    """Label cells whose key ends in a bracketed formula, by their key without it (made only when a field's own
    label is not found as it stands)."""
    out: dict[str, list[Pos]] = {}
    for pos, key in sheet.keys.items():
        if key.endswith(")"):
            bare = without_gloss(key)
            if bare != key:
                out.setdefault(bare, []).append(pos)
    return out
