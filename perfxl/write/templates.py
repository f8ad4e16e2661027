"""Blank official workbooks (附件4 基础数据表, 附件5 自评指标计分表) generated from a rule set.

Every title, label, indicator, weight and group comes from the RuleSet; this module only decides where
things go, in the layout perfxl's locator reads (locate.py). Input cells are unlocked and shaded.
``blocks`` form (附件4), portrait: row 1 title; row 2 A2 "<first unit label>：", B2 the unit input,
  "金额单位：万元" at the right; row 3 a thin spacer; from row 4 two rows per block: A = block title
  merged over both, B… the fields' first labels, the row below their inputs (block k: rows 4+2k, 5+2k).
``score_table`` form (附件5), landscape: row 1 title; row 2 header 一级指标 分值 二级指标 分值 三级指标 分值
  评价标准 指标说明 得分 (A…I); from row 3 one row per indicator, 一级/二级 name and weight merged over
  their rows, 得分 in I; then 合计 (A:E, weights' sum in F, =SUM of the 得分 cells in I), 等级 (A:H, input I).
``self_eval`` form (自评表, 财预〔2020〕10号), one landscape sheet per variant, named by its title, columns A…H:
  row 1 title "<year>年度<variant title>" (A:H); rows 2–3 the header: project A2 项目名称 B2:D2, E2 自评总得分
  F2:H2, A3 主管部门 B3:D3, E3 实施单位 F3:H3; department A2 部门名称 B2:H2, A3 联系人 B3, C3 联系电话 D3,
  E3 自评总得分 F3:H3 (labels, then their merged inputs);
  row 4 funds header C…H 年初预算数 全年预算数 全年执行数 分值 执行率 得分, the block label merged A4:A8;
  rows 5–8 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金 (labels in B, amounts C:E, 执行率 G;
  分值 F5 and 得分 H5 on the total row only, "—" below); rows 9–10 年度总体目标 (A9:A10; 预期目标 B:E,
  实际完成情况 F:H, inputs in row 10); row 11 indicator header 一级指标 二级指标 三级指标 年度指标值
  实际完成值 分值 得分 偏差原因分析及改进措施 (A…H); from row 12 the indicators (blank: two rows per
  standard 二级指标), 一级 and 二级 merged over their rows; then 绩效指标总分 (A:E, =SUM of 分值 in F and
  of 得分 in G) and a note row with the scoring rules (A:H).
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

from perfxl.read.values import fmt
from perfxl.rules import (
    BlockDef,
    FieldDef,
    FormDef,
    RuleSet,
    ScoreRule,
    SelfEvalDef,
    Term,
    available_rules,
    load_rules,
)

Sheet = Any  # xlsxwriter's Worksheet and Format are untyped
Style = Any

_FONT = "宋体"
_YELLOW, _GREY = "#FFF2CC", "#E7E6E6"
_CREATED = datetime(2020, 1, 1)  # fixed, so that regenerated templates are identical
_LINE = 14.0  # points per wrapped line of 10 pt text
_AMOUNT_UNIT = "金额单位：万元"
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
# 自评表: the national template's 一级 → 二级 indicators (DOMAIN §1.1); a blank sheet gives each 二级 two rows.
_EVAL_LEVELS = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)
_EVAL_BLANK_ROWS = 2
_EVAL_FUNDS = ("initial", "annual", "executed", "weight", "rate", "score")  # funds columns, C…H
_EVAL_AMOUNTS = ("initial", "annual", "executed")
_EVAL_COLUMNS = ("level1", "level2", "level3", "target", "actual", "weight", "score", "reason")  # indicators, A…H
_EVAL_ROW_KEYS = ("level1", "level2", "name", "target", "actual", "weight", "score", "reason")  # a values row
_EVAL_WIDTHS = ((10, 14), (14, 20), (24, 34), (14, 24), (14, 24), (7, 9), (9, 11), (18, 30))  # (min, max), A…H
# Header rows of each layout: (role, label, label column, first and last input column) per cell. A role of
# the rule set's header takes this label when the rules list it, else the rules' first; the rest only print.
# perfxl reads a label's value from the first non-empty cell within four to its right, so a blank unit
# (and 自评总得分) input must have no label within that reach; a blank 项目名称 is recognised by the label
# right of it.
_EVAL_HEADER: dict[str, tuple[tuple[tuple[str, str, int, int, int], ...], ...]] = {
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


@dataclass
class _Fill:
    """The ``values`` given to write_template, checked and sorted by where they go."""

    fields: dict[str, object] = field(default_factory=dict)
    scores: dict[str, object] = field(default_factory=dict)
    merges: list[tuple[str, ...]] = field(default_factory=list)
    other: dict[str, object] = field(default_factory=dict)  # "total", "grade"
    year: int | None = None
    evals: dict[str, dict[str, object]] = field(default_factory=dict)  # 自评表 variant -> slot -> value
    eval_rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)  # variant -> indicator rows


def write_template(
    rules: RuleSet, path: Path, values: Mapping[str, object] | None = None, unit: str | None = None
) -> None:
    """Write the official workbook of a rule set, blank or with ``values`` filled in; raise ValueError for an
    unknown key. ``unit`` fills 附件4's unit and each 自评表's unit cell unless values give that one.

    附件4/附件5 keys: a field key, "score:<指标>", "total", "grade", "merge_scores": [[指标, …], …].
    自评表 keys, per variant id v ("project", "department"): "eval.v.<header role>" (project, unit,
    declared_total; also authority 主管部门 on the project sheet, contact/phone 联系人/联系电话 on the
    department sheet), "eval.v.funds.<row>.<column>" (row total/appropriation/…; column initial/annual/
    executed/rate, and weight/score on the first row), "eval.v.goal.expected" / "eval.v.goal.actual",
    "eval.v.indicators" (a list of {"level1", "level2", "name", "target", "actual", "weight", "score",
    "reason"}, replacing the blank rows), "eval.v.total_score" (replaces the =SUM of 得分), and "year".
    """
    fill = _parse_values(rules, values or {})
    with xlsxwriter.Workbook(str(path)) as book:
        book.set_properties({"title": rules.title, "subject": rules.source, "created": _CREATED})
        styles = _Styles(book)
        for form in rules.forms.values():
            if form.self_eval is not None:
                for variant, title, when in form.self_eval.variants:
                    sheet = book.add_worksheet(title[:31])
                    _write_self_eval(sheet, form.self_eval, (variant, title, when), styles, fill, unit)
                continue
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


def _self_eval(rules: RuleSet) -> SelfEvalDef | None:
    return next((form.self_eval for form in rules.forms.values() if form.self_eval is not None), None)


def _layout(when: tuple[str, ...]) -> str:
    """A variant identified by a label (项目名称) is laid out as a project; the fallback as a department."""
    return "project" if when else "department"


def _eval_keys(spec: SelfEvalDef) -> dict[str, tuple[str, str]]:
    """Every 自评表 values key -> (variant, slot)."""
    keys: dict[str, tuple[str, str]] = {}
    for variant, _, when in spec.variants:
        slots = [cell[0] for row in _EVAL_HEADER[_layout(when)] for cell in row]
        slots += ["goal.expected", "goal.actual", "indicators", "total_score"]
        for i, row in enumerate(spec.funds_rows):
            columns = (*_EVAL_AMOUNTS, "rate", *(("weight", "score") if i == 0 else ()))
            slots += [f"funds.{row}.{column}" for column in columns]
        keys.update({f"eval.{variant}.{slot}": (variant, slot) for slot in slots})
    return keys


def _eval_rows(key: str, value: object) -> list[dict[str, object]]:
    if not isinstance(value, list | tuple) or not value:
        raise ValueError(f"{key}: expected a non-empty list of indicator rows")
    rows = []
    for item in value:
        if not isinstance(item, Mapping) or not set(item) <= set(_EVAL_ROW_KEYS):
            raise ValueError(f"{key}: {item!r} is not a dict with keys among {', '.join(_EVAL_ROW_KEYS)}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{key}: indicator {item!r} has no name")
        if not all(isinstance(item.get(level, ""), str) for level in ("level1", "level2")):
            raise ValueError(f"{key}: level1 and level2 of {name!r} must be text")
        row = {k: _cell_value(f"{key}: {name} {k}", item.get(k)) for k in _EVAL_ROW_KEYS}
        rows.append({**row, "level1": item.get("level1", ""), "level2": item.get("level2", "")})
    return rows


def _year(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value < 2100:
        return value
    raise ValueError(f"year: expected a four-digit year, got {value!r}")


def _parse_values(rules: RuleSet, values: Mapping[str, object]) -> _Fill:
    keys = {f.key for form in rules.forms.values() for b in form.blocks for f in b.fields}
    names = [ind.name for ind in rules.indicators]
    spec = _self_eval(rules)
    eval_keys = _eval_keys(spec) if spec is not None else {}
    fill = _Fill()
    for key, value in values.items():
        if key in keys:
            fill.fields[key] = _cell_value(key, value)
        elif key in eval_keys:
            variant, slot = eval_keys[key]
            if slot == "indicators":
                fill.eval_rows[variant] = _eval_rows(key, value)
            else:
                fill.evals.setdefault(variant, {})[slot] = _cell_value(key, value)
        elif key == "year" and spec is not None:
            fill.year = _year(value)
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
        self.input_text = self.get(border=1, text_wrap=True, locked=False, bg_color=_YELLOW)
        self.input_wrap = self.get(border=1, text_wrap=True, align="center", locked=False, bg_color=_YELLOW)
        self.input_block = self.get(border=1, text_wrap=True, valign="top", locked=False, bg_color=_YELLOW)
        self.amount = self.get(border=1, align="right", num_format="#,##0.00", locked=False, bg_color=_YELLOW)
        self.note = self.get(text_wrap=True, font_size=9)

    def get(self, **props: object) -> Style:
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self.book.add_format({"font_name": _FONT, "font_size": 10, "valign": "vcenter", **props})
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
        steps = {
            "linear": "" if rule.per == 1 else f"(不足{per}个百分点按比例扣分)",
            "floor": "" if rule.per == 1 else f"(不足{per}个百分点不扣分)",
            "ceil": f"(不足{per}个百分点按{per}个百分点计)",
        }[rule.steps]
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
    texts = {
        "level1": [parent.get(i.group, "") for i in inds],
        "level2": [i.group for i in inds],
        "level3": [i.name for i in inds],
        "standard": [_standard(i.rule) for i in inds],
        "note": [_note(i.rule, rules) for i in inds],
        "weight": [],
        "score": [],
    }
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
            _span(
                sheet,
                2 + first,
                weight_col,
                2 + last,
                weight_col,
                weight,
                styles.centre if weight is None else styles.weight(weight),
            )


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
    sheet: Sheet, form: FormDef, rules: RuleSet, styles: _Styles, fill: _Fill, row: int, score_col: int, weight_col: int
) -> None:
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


# ---------------------------------------------------------------- 自评表: self_eval


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


def _write_self_eval(
    sheet: Sheet,
    spec: SelfEvalDef,
    variant: tuple[str, str, tuple[str, ...]],
    styles: _Styles,
    fill: _Fill,
    unit: str | None,
) -> None:
    vid, title, when = variant
    layout = _layout(when)
    cells = fill.evals.get(vid, {})
    rows = fill.eval_rows.get(vid) or _blank_eval_rows()
    funds_head = 1 + len(_EVAL_HEADER[layout])
    goals = funds_head + 1 + len(spec.funds_rows)
    head = goals + 2  # the indicator header
    texts: list[list[str]] = [[] for _ in _EVAL_COLUMNS]
    for row in rows:
        for c, key in enumerate(_EVAL_ROW_KEYS):
            texts[c].append(str(row.get(key) or ""))
    texts[1] += [_funds_row_label(labels) for labels in spec.funds_rows.values()]
    widths = [_width(t, low, high) for t, (low, high) in zip(texts, _EVAL_WIDTHS, strict=True)]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    year = f"{fill.year}" if fill.year is not None else "____"
    _span(sheet, 0, 0, 0, len(widths) - 1, f"{year}年度{title}", styles.title)
    sheet.set_row(0, 32)
    for r, header in enumerate(_EVAL_HEADER[layout], start=1):
        for role, label, col, first, last in header:
            value = cells.get(role, unit if role == "unit" else None)
            sheet.write_string(r, col, _header_label(spec, role, label, when), styles.label)
            numeric = role == "declared_total"
            _span(sheet, r, first, r, last, value, styles.input if numeric else styles.input_text)
            if numeric:
                total_check = {**_WEIGHT_CHECK, "error_message": "自评总得分应在 0～100 分之间"}
                sheet.data_validation(r, first, r, last, total_check)
        sheet.set_row(r, 24)
    _write_eval_funds(sheet, spec, _EVAL_FUNDS_TITLE[layout], funds_head, cells, styles)
    _write_eval_goals(sheet, goals, cells, styles, widths)
    total = _write_eval_indicators(sheet, spec, head, rows, styles, widths)
    _write_eval_total(sheet, spec, head + 1, total, rows, cells, styles)
    note = _eval_note(spec)
    _span(sheet, total + 1, 0, total + 1, len(widths) - 1, note, styles.note)
    sheet.set_row(total + 1, _lines(note, sum(widths) * 1.1) * 13 + 6)  # 9 pt text: narrower characters
    sheet.set_selection(1, 1, 1, 1)
    _print_setup(sheet, landscape=True, header_rows=1)
    sheet.repeat_rows(head)  # a table running onto the next page keeps its column labels


def _write_eval_funds(
    sheet: Sheet, spec: SelfEvalDef, title: str, head: int, cells: Mapping[str, object], styles: _Styles
) -> None:
    """The funds header row at ``head`` and one row per funds row below it; the block title merged down A."""
    _span(sheet, head, 0, head + len(spec.funds_rows), 0, title, styles.label)
    sheet.write_blank(head, 1, None, styles.label)
    col = {role: 2 + i for i, role in enumerate(_EVAL_FUNDS)}
    for role, c in col.items():
        sheet.write_string(head, c, spec.funds_columns[role][0], styles.label)
    sheet.set_row(head, 24)
    weight = cells.get(f"funds.{next(iter(spec.funds_rows))}.weight", spec.funds_weight)
    for i, (row_id, labels) in enumerate(spec.funds_rows.items()):
        r = head + 1 + i
        sheet.write_string(r, 1, _funds_row_label(labels), styles.text)
        for role in _EVAL_AMOUNTS:
            _write(sheet, r, col[role], cells.get(f"funds.{row_id}.{role}"), styles.amount)
        sheet.data_validation(r, col["initial"], r, col["executed"], _AMOUNT_CHECK)
        _write(sheet, r, col["rate"], cells.get(f"funds.{row_id}.rate"), styles.derived)
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
            style = styles.weight(weight) if isinstance(weight, int | float) else styles.centre
            _write(sheet, r, col["weight"], weight, style)
            _write(sheet, r, col["score"], cells.get(f"funds.{row_id}.score"), styles.input)
            sheet.data_validation(r, col["score"], r, col["score"], _score_check(weight, r, col["weight"]))
        else:
            sheet.write_string(r, col["weight"], "—", styles.centre)
            sheet.write_string(r, col["score"], "—", styles.centre)
        sheet.set_row(r, 22)


def _write_eval_goals(
    sheet: Sheet, row: int, cells: Mapping[str, object], styles: _Styles, widths: list[float]
) -> None:
    """年度总体目标: 预期目标 (B:E) and 实际完成情况 (F:H), each a large text input below its label."""
    block, expected, actual = _EVAL_GOALS
    _span(sheet, row, 0, row + 1, 0, block, styles.label)
    _span(sheet, row, 1, row, 4, expected, styles.label)
    _span(sheet, row, 5, row, 7, actual, styles.label)
    values = (cells.get("goal.expected"), cells.get("goal.actual"))
    _span(sheet, row + 1, 1, row + 1, 4, values[0], styles.input_block)
    _span(sheet, row + 1, 5, row + 1, 7, values[1], styles.input_block)
    lines = max(_lines(str(values[0] or ""), sum(widths[1:5])), _lines(str(values[1] or ""), sum(widths[5:8])))
    sheet.set_row(row, 22)
    sheet.set_row(row + 1, max(4 * _LINE + 6, lines * _LINE + 6))


def _write_eval_indicators(
    sheet: Sheet, spec: SelfEvalDef, head: int, rows: list[dict[str, object]], styles: _Styles, widths: list[float]
) -> int:
    """The header at ``head`` and a row per indicator below it; returns the row after the last indicator."""
    labels = [spec.indicator_columns[role][0] for role in _EVAL_COLUMNS]
    for c, label in enumerate(labels):
        sheet.write_string(head, c, label, styles.label)
    sheet.set_row(head, max(_lines(label, widths[c]) for c, label in enumerate(labels)) * _LINE + 6)
    first = head + 1
    level1 = [(str(row["level1"]),) for row in rows]
    level2 = [(str(row["level1"]), str(row["level2"])) for row in rows]
    for c, keys in ((0, level1), (1, level2)):
        for a, b in _runs(keys):
            _span(sheet, first + a, c, first + b, c, keys[a][-1] or None, styles.centre)
    inputs = (
        ("name", styles.input_text),
        ("target", styles.input_wrap),
        ("actual", styles.input_wrap),
        ("weight", styles.input),
        ("score", styles.input),
        ("reason", styles.input_text),
    )
    for i, row in enumerate(rows):
        r = first + i
        for c, (key, style) in enumerate(inputs, start=2):
            _write(sheet, r, c, row.get(key), style)
        sheet.data_validation(r, 5, r, 5, _WEIGHT_CHECK)
        sheet.data_validation(r, 6, r, 6, _score_check(row.get("weight"), r, 5))
        lines = max(_lines(str(row.get(key) or ""), widths[c]) for c, (key, _) in enumerate(inputs, start=2))
        sheet.set_row(r, max(22.0, lines * _LINE + 6))
    return first + len(rows)


def _write_eval_total(
    sheet: Sheet,
    spec: SelfEvalDef,
    first: int,
    row: int,
    rows: list[dict[str, object]],
    cells: Mapping[str, object],
    styles: _Styles,
) -> None:
    """绩效指标总分: the sums of 分值 (F) and 得分 (G) over the indicator rows first…row-1."""
    _span(sheet, row, 0, row, 4, spec.total_labels[0], styles.label)
    for col, key in ((5, "weight"), (6, "score")):
        cached = sum(v for v in (r.get(key) for r in rows) if isinstance(v, int | float))
        style = styles.get(border=1, align="center", bold=True)  # General: the sums may have decimals
        if key == "score" and "total_score" in cells:
            _write(sheet, row, col, cells["total_score"], style)
        else:
            cells_range = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(row - 1, col)}"
            sheet.write_formula(row, col, f"=SUM({cells_range})", style, cached)
    sheet.write_blank(row, 7, None, styles.text)
    sheet.set_row(row, 24)
