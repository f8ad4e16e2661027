"""A 附件4's columns of last year's and this year's figures and their change ("上年数 | 本年数 | 变动额 |
变动率/比率", "上年度公务招待费总额 | 本年度公务招待费总额 | 变动率"): each line's 变动额 is 本年 − 上年 and its 变动率
that over 上年, whatever item the line is. A block no rule set knows (公务招待费情况, one county's) is held to
its own figures this way; a known block's cells are judged by its rate check already and left to it.

The header row pairs a 上年… column with the 本年… column of the same words (上年度X / 本年度X, 上年数 / 本年数); the
lines are the rows below it, up to the first row with words in one of its columns (the next block's labels).
"""

from __future__ import annotations

import re

from perfxl.locate.column_formulas import ColumnFormula
from perfxl.locate.located import Hit
from perfxl.read.grid import Sheet, a1
from perfxl.read.text import is_unit, label_key
from perfxl.read.values import fmt, parse_number

_YEARS = re.compile(r"^(上|本)年度?(.*)$")
_CHANGE = ("变动额", "增减额", "增减金额", "变动金额")
_RATE = ("变动率", "增减率", "增长率", "增减幅度", "变动幅度")
_LAST, _THIS = "上年", "本年"
_YEAR_WORDS = (_LAST, _THIS)
_SHOWN_CHANGE = "变动额=本年-上年"
_SHOWN_RATE = "变动率=(本年-上年)/上年"
_MAX_LINES = 40  # rows below a header looked at: a base-data table is a page
_NO_CHANGE = frozenset({"新增", "不可比", "无变化", "持平", "减少", "增加", "—", "－", "-", "/", "无"})


def change_formulas(sheet: Sheet, judged: frozenset[str]) -> list[ColumnFormula]:
    """The 变动额 and 变动率 cells of every line under a 上年/本年 header of the sheet; ``judged``: cells another
    check judges already (a known block's declared rate)."""
    out: list[ColumnFormula] = []
    for row, keys in sheet.text_rows.items():
        if sum(key.startswith(_YEAR_WORDS) for _, key in keys) < 2:
            continue  # no 上年 and 本年 pair: most rows
        paired = _columns(keys)
        # "比上年增、减情况" over "增、减金额 | 增、减幅度": the change columns a row down
        below = sheet.row_keys(row + 1)
        two = paired is None and bool(below) and (paired := _columns([*keys, *below])) is not None
        if two and paired is not None and any(sheet.bottom_right((row, col))[1] > col for col in paired[1][:2]):
            continue  # 上年 and 本年 each over columns of their own (预算数 | 决算数): which one changes is unsaid
        if paired is not None:
            out += _lines(sheet, row + 1 if two else row, *paired, judged)
    return out


def change_rates(formulas: list[ColumnFormula]) -> dict[str, tuple[float, str]]:
    """Each 变动率 line's rate in percent and its working, by the name a score table gives it: its item less
    情况/总额 and the like, and 变动率 ("公务招待费情况" → 公务招待费变动率), for a row no rule set's rate names."""
    out: dict[str, tuple[float, str]] = {}
    for formula in formulas:
        values = {name: parse_number(hit.raw).value for name, hit in formula.operands}
        last, this = values.get(_LAST), values.get(_THIS)
        if not formula.rate or last is None or this is None or last == 0:
            continue
        rate = (this - last) / last * 100
        where = f"{formula.target.sheet}「{formula.item.removesuffix('变动率')}」"
        working = f"{where}(本年 {fmt(this)} − 上年 {fmt(last)}) ÷ 上年 {fmt(last)} = {fmt(rate, 2)}%"
        out.setdefault(_ITEM_END.sub("", label_key(formula.item.removesuffix("变动率"))) + "变动率", (rate, working))
    return out


_ITEM_END = re.compile(r"(?:情况|总额|总数|金额|支出|预算数|合计|小计|总计)+$")
_TOTALS = frozenset({"合计", "小计", "总计"})


