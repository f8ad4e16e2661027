"""The sheets perfxl writes, on paper: rendered to PDF by LibreOffice headless and measured (issue 17).

For each sample's scored copy (its 评分结果 and 一致性检查 pages), a summary of the samples and every template: A4
pages in the orientation perfxl sets, no type below 9 pt after any scaling, and every text perfxl wrote present on
the pages. Runs where LibreOffice, a CJK font and PyMuPDF are installed (README, 打印检查); says why it is skipped
elsewhere.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from perfxl import api
from perfxl.rules import available_rules, load_rules
from perfxl.write.templates import write_template

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
INPUTS = sorted(p.name for p in SAMPLES.glob("*.xlsx") if not p.stem.endswith("_评分"))
A4 = (595.0, 842.0)  # points
MIN_PT = 9.0


def _why_not() -> str | None:
    if shutil.which("soffice") is None:
        return "LibreOffice is not installed (apt install libreoffice-calc): the print checks render with it"
    try:
        import pymupdf  # noqa: F401
    except ImportError:
        return "PyMuPDF is not installed (pip install -e '.[test]'): the print checks measure its PDF text"
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    if not fonts.strip():
        return "no CJK font (apt install fonts-wqy-microhei): LibreOffice would print the Chinese text in boxes"
    metric = [
        subprocess.run(["fc-list", f":family={name}", "family"], capture_output=True, text=True, check=False).stdout
        for name in ("Carlito", "Calibri")
    ]
    if not "".join(metric).strip():
        # column widths are in the default font's character widths: with another font in Calibri's place the
        # columns come out wider than the workbook asks, and the sheets split across pages (seen with DejaVu Sans)
        return "no Calibri or Carlito font (apt install fonts-crosextra-carlito): LibreOffice would widen every column"
    return None


pytestmark = pytest.mark.skipif(_why_not() is not None, reason=str(_why_not()))


def _render(xlsx: Path, out: Path) -> Any:
    import pymupdf

    profile = f"-env:UserInstallation=file://{out}/lo-profile"  # its own profile: runs in parallel never clash
    done = subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
        capture_output=True,
        timeout=240,
        check=False,
    )
    pdf = out / f"{xlsx.stem}.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    return pymupdf.open(pdf)


def _spans(page: Any) -> Iterator[dict[str, Any]]:
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            yield from (span for span in line["spans"] if span["text"].strip())


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _check_pages(pages: list[Any], landscape: bool | None) -> None:
    """A4, the orientation (when given), nothing below MIN_PT, nothing past the page's edges."""
    for page in pages:
        size = sorted((round(page.rect.width), round(page.rect.height)))
        assert size == [round(A4[0]), round(A4[1])], (page.number, size)
        if landscape is not None:
            assert (page.rect.width > page.rect.height) == landscape, page.number
        for span in _spans(page):
            assert span["size"] >= MIN_PT - 0.05, (page.number, span["size"], span["text"])
            x0, y0, x1, y1 = span["bbox"]
            assert x0 >= 0 and y0 >= 0 and x1 <= page.rect.width + 1 and y1 <= page.rect.height + 1, span["text"]


def _texts(path: Path, sheets: list[str]) -> list[str]:
    book = openpyxl.load_workbook(path)
    cells = (c for name in sheets for row in book[name].iter_rows() for c in row)
    return [c.value for c in cells if isinstance(c.value, str) and c.data_type != "f"]


@pytest.mark.parametrize("name", INPUTS)
def test_the_scored_copys_new_sheets_print_on_a4_at_9_pt_or_more(name: str, tmp_path: Path) -> None:
    out = tmp_path / name.replace(".xlsx", "_评分.xlsx")
    api.score(SAMPLES / name, out)
    doc = _render(out, tmp_path)
    # perfxl's sheets come last: their pages begin with 评分结果's, whose header row is printed on each of them
    first = next(i for i, page in enumerate(doc) if {"计算过程", "规则得分"} <= set(page.get_text().split()))
    ours = [doc[i] for i in range(first, doc.page_count)]
    _check_pages(ours, landscape=True)
    printed = _squeezed("".join(page.get_text() for page in ours))
    missing = [t for t in _texts(out, ["评分结果", "一致性检查"]) if _squeezed(t) not in printed]
    assert not missing  # every text perfxl wrote is on the pages, none left off past an edge


def test_the_summary_prints_on_a4_landscape_at_9_pt_or_more(tmp_path: Path) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    for name in INPUTS:
        shutil.copy(SAMPLES / name, folder / name)
    out = tmp_path / "汇总.xlsx"
    api.audit([folder], out, workers=1).close()
    doc = _render(out, tmp_path)
    assert doc.page_count >= 5
    _check_pages(list(doc), landscape=True)


@pytest.mark.parametrize("name", available_rules())
def test_every_template_prints_on_a4_at_9_pt_or_more(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.xlsx"
    write_template(load_rules(name), path)
    doc = _render(path, tmp_path)
    _check_pages(list(doc), landscape=None)  # 附件4 is portrait, the others landscape
    printed = _squeezed("".join(page.get_text() for page in doc))
    book = openpyxl.load_workbook(path)
    missing = [t for t in _texts(path, book.sheetnames) if _squeezed(t) not in printed]
    assert not missing
    # no 二级 group of 附件5 cut across a page break (its indicators printed on two pages; "预算管理" was in hunan-2018)
    rules = load_rules(name)
    pages = [_squeezed(page.get_text()) for page in doc]
    table = [i for i, text in enumerate(pages) if "计分表" in text]
    for group in dict.fromkeys(ind.group for ind in rules.indicators if table):
        names = [_squeezed(ind.name) for ind in rules.indicators if ind.group == group]
        on = {i for i in range(table[0], len(pages)) for n in names if n in pages[i]}
        assert len(on) == 1, (group, sorted(on))
