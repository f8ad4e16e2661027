"""perfxl end to end on every real table of tests/corpus/real: every table is read, and every mistake its own
numbers show is flagged at its cell (the mistakes and their working are in each YAML's ``mistakes``).

Mistakes the numbers of the table alone do not show are listed here with the reason, so that a change that starts
finding one fails until it is moved up.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from corpus.build import build
from corpus.transcript import load_all

from perfxl.pipeline import score_paths
from perfxl.report.results import FileResult
from perfxl.rules import load_rules
from perfxl.rules.auto import auto_rules

# table id -> the cells of its hand-worked mistakes that perfxl must flag (error or warning)
FOUND = {
    # 年度资金总额 printed 0 in all three amount columns while its only filled part, 本年财政拨款, holds the money
    "proj-anhui-guichi-tangxi-2022-cunji": {"C7", "D7", "E7"},
    "proj-anhui-guichi-tangxi-2022-weituo": {"C7", "D7", "E7"},
    # 执行率得分 98 ≠ 分值 100 × 125.25 / 150 = 83.5 ("150万" amounts); the 执行率 分值 100 leaves no room for the
    # indicators' 70
    "proj-hubei-ezhou-2021-shiminzhongxin": {"H6", "F6"},
    # 自评总分 98 in the header, while 执行率得分 and the indicator scores add up to 84
    "proj-ningxia-yinchuan-2021-chuzhong": {"F3"},
    # Σ分值 = 执行率 10 + indicators 100 = 110 on a form scored out of 100: flagged at the printed 分值 total
    "proj-sichuan-zhongjiang-2022-shuibiaochi": {"E22"},
    # a met target scored 7 of 10, and 98 % of a 100 % target scored 9 where the national rule gives 9.8
    "proj-yunnan-yongde-2022-yingyang": {"I16", "I19"},
    # the caption 年度绩效目标(80分) over the whole table, while its 一级 groups print (60分) and (40分)
    "proj-unknown-2020-fuwumaoyi-qushangwuju": {"A10"},
    # 政府采购执行率 72.74 % of its 100 % target, yet 得分系数 100 % and the full 2 points (docs/domain.md §2)
    "dept-chongqing-kexuecheng-rongmeiti-2021-ziping": {"H17", "J17"},
    # fourteen quantity rows short of target scored off 分值 × 完成值 ÷ 指标值 by more than 0.01
    "proj-shanxi-jishan-zhaidian-2021-gongwei": {
        f"H{r}" for r in (12, 19, 23, 24, 25, 26, 27, 28, 29, 30, 31, 33, 34, 36)
    },
    # a missed floor (4604 of ≥4754) and an exceeded ceiling (5830 of ≤5300) both scored full
    "proj-anhui-suixi-2019-linshijiuzhu": {"H14", "H18"},
    # 全年执行数 2030.12 repeats the income total: 按支出性质分 900.47 + 1025.20 = 1925.67 fits none of the total's
    # amounts
    "dept-hunan-hengshan-guantang-2023-basedata": {"E5"},
    # 执行率 printed 100 % for 3824.26 ÷ 4753.66 = 80.45 %, its 10 points for 8.04; two amounts short of target
    # scored 5 where 分值 × 完成值 ÷ 指标值 gives 5.96 and 5.65
    "dept-hunan-lingling-linye-2021-ziping": {"G5", "H5", "G23", "G24"},
    # every target met and marked 完成, yet each 折算得分 is its weight × the weight again (25 × 25 % = 6.25)
    "proj-hebei-chengan-2020-gaoling": {"L16", "L17", "L18", "L19"},
    # 执行率得分 9 for 10 × 99.10 %; 8676 of 8755 scored 13 for 14.86; two met targets scored 27 of 30 and 9 of 10;
    # the 总分 94 over printed scores that add up to 93
    "proj-shanxi-jishan-yibao-2020-peitao": {"H6", "H13", "H17", "H18", "H19"},
    # 执行率得分 9 for 10 × 31.69 ÷ 32.4 = 9.78
    "proj-yunnan-linxiang-2023-shourongsuo": {"H6"},
}
# table id -> cell -> why its own numbers do not show the mistake
NOT_FROM_NUMBERS = {
    "proj-anhui-guichi-tangxi-2022-cunji": {
        "G7": "the printed total row is 0 ÷ 0: its rate follows from the wrong total, flagged at C7–E7",
        "H7": "the 执行率得分 follows from that rate",
        "B12": "the amounts are inside the 预期目标 free text",
    },
    "proj-anhui-guichi-tangxi-2022-weituo": {
        "G7": "the printed total row is 0 ÷ 0: its rate follows from the wrong total, flagged at C7–E7",
        "H7": "the 执行率得分 follows from that rate",
        "F12": "the amounts are inside the 实际完成情况 free text",
    },
    "proj-hainan-shangwuting-fuwumaoyi": {
        "G19": "到位率 is a 评分表 row with no target, actual or standard of its own: 398.88 ÷ 570 fixes no score",
    },
    "proj-unknown-2020-fuwumaoyi-qushangwuju": {
        "G19": "the 总分 100 is exactly the Σ of the indicator scores; which parts it covers is what the form "
        "contradicts itself on (the caption's 80 leaves room for the 执行率 20, the 60 + 40 labels do not): "
        "flagged at A10",
    },
    "dept-guizhou-suiyang-taibai-2021-ziping": {
        "F6": "the 基本支出 and 项目支出 lines print 分值 10 and 得分 10 again under a block headed 分值(10分) — "
        "10 + 10 + 10 cannot all count: whether the lines are scored of their own the form does not say",
    },
    "proj-sichuan-zhongjiang-2022-shuibiaochi": {
        "B11": "产出指标(70分) equals the Σ of its rows; only note 1 under the table says 50",
        "B17": "效益指标(20分) equals the Σ of its rows; only note 1 says 30",
        "H22": "the 总分 100 equals the indicator scores; only note 1 says the 执行率 points belong in it",
    },
}


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[FileResult, set[str]]]:
    out = tmp_path_factory.mktemp("real")
    items = load_all()
    paths = [build(item.path, out) for item in items]
    results = score_paths(paths, load_rules("national-2020")).files
    return {
        item.id: (result, {str(m["cell"]) for m in item.mistakes}) for item, result in zip(items, results, strict=True)
    }


def test_every_real_table_is_read(scored: dict[str, tuple[FileResult, set[str]]]) -> None:
    assert {name: r.error for name, (r, _) in scored.items() if r.status != "ok"} == {}
    assert all(r.instances for r, _ in scored.values())


def test_every_mistake_the_numbers_show_is_found(scored: dict[str, tuple[FileResult, set[str]]]) -> None:
    for name, (result, mistakes) in scored.items():
        expected = FOUND.get(name, set())
        skipped = set(NOT_FROM_NUMBERS.get(name, {}))
        assert expected | skipped == mistakes, name  # every hand-worked mistake is accounted for
        flagged = {f.cell for f in result.flags if f.severity in ("error", "warning")}
        assert expected <= flagged, (name, sorted(expected - flagged))
        assert not skipped & flagged, (name, sorted(skipped & flagged))  # found now: move it to FOUND


def test_fujians_funds_block_is_read_with_its_total_last(scored: dict[str, tuple[FileResult, set[str]]]) -> None:
    # 宁德市地震局 2020: 财政资金小计 = ① 项目支出 30 + ② 基本支出 158.61 = 188.61 (拨付 30 + 158.45 = 188.45), then
    # 2.单位其它收入 0 and 合计 188.61 / 188.45 printed last; 支出实现率 ⑤ = ④ ÷ ③: 188.45 ÷ 188.61 = 99.915 % (99.92)
    result, _ = scored["dept-fujian-ningde-dizhenju-2020-ziping"]
    funds = result.instances[0].funds
    assert [(f.label, f.annual, f.executed) for f in funds] == [
        ("合 计", 188.61, 188.45),
        ("财政资金小计", 188.61, 188.45),
        ("① 项目支出", 30, 30),
        ("② 基本支出", 158.61, 158.45),
        ("2.单位其它收入", 0, 0),
    ]
    assert funds[0].rate is not None and round(funds[0].rate, 2) == 99.92
    assert not [f for f in result.flags if f.severity == "error"]
    # 宁德市委党史和地方志研究室 2018 (amounts in 元): ② 市级财政资金 alone is filled; 2546673.98 ÷ 2751417.82
    # = 92.56 %, printed 93 %; the blank ① ③ and 其他资金 lines do not end the block
    result, _ = scored["dept-fujian-ningde-fangzhiwei-2018-ziping"]
    funds = result.instances[0].funds
    assert [f.label for f in funds] == ["合 计", "财政资金小计", "②市级财政资金"]
    assert funds[0].rate is not None and round(funds[0].rate, 2) == 92.56
    assert not [f for f in result.flags if f.severity in ("error", "warning")]


def test_a_funds_line_under_bare_budget_words_with_its_points_in_the_header(
    scored: dict[str, tuple[FileResult, set[str]]],
) -> None:
    # 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率): bare 预算数 names the budget beside a 得分, and the 20
    # points are the header's: 20 × 285.84 ÷ 285.84 = 20, as declared at F9
    result, _ = scored["proj-unknown-2020-fuwumaoyi-qushangwuju"]
    funds = result.instances[0].funds
    assert [(f.annual, f.executed, f.rate) for f in funds] == [(285.84, 285.84, 100.0)]
    assert not [f for f in result.flags if f.cell == "F9"]


# complete on their pages, and right by their own numbers: not one error (over-achievement warnings are the rule's)
CLEAN = (
    "dept-hubei-tongcheng-tanghu-2020-ziping",
    "proj-hubei-huangshi-2022-haimian",
    "proj-jiangsu-suzhou-shirong-2016-zaipingjia",  # 权重 Σ 100.00, 评分结果 Σ 81.56, each score within its weight
    "proj-sichuan-puhuijinrong-zhuanxiang",
    "proj-unknown-2020-changjiang-jinbu",
)


def test_complete_tables_with_no_mistake_draw_no_error(scored: dict[str, tuple[FileResult, set[str]]]) -> None:
    for name in CLEAN:
        result, mistakes = scored[name]
        assert not mistakes
        assert [f.message for f in result.flags if f.severity == "error"] == [], name
        assert {f.code for f in result.flags if f.severity == "warning"} <= {"over-achieved"}, name


def test_a_table_of_weights_and_targets_alone_is_not_scored_as_a_return_that_earned_nothing(
    scored: dict[str, tuple[FileResult, set[str]]],
) -> None:
    # 宁晋 prints 指标名称 / 目标值 / 分值 and 总分 100, but no 完成值 and no 得分: its weights add up (20 + 10 + 10 +
    # 10 + 10 + 20 + 20 = 100 at F10), and there is no total or grade to give it (not "0, 差")
    result, _ = scored["proj-hebei-ningjin-2019-gaozhong-zhuxuejin"]
    (instance,) = result.instances
    assert [i.weight for i in instance.indicators] == [20, 10, 10, 10, 10, 20, 20]
    assert instance.total is None and instance.grade is None
    assert result.total is None and result.grade is None
    assert not [f for f in result.flags if f.severity == "error"]
    (note,) = [f for f in result.flags if f.code == "unverifiable"]
    assert note.severity == "info" and "没有得分" in note.message


def test_a_base_data_table_cut_off_after_two_blocks_is_read_as_the_form(tmp_path: Path) -> None:
    # wanglu's 附件3 prints 部门整体支出绩效评价基础数据表 over 财政供养人员情况 and 经费控制情况 only (the copy ends at
    # 部门整体支出预算调整): 136 ÷ 143 = 95.10 % as printed at D5; 三公经费 2018 预算 63.46 = 41.46 + 0 + 22 and 决算
    # 44.29 = 39.30 + 0 + 4.99, so 44.29 ÷ 63.46 = 69.79 %; 政府采购 30.66 of 30.66 = 100 %; "项目支出:" is printed
    # blank over "1、业务工作专项 | 938.8 | 320 | 689.16" and a blank "2、运行维护专项": its items' Σ, 689.16 of 320 =
    # 215.36 % (before, "「项目支出预算总额」未填写" was said at C13 and D13)
    (item,) = [item for item in load_all() if item.id == "dept-unknown-2018-basedata-wanglu-462766"]
    result = score_paths([build(item.path, tmp_path)], auto_rules()).files[0]
    assert {"form": "附件4 部门整体支出绩效评价基础数据表", "sheet": "基础数据表"} in result.forms
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates == {"在职人员控制率": 95.1, "三公经费控制率": 69.79, "政府采购执行率": 100.0, "项目支出执行率": 215.36}
    errors = [f for f in result.flags if f.sheet == "基础数据表" and f.severity == "error"]
    assert errors == []
    assert not [f for f in result.flags if f.cell in ("C13", "D13")]


def test_a_form_printing_only_its_initial_budget_is_scored_over_it_and_says_so(
    scored: dict[str, tuple[FileResult, set[str]]],
) -> None:
    # 贵州 绥阳县太白镇 2021: 年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分, no 全年预算数 column: 1268.72 ÷ 1172.55
    # = 108.20 % (capped: 10, as declared at F5), 914.97 ÷ 985.19 = 92.87 %, 353.75 ÷ 187.36 = 188.81 %; the working
    # shows the divisor used; the copy ends in the indicator header, and that only the funds were read is said
    result, _ = scored["dept-guizhou-suiyang-taibai-2021-ziping"]
    funds = result.instances[0].funds
    assert [(f.initial, f.executed, round(f.rate or 0, 2)) for f in funds] == [
        (1172.55, 1268.72, 108.20),
        (985.19, 914.97, 92.87),
        (187.36, 353.75, 188.81),
    ]
    assert funds[0].working == "1268.72 / 1172.55 = 108.20%"
    assert result.instances[0].exec_score == 10
    notes = {(f.code, f.cell) for f in result.flags if f.severity == "info"}
    assert notes == {("definition-deviation", "C5"), ("missing-value", "C5")}
    assert not [f for f in result.flags if f.severity != "info"]


def test_side_by_side_parts_written_after_their_labels_with_their_unit(tmp_path: Path) -> None:
    # 零陵: "其中: 一般公共预算:1873.66万元" and "其他资金:2880万元" add up to 4753.66 = 全年预算数, as do 基本支出
    # 1768.16 + 项目支出 2985.5: no finding there. Typed 2800 instead, the income side adds up to 1873.66 + 2800 =
    # 4673.66, which is none of the total's 4753.66 / 4753.66 / 3824.26
    (item,) = [item for item in load_all() if item.id == "dept-hunan-lingling-linye-2021-ziping"]
    path = build(item.path, tmp_path)
    right = score_paths([path], auto_rules()).files[0]
    assert not [f for f in right.flags if f.code == "sum-mismatch" and f.cell == "E5"]
    book = openpyxl.load_workbook(path)
    book.active["B10"] = "其他资金:2800万元"
    book.save(path)
    wrong = score_paths([path], auto_rules()).files[0]
    (slip,) = [f for f in wrong.flags if f.code == "sum-mismatch" and f.cell == "E5"]
    assert slip.severity == "error" and "1873.66 + 2800 = 4673.66" in slip.message


def test_a_total_beside_its_label_in_a_table_with_no_weight_column(tmp_path: Path) -> None:
    # 保山: "总分(100分) | 100 | 自评等级 | 优", no 分值 column: the 100 beside the label is the total, right by 20 + 20
    # + 20 + 20 + 10 + 10; typed 99 it is 1 short of them, and a 良 typed after it is not 100's grade
    (item,) = [item for item in load_all() if item.id == "proj-yunnan-baoshan-2022-chunjie"]
    path = build(item.path, tmp_path)
    right = score_paths([path], auto_rules()).files[0]
    assert not [f for f in right.flags if f.code == "sum-mismatch"]
    book = openpyxl.load_workbook(path)
    book.active["B19"] = "99"
    book.active["D19"] = "良"  # and the 等级 after it on the row: 100 is 优
    book.save(path)
    wrong = score_paths([path], auto_rules()).files[0]
    said = {(f.cell, f.code, f.declared, f.computed) for f in wrong.flags if f.severity == "error"}
    assert said == {("B19", "sum-mismatch", 99, 100), ("D19", "grade-mismatch", "良", "优")}


def test_ningxias_form_with_its_amounts_on_a_sub_row_and_its_total_in_the_title_row(
    scored: dict[str, tuple[FileResult, set[str]]], tmp_path: Path
) -> None:
    # 原州区 2022: 全年预算数（A） is one cell over D:E (its figures merged D:E too): one budget, not a 年初 and a 全年;
    # the amounts stand on the 其中 line 自治区补助: 259.45 ÷ 300 = 86.48 %, printed 86.5 % (one decimal: right)
    result, _ = scored["proj-ningxia-yuanzhou-2022-malingshu-zhongshu"]
    (instance,) = result.instances
    funds = [(f.label, f.annual, f.executed) for f in instance.funds]
    assert funds == [("年度资金总额", 300, None), ("中央补助", None, None), ("自治区补助", 300, 259.45)]
    assert round(instance.funds[2].rate or 0, 2) == 86.48
    assert not [f for f in result.flags if f.cell == "H9"]
    # "项目实施单位/项目负责人 | 原州区农技中心/杨勃兴": each label's part of the value
    assert result.unit == "原州区农技中心"
    # "项目总得分 | 99分" in the title row is the declared total; the copy ends inside the 满意度 row, so the scores
    # shown add up to 8 × 5 + 8 × 4 + 7 = 79, and the weights to 80 of the 40 + 40 + 20 its 一级 groups print
    assert instance.declared_total == 99
    by_cell = {f.cell: f for f in result.flags if f.severity in ("error", "warning")}
    assert by_cell["I2"].computed == 79
    assert by_cell["E13"].computed == 100
    # the same form with 90 % typed on the 自治区补助 line
    (item,) = [item for item in load_all() if item.id == "proj-ningxia-yuanzhou-2022-malingshu-zhongshu"]
    path = build(item.path, tmp_path)
    book = openpyxl.load_workbook(path)
    book.active["H9"] = "90%"
    book.save(path)
    wrong = score_paths([path], auto_rules()).files[0]
    (flag,) = [f for f in wrong.flags if f.cell == "H9"]
    assert flag.code == "rate-mismatch" and flag.computed == 86.48


def test_anhuis_form_reprinting_its_points_on_the_appropriation_line(
    scored: dict[str, tuple[FileResult, set[str]]],
) -> None:
    # 萧县 张庄寨镇 2023: 年度资金总额 and 其中：本年财政拨款 both print 9.48 / 9.48 / 分值 10 / 100 % / 得分 10 — the
    # points counted once (90 = 10 + the 80 shown; the copy ends at 满意度, so the indicators' weights are 80 of the
    # 100 − 10 = 90 theirs to make)
    result, _ = scored["proj-anhui-xiaoxian-zhangzhuangzhai-2023-hexicun"]
    (instance,) = result.instances
    assert instance.exec_score == 10 and instance.total == 90
    assert [f.code for f in result.flags if f.severity == "error"] == []
    assert [(f.cell, f.computed) for f in result.flags if f.severity == "warning"] == [("E12", 90)]
