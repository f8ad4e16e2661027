"""A rate's formula as a 附件5 row's 指标说明 prints it (docs/domain.md §14): real texts of the standards corpus
read, a template's own formulas recognised as the rule set's, and a return whose 指标说明 defines 预算完成率 as
决算总额 ÷ 预算总额 scored on that formula, worked by hand."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from perfxl.pipeline import score_paths
from perfxl.report.findings import Code
from perfxl.rules import Term, load_rules
from perfxl.rules.auto import auto_rules
from perfxl.rules.definitions import parse_definition, printed_rate
from perfxl.write.templates import write_template

ROOT = Path(__file__).resolve().parents[2]
STANDARDS = ROOT.parent / "shared" / "standards" / "standards.json"
RULES = load_rules("yiyang-2020")

# Real 指标说明 texts (standards.json "explain", as printed by the sources it names) and their reading by hand.
REAL = [
    (  # 长沙市 2017 template (canshishi2017-done): the carry-over formula, brackets as printed
        "预算完成率=(上年结转+年初预算+本年追加预算-年末结余)/(上年结转+年初预算+本年追加预算)×100%。",
        ("预算完成率", (("上年结转", 1), ("年初预算", 1), ("本年追加预算", 1), ("年末结余", -1))),
        (("上年结转", 1), ("年初预算", 1), ("本年追加预算", 1)),
    ),
    (  # 益阳 2020 (seed 001): the same formula with the brackets of each side left out
        "预算完成率=(上年结转+年初预算+本年追加预算-年末结余/上年结转+年初预算+本年追加预算)×100%。",
        ("预算完成率", (("上年结转", 1), ("年初预算", 1), ("本年追加预算", 1), ("年末结余", -1))),
        (("上年结转", 1), ("年初预算", 1), ("本年追加预算", 1)),
    ),
    (  # 湖南经信委 2015 (hnjxw2015-done): 预算完成数 ÷ 预算数, then what each word means
        "预算完成率=(预算完成数/预算数)×100%。预算完成数:部门(单位)本年度实际完成的预算数。",
        ("预算完成率", (("预算完成数", 1),)),
        (("预算数", 1),),
    ),
    (  # 益阳 2020 三公经费变动率, square brackets and quotes
        "“三公经费”变动率=[(本年度“三公经费”预算数-上年度“三公经费”预算数)/上年度“三公经费”预算数]×100%",
        ("三公经费变动率", (("本年度三公经费预算数", 1), ("上年度三公经费预算数", -1))),
        (("上年度三公经费预算数", 1),),
    ),
]


@pytest.mark.parametrize(("text", "name_num", "den"), REAL)
def test_real_formulas_are_read(text: str, name_num: tuple[str, tuple[tuple[str, int], ...]], den: object) -> None:
    assert parse_definition(text) == (*name_num, den)


def test_every_formula_of_the_corpus_is_read_or_refused() -> None:
    if not STANDARDS.exists():
        pytest.skip("the corpus of real printed standards is reference material kept beside the repository, not in it")
    texts = [s["explain"] for s in json.loads(STANDARDS.read_text(encoding="utf-8")) if s.get("explain")]
    read = [t for t in texts if parse_definition(t) is not None]
    assert len(read) >= 20  # nearly every printed 指标说明 of the corpus states a formula this way
    assert all(parse_definition(t) is None for t in texts if "=" not in t.replace("＝", "="))


def test_a_formula_in_the_rule_sets_own_words_is_its_own() -> None:
    # the rule set's template prints each formula in its field names: each reads back as the rule set's formula
    sheet = openpyxl.load_workbook(ROOT / "templates" / "yiyang-2020.xlsx")["附件5"]
    seen = 0
    for name, note in ((row[4], row[7]) for row in sheet.iter_rows(min_row=3, values_only=True)):
        ind = RULES.indicators_by_name.get(str(name))
        if ind is None or ind.rule.rate is None or not note:
            continue
        formula = printed_rate(str(note), RULES, ind.rule.rate)
        own = RULES.rates[ind.rule.rate]
        assert formula is not None and (formula.num, formula.den) == (own.num, own.den), name
        seen += 1
    assert seen == 7
    # words that name no field are not mapped: the rule set's formula stays
    # round 47: 预算完成数 / 预算数 are 附件4 words of the 预算完成情况 block (预算数 also 三公经费控制情况's: the
    # formula's other word says which), so 湖南经信委's formula is read as 决算 ÷ 预算 of that block
    jxw = printed_rate(REAL[2][0], RULES, "预算完成率")
    assert jxw is not None and (jxw.num, jxw.den) == (
        (Term("base_data.completion.final", 1),),
        (Term("base_data.completion.budget", 1),),
    )
    assert printed_rate(REAL[0][0], RULES, "预算完成率") is None  # 本年追加预算 is not one either
    assert printed_rate("预算控制率=决算总额/预算总额", RULES, "预算完成率") is None  # another rate's formula
    mapped = printed_rate("预算完成率=决算总额÷预算总额×100%", RULES, "预算完成率")
    assert mapped is not None
    assert (mapped.num, mapped.den) == (
        (Term("base_data.completion.final", 1),),
        (Term("base_data.completion.budget", 1),),
    )


def test_a_return_is_scored_on_the_formula_it_prints(tmp_path: Path) -> None:
    # 附件4: 预算总额 1000, 决算总额 880; 年初预算 1000, 年中调整 150, no carry-over.
    # By the rule set's formula, 预算完成率 = (0 + 1000 + 150 − 0) / (0 + 1000 + 150) = 100% → 5分.
    # The row's 指标说明 prints 决算总额 ÷ 预算总额: 880 / 1000 = 88%, 12 points under 100%, "每低于5%扣2分" in
    # whole steps: 2 steps → 5 − 2 × 2 = 1分.
    values = {
        "base_data.completion.budget": 1000,
        "base_data.completion.final": 880,
        "base_data.adjustment.initial": 1000,
        "base_data.adjustment.change": 150,
        "base_data.carryover.last": 0,
        "base_data.carryover.this": 0,
    }
    path = _return(tmp_path, values, {"H5": "预算完成率=决算总额÷预算总额×100%"})
    result = score_paths([path], auto_rules()).files[0]
    ind = next(i for i in result.indicators if i.name == "预算完成率")
    assert ind.rule_score == pytest.approx(1)
    assert "880 / 1000 = 88.00%(按本表指标说明: 决算总额 ÷ 预算总额)" in ind.basis
    said = [f for f in result.flags if f.code == Code.DEFINITION_DEVIATION]
    assert [(f.severity, f.cell, f.declared, f.computed) for f in said] == [
        (
            "info",
            "H5",
            "决算总额 ÷ 预算总额",
            "(上年结转结余总额 + 年初预算数 + 年中预算调整 − 本年结转结余总额) ÷ "
            "(上年结转结余总额 + 年初预算数 + 年中预算调整)",
        )
    ]
    # the rule set named: the same score, said as a warning
    forced = score_paths([path], RULES).files[0]
    assert next(i for i in forced.indicators if i.name == "预算完成率").rule_score == pytest.approx(1)
    assert [f.severity for f in forced.flags if f.code == Code.DEFINITION_DEVIATION] == ["warning"]


def test_a_formula_whose_words_carry_a_gloss() -> None:
    # "实际支出数（决算总额）": the bracket says which 附件4 field the word means
    glossed = printed_rate(
        "预算执行率=实际支出数（决算总额）÷调整后预算数（年初预算数+年中预算调整）×100%", RULES, "预算执行率"
    )
    assert glossed is not None
    assert (glossed.num, glossed.den) == (
        (Term("base_data.completion.final", 1),),
        (Term("base_data.adjustment.initial", 1), Term("base_data.adjustment.change", 1)),
    )
    # a gloss that is itself no field is dropped, and the word before it read: 决算总额 ÷ 预算总额
    dropped = printed_rate("预算完成率=决算总额（含结转）÷预算总额×100%", RULES, "预算完成率")
    assert dropped is not None and dropped.den == (Term("base_data.completion.budget", 1),)


def test_a_row_no_indicator_covers_is_scored_on_the_formula_its_note_prints(tmp_path: Path) -> None:
    # The 预算完成率 row printed as 预算执行率 (a rate the rule set computes, as 决算总额 ÷ 预算总额, but no
    # indicator of its 附件5): 决算总额 720, 预算总额 900 → 80 %; its 指标说明 prints
    # 决算总额 ÷ (年初预算数 + 年中预算调整) = 720 ÷ (740 + 60) = 90 %; under "≥100%计满分，每低于1个百分点扣0.1分"
    # (分值 5): 5 − 10 × 0.1 = 4, declared 3 (what the 80 % would give: 5 − 20 × 0.1).
    values = {
        "base_data.completion.budget": 900,
        "base_data.completion.final": 720,
        "base_data.adjustment.initial": 740,
        "base_data.adjustment.change": 60,
    }
    cells = {
        "E5": "预算执行率",
        "G5": "≥100%计满分，每低于1个百分点扣0.1分",
        "H5": "预算执行率=实际支出数（决算总额）÷调整后预算数（年初预算数+年中预算调整）×100%",
        "I5": 3,
    }
    path = _return(tmp_path, values, cells)
    result = score_paths([path], RULES).files[0]
    row = next(i for i in result.indicators if i.name == "预算执行率")
    assert row.rule_score == pytest.approx(4)
    assert "720 / (740 + 60) = 90.00%" in row.basis
    assert any(f.cell == "I5" and f.code == Code.SCORE_MISMATCH for f in result.flags)


def _return(tmp_path: Path, values: dict[str, float], cells: dict[str, object]) -> Path:
    """The rule set's template filled with ``values``, its 附件5 row 5 (预算完成率) changed as ``cells`` say."""
    path = tmp_path / "指标说明.xlsx"
    write_template(RULES, path, values, unit="测试单位")
    book = openpyxl.load_workbook(path)
    assert book["附件5"]["E5"].value == "预算完成率"
    for ref, value in cells.items():
        book["附件5"][ref] = value
    book.save(path)
    return path


