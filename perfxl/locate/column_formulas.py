"""Formulas a header prints for its column ("小计 ③=①+②", "本年度结余金额⑥=③-④", "资金结余率(%)⑦=⑥/③",
"调整后预算数(C=A+B)"), and each line's cells they apply to.

A form that numbers its columns says how each derived one is made; every line of the block must then agree with its
own header. Columns are marked by circled numbers (①–⑳) or capital letters; a formula names the marks of other
columns of the same header and + − × ÷ and brackets only. A mark printed on two columns names neither.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import NamedTuple

from perfxl.locate.located import Hit, new_hit
from perfxl.read.grid import Sheet, a1
from perfxl.read.values import amount_text, fmt, parse_number

Expr = tuple[str, ...]  # postfix: marks, and "+", "-", "*", "/"


class ColumnFormula(NamedTuple):
    """One line's cell of a column its header defines by a formula, and the cells the formula names."""

    item: str  # the line's label and the column's word: "合 计 本年度结余金额"
    row: int  # the line's row (0-based)
    mark: str | None  # the column's own mark (⑥), which later formulas of the line may name
    shown: str  # the formula as printed: "⑥=③-④"
    target: Hit
    operands: tuple[tuple[str, Hit], ...]  # mark -> its cell on the same line
    expr: Expr
    rate: bool  # a rate: its header says % or 率, or the formula divides last
    printed: bool = True  # False: the formula the column's words imply (变动率 = (本年 − 上年) ÷ 上年), not printed
    typed: bool = False  # an amount held at the decimals typed (a unit's own working), not to the money tolerance
    soft: bool = False  # read from words, not printed: a warning at most (``perfxl.locate.implied_rates``)


def printed_formulas(
    sheet: Sheet, header: int, lines: list[tuple[int, str]], skip: frozenset[int]
) -> list[ColumnFormula]:
    """The formula cells of each line (row, label) of a block whose header row is ``header`` (and the row above it,
    a parent header); ``skip``: columns whose figures another check judges already (a funds block's 执行率)."""
    marks: dict[str, int] = {}
    seen: set[str] = set()
    unmarked: list[int] = []  # header cells with a word and no mark
    formulas: list[tuple[int, str | None, str, str, Expr, bool]] = []  # (column, mark, word, shown, postfix, rate)
    for col in sorted({c for r in (header - 1, header) for c, _ in sheet.rows.get(r, ())}):
        raw = sheet.value((header, col))
        if not isinstance(raw, str) or sheet.anchor((header, col))[1] != col:
            continue  # (a header merged over several columns is its first column's: 执行率(B/A) over E:G is E's)
        read = _read_header(raw)
        if read is None:
            unmarked.append(col)
            continue
        own, expr, word, shown = read
        if own is not None:
            if own in seen:
                marks.pop(own, None)
            else:
                marks[own] = col
            seen.add(own)
        if expr is not None and col not in skip:
            postfix = to_postfix(expr)
            if postfix is not None:
                rate = "%" in raw or word.endswith(("率", "比例", "比重")) or postfix[-1] == "/"
                formulas.append((col, own, word, shown, postfix, rate))
    _fill_gaps(marks, seen, unmarked)
    out: list[ColumnFormula] = []
    for col, own, word, shown, postfix, rate in formulas:
        names = [token for token in postfix if token not in _OPERATORS]
        if not names or any(name not in marks or marks[name] == col for name in names):
            continue  # a mark no column carries, or carried twice: the formula names no cells for certain
        for row, label in lines:
            target = new_hit((sheet.name, a1((row, col)), sheet.value((row, col)), word))
            operands = tuple(
                (name, new_hit((sheet.name, a1((row, marks[name])), sheet.value((row, marks[name])), name)))
                for name in dict.fromkeys(names)
            )
            item = f"{label} {word}".strip()
            out.append(ColumnFormula(item, row, own, shown, target, operands, postfix, rate))
    return out


def _fill_gaps(marks: dict[str, int], seen: set[str], unmarked: list[int]) -> None:
    """A circled mark the header skips (福建's 年度拨付金额 prints no ④ between ③ and ⑤, which ⑤=④/③ and ⑥=③-④ name):
    the one unmarked header between its neighbours' columns carries it; with none or several, it stays unknown."""
    for i, mark in enumerate(_CIRCLED[1:-1], start=1):
        before, after = _CIRCLED[i - 1], _CIRCLED[i + 1]
        if mark in seen or before not in marks or after not in marks:
            continue
        between = [col for col in unmarked if marks[before] < col < marks[after]]
        if len(between) == 1:
            marks[mark] = between[0]


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_OPERATORS = frozenset("+-*/")
# After the header's word: its own mark and "=" formula (circled marks), or a bracket holding a letter mark, a
# letter formula, or both ("(A)", "(B/A)", "(C=A+B)"); "×100%" after a quotient only says it is a percentage.
_MARKED = re.compile(rf"(?P<own>[{_CIRCLED}])?\s*(?:=\s*(?P<expr>[{_CIRCLED}+\-*/×÷()\s]+?))?\s*$")
_LETTERED = re.compile(
    r"\((?:(?P<own>[A-Z])(?:=(?P<expr1>[A-Z+\-*/×÷()]+?))?|(?P<expr2>[A-Z(][A-Z+\-*/×÷()]*[+\-*/×÷][A-Z+\-*/×÷()]*))"
    r"(?:[×*]100%)?\)$"
)


