"""Rates a score table's 指标说明 defines over words the workbook prints as labels beside figures
("结转结余率=结转结余总额/全年预算数×100%" over a base-data sheet's "结转结余总额 | 万元 | 162.5" and "结转结余率 | % |
5.23%"): the rate's own figure held to that formula, where the rule set reads no such block (docs/domain.md §14).

Every word of the formula, and the rate's name, must label exactly one cell of the workbook's other sheets with a
figure right of it; otherwise the formula is not used (a word printed twice names neither).
"""

from __future__ import annotations

from collections.abc import Iterable

from perfxl.locate.column_formulas import ColumnFormula, evaluate, figure_of, worked_out
from perfxl.locate.located import Hit
from perfxl.read.grid import Pos, Sheet, a1, row_of
from perfxl.read.text import is_unit, label_key
from perfxl.read.values import fmt, parse_number
from perfxl.rules.definitions import parse_definition

_REACH = 4  # cells right of a label searched for its figure (a unit cell, a blank spacer between)


def defined_lines(sheets: list[Sheet], notes: Iterable[Hit], judged: frozenset[str]) -> list[ColumnFormula]:
    """Each rate a 指标说明 defines whose figure and inputs the workbook labels, once per rate; ``judged``: cells
    another check judges already."""
    out: list[ColumnFormula] = []
    seen: set[str] = set()
    notes = list(notes)
    tables = {note.sheet for note in notes}  # the score table names its rows by the same words: not the figures
    sheets = [sheet for sheet in sheets if sheet.name not in tables]
    for note in notes:
        parsed = parse_definition(str(note.raw)) if isinstance(note.raw, str) else None
        if parsed is None:
            continue
        name, num, den = parsed
        if label_key(name) in seen or num[0][1] < 0 or den[0][1] < 0:
            continue
        seen.add(label_key(name))
        target = _figure(sheets, name)
        if target is None or target.cell in judged:
            continue
        operands = [(words, _figure(sheets, words)) for words, _ in (*num, *den)]
        if any(hit is None for _, hit in operands):
            continue
        expr = (*_postfix(num), *_postfix(den), "/")
        shown = f"指标说明 {name}={_side(num)}/{_side(den)}"
        row = row_of(target.cell)
        known = tuple((words, hit) for words, hit in operands if hit is not None)
        out.append(ColumnFormula(name, row, None, shown, target, known, expr, rate=True, printed=False))
    return out


def defined_rates(formulas: list[ColumnFormula]) -> dict[str, tuple[float, str]]:
    """Each defined rate in percent and its working, by its name's key: a score-table row of that name no rule set's
    rate computes is scored on it by its printed standard (as a 附件4 change line's, ``Located.line_rates``)."""
    out: dict[str, tuple[float, str]] = {}
    for formula in formulas:
        values = {words: figure_of(hit.raw) for words, hit in formula.operands}
        value = evaluate(formula.expr, values)
        if value is None:
            continue
        # "指标说明 结转结余率=…: 226.5 ÷ 4670 = 4.85%"
        working = f"{formula.shown}: {worked_out(formula, values)} = {fmt(value * 100, 2)}%"
        out.setdefault(label_key(formula.item), (value * 100, working))
    return out


def _figure(sheets: list[Sheet], words: str) -> Hit | None:
    """The figure right of the one cell of the workbook labelled ``words``; None where no cell or several are."""
    key = label_key(words)
    found = [(sheet, pos) for sheet in sheets for pos in sheet.find_keys((key,))]
    if len(found) != 1:
        return None
    sheet, pos = found[0]
    return _right_of(sheet, pos, words)


def _right_of(sheet: Sheet, pos: Pos, label: str) -> Hit | None:
    """The first figure right of a label on its row, past unit cells and blanks; None where text comes first."""
    for at in sheet.right_of(pos, _REACH):
        raw = sheet.cells.get(at)
        if raw is None or is_unit(raw):
            continue
        parsed = parse_number(raw)
        if not parsed.ok or parsed.value is None:
            return None
        return Hit(sheet.name, a1(at), raw, label)
    return None


def _postfix(terms: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    """A side's terms in postfix (its first term is added: ``defined_lines`` passes over one that is not)."""
    out = [terms[0][0]]
    for words, sign in terms[1:]:
        out += [words, "+" if sign > 0 else "-"]
    return tuple(out)


def _side(terms: tuple[tuple[str, int], ...]) -> str:
    text = "".join(f"{'-' if sign < 0 else '+'}{words}" for words, sign in terms).lstrip("+")
    return f"({text})" if len(terms) > 1 else text
