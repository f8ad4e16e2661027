"""Round 58 of second readers and a second review: a page break inside one sheet ("…（续表）" and "单位：万元" printed
between the rows, with or without the header again), 续表 rows that are not filled in or whose names start with
digits, a 评价标准 that goes on in the next cell after a part that reads alone, and 汇总 lists with a blank line
inside, a 合计 merged over the names, amounts in 元 beside forms in 万元."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import Row, justice_form
from corpus.scored import book as _book

from perfxl.report.results import FileResult

HEAD: list[Row] = [
    ["项目支出绩效自评表（2023年度）", "", "", "", "", "", "", "", ""],
    ["项目名称", "高标准农田建设", "", "", "实施单位", "县农业农村局", "", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
    ["", "年度资金总额", 3000, 3000, 2850, 10, "95.00%", 9.5, ""],  # 2850 ÷ 3000 = 95.00 %, 9.5
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
    ["", "产出指标", "数量指标", "新建高标准农田面积", "≥2万亩", "2万亩", 50, 50, ""],
]
BREAK: list[Row] = [
    ["项目支出绩效自评表（续表）", "", "", "", "", "", "", "", ""],
    ["单位：万元", "", "", "", "", "", "", "", ""],
]
REST: list[Row] = [
    ["", "效益指标", "经济效益指标", "亩均粮食增产", "≥50公斤", "52公斤", 30, 30, ""],
    ["", "满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "92%", 10, 10, ""],
    ["总分", "", "", "", "", "", 100, 99.5, ""],  # 9.5 + 50 + 30 + 10
]
MERGES = ["A1:I1", "A7:I7", "A8:I8"]


def _flags(result: FileResult) -> list[tuple[str, str]]:
    return sorted({(f.cell or "", f.code) for f in result.flags if f.severity in ("error", "warning")})


def test_a_page_break_inside_the_sheet_with_and_without_the_header_again(tmp_path: Path) -> None:
    # rows after "…（续表）" and "单位：万元", no header: one form (before, the table ended at the title: Σ 分值 60)
    result = _book(tmp_path, [([*HEAD, *BREAK, *REST], MERGES)])
    assert _flags(result) == [] and result.total == 99.5 and len(result.instances) == 1
    # the header printed again under them: still one form (before, a second form named by the 续表 title)
    again = [*HEAD, *BREAK, HEAD[4], *REST]
    result = _book(tmp_path, [(again, MERGES)], "again.xlsx")
    assert _flags(result) == [] and result.total == 99.5 and len(result.instances) == 1


def test_rest_rows_left_unfilled_or_named_with_digits(tmp_path: Path) -> None:
    # a 续表 sheet with no header: a row of "/" (not applicable) and a name starting with digits ("12345热线") are rows;
    # neither rejects the sheet, nor is a row passed over as a line between title and rows
    rest: list[Row] = [
        ["项目支出绩效自评表（续表）", "", "", "", "", "", "", "", ""],
        ["", "效益指标", "生态效益指标", "扬尘治理", "/", "/", "/", "/", ""],
        ["", "", "社会效益指标", "12345热线办结率", "≥95%", "98%", 30, 30, ""],
        ["", "满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "92%", 10, 10, ""],
        ["总分", "", "", "", "", "", 100, 99.5, ""],
    ]
    result = _book(tmp_path, [(HEAD, []), (rest, [])], names=["Sheet1", "Sheet2"])
    assert len(result.instances) == 1 and result.total == 99.5
    assert {code for _, code in _flags(result)} <= {"placeholder"}, _flags(result)


CUT = "低于80%不得分"


def test_a_standard_going_on_after_a_part_that_reads_alone(tmp_path: Path) -> None:
    # 评价标准 merged over H:I: "…每低1个百分点扣0.2分；" | "低于80%不得分": 78 % earns nothing (typed 0, right); read
    # without its second cell, 5 − 17 × 0.2 = 1.6 had been said
    rows: list[Row] = [
        [
            "产出指标",
            "质量指标",
            "政府采购执行率",
            "≥95%",
            "78%",
            5,
            0,
            "≥95%得满分，每低1个百分点扣0.2分；",
            CUT,
            "延期",
        ],
        ["产出指标", "质量指标", "案件结案率", "≥95%", "98%", 50, 50, "", "", ""],
        ["效益指标", "社会效益指标", "法律援助案件数", "≥400件", "420件", 35, 35, "", "", ""],
    ]
    rows = justice_form(rows, 94.25, width=10, standard="评价标准")  # 9.25 + 0 + 50 + 35
    result = _book(tmp_path, [(rows, ["A1:J1", "B2:J2", "H5:I5"])], rules="auto")
    assert _flags(result) == [] and result.total == 94.25


def _form(name: str, budget: float, executed: float, rate: str, score: float, total: float) -> list[Row]:
    return [
        ["项目支出绩效自评表（2023年度）", "", "", "", "", "", "", "", ""],
        ["项目名称", name, "", "", "实施单位", "县民政局", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["", "年度资金总额", budget, budget, executed, 10, rate, score, ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["", "产出指标", "数量指标", "保障人数", "≥1000人", "1000人", 90, 90, ""],
        ["总分", "", "", "", "", "", 100, total, ""],
    ]


def test_lists_with_a_blank_line_a_merged_total_and_amounts_in_yuan(tmp_path: Path) -> None:
    # 1500 万元 of the 低保 form is 15,000,000 元 on the list (1275 ÷ 1500 = 85.00 % → 8.5, 总分 98.5); 临时救助: 220
    # of 240 = 91.67 % → 9.17, 总分 99.17. The list, in 元, has a blank line between its lines and its 合计 merged over
    # 序号 and 项目名称; the 合计 executed 14,950,000 + … is typed wrong: 12,750,000 + 2,200,000 = 14,950,000, typed
    # 14,590,000.
    low = _form("城乡居民最低生活保障", 1500, 1275, "85.00%", 8.5, 98.5)
    temp = _form("临时救助", 240, 220, "91.67%", 9.17, 99.17)
    listing: list[Row] = [
        ["2023年度项目支出绩效自评汇总表", "", "", "", "", ""],
        ["金额单位：元", "", "", "", "", ""],
        ["序号", "项目名称", "全年预算数", "全年执行数", "执行率", "自评得分"],
        [1, "城乡居民最低生活保障", 15000000, 12750000, "85.00%", 98.5],
        ["", "", "", "", "", ""],
        [2, "临时救助", 2400000, 2200000, "91.67%", 99.17],
        ["合计", "", 17400000, 14590000, "85.92%", ""],  # 14,950,000 ÷ 17,400,000 = 85.92 %
    ]
    names = ["低保", "临时救助", "汇总表"]
    result = _book(tmp_path, [(low, []), (temp, []), (listing, ["A7:B7"])], names=names)
    flags = {(f.sheet, f.cell): f for f in result.flags if f.severity in ("error", "warning")}
    assert sorted(flags) == [("汇总表", "D7")], sorted(flags)
    assert flags[("汇总表", "D7")].computed == 14950000
    assert result.unit == "县民政局"  # not "元" from the caption above the list


def test_a_list_in_wan_yuan_beside_forms_in_yuan(tmp_path: Path) -> None:
    # round 59: the forms in 元 (3,200,000 of 3,040,000 = 95.00 %), the list in 万元 (320 / 304): the same amounts
    form = _form("农村公路养护", 3200000, 3040000, "95.00%", 9.5, 99.5)
    form[2][0] = "项目资金（元）"
    listing: list[Row] = [
        ["2023年度项目支出绩效自评汇总表", "", "", "", "", ""],
        ["序号", "项目名称", "全年预算数", "全年执行数", "执行率", "自评得分"],
        [1, "农村公路养护", 320, 304, "95.00%", 99.5],
    ]
    result = _book(tmp_path, [(form, []), (listing, [])], names=["养护", "汇总表"])
    assert _flags(result) == []


SIX = "≥95%得6分；每低1个百分点扣0.5分"


def test_a_target_row_whose_weight_contradicts_its_standard(tmp_path: Path) -> None:
    # round 59: 分值 5 beside "≥95%得6分；每低1个百分点扣0.5分", 实际 90 %: from the 分值 5 − 2.5 = 2.5, by its own
    # numbers 6 − 2.5 = 3.5, scaled 5 − 2.5 × 5 ÷ 6 = 2.92 — 3 is within them; 4.74 (the general 5 × 90 ÷ 95) is not
    def form(score: float) -> list[Row]:
        rows: list[Row] = [
            ["产出指标", "质量指标", "政府采购执行率", "≥95%", "90%", 5, score, SIX, "延期"],
            ["产出指标", "质量指标", "案件结案率", "≥95%", "98%", 50, 50, "", ""],
            ["效益指标", "社会效益指标", "法律援助案件数", "≥400件", "420件", 35, 35, "", ""],
        ]
        return justice_form(rows, round(9.25 + score + 85, 2))

    result = _book(tmp_path, [(form(3), ["A1:I1", "B2:I2"])])
    assert [f for f in _flags(result) if f[0] == "G6"] == []
    result = _book(tmp_path, [(form(4.74), ["A1:I1", "B2:I2"])], "slip.xlsx")
    assert ("G6", "score-mismatch") in _flags(result), _flags(result)


def test_a_signature_line_after_a_blank_row_is_no_line_of_the_list(tmp_path: Path) -> None:
    # a third review: "填表人： | 张三 | 联系电话： | 13912345678" after a blank row had been read as a line, its phone
    # number added into the 合计 (1275 + 220 + 13912345678); past a blank row a line holds two figures or more
    listing: list[Row] = [
        ["序号", "项目名称", "全年预算数", "全年执行数", "执行率"],
        ["合计", "", 1740, 1495, "85.92%"],  # 1495 ÷ 1740 = 85.92 %
        [1, "城乡居民最低生活保障", 1500, 1275, "85.00%"],
        [2, "临时救助", 240, 220, "91.67%"],
        ["", "", "", "", ""],
        ["填表人：", "张三", "联系电话：", 13912345678, ""],
    ]
    result = _book(tmp_path, [(listing, [])])
    assert _flags(result) == []


@pytest.mark.parametrize(
    ("between", "merge"),
    [
        ([["（单位：万元）", "", "", "", "", "", "", "", ""]], "A7:I7"),
        ([["单位：万元、%", "", "", "", "", "", "", "", ""]], "A7:I7"),
        ([["项目支出绩效自评表（续表）", "", "", "", "", "", "", "单位：万元", ""]], "A7:G7"),  # side by side
    ],
)
def test_page_breaks_in_other_words(tmp_path: Path, between: list[Row], merge: str) -> None:
    # a third review: "（单位：万元）", "单位：万元、%" merged across, or the title and its unit side by side ended the
    # table (Σ 分值 60 of 100)
    result = _book(tmp_path, [([*HEAD, *between, *REST], ["A1:I1", merge])])
    assert _flags(result) == [] and result.total == 99.5 and len(result.instances) == 1
