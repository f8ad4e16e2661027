"""Seed 001 (益阳市大通湖区政务中心 2020) scored in three layouts; expectations worked out by hand.

附件4 (docs/domain.md §3), by hand from the seed's numbers:
  在职人员控制率 6 / 7 = 85.71 %            变动数 7 − 6 = 1 (declared 1: agrees)
  三公经费变动率 (18 − 20) / 20 = −10.00 %   declared "10%": wrong sign            → error
  项目支出执行率 464.89 / 483.59 = 96.13 %   declared "96.13%"                      → agrees
  预算执行率 578.65 / 593.71 = 97.46 %       declared "97%" (rounded)               → agrees
  预算调整率 444.96 / 149.03 = 298.57 %      declared "298%" (truncated, not 299)   → info
  结转结余变动率 (20.40 − 5.35) / 5.35 = 281.31 %   declared "281%"                 → agrees
  三公经费控制率 5.52 / 18 = 30.67 %          declared "100%" (a pass mark)          → error
  政府采购执行率 378.89 / 397.59 = 95.30 %    declared "95%"                         → agrees
  固定资产利用率 96.31 / 96.31 = 100 %        declared "100%"                        → agrees
附件5 (docs/domain.md §4):
  预算完成率 (5.35 + 149.03 + 444.96 − 20.40) / (5.35 + 149.03 + 444.96) = 578.94 / 599.34 = 96.60 %:
      3.40 points under 100, less than one 5-point step → 5 (declared 5)
  预算控制率 444.96 / 149.03 = 298.57 % > 30 → 0 (declared 0)
  在职人员控制率 85.71 % ≤ 100 → 7; 三公经费变动率 −10 % ≤ 0 → 8; 三公经费控制率 30.67 % ≤ 100 → 8
  楼堂馆所 ×2: no such project in the workbook → 5 + 5
  declared-only: 公用经费 2, 管理制度 8, 资金使用 5, 信息公开 2, 目标任务 8, 履职效益 15 (one merged cell
  for 经济/社会/生态效益), 行政效能 6, 满意度 6
  total 7+8+5+0+5+5+2+8+8+5+2+8+15+6+6 = 90 = the declared 合计 → 优
"""

from __future__ import annotations

import math
import re
import shutil
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import seed_tables as layouts

from perfxl import api
from perfxl.compute.rates import _group_rule_scores
from perfxl.errors import ErrorCode, InputError
from perfxl.locate.located import Hit, IndicatorHit, Located
from perfxl.pipeline import score_paths
from perfxl.read.cell_problems import UNCACHED_TEXT
from perfxl.read.grid import Sheet, a1
from perfxl.report.findings import Code
from perfxl.report.results import FileResult
from perfxl.rules import load_rules
from perfxl.rules.auto import resolve_rules

RULES = load_rules()
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EXPECTED_RATES = {
    "在职人员控制率": 85.71,
    "三公经费变动率": -10.0,
    "项目支出执行率": 96.13,
    "预算执行率": 97.46,
    "预算调整率": 298.57,
    "结转结余变动率": 281.31,
    "三公经费控制率": 30.67,
    "政府采购执行率": 95.30,
    "固定资产利用率": 100.0,
    "预算完成率": 96.60,
    "预算控制率": 298.57,
}
EXPECTED_SCORES = {
    "在职人员控制率": 7,
    "三公经费变动率": 8,
    "预算完成率": 5,
    "预算控制率": 0,
    "新建楼堂馆所面积控制率": 5,
    "新建楼堂馆所投资概算控制率": 5,
    "公用经费控制率": 2,
    "三公经费控制率": 8,
    "管理制度健全性": 8,
    "资金使用合规性": 5,
    "预决算信息公开性": 2,
    "目标任务实际完成率": 8,
    "经济效益": 15,
    "行政效能": 6,
    "社会公众或服务对象满意度": 6,
}


def _one(path: Path) -> FileResult:
    result = score_paths([path], RULES).files[0]
    assert result.status == "ok", result.error
    return result


def _cell_of_base_value(layout: str, block: int, field: int) -> str:
    """Where each layout builder puts the value of field `field` of block `block` (0-based)."""
    if layout == "seed":
        return a1((2 + 2 * block, 1 + field))
    if layout == "shifted":
        return a1((4 + 3 * block, 3 + field))
    rows_before = sum(len(fields) + 1 for _, fields in layouts.BASE_BLOCKS[:block])
    return a1((2 + rows_before + 1 + field, 2))


