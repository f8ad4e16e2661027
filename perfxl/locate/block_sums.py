"""A 附件4 amount printed on a 合计 row with its items listed below it ("“三公经费”情况": 合计, 因公出国（境）费,
公务接待费, 公务用车购置及运行维护费): the items' amounts, which the 合计 must add up to."""

from __future__ import annotations

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
    if label_col is None or not total.ok or total.value is None:
        return None
    parts: list[tuple[Hit, float]] = []
    first = sheet.bottom_right(at)[0] + 1
    for row in range(first, first + _MAX_ITEMS):
        label = sheet.cells.get(sheet.anchor((row, label_col)))
        if not isinstance(label, str) or not label.strip() or label_key(label) in field_keys:
            break
        if label.lstrip().startswith(("其中", "(", "（")):
            return None
        pos = sheet.anchor((row, at[1]))
        value = sheet.cells.get(pos)
        if value is None:
            continue
        number = parse_number(value)
        if not number.ok or number.value is None:
            return None
        parts.append((Hit(sheet.name, a1(pos), value, label), number.value))
    if len(parts) < 2:
        return None
    head = sheet.value(_column_head(sheet, at))
    name = f"{label_key(str(head))}合计" if isinstance(head, str) and head.strip() else "合计"
    return GroupWeight(name, total.value, Hit(sheet.name, a1(at), sheet.cells[at], name), tuple(parts), "金额", "各项")


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
