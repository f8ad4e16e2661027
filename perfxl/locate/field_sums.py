"""An amount written beside its label with its sources listed under it, outside any table ("合计: | 126.4万元" over
"中央财政 | 92.6万元", "省级财政 | 31.8万元"; "计划投资额(万元) | 600" over "其中: | 中央财政 | 0", "省财政 | 520" …):
the parts the amount must add up to.

Only a list that says it breaks the amount down is read: its first line opens with 其中, or every line names a
source of funds (中央财政, 省级财政, 市县财政, 其他, 自筹资金 …). A part broken down again (a second 其中, "（1）")
makes the tree unread, as in a 附件4 合计 (``perfxl.locate.block_sums``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from perfxl.locate.located import GroupWeight, Hit
from perfxl.read.grid import Pos, Sheet, a1
from perfxl.read.text import label_key
from perfxl.read.values import amount_text, parse_number

_MAX_PARTS = 8
_SOURCE = re.compile(
    r"^(?:(?:中央|省|省级|市|市级|县|县级|市县|区|区级|乡镇|地方|本级|上级|部门)(?:财政)?|财政)"
    r"(?:资金|拨款|补助|补助资金|专项资金|预算|预算资金)?$"
    r"|^(?:其他|其它|自筹|单位自筹|社会|银行贷款|自有|单位自有|单位)(?:资金)?$|^上年结转(?:资金|结余)?$"
    r"|^(?:一般公共预算|政府性基金|政府性基金预算|国有资本经营预算|财政专户管理|纳入专户管理的非税收入)(?:资金|拨款)?$"
)
_AMOUNT_WORDS = ("合计", "总额", "金额", "投资", "资金", "预算", "到位", "使用", "支出", "万元")
_OPENS = "其中"
_EMPTY = frozenset({"/", "-", "—", "－", "无"})


def labelled_breakdowns(sheet: Sheet, used: frozenset[str]) -> Iterator[GroupWeight]:
    """Each labelled amount of the sheet with its sources under it; ``used``: cells a funds block or a table reads
    already (their sums are checked there)."""
    for (row, col), text in sheet.cells.items():
        if not isinstance(text, str) or not any(word in text for word in _AMOUNT_WORDS) or row + 1 not in sheet.rows:
            continue
        if _a_part(sheet, row, col) or (_SOURCE.match(label_key(text)) and _listed(sheet, row, col)):
            continue  # "其中 | 中央资金 | 200" over "其中 | 省级资金 | 60": a part of the amount above, not a total
        at = _value_right(sheet, (row, col))
        if at is None or a1(at) in used:
            continue
        total = _amount(sheet.cells[at])
        if total is None:
            continue
        parts = _parts(sheet, (row, col), at, used)
        if parts is not None:
            name = _named(sheet, (row, col), label_key(text))
            cell = Hit(sheet.name, a1(at), sheet.cells[at], name)
            yield GroupWeight(name, total, cell, parts, "金额", "各项来源")


def _a_part(sheet: Sheet, row: int, col: int) -> bool:
    """A label that opens with 其中, or with 其中 written left of it on its row (as typed: label keys drop it)."""
    cells = sheet.cells
    return any(str(cells[(row, c)]).lstrip().startswith(_OPENS) for c, _ in sheet.rows[row] if c <= col)


def _listed(sheet: Sheet, row: int, col: int) -> bool:
    """A source right under an amount's line ("全年预算数 | 300 | 全年执行数 | 285" over "中央资金 | 200 | 中央资金 |
    190"): the line above names an amount and prints one at (or one column past) this label's value, and no 其中
    opens the next row — the first of that amount's parts, not a total of the sources under it."""
    at = _value_right(sheet, (row, col))
    above = sheet.rows.get(row - 1, ())
    if at is None or not any(isinstance(v, str) and any(w in v for w in _AMOUNT_WORDS) for _, v in above):
        return False
    if any(str(v).lstrip().startswith(_OPENS) for _, v in sheet.rows.get(row + 1, ())):
        return False
    return any(at[1] <= c <= at[1] + 1 and _amount(value) is not None for c, value in above)


def _value_right(sheet: Sheet, label: Pos) -> Pos | None:
    """The first filled cell right of a label on its row (past up to two blanks)."""
    for pos in sheet.right_of(label, 3):
        if pos in sheet.cells:
            return pos if pos[0] == label[0] else None
    return None


def _parts(sheet: Sheet, label: Pos, at: Pos, used: frozenset[str]) -> tuple[tuple[Hit, float], ...] | None:
    """The lines under the amount that break it down, each labelled between its label's column and its value's, the
    figure in the value's column; None when they do not say for certain that they are its parts."""
    parts: list[tuple[Hit, float]] = []
    opened = False
    names: list[str] = []
    names_col: int | None = None  # the column the parts' names are in
    for row in range(sheet.bottom_right(at)[0] + 1, at[0] + 1 + _MAX_PARTS):
        texts = [c for c, _ in sheet.row_keys(row) if label[1] <= c < at[1]]
        if not texts:
            break
        opens = str(sheet.cells[(row, texts[0])]).lstrip().startswith(_OPENS)
        if opens and names:
            return None  # a part broken down again
        opened = opened or opens
        name = _name(sheet.keys[(row, texts[-1])])
        pos = sheet.anchor((row, at[1]))
        raw = sheet.cells.get(pos) if pos[0] == row and pos[1] > texts[-1] else None
        value = None if raw is None else _amount(raw)
        if not name:
            break
        if not _SOURCE.match(name):
            first_col = names_col if names_col is not None else texts[-1]
            if value is None or name in _TOTALS or texts[-1] < first_col:
                break  # the next item of the form (a heading, text, a total of its own, a label left of the parts')
            return None  # a line no source names, with a figure, among the parts: not certainly a part
        names_col = texts[-1] if names_col is None else names_col
        if a1(pos) in used or name.startswith(("(", "（")):
            return None
        names.append(name)
        if value is not None:
            parts.append((Hit(sheet.name, a1(pos), raw, name), value))
        elif raw is not None and not (isinstance(raw, str) and raw.strip() in _EMPTY):
            return None  # words where the figure should be
    return tuple(parts) if len(parts) >= 2 else None


def _named(sheet: Sheet, label: Pos, key: str) -> str:
    """The amount's name: its label, after the words left of it where it is a bare 合计 ("资金使用情况合计")."""
    if key not in _TOTALS:
        return key or "金额"
    left = [k for c, k in sheet.row_keys(label[0]) if c < label[1]]
    return f"{left[-1]}{key}" if left else key


_TOTALS = frozenset({"合计", "小计", "总计"})


def _name(key: str) -> str:
    """A part's name less the 其中 that opens the list ("其中:中央财政" -> 中央财政)."""
    return key.removeprefix(_OPENS).lstrip(":：")


def _amount(raw: object) -> float | None:
    text, _ = amount_text(unicodedata.normalize("NFKC", raw) if isinstance(raw, str) else raw)
    parsed = parse_number(text)
    return parsed.value if parsed.ok and parsed.value is not None else None
