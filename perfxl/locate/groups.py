"""The 一级/二级 groups of a score or indicator table that print a 分值 of their own, with the rows under them.

A group's weight is printed in its name ("产出指标(50分)") or in a 分值 column of its level, merged over its rows;
either way it declares the Σ of the 分值 of the rows it spans, which ``perfxl.check.groups`` holds it to. A 小计 row
after a group declares the Σ of its rows' 分值 and 得分 alike.
"""

from __future__ import annotations

from perfxl.locate.located import GroupWeight, Hit
from perfxl.locate.tabular import Footer, IndicatorLine, Level, Table
from perfxl.read.values import parse_number


def group_weights(table: Table) -> list[GroupWeight]:
    """Every outer level of the table that prints a weight, in reading order (一级 groups before 二级 ones)."""
    out: list[GroupWeight] = []
    depth = max((len(line.levels) for line in table.rows), default=0)
    for i in range(depth - 1):  # the innermost level is the indicator itself
        spans: dict[tuple[str, str], list[IndicatorLine]] = {}  # (a table over two sheets: each sheet's cells)
        last: tuple[tuple[str, str], tuple[str, float]] | None = None  # the span the row above is in, and its group
        for line in table.rows:
            level = line.levels[i]
            if level.weight is not None and level.weight_cell is not None and level.cell is not None:
                group = (level.name, level.weight)
                # the same group and weight printed again right after it (a page break's reprinted header): one span
                key = last[0] if last is not None and last[1] == group else (level.cell.sheet, level.cell.cell)
                spans.setdefault(key, []).append(line)
                last = (key, group)
        for lines in spans.values():
            level = lines[0].levels[i]
            assert level.weight is not None and level.weight_cell is not None
            out.append(GroupWeight(level.name, level.weight, level.weight_cell, _parts(lines, i)))
            out += _section_score(table, level, lines)
    return _caption(table) + out + _subtotals(table)


def _section_score(table: Table, level: Level, lines: list[IndicatorLine]) -> list[GroupWeight]:
    """A section row's 得分 against the 得分 of the rows under it (``perfxl.locate.sections``)."""
    hit = table.section_scores.get(level.cell.cell) if level.cell is not None else None
    value = parse_number(hit.raw) if hit is not None else None
    if hit is None or value is None or not value.ok or value.value is None:
        return []
    return [GroupWeight(level.name, value.value, hit, _sums(lines, "score"), "得分")]


def _caption(table: Table) -> list[GroupWeight]:
    """The caption's weight against the 一级 groups' (each printed once), else the rows'."""
    caption, lines = table.caption, table.indicators
    if caption is None or caption.weight is None or caption.weight_cell is None or not lines:
        return []
    outer = {
        (line.levels[0].cell.sheet, line.levels[0].cell.cell): line.levels[0]
        for line in lines
        if line.levels[0].cell is not None
    }
    groups = [(level.weight_cell, level.weight) for level in outer.values()]
    if len(lines[0].levels) > 1 and groups and all(hit is not None and w is not None for hit, w in groups):
        parts = tuple((hit, w) for hit, w in groups if hit is not None and w is not None)
    else:
        parts = _sums(lines, "weight")
    return [GroupWeight(caption.name, caption.weight, caption.weight_cell, parts)]


def _subtotals(table: Table) -> list[GroupWeight]:
    """Each 小计 row's 分值 and 得分 against the rows of its group: the rows since the last 小计 that share the 一级
    of the row just above it (a group printed without a 小计 of its own is not its part)."""
    out: list[GroupWeight] = []
    since = -1
    for footer in table.subtotals:
        lines = [line for line in table.indicators if since < line.row < footer.row]
        since = footer.row
        if not lines:
            continue
        outer = lines[-1].levels[0]
        levels = [col.col for role, col in table.columns.items() if role.startswith("level")]
        if levels and 0 <= footer.col < min(levels):  # 小计 in a group column left of the levels read (项目)
            outer = outer._replace(name="")
        elif outer.cell is not None and not _covers(footer, lines):
            lines = [line for line in lines if line.levels[0].cell == outer.cell]
        else:  # every row since the last 小计: a section's 小计 over several groups (its 分值 is theirs together)
            outer = outer._replace(name="")
        name = f"{outer.name}小计" if outer.name else footer.label
        for role, what in (("weight", "分值"), ("score", "得分")):
            declared = footer.cells.get(role)
            value = parse_number(declared.raw) if declared is not None else None
            if declared is not None and value is not None and value.ok and value.value is not None:
                out.append(GroupWeight(name, value.value, declared, _sums(lines, role), what))
    return out


_TOL = 0.005


def _covers(footer: Footer, lines: list[IndicatorLine]) -> bool:
    """The 小计's printed 分值 (else its 得分) is the Σ of all the rows since the last 小计, and not of the last
    group's alone."""
    role = "weight" if "weight" in footer.cells else "score"
    printed = parse_number(footer.cells[role].raw).value if role in footer.cells else None
    if printed is None or not lines:
        return False
    group = [line for line in lines if line.levels[0].cell == lines[-1].levels[0].cell]
    every, last = (sum(value for _, value in _sums(part, role)) for part in (lines, group))
    return abs(every - printed) < _TOL <= abs(last - printed)


def _sums(lines: list[IndicatorLine], role: str) -> tuple[tuple[Hit, float], ...]:
    """The 分值 (or 得分) of each row, a 得分 merged over several rows counted once."""
    parts: dict[str, tuple[Hit, float]] = {}
    for line in lines:
        if role == "weight":
            points = line.points
            if line.weight is not None and points is not None:
                parts.setdefault(line.weight.cell, (line.weight, points))
        elif line.score is not None:
            parsed = parse_number(line.score.raw)
            if parsed.ok and parsed.value is not None:
                parts.setdefault(line.score.cell, (line.score, parsed.value))
    return tuple(parts.values())


def _parts(lines: list[IndicatorLine], depth: int) -> tuple[tuple[Hit, float], ...]:
    """The 分值 of each row in the group, a 分值 merged over several rows counted once; a row that is only the group
    written again (履职效益 as one row, no name of its own below the group) counts once, like any other. Where a row
    prints no 分值 (a table cut off after a group's first row), the groups of the next level that print their own
    stand for their rows (项目效益 40 under 项目绩效 55); nothing when even they leave a row out: the Σ is not printed
    whole."""
    rows: list[tuple[Hit, float]] = []
    groups: dict[tuple[str, str], tuple[Hit, float]] = {}
    rows_whole = groups_whole = True
    inner = len(lines[0].levels) - 1
    for line in lines:
        points = line.points
        own = line.weight is not None and points is not None
        if own and line.levels[depth].weight_cell == line.weight:
            continue  # the group written again as its own row
        if line.weight is not None and points is not None:
            # a 分值 merged over rows scored together: once (each sheet's cells its own, a table over two sheets)
            if all((line.weight.sheet, line.weight.cell) != (hit.sheet, hit.cell) for hit, _ in rows):
                rows.append((line.weight, points))
        elif not line.placeholder:
            rows_whole = False
        below = line.levels[depth + 1] if depth + 1 < inner else None
        if below is not None and below.weight is not None and below.weight_cell is not None and below.cell is not None:
            groups.setdefault((below.cell.sheet, below.cell.cell), (below.weight_cell, below.weight))
        elif line.weight is not None and points is not None:
            groups.setdefault((line.weight.sheet, line.weight.cell), (line.weight, points))
        elif not line.placeholder:
            groups_whole = False
    if rows_whole:
        return tuple(rows)
    return tuple(groups.values()) if groups_whole else ()
