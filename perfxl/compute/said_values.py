"""A row's target or actual said in words, or not said, where what is meant is plain: "无" against "1起" (none was
the target), "未发生" against "0起" (none happened), and no target on the funds' own 执行率 row (银川's "预算执行率 |
— | 88.3%": the whole budget is the one to spend, 100 %)."""

from __future__ import annotations

import re

from perfxl.compute.note_classes import EVENT_UNITS
from perfxl.compute.targets import Quantity, read_quantity
from perfxl.read.text import label_key


def said_in_words(
    target: Quantity, actual: Quantity, name: str, unit: str, printed: bool = False
) -> tuple[Quantity, Quantity]:
    """The row's (target, actual) with what its words plainly mean read as figures (no target on the 执行率 row only
    where it prints no standard of its own: "≥95%得满分" is then its measure)."""
    no_target = target.text.strip() in _NO_TARGET and not printed
    if target.value is None and actual.percent and _WHOLE.fullmatch(label_key(name)) and no_target:
        target = read_quantity("100%")
    if target.value is None and target.text.strip() in _NONE_AT_ALL and actual.unit in EVENT_UNITS:
        target = read_quantity(f"0{actual.unit}", unit)
    if target.value == 0 and actual.value is None and actual.text.strip() in _NONE_HAPPENED:
        actual = read_quantity(f"0{target.unit}", unit)
    return target, actual


# the budget's own 执行率 as a whole, not a part's ("“三公”经费预算执行率", "公用经费预算执行率": spending less of
# those is thrift) nor another 执行率 (政府采购执行率)
_WHOLE = re.compile(r"(?:年度|全年|本年|部门|单位|整体|部门整体|项目)?(?:预算|资金|财政){0,2}执行率")
_NO_TARGET = frozenset({"—", "——", "-", "--", "－", "/", "／"})  # printed so (a form with no target column: no)
_NONE_HAPPENED = frozenset({"未发生", "没有发生", "未出现", "零", "无发生"})
_NONE_AT_ALL = frozenset({"无", "零", "杜绝", "不发生"})  # a target of no event, in words
