"""A 附件4 table of items under a budget, an actual and a rate column ("项目名称 | 预算 | 实际 | 执行率" over
执法办案经费, 信息化运维, 小计 … 合计): each line's rate is its actual over its budget, each 小计 the Σ of the items
since the last one, the 合计 the Σ of them all. A block the rule set reads takes the 合计's figures and judges its
rate; the lines, and the 合计's amounts against them, are held to their own figures here.
"""

from __future__ import annotations

import re

from perfxl.locate.block_items import QIZHONG, Breakdowns
from perfxl.locate.change_rates import line_label, words_in
from perfxl.locate.column_formulas import ColumnFormula
from perfxl.locate.located import GroupWeight, Hit
from perfxl.locate.year_columns import year_kind
from perfxl.read.grid import Pos, Sheet, a1
from perfxl.read.text import label_key
from perfxl.read.values import parse_number

_BUDGET = ("预算",)
_ACTUAL = ("实际", "决算", "执行数")
_RATE_END = "率"
_SUBTOTAL, _TOTALS = "小计", frozenset({"合计", "总计"})
_SHOWN = "比率=实际/预算"
_MAX_LINES = 40
_CENT = 0.005
_SECTION = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")  # a section's heading: "二、“三公”经费决算情况"
_CAPTION = re.compile(r"[:：]\s*$")  # a caption over the items below it: "基本支出：", "按支出性质分："


def item_lines(sheet: Sheet, judged: frozenset[str]) -> tuple[list[ColumnFormula], list[GroupWeight]]:
    """Each item line's rate, and each 小计 / 合计 with the items it adds up, under every budget | actual | rate
    header of the sheet; ``judged``: rate cells another check judges already."""
    formulas: list[ColumnFormula] = []
    sums: list[GroupWeight] = []
    for row, keys in sheet.text_rows.items():
        if len(keys) < 3:
            continue
        if any(key.endswith(_RATE_END) for _, key in keys):
            columns = _columns(keys)
            if columns is not None:
                more, added = _lines(sheet, row, columns[:2], columns[2], judged)
                formulas += more
                sums += added
        elif (years := _years(keys)) is not None:  # 项目 | 上年数 | 本年数 with no rate: its 小计 and 合计 only
            sums += _lines(sheet, row, years, None, judged)[1]
    return formulas, sums


def _years(keys: list[tuple[int, str]]) -> tuple[int, int] | None:
    """(上年数, 本年数) columns of a header row with one of each and no change column (``locate.change_rates`` reads
    those)."""
    kinds = [(year_kind(key), col) for col, key in keys]
    previous = [col for kind, col in kinds if kind == "previous"]
    current = [col for kind, col in kinds if kind == "current"]
    if len(previous) != 1 or len(current) != 1 or any(key.startswith(("变动", "增减")) for _, key in keys):
        return None
    return previous[0], current[0]


def _columns(keys: list[tuple[int, str]]) -> tuple[int, int, int] | None:
    """(预算, 实际, 率) columns of a header row, one of each, in that order; None otherwise."""
    budget = [c for c, key in keys if any(w in key for w in _BUDGET) and not key.endswith(_RATE_END)]
    actual = [c for c, key in keys if any(w in key for w in _ACTUAL) and not key.endswith(_RATE_END)]
    rate = [c for c, key in keys if key.endswith(_RATE_END)]
    if len(budget) != 1 or len(actual) != 1 or len(rate) != 1 or set(budget) & set(actual):
        return None
    if not budget[0] < actual[0] < rate[0]:
        return None
    return budget[0], actual[0], rate[0]


