"""The official workbook perfxl writes from a rule set: complete, printable, and read back by perfxl itself.

Expected addresses come from the layouts documented in perfxl/write/templates/, not from perfxl's output:
附件4 block k (0-based, in rule order, optional blocks left out) has its labels in row 4 + 2k and its
values in row 5 + 2k, field j (0-based) in column B + j; 附件5 has its header in row 2, indicator i in
row 3 + i with 三级指标 in E, its 分值 in F and 得分 in I, then 合计 and 等级. Each 自评表 variant is a sheet
named by its title: header rows 2–3, funds header in row 4 (block title A4:A8, row labels B5:B8, amounts
C:E, 分值 F5, 执行率 G, 得分 H5), 年度总体目标 in rows 9–10, indicator header in row 11 (A…H), indicator i
in row 12 + i (三级指标 in C, 分值 F, 得分 G), then 绩效指标总分 and the note.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import seed_tables as layouts
from openpyxl.worksheet.worksheet import Worksheet

from perfxl.locate.forms import locate
from perfxl.read.grid import read_sheets
from perfxl.read.text import label_key
from perfxl.rules import FormDef, RuleSet, SelfEvalDef, Tier, available_rules, load_rules
from perfxl.rules.model import EvalTemplate
from perfxl.write.templates import write_all_templates, write_template

RULE_NAMES = sorted(available_rules())
REPO = Path(__file__).resolve().parents[2]


def _value_cell(block: int, field: int) -> str:
    return f"{'BCDEFGHIJKLM'[field]}{5 + 2 * block}"


def _form(rules: RuleSet, kind: str) -> FormDef:
    form = next((f for f in rules.forms.values() if f.kind == kind), None)
    if form is None:
        pytest.skip(f"{rules.name} has no {kind} form")
    return form


def _spec(rules: RuleSet) -> SelfEvalDef:
    spec = _form(rules, "self_eval").self_eval
    assert spec is not None
    return spec


def _sheet_names(rules: RuleSet) -> list[str]:
    """One sheet per form, in rule order; a 自评表 form gives one per variant, named by its title."""
    names: list[str] = []
    for form in rules.forms.values():
        names += [title for _, title, _ in form.self_eval.variants] if form.self_eval else [form.short or form.title]
    return names


def _sheet(book: Any, form: FormDef) -> Worksheet:
    sheet: Worksheet = book[form.short or form.title]
    return sheet


def _printing(sheet: Any) -> tuple[object, ...]:
    """Orientation, paper, printed at 100 % (not fitted to the page: a fitted sheet's page breaks are ignored), print
    titles and footer."""
    setup = sheet.page_setup
    fit = sheet.sheet_properties.pageSetUpPr
    return (
        setup.orientation,
        int(setup.paperSize),
        int(setup.scale or 100),
        bool(fit is not None and fit.fitToPage),
        sheet.print_title_rows,
        sheet.oddFooter.center.text,
    )


@pytest.fixture(params=RULE_NAMES)
def blank(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[RuleSet, Path]:
    rules = load_rules(request.param)
    path = tmp_path / f"{request.param}.xlsx"
    write_template(rules, path)
    return rules, path


# ---------------------------------------------------------------- the blank workbook


def test_blank_blocks_form(blank: tuple[RuleSet, Path]) -> None:
    rules, path = blank
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == _sheet_names(rules)
    form = _form(rules, "blocks")
    sheet = _sheet(book, form)
    assert sheet["A1"].value == f"{form.short}  {form.title}"
    assert sheet["A2"].value == f"{rules.unit_labels[0]}："
    assert sheet["B2"].protection.locked is False
    blocks = [b for b in form.blocks if not b.optional]
    for k, block in enumerate(blocks):
        assert sheet[f"A{4 + 2 * k}"].value == block.titles[0]
        for j, fld in enumerate(f for f in block.fields if not f.optional):  # optional fields only when filled
            value = sheet[_value_cell(k, j)]
            assert sheet.cell(value.row - 1, value.column).value == fld.name
            assert value.value is None
            assert value.protection.locked is False
            assert value.fill.fgColor.rgb.endswith("E7E6E6" if fld.derived else "FFF2CC")
    texts = {c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    for block in form.blocks:
        assert (block.titles[0] in texts) is not block.optional  # optional blocks only when filled
    assert sheet["B4"].protection.locked is True  # labels stay locked
    kinds = {dv.type for dv in sheet.data_validations.dataValidation}
    assert {"whole", "decimal", "list"} <= kinds
    assert _printing(sheet) == ("portrait", 9, 100, False, "$1:$1", "第 &P 页，共 &N 页")


def test_blank_score_table(blank: tuple[RuleSet, Path]) -> None:
    rules, path = blank
    form = _form(rules, "score_table")
    assert form.columns is not None
    sheet = _sheet(openpyxl.load_workbook(path), form)
    header = [c.value for c in sheet[2]]
    roles = ("level1", "weight", "level2", "weight", "level3", "weight", "standard", "note", "score")
    assert header == [form.columns[role][0] for role in roles]
    names = [sheet[f"E{r}"].value for r in range(3, 3 + len(rules.indicators))]
    assert names == [ind.name for ind in rules.indicators]
    for i, ind in enumerate(rules.indicators):
        weight, score = sheet[f"F{3 + i}"], sheet[f"I{3 + i}"]
        assert weight.value == ind.weight
        assert weight.number_format == '0"分"'
        assert score.value is None and score.protection.locked is False
        assert sum(1 for row in sheet.iter_rows(min_col=5, max_col=5) if row[0].value == ind.name) == 1
    # Every 一级/二级 name and weight appears, merged over its indicators.
    parent = {child: name for name, (_, kids) in rules.groups.items() for child in kids}
    for name, (weight, children) in rules.groups.items():
        rows = [3 + i for i, ind in enumerate(rules.indicators) if parent[ind.group] == name]
        assert (sheet[f"A{rows[0]}"].value, sheet[f"B{rows[0]}"].value) == (name, weight)
        if len(rows) > 1:
            assert f"A{rows[0]}:A{rows[-1]}" in {str(m) for m in sheet.merged_cells.ranges}
        for child, child_weight in children.items():
            first = next(3 + i for i, ind in enumerate(rules.indicators) if ind.group == child)
            assert (sheet[f"C{first}"].value, sheet[f"D{first}"].value) == (child, child_weight)
    total_row = 3 + len(rules.indicators)
    assert sheet[f"A{total_row}"].value == form.total_labels[0]
    assert sheet[f"F{total_row}"].value == 100
    assert sheet[f"I{total_row}"].value == f"=SUM(I3:I{total_row - 1})"
    assert sheet[f"A{total_row + 1}"].value == form.grade_labels[0]
    assert sheet[f"I{total_row + 1}"].protection.locked is False
    grades = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert grades and grades[0].formula1 == '"' + ",".join(g.grade for g in rules.grades) + '"'
    assert _printing(sheet) == ("landscape", 9, 100, False, "$1:$2", "第 &P 页，共 &N 页")
    assert sheet.freeze_panes == "A3"


def test_score_table_words(tmp_path: Path) -> None:
    """评价标准 and 指标说明 are generated from the rules."""
    rules = load_rules("yiyang-2020")
    path = tmp_path / "t.xlsx"
    write_template(rules, path)
    sheet = _sheet(openpyxl.load_workbook(path), _form(rules, "score_table"))
    rows = {sheet[f"E{r}"].value: r for r in range(3, 3 + len(rules.indicators))}
    standard = {name: sheet[f"G{r}"].value for name, r in rows.items()}
    note = {name: sheet[f"H{r}"].value for name, r in rows.items()}
    assert standard["在职人员控制率"] == "≤100% 计满分，每超过1个百分点扣0.2分，扣完为止"
    assert standard["预算完成率"].startswith("≥100% 计满分，每低于5个百分点扣2分")
    assert standard["预算控制率"] == "≤0% 计5分；(0%,10%] 计4分；(10%,20%] 计3分；(20%,30%] 计2分；>30% 计0分"
    assert standard["新建楼堂馆所面积控制率"].endswith("；无此类项目计满分")
    # a declared indicator prints the source's own standard (seed 001's), never perfxl's note on why it cannot be
    # recomputed ("附件4 没有公用经费数据"), and nothing where no source prints one (issue 17)
    assert standard["公用经费控制率"] == "100%以下(含)计满分，每超出1%扣1分，扣完为止"
    assert standard["经济效益"] is None and standard["管理制度健全性"] == "依据检查要点评定"
    assert note["在职人员控制率"] == "按附件4数据计算：在职人员控制率 = 实际在职人数 ÷ 编制人数 × 100%"
    assert note["三公经费变动率"] == "按附件4数据计算：三公经费变动率 = (本年预算数 − 上年预算数) ÷ 上年预算数 × 100%"
    assert "「楼堂馆所建设情况」" in note["新建楼堂馆所面积控制率"]
    assert note["管理制度健全性"] is None


def test_blank_round_trip_through_locator(blank: tuple[RuleSet, Path]) -> None:
    rules, path = blank
    found = locate(read_sheets(path), rules)
    # a blank 自评表 is not a return: it is skipped (the filled round trip below reads its layout)
    assert set(found.forms) == {f.id for f in rules.forms.values() if f.kind != "self_eval"}
    assert found.instances == []
    wanted = {f.key for form in rules.forms.values() for b in form.blocks if not b.optional for f in b.fields}
    wanted -= {f.key for form in rules.forms.values() for b in form.blocks for f in b.fields if f.optional}
    assert set(found.fields) == wanted
    assert all(hit.raw is None for hit in found.fields.values())
    assert set(found.indicators) == {ind.name for ind in rules.indicators}
    assert all(hit.weight is not None and hit.score.raw is None for hit in found.indicators.values())
    assert found.missing == []
    assert found.unit is None  # a blank unit cell is not mistaken for the text around it
    if any(f.kind == "score_table" for f in rules.forms.values()):
        assert found.total is not None and found.total.raw == 0
        assert found.grade is not None and found.grade.raw is None


# ---------------------------------------------------------------- the blank 自评表

_EVAL_LEVELS = [
    ("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]),
    ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
    ("满意度指标", ["服务对象满意度指标"]),
]
_EVAL_NOTE = (
    "注：定量指标得分 = 分值 × 实际完成值 ÷ 年度指标值(反向指标相反)，不超过分值；定性指标按 达成 100%-80%、"
    "部分达成 80%-60%、未达成 60%-0% 计分。执行率得分 = 分值 × 执行率，不超过分值；"
    "自评总得分 = 执行率得分 + 绩效指标总分。"
)
_EVAL_HEADER = {
    "project": (
        {"A2": "项目名称", "E2": "自评总得分", "A3": "主管部门", "E3": "实施单位"},
        ["B2:D2", "F2:H2", "B3:D3", "F3:H3"],
    ),
    "department": (
        {"A2": "部门名称", "A3": "联系人", "C3": "联系电话", "E3": "自评总得分"},
        ["B2:H2", "B3", "D3", "F3:H3"],
    ),
}


_FUNDS_LABELS = ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]


def _validation(sheet: Worksheet, cell: str) -> Any:
    return next(dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref)


# the rule sets printing the national 自评表 (A…H, four funds lines); Chongqing's has its own test
NATIONAL_LAYOUT = [name for name in RULE_NAMES if _spec(load_rules(name)).template == EvalTemplate()]


@pytest.mark.parametrize("variant", ["project", "department"])
@pytest.mark.parametrize("name", NATIONAL_LAYOUT)
def test_blank_self_eval(name: str, variant: str, tmp_path: Path) -> None:
    rules, path = load_rules(name), tmp_path / f"{name}.xlsx"
    write_template(rules, path)
    spec = _spec(rules)
    title = next(t for v, t, _ in spec.variants if v == variant)
    sheet = openpyxl.load_workbook(path)[title]
    merged = {str(m) for m in sheet.merged_cells.ranges}
    assert sheet["A1"].value == f"____年度{title}" and "A1:H1" in merged
    labels, inputs = _EVAL_HEADER[variant]
    assert {a: sheet[a].value for a in labels} == labels
    assert {r for r in inputs if ":" in r} <= merged
    for rng in inputs:
        cell = sheet[rng.split(":")[0]]
        assert cell.value is None and cell.protection.locked is False and cell.fill.fgColor.rgb.endswith("FFF2CC")
    # Funds: the block title merged down A, row labels in B, 分值 and 得分 on the total row only.
    assert sheet["A4"].value == {"project": "项目资金\n（万元）", "department": "年度预算资金\n（万元）"}[variant]
    assert "A4:A8" in merged
    roles = ("initial", "annual", "executed", "weight", "rate", "score")
    assert [c.value for c in sheet[4]] == [sheet["A4"].value, None, *(spec.funds_columns[r][0] for r in roles)]
    assert [c.value for c in sheet[4]][2:] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert [sheet[f"B{r}"].value for r in range(5, 9)] == _FUNDS_LABELS
    assert sheet["F5"].value == spec.funds_weight == 10
    assert sheet["H5"].value is None and sheet["H5"].protection.locked is False
    assert [sheet[f"{c}{r}"].value for c in "FH" for r in range(6, 9)] == ["—"] * 6
    for r in range(5, 9):
        for c in "CDE":
            assert sheet[f"{c}{r}"].value is None and sheet[f"{c}{r}"].protection.locked is False
            assert sheet[f"{c}{r}"].fill.fgColor.rgb.endswith("FFF2CC")
            assert _validation(sheet, f"{c}{r}").type == "decimal"
        assert sheet[f"G{r}"].fill.fgColor.rgb.endswith("E7E6E6") and sheet[f"G{r}"].protection.locked is False
        assert "perfxl 将自动计算" in _validation(sheet, f"G{r}").prompt
    # 年度总体目标: two merged text inputs below their labels.
    assert (sheet["A9"].value, sheet["B9"].value, sheet["F9"].value) == ("年度总体目标", "预期目标", "实际完成情况")
    assert {"A9:A10", "B9:E9", "F9:H9", "B10:E10", "F10:H10"} <= merged
    assert sheet["B10"].protection.locked is False and sheet["F10"].protection.locked is False
    # Indicators: two blank rows per standard 二级, 一级/二级 merged over theirs, then the total and the note.
    columns = ("level1", "level2", "level3", "target", "actual", "weight", "score", "reason")
    assert [c.value for c in sheet[11]] == [spec.indicator_columns[r][0] for r in columns]
    assert [c.value for c in sheet[11]] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    row = 12
    for level1, children in _EVAL_LEVELS:
        assert sheet[f"A{row}"].value == level1 and f"A{row}:A{row + 2 * len(children) - 1}" in merged
        for child in children:
            assert sheet[f"B{row}"].value == child and f"B{row}:B{row + 1}" in merged
            row += 2
    assert row == 30
    for r in range(12, 30):
        assert all(sheet[f"{c}{r}"].value is None and sheet[f"{c}{r}"].protection.locked is False for c in "CDEFGH")
    assert sheet["A30"].value == spec.total_labels[0] == "绩效指标总分" and "A30:E30" in merged
    assert (sheet["F30"].value, sheet["G30"].value) == ("=SUM(F12:F29)", "=SUM(G12:G29)")
    assert sheet["A31"].value == _EVAL_NOTE and "A31:H31" in merged
    assert sheet.max_row == 31
    assert _printing(sheet) == ("landscape", 9, 100, False, "$11:$11", "第 &P 页，共 &N 页")


def test_note_follows_the_rules(tmp_path: Path) -> None:
    """The 定性 tiers and the 执行率 cap in the note come from the rule set."""
    rules = load_rules("national-2020")
    form = _form(rules, "self_eval")
    hubei = (Tier("优", 0.8, 1.0), Tier("良", 0.5, 0.8), Tier("中", 0.5, 0.8), Tier("差", 0.0, 0.5))
    spec = replace(_spec(rules), tiers=hubei, funds_cap=False)
    changed = replace(rules, forms={**rules.forms, form.id: replace(form, self_eval=spec)})
    path = tmp_path / "t.xlsx"
    write_template(changed, path)
    note = openpyxl.load_workbook(path)["部门整体支出绩效自评表"]["A31"].value
    assert "定性指标按 达成 100%-80%、部分达成 80%-50%、未达成 50%-0% 计分。执行率得分 = 分值 × 执行率；" in note


# ---------------------------------------------------------------- filled from values


def _seed_values(rules: RuleSet) -> dict[str, object]:
    """Seed 001's numbers (tests/layouts.py), keyed by field and indicator."""
    form = _form(rules, "blocks")
    values: dict[str, object] = {}
    for title, fields in layouts.BASE_BLOCKS:
        block = next(b for b in form.blocks if label_key(title) in {label_key(t) for t in b.titles})
        for label, value in fields:
            fld = next(f for f in block.fields if label_key(label) in {label_key(lbl) for lbl in f.labels})
            if value is not None:
                values[fld.key] = value
    by_label = {label_key(lbl): ind.name for ind in rules.indicators for lbl in ind.labels}
    for row in layouts.SCORE_ROWS:
        if row[-1] is not None:
            values[f"score:{by_label[label_key(row[4])]}"] = row[-1]
    values["merge_scores"] = [["经济效益", "社会效益", "生态效益"]]
    values["total"] = layouts.SEED_TOTAL
    values["grade"] = "优"
    return values


def test_filled_cells(tmp_path: Path) -> None:
    rules = load_rules()
    path = tmp_path / "seed.xlsx"
    write_template(rules, path, _seed_values(rules), unit="益阳市大通湖区政务中心")
    book = openpyxl.load_workbook(path)
    base, scores = book["附件4"], book["附件5"]
    assert base["B2"].value == "益阳市大通湖区政务中心"
    # the unit also fills each 自评表's unit cell (实施单位, 部门名称)
    units = (book["项目支出绩效自评表"]["F3"].value, book["部门整体支出绩效自评表"]["B2"].value)
    assert units == ("益阳市大通湖区政务中心", "益阳市大通湖区政务中心")
    assert (base["B5"].value, base["C5"].value, base["D5"].value) == (7, 6, 1)
    assert base["D7"].value == "10%" and base["B19"].value == "397.59 "  # text stays text, as typed
    assert base["D17"].value == "100%"
    assert [scores[f"I{r}"].value for r in range(3, 20)] == [7, 8, 5, 0, 5, 5, 2, 8, 8, 5, 2, 8, 15, None, None, 6, 6]
    assert "I15:I17" in {str(m) for m in scores.merged_cells.ranges}
    assert (scores["I20"].value, scores["I21"].value) == (90, "优")
    found = locate(read_sheets(path), rules)
    assert found.unit == "益阳市大通湖区政务中心"
    assert found.indicators["社会效益"].shared_with == ("经济效益", "生态效益")


def test_filled_sum_formula_caches_the_scores(tmp_path: Path) -> None:
    rules = load_rules()
    path = tmp_path / "t.xlsx"
    write_template(rules, path, {"score:在职人员控制率": 7, "score:三公经费变动率": 6.5})
    found = locate(read_sheets(path), rules)
    assert found.total is not None and found.total.raw == 13.5
    assert openpyxl.load_workbook(path)["附件5"]["I20"].value == "=SUM(I3:I19)"


def test_optional_block_written_when_filled(tmp_path: Path) -> None:
    rules = load_rules()
    path = tmp_path / "t.xlsx"
    write_template(rules, path, {"base_data.buildings.area_approved": 1000, "base_data.buildings.area_actual": 980})
    found = locate(read_sheets(path), rules)
    assert found.fields["base_data.buildings.area_actual"].raw == 980
    assert found.fields["base_data.buildings.invest_actual"].raw is None
    assert found.missing == []


def test_seed_scored_by_engine(tmp_path: Path) -> None:
    pytest.importorskip("perfxl.read.sniff")
    from perfxl.pipeline import score_paths

    rules = load_rules()
    path = tmp_path / "seed.xlsx"
    write_template(rules, path, _seed_values(rules), unit="益阳市大通湖区政务中心")
    result = score_paths([path], rules).files[0]
    assert result.status == "ok", result.error
    assert (result.total, result.declared_total, result.grade) == (90, 90, "优")
    assert result.unit == "益阳市大通湖区政务中心"
    errors = {(f.code.value, f.item, f.sheet, f.cell) for f in result.flags if f.severity == "error"}
    # 三公经费变动情况 is block 1 and 三公经费控制情况 block 6; 变动率 / 控制率 the third field of each.
    assert errors == {
        ("rate-mismatch", "三公经费变动率", "附件4", _value_cell(1, 2)),
        ("rate-mismatch", "三公经费控制率", "附件4", _value_cell(6, 2)),
    }
    assert _value_cell(1, 2) == "D7" and _value_cell(6, 2) == "D17"
    cells = {i.name: i.cell for i in result.indicators}
    assert (cells["在职人员控制率"], cells["经济效益"], cells["社会公众或服务对象满意度"]) == ("I3", "I15", "I19")


@pytest.mark.parametrize(
    "values",
    [
        {"base_data.staff.quorum": 7},
        {"score:不存在的指标": 1},
        {"score:在职人员控制率": True},
        {"merge_scores": [["经济效益", "生态效益"]]},
        {"merge_scores": [["经济效益", "社会效益"]], "score:社会效益": 5},
        {"eval.project.nope": 1},
        {"eval.other.unit": "某单位"},
        {"eval.department.project": "大厅运行经费"},  # 项目名称 is on the project sheet only
        {"eval.project.funds.appropriation.score": 1},  # 得分 belongs to the total row
        {"eval.project.funds.total.annual": [45]},
        {"eval.project.indicators": []},
        {"eval.project.indicators": [{"level1": "产出指标", "level2": "数量指标"}]},  # no name
        {"eval.project.indicators": [{"name": "指标1", "colour": "red"}]},
        {"eval.project.indicators": [{"name": "指标1", "weight": True}]},
        {"eval.project.indicators": [{"name": "指标1", "level1": 1}]},
        {"year": 21},
        {"year": "2021"},
    ],
)
def test_bad_values_fail_loudly(tmp_path: Path, values: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        write_template(load_rules(), tmp_path / "t.xlsx", values)


# ---------------------------------------------------------------- 自评表 filled from values

_FUNDS_ROWS = ("total", "appropriation", "carryover", "other")
# Seed 004 (江西全南 2021 大厅运行经费): 一级, 二级, 三级, 年度指标值, 实际完成值; 产出 50, 效益 30, 满意度 10 and
# 执行率 10 (docs/domain.md §1.3), split evenly. The seed's "执行率指标" row is the funds block here.
_SEED004 = [
    (
        "产出指标",
        "数量指标",
        "指标1：物业配备安保及保洁人员",
        "办公时间确保有2名安保人员、3名清洁人员正常在岗",
        "办公时间确保有2名安保人员、3名清洁人员正常在岗",
    ),
    ("产出指标", "质量指标", "指标1：保洁人员清扫卫生覆盖率", "100%", "100%"),
    ("产出指标", "质量指标", "指标2：减少企业群众办事成本，为办事企业群众提供免费复印、免费饮水等服务", "100%", "100%"),
    ("产出指标", "时效指标", "指标1：运行经费到位率", "100%", "100%"),
    ("产出指标", "成本指标", "指标1：大厅运行经费支出", "≥45万元", "≥45万元"),
    (
        "效益指标",
        "经济效益指标",
        "指标1：为企业提供惠企政策咨询、兑现、代办等服务",
        "在政务服务大厅设置“涉企政策兑现专区”",
        "已在政务服务大厅设置“涉企政策兑现专区”",
    ),
    (
        "效益指标",
        "社会效益指标",
        "指标1：通过优化政务服务环境，确保政务服务办事效率",
        "政务服务事项按时办结率≥95%",
        "政务服务事项按时办结率≥95%",
    ),
    (
        "效益指标",
        "社会效益指标",
        "指标2：对接粤港澳大湾区的政务环境",
        "在政务服务大厅设置“跨省通办”专区",
        "已在政务服务大厅设置“跨省通办”专区",
    ),
    (
        "效益指标",
        "生态效益指标",
        "指标1：推进电子信息首位产业“一链办”改革",
        "在政务服务大厅设置“电子信息首位产业一链办审批服务专区”",
        "已在政务服务大厅设置“电子信息首位产业一链办审批服务专区”",
    ),
    ("效益指标", "可持续影响指标", "指标1：进驻单位", "≥30个", "39个"),
    ("效益指标", "可持续影响指标", "指标2：进驻事项", "≥300项", "653项"),
    ("满意度指标", "服务对象满意度指标", "指标1：办事群众及工作人员满意度", "＞95%", "＞95%"),
]
_SEED004_WEIGHTS = {"产出指标": 10, "效益指标": 5, "满意度指标": 10}


def _funds(variant: str, amounts: dict[str, tuple[float, float, float]]) -> dict[str, object]:
    return {
        f"eval.{variant}.funds.{row}.{column}": value
        for row, values in amounts.items()
        for column, value in zip(("initial", "annual", "executed"), values, strict=True)
    }


def _seed004_values() -> dict[str, object]:
    rows: list[dict[str, object]] = [
        {
            "level1": l1,
            "level2": l2,
            "name": name,
            "target": target,
            "actual": actual,
            "weight": _SEED004_WEIGHTS[l1],
            "score": _SEED004_WEIGHTS[l1],
        }
        for l1, l2, name, target, actual in _SEED004
    ]
    assert sum(_SEED004_WEIGHTS[l1] for l1, *_ in _SEED004) == 90  # + 执行率 10 = 100
    return {
        "year": 2021,
        "eval.project.project": "大厅运行经费",
        "eval.project.authority": "全南县政务服务中心",
        "eval.project.unit": "全南县政务服务中心",
        "eval.project.declared_total": 100,
        **_funds(
            "project",
            {"total": (45, 45, 45), "appropriation": (45, 45, 45), "carryover": (0, 0, 0), "other": (0, 0, 0)},
        ),
        "eval.project.funds.total.score": 10,
        "eval.project.goal.expected": "保证政务服务中心大厅的正常运转；保证办公楼公共财产安全及秩序正常。",
        "eval.project.indicators": rows,
    }


def test_filled_self_eval_round_trip(tmp_path: Path) -> None:
    rules = load_rules("national-2020")
    path = tmp_path / "t.xlsx"
    values = {
        **_seed004_values(),
        "eval.project.funds.total.rate": "100%",
        "eval.department.unit": "益阳市大通湖区政务中心",  # seed 001's 部门整体支出绩效自评表
        "eval.department.declared_total": 95,
        **_funds(
            "department",
            {
                "total": (149.03, 599.34, 578.65),
                "appropriation": (143.86, 593.71, 573.02),
                "carryover": (5.35, 5.35, 5.35),
                "other": (0, 0.28, 0.28),
            },
        ),
    }
    write_template(rules, path, values)
    found = locate(read_sheets(path), rules)
    assert [(i.variant, i.year) for i in found.instances] == [("project", 2021), ("department", 2021)]
    project, department = found.instances
    for inst in found.instances:
        assert [f.row for f in inst.funds] == list(_FUNDS_ROWS)
        assert [f.label for f in inst.funds] == _FUNDS_LABELS
    assert {role: (hit.cell, hit.raw) for role, hit in project.header.items()} == {
        "project": ("B2", "大厅运行经费"),
        "unit": ("F3", "全南县政务服务中心"),
        "declared_total": ("F2", 100),
    }
    assert {role: (hit.cell, hit.raw) for role, hit in department.header.items()} == {
        "unit": ("B2", "益阳市大通湖区政务中心"),
        "declared_total": ("F3", 95),
    }
    assert {role: (hit.cell, hit.raw) for role, hit in project.funds[0].cells.items()} == {
        "initial": ("C5", 45),
        "annual": ("D5", 45),
        "executed": ("E5", 45),
        "weight": ("F5", 10),
        "rate": ("G5", "100%"),
        "score": ("H5", 10),
    }
    assert [f.cells["executed"].raw for f in department.funds] == [578.65, 573.02, 5.35, 0.28]
    assert [(i.level1, i.level2, i.name, i.cells["score"].cell) for i in project.indicators] == [
        (l1, l2, name, f"G{12 + k}") for k, (l1, l2, name, _, _) in enumerate(_SEED004)
    ]
    assert [t.label for t in project.totals] == ["绩效指标总分"]
    assert {role: (hit.cell, hit.raw) for role, hit in project.totals[0].cells.items()} == {
        "weight": ("F24", 90),
        "score": ("G24", 90),
    }
    assert department.indicators == []
    book = openpyxl.load_workbook(path)
    sheet = book["项目支出绩效自评表"]
    assert sheet["A1"].value == "2021年度项目支出绩效自评表"
    assert book["部门整体支出绩效自评表"]["A1"].value == "2021年度部门整体支出绩效自评表"
    assert sheet["B10"].value.startswith("保证政务服务中心大厅的正常运转")
    merged = {str(m) for m in sheet.merged_cells.ranges}
    assert {"A12:A16", "B13:B14", "A17:A22", "B18:B19", "B21:B22"} <= merged  # 一级/二级 as given
    assert not {"B12:B13", "A23:A24"} & merged  # one-row groups stay single cells
    total = (sheet["A24"].value, sheet["F24"].value, sheet["G24"].value)
    assert total == ("绩效指标总分", "=SUM(F12:F23)", "=SUM(G12:G23)")
    assert sheet["A25"].value == _EVAL_NOTE


def test_total_score_replaces_the_sum(tmp_path: Path) -> None:
    rules = load_rules("national-2020")
    path = tmp_path / "t.xlsx"
    write_template(rules, path, {**_seed004_values(), "eval.project.total_score": 88})
    assert openpyxl.load_workbook(path)["项目支出绩效自评表"]["G24"].value == 88
    found = locate(read_sheets(path), rules)
    assert found.instances[0].totals[0].cells["score"].raw == 88


def test_seed004_scored_by_engine(tmp_path: Path) -> None:
    pytest.importorskip("perfxl.read.sniff")
    from perfxl.pipeline import score_paths

    rules = load_rules("national-2020")
    path = tmp_path / "全南大厅运行经费.xlsx"
    write_template(rules, path, _seed004_values())
    result = score_paths([path], rules).files[0]
    assert result.status == "ok", result.error
    assert result.unit == "全南县政务服务中心"
    project = result.instances[0]
    assert (project.variant, project.name, project.year) == ("project", "大厅运行经费", 2021)
    assert (project.exec_score, project.total, project.declared_total, project.grade) == (10, 100, 100, "优")
    assert [i.cell for i in project.indicators] == [f"G{12 + k}" for k in range(len(_SEED004))]
    flags = {(f.code.value, f.sheet, f.cell, f.item) for f in result.flags}
    # 成本指标 "≥45万元" (row 16, 年度指标值 in D); 进驻单位 "≥30个" vs "39个" (row 21, 实际完成值 in E)
    assert ("cost-direction", "项目支出绩效自评表", "D16", "大厅运行经费·指标1：大厅运行经费支出") in flags
    assert ("over-achieved", "项目支出绩效自评表", "E21", "大厅运行经费·指标1：进驻单位") in flags
    assert [f for f in result.flags if f.severity == "error"] == []


# ---------------------------------------------------------------- the shipped templates


def _snapshot(path: Path) -> dict[str, tuple[list[tuple[object, ...]], set[str]]]:
    book = openpyxl.load_workbook(path)
    return {
        s.title: ([tuple(c.value for c in row) for row in s.iter_rows()], {str(m) for m in s.merged_cells.ranges})
        for s in book.worksheets
    }


@pytest.mark.parametrize("name", RULE_NAMES)
def test_shipped_templates_match_rules(tmp_path: Path, name: str) -> None:
    shipped = REPO / "templates" / f"{name}.xlsx"
    assert shipped.exists(), f"regenerate with perfxl.write.templates.write_all_templates({REPO / 'templates'})"
    fresh = tmp_path / f"{name}.xlsx"
    write_template(load_rules(name), fresh)
    assert _snapshot(fresh) == _snapshot(shipped)


def test_write_all_templates_is_reproducible(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = write_all_templates(tmp_path / "a"), write_all_templates(tmp_path / "b")
    assert [p.name for p in first] == [f"{n}.xlsx" for n in RULE_NAMES]
    assert "national-2020.xlsx" in [p.name for p in first]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]  # fixed creation date


@pytest.mark.parametrize("name", available_rules())
def test_every_template_sheet_fits_the_page_at_full_size(name: str, tmp_path: Path) -> None:
    """Issue 17: printed fit to the page width, 附件5 and 附件4 came out below 9 pt (10 pt type shrunk to fit columns
    wider than the page); each sheet's columns now fit A4 at 100 % (with room for wider fonts)."""
    from perfxl.write.templates.cells import PAGE_UNITS

    path = tmp_path / "t.xlsx"
    write_template(load_rules(name), path)
    for ws in openpyxl.load_workbook(path).worksheets:
        landscape = ws.page_setup.orientation == "landscape"
        widths = [d.width for d in ws.column_dimensions.values() if d.width]
        total = sum(widths) - 0.72 * len(widths)  # xlsxwriter stores each width with its cell padding (5 px)
        assert ws.page_setup.paperSize in (9, "9") and total <= PAGE_UNITS[landscape] + 1, (ws.title, total)


@pytest.mark.parametrize("name", available_rules())
def test_no_page_break_of_a_template_cuts_a_merged_group(name: str, tmp_path: Path) -> None:
    """Issue 17: the templates broke pages inside merged groups ("社会效益指标" sliced in half). Each sheet now
    carries its own page breaks, placed between groups (tests/integration/test_print.py checks the printed pages)."""
    path = tmp_path / "t.xlsx"
    write_template(load_rules(name), path)
    from perfxl.write.templates.cells import PAGE_HEIGHT

    for ws in openpyxl.load_workbook(path).worksheets:
        breaks = [b.id for b in ws.row_breaks.brk]  # a break after row ``id`` (1-based)
        assert breaks == sorted(breaks), ws.title
        landscape = ws.page_setup.orientation == "landscape"
        titles = ws.print_title_rows or ""
        first, _, last = titles.replace("$", "").partition(":")
        head = sum(ws.row_dimensions[r].height or 15 for r in range(int(first), int(last) + 1)) if titles else 0
        for merged in ws.merged_cells.ranges:
            height = sum(ws.row_dimensions[r].height or 15 for r in range(merged.min_row, merged.max_row + 1))
            if height > PAGE_HEIGHT[landscape] - head:
                continue  # taller than a page: it has to be cut somewhere
            cut = [b for b in breaks if merged.min_row <= b < merged.max_row]
            assert not cut, (ws.title, str(merged), cut)


# ---------------------------------------------------------------- Chongqing's 自评表 (权重分值 × 得分系数)


def _carried(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Rows as typed in a form (a blank 一级/二级 continues the group above) with every level written out."""
    out: list[tuple[object, ...]] = []
    for row in rows:
        level1 = row[0] or (out[-1][0] if out else "")
        level2 = row[1] or (out[-1][1] if out and not row[0] else "")
        out.append((level1, level2, *row[2:]))
    return out


_ROW_KEYS = ("level1", "level2", "name", "unit", "nature", "target", "actual", "weight", "coefficient", "score")


def test_chongqing_template_prints_chongqing_s_form(tmp_path: Path) -> None:
    path = tmp_path / "重庆.xlsx"
    write_template(load_rules("chongqing-2021"), path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["项目资金绩效目标自评表", "部门整体绩效目标自评表"]
    for sheet in book.worksheets:
        merged = {str(m) for m in sheet.merged_cells.ranges}
        # the columns of the published form, 一级指标 … 偏差原因分析及改进措施
        assert [c.value for c in sheet[9]] == [
            *("一级指标", "二级指标", "三级指标", "度量单位", "指标性质", "年度指标值", "实际完成值"),
            *("权重分值", "得分系数", "指标得分", "偏差原因分析及改进措施"),
        ]
        # one line of amounts, each over 总数 | 其中:财政资金; 执行率权重分值 10 on it
        assert [c.value for c in sheet[4]][1:10] == [
            *("年初预算数", None, "全年预算数", None, "全年执行数", None),
            *("执行率权重分值", "执行率(%)", "执行率得分"),
        ]
        assert [c.value for c in sheet[5]][1:7] == ["总数", "其中:财政资金"] * 3
        assert {"A4:A6", "B4:C4", "D4:E4", "F4:G4", "H4:H5", "I4:I5", "J4:J5"} <= merged
        assert sheet["H6"].value == 10
        assert sheet["I10"].number_format == "0%" and sheet["I10"].protection.locked is False
        assert "权重分值 × 得分系数" in sheet["A29"].value and "执行率权重分值 × 执行率" in sheet["A29"].value
    assert book["部门整体绩效目标自评表"]["A4"].value == "全年预算执行情况（万元）"


def test_a_filled_chongqing_template_is_scored_as_the_published_form(tmp_path: Path) -> None:
    from perfxl.pipeline import score_paths
    from perfxl.rules.auto import auto_rules

    path = tmp_path / "梁平.xlsx"
    values: dict[str, object] = {
        "year": 2021,
        "eval.project.project": layouts.CQ_PROJECT1[0],
        "eval.project.authority": "区政务服务办",
        "eval.project.unit": "区政务服务办",
        "eval.project.declared_total": 100,
        "eval.project.total_score": 90,
        # 梁平区政务服务管理办公室 2021 (docs/domain.md [S003]), 附件2: its first project (samples/seed_tables)
        "eval.project.indicators": [dict(zip(_ROW_KEYS, row, strict=True)) for row in _carried(layouts.CQ_PROJECT1[2])],
    }
    published = layouts.CQ_PROJECT1[1]  # 年初, 全年, 执行: each 总数 then 其中:财政资金
    for i, role in enumerate(("initial", "annual", "executed")):
        values[f"eval.project.funds.total.{role}"] = published[2 * i]
        values[f"eval.project.funds.total.{role}_fiscal"] = published[2 * i + 1]
    values |= {"eval.project.funds.total.rate": "100%", "eval.project.funds.total.score": 10}
    write_template(load_rules("chongqing-2021"), path, values)
    result = score_paths([path], auto_rules()).files[0]
    assert result.status == "ok" and result.rules is not None and result.rules.name == "chongqing-2021"
    project = result.instances[0]
    # 执行率 572.24 / 572.24 = 100% → 10 × 100% = 10; the declared 自评总得分 100 = 10 + the printed 90
    assert (project.variant, project.name, project.exec_score, project.declared_total) == (
        "project",
        "大厅运行及窗口人员午餐补助",
        10,
        100,
    )
    errors = {(f.code.value, f.cell) for f in result.flags if f.severity == "error"}
    # the published form's own mistakes, in this layout's cells: 指标得分 16 on 权重分值 15 × 得分系数 100 % = 15 (row
    # 14, column J), and the printed 绩效指标总分 90 against 15 + 10 + 15 + 15 + 16 + 10 + 10 = 91 (row 17)
    assert errors == {("score-over-weight", "J14"), ("score-mismatch", "J14"), ("sum-mismatch", "J17")}
