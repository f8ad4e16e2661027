"""A score table's 合计, the 自评总分 written above it, and its 等级, each against the declared scores they are
made of (docs/domain.md §7.4)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

from perfxl.compute.readings import finding
from perfxl.locate.grade_bounds import writes_grade
from perfxl.locate.located import Located
from perfxl.read.values import fmt, parse_number, shown
from perfxl.report.findings import Code, Finding
from perfxl.rules import RuleSet


def total_findings(
    book: Located,
    declared_scores: Mapping[str, float],
    total: float,
    rules: RuleSet,
    others: float = 0.0,
) -> Iterator[Finding]:
    """合计 against the sum of the declared scores above it (``others``: those of the rows no rule covers): a 合计
    that adds them up is right by its own inputs, whatever a wrong score among them (flagged at that score). 等级
    against the table's own total: the printed 合计 where it is the sum of the scores above it, else that sum (a
    wrong 合计 is flagged on its own), and the computed total where no 合计 is printed."""
    tol = rules.score_tol
    graded, which = total, "总分"
    declared_sum = sum(v for v in declared_scores.values() if not math.isnan(v)) + others
    said = book.total if book.total is not None else book.header_total  # no 合计 row: the 自评总分 above the table
    if said is not None:
        parsed = parse_number(said.raw)
        if parsed.ok and parsed.value is not None:
            summed = abs(parsed.value - declared_sum) <= tol
            graded = parsed.value if summed else declared_sum
            if math.isnan(total) or abs(total - graded) > tol:
                which = ("合计" if said is book.total else "自评总分") if summed else "各指标填报得分之和"
            if abs(parsed.value - declared_sum) > tol and said is book.total:
                yield finding(
                    Code.SUM_MISMATCH,
                    "error",
                    book.total,
                    "合计",
                    parsed.value,
                    round(declared_sum, 2),
                    f"合计填报 {fmt(parsed.value)}，各指标填报得分之和为 {fmt(declared_sum)}",
                )
        elif parsed.status == "bad" and said is book.total:
            yield finding(
                Code.BAD_VALUE,
                "error",
                book.total,
                "合计",
                shown(book.total.raw),
                None,
                f"合计「{shown(said.raw)}」无法识别为数字",
            )
    yield from _header_total(book, declared_sum, tol)
    for said in (book.grade, book.header_grade):
        if said is None or not isinstance(said.raw, str) or math.isnan(graded):
            continue
        grade = rules.grade_of(graded, book.grades)
        written = said.raw.strip()
        shown_which = f"按本表所印等级标准，{which}" if book.grades else which
        if not writes_grade(written, grade):
            yield finding(
                Code.GRADE_MISMATCH,
                "error",
                said,
                "等级",
                written,
                grade,
                f"等级填报为「{written}」，{shown_which} {fmt(graded)} 对应等级为「{grade}」",
            )


def _header_total(book: Located, declared_sum: float, tol: float) -> Iterator[Finding]:
    """The 自评总分 written above the score table ("自评总分：91.98分") against the declared scores below it."""
    hit = book.header_total
    parsed = parse_number(hit.raw) if hit is not None else None
    if hit is None or parsed is None or not parsed.ok or parsed.value is None:
        return
    if abs(parsed.value - declared_sum) > tol:
        message = f"自评总分填报 {fmt(parsed.value)}，各指标填报得分之和为 {fmt(declared_sum)}"
        yield finding(Code.SUM_MISMATCH, "error", hit, "自评总分", parsed.value, round(declared_sum, 2), message)
