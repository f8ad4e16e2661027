"""The domain's numbers come from the rule file: a variant that changes one value changes the behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.check.declared import total_findings
from perfxl.compute.selfeval import cross_form_findings
from perfxl.compute.targets import hygiene, read_quantity, score_indicator, tier_bounds
from perfxl.locate.located import Hit, Located
from perfxl.report.findings import Code
from perfxl.report.instances import FundsResult, InstanceResult
from perfxl.rules import RuleSet, SelfEvalDef, available_rules, load_rules
from perfxl.write.scored import grade_bands


def _variant(tmp_path: Path, body: str, base: str = "yiyang-2020") -> RuleSet:
    """A rule file in tmp_path that extends a built-in and changes what ``body`` says."""
    path = tmp_path / "variant.yaml"
    path.write_text(f"format: perfxl-rules/1\nname: variant\nextends: {base}\ntitle: 变体\n{body}", encoding="utf-8")
    return load_rules(path)


def _self_eval(rules: RuleSet) -> SelfEvalDef:
    spec = rules.forms["self_eval"].self_eval
    assert spec is not None
    return spec


def test_every_builtin_inherits_the_national_numbers() -> None:
    for name in available_rules():
        rules = load_rules(name)
        assert (rules.money_tol, rules.score_tol) == (0.01, 0.01)
        assert [(g.grade, g.min) for g in rules.grades] == [("优", 90), ("良", 80), ("中", 60), ("差", 0)]
        over = _self_eval(rules).over_achievement
        assert (over.up, over.down) == (1.2, 0.8)
        assert grade_bands(rules.grades) == "优≥90，良80–90，中60–80，差<60"


def test_grade_band_from_the_rule_file(tmp_path: Path) -> None:
    assert load_rules("yiyang-2020").grade_of(87) == "良"
    rules = _variant(
        tmp_path, "grades: [{grade: 优, min: 85}, {grade: 良, min: 80}, {grade: 中, min: 60}, {grade: 差, min: 0}]\n"
    )
    assert rules.grade_of(87) == "优" and rules.grade_of(84.99) == "良"
    assert grade_bands(rules.grades) == "优≥85，良80–85，中60–80，差<60"
    raised = _variant(tmp_path, "grades: [{grade: 优, min: 95}, {grade: 良, min: 88}, {grade: 差, min: 0}]\n")
    assert raised.grade_of(87) == "差"
    book = Located(grade=Hit("附件5", "D22", "良", "等级"))
    found = list(total_findings(book, {}, 87.0, raised))
    assert [(f.code, f.computed) for f in found] == [(Code.GRADE_MISMATCH, "差")]
    assert list(total_findings(book, {}, 87.0, load_rules("yiyang-2020"))) == []


def test_score_tolerance_from_the_rule_file(tmp_path: Path) -> None:
    book = Located(total=Hit("附件5", "D21", 86.3, "合计"))  # 0.3 more than the declared parts
    strict = list(total_findings(book, {"在职人员控制率": 86.0}, 86.0, load_rules("yiyang-2020")))
    assert [f.code for f in strict] == [Code.SUM_MISMATCH]
    loose = _variant(tmp_path, "tolerance: {score: 0.5}\n")
    assert loose.money_tol == 0.01  # the other tolerance is still inherited
    assert list(total_findings(book, {"在职人员控制率": 86.0}, 86.0, loose)) == []


def test_money_tolerance_from_the_rule_file(tmp_path: Path) -> None:
    key = "base_data.completion.final"
    book = Located(fields={key: Hit("附件4", "C12", 100.0, "决算总额")})
    funds = FundsResult("total", "年度资金总额", None, 100.0, 100.004, 100.004, None, "自评表", None)
    results = [InstanceResult("self_eval", "department", "部门整体支出绩效自评表", "某单位", "自评表", 2020, [funds])]
    assert list(cross_form_findings(book, results, {key: 100.0}, load_rules("yiyang-2020"))) == []
    strict = _variant(tmp_path, "tolerance: {money: 0.001}\n")
    found = list(cross_form_findings(book, results, {key: 100.0}, strict))
    assert [f.code for f in found] == [Code.CROSS_FORM_MISMATCH]


def test_over_achievement_from_the_rule_file(tmp_path: Path) -> None:
    national = _self_eval(load_rules("national-2020"))
    target, actual = read_quantity("≥30个"), read_quantity("39个")  # 1.3 × the target
    assert score_indicator(target, actual, 5, "up", national.tiers, national.over_achievement).over_achieved
    spec = _self_eval(_variant(tmp_path, "forms: {self_eval: {over_achievement: {up: 1.5, down: 0.5}}}\n"))
    assert (spec.over_achievement.up, spec.over_achievement.down) == (1.5, 0.5)
    assert not score_indicator(target, actual, 5, "up", spec.tiers, spec.over_achievement).over_achieved
    assert hygiene(target, actual, "up", "数量指标", 2021, spec.over_achievement) == []
    far = hygiene(target, read_quantity("60个"), "up", "数量指标", 2021, spec.over_achievement)
    assert [code for code, _ in far] == ["over-achieved"] and "（≥ 1.5 倍）" in far[0][1]
    low = hygiene(read_quantity("≤10天"), read_quantity("4天"), "down", "时效指标", None, spec.over_achievement)
    assert [code for code, _ in low] == ["over-achieved"] and "（≤ 50%）" in low[0][1]
    assert hygiene(read_quantity("≤10天"), read_quantity("7天"), "down", "时效指标", None, spec.over_achievement) == []


def test_qualitative_tiers_from_the_rule_file(tmp_path: Path) -> None:
    assert tier_bounds("良", _self_eval(load_rules("national-2020")).tiers) == (0.6, 0.9)
    assert tier_bounds("中", _self_eval(load_rules("national-2020")).tiers) == (0.6, 0.8)
    body = (
        "forms:\n  self_eval:\n    tiers:\n"
        "      - {grade: 优, low: 0.8, high: 1.0}\n      - {grade: 良, low: 0.5, high: 0.8}\n"
        "      - {grade: 中, low: 0.5, high: 0.8}\n      - {grade: 差, low: 0.0, high: 0.5}\n"
    )
    spec = _self_eval(_variant(tmp_path, body, base="national-2020"))
    assert tier_bounds("良", spec.tiers) == (0.5, 0.8)
    result = score_indicator(
        read_quantity("优"), read_quantity("良"), 10, "qualitative", spec.tiers, spec.over_achievement
    )
    assert result.bounds == (0.5, 0.8) and "5–8" in result.basis


@pytest.mark.parametrize("name", sorted(available_rules()))
def test_builtin_files_carry_no_unknown_keys(name: str) -> None:
    load_rules(name)  # validation rejects a key nothing reads, so loading is the check
