"""分值 printed as shares of the total (0.15 with a percent format, shown as 15%) while the 得分 are points: the
shares are read as the points they stand for (15), so that every check compares like with like.

The reader gets values, not number formats, so a share is told by the table itself: every 分值 of its rows is in
(0, 1], they add up to no more than 1, and some 得分 is above 1. A table whose scores are shares too is consistent
in its own unit and is left as it is.
"""

from __future__ import annotations

from dataclasses import replace

from perfxl.locate.located import Hit
from perfxl.locate.tabular import Footer, FundsBlock, FundsLine, IndicatorLine, Level, Table
from perfxl.read.values import fmt, parse_number, parse_weight

_SLACK = 0.005  # shares rounded to the percent may add up to a little over 1


def shares_as_points(table: Table) -> bool:
    """Rewrite the table's 分值 cells that hold shares as the points they stand for; whether it did."""
    rows = table.indicators
    weights = [_share(line.weight) for line in rows if line.weight is not None and not line.weight_in_name]
    if len(weights) < 2 or any(w is None for w in weights) or sum(w or 0 for w in weights) > 1 + _SLACK:
        return False
    if not any((parse_number(line.score.raw).value or 0) > 1 for line in rows if line.score is not None):
        return False
    table.rows = [_line(line) for line in table.rows]
    table.footers = [_footer(f) for f in table.footers]
    table.subtotals = [_footer(f) for f in table.subtotals]
    return True


def funds_shares_as_points(block: FundsBlock, table_scaled: bool) -> list[FundsLine]:
    """The block's lines, a 分值 that is a share (0.1 shown as 10%) made points when the indicator table's 分值 were
    shares, or when its own 得分 is above it (a new list: what the reader read is shared, read only)."""
    lines = []
    for line in block.lines:
        weight = line.cells.get("weight")
        share = _share(weight) if weight is not None else None
        score = parse_number(line.cells["score"].raw).value if "score" in line.cells else None
        if weight is not None and share is not None and (table_scaled or (score is not None and score > share)):
            line = FundsLine(line.row, line.label, line.kind, line.parent, {**line.cells, "weight": _points(weight)})
        lines.append(line)
    return lines


def _share(hit: Hit | None) -> float | None:
    """The hit's 分值 when it is a bare number in (0, 1] (a share); None otherwise."""
    if hit is None or not isinstance(hit.raw, int | float) or isinstance(hit.raw, bool):
        return None
    value = parse_weight(hit.raw)
    return value if value is not None and 0 < value <= 1 else None


def _points(hit: Hit) -> Hit:
    """The share as the person sees it: 0.15 -> "15%", which reads as 15 points of 100."""
    value = parse_weight(hit.raw)
    assert value is not None
    return hit._replace(raw=f"{fmt(value * 100)}%")


def _line(line: IndicatorLine) -> IndicatorLine:
    levels = tuple(_level(level) for level in line.levels)
    if line.weight is None or line.weight_in_name or _share(line.weight) is None:
        return line._replace(levels=levels)
    weight = _points(line.weight)
    return line._replace(levels=levels, weight=weight, cells={**line.cells, "weight": weight})


def _level(level: Level) -> Level:
    """A group's own 分值 column's share (not a weight written in its name, "产出指标(50分)")."""
    cell = level.weight_cell
    if cell is None or cell is level.cell or level.weight is None or _share(cell) is None:
        return level
    return level._replace(weight=level.weight * 100, weight_cell=_points(cell))


def _footer(footer: Footer) -> Footer:
    weight = footer.cells.get("weight")
    if weight is None or _share(weight) is None:
        return footer
    return replace(footer, cells={**footer.cells, "weight": _points(weight)})
