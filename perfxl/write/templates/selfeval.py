"""自评表 (``self_eval`` form, 财预〔2020〕10号): one landscape sheet per variant, named by its title, columns A…H.

Row 1 the title "<year>年度<variant title>" (A:H); rows 2–3 the header: project A2 项目名称 B2:D2, E2
自评总得分 F2:H2, A3 主管部门 B3:D3, E3 实施单位 F3:H3; department A2 部门名称 B2:H2, A3 联系人 B3, C3 联系电话
D3, E3 自评总得分 F3:H3 (labels, then their merged inputs); row 4 the funds header C…H 年初预算数 全年预算数
全年执行数 分值 执行率 得分, the block label merged A4:A8; rows 5–8 年度资金总额, 其中：当年财政拨款, 上年结转资金,
其他资金 (labels in B, amounts C:E, 执行率 G; 分值 F5 and 得分 H5 on the total row only, "—" below); rows 9–10
年度总体目标 (A9:A10; 预期目标 B:E, 实际完成情况 F:H, inputs in row 10); row 11 the indicator header 一级指标
二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 (A…H); from row 12 the indicators
(blank: two rows per standard 二级指标), 一级 and 二级 merged over their rows; then 绩效指标总分 (A:E, =SUM of
分值 in F and of 得分 in G) and a note row with the scoring rules (A:H).
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
from perfxl.write.xlsx_formats import Formats, Worksheet

# 自评表: the national template's 一级 → 二级 indicators (docs/domain.md §1.1); a blank sheet gives each 二级 two rows.
_EVAL_LEVELS = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)
_EVAL_BLANK_ROWS = 2
_EVAL_FUNDS = ("initial", "annual", "executed", "weight", "rate", "score")  # funds columns, C…H
EVAL_AMOUNTS = ("initial", "annual", "executed")
_EVAL_COLUMNS = ("level1", "level2", "level3", "target", "actual", "weight", "score", "reason")  # indicators, A…H
EVAL_ROW_KEYS = ("level1", "level2", "name", "target", "actual", "weight", "score", "reason")  # a values row
_EVAL_WIDTHS = ((10, 14), (14, 20), (24, 34), (14, 24), (14, 24), (7, 9), (9, 11), (18, 30))  # (min, max), A…H
# Header rows of each layout: (role, label, label column, first and last input column) per cell. A role of
# the rule set's header takes this label when the rules list it, else the rules' first; the rest only print.
# perfxl reads a label's value from the first non-empty cell within four to its right, so a blank unit
# (and 自评总得分) input must have no label within that reach; a blank 项目名称 is recognised by the label
# right of it.
EVAL_HEADER: dict[str, tuple[tuple[tuple[str, str, int, int, int], ...], ...]] = {
    "project": (
        (("project", "项目名称", 0, 1, 3), ("declared_total", "自评总得分", 4, 5, 7)),
        (("authority", "主管部门", 0, 1, 3), ("unit", "实施单位", 4, 5, 7)),
    ),
    "department": (
        (("unit", "部门名称", 0, 1, 7),),
        (("contact", "联系人", 0, 1, 1), ("phone", "联系电话", 2, 3, 3), ("declared_total", "自评总得分", 4, 5, 7)),
    ),
}
_EVAL_FUNDS_TITLE = {"project": "项目资金\n（万元）", "department": "年度预算资金\n（万元）"}
_EVAL_GOALS = ("年度总体目标", "预期目标", "实际完成情况")
_TIER_WORDS = {"优": "达成", "良": "部分达成", "中": "部分达成", "差": "未达成"}  # the national tiers' words


def layout_of(when: tuple[str, ...]) -> str:
    """A variant identified by a label (项目名称) is laid out as a project; the fallback as a department."""
    return "project" if when else "department"


def _blank_eval_rows() -> list[dict[str, object]]:
    return [
        {"level1": level1, "level2": level2}
        for level1, children in _EVAL_LEVELS
        for level2 in children
        for _ in range(_EVAL_BLANK_ROWS)
    ]


def _header_label(spec: SelfEvalDef, role: str, label: str, when: tuple[str, ...]) -> str:
    if role == "project" and when:
        return when[0]
    labels = spec.header.get(role)
    return label if not labels or label in labels else labels[0]


def _funds_row_label(labels: tuple[str, ...]) -> str:
    """The official label; "其中：…" when the rules know the row by it (a part of the total)."""
    part = next((lbl for lbl in labels if lbl.startswith("其中")), None)
    return labels[0] if part is None else part.replace(":", "：")


def _tiers_text(spec: SelfEvalDef) -> str:
    """ "达成 100%-80%、部分达成 80%-60%、未达成 60%-0%": one entry per distinct tier range, best first."""
    ranges: dict[tuple[float, float], list[str]] = {}
    for tier in spec.tiers:
        ranges.setdefault((tier.high, tier.low), []).append(tier.grade)
    parts = []
    for (high, low), grades in sorted(ranges.items(), reverse=True):
        word = _TIER_WORDS.get(grades[0], "/".join(grades))
        parts.append(f"{word} {fmt(high * 100)}%-{fmt(low * 100)}%")
    return "、".join(parts)


def _eval_note(spec: SelfEvalDef) -> str:
    cap = "，不超过分值" if spec.funds_cap else ""
    return (
        f"注：定量指标得分 = 分值 × 实际完成值 ÷ 年度指标值(反向指标相反)，不超过分值；定性指标按 "
        f"{_tiers_text(spec)} 计分。执行率得分 = 分值 × 执行率{cap}；自评总得分 = 执行率得分 + 绩效指标总分。"
    )


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
    _, title, when = variant
    layout = layout_of(when)
    rows = given_rows or _blank_eval_rows()
    funds_head = 1 + len(EVAL_HEADER[layout])
    goals = funds_head + 1 + len(spec.funds_rows)
    head = goals + 2  # the indicator header
    texts: list[list[str]] = [[] for _ in _EVAL_COLUMNS]
    for row in rows:
        for c, key in enumerate(EVAL_ROW_KEYS):
            texts[c].append(str(row.get(key) or ""))
    texts[1] += [_funds_row_label(labels) for labels in spec.funds_rows.values()]
    widths = [column_width(t, low, high) for t, (low, high) in zip(texts, _EVAL_WIDTHS, strict=True)]
    widths = fit_widths(widths, landscape=True)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    heights = RowHeights(sheet)
    shown_year = f"{year}" if year is not None else "____"
    span(sheet, 0, 0, 0, len(widths) - 1, f"{shown_year}年度{title}", styles["title"])
    heights.set(0, TITLE_HEIGHT)
    for r, header in enumerate(EVAL_HEADER[layout], start=1):
        for role, label, col, first, last in header:
            value = cells.get(role, unit if role == "unit" else None)
            sheet.write_string(r, col, _header_label(spec, role, label, when), styles["label"])
            numeric = role == "declared_total"
            span(sheet, r, first, r, last, value, styles["input"] if numeric else styles["input_text"])
            if numeric:
                total_check = {**_WEIGHT_CHECK, "error_message": "自评总得分应在 0～100 分之间"}
                sheet.data_validation(r, first, r, last, total_check)
        heights.set(r, 24)
    _write_eval_funds(heights, spec, _EVAL_FUNDS_TITLE[layout], funds_head, cells, styles)
    _write_eval_goals(heights, goals, cells, styles, widths)
    total, groups = _write_eval_indicators(heights, spec, head, rows, styles, widths)
    _write_eval_total(heights, spec, head + 1, total, rows, cells, styles)
    note = _eval_note(spec)
    span(sheet, total + 1, 0, total + 1, len(widths) - 1, note, styles["note"])
    heights.set(total + 1, line_count(note, sum(widths) * 1.1) * 13 + 6)  # 9 pt text: narrower characters
    sheet.set_selection(1, 1, 1, 1)
    print_setup(sheet, landscape=True, header_rows=1)
    sheet.repeat_rows(head)  # a table running onto the next page keeps its column labels
    sheet.set_h_pagebreaks(page_breaks(heights.upto(total + 1), groups, repeat=(head, head), landscape=True))


def _write_eval_funds(
    heights: RowHeights, spec: SelfEvalDef, title: str, head: int, cells: Mapping[str, object], styles: Formats
) -> None:
    """The funds header row at ``head`` and one row per funds row below it; the block title merged down A."""
    sheet = heights.sheet
    span(sheet, head, 0, head + len(spec.funds_rows), 0, title, styles["label"])
    sheet.write_blank(head, 1, None, styles["label"])
    col = {role: 2 + i for i, role in enumerate(_EVAL_FUNDS)}
    for role, c in col.items():
        sheet.write_string(head, c, spec.funds_columns[role][0], styles["label"])
    heights.set(head, 24)
    weight = cells.get(f"funds.{next(iter(spec.funds_rows))}.weight", spec.funds_weight)
    for i, (row_id, labels) in enumerate(spec.funds_rows.items()):
        r = head + 1 + i
        sheet.write_string(r, 1, _funds_row_label(labels), styles["text"])
        for role in EVAL_AMOUNTS:
            write(sheet, r, col[role], cells.get(f"funds.{row_id}.{role}"), styles["amount"])
        sheet.data_validation(r, col["initial"], r, col["executed"], _AMOUNT_CHECK)
        write(sheet, r, col["rate"], cells.get(f"funds.{row_id}.rate"), styles["derived"])
        sheet.data_validation(
            r,
            col["rate"],
            r,
            col["rate"],
            {
                "validate": "any",
                "input_title": spec.funds_columns["rate"][0],
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
    """年度总体目标: 预期目标 (B:E) and 实际完成情况 (F:H), each a large text input below its label."""
    sheet = heights.sheet
    block, expected, actual = _EVAL_GOALS
    span(sheet, row, 0, row + 1, 0, block, styles["label"])
    span(sheet, row, 1, row, 4, expected, styles["label"])
    span(sheet, row, 5, row, 7, actual, styles["label"])
    values = (cells.get("goal.expected"), cells.get("goal.actual"))
    span(sheet, row + 1, 1, row + 1, 4, values[0], styles["input_block"])
    span(sheet, row + 1, 5, row + 1, 7, values[1], styles["input_block"])
    lines = max(line_count(str(values[0] or ""), sum(widths[1:5])), line_count(str(values[1] or ""), sum(widths[5:8])))
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
    labels = [spec.indicator_columns[role][0] for role in _EVAL_COLUMNS]
    for c, label in enumerate(labels):
        sheet.write_string(head, c, label, styles["label"])
    heights.set(head, max(line_count(label, widths[c]) for c, label in enumerate(labels)) * LINE + 6)
    first = head + 1
    level1 = [(str(row["level1"]),) for row in rows]
    level2 = [(str(row["level1"]), str(row["level2"])) for row in rows]
    for c, keys in ((0, level1), (1, level2)):
        for a, b in runs(keys):
            span(sheet, first + a, c, first + b, c, keys[a][-1] or None, styles["centre"])
    inputs = (
        ("name", styles["input_text"]),
        ("target", styles["input_wrap"]),
        ("actual", styles["input_wrap"]),
        ("weight", styles["input"]),
        ("score", styles["input"]),
        ("reason", styles["input_text"]),
    )
    for i, row in enumerate(rows):
        r = first + i
        for c, (key, style) in enumerate(inputs, start=2):
            write(sheet, r, c, row.get(key), style)
        sheet.data_validation(r, 5, r, 5, _WEIGHT_CHECK)
        sheet.data_validation(r, 6, r, 6, _score_check(row.get("weight"), r, 5))
        lines = max(line_count(str(row.get(key) or ""), widths[c]) for c, (key, _) in enumerate(inputs, start=2))
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
    """绩效指标总分: the sums of 分值 (F) and 得分 (G) over the indicator rows first…row-1."""
    sheet = heights.sheet
    span(sheet, row, 0, row, 4, spec.total_labels[0], styles["label"])
    for col, key in ((5, "weight"), (6, "score")):
        cached = sum(v for v in (r.get(key) for r in rows) if isinstance(v, int | float))
        style = styles.get(border=1, align="center", bold=True)  # General: the sums may have decimals
        if key == "score" and "total_score" in cells:
            write(sheet, row, col, cells["total_score"], style)
        else:
            cells_range = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(row - 1, col)}"
            sheet.write_formula(row, col, f"=SUM({cells_range})", style, cached)
    sheet.write_blank(row, 7, None, styles["text"])
    heights.set(row, 24)
