"""Round 95's cases: 部门整体支出绩效评价 score tables on the common indicator framework, as 随州's
(http://gaj.suizhou.gov.cn/fbjd_19/zwgk/xxgkml/czgk/czyjs/202010/t20201026_839421.html) and 武汉's
(https://czj.wuhan.gov.cn/FBJD/XXGKML/CZGK/CZYJS/202209/t20220928_2049387.html) print them — 一级 | 二级 | 三级 |
分值 | 指标说明 | 评分标准 | 完成值 | 自评得分 | 扣分说明 — with the unit's figures in its own words; the figures are
the second reader's, each worked by hand below."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import errors_and_warnings, score_grid

HEAD = ["一级指标", "二级指标", "三级指标", "分值", "指标说明", "评分标准", "完成值", "自评得分", "扣分说明"]
ROWS: list[list[object]] = [
    ["部门整体绩效自评表"],
    HEAD,
    [
        "预算执行（60分）", "预算执行", "预算执行率", 10, "预算执行率=全年实际支出/调整后预算数×100%。",
        "预算执行率≥95%得满分；每低1个百分点扣0.5分，扣完为止。", "/", 10,
        "调整后预算926.30万元，实际支出882.80万元，预算执行率95.30%",
    ],
    [
        "", "", "资金到位率", 10, "实际到位资金/计划投入资金×100%。",
        "到位率≥95%得满分；每低1个百分点扣1分，扣完为止。", "/", 10,
        "计划投入资金1,000.00万元，实际到位资金960.00万元，资金到位率96.00%",
    ],
    [
        "", "", "重点工作完成率", 20, "完成重点工作数/计划重点工作数×100%。", "按完成比例计分。", "85.00%", 17,
        "3项延至次年",
    ],
    [
        "", "", "政府采购执行率", 10, "实际采购金额/政府采购预算×100%。", "按执行比例计分。", "90.00%", 9,
        "1批设备未到货",
    ],
    [
        "", "", "“三公”经费控制率", 10, "“三公”经费实际支出/预算数×100%。",
        "控制率≤100%得满分；每超过1个百分点扣0.5分，扣完为止。", "/", 10,
        "预算6.00万元，实际支出5.70万元，控制率95.00%",
    ],
    [
        "履职效能（40分）", "履职效能", "履职目标完成情况", 40, "年度履职目标的完成情况。",
        "全部完成得满分，否则酌情扣分。", "/", 40, "",
    ],
    ["合计", "", "", 100, "", "", "", 96, ""],
]  # fmt: skip
MERGED = ["A1:I1", "A3:A7", "B3:B7"]


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        # as printed, right: 882.8 ÷ 926.3 = 95.30 % ≥ 95 %: 10; 960 ÷ 1000 = 96 %: 10; 20 × 85 % = 17; 10 × 90 % = 9;
        # 5.7 ÷ 6 = 95 %: 10; 40; Σ 10 + 10 + 17 + 9 + 10 + 40 = 96
        ({}, []),
        # the stated rate beside its own figures, no formula on the row's words: 862.80 ÷ 926.30 = 93.1448 %, not
        # 95.14 % — a warning (which two figures the unit meant is read, not printed), and the row is scored on the
        # rate it states (round 96: the words of other rows name figures that are no part and whole of it)
        (
            {"I3": "调整后预算926.30万元，实际支出862.80万元，预算执行率95.14%"},
            [("I3", "rate-mismatch", 93.14)],
        ),
        # "按完成比例计分" on a row that prints no target: 20 × 85 % = 17, not 18.5 (before: "定性", not scored)
        ({"H5": 18.5, "H9": 97.5}, [("H5", "score-mismatch", 17.0)]),
        # "按执行比例计分": 10 × 90 % = 9, not 10 (before: the standard was not read)
        ({"H6": 10, "H9": 97}, [("H6", "score-mismatch", 9.0)]),
        # a 控制率 typed 100 % over 6.3 ÷ 6 = 105 %: its excess costs points — said at the rate, a warning
        ({"I7": "预算6.00万元，实际支出6.30万元，控制率100%"}, [("I7", "rate-mismatch", 105.0)]),
        # a 到位率 typed 100 % over 1050 ÷ 1000 = 105 %: capped, as units type a share done
        ({"I4": "计划投入资金1,000.00万元，实际到位资金1,050.00万元，资金到位率100%"}, []),
    ],
)
def test_rates_and_shares_in_the_units_own_words(
    tmp_path: Path, changes: dict[str, object], said: list[tuple[str, str, float]]
) -> None:
    assert errors_and_warnings(score_grid(tmp_path, "整体绩效自评表", ROWS, MERGED, changes)) == said


@pytest.mark.parametrize(
    ("row", "written", "said"),
    [
        # round 96: figures of other things beside the rate — nothing said
        (3, "全年预算1,200.00万元，其中项目支出预算800.00万元，预算执行率97.50%", []),  # two budgets
        (7, "“三公”经费预算6.00万元，较上年支出减少1.20万元，控制率95.00%", []),  # a change on last year
        (4, "计划投入资金1,000.00万元，实际到位资金960.00万元，其中中央资金到位率100%", []),  # a part's own share
        (3, "调整后预算约926万元，实际支出约883万元，预算执行率95.30%", []),  # approximate figures
        # the second review: spending is no arrival of funds, and 基本支出 is one part of spending
        (4, "年初预算100万元，资金已全部到位，实际支出95万元，资金到位率100%", []),
        (3, "部门预算1000万元，基本支出600万元，预算执行率98%", []),
        # round 97: what was paid over to a project is its 执行 (862.8 ÷ 926.3 = 93.14 %, typed 95.14 %)
        (3, "调整后预算926.30万元，已拨付862.80万元，预算执行率95.14%", [("I3", "rate-mismatch", 93.14)]),
        # the whole in other words: 应到位 is what was due (900 ÷ 1000 = 90 %, typed 96 %: a warning)
        (
            4,
            "应到位资金1,000.00万元，实际到位资金900.00万元，资金到位率96.00%",
            [("I4", "rate-mismatch", 90.0)],
        ),
    ],
)
def test_which_figures_a_share_is_of(
    tmp_path: Path, row: int, written: str, said: list[tuple[str, str, float]]
) -> None:
    assert errors_and_warnings(score_grid(tmp_path, "整体绩效自评表", ROWS, MERGED, {f"I{row}": written})) == said


def test_a_rate_held_down_is_no_share_done(tmp_path: Path) -> None:
    # round 96: "按完成比例计分" beside a 结转结余率 of 6.20 % whose target column was not read is no 分值 × 6.2 %
    # (before: 20 × 6.2 % = 1.24 said against a right score)
    changes = {"C5": "结转结余率", "G5": "6.20%", "H5": 20, "H9": 99}  # Σ 10 + 10 + 20 + 9 + 10 + 40
    assert errors_and_warnings(score_grid(tmp_path, "整体绩效自评表", ROWS, MERGED, changes)) == []


# a 预算控制率 row stating its rate beside its 追加 and 年初 figures, under a printed band standard
_CONTROL = {
    "C4": "预算控制率",
    "E4": "年度预算追加情况。",
    "F4": "预算控制率≤10%得10分；10%-20%(含)得8分；20%-30%(含)得6分；30%以上不得分。",
}


@pytest.mark.parametrize(
    ("score", "words", "total", "said"),
    [
        # rounds 97–98 (湖南's words, https://wanglu.net/thread/t4-462766-0.html): 767.86 ÷ 1922.76 = 39.94 %, over
        # 30 %: the typed 0 is right by the figures. Said as a warning at the words, and the row not scored on either
        # rate (before: "应得 10 分" on the 9.94 %)
        (
            0,
            "本年预算追加数为767.86万元,年初预算为1922.76万元,预算控制率为9.94%。",
            86,
            [("I4", "rate-mismatch", 39.94)],
        ),
        # round 98: 20.0 % is 200.10 ÷ 1000 = 20.01 % at the decimal typed (no finding at the words), but 20.01 % is
        # past 20 %: 6, not the 8 of "10%-20%(含)"
        (8, "本年预算追加数为200.10万元,年初预算为1000万元,预算控制率为20.0%。", 94, [("H4", "score-mismatch", 6.0)]),
    ],
)
def test_a_stated_control_rate_and_its_own_figures(
    tmp_path: Path, score: float, words: str, total: float, said: list[tuple[str, str, float]]
) -> None:
    changes = {**_CONTROL, "H4": score, "I4": words, "H9": total}
    assert errors_and_warnings(score_grid(tmp_path, "整体绩效自评表", ROWS, MERGED, changes)) == said
