"""A share a row's words state beside the two figures it is a share of, where the row prints no formula for it
("调整后预算926.30万元，实际支出862.80万元，预算执行率95.14%"): held to those figures, the one spent, received or done
over the one budgeted or planned (docs/domain.md §14).

Only a share is read so (执行率, 到位率, 完成率, 控制率 …: a part over its whole), named as the row is (not "其中中央
资金到位率" under 资金到位率), only where the words give exactly two figures in one unit, and only where one is plainly
the part (实际支出, 执行数, 到位, 实有, 在职 …) and the other the whole (预算, 计划, 批复, 编制, 应 …): a change on last
year, a 其中 item, an approximate figure ("约1,280万元"), a third figure or a 完成率 over money (tasks are counted, not
paid) leave the stated rate as it is. Where the figures give another rate it is said as a warning, and the row is
scored on the rate it states: which two figures the unit meant is read, not printed."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from perfxl.locate.column_formulas import ColumnFormula
from perfxl.locate.located import Hit
from perfxl.locate.stated_text import alike_rate, stated_figure
from perfxl.read.grid import row_of

# each share and the words of its part: what is spent for an 执行率, what arrived for a 到位率 (spending is no arrival)
_PARTS = {
    "执行率": ("执行", "支出", "决算", "使用", "支付", "拨付"),
    "支出率": ("执行", "支出", "决算"),
    "到位率": ("到位", "拨付", "下达", "到账"),
    "完成率": ("完成",),
    "完工率": ("完成", "完工"),
    "兑现率": ("兑现",),
    "支付率": ("支付", "拨付"),
    "拨付率": ("拨付", "支付", "下达"),
    "使用率": ("使用", "支出", "支付"),
    "控制率": ("实际", "支出", "实有", "在职", "决算", "追加", "调增", "调减"),  # 预算控制率: 追加 ÷ 年初
    "调整率": ("追加", "调增", "调减", "调整数"),
    "利用率": ("在用", "使用", "利用"),
    "满意度": ("满意",),  # "发放问卷200份，…满意及基本满意176份，满意度88%": the satisfied of those asked
    "满意率": ("满意",),
}
_SHARES = tuple(_PARTS)
_FIGURE = re.compile(
    r"(?P<label>[\u4e00-\u9fff“”\"]{2,16}?)(?:为|是|:|共|计|达)?(?P<figure>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s*(?P<unit>亿元|万元|元|人次|人|台|个|项|辆|公里|平方米|户|所|套|份)"
)
_WHOLE = ("预算", "计划", "批复", "核定", "编制", "应", "总额", "原值")
# a part's words that outweigh a whole's beside them ("预算执行数", "实际支出", "本年预算追加数")
_OUTWEIGH = ("执行数", "实际", "决算", "追加", "调增", "调减", "调整数", "在用", "已完成", "已发放")
# a figure of something else: a change on last year, a 其中 item, a carry-over, an approximate figure, one component
# of spending (基本支出 is no 执行数)
_NEITHER = (
    "其中", "较", "比上年", "增加", "减少", "增长", "下降", "结余", "结转", "约", "近", "超过", "全部",
    "基本支出", "人员", "公用",
)  # fmt: skip
_COUNTED = ("完成率", "完工率", "兑现率")  # shares of tasks or promises: over counts, not money


class _Figure(NamedTuple):
    label: str
    figure: str
    unit: str


def implied_in_text(text: Hit | None, name: str) -> ColumnFormula | None:
    """The share the words of ``text`` state for the row ``name``, as a formula over the two figures they give."""
    if text is None or not isinstance(text.raw, str) or not text.raw:
        return None
    said = stated_figure(text.raw, name)
    if said is None or not said[0].endswith(_SHARES) or not alike_rate(name).endswith(alike_rate(said[0])):
        return None
    words = unicodedata.normalize("NFKC", text.raw.replace("，", "；"))  # a "，" ends a clause, groups no thousands
    figures = [_Figure(_short(m["label"]), m["figure"], m["unit"]) for m in _FIGURE.finditer(words)]
    kind = next(share for share in _SHARES if said[0].endswith(share))
    pair = _surveyed(figures) if kind in _SURVEYS else _part_and_whole(figures, kind)
    if pair is None or pair[0].unit != pair[1].unit or any(_neither(f.label, name) for f in pair):
        return None
    if said[0].endswith(_COUNTED) and pair[0].unit.endswith("元"):
        return None
    part, whole = pair[0].label, pair[1].label
    if part == whole:
        return None
    operands = (
        (part, Hit(text.sheet, text.cell, pair[0].figure, part)),
        (whole, Hit(text.sheet, text.cell, pair[1].figure, whole)),
    )
    target = Hit(text.sheet, text.cell, said[1], said[0])
    shown = f"{said[0]}={part}/{whole}"
    expr = (part, whole, "/")
    return ColumnFormula(said[0], row_of(text.cell), None, shown, target, operands, expr, True, False, soft=True)


def survey_shares(text: str) -> list[float]:
    """Every share of the satisfied a survey's counts may give, in %, where words give only counts: of each count of
    those asked (发放, 回收, 有效 …), the satisfied (满意 alone, or with 基本满意) or those not dissatisfied
    ("抽样调查市民300人，满意276人": [92]; "电话回访300户，满意282户，基本满意12户，不满意6户": [94, 98]); none
    where a count is of another unit or no count of the satisfied or dissatisfied is given."""
    words = unicodedata.normalize("NFKC", text.replace("，", "；"))
    figures = [_Figure(_short(m["label"]), m["figure"], m["unit"]) for m in _FIGURE.finditer(words)]
    asked = [f for f in figures if "满意" not in f.label and any(word in f.label for word in _ASKED)]
    happy = [f for f in figures if "满意" in f.label and "不满意" not in f.label]
    unhappy = [f for f in figures if "不满意" in f.label]
    if not asked or len(asked) + len(happy) + len(unhappy) != len(figures) or len({f.unit for f in figures}) != 1:
        return []
    plain = [f for f in happy if not _NOT_SATISFIED.search(f.label) and "基本" not in f.label]
    satisfied = {_number(f) for f in plain[:1]} | ({sum(map(_number, happy))} if happy else set())
    shares = {s / _number(a) * 100 for s in satisfied for a in asked if _number(a)}
    shares |= {(_number(a) - _number(u)) / _number(a) * 100 for a in asked for u in unhappy[:1] if _number(a)}
    return sorted(share for share in shares if 0 <= share <= _ALL)


_ALL = 100.0


def _number(figure: _Figure) -> float:
    return float(figure.figure.replace(",", ""))


def _part_and_whole(figures: list[_Figure], kind: str) -> tuple[_Figure, _Figure] | None:
    """(the part, the whole) where the words give exactly two figures, one plainly each."""
    parts = [f for f in figures if _is_part(f.label, _PARTS[kind])]
    wholes = [f for f in figures if _is_whole(f.label)]
    return (parts[0], wholes[0]) if len(figures) == 2 and len(parts) == 1 and len(wholes) == 1 else None


def _surveyed(figures: list[_Figure]) -> tuple[_Figure, _Figure] | None:
    """(the satisfied, those they are counted of) of a survey's figures ("发放问卷200份，收回200份，满意及基本
    满意176份": 176 of 200), or None where the words do not say plainly which: those asked given as several
    different counts (发放 300, 收回 285, 有效 280 — which the share is of, the 指标说明 says, if anything), or no one
    count of the satisfied."""
    satisfied = [f for f in figures if "满意" in f.label and "不满意" not in f.label]
    asked = [f for f in figures if "满意" not in f.label and any(word in f.label for word in _ASKED)]
    # several counts of the satisfied ("非常满意98份、满意28份") are added by no rule the words give
    counts = {(f.figure, f.unit) for f in asked}
    if len(satisfied) != 1 or _NOT_SATISFIED.search(satisfied[0].label) or len(counts) != 1:
        return None
    return satisfied[0], asked[0]


_SURVEYS = ("满意度", "满意率")
# not all the satisfied: only the "very" satisfied ("非常满意120份", not "非常满意及满意")
_NOT_SATISFIED = re.compile(r"(?<![及和与、])(?:非常|很|比较|较)满意(?!及|和|与|、)")
# whom a share of the satisfied may be counted of: those asked, the answers returned, the valid ones
_ASKED = ("有效", "收回", "回收", "发放", "调查", "受访", "问卷", "抽查", "抽样", "回访")


def _is_whole(label: str) -> bool:
    """Words naming what was budgeted, planned or due: "调整后预算", "计划投入资金", "编制数", "应支付工程款" ("项目支出
    预算" too: a budget, whatever it is for)."""
    return any(word in label for word in _WHOLE) and not any(word in label for word in _OUTWEIGH)


def _is_part(label: str, words: tuple[str, ...]) -> bool:
    """Words naming what was spent, received, done or held, as the share counts it (``words``): "实际支出", "预算执行数"
    for an 执行率, "实际到位资金" for a 到位率, "实有人数" for a 控制率."""
    return not _is_whole(label) and any(word in label for word in words)


def _neither(label: str, name: str) -> bool:
    """A figure of something else: a change on last year, a 其中 item, a carry-over, an approximate figure, a component
    of spending other than the one the row is about (公用经费 is the whole of a 公用经费控制率's)."""
    return any(word in label and word not in name for word in _NEITHER)


def _short(label: str) -> str:
    """The label without quotes at its ends (the words in it are what is looked at)."""
    return label.strip('“”"') or label
