"""Render the first printed page of each sheet perfxl writes to a PNG under samples/pages/, for the README.

    python samples/render_pages.py          # needs LibreOffice (soffice), a CJK font and PyMuPDF

The scored copy of 大通湖政务中心2020.xlsx (its 评分结果 and 一致性检查) and a summary of every sample return are
printed to PDF by LibreOffice headless, as tests/integration/test_print.py does, and each sheet's first page is
saved at 60 dpi. A sheet's first page is told by its header words, printed on every page of it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pymupdf

from perfxl import api

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
SCORED = {"评分结果": {"计算过程", "规则得分"}, "一致性检查": {"严重程度", "说明"}}
SUMMARY = {
    "汇总": {"复核总分", "识别到的表"},
    "问题清单": {"严重程度", "单元格"},
    "指标明细": {"单位名称", "文件"},
    "图表": {"审核结果图表"},
    "处理失败": {"状态", "原因"},
}


def _pdf(xlsx: Path, out: Path) -> pymupdf.Document:
    profile = f"-env:UserInstallation=file://{out}/lo-profile"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
        check=True,
        capture_output=True,
    )
    return pymupdf.open(out / f"{xlsx.stem}.pdf")


def _save_first_pages(doc: pymupdf.Document, markers: dict[str, set[str]], prefix: str) -> None:
    taken: set[int] = set()
    for sheet, words in markers.items():
        at = next(i for i, page in enumerate(doc) if i not in taken and all(w in page.get_text() for w in words))
        taken.add(at)
        path = PAGES / f"{prefix}_{sheet}.png"
        doc[at].get_pixmap(dpi=60).save(path)
        print(path.relative_to(HERE))


def main() -> None:
    PAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        scored = out / "大通湖政务中心2020_评分.xlsx"
        api.score(HERE / "大通湖政务中心2020.xlsx", scored)
        _save_first_pages(_pdf(scored, out), SCORED, "评分副本")
        returns = out / "各单位报送"
        returns.mkdir()
        for path in HERE.glob("*.xlsx"):
            if not path.stem.endswith("_评分"):
                shutil.copy(path, returns / path.name)
        summary = out / "汇总.xlsx"
        os.chdir(out)  # the summary names each file as it was given: 各单位报送/…, not a temporary folder
        api.audit([Path(returns.name)], summary, workers=1).close()
        _save_first_pages(_pdf(summary, out), SUMMARY, "汇总")


if __name__ == "__main__":
    sys.exit(main())
