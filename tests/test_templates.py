"""The official workbook perfxl writes from a rule set: complete, printable, and read back by perfxl itself.

Expected addresses come from the layout documented in perfxl/templates.py, not from perfxl's output:
附件4 block k (0-based, in rule order, optional blocks left out) has its labels in row 4 + 2k and its
values in row 5 + 2k, field j (0-based) in column B + j; 附件5 has its header in row 2, indicator i in
row 3 + i with 三级指标 in E, its 分值 in F and 得分 in I, then 合计 and 等级.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import layouts
import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from perfxl.grid import read_sheets
from perfxl.locate import locate
from perfxl.ruleset import FormDef, RuleSet, available_rules, load_rules
from perfxl.templates import write_all_templates, write_template
from perfxl.text import label_key

RULE_NAMES = sorted(available_rules())
REPO = Path(__file__).resolve().parent.parent


def _value_cell(block: int, field: int) -> str:
    return f"{'BCDEFGHIJKLM'[field]}{5 + 2 * block}"


def _form(rules: RuleSet, kind: str) -> FormDef:
    return next(f for f in rules.forms.values() if f.kind == kind)


def _sheet(book: Any, form: FormDef) -> Worksheet:
    sheet: Worksheet = book[form.short or form.title]
    return sheet


def _printing(sheet: Any) -> tuple[object, ...]:
    """Orientation, paper, fit to 1 page wide (1 is the default and may be omitted) × any pages tall,
    print titles and footer."""
    setup = sheet.page_setup
    return (setup.orientation, int(setup.paperSize), setup.fitToWidth in (None, 1, "1"), int(setup.fitToHeight),
            sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.print_title_rows, sheet.oddFooter.center.text)


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
    assert book.sheetnames == [f.short or f.title for f in rules.forms.values()]
    form = _form(rules, "blocks")
    sheet = _sheet(book, form)
    assert sheet["A1"].value == f"{form.short}  {form.title}"
    assert sheet["A2"].value == f"{rules.unit_labels[0]}："
    assert sheet["B2"].protection.locked is False
    blocks = [b for b in form.blocks if not b.optional]
    for k, block in enumerate(blocks):
        assert sheet[f"A{4 + 2 * k}"].value == block.titles[0]
        for j, fld in enumerate(block.fields):
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
    assert _printing(sheet) == ("portrait", 9, True, 0, True, "$1:$1", "第 &P 页，共 &N 页")


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
    assert _printing(sheet) == ("landscape", 9, True, 0, True, "$1:$2", "第 &P 页，共 &N 页")
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
    assert standard["公用经费控制率"] == "附件4 没有公用经费数据"
    assert note["在职人员控制率"] == "按附件4数据计算：在职人员控制率 = 实际在职人数 ÷ 编制人数 × 100%"
    assert note["三公经费变动率"] == "按附件4数据计算：三公经费变动率 = (本年预算数 − 上年预算数) ÷ 上年预算数 × 100%"
    assert "「楼堂馆所建设情况」" in note["新建楼堂馆所面积控制率"]
    assert note["管理制度健全性"] is None


def test_blank_round_trip_through_locator(blank: tuple[RuleSet, Path]) -> None:
    rules, path = blank
    found = locate(read_sheets(path), rules)
    assert set(found.forms) == set(rules.forms)
    wanted = {f.key for form in rules.forms.values() for b in form.blocks if not b.optional for f in b.fields}
    assert set(found.fields) == wanted
    assert all(hit.raw is None for hit in found.fields.values())
    assert set(found.indicators) == {ind.name for ind in rules.indicators}
    assert all(hit.weight is not None and hit.score.raw is None for hit in found.indicators.values())
    assert found.missing == []
    assert found.unit is None  # a blank unit cell is not mistaken for the text around it
    assert found.total is not None and found.total.raw == 0
    assert found.grade is not None and found.grade.raw is None


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
    pytest.importorskip("perfxl.sniff")
    from perfxl.engine import score_paths

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
    ],
)
def test_bad_values_fail_loudly(tmp_path: Path, values: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        write_template(load_rules(), tmp_path / "t.xlsx", values)


# ---------------------------------------------------------------- the shipped templates


def _snapshot(path: Path) -> dict[str, tuple[list[tuple[object, ...]], set[str]]]:
    book = openpyxl.load_workbook(path)
    return {s.title: ([tuple(c.value for c in row) for row in s.iter_rows()], {str(m) for m in s.merged_cells.ranges})
            for s in book.worksheets}


@pytest.mark.parametrize("name", RULE_NAMES)
def test_shipped_templates_match_rules(tmp_path: Path, name: str) -> None:
    shipped = REPO / "templates" / f"{name}.xlsx"
    assert shipped.exists(), f"regenerate with perfxl.templates.write_all_templates({REPO / 'templates'})"
    fresh = tmp_path / f"{name}.xlsx"
    write_template(load_rules(name), fresh)
    assert _snapshot(fresh) == _snapshot(shipped)


def test_write_all_templates_is_reproducible(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = write_all_templates(tmp_path / "a"), write_all_templates(tmp_path / "b")
    assert [p.name for p in first] == [f"{n}.xlsx" for n in RULE_NAMES]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]  # fixed creation date