@pytest.fixture(params=["seed", "shifted", "vertical"])
def seed_result(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, FileResult]:
    builder = {"seed": layouts.seed_layout, "shifted": layouts.shifted_layout, "vertical": layouts.vertical_layout}
    return request.param, _one(builder[request.param](tmp_path / f"{request.param}.xlsx"))


def test_rates_and_scores(seed_result: tuple[str, FileResult]) -> None:
    _, result = seed_result
    rates = {r.name: r.value for r in result.rates}
    for name, value in EXPECTED_RATES.items():
        assert rates[name] == pytest.approx(value, abs=0.005), name
    scores = {i.name: i.score for i in result.indicators if i.score is not None}
    assert scores == pytest.approx(EXPECTED_SCORES)
    assert result.total == 90 and result.declared_total == 90 and result.grade == "优"


def test_the_seeds_real_mistakes_are_found(seed_result: tuple[str, FileResult]) -> None:
    layout, result = seed_result
    errors = sorted((f.code.value, f.cell, f.declared, f.computed) for f in result.flags if f.severity == "error")
    assert errors == sorted(
        [
            ("rate-mismatch", _cell_of_base_value(layout, 1, 2), "10%", -10.0),
            ("rate-mismatch", _cell_of_base_value(layout, 6, 2), "100%", 30.67),
        ]
    )
    infos = [(f.code.value, f.cell) for f in result.flags if f.severity == "info"]
    assert ("rate-mismatch", _cell_of_base_value(layout, 4, 2)) in infos  # 298% truncated
    assert sum(code == "unverifiable" for code, _ in infos) == 8
    warnings = [(f.code.value, f.item) for f in result.flags if f.severity == "warning"]
    assert warnings == [("missing-value", label) for label, _ in layouts.BASE_BLOCKS[-1][1]]


def test_a_fraction_formatted_as_percent_is_read_as_percent(tmp_path: Path) -> None:
    result = _one(layouts.shifted_layout(tmp_path / "s.xlsx"))
    rate = next(r for r in result.rates if r.name == "项目支出执行率")
    assert rate.declared == "96.13%"  # 0.9613 in a percentage format: the percentage the person sees
    assert not any(f.item == "项目支出执行率" for f in result.flags)


def test_score_findings(tmp_path: Path) -> None:
    path = layouts.seed_layout(
        tmp_path / "bad.xlsx",
        scores={"在职人员控制率": 9, "预算控制率": 4, "公用经费控制率": "好", "行政效能": None},
        total=95,
        values={("财政供养人员情况", "2020年编制人数"): 5},
    )
    result = _one(path)
    by_item = {(f.code.value, f.item): f for f in result.flags}
    # 编制 5, 在职 6: 120 % is 20 points over → 7 − 0.2 × 20 = 3; 变动数 declared 1 but 5 − 6 = −1 (sign only)
    over = by_item[("score-over-weight", "在职人员控制率")]
    assert (over.cell, over.declared, over.computed) == ("I3", 9, 7)
    assert by_item[("score-mismatch", "在职人员控制率")].computed == 3
    assert by_item[("rate-mismatch", "变动数")].severity == "info"
    assert by_item[("score-mismatch", "预算控制率")].computed == 0
    assert by_item[("bad-value", "公用经费控制率")].cell == "I9"
    assert by_item[("missing-value", "行政效能")].cell == "I18"
    # 合计 95 against the declared scores 9 + 8 + 5 + 4 + 5 + 5 + 8 + 8 + 5 + 2 + 8 + 15 + 6 = 88
    total = by_item[("sum-mismatch", "合计")]
    assert (total.cell, total.declared, total.computed) == ("I20", 95, 88)
    # rule total: 3 + 8 + 5 + 0 + 5 + 5 + 8 + 8 + 5 + 2 + 8 + 15 + 6 = 78, with 公用经费 (unreadable) and
    # 行政效能 (blank) missing: a partial total, so no grade is given
    assert result.total == 78 and not result.complete and result.grade is None


