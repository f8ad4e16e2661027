"""Sums a unit writes out in a row's own words ("（44.00-46.50）÷46.50=-5.38%", "完成率=13/12=108.33%"): the
result it typed held to the figures it typed before it, as a column formula's cell is (``perfxl.check.formulas``).

Only a result in percent is judged (a rate: the sum divides last, with or without "×100%"), or one in 元 / 万元 (an
amount): a figure after "=" in other words may be a count, a date or a range ("2023.1-2023.12=12个月"), and is left.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator

from perfxl.locate.column_formulas import ColumnFormula, evaluate, figure_of, to_postfix
from perfxl.locate.located import Hit, Located
from perfxl.locate.stated_text import typed_capped
from perfxl.read.grid import row_of

# a figure; thousands grouped by "," only where the comma follows no other figure's decimals ("882.80,882" is two)
_NUMBER = r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?"
_UNITS = "万元|元|%|人|个|项|次|公里|户"
# a figure with its unit, perhaps after the words it is of ("材料费12345.60元+运费2000元=14345.60元")
_FIGURE_UNIT = rf"[\u4e00-\u9fff]{{0,6}}(?:{_NUMBER})(?:{_UNITS})?"
# the sum, in words with their spaces taken out: figures (each perhaps with its unit), + − × ÷ and brackets, up to
# "=" and the result with its unit
_SUM = re.compile(
    rf"(?P<sum>-?\(*-?{_FIGURE_UNIT}(?:\)*[-+×xX*÷/]\(*{_FIGURE_UNIT})+\)*)"
    rf"=(?P<result>-?(?:{_NUMBER}))(?P<unit>%|万元|元)"
)
_TIMES_100 = re.compile(r"[×xX*]100%(?==)")  # "…÷46.50×100%=-5.38%": the rate in percent, no figure of the sum
_UNIT = re.compile(rf"(?<=\d)({_UNITS})")
_LABEL = re.compile(r"[\u4e00-\u9fff]+(?=\d)")  # the words before a figure: no part of the sum
_FIGURE = re.compile(_NUMBER)
_MARKS = "abcdefghijklmnopqrstuvw"  # stand-ins for the figures while the sum is parsed (no "x": a sign of ×)
_LONGEST = 2000  # characters of a cell read: a unit's working is a few lines


def worked_sums(found: Located, taken: frozenset[str]) -> list[ColumnFormula]:
    """Each sum written out in the words of a score-table or 自评表 row; ``taken``: cells another formula judges."""
    out: list[ColumnFormula] = []
    seen = set(taken)  # a cell read as two of a row's parts (its 指标说明 and the unit's working) is read once
    for name, hit in _texts(found):
        text = _words(hit.raw) if hit.cell not in seen and isinstance(hit.raw, str) else ""
        if "=" in text:
            seen.add(hit.cell)
            out += _sums_in(name, hit, text)
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


def _words(raw: str) -> str:
    """A cell's first characters as the sums are read in them: a "，" stays a clause's end (NFKC would make it a comma
    that groups thousands), spaces between two figures part them, other spaces go, "×100%" before "=" goes."""
    text = unicodedata.normalize("NFKC", raw[:_LONGEST].replace("，", "；")).replace("−", "-")
    text = re.sub(r"\s+", "", re.sub(r"(?<=\d)\s+(?=\d)", "；", text))
    return _TIMES_100.sub("", text)


def _sums_in(name: str, hit: Hit, text: str) -> list[ColumnFormula]:
    out = []
    for match in _SUM.finditer(text):
        written = _LABEL.sub("", match["sum"])
        bare = _like_figures(written, match["unit"])
        parsed = _parsed(bare) if bare is not None else None
        if parsed is None:
            continue
        expr, operands = parsed
        rate = match["unit"] == "%"
        value = evaluate(expr, {figure: figure_of(figure) for figure, _ in operands})
        said = figure_of(match["result"])
        if (rate and expr[-1] != "/") or typed_capped(name, "", f"{match['result']}%", value if rate else None):
            continue  # "95+3=98%" adds up no rate; "13/12=100%" is the rate capped, as units type a share done
        if rate and value is not None and said and abs(value - said) <= 0.01 * abs(said):
            continue  # "(95+90)/2=92.5%": an average of percentages, not a share
        if not rate and _converted(value, said):
            continue  # "2000×300=60万元": 元 put in 万元, not a wrong sum
        cells = tuple((figure, Hit(hit.sheet, hit.cell, figure, figure)) for figure, _ in operands)
        target = Hit(hit.sheet, hit.cell, f"{match['result']}{'%' if rate else ''}", name)
        item = f"{name[:30]}·所列算式"
        # the working shows the sum again with each figure as read; an amount is held at the decimals typed
        out.append(ColumnFormula(item, row_of(hit.cell), None, written, target, cells, expr, rate, False, typed=True))
    return out


def _like_figures(written: str, unit: str) -> str | None:
    """The sum with its figures' units taken out, where it is one sum of like figures that comes to ``unit``: an
    amount of figures in that unit, or bare ("120+30.5=150.5万元"; "5000元+5000元=1万元" converts); a rate of bare or
    like figures, a share of shares only as one over the other ("95.5%÷90%"; "(95%+90%)/2" is an average). None
    otherwise."""
    if written.count("(") != written.count(")"):
        return None  # a bracket opened before the sum's figures, or closed after them: not the whole sum
    units = _UNIT.findall(written)
    figures = _FIGURE.findall(_UNIT.sub("", written))
    if len(set(units)) > 1 or len(figures) > len(_MARKS):
        return None  # figures in two units ("120万元÷8人"): not one sum of like figures
    every = len(units) == len(figures)  # each figure carries the one unit
    if unit != "%":
        like = (every and units[0] == unit) or not units
    else:
        like = not units or (every and (units[0] != "%" or len(figures) == 2))
    if not like:
        return None
    return _UNIT.sub("", written)


def _converted(value: float | None, said: float | None) -> bool:
    """The result is the sum in another unit of money (10,000 or 100,000,000 times it, or that part of it)."""
    if not value or not said:
        return False
    ratio = abs(math.log10(abs(value / said)))
    return any(abs(ratio - power) < 0.01 for power in (4, 8))


def _parsed(bare: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]] | None:
    """The sum in postfix over its figures as typed, and the figures; None where it is no well-formed sum."""
    names: dict[str, str] = {}
    for i, figure in enumerate(dict.fromkeys(_FIGURE.findall(bare))):
        names[_MARKS[i]] = figure
    marked = bare
    for mark, figure in sorted(names.items(), key=lambda item: -len(item[1])):
        marked = re.sub(rf"(?<![\d.,]){re.escape(figure)}(?![\d.])", f"\0{mark}\0", marked)
    if marked.startswith("-"):  # a leading minus: nothing less the first term
        names["z"] = "0"
        marked = f"z{marked}"
    postfix = to_postfix(marked.replace("\0", "").replace("x", "×").replace("X", "×"))
    if postfix is None:
        return None
    return tuple(names.get(token, token) for token in postfix), tuple((figure, mark) for mark, figure in names.items())
