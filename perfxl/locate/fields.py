"""Labelled fields around a table ("项目名称 | XXX" in two cells, "自评总分：97.35" in one), its title, and what a
sheet held when no table was recognised in it."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping

from perfxl.locate.headers import Vocabulary, header_key, header_row
from perfxl.locate.located import Hit
from perfxl.locate.said_totals import said_grade, said_total
from perfxl.read.grid import Sheet, a1
from perfxl.read.text import label_key
from perfxl.read.values import parse_number

_SEPARATOR = re.compile(r"[:：]")
_REACH = 4  # cells right of a label searched for its value (blank spacer cells are common)
_TITLE = re.compile(r"(?:表|自评|评分|计分)")
_LABEL_LEN = 6  # a "标签：值" cell's label is short; a value with a colon further in is a value
# "自评总分：99.05　　自评等级：良", "自评总分：88.16分，自评等级：良": several "标签：值" pairs in one cell, each label
# after a run of spaces or a comma
_PAIR = re.compile(r"(?:\s+|[，,；;]\s*)([^\s:：，,；;]{1,10})\s*[:：]")
_TOTAL_ROLE = "declared_total"  # the header role whose value may be the table's full mark (``_full_mark``)
_FULL = re.compile(r"满分\s*[:：为是]?\s*(\d+(?:\.\d+)?)")  # the full mark a note prints ("本表满分100分")
_UNIT_WORDS = re.compile(r"[得评]")  # a total whose label says it is a score (自评总分, 总得分) is the unit's
_PREAMBLE = re.compile(r"[，,；;]")  # what ends a note before a cell's first label


def read_fields(sheet: Sheet, top: int, bottom: int, words: Vocabulary) -> dict[str, Hit]:
    """The fields written in rows top..bottom, by role (the first of each role in reading order).

    A cell "标签：值" is a field in one cell; a label cell's value is the first filled cell right of it that is not
    another label (None when the value was left blank)."""
    labels, known = words.labels, words.known
    out: dict[str, Hit] = {}
    sentence: Hit | None = None
    for r, c, key in ((row, c, key) for row in range(top, bottom + 1) for c, key in header_row(sheet, row)):
        if sheet.anchor((r, c)) != (r, c):
            continue
        text = str(sheet.cells[(r, c)])
        role = labels.get(key)
        if role is not None:
            pairs = label_pairs(text, labels)
            if pairs and pairs[0][1]:  # "自评总分：99.06分": the value is in the label's own cell
                hit = Hit(sheet.name, a1((r, c)), pairs[0][1], pairs[0][0])
            else:
                hit = _value_right(sheet, r, c, text, known)
            if not _full_mark(role, hit, text):
                out.setdefault(role, _bare(role, hit))
            continue
        if "/" in key:
            for role, hit in _slashed(sheet, r, c, text, words):
                out.setdefault(role, hit)
        for head, rest in label_pairs(text, labels):
            role = labels.get(header_key(head))
            if role is not None and rest:
                hit = Hit(sheet.name, a1((r, c)), rest, head)
                if not _full_mark(role, hit, text):
                    out.setdefault(role, _bare(role, hit))
        if sentence is None:
            sentence = said_total(sheet, r, c)
            graded = said_grade(sheet, r, c) if sentence is not None else None
            if graded is not None:
                out.setdefault("grade", graded)
    if sentence is not None:
        out.setdefault(_TOTAL_ROLE, sentence)  # a total its own label gives comes first
    return out


def _slashed(sheet: Sheet, r: int, c: int, text: str, words: Vocabulary) -> list[tuple[str, Hit]]:
    """Two fields under one label, their values likewise: "项目实施单位/项目负责人 | 原州区农技中心/杨勃兴" (each
    label's part of the value; none where the parts do not pair up)."""
    heads = _SLASH.split(text)
    hit = _value_right(sheet, r, c, text, words.known)
    values = _SLASH.split(hit.raw) if isinstance(hit.raw, str) else []
    if len(values) != len(heads):
        return []
    out = []
    for head, value in zip(heads, values, strict=True):
        role = words.labels.get(header_key(head))
        if role is not None and value.strip():
            out.append((role, hit._replace(raw=value.strip(), label=head.strip())))
    return out


_SLASH = re.compile(r"[/／]")


def _bare(role: str, hit: Hit) -> Hit:
    """A field's value as read: a declared total is its figure (``bare_total``)."""
    return hit._replace(raw=bare_total(hit.raw)) if role == _TOTAL_ROLE else hit


def bare_total(raw: object) -> object:
    """A declared total with the full mark or the scale written after it ("95.30分（满分100分）", "95.30分(百分制)",
    "95.30　满分：100") as its figure; any other value as it is."""
    found = _NOTED_TOTAL.fullmatch(raw.strip()) if isinstance(raw, str) else None
    return found.group(1) if found is not None else raw


_NOTED_TOTAL = re.compile(
    r"(-?\d+(?:\.\d+)?)\s*分?\s*(?:[（(]\s*(?:满分|总分|共)\s*[:：为]?\s*\d+(?:\.\d+)?\s*分?\s*[)）]|[（(]百分制[)）]"
    r"|[，,]?\s*(?:满分|总分)\s*[:：为]?\s*\d+(?:\.\d+)?\s*分?|[/／]\s*100\s*分?)\s*[。.]?"
)


def _full_mark(role: str, hit: Hit, text: str) -> bool:
    """A total above a table that states the most it can score, not the unit's: a bare 总分 of the 满分 the cell
    prints, else of 100 ("本表满分100分，自评得分：88.8分" keeps the unit's 88.8, "满分：100分，总分：96.8分" its
    96.8). Read as the unit's it would flag a right table against 100; a unit that truly declared 100 over lower
    scores is then missed, which the 合计 or the scores' own checks still show."""
    if role != _TOTAL_ROLE or _UNIT_WORDS.search(hit.label):
        return False
    figure = parse_number(hit.raw) if hit.raw is not None else None
    if figure is None or figure.value is None:
        return "满分" in text  # "满分100分，总分：" left blank: nothing of the unit's to read
    printed = _FULL.search(text)
    return figure.value == (float(printed.group(1)) if printed else 100.0)


def first_value(rest: str) -> str:
    """What follows a label's colon up to the next "标签：" pair of the cell ("100分　自评等级：优" → "100分")."""
    return _PAIR.split(rest, maxsplit=1)[0].strip()


def label_pairs(text: str, labels: Container[str]) -> list[tuple[str, str]]:
    """The "标签：值" pairs written in one cell, in order: ("自评总分", "99.05"), ("自评等级", "良") from
    "自评总分：99.05　　自评等级：良". The first label is what comes before the first colon, after any comma (spaced out
    as "项 目 名 称" too); a later one is a known label (its header key in ``labels``) after a run of spaces or a
    comma, so a colon inside a value ("（含：…）", "2、质量：…") starts no pair."""
    parts = _SEPARATOR.split(text.strip(), maxsplit=1)
    if len(parts) != 2:
        return []
    # a preamble before the first label ("本表满分100分，自评得分：88.8分"): the label is what follows its last comma
    pairs = [_PREAMBLE.split(parts[0])[-1].strip()]
    rest = parts[1]
    values = []
    at = 0
    for match in _PAIR.finditer(rest):
        if header_key(match.group(1)) not in labels:
            continue
        values.append(rest[at : match.start()])
        pairs.append(match.group(1))
        at = match.end()
    values.append(rest[at:])
    return [(head, value.strip()) for head, value in zip(pairs, values, strict=True)]


def _value_right(sheet: Sheet, r: int, c: int, label: str, known: frozenset[str]) -> Hit:
    for target in sheet.right_of((r, c), _REACH):
        if target not in sheet.cells:
            continue
        text = str(sheet.cells[target])
        head = _SEPARATOR.split(text, maxsplit=1)[0]
        if header_key(text) in known or (head != text and 0 < len(head.strip()) <= _LABEL_LEN):
            break  # the next label ("单位:万元" too): this one's value was left blank
        return Hit(sheet.name, a1(target), sheet.cells[target], label.strip())
    return Hit(sheet.name, a1(next(sheet.right_of((r, c), 1))), None, label.strip())


def title_above(sheet: Sheet, top: int, bottom: int) -> str:
    """The last title-like text (…表, …自评…) in rows top..bottom, as written; "" if none."""
    title = ""
    for r in range(top, bottom + 1):
        texts = sheet.row_keys(r)
        if len(texts) != 1:  # a title stands alone in its row; "项目名称 | …自评表" is a field
            continue
        text = str(sheet.cells[(r, texts[0][0])]).strip()
        if _TITLE.search(text) and len(text) <= 40 and not _SEPARATOR.search(text):
            title = text
    return title


def describe(sheet: Sheet, words: Vocabulary) -> str:
    """One line in Chinese saying what a sheet holds when no table was recognised in it, for the error message."""
    if not sheet.cells:
        return f"工作表「{sheet.name}」是空的"
    seen: list[str] = []
    roles: set[str] = set()
    for r, c in sorted(sheet.keys):
        text = str(sheet.cells[(r, c)]).strip()
        head = header_key(_SEPARATOR.split(text, maxsplit=1)[0])
        role = words.indicator.get(head) or words.funds.get(head) or words.fields.get(head)
        if (role is None and head not in words.totals) or words.indicator.get(head) == "unit":
            continue  # (a column of units of measure, "单位", says nothing of the form)
        roles.add(role or "total")
        if head not in (label_key(s) for s in seen) and len(seen) < 4:
            seen.append(_SEPARATOR.split(text, maxsplit=1)[0].strip())
    if not seen:
        return f"工作表「{sheet.name}」有 {len(sheet.cells)} 个非空单元格，但没有认出任何表头或栏目"
    listed = "".join(f"「{s}」" for s in seen)
    return f"工作表「{sheet.name}」有{listed}，但没有找到{_missing(roles)}"


def _missing(roles: set[str]) -> str:
    if "score" not in roles and "weight" not in roles:
        return "得分列"
    if not roles & {"level1", "level2", "level3"}:
        return "指标名称列"
    return "完整的表头"


def merge_fields(into: dict[str, Hit], more: Mapping[str, Hit]) -> None:
    """Add the fields not yet found (a filled value wins over a blank one)."""
    for role, hit in more.items():
        if role not in into or (into[role].raw is None and hit.raw is not None):
            into[role] = hit
