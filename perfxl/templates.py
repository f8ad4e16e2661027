"""Blank official workbooks (附件4 基础数据表, 附件5 自评指标计分表) generated from a rule set.

Every title, label, indicator, weight and group comes from the RuleSet; this module only decides where
things go, in the layout perfxl's locator reads (locate.py). Input cells are unlocked and shaded.
``blocks`` form (附件4), portrait: row 1 title; row 2 A2 "<first unit label>：", B2 the unit input,
  "金额单位：万元" at the right; row 3 a thin spacer; from row 4 two rows per block: A = block title
  merged over both, B… the fields' first labels, the row below their inputs (block k: rows 4+2k, 5+2k).
``score_table`` form (附件5), landscape: row 1 title; row 2 header 一级指标 分值 二级指标 分值 三级指标 分值
  评价标准 指标说明 得分 (A…I); from row 3 one row per indicator, 一级/二级 name and weight merged over
  their rows, 得分 in I; then 合计 (A:E, weights' sum in F, =SUM of the 得分 cells in I), 等级 (A:H, input I).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.utility import xl_rowcol_to_cell  # type: ignore[import-untyped]

from .ruleset import BlockDef, FieldDef, FormDef, RuleSet, ScoreRule, Term, available_rules, load_rules
from .values import fmt

Sheet = Any  # xlsxwriter's Worksheet and Format are untyped
Style = Any

_FONT = "宋体"
_YELLOW, _GREY = "#FFF2CC", "#E7E6E6"
_CREATED = datetime(2020, 1, 1)  # fixed, so that regenerated templates are identical
_LINE = 14.0  # points per wrapped line of 10 pt text
_AMOUNT_UNIT = "金额单位：万元"
# 附件5 columns left to right: (role in FormDef.columns, indicator level the 分值 column belongs to).
_SCORE_LAYOUT = (("level1", 1), ("weight", 1), ("level2", 2), ("weight", 2), ("level3", 3), ("weight", 3),
                 ("standard", 0), ("note", 0), ("score", 0))
_SCORE_WIDTHS = {"level1": (8, 12), "level2": (10, 14), "level3": (14, 24), "weight": (6, 7),
                 "standard": (24, 44), "note": (20, 34), "score": (8, 9)}  # (min, max) column widths


@dataclass
class _Fill:
    """The ``values`` given to write_template, checked and sorted by where they go."""

    fields: dict[str, object] = field(default_factory=dict)
    scores: dict[str, object] = field(default_factory=dict)
    merges: list[tuple[str, ...]] = field(default_factory=list)
    other: dict[str, object] = field(default_factory=dict)  # "total", "grade"


def write_template(
    rules: RuleSet, path: Path, values: Mapping[str, object] | None = None, unit: str | None = None
) -> None:
    """Write the official workbook of a rule set, blank or with ``values`` (field key, "score:<指标>",
    "total", "grade", "merge_scores": [[指标, …], …]) filled in; raise ValueError for an unknown key."""
    fill = _parse_values(rules, values or {})
    with xlsxwriter.Workbook(str(path)) as book:
        book.set_properties({"title": rules.title, "subject": rules.source, "created": _CREATED})
        styles = _Styles(book)
        for form in rules.forms.values():
            if form.kind == "self_eval":
                continue  # not yet generated: see the issue on the 自评表 family
            sheet = book.add_worksheet((form.short or form.title)[:31])
            if form.kind == "blocks":
                _write_blocks(sheet, form, rules, styles, fill, unit)
            else:
                _write_score_table(sheet, form, rules, styles, fill)


def write_all_templates(folder: Path) -> list[Path]:
    """``<folder>/<name>.xlsx`` for every built-in rule set."""
    paths = [folder / f"{name}.xlsx" for name in available_rules()]
    for path in paths:
        write_template(load_rules(path.stem), path)
    return paths


# ---------------------------------------------------------------- values


def _cell_value(key: str, value: object) -> object:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return value
    raise ValueError(f"template value {key!r}: expected a number, a string or None, got {value!r}")


def _merge_groups(value: object, names: list[str]) -> list[tuple[str, ...]]:
    if not isinstance(value, list | tuple):
        raise ValueError("merge_scores: expected a list of lists of indicator names")
    groups: list[tuple[str, ...]] = []
    for group in value:
        members = tuple(group) if isinstance(group, list | tuple) else ()
        if len(members) < 2 or any(m not in names for m in members):
            raise ValueError(f"merge_scores: {group!r} is not a list of two or more indicator names")
        rows = [names.index(m) for m in members]
        if rows != list(range(rows[0], rows[0] + len(rows))):
            raise ValueError(f"merge_scores: {group!r} are not adjacent indicators in rule order")
        if any(set(members) & set(other) for other in groups):
            raise ValueError(f"merge_scores: {group!r} overlaps another group")
        groups.append(members)
    return groups


def _parse_values(rules: RuleSet, values: Mapping[str, object]) -> _Fill:
    keys = {f.key for form in rules.forms.values() for b in form.blocks for f in b.fields}
    names = [ind.name for ind in rules.indicators]
    fill = _Fill()
    for key, value in values.items():
        if key in keys:
            fill.fields[key] = _cell_value(key, value)
        elif key.startswith("score:") and key[6:] in names:
            fill.scores[key[6:]] = _cell_value(key, value)
        elif key in ("total", "grade"):
            fill.other[key] = _cell_value(key, value)
        elif key == "merge_scores":
            fill.merges = _merge_groups(value, names)
        else:
            raise ValueError(f"unknown template value key {key!r} for rule set {rules.name!r}")
    for group in fill.merges:
        if any(m in fill.scores for m in group[1:]):
            raise ValueError(f"merge_scores: give the score of {group!r} on its first member only")
    return fill


# ---------------------------------------------------------------- cells


class _Styles:
    """Cell formats, created once per workbook."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self._cache: dict[tuple[tuple[str, object], ...], Style] = {}
        self.title = self.get(bold=True, font_size=16, align="center")
        self.label = self.get(bold=True, border=1, text_wrap=True, align="center")
        self.text = self.get(border=1, text_wrap=True)
        self.centre = self.get(border=1, text_wrap=True, align="center")
        self.right = self.get(align="right")
        self.input = self.get(border=1, align="center", locked=False, bg_color=_YELLOW)
        self.derived = self.get(border=1, align="center", locked=False, bg_color=_GREY)

    def get(self, **props: object) -> Style:
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self.book.add_format({"font_name": _FONT, "font_size": 10, "valign": "vcenter",
                                                     **props})
        return self._cache[key]

    def weight(self, value: float, bold: bool = False) -> Style:
        number = '0"分"' if float(value).is_integer() else '0.0#"分"'
        return self.get(border=1, align="center", num_format=number, bold=bold)


