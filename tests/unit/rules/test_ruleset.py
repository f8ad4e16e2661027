"""Rule sets are data: built-ins load, variants are new files, a broken file reports every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.errors import RuleError
from perfxl.rules import available_rules, load_rules


def test_builtin_rule_sets() -> None:
    assert set(available_rules()) >= {"yiyang-2020", "hunan-2018", "jianghua"}
    yiyang = load_rules("yiyang-2020")
    weights = {ind.name: ind.weight for ind in yiyang.indicators}
    # docs/domain.md §4 (seed 001): 在职 7, 三公变动 8, 预算完成/控制 5/5, 公用经费 7, 三公控制 8, 管理制度 8 …
    assert weights["在职人员控制率"] == 7
    assert weights["三公经费变动率"] == 8
    assert weights["公用经费控制率"] == 7
    assert yiyang.max_total == 100
    over = next(i for i in yiyang.indicators if i.name == "在职人员控制率").rule
    assert (over.kind, over.threshold, over.deduct, over.steps) == ("over", 100, 0.2, "linear")


def test_variants_change_weights_not_code() -> None:
    hunan = {i.name: i for i in load_rules("hunan-2018").indicators}
    assert hunan["在职人员控制率"].weight == 8 and hunan["在职人员控制率"].rule.deduct == 0.5
    assert [b.score for b in hunan["预算控制率"].rule.bands] == [8, 6, 4, 2, 0]
    jianghua = {i.name: i for i in load_rules("jianghua").indicators}
    assert jianghua["政府采购执行率"].weight == 6
    assert jianghua["预决算信息公开性"].weight == 10
    # forms are inherited from the base rule set
    assert load_rules("jianghua").forms.keys() == load_rules("yiyang-2020").forms.keys()


def test_rule_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "my.yaml"
    path.write_text(
        "format: perfxl-rules/1\nname: my\nextends: yiyang-2020\ntitle: 我的规则\n"
        "grades: [{grade: 合格, min: 60}, {grade: 不合格, min: 0}]\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert rules.name == "my"
    assert rules.grade_of(59.99) == "不合格" and rules.grade_of(60) == "合格"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        """format: perfxl-rules/1
name: broken
extends: yiyang-2020
title: 坏规则
grades: [{grade: 优, min: 90}, {grade: 差, min: 95}]
indicators:
  - {name: 在职人员控制率, group: 预算配置, weight: 7, rule: {kind: over, rate: 不存在的比率, threshold: 100}}
  - {name: 三公经费变动率, group: 预算配置, weight: 8, rule: {kind: sideways}}
  - {name: 预算完成率, group: 没有这个组, weight: 5,
     rule: {kind: under, rate: 预算完成率, threshold: 100, steps: round}}
""",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as caught:
        load_rules(path)
    problems = caught.value.problems
    joined = "\n".join(problems)
    assert "不存在的比率" in joined
    assert "sideways" in joined
    assert "没有这个组" in joined
    assert "round" in joined
    assert "min 应从高到低排列" in joined
    assert "三级指标分值之和" in joined  # groups no longer add up
    assert len(problems) >= 6
    assert str(caught.value).startswith(str(path))


def test_unknown_rule_name_lists_builtins() -> None:
    with pytest.raises(RuleError) as caught:
        load_rules("no-such-rules")
    assert "yiyang-2020" in str(caught.value)


def test_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("format: [unclosed", encoding="utf-8")
    with pytest.raises(RuleError, match="YAML"):
        load_rules(path)


def test_a_rules_kept_hash_is_not_pickled() -> None:
    # rules key caches and groupings, so their hash is made once; a worker started afresh (spawn) hashes with its
    # own seed, so the kept hash must not travel with a pickled rule set
    import pickle

    rules = load_rules("yiyang-2020")
    ind = rules.indicators[0]
    assert hash(ind) == hash(ind) and hash(ind.rule) == hash(ind.rule)
    copy = pickle.loads(pickle.dumps(ind))
    assert "_hash" not in copy.__dict__ and "_hash" not in copy.rule.__dict__
    assert copy == ind and hash(copy) == hash(ind) and {ind: 1}[copy] == 1
