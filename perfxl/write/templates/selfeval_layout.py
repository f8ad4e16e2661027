"""Where each thing of a 自评表 template goes and what it says: its columns (from the rule set's ``EvalTemplate``),
the header fields and their spans, the funds block's columns and printed lines, the blank indicator rows, the labels
and the note of scoring rules. ``selfeval`` writes a sheet by these."""

from __future__ import annotations

from perfxl.read.values import fmt
from perfxl.rules import SelfEvalDef
from perfxl.rules.model import EvalTemplate

# 自评表: the national template's 一级 → 二级 indicators (docs/domain.md §1.1); a blank sheet gives each 二级 two rows.
_EVAL_LEVELS = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)
_EVAL_BLANK_ROWS = 2
_EVAL_FUNDS = ("initial", "annual", "executed", "weight", "rate", "score")  # funds columns, in order
EVAL_AMOUNTS = ("initial", "annual", "executed")
# an indicator row's values (as ``values`` give them); a column role reads the key of its own name but 三级指标's
EVAL_ROW_KEYS = (
    "level1",
    "level2",
    "name",
    "unit",
    "nature",
    "target",
    "actual",
    "weight",
    "coefficient",
    "score",
    "reason",
)
ROW_KEY = {"level3": "name"}
WIDTHS = {  # (min, max) column units of each indicator column
    "level1": (10, 14),
    "level2": (14, 20),
    "level3": (24, 34),
    "unit": (6, 8),
    "nature": (6, 8),
    "target": (14, 24),
    "actual": (14, 24),
    "weight": (7, 9),
    "coefficient": (7, 9),
    "score": (9, 11),
    "reason": (18, 30),
    "standard": (18, 30),
    "note": (14, 24),
}
INPUT_STYLES = {"target": "input_wrap", "actual": "input_wrap", "weight": "input", "score": "input"}
INPUT_STYLES |= {"unit": "input_wrap", "nature": "input_wrap", "coefficient": "input_percent"}
# Header fields of each layout, by row: (role, label). A role of the rule set's header takes this label when the
# rules list it, else the rules' first; the rest only print. perfxl reads a label's value from the first non-empty
# cell within four to its right, so a blank unit (and 自评总得分) input must have no label within that reach; a
# blank 项目名称 is recognised by the label right of it.
EVAL_HEADER: dict[str, tuple[tuple[tuple[str, str], ...], ...]] = {
    "project": (
        (("project", "项目名称"), ("declared_total", "自评总得分")),
        (("authority", "主管部门"), ("unit", "实施单位")),
    ),
    "department": (
        (("unit", "部门名称"),),
        (("contact", "联系人"), ("phone", "联系电话"), ("declared_total", "自评总得分")),
    ),
}
FUNDS_TITLE = {"project": "项目资金\n（万元）", "department": "年度预算资金\n（万元）"}
GOALS = ("年度总体目标", "预期目标", "实际完成情况")
# The national tiers' words; 良 has none (units read it either way, docs/domain.md §1.4), so the note leaves it out.
_TIER_WORDS = {"优": "达成", "中": "部分达成", "差": "未达成"}


def header_spans(fields: int, n: int) -> tuple[tuple[int, int, int], ...]:
    """(label column, first and last input column) of each of a header row's ``fields`` in ``n`` columns: one
    field takes the row; two share it in halves; three put a short pair first (联系人 | 联系电话) and the last in the
    right half."""
    half = n // 2
    if fields == 1:
        return ((0, 1, n - 1),)
    if fields == 2:
        return ((0, 1, half - 1), (half, half + 1, n - 1))
    return ((0, 1, 1), (2, 3, half - 1), (half, half + 1, n - 1))


def funds_layout(template: EvalTemplate, lines: int) -> dict[str, tuple[int, int]]:
    """Each funds column's (first, last) column: an amount takes two when the template splits amounts; they start
    in B, or in C when the block has several lines (B then holds each line's label)."""
    out: dict[str, tuple[int, int]] = {}
    col = 1 if lines == 1 else 2
    for role in _EVAL_FUNDS:
        width = 2 if template.split and role in EVAL_AMOUNTS else 1
        out[role] = (col, col + width - 1)
        col += width
    return out


def printed_funds_rows(spec: SelfEvalDef) -> list[str]:
    """The funds rows the template prints, in the rules' order."""
    chosen = spec.template.funds_rows
    return [row for row in spec.funds_rows if not chosen or row in chosen]


def layout_of(when: tuple[str, ...]) -> str:
    """A variant identified by a label (项目名称) is laid out as a project; the fallback as a department."""
    return "project" if when else "department"


def blank_rows() -> list[dict[str, object]]:
    return [
        {"level1": level1, "level2": level2}
        for level1, children in _EVAL_LEVELS
        for level2 in children
        for _ in range(_EVAL_BLANK_ROWS)
    ]


def header_label(spec: SelfEvalDef, role: str, label: str, when: tuple[str, ...]) -> str:
    if role == "project" and when:
        return when[0]
    labels = spec.header.get(role)
    return label if not labels or label in labels else labels[0]


def funds_row_label(labels: tuple[str, ...]) -> str:
    """The official label; "其中：…" when the rules know the row by it (a part of the total)."""
    part = next((lbl for lbl in labels if lbl.startswith("其中")), None)
    return labels[0] if part is None else part.replace(":", "：")


def _tiers_text(spec: SelfEvalDef) -> str:
    """ "达成 100%-80%、部分达成 80%-60%、未达成 60%-0%": one entry per distinct tier range, best first."""
    ranges: dict[tuple[float, float], list[str]] = {}
    for tier in spec.tiers:
        ranges.setdefault((tier.high, tier.low), []).append(tier.grade)
    worded = any(g in _TIER_WORDS for grades in ranges.values() for g in grades)
    parts = []
    for (high, low), grades in sorted(ranges.items(), reverse=True):
        word = next((_TIER_WORDS[g] for g in grades if g in _TIER_WORDS), None)
        if word is None and worded:
            continue
        parts.append(f"{word or '/'.join(grades)} {fmt(high * 100)}%-{fmt(low * 100)}%")
    return "、".join(parts)


def eval_note(spec: SelfEvalDef) -> str:
    cap = "，不超过分值" if spec.funds_cap else ""
    funds = f"执行率得分 = {funds_label(spec, 'weight')} × 执行率{cap}；自评总得分 = 执行率得分 + 绩效指标总分。"
    if "coefficient" in spec.template.indicators:
        return (
            f"注：指标得分 = 权重分值 × 得分系数；得分系数按指标完成程度在 0～100% 之间确定，定性指标按 "
            f"{_tiers_text(spec)} 确定。{funds}"
        )
    return (
        f"注：定量指标得分 = 分值 × 实际完成值 ÷ 年度指标值(反向指标相反)，不超过分值；定性指标按 "
        f"{_tiers_text(spec)} 计分。{funds}"
    )


def indicator_label(spec: SelfEvalDef, role: str) -> str:
    return spec.template.labels.get(role) or spec.indicator_columns[role][0]


def funds_label(spec: SelfEvalDef, role: str) -> str:
    return spec.template.labels.get(f"funds.{role}") or spec.funds_columns[role][0]
