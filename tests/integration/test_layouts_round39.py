"""部门整体 score tables whose 附件4 prints other blocks' words, from a thirty-ninth round of second readers:
a 预算执行情况 block of 全年预算数 | 全年支出数 | 执行率, a 结转结余情况 block of 本年结转结余总额 | 全年预算数 |
结转结余率, and a 附件5 whose standards stand under 计分办法. Each failed before the change that reads it; every
figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import Row, book

from perfxl.report.results import FileResult


def _base_data(executed: float, declared_exec: float) -> list[Row]:
    """附件4 in blocks side by side: a title, three labels, their figures in the row below."""
    return [
        ["2023年度部门整体支出绩效评价基础数据表", "", "", ""],
        ["填报单位：某县生态环境分局", "", "", "金额单位：万元"],
        ["财政供养人员情况", "编制数", "实有人数", "在职人员控制率"],
        ["", 26, 25, 0.9615],  # 25 ÷ 26 = 96.15 %
        ["“三公经费”变动情况", "上年预算数", "本年预算数", "变动率"],
        ["", 11, 10.45, -0.05],  # (10.45 − 11) ÷ 11 = −5 %
        ["预算调整情况", "年初预算数", "年中预算调整数", "调整率"],
        ["", 1000, 0, 0],
        ["预算执行情况", "全年预算数", "全年支出数", "执行率"],
        ["", 1000, executed, declared_exec],
        ["结转结余情况", "本年结转结余总额", "全年预算数", "结转结余率"],
        ["", 80, 1000, 0.08],  # 80 ÷ 1000 = 8 %
        ["“三公经费”控制情况", "“三公经费”预算数", "“三公经费”实际支出数", "控制率"],
        ["", 10.45, 9.405, 0.9],  # 9.405 ÷ 10.45 = 90 %
        ["政府采购执行情况", "政府采购预算数", "实际政府采购金额", "执行率"],
        ["", 260, 247, 0.95],  # 247 ÷ 260 = 95 %
        ["固定资产使用情况", "固定资产总额", "实际在用固定资产总额", "利用率"],
        ["", 480, 456, 0.95],  # 456 ÷ 480 = 95 %
    ]


def _scores(execution: float, carryover: float, total: float) -> list[Row]:
    return [
        ["2023年度部门整体支出绩效自评指标计分表", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "计分办法", "得分"],
        [
            "投入（15分）",
            "预算配置（15分）",
            "在职人员控制率",
            5,
            "控制率在100%以内(含)的得满分；超过100%的，每超1个百分点扣0.2分。",
            5,
        ],
        ["", "", "“三公经费”变动率", 5, "变动率小于等于零的得满分，大于零不得分。", 5],
        ["", "", "预算调整率", 5, "预算调整率≤5%得满分；5%-10%(含)得3分；10%以上不得分。", 5],
        [
            "过程（30分）",
            "预算执行（20分）",
            "预算执行率",
            10,
            "执行率≥95%得满分，每低1个百分点扣0.5分，扣完为止。",
            execution,
        ],
        ["", "", "结转结余率", 5, "结转结余率＜3%的计5分；3%(含)-8%(不含)计3分；8%(含)以上计0分。", carryover],
        ["", "", "“三公经费”控制率", 5, "控制率100%以下(含)给5分；超过100%的，每超1%扣1分。", 5],
        ["", "资产管理（10分）", "政府采购执行率", 5, "政府采购执行率=100%得满分，每降低1%扣0.1分。", 4.5],
        ["", "", "固定资产利用率", 5, "按固定资产利用率×分值计分。", 4.75],
        [
            "产出及效果（55分）",
            "履职效益（55分）",
            "社会效益",
            55,
            "根据部门履职产生的社会效益综合评定，酌情计分。",
            50,
        ],
        ["合计", "", "", 100, "", total],
    ]


_MERGES = ["A3:A5", "B3:B5", "A6:A10", "B6:B8", "B9:B10"]


def _score(tmp_path: Path, executed: float, declared_exec: float, execution: float, carryover: float) -> FileResult:
    total = 5 + 5 + 5 + execution + carryover + 5 + 4.5 + 4.75 + 50
    return book(
        tmp_path,
        [(_base_data(executed, declared_exec), []), (_scores(execution, carryover, total), _MERGES)],
        rules="auto",
    )


def test_execution_and_carryover_blocks_in_other_words_score_their_rows(tmp_path: Path) -> None:
    # 执行率 920 ÷ 1000 = 92 %, printed 92 %: under "≥95%得满分，每低1个百分点扣0.5分" 10 − 3 × 0.5 = 8.5, declared 6.5;
    # 结转结余率 80 ÷ 1000 = 8 %: "8%(含)以上计0分", declared 3 (the band below)
    result = _score(tmp_path, 920, 0.92, 6.5, 3)
    rates = {r.name: round(r.value, 2) for r in result.rates if r.value is not None}
    assert rates["预算执行率"] == 92 and rates["结转结余率"] == 8
    wrong = {(f.sheet, f.cell): f.computed for f in result.flags if f.code == "score-mismatch"}
    assert wrong == {("自评表2", "F6"): 8.5, ("自评表2", "F7"): 0}
    assert not [f for f in result.flags if f.code == "missing-value" and f.severity == "error"]


def test_a_printed_execution_rate_held_to_its_figures(tmp_path: Path) -> None:
    # 235 of 250 … here 940 of 1000 = 94 %, printed 96 %: a rate-mismatch at D10; the row then scores 10 − 1 × 0.5 = 9.5
    result = _score(tmp_path, 940, 0.96, 9.5, 0)
    (slip,) = [f for f in result.flags if f.code == "rate-mismatch"]
    assert (slip.sheet, slip.cell, round(float(slip.computed or 0), 2)) == ("自评表1", "D10", 94)
    assert not [f for f in result.flags if f.code == "score-mismatch"]


def test_a_formula_over_the_rows_own_target_scores_the_actual_as_a_share_of_it(tmp_path: Path) -> None:
    # 附件5 rows stating their own target and actual under "按实际完成值/年度指标值×分值计分，最高不超过分值":
    # 98.2 % of a ≥95 % target is 103.37 % → capped at 5 (as declared); 21.6 % of a 25 % target: 5 × 21.6 ÷ 25 =
    # 4.32, declared 5 — not 5 × 21.6 % = 1.08
    share = "按实际完成值/年度指标值×分值计分，最高不超过分值"
    rows: list[Row] = [
        ["部门整体支出绩效自评表", "", "", "", "", "", ""],
        ["一级指标", "三级指标", "分值", "评分标准", "年度指标值", "实际完成值", "得分"],
        ["预算执行", "一季度末支出进度率", 5, share, "≥25%", "21.6%", 5],
        ["", "政府采购执行率", 5, share, "≥95%", "98.2%", 5],
        ["", "预算执行率", 10, "预算执行率≥95%得满分，每低1个百分点扣0.5分，扣完为止", "≥95%", "96%", 10],
        ["", "结转结余率", 5, "结转结余率≤5%得满分；5%-10%(含)得3分；10%以上不得分", "≤5%", "3.6%", 5],
        ["", "固定资产利用率", 5, share, "≥95%", "99.1%", 5],
        ["预算管理", "资金使用合规性", 10, "资金使用符合规定得满分，发现一项违规扣1分", "合规", "合规", 10],
        ["履职效益", "水利工程建设投资完成额", 10, share, "≥800万元", "7600000元", 10],
        ["合计", "", 50, "", "", "", 50],
    ]
    result = book(tmp_path, [(rows, ["A3:A7"])], rules="yiyang-2020")  # read as its 附件5
    wrong = {f.cell: f.computed for f in result.flags if f.code == "score-mismatch"}
    # round 42: 7,600,000 元 of a ≥800 万元 target is 760 万元: 10 × 760 ÷ 800 = 9.5, declared 10
    assert wrong == {"G3": 4.32, "G9": 9.5}
