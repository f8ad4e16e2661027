"""The standard a note under a 自评表 states for a class of its rows ("2.安全生产事故、群众投诉等事件类指标，未发生得
满分，每发生1起扣2分；3.满意度指标≥90%得满分，每降低1个百分点扣0.5分"), for a row that prints none of its own
(docs/domain.md §11).

A class is named by the words before the item's standard, ending in 指标: 满意度指标 (rows of a 满意度 level or name),
事件类指标 (rows whose target is none of some events: "0起"), a level's name (成本指标, 时效指标 …), 定量指标 (rows with
a figure for a target) or 定性指标 (rows with words), 其他指标 (any row the others leave). The 执行率's own item is
the funds' (``compute.execution``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from perfxl.compute.targets import Quantity
from perfxl.locate.located import EXEC_RATE, NOTE_START, IndicatorRow
from perfxl.rules.standards_words import numbered_items

# the class an item names, then its standard: "满意度指标≥90%得满分", "事件类指标，未发生得满分", "定性指标：达成…"
_CLASS = re.compile(r"^(?P<cls>[^，,：:；;。]{0,30}?指标)(?:[，,：:]\s*|(?=[≥≤<>＜＞=≧≦达按未完每以在全部]))")
EVENT_UNITS = frozenset({"起", "件", "次", "例", "宗", "处", "人次"})  # counts of events, of which none is the hope


@lru_cache(maxsize=256)
def class_standards(note: str) -> tuple[tuple[str, str], ...]:
    """(class, its standard) for each numbered item of the note that names a class of indicators."""
    out: list[tuple[str, str]] = []
    for item in (part for numbered in numbered_items(note) for part in _classes_in(numbered)):
        found = _CLASS.match(item)
        if found is None or re.search(EXEC_RATE, found.group("cls")):
            continue
        standard = item[found.end() :].strip().rstrip("；;。")
        if standard:
            out.append((found.group("cls"), standard))
    return tuple(out)


def _classes_in(item: str) -> list[str]:
    """An item cut where a clause names another class ("满意度指标≥90%得满分…；定量指标按…比例计分"), less the note's
    lead ("注：满意度指标…", a note of one item)."""
    parts: list[str] = []
    named = ""  # the class the part being read names
    for clause in re.split(r"(?<=[；;])", NOTE_START.sub("", item.strip(), count=1)):
        found = _CLASS.match(clause.strip())
        cls = found.group("cls") if found is not None else ""
        # only a class of its own starts a part: not "该指标每降低…" or "满意度指标每降低…" going on with the same one
        if parts and (not cls or cls == named or _core(cls) in _SAME_CLASS):
            parts[-1] += clause
        elif clause.strip():
            parts.append(clause.strip())
            named = cls
    return parts


_SAME_CLASS = frozenset({"", "该", "本", "此", "其", "上述", "以上", "这些", "该项", "本项"})


def class_standard(note: object, row: IndicatorRow, target: Quantity) -> str | None:
    """The note's standard for this row: of the most particular class it belongs to (满意度, events, a level's name),
    else of 定量 / 定性; None where the note names no class the row is of."""
    if not isinstance(note, str) or re.search(EXEC_RATE, row.name):
        return None
    items = class_standards(note)
    particular = [text for cls, text in items if _particular(cls, row, target)]
    general = [text for cls, text in items if _general(cls, target)]
    rest = [text for cls, text in items if _any_row(cls)]
    if target.percent:
        # "完成率100%得满分，每降低5个百分点扣1分" for all 定量 rows is 实际 ÷ 目标, not the row's own rate in percent
        general = [text for text in general if "完成率" not in text]
        rest = [text for text in rest if "完成率" not in text]
    found = particular or general or rest
    return found[0] if found else None


def _core(cls: str) -> str:
    """The class's own word: "成本" of 成本指标, "事件" of 事件类指标, "" of a bare 指标."""
    return cls.removesuffix("指标").removesuffix("类").split("等")[-1].strip("、的")


def _any_row(cls: str) -> bool:
    """A class of every row: 指标, 各项指标, 所有指标, 其他指标 …"""
    return _core(cls) in _EVERY


_EVERY = frozenset({"", "各项", "各", "所有", "全部", "绩效", "其他", "其余", "其它", "其他各项", "三级"})


def _particular(cls: str, row: IndicatorRow, target: Quantity) -> bool:
    core = _core(cls)
    if "满意度" in cls:
        return "满意度" in f"{row.level1}|{row.level2}|{row.name}"
    if "事件" in cls:
        return target.value == 0 and target.unit in EVENT_UNITS
    if core in _EVERY or core.startswith(("定量", "定性")):
        return False
    return core in f"{row.level1}|{row.level2}"  # a level's name: 成本指标, 时效指标 …


def _general(cls: str, target: Quantity) -> bool:
    if cls.startswith("定量"):
        return target.value is not None
    if cls.startswith("定性"):
        return target.value is None and bool(target.text.strip())
    return False