def _score_table(name: str, standard: str, note: str, declared: float) -> list[list[object]]:
    """A 附件5 of 在职人员控制率 (7, full marks), one row ``name`` (分值 5) printing ``standard`` and ``note`` and
    declaring ``declared``, and three rows kept as declared (8 + 5 + 2): its 合计 22 + ``declared``."""
    return [
        ["部门整体支出绩效自评指标计分表", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "评价标准", "指标说明", "得分"],
        ["投入", "预算配置", "在职人员控制率", 7, "≤100%计满分，每超过1个百分点扣0.2分", "在职人员数÷编制数×100%", 7],
        ["过程", "预算执行", name, 5, standard, note, declared],
        ["", "预算管理", "管理制度健全性", 8, "依据检查要点评定", "", 8],
        ["", "", "资金使用合规性", 5, "依据检查要点评定", "", 5],
        ["", "", "预决算信息公开性", 2, "依据公开情况评定", "", 2],
        ["合计", "", "", 27, "", "", 22 + declared],
    ]


def test_a_printed_formula_reads_a_figure_from_whichever_block_prints_it(tmp_path: Path) -> None:
    # round 42: 结转结余率 = 本年结转结余总额 ÷ 预算总额 as the row's 指标说明 prints it; the workbook prints
    # 本年结转结余总额 in its 结转结余变动情况 block (50 → 40), not in a 结转结余情况 block of its own: 40 ÷ 1506 =
    # 2.66 % → 5 − 2.66 = 2.34, not the 5 declared (it had been kept, its rate "missing")
    from corpus.scored import book

    base = [
        ["附件4  部门整体支出绩效评价基础数据表", "", "", ""],
        ["财政供养人员情况", "编制人数", "实际在职人数", "变动数"],
        ["", 40, 38, 2],
        ["预算完成情况", "预算总额", "决算总额", "执行率"],
        ["", 1506, 1466, "97.34%"],
        ["结转结余变动情况", "上年结转结余总额", "本年结转结余总额", "变动率"],
        ["", 50, 40, "-20.00%"],
    ]
    table = _score_table(
        "结转结余率",
        "结转结余率为0得满分，每增加1个百分点扣1分，扣完为止",
        "结转结余率=本年结转结余总额÷预算总额×100%",
        5,
    )
    result = book(tmp_path, [(base, []), (table, [])], rules="auto")
    said = [f for f in result.flags if f.cell == "G4" and f.code == Code.SCORE_MISMATCH]
    assert [(f.declared, f.computed) for f in said] == [(5, 2.34)]
    assert "40 / 1506 = 2.66%" in said[0].message


