"""What of a 自评表 could not be read, said so that "no problem found" is not taken for a whole form checked: a form
of which only the funds were read, its placeholder rows, and number cells that hold a formula's failure — a formula
saved without its result ("公式未计算…", as tools that do not calculate write them) or its error value (#REF!)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from perfxl.compute.readings import finding
from perfxl.locate.located import Hit, Instance
from perfxl.read.cell_problems import UNCACHED_TEXT
from perfxl.read.values import shown
from perfxl.report.findings import Code, Finding

# a formula's error value, as Excel shows it
_ERROR_VALUE = re.compile(r"^#(?:DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA)$")
# the cells of each part of a form that hold numbers, and what a person calls them
# (a rate only where its formula has no result: a 0 ÷ 0 line's #DIV/0! is the formula's right answer, and a rate that
# can be worked out is judged against its amounts)
_FUNDS = {
    "initial": "年初预算数",
    "annual": "全年预算数",
    "executed": "全年执行数",
    "weight": "执行率分值",
    "score": "执行率得分",
}
_ROWS = {"weight": "分值", "score": "得分", "deduction": "扣分"}
_TOTALS = {"weight": "的分值", "score": "", "deduction": "的扣分"}  # a total's 得分 is the total itself


def unreadable(hit: Hit | None) -> bool:
    """A cell that should hold a number and holds a formula's failure: a formula saved without its result, or its
    error value. (Words are the person's: "—", "不涉及", "满分", "不得分" each say something, read where they are.)"""
    return hit is not None and isinstance(hit.raw, str) and _failed(hit.raw)


def _failed(text: str) -> bool:
    """A formula saved without its result, or its error value."""
    return text == UNCACHED_TEXT or _ERROR_VALUE.match(text) is not None


def unreadable_findings(inst: Instance, said: Iterable[Finding]) -> Iterator[Finding]:
    """Each number cell of the form that cannot be read and that no other finding names already; formulas saved
    without their results in one finding for the form (a tool that does not calculate leaves them all so)."""
    named = {(f.sheet, f.cell) for f in said}
    uncached: list[tuple[Hit, str]] = []
    for hit, what in _number_cells(inst):
        if not unreadable(hit) or (hit.sheet, hit.cell) in named:
            continue
        named.add((hit.sheet, hit.cell))
        text = shown(hit.raw)
        if text == UNCACHED_TEXT:
            uncached.append((hit, what))
            continue
        why = f"{what}是公式错误值「{text}」，无法读取"
        yield finding(Code.BAD_VALUE, "error", hit, f"{inst.name}·{what}", text, None, why)
    if uncached:
        first, what = uncached[0]
        cells = "、".join(f"{what}({hit.cell})" for hit, what in uncached[:_LISTED])
        more = f"等 {len(uncached)} 个单元格" if len(uncached) > _LISTED else ""
        why = f"{cells}{more}的公式没有保存计算结果，无法读取：{UNCACHED_TEXT}"
        yield finding(Code.BAD_VALUE, "error", first, f"{inst.name}·{what}", UNCACHED_TEXT, None, why)


_LISTED = 6  # cells a finding names before it says how many more


def _number_cells(inst: Instance) -> Iterator[tuple[Hit, str]]:
    for row in inst.funds:
        for role, hit in row.cells.items():
            if (what := _FUNDS.get(role.removesuffix("_fiscal"))) is not None:
                yield hit, f"{row.label or '资金'}{what}"
            elif role == "rate" and hit.raw == UNCACHED_TEXT:
                yield hit, f"{row.label or '资金'}执行率"
    for ind in inst.indicators:
        for part in ind.parts or (ind,):
            yield from ((hit, f"{part.name[:30]}{_ROWS[role]}") for role, hit in part.cells.items() if role in _ROWS)
    for total in inst.totals:
        yield from ((hit, f"{total.label}{_TOTALS[role]}") for role, hit in total.cells.items() if role in _TOTALS)
    header = inst.header.get("declared_total")
    if header is not None:
        yield header, header.label or "自评总分"
    yield from ((grade, "等级") for grade in (inst.grade, inst.header_grade) if grade is not None)


def funds_alone(inst: Instance) -> Finding:
    """A 自评表 of which only the funds were read (a copy cut off, or an indicator table perfxl did not recognise)."""
    at = next(iter(inst.funds[0].cells.values()), None)
    why = f"{inst.title or '自评表'}只读到资金情况，没有读到绩效指标和总分(表不完整，或指标表头未能识别)，只复核了资金"
    return finding(Code.MISSING_VALUE, "info", at, f"{inst.name}·绩效指标", None, None, why)


def placeholder_note(inst: Instance) -> Finding:
    """One quiet note for a table's placeholder rows (指标2, ……, *), not a warning per blank cell."""
    names = "、".join(dict.fromkeys(shown(hit.raw).strip() for hit in inst.placeholders))
    return finding(
        Code.PLACEHOLDER,
        "info",
        inst.placeholders[0],
        f"{inst.name}·占位行",
        len(inst.placeholders),
        None,
        f"{inst.title or '自评表'}有 {len(inst.placeholders)} 行占位行({names})，未计分",
    )
