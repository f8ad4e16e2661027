"""The 一级/二级 groups of a score or indicator table that print a 分值 of their own, with the rows under them.

A group's weight is printed in its name ("产出指标(50分)") or in a 分值 column of its level, merged over its rows;
either way it declares the Σ of the 分值 of the rows it spans, which ``perfxl.check.groups`` holds it to.
"""

from __future__ import annotations

from perfxl.locate.located import GroupWeight, Hit
from perfxl.locate.tabular import IndicatorLine, Table


def group_weights(table: Table) -> list[GroupWeight]:
    """Every outer level of the table that prints a weight, in reading order (一级 groups before 二级 ones)."""
    out: list[GroupWeight] = []
    depth = max((len(line.levels) for line in table.rows), default=0)
    for i in range(depth - 1):  # the innermost level is the indicator itself
        spans: dict[str, list[IndicatorLine]] = {}
        for line in table.rows:
            level = line.levels[i]
            if level.weight is not None and level.weight_cell is not None and level.cell is not None:
                spans.setdefault(level.cell.cell, []).append(line)
        for lines in spans.values():
            level = lines[0].levels[i]
            assert level.weight is not None and level.weight_cell is not None
            out.append(GroupWeight(level.name, level.weight, level.weight_cell, _parts(lines, i)))
    return out


def _parts(lines: list[IndicatorLine], depth: int) -> tuple[tuple[Hit, float], ...]:
    """The 分值 of each row in the group; a row that is only the group written again (履职效益 as one row, no
    name of its own below the group) counts once, like any other."""
    parts = []
    for line in lines:
        points = line.points
        if line.weight is not None and points is not None and line.levels[depth].weight_cell != line.weight:
            parts.append((line.weight, points))
    return tuple(parts)
