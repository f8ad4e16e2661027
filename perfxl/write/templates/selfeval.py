"""自评表 (``self_eval`` form): one landscape sheet per variant, named by its title; its columns are the rule set's
template indicator columns (``EvalTemplate.indicators``: the national form's A…H 一级指标 二级指标 三级指标 年度指标值
实际完成值 分值 得分 偏差原因分析及改进措施, Chongqing's A…L with 度量单位, 指标性质 and 得分系数 besides).

Row 1 the title "<year>年度<variant title>" across the table; rows 2–3 the header, labels then their merged
inputs, each row's fields sharing the width (project: 项目名称 | 自评总得分, 主管部门 | 实施单位; department: 部门名称,
联系人 | 联系电话 | 自评总得分). Then the funds block: its title merged down column A, a header row of 年初预算数
全年预算数 全年执行数 分值 执行率 得分 (each amount over two columns with the split words 总数 | 其中:财政资金 in a
second header row when the template splits amounts), one line per printed funds row (with its label in B when
there is more than one line; 分值 and 得分 on the first line only, "—" below). Then 年度总体目标 (预期目标 |
实际完成情况, inputs in the row below), the indicator header, the indicators (blank: two rows per standard
二级指标), 一级 and 二级 merged over their rows; then 绩效指标总分 (=SUM of 分值 and of 得分) and a note row with the
scoring rules.
"""

from __future__ import annotations

from collections.abc import Mapping

from xlsxwriter.utility import xl_rowcol_to_cell  # type: ignore[import-untyped]

from perfxl.read.values import fmt
from perfxl.rules import SelfEvalDef
from perfxl.write.templates.cells import (
    LINE,
    TITLE_HEIGHT,
    RowHeights,
    column_width,
    fit_widths,
    line_count,
    page_breaks,
    print_setup,
    runs,
    span,
    weight_format,
    write,
)
from perfxl.write.templates.selfeval_layout import (
    EVAL_AMOUNTS,
    EVAL_HEADER,
    FUNDS_TITLE,
    GOALS,
    INPUT_STYLES,
    ROW_KEY,
    WIDTHS,
    blank_rows,
    eval_note,
    funds_label,
    funds_layout,
    funds_row_label,
    header_label,
    header_spans,
    indicator_label,
    layout_of,
    printed_funds_rows,
)
from perfxl.write.xlsx_formats import Formats, Worksheet


def _score_check(weight: object, row: int, col: int) -> dict[str, object]:
    """得分 between 0 and its 分值 (a number, or the cell holding it)."""
    if isinstance(weight, int | float):
        top: object = weight
        text = f"得分应在 0～{fmt(weight)} 分之间"
    else:
        top = f"={xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)}"
        text = "得分应在 0 与本行分值之间"
    return {
        "validate": "decimal",
        "criteria": "between",
        "minimum": 0,
        "maximum": top,
        "error_type": "warning",
        "error_title": "请核对",
        "error_message": text,
    }


_AMOUNT_CHECK = {
    "validate": "decimal",
    "criteria": "between",
    "minimum": -1e12,
    "maximum": 1e12,
    "error_type": "warning",
    "error_title": "请核对",
    "error_message": "请填写数字(万元)",
}
_COEFFICIENT_CHECK = {
    "validate": "decimal",
    "criteria": "between",
    "minimum": 0,
    "maximum": 1,
    "error_type": "warning",
    "error_title": "请核对",
    "error_message": "得分系数应在 0%～100% 之间",
}
_WEIGHT_CHECK = {
    "validate": "decimal",
    "criteria": "between",
    "minimum": 0,
    "maximum": 100,
    "error_type": "warning",
    "error_title": "请核对",
    "error_message": "分值应在 0～100 分之间",
}