def _lines(
    sheet: Sheet, header: int, amounts: tuple[int, int], rate: int | None, judged: frozenset[str]
) -> tuple[list[ColumnFormula], list[GroupWeight]]:
    """The lines under a header of two amount columns (预算 and 实际, or 上年 and 本年) and perhaps a rate column."""
    budget, actual = amounts
    columns = amounts if rate is None else (*amounts, rate)
    formulas: list[ColumnFormula] = []
    sums: list[GroupWeight] = []
    since: dict[int, list[tuple[Hit, float]]] = {budget: [], actual: []}  # items since the last 小计
    every: dict[int, list[tuple[Hit, float]]] = {budget: [], actual: []}  # items, 小计 left out
    section: dict[int, list[tuple[Hit, float]]] = {budget: [], actual: []}  # items since the last section heading
    headed = subtotalled = False  # a section heading read; a section's Σ read (a 小计, a heading's own figures)
    head: tuple[str, dict[int, Hit]] | None = None  # the heading of the section being read, where it prints its Σ
    breakdowns = Breakdowns()
    for row in range(sheet.bottom_right((header, budget))[0] + 1, min(header + _MAX_LINES, sheet.last_row) + 1):
        cells = {col: sheet.anchor((row, col)) for col in columns}
        if len(set(cells.values())) == 1 and next(iter(cells.values()))[1] < budget:  # a heading merged across
            sums += _section_sums(sheet, header, head, section)
            since, section, headed, head = {budget: [], actual: []}, {budget: [], actual: []}, True, None
            continue
        if any(words_in(sheet.cells.get(pos)) for pos in cells.values()):
            break  # the next block's labels
        if any(pos[0] != row for pos in cells.values()):
            continue
        label = line_label(sheet, row, budget)
        key = label_key(label)
        if breakdowns.part(line_label(sheet, row, budget, True), parse_number(sheet.cells.get(cells[budget])).value):
            sums += _larger_than_its_item(sheet, header, cells, label, since)
            continue  # a 其中 line: part of the item above, already in its amounts
        hits = {col: Hit(sheet.name, a1(cells[col]), sheet.cells.get(cells[col]), label) for col in columns}
        figures = {col: parse_number(hits[col].raw).value for col in (budget, actual)}
        blank = all(f is None for f in figures.values())
        numbered = _SECTION.match(label.strip()) is not None
        captioned = numbered or _CAPTION.search(label) is not None
        heads = captioned and not blank and _heads_items(sheet, row, budget)  # items of its own follow it
        if numbered and not blank and not heads:
            sums += _section_sums(sheet, header, head, section)  # "三、其他支出 | 10 | 9": an item of the top level,
            head, section = None, {budget: [], actual: []}  # after the sections before it
        elif captioned and (blank or heads):
            # "二、“三公”经费情况", "一、基本支出 | 520 | 500" over items of its own (their Σ), "项目支出：": a section
            sums += _section_sums(sheet, header, head, section)
            since, section, headed = {budget: [], actual: []}, {budget: [], actual: []}, True
            head = None if blank else (label, hits)
            subtotalled = subtotalled or not blank  # a heading printing its Σ
            if blank or rate is None:
                continue
        elif key.endswith(_RATE_END):
            continue  # a rate's line ("在职人员控制率 | 96.67% | 93.33%") among the amounts: no item of theirs
        summed = True  # a 小计's or 合计's amounts are its items': else its rate is not judged (one finding, not two)
        if head is not None and head[1][budget] is hits[budget]:
            pass  # the heading's own rate, judged below
        elif key == _SUBTOTAL or key in _TOTALS:
            subtotalled = subtotalled or key == _SUBTOTAL
            sums += _section_sums(sheet, header, head, section)
            head = None
            for col in (budget, actual):
                figure = figures[col]
                parts = since[col] if key == _SUBTOTAL else _total_of(figure, every[col], section[col])
                if not parts and key != _SUBTOTAL:  # a wrong 合计: held to every item where sections print their Σ
                    parts = every[col] if subtotalled or not headed else section[col]
                if figure is not None and len(parts) >= 2:
                    name = f"{_word(sheet, header, col)}{label}"
                    sums.append(GroupWeight(name, figure, hits[col], tuple(parts), "金额", "各项"))
                    summed = summed and abs(figure - sum(value for _, value in parts)) <= _CENT
                since[col] = []
                if key in _TOTALS:
                    section[col] = []  # a 合计 closes its group: a later 合计 may be the next group's own
        else:
            for col in (budget, actual):
                figure = figures[col]
                if figure is not None:
                    since[col].append((hits[col], figure))
                    every[col].append((hits[col], figure))
                    section[col].append((hits[col], figure))
        if rate is None or figures[budget] is None or figures[actual] is None or cells[rate] not in sheet.cells:
            continue
        if hits[rate].cell in judged or not summed:
            continue
        operands = (("预算", hits[budget]), ("实际", hits[actual]))
        item = f"{label}{_word(sheet, header, rate)}"
        formulas.append(
            ColumnFormula(item, row, None, _SHOWN, hits[rate], operands, ("实际", "预算", "/"), True, False)
        )
    return formulas, sums + _section_sums(sheet, header, head, section)


def _heads_items(sheet: Sheet, row: int, first: int) -> bool:
    """Whether the next labelled line below a heading that prints figures is an item of its own (its section's), not
    another heading or a 合计: "三、其他支出 | 10 | 9" right before 合计 is an item."""
    for below in range(row + 1, row + 4):
        label = line_label(sheet, below, first)
        if label:
            key = label_key(label)
            return not (_SECTION.match(label.strip()) or key == _SUBTOTAL or key in _TOTALS or QIZHONG.match(label))
    return False


def _section_sums(
    sheet: Sheet, header: int, head: tuple[str, dict[int, Hit]] | None, section: dict[int, list[tuple[Hit, float]]]
) -> list[GroupWeight]:
    """A heading's own figures ("一、基本支出 | 520 | 500") against its section's items, as a 小计's."""
    if head is None:
        return []
    out: list[GroupWeight] = []
    for col, parts in section.items():
        figure = parse_number(head[1][col].raw).value
        if figure is not None and len(parts) >= 2:
            name = f"{_word(sheet, header, col)}{head[0]}"
            out.append(GroupWeight(name, figure, head[1][col], tuple(parts), "金额", "各项"))
    return out


def _total_of(
    figure: float | None, every: list[tuple[Hit, float]], section: list[tuple[Hit, float]]
) -> list[tuple[Hit, float]]:
    """The items a 合计 adds up: its own group's (since a heading or the 合计 before it: "二、“三公”经费情况" over its
    items, then 合计) or every item (a grand 合计 or 总计), whichever its figure is; [] where it is neither."""
    for parts in (section, every):
        if figure is not None and len(parts) >= 2 and abs(figure - sum(value for _, value in parts)) <= _CENT:
            return parts
    return []


def _larger_than_its_item(
    sheet: Sheet, header: int, cells: dict[int, Pos], label: str, since: dict[int, list[tuple[Hit, float]]]
) -> list[GroupWeight]:
    """A 其中 line's amount against its item's (the last item read), in each amount column: a part larger than its
    whole (其中：公务用车购置费 15 of an item of 13.2) is a slip there."""
    out = []
    for col, items in since.items():
        figure = parse_number(sheet.cells.get(cells[col])).value
        if not items or figure is None or figure <= items[-1][1] + _CENT:
            continue
        hit = Hit(sheet.name, a1(cells[col]), sheet.cells.get(cells[col]), label)
        out.append(
            GroupWeight(f"{label.strip()}", items[-1][1], hit, ((hit, figure),), _word(sheet, header, col), "", True)
        )
    return out


def _word(sheet: Sheet, header: int, col: int) -> str:
    """A column's header, as a name's part ("实际项目支出总额", "执行率")."""
    value = sheet.value((header, col))
    return label_key(value) if isinstance(value, str) else ""
