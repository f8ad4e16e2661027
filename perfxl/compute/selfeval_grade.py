"""A 自评表's declared 等级, held to the grade of its declared total (or of the sum of its parts)."""

from __future__ import annotations

from collections.abc import Iterator

from perfxl.compute.readings import finding
from perfxl.compute.unread import unreadable
from perfxl.locate.grade_bounds import writes_grade
from perfxl.locate.located import Hit, Instance
from perfxl.read.values import fmt
from perfxl.report.findings import Code, Finding
from perfxl.rules import RuleSet


def grade_findings(
    inst: Instance, rules: RuleSet, parts: float | None, declared_totals: list[float]
) -> Iterator[Finding]:
    """The declared 等级 against the declared total when that adds up, else against the sum of the parts; where
    that sum is not known (a part unreadable), against the declared total alone."""
    if parts is None:
        if not declared_totals:
            return
        summed: float | None = declared_totals[0]
        parts = declared_totals[0]
    else:
        summed = next((t for t in declared_totals if abs(t - parts) <= rules.score_tol), None)
    graded = summed if summed is not None else parts
    grade = rules.grade_of(graded, inst.grades)
    for hit in (inst.grade, inst.header_grade):  # the 等级 row's and the one written above the table
        if hit is None or not isinstance(hit.raw, str) or not hit.raw.strip() or unreadable(hit):
            continue  # blank, or a formula's failure (said as such: ``compute.unread``)
        yield from _grade_said(inst, hit, grade, graded, summed is not None)


def _grade_said(inst: Instance, hit: Hit, grade: str, graded: float, summed: bool) -> Iterator[Finding]:
    written = hit.raw.strip() if isinstance(hit.raw, str) else ""
    if not writes_grade(written, grade):
        which = "自评总分" if summed else "各项填报得分之和"
        which = f"按本表所印等级标准，{which}" if inst.grades else which
        yield finding(
            Code.GRADE_MISMATCH,
            "error",
            hit,
            f"{inst.name}·等级",
            written,
            grade,
            f"等级填报为「{written}」，{which} {fmt(graded)} 对应等级为「{grade}」",
        )