def write_self_eval(
    sheet: Worksheet,
    spec: SelfEvalDef,
    variant: tuple[str, str, tuple[str, ...]],
    styles: Formats,
    cells: Mapping[str, object],
    given_rows: list[dict[str, object]] | None,
    year: int | None,
    unit: str | None,
) -> None:
    """One variant's sheet: ``cells`` by slot (values key without "eval.<variant>."), ``given_rows`` the
    indicator rows (None: the blank rows), ``year`` in the title (None: a blank to fill in)."""
    vid, title, when = variant
    layout = layout_of(when)
    columns = spec.template.indicators
    rows = given_rows or blank_rows()
    funds_rows = printed_funds_rows(spec)
    funds_head = 1 + len(EVAL_HEADER[layout])
    goals = funds_head + (2 if spec.template.split else 1) + len(funds_rows)
    head = goals + 2  # the indicator header
    texts: list[list[str]] = [[indicator_label(spec, role)] for role in columns]
    for row in rows:
        for c, role in enumerate(columns):
            texts[c].append(str(row.get(ROW_KEY.get(role, role)) or ""))
    if len(funds_rows) > 1:
        texts[1] += [funds_row_label(spec.funds_rows[row]) for row in funds_rows]
    widths = [column_width(t[1:], *WIDTHS[role]) for t, role in zip(texts, columns, strict=True)]
    widths = fit_widths(widths, landscape=True)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    heights = RowHeights(sheet)
    shown_year = f"{year}" if year is not None else "____"
    span(sheet, 0, 0, 0, len(widths) - 1, f"{shown_year}年度{title}", styles["title"])
    heights.set(0, TITLE_HEIGHT)
    for r, header in enumerate(EVAL_HEADER[layout], start=1):
        for (role, label), (col, first, last) in zip(header, header_spans(len(header), len(columns)), strict=True):
            value = cells.get(role, unit if role == "unit" else None)
            sheet.write_string(r, col, header_label(spec, role, label, when), styles["label"])
            numeric = role == "declared_total"
            span(sheet, r, first, r, last, value, styles["input"] if numeric else styles["input_text"])
            if numeric:
                total_check = {**_WEIGHT_CHECK, "error_message": "自评总得分应在 0～100 分之间"}
                sheet.data_validation(r, first, r, last, total_check)
        heights.set(r, 24)
    funds_title = spec.template.funds_title.get(vid) or FUNDS_TITLE[layout]
    _write_eval_funds(heights, spec, funds_title, funds_head, funds_rows, cells, styles)
    _write_eval_goals(heights, goals, cells, styles, widths)
    total, groups = _write_eval_indicators(heights, spec, head, rows, styles, widths)
    _write_eval_total(heights, spec, head + 1, total, rows, cells, styles)
    note = eval_note(spec)
    span(sheet, total + 1, 0, total + 1, len(widths) - 1, note, styles["note"])
    heights.set(total + 1, line_count(note, sum(widths) * 1.1) * 13 + 6)  # 9 pt text: narrower characters
    sheet.set_selection(1, 1, 1, 1)
    print_setup(sheet, landscape=True, header_rows=1)
    sheet.repeat_rows(head)  # a table running onto the next page keeps its column labels
    sheet.set_h_pagebreaks(page_breaks(heights.upto(total + 1), groups, repeat=(head, head), landscape=True))


def _write_eval_funds(
    heights: RowHeights,
    spec: SelfEvalDef,
    title: str,
    head: int,
    funds_rows: list[str],
    cells: Mapping[str, object],
    styles: Formats,
) -> None:
    """The funds header at ``head`` (two rows when amounts are split) and one line per printed funds row below;
    the block title merged down column A beside them all."""
    sheet = heights.sheet
    split = spec.template.split
    first_line = head + (2 if split else 1)
    layout = funds_layout(spec.template, len(funds_rows))
    span(sheet, head, 0, first_line + len(funds_rows) - 1, 0, title, styles["label"])
    if len(funds_rows) > 1:
        span(sheet, head, 1, first_line - 1, 1, None, styles["label"])
    for role, (a, b) in layout.items():
        if split and role in EVAL_AMOUNTS:
            span(sheet, head, a, head, b, funds_label(spec, role), styles["label"])
            for c, word in zip((a, b), spec.funds_split, strict=False):
                sheet.write_string(head + 1, c, word, styles["label"])
        else:
            span(sheet, head, a, first_line - 1, b, funds_label(spec, role), styles["label"])
    for r in range(head, first_line):
        heights.set(r, 24)
    weight = cells.get(f"funds.{funds_rows[0]}.weight", spec.funds_weight)
    col = {role: a for role, (a, _) in layout.items()}
    for i, row_id in enumerate(funds_rows):
        r = first_line + i
        if len(funds_rows) > 1:
            sheet.write_string(r, 1, funds_row_label(spec.funds_rows[row_id]), styles["text"])
        for role in EVAL_AMOUNTS:
            a, b = layout[role]
            write(sheet, r, a, cells.get(f"funds.{row_id}.{role}"), styles["amount"])
            if b > a:
                write(sheet, r, b, cells.get(f"funds.{row_id}.{role}_fiscal"), styles["amount"])
        sheet.data_validation(r, layout["initial"][0], r, layout["executed"][1], _AMOUNT_CHECK)
        write(sheet, r, col["rate"], cells.get(f"funds.{row_id}.rate"), styles["derived"])
        sheet.data_validation(
            r,
            col["rate"],
            r,
            col["rate"],
            {
                "validate": "any",
                "input_title": funds_label(spec, "rate"),
                "input_message": "可留空，perfxl 将自动计算；填百分比，如 96.13%",
            },
        )
        if i == 0:  # 分值 and 得分 belong to the total only
            style = weight_format(styles, weight) if isinstance(weight, int | float) else styles["centre"]
            write(sheet, r, col["weight"], weight, style)
            write(sheet, r, col["score"], cells.get(f"funds.{row_id}.score"), styles["input"])
            sheet.data_validation(r, col["score"], r, col["score"], _score_check(weight, r, col["weight"]))
        else:
            sheet.write_string(r, col["weight"], "—", styles["centre"])
            sheet.write_string(r, col["score"], "—", styles["centre"])
        heights.set(r, 22)