def test_a_workbook_with_no_form(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "其他.xlsx"
    with xlsxwriter.Workbook(str(path)) as book:
        book.add_worksheet("Sheet1").write("A1", "会议纪要")
    result = score_paths([path], RULES).files[0]
    assert result.status == "error"
    assert result.error is not None and result.error.code is ErrorCode.NO_FORM
    assert result.error.kind is InputError and result.error.file == str(path)
    assert result.error.message == NO_FORM_MESSAGE and str(result.error) == f"{path}: {NO_FORM_MESSAGE}"
    assert result.to_dict()["error"] == {"code": "no-form", "message": f"{path}: {NO_FORM_MESSAGE}"}


NO_FORM_MESSAGE = "未找到可识别的表格: 工作表「Sheet1」有 1 个非空单元格，但没有认出任何表头或栏目"


def test_score_raises_the_error_its_file_had(tmp_path: Path) -> None:
    """The library verb raises what reading raised: the same class, code, message and file."""
    import xlsxwriter

    path = tmp_path / "其他.xlsx"
    with xlsxwriter.Workbook(str(path)) as book:
        book.add_worksheet("Sheet1").write("A1", "会议纪要")
    with pytest.raises(InputError) as raised:
        api.score(path, write=False)
    error = raised.value
    assert type(error) is InputError and error.code is ErrorCode.NO_FORM
    assert (error.message, error.file, error.sheet, error.cell) == (NO_FORM_MESSAGE, str(path), None, None)
    assert str(error) == f"{path}: {NO_FORM_MESSAGE}"


def test_batch_of_many_takes_the_same_path(tmp_path: Path) -> None:
    paths = [layouts.seed_layout(tmp_path / f"{i}.xlsx") for i in range(3)]
    paths.insert(1, tmp_path / "missing.xlsx")
    report = score_paths(paths, RULES)
    assert [f.status for f in report.files] == ["ok", "error", "ok", "ok"]
    assert [f.total for f in report.files] == [90, None, 90, 90]


@pytest.mark.parametrize(
    ("builder", "sgjf_change", "sgjf_control"),
    [
        # blocks side by side from column B, 3 columns each: block 1's third field is G4, block 6's is V4
        (layouts.wide_layout, "G4", "V4"),
        # label in B, value in D; block k starts at the row after the previous block's fields
        (layouts.gap_layout, "D6", "D21"),
    ],
)
def test_unseen_base_data_layouts(tmp_path: Path, builder: object, sgjf_change: str, sgjf_control: str) -> None:
    result = _one(builder(tmp_path / "x.xlsx"))  # type: ignore[operator]
    errors = sorted((f.code.value, f.cell) for f in result.flags if f.severity == "error")
    assert errors == sorted([("rate-mismatch", sgjf_change), ("rate-mismatch", sgjf_control)])
    rates = {r.name: r.value for r in result.rates}
    assert rates["预算完成率"] == pytest.approx(578.94 / 599.34 * 100)


def test_two_row_header_score_table(tmp_path: Path) -> None:
    result = _one(layouts.two_row_header_layout(tmp_path / "x.xlsx"))
    assert result.total == 90 and result.declared_total == 90
    scores = {i.name: i.score for i in result.indicators if i.score is not None}
    # no 附件4 here: the rate-based indicators cannot be computed, so their declared scores are kept
    assert scores["预算控制率"] == 0 and scores["经济效益"] == 15
    assert not [f for f in result.flags if f.severity == "error"]


def test_labels_are_found_in_reading_order_whatever_the_order_of_the_cells() -> None:
    cells = {(9, 0): "合计", (2, 3): "合计", (2, 1): "年初数", (0, 5): "合计", (5, 0): 12.5, (4, 4): " 合计 "}
    sheet = Sheet("附件4", dict(reversed(list(cells.items()))))
    assert sheet.find(("合计",)) == [(0, 5), (2, 3), (4, 4), (9, 0)]
    assert sheet.find(("年初数", "合计")) == [(0, 5), (2, 1), (2, 3), (4, 4), (9, 0)]
    assert sheet.find(("年末数",)) == []
    found = sheet.find(("合计",))
    assert isinstance(found, list)
    found.clear()  # a caller's list is its own: the index is not changed
    assert sheet.find(("合计",)) == [(0, 5), (2, 3), (4, 4), (9, 0)]


@pytest.mark.parametrize("height, width", [(0, 0), (1, 1), (3, 4), (300, 300)])  # 300 x 300: past the kept shapes
def test_non_empty_cells_of_calamines_rectangle(height: int, width: int) -> None:
    from perfxl.read.grid import _non_empty

    values: list[object] = ["", 0.0, "x", False, -0.0, " ", "", 7]
    rows = [[values[(r * 7 + c * 3) % len(values)] for c in range(width)] for r in range(height)]
    expected = {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row) if v != ""}  # zeros are values
    got = _non_empty(rows)
    assert got == expected and list(got) == list(expected)  # and in reading order
    assert all(type(got[pos]) is type(expected[pos]) for pos in expected)  # False stays False, 0.0 stays 0.0


