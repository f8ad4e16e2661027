"""What of a 自评表 could not be read, said so that "no problem found" is not taken for a whole form checked: a form
of which only the funds were read, its placeholder rows, and cells that should hold a number and hold something else
— a formula saved without its result ("公式未计算…", as tools that do not calculate write them), a formula's error
value (#DIV/0!), or words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from perfxl.compute.readings import amount_number, finding
from perfxl.locate.located import Hit, Instance
from perfxl.read.cell_problems import UNCACHED_TEXT
from perfxl.read.values import is_empty, parse_number, shown
from perfxl.report.findings import Code, Finding

# a formula's error value, as Excel shows it
_ERROR_VALUE = re.compile(r"^#(?:DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA)$")
# the cells of each part of a form that hold numbers, and what a person calls them
_FUNDS = {
    "initial": "年初预算数",
    "annual": "全年预算数",
    "executed": "全年执行数",
    "rate": "执行率",
    "weight": "分值",
    "score": "得分",
}
_ROWS = {"weight": "分值", "score": "得分", "deduction": "扣分"}


def unreadable(hit: Hit | None) -> bool:
    """A cell that should hold a number and holds something else: a formula's failure, or words with no figure in
    them — not blank, not a dash or 无, not a number (an amount may carry its 万元), not a sentence that says its
    figure ("97.7分（其中预算执行得分18.4分…）", read where totals are read)."""
    if hit is None or not isinstance(hit.raw, str) or is_empty(hit.raw):
        return False
    if _failed(hit.raw):
        return True
    bad = parse_number(hit.raw).status == "bad" and amount_number(hit) is None
    return bad and not any(ch.isdigit() for ch in hit.raw)


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
        error = _ERROR_VALUE.match(text)
        why = f"{what}是公式错误值「{text}」，无法读取" if error else f"{what}「{text}」无法识别为数字"
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
    for ind in inst.indicators:
        for part in ind.parts or (ind,):
            yield from ((hit, f"{part.name[:30]}{_ROWS[role]}") for role, hit in part.cells.items() if role in _ROWS)
    for total in inst.totals:
        yield from ((hit, f"{total.label}{_ROWS[role]}") for role, hit in total.cells.items() if role in _ROWS)
    header = inst.header.get("declared_total")
    if header is not None:
        yield header, header.label or "自评总分"
    for grade in (inst.grade, inst.header_grade):  # a 等级 is words: only a formula's failure is unreadable there
        if (
            grade is not None
            and isinstance(grade.raw, str)
            and (grade.raw == UNCACHED_TEXT or _ERROR_VALUE.match(grade.raw))
        ):
            yield grade, "等级"


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