def _write_eval_goals(
    heights: RowHeights, row: int, cells: Mapping[str, object], styles: Formats, widths: list[float]
) -> None:
    """年度总体目标: 预期目标 and 实际完成情况 side by side, each a large text input below its label."""
    sheet = heights.sheet
    block, expected, actual = GOALS
    last = len(widths) - 1
    middle = (len(widths) + 2) // 2  # where 实际完成情况 starts
    span(sheet, row, 0, row + 1, 0, block, styles["label"])
    span(sheet, row, 1, row, middle - 1, expected, styles["label"])
    span(sheet, row, middle, row, last, actual, styles["label"])
    values = (cells.get("goal.expected"), cells.get("goal.actual"))
    span(sheet, row + 1, 1, row + 1, middle - 1, values[0], styles["input_block"])
    span(sheet, row + 1, middle, row + 1, last, values[1], styles["input_block"])
    lines = max(
        line_count(str(values[0] or ""), sum(widths[1:middle])), line_count(str(values[1] or ""), sum(widths[middle:]))
    )
    heights.set(row, 22)
    heights.set(row + 1, max(4 * LINE + 6, lines * LINE + 6))


def _write_eval_indicators(
    heights: RowHeights,
    spec: SelfEvalDef,
    head: int,
    rows: list[dict[str, object]],
    styles: Formats,
    widths: list[float],
) -> tuple[int, list[tuple[int, int]]]:
    """The header at ``head`` and a row per indicator below it; returns the row after the last indicator and the
    rows of each 一级 and 二级 group (each kept on one page where it fits)."""
    sheet = heights.sheet
    columns = spec.template.indicators
    at = {role: c for c, role in enumerate(columns)}
    labels = [indicator_label(spec, role) for role in columns]
    for c, label in enumerate(labels):
        sheet.write_string(head, c, label, styles["label"])
    heights.set(head, max(line_count(label, widths[c]) for c, label in enumerate(labels)) * LINE + 6)
    first = head + 1
    level1 = [(str(row["level1"]),) for row in rows]
    level2 = [(str(row["level1"]), str(row["level2"])) for row in rows]
    for role, keys in (("level1", level1), ("level2", level2)):
        for a, b in runs(keys):
            span(sheet, first + a, at[role], first + b, at[role], keys[a][-1] or None, styles["centre"])
    inputs = [
        (c, ROW_KEY.get(role, role), styles[INPUT_STYLES.get(role, "input_text")])
        for c, role in enumerate(columns)
        if role not in ("level1", "level2")
    ]
    for i, row in enumerate(rows):
        r = first + i
        for c, key, style in inputs:
            write(sheet, r, c, row.get(key), style)
        sheet.data_validation(r, at["weight"], r, at["weight"], _WEIGHT_CHECK)
        sheet.data_validation(r, at["score"], r, at["score"], _score_check(row.get("weight"), r, at["weight"]))
        if "coefficient" in at:
            sheet.data_validation(r, at["coefficient"], r, at["coefficient"], _COEFFICIENT_CHECK)
        lines = max(line_count(str(row.get(key) or ""), widths[c]) for c, key, _ in inputs)
        heights.set(r, max(22.0, lines * LINE + 6))
    return first + len(rows), [(first + a, first + b) for keys in (level1, level2) for a, b in runs(keys)]


def _write_eval_total(
    heights: RowHeights,
    spec: SelfEvalDef,
    first: int,
    row: int,
    rows: list[dict[str, object]],
    cells: Mapping[str, object],
    styles: Formats,
) -> None:
    """绩效指标总分: the sums of 分值 and 得分 over the indicator rows first…row-1, the label across the columns
    before 分值."""
    sheet = heights.sheet
    columns = spec.template.indicators
    weight_col = columns.index("weight")
    span(sheet, row, 0, row, weight_col - 1, spec.total_labels[0], styles["label"])
    for col, role in enumerate(columns):
        if col < weight_col:
            continue
        if role not in ("weight", "score"):
            sheet.write_blank(row, col, None, styles["text"])
            continue
        cached = sum(v for v in (r.get(role) for r in rows) if isinstance(v, int | float))
        style = styles.get(border=1, align="center", bold=True)  # General: the sums may have decimals
        if role == "score" and "total_score" in cells:
            write(sheet, row, col, cells["total_score"], style)
        else:
            cells_range = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(row - 1, col)}"
            sheet.write_formula(row, col, f"=SUM({cells_range})", style, cached)
    heights.set(row, 24)
