"""The budget a form's own words say its 执行率 is over, where they say it (docs/domain.md §6.11):
"预算执行率=预算执行数/调整后预算数" or "…=全年执行数/年初预算数" in a note or a cell of the funds lines,
"预算执行率为预算执行数与调整后预算数之比", or a header's letters ("执行率(B/A)" beside "全年预算数(A)")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from perfxl.locate.located import Hit
from perfxl.locate.sheet_notes import first_text
from perfxl.read.grid import Sheet, a1


def rate_definition(sheet: Sheet, head: int, end: int, notes: Iterable[Hit | None]) -> Hit | None:
    """The form's own definition of its 执行率: in its funds block (its header row ``head`` down to row ``end``, where
    its indicators begin) or a note under the form (``notes``) — not an indicator's words, which may define another
    rate ("政府采购执行率=实际采购金额/…") —, as "执行率=…/全年预算数" at its cell; None where the form says nothing."""
    hit = first_text(sheet, head - 1, end - 1, lambda text: "执行率" in text and _read(text) is not None)
    hit = hit or next((note for note in notes if note is not None and _read(str(note.raw)) is not None), None)
    said = _read(str(hit.raw)) if hit is not None else None
    if hit is not None and said is not None:
        return Hit(hit.sheet, hit.cell, said, "执行率口径")
    return _lettered(sheet, head)


def over_initial(defined: Hit) -> bool:
    """The definition divides by the year's first budget (年初预算数), not by the year's (adjusted) one."""
    return str(defined.raw).rsplit("/", 1)[-1].startswith("年初")


def _read(text: str) -> str | None:
    norm = unicodedata.normalize("NFKC", text).replace("÷", "/")
    for pattern in (_OVER, _RATIO):
        # the words right before 执行率 name whose rate it is ("政府采购执行率=…" is not the funds')
        found = next((m for m in pattern.finditer(norm) if not any(w in m["who"][-4:] for w in _OTHERS)), None)
        if found is not None:
            return f"执行率={found['executed']}/{found['budget']}{found['noun']}"
    return None


_BUDGET = r"(?P<budget>调整后|全年|调整|年初)(?P<noun>预算数?|预算金额)"
# the funds' own rate (执行率, 预算执行率, 资金执行率), not another ("政府采购执行率")
# the funds' own rate (执行率, 项目预算执行率, 财政资金执行率 …), not another one a row defines ("政府采购执行率", "合同
# 执行率", "计划执行率")
_OWN = r"(?P<who>[\u4e00-\u9fff]{0,8}?)"
_OTHERS = ("采购", "合同", "工程", "任务", "计划", "进度", "工作")
_OVER = re.compile(rf"{_OWN}执行率\s*=\s*(?:\(\s*)?(?P<executed>[^=。;/()]{{0,12}}?)\s*/\s*{_BUDGET}")
_RATIO = re.compile(rf"{_OWN}执行率\s*(?:为|是|指)\s*(?P<executed>[^=。;,]{{0,12}}?)\s*与\s*{_BUDGET}\s*(?:之|的)?比")
_LETTERS = re.compile(r"执行率\s*[(（]\s*([A-Z])\s*/\s*([A-Z])\s*[)）]")


def _lettered(sheet: Sheet, head: int) -> Hit | None:
    """ "执行率(B/A)" in the funds header: the budget column that carries the denominator's letter ("全年预算数(A)")."""
    for row in (head - 1, head):
        texts = {c: unicodedata.normalize("NFKC", str(sheet.cells[(row, c)])) for c, _ in sheet.row_keys(row)}
        for col, text in texts.items():
            letters = _LETTERS.search(text)
            if letters is None:
                continue
            below = [t for t in texts.values() if re.search(rf"[(（]\s*{letters[2]}\s*[)）]", t) and "预算" in t]
            budget = re.search(_BUDGET, below[0]) if len(below) == 1 else None
            if budget is not None:
                return Hit(sheet.name, a1((row, col)), f"执行率={letters[1]}/{budget[0]}", "执行率口径")
    return None