def _write(sheet: Sheet, row: int, col: int, value: object, style: Style) -> None:
    """Numbers as numbers, text as text exactly as given (never parsed), None as a formatted blank."""
    if value is None:
        sheet.write_blank(row, col, None, style)
    elif isinstance(value, str):
        sheet.write_string(row, col, value, style)
    else:
        sheet.write_number(row, col, value, style)


def _span(sheet: Sheet, r1: int, c1: int, r2: int, c2: int, value: object, style: Style) -> None:
    if (r1, c1) != (r2, c2):
        sheet.merge_range(r1, c1, r2, c2, "", style)
    _write(sheet, r1, c1, value, style)


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _width(texts: Iterable[str], low: float, high: float) -> float:
    return min(max([low, *(_text_width(t) + 2 for t in texts)]), high)


def _lines(text: str, width: float) -> int:
    return max(1, math.ceil(_text_width(text) / max(width - 2, 1)))


def _print_setup(sheet: Sheet, landscape: bool, header_rows: int) -> None:
    sheet.set_paper(9)  # A4
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, header_rows - 1)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.75)
    sheet.center_horizontally()
    sheet.set_footer("&C第 &P 页，共 &N 页")


def _title(sheet: Sheet, form: FormDef, ncols: int, styles: _Styles) -> None:
    _span(sheet, 0, 0, 0, ncols - 1, f"{form.short}  {form.title}" if form.short else form.title, styles.title)
    sheet.set_row(0, 32)


# ---------------------------------------------------------------- 附件4: blocks


def _validation(fld: FieldDef) -> dict[str, object]:
    hints = []
    rule: dict[str, object]
    if fld.type == "count":
        rule = {"validate": "integer", "criteria": ">=", "value": 0, "error_message": "请填写不小于 0 的整数"}
    elif fld.type in ("money", "number"):
        rule = {"validate": "decimal", "criteria": "between", "minimum": -1e12, "maximum": 1e12,
                "error_message": "请填写数字"}
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


