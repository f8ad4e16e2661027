"""How a printed cell is typed into a person's workbook: plain numbers as numbers, everything else as text.

A person who types 880 gets the number 880; "3.36" or "10.00" is a number whose format keeps the printed
decimals; "96.5%" typed in Excel becomes 0.965 with the format 0.0%; "215,457.6" with a thousands comma is
what Excel turns into the number 215457.6 with the format #,##0.0, so it is a number too (a system export that
keeps such text as a string is a variant the generator makes, not what a typed table holds). Everything
else is text as printed: "—", "/", "0/0", "≥90%", "=100%", "150万", "7.50." and "96.%" alike.
"""

from __future__ import annotations

import re
from decimal import Decimal

_PLAIN = re.compile(r"^-?\d+(\.(\d+))?$")
_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.(\d+))?$")
_PERCENT = re.compile(r"^-?\d+(\.(\d+))?%$")


def _decimals_format(digits: str | None, whole: str) -> str:
    return whole + ("." + "0" * len(digits) if digits else "")


def typed(text: str) -> tuple[str | int | float, str | None]:
    """The value and Excel number format a person's workbook holds for a printed cell ('' stays '')."""
    if match := _PLAIN.match(text):
        digits = match.group(2)
        if digits is None:
            return int(text), None
        return float(text), _decimals_format(digits, "0")
    if match := _GROUPED.match(text):
        digits = match.group(3)
        number = Decimal(text.replace(",", ""))
        value: int | float = int(number) if digits is None else float(number)
        return value, _decimals_format(digits, "#,##0")
    if match := _PERCENT.match(text):
        digits = match.group(2)
        return float(Decimal(text[:-1]) / 100), _decimals_format(digits, "0") + "%"
    return text, None