def test_a_formula_in_the_words_of_a_block_is_worked_in_that_block(tmp_path: Path) -> None:
    # round 47: "预算完成率=（预算完成数÷预算数）×100%" (湖南经信委 2015's words) over a 预算完成情况 block printing
    # 预算数 3000 | 预算完成数 2760: 92 % → 5 − 3 × 0.5 = 3.5, as declared (预算数 is also 三公经费控制情况's word: the
    # formula's other word, 预算完成数, says which block). It had fallen back to the carry-over formula: 95 % → 5.
    # The 附件4 words 编制数 | 在职人员数 and 上年度/本年度三公经费总额 are read too (45 | 43: 95.56 %, not 96.56 %).
    from corpus.scored import book

    base = [
        ["附件4  部门整体支出绩效评价基础数据表", "", "", ""],
        ["财政供养人员情况", "编制数", "在职人员数", "控制率"],
        ["", 45, 43, "96.56%"],
        ["三公经费变动情况", "上年度三公经费总额", "本年度三公经费总额", "变动率"],
        ["", 27, 28.35, "5.00%"],
        ["预算完成情况", "预算数", "预算完成数", "完成率"],
        ["", 3000, 2760, "92.00%"],
        ["三公经费控制情况", "预算数", "实际支出", "控制率"],
        ["", 28.35, 27, "95.24%"],
    ]
    table = _score_table(
        "预算完成率",
        "预算完成率≥95%得满分，每低1个百分点扣0.5分，扣完为止",
        "预算完成率=（预算完成数÷预算数）×100%",
        3.5,
    )
    result = book(tmp_path, [(base, []), (table, [])], rules="auto")
    errors = {(f.sheet, f.cell): f for f in result.flags if f.severity == "error" and f.cell}
    assert set(errors) == {("自评表1", "D3")}  # the staff rate typed 96.56 % for 95.56 %
    assert errors[("自评表1", "D3")].computed == 95.56
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["三公经费变动率"] == 5.0
