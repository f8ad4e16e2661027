"""``Report.to_frames()``: the seed sample (益阳市大通湖区政务中心 2020) as three tidy DataFrames.

The expected values are the README's hand check of the seed: 三公经费变动率 typed 10% where (18 − 20) / 20 =
−10.00%, 三公经费控制率 typed 100% where 5.52 / 18 = 30.67% (the two errors), 预算调整率 298% for 298.57%
(a note), the six blank 是/否 cells of 内部控制制度 (warnings), eight scores perfxl cannot check (notes), 合计
90 = 7+8+5+0+5+5+2+8+8+5+2+8+15+6+6, grade 优.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from perfxl.api import score
from perfxl.pipeline import score_paths
from perfxl.report.digest import digests_of
from perfxl.report.findings import Code
from perfxl.report.frames import FINDINGS, INDICATORS, Frames
from perfxl.report.results import Report
from perfxl.report.returns import COLUMNS, RETURNS, returns_table
from perfxl.rules import load_rules

SEED = Path(__file__).resolve().parents[2] / "samples" / "大通湖政务中心2020.xlsx"
SEED_SCORES = [7, 8, 5, 0, 5, 5, 2, 8, 8, 5, 2, 8, 15, 6, 6]  # 附件5 得分 I3…I19, 经济/社会/生态效益 merged


@pytest.fixture(scope="module")
def frames() -> Frames:
    return score(SEED, write=False).to_frames()


def test_one_row_per_return(frames: Frames) -> None:
    returns = frames.returns
    assert list(returns.columns) == list(RETURNS)
    assert len(returns) == 1
    row = returns.iloc[0]
    assert row["file"] == str(SEED) and row["status"] == "ok" and pd.isna(row["error_code"])
    assert row["unit"] == "益阳市大通湖区政务中心"
    assert row["forms"] == "附件4 部门整体支出绩效评价基础数据表、附件5 部门整体支出绩效自评指标计分表"
    assert (row["total"], row["declared_total"], row["max_total"]) == (90, 90, 100)
    assert row["grade"] == "优" and bool(row["complete"])
    assert (row["errors"], row["warnings"], row["infos"], row["findings"]) == (2, 6, 9, 17)


def test_the_returns_table_of_the_seed() -> None:
    """The columns the summary reads besides the public ones: 合计 90 as declared, one return, its problems."""
    report = score(SEED, write=False)
    table = returns_table(digests_of(report.files))
    assert list(table.columns) == list(COLUMNS)
    row = table.iloc[0]
    assert row["diff"] == 0.0 and row["same_unit"] == 0 and row["rank"] == 1
    assert row["form_names"] == ("附件4 部门整体支出绩效评价基础数据表", "附件5 部门整体支出绩效自评指标计分表")
    assert sorted(row["problems"]) == [Code.MISSING_VALUE] * 6 + [Code.RATE_MISMATCH] * 2  # errors and warnings
    assert row["notes"] == ()
    assert table[list(RETURNS)].equals(report.to_frames().returns)


def test_rates_declared_against_computed(frames: Frames) -> None:
    indicators = frames.indicators
    assert list(indicators.columns) == list(INDICATORS)
    rates = indicators[indicators["kind"] == "rate"].set_index("name")
    change = rates.loc["三公经费变动率"]
    assert (change["declared"], change["declared_text"]) == (10, "10%")
    assert change["computed"] == pytest.approx((18 - 20) / 20 * 100)
    assert (change["sheet"], change["cell"]) == ("附件4", "D7")
    control = rates.loc["三公经费控制率"]
    assert control["declared"] == 100 and control["computed"] == pytest.approx(5.52 / 18 * 100)
    assert rates.loc["预算调整率", "computed"] == pytest.approx(444.96 / 149.03 * 100)
    assert rates.loc["项目支出执行率", "computed"] == pytest.approx(464.89 / 483.59 * 100)
    assert rates.loc["预算完成率", "computed"] == pytest.approx((5.35 + 149.03 + 444.96 - 20.40) / 599.34 * 100)
    assert math.isnan(rates.loc["预算完成率", "declared"])  # 附件5 only: nothing typed for it
    assert rates["weight"].isna().all() and rates["score"].isna().all()


def test_indicator_scores(frames: Frames) -> None:
    scores = frames.indicators[frames.indicators["kind"] == "indicator"].set_index("name")
    assert scores["score"].sum() == sum(SEED_SCORES) == 90
    assert scores["declared"].sum() == 90 and scores["weight"].sum() == 100
    control = scores.loc["预算控制率"]  # 444.96 / 149.03 = 298.57% > 30%: 0 of 5
    assert (control["weight"], control["declared"], control["score"], control["rule_score"]) == (5, 0, 0, 0)
    assert (control["sheet"], control["cell"]) == ("附件5", "I6")
    assert scores.loc["经济效益", "score"] == 15 and math.isnan(scores.loc["社会效益", "score"])  # merged
    assert math.isnan(scores.loc["公用经费控制率", "rule_score"]) and scores.loc["公用经费控制率", "score"] == 2
    assert (scores["computed"].fillna(-1) == scores["score"].fillna(-1)).all()


def test_one_row_per_finding(frames: Frames) -> None:
    findings = frames.findings
    assert list(findings.columns) == list(FINDINGS)
    assert findings["severity"].value_counts().to_dict() == {"info": 9, "warning": 6, "error": 2}
    errors = findings[findings["severity"] == "error"]
    assert set(zip(errors["code"], errors["item"], errors["cell"], errors["declared"], strict=True)) == {
        ("rate-mismatch", "三公经费变动率", "D7", "10%"),
        ("rate-mismatch", "三公经费控制率", "D17", "100%"),
    }
    assert sorted(errors["computed"]) == [-10.0, 30.67]
    warnings = findings[findings["severity"] == "warning"]
    assert set(warnings["code"]) == {"missing-value"} and list(warnings["cell"]) == [f"{c}23" for c in "BCDEFG"]
    assert (findings["file"] == str(SEED)).all()


def test_a_failed_return_and_an_empty_report(tmp_path: Path) -> None:
    rules = load_rules()
    returns = score_paths([SEED, tmp_path / "missing.xlsx"], rules).to_frames().returns
    failed = returns.iloc[1]
    assert failed["status"] == "error" and failed["error_code"] == "not-found"
    assert math.isnan(failed["total"]) and failed["findings"] == 0
    empty = Report([], rules.name).to_frames()
    for frame, columns in zip(empty, (RETURNS, INDICATORS, FINDINGS), strict=True):
        assert frame.empty and frame.dtypes.astype(str).to_dict() == {
            name: str(pd.Series([], dtype=dtype).dtype) for name, dtype in columns.items()
        }
