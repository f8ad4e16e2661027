"""The batch summary workbook of ``perfxl audit``, read back with openpyxl and from its XML.

The batch: seed 001 as published (2 rate errors), the seed with injected score errors (在职人员控制率 9 of 7,
合计 95), the seed under a formula-like unit name, a file that does not exist (cannot be scored) and a skipped
lock file. Expected counts and order are computed from the FileResults, not typed in.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import seed_tables as layouts
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.worksheet.worksheet import Worksheet
from summary_batch import EVIL, LOCK_REASON, OVERVIEW_TOP, RULES, summary_batch

from perfxl.pipeline import score_paths
from perfxl.report.findings import SEVERITY_ORDER, SEVERITY_ZH
from perfxl.report.results import FileResult, Report
from perfxl.write.summary import layout
from perfxl.write.summary import workbook as summary
from perfxl.write.summary.charts import SCORE_BANDS
from perfxl.write.summary.overview import INTERRUPTED


@dataclasses.dataclass
class Batch:
    report: Report
    skipped: list[tuple[str, str]]
    path: Path

    @property
    def scored(self) -> list[FileResult]:
        return [f for f in self.report.files if f.status == "ok"]

    def by_file(self, file: str) -> FileResult:
        return next(f for f in self.report.files if f.file == file)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    folder = tmp_path_factory.mktemp("batch")
    report, skipped = summary_batch(folder)
    path = folder / "审核汇总.xlsx"
    summary.write_summary(report, skipped, path, RULES)
    return Batch(report, skipped, path)


@pytest.fixture(scope="module")
def book(batch: Batch) -> openpyxl.Workbook:
    return openpyxl.load_workbook(batch.path)


def _table(ws: Worksheet, header_row: int = 1) -> tuple[list[Any], list[tuple[Any, ...]]]:
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    return list(rows[0]), rows[1:]


def _records(ws: Worksheet, header_row: int = 1) -> list[dict[str, Any]]:
    header, rows = _table(ws, header_row)
    return [dict(zip(header, row, strict=True)) for row in rows]


def _severities(result: FileResult) -> Counter[str]:
    return Counter(f.severity for f in result.flags)


def _sheet_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist() if name.startswith("xl/worksheets/sheet")}


# ---------------------------------------------------------------- sheets and 汇总


def test_sheets_in_order(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["汇总", "问题清单", "提示清单", "指标明细", "图表", "处理失败"]


def test_overview_has_one_row_per_return_worst_first(batch: Batch, book: openpyxl.Workbook) -> None:
    records = _records(book["汇总"], OVERVIEW_TOP)
    assert len(records) == len(batch.report.files) == 4
    assert [r["序号"] for r in records] == [1, 2, 3, 4]
    files = [r["文件"] for r in records]
    assert files[0].endswith("injected.xlsx")  # the injected errors come first
    assert files[-1].endswith("missing.xlsx") and records[-1]["状态"] == "无法评分"

    def worst_first(result: FileResult) -> tuple[float, ...]:
        counts = _severities(result)
        diff = abs((result.declared_total or 0) - (result.total or 0))
        return (-counts["error"], -round(diff, 2), -counts["warning"])

    expected = sorted(batch.scored, key=lambda f: (*worst_first(f), f.file))
    assert files[:3] == [f.file for f in expected]
    for record in records[:3]:
        result = batch.by_file(record["文件"])
        counts = _severities(result)
        assert (record["错误数"], record["警告数"], record["提示数"]) == (
            counts["error"],
            counts["warning"],
            counts["info"],
        )
        assert record["复核总分"] == pytest.approx(result.total)
        assert record["填报总分"] == pytest.approx(result.declared_total)
        assert record["差额(填报−复核)"] == pytest.approx((result.declared_total or 0) - (result.total or 0))
        assert record["等级"] == result.grade
        assert record["识别到的表"] == "附件4、附件5"
        assert record["状态"] == ("有错误" if counts["error"] else "有警告" if counts["warning"] else "正常")
    failed = records[-1]
    assert failed["错误数"] is None and failed["复核总分"] is None and "找不到文件" in failed["备注"]


def test_overview_notes_returns_of_one_unit(tmp_path: Path) -> None:
    paths = [layouts.seed_layout(tmp_path / f"{i}.xlsx") for i in range(4)]
    report = score_paths([*paths, tmp_path / "missing.xlsx"], RULES)
    for i, unit in enumerate(["大通湖区政务中心", "大通湖区 政务中心 ", "大通湖区政务中心", "大通湖区财政局"]):
        report.files[i] = dataclasses.replace(report.files[i], unit=unit)  # the second as typed with spaces
    summary.write_summary(report, [], tmp_path / "汇总.xlsx", RULES)
    notes = {
        Path(r["文件"]).name: r["备注"]
        for r in _records(openpyxl.load_workbook(tmp_path / "汇总.xlsx")["汇总"], OVERVIEW_TOP)
    }
    same = "单位名称与另外 2 个文件相同，请核对是否重复报送"
    assert [notes[f"{i}.xlsx"] for i in range(4)] == [same, same, same, None]
    assert "单位名称" not in notes["missing.xlsx"]  # not scored: no unit read


def test_overview_numbers_are_numbers_with_two_decimals(book: openpyxl.Workbook) -> None:
    ws = book["汇总"]
    header = [c.value for c in ws[OVERVIEW_TOP]]
    for name in ("复核总分", "填报总分", "差额(填报−复核)"):
        cell = ws.cell(OVERVIEW_TOP + 1, header.index(name) + 1)
        assert cell.data_type == "n" and isinstance(cell.value, (int, float)) and cell.number_format == "0.00"
    errors = ws.cell(OVERVIEW_TOP + 1, header.index("错误数") + 1)
    assert errors.data_type == "n" and errors.number_format == "0"


def test_summary_line_counts(batch: Batch, book: openpyxl.Workbook) -> None:
    ws = book["汇总"]
    assert ws["A1"].value == "绩效自评批量审核汇总" and ws["A1"].font.b
    counts = batch.report.counts()
    line = ws["A2"].value
    assert line.startswith("文件总数 5：已评分 3，无法评分 1，已跳过 1；")
    assert f"错误 {counts['error']} 项，警告 {counts['warning']} 项" in line
    assert RULES.title in line and INTERRUPTED not in line


def test_an_interrupted_run_says_so_in_red(tmp_path: Path) -> None:
    report, skipped = summary_batch(tmp_path)
    path = tmp_path / "s.xlsx"
    summary.write_summary(report, skipped, path, RULES, interrupted=True)
    cell = openpyxl.load_workbook(path, rich_text=True)["汇总"]["A2"].value
    assert isinstance(cell, CellRichText)
    red = [
        b.text
        for b in cell
        if isinstance(b, TextBlock) and b.font.color is not None and str(b.font.color.rgb).upper().endswith("C00000")
    ]
    assert red == [INTERRUPTED]


def test_overview_conditional_formats(book: openpyxl.Workbook) -> None:
    ws = book["汇总"]
    rules: dict[str, list[tuple[str, str | None, list[str]]]] = {}
    for cf in ws.conditional_formatting:
        rules[str(cf.sqref)] = [(r.type, r.operator, list(r.formula or [])) for r in cf.rules]
    assert ("cellIs", "greaterThan", ["0"]) in rules["I4:I7"]  # 错误数 > 0: red fill
    assert ("cellIs", "greaterThan", ["0"]) in rules["J4:J7"]  # 警告数 > 0: yellow fill
    assert ("cellIs", "notEqual", ["0"]) in rules["G4:G7"]  # 差额 ≠ 0: red text
    assert [kind for kind, _, _ in rules["E4:E7"]] == ["dataBar"]  # 复核总分
    fills = {
        str(cf.sqref): cf.rules[0].dxf.fill.bgColor.rgb
        for cf in ws.conditional_formatting
        if str(cf.sqref) in ("I4:I7", "J4:J7")
    }
    assert fills["I4:I7"].upper().endswith("FFC7CE") and fills["J4:J7"].upper().endswith("FFEB9C")


# ---------------------------------------------------------------- 问题清单, 指标明细, 处理失败


def test_findings_sheet_lists_every_finding_in_overview_order(batch: Batch, book: openpyxl.Workbook) -> None:
    header, rows = _table(book["问题清单"])
    assert header == [
        "文件",
        "单位名称",
        "工作表",
        "单元格",
        "问题",
        "严重程度",
        "项目",
        "填报值",
        "计算值",
        "说明",
    ]
    # errors and warnings only: the notes (提示) are a sheet of their own, most of the rows of a big batch (issue 17)
    assert len(rows) == sum(f.severity != "info" for r in batch.report.files for f in r.flags)
    assert "提示" not in {row[5] for row in rows}
    _, notes = _table(book["提示清单"])
    assert len(notes) == sum(f.severity == "info" for r in batch.report.files for f in r.flags) > 0
    assert {row[5] for row in notes} == {"提示"}
    overview = [r["文件"] for r in _records(book["汇总"], OVERVIEW_TOP)]
    listed = list(dict.fromkeys(row[0] for row in rows))
    assert listed == [f for f in overview if batch.by_file(f).flags]
    # a rate's 计算值 in the unit its 填报值 is typed in (issue 17: "10%" beside -10): "比率与数据不符" rows
    rates = [row for row in rows if row[4] == "比率与数据不符" and isinstance(row[8], str)]
    assert rates and all(row[8].endswith("%") for row in rates)
    assert not [row for row in rows if row[4] == "比率与数据不符" and isinstance(row[8], float)]
    rank = {SEVERITY_ZH[s]: n for s, n in SEVERITY_ORDER.items()}
    for file in listed:
        mine = [row for row in rows if row[0] == file]
        assert [rank[row[5]] for row in mine] == sorted(rank[row[5]] for row in mine)
        result = batch.by_file(file)
        # each finding by its Chinese name (issue 17: no English codes on paper; the codes are in the JSON)
        assert Counter(row[4] for row in mine) == Counter(f.code.zh for f in result.flags if f.severity != "info")
        assert all(row[1] == result.unit for row in mine)
    assert not any(isinstance(row[4], str) and row[4].isascii() for row in rows)
    wrong_sign = next(row for row in rows if row[0].endswith("published.xlsx") and row[6] == "三公经费变动率")
    assert wrong_sign[7] == "10%" and wrong_sign[8] == "-10.00%"  # typed text as typed; the rate in the same unit


def test_details_has_every_rate_and_indicator_of_the_rules(batch: Batch, book: openpyxl.Workbook) -> None:
    records = _records(book["指标明细"])
    header = list(records[0])
    expected = ["单位名称", "文件", *(f"{name}(%)" for name in RULES.rates)]
    for ind in RULES.indicators:
        expected += [f"{ind.name} 复核", f"{ind.name} 填报"]
    assert header == [*expected, "复核总分", "填报总分", "等级"]
    assert sorted(r["文件"] for r in records) == sorted(f.file for f in batch.scored)
    for record in records:
        result = batch.by_file(record["文件"])
        for rate in result.rates:
            assert record[f"{rate.name}(%)"] == pytest.approx(rate.value)
        for ind in result.indicators:
            assert record[f"{ind.name} 复核"] == pytest.approx(ind.score)
            assert record[f"{ind.name} 填报"] == pytest.approx(ind.declared)
        assert record["复核总分"] == pytest.approx(result.total) and record["等级"] == result.grade


def test_failures_lists_failed_and_skipped_files(batch: Batch, book: openpyxl.Workbook) -> None:
    failed = next(f for f in batch.report.files if f.status == "error")
    assert failed.error is not None
    assert _records(book["处理失败"]) == [
        {"文件": failed.file, "状态": "无法评分", "原因": failed.error.code.zh, "说明": str(failed.error)},
        # 原因 said (round 41: it was left blank), 说明 what the file is
        {"文件": batch.skipped[0][0], "状态": "已跳过", "原因": "未读取", "说明": LOCK_REASON},
    ]


# ---------------------------------------------------------------- untrusted text


def test_a_formula_like_unit_name_is_text(batch: Batch, book: openpyxl.Workbook) -> None:
    sheets = _sheet_xml(batch.path)
    assert len(sheets) == 6
    for name, xml in sheets.items():
        assert not re.search(r"<f[ >/]", xml), name
    assert f"<t>{EVIL}</t>" in sheets["xl/worksheets/sheet1.xml"]
    evil = [c for row in book["汇总"].iter_rows() for c in row if c.value == EVIL]
    assert len(evil) == 1 and evil[0].data_type == "s"
    # quote-prefixed (issue 18): a person who edits the cell in Excel or WPS does not turn it into a formula
    everywhere = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value == EVIL]
    assert everywhere and all(c.quotePrefix for c in everywhere)
    plain = [
        c for row in book["汇总"].iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] not in "=+-@"
    ]
    assert plain and not any(c.quotePrefix for c in plain)  # only texts that start like a formula
    assert sum(
        c.value == EVIL for name in ("问题清单", "提示清单") for row in book[name].iter_rows() for c in row
    ) == len(next(f for f in batch.report.files if f.unit == EVIL).flags)


# ---------------------------------------------------------------- charts, view and print


def test_three_native_charts(batch: Batch, book: openpyxl.Workbook) -> None:
    with zipfile.ZipFile(batch.path) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        assert charts == ["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"]
        xml = [z.read(name).decode("utf-8") for name in charts]
    assert [re.findall(r'<c:barDir val="(\w+)"/>', x) for x in xml] == [["col"], ["col"], ["bar"]]
    for x in xml:
        assert x.count("<c:title>") == 3  # the chart's and both axes'
        assert "<c:legend>" not in x  # one series: no legend
        assert "图表" in x  # data on the chart sheet
    assert "错误与警告" in xml[2]  # what the problem counts count

    ws = book["图表"]
    values = {row[0]: row[1] for row in ws.iter_rows(min_col=1, max_col=2, values_only=True) if row[0]}
    assert sum(values[label] for label in SCORE_BANDS[1]) == len(batch.scored)
    grades = Counter(f.grade for f in batch.scored)
    assert {g.grade: values[g.grade] for g in RULES.grades} == {g.grade: grades[g.grade] for g in RULES.grades}
    codes = Counter(f.code for r in batch.scored for f in r.flags if f.severity != "info")
    for code, n in codes.items():
        assert values[code.zh] == n


def test_views_filters_and_print_setup(batch: Batch, book: openpyxl.Workbook) -> None:
    n_findings = sum(f.severity != "info" for r in batch.report.files for f in r.flags)
    assert book["汇总"].freeze_panes == "C4" and book["汇总"].auto_filter.ref == "A3:M7"
    assert book["问题清单"].freeze_panes == "A2" and book["问题清单"].auto_filter.ref == f"A1:J{n_findings + 1}"
    assert book["汇总"].print_title_rows == "$3:$3" and book["问题清单"].print_title_rows == "$1:$1"
    assert book["处理失败"].auto_filter.ref == "A1:D3"
    for ws in book:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9, ws.title
        fit = ws.sheet_properties.pageSetUpPr
        if fit is not None and fit.fitToPage:  # one page wide, its type no smaller than 9 pt (test_print.py)
            assert int(ws.page_setup.fitToWidth or 1) == 1 and int(ws.page_setup.fitToHeight) == 0, ws.title
        else:  # wider than that: at 100 % across pages, the columns naming the return repeated on each
            assert int(ws.page_setup.scale or 100) == 100 and ws.print_title_cols, ws.title
    details = book["指标明细"]
    assert details.freeze_panes == "C2" and details.print_title_rows == "$1:$1"
    assert details.print_title_cols == "$A:$A" and int(details.page_setup.scale or 100) == 100


def test_detail_columns_no_return_fills_are_hidden(book: openpyxl.Workbook) -> None:
    # round 41: a rule set's 62 columns printed over 18 pages, most empty; a column no row fills is hidden (on screen
    # and on paper), every other shown — counted from the sheet's own cells
    details = book["指标明细"]
    hidden = {j for dim in details.column_dimensions.values() if dim.hidden for j in range(dim.min, dim.max + 1)}
    empty = {
        j
        for j in range(3, details.max_column - 2)
        if all(details.cell(i, j).value in (None, "") for i in range(2, details.max_row + 1))
    }
    assert empty and hidden == empty
    # the review: the header row's height is the shown columns' (a hidden one's header wrapped at width 0 made it
    # ~380 pt, a page's rows pushed off by the header repeated on each)
    assert details.row_dimensions[1].height < 100


# ---------------------------------------------------------------- edges


def test_an_empty_batch_says_none(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    summary.write_summary(Report([], RULES.name), [], path, RULES)
    book = openpyxl.load_workbook(path)
    assert book["汇总"]["A2"].value.startswith("文件总数 0：")
    for name, first in (("汇总", OVERVIEW_TOP + 1), ("问题清单", 2), ("提示清单", 2), ("指标明细", 2), ("处理失败", 2)):
        assert book[name].cell(first, 1).value == "无", name
        assert book[name].max_row == first, name
    with zipfile.ZipFile(path) as z:
        assert sum(n.startswith("xl/charts/chart") for n in z.namelist()) == 3


def test_more_findings_than_excel_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report, skipped = summary_batch(tmp_path)
    monkeypatch.setattr(layout, "MAX_ROWS", 20)
    path = tmp_path / "many.xlsx"
    summary.write_summary(report, skipped, path, RULES)
    book = openpyxl.load_workbook(path)
    assert book["问题清单"].max_row == 20
    assert "超出 Excel 行数上限" in book["汇总"]["A2"].value


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_it(batch: Batch, tmp_path: Path) -> None:
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(batch.path)],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / f"{batch.path.stem}.pdf"
    assert done.returncode == 0 and pdf.exists() and pdf.stat().st_size > 10_000, done.stderr


def test_the_forms_found_wrap_rather_than_being_cut_off(book: openpyxl.Workbook) -> None:
    # issue 17: 汇总's 识别到的表 was cut off ("自评表、附件4、附件5" and longer lists in an 18-character column)
    ws = book["汇总"]
    header = [c.value for c in ws[OVERVIEW_TOP]]
    column = header.index("识别到的表") + 1
    cells = [ws.cell(r, column) for r in range(OVERVIEW_TOP + 1, ws.max_row + 1) if ws.cell(r, column).value]
    assert cells and all(c.alignment.wrap_text for c in cells)


def test_the_finding_lists_fit_a4_landscape_without_shrinking(book: openpyxl.Workbook) -> None:
    # issue 17: 问题清单 printed at 6.5 pt after fit-to-width; at their widest its columns now add up to what A4
    # landscape holds at 100 % inside the summary's 0.4 in margins (10.89 in ≈ 784 pt, ~5.25 pt a character)
    from perfxl.write.summary.rows import FINDING_COLUMNS, FINDINGS_WIDTH

    assert sum(col.hi or col.lo for col in FINDING_COLUMNS) <= FINDINGS_WIDTH <= (11.69 - 0.8) * 72 / 5.25
    for name in ("问题清单", "提示清单"):
        ws = book[name]
        assert sum(dim.width for dim in ws.column_dimensions.values()) <= FINDINGS_WIDTH, name
