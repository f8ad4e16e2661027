"""Section rows: a table whose groups are printed as rows of their own above their indicators, numbered 一、二、三
(and （一）、（二） under them) where the indicators are numbered 1, 2, 3 ("一 | 投入 | 15", "（一） | 预算配置 | 15",
"1 | 在职人员控制率 | 7 | …").

Such a row is no indicator: it names the group of the rows below it, down to the next section of its depth, and its
分值 (and 得分, where printed) is that group's, held to the Σ of theirs as a group printed in a level column is
(``perfxl.locate.groups``). The mark stands in a column left of the names (序号) or at the start of the name
("一、投入").
"""

from __future__ import annotations

import re
import unicodedata

from perfxl.locate.tabular import IndicatorLine, Level, Table, new_level
from perfxl.read.grid import Sheet, a1
from perfxl.read.values import parse_weight

NUMERALS = "一二三四五六七八九十"  # a section mark's numerals (一、 （二）)
_MARKS = (  # by depth: 一、 then （一）
    re.compile(rf"^([{NUMERALS}]+)\s*(?:[、.．]\s*|$)"),
    re.compile(rf"^[(]([{NUMERALS}]+)[)]\s*[、.．]?\s*"),
)
_FIRST = frozenset(NUMERALS + "(（")  # what a mark starts with
_OWN = ("target", "actual", "standard", "nature", "unit", "target_adjusted")  # an indicator's cells, a section's none
_NO_LEVEL = Level("", "", None, None, None)


def with_sections(sheet: Sheet, table: Table, lines: list[IndicatorLine], first_col: int) -> list[IndicatorLine]:
    """The lines less their section rows, each with the sections it stands under as its outer levels
    (``first_col``: the table's first level column; a 序号 column is left of it). Unchanged when no row is one."""
    depths = {i: d for i, line in enumerate(lines) if (d := _depth(sheet, line, first_col)) is not None}
    if not depths or len(depths) == len(lines):
        return lines
    used = sorted(set(depths.values()))
    current = [_NO_LEVEL] * len(used)
    out = []
    for i, line in enumerate(lines):
        depth = depths.get(i)
        if depth is None:
            out.append(line._replace(levels=(*current, *line.levels)))
            continue
        at = used.index(depth)
        section = current[at] = _section(line)
        current[at + 1 :] = [_NO_LEVEL] * (len(used) - at - 1)
        score = line.score
        if score is not None and section.cell is not None and parse_weight(score.raw) is not None:
            table.section_scores[section.cell.cell] = score
    return out


def _depth(sheet: Sheet, line: IndicatorLine, first_col: int) -> int | None:
    """0 for a row marked 一, 1 for one marked （一）, None for any other row (an indicator, or a marked row that prints
    a target, an actual or a standard of its own)."""
    mark: str | None = None  # the first filled cell left of the levels (序号), "" for a number
    across = False  # …merged across the levels: the section's whole heading ("一、投入（15分）" over 序号 and names)
    at = ""  # its cell, which a heading merged across the target and actual columns also fills
    for c, value in sheet.rows.get(line.row, ()):
        if c >= first_col:
            break
        if type(value) is not str:
            mark = ""
            break
        if value.strip():
            corner = sheet.bottom_right((line.row, c))  # across the levels, within its own row
            mark, across, at = value.strip(), corner[1] >= first_col and corner[0] == line.row, a1((line.row, c))
            break
    text = mark if mark is not None else (line.levels[-1].text if line.levels else "")
    if not text or text[0] not in _FIRST:  # nearly every row: no mark at all
        return None
    plain = _plain(text)
    depth = next(
        (d for d, pattern in enumerate(_MARKS) if (pattern.fullmatch if mark and not across else pattern.match)(plain)),
        None,
    )
    own = (hit for role in _OWN if (hit := line.cells.get(role)) is not None and hit.cell != at)
    if depth is None or any(_filled(hit) for hit in own):
        return None
    return depth


def heads_section(text: str) -> bool:
    """Whether a text written across a whole table is a section's heading ("一、投入（15分）"), not a note ending it."""
    return any(pattern.match(_plain(text)) for pattern in _MARKS)


def _section(line: IndicatorLine) -> Level:
    """The group a section row names, its mark left out of the name and its 分值 where the row prints one."""
    own = line.levels[-1]
    name = own.name
    for pattern in _MARKS:
        name = pattern.sub("", _plain(name), count=1)
    weight = line.points
    return new_level((own.text, name, weight, own.cell, line.weight if weight is not None else None))


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _filled(hit: object) -> bool:
    raw = getattr(hit, "raw", None)
    return raw is not None and bool(str(raw).strip()) and str(raw).strip() not in ("/", "—", "-")
