"""自评表 layouts a second reader built against perfxl (each failed before the change that reads it): a funds header
over two rows, 得分 headed with its formula, the total split twice (按收入性质分 / 按支出性质分), 一般公共预算 and
政府性基金 straight under the total, two forms stacked in one sheet each with its own 等级, a total labelled 自评得分;
the 等级 beside the total, weights typed as percentages, two forms side by side; and from a third reader: a 等级 row in
one cell, 分值/执行率/得分 merged down over the funds rows, 小计 rows, the header printed again after a page break,
the funds block below the indicators, one figure over two amount columns. Every expected figure is worked out by
hand in the comments."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from corpus.grid import Grid, save
from corpus.scored import Row
from corpus.scored import book as _book
from corpus.scored import flagged as _flagged

from perfxl.pipeline import score_paths
from perfxl.rules import load_rules

INDICATORS: list[Row] = [  # 90 points of indicators, scores adding up to 89.5
    ["绩效指标", "产出指标", "数量指标", "完成项目数", "≥10个", "10个", 30, 30, ""],
    ["", "", "质量指标", "验收合格率", "100%", "100%", 20, 20, ""],
    ["", "效益指标", "社会效益指标", "受益人数", "≥1000人", "950人", 20, 19.5, "未完全达到目标"],
    ["", "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", 20, 20, ""],
]
FUNDS_HEAD: Row = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""]
INDICATOR_HEAD: Row = ["", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]


def _project(funds_head: list[Row], funds: list[Row], total: Row, grade: str = "优") -> list[Row]:
    return [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "卫生院能力提升项目", "", "", "", "", "", "", ""],
        *funds_head,
        *funds,
        INDICATOR_HEAD,
        *INDICATORS,
        total,
        ["评价等级", "", "", "", "", "", grade, "", ""],
    ]


def test_a_funds_header_over_two_rows_with_the_score_headed_by_its_formula(tmp_path: Path) -> None:
    # 预算数 merged over 年初/全年, 执行情况 over 执行数/执行率, 分值 and 得分(20分*执行率) merged down over both rows
    head: list[Row] = [
        ["项目资金(万元)", "", "预算数", "", "执行情况", "", "分值", "得分(20分*执行率)", ""],
        ["", "", "年初预算数", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)", "", "", ""],
    ]
    funds: list[Row] = [
        ["", "年度资金总额", 300, 320, 300.35, "93.86%", 20, 18.97, ""],  # 20 × 300.35 ÷ 320 = 18.77
        ["", "其中：财政拨款", 280, 300, 281.35, "—", "—", "—", ""],
        ["", "上年结转资金", 20, 20, 19, "—", "—", "—", ""],
    ]
    total: Row = ["总分", "", "", "", "", "", 110, 108.47, ""]  # 20 + 90 = 110; 18.97 + 89.5 = 108.47 as declared
    rows = _project(head, funds, total)
    merges = ["C3:D3", "E3:F3", "G3:G4", "H3:H4", "A3:A7"]
    result = _book(tmp_path, [(rows, merges)])
    flagged = _flagged(result)
    assert "18.77" in " ".join(flagged["H5"])  # the 执行率得分, worked from the amounts under the two-row header
    assert result.instances[0].funds[0].rate is not None
    # the totals hold against the declared parts (the 执行率 points read): no flag on them, nor on the grade
    assert not {"G13", "H13", "G14"} & set(flagged), flagged


def test_a_department_total_split_by_source_and_by_use(tmp_path: Path) -> None:
    head: list[Row] = [["年度预算执行情况(万元)", "", *FUNDS_HEAD]]

    def rows(captions: bool, appropriation: float) -> list[Row]:
        by_source: list[Row] = [
            ["", "其中：财政拨款", 760, appropriation, 760.7, "", "", "", ""],
            ["", "上年结转资金", 40, 40, 39, "", "", "", ""],
            ["", "其他资金", 0, 20, 13, "", "", "", ""],
        ]
        by_use: list[Row] = [
            ["", "其中：基本支出", 500, 520, 515.2, "", "", "", ""],
            ["", "项目支出", 300, 340, 297.5, "", "", "", ""],
        ]
        caption = (lambda text: [["", text, "", "", "", "", "", "", ""]]) if captions else (lambda text: [])
        funds = [
            ["", "年度资金总额", 800, 860, 812.7, 10, "94.50%", 9.45, ""],  # 812.7 ÷ 860 = 94.50 %, × 10 = 9.45
            *caption("按收入性质分："),
            *by_source,
            *caption("按支出性质分："),
            *by_use,
        ]
        out = _project(head, funds, ["总分", "", "", "", "", "", 100, 98.95, ""])  # 9.45 + 89.5
        out[0][0], out[1][0], out[1][1] = "部门整体支出绩效自评表", "部门名称", "某某县自然资源局"
        return out

    # 800 = 760 + 40 + 0 = 500 + 300; 860 = 800 + 40 + 20 = 520 + 340; 812.7 = 760.7 + 39 + 13 = 515.2 + 297.5
    for captions in (False, True):
        right = _flagged(_book(tmp_path, [(rows(captions, 800), [])], f"right{captions}.xlsx"))
        assert not {"C4", "D4", "E4"} & set(right), (captions, right)
    # 财政拨款 810: by source 810 + 40 + 20 = 870 ≠ 860 (by use it still adds up)
    wrong = _flagged(_book(tmp_path, [(rows(True, 810), [])], "wrong.xlsx"))
    assert any("870" in m for m in wrong["D4"]), wrong


def test_budget_kinds_straight_under_the_total_are_its_parts(tmp_path: Path) -> None:
    head: list[Row] = [["项目资金(万元)", "", *FUNDS_HEAD]]
    funds: list[Row] = [
        ["", "年度资金总额", 400, 400, 360, 10, "90.00%", 9, ""],  # 360 ÷ 400 = 90 %, × 10 = 9
        ["", "其中：一般公共预算", 300, 300, 272, "", "", "", ""],
        ["", "政府性基金", 60, 60, 54, "", "", "", ""],
        ["", "国有资本经营预算", 0, 0, 0, "", "", "", ""],
        ["", "上年结转资金", 40, 40, 34, "", "", "", ""],
        ["", "其他资金", 0, 0, 0, "", "", "", ""],
    ]
    # 400 = 300 + 60 + 0 + 40 + 0; 360 = 272 + 54 + 0 + 34 + 0
    rows = _project(head, funds, ["总分", "", "", "", "", "", 100, 98.5, ""])  # 9 + 89.5
    flagged = _flagged(_book(tmp_path, [(rows, [])]))
    assert not {"C4", "D4", "E4"} & set(flagged), flagged


def test_two_forms_stacked_in_one_sheet_each_with_its_own_grade(tmp_path: Path) -> None:
    head: list[Row] = [["项目资金(万元)", "", *FUNDS_HEAD]]

    def form(executed: float, rate: str, score: float, total: float, grade: str) -> list[Row]:
        funds: list[Row] = [["", "年度资金总额", 100, 100, executed, 10, rate, score, ""]]
        return _project(head, funds, ["总分", "", "", "", "", "", 100, total, ""], grade)

    first = form(95, "95.00%", 9.5, 99, "良")  # 9.5 + 89.5 = 99 → 优, not 良
    second = form(80, "80.00%", 8, 97.5, "中")  # 8 + 89.5 = 97.5 → 优, not 中
    rows = [*first, ["", "", "", "", "", "", "", "", ""], *second]
    # each 评价等级 label merged out to its value, so that the first one also reads as a "标签: 值" field
    flagged = _flagged(_book(tmp_path, [(rows, ["A11:F11", "A23:F23"])]))
    assert flagged["G11"] == ["等级填报为「良」，自评总分 99 对应等级为「优」"]  # its own total, once
    assert any("97.5" in m and "「中」" in m for m in flagged["G23"]), flagged


def test_a_total_labelled_zi_ping_de_fen(tmp_path: Path) -> None:
    head: list[Row] = [["项目资金(万元)", "", *FUNDS_HEAD]]
    funds: list[Row] = [["", "年度资金总额", 100, 100, 95, 10, "95.00%", 9.5, ""]]
    rows = _project(head, funds, ["自评得分", "", "", "", "", "", 100, 100.05, ""])  # 9.5 + 89.5 = 99
    result = _book(tmp_path, [(rows, [])])
    assert len(result.instances[0].indicators) == 4  # the total is no indicator row
    assert any("99" in m for m in _flagged(result)["H10"])


def test_the_grade_written_beside_the_total_in_one_cell_or_in_the_total_row(tmp_path: Path) -> None:
    head: list[Row] = [["项目资金(万元)", "", *FUNDS_HEAD]]
    funds: list[Row] = [["", "年度资金总额", 100, 100, 95, 10, "95.00%", 9.5, ""]]  # 95 ÷ 100 × 10 = 9.5
    total: Row = ["总分", "", "", "", "", "", 100, 99, "自评等级：良"]  # 9.5 + 89.5 = 99 → 优, not 良
    rows = _project(head, funds, total)[:-1]  # no 评价等级 row: the grade is in the total row
    flagged = _flagged(_book(tmp_path, [(rows, [])], "row.xlsx"))
    assert flagged["I10"] == ["等级填报为「良」，自评总分 99 对应等级为「优」"], flagged
    # a grade name alone right of the total's 得分 is read as well; 优 is right, so nothing is flagged there
    rows[-1] = ["总分", "", "", "", "", "", 100, 99, "优"]
    assert "I10" not in _flagged(_book(tmp_path, [(rows, [])], "bare.xlsx"))
    # both in the header's one cell, "自评总分：99　　自评等级：良"
    rows = _project(head, funds, ["总分", "", "", "", "", "", 100, 99, ""])[:-1]
    rows.insert(2, ["自评总分：99\u3000\u3000自评等级：良", "", "", "", "", "", "", "", ""])
    flagged = _flagged(_book(tmp_path, [(rows, ["A3:I3"])], "header.xlsx"))
    assert flagged["A3"] == ["等级填报为「良」，自评总分 99 对应等级为「优」"], flagged


def test_weights_typed_as_percentages_of_a_hundred(tmp_path: Path) -> None:
    head: list[Row] = [["项目资金(万元)", "", *FUNDS_HEAD]]
    funds: list[Row] = [["", "年度资金总额", 100, 100, 95, 10, "95.00%", 9.5, ""]]
    rows = [list(row) for row in _project(head, funds, ["总分", "", "", "", "", "", "100%", 100, ""])]  # own copies
    for row in rows[5:9]:
        row[6] = f"{row[6]}%"  # 30% 20% 20% 20%: 30, 20, 20 and 20 points
    rows[7][7] = 21  # 受益人数 scored 21 of its 20 points
    flagged = _flagged(_book(tmp_path, [(rows, [])]))
    assert any("超出 0～20 分" in m for m in flagged["H8"]), flagged
    assert any("100.5" in m for m in flagged["H10"]), flagged  # declared parts 9.5 + 30 + 20 + 21 + 20 = 100.5


def test_two_forms_side_by_side_in_one_sheet(tmp_path: Path) -> None:
    head: list[Row] = [["项目资金(万元)", "", *FUNDS_HEAD]]

    def form(name: str, executed: float, rate: str, score: float, total: float) -> list[Row]:
        funds: list[Row] = [["", "年度资金总额", 100, 100, executed, 10, rate, score, ""]]
        rows = _project(head, funds, ["总分", "", "", "", "", "", 100, total, ""])
        rows[1][1] = name
        return rows

    left = form("卫生院能力提升项目", 95, "95.00%", 9.5, 98)  # 9.5 + 89.5 = 99, declared 98
    right = form("校舍维修改造项目", 80, "82.00%", 8, 97.5)  # 80 ÷ 100 = 80 %, declared 82 %; 8 + 89.5 = 97.5
    rows = [[*a, "", *b] for a, b in zip(left, right, strict=True)]  # column J empty between A:I and K:S
    result = _book(tmp_path, [(rows, [])])
    assert [inst.name for inst in result.instances] == ["卫生院能力提升项目", "校舍维修改造项目"]
    flagged = _flagged(result)
    assert any("99" in m for m in flagged["H10"]), flagged
    assert any("80.00%" in m for m in flagged["Q4"]), flagged
    assert "Q10" not in flagged and "G4" not in flagged, flagged  # the right form's total and the left's rate hold


# A third reader's layouts (each failed before the change that reads it).

ONE_LINE: list[Row] = [["", "年度资金总额", 100, 100, 95, 10, "95.00%", 9.5, ""]]  # 95 ÷ 100 = 95 %, × 10 = 9.5
HEAD: list[Row] = [["项目资金(万元)", "", *FUNDS_HEAD]]
TOTAL: Row = ["总分", "", "", "", "", "", 100, 99, ""]  # 10 + 90 points; 9.5 + 89.5 = 99 → 优


def test_the_grade_row_written_label_and_value_in_one_cell(tmp_path: Path) -> None:
    rows = _project(HEAD, ONE_LINE, TOTAL)
    rows[-1] = ["评价等级：良", "", "", "", "", "", "", "", ""]
    flagged = _flagged(_book(tmp_path, [(rows, ["A11:I11"])]))
    assert flagged["A11"] == ["等级填报为「良」，自评总分 99 对应等级为「优」"], flagged


def test_points_rate_and_score_merged_down_over_the_funds_rows(tmp_path: Path) -> None:
    funds: list[Row] = [
        ["", "年度资金总额", 100, 100, 95, 10, "95.00%", 9.5, ""],
        ["", "其中：当年财政拨款", 80, 80, 78, "", "", "", ""],  # 78 ÷ 80 = 97.5 %: no rate of its own
        ["", "上年结转资金", 20, 20, 17, "", "", "", ""],
        ["", "其他资金", 0, 0, 0, "", "", "", ""],
    ]
    flagged = _flagged(_book(tmp_path, [(_project(HEAD, funds, TOTAL), ["F4:F7", "G4:G7", "H4:H7"])]))
    assert not {"F4", "G4", "H4", "H13"} & set(flagged), flagged  # the total's 95 % and 9.5 hold, and so does 99


def test_subtotal_rows_after_each_group_are_no_indicators(tmp_path: Path) -> None:
    rows = _project(HEAD, ONE_LINE, TOTAL)
    for at, (weight, score) in ((9, (20, 20)), (8, (20, 19.5)), (7, (50, 49))):  # 满意度, 效益, 产出: bottom first
        rows.insert(at, ["", "", "小计", "", "", "", weight, score, ""])
    result = _book(tmp_path, [(rows, [])])
    assert len(result.instances[0].indicators) == 4
    flagged = _flagged(result)  # 100 and 99 hold over the four indicators and 执行率; 受益人数's 19.5 is not 19
    assert sorted(flagged) == ["H8", "H9"], flagged
    assert flagged["H8"] == ["「产出指标小计」印的得分为 49，其上各指标得分之和为 30 + 20 = 50"]  # 产出's 小计


def test_the_header_printed_again_after_a_page_break_goes_on_the_same_table(tmp_path: Path) -> None:
    rows = _project(HEAD, ONE_LINE, ["总分", "", "", "", "", "", 100, 98, ""])  # 99, not 98
    rows.insert(7, list(INDICATOR_HEAD))  # after 完成项目数 and 验收合格率
    result = _book(tmp_path, [(rows, [])])
    assert len(result.instances) == 1 and len(result.instances[0].indicators) == 4
    flagged = _flagged(result)
    assert any("99" in m for m in flagged["H11"]), flagged
    assert "G11" not in flagged, flagged  # 10 + 30 + 20 + 20 + 20 = 100


def test_the_funds_block_printed_below_the_indicators_with_the_total_after_it(tmp_path: Path) -> None:
    # the funds block one column further right than usual, so that its 得分 (and the total's) is in column I
    funds: list[Row] = [
        ["项目资金(万元)", "", "", *FUNDS_HEAD[:-1]],
        ["", "年度资金总额", "", 100, 100, 95, 10, "95.00%", 9.5],
    ]
    rows = _project(HEAD, ONE_LINE, ["总分", "", "", "", "", "", 100, "", 99], grade="良")  # 99 → 优
    rows = [*rows[:2], *rows[4:9], *funds, *rows[9:]]  # rows 3-7 the indicators, 8-9 the funds, 10 总分, 11 等级
    result = _book(tmp_path, [(rows, [])])
    assert len(result.instances) == 1 and result.instances[0].funds and len(result.instances[0].indicators) == 4
    flagged = _flagged(result)
    assert flagged["G11"] == ["等级填报为「良」，自评总分 99 对应等级为「优」"], flagged
    assert "I10" not in flagged, flagged  # 9.5 + 89.5 = 99


def test_one_figure_merged_over_two_amount_columns_is_neither(tmp_path: Path) -> None:
    # 湖南's 部门整体 form: the 收入性质 rows print one figure (the 决算数) over 年初预算数 and 全年预算数
    funds: list[Row] = [
        ["", "年度资金总额：", 1520, 1580, 1501, 10, "95.00%", 9.5, ""],  # 1501 ÷ 1580 = 95 %
        ["", "其中：一般公共预算：", 1381, "", "", "", "", "", ""],
        ["", "纳入专户管理的非税收入拨款：", 70, "", "", "", "", "", ""],
        ["", "其他资金：", 50, "", "", "", "", "", ""],  # 1381 + 70 + 50 = 1501, not 1520 nor 1580
    ]
    flagged = _flagged(_book(tmp_path, [(_project(HEAD, funds, TOTAL), ["C5:D5", "C6:D6", "C7:D7"])]))
    assert not {"C4", "D4", "E4"} & set(flagged), flagged


def test_an_empty_spacer_column_inside_one_form_does_not_split_it(tmp_path: Path) -> None:
    # the title in A1 alone (not merged), column C left empty between the labels and everything else
    rows = _project(HEAD, ONE_LINE, ["总分", "", "", "", "", "", 100, 98, ""])  # 99, not 98
    rows = [[*row[:2], "", *row[2:]] for row in rows]
    result = _book(tmp_path, [(rows, [])])
    assert len(result.instances) == 1 and result.instances[0].funds and len(result.instances[0].indicators) == 4
    assert any("99" in m for m in _flagged(result)["I10"])


def test_an_indicator_row_scored_by_the_standard_it_prints(tmp_path: Path) -> None:
    # a third-party 评分表 style: each indicator prints its 评分标准 beside its target and actual value
    head = [*INDICATOR_HEAD[:8], "评分标准"]
    indicators: list[Row] = [
        # 97 % against 100 %: 10 − 3 × 0.5 = 8.5 by the printed standard (the target ratio would give 9.7)
        [
            "绩效指标",
            "产出指标",
            "质量指标",
            "验收合格率",
            "100%",
            "97%",
            10,
            8.5,
            "合格率100%得满分，每降低1个百分点扣0.5分",
        ],
        # 91.5 % against 100 %: 10 − 8.5 × 0.1 = 9.15, declared 9.5
        ["", "", "时效指标", "资金支付率", "100%", "91.5%", 10, 9.5, "100%得满分，每降低1%扣0.1分"],
        ["", "效益指标", "社会效益指标", "受益人数", "≥1000人", "1000人", 80, 80, "达到目标得满分"],
    ]
    rows: list[Row] = [
        ["项目支出绩效评价评分表", "", "", "", "", "", "", "", ""],
        ["项目名称", "卫生院能力提升项目", "", "", "", "", "", "", ""],
        head,
        *indicators,
        ["总分", "", "", "", "", "", 100, 98, ""],  # 8.5 + 9.5 + 80 = 98 as declared
    ]
    flagged = _flagged(_book(tmp_path, [(rows, [])]))
    assert "H4" not in flagged, flagged
    assert any("9.15" in m for m in flagged["H5"]), flagged
    assert "H7" not in flagged, flagged


def test_decision_rows_scored_by_their_standard_need_no_target_or_actual(tmp_path: Path) -> None:
    # a third-party 评分表's 决策/过程 rows print no 年度指标值 or 实际完成值, only the 评分标准 that scores them; a row
    # with neither and no standard is still a row left unfilled
    head = [*INDICATOR_HEAD[:8], "评分标准"]
    indicators: list[Row] = [
        ["决策", "项目立项", "立项依据充分性", "立项依据充分性", "", "", 5, 5, "依据充分得5分，否则酌情扣分"],
        ["", "绩效目标", "绩效目标合理性", "绩效目标合理性", "", "", 5, 4, "目标明确合理得5分，每有一项不足扣1分"],
        ["产出", "数量指标", "数量指标", "完成项目数", "≥10个", "10个", 80, 80, ""],
        ["效益", "社会效益指标", "社会效益指标", "群众知晓度", "", "", 10, 10, ""],
    ]
    rows: list[Row] = [
        ["项目支出绩效评价评分表", "", "", "", "", "", "", "", ""],
        ["项目名称", "卫生院能力提升项目", "", "", "", "", "", "", ""],
        head,
        *indicators,
        ["总分", "", "", "", "", "", 100, 99, ""],  # 5 + 4 + 80 + 10 = 99
    ]
    flagged = _flagged(_book(tmp_path, [(rows, [])]))
    assert not {"E4", "F4", "E5", "F5"} & flagged.keys(), flagged
    assert {"E7", "F7"} <= flagged.keys(), flagged  # no values and no standard: 应填写具体值


def test_a_rate_stated_only_in_the_rows_remark_is_scored_by_the_rows_standard(tmp_path: Path) -> None:
    # a third-party 评分表 with no actual-value column: the 评价依据 prose states each rate
    head = ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "评价依据及扣分说明", "得分"]
    rows: list[Row] = [
        ["项目支出绩效评价评分表", "", "", "", "", "", ""],
        head,
        # 4 × 90 % = 3.6, as declared
        [
            "过程",
            "资金管理",
            "资金到位率",
            4,
            "到位率=实际到位资金/计划投入资金×100%，得分=到位率×分值",
            "计划投入600万元，实际到位540万元，到位率90%。",
            3.6,
        ],
        # 5 − (100 − 91.5) × 0.1 = 4.15, declared 4.5
        [
            "",
            "",
            "预算执行率",
            5,
            "预算执行率100%得满分，每降低1%扣0.1分",
            "到位资金1200万元，实际支出1098万元，执行率91.5%。",
            4.5,
        ],
        # two values of the rate: which one scores is not said, so 3 is not checked against either
        ["", "", "资金拨付到位率", 4, "得分=到位率×分值", "年初到位率80%，年末到位率90%。", 3],
        ["产出", "产出数量", "完成项目数", 87, "完成得满分", "已完成。", 87],
        ["合计", "", "", 100, "", "", 98.1],  # 3.6 + 4.5 + 3 + 87 = 98.1
    ]
    flagged = _flagged(_book(tmp_path, [(rows, [])]))
    assert "G3" not in flagged, flagged
    assert any("4.15" in m and "91.5" in m for m in flagged["G4"]), flagged
    assert "G5" not in flagged, flagged


def test_the_national_department_form_lists_parts_by_source_and_by_use_side_by_side(tmp_path: Path) -> None:
    # 财预〔2020〕10号's 部门整体支出绩效自评表: under 年度资金总额 a caption row "按收入性质分： | 按支出性质分："
    # and two lists beside each other, one figure each (merged over 年初/全年 on the left, over 分值…得分 on the right)
    def rows(basic: float) -> list[Row]:
        funds: list[Row] = [
            ["", "年度资金总额：", 1520, 1608, 1527.6, 10, "95.00%", 9.5, ""],  # 1527.6 ÷ 1608 = 95 %
            ["", "按收入性质分：", "", "", "按支出性质分：", "", "", "", ""],
            ["", "其中：一般公共预算：", 1380.6, "", "其中：基本支出：", basic, "", "", ""],
            ["", "政府性基金拨款：", 0, "", "项目支出：", 612.3, "", "", ""],
            ["", "其他资金：", 147, "", "", "", "", "", ""],  # 1380.6 + 0 + 147 = 1527.6, the 全年执行数
        ]
        out = _project([["年度预算执行情况(万元)", "", *FUNDS_HEAD]], funds, TOTAL)
        out[0][0], out[1][0], out[1][1] = "部门整体支出绩效自评表", "部门名称", "某某省地方志编纂办公室"
        return out

    merges = ["C6:D6", "C7:D7", "C8:D8", "F6:H6", "F7:H7"]
    right = _flagged(_book(tmp_path, [(rows(915.3), merges)], "right.xlsx"))  # 915.3 + 612.3 = 1527.6
    assert not {"C4", "D4", "E4"} & set(right), right
    wrong = _flagged(_book(tmp_path, [(rows(905.3), merges)], "wrong.xlsx"))  # 905.3 + 612.3 = 1517.6
    assert any("905.3 + 612.3 = 1517.6" in m and "按支出性质分" in m for m in wrong["E4"]), wrong


def test_a_transfer_payment_form_and_a_provincial_funds_header(tmp_path: Path) -> None:
    # 中央对地方转移支付区域绩效自评表: 年度资金总额 = 中央补助 + 地方资金 (indented to sit under the text after 其中：)
    head: list[Row] = [["资金情况(万元)", "", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)", "", "", "", ""]]
    funds: list[Row] = [
        ["", "年度资金总额", 6600, 6400, "96.97%", "", "", "", ""],  # 6400 ≠ 5210.5 + 1150.3 = 6360.8
        ["", "其中：中央补助", 5400, 5210.5, "96.49%", "", "", "", ""],
        ["", "\u3000\u3000\u3000地方资金", 1200, 1150.3, "95.86%", "", "", "", ""],
    ]
    transfer = _flagged(_book(tmp_path, [(_project(head, funds, TOTAL), [])], "transfer.xlsx"))
    assert any("5210.5 + 1150.3 = 6360.8" in m for m in transfer["D4"]), transfer
    # a provincial form: 年初预算数 | 调整预算数 | 实际支出数; 9.41 = 10 × 3764 ÷ 4000, declared 9.91
    head = [["项目资金(万元)", "", "年初预算数", "调整预算数", "实际支出数", "分值", "执行率", "得分", ""]]
    funds = [["", "年度资金总额", 3800, 4000, 3764, 10, "94.10%", 9.91, ""]]
    provincial = _flagged(_book(tmp_path, [(_project(head, funds, TOTAL), [])], "provincial.xlsx"))
    assert any("9.41" in m for m in provincial["H4"]), provincial


def test_a_row_of_column_numbers_under_each_header_is_no_row_of_the_form(tmp_path: Path) -> None:
    # official forms number their columns so that a formula can name them: 栏次 | 1 | 2 | 3 | 4 | 5=3/2 | 6=4×5
    head: list[Row] = [
        ["项目资金(万元)", "", *FUNDS_HEAD],
        ["", "栏次", 1, 2, 3, 4, "5=3/2", "6=4×5", ""],
    ]
    funds: list[Row] = [
        ["", "年度资金总额", 380, 415, 396.3, 10, "95.49%", 9.55, ""],  # 396.3 ÷ 415 = 95.49 %, × 10 = 9.55
        ["", "其中：财政拨款", 360, 390, 375, "—", "—", "—", ""],  # 375 + 21.3 = 396.3; 390 + 25 = 415
        ["", "上年结转资金", 20, 25, 21.3, "—", "—", "—", ""],
    ]
    numbers: Row = ["", 1, 2, 3, 4, 5, 6, 7, 8]  # the indicator table's own, in a row of its own
    rows = _project(head, funds, ["总分", "", "", "", "", "", 100, 99.05, ""])  # 9.55 + 89.5 = 99.05
    at = rows.index(INDICATOR_HEAD) + 1
    rows.insert(at, numbers)
    result = _book(tmp_path, [(rows, [])])
    assert set(_flagged(result)) == {"H12"}  # only the fixture's own 受益人数 (19.5 for 20 × 950 ÷ 1000 = 19)
    # 10 × 396.3 ÷ 415 = 9.5494 + 89 = 98.5494 of 10 + 90: none of the numbers counted
    assert result.total is not None and round(result.total, 2) == 98.55 and result.max_total == 100
    # letters instead of numbers, and one real mistake left: 总额's 执行率 typed 96.49 %
    head[1] = ["", "", "A", "B", "C", "D", "E=C/B", "F=D×E", ""]
    funds[0] = ["", "年度资金\n总额", 380, 415, 396.3, 10, "96.49%", 9.55, ""]  # a line break typed in the label
    rows = _project(head, funds, ["总分", "", "", "", "", "", 100, 99.05, ""])
    rows.insert(at, ["", "A", "B", "C", "D", "E", "F", "G", "H"])
    flagged = _flagged(_book(tmp_path, [(rows, [])], "letters.xlsx"))
    assert set(flagged) == {"G5", "H12"} and flagged["G5"][0].startswith("年度资金总额执行率"), flagged


def test_weights_printed_as_shares_of_the_total_are_read_as_points(tmp_path: Path) -> None:
    # 分值 stored as 0.3 with a percent format (shown 30%), 得分 in points: Σ shares = 0.9 + the funds' 0.1 = 1
    head: list[Row] = [["项目资金(万元)", "", *FUNDS_HEAD]]
    funds: list[Row] = [["", "年度资金总额", 380, 415, 396.3, 0.1, "95.49%", 9.55, ""]]  # 10 × 95.49 %
    indicators: list[Row] = [
        ["绩效指标", "产出指标", "数量指标", "完成项目数", "≥10个", "10个", 0.3, 30, ""],
        ["", "", "质量指标", "验收合格率", "100%", "100%", 0.2, 20, ""],
        # 20 × 66.5 ÷ 70 = 19, declared 19.5
        ["", "效益指标", "社会效益指标", "建档率", "≥70%", "66.5%", 0.2, 19.5, "未完全达到目标"],
        ["", "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", 0.2, 20, ""],
    ]
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "卫生院能力提升项目", "", "", "", "", "", "", ""],
        *head,
        *funds,
        INDICATOR_HEAD,
        *indicators,
        ["总分", "", "", "", "", "", 1, 99.05, ""],  # 9.55 + 30 + 20 + 19.5 + 20 = 99.05
        ["评价等级", "", "", "", "", "", "优", "", ""],
    ]
    flagged = _flagged(_book(tmp_path, [(rows, [])]))
    assert set(flagged) == {"H8"}, flagged
    assert any("应得 19" in m for m in flagged["H8"]), flagged


def test_a_list_of_projects_is_no_funds_block_and_is_checked_line_by_line(tmp_path: Path) -> None:
    # a 汇总表 beside the projects' forms (序号 | 项目名称 | 全年预算数 | 全年执行数 | 执行率 | 自评得分), one line a
    # project; read as a funds block, its first project became a "total" of the others (415 ≠ 610 + 750)
    listing: list[Row] = [
        ["2023年度项目支出绩效自评结果汇总表", "", "", "", "", "", ""],
        ["序号", "项目名称", "全年预算数", "全年执行数", "执行率", "自评得分", "自评等级"],
        # the project of sheet 自评表1: its 总分 there is 99.05 (its funds 415 / 396.3 agree)
        [1, "卫生院能力提升项目", 415, 396.3, "95.49%", 98.55, "优"],
        [2, "基本公共卫生服务项目资金", 610, 579.1, "94.93%", 97.74, "良"],  # 97.74 is 优
        [3, "学生营养改善计划", 750, 710.3, "94.71%", 98.13, "优"],
        ["合计", "", 1765, 1685.7, "94.97%", "", ""],  # 415 + 610 + 750 = 1775; 396.3 + 579.1 + 710.3 = 1685.7
    ]
    funds: list[Row] = [["", "年度资金总额", 380, 415, 396.3, 10, "95.49%", 9.55, ""]]
    project = _project([["项目资金(万元)", "", *FUNDS_HEAD]], funds, ["总分", "", "", "", "", "", 100, 99.05, ""])
    result = _book(tmp_path, [(project, []), (listing, [])])
    flagged = {f.cell: f.message for f in result.flags if f.sheet == "自评表2" and f.severity != "info"}
    assert set(flagged) == {"G4", "C6", "F3"}, flagged
    assert "优" in flagged["G4"] and "1775" in flagged["C6"] and "99.05" in flagged["F3"]
    assert [i.sheet for i in result.instances] == ["自评表1"]


def test_a_form_that_prints_the_points_taken_off(tmp_path: Path) -> None:
    # 分值 | 扣分, no 得分 column: each score is 分值 − 扣分, the 执行率 one too; 合计 adds the 扣分, 总分 = 100 − Σ扣分
    head: list[Row] = [["项目资金(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "扣分", ""]]
    funds: list[Row] = [["", "年度资金总额", 4320, 4470, 4424.7, 10, "98.99%", 0.1, ""]]  # 10 × 98.99 % = 9.9
    indicators: list[Row] = [
        ["绩效指标", "产出指标", "数量指标", "特困人员供养人数", "≥1260人", "1274人", 30, 0, ""],
        # 30 × 97.2 ÷ 98 = 29.76: 0.24 taken off, declared 0.12
        ["", "", "质量指标", "低保对象认定准确率", "≥98%", "97.2%", 30, 0.12, "动态复核不及时"],
        ["", "满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "93.6%", 30, 0, ""],
    ]
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "城乡困难群众救助补助资金", "", "", "", "", "", "", ""],
        *head,
        *funds,
        [*INDICATOR_HEAD[:7], "扣分", INDICATOR_HEAD[8]],
        *indicators,
        ["合计", "", "", "", "", "", 100, 0.22, ""],  # 0.1 + 0 + 0.12 + 0 = 0.22 taken off, as declared
        ["总分（100−扣分合计）", "", "", "", "", "", "", 99.88, ""],  # 100 − 0.22 = 99.78
        ["自评等级", "", "", "", "", "", "", "优", ""],
    ]
    result = _book(tmp_path, [(rows, [])])
    flagged = _flagged(result)
    assert set(flagged) == {"H7", "H10"}, flagged
    assert any("29.76" in m for m in flagged["H7"]), flagged
    assert any("99.78" in m for m in flagged["H10"]), flagged
    # each score as shown, 10 × 4424.7 ÷ 4470 = 9.90 and 30 × 97.2 ÷ 98 = 29.76: 9.90 + 30 + 29.76 + 30 = 99.66
    # (the unrounded scores would add up to 99.6538)
    assert result.total is not None and round(result.total, 2) == 99.66
    # 得分 and 扣分 both printed: they must add up to the 分值
    for row in rows[5:8]:
        row.insert(8, row[6] - row[7])  # type: ignore[operator]
        row.pop()
    rows[4] = [*INDICATOR_HEAD[:7], "扣分", "得分"]
    rows[6][8] = 29.5  # 30 − 0.12 = 29.88 by its own 扣分 (and 29.76 by its figures)
    rows[8] = ["合计", "", "", "", "", "", 100, 0.22, 99.4]  # 9.9 + 30 + 29.5 + 30 = 99.4
    del rows[9]
    flagged = _flagged(_book(tmp_path, [(rows, [])], "both.xlsx"))
    assert any("29.88" in m for m in flagged["I7"]), flagged


def test_scores_without_weights_still_add_up_to_their_total(tmp_path: Path) -> None:
    # a table printing 得分 but no 分值 column: the 总分 is held to the Σ of the scores (with the 执行率得分 when its
    # label covers it), and the 等级 to that total
    head = ["", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分", "", ""]
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "卫生院能力提升项目", "", "", "", "", "", "", ""],
        head,
        ["绩效指标", "产出指标", "数量指标", "完成项目数", "≥10个", "10个", 40, "", ""],
        ["", "效益指标", "社会效益指标", "受益人数", "≥1000人", "1000人", 30, "", ""],
        ["", "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", 20, "", ""],
        ["总分", "", "", "", "", "", 95, "", ""],  # 40 + 30 + 20 = 90
        ["评价等级", "", "", "", "", "", "优", "", ""],  # 90 is 优 either way
    ]
    flagged = _flagged(_book(tmp_path, [(rows, [])]))
    assert set(flagged) == {"G7"}, flagged
    assert any("90" in m for m in flagged["G7"]), flagged


def test_hidden_rows_and_columns_are_not_the_forms(tmp_path: Path) -> None:
    # a template's unused indicator row hidden with its sample numbers (5 | 5) and a hidden helper column holding
    # last year's figures: neither is what the person sees and prints, so neither counts
    funds: list[Row] = [["", "年度资金总额", 380, 415, 396.3, 10, "95.49%", 9.55, ""]]
    rows = _project([["项目资金(万元)", "", *FUNDS_HEAD]], funds, ["总分", "", "", "", "", "", 100, 99.05, ""])
    at = rows.index(INDICATOR_HEAD) + 2
    rows.insert(at, ["", "", "", "（示例指标）", "≥1", "1", 5, 5, ""])
    for row in rows:
        row.append(999 if row is not rows[0] else "上年数(辅助)")
    grid = Grid("自评表")
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                grid.put(r, c, value)  # type: ignore[arg-type]
    path = save([grid], tmp_path / "hidden.xlsx")
    book = openpyxl.load_workbook(path)
    book["自评表"].row_dimensions[at + 1].hidden = True
    book["自评表"].column_dimensions["J"].hidden = True
    book.save(path)
    result = score_paths([path], load_rules("national-2020")).files[0]
    # only the fixture's own 受益人数 (19.5 for 20 × 950 ÷ 1000 = 19), now one row lower
    assert set(_flagged(result)) == {"H9"}, _flagged(result)
    assert result.max_total == 100  # 10 + 90, the hidden row's 5 not among them


def test_an_amount_typed_in_wan_in_a_block_kept_in_yuan(tmp_path: Path) -> None:
    # "项目资金(元)": 其他资金 typed "1.2万" is 12,000 元; 1,250,000 + 12,000 = 1,262,000 as declared
    head: list[Row] = [["项目资金(元)", "", *FUNDS_HEAD]]
    funds: list[Row] = [
        ["", "年度资金总额", 1212000, 1262000, 1197500, 10, "94.89%", 9.49, ""],  # 1197500 ÷ 1262000 = 94.89 %
        ["", "其中：财政拨款", 1200000, 1250000, 1186000, "—", "—", "—", ""],
        ["", "其他资金", "1.2万", "1.2万", "1.15万", "—", "—", "—", ""],
    ]
    rows = _project(head, funds, ["总分", "", "", "", "", "", 100, 98.99, ""])  # 9.49 + 89.5
    assert set(_flagged(_book(tmp_path, [(rows, [])]))) == {"H10"}  # the fixture's own 受益人数 only


def test_the_total_adds_each_score_as_the_form_shows_it(tmp_path: Path) -> None:
    # 10 × 7152.3 ÷ 7400 = 9.6653 (shown 9.67) and 15 × 97.2 ÷ 98 = 14.8776 (shown 14.88): 9.67 + 14.88 + 75 = 99.55,
    # as the person adds them; the unrounded scores add up to 99.5429, which would show as 99.54
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "城乡困难群众救助补助资金", "", "", "", "", "", "", ""],
        ["项目资金(万元)", "", *FUNDS_HEAD],
        ["", "年度资金总额", 7400, 7400, 7152.3, 10, "96.65%", 9.67, ""],
        INDICATOR_HEAD,
        ["绩效指标", "产出指标", "数量指标", "救助人数", "≥1260人", "1274人", 75, 75, ""],
        ["", "", "质量指标", "低保对象认定准确率", "≥98%", "97.2%", 15, 14.88, "动态复核不及时"],
        ["总分", "", "", "", "", "", 100, 99.55, ""],
        ["评价等级", "", "", "", "", "", "优", "", ""],
    ]
    result = _book(tmp_path, [(rows, [])])
    assert _flagged(result) == {}
    assert result.total == 99.55


def test_a_score_on_a_half_cent_is_rounded_half_up_as_the_form_rounds_it(tmp_path: Path) -> None:
    # round 30: 5 × 95.5 % = 4.775 and 10 × 92.35 % = 9.235 show as 4.78 and 9.24 (Excel's ROUND, half up), though
    # binary floating point holds 4.77499… and 9.23499…: 239.52 ÷ 240 = 99.8 % → 9.98; 75 × 22 ÷ 25 = 66;
    # 9.98 + 66 + 4.78 + 9.24 = 90.00, 优 — not 89.99 (the unrounded Σ) nor 89.98, 良
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "农村饮水安全巩固提升", "", "", "", "", "", "", ""],
        ["项目资金(万元)", "", *FUNDS_HEAD],
        ["", "年度资金总额", 240, 240, 239.52, 10, "99.80%", 9.98, ""],
        INDICATOR_HEAD,
        ["绩效指标", "产出指标", "数量指标", "新建供水工程", "≥25处", "22处", 75, 66, "选址调整"],
        ["", "", "质量指标", "水质达标率", "100%", "95.5%", 5, 4.78, "个别水源水质波动"],
        ["", "效益指标", "社会效益指标", "受益人口覆盖率", "100%", "92.35%", 10, 9.24, "部分管网未通"],
        ["总分", "", "", "", "", "", 100, 90, ""],
        ["评价等级", "", "", "", "", "", "优", "", ""],
    ]
    result = _book(tmp_path, [(rows, [])])
    assert result.total == 90.0
    assert result.grade == "优"
    assert not [f for f in result.flags if f.severity != "info" and f.cell in ("H9", "G10")]


def test_a_deadline_written_as_a_date(tmp_path: Path) -> None:
    # "2023年6月30日前" done 2023年8月15日: not reached, yet full marks (a warning: how much a late date costs, no
    # rule says); "2023年12月31日前" done 2023-11-30: reached, full marks as declared
    indicators: list[Row] = [
        ["绩效指标", "产出指标", "数量指标", "完成项目数", "≥10个", "10个", 80, 80, ""],
        ["", "", "时效指标", "资金拨付时间", "2023年6月30日前", "2023年8月15日", 5, 5, ""],
        ["", "", "", "项目完工时间", "2023年12月31日前", "2023-11-30", 5, 5, ""],
    ]
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "卫生院能力提升项目", "", "", "", "", "", "", ""],
        ["项目资金(万元)", "", *FUNDS_HEAD],
        ["", "年度资金总额", 300, 300, 300, 10, "100%", 10, ""],
        INDICATOR_HEAD,
        *indicators,
        ["总分", "", "", "", "", "", 100, 100, ""],
        ["评价等级", "", "", "", "", "", "优", "", ""],
    ]
    result = _book(tmp_path, [(rows, [])])
    flagged = _flagged(result)
    assert set(flagged) == {"H7"}, flagged
    assert "晚于目标 2023-06-30" in flagged["H7"][0]
    assert [f.severity for f in result.flags if f.cell == "H7"] == ["warning"]


def test_a_templates_rows_left_to_fill_are_placeholders(tmp_path: Path) -> None:
    # "（请填写指标名称）" and "备用指标2" rows with nothing else in them: one quiet note for the table, no warning
    # per blank cell, and no 分值 of theirs in any sum
    funds: list[Row] = [["", "年度资金总额", 380, 415, 396.3, 10, "95.49%", 9.55, ""]]
    rows = _project([["项目资金(万元)", "", *FUNDS_HEAD]], funds, ["总分", "", "", "", "", "", 100, 99.05, ""])
    at = rows.index(INDICATOR_HEAD) + 2
    rows[at:at] = [
        ["", "", "", "（请填写指标名称）", "", "", "", "", ""],
        ["", "", "", "备用指标2", "", "", "", "", ""],
    ]
    result = _book(tmp_path, [(rows, [])])
    assert set(_flagged(result)) == {"H10"}, _flagged(result)  # the fixture's own 受益人数 only, two rows lower
    assert [f.severity for f in result.flags if f.code == "placeholder"] == ["info"]
