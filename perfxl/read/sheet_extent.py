"""Worksheet extent: the cells python-calamine would densify into rows x columns, found without a parser, and
the refusal of a sheet too big to read (one far cell makes calamine abort the whole process)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from perfxl.errors import ErrorCode
from perfxl.ooxml.package import Package
from perfxl.ooxml.refs import cell_ref, col_number
from perfxl.ooxml.xmlscan import ATTR, ATTRS, PFX, decode_xml, unescape
from perfxl.ooxml.zipdir import Entry
from perfxl.read.limits import Limits
from perfxl.read.refusals import fail, mb, show
from perfxl.read.xml_prolog import check_prolog

# Fast path: every writer we know puts r first, double-quoted. When each cell start tag in the part has that
# shape (and none is prefixed), one findall of the references is exact; otherwise the tokenising path runs.
_C_SIMPLE: Final = re.compile(rb'<c r="([A-Za-z]{1,3}[0-9]{1,7})"')
_C_OTHER_START: Final = re.compile(rb"<c[>/\t\n\r]")
_C_PREFIXED: Final = re.compile(rb":c[\s/>]")
_DIGITS: Final = b"0123456789"
_LETTERS: Final = bytes(range(65, 91)) + bytes(range(97, 123))
_ROW_OR_C: Final = re.compile(PFX.encode() + rb"(row|c)" + ATTRS.encode())
_ATTR_B: Final = re.compile(ATTR.pattern.encode())
_REF: Final = re.compile(r"([A-Za-z]+)([0-9]+)")
_HUGE: Final = 10**9  # a row or column number beyond every limit (its digits or letters are not converted)

# The verdict alone is cheaper still for a typical form: one search finds any cell start tag, prefixed
# (``<x:c``) or not, that is not the fast path's shape with a reference of at most 2 letters and 4 digits.
# Without such a tag no cell can be beyond column ZZ (702) or row 9999. (The search starts at each "c" and
# looks back for "<" or ":": re finds a one-byte start fastest.)
_C_NOT_SMALL: Final = re.compile(rb'c(?<=[<:]c)(?![ ]r="[A-Za-z]{1,2}[0-9]{1,4}")[ >/\t\n\r]')
_SMALL_AREA: Final = 702 * 9999


def _col_number(letters: str) -> int:
    return _HUGE if len(letters) > 7 else col_number(letters)


def _r_value(attrs: bytes) -> str | None:
    """The unprefixed ``r`` attribute (attributes are tokenised: an ``r=`` inside another value is not it)."""
    for m in _ATTR_B.finditer(attrs):
        if m.group(1) == b"r":
            value = m.group(2) if m.group(2) is not None else m.group(3)
            return unescape(value.decode("utf-8", "replace")).strip()
    return None


def surely_within(data: bytes, max_area: int) -> bool:
    """True only if ``sheet_extent(data)`` cannot span more than ``max_area`` cells; False: compute it."""
    return max_area >= _SMALL_AREA and not _C_NOT_SMALL.search(data)


def sheet_extent(data: bytes) -> tuple[int, int]:
    """(max row, max column) over all <c> cells, 1-based; cells without ``r`` are placed the way
    openpyxl and calamine place them (row from the enclosing <row>, column = previous + 1)."""
    refs = _C_SIMPLE.findall(data)
    if len(refs) == data.count(b"<c ") and not _C_OTHER_START.search(data) and not _C_PREFIXED.search(data):
        if not refs:
            return 0, 0
        blob = b" ".join(refs)  # C-speed from here on: no Python loop over the cells
        rows = set(blob.translate(None, _LETTERS).split())
        columns = set(blob.translate(None, _DIGITS).upper().split())
        return max(map(int, rows)), max(_col_number(c.decode()) for c in columns)
    row = col = max_row = max_col = 0
    for m in _ROW_OR_C.finditer(data):
        value = _r_value(m.group(2))
        if m.group(1) == b"row":
            if value is None:
                row += 1
            else:
                row = int(value) if value.isascii() and value.isdigit() and len(value) <= 10 else _HUGE
            col = 0
            continue
        if value is None:
            col += 1
            cell_row = row
        else:
            ref = _REF.fullmatch(value)
            if ref is None:
                continue  # unusable reference: every reader rejects the sheet
            cell_row = int(ref.group(2)) if len(ref.group(2)) <= 10 else _HUGE
            col = _col_number(ref.group(1))
        max_row = max(max_row, cell_row)
        max_col = max(max_col, col)
    return max_row, max_col


def _sheet_label(info: Entry, sheet: str | None) -> str:
    part = show(info.orig_filename)
    return f"工作表“{show(sheet)}”({part})" if sheet else f"工作表 {part}"


def check_extent(pkg: Package, info: Entry, sheet: str | None, p: Path, limits: Limits) -> bytes:
    """Inflate a worksheet part and refuse it if it is too big, unsafe XML or spans too many cells; returns
    its whole content as checked (``sheet``: its name, None if the workbook does not list it)."""
    if info.file_size >= limits.max_sheet_part:
        raise fail(
            ErrorCode.TOO_LARGE,
            f"{_sheet_label(info, sheet)}解压后 {mb(info.file_size)}，超过上限 {mb(limits.max_sheet_part)}；"
            "评价表通常很小，请删除多余内容后重新保存",
            p,
            sheet=sheet,
        )
    content = data = pkg.full(info)
    check_prolog(pkg, info, p, data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        data = decode_xml(data).encode("utf-8")
    if surely_within(data, limits.max_sheet_area):
        return content  # the typical form: no need to locate the extreme cells
    max_row, max_col = sheet_extent(data)
    if max_row * max_col > limits.max_sheet_area:
        far = cell_ref(max_row, max_col)
        raise fail(
            ErrorCode.TOO_LARGE,
            f"{_sheet_label(info, sheet)}中有远离表格区域的单元格 {far}(使用范围达 {max_row} 行 × {max_col} 列)，"
            "请删除多余内容后重新保存",
            p,
            sheet=sheet,
            cell=far,
        )
    return content
