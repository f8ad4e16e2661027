"""samples/ is current: its inputs are what make_samples.py builds, its outputs what perfxl makes of them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from samples_data import build

from perfxl import api
from perfxl.report.findings import Code

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
INPUTS = [
    "大通湖政务中心2020.xlsx",
    "全部问题示例.xlsx",
    "大通湖政务中心2020_全套.xlsx",
    "梁平政务服务办2021.xlsx",
    "全南大厅运行经费2021.xlsx",
]


def _values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("samples")
    assert [p.name for p in build(folder)] == INPUTS
    return folder


@pytest.mark.parametrize("name", INPUTS)
def test_inputs_are_current(rebuilt: Path, name: str) -> None:
    assert _values(SAMPLES / name) == _values(rebuilt / name)


@pytest.mark.parametrize("name", INPUTS)
def test_outputs_are_current(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out.xlsx"
    api.score(SAMPLES / name, out)
    committed = _values(SAMPLES / name.replace(".xlsx", "_评分.xlsx"))
    assert _values(out) == committed


def test_one_workbook_triggers_every_finding_code_of_the_score_table_forms() -> None:
    # the rule set named (not chosen): a 分值 other than its own is said (under auto the printed 分值 is the rule,
    # and only the sums say it)
    report = api.score(SAMPLES / "全部问题示例.xlsx", rules="yiyang-2020", write=False)
    codes = {f.code for f in report.files[0].flags}
    assert codes == {
        Code.RATE_MISMATCH,
        Code.SUM_MISMATCH,
        Code.SCORE_OVER_WEIGHT,
        Code.SCORE_MISMATCH,
        Code.GRADE_MISMATCH,
        Code.WEIGHT_MISMATCH,
        Code.MISSING_VALUE,
        Code.BAD_VALUE,
        Code.UNVERIFIABLE,
    }
