"""自评表 family (seeds 001, 003, 004): what perfxl must find, worked out by hand from the seeds.

Seed 001, 部门整体支出绩效自评表 (益阳 2020; no 分值/得分 columns):
  年初预算数: 143.86 + 5.35 + (blank) = 149.21, declared total 149.03            → sum-mismatch (error)
  全年预算数: 593.71 + 5.35 + 0.28 = 599.34; 全年执行数: 573.02 + 5.35 + 0.28 = 578.65 → agree
  执行率 年度资金总额 578.65 / 599.34 = 96.55 % typed "96.%"; 当年财政拨款 573.02 / 593.71 = 96.52 % typed
  "96%": both truncated (rounding gives 97)                                      → rate-mismatch (info) ×2
  资金使用时间 "2021年1月-12月" in a 2020 evaluation; 资金拨付时效 target 2021 vs actual 2020 → year-mismatch
  一级 "产生指标" (a typo) over 数量/质量/时效/成本                                   → level-mismatch (once)
  附件4 预算总额 593.71 vs this table's 全年预算数 599.34 (附件4 divides an all-funds 决算 by a 财政拨款-only
  budget)                                                                        → cross-form-mismatch
  附件4 决算总额 578.65 = 全年执行数 578.65                                          → agrees
Seed 003 (重庆梁平 2021), two 项目资金绩效目标自评表: "指标1:为群众提供一站式服务场所" 权重分值 15, 系数 100 %,
  指标得分 16: over its weight and ≠ 15 × 100 %; Σ 指标得分 = 15+10+15+15+16+10+10 = 91 (first project) and
  15+10+10+10+10+16+10+10 = 91 (second) against a declared 绩效指标总分 of 90.
  执行率 572.24 / 572.24 = 100 % → 10 × 100 % = 10 = declared. 部门整体: 1010.52 / 1010.52 = 100 % → 10.
  附件1 puts 社会效益指标 under the 一级 "质量指标"                                   → level-mismatch
Seed 004 (全南 2021): 成本指标 "≥45万元" (should be ≤) → cost-direction; 进驻单位 39 vs ≥30 (1.3×) and
  进驻事项 653 vs ≥300 (2.18×) → over-achieved; "全年执行数/年初预算数" → definition-deviation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import seed_tables as layouts

from perfxl.pipeline import score_paths
from perfxl.report.results import FileResult
from perfxl.rules import load_rules


def _score(path: Path, rules: str = "yiyang-2020") -> FileResult:
    result = score_paths([path], load_rules(rules)).files[0]
    assert result.status == "ok", result.error
    return result


def _codes(result: FileResult, sheet: str) -> list[tuple[str, str, str | None]]:
    return sorted((f.severity, f.code.value, f.cell) for f in result.flags if f.sheet == sheet)


def test_seed_001_department_table(tmp_path: Path) -> None:
    result = _score(layouts.seed001_self_eval(tmp_path / "s001.xlsx"))
    (inst,) = result.instances
    assert (inst.variant, inst.year) == ("department", 2020)
    assert [f.row for f in inst.funds] == ["total", "appropriation", "carryover", "other"]
    assert [round(f.rate or 0, 2) for f in inst.funds] == [96.55, 96.52, 100.0, 100.0]
    assert _codes(result, "自评表") == sorted(
        [
            ("error", "sum-mismatch", "C4"),
            ("info", "rate-mismatch", "F4"),
            ("info", "rate-mismatch", "F5"),
            ("warning", "level-mismatch", "C10"),
            ("warning", "year-mismatch", "D13"),
            ("warning", "year-mismatch", "D14"),
            ("warning", "year-mismatch", "D14"),
            ("warning", "actual-not-numeric", "E18"),
        ]
    )
    total = next(f for f in result.flags if f.code.value == "sum-mismatch" and f.sheet == "自评表")
    assert (total.declared, total.computed) == (149.03, 149.21)
    cross = [f for f in result.flags if f.code.value == "cross-form-mismatch"]
    assert [(c.sheet, c.item, c.declared, c.computed) for c in cross] == [("附件4", "全年预算数", 593.71, 599.34)]
    # the 附件4/附件5 findings of the same workbook are still there
    assert {f.code.value for f in result.flags if f.sheet == "附件4" and f.severity == "error"} == {"rate-mismatch"}


def test_seed_003_chongqing(tmp_path: Path) -> None:
    result = _score(layouts.seed003_chongqing(tmp_path / "s003.xlsx"), "national-2020")
    _, first, second = result.instances
    assert [i.variant for i in result.instances] == ["department", "project", "project"]
    assert (first.name, second.name) == ("大厅运行及窗口人员午餐补助", "大厅运行缺口及智慧政务建设项目")
    for inst in result.instances:
        assert inst.exec_score == 10 and inst.exec_declared == 10 and inst.year == 2021
    assert first.funds[0].annual == 572.24 and first.funds[0].rate == 100
    errors = sorted(
        (f.code.value, f.sheet, f.cell, f.declared, f.computed) for f in result.flags if f.severity == "error"
    )
    assert errors == sorted(
        [
            ("score-over-weight", "附件2", "K14", 16.0, 15.0),
            ("score-mismatch", "附件2", "K14", 16.0, 15.0),
            ("sum-mismatch", "附件2", "K17", 90.0, 91.0),
            ("score-over-weight", "附件2", "K33", 16.0, 15.0),
            ("score-mismatch", "附件2", "K33", 16.0, 15.0),
            ("sum-mismatch", "附件2", "K36", 90.0, 91.0),
        ]
    )
    levels = [(f.sheet, f.declared, f.computed) for f in result.flags if f.code.value == "level-mismatch"]
    assert levels == [("附件1", "质量指标", "效益指标")]
    # targets typed as sentences: the actual cannot be compared, never silently taken as met
    assert sum(f.code.value == "actual-not-numeric" for f in result.flags) >= 5


def test_seed_004_quannan(tmp_path: Path) -> None:
    result = _score(layouts.seed004_quannan(tmp_path / "s004.xlsx"), "national-2020")
    (inst,) = result.instances
    assert inst.variant == "project" and inst.funds == []
    found = sorted((f.code.value, f.cell) for f in result.flags)
    assert found == sorted(
        [
            ("cost-direction", "D6"),
            ("over-achieved", "E7"),
            ("over-achieved", "E8"),
            ("definition-deviation", "C10"),
        ]
    )
    over = next(f for f in result.flags if f.cell == "E8")
    assert "2.18 倍" in over.message


def test_execution_rate_score_is_capped_and_checked(tmp_path: Path) -> None:
    import openpyxl

    path = layouts.seed003_chongqing(tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["附件1"]
    sheet["D6"] = 1100.0  # executed above the budget: 108.86 %, the score stays at its weight 10
    sheet["F6"] = 108.86
    sheet["G6"] = 10.89
    book.save(path)
    result = _score(path, "national-2020")
    dept = result.instances[0]
    assert dept.funds[0].rate == pytest.approx(1100 / 1010.52 * 100)
    assert dept.exec_score == 10
    mismatch = next(f for f in result.flags if f.cell == "G6")
    assert (mismatch.code.value, mismatch.declared, mismatch.computed) == ("score-mismatch", 10.89, 10.0)


def test_json_has_the_instances(tmp_path: Path) -> None:
    result = _score(layouts.seed003_chongqing(tmp_path / "s003.xlsx"), "national-2020")
    data = result.to_dict()
    assert [i["variant"] for i in data["instances"]] == ["department", "project", "project"]
    project = data["instances"][1]
    assert project["funds"][0]["rate"] == 100.0
    assert project["execution"] == {"weight": 10.0, "score": 10.0, "declared": 10.0}
    assert len(project["indicators"]) == 7 and project["indicators"][4]["declared"] == 16.0


@pytest.mark.parametrize(
    ("unit", "first", "second", "flagged"),
    [
        ("万元", 400.0, 64.89, False),
        ("万元", 400.0, 60.0, True),
        # the project tables exported in 元: 4,000,000 + 648,900 = 4,648,900 元 = 464.89 万元
        ("元", 4_000_000.0, 648_900.0, False),
        ("元", 4_000_000.0, 600_000.0, True),
    ],
)
def test_project_spending_agrees_with_the_project_tables(
    tmp_path: Path, unit: str, first: float, second: float, flagged: bool
) -> None:
    """附件4 实际项目支出总额 (seed 001: 464.89 万元) = Σ 全年执行数 of the 项目支出绩效自评表, in 万元 or in 元."""
    import openpyxl

    path = layouts.seed_layout(tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("项目")
    for name, executed in (("项目甲", first), ("项目乙", second)):
        sheet.append(["2020年度项目支出绩效自评表"])
        sheet.append(["项目名称", name])
        sheet.append([f"项目资金({unit})", "年初预算数", "全年预算数", "全年执行数", "执行率"])
        sheet.append(["年度资金总额", executed, executed, executed, "100%"])
        sheet.append([])
    book.save(path)
    result = _score(path)
    assert [i.name for i in result.instances] == ["项目甲", "项目乙"]
    cross = [(f.cell, f.declared, f.computed) for f in result.flags if f.code.value == "cross-form-mismatch"]
    assert cross == ([("C7", 464.89, round(first + second, 2))] if flagged else [])


def test_a_blank_target_and_a_blank_actual_are_each_said_at_their_own_cell(tmp_path: Path) -> None:
    # as on 天长市水利局's 2022 项目支出绩效自评表 (a published table), where rows such as "指标1:工程质量合格" print
    # 分值 and 得分 but neither 年度指标值 nor 实际完成值: both warnings went to the 年度指标值 cell
    import openpyxl

    path = layouts.seed004_quannan(tmp_path / "s004.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["D4"] = sheet["E4"] = None  # 保洁人员清扫卫生覆盖率: 年度指标值 D4, 实际完成值 E4 left blank
    sheet["E5"] = None  # 运行经费到位率: only its 实际完成值 left blank
    book.save(path)
    result = _score(path, "national-2020")
    blanks = sorted((f.cell, f.message[-15:]) for f in result.flags if f.code.value == "placeholder")
    assert blanks == [
        ("D4", "的年度指标值为空，应填写具体值"),
        ("E4", "的实际完成值为空，应填写具体值"),
        ("E5", "的实际完成值为空，应填写具体值"),
    ]
