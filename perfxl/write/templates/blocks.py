"""附件4 (``blocks`` form) in the layout perfxl's locator reads, portrait.

Row 1 the title; row 2 A2 "<first unit label>：", B2 the unit input, "金额单位：万元" at the right; row 3 a
thin spacer; from row 4 two rows per block: A = block title merged over both, B… the fields' first labels,
the row below their inputs (block k: rows 4+2k, 5+2k). Inputs are unlocked and shaded, each with a data
validation by its field's type.
"""

from __future__ import annotations

from dataclasses import replace

from perfxl.rules import BlockDef, FieldDef, FormDef, RuleSet
from perfxl.write.templates.cells import (
    LINE,
    column_width,
    fit_widths,
    line_count,
    print_setup,
    span,
    write,
    write_title,
)
from perfxl.write.templates.fill import Fill
from perfxl.write.xlsx_formats import Formats, Worksheet

_AMOUNT_UNIT = "金额单位：万元"


def _validation(fld: FieldDef) -> dict[str, object]:
    """The data validation of a field's input cell, by its type; a hint where perfxl can fill it in."""
    hints = []
    rule: dict[str, object]
    if fld.type == "count":
        rule = {"validate": "integer", "criteria": ">=", "value": 0, "error_message": "请填写不小于 0 的整数"}
    elif fld.type in ("money", "number"):
        rule = {
            "validate": "decimal",
            "criteria": "between",
            "minimum": -1e12,
            "maximum": 1e12,
            "error_message": "请填写数字",
        }
    elif fld.type == "yesno":
        rule = {"validate": "list", "source": ["是", "否"], "error_message": "请选择“是”或“否”"}
    else:
        rule = {"validate": "any"}
        hints.append("填百分比，如 96.13%")
    if fld.derived:
        hints.insert(0, "可留空，perfxl 将自动计算")
    if hints:
        rule.update({"input_title": fld.name[:32], "input_message": "；".join(hints)})
    if rule["validate"] != "any":
        rule.update({"error_type": "warning", "error_title": "请核对"})
    return rule


def write_blocks(
    sheet: Worksheet, form: FormDef, rules: RuleSet, styles: Formats, fill: Fill, unit: str | None
) -> None:
    """附件4 on ``sheet``: ``unit`` in B2 unless ``fill`` gives it, each block's fields filled from ``fill``."""
    # Optional blocks (e.g. 楼堂馆所) are left out unless values fill them: a written but empty block would
    # be read as present and every blank cell in it reported as missing.
    blocks = [b for b in form.blocks if not b.optional or any(f.key in fill.fields for f in b.fields)]
    # likewise an optional field (one some templates print instead of another: 控制率 beside 变动数)
    blocks = [replace(b, fields=tuple(f for f in b.fields if not f.optional or f.key in fill.fields)) for b in blocks]
    ncols = max(4, 1 + max((len(b.fields) for b in blocks), default=1))
    widths = [column_width((b.titles[0] for b in blocks), 10, 18)]
    widths += [
        column_width((b.fields[c - 1].name for b in blocks if c <= len(b.fields)), 10, 14) for c in range(1, ncols)
    ]
    widths = fit_widths(widths, landscape=False)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    write_title(sheet, form, ncols, styles)
    sheet.write_string(1, 0, f"{rules.unit_labels[0]}：", styles["right"])
    span(sheet, 1, 1, 1, ncols - 3, unit, styles["input"])
    span(sheet, 1, ncols - 2, 1, ncols - 1, _AMOUNT_UNIT, styles["right"])
    sheet.set_row(1, 22)
    # The spacer keeps the cell below the unit label empty: perfxl reads a blank unit's value from the
    # cell below its label, which would otherwise be the first block title.
    sheet.set_row(2, 6)
    for k, block in enumerate(blocks):
        _write_block(sheet, 3 + 2 * k, block, widths, styles, fill)
    sheet.set_selection(1, 1, 1, 1)
    print_setup(sheet, landscape=False, header_rows=1)


def _write_block(sheet: Worksheet, row: int, block: BlockDef, widths: list[float], styles: Formats, fill: Fill) -> None:
    """A block's title (merged down A), its labels in ``row`` and their inputs in the row below."""
    span(sheet, row, 0, row + 1, 0, block.titles[0], styles["label"])
    for col, fld in enumerate(block.fields, start=1):
        sheet.write_string(row, col, fld.name, styles["label"])
        write(sheet, row + 1, col, fill.fields.get(fld.key), styles["derived"] if fld.derived else styles["input"])
        sheet.data_validation(row + 1, col, row + 1, col, _validation(fld))
    labels = max((line_count(f.name, widths[c]) for c, f in enumerate(block.fields, start=1)), default=1)
    title = line_count(block.titles[0], widths[0]) * LINE + 6 - 22  # the value row below is 22 pt
    sheet.set_row(row, max(labels * LINE + 6, title))
    sheet.set_row(row + 1, 22)
