"""A 附件4 block's figure read from the items under or beside its labels: a column of items ending in a 合计 (its
figure), or two or more named items with none (their Σ, held at the label's cell); a block whose title runs down the
side of its items under a header row the table's blocks share ("栏目 | 项目 | 预算数 | 实际支出 | 控制率")."""

from __future__ import annotations

import re

from perfxl.locate.located import Hit, Located
from perfxl.read.grid import Pos, Sheet, a1
from perfxl.read.values import parse_number


def column_below(sheet: Sheet, label: Pos, titles: set[Pos]) -> Pos | list[Pos] | None:
    """A label heading a column of items (采购类别 | 政府采购预算数 … over 货物类, 服务类): the 合计 row's cell, the
    block's own figure, where the items end in one; the items' cells where two or more, each named left of it, end
    with no 合计 (and no 小计 among them); None where the label has a single figure below it."""
    first = sheet.bottom_right(label)[0] + 1
    items: list[Pos] = []
    years: list[tuple[float, Pos]] = []  # lines of years: the same figure at two times, the latest the block's
    not_parts = False  # a line that is no part of the block's figure: nothing to add up
    parts = Breakdowns()
    for row in range(first, first + _ITEM_ROWS):
        figure = parse_number(sheet.value((row, label[1])))
        if not figure.ok:
            break  # the column's figures end before any 合计
        named = [(col, key) for col, key in sheet.row_keys(row) if col < label[1]]
        if named and (row, named[-1][0]) in titles:
            break  # the next block's figures, beside its title
        if named and named[-1][1] in TOTALS:
            return (row, label[1]) if row > first else None
        # a figure no item names is no item's; a group's 小计 sums some of them: only a 合计 of them all is the block's;
        # lines of years (上年, 2023年) are the same figure at two times, not parts of it
        name = str(sheet.value((row, named[-1][0]))).strip() if named else ""
        if named and parts.part(name, figure.value):
            continue  # a 其中 line: part of the item above, not another
        unnamed = not named or not named[-1][1]
        year = _year_of(name)
        if year is not None:
            years.append((year, (row, label[1])))
        not_parts = not_parts or unnamed or "小计" in name or year is not None
        items.append((row, label[1]))
    if len(years) > 1 and len(years) == len(items):
        return max(years)[1]  # 2022年 and 2023年 lines: this year's is the block's (上年 before 本年)
    return items if len(items) > 1 and not not_parts else None


def _year_of(name: str) -> float | None:
    """The year a line is named after, as a number to order by: 2023 for "2023年", 本年 after 上年; None for an item."""
    found = _YEAR_LINE.match(name)
    if found is None:
        return None
    digits = re.match(r"\d{4}", name)
    if digits is not None:
        return float(digits.group())
    return 1.0 if name[0] in "本当今" else 0.0


def beside_side_title(sheet: Sheet, title: Pos, keys: frozenset[str]) -> tuple[Pos, list[Pos]] | None:
    """A block whose title runs down the side of its items under a header row the table's blocks share ("栏目 | 项目 |
    预算数 | 实际支出 | 控制率", "“三公经费”控制情况" merged over its items' rows): the label in the row right above the
    title, and the title's rows' cells in its column."""
    if title[0] == 0:
        return None
    header = title[0] - 1
    col = next((c for c, key in sheet.row_keys(header) if key in keys and c > title[1]), None)
    if col is None or not any(k in _SIDE_HEADS for c, k in sheet.row_keys(header) if c <= title[1]):
        return None  # no 栏目 / 项目 word over the titles' column: not a shared header
    rows = range(title[0], sheet.bottom_right(title)[0] + 1)
    return (header, col), [(row, col) for row in rows]


_SIDE_HEADS = frozenset({"栏目", "项目", "类别", "内容", "指标"})


def side_figure(sheet: Sheet, found: Located, key: str, kind: str, label: Pos, cells: list[Pos]) -> None:
    """A side-titled block's figure: its one row's, its 合计 row's, or (money) the Σ of its items; a rate over
    several items is each item's own (``locate.item_lines``)."""
    if len(cells) == 1:
        found.fields[key] = Hit(sheet.name, a1(cells[0]), sheet.cells.get(cells[0]), str(sheet.value(label)))
        return
    totals = [pos for pos in cells if any(k in TOTALS for c, k in sheet.row_keys(pos[0]) if c < pos[1])]
    if totals:
        found.fields[key] = Hit(sheet.name, a1(totals[-1]), sheet.cells.get(totals[-1]), str(sheet.value(label)))
    elif kind != "rate":
        items_sum(sheet, found, key, label, [pos for pos in cells if parse_number(sheet.value(pos)).ok])


