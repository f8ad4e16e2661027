"""附件5 read as a table (issue 15): every row counts, known to the rule set or not; sums over what is there;
placeholders and blank templates said once; what was seen when nothing was recognised. Each case is a small
table built in tmp_path and worked out by hand in its comments."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from corpus.grid import Grid, save
from corpus.key import AnswerKey
from corpus.variant_fj5 import fj5

from perfxl.pipeline import score_paths
from perfxl.report.findings import Code, Finding
from perfxl.report.results import FileResult
from perfxl.rules import load_rules
from perfxl.rules.auto import auto_rules

RULES = load_rules("yiyang-2020")
SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# The 益阳 附件5 (docs/domain.md §4): (一级, 二级, 三级, 分值); scores are given per test.
ROWS = [
    ("投入", "预算配置", "在职人员控制率", 7),
    ("投入", "预算配置", "“三公经费”变动率", 8),
    ("过程", "预算执行", "预算完成率", 5),
    ("过程", "预算执行", "预算控制率", 5),
    ("过程", "预算执行", "新建楼堂馆所面积控制率", 5),
    ("过程", "预算执行", "新建楼堂馆所投资概算控制率", 5),
    ("过程", "预算管理", "公用经费控制率", 7),
    ("过程", "预算管理", "“三公经费”控制率", 8),
    ("过程", "预算管理", "管理制度健全性", 8),
    ("过程", "预算管理", "资金使用合规性", 5),
    ("过程", "预算管理", "预决算信息公开性", 2),
    ("产出及效率", "职责履行", "目标任务实际完成率", 8),
    ("产出及效率", "履职效益", "经济效益", 5),
    ("产出及效率", "履职效益", "社会效益", 5),
    ("产出及效率", "履职效益", "生态效益", 5),
    ("产出及效率", "", "行政效能", 6),
    ("产出及效率", "", "社会公众或服务对象满意度", 6),
]


def _table(
    path: Path,
    rows: list[tuple[str, str, str, int | str, object]],
    total: object,
    grade: str | None = None,
    weight_total: object = "sum",
) -> Path:
    """附件5 in sheet 附件5: title in row 1, header in row 2 (A 一级, B 二级, C 三级, D 分值, E 评价标准, F 得分),
    the rows from row 3, then 合计 (D: Σ 分值, F: the given total) and 等级."""
    grid = Grid("附件5")
    grid.put(1, 1, "部门整体支出绩效自评指标计分表")
    for c, word in enumerate(["一级指标", "二级指标", "三级指标", "分值", "评价标准", "得分"], start=1):
        grid.put(2, c, word)
    r = 3
    for level1, level2, name, weight, score in rows:
        for c, value in enumerate([level1, level2, name, weight, "按标准计分", score], start=1):
            if value is not None and value != "":
                grid.put(r, c, value if not isinstance(value, int | float) else Decimal(str(value)))
        r += 1
    grid.put(r, 1, "合计")
    if weight_total == "sum":
        weight_total = sum(w for *_, w, _ in rows if isinstance(w, int))
    if weight_total is not None:
        grid.put(r, 4, Decimal(str(weight_total)))
    if total is not None:
        grid.put(r, 6, Decimal(str(total)))
    if grade is not None:
        grid.put(r + 1, 1, "等级")
        grid.put(r + 1, 6, grade)
    return save([grid], path)


def _full(replace: dict[str, tuple[str, int, object]] | None = None) -> list[tuple[str, str, str, int | str, object]]:
    """Every row at full marks; ``replace`` swaps a row's (name, weight, score) by its 三级 name."""
    out: list[tuple[str, str, str, int | str, object]] = []
    for level1, level2, name, weight in ROWS:
        new_name, new_weight, score = (replace or {}).get(name, (name, weight, weight))
        out.append((level1, level2, new_name, new_weight, score))
    return out


def _one(path: Path) -> FileResult:
    result = score_paths([path], RULES).files[0]
    assert result.status == "ok", result.error
    return result


def _codes(result: FileResult, code: Code) -> list[Finding]:
    return [f for f in result.flags if f.code is code]


# ---------------------------------------------------------------- a row no rule covers


