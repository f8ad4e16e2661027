"""Where one table or form is printed as parts: two forms side by side in one sheet (A:H and J:Q), read each as a
sheet of its own; a table's header printed again further down (across a page break), read as the same table."""

from __future__ import annotations

from perfxl.locate.headers import Vocabulary, header_at
from perfxl.locate.tabular import Table
from perfxl.read.grid import Sheet


def side_by_side(sheet: Sheet, words: Vocabulary) -> list[tuple[int, int]]:
    """The sheet's forms printed side by side (A:H and J:Q; 附件4 beside 附件5), as column ranges split at wholly
    empty columns; one range, the whole sheet, unless a part holds a table of its own (a level word: 一级指标 …)
    and another part holds one too, or holds enough cells to be a form of its own."""
    levels = header_at(sheet, words.level_keys)
    if not levels:
        return [(0, _WIDE)]
    used = {c for _, c in sheet.cells}
    for (_, c), (_, right) in sheet.extent_of.items():
        used.update(range(c, right + 1))
    groups: list[list[int]] = []
    for c in sorted(used):
        if groups and c == groups[-1][1] + 1:
            groups[-1][1] = c
        else:
            groups.append([c, c])
    if len(groups) < 2:
        return [(0, _WIDE)]
    level_cols = {c for _, c in levels}
    counts = [sum(1 for _, c in sheet.cells if left <= c <= right) for left, right in groups]
    panels: list[list[int]] = []
    for group, count in zip(groups, counts, strict=True):
        own = any(group[0] <= c <= group[1] for c in level_cols) or count >= _FORM_CELLS
        if panels and not own:
            panels[-1][1] = group[1]  # a narrow part with no table of its own belongs to the form left of it
        else:
            panels.append(group)
    forms = [p for p in panels if any(p[0] <= c <= p[1] for c in level_cols)]
    if len(panels) < 2 or not forms:
        return [(0, _WIDE)]
    panels[0][0] = 0
    return [(left, right) for left, right in panels]


_FORM_CELLS = 8  # a part of a sheet with this many cells and no table is a form of its own (附件4 beside 附件5)
_WIDE = 1 << 14  # past Excel's last column


def columns_of(sheet: Sheet, left: int, right: int) -> Sheet:
    """The part of a sheet in columns left..right, its cells where they are (their addresses unchanged)."""
    cells = {pos: value for pos, value in sheet.cells.items() if left <= pos[1] <= right}
    merges = tuple((top, bottom) for top, bottom in sheet.merges if left <= top[1] and bottom[1] <= right)
    return Sheet(sheet.name, cells, merges, hidden=sheet.hidden)


def continues(sheet: Sheet, table: Table, band: object, top: int, row: int) -> bool:
    """A header band that goes on the table above: the same columns in the same roles printed again (as across a
    page break), with the table above not yet totalled and nothing written between the two."""
    assert isinstance(band, tuple)
    if table.footers or "grade" in table.fields:
        return False
    printed = {c: col.role for c, col in band[2].items()}
    own = {col.col: role for role, col in table.columns.items() if not col.inferred}
    if set(printed) != set(own) | set(table.level_weights.values()) or any(printed[c] != r for c, r in own.items()):
        return False
    return not any(sheet.row_keys(r) for r in range(top, row))
