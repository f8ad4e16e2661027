"""A batch as a table: one row per return, made once from the digests a batch keeps (``returns_table``).

The summary's 汇总, 图表 and 处理失败 are written from this table, and ``Report.to_frames()["returns"]`` is
its public columns (``RETURNS``). Its rows are in the report's order (the index is the position in the
report); ``rank`` is a return's place in the summary, worst first (``worst_first``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from perfxl.read.text import clean

if TYPE_CHECKING:
    from perfxl.report.digest import Digest

# The public columns (``Report.to_frames()["returns"]``) and their dtypes, in order.
RETURNS: dict[str, str] = {
    "file": "str",
    "status": "str",
    "error_code": "str",
    "error_message": "str",
    "unit": "str",
    "forms": "str",  # the forms found, "、" between them
    "total": "float64",  # perfxl's total (复核总分)
    "declared_total": "float64",  # the 合计 in the workbook
    "max_total": "float64",
    "complete": "bool",  # False: some score is missing, the total is partial and there is no grade
    "grade": "str",
    "declared_grade": "str",
    "errors": "int64",
    "warnings": "int64",
    "infos": "int64",
    "findings": "int64",
    "rules": "str",  # the rule set that read it (under --rules auto, each return's own)
}
# The columns the summary reads besides them.
SUMMARY: dict[str, str] = {
    "diff": "float64",  # declared_total − total to the cent (never −0.0); NaN where either is missing or infinite
    "same_unit": "int64",  # how many other scored returns name the same unit (compared as ``clean`` compares)
    "rank": "int64",  # the return's place in the summary, 1 the worst (``worst_first``)
    "form_names": "object",  # the forms found, a tuple
    "problems": "object",  # the codes of the errors and warnings, a tuple, for the chart of frequent problems
    "notes": "object",  # the reading notes, a tuple
    "output_error": "object",  # why the scored copy asked for was not written (None: written or not asked for)
}
COLUMNS = {**RETURNS, **SUMMARY}


def returns_table(digests: Sequence[Digest]) -> pd.DataFrame:
    """One row per return (``COLUMNS``), in the order of ``digests``: typed, NaN where a value is missing."""
    # Digests share their forms and severities (a spool keeps one copy of each): each is turned into values once.
    joined = {forms: "、".join(forms) for forms in {d.forms for d in digests}}
    counts = {severities: dict(severities) for severities in {d.severities for d in digests}}
    get: dict[str, Callable[[Digest], Any]] = {
        "file": attrgetter("file"),
        "status": attrgetter("status"),
        "error_code": lambda d: None if d.error is None else d.error.code,
        "error_message": lambda d: None if d.error is None else str(d.error),
        "unit": attrgetter("unit"),
        "forms": lambda d: joined[d.forms],
        "total": attrgetter("total"),
        "declared_total": attrgetter("declared_total"),
        "max_total": attrgetter("max_total"),
        "complete": attrgetter("complete"),
        "grade": attrgetter("grade"),
        "declared_grade": attrgetter("declared_grade"),
        "errors": lambda d: counts[d.severities].get("error", 0),
        "warnings": lambda d: counts[d.severities].get("warning", 0),
        "infos": lambda d: counts[d.severities].get("info", 0),
        "findings": lambda d: sum(counts[d.severities].values()),
        "rules": attrgetter("rules"),
        "form_names": attrgetter("forms"),
        "problems": attrgetter("problems"),
        "notes": attrgetter("notes"),
        "output_error": attrgetter("output_error"),
    }
    table = pd.DataFrame({name: pd.Series(list(map(get[name], digests)), dtype=COLUMNS[name]) for name in get})
    ok = table["status"].eq("ok").to_numpy()
    table["diff"] = _diff(table["total"].to_numpy(), table["declared_total"].to_numpy())
    table["same_unit"] = _same_unit(table["unit"], table["form_names"], ok)
    table["rank"] = _rank(table, ok)
    return table[list(COLUMNS)]


def worst_first(table: pd.DataFrame) -> pd.DataFrame:
    """The table in the summary's order (by ``rank``); the index still gives each row's place in the report."""
    return table.sort_values("rank")


def _diff(total: np.ndarray, declared: np.ndarray) -> np.ndarray:
    """declared − total rounded to the cent as Python's ``round`` rounds, +0.0 for −0.0; NaN unless both are
    finite numbers."""
    both = np.isfinite(total) & np.isfinite(declared)
    diff = np.where(both, declared - np.where(both, total, 0.0), np.nan)
    return _cents(diff) + 0.0


def _cents(values: np.ndarray) -> np.ndarray:
    """``round(v, 2)`` of each value. numpy rounds ``v * 100``, whose own rounding may cross a half cent that
    the exact value does not: values that close to a half cent, or too large for it, are rounded one by one."""
    with np.errstate(over="ignore", invalid="ignore"):
        hundred = values * 100
        rounded = np.round(hundred) / 100
        half = np.abs(hundred - np.floor(hundred) - 0.5) <= 4 * np.spacing(np.abs(hundred))
        exact = np.flatnonzero(np.isfinite(values) & (half | ~(np.abs(hundred) < 2.0**52)))
    rounded[exact] = [round(float(values[i]), 2) for i in exact]
    return rounded


def _same_unit(units: pd.Series, forms: pd.Series, ok: np.ndarray) -> np.ndarray:
    """For each scored return, how many other scored returns name its unit with the same forms (a unit's project form
    and its 部门整体 form, or its 附件4 and 附件5 sent apart, are no second submission); 0 for a return without a
    unit."""
    named = units.where(ok).map(clean, na_action="ignore")
    has = named.notna() & named.ne("")
    # as text: a batch none of whose returns names its unit holds no string to add ("\x00" + NaN would fail)
    keys = (named.where(has, "").astype(str) + "\x00" + forms.map("\x00".join)).where(has)
    others = keys.groupby(keys, dropna=True).transform("size") - 1
    return others.fillna(0).to_numpy(dtype=np.int64)


def _rank(table: pd.DataFrame, ok: np.ndarray) -> np.ndarray:
    """1 for the worst: scored returns by errors, |diff|, warnings (each most first), then file; the returns
    that could not be scored after them, by file. Ties keep the report's order."""
    size = np.abs(table["diff"].to_numpy())
    size = np.where(ok & ~np.isnan(size), size, 0.0)
    errors = np.where(ok, table["errors"].to_numpy(), 0)
    warnings = np.where(ok, table["warnings"].to_numpy(), 0)
    _, file_order = np.unique(np.asarray(table["file"], dtype=object), return_inverse=True)
    order = np.lexsort((file_order, -warnings, -size, -errors, ~ok))  # the last key sorts first; stable
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(1, len(order) + 1)
    return rank
