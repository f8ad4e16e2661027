"""The summary's table bodies, read back: untrusted text, NaN and infinity as intended, and the same cells from a
batch's spool, and with column formats numbered otherwise."""

from __future__ import annotations

import dataclasses
import math
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from summary_batch import OVERVIEW_TOP, RULES, summary_batch

from perfxl.batch.packed import Packed
from perfxl.batch.spool import SpooledFiles
from perfxl.report.findings import SEVERITY_ZH
from perfxl.report.results import FileResult, Report
from perfxl.write.summary import sheetxml, splice
from perfxl.write.summary import workbook as summary
from perfxl.write.summary.rows import Packer

NASTY = [
    " 前导空格",
    "尾随空格 ",
    "控制\x01字符\x1f",
    "_x0041_ 字面",
    "<b>&amp;</b>",
    "{=1+1}",
    "@SUM(A1)",
    "+1",
    "-2",
    "\t制表",
    "两\n行",
    "长" * 40000,
    "表情 😀 字",
    "=1+1",
]


def _excel_text(stored: str) -> str:
    """A text as Excel shows it: openpyxl gives an inline string's ``_xHHHH_`` escapes as they are stored."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), stored)


def _excel_clip(text: str) -> str:
    """At most 32,767 characters a cell, counted in UTF-16 units as Excel counts them."""
    units = text.encode("utf-16-le", "surrogatepass")
    return units[: 2 * 32767].decode("utf-16-le", "ignore")


def test_table_rows_read_back_as_intended(tmp_path: Path) -> None:
    """Untrusted texts, NaN and infinity through the table bodies: each cell read back with openpyxl holds the
    value intended (text stays text as typed, clipped to Excel's limit; no number where there is none), with
    its column's look, and a row of wrapped text is as tall as its lines."""
    report, skipped = summary_batch(tmp_path)
    seed = report.files[0]
    for text in NASTY:
        flag = seed.flags[0]._replace(message=text, item=text, declared=text)
        report.files.append(dataclasses.replace(seed, file=f"{text[:20]}.xlsx", unit=text, flags=[flag]))
    report.files.append(dataclasses.replace(seed, file="nan.xlsx", total=math.nan, declared_total=math.inf))
    path = tmp_path / "s.xlsx"
    summary.write_summary(report, skipped, path, RULES)
    book = openpyxl.load_workbook(path)

    overview = book["汇总"]
    header = [c.value for c in overview[OVERVIEW_TOP]]
    col = {name: header.index(name) + 1 for name in header}
    rows = {_excel_text(overview.cell(r, col["文件"]).value): r for r in range(OVERVIEW_TOP + 1, overview.max_row + 1)}
    for text in NASTY:
        r = rows[f"{text[:20]}.xlsx"]
        unit = overview.cell(r, col["单位名称"])
        assert unit.data_type == "s" and _excel_text(unit.value) == _excel_clip(text), repr(text[:20])
        assert unit.alignment.wrap_text and unit.alignment.vertical == "top"
        assert overview.cell(r, col["序号"]).number_format == "0"
        assert overview.cell(r, col["序号"]).alignment.horizontal == "center"
        assert overview.cell(r, col["复核总分"]).number_format == "0.00"
        assert overview.cell(r, col["复核总分"]).value == pytest.approx(seed.total)
    assert len(overview.cell(rows[f"{'长' * 20}.xlsx"], col["单位名称"]).value) == 32767
    heights = {text: overview.row_dimensions[rows[f"{text[:20]}.xlsx"]].height for text in NASTY}
    assert heights["两\n行"] == 30  # two lines of 15 pt
    assert heights["长" * 40000] == 180  # at most twelve lines
    assert all(heights[text] is None for text in NASTY if "\n" not in text and len(text) < 20)  # one line
    nan = rows["nan.xlsx"]
    for name in ("复核总分", "填报总分", "差额(填报−复核)"):
        assert overview.cell(nan, col[name]).value is None, name

    findings = book["问题清单"]
    fheader = [c.value for c in findings[1]]
    fcol = {name: fheader.index(name) + 1 for name in fheader}
    by_file = {_excel_text(findings.cell(r, 1).value): r for r in range(2, findings.max_row + 1)}
    for text in NASTY:
        r = by_file[f"{text[:20]}.xlsx"]
        for name in ("项目", "填报值", "说明"):
            cell = findings.cell(r, fcol[name])
            assert cell.data_type == "s" and _excel_text(cell.value) == _excel_clip(text), (name, repr(text[:20]))
        assert findings.cell(r, fcol["填报值"]).alignment.horizontal == "right"
        assert findings.cell(r, fcol["严重程度"]).value == SEVERITY_ZH[seed.flags[0].severity]


def _raw_cells(path: Path) -> dict[str, Any]:
    """Every cell as Excel reads it: (text or number as stored, style, is text), and every row's height."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

    def text(node: ElementTree.Element) -> str:
        return "".join(t.text or "" for t in node.iter(f"{main}t"))

    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            shared = [text(si) for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).iter(f"{main}si")]
        out: dict[str, Any] = {}
        for name in sorted(n for n in names if n.startswith("xl/worksheets/sheet")):
            root = ElementTree.fromstring(z.read(name))
            cells = {}
            for c in root.iter(f"{main}c"):
                kind, v = c.get("t"), c.find(f"{main}v")
                value = (
                    shared[int(v.text or "")]
                    if kind == "s" and v is not None
                    else (text(c) if kind == "inlineStr" else None if v is None else v.text)
                )
                cells[c.get("r")] = (value, c.get("s"), kind in ("s", "inlineStr"))
            rows = {r.get("r"): (r.get("ht"), r.get("customHeight")) for r in root.iter(f"{main}row")}
            dimension = root.find(f"{main}dimension")
            out[name] = (cells, rows, None if dimension is None else dimension.get("ref"))
    return out


class _NoWholePass(SpooledFiles):
    """A spool that refuses to give back results: the summary must read each return's rows, one at a time."""

    def __iter__(self) -> Any:
        raise AssertionError("the summary iterated over every FileResult at once")

    def load(self, index: int) -> FileResult:
        raise AssertionError("the summary unpickled a FileResult: its rows are in the spool")


def test_a_spooled_report_gives_the_same_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report, skipped = summary_batch(tmp_path)
    spool = _NoWholePass()
    for result in report.files:
        spool.append(Packed.of(result, Packer(RULES)(result)))
    spooled = Report(spool, RULES.name)
    assert spool.counts() == report.counts()
    listed, streamed = tmp_path / "listed.xlsx", tmp_path / "streamed.xlsx"
    summary.write_summary(report, skipped, listed, RULES)
    monkeypatch.setattr(sheetxml, "_MEMO", 1)  # the memo emptied at every new text: the same cells
    summary.write_summary(spooled, skipped, streamed, RULES)
    assert _raw_cells(streamed) == _raw_cells(listed)
    with zipfile.ZipFile(listed) as a, zipfile.ZipFile(streamed) as b:
        assert a.namelist() == b.namelist()
        assert [n for n in a.namelist() if a.read(n) != b.read(n)] in ([], ["docProps/core.xml"])  # its time
    spool.close()
    assert spool.closed


def test_rows_are_made_again_if_the_workbook_numbers_its_formats_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers write each cell's style as sheetxml.KIND_STYLE; should xlsxwriter number the column formats
    otherwise, the summary makes the rows again from their values, with the workbook's own numbers."""
    report, skipped = summary_batch(tmp_path)
    spool = _NoWholePass()
    for result in report.files:
        spool.append(Packed.of(result, Packer(RULES)(result)))
    spooled = Report(spool, RULES.name)
    usual, other = tmp_path / "usual.xlsx", tmp_path / "other.xlsx"
    summary.write_summary(spooled, skipped, usual, RULES)
    made_again: list[int] = []
    real_fragment = splice.fragment

    def counting_fragment(*args: Any) -> Any:
        made_again.append(1)
        return real_fragment(*args)

    monkeypatch.setattr(splice, "KIND_STYLE", {kind: ' s="99"' for kind in sheetxml.KIND_STYLE})
    monkeypatch.setattr(splice, "fragment", counting_fragment)
    summary.write_summary(spooled, skipped, other, RULES)
    assert _raw_cells(other) == _raw_cells(usual)
    n_findings = sum(d.n_flags for d in spool.digests)
    assert len(made_again) >= n_findings > 0  # the 问题清单 rows were made again, not taken from the spool
    spool.close()
