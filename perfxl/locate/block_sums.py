"""A 附件4 amount printed on a 合计 row with its items listed below it ("“三公经费”情况": 合计, 因公出国（境）费,
公务接待费, 公务用车购置及运行维护费): the items' amounts, which the 合计 must add up to."""

from __future__ import annotations

import re

from perfxl.locate.located import GroupWeight, Hit
from perfxl.read.grid import Pos, Sheet, a1
from perfxl.read.text import label_key
from perfxl.read.values import parse_number

_TOTAL_WORDS = frozenset({"合计", "小计", "总计", "合计数"})
_MAX_ITEMS = 12  # rows looked at below a 合计: a block lists a handful


def total_parts(sheet: Sheet, at: Pos, field_keys: frozenset[str]) -> GroupWeight | None:
    """The 合计 at ``at`` and its items: the rows right below, each labelled in the 合计's label column, up to the
    first row that is a field's own label (变动率, 控制率), is blank there, or prints no figure in this column.

    None when ``at`` is not on a 合计 row, fewer than two items print a figure, or an item is itself broken down
    ("其中：", "（1）"): its parts would be counted twice, and such a tree is not read here."""
    total = parse_number(sheet.cells.get(at))
    label_col = _total_label(sheet, at)
    numbered = label_col is None and _numbered_total(sheet, at)
    if numbered:
        label_col = _label_col(sheet, at)
    if label_col is None or not total.ok or total.value is None:
        return None
    parts: list[tuple[Hit, float]] = []
    first = sheet.bottom_right(at)[0] + 1
    style: re.Pattern[str] | None = None
    broken_down = False  # inside an item's "其中" lines: its parts, not the total's
    for row in range(first, first + _MAX_ITEMS):
        label = sheet.cells.get(sheet.anchor((row, label_col)))
        if not isinstance(label, str) or not label.strip() or label_key(label) in field_keys:
            break
        if sheet.anchor((row, label_col)) == sheet.anchor((row, at[1])):
            break  # the next section's heading merged across the columns ("三、预算执行情况")
        text = label.strip()
        if numbered and not text.strip("…．.。·"):
            continue  # "……": a line the template leaves for more items
        if numbered:
            style = style or next((s for s in _NUMBERED if s.match(text)), None)
            if style is not None and style.match(text):
                broken_down = False
            elif (text.startswith("其中") or _SUB_ITEM.match(text)) and parts:
                broken_down = True  # "其中：公车购置" or "1.1公车购置": the last item's parts
                continue
            elif broken_down:
                continue
            else:
                break  # an item of the form's own after the list ("项目支出：")
        elif text.startswith(("其中", "(", "（")):
            return None
        pos = sheet.anchor((row, at[1]))
        value = sheet.cells.get(pos)
        if value is None:
            continue
        number = parse_number(value)
        if number.status == "empty":
            continue  # "/" or "—": none of that item (衡山's 出国经费), as a blank
        if not number.ok or number.value is None:
            return None
        parts.append((Hit(sheet.name, a1(pos), value, label), number.value))
    if len(parts) < 2 and not numbered and not parts:
        parts = _items_above(sheet, at, label_col, field_keys)  # a 合计 printed last, under its items
    if len(parts) < 2:
        return None
    if numbered:
        name = label_key(str(sheet.value((at[0], label_col))))
    else:
        head = sheet.value(_column_head(sheet, at))
        name = f"{label_key(str(head))}合计" if isinstance(head, str) and head.strip() else "合计"
    return GroupWeight(name, total.value, Hit(sheet.name, a1(at), sheet.cells[at], name), tuple(parts), "金额", "各项")


