"""Text that a spreadsheet would take for a formula if a person edited its cell: every writer quote-prefixes it."""

from __future__ import annotations

from typing import Final

_FORMULA_START: Final = tuple("=+-@＝＋－＠")  # full-width forms too: Excel and WPS read them as formula starts


def looks_like_formula(text: str) -> bool:
    """A text starting (after spaces) like a formula: "=HYPERLINK(…)", "-5%", "@SUM(…)", "＝1+1"."""
    return text.lstrip().startswith(_FORMULA_START)
