"""Sums a unit writes out in a row's own words ("（44.00-46.50）÷46.50=-5.38%", "完成率=13/12=108.33%"): the
result it typed held to the figures it typed before it, as a column formula's cell is (``perfxl.check.formulas``).

Only a result in percent is judged (a rate: the sum divides last, with or without "×100%"), or one in 元 / 万元 (an
amount): a figure after "=" in other words may be a count, a date or a range ("2023.1-2023.12=12个月"), and is left.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from perfxl.locate.column_formulas import ColumnFormula, to_postfix
from perfxl.locate.located import Hit, Located
from perfxl.read.grid import row_of

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNITS = "万元|元|%|人|个|项|次|公里|户"
_FIGURE_UNIT = rf"(?:{_NUMBER})\s*(?:{_UNITS})?"
# the sum: figures (each perhaps with its unit), + − × ÷ and brackets, up to "=" and the result with its unit
_SUM = re.compile(
    rf"(?P<sum>\(*\s*{_FIGURE_UNIT}(?:\s*[)]*\s*[-+×xX*÷/]\s*\(*\s*{_FIGURE_UNIT})+\s*\)*)"
    rf"\s*(?:[×xX*]\s*100\s*%)?\s*=\s*(?P<result>-?(?:{_NUMBER}))\s*(?P<unit>%|万元|元)"
)
_UNIT = re.compile(rf"(?<=\d)\s*({_UNITS})")
_FIGURE = re.compile(_NUMBER)
_MARKS = "abcdefghijklmnopqrstuvwxyz"


def worked_sums(found: Located, taken: frozenset[str]) -> list[ColumnFormula]:
    """Each sum written out in the words of a score-table or 自评表 row; ``taken``: cells another formula judges."""
    out: list[ColumnFormula] = []
    seen = set(taken)  # a cell read as two of a row's parts (its 指标说明 and the unit's working) is read once
    for name, hit in _texts(found):
        if hit.cell not in seen and isinstance(hit.raw, str) and "=" in unicodedata.normalize("NFKC", hit.raw):
            seen.add(hit.cell)
            out += _sums_in(name, hit)
    return out


def _texts(found: Located) -> Iterator[tuple[str, Hit]]:
    """(row name, cell) of each cell of a row's own words: its 指标说明, 实际值, 评价依据 or 偏差原因."""
    for name, ind in found.indicators.items():
        yield from ((name, hit) for hit in (ind.note, *(ind.stated or ())) if hit is not None)
    for other in found.others:
        yield from ((other.name, hit) for hit in (other.note, *(other.stated or ())) if hit is not None)
    for inst in found.instances:
        for line in inst.indicators:
            yield from ((line.name, hit) for role in ("note", "actual", "reason") if (hit := line.cells.get(role)))


def _sums_in(name: str, hit: Hit) -> list[ColumnFormula]:
    text = unicodedata.normalize("NFKC", str(hit.raw)).replace("−", "-")
    out = []
    for match in _SUM.finditer(text):
        written = match["sum"].strip()
        if written.count("(") != written.count(")"):
            continue  # a bracket opened before the sum's figures, or closed after them: not the whole sum
        if len(set(_UNIT.findall(written))) > 1:
            continue  # figures in two units ("120万元÷8人"): not one sum of like figures
        bare = _UNIT.sub("", written)  # "112.30万元÷120.00万元": like figures, their unit no part of the sum
        figures = _FIGURE.findall(bare)
        if len(figures) > len(_MARKS):
            continue
        marked, names = bare, {}
        for i, figure in enumerate(dict.fromkeys(figures)):
            names[_MARKS[i]] = figure
        for mark, figure in sorted(names.items(), key=lambda item: -len(item[1])):
            marked = marked.replace(figure, f"\0{mark}\0")
        postfix = to_postfix(marked.replace("\0", "").replace("x", "×").replace("X", "×"))
        rate = match["unit"] == "%"
        if postfix is None or (rate and postfix[-1] != "/"):
            continue  # "95+3=98%" adds up no rate: not judged
        operands = tuple((figure, Hit(hit.sheet, hit.cell, figure, figure)) for figure in names.values())
        expr = tuple(names.get(token, token) for token in postfix)
        target = Hit(hit.sheet, hit.cell, f"{match['result']}{'%' if rate else ''}", name)
        shown = written  # the working shows it again with each figure as read
        item = f"{name[:30]}·所列算式"
        out.append(ColumnFormula(item, row_of(hit.cell), None, shown, target, operands, expr, rate, printed=False))
    return out
