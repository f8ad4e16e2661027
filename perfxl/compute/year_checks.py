"""A 时效 indicator's years against the year evaluated and against each other (docs/domain.md §7.13)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from perfxl.report.findings import Code

if TYPE_CHECKING:  # the readings' type lives with their reader
    from perfxl.compute.targets import Quantity

_DEADLINE = re.compile(r"月|底|末|内|前|季度|截至|截止")  # "2023年底前", "2023年第四季度", "2023年内": a deadline
_PUT_OFF = re.compile(r"(?:延期|顺延|推迟|延迟|延|结转)(?:至|到)\s*(?:19|20)\d{2}")


def year_findings(target: Quantity, actual: Quantity, eval_year: int | None, who: str) -> list[tuple[Code, str]]:
    """(code, message) for a year written that is not the year evaluated, or not the other side's; ``who`` names the
    row. A year after a deadline of the year evaluated, or where a late part was put off to, is lateness its score
    says, not a slip."""
    out: list[tuple[Code, str]] = []
    ty, ay = target.year, actual.year
    base = ty if ty is not None else eval_year  # a deadline with no year ("年底前") is of the year evaluated
    if base is not None and ay == base + 1 and eval_year in (None, base) and _DEADLINE.search(target.text):
        return out  # done the year after a deadline of the year evaluated: late, which its score says, not a slip
    if base is not None and ay == base + 1 and _PUT_OFF.search(actual.text):
        return out  # "1个因雨季延期至2024年1月完工": where a late part went, not a slip
    if eval_year is not None:
        if ty is not None and ty == ay and ty != eval_year:
            both = (
                f"时效指标{who}的年度指标值与实际完成值都写 {ty} 年（「{target.text}」），与评价年度 {eval_year} 不一致"
            )
            out.append((Code.YEAR_MISMATCH, both))
        else:
            for side, q in (("年度指标值", target), ("实际完成值", actual)):
                if q.year is not None and q.year != eval_year:
                    said = f"时效指标{who}的{side}「{q.text}」写 {q.year} 年，与评价年度 {eval_year} 不一致"
                    out.append((Code.YEAR_MISMATCH, said))
    if ty is not None and ay is not None and ty != ay:
        said = (
            f"时效指标{who}的年度指标值「{target.text}」写 {ty} 年，实际完成值「{actual.text}」写 {ay} 年，前后不一致"
        )
        out.append((Code.YEAR_MISMATCH, said))
    return out
