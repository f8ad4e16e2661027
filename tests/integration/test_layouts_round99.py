"""Standards in words and a target column named by its goal (the twentieth session).

* "全部完成得满分，未完成的按比例扣分" and its kin say the share of the row's own target done, times the 分值: the
  rule a 项目 form scores by anyway, so a score against it is an error quoting the standard, not a warning that it
  was unread.
* A 考核表 whose target column is headed "年度工作目标" (the header of
  https://wanglu.net/thread/t13-461855-0.html: 项目 | 考核内容 | 考核指标 | 指标说明 | 年度工作目标 | 评分标准 | 权数 |
  考评得分, with a 实际完成值 column added and figures composed): read as the target where no other column is one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import Row, errors_and_warnings, justice_form, score_grid
from corpus.scored import book as _book

JUSTICE_MERGES = ["A1:I1", "B2:I2"]


@pytest.mark.parametrize(
    "standard",
    [
        "全部完成得满分，未完成的按比例扣分",
        "达到年度指标值得满分，未达到的按完成比例得分",
        "完成得满分，未完成按比例得分。",
    ],
)
def test_full_marks_when_done_else_the_share_done(tmp_path: Path, standard: str) -> None:
    # 180 of ≥200人次: 180 ÷ 200 × 10 = 9 (typed 10: wrong); 90 % of ≥95 %: 90 ÷ 95 × 10 = 9.4737 → 9.47 (typed 9.47:
    # right); 420 of ≥400件: done → 35. Σ 9.25 (执行率) + 10 + 9.47 + 35 + 35 = 98.72
    rows: list[Row] = [
        ["产出指标", "数量指标", "普法培训人次", "≥200人次", "180人次", 10, 10, standard, "部分培训延期"],
        ["产出指标", "质量指标", "案件结案率", "≥95%", "90%", 10, 9.47, standard, "疑难案件结转"],
        ["效益指标", "社会效益指标", "法律援助案件数", "≥400件", "420件", 35, 35, standard, ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 35, 35, standard, ""],
    ]
    result = _book(tmp_path, [(justice_form(rows, 98.72), JUSTICE_MERGES)], rules="auto")
    flags = [f for f in result.flags if f.severity in ("error", "warning")]
    assert [(f.cell, f.code.value, f.severity, f.computed) for f in flags] == [("G6", "score-mismatch", "error", 9.0)]
    assert f"按本表评分标准「{standard}」" in flags[0].message and "180 ÷ 目标 200 × 10 = 9" in flags[0].message


HEAD = ["项目", "考核内容", "考核指标", "指标说明", "年度工作目标", "实际完成值", "评分标准", "权数", "考评得分"]
SHARE = "按完成比例计算得分,满分为止."
ROWS: list[list[object]] = [
    ["2023年度部门预算支出绩效考核表"],
    ["考核单位：某县农业农村局"],
    HEAD,
    [
        "一般公共预算支出管理(60分)", "一般公共预算支出", "一般公共预算支出实际完成率",
        "一般公共预算支出实际完成率=本年一般公共预算支出完成数*100%/本年一般公共预算支出年初预算数",
        "100%", "96.50%", SHARE, 20, 19.3,
    ],
    [
        "", "结转结余情况", "结转结余率", "结转结余率=本年结转结余资金总额*100%/本年一般公共预算支出完成数",
        "≤9%", "8.00%", SHARE, 20, 20,
    ],
    [
        "", "应付账款(暂存款)", "应付账款(暂存款)率", "应付账款(暂存款)率=本年应付账款总额*100%/"
        "本年一般公共预算支出完成数",
        "≤9%", "8.50%", SHARE, 10, 10,
    ],
    [
        "项目支出管理(40分)", "项目资金执行", "项目资金执行率", "项目资金执行率=项目实际支出/项目预算×100%.",
        "≥95%", "90.25%", SHARE, 20, 19,
    ],
    ["", "重点项目完成", "重点项目完成数", "年度内完成的重点项目个数.", "12个", "11个", SHARE, 20, 18.33],
    [
        "信息公开(10分)", "预决算公开", "预决算信息公开", "是否按规定时限公开部门预决算.", "按时公开", "已按时公开",
        "按规定公开得满分,未公开不得分.", 10, 10,
    ],
    ["合计", "", "", "", "", "", "", 100, 96.63],
]  # fmt: skip
MERGED = ["A1:I1", "A2:I2", "A4:A6", "A7:A8"]


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        # as composed, right: 96.5 ÷ 100 × 20 = 19.3; 8 % and 8.5 % within ≤9 %: 20, 10; 90.25 ÷ 95 = 95 % of the
        # target → 20 × 0.95 = 19; 11 ÷ 12 × 20 = 18.33; 10. Σ 96.63 (before: the target column was not read and each
        # rate was scored as 分值 × itself, 20 × 90.25 % = 18.05, a false error on the right 19)
        ({}, []),
        # 20 × 90.25 % = 18.05 typed, the rate without its target: 19 is right (Σ 95.68 typed with it)
        ({"I7": 18.05, "I10": 95.68}, [("I7", "score-mismatch", 19.0)]),
        # 10 of 12 done typed as full marks: 10 ÷ 12 × 20 = 16.67 (Σ 98.30 typed with it)
        ({"F8": "10个", "I8": 20, "I10": 98.3}, [("I8", "score-mismatch", 16.67)]),
    ],
)
def test_a_target_column_headed_by_the_years_goal(
    tmp_path: Path, changes: dict[str, object], said: list[tuple[str, str, float]]
) -> None:
    assert errors_and_warnings(score_grid(tmp_path, "考核表", ROWS, MERGED, changes)) == said


FILLER: Row = ["效益指标", "社会效益指标", "法律援助案件数", "≥400件", "420件", 0, 0, "", ""]


@pytest.mark.parametrize(
    ("target", "actual", "weight", "typed", "standard", "said"),
    [
        # 财政部's 中央级 scoring rule (http://www.lygzb.net/html/text/chl/509/50957_3.html): 94 % of a 100 % plan is
        # 6 % apart, two whole steps of 3 % → 15 − 2 = 13 (before: unread, and 15 × 94 % = 14.1 said as a warning)
        ("100%", "94%", 15, 13, "实际完成情况与计划每相差3%,扣1分,扣满15分为止", []),
        ("100%", "94%", 15, 14.1, "实际完成情况与计划每相差3%,扣1分,扣满15分为止", [("G6", "score-mismatch", 13.0)]),
        # 89 % of ≥95 %: 6 points (6.32 % of the target), two whole steps either way → 13
        ("≥95%", "89%", 15, 13, "实际完成情况与计划每相差3%,扣1分,扣满15分为止", []),
        # a step per day late (https://dy1993.cn/jxz.html: "每延期1天…扣0.5分"): 6月30日 to 7月4日, 4 days → 10 − 2 = 8
        ("2023年6月30日前", "2023年7月4日", 10, 9, "按时完成得满分，每延迟1天扣0.5分", [("G6", "score-mismatch", 8.0)]),
        # done the year after its deadline: 11月30日 to 1月31日 is 2 months begun → 10 − 2 × 2 = 6; no year slip said
        ("2023年11月30日前", "2024年1月31日", 10, 6, "按时完成得满分，每延迟一个月扣2分", []),
        # a month done after the deadline's month, per day: 10月1日 to 12月1日 is 62 days at least → 0 (round 102)
        (
            "2023年9月30日前",
            "2023年12月",
            10,
            10,
            "按时完成得满分，每延迟1天扣0.5分，扣完为止",
            [("G6", "score-mismatch", 0.0)],
        ),
        # …the month right after: 1 to 31 days late, 0～9.5: full marks are out of it (a warning: the day is not said)
        ("2023年9月30日前", "2023年10月", 10, 10, "按时完成得满分，每延迟1天扣0.5分", [("G6", "score-mismatch", None)]),
        ("2023年9月30日前", "2023年10月", 10, 9, "按时完成得满分，每延迟1天扣0.5分", []),
        # a step of a day over a limit in working days (round 102): 2 days past 5 → 10 − 1 = 9
        ("5个工作日内", "7个工作日", 10, 9, "按时完成得满分，每延迟1天扣0.5分，扣完为止", []),
        (
            "5个工作日内",
            "7个工作日",
            10,
            10,
            "按时完成得满分，每延迟1天扣0.5分，扣完为止",
            [("G6", "score-mismatch", 9.0)],
        ),
        # "按时公开" is on time, as "按时完成" is (no actual-not-numeric warning)
        ("批复后20日内", "按时公开", 10, 10, "按时完成得满分，未按时完成不得分", []),
        # "减" for 扣 (https://xiangdang.net/fanwen.aspx?id=180256: "每减少一个减3分"): 2 short of ≥10个 → 15 − 6 = 9
        ("≥10个", "8个", 15, 15, "每减少一个减3分", [("G6", "score-mismatch", 9.0)]),
        # (https://365docx.com/view/513e10e3d6.html: "每发生一次减…分"): one accident → 10 − 2 = 8
        ("0次", "1次", 10, 10, "无安全事故发生得满分，每发生一次减2分", [("G6", "score-mismatch", 8.0)]),
    ],
)
def test_standards_in_the_words_of_real_scoring_rules(
    tmp_path: Path,
    target: str,
    actual: str,
    weight: float,
    typed: float,
    standard: str,
    said: list[tuple[str, str, float]],
) -> None:
    row: Row = ["产出指标", "时效指标", "考核指标", target, actual, weight, typed, standard, "见说明"]
    filler = [*FILLER[:5], 90 - weight, 90 - weight, *FILLER[7:]]
    result = _book(tmp_path, [(justice_form([row, filler], 9.25 + typed + 90 - weight), JUSTICE_MERGES)], rules="auto")
    assert errors_and_warnings(result) == said
