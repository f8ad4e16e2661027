"""Layouts from a seventeenth second-reader round, books modelled on the real transcriptions (each failed before the
change that reads it). Every expected figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import PROJECT_FUNDS_HEAD, Row, book, flagged

HEAD: Row = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因", ""]
INDICATORS: list[Row] = [  # 90 points, all earned
    ["产出指标", "数量指标", "救助人次", "≥4800人次", "4900人次", 40, 40, "", ""],
    ["效益指标", "社会效益指标", "救助对象覆盖率", "≥95%", "96%", 40, 40, "", ""],
    ["满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "93%", 10, 10, "", ""],
]


def test_a_part_repeating_its_totals_points_is_not_counted_again(tmp_path: Path) -> None:
    """濉溪's form prints 其中:本年财政拨款 with the same 分值 10 and 得分 9.7 as 年度资金总额: the 10 points once."""
    rows: list[Row] = [
        ["绩效目标自评表", "", "", "", "", "", "", "", ""],
        ["资金情况(万元)", "", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分", "", ""],
        ["", "年度资金总额:", 480, 465.6, 10, "97%", 9.7, "", ""],  # 465.6 ÷ 480 = 97 %; 10 × 97 % = 9.7
        ["", "其中:本年财政拨款", 480, 465.6, 10, "97%", 9.7, "", ""],
        HEAD,
        *INDICATORS,
        ["总分", "", "", "", "", 100, 99.7, "", ""],  # 10 + 90; 9.7 + 90
    ]
    assert flagged(book(tmp_path, [(rows, ["A2:A4"])])) == {}


def test_a_goal_written_as_bare_figures_is_no_funds_line(tmp_path: Path) -> None:
    """廊坊's 年度总体目标 row right under the funds block holds only "56.4" | "52.38" (merged across the amount
    columns): the goal's text, not a line whose 分值 is 52.38."""
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        PROJECT_FUNDS_HEAD,
        ["", "年度资金总额", 56.4, 56.4, 52.38, 10, "92.87%", 9.29, ""],  # 52.38 ÷ 56.4 = 92.87 %
        ["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""],
        ["", "56.4", "", "", "", "52.38", "", "", ""],
        HEAD,
        *INDICATORS,
        ["总分", "", "", "", "", 100, 99.29, "", ""],  # 9.29 + 90
    ]
    merges = ["A2:A3", "A4:A5", "B4:E4", "F4:I4", "B5:E5", "F5:I5"]
    assert flagged(book(tmp_path, [(rows, merges)])) == {}


def test_a_score_by_each_unit_short_of_the_target_the_standard_prints(tmp_path: Path) -> None:
    """福建's 评分标准 count units, not percentages: "达20场得10分,少一场扣1分" gives 18 场 10 − 2 = 8 (not the
    ratio's 9); "达300人得20分,每少10人扣2分" gives 280 人 20 − 2 × 2 = 16; "120万页得10分,每少1万页扣0.5分" gives
    112 万页 10 − 8 × 0.5 = 6, not the 8 declared."""
    head: Row = ["一级指标", "二级指标", "三级指标", "绩效目标值", "实际完成值", "评分标准", "指标分值", "自评得分", ""]
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        head,
        ["产出指标", "数量指标", "开展科普宣传活动场次", "20场", "18场", "达20场得10分,少一场扣1分。", 10, 8, ""],
        ["", "", "科普志愿者队伍人数", "300人", "280人", "本指标满分20分,志愿者达300人得20分,每少10人扣2分,扣完为止。",
         20, 16, ""],
        ["", "", "档案数字化扫描页数", "120万页", "112万页", "完成数字化扫描120万页得10分,每少1万页扣0.5分,扣完为止。",
         10, 8, ""],
        ["", "质量指标", "活动参与人次", "≥2000人次", "2100人次", "", 60, 60, ""],
        ["总分", "", "", "", "", "", 100, 92, ""],  # 8 + 16 + 8 + 60 by the declared parts
    ]  # fmt: skip
    (message,) = flagged(book(tmp_path, [(rows, [])]))["H5"]
    assert message.startswith("指标「档案数字化扫描页数」填报得分 8，按完成情况应得 6")
    assert sorted(flagged(book(tmp_path, [(rows, [])], name="u.xlsx"))) == ["H5"]


