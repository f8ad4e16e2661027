"""A broken rule file is reported whole: bands, thresholds, tolerances and unknown keys, in Chinese, together."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.errors import RuleError
from perfxl.rules import load_rules


def _problems(tmp_path: Path, body: str, base: str = "yiyang-2020") -> list[str]:
    path = tmp_path / "broken.yaml"
    path.write_text(f"format: perfxl-rules/1\nname: broken\nextends: {base}\ntitle: 坏规则\n{body}", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rules(path)
    return caught.value.problems


def test_bad_bands_and_thresholds_are_reported_with_the_rest(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        """grades: [{grade: 优, min: 120}, {grade: 良, min: 80}, {grade: 中, min: 85}, {grade: 差, min: 10}]
tolerance: {money: -0.01}
forms:
  self_eval:
    over_achievement: {up: 0.9, down: 1.5}
    tiers: [{grade: 优, low: 0.9, high: 0.8}]
indicators:
  - {name: 在职人员控制率, group: 预算配置, weight: 7, rule: {kind: over, rate: 不存在的比率, threshold: 100}}
""",
    )
    assert "grades[0].min: 120 应在 0～100 之间" in problems
    assert "grades: min 应从高到低排列" in problems
    assert "grades: 最后一档的 min 应为 0(其余情况), 实为 10" in problems
    assert "tolerance.money: -0.01 应不小于 0 且小于 1" in problems
    assert "forms.self_eval.over_achievement.up: 应大于 1(实际值为目标的倍数), 实为 0.9" in problems
    assert "forms.self_eval.over_achievement.down: 应在 0～1 之间(实际值为目标的比例), 实为 1.5" in problems
    assert "forms.self_eval.tiers[0]: 应满足 0 ≤ low ≤ high ≤ 1" in problems
    joined = "\n".join(problems)
    assert "不存在的比率" in joined  # the problems of other sections come in the same report
    assert "三级指标分值之和" in joined


def test_unknown_keys_are_rejected(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        """gradez: []
tolerance: {percent: 0.1}
forms:
  self_eval:
    funds: {wieght: 10}
    over_achievement: {up: 1.2, down: 0.8, equal: 1.0}
  base_data:
    blocks:
      staff:
        fields:
          quota: {label: [编制人数], type: count, unit: 人}
indicators:
  - {name: 在职人员控制率, group: 预算配置, weight: 7,
     rule: {kind: over, rate: 在职人员控制率, threshold: 100, per: 1, deduct: 0.2, threshhold: 90}}
""",
    )
    unknown = sorted(p.split(":")[0] for p in problems if "未知的键" in p)
    assert unknown == [
        "forms.base_data.blocks.staff.fields.quota.unit",
        "forms.self_eval.funds.wieght",
        "forms.self_eval.over_achievement.equal",
        "gradez",
        "indicators[0](在职人员控制率).rule.threshhold",
        "tolerance.percent",
    ]
    assert "gradez: 未知的键(可用: format、name、title" in "\n".join(problems)


def test_required_numbers_have_no_default(tmp_path: Path) -> None:
    """A number of the domain rules is never filled in by the code: a base without it is a problem."""
    path = tmp_path / "bare.yaml"
    path.write_text(
        """format: perfxl-rules/1
name: bare
title: 没有容差和等级
unit_labels: [单位名称]
forms:
  self_eval:
    title: 绩效自评表
    kind: self_eval
    variants: {project: {title: 项目支出绩效自评表}}
    funds:
      columns: {annual: [全年预算数], executed: [全年执行数]}
      split: [总数]
      cap: true
    indicators:
      columns: {level3: [三级指标], target: [年度指标值], actual: [实际完成值], weight: [分值]}
      total_labels: [总分]
    tiers: [{grade: 优, low: 0.8, high: 1.0}]
""",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as caught:
        load_rules(path)
    problems = caught.value.problems
    for key in (
        "tolerance.money",
        "tolerance.score",
        "forms.self_eval.funds.weight",
        "forms.self_eval.indicator_weight_total",
        "forms.self_eval.over_achievement.up",
        "forms.self_eval.over_achievement.down",
    ):
        assert f"{key}: 缺少" in problems
    assert "grades: 应为非空的等级列表" in problems


def test_weights_of_a_self_eval_add_up_to_100(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "forms: {self_eval: {indicator_weight_total: 85}}\n", base="national-2020")
    assert problems == ["forms.self_eval: 执行率分值 10 与指标分值之和 85 相加应为 100"]


def test_cross_check_names_a_known_variant_and_row(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        "cross_checks: [{field: base_data.completion.final, variant: 项目, row: 合计, column: executed,"
        " item: 全年执行数}]\n",
    )
    assert problems == [
        "cross_checks[0].variant: 应为 department / project 之一, 实为 '项目'",
        "cross_checks[0].row: 应为 appropriation / carryover / other / total 之一, 实为 '合计'",
    ]


def test_a_self_eval_template_is_checked_against_the_rules_own_words(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        "forms: {self_eval: {template: {indicators: [level1, level2, level3, weight, colour], funds_rows: [甲],"
        " split: true}}}\n",
        base="national-2020",
    )
    assert problems == [
        "forms.self_eval.template.indicators: colour 不是规则中有标签的指标列",
        "forms.self_eval.template.indicators: 应含 level1、level2、level3、weight、score 且各列只出现一次",
        "forms.self_eval.template.funds_rows: 甲 不是 funds.rows 中的行",
        "forms.self_eval.template: 资金表需要 10 列，多于指标表的 5 列",
    ]