@pytest.mark.parametrize(("printed", "wrong"), [(99, False), (98, True)])
def test_an_unknown_indicator_keeps_its_score_and_counts_in_the_total(
    tmp_path: Path, printed: int, wrong: bool
) -> None:
    # 公用经费控制率 (7) is replaced by 重点支出安排率 (7), declared 6: the scores add up to 100 − 7 + 6 = 99.
    rows = _full({"公用经费控制率": ("重点支出安排率", 7, 6)})
    result = _one(_table(tmp_path / "附件5.xlsx", rows, printed, "优"))
    notes = [f for f in _codes(result, Code.UNVERIFIABLE) if f.item == "重点支出安排率"]
    assert len(notes) == 1 and notes[0].severity == "info" and notes[0].cell == "F9" and notes[0].declared == 6
    assert "规则「yiyang-2020」中没有此指标" in notes[0].message
    other = next(i for i in result.indicators if i.name == "重点支出安排率")
    assert (other.known, other.weight, other.declared, other.score, other.cell) == (False, 7, 6, 6, "F9")
    # no 附件4: every rule indicator keeps its declared score too, so the scores that count add up to 99 as well
    assert result.total == 99
    sums = _codes(result, Code.SUM_MISMATCH)
    if wrong:  # 合计 98 against 99
        assert [(f.cell, f.declared, f.computed, f.severity) for f in sums] == [("F20", 98, 99, "error")]
    else:  # the correct 合计 99 is not flagged; nor is Σ 分值 (100, printed 100)
        assert sums == []
    # the rule's own indicator is not in the table: said once, where it would be
    assert [f.item for f in _codes(result, Code.MISSING_VALUE)] == ["指标「公用经费控制率」"]
    assert _codes(result, Code.GRADE_MISMATCH) == []  # 优 for 99


def test_an_unknown_row_over_its_weight_and_a_wrong_weight_total(tmp_path: Path) -> None:
    # 重点支出安排率 declared 9 over its 7; the printed Σ 分值 105 against the rows' 100; 合计 = Σ scores = 102
    rows = _full({"公用经费控制率": ("重点支出安排率", 7, 9)})
    result = _one(_table(tmp_path / "附件5.xlsx", rows, 102, weight_total=105))
    over = _codes(result, Code.SCORE_OVER_WEIGHT)
    assert [(f.cell, f.declared, f.computed) for f in over] == [("F9", 9, 7)]
    sums = _codes(result, Code.SUM_MISMATCH)
    assert [(f.cell, f.declared, f.computed) for f in sums] == [("D20", 105, 100)]
    # the score that counts is kept within its weight: 100 − 7 + 7 = 100
    assert result.total == 100


def test_a_weight_total_that_is_not_100(tmp_path: Path) -> None:
    # 在职人员控制率 weighted 8 (rule 7): the rows add up to 101, the printed Σ says 101 too → a warning, not 100
    rows = _full({"在职人员控制率": ("在职人员控制率", 8, 7)})
    result = _one(_table(tmp_path / "附件5.xlsx", rows, 100))
    sums = _codes(result, Code.SUM_MISMATCH)
    assert [(f.severity, f.cell, f.declared, f.computed) for f in sums] == [("warning", "D20", 101, 100)]


# ---------------------------------------------------------------- other names for the rule's indicators


def test_an_aliased_name_is_scored_by_the_rule(tmp_path: Path) -> None:
    # the seed's 附件5 with 在职人员控制率 written 财政供养人员控制率: 附件4 编制 7, 在职 6 → 85.71 % ≤ 100 % → 7
    book = openpyxl.load_workbook(SAMPLES / "大通湖政务中心2020.xlsx")
    sheet = book["附件5"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "在职人员控制率")
    cell.value = "财政供养人员控制率"
    path = tmp_path / "别名.xlsx"
    book.save(path)
    result = _one(path)
    seed = _one(SAMPLES / "大通湖政务中心2020.xlsx")
    renamed = next(i for i in result.indicators if i.name == "在职人员控制率")
    assert renamed.rule_score == 7 and renamed.known
    assert renamed == next(i for i in seed.indicators if i.name == "在职人员控制率")
    assert "6 / 7 = 85.71%" in renamed.basis
    assert [f for f in result.flags if f.severity == "error"] == [f for f in seed.flags if f.severity == "error"]


def test_budget_adjustment_rate_is_not_an_alias_of_budget_control(tmp_path: Path) -> None:
    # 预算调整率 divides by 预算数 (docs/domain.md §5), the rule's 预算控制率 by 年初预算: kept as declared
    rows = _full({"预算控制率": ("预算调整率", 5, 4)})
    result = _one(_table(tmp_path / "附件5.xlsx", rows, 99))
    assert [f.item for f in _codes(result, Code.UNVERIFIABLE) if f.item == "预算调整率"] == ["预算调整率"]
    assert _codes(result, Code.SUM_MISMATCH) == []


def test_a_group_written_as_one_row(tmp_path: Path) -> None:
    # 履职效益 15 as one row (no 经济/社会/生态效益 rows): scored as the three together, once
    rows = [r for r in _full() if r[1] != "履职效益"]
    rows.insert(12, ("产出及效率", "履职效益", "", 15, 13))
    result = _one(_table(tmp_path / "附件5.xlsx", rows, 98))
    assert _codes(result, Code.MISSING_VALUE) == [] and _codes(result, Code.SUM_MISMATCH) == []
    group = [i for i in result.indicators if i.name in ("经济效益", "社会效益", "生态效益")]
    assert [(i.name, i.score, i.declared) for i in group] == [
        ("经济效益", 13, 13),  # the group's score, on its first member
        ("社会效益", None, None),
        ("生态效益", None, None),
    ]
    assert result.total == 98 and result.grade == "优"


# ---------------------------------------------------------------- placeholders and blank templates


