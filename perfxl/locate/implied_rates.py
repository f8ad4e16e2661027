"""A share a row's words state beside the two figures it is a share of, where the row prints no formula for it
("调整后预算926.30万元，实际支出862.80万元，预算执行率95.14%"): held to those figures, the one spent, received or done
over the one budgeted or planned (docs/domain.md §14).

Only a share is read so (执行率, 到位率, 完成率, 控制率 …: a part over its whole), only where the words give exactly
two figures in one unit, and only where one is plainly the part (支出, 执行, 到位, 实有 …) and the other the whole
(预算, 计划, 批复, 编制 …): other words, a third figure or a 变动率 leave the stated rate as it is."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from perfxl.locate.column_formulas import ColumnFormula
from perfxl.locate.located import Hit
from perfxl.locate.stated_text import stated_figure
from perfxl.read.grid import row_of

_SHARES = ("执行率", "到位率", "完成率", "支出率", "使用率", "支付率", "拨付率", "兑现率", "控制率", "利用率")
_FIGURE = re.compile(
    r"(?P<label>[\u4e00-\u9fff“”\"]{2,16}?)(?:为|是|:|共|计|达)?(?P<figure>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s*(?P<unit>亿元|万元|元|人|台|个|项|辆)"
)
_PART = ("支出", "执行", "到位", "完成", "使用", "支付", "拨付", "决算", "实有", "在用", "实际")
_WHOLE = ("预算", "计划", "批复", "核定", "编制", "应到", "应完成", "总额", "全部")


class _Figure(NamedTuple):
    label: str
    figure: str
    unit: str


def implied_in_text(text: Hit | None, name: str) -> ColumnFormula | None:
    """The share the words of ``text`` state for the row ``name``, as a formula over the two figures they give."""
    if text is None or not isinstance(text.raw, str) or not text.raw:
        return None
    said = stated_figure(text.raw, name)
    if said is None or not said[0].endswith(_SHARES):
        return None
    words = unicodedata.normalize("NFKC", text.raw)
    figures = [_Figure(m["label"], m["figure"], m["unit"]) for m in _FIGURE.finditer(words)]
    parts = [f for f in figures if _is_part(f.label)]
    wholes = [f for f in figures if not _is_part(f.label) and any(w in f.label for w in _WHOLE)]
    if len(figures) != 2 or len(parts) != 1 or len(wholes) != 1 or parts[0].unit != wholes[0].unit:
        return None
    part, whole = _short(parts[0].label), _short(wholes[0].label)
    if part == whole:
        return None
    operands = (
        (part, Hit(text.sheet, text.cell, parts[0].figure, part)),
        (whole, Hit(text.sheet, text.cell, wholes[0].figure, whole)),
    )
    target = Hit(text.sheet, text.cell, said[1], said[0])
    shown = f"{said[0]}={part}/{whole}"
    return ColumnFormula(said[0], row_of(text.cell), None, shown, target, operands, (part, whole, "/"), True, False)


def _is_part(label: str) -> bool:
    """Words naming what was spent, received, done or held: "实际支出", "预算执行数", "实际到位资金", "实有人数" (a
    "执行" or "支出" outweighs the "预算" beside it)."""
    return any(word in label for word in _PART)


def _short(label: str) -> str:
    """The label from its last clause's start ("…，实际支出" is 实际支出)."""
    return re.split(r"[,，;；。、]", label)[-1].strip('“”"') or label