def test_a_score_whose_printed_standard_is_not_read_is_only_doubted(tmp_path: Path) -> None:
    """A printed standard perfxl cannot read ("按活动效果综合评定,扣1-3分"): the ratio rule's 9 for 18 of 20 is a
    warning that names the printed text, not an error (the person's 8 may follow the printed text)."""
    head: Row = ["一级指标", "二级指标", "三级指标", "绩效目标值", "实际完成值", "评分标准", "指标分值", "自评得分", ""]
    standard = "按活动效果综合评定,效果一般的酌情扣1-3分。"
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        head,
        ["产出指标", "数量指标", "开展科普宣传活动场次", "20场", "18场", standard, 10, 8, ""],
        ["", "质量指标", "活动参与人次", "≥2000人次", "2100人次", "", 90, 90, ""],
        ["总分", "", "", "", "", "", 100, 98, ""],
    ]
    result = book(tmp_path, [(rows, [])])
    (message,) = flagged(result)["H3"]
    assert message.startswith("指标「开展科普宣传活动场次」填报得分 8，按完成情况应得 9")
    assert "未能读取，以上按通用规则核算，请人工复核" in message
    assert [f.severity for f in result.flags if f.cell == "H3"] == ["warning"]


def test_a_form_with_only_the_years_start_budget_holds_its_own_rate(tmp_path: Path) -> None:
    """北京海淀: 年初预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A), no 全年预算数: 133.74 ÷ 148.6 = 90 %, not 96 %,
    and 10 × 90 % = 9, not 9.6."""
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目资金(万元)", "", "年初预算数(A)", "全年执行数(B)", "分值(10分)", "执行率(B/A)", "得分", "", ""],
        ["", "年度资金总额", 148.6, 133.74, 10, "96%", 9.6, "", ""],
        HEAD,
        *INDICATORS,
        ["总分", "", "", "", "", 100, 99.6, "", ""],  # 9.6 + 90 by the declared parts
    ]
    assert flagged(book(tmp_path, [(rows, ["A2:A3"])])) == {
        "F3": ["年度资金总额执行率填报 96%，按 133.74 / 148.6 = 90.00%"],
        "G3": ["执行率得分填报 9.6，按 分值 10 × 年度资金总额执行率 90.00%(封顶 100%) 应为 9"],
    }


def test_a_score_table_stating_each_rate_under_its_own_execution_column(tmp_path: Path) -> None:
    """湖南 考核指标及评分表 with no 附件4: "本单位执行情况" states each row's rate; its printed standard scores it."""
    per_point = "每超过一个百分点扣{}分,扣完为止。"
    rows: list[Row] = [
        ["部门整体支出绩效评价考核指标及评分表", "", "", "", "", "", "", "", "", ""],
        ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明", "本单位执行情况", "得分"],
        # 102.4 %: 5 − 2.4 × 0.5 = 3.8
        ["投入", "", "预算配置", "", "在职人员控制率", 5, "在职人员控制率≦100%,计5分;" + per_point.format(0.5), "",
         "在职人员控制率102.4%", 3.8],
        # 89.6 % is 10.4 points under 100 %: two whole 5 % steps, 5 − 4 = 1, not 3
        ["过程", "", "预算执行", "", "预算完成率", 5, "100%计满分,每低于5%扣2分,扣完为止。", "", "预算完成率89.6%", 3],
        # 8.2 % in 0–10 %(含): 4
        ["", "", "", "", "预算调整率", 5, "预算调整率=0,计5分;0-10%(含),计4分;10-20%(含),计3分;大于20%不得分。", "",
         "预算调整率8.2%", 4],
        # 104.5 %: 6 − 4.5 = 1.5
        ["", "", "预算管理", "", "“三公经费”控制率", 6, "“三公经费”控制率≦100%,计6分;" + per_point.format(1), "",
         "“三公经费”控制率104.5%", 1.5],
        # 97 %: 5 − 3 × 0.5 = 3.5, not 4
        ["", "", "", "", "政府采购执行率", 5, "政府采购执行率=100%,计5分;每低于一个百分点扣0.5分,扣完为止。", "",
         "政府采购执行率97%", 4],
    ]  # fmt: skip
    got = flagged(book(tmp_path, [(rows, [])], rules="auto"))
    assert sorted(got) == ["J4", "J7"]
    assert "应得 1 分" in got["J4"][0] and "应得 3.5 分" in got["J7"][0]


def test_groups_of_the_forms_own_system_are_not_misplaced_national_ones(tmp_path: Path) -> None:
    """银川's 一级 项目产出 / 项目效益 hold 数量指标 and 服务对象满意度指标: the form's own groups, no level-mismatch
    (a slip such as 产生指标 for 产出指标 still is one: tests/integration/test_selfeval.py)."""
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目资金(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["", "年度资金总额", 100, 100, 100, 10, "100%", 10, ""],
        HEAD,
        ["项目产出", "数量指标", "救助人次", "≥4800人次", "4900人次", 50, 50, "", ""],
        ["项目效益", "社会效益指标", "救助对象覆盖率", "≥95%", "96%", 30, 30, "", ""],
        ["", "服务对象满意度指标", "救助对象满意度", "≥90%", "93%", 10, 10, "", ""],
        ["总分", "", "", "", "", 100, 100, "", ""],
    ]
    assert flagged(book(tmp_path, [(rows, ["A2:A3", "A6:A7"])])) == {}
