"""Header formulas read from the words people print over a column."""

from __future__ import annotations

import pytest

from perfxl.locate.column_formulas import printed_formulas
from perfxl.read.grid import Sheet


def _sheet(header: list[str], line: list[object]) -> Sheet:
    cells = {(0, c): text for c, text in enumerate(header) if text}
    cells.update({(1, c): value for c, value in enumerate(line) if value != ""})
    return Sheet("表", cells)


@pytest.mark.parametrize(
    ("header", "shown", "operands"),
    [
        (["资金结构", "年初预算①", "调整②", "小计 ③=①+②"], "③=①+②", {"①": "B2", "②": "C2"}),
        (["资金结构", "预算数（A）", "执行数（B）", "执行率（B/A×100%）"], "(B/A×100%)", {"B": "C2", "A": "B2"}),
        (["资金结构", "年初预算（A）", "调整数（B）", "调整后预算（C=A+B）"], "(C=A+B)", {"A": "B2", "B": "C2"}),
        # ④ printed on no header: the one unmarked header between ③ and ⑤ carries it
        (["资金结构", "小计③", "年度拨付金额", "结余⑤=③－④"], "⑤=③-④", {"③": "B2", "④": "C2"}),
    ],
)
def test_a_formula_and_the_cells_it_names(header: list[str], shown: str, operands: dict[str, str]) -> None:
    formulas = printed_formulas(_sheet(header, ["合计", 10, 8, 2]), 0, [(1, "合计")], frozenset())
    assert [(f.shown, f.target.cell, {m: h.cell for m, h in f.operands}) for f in formulas] == [(shown, "D2", operands)]


@pytest.mark.parametrize(
    "header",
    [
        ["资金结构", "年初预算①", "调整①", "小计 ③=①+②"],  # ① on two columns: names neither
        ["资金结构", "年初预算①", "调整", "其他", "小计 ④=①+②"],  # ② between two unmarked columns: unknown
        ["资金结构", "年初预算①", "调整②", "小计 ③=①+"],  # no formula
        ["资金结构", "金额(万元)", "人数(A)", "说明(见附表)"],  # units and words in brackets are no formula
    ],
)
def test_no_formula_is_guessed(header: list[str]) -> None:
    line = ["合计", *([1] * (len(header) - 1))]
    assert printed_formulas(_sheet(header, line), 0, [(1, "合计")], frozenset()) == []
