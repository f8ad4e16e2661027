"""What the 自评表 scoring modules share: the number a cell holds, a table value as a float, a finding at a cell."""

from __future__ import annotations

import math

from perfxl.locate.located import Hit
from perfxl.read.values import amount_text, parse_number
from perfxl.report.findings import Code, Finding, Severity


def cell_number(hit: Hit | None) -> float | None:
    """The number a cell holds, None if blank or unreadable."""
    if hit is None:
        return None
    parsed = parse_number(hit.raw)
    return parsed.value if parsed.ok else None


def amount_number(hit: Hit | None) -> float | None:
    """An amount as a number: "1,234.50", 3.36, and "150万" / "150万元" in a block kept in 万元 (the unit written
    again after the number); None if blank, "/", "—" or unreadable."""
    if hit is not None:
        text, wan = amount_text(hit.raw)
        if wan:
            return cell_number(hit._replace(raw=text))
    return cell_number(hit)


def as_float(value: object) -> float | None:
    """A table value as a float, None for a missing one (None or NaN)."""
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(str(value))


def finding(
    code: Code, severity: Severity, hit: Hit | None, item: str, declared: object, computed: object, message: str
) -> Finding:
    """A Finding at ``hit``'s cell, its values kept as numbers or text."""

    def plain(value: object) -> float | str | None:
        return value if value is None or isinstance(value, int | float | str) else str(value)

    return Finding(
        code,
        severity,
        hit.sheet if hit else None,
        hit.cell if hit else None,
        item,
        plain(declared),
        plain(computed),
        message,
    )
