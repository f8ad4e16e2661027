"""A unit's total and 等级 said in a sentence rather than in a cell of their own ("说明：本表满分100分，单位自评得分
92.5分。", "综合评价：经自评，本部门2023年度整体支出绩效自评总得分88.50分，评价等级为“良”。", "注：经综合评定，本项目
自评等级为“优”。"): read only where the sentence plainly says the unit's own, of the year evaluated — a total of the
indicators alone, of one of its projects (after 其中), a year's beside another's, or a grade or total of last year or
of a reviewer is none of them."""

from __future__ import annotations

import re

from perfxl.locate.located import Hit
from perfxl.locate.stated_text import ANOTHER_YEAR
from perfxl.read.grid import Pos, Sheet, a1

_REVIEWER = r"财政|复核|主管|上级|评审|专家|核定|审核"
_NOT_OWN_TOTAL = re.compile(rf"{ANOTHER_YEAR}|{_REVIEWER}")  # "经财政复核，总得分85分"
_NOT_OWN_GRADE = re.compile(rf"{ANOTHER_YEAR}|{_REVIEWER}|预期|目标")  # "预期绩效等级为优"
_SELF = re.compile(r"本(?:部门|单位|项目|局|委|办|中心)|我(?:部门|单位|局)|单位自评|经自评|经综合评定")
_YEAR = re.compile(r"(?:19|20)\d\d年")


def of_the_year(sheet: Sheet, cells: list[Pos], year: int | None) -> list[Pos]:
    """The text cells under a form that may speak of the year evaluated: not one that names only another year
    ("2022年度绩效自评结果应用情况：本部门2022年度…自评总得分92.00分" above the 2023 conclusion) — with the year not
    known, the latest year any of them names."""
    texts = {pos: str(sheet.cells.get(pos, "")).translate(_DIGITS) for pos in cells}
    named = {pos: {int(y) for y in _YEAR_NUMBER.findall(text)} for pos, text in texts.items()}
    if year is None and any(_THIS_YEAR.search(text) for text in texts.values()):
        # "本部门本年度…自评总得分96.00分" beside "2022年度…92.00分": the year evaluated is the one said so
        return [pos for pos in cells if not named[pos]]
    latest = year if year is not None else max((max(years) for years in named.values() if years), default=None)
    of_latest = [pos for pos in cells if named[pos] and latest in named[pos]]
    unnamed = [pos for pos in cells if not named[pos]]
    if year is not None:  # the unit's own words first (not a project's "…项目2023年度自评总得分88.00分")
        ordered = of_latest + unnamed
        own = [pos for pos in ordered if _SELF.search(texts[pos])]
        return own + [pos for pos in ordered if pos not in own]
    # no title's year: the unit's own words naming none ("经自评，本部门…总得分95.00分") before the latest year named
    # (last year's "本部门2022年度…92.00分" above it), which goes before a sentence of a project's
    own = [pos for pos in unnamed if _SELF.search(texts[pos])]
    return own + of_latest + [pos for pos in unnamed if pos not in own]


_YEAR_NUMBER = re.compile(r"((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月)")  # not a date's ("填报日期：2024年3月10日")
_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")  # "二〇二二年度"
# a total or grade of this year said ("本年度…自评总得分96.00分", "本年度…评价等级为"), not a note on how to fill in
_THIS_YEAR = re.compile(r"(?:本年度?|今年|当年)[^。；;]*?(?:(?:得分|总分)为?\s*\d|等级(?:为|是|[:：]))")


def said_total(sheet: Sheet, r: int, c: int) -> Hit | None:
    """The unit's total a text cell says in a sentence, or None: one total of the unit's own (not "绩效指标总得分
    81.50分", not "2022年度…95.00分，2023年度…89.60分" side by side: which is whose is not said)."""
    text = sheet.cells.get((r, c))
    if not isinstance(text, str):
        return None
    found = [m for m in _SAID_TOTAL.finditer(text) if not _OTHER_TOTAL.search(m.group(0)) and _own_total(text, m)]
    # every total the cell says of the unit (not one after 其中), whatever words lead it
    said = {m[1] for m in _ANY_TOTAL.finditer(text) if not _of_an_item(text, m.start(), m.group(0))}
    if len({m["figure"] for m in found}) != 1 or len(said) > 1:
        return None
    return Hit(sheet.name, a1((r, c)), found[0]["figure"], found[0]["word"])


def _own_total(text: str, found: re.Match[str]) -> bool:
    """Not one of a reviewer or of another year ("经财政复核，总得分85分"), not one of an item (after 其中), and a
    project named as the subject ("农村公路养护项目2023年度自评总得分…") only where the sentence opens the cell or its
    conclusion."""
    sentence = _sentence_before(text, found.start())
    if _NOT_OWN_TOTAL.search(sentence + found.group(0)) or _of_an_item(text, found.start(), found.group(0)):
        return False
    return found["named"] is None or _CONCLUSION.fullmatch(text[: found.start()].strip()) is not None


