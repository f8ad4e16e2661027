"""Rates a score table's 指标说明 defines over words the workbook prints as labels beside figures
("结转结余率=结转结余总额/全年预算数×100%" over a base-data sheet's "结转结余总额 | 万元 | 162.5" and "结转结余率 | % |
5.23%"): the rate's own figure held to that formula, where the rule set reads no such block (docs/domain.md §14).

Every word of the formula, and the rate's name, must label exactly one cell of the workbook's other sheets with a
figure right of it; otherwise the formula is not used (a word printed twice names neither). The same holds within
the row's own words, where the unit writes its working in one cell ("年初预算2300.00万元,本年追加预算200.00万元,预算
控制率8.00%" under "预算控制率=(本年追加预算/年初预算)×100%"): ``worked_in_text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from perfxl.locate.column_formulas import ColumnFormula, evaluate, figure_of, worked_out
from perfxl.locate.implied_rates import implied_in_text
from perfxl.locate.located import Hit, Located
from perfxl.locate.stated_text import stated_figure, typed_capped
from perfxl.read.grid import Pos, Sheet, a1, row_of
from perfxl.read.text import clean, is_unit, label_key
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


def worked_rows(found: Located) -> list[ColumnFormula]:
    """``working_in_text`` of every row's own words (实际值, 评价依据, 偏差原因 …) under its 指标说明 and 评分标准."""
    rows: list[tuple[str, Hit | None, Hit | None, tuple[Hit | None, ...]]] = []
    for name, hit in found.indicators.items():
        said = (hit.stated.actual, hit.stated.remark) if hit.stated is not None else ()
        rows.append((name, hit.note, hit.standard, said))
    for other in found.others:
        said = (other.stated.actual, other.stated.remark) if other.stated is not None else ()
        rows.append((other.name, other.note, other.standard, said))
    for inst in found.instances:
        for line in inst.indicators:
            said = (line.cells.get("actual"), line.cells.get("reason"))
            rows.append((line.name, line.cells.get("note"), line.cells.get("standard"), said))
    out = []
    for name, note, standard, texts in rows:
        worked = next((f for text in texts if (f := working_in_text(note, text, name, standard))), None)
        out += [worked] if worked is not None else []
    return out


def working_in_text(
    note: Hit | None, text: Hit | None, name: str = "", standard: Hit | None = None
) -> ColumnFormula | None:
    """The rate the row's words state, as a formula over the figures they give: by the formula its 指标说明 ``note``
    prints (``worked_in_text``), else, for a share, over the two figures beside it (``implied_in_text``; its excess
    over 100 % costs points where the note or the 评分标准 ``standard`` says so)."""
    worked = worked_in_text(note, text) if note is not None else None
    if worked is not None or not name:
        return worked
    implied = implied_in_text(text, name)
    if implied is None:
        return None
    value = evaluate(implied.expr, {words: figure_of(hit.raw) for words, hit in implied.operands})
    rules = "".join(str(hit.raw) for hit in (note, standard) if hit is not None)
    return None if typed_capped(implied.item, rules, implied.target.raw, value) else implied


def worked_value(note: Hit | None, text: Hit | None) -> tuple[str, float] | None:
    """The rate ``worked_in_text`` works out from the row's own figures, in percent, with its working."""
    formula = worked_in_text(note, text) if note is not None else None
    if formula is None:
        return None
    values = {words: figure_of(hit.raw) for words, hit in formula.operands}
    value = evaluate(formula.expr, values)
    if value is None:
        return None
    return f"{formula.shown}: {worked_out(formula, values)}", value * 100


def worked_in_text(note: Hit, text: Hit | None) -> ColumnFormula | None:
    """The rate a row's own words state, held to the formula its 指标说明 ``note`` prints, where each of the formula's
    words is followed by its figure, once, in the same cell ``text`` (the figures all in one unit); None otherwise."""
    if text is None or not isinstance(text.raw, str) or not isinstance(note.raw, str):
        return None
    parsed = parse_definition(note.raw)
    said = stated_figure(text.raw, parsed[0]) if parsed is not None else None
    if parsed is None or said is None or parsed[1][0][1] < 0 or parsed[2][0][1] < 0:
        return None
    name, num, den = parsed
    words = clean(text.raw)
    figures: dict[str, tuple[str, str]] = {}
    for term, _ in (*num, *den):
        found = [(m[1], m[2] or "") for m in re.finditer(rf"(?<![\u4e00-\u9fff]){re.escape(term)}{_FIGURE}", words)]
        if len(found) != 1:
            return None
        figures[term] = found[0]
    if len({unit for _, unit in figures.values()}) > 1:
        return None
    operands = tuple((term, Hit(text.sheet, text.cell, figure, term)) for term, (figure, _) in figures.items())
    shown = f"指标说明 {name}={_side(num)}/{_side(den)}"
    target = Hit(text.sheet, text.cell, said[1], name)
    expr = (*_postfix(num), *_postfix(den), "/")
    value = evaluate(expr, {term: figure_of(hit.raw) for term, hit in operands})
    if typed_capped(name, note.raw, said[1], value):
        return None
    return ColumnFormula(name, row_of(text.cell), None, shown, target, operands, expr, rate=True, printed=False)


_FIGURE = r"(?:为|是|:)?(-?\d+(?:,\d{3})*(?:\.\d+)?)(万元|亿元|元|人|个|%)?"


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