def test_placeholder_rows_are_one_quiet_note(tmp_path: Path) -> None:
    rows = _full()
    rows[11:11] = [("过程", "预算管理", "指标2", "", None), ("过程", "预算管理", "……", "", None)]
    rows.append(("产出及效率", "", "*", "", None))
    result = _one(_table(tmp_path / "附件5.xlsx", rows, 100, "优"))
    notes = _codes(result, Code.PLACEHOLDER)
    assert len(notes) == 1 and notes[0].severity == "info" and notes[0].declared == 3
    assert notes[0].message == "附件5有 3 行占位行(指标2、……、*)，未计分"
    assert [f for f in result.flags if f.severity != "info"] == []


def test_a_blank_template_is_said_to_be_blank_once(tmp_path: Path) -> None:
    rows = [(a, b, c, w, None) for a, b, c, w, _ in _full()]
    result = _one(_table(tmp_path / "附件5.xlsx", rows, None))
    assert [f for f in result.flags if f.severity != "info"] == []
    blank = [f for f in result.flags if "空白" in f.message]
    assert [(f.code, f.severity, f.message) for f in blank] == [
        (Code.MISSING_VALUE, "info", "附件5是空白表格: 没有填报任何得分，也没有合计")
    ]


def test_a_blank_copy_of_the_score_table_on_another_sheet_is_said_once(tmp_path: Path) -> None:
    # The filled 附件5 at full marks (合计 100) and a copy of it with every 得分 and the 合计 cleared: the copy is one
    # note naming it as a blank 附件5: not also "looks like 附件5", nor a blank 自评表, nor a 自评表 of the workbook.
    path = _table(tmp_path / "附件5.xlsx", _full(), 100, "优")
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book["附件5"])
    copy.title = "附件5（空表）"
    for r in range(3, copy.max_row + 1):
        copy.cell(r, 6).value = None
    book.save(path)
    result = score_paths([path], auto_rules()).files[0]
    about_copy = [note for note in result.notes if "空表" in note]
    assert about_copy == ["工作表「附件5（空表）」中有一张未填写的附件5(没有得分和完成值)，未评分"]
    assert result.rules is not None and "自评表" not in result.rules.reason
    assert [f for f in result.flags if f.severity != "info"] == []


# ---------------------------------------------------------------- nothing recognised


def test_what_was_seen_when_nothing_was_recognised(tmp_path: Path) -> None:
    grid = Grid("Sheet1")
    grid.put(1, 1, "项目名称")
    grid.put(1, 2, "道路维修")
    grid.put(2, 1, "指标值")
    grid.put(2, 2, "12公里")
    path = save([grid], tmp_path / "未知.xlsx")
    result = score_paths([path], RULES).files[0]
    assert result.error is not None
    assert result.error.message == "未找到可识别的表格: 工作表「Sheet1」有「项目名称」「指标值」，但没有找到得分列"


# ---------------------------------------------------------------- generated variants with an answer key

N_VARIANTS, SEED = 120, 20
CHECKED = ("total", "score-over-weight", "weight-total", "grade")


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[AnswerKey, FileResult]]:
    rng = random.Random(SEED)
    folder = tmp_path_factory.mktemp("fj5")
    made = []
    for i in range(N_VARIANTS):
        inject = set(rng.sample(CHECKED, rng.choice([0, 1, 1, 2, 3])))
        grid, key = fj5(rng, inject)
        made.append((key, save([grid], folder / f"fj5-{i:03d}.xlsx")))
    results = score_paths([path for _, path in made], RULES).files
    return [(key, result) for (key, _), result in zip(made, results, strict=True)]


def test_generated_variants_every_mistake_found_no_right_cell_flagged(
    variants: list[tuple[AnswerKey, FileResult]],
) -> None:
    """On generated 附件5 variants (renamed and unknown indicators, 履职效益 as one row / merged / three scored,
    weights in names and level columns, placeholders), every injected total, score-over-weight, weight-total and
    grade mistake is flagged, and no cell the key says is right gets an error or a warning."""
    wanted = found = clean = false = 0
    missed, wrong = [], []
    for key, result in variants:
        assert result.status == "ok", result.error
        flagged = {f.cell for f in result.flags if f.severity in ("error", "warning") and f.cell}
        for mistake in key.mistakes:
            if mistake.kind in CHECKED:
                wanted += 1
                if mistake.cell in flagged:
                    found += 1
                else:
                    missed.append((Path(result.file).name, mistake))
        for item in key.declared:
            if item.right:
                clean += 1
                if item.cell in flagged:
                    false += 1
                    wrong.append(
                        (Path(result.file).name, item.cell, [f.message for f in result.flags if f.cell == item.cell])
                    )
    recall = found / wanted if wanted else 1.0
    report = f"recall {found}/{wanted} = {recall:.4f}; false flags {false}/{clean} right cells"
    assert wanted >= 50 and found == wanted, f"{report}; missed {missed[:3]}"
    assert false == 0, f"{report}; {wrong[:3]}"
