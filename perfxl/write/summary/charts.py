"""The summary's 图表 sheet: three native charts (复核总分 bands, grades, most frequent problems) beside their data."""

from __future__ import annotations

from collections import Counter
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd

from perfxl.rules import RuleSet
from perfxl.write.summary.layout import BAR, NONE_ROW, print_setup
from perfxl.write.summary.rows import code_text
from perfxl.write.xlsx_formats import Formats, Worksheet

# Bands of the 复核总分 chart: lower bounds of the 2nd… band, and labels; the last band takes all above.
SCORE_BANDS = ((60.0, 70.0, 80.0, 90.0), ("60分以下", "60–70分", "70–80分", "80–90分", "90–100分"))
TOP_CODES = 10
TOP_CODES_TITLE = f"最常见的问题(错误与警告，前{TOP_CODES}项)"
# Each chart: (type, title, category axis, value axis, anchor row, anchor column, width scale)
# The charts and the tables beside them fit A4 landscape at 100 % (the page prints at 9 pt or more), their type at
# _FONT points (xlsxwriter's default is smaller, and a page fitted to its width shrank it to 7 pt).
_CHARTS = (
    ("column", "复核总分分布(单位数)", "复核总分", "单位数", 3, 3, 0.75),
    ("column", "等级分布(单位数)", "等级", "单位数", 3, 9, 0.75),
    ("bar", TOP_CODES_TITLE, "问题", "出现次数", 19, 3, 1.15),
)
_FONT = {"size": 10}


def write_charts(book: Any, ws: Worksheet, st: Formats, returns: pd.DataFrame, rules: RuleSet) -> None:
    """The three tables of counts down column A:B, each with its chart to the right, from the returns table in
    the summary's order (``perfxl.report.returns.worst_first``: the most frequent problems' ties go by first met)."""
    scored = returns[returns["status"].eq("ok")]
    bounds, labels = SCORE_BANDS
    totals = scored["total"].to_numpy()
    totals = totals[np.isfinite(totals)]
    band = np.searchsorted(bounds, totals + 1e-9, side="right")
    bands: list[int] = np.bincount(band, minlength=len(labels)).tolist()
    grade_counts = scored["grade"].value_counts()
    grades = [(g.grade, int(grade_counts.get(g.grade, 0))) for g in rules.grades]
    codes = Counter(map(code_text, chain.from_iterable(scored["problems"])))
    top = [(zh, n) for (_, zh), n in codes.most_common(TOP_CODES)] or [(NONE_ROW, 0)]

    ws.set_row(0, 24)
    ws.write_string(0, 0, "审核结果图表", st["title"])
    ws.write_string(1, 0, f"共 {len(scored)} 个已评分单位；左侧为各图的数据。", st["plain"])
    ws.set_column(0, 0, 32)
    ws.set_column(1, 1, 9)
    tables = (
        ("复核总分分布", ("分数段", "单位数"), list(zip(labels, bands, strict=True))),
        ("等级分布", ("等级", "单位数"), grades),
        (TOP_CODES_TITLE, ("问题", "次数"), top),
    )
    row = 3
    ranges: list[tuple[int, int]] = []
    for caption, header, data in tables:
        ws.write_string(row, 0, caption, st["bold"])
        ws.write_row(row + 1, 0, header, st["header"])
        for i, (label, count) in enumerate(data, start=row + 2):
            ws.write_string(i, 0, label, st["cell"])
            ws.write_number(i, 1, count, st["cell_int"])
        ranges.append((row + 2, row + 1 + len(data)))
        row += len(data) + 4

    most = (max(bands), max((n for _, n in grades), default=0), max(n for _, n in top))
    for spec, (first, last), peak in zip(_CHARTS, ranges, most, strict=True):
        _chart(book, ws, spec, first, last, peak)
    print_setup(ws, header_row=None)
    ws.fit_to_pages(1, 0)  # one page wide, as many long as the charts take: the charts' type stays at 9 pt or more


def _chart(book: Any, ws: Worksheet, spec: tuple[Any, ...], first: int, last: int, peak: int) -> None:
    """One chart of the counts in rows first…last, columns A (labels) and B (counts)."""
    kind, title, cat_name, val_name, at_row, at_col, x_scale = spec
    chart = book.add_chart({"type": kind})
    chart.add_series(
        {
            "name": val_name,
            "categories": [ws.name, first, 0, last, 0],
            "values": [ws.name, first, 1, last, 1],
            "fill": {"color": BAR},
            "data_labels": {"value": True, "font": _FONT},
            "gap": 60,
        }
    )
    chart.set_title({"name": title, "name_font": {"size": 12, "bold": True}})
    chart.set_legend({"none": True})
    value_axis: dict[str, Any] = {
        "name": val_name,
        "num_font": _FONT,
        "name_font": _FONT,
        "min": 0,
        "num_format": "0",
        "major_gridlines": {"visible": True},
    }
    if peak < 10:  # small counts: whole steps, not 0.5
        value_axis["major_unit"] = 1
    if kind == "bar":  # a bar chart's x axis is its value axis; the most frequent problem on top
        chart.set_x_axis(value_axis)
        chart.set_y_axis(
            {
                "name": cat_name,
                "reverse": True,
                "crossing": "max",
                "num_font": _FONT,
                "name_font": {**_FONT, "rotation": 271},
            }
        )
    else:
        chart.set_x_axis({"name": cat_name, "num_font": _FONT, "name_font": _FONT})
        chart.set_y_axis({**value_axis, "name_font": {**_FONT, "rotation": 271}})
    ws.insert_chart(at_row, at_col, chart, {"x_scale": x_scale, "y_scale": 1.0, "object_position": 3})
