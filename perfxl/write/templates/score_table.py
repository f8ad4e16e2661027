"""附件5 (``score_table`` form) in the layout perfxl's locator reads, landscape.

Row 1 the title; row 2 the header 一级指标 分值 二级指标 分值 三级指标 分值 评价标准 指标说明 得分 (A…I); from
row 3 one row per indicator, 一级/二级 name and weight merged over their rows, 得分 in I; then 合计 (A:E, the
weights' sum in F, =SUM of the 得分 cells in I) and 等级 (A:H, input I). 评价标准 and 指标说明 are worded
from each indicator's rule.
"""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell  # type: ignore[import-untyped]

from perfxl.read.values import fmt
from perfxl.rules import FormDef, RuleSet, ScoreRule, Term
from perfxl.write.templates.cells import (
    LINE,
    TITLE_HEIGHT,
    column_width,
    fit_widths,
    line_count,
    page_breaks,
    print_setup,
    runs,
    span,
    weight_format,
    write,
    write_title,
)
from perfxl.write.templates.fill import Fill
from perfxl.write.xlsx_formats import Formats, Worksheet

# 附件5 columns left to right: (role in FormDef.columns, indicator level the 分值 column belongs to).
_SCORE_LAYOUT = (
    ("level1", 1),
    ("weight", 1),
    ("level2", 2),
    ("weight", 2),
    ("level3", 3),
    ("weight", 3),
    ("standard", 0),
    ("note", 0),
    ("score", 0),
)
_SCORE_WIDTHS = {
    "level1": (8, 12),
    "level2": (10, 14),
    "level3": (14, 24),
    "weight": (6, 7),
    "standard": (24, 44),
    "note": (20, 34),
    "score": (8, 9),
}  # (min, max) column widths


def _terms(rules: RuleSet, terms: tuple[Term, ...]) -> str:
    text = ""
    for i, term in enumerate(terms):
        name = rules.field(term.field).name
        text += name if i == 0 and term.sign > 0 else f" {'+' if term.sign > 0 else '−'} {name}"
    return f"({text})" if len(terms) > 1 else text


def _note(rule: ScoreRule, rules: RuleSet) -> str:
    """指标说明: where a computed indicator's rate comes from."""
    if rule.rate is None:
        return ""
    rate = rules.rates[rule.rate]
    forms = {rules.forms[t.field.split(".")[0]] for t in (*rate.num, *rate.den)}
    source = "、".join(sorted(f.short or f.title for f in forms))
    text = f"按{source}数据计算：{rate.name} = {_terms(rules, rate.num)} ÷ {_terms(rules, rate.den)} × 100%"
    for form in sorted(forms, key=lambda f: f.id):
        for block in form.blocks:
            used = any(t.field.startswith(f"{form.id}.{block.id}.") for t in (*rate.num, *rate.den))
            if used and block.optional:  # not in the blank template: say how to add it
                text += f"；如有此类项目，请在{form.short or form.title}增加「{block.titles[0]}」栏目"
    return text


def _standard(rule: ScoreRule) -> str:
    """评价标准, in words, from the rule."""
    if rule.kind == "declared":
        return rule.printed  # never rule.why: perfxl's own note ("附件4 没有公用经费数据") is not a standard
    if rule.kind == "bands":
        parts: list[str] = []
        low: float | None = None
        for band in rule.bands:
            if band.upto is None:
                parts.append(f">{fmt(low)}% 计{fmt(band.score)}分")
            else:
                cond = f"≤{fmt(band.upto)}%" if low is None else f"({fmt(low)}%,{fmt(band.upto)}%]"
                parts.append(f"{cond} 计{fmt(band.score)}分")
                low = band.upto
        text = "；".join(parts)
    else:
        side, cmp = ("超过", "≤") if rule.kind == "over" else ("低于", "≥")
        per = fmt(rule.per)
        steps = {
            "linear": "" if rule.per == 1 else f"(不足{per}个百分点按比例扣分)",
            "floor": "" if rule.per == 1 else f"(不足{per}个百分点不扣分)",
            "ceil": f"(不足{per}个百分点按{per}个百分点计)",
        }[rule.steps]
        text = f"{cmp}{fmt(rule.threshold)}% 计满分，每{side}{per}个百分点扣{fmt(rule.deduct)}分{steps}，扣完为止"
    return text + ("；无此类项目计满分" if rule.absent == "full" else "")


def _group_weight(rules: RuleSet, level1: str, level2: str | None = None) -> float | None:
    """The weight of a 一级 group, or of its 二级 child; None when the rules do not give one."""
    if level1 not in rules.groups:
        return None
    weight, children = rules.groups[level1]
    return weight if level2 is None else children.get(level2)