def _items_above(sheet: Sheet, at: Pos, label_col: int, field_keys: frozenset[str]) -> list[tuple[Hit, float]]:
    """The items listed above a 合计 printed last: the rows up to its column's header (a text cell), each labelled in
    the 合计's label column with a figure in its column; none where a row there is blank, a field's label or broken
    down, or no header is found within reach."""
    parts: list[tuple[Hit, float]] = []
    for row in range(at[0] - 1, max(at[0] - 1 - _MAX_ITEMS, -1), -1):
        if isinstance(sheet.value((row, at[1])), str):
            return parts[::-1]  # the column's header: the items start below it
        label = sheet.cells.get(sheet.anchor((row, label_col)))
        if not isinstance(label, str) or not label.strip() or label_key(label) in field_keys:
            return []
        if label.strip().startswith(("其中", "(", "（")):
            return []
        pos = sheet.anchor((row, at[1]))
        number = parse_number(sheet.cells.get(pos))
        if not number.ok or number.value is None:
            return []
        parts.append((Hit(sheet.name, a1(pos), sheet.cells[pos], label.strip()), number.value))
    return []


def row_totals(sheet: Sheet, at: Pos, field_keys: frozenset[str]) -> list[GroupWeight]:
    """``total_parts`` of the field at ``at``; for an item that lists its own numbered items, also of the other
    amount columns of its row (a 2017年决算数 beside the 2018 figures the rule set reads: the same items add up to
    each), leaving out columns headed as a rate."""
    first = total_parts(sheet, at, field_keys)
    if first is None or not _numbered_total(sheet, at):
        return [] if first is None else [first]
    out = [first]
    label_col = _label_col(sheet, at)
    for col in sorted({c for r, c in sheet.cells if r == at[0] and c > (label_col or 0) and c != at[1]}):
        head = sheet.value(_column_head(sheet, (at[0], col)))
        if not isinstance(head, str) or _RATE_HEAD.search(head) or not _AMOUNT_HEAD.search(head):
            continue
        more = total_parts(sheet, (at[0], col), field_keys)
        out += [] if more is None else [more]
    return out


_RATE_HEAD = re.compile(r"率|%|％|比例|比重")
_AMOUNT_HEAD = re.compile(r"数|额|金|经费|支出|万元|元")


# how the items of a list under a total are numbered ("1、", "1.", "(1)", "一、"): its own items are numbered alike
_NUMBERED = (
    re.compile(r"^\d+\s*[、.．](?!\d)"),  # "1.", not the "1." of a sub-item "1.1"
    re.compile(r"^[(（]\d+[)）]"),
    re.compile(r"^[一二三四五六七八九十]+\s*、"),
)


_SUB_ITEM = re.compile(r"^\d+\s*[.．]\d")


def _label_col(sheet: Sheet, at: Pos) -> int | None:
    """The column of the text left of ``at`` on its row."""
    for col in range(at[1] - 1, -1, -1):
        value = sheet.cells.get(sheet.anchor((at[0], col)))
        if isinstance(value, str) and value.strip():
            return col
    return None


def _numbered_total(sheet: Sheet, at: Pos) -> bool:
    """An item that lists its own items under it ("三公经费：" over "1、公务用车购置和维护经费", "2、出国经费" …): the
    row below its label is numbered, and the label is not numbered the same way."""
    col = _label_col(sheet, at)
    if col is None:
        return False
    label = str(sheet.cells.get(sheet.anchor((at[0], col)))).strip()
    below = sheet.cells.get(sheet.anchor((sheet.bottom_right(at)[0] + 1, col)))
    style = next((s for s in _NUMBERED if isinstance(below, str) and s.match(below.strip())), None)
    # with or without its colon ("三公经费" over "1、公务用车购置和维护经费" as a page prints it), but not an item
    # numbered like the lines below it: "1、业务工作专项" over "2、运行维护专项" are siblings
    return style is not None and (label.endswith((":", "：")) or not style.match(label))


def _total_label(sheet: Sheet, at: Pos) -> int | None:
    """The column of the 合计 label left of ``at`` on its row, if the row is a 合计 row."""
    for col in range(at[1] - 1, -1, -1):
        value = sheet.cells.get(sheet.anchor((at[0], col)))
        if isinstance(value, str) and value.strip():
            return col if label_key(value) in _TOTAL_WORDS else None
    return None


def _column_head(sheet: Sheet, at: Pos) -> Pos:
    """The header cell above ``at``: the nearest text cell up its column."""
    for row in range(at[0] - 1, max(at[0] - 4, -1), -1):
        if isinstance(sheet.value((row, at[1])), str):
            return (row, at[1])
    return at
