"""The variant generator checks out against its own workbooks: every answer key is re-derived from the cells.

A second, deliberately plain routine here reads each workbook back with openpyxl and works out every declared
value from the cells the key names (sums, rates, 执行率得分, score ≤ weight, grade); it must agree with the key on
what is right and what is wrong, so the generator's arithmetic is checked. 200 files must show every structural
variant and every kind of injected mistake.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from corpus.key import MISTAKE_KINDS, AnswerKey, Declared
from corpus.variants import generate
from openpyxl.worksheet.worksheet import Worksheet

N, SEED = 200, 15
MARKERS = {"指标2", "……", "*"}
TEXT_NUMBER = re.compile(r"-?\d{1,3}(,\d{3})*(\.\d+)?|-?\d+(\.\d+)?")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, AnswerKey, Worksheet]]:
    out = tmp_path_factory.mktemp("variants")
    return [(path, key, openpyxl.load_workbook(path)[key.sheet]) for path, key in generate(out, N, SEED)]


def number(ws: Worksheet, ref: str) -> float:
    """A cell as a number the way a person reads it: blanks, "/", "—" and "0/0" count 0; "1,234.50" is 1234.5;
    a label such as "产出指标(50分)" or "自评总分：97.35" gives its number."""
    value = ws[ref].value
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value or "")
    inside = re.search(r"\((\d+(?:\.\d+)?)分\)|[：:]\s*(\d+(?:\.\d+)?)$", text)
    if inside:
        return float(inside.group(1) or inside.group(2))
    return float(text.replace(",", "")) if TEXT_NUMBER.fullmatch(text) else 0.0


def percent(ws: Worksheet, ref: str) -> tuple[float, int]:
    """A declared rate in percent and the number of decimals typed."""
    cell = ws[ref]
    if isinstance(cell.value, (int, float)):
        return cell.value * 100, len(cell.number_format.partition(".")[2].rstrip("%"))
    text = str(cell.value).rstrip("%")
    return float(text), len(text.partition(".")[2])


def grade(total: float) -> str:
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def holds(ws: Worksheet, item: Declared) -> bool:
    """Whether the declared value follows from its inputs, worked out from the cells alone."""
    parts = [number(ws, ref) for ref in item.inputs]
    if item.kind == "rate":
        declared, places = percent(ws, item.cell)
        return abs(declared - parts[0] / parts[1] * 100) < 10.0**-places - 1e-9
    if item.kind == "rate-score":
        return abs(number(ws, item.cell) - parts[0] * min(1.0, parts[1] / parts[2])) <= 0.005 + 1e-9
    if item.kind in ("sum", "total"):
        return abs(number(ws, item.cell) - sum(parts)) < 0.005
    if item.kind == "score":
        return 0 <= number(ws, item.cell) <= sum(parts)
    assert item.kind == "grade"
    return bool(ws[item.cell].value == grade(sum(parts)))


def test_every_file_opens_and_its_key_agrees_with_the_cells(made: list[tuple[Path, AnswerKey, Worksheet]]) -> None:
    for path, key, ws in made:
        where = path.name
        title = str(ws["A1"].value)
        assert title == key.title, where
        assert key.form == ("score-table" if "计分表" in title else "department" if "部门整体" in title else "project")
        for item in key.declared:
            assert holds(ws, item) == item.right, (where, item)
            if item.kind != "grade":
                declared = percent(ws, item.cell)[0] if item.kind == "rate" else number(ws, item.cell)
                assert abs(declared - float(item.declared)) < 1e-6, (where, item)
        assert sorted(m.cell for m in key.mistakes) == sorted(d.cell for d in key.declared if not d.right), where
        assert all(m.kind in MISTAKE_KINDS for m in key.mistakes), where
        for ind in key.indicators:
            assert abs(sum(number(ws, ref) for ref in ind.weight_cells) - float(ind.weight)) < 1e-9, where
            assert abs(number(ws, ind.score_cell) - float(ind.score)) < 1e-9, where
            row = ws[ind.score_cell].row
            assert ind.levels[-1] in {str(c.value) for c in ws[row]} or len(ind.levels) < 3, (where, ind)
        assert all(ws[ref].value in MARKERS for ref in key.placeholders), where


def _texts(ws: Worksheet) -> set[str]:
    return {str(c.value).strip() for row in ws.iter_rows() for c in row if c.value is not None}


EVIDENCE: dict[str, Callable[[Worksheet, set[str]], bool]] = {
    "two-row-header": lambda ws, texts: any(
        r.max_row == r.min_row + 1 and ws.cell(r.min_row, r.min_col).value in ("分值", "权重", "权重分值")
        for r in ws.merged_cells.ranges
    ),
    "header-total:one-cell": lambda ws, texts: any(re.fullmatch(r"自评总分[：:]\s*\d+(\.\d+)?", t) for t in texts),
    "funds-tree": lambda ws, texts: "一般公共预算" in texts and "政府性基金" in texts,
    "amounts-yuan-text": lambda ws, texts: any(re.fullmatch(r"\d{1,3}(,\d{3})+\.\d\d", t) for t in texts),
    "amounts-yuan-number": lambda ws, texts: any(
        "#,##0" in c.number_format and isinstance(c.value, float) for row in ws.iter_rows() for c in row
    ),
    "zero-zero": lambda ws, texts: "0/0" in texts,
    "slash-cells": lambda ws, texts: "/" in texts,
    "dept-with-project-name": lambda ws, texts: (
        any(t.startswith("项目名称") for t in texts) and "部门整体" in str(ws["A1"].value)
    ),
    "fj5:weight-in-name": lambda ws, texts: "资金使用合规性(5分)" in texts,
    "fj5:alias:财政供养人员控制率": lambda ws, texts: "财政供养人员控制率" in texts,
    "fj5:alias:预算调整率": lambda ws, texts: "预算调整率" in texts,
}
REQUIRED = {
    *(
        f"hdr:{w}"
        for w in (
            "全年预算数(A)",
            "全年执行数(B)",
            "执行率(B/A)",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "分值",
            "指标值",
            "年度指标值",
            "完成值",
            "实际完成值",
            "度量单位",
            "指标性质",
        )
    ),
    "two-row-header",
    "weight-before-target",
    "total:all",
    "total:indicators",
    "total:both",
    "total:header",
    "header-total:one-cell",
    "header-total:two-cells",
    "header-label-value-one-cell",
    "funds-tree",
    "rate-on-subrow",
    "score-on-subrow",
    "amounts-yuan-text",
    "amounts-yuan-number",
    "slash-cells",
    "zero-zero",
    "rate-over-100",
    "placeholder-rows",
    "grade",
    "group-weight-in-label",
    "dept-with-project-name",
    "title:部门整体支出绩效自评表",
    "title:项目支出绩效自评表",
    "title:部门预算项目支出绩效自评表",
    "title:绩效目标自评表",
    "fj5",
    "fj5:lvzhi-one-row",
    "fj5:lvzhi-three-merged",
    "fj5:lvzhi-three-scored",
    "fj5:alias:财政供养人员控制率",
    "fj5:alias:预算调整率",
    "fj5:unknown-indicator",
    "fj5:weight-in-name",
    "fj5:level-weight-cols",
    "fj5:placeholder",
}


def test_every_variant_and_mistake_kind_occurs(made: list[tuple[Path, AnswerKey, Worksheet]]) -> None:
    seen = set().union(*(key.features for _, key, _ in made))
    assert REQUIRED - seen == set()
    assert {m.kind for _, key, _ in made for m in key.mistakes} == set(MISTAKE_KINDS)
    assert sum(not key.mistakes for _, key, _ in made) >= N // 5  # clean files too, for false flags
    for path, key, ws in made:
        texts = _texts(ws)
        for feature in key.features:
            if feature.startswith("hdr:"):
                assert feature[4:] in texts, (path.name, feature)
            elif feature in EVIDENCE:
                assert EVIDENCE[feature](ws, texts), (path.name, feature)


def test_same_seed_same_keys(tmp_path: Path) -> None:
    first = [key for _, key in generate(tmp_path / "a", 5, 7)]
    again = [key for _, key in generate(tmp_path / "b", 5, 7)]
    assert first == again