def _write_blocks(sheet: Sheet, form: FormDef, rules: RuleSet, styles: _Styles, fill: _Fill, unit: str | None) -> None:
    # Optional blocks (e.g. 楼堂馆所) are left out unless values fill them: a written but empty block would
    # be read as present and every blank cell in it reported as missing.
    blocks = [b for b in form.blocks if not b.optional or any(f.key in fill.fields for f in b.fields)]
    ncols = max(4, 1 + max((len(b.fields) for b in blocks), default=1))
    widths = [_width((b.titles[0] for b in blocks), 10, 18)]
    widths += [_width((b.fields[c - 1].name for b in blocks if c <= len(b.fields)), 10, 14) for c in range(1, ncols)]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    _title(sheet, form, ncols, styles)
    sheet.write_string(1, 0, f"{rules.unit_labels[0]}：", styles.right)
    _span(sheet, 1, 1, 1, ncols - 3, unit, styles.input)
    _span(sheet, 1, ncols - 2, 1, ncols - 1, _AMOUNT_UNIT, styles.right)
    sheet.set_row(1, 22)
    # The spacer keeps the cell below the unit label empty: perfxl reads a blank unit's value from the
    # cell below its label, which would otherwise be the first block title.
    sheet.set_row(2, 6)
    for k, block in enumerate(blocks):
        _write_block(sheet, 3 + 2 * k, block, widths, styles, fill)
    sheet.set_selection(1, 1, 1, 1)
    _print_setup(sheet, landscape=False, header_rows=1)


def _write_block(sheet: Sheet, row: int, block: BlockDef, widths: list[float], styles: _Styles, fill: _Fill) -> None:
    _span(sheet, row, 0, row + 1, 0, block.titles[0], styles.label)
    for col, fld in enumerate(block.fields, start=1):
        sheet.write_string(row, col, fld.name, styles.label)
        _write(sheet, row + 1, col, fill.fields.get(fld.key), styles.derived if fld.derived else styles.input)
        sheet.data_validation(row + 1, col, row + 1, col, _validation(fld))
    labels = max((_lines(f.name, widths[c]) for c, f in enumerate(block.fields, start=1)), default=1)
    title = _lines(block.titles[0], widths[0]) * _LINE + 6 - 22  # the value row below is 22 pt
    sheet.set_row(row, max(labels * _LINE + 6, title))
    sheet.set_row(row + 1, 22)


# ---------------------------------------------------------------- 附件5: score table


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
        return rule.why
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
        steps = {"linear": "" if rule.per == 1 else f"(不足{per}个百分点按比例扣分)",
                 "floor": "" if rule.per == 1 else f"(不足{per}个百分点不扣分)",
                 "ceil": f"(不足{per}个百分点按{per}个百分点计)"}[rule.steps]
        text = f"{cmp}{fmt(rule.threshold)}% 计满分，每{side}{per}个百分点扣{fmt(rule.deduct)}分{steps}，扣完为止"
    return text + ("；无此类项目计满分" if rule.absent == "full" else "")


def _runs(keys: Sequence[object]) -> list[tuple[int, int]]:
    """(first, last) index of each run of equal consecutive keys."""
    runs: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        if runs and keys[runs[-1][0]] == key:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _group_weight(rules: RuleSet, level1: str, level2: str | None = None) -> float | None:
    """The weight of a 一级 group, or of its 二级 child; None when the rules do not give one."""
    if level1 not in rules.groups:
        return None
    weight, children = rules.groups[level1]
    return weight if level2 is None else children.get(level2)


