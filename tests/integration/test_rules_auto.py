"""``--rules auto``: each workbook read by the rule set its own printed forms fit (docs/domain.md §13).

Returns are built from three regions' blank 附件4/附件5 (templates/: 益阳 2020, 湖南 2018, 江华), each printing its
region's 分值 and 评价标准, filled with the same 附件4 numbers; the scores below are worked by hand from each
region's printed standard. The 自评表-only samples (重庆 梁平, 江西 全南) are the national and Chongqing forms.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from perfxl import api
from perfxl.cli import main
from perfxl.pipeline import score_paths
from perfxl.report.findings import Code
from perfxl.report.results import FileResult
from perfxl.rules import load_rules
from perfxl.rules.auto import auto_rules
from perfxl.write.templates import write_template

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# 附件4: 编制 100, 在职 103 (在职人员控制率 103%); 年初预算 1000, 年中调整 150 (预算控制率 15%); no carry-over
# (预算完成率 (0 + 1000 + 150 − 0) / (0 + 1000 + 150) = 100%).
VALUES: dict[str, object] = {
    "base_data.staff.quota": 100,
    "base_data.staff.actual": 103,
    "base_data.adjustment.initial": 1000,
    "base_data.adjustment.change": 150,
    "base_data.carryover.last": 0,
    "base_data.carryover.this": 0,
}

# Each region's printed standard, worked by hand (templates/<region>.xlsx, 附件5 rows 3, 5, 6):
#   在职人员控制率 103%: 3 points over 100%
#   预算控制率 15%: the (10%, 20%] band
#   预算完成率 100%: full marks
HAND = {
    "yiyang-2020": {"在职人员控制率": 7 - 3 * 0.2, "预算控制率": 3, "预算完成率": 5},  # 7分 −0.2/点; 3分 band; 5分
    "hunan-2018": {"在职人员控制率": 8 - 3 * 0.5, "预算控制率": 4, "预算完成率": 8},  # 8分 −0.5/点; 4分 band; 8分
    "jianghua": {"在职人员控制率": 5 - 3 * 0.2, "预算控制率": 3, "预算完成率": 5},  # 5分 −0.2/点; 3分 band; 5分
}


def _return(tmp_path: Path, region: str) -> Path:
    path = tmp_path / f"{region}.xlsx"
    write_template(load_rules(region), path, VALUES, unit="测试单位")
    return path


def _scores(result: FileResult) -> dict[str, float | None]:
    return {i.name: i.rule_score for i in result.indicators if i.name in HAND["yiyang-2020"]}


@pytest.mark.parametrize("region", sorted(HAND))
def test_each_region_is_read_by_its_own_rule_set(tmp_path: Path, region: str) -> None:
    result = score_paths([_return(tmp_path, region)], auto_rules()).files[0]
    assert result.status == "ok", result.error
    assert result.rules is not None and (result.rules.name, result.rules.chosen, result.rules.matched) == (
        region,
        True,
        True,
    )
    compared = result.rules.reason.split("所印分值与评价标准 ")[1].split(" 项")[0]
    agree, of = map(int, compared.split("/"))
    assert agree == of > 0  # every printed 分值 and standard is the region's own
    assert _scores(result) == pytest.approx(HAND[region])
    # the second route: the region's rule set named on the command line gives the same scores, with nothing to say
    forced = score_paths([tmp_path / f"{region}.xlsx"], load_rules(region)).files[0]
    assert _scores(forced) == _scores(result)
    mismatches = {Code.WEIGHT_MISMATCH, Code.STANDARD_MISMATCH}
    assert [f for f in forced.flags + result.flags if f.code in mismatches] == []


def test_another_regions_rows_are_scored_by_what_they_print(tmp_path: Path) -> None:
    # 岳阳's printed 在职人员控制率 row (standards.json "yueyang-staff"): 5分, −0.5 per point. The other rows print
    # 益阳's own, so 益阳 reads the workbook; this row is scored by its own text: 5 − 3 × 0.5 = 3.5.
    path = _return(tmp_path, "yiyang-2020")
    book = openpyxl.load_workbook(path)
    sheet = book["附件5"]
    assert sheet["E3"].value == "在职人员控制率"
    sheet["F3"] = 5
    sheet["G3"] = "以100%为标准。在职人员控制率≦100%,计5分;每超过一个百分点扣0.5分,扣完为止。"
    book.save(path)
    result = score_paths([path], auto_rules()).files[0]
    assert result.rules is not None and result.rules.name == "yiyang-2020" and result.rules.matched
    assert _scores(result)["在职人员控制率"] == pytest.approx(3.5)
    assert [f for f in result.flags if f.item == "在职人员控制率"] == []
    # named instead (--rules yiyang-2020), the same score, and both differences said as warnings naming both
    forced = score_paths([path], load_rules("yiyang-2020")).files[0]
    assert _scores(forced)["在职人员控制率"] == pytest.approx(3.5)
    said = {f.code: f for f in forced.flags if f.item == "在职人员控制率"}
    assert set(said) == {Code.WEIGHT_MISMATCH, Code.STANDARD_MISMATCH}
    assert all(f.severity == "warning" for f in said.values())
    assert "计5分;每超过一个百分点扣0.5分" in said[Code.STANDARD_MISMATCH].message
    assert "「≤100% 计7分，每超过1个百分点扣0.2分」" in said[Code.STANDARD_MISMATCH].message


def test_a_table_no_rule_set_agrees_with_is_scored_as_printed(tmp_path: Path) -> None:
    # 益阳's template with every printed 分值 raised by 0.5 (no built-in weight is a half): only the standards that
    # print no full mark of their own still read as 益阳's rules, under half of what can be compared. The closest rule
    # set lends names and formulas; 在职人员控制率 is scored on its printed 7.5分 and "每超过1个百分点扣0.2分":
    # 103% → 7.5 − 3 × 0.2 = 6.9.
    path = _return(tmp_path, "yiyang-2020")
    book = openpyxl.load_workbook(path)
    sheet = book["附件5"]
    for row in range(3, 20):
        if isinstance(sheet[f"F{row}"].value, int | float):
            sheet[f"F{row}"] = sheet[f"F{row}"].value + 0.5
    book.save(path)
    result = score_paths([path], auto_rules()).files[0]
    assert result.rules is not None and (result.rules.name, result.rules.matched) == ("yiyang-2020", False)
    assert result.rules.reason.startswith(
        "附件5 所印指标、分值与评价标准与各内置规则集均不相符(最接近的「yiyang-2020」: "
    )
    assert result.rules.reason.endswith("按表内所印分值与评价标准计分，指标名称与计算公式取自「yiyang-2020」")
    assert _scores(result)["在职人员控制率"] == pytest.approx(6.9)
    # a printed 分值 is held to its own standard's full mark ("计5分" beside 5.5), never to the lending rule set's
    said = [f for f in result.flags if f.code == Code.WEIGHT_MISMATCH]
    assert said and all("本表评价标准" in f.message and "计 " in f.message for f in said)


@pytest.mark.parametrize(
    ("sample", "chosen"),
    [("梁平政务服务办2021.xlsx", "chongqing-2021"), ("全南大厅运行经费2021.xlsx", "national-2020")],
)
def test_a_self_evaluation_alone_is_read_by_the_national_or_regional_form(sample: str, chosen: str) -> None:
    # 梁平 prints 得分系数 and 总数 / 其中:财政资金 (Chongqing's marks); 全南 (江西) prints the national form
    result = score_paths([SAMPLES / sample], auto_rules()).files[0]
    assert result.rules is not None and result.rules.name == chosen
    assert "附件5" not in result.rules.reason


def test_the_choice_is_shown_in_the_terminal_and_the_json(tmp_path: Path) -> None:
    path = _return(tmp_path, "hunan-2018")
    done = CliRunner().invoke(
        main, ["score", str(path), "-o", str(tmp_path / "o.xlsx"), "--json", str(tmp_path / "r.json")]
    )
    assert done.exit_code == 0, done.output
    line = next(line for line in done.output.splitlines() if line.startswith("规则: "))
    assert line.startswith("规则: 湖南 2018 部门整体支出绩效评价(附件4、附件5)「hunan-2018」— 工作簿中有")
    rules = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"][0]["rules"]
    assert (rules["name"], rules["chosen"], rules["matched"]) == ("hunan-2018", True, True)
    assert rules["reason"] == line.split("— ", 1)[1]
    # 评分结果 says it too
    summary = openpyxl.load_workbook(tmp_path / "o.xlsx")["评分结果"]["A2"].value
    assert "规则: 湖南 2018" in summary and "(自动选择: " in summary


def test_a_named_rule_set_is_still_obeyed() -> None:
    result = api.score(SAMPLES / "大通湖政务中心2020.xlsx", rules="hunan-2018", write=False).files[0]
    assert result.rules is not None and (result.rules.name, result.rules.chosen) == ("hunan-2018", False)


def test_a_batch_of_several_regions_says_which_read_how_many(tmp_path: Path) -> None:
    for region in HAND:
        _return(tmp_path, region)
    out = tmp_path / "汇总.xlsx"
    done = CliRunner().invoke(main, ["audit", str(tmp_path), "-o", str(out)])
    assert done.exit_code == 0, done.output
    line = openpyxl.load_workbook(out)["汇总"]["A2"].value
    assert line.endswith("规则：自动选择(按各工作簿所印的表格)(hunan-2018 1 份，jianghua 1 份，yiyang-2020 1 份)")
    returns = api.audit([tmp_path / f"{r}.xlsx" for r in HAND], tmp_path / "b.xlsx").report.to_frames().returns
    assert dict(zip(returns["file"].map(lambda f: Path(f).stem), returns["rules"], strict=True)) == {r: r for r in HAND}
