"""Figures a form says how to make, on the real tables of tests/corpus/real as printed and with one figure changed:
columns whose header prints their formula (福建's 部门整体支出绩效自评表: 小计 ③=①+②, 本年度结余金额⑥=③-④,
资金结余率(%)⑦=⑥/③), held line by line to it; and amounts written beside their labels with their sources under them
(四川's 专项资金 and 海南's 项目基本情况), held to the Σ of the sources."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from corpus.build import build
from corpus.transcript import REAL

from perfxl.locate.forms import locate
from perfxl.pipeline import score_paths
from perfxl.read.grid import read_sheets
from perfxl.read.sniff import sniff
from perfxl.report.results import FileResult
from perfxl.rules import load_rules


def _scored(table: str, tmp_path: Path, changes: dict[str, object]) -> FileResult:
    path = build(REAL / f"{table}.yaml", tmp_path)
    book = openpyxl.load_workbook(path)
    for ref, value in changes.items():
        book.active[ref] = value
    book.save(path)
    return score_paths([path], load_rules("national-2020")).files[0]


def _flags(result: FileResult) -> dict[str, tuple[str, str, object]]:
    """Amounts and rates flagged (the transcriptions end inside the indicators, whose Σ 分值 is then short of 100)."""
    return {
        f.cell or "": (f.code, f.severity, f.computed)
        for f in result.flags
        if f.severity != "info" and f.code in ("sum-mismatch", "rate-mismatch")
    }


def test_the_real_tables_agree_with_their_header_formulas(tmp_path: Path) -> None:
    # 宁德市地震局 2020 (万元): ⑥ = ③ − ④ = 188.61 − 188.45 = 0.16, ⑦ = 0.16 ÷ 188.61 = 0.0848 % → "0.08";
    # 宁德市委党史和地方志研究室 2018 (元): ⑦ = 2751417.82 − 2546673.98 = 204743.84, ⑧ = 7.44 % → "7%"
    for table in ("dept-fujian-ningde-dizhenju-2020-ziping", "dept-fujian-ningde-fangzhiwei-2018-ziping"):
        assert _flags(_scored(table, tmp_path, {})) == {}


def test_a_wrong_balance_is_found_and_its_rate_worked_from_the_right_one(tmp_path: Path) -> None:
    # 合 计 本年度结余金额 typed 0.61 (digits swapped): ③ − ④ = 188.61 − 188.45 = 0.16. Its 结余率 "0.08" was worked
    # from the right 0.16 (0.16 ÷ 188.61 = 0.08 %), so it is not flagged again.
    result = _scored("dept-fujian-ningde-dizhenju-2020-ziping", tmp_path, {"H10": "0.61"})
    assert _flags(result) == {"H10": ("sum-mismatch", "error", 0.16)}
    assert "188.61 − 188.45 = 0.16" in next(f.message for f in result.flags if f.cell == "H10")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # ③ = ① + ② on 财政资金小计: 130.54 + 58.07 = 188.61, typed 186.61 (and the line's own 执行率 follows it)
        ({"E10": "186.61"}, ("E10", "sum-mismatch", 188.61)),
        # ⑦ = ⑥ ÷ ③ on ② 基本支出: 0.16 ÷ 158.61 = 0.1009 % → 0.1, typed 1
        ({"I8": "1"}, ("I8", "rate-mismatch", 0.1)),
    ],
)
def test_each_formula_column_is_held_to_its_header(
    tmp_path: Path, changes: dict[str, object], expected: tuple[str, str, float]
) -> None:
    cell, code, computed = expected
    flags = _flags(_scored("dept-fujian-ningde-dizhenju-2020-ziping", tmp_path, changes))
    assert flags[cell][0] == code and flags[cell][2] == pytest.approx(computed)


def test_a_rate_in_whole_percent_against_its_formula(tmp_path: Path) -> None:
    # 资金结余率 ⑧ = ⑦ ÷ ④ = 204743.84 ÷ 2751417.82 = 7.44 %: typed "9%" is wrong at the precision typed
    flags = _flags(_scored("dept-fujian-ningde-fangzhiwei-2018-ziping", tmp_path, {"J6": "9%"}))
    assert flags["J6"][:2] == ("rate-mismatch", "error") and flags["J6"][2] == pytest.approx(7.44)


def _sums(table: str, tmp_path: Path) -> list[tuple[str, float, list[float]]]:
    path = build(REAL / f"{table}.yaml", tmp_path)
    sniffed = sniff(path)
    sheets = read_sheets(sniffed.path, sniffed.package)
    found = locate(sheets, load_rules("national-2020"))
    return [(group.name, group.weight, [value for _, value in group.parts]) for group in found.sums]


def test_amounts_beside_their_labels_with_their_sources_under_them(tmp_path: Path) -> None:
    # 四川 普惠金融发展专项资金: 年度金额 208 = 中央财政 165 + 省级财政 43; 资金使用 合计 109.8 = 84.5 + 25.3;
    # 海南 服务贸易项目: 计划投资额 570 = 0 + 570 + 0 + 0; 实际到位资金 398.88 = 0 + 398.88 + 0 + 0 (其中: opens each)
    assert _sums("proj-sichuan-puhuijinrong-zhuanxiang", tmp_path) == [
        ("年度金额(提前下达)", 208, [165, 43]),
        ("资金使用情况合计", 109.8, [84.5, 25.3]),
    ]
    assert _sums("proj-hainan-shangwuting-fuwumaoyi", tmp_path) == [
        ("计划投资额", 570, [0, 570, 0, 0]),
        ("实际到位资金", 398.88, [0, 398.88, 0, 0]),
    ]


@pytest.mark.parametrize(
    ("table", "changes", "cell", "parts"),
    [
        # 资金使用 合计 typed 119.8万元: 84.5 + 25.3 = 109.8
        ("proj-sichuan-puhuijinrong-zhuanxiang", {"G2": "119.8万元"}, "G2", 109.8),
        # 省财政 under 实际到位资金 typed 389.88: 0 + 389.88 + 0 + 0 against the 398.88 printed above it
        ("proj-hainan-shangwuting-fuwumaoyi", {"F9": 389.88}, "F7", 389.88),
    ],
)
def test_a_labelled_amount_not_the_sum_of_its_sources(
    tmp_path: Path, table: str, changes: dict[str, object], cell: str, parts: float
) -> None:
    flags = _flags(_scored(table, tmp_path, changes))
    assert flags[cell][:2] == ("sum-mismatch", "error") and flags[cell][2] == pytest.approx(parts)