def items_sum(sheet: Sheet, found: Located, key: str, label: Pos, items: list[Pos]) -> None:
    """A block's figure that is the Σ of its items' (no 合计 printed): held at the label's cell, its items named."""
    total = sum(parse_number(sheet.value(pos)).value or 0.0 for pos in items)
    cells = "、".join(a1(pos) for pos in items)
    found.fields[key] = Hit(sheet.name, a1(label), round(total, 10), f"{sheet.value(label)}(各项之和: {cells})")


_ITEM_ROWS = 12  # item rows looked at under a label
# a line named by its year alone ("2023年", "上年度"), not an item that starts with one ("2023年公务接待费")
_YEAR_LINE = re.compile(r"^(?:\d{4}\s*年度?|(?:上|本|当|今|去|前)年度?)(?:数|情况)?$")
TOTALS = frozenset({"合计", "总计", "合计数"})


QIZHONG = re.compile(r"^\s*其中\s*[:：]?")  # a line of an item's parts
_CENT = 0.005


class Breakdowns:
    """A list's 其中 lines are parts of the item above them, not items of their own: from a line that starts with 其中
    ("其中：公务用车购置费") on, while their amounts fit in what is left of that item's and they are indented or named
    as it is ("公务用车运行维护费" after it, 6 + 8.4 of 14.4). Fed the lines in order; says of each whether it is a
    part."""

    def __init__(self) -> None:
        self.item: float | None = None  # the amount of the last item
        self.name = ""  # its name
        self.left: float | None = None  # what the item's parts have not yet covered, while they are being read
        self.lead = 0  # how far in its "其中" line starts

    def part(self, name: str, amount: float | None) -> bool:
        if QIZHONG.match(name) and self.item is not None:
            self.left, self.lead = self.item - (amount or 0.0), _indent(name)
            return True
        if (
            self.left is not None
            and self.left > _CENT
            and amount is not None
            and amount <= self.left + _CENT
            and (
                _indent(name) > max(_indent(self.name), self.lead)  # further in than the item and its "其中" line
                or _shared_start(QIZHONG.sub("", name).strip(), self.name.strip()) >= 3
            )
        ):
            self.left -= amount  # a further part: indented under it, or named as the item is ("公务用车运行维护费")
            return True
        self.item, self.name, self.left = amount, name, None
        return False


def _indent(name: str) -> int:
    """The spaces a name starts with: a part is indented further than its item (all items may be indented)."""
    return len(name) - len(name.lstrip())


def _shared_start(a: str, b: str) -> int:
    """How many leading characters two names share (公务用车运行维护费, 公务用车购置及运行维护费: 4)."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def numbered_below(sheet: Sheet, label: Pos, col: int) -> list[Pos]:
    """The figures in column ``col`` of the numbered items right under a label ("1、业务工作专项", "2、…"), up to the
    first row that is no item of that numbering (an item left blank holds nothing); [] where one holds something
    else, or the list goes on past a line of another kind ("其中：公车购置", "（1）…" under "1、…"): the items' Σ is
    then not certain."""
    out: list[Pos] = []
    style: re.Pattern[str] | None = None
    end = label[0] + _NUMBERED_ROWS
    for row in range(sheet.bottom_right(label)[0] + 1, end):
        name = sheet.cells.get((row, label[1]))
        style = style or next((s for s in _ITEM_STYLES if isinstance(name, str) and s.match(name)), None)
        if style is None or not isinstance(name, str) or not style.match(name):
            return [] if style is not None and _goes_on(sheet, row, end, label[1], col, style) else out
        figure = parse_number(sheet.cells.get((row, col)))
        if figure.status == "empty":
            continue
        if not figure.ok:
            return []
        out.append((row, col))
    return out


def _goes_on(sheet: Sheet, row: int, end: int, label_col: int, col: int, style: re.Pattern[str]) -> bool:
    """Whether the list of items goes on below row ``row``: another item of its numbering before the next line that
    is no part of one (其中, numbered one level down) and prints a figure of its own (三公经费 and its own list)."""
    for r in range(row, end):
        name = sheet.cells.get((r, label_col))
        if isinstance(name, str) and style.match(name):
            return True
        part = isinstance(name, str) and (name.strip().startswith("其中") or any(s.match(name) for s in _ITEM_STYLES))
        if not part and parse_number(sheet.cells.get((r, col))).ok:
            return False
    return False


_ITEM_STYLES = (re.compile(r"^\s*\d+\s*[、．.](?!\d)"), re.compile(r"^\s*[(（]\d+[)）]"))
_NUMBERED_ROWS = 12  # rows looked at under a label
