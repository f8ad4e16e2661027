"""Grade bounds a form prints for itself ("评价等级标准：总分85分(含)以上为“优”，70分(含)-85分为“良”，60分(含)-70分为
“中”，60分以下为“差”"): where a sheet states them, they grade its totals instead of the rule set's (docs/domain.md §15).

A bound is the lowest total of its grade, included whatever the text says of 含 (grades run [lo, hi), as the rule
data's do); only a statement giving 优, 良 and 中 their lower bounds, in that order downward, is taken."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from perfxl.locate.sheet_notes import first_note
from perfxl.read.grid import Sheet
from perfxl.rules import Grade

# the words of each grade, longest first so that 良好 is not read as 良 and 不合格 not as 合格
_WORDS = (("不合格", "差"), ("较差", "差"), ("优秀", "优"), ("良好", "良"), ("合格", "中"), ("中等", "中"),
          ("一般", "中"), ("优", "优"), ("良", "良"), ("中", "中"), ("差", "差"))  # fmt: skip
_CLAUSE = re.compile(r"[,;。、\n]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# the grades named one after another before their bounds ("自评等级分为优、良、中、差四个等级：", "“优”“良”“中”“差”",
# "优秀、良好、合格、不合格"): no bound of any
_LISTED = re.compile(
    r"(?:[“\"]?(?:不合格|优秀|良好|合格|中等|一般|较差|优|良|中|差)[”\"]?[、,和及与]?\s*){3,}(?=[三四五3-5]|[:：])"
)
_BELOW = ("以下", "<", "低于", "不足", "不满")
# a list item's number opening a clause ("2.", "(2)", "3、"), perhaps after a note's caption ("说明：1.", "注:2."), not
# a figure ("85.5", "90.以上")
_ITEM = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{1,6}\s*[:：]?\s*)?"  # a note's caption: 说明, 注, 填表说明, 备注说明 …
    r"(?:\(\d{1,2}\)|[\u2460-\u2473]|\d{1,2}\s*[.)、](?!\d)(?!\s*(?:以上|以下|分)))"
)


def printed_grades(sheet: Sheet) -> tuple[Grade, ...] | None:
    """The grade bounds a text cell of the sheet states, or None."""
    return first_note(sheet, lambda key: "优" in key and "良" in key, grades_in)


@lru_cache(maxsize=256)
def grades_in(text: str) -> tuple[Grade, ...] | None:
    """优 / 良 / 中 / 差 with the lowest total of each, as the text states them; None where it states no such scale."""
    lows: dict[str, float] = {}
    # clauses cut before spaces and line breaks go (a line ends a clause), and a list item's number at a clause's
    # start dropped ("2.评价等级：…", "1. 90分以上为优", "(2)…"): it is no bound
    for part in _CLAUSE.split(_LISTED.sub("", unicodedata.normalize("NFKC", text))):
        clause = re.sub(r"[“”\"'「」()（）\s含]", "", _ITEM.sub("", part, count=1))
        grades = _grades_named(clause)
        numbers = [float(n) for n in _NUMBER.findall(clause)]
        if len(grades) != 1 or not numbers or grades[0] == "差":
            continue
        if len(numbers) == 1 and any(word in clause for word in _BELOW):
            continue  # "60分以下为差"-like: an upper bound, not this grade's lowest total
        lows.setdefault(grades[0], min(numbers))
    if not {"优", "良", "中"} <= lows.keys() or not 100 >= lows["优"] > lows["良"] > lows["中"] > 0:
        return None
    return (Grade("优", lows["优"]), Grade("良", lows["良"]), Grade("中", lows["中"]), Grade("差", 0.0))


def writes_grade(written: str, grade: str) -> bool:
    """Whether a declared 等级 names the grade, by its words (优秀 is 优, 一般 and 合格 are 中, 不合格 is 差), or
    ticks it among the grades it prints ("☑优　□良　□中　□差"; with none ticked it declares nothing to contradict)."""
    mark = ticked(written)
    if mark is not None:
        return mark in ("", grade)
    named = _grades_named(unicodedata.normalize("NFKC", written))
    return grade in named if named else grade in written


def grade_named(text: str) -> str | None:
    """The one grade a text names ("优（90-100分）" → 优), or None (none, or several)."""
    named = _grades_named(unicodedata.normalize("NFKC", text))
    return named[0] if len(named) == 1 else None


def ticked(text: str) -> str | None:
    """The grade a check-box line ticks ("☑优（90-100分）　□良（80-89分）…" → 优, "优□　良☑　中□" → 良: a mark
    belongs to the grade after it where the line opens with a mark, else to the grade before it); "" where it prints
    boxes and ticks none of them; None where it is no check-box line (or ticks several)."""
    norm = _INSTRUCTION.sub("", unicodedata.normalize("NFKC", text))  # "（请在□中打√）": how to tick, no tick
    grades = [(m.start(), m.end(), m.group()) for m in _GRADE_WORD.finditer(norm)]
    ticks = TICKS if any(tick in norm for tick in TICKS) else "☒"  # ☒ ticks where nothing else does (Word's box)
    marks = [(m.start(), m.group() in ticks) for m in _MARK.finditer(norm)]
    if not grades or not marks:
        return None
    before = marks[0][0] < grades[0][0]  # "☑优 □良": each mark before its grade
    chosen = set()
    for at, tick in marks:
        owner = (
            next((g for start, _, g in grades if start > at), None)
            if before
            else next((g for _, end, g in reversed(grades) if end <= at), None)
        )
        if tick and owner is not None:
            chosen.add(grade_named(owner))
    if len(chosen) == 1:
        return chosen.pop()
    return "" if not chosen and len(grades) > 1 else None


def is_mark(value: object) -> bool:
    """A cell holding only a box, ticked or not ("✔️" with its emoji selector, "√（已选）" with its words)."""
    if not isinstance(value, str):
        return False
    return _MARK.fullmatch(_BRACKETED.sub("", value.replace("\ufe0f", "")).strip()) is not None


# what marks the chosen one of several printed grades; ☒ (Word's checked box, but printed for "not chosen" too)
# ticks only where nothing else does
TICKS = "√✓✔☑■▣●◉✅"
_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
# how to tick, no tick: "（请在□中打√）", "请在“□”内打“√”："
_INSTRUCTION = re.compile(r"[（(][^（）()]*(?:打|勾|选|填)[^（）()]*[)）]|^[^：:]*(?:打|勾选|选择)[^：:]*[：:]")
_MARK = re.compile(rf"[{TICKS}□☐○◯☒×✗✘]")  # × ✗ ✘: not chosen, beside the one ticked
_GRADE_WORD = re.compile(r"不合格|优秀|良好|合格|中等|一般|较差|优|良|中|差")


def _grades_named(clause: str) -> list[str]:
    named: list[str] = []
    rest = clause
    for word, grade in _WORDS:
        if word in rest:
            named.append(grade)
            rest = rest.replace(word, "")
    return named
