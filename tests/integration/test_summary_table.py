"""The batch's returns table (``perfxl.report.returns``) on a hand-built batch, and the summary written from it.

The batch, in report order (index: file, unit, errors/warnings, 复核 → 填报):
  0 b.xlsx  甲单位      1/0  80 → 80
  1 9.xlsx  (cannot be read)
  2 a.xlsx  " 甲 单位"   1/0  80 → 80        ties with b.xlsx but for the file name
  3 c.xlsx  “甲单位”    1/0  60 → 62.945    差额 2.95
  4 f.xlsx  乙单位      0/0  90 → 95        差额 5: before d.xlsx, whose 2 warnings count after |差额|
  5 d.xlsx  丙单位      0/2  80.001 → 80    差额 −0.001 → 0.00, not −0.00
  6 e.xlsx  (no unit)   0/0  90 → (none)    no 差额
  7 0.xlsx  甲单位      (cannot be read)    not counted with the 甲单位 returns
  8 a.xlsx  丁单位      1/0  80 → 80        the same keys as #2 in full: after it, as in the report
Worst first: c, a (#2), a (#8), b, f, d, e, then the failed ones by file: 0.xlsx, 9.xlsx.
"""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from summary_batch import OVERVIEW_TOP, RULES

from perfxl.errors import ErrorCode, InputError
from perfxl.report.digest import digests_of
from perfxl.report.findings import Code, Finding
from perfxl.report.results import FileError, FileResult, Report
from perfxl.report.returns import RETURNS, returns_table, worst_first
from perfxl.write.summary import workbook as summary

SAME = "单位名称与另外 2 个文件相同，请核对是否重复报送"


def _flag(severity: str) -> Finding:
    code = Code.RATE_MISMATCH if severity == "error" else Code.MISSING_VALUE
    return Finding(code, severity, "附件4", "D7", "三公经费变动率", "10%", -10.0, "填报值与计算值不符")


def _scored(
    file: str, unit: str | None, errors: int, warnings: int, total: float, declared: float | None
) -> FileResult:
    flags = [_flag("error")] * errors + [_flag("warning")] * warnings
    return FileResult(file, unit=unit, total=total, declared_total=declared, max_total=100.0, grade="良", flags=flags)


def _failed(file: str, unit: str | None, notes: list[str]) -> FileResult:
    error = FileError.of(InputError("找不到文件", code=ErrorCode.NOT_FOUND, file=file))
    return FileResult(file, status="error", error=error, unit=unit, notes=notes)


BATCH = [
    _scored("b.xlsx", "甲单位", 1, 0, 80.0, 80.0),
    _failed("9.xlsx", None, []),
    _scored("a.xlsx", " 甲 单位", 1, 0, 80.0, 80.0),
    _scored("c.xlsx", "“甲单位”", 1, 0, 60.0, 62.945),
    _scored("f.xlsx", "乙单位", 0, 0, 90.0, 95.0),
    _scored("d.xlsx", "丙单位", 0, 2, 80.001, 80.0),
    _scored("e.xlsx", None, 0, 0, 90.0, None),
    _failed("0.xlsx", "甲单位", ["扩展名与内容不符"]),
    _scored("a.xlsx", "丁单位", 1, 0, 80.0, 80.0),
]
WORST_FIRST = [3, 2, 8, 0, 4, 5, 6, 7, 1]  # report indexes, as worked out in the module docstring


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return returns_table(digests_of(BATCH))


def test_worst_first_with_ties(table: pd.DataFrame) -> None:
    assert list(table["rank"]) == [4, 9, 2, 1, 5, 6, 7, 8, 3]  # the place of each, in report order
    ordered = worst_first(table)
    assert list(ordered.index) == WORST_FIRST
    assert list(ordered["file"]) == [BATCH[i].file for i in WORST_FIRST]


def test_diff_to_the_cent(table: pd.DataFrame) -> None:
    diff = list(table["diff"])
    # 62.945 − 60 is exactly 2.94500000000000028…: 2.95 (× 100 in floating point is exactly 294.5, which a
    # half-to-even rounding of the product would make 2.94)
    assert diff[3] == 2.95
    assert diff[4] == 5.0 and diff[0] == diff[2] == 0.0
    assert diff[5] == 0.0 and math.copysign(1.0, diff[5]) == 1.0  # −0.001 → 0.00, never −0.00
    assert math.isnan(diff[6]) and math.isnan(diff[1]) and math.isnan(diff[7])  # no 填报总分; not scored


