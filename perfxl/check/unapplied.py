"""Blocks of a 附件4 the unit has none of: how a blank input of one is said."""

from __future__ import annotations

from perfxl.locate.located import Located
from perfxl.read.text import is_unit
from perfxl.read.values import is_empty
from perfxl.report.findings import Severity
from perfxl.rules import RuleSet

_NONE_MARKS = frozenset({"/", "／", "无", "—", "——", "-", "－", "--", "不适用", "无此项", "暂无", "未发生"})


def said_none(raw: object) -> bool:
    """A cell the unit typed "/" or "无" in: it has none of the item (本年无政府采购), not a cell left to fill."""
    return isinstance(raw, str) and raw.strip() in _NONE_MARKS


def unapplied_inputs(book: Located, rules: RuleSet) -> dict[str, Severity]:
    """The inputs of a block the unit has none of, and how a blank one is said: "info" under a rate declared "/"
    (本年无政府采购), a warning where the rate and all its inputs are blank (none, or a block not filled in). A unit
    printed beside a value left blank ("元") is no value (docs/domain.md §3)."""
    out: dict[str, Severity] = {}
    for rate in rules.rates.values():
        said = book.fields.get(rate.declared) if rate.declared else None
        hits = [book.fields.get(key) for key in rate.inputs]
        if said is not None and said_none(said.raw):
            out.update(dict.fromkeys(rate.inputs, "info"))
        elif all(hit is None or is_empty(hit.raw) or is_unit(hit.raw) for hit in [said, *hits]):
            out.update({key: out.get(key, "warning") for key in rate.inputs})
    return out
