"""A funds block whose total is printed last (福建's 部门整体支出绩效自评表: 财政资金小计 and its ①②③ parts,
其他资金小计 and its parts, then 合计): the total becomes the tree's root, each 小计 the parent of the lines under it.

A 小计's parts are the lines after it numbered alike (①, ② …); a line numbered otherwise ("2.单位其它收入") or
another 小计 is the total's part again.
"""

from __future__ import annotations

import re
import unicodedata

from perfxl.locate.tabular import FundsLine

_SUBTOTAL = "小计"
# how a line is numbered: circled (①), "1." / "1、", "(1)", "一、", or not at all
_STYLES = (
    ("circled", re.compile(r"^[\u2460-\u2473]")),
    ("bracketed", re.compile(r"^[(（]\s*\d+\s*[)）]")),
    ("arabic", re.compile(r"^\d+\s*[.、．]")),
    ("chinese", re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")),
)


def total_below(lines: list[FundsLine]) -> list[FundsLine]:
    """The lines as a tree rooted at a total printed last; the lines unchanged when the total is not last."""
    if len(lines) < 3 or lines[-1].kind != "total" or any(line.kind == "total" for line in lines[:-1]):
        return lines
    last = lines[-1]
    out = [FundsLine(last.row, last.label, "total", None, last.cells)]
    head: int | None = None
    style: str | None = None
    for line in lines[:-1]:
        own = _style(line.label)
        if line.label.replace(" ", "").endswith(_SUBTOTAL):
            head, style = len(out), None
            out.append(_under(line, 0))
        elif head is not None and (style is None or own == style) and own is not None:
            style = own
            out.append(_under(line, head))
        else:
            head = None
            out.append(_under(line, 0))
    return out


def _under(line: FundsLine, parent: int) -> FundsLine:
    return FundsLine(line.row, line.label, line.kind, parent, line.cells)


def _style(label: str) -> str | None:
    text = label.strip()
    for name, pattern in _STYLES:  # NFKC would make ① a plain 1: circled numbers are matched as printed
        if pattern.match(text if name == "circled" else unicodedata.normalize("NFKC", text)):
            return name
    return None