def _of_an_item(text: str, at: int, said: str) -> bool:
    """Said after 其中 in its sentence, of one of the unit's projects or items — unless the unit is its subject again
    ("本表满分100分，其中产出指标50分，单位自评得分98.8分")."""
    return "其中" in _sentence_before(text, at) and not _SELF.search(_clause_before(text, at) + said)


def _sentence_before(text: str, at: int) -> str:
    return re.split(r"[。；;]", text[:at])[-1]


def _clause_before(text: str, at: int) -> str:
    return re.split(r"[，,；;。]", text[:at])[-1]


_CONCLUSION = re.compile(r"(?:综合评价|评价结论|自评结论|总体评价|评价结果|说明|注)?\s*[:：]?\s*(?:经自评[，,]?)?")

# a clause that opens with a score's word right before its figure and 分 and ends there (not a grade's bound,
# "得分90分以上为优"), perhaps after the unit, the year and the evaluation ("本部门2023年度整体支出绩效自评总得分…")
_SAID_TOTAL = re.compile(
    r"(?:^|(?<=[，,；;：:。\s]))"
    r"(?:(?:经自评[，,]?)?(?:(?:本|我|该)(?:部门|单位|局|委|办|中心|项目)|(?P<named>[\u4e00-\u9fff“”\"]{2,20}?项目))"
    r"[^，,；;。:：]{0,16}?|本?单位)?"
    r"(?P<word>自评(?:总)?得分|自评总分|总得分)为?\s*(?P<figure>\d+(?:\.\d+)?)\s*分"
    r"(?=\s*(?:[。；;，,.、]|[（(](?!含)|$))"
)
_OTHER_TOTAL = re.compile(rf"指标|{ANOTHER_YEAR}")
_ANY_TOTAL = re.compile(r"(?<![指标评])(?:自评(?:总)?得分|自评总分|总得分)为?\s*(\d+(?:\.\d+)?)\s*分")


def said_grade(sheet: Sheet, r: int, c: int) -> Hit | None:
    """The 等级 a sentence that says the unit's total gives with it ("综合评价：自评总得分79.99分，评价等级为“良”。"),
    or None (a grade in a sentence with no total is more likely a bound's: "90分以上等级为优")."""
    text = sheet.cells.get((r, c))
    if not isinstance(text, str) or said_total(sheet, r, c) is None:
        return None
    grades = {
        m.group(1)
        for m in _SAID_GRADE.finditer(text)
        if _own_grade(_clause_before(text, m.start())) and not _of_an_item(text, m.start(), m.group(0))
    }
    return Hit(sheet.name, a1((r, c)), grades.pop(), "等级") if len(grades) == 1 else None


_SAID_GRADE = re.compile(
    r"(?:(?:评价|自评|绩效|综合)?(?:等级|等次|结果)(?:为|是|评定为|评为|确定为)?|评定为|评为|属于|总体评价为)\s*[:：]?\s*"
    r"[“\"「『]?"
    r"(优秀|良好|不合格|合格|优|良|中|差)[”\"」』]?(?:等级|等次|级)?(?=\s*(?:[。；;，,.、]|$))"
)


def said_grade_alone(sheet: Sheet, r: int, c: int) -> Hit | None:
    """A cell under a table that says nothing but the unit's 等级 ("注：经综合评定，本项目2023年度自评等级为“优”。",
    "评价等级：优"), or None (a bound, "90分以上等级为优", gives a score; "上年度评价等级：优", "财政复核评价等级：优"
    are another year's or another's)."""
    text = sheet.cells.get((r, c))
    if not isinstance(text, str):
        return None
    said = _GRADE_ALONE.fullmatch(text.strip())
    if said is None or re.search(r"\d\s*分", said.group(1)) or not _own_grade(said.group(1)):
        return None
    return Hit(sheet.name, a1((r, c)), said.group(2), "等级")


_GRADE_ALONE = re.compile(
    r"(?:注\s*[:：]\s*)?((?:经综合评定[，,]?)?[^，,；;。]{0,24}?)(?:自评|评价|绩效|综合)等级\s*(?:为|是|评定为|[:：])\s*"
    r"[“\"「『]?(优秀|良好|不合格|合格|优|良|中|差)[”\"」』]?\s*[。.]?"
)


def _own_grade(lead: str) -> bool:
    """Whether a grade said after ``lead`` (its own clause) is the unit's own of this year: not another year's, a
    reviewer's or a plan's, and a year named only where the clause names the unit too ("本项目2023年度自评等级为…",
    not "本单位自评总得分97.8分，2022年度评价等级为…")."""
    return not _NOT_OWN_GRADE.search(lead) and (not _YEAR.search(lead) or _SELF.search(lead) is not None)