def _write_score_table(sheet: Sheet, form: FormDef, rules: RuleSet, styles: _Styles, fill: _Fill) -> None:
    assert form.columns is not None
    col = {item: i for i, item in enumerate(item for item in _SCORE_LAYOUT if item[0] in form.columns)}
    parent = {child: name for name, (_, kids) in rules.groups.items() for child in kids}
    inds = rules.indicators
    texts = {"level1": [parent.get(i.group, "") for i in inds], "level2": [i.group for i in inds],
             "level3": [i.name for i in inds], "standard": [_standard(i.rule) for i in inds],
             "note": [_note(i.rule, rules) for i in inds], "weight": [], "score": []}
    widths = [_width([form.columns[role][0], *texts[role]], *_SCORE_WIDTHS[role]) for role, _ in col]
    for (role, _), c in col.items():
        sheet.set_column(c, c, widths[c])
        sheet.write_string(1, c, form.columns[role][0], styles.label)
    _title(sheet, form, len(col), styles)
    sheet.set_row(1, 24)
    _write_groups(sheet, rules, styles, col, list(zip(texts["level1"], texts["level2"], strict=True)))
    for i, ind in enumerate(inds):
        _write(sheet, 2 + i, col[("level3", 3)], ind.name, styles.text)
        _write(sheet, 2 + i, col[("weight", 3)], ind.weight, styles.weight(ind.weight))
        for role in ("standard", "note"):
            if (role, 0) in col:
                _write(sheet, 2 + i, col[(role, 0)], texts[role][i] or None, styles.text)
        lines = max(_lines(texts[role][i], widths[col[(role, lvl)]]) for role, lvl in col if texts[role])
        sheet.set_row(2 + i, max(22.0, lines * _LINE + 6))
    _write_scores(sheet, rules, styles, fill, col[("score", 0)])
    _write_total_rows(sheet, form, rules, styles, fill, 2 + len(inds), col[("score", 0)], col[("weight", 3)])
    sheet.freeze_panes(2, 0)
    _print_setup(sheet, landscape=True, header_rows=2)


def _write_groups(
    sheet: Sheet, rules: RuleSet, styles: _Styles, col: dict[tuple[str, int], int], pairs: list[tuple[str, str]]
) -> None:
    """一级 and 二级 names and weights, each merged over the rows of its indicators (from row 3)."""
    for level, keys in ((1, [(p,) for p, _ in pairs]), (2, pairs)):
        name_col, weight_col = col[(f"level{level}", level)], col[("weight", level)]
        for first, last in _runs(keys):
            weight = _group_weight(rules, *keys[first])
            _span(sheet, 2 + first, name_col, 2 + last, name_col, keys[first][-1], styles.centre)
            _span(sheet, 2 + first, weight_col, 2 + last, weight_col, weight,
                  styles.centre if weight is None else styles.weight(weight))


def _write_scores(sheet: Sheet, rules: RuleSet, styles: _Styles, fill: _Fill, score_col: int) -> None:
    """The 得分 input cells, one per indicator or one merged over a ``merge_scores`` group."""
    merged = {group[0]: group for group in fill.merges}
    covered = {name for group in fill.merges for name in group[1:]}
    for i, ind in enumerate(rules.indicators):
        if ind.name in covered:
            continue
        group = merged.get(ind.name, (ind.name,))
        weight = sum(x.weight for x in rules.indicators if x.name in group)
        first, last = 2 + i, 1 + i + len(group)
        _span(sheet, first, score_col, last, score_col, fill.scores.get(ind.name), styles.input)
        sheet.data_validation(first, score_col, last, score_col, {
            "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": weight,
            "error_type": "warning", "error_title": "请核对", "error_message": f"得分应在 0～{fmt(weight)} 分之间"})


def _write_total_rows(sheet: Sheet, form: FormDef, rules: RuleSet, styles: _Styles, fill: _Fill, row: int,
                      score_col: int, weight_col: int) -> None:
    """合计 (weights' sum and the sum of the 得分 cells) and 等级 below the indicators."""
    _span(sheet, row, 0, row, weight_col - 1, form.total_labels[0], styles.label)
    _write(sheet, row, weight_col, rules.max_total, styles.weight(rules.max_total, bold=True))
    if score_col - weight_col > 1:
        _span(sheet, row, weight_col + 1, row, score_col - 1, None, styles.text)
    if "total" in fill.other:
        _write(sheet, row, score_col, fill.other["total"], styles.label)
    else:
        cached = sum(v for v in fill.scores.values() if isinstance(v, int | float))
        cells = f"{xl_rowcol_to_cell(2, score_col)}:{xl_rowcol_to_cell(row - 1, score_col)}"
        sheet.write_formula(row, score_col, f"=SUM({cells})", styles.label, cached)
    _span(sheet, row + 1, 0, row + 1, score_col - 1, form.grade_labels[0], styles.label)
    _write(sheet, row + 1, score_col, fill.other.get("grade"), styles.input)
    sheet.data_validation(row + 1, score_col, row + 1, score_col, {
        "validate": "list", "source": [g.grade for g in rules.grades], "error_type": "warning",
        "error_title": "请核对", "error_message": "请选择等级"})
    sheet.set_row(row, 24)
    sheet.set_row(row + 1, 24)