def write_score_table(sheet: Worksheet, form: FormDef, rules: RuleSet, styles: Formats, fill: Fill) -> None:
    """附件5 on ``sheet``: the columns the form names, one row per indicator, 得分/合计/等级 from ``fill``."""
    assert form.columns is not None
    col = {item: i for i, item in enumerate(item for item in _SCORE_LAYOUT if item[0] in form.columns)}
    parent = {child: name for name, (_, kids) in rules.groups.items() for child in kids}
    inds = rules.indicators
    texts = {
        "level1": [parent.get(i.group, "") for i in inds],
        "level2": [i.group for i in inds],
        "level3": [i.name for i in inds],
        "standard": [_standard(i.rule) for i in inds],
        "note": [_note(i.rule, rules) for i in inds],
        "weight": [],
        "score": [],
    }
    widths = [column_width([form.columns[role][0], *texts[role]], *_SCORE_WIDTHS[role]) for role, _ in col]
    widths = fit_widths(widths, landscape=True)
    for (role, _), c in col.items():
        sheet.set_column(c, c, widths[c])
        sheet.write_string(1, c, form.columns[role][0], styles["label"])
    write_title(sheet, form, len(col), styles)
    sheet.set_row(1, 24)
    _write_groups(sheet, rules, styles, col, list(zip(texts["level1"], texts["level2"], strict=True)))
    body_heights: list[float] = []
    for i, ind in enumerate(inds):
        write(sheet, 2 + i, col[("level3", 3)], ind.name, styles["text"])
        write(sheet, 2 + i, col[("weight", 3)], ind.weight, weight_format(styles, ind.weight))
        for role in ("standard", "note"):
            if (role, 0) in col:
                write(sheet, 2 + i, col[(role, 0)], texts[role][i] or None, styles["text"])
        lines = max(line_count(texts[role][i], widths[col[(role, lvl)]]) for role, lvl in col if texts[role])
        body_heights.append(max(22.0, lines * LINE + 6))
        sheet.set_row(2 + i, body_heights[-1])
    _write_scores(sheet, rules, styles, fill, col[("score", 0)])
    _write_total_rows(sheet, form, rules, styles, fill, 2 + len(inds), col[("score", 0)], col[("weight", 3)])
    sheet.freeze_panes(2, 0)
    print_setup(sheet, landscape=True, header_rows=2)
    heights = [TITLE_HEIGHT, 24.0, *body_heights, 24.0, 24.0]
    level1 = [(t,) for t in texts["level1"]]
    level2 = list(zip(texts["level1"], texts["level2"], strict=True))
    groups = [(2 + first, 2 + last) for keys in (level1, level2) for first, last in runs(keys)]
    sheet.set_h_pagebreaks(page_breaks(heights, groups, repeat=(0, 1), landscape=True))


def _write_groups(
    sheet: Worksheet, rules: RuleSet, styles: Formats, col: dict[tuple[str, int], int], pairs: list[tuple[str, str]]
) -> None:
    """一级 and 二级 names and weights, each merged over the rows of its indicators (from row 3)."""
    for level, keys in ((1, [(p,) for p, _ in pairs]), (2, pairs)):
        name_col, weight_col = col[(f"level{level}", level)], col[("weight", level)]
        for first, last in runs(keys):
            weight = _group_weight(rules, *keys[first])
            span(sheet, 2 + first, name_col, 2 + last, name_col, keys[first][-1], styles["centre"])
            span(
                sheet,
                2 + first,
                weight_col,
                2 + last,
                weight_col,
                weight,
                styles["centre"] if weight is None else weight_format(styles, weight),
            )


def _write_scores(sheet: Worksheet, rules: RuleSet, styles: Formats, fill: Fill, score_col: int) -> None:
    """The 得分 input cells, one per indicator or one merged over a ``merge_scores`` group."""
    merged = {group[0]: group for group in fill.merges}
    covered = {name for group in fill.merges for name in group[1:]}
    for i, ind in enumerate(rules.indicators):
        if ind.name in covered:
            continue
        group = merged.get(ind.name, (ind.name,))
        weight = sum(x.weight for x in rules.indicators if x.name in group)
        first, last = 2 + i, 1 + i + len(group)
        span(sheet, first, score_col, last, score_col, fill.scores.get(ind.name), styles["input"])
        sheet.data_validation(
            first,
            score_col,
            last,
            score_col,
            {
                "validate": "decimal",
                "criteria": "between",
                "minimum": 0,
                "maximum": weight,
                "error_type": "warning",
                "error_title": "请核对",
                "error_message": f"得分应在 0～{fmt(weight)} 分之间",
            },
        )


def _write_total_rows(
    sheet: Worksheet,
    form: FormDef,
    rules: RuleSet,
    styles: Formats,
    fill: Fill,
    row: int,
    score_col: int,
    weight_col: int,
) -> None:
    """合计 (weights' sum and the sum of the 得分 cells) and 等级 below the indicators."""
    span(sheet, row, 0, row, weight_col - 1, form.total_labels[0], styles["label"])
    write(sheet, row, weight_col, rules.max_total, weight_format(styles, rules.max_total, bold=True))
    if score_col - weight_col > 1:
        span(sheet, row, weight_col + 1, row, score_col - 1, None, styles["text"])
    if "total" in fill.other:
        write(sheet, row, score_col, fill.other["total"], styles["label"])
    else:
        cached = sum(v for v in fill.scores.values() if isinstance(v, int | float))
        cells = f"{xl_rowcol_to_cell(2, score_col)}:{xl_rowcol_to_cell(row - 1, score_col)}"
        sheet.write_formula(row, score_col, f"=SUM({cells})", styles["label"], cached)
    span(sheet, row + 1, 0, row + 1, score_col - 1, form.grade_labels[0], styles["label"])
    write(sheet, row + 1, score_col, fill.other.get("grade"), styles["input"])
    sheet.data_validation(
        row + 1,
        score_col,
        row + 1,
        score_col,
        {
            "validate": "list",
            "source": [g.grade for g in rules.grades],
            "error_type": "warning",
            "error_title": "请核对",
            "error_message": "请选择等级",
        },
    )
    sheet.set_row(row, 24)
    sheet.set_row(row + 1, 24)
