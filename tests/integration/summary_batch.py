"""The batch the summary tests write: seed 001 as published (2 rate errors), the seed with injected score errors
(在职人员控制率 9 of 7, 合计 95), the seed under a formula-like unit name, a file that does not exist (cannot be
scored) and a skipped lock file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import seed_tables as layouts

from perfxl.pipeline import score_paths
from perfxl.report.results import Report
from perfxl.rules import load_rules

RULES = load_rules()
EVIL = '=HYPERLINK("http://evil.example","x")'
LOCK_REASON = "Office 临时锁定文件(有人正在编辑)，未读取"
OVERVIEW_TOP = 3  # 1-based header row of 汇总: title, summary line, header


def summary_batch(folder: Path) -> tuple[Report, list[tuple[str, str]]]:
    """The report of the batch in ``folder``, and its skipped file."""
    published = layouts.seed_layout(folder / "published.xlsx")
    injected = layouts.seed_layout(folder / "injected.xlsx", scores={"在职人员控制率": 9}, total=95)
    evil = layouts.seed_layout(folder / "evil.xlsx")
    report = score_paths([published, injected, evil, folder / "missing.xlsx"], RULES)
    report.files[2] = dataclasses.replace(report.files[2], unit=EVIL)
    assert [f.status for f in report.files] == ["ok", "ok", "ok", "error"]
    return report, [(str(folder / "~$published.xlsx"), LOCK_REASON)]
