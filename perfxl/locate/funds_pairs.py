"""A funds block written as labels each followed by its figure, across a row or two ("年初预算数 | 120 | 全年预算数 |
120 | 全年执行数 | 115.2 | 执行率 | 96.5%", then "… | 执行率分值 | 10 | 执行率得分 | 9.6"): one line, the total, with
each figure in the cell right of its label.

The funds header search finds such a row (its labels are a header's words) but no line under it; this reads the row
as the line it is, when every amount label has a number right of it."""

from __future__ import annotations

from perfxl.locate.headers import Column, Vocabulary, role_of
from perfxl.locate.located import Hit, new_hit
from perfxl.locate.tabular import FundsBlock, FundsLine
from perfxl.read.grid import Sheet, a1
from perfxl.read.values import amount_text, parse_number

_AMOUNTS = ("initial", "annual", "executed")
_ROWS = 2  # the rows the labels and figures of one such block run over


def paired_funds(sheet: Sheet, words: Vocabulary, head: int, columns: dict[str, Column]) -> FundsBlock | None:
    """The block headed at row ``head`` read as label–figure pairs, or None when it is a header over lines."""
    amounts = [col for role, col in columns.items() if role in _AMOUNTS]
    if not amounts or not all(figure_right(sheet, head, col.col) for col in amounts):
        return None
    cells: dict[str, Hit] = {}
    found: dict[str, Column] = {}
    for r in range(head, head + _ROWS):
        for c, _ in sheet.row_keys(r):
            role = role_of(sheet, (r, c), words.funds) or role_of(sheet, (r, c), words.funds_weak)
            if role is None or role in cells or not figure_right(sheet, r, c):
                continue
            label = str(sheet.cells[(r, c)]).strip()
            right = sheet.bottom_right((r, c))[1] + 1
            cells[role] = new_hit((sheet.name, a1((r, right)), sheet.cells.get((r, right)), label))
            found[role] = Column(role, right, label)
    if "executed" not in cells or not ("annual" in cells or "initial" in cells):
        return None
    rate = columns.get("rate")
    if "rate" not in cells and rate is not None and sheet.anchor((head, rate.col)) == (head, rate.col):
        # "预算执行率" headed above its figure, beside the pairs ("预算数: | 95 | 执行数: | 82.65 | 87%")
        value = sheet.cells.get((head, rate.col))
        if value is not None and parse_number(amount_text(value)[0]).ok:
            cells["rate"] = new_hit((sheet.name, a1((head, rate.col)), value, rate.header))
            found["rate"] = rate
    return FundsBlock(sheet.name, "", head, found, [FundsLine(head, "", "total", None, cells)])


def figure_right(sheet: Sheet, r: int, c: int) -> bool:
    """The cell right of the label at (r, c) holds a figure (a number, a percentage, "—" left for none)."""
    right = sheet.bottom_right((r, c))[1] + 1
    value = sheet.cells.get((r, right))
    return value is not None and parse_number(amount_text(value)[0]).ok
