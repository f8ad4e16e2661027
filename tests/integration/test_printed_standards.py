"""附件5 scored by the 评价标准 and 分值 its own rows print (issue 16, docs/domain.md §11): each case is the seed
sample copied into tmp_path with one row's standard, 分值, score and inputs changed, worked out by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from perfxl.pipeline import load, score_paths
from perfxl.report.findings import Code, Finding
from perfxl.report.results import FileResult
from perfxl.rules import load_rules
from perfxl.rules.auto import Rules, auto_rules

RULES = load_rules("yiyang-2020")
SEED = Path(__file__).resolve().parents[2] / "samples" / "大通湖政务中心2020.xlsx"
STAFF = "在职人员控制率"
OTHER_REGION = "在职人员控制率≦100%,计5分;每超过一个百分点扣0.5分"  # another region's standard (yiyang: 7, 0.2)


def _variant(
    tmp_path: Path, standard: str, weight: float, declared: float, staff: tuple[int, int], rules: Rules = RULES
) -> FileResult:
    """The seed with 在职人员控制率's row printing ``standard`` and ``weight``, its 得分 ``declared``, and 附件4's
    编制 / 在职 set to ``staff``."""
    located = load(SEED, RULES).located
    assert located is not None
    hit = located.indicators[STAFF]
    assert hit.weight is not None and hit.standard is not None
    quota, actual = (located.fields[f"base_data.staff.{k}"] for k in ("quota", "actual"))
    path = tmp_path / "附件5变体.xlsx"
    shutil.copy(SEED, path)
    book = openpyxl.load_workbook(path)
    book[hit.standard.sheet][hit.standard.cell] = standard
    book[hit.weight.sheet][hit.weight.cell] = weight
    book[hit.score.sheet][hit.score.cell] = declared
    book[quota.sheet][quota.cell], book[actual.sheet][actual.cell] = staff
    book.save(path)
    return score_paths([path], rules).files[0]


def _about(result: FileResult, name: str) -> list[Finding]:
    return [f for f in result.flags if f.item == name]


def _indicator(result: FileResult, name: str) -> tuple[float | None, float | None, str]:
    ind = next(i for i in result.indicators if i.name == name)
    return ind.rule_score, ind.weight, ind.basis


def test_the_printed_standard_scores(tmp_path: Path) -> None:
    # 103 / 100 = 103 %: 3 points over 100 %, 0.5 each → 5 − 1.5 = 3.5 (by yiyang's own rule: 7 − 0.6 = 6.4)
    result = _variant(tmp_path, OTHER_REGION, 5, 3.5, (100, 103))
    rule_score, weight, basis = _indicator(result, STAFF)
    assert (rule_score, weight) == (pytest.approx(3.5), 5)
    assert basis == (
        f"按本表评价标准「{OTHER_REGION}」: 103.00% → 5 − 3×0.5 = 3.5分 (在职人员控制率 = 103 / 100 = 103.00%)"
    )
    codes = [f.code for f in _about(result, STAFF)]
    assert Code.SCORE_MISMATCH not in codes and Code.SCORE_OVER_WEIGHT not in codes
    # the rule set is named (forced): its own standard and 分值 7 are named beside the printed ones, as warnings only
    said = {(f.code, f.severity): f.message for f in _about(result, STAFF)}
    assert set(said) == {(Code.STANDARD_MISMATCH, "warning"), (Code.WEIGHT_MISMATCH, "warning")}
    assert "「≤100% 计7分，每超过1个百分点扣0.2分」" in said[(Code.STANDARD_MISMATCH, "warning")]


def test_under_auto_the_printed_standard_and_weight_are_the_rule(tmp_path: Path) -> None:
    # the same row under --rules auto: of the 24 分值 and standards the seed's rows print, only this row's two differ
    # from yiyang's, so yiyang reads the workbook, and the row is scored by its own standard, 5 − 3×0.5 = 3.5, with
    # nothing said against the rule set
    result = _variant(tmp_path, OTHER_REGION, 5, 3.5, (100, 103), rules=auto_rules())
    assert result.rules is not None and (result.rules.name, result.rules.chosen) == ("yiyang-2020", True)
    assert "22/24 项" in result.rules.reason
    assert _indicator(result, STAFF)[:2] == (pytest.approx(3.5), 5)
    assert _about(result, STAFF) == []


def test_a_declared_full_mark_is_flagged_against_the_printed_standard(tmp_path: Path) -> None:
    result = _variant(tmp_path, OTHER_REGION, 5, 5, (100, 103))
    mismatch = [f for f in _about(result, STAFF) if f.code == Code.SCORE_MISMATCH]
    assert [(f.declared, f.computed, f.cell) for f in mismatch] == [(5, 3.5, "I3")]
    assert f"按本表评价标准「{OTHER_REGION}」" in mismatch[0].message


def test_an_unreadable_standard_keeps_the_rule_set_and_says_so(tmp_path: Path) -> None:
    # yiyang's rule: 7 − 3 × 0.2 = 6.4
    result = _variant(tmp_path, "按上级文件规定计分", 7, 6.4, (100, 103))
    rule_score, weight, basis = _indicator(result, STAFF)
    assert (rule_score, weight) == (pytest.approx(6.4), 7)
    assert "按本表评价标准" not in basis
    notes = _about(result, STAFF)
    assert [(f.code, f.severity, f.cell) for f in notes] == [(Code.UNVERIFIABLE, "info", "G3")]
    assert notes[0].message == (
        "在职人员控制率: 本表评价标准「按上级文件规定计分」无法据以计分(未读懂「按上级文件规定计分」"
        "(在「按上级文件规定计分」中))，按规则「yiyang-2020」计分"
    )


def test_a_weight_that_contradicts_its_standard_is_one_warning(tmp_path: Path) -> None:
    # 分值 5 beside "计8分": the rule set's rule (7 − 0.6 = 6.4) scores; one warning names both
    result = _variant(tmp_path, "≦100%,计8分;每超过一个百分点扣0.2分", 5, 6.4, (100, 103))
    rule_score, _, _ = _indicator(result, STAFF)
    assert rule_score == pytest.approx(6.4)
    found = _about(result, STAFF)
    assert [(f.code, f.severity, f.cell, f.declared, f.computed) for f in found] == [
        (Code.WEIGHT_MISMATCH, "warning", "F3", 5, 8)
    ]
    assert found[0].message == (
        "在职人员控制率分值填报为 5，本表评价标准「≦100%,计8分;每超过一个百分点扣0.2分」计 8 分，"
        "规则「yiyang-2020」为 7(按规则「yiyang-2020」计分)"
    )


def test_the_seed_scores_by_its_printed_standards_as_by_the_rule_set() -> None:
    result = score_paths([SEED], RULES).files[0]
    bases = {i.name: i.basis for i in result.indicators}
    assert bases[STAFF].startswith("按本表评价标准「≤100% 计满分，每超过1个百分点扣0.2分，扣完为止」: 85.71% ≤ 100%")
    assert bases["预算完成率"].startswith("按本表评价标准「≥100% 计满分，每低于5个百分点扣2分(不足5个百分点不扣分)")
    assert not [f for f in result.flags if "本表评价标准" in f.message]
    assert result.total == 90


def test_books_printing_different_standards_are_scored_in_one_batch(tmp_path: Path) -> None:
    _variant(tmp_path, OTHER_REGION, 5, 3.5, (100, 103))
    seed, variant = score_paths([SEED, tmp_path / "附件5变体.xlsx"], RULES).files
    assert _indicator(seed, STAFF)[:2] == (7, 7)  # 6 / 7 = 85.71 % ≤ 100 %
    assert _indicator(variant, STAFF)[:2] == (pytest.approx(3.5), 5)
