"""Normalise what people type in labels, in one place.

Real workbooks mix “” and "", （） and (), full- and half-width digits and spaces, line breaks inside
labels, year prefixes ("2020年编制人数"), numbering ("指标1：", "1、") and weights in the label
("在职人员控制率（7分）", even the typo "（5人）"). ``label_key`` reduces all of that to one comparable key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』〝〞")
# "═" (a box-drawing double line) stands for "=" in tables typed in Word; "⩾" "⩽" are slanted ≥ ≤.
_SYMBOLS = str.maketrans(
    {"≦": "≤", "≧": "≥", "⩽": "≤", "⩾": "≥", "═": "=", "〈": "<", "〉": ">", "—": "-", "–": "-", "－": "-"}
)
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"^(?:\d{2,4}|20xx|20XX)年度?")
_NUMBERING = re.compile(r"^(?:指标\d+[:：]?|[\d一二三四五六七八九十]+[、.．)]|\([\d一二三四五六七八九十]+\)|[①-⑳])")
_PREFIX = re.compile(
    r"^(?:其中[:：]?|按[^:：]{1,8}分[:：])"
)  # "其中：", a caption "按支出性质分：" before a row's label
# "(15分)", "5分", and the full mark a total's label says ("自评总分(满分100分)")
_WEIGHT_SUFFIX = re.compile(r"\((?:满分|总分|共)\d+(?:\.\d+)?分\)$|\(?\d+(?:\.\d+)?[分人]\)?$")
# "执行率(%)", "预算总额(万元)", and a closing bracket a page lost ("经费控制情况(万元")
_UNIT_SUFFIX = re.compile(r"\((?:%|万元|元|人|个|项|次|件|天|月|平方米|㎡|m2)\)?$")  # ㎡ is m2 after NFKC
_TRAILING = re.compile(r"[:：;；。,，]+$")
# a mark of a required field ("*实际完成值", "*得分": "表中带*号的信息是必填项") or a footnote's ("得分※")
_MARKED = re.compile(r"^[*※★☆]+|[*※★☆]+$")
# Units of measure as people print them, after a number ("520人次") or in a 单位 column of their own.
UNITS = (  # noqa: SIM905 - a list of words reads best as words
    "万元 亿元 千元 元 % ‰ 万人次 人次 万人 万户 万亩 个 项 人 名 台 套 次 件 户 "
    "家 条 篇 天 日 月 年 小时 周 季度 辆 所 座 场 张 份 册 本 部 批次 "
    "批 处 间 栋 亩 吨 公里 千米 平方米 米 km kg 分 期 学时 课时 起 例 宗"
).split()
# What a 单位 column holds besides units: 附件4's "是/否" rows and "百分比".
_UNIT_CELLS = frozenset({*(u.casefold() for u in UNITS), "是/否", "是或否", "百分比", "万元/人", "元/人", "㎡"})


def is_unit(raw: object) -> bool:
    """A cell that holds only a unit of measure ("人", "万元", "%", "是/否"): printed beside a value, never one."""
    return isinstance(raw, str) and label_key(raw) in _UNIT_CELLS


def clean(text: str) -> str:
    """NFKC, no quotes, no whitespace, canonical ≤ ≥ and dashes; case-folded."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_SYMBOLS).translate(_QUOTES)
    return _SPACE.sub("", text).casefold()


@lru_cache(maxsize=1 << 16)
def label_keys(texts: tuple[str, ...]) -> frozenset[str]:
    """The keys of a set of labels (cached: rule labels are matched against every workbook)."""
    return frozenset(label_key(t) for t in texts)


@lru_cache(maxsize=1 << 18)
def label_key(text: str) -> str:
    """The key a label is matched by: ``clean`` less a required field's mark, year prefix, numbering, weight suffix,
    punctuation."""
    key = _MARKED.sub("", clean(text))
    key = _TRAILING.sub("", key)
    key = _PREFIX.sub("", key)
    key = _NUMBERING.sub("", key)
    key = _YEAR.sub("", key)
    key = _WEIGHT_SUFFIX.sub("", key)
    key = _UNIT_SUFFIX.sub("", key)
    return _TRAILING.sub("", key)