def test_repeated_units(table: pd.DataFrame) -> None:
    # 甲单位, " 甲 单位" and “甲单位” are one unit; the failed 0.xlsx is not counted with them
    assert list(table["same_unit"]) == [2, 0, 2, 2, 0, 0, 0, 0, 0]


def test_counts_and_types(table: pd.DataFrame) -> None:
    row = table.loc[5]
    assert (row["errors"], row["warnings"], row["infos"], row["findings"]) == (0, 2, 0, 2)
    assert row["problems"] == (Code.MISSING_VALUE, Code.MISSING_VALUE)
    failed = table.loc[7]
    assert failed["status"] == "error" and failed["error_code"] == "not-found"
    assert failed["notes"] == ("扩展名与内容不符",) and math.isnan(failed["total"])
    assert table["unit"].isna().tolist() == [False, True, False, False, False, False, True, False, False]


def test_frames_returns_is_the_table_in_report_order(table: pd.DataFrame) -> None:
    returns = Report(BATCH, RULES.name).to_frames().returns
    assert list(returns.columns) == list(RETURNS)
    assert list(returns["file"]) == [r.file for r in BATCH]
    assert returns.equals(table[list(RETURNS)])


def test_summary_is_written_from_the_table(tmp_path: Path) -> None:
    path = tmp_path / "汇总.xlsx"
    summary.write_summary(Report(BATCH, RULES.name), [], path, RULES)
    book = openpyxl.load_workbook(path)
    rows = list(book["汇总"].iter_rows(min_row=OVERVIEW_TOP, values_only=True))
    header, body = rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert header[0] == "序号" and [r["序号"] for r in body] == list(range(1, 10))
    assert [r["文件"] for r in body] == [f"{name}.xlsx" for name in ("c", "a", "a", "b", "f", "d", "e", "0", "9")]
    assert [r["单位名称"] for r in body[:4]] == ["“甲单位”", " 甲 单位", "丁单位", "甲单位"]
    assert [r["差额(填报−复核)"] for r in body] == [2.95, 0, 0, 0, 5, 0, None, None, None]
    assert [r["备注"] for r in body[:5]] == [SAME, SAME, None, SAME, None]
    assert [r["状态"] for r in body] == ["有错误"] * 4 + ["正常", "有警告", "正常", "无法评分", "无法评分"]
    assert body[7]["备注"] == "0.xlsx: 找不到文件；扩展名与内容不符"  # the error, then the reading notes
    assert body[7]["错误数"] is None and body[7]["单位名称"] == "甲单位"
    failures = list(book["处理失败"].iter_rows(min_row=2, values_only=True))
    assert [(f[0], f[1], f[2]) for f in failures] == [
        ("0.xlsx", "无法评分", "找不到文件"),
        ("9.xlsx", "无法评分", "找不到文件"),
    ]
    assert failures[0][3] == body[7]["备注"]


def test_one_units_forms_sent_apart_are_no_second_submission() -> None:
    # round 41: a unit's project form and its 部门整体 form in two files were each noted "请核对是否重复报送"; the same
    # unit with the same forms twice still is
    project = {"form": "项目支出绩效自评表", "sheet": "Sheet1"}
    department = {"form": "部门整体支出绩效自评表", "sheet": "Sheet1"}
    files = [_scored(name, "乙单位", 0, 0, 90.0, 90.0) for name in ("p.xlsx", "d.xlsx", "p2.xlsx")]
    for result, form in zip(files, (project, department, project), strict=True):
        result.forms = [form]
    assert list(returns_table(digests_of(files))["same_unit"]) == [1, 0, 1]


def test_a_batch_in_which_no_return_names_its_unit() -> None:
    # round 49: a batch whose every return left its 单位 unnamed had no text to key the repeats by, and the summary
    # failed (float NaN + "\x00"); none is anyone's repeat
    files = [_scored(name, None, 0, 0, 90.0, 90.0) for name in ("a.xlsx", "b.xlsx")]
    assert list(returns_table(digests_of(files))["same_unit"]) == [0, 0]