def test_a_merged_score_is_its_members_rule_scores_summed_on_the_first_member() -> None:
    """Books grouped by merge pattern: the group's sum (NaN if a member has none) on its first member in rule
    order, NaN on the others; books without merges and the other indicators keep their own rule scores."""
    names = [ind.name for ind in RULES.indicators]
    a, b, c, d = names[:4]

    def book(*groups: tuple[str, ...]) -> Located:
        found = Located()
        for group in groups:
            for name in group:
                others = tuple(n for n in group if n != name)
                found.indicators[name] = IndicatorHit(name, None, Hit("附件5", "E9", 5.0, name), others)
        return found

    books = [book((c, a, b)), book((a, b, c)), book(), book((b, c)), book((a, b, c))]
    table = [
        [1.0, 2.0, 4.0, 8.0],
        [1.0, math.nan, 4.0, 8.0],
        [1.0, 2.0, 4.0, 8.0],
        [1.0, 2.0, 4.0, 8.0],
        [0.5, 0.25, 0.125, 8.0],
    ]
    scores = pd.DataFrame([[*row, *[3.0] * (len(names) - 4)] for row in table], columns=names)
    out = _group_rule_scores(books, RULES, scores)
    nan = math.nan
    expected = [
        [7.0, nan, nan, 8.0],
        [nan, nan, nan, 8.0],
        [1.0, 2.0, 4.0, 8.0],
        [1.0, 6.0, nan, 8.0],
        [0.875, nan, nan, 8.0],
    ]
    np.testing.assert_array_equal(out[[a, b, c, d]].to_numpy(), np.array(expected))  # NaN matches NaN
    assert (out[names[4:]] == 3.0).all().all() and scores.iloc[0, 0] == 1.0  # the input is not changed


def _with_copy(tmp_path: Path, state: str) -> Path:
    """Seed 001 with a copy of 附件4 listed first (编制人数 0.7 instead of 7: 在职人员控制率 857.14%), ``state``."""
    book = openpyxl.load_workbook(SAMPLES / "大通湖政务中心2020.xlsx")
    copy = book.copy_worksheet(book["附件4"])
    copy.title = "附件4(旧)"
    copy["B5"] = 0.7
    copy.sheet_state = state
    book.move_sheet(copy, offset=-len(book.sheetnames) + 1)
    path = tmp_path / f"{state}.xlsx"
    book.save(path)
    return path


def test_a_hidden_copy_of_a_form_is_not_scored(tmp_path: Path) -> None:
    # issue 18 item 4 (docs/bad-inputs.md): a veryHidden 附件4 listed first used to be scored instead of the visible one
    result = score_paths([_with_copy(tmp_path, "veryHidden")], load_rules("yiyang-2020")).files[0]
    rates = {r.name: r.value for r in result.rates}
    assert rates["在职人员控制率"] == pytest.approx(6 / 7 * 100)  # 85.71%, the visible sheet's, not 857.14%
    assert {f["form"]: f["sheet"] for f in result.forms}["附件4 部门整体支出绩效评价基础数据表"] == "附件4"
    assert result.notes == []


def test_a_second_visible_copy_is_named(tmp_path: Path) -> None:
    result = score_paths([_with_copy(tmp_path, "visible")], load_rules("yiyang-2020")).files[0]
    assert {f["form"]: f["sheet"] for f in result.forms}["附件4 部门整体支出绩效评价基础数据表"] == "附件4(旧)"
    assert result.notes == ["工作表「附件4」也像附件4，只按第一张「附件4(旧)」评分；请删去多余的表或确认用哪一张"]