def _read_header(raw: str) -> tuple[str | None, str | None, str, str] | None:
    """(own mark, formula, the header's word, the formula as printed) of a header cell, or None when it prints
    neither a mark nor a formula."""
    text = re.sub(r"\s+", "", raw).replace("（", "(").replace("）", ")").replace("－", "-").replace("＝", "=")
    circled = _MARKED.search(text)
    if circled is not None and (circled.group("own") or circled.group("expr")):
        word = text[: circled.start()]
        shown = text[circled.start() :]
        return circled.group("own"), circled.group("expr"), _word(word), shown
    norm = unicodedata.normalize("NFKC", text)
    lettered = _LETTERED.search(norm)
    if lettered is None:
        return None
    expr = lettered.group("expr1") or lettered.group("expr2")
    return lettered.group("own"), expr, _word(norm[: lettered.start()]), lettered.group(0)


def _word(text: str) -> str:
    """The header's word less a trailing unit in brackets ("支出实现率(%)" -> 支出实现率)."""
    return re.sub(r"\((?:%|万元|元)\)$", "", text)


def to_postfix(expr: str) -> Expr | None:
    """The formula in postfix (shunting-yard), or None when it is no well-formed formula of marks."""
    tokens = [{"×": "*", "÷": "/"}.get(ch, ch) for ch in expr if not ch.isspace()]
    out: list[str] = []
    stack: list[str] = []
    expect_operand = True
    for token in tokens:
        if token in _OPERATORS:
            if expect_operand:
                return None
            while stack and stack[-1] != "(" and _PRECEDENCE[stack[-1]] >= _PRECEDENCE[token]:
                out.append(stack.pop())
            stack.append(token)
            expect_operand = True
        elif token == "(":
            if not expect_operand:
                return None
            stack.append(token)
        elif token == ")":
            while stack and stack[-1] != "(":
                out.append(stack.pop())
            if not stack or expect_operand:
                return None
            stack.pop()
        else:
            if not expect_operand:
                return None
            out.append(token)
            expect_operand = False
    if expect_operand or "(" in stack:
        return None
    out.extend(reversed(stack))
    return tuple(out)


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def evaluate(expr: tuple[str, ...], values: dict[str, float | None]) -> float | None:
    """The postfix formula's value; None where a cell is blank or a quotient is over 0."""
    stack: list[float] = []
    for token in expr:
        if token not in _APPLY:
            value = values[token]
            if value is None:
                return None
            stack.append(value)
            continue
        right, left = stack.pop(), stack.pop()
        if token == "/" and right == 0:
            return None
        stack.append(_APPLY[token](left, right))
    return stack[0] if len(stack) == 1 and math.isfinite(stack[0]) else None


_APPLY = {
    "+": float.__add__,
    "-": float.__sub__,
    "*": float.__mul__,
    "/": float.__truediv__,
}


def figure_of(raw: object) -> float | None:
    """What a formula's cell holds as a number (an amount in 元 with separators too); None where it is none."""
    parsed = parse_number(amount_text(raw)[0])
    return parsed.value if parsed.ok else None


_SIGNS = {"+": " + ", "-": " − ", "*": " × ", "×": " × ", "/": " ÷ ", "÷": " ÷ "}


def worked_out(formula: ColumnFormula, values: dict[str, float | None]) -> str:
    """The formula with each mark's figure in its place: "2306400 − 2241336"."""
    if not formula.printed:  # its operands are words (本年, 上年), not one-character marks
        text = formula.shown.split("=", 1)[-1]
        for name, value in sorted(values.items(), key=lambda item: -len(item[0])):
            text = text.replace(name, fmt(value) if value is not None else name)
        return "".join(_SIGNS.get(ch, ch) for ch in text)
    shown = formula.shown.strip("()").split("=", 1)[-1].removesuffix("×100%").removesuffix("*100%")
    return "".join(_SIGNS.get(ch) or (fmt(values[ch]) if values.get(ch) is not None else ch) for ch in shown)
