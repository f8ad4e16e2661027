"""A group's printed 分值 ("产出指标(50分)", a 一级 分值 column) against the Σ of the 分值 of the rows under it; a 小计
row's 分值 and 得分 against those of its group's rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from perfxl.compute.readings import finding
from perfxl.locate.located import GroupWeight
from perfxl.read.grid import row_of
from perfxl.read.values import fmt
from perfxl.report.findings import Code, Finding


def group_weight_findings(groups: Iterable[GroupWeight], tolerance: float, where: str = "") -> Iterator[Finding]:
    """One error per group whose printed weight is not the Σ of its rows' weights (a group with no row that prints
    a weight declares nothing checkable)."""
    for group in groups:
        if not group.parts:
            continue
        parts = sum(value for _, value in group.parts)
        if abs(parts - group.weight) <= tolerance or (group.at_most and parts < group.weight):
            continue
        terms = " + ".join(fmt(value) for _, value in group.parts)
        name = group.name or f"{group.cell.cell} 处未写名称的分组"
        if group.at_most:
            yield finding(
                Code.SUM_MISMATCH,
                "error",
                group.cell,
                f"{where}{name}{group.what}",
                round(parts, 2),
                group.weight,
                f"「{name}」的{group.what} {fmt(parts)} 大于其所属一项的 {fmt(group.weight)}：其中之数不能超过总数",
            )
            continue
        yield finding(
            Code.SUM_MISMATCH,
            "error",
            group.cell,
            f"{where}{name}{group.what}",
            group.weight,
            round(parts, 2),
            f"「{name}」印的{group.what}为 {fmt(group.weight)}，"
            f"其{_side(group)}{group.items}{group.what}之和为 {terms} = {fmt(parts)}",
        )


def _side(group: GroupWeight) -> str:
    """Where the parts are: below the total (其下), or above it where it is printed last (其上, a 合计 under its
    items) — on one sheet; 其下 for a group's rows, which its name heads."""
    same = [hit for hit, _ in group.parts if hit.sheet == group.cell.sheet]
    below = row_of(group.cell.cell)
    return "上" if same and len(same) == len(group.parts) and all(row_of(hit.cell) < below for hit in same) else "下"