def test_another_copy_of_the_score_table_is_no_self_evaluation_form(tmp_path: Path) -> None:
    # round 43: an old 附件5 kept beside the one read (hidden or not; its 在职人员控制率 scored 9 of 7, its 合计 left
    # as it was) was read as a 自评表 too, its slips reported as the unit's; it is a copy of the form read, no more
    for state in ("hidden", "visible"):
        book = openpyxl.load_workbook(SAMPLES / "大通湖政务中心2020.xlsx")
        copy = book.copy_worksheet(book["附件5"])
        copy.title = "附件5(旧)"
        copy["I3"] = 9
        copy.sheet_state = state
        path = tmp_path / f"{state}.xlsx"
        book.save(path)
        result = score_paths([path], resolve_rules("auto")).files[0]
        assert not [f for f in result.flags if f.sheet == "附件5(旧)" and f.severity != "info"], state
        assert "附件5(旧)" not in [form["sheet"] for form in result.forms], state


def test_a_self_evaluation_form_listing_the_score_tables_indicators_is_still_read(tmp_path: Path) -> None:
    # the review: a 部门整体支出绩效自评表 whose funds block (300 | 320 | 310, 96.88 %) stands over indicators named as
    # 附件5's looks like another copy of the 附件5 by its names; its funds block says it is a 自评表: still read
    book = openpyxl.load_workbook(SAMPLES / "大通湖政务中心2020.xlsx")
    ws = book["部门整体支出绩效自评表"]
    ws["C5"], ws["D5"], ws["E5"], ws["G5"], ws["H5"] = 300, 320, 310, "96.88%", 9.69
    names = ["在职人员控制率", "三公经费变动率", "预算完成率", "公用经费控制率", "三公经费控制率", "管理制度健全性"]
    for row, name in enumerate(names, start=12):
        ws.cell(row, 3, name)
    path = tmp_path / "dept.xlsx"
    book.save(path)
    result = score_paths([path], resolve_rules("auto")).files[0]
    assert "部门整体支出绩效自评表" in [inst.sheet for inst in result.instances]


def _with_b5(tmp_path: Path, cell: bytes) -> Path:
    path = tmp_path / "b5.xlsx"
    with (
        zipfile.ZipFile(SAMPLES / "大通湖政务中心2020.xlsx") as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":  # 附件4: B5 is 编制人数
                data = re.sub(rb'<c r="B5"[^>]*>.*?</c>', cell, data, count=1)
            zout.writestr(item, data)
    return path


def test_a_check_says_what_the_cell_holds_not_that_it_is_blank(tmp_path: Path) -> None:
    # 编制人数 as a formula that divides by zero: it used to be reported as 「编制人数」未填写
    result = score_paths([_with_b5(tmp_path, b'<c r="B5" t="e"><f>1/0</f><v>#DIV/0!</v></c>')], load_rules()).files[0]
    said = [f for f in result.flags if f.cell == "B5" and f.sheet == "附件4"]
    assert [(f.code, f.message) for f in said] == [(Code.BAD_VALUE, "「编制人数」的内容「#DIV/0!」无法识别为数字")]
    shutil.copy(_with_b5(tmp_path, b'<c r="B5"><f>C5+1</f></c>'), tmp_path / "uncached.xlsx")
    result = score_paths([tmp_path / "uncached.xlsx"], load_rules()).files[0]
    said = [f for f in result.flags if f.cell == "B5" and f.sheet == "附件4"]
    assert [f.message for f in said] == [f"「编制人数」的内容「{UNCACHED_TEXT}」无法识别为数字"]


def test_a_checkers_bug_on_one_file_costs_that_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in computing one file's result (simulated) gives that file an internal-error entry; the other file of the
    same batch is scored as ever."""
    import perfxl.pipeline as pipeline

    root = Path(__file__).resolve().parents[2] / "samples"
    paths = [
        shutil.copy(root / name, tmp_path / name) for name in ("全南大厅运行经费2021.xlsx", "大通湖政务中心2020.xlsx")
    ]
    real = pipeline._file_result

    def broken(item: pipeline.Loaded, *args: object, **kwargs: object) -> object:
        if "全南" in item.path:
            raise ZeroDivisionError("float division by zero")
        return real(item, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_file_result", broken)
    report = pipeline.score_paths(paths, load_rules("national-2020"))
    quannan, datonghu = report.files
    assert quannan.status == "error" and quannan.error is not None
    assert quannan.error.code == "internal-error" and "ZeroDivisionError" in quannan.error.message
    assert datonghu.status == "ok" and datonghu.instances