def _columns(keys: list[tuple[int, str]]) -> tuple[str, tuple[int, int, int | None, int | None]] | None:
    """The words the pair shares (公务接待费总额, 数) and the (上年, 本年, 变动额, 变动率) columns of a header row, or
    None when it pairs no 上年 with its 本年 or has neither change column."""
    years: dict[str, dict[str, int]] = {}
    change = rate = None
    for col, key in keys:
        matched = _YEARS.match(key)
        if matched is not None:
            years.setdefault(matched.group(2), {}).setdefault(matched.group(1), col)
        elif any(word in key.replace("、", "") for word in _CHANGE):
            change = col if change is None else change
        elif any(word in key.replace("、", "") for word in _RATE):
            rate = col if rate is None else rate
    pairs = [(words, cols["上"], cols["本"]) for words, cols in years.items() if "上" in cols and "本" in cols]
    if len(pairs) != 1 or (change is None and rate is None):
        return None  # two pairs (上年预算数 / 本年预算数 beside 上年决算数 / 本年决算数): which one changes is unsaid
    ((common, last, this),) = pairs
    if not last < this or any(c is not None and c <= this for c in (change, rate)):
        return None
    return common, (last, this, change, rate)


def _lines(
    sheet: Sheet, header: int, common: str, columns: tuple[int, int, int | None, int | None], judged: frozenset[str]
) -> list[ColumnFormula]:
    last, this, change, rate = columns
    used = [c for c in columns if c is not None]
    out: list[ColumnFormula] = []
    for row in range(sheet.bottom_right((header, this))[0] + 1, min(header + _MAX_LINES, sheet.last_row) + 1):
        cells = {col: sheet.anchor((row, col)) for col in used}
        if len(set(cells.values())) == 1 and next(iter(cells.values()))[1] < last:
            continue  # a section's heading merged across the lines ("二、“三公”经费情况"): the lines go on below it
        if any(words_in(sheet.cells.get(pos)) for pos in cells.values()):
            break  # the next block's labels
        own = all(pos[0] == row for pos in cells.values())  # not a cell merged down from above
        if not own or cells[last] not in sheet.cells or cells[this] not in sheet.cells:
            continue  # a year left blank: nothing to work
        label = line_label(sheet, row, last) or line_label(sheet, header, last)
        if label_key(label) in _TOTALS and len(common) > 1:
            label = f"{common}{label}"  # 合计 under 上年度公务接待费总额: the 公务接待费总额's 合计
        operands = (
            (_LAST, Hit(sheet.name, a1(cells[last]), sheet.cells.get(cells[last]), label)),
            (_THIS, Hit(sheet.name, a1(cells[this]), sheet.cells.get(cells[this]), label)),
        )
        for col, shown, expr, is_rate in (
            (change, _SHOWN_CHANGE, (_THIS, _LAST, "-"), False),
            (rate, _SHOWN_RATE, (_THIS, _LAST, "-", _LAST, "/"), True),
        ):
            if col is None or cells[col] not in sheet.cells or a1(cells[col]) in judged:
                continue
            target = Hit(sheet.name, a1(cells[col]), sheet.cells.get(cells[col]), label)
            word = "变动率" if is_rate else "变动额"
            out.append(ColumnFormula(f"{label}{word}", row, None, shown, target, operands, expr, is_rate, False))
    return out


def words_in(value: object) -> bool:
    """Text that is no figure (a label), as against "12.5%", "/", a blank or a word a line's change takes ("新增")."""
    if not isinstance(value, str) or not value.strip() or value.strip() in _NO_CHANGE:
        return False
    parsed = parse_number(value)
    return not parsed.ok and parsed.status != "empty"


def line_label(sheet: Sheet, row: int, first: int, indented: bool = False) -> str:
    """The row's item: the nearest words left of its 上年 column ("" when there are none); ``indented``: with the
    spaces it starts with (a part indented under its item, "　　会议费")."""
    for col in range(first - 1, -1, -1):
        value = sheet.value((row, col))
        if isinstance(value, str) and value.strip() and not is_unit(value):  # 万元 in a 单位 column names nothing
            return value.rstrip() if indented else value.strip()
    return ""
