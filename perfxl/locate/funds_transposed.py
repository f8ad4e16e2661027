"""A funds block printed on its side: the amounts' names down a column (年初预算数 / 全年预算数 / 全年执行数 / 执行率
/ 分值 / 得分) and the funds rows across (资金总额 | 其中：财政拨款 | 上年结转 | 其他资金).

Read by turning that part of the sheet a quarter (row ↔ column) and reading it as any funds block, then putting each
cell back at its own address: the tree, the checks and the findings are those of an upright block. Only a column
whose 执行数 has a 预算数 above it and none beside it is turned, so an upright block is never read twice.
"""

from __future__ import annotations

from collections.abc import Collection

from perfxl.locate.funds_block import read_funds
from perfxl.locate.funds_headers import funds_headers
from perfxl.locate.headers import Vocabulary, header_at, role_of
from perfxl.locate.located import Hit, new_hit
from perfxl.locate.tabular import FundsBlock, FundsLine
from perfxl.read.grid import Pos, Sheet, a1

_BUDGET = ("annual", "initial")
_REACH = 3  # rows above a 执行数 label where its 预算数 label may stand
_TURNABLE = 16_000  # a turned row becomes a column, and a sheet has 16,384 of those


def transposed_funds(sheet: Sheet, words: Vocabulary, upright: Collection[int]) -> list[tuple[int, FundsBlock]]:
    """(first row, block) of every funds block printed on its side; ``upright``: the header rows of the sheet's
    upright blocks (their 执行数 labels are not looked at again)."""
    out = []
    for row, col in header_at(sheet, words.executed_keys):
        if row in upright or row >= _TURNABLE or _role_in_row(sheet, row, col, words):
            continue
        above = [r for r in range(max(row - _REACH, 0), row) if _role(sheet, (r, col), words) in _BUDGET]
        if not above:
            continue
        top, bottom = above[0] - 1, _labels_end(sheet, row, col, words)
        if top < 0:
            continue
        block = _read_turned(sheet, words, top, bottom)
        if block is not None:
            out.append((top, block))
    return out


def _role(sheet: Sheet, pos: Pos, words: Vocabulary) -> str | None:
    return role_of(sheet, pos, words.funds)


def _role_in_row(sheet: Sheet, row: int, col: int, words: Vocabulary) -> bool:
    """Another amount's name in the 执行数 label's own row: an upright header, not a column of names."""
    return any(c != col and _role(sheet, (row, c), words) in _BUDGET for c, _ in sheet.row_keys(row))


def _labels_end(sheet: Sheet, row: int, col: int, words: Vocabulary) -> int:
    """The last row of the run of amount names going down the column from the 执行数 label."""
    end = row
    while _role(sheet, (end + 1, col), words) is not None:
        end += 1
    return end


def _read_turned(sheet: Sheet, words: Vocabulary, top: int, bottom: int) -> FundsBlock | None:
    turned = _turn(sheet, top, bottom)
    heads = funds_headers(turned, words)
    if len(heads) != 1:
        return None
    head, _, columns = heads[0]
    block = read_funds(turned, words, head, columns, turned.last_row)
    if not block.lines:
        return None
    width = max((c for r, c in sheet.cells if top <= r <= bottom), default=0) + 1
    back = {a1((c, r)): a1((r, c)) for r in range(top, bottom + 1) for c in range(width)}  # turned -> own address
    lines = [
        FundsLine(
            bottom, line.label, line.kind, line.parent, {role: _back(hit, back) for role, hit in line.cells.items()}
        )
        for line in block.lines
    ]
    return FundsBlock(sheet.name, "", top, block.columns, lines)


def _turn(sheet: Sheet, top: int, bottom: int) -> Sheet:
    """Rows top..bottom of the sheet, each cell at (column, row)."""
    cells = {(c, r): value for (r, c), value in sheet.cells.items() if top <= r <= bottom}
    merges = tuple(
        ((left, up), (right, down)) for (up, left), (down, right) in sheet.merges if top <= up and down <= bottom
    )
    return Sheet(sheet.name, dict(sorted(cells.items())), merges, hidden=sheet.hidden)


def _back(hit: Hit, back: dict[str, str]) -> Hit:
    """A cell read on the turned sheet, at its own address."""
    return new_hit((hit.sheet, back[hit.cell], hit.raw, hit.label))
