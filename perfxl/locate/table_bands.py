"""Where a sheet's score and indicator tables are headed: a band of one row or a few (level words, with their
分值 and 得分 words), or a one-row header of name words where no 一级/二级/三级 word is printed; each with the role of
every column (``perfxl.locate.headers.band_roles``)."""

from __future__ import annotations

from perfxl.locate.headers import (
    LEVELS,
    Column,
    Vocabulary,
    band_roles,
    header_at,
    header_of,
    header_row,
)
from perfxl.read.grid import Sheet
from perfxl.read.values import embedded_weight, parse_number


def _name_band(sheet: Sheet, words: Vocabulary, r: int) -> tuple[int, int, dict[int, Column]] | None:
    """A one-row header with no 一级/二级/三级 word whose indicator columns are named otherwise ("序号 | 绩效指标 |
    年度指标值 | 实际完成值 | 分值 | 得分", "绩效指标 | 指标内容 | 目标值 | 实际值 | 权重 | 得分"): the last such column
    holds the names, one before it the 一级 group, two the 一级 and 二级. Only a header with a 得分 and a 分值 (or
    both a 指标值 and a 完成值) is a table's: the words are common enough in titles and captions."""
    roles = band_roles(sheet, r, r, words.indicator, words.indicator_weak)
    found = {col.role for col in roles.values()}
    if not found & {"score", "deduction"} or not (found & {"weight", "standard"} or {"target", "actual"} <= found):
        return None  # (a 扣分 with the 分值 makes the 得分)
    first_value = min(c for c, col in roles.items() if col.role != "reason")
    named = [(c, key) for c, key in header_row(sheet, r) if key in words.names and c < first_value]
    # a names header merged over two columns ("指标" over the group and the name): each column a level
    named = [(d, key) for c, key in named for d in range(c, min(sheet.bottom_right((r, c))[1] + 1, first_value))]
    if not named or len(named) > len(LEVELS):
        return None
    if not found & {"weight", "target", "actual"} and not _points_named(sheet, r, named[-1][0]):
        return None  # a 评分标准 beside the 得分 and no 分值: a table only where its names carry their points
    outer = LEVELS[: len(named) - 1]
    for (c, _), role in zip(named, (*outer, LEVELS[-1]), strict=True):
        roles[c] = Column(role, c, str(sheet.cells[sheet.anchor((r, c))]).strip())
    return r, r, roles


def _points_named(sheet: Sheet, r: int, c: int) -> bool:
    """Names under row r's header in column c carry their points ("组织保障(10分)"), two of the first few."""
    cells = (sheet.cells.get((r + i, c)) for i in range(1, _LOOK + 1))
    return sum(embedded_weight(value) is not None for value in cells if isinstance(value, str)) >= 2


_LOOK = 4  # rows under a header looked at for names that carry their points


def _names_beside_levels(sheet: Sheet, words: Vocabulary, top: int, bottom: int, roles: dict[int, Column]) -> None:
    """A names column right of the 一级/二级 words where no 三级 word is printed ("一级指标 | 二级指标 | 评价指标 |
    分值"): the indicators' names, the innermost level."""
    levels = [c for c, col in roles.items() if col.role in LEVELS]
    if not levels or any(col.role == LEVELS[-1] for col in roles.values()):
        return
    for r in range(top, bottom + 1):
        for c, key in header_row(sheet, r):
            if key in words.names and c > max(levels) and c not in roles:
                roles[c] = Column(LEVELS[-1], c, str(sheet.cells[sheet.anchor((r, c))]).strip())
                return


_DEEPER = 2  # rows below a level row that a header merged down over it may still hold header words


def _header_goes_on(sheet: Sheet, words: Vocabulary, r: int) -> bool:
    """Row r goes on with the header above it: words only, two or more of them a column's header word on their own
    or with the words above them ("指标" under "一级", "分析及改进措施" under "偏差原因")."""
    cells = sheet.rows.get(r, ())
    if not cells or any(type(value) is not str or parse_number(value).ok for _, value in cells):
        return False  # (a figure, typed or stored as text, is a body row's)
    keys = sheet.keys

    def heads(c: int, key: str) -> bool:
        above = keys.get(sheet.anchor((r - 1, c)), "") if r else ""
        return any(words.indicator.get(header_of(k)) is not None for k in (key, above + key))

    keyed = sheet.row_keys(r)
    count = sum(heads(c, key) for c, key in keyed)
    return count >= _HEADS or count == len(keyed) > 0  # ("指标值" alone under "年度": nothing else in the row)


_HEADS = 2  # header words that make a row of words a header's second row (one might be an indicator's name)


def table_bands(sheet: Sheet, words: Vocabulary) -> list[tuple[int, tuple[int, int, dict[int, Column]]]]:
    """(top, (top, bottom, column -> role)) of every table header band in the sheet."""
    strong = {r for r, _ in header_at(sheet, words.level_keys)}
    named = {r for r, _ in header_at(sheet, words.names)} if words.names else set()
    out: list[tuple[int, tuple[int, int, dict[int, Column]]]] = []
    last = -1
    for r in sorted(strong | named):
        if r <= last:
            continue
        if r not in strong:
            if r + 1 not in strong and (band := _name_band(sheet, words, r)) is not None:
                out.append((r, band))
                last = band[1]
            continue
        top = bottom = r
        for c, key in header_row(sheet, r):
            if words.indicator.get(key) is not None:
                bottom = max(bottom, sheet.bottom_right((r, c))[0])
        for c, key in sheet.row_keys(r - 1) if r else ():
            below = sheet.bottom_right((r - 1, c))[0]
            if below >= r:
                top = r - 1  # a header cell merged down from the row above (分值, 得分 over both rows)
                if words.indicator.get(header_of(key)) is not None and below <= r + _DEEPER:
                    bottom = max(bottom, below)  # …or over three: the level words in the row below this one
        # "一级 | 年度 | 实际 | 评分" over "指标 | 指标值 | 完成值 | 分值 | 得分": words cut over two rows
        while bottom - top < _DEEPER and _header_goes_on(sheet, words, bottom + 1):
            bottom += 1
        roles = band_roles(sheet, top, bottom, words.indicator, words.indicator_weak)
        _names_beside_levels(sheet, words, top, bottom, roles)
        found = {col.role for col in roles.values()}
        if found & set(LEVELS) and (found & {"weight", "score"} or {"target", "actual"} <= found):
            out.append((top, (top, bottom, roles)))
            last = bottom
    return out
