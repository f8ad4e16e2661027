"""项目支出绩效自评表 as finance systems export them, from a thirty-eighth round of second readers: a form whose
indicator table goes on over a page break under a continuation title ("项目支出绩效自评表（续）"). It failed before
the change that reads it; every figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import INDICATOR_HEAD, PROJECT_FUNDS_HEAD, Row, book


def _continued(title: str) -> list[Row]:
    # 执行率 190 ÷ 200 = 95 % → 10 × 0.95 = 9.5; every indicator met its target: Σ分值 10 + 20 + 15 + 15 + 20 + 20
    # = 100, Σ得分 9.5 + 20 + 15 + 15 + 20 + 20 = 99.5, 优
    return [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "县道养护", "", "", "", "", "", "", ""],
        PROJECT_FUNDS_HEAD,
        ["年度资金总额", "", 200, 200, 190, 10, "95%", 9.5, ""],
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "养护道路里程", "≥10公里", "10公里", 20, 20, ""],
        ["", "", "质量指标", "验收合格率", "100%", "100%", 15, 15, ""],
        ["", "", "时效指标", "完工及时率", "≥95%", "96%", 15, 15, ""],
        ["", "", "", "", "", "", "", "", ""],
        [title, "", "", "", "", "", "", "", ""],
        INDICATOR_HEAD,
        ["", "效益指标", "社会效益指标", "通行条件", "明显改善", "明显改善", 20, 20, ""],
        ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 20, 20, ""],
        ["总分", "", "", "", "", "", 100, 99.5, ""],
        ["自评等级", "", "", "", "", "", "", "优", ""],
    ]


def test_a_form_going_on_under_a_continuation_title_is_one_form(tmp_path: Path) -> None:
    for title in ("项目支出绩效自评表（续）", "续表", "（接上页）"):
        result = book(tmp_path, [(_continued(title), ["A1:I1", "B2:I2", "A10:I10"])])
        assert len(result.instances) == 1, title
        assert result.instances[0].total == 99.5
        assert [f.message for f in result.flags if f.severity in ("error", "warning")] == [], title


def test_a_mistyped_total_budget_does_not_make_the_rate_worked_from_its_parts_wrong(tmp_path: Path) -> None:
    # 全年预算数 typed 3,643,567.89 where its parts add up to 3,400,000 + 234,567.89 + 0 = 3,634,567.89; the 执行率
    # 91.84 % and its 9.18 points were worked from the right budget: 3,338,000 ÷ 3,634,567.89 = 91.84 %, 10 × 0.9184
    # = 9.18 — the wrong amount is said at D4, not again at the rate and the score it did not feed
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "农村饮水工程", "", "", "", "", "", "", "单位：元"],
        ["项目资金（元）", "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分", ""],
        ["", "年度资金总额", "3,200,000.00", "3,643,567.89", "3,338,000.00", 10, "91.84%", 9.18, ""],
        ["", "其中：财政拨款", "3,200,000.00", "3,400,000.00", "3,128,000.00", "—", "92.00%", "—", ""],
        ["", "上年结转资金", "0.00", "234,567.89", "210,000.00", "—", "89.53%", "—", ""],
        ["", "其他资金", "0.00", "0.00", "0.00", "—", "/", "—", ""],
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "新建供水工程", "≥12处", "12处", 90, 90, ""],
        ["总分", "", "", "", "", "", 100, 99.18, ""],
    ]
    result = book(tmp_path, [(rows, ["A1:I1", "A3:B3"])])
    assert {(f.cell, f.code) for f in result.flags if f.severity == "error"} == {("D4", "sum-mismatch")}


def test_a_continued_page_that_prints_the_forms_own_lines_again_is_the_same_form(tmp_path: Path) -> None:
    # round 40: the page under "（接上页）" repeats 项目名称 | 县道养护 before the header: still one form (99.5, 优)
    rows = _continued("项目支出绩效自评表（接上页）")
    rows.insert(10, ["项目名称", "县道养护", "", "", "", "", "", "", ""])
    result = book(tmp_path, [(rows, ["A1:I1", "B2:I2", "A10:I10", "B11:I11"])])
    assert len(result.instances) == 1 and result.instances[0].total == 99.5
    assert [f.message for f in result.flags if f.severity in ("error", "warning")] == []
    # another project's name there is another form; two projects' forms and no department's make no one total
    # (round 41: the first project's stood for the workbook's in the summary)
    rows[10][1] = "乡道养护"
    two = book(tmp_path, [(rows, ["A1:I1", "B2:I2", "A10:I10", "B11:I11"])])
    assert len(two.instances) == 2 and two.total is None and two.grade is None
    assert any(note.startswith("工作簿含 2 张自评表，各自计分") for note in two.notes)


def test_several_departments_forms_make_no_one_total(tmp_path: Path) -> None:
    # round 45: three departments' 部门整体支出绩效自评表 in one workbook: the first one's total stood for the whole
    # return; each is scored on its own (each 95 % → 9.5 + 90 = 99.5) and the return has no one total, with a note
    rows: list[Row] = [
        ["部门整体支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["部门名称", "县水利局", "", "", "", "", "", "", ""],
        ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["", "年度资金总额", 200, 200, 190, 10, "95%", 9.5, ""],
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "河道整治", "≥10公里", "10公里", 90, 90, ""],
        ["总分", "", "", "", "", "", 100, 99.5, ""],
    ]
    other = [row[:] for row in rows]
    other[1] = ["部门名称", "县交通运输局", "", "", "", "", "", "", ""]
    result = book(tmp_path, [(rows, []), (other, [])], rules="auto")
    assert [i.total for i in result.instances] == [99.5, 99.5]
    assert result.total is None and result.grade is None
    # round 46: each named by its 部门名称 (the title is every department's), and the return by both
    assert "工作簿含 2 张自评表，各自计分(「县水利局」99.5、「县交通运输局」99.5)，不合为一个总分" in result.notes
    assert result.unit == "县水利局、县交通运输局"
    # round 46: a list of indicators with a 合计 of its own on the next sheet ("…指标清单", no word of a department's
    # or a project's) beside one project's form is no department's form standing for the return
    listing: list[Row] = [
        ["2023年度重点工作指标清单", "", "", "", "", "", "", "", ""],
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "人民调解案件受理数", "≥1200件", "1260件", 100, 100, ""],
        ["合计", "", "", "", "", "", 100, 100, ""],
    ]
    project = [row[:] for row in rows]
    project[0][0], project[1] = "项目支出绩效自评表", ["项目名称", "河道整治工程", "", "", "", "", "", "", ""]
    result = book(tmp_path, [(project, []), (listing, [])], name="list.xlsx", rules="auto")
    assert [i.total for i in result.instances] == [99.5, 100]
    assert result.total is None
    # the review: a form its title calls a department's (no funds block, no 部门名称) still stands for the return
    # beside a project's; two copies of one department's form are one department (the first stands)
    titled = [["部门整体支出绩效自评表", "", "", "", "", "", "", "", ""], *listing[1:]]
    result = book(tmp_path, [(project, []), (titled, [])], name="titled.xlsx", rules="auto")
    assert result.total == 100
    result = book(tmp_path, [(rows, []), (rows, [])], name="copies.xlsx", rules="auto")
    assert result.total == 99.5 and result.unit == "县水利局"
    # round 46: a total said in a note under the form ("单位自评得分99.05分", digits swapped), none above it: said at
    # the note's cell against the 99.5 its scores make
    noted = [
        *rows,
        ["说明：本表满分100分，单位自评得分99.05分，其中绩效指标总得分90分。", "", "", "", "", "", "", "", ""],
    ]
    result = book(tmp_path, [(noted, [])], name="noted.xlsx", rules="auto")
    said = {(f.cell, f.declared, f.computed) for f in result.flags if f.severity == "error"}
    assert said == {("A8", 99.05, 99.5)}


def test_parts_after_their_labels_in_yuan_are_read(tmp_path: Path) -> None:
    # round 40: a 部门整体 form in 元, "其中：一般公共预算：18,736,600.00元" the only income part while the total's
    # amounts are 16,500,000 / 18,376,600 / 17,845,200 (its spending side 12,100,000 + 6,276,600 = 18,376,600): the
    # income side's sum fits none of them
    rows: list[Row] = [
        ["部门整体支出绩效自评表", "", "", "", "", "", "", ""],
        ["年度预算申请（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "16,500,000.00", "18,376,600.00", "17,845,200.00", 10, "97.11%", 9.71],
        ["", "按收入性质分：", "", "", "按支出性质分：", "", "", ""],
        ["", "其中：一般公共预算：18,736,600.00元", "", "", "其中：基本支出：12,100,000.00元", "", "", ""],
        ["", "政府性基金拨款：0.00元", "", "", "项目支出：6,276,600.00元", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "办结事项", "≥100件", "100件", 90, 90, ""],
    ]
    merges = ["A1:H1", "A2:A6", "B4:D4", "E4:H4", "B5:D5", "E5:H5", "B6:D6", "E6:H6"]
    result = book(tmp_path, [(rows, merges)])
    (slip,) = [f for f in result.flags if f.code == "sum-mismatch"]
    assert "按收入性质分" in slip.message and "18736600" in slip.message


def test_a_part_in_another_unit_than_its_block_is_not_read_as_the_blocks(tmp_path: Path) -> None:
    # the review: on a form in 万元, "一般公共预算：18,376,600.00元" is 1837.66 万元, the total; read as 万元 it was
    # ten thousand times the total and a false sum-mismatch
    rows: list[Row] = [
        ["部门整体支出绩效自评表", "", "", "", "", "", "", ""],
        ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "1650", "1837.66", "1784.52", 10, "97.11%", 9.71],
        ["", "按收入性质分：", "", "", "按支出性质分：", "", "", ""],
        ["", "其中：一般公共预算：18,376,600.00元", "", "", "其中：基本支出：1210万元", "", "", ""],
        ["", "政府性基金拨款：", "", "", "项目支出：627.66万元", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "办结事项", "≥100件", "100件", 90, 90, ""],
    ]
    merges = ["A1:H1", "A2:A6", "B4:D4", "E4:H4", "B5:D5", "E5:H5", "B6:D6", "E6:H6"]
    result = book(tmp_path, [(rows, merges)])
    assert not [f for f in result.flags if f.code == "sum-mismatch"]


def test_a_rate_worked_from_the_parts_executed_over_the_own_budget_is_not_flagged(tmp_path: Path) -> None:
    # the review: 全年预算数 200 (its parts 150 + 40 = 190) and 全年执行数 typed 180 (its parts 100 + 90 = 190); the
    # 95 % declared is 190 ÷ 200, the parts' 执行数 over the total's own budget, and its 9.5 points follow: only the
    # amounts are said
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "农村饮水工程", "", "", "", "", "", "", "单位：万元"],
        [
            "项目资金（万元）",
            "",
            "年初预算数",
            "全年预算数（A）",
            "全年执行数（B）",
            "分值",
            "执行率（B/A）",
            "得分",
            "",
        ],
        ["", "年度资金总额", 200, 200, 180, 10, "95%", 9.5, ""],
        ["", "其中：财政拨款", 150, 150, 100, "—", "", "—", ""],
        ["", "上年结转资金", 40, 40, 90, "—", "", "—", ""],
        ["", "其他资金", 0, 0, 0, "—", "/", "—", ""],
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "新建供水工程", "≥12处", "12处", 90, 90, ""],
        ["总分", "", "", "", "", "", 100, 99.5, ""],
    ]
    result = book(tmp_path, [(rows, ["A1:I1", "A3:B3"])])
    assert {f.code for f in result.flags if f.severity == "error"} == {"sum-mismatch"}


def test_an_actual_in_yuan_beside_a_target_in_wan_is_read_on_one_scale(tmp_path: Path) -> None:
    # round 42: "475000元" against "≥50万元" is 47.5 万元: 90 × 47.5 ÷ 50 = 85.5 as declared (it was "9500 倍" and
    # 90); with 执行率得分 9.5 the 总分 is 95
    rows = [
        *_continued("续表")[:5],
        ["", "产出指标", "数量指标", "减免检验费用", "≥50万元", "475000元", 90, 85.5, "部分企业未申报"],
        ["总分", "", "", "", "", "", 100, 95, ""],
    ]
    result = book(tmp_path, [(rows, ["A1:I1", "B2:I2"])])
    assert [f.message for f in result.flags if f.severity in ("error", "warning")] == []
    assert result.instances[0].total == 95


def test_hebeis_weighted_scores_under_headers_of_their_own(tmp_path: Path) -> None:
    # round 42: 单项指标得分 | 权重占比(%) | 单项指标折算得分 each a header of its own (no 自评得分 over them):
    # the 折算得分 is the row's score. 24 of ≥24 个 met: 50; 3420 of ≥3600 户: 30 × 3420 ÷ 3600 = 28.5; 92 % of
    # ≥90 %: 20; Σ 98.5, 优, the 合计 typed 99.5
    rows: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", "", "", ""],
        ["项目名称", "城镇老旧小区改造项目", "", "", "", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "符号", "值", "单位", "单项指标实际完成值", "单项指标得分", "权重占比(%)",
         "单项指标折算得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "改造老旧小区个数", "≥", 24, "个", "24个", 100, 50, 50, ""],
        ["产出指标", "数量指标", "惠及居民户数", "≥", 3600, "户", "3420户", 95, 30, 28.5, "部分楼栋未达成改造意愿"],
        ["满意度指标", "服务对象满意度指标", "居民满意度", "≥", 90, "%", "92%", 100, 20, 20, ""],
        ["合计", "", "", "", "", "", "", "", 100, 99.5, ""],
        ["自评等级", "", "", "", "", "", "", "", "", "优", ""],
    ]  # fmt: skip
    result = book(tmp_path, [(rows, ["A1:K1", "B2:K2"])])
    assert {(f.cell, f.code) for f in result.flags if f.severity in ("error", "warning")} == {("J7", "sum-mismatch")}


def _untitled_form(name: str) -> list[Row]:
    """A project's lines as 安徽/云南 units print them, its indicator table from column A: 项目名称, the funds block,
    three indicators met (20 + 15 + 15) and no 总分."""
    return [
        ["项目名称", name, "", "", "自评总得分", 59.5, "", ""],
        ["主管部门", "县交通运输局", "", "", "实施单位", "县公路段", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 200, 200, 190, 10, "95%", 9.5],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "养护道路里程", "≥10公里", "10公里", 20, 20, ""],
        ["", "质量指标", "验收合格率", "100%", "100%", 15, 15, ""],
        ["", "时效指标", "完工及时率", "≥95%", "96%", 15, 15, ""],
    ]


def test_a_second_form_with_no_title_after_a_form_with_no_total(tmp_path: Path) -> None:
    # round 42: the second project starts at its own 项目名称 line, printing no title, right under a form with no 总分:
    # its lines were read as the first form's indicators (Σ 分值 187.5). Each form reads its own three indicators
    rows = [
        ["项目支出绩效自评表", "", "", "", "", "", "", ""],
        *_untitled_form("县道养护"),
        *_untitled_form("乡道养护"),
    ]
    result = book(tmp_path, [(rows, ["A1:H1", "A4:A5", "A12:A13"])])
    assert [i.name for i in result.instances] == ["县道养护", "乡道养护"]
    assert [[x.name for x in i.indicators] for i in result.instances] == [
        ["养护道路里程", "验收合格率", "完工及时率"]
    ] * 2
    assert [f.message for f in result.flags if f.code == "sum-mismatch"] == []
