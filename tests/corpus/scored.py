"""Workbooks built from rows and merges for a test, scored by perfxl: the rows as a person lays them out."""

from __future__ import annotations

from pathlib import Path

from corpus.grid import Grid, parse_range, save
from perfxl.pipeline import score_paths
from perfxl.report.results import FileResult
from perfxl.rules import load_rules
from perfxl.rules.auto import resolve_rules

Row = list[object]

# the rows most built forms share: a project form's funds header (9 columns) and the national indicator header with
# its caption column
PROJECT_FUNDS_HEAD: Row = [
    "项目资金（万元）",
    "",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "",
]
INDICATOR_HEAD: Row = [
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因",
]


def book(
    tmp_path: Path,
    sheets: list[tuple[list[Row], list[str]]],
    name: str = "t.xlsx",
    rules: str = "national-2020",
    names: list[str] | None = None,
) -> FileResult:
    """Each (rows, merges) a sheet (named by ``names``, else "自评表", or "自评表1", "自评表2" …), scored by ``rules``
    ("auto" to choose)."""
    grids = []
    for i, (rows, merges) in enumerate(sheets):
        grid = Grid(names[i] if names else f"自评表{i + 1}" if len(sheets) > 1 else "自评表")
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value != "":
                    grid.put(r, c, value)  # type: ignore[arg-type]
        for ref in merges:
            top, left, bottom, right = parse_range(ref)
            grid.merge(top, left, bottom, right)
        grids.append(grid)
    path = save(grids, tmp_path / name)
    ruleset = resolve_rules(rules) if rules == "auto" else load_rules(rules)
    return score_paths([path], ruleset).files[0]


def flagged(result: FileResult) -> dict[str, list[str]]:
    """Cell -> the messages of the errors and warnings raised there."""
    out: dict[str, list[str]] = {}
    for f in result.flags:
        if f.severity in ("error", "warning") and f.cell:
            out.setdefault(f.cell, []).append(f.message)
    return out


def justice_form(rows: list[Row], total: float, width: int = 9, standard: str = "评分标准") -> list[Row]:
    """县司法局's 部门整体支出绩效自评表 (round 55 of second readers) around ``rows``: 851 ÷ 920 = 92.50 % of its funds,
    10 × 92.50 % = 9.25; its indicators' header puts the 评价标准 (``standard``) in column H, a reason column last;
    ``width`` columns (10: the 评价标准 header over H:I)."""
    pad = [""] * (width - 9)
    header = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        standard,
        *pad,
        "偏差原因",
    ]
    return [
        ["部门整体支出绩效自评表（2023年度）", *[""] * (width - 1)],
        ["部门（单位）名称", "县司法局", *[""] * (width - 2)],
        [
            "年度预算执行情况（万元）",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
            *[""] * (width - 8),
        ],
        ["", "年度资金总额", 900, 920, 851, 10, "92.50%", 9.25, *[""] * (width - 8)],
        header,
        *rows,
        ["总分", "", "", "", "", 100, total, *[""] * (width - 7)],
    ]


def score_grid(
    tmp_path: Path, name: str, rows: list[Row], merges: list[str], changes: dict[str, object] | None = None
) -> FileResult:
    """One sheet ``name`` of ``rows`` (1-based, "" left blank) and ``merges``, with ``changes`` ({"C13": 11.22}) typed
    over it, scored with the rule set chosen from what it prints (``--rules auto``)."""
    grid = Grid(name)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                grid.put(r, c, value)  # type: ignore[arg-type]
    for ref in merges:
        grid.merge(*parse_range(ref))
    for ref, value in (changes or {}).items():
        top, left, _, _ = parse_range(ref)
        grid.put(top, left, value)  # type: ignore[arg-type]
    return score_paths([save([grid], tmp_path / "t.xlsx")], resolve_rules("auto")).files[0]


def errors_and_warnings(result: FileResult) -> list[tuple[str | None, str, float | None]]:
    """(cell, code, computed) of every error and warning, in order."""
    return sorted((f.cell, f.code.value, f.computed) for f in result.flags if f.severity in ("error", "warning"))
