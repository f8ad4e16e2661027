"""Cells python-calamine reads as blank that are not: a formula's error value (#DIV/0!, #REF! …) and a formula
saved without its result (written by a tool that does not calculate). Found in the worksheet XML sniff inflated
anyway, so that a check says what the cell holds instead of "未填写"."""

from __future__ import annotations

import re
from typing import Final

# Only sheets holding an error cell or a formula with no <v> are searched further (most hold neither).
_ERROR_CELL: Final = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})"[^>]*?\bt="e"[^>]*>(?:(?!</c>).)*?<v>([^<]{1,16})</v>')
# no <v> (Apache POI), or an empty one on a cell not typed as text (openpyxl writes <v></v>; a formula whose
# result is "" is saved t="str" with an empty <v>, and that is its result)
_UNCACHED: Final = re.compile(
    rb'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*)>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)(<v\s*/>|<v></v>)?</c>'
)
UNCACHED_TEXT: Final = "公式未计算(请用 Excel 或 WPS 打开并保存后重新报送)"  # what such a cell shows in findings


def cell_problems(content: bytes) -> dict[str, str]:
    """Cell reference -> what it holds instead of a value: the error ("#DIV/0!") or UNCACHED_TEXT."""
    found: dict[str, str] = {}
    if b"#" in content and b't="e"' in content:  # every error value starts with "#"; one byte is found at C speed
        for ref, error in _ERROR_CELL.findall(content):
            found[ref.decode()] = error.decode("utf-8", "replace")
    if b"</f></c>" in content or b"/></c>" in content or b"<v></v></c>" in content:
        for ref, attributes, empty in _UNCACHED.findall(content):
            if not empty or b't="str"' not in attributes:
                found.setdefault(ref.decode(), UNCACHED_TEXT)
    return found
