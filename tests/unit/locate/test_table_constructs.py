"""The table reader's constructs one by one, on small sheets made in memory (rows and columns 0-based)."""

from __future__ import annotations

import pytest

from perfxl.locate.grade_bounds import grades_in, writes_grade
from perfxl.locate.groups import group_weights
from perfxl.locate.headers import header_key
from perfxl.locate.printed_tiers import printed_shares, shares_in, tiers_in
from perfxl.locate.table import read_sheet
from perfxl.read.grid import Sheet
from perfxl.rules import RuleSet, load_rules


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules("national-2020")


def _sheet(rows: list[list[object]], merges: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()) -> Sheet:
    cells = {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row) if v not in (None, "")}
    return Sheet("自评表", cells, merges)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("全年预算数（A）", "全年预算数"),
        ("执行率(B/A)", "执行率"),
        ("分值(10分)", "分值"),
        ("一级指标（分值）", "一级指标"),
        ("执行率(%)", "执行率"),
        ("年度 指标值", "年度指标值"),
        ("实际\n完成值", "实际完成值"),
        ("年初预算数(万元)", "年初预算数"),
        ("评分标准（计分方法）", "评分标准"),  # a gloss in words after the word
        ("分值(权重)", "分值"),
        ("部门(单位)名称", "部门(单位)名称"),  # a bracket inside the word stays
    ],
)
def test_header_key_drops_suffixes_units_and_spaces(text: str, key: str) -> None:
    assert header_key(text) == key


def test_two_row_header_roles_from_own_cell_else_parent(rules: RuleSet) -> None:
    rows: list[list[object]] = [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "", "", "实际完成值", "权重", "自评得分"],
        ["", "", "", "指标性质", "值", "度量单位", "", "", ""],
        ["产出指标", "数量指标", "培训人次", "≥", 300, "人次", 320, 60, 58],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", 90, "%", 95, 30, 30],
    ]
    merges = (*(((0, c), (1, c)) for c in (0, 1, 2, 6, 7, 8)), ((0, 3), (0, 5)))
    table = read_sheet(_sheet(rows, merges), rules).tables[0]
    assert table.header == (0, 1)
    roles = {role: col.col for role, col in table.columns.items()}
    assert roles == {
        **{"level1": 0, "level2": 1, "level3": 2, "nature": 3, "target": 4, "unit": 5},
        **{"actual": 6, "weight": 7, "score": 8},
    }
    assert [(r.name, r.get("target"), r.weight and r.weight.raw, r.get("score")) for r in table.rows] == [
        ("培训人次", 300, 60, 58),
        ("服务对象满意度", 90, 30, 30),
    ]


def test_nature_and_weight_columns_inferred_from_content(rules: RuleSet) -> None:
    rows: list[list[object]] = [
        ["一级指标", "二级指标", "三级指标", "", "指标值", "", "得分"],
        ["产出指标", "数量指标", "完成项目数量", "≥", 12, 40, 40],
        ["", "质量指标", "项目验收合格率", "＝", 100, 50, 48],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "﹦", 90, 10, 9],
        ["合计", "", "", "", "", 100, 97],
    ]
    table = read_sheet(_sheet(rows), rules).tables[0]
    assert table.columns["nature"].inferred and table.columns["nature"].col == 3
    assert table.columns["weight"].inferred and table.columns["weight"].col == 5
    assert [r.weight and r.weight.cell for r in table.rows] == ["F2", "F3", "F4"]
    assert table.footers[0].label == "合计"
    assert {role: hit.raw for role, hit in table.footers[0].cells.items()} == {"weight": 100, "score": 97}
    assert [r.levels[0].text for r in table.rows] == ["产出指标", "产出指标", "满意度指标"]  # carried down a blank


def test_a_column_that_does_not_add_up_is_not_a_weight(rules: RuleSet) -> None:
    rows: list[list[object]] = [
        ["一级指标", "三级指标", "", "得分"],
        ["产出指标", "完成项目数量", 40, 40],
        ["", "项目验收合格率", 50, 48],
        ["合计", "", 120, 88],
    ]
    table = read_sheet(_sheet(rows), rules).tables[0]
    assert "weight" not in table.columns


def test_weights_in_level_cells_and_names_placeholders_and_a_merged_score(rules: RuleSet) -> None:
    rows: list[list[object]] = [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["投入(15分)", "预算配置（15分）", "在职人员控制率", 7, 7],
        ["", "", "资金使用(8分)", "", 8],
        ["产出及效率", "履职效益", "经济效益", 5, 13],
        ["", "", "社会效益", 5, None],
        ["", "", "生态效益", 5, None],
        ["", "", "指标2：", "", ""],
        ["", "", "……", "", ""],
        ["总分", "", "", 35, 28],
    ]
    merges = (((1, 0), (2, 0)), ((1, 1), (2, 1)), ((3, 0), (7, 0)), ((3, 1), (7, 1)), ((3, 4), (5, 4)))
    table = read_sheet(_sheet(rows, merges), rules).tables[0]
    first, named = table.rows[0], table.rows[1]
    assert (first.levels[0].name, first.levels[0].weight, first.levels[1].name, first.levels[1].weight) == (
        "投入",
        15,
        "预算配置",
        15,
    )
    assert named.weight_in_name and named.weight is not None and named.weight.cell == "C3"
    assert [r.merged_score for r in table.rows[2:5]] == ["E4:E6"] * 3
    groups = table.score_groups()
    assert [tuple(r.name for r in g) for g in groups][-1] == ("经济效益", "社会效益", "生态效益")
    assert [r.name for r in table.placeholders] == ["指标2：", "……"]
    assert not table.blank


def test_a_table_of_placeholders_only_is_blank(rules: RuleSet) -> None:
    rows: list[list[object]] = [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["产出指标", "数量指标", "指标1：", "", ""],
        ["", "", "*", "", ""],
        ["", "", "/", "", ""],
    ]
    table = read_sheet(_sheet(rows), rules).tables[0]
    assert table.blank and len(table.placeholders) == 3


def test_funds_tree_breakdown_indentation_and_not_a_number_cells(rules: RuleSet) -> None:
    rows: list[list[object]] = [
        ["项目名称：某某专项经费", "", "", "", "", ""],
        ["自评总分：", 97.35, "", "", "", ""],
        ["项目资金（元）", "", "全年预算数(A)", "预算执行数", "预算执行率", "执行率得分"],
        ["", "年度资金总额", "1,200,000.00", "1,100,000.00", "91.67%", 9.17],
        ["", "其中:财政拨款", "1,000,000.00", "900,000.00", "", "/"],
        ["", "  一般公共预算", "600,000.00", "500,000.00", "", "/"],
        ["", "  政府性基金", "400,000.00", "400,000.00", "", "/"],
        ["", "上年结转资金", "200,000.00", "200,000.00", "", "/"],
        ["", "其他资金", 0, 0, "0/0", "/"],
        ["", "    其中：自筹", 0, 0, "0/0", "/"],
    ]
    sheet = read_sheet(_sheet(rows, (((2, 0), (9, 0)),)), rules)
    block = sheet.funds[0]
    assert [(line.label, line.kind, line.parent) for line in block.lines] == [
        ("年度资金总额", "total", None),
        ("其中:财政拨款", "appropriation", 0),
        ("一般公共预算", "breakdown", 1),
        ("政府性基金", "breakdown", 1),
        ("上年结转资金", "carryover", 0),
        ("其他资金", "other", 0),
        ("其中：自筹", "", 5),
    ]
    assert [line.label for line in block.children(0)] == ["其中:财政拨款", "上年结转资金", "其他资金"]
    assert block.lines[0].amount("annual") == 1_200_000
    assert block.lines[5].amount("rate") is None and block.lines[1].amount("score") is None
    assert {role: hit.raw for role, hit in block.fields.items()} == {"project": "某某专项经费", "declared_total": 97.35}


def test_several_tables_in_one_sheet_each_with_its_fields(rules: RuleSet) -> None:
    rows: list[list[object]] = []
    for project in ("甲项目", "乙项目"):
        rows += [
            ["项目名称", project, "", ""],
            ["三级指标", "分值", "得分", ""],
            ["完成项目数量", 60, 55, ""],
            ["服务对象满意度", 40, 40, ""],
            ["合计", 100, 95, ""],
            ["自评等级", "优", "", ""],
        ]
    tables = read_sheet(_sheet(rows), rules).tables
    assert [(t.fields["project"].raw, len(t.rows), t.fields["grade"].raw) for t in tables] == [
        ("甲项目", 2, "优"),
        ("乙项目", 2, "优"),
    ]


def test_nothing_recognised_says_what_was_seen(rules: RuleSet) -> None:
    sheet = read_sheet(_sheet([["项目名称", "某项目"], ["指标值", "100%"]]), rules)
    assert not sheet.found
    assert sheet.seen == "工作表「自评表」有「项目名称」「指标值」，但没有找到得分列"
    assert read_sheet(_sheet([["你好"]]), rules).seen == "工作表「自评表」有 1 个非空单元格，但没有认出任何表头或栏目"


@pytest.mark.parametrize(
    ("head", "roles"),
    [  # other words real templates print for the same columns
        (
            ["一级指标名称", "二级指标名称", "三级指标名称", "计划值", "实际完成数", "满分", "自评分", "偏差原因分析"],
            ["level1", "level2", "level3", "target", "actual", "weight", "score", "reason"],
        ),
        (
            ["一级指标", "二级指标", "具体指标", "绩效目标值", "全年实际完成值", "标准分", "实际得分", "原因分析"],
            ["level1", "level2", "level3", "target", "actual", "weight", "score", "reason"],
        ),
    ],
)
def test_other_header_words_for_the_same_columns(rules: RuleSet, head: list[str], roles: list[str]) -> None:
    sheet = _sheet([head, ["产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 10, 10, ""]])
    table = read_sheet(sheet, rules).tables[0]
    assert {role: col.col for role, col in table.columns.items()} == {role: i for i, role in enumerate(roles)}
    assert table.indicators[0].points == 10


def test_other_words_for_funds_columns_and_rows(rules: RuleSet) -> None:
    rows: list[list[object]] = [
        ["项目资金（万元）", "", "年初预算数", "全年预算", "实际执行数", "分值", "执行率", "得分"],
        ["", "资金总额", 100, 120, 108, 10, "90%", 9],
        ["", "财政拨款资金", 80, 90, 85, "", "", ""],
        ["", "上年结转结余", 20, 20, 18, "", "", ""],
        ["", "自筹资金", 0, 10, 5, "", "", ""],
    ]
    block = read_sheet(_sheet(rows), rules).funds[0]
    assert [role for role, _ in sorted(block.columns.items(), key=lambda item: item[1].col)] == [
        *("initial", "annual", "executed", "weight", "rate", "score")
    ]
    assert [(line.kind, line.parent) for line in block.lines] == [
        *(("total", None), ("appropriation", 0), ("carryover", 0), ("other", 0))
    ]


def test_a_funds_row_with_a_blank_amount_is_no_caption_of_two_lists(rules: RuleSet) -> None:
    rows: list[list[object]] = [
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 100, 120, 108, 10, "90%", 9],
        # a word and a blank amount: not a caption "按收入性质分 | 按支出性质分" over two lists of parts
        ["", "纳入专户管理的非税收入拨款", "0/0"],
        ["", "上年结转资金", "/"],
        ["", "其他资金", 0, 20, 18, "", "", ""],
    ]
    block = read_sheet(_sheet(rows), rules).funds[0]
    # (a row with a label no rule names and no amount is passed over as a caption, as before)
    assert [line.label for line in block.lines] == ["年度资金总额", "上年结转资金", "其他资金"]
    assert not any("amount" in line.cells for line in block.lines)


def test_grade_bounds_as_a_form_prints_them() -> None:
    # the lowest total of each grade; 差 is what is left
    said = grades_in("评价等级标准：总分85分(含)以上为“优”，70分(含)-85分为“良”，60分(含)-70分为“中”，60分以下为“差”。")
    assert said is not None and [(g.grade, g.min) for g in said] == [("优", 85), ("良", 70), ("中", 60), ("差", 0)]
    words = grades_in("90分(含)以上为优秀，80(含)-90分为良好，60(含)-80分为合格，60分以下为不合格")
    assert words is not None and [g.min for g in words] == [90, 80, 60, 0]
    assert grades_in("自评等级：良(80分≤总分<90分)") is None  # one grade's band is no scale
    assert grades_in("优良率达到95分以上") is None
    # round 45: after a list item's number ("2.") the bounds are still read; 85.5 is a figure
    numbered = grades_in(
        "说明：1.执行率得分=执行率×10分；2.评价等级：总分85分（含）以上为优，70分（含）-85分为良，60分（含）-70分为中"
    )
    assert numbered is not None and [g.min for g in numbered] == [85, 70, 60, 0]
    decimal = grades_in("总分85.5分以上为优，70分-85.5分为良，60-70为中，60以下为差")
    assert decimal is not None and [g.min for g in decimal] == [85.5, 70, 60, 0]
    # the review: a figure with a trailing dot is a figure; spaced, bracketed and line-by-line items are items
    for text in (
        "优：90.以上；良：80-89.9；中：60-79.9；差：60以下",
        "1. 90分以上为优；2. 80-90分为良；3. 60-80分为中",
        "（1）90分以上为优；（2）80-90分为良；（3）60-80分为中",
        "评价等级：\n优：90分以上\n良：80-90分\n中：60-80分",
    ):
        said = grades_in(text)
        assert said is not None and [g.min for g in said] == [90, 80, 60, 0], text
    # round 52: a note's caption and its first item's number in one cell, as such notes are typed (the "1" had been
    # read as 优's bound, and the scale dropped)
    for text in (
        "说明：1.评价等级标准：总分85分（含）以上为“优”，75分（含）-85分为“良”，60分（含）-75分为“中”，60分以下为“差”。",
        "注：1.评价等级：85分以上为优，75-85为良，60-75为中，60以下为差",
    ):
        said = grades_in(text)
        assert said is not None and [g.min for g in said] == [85, 75, 60, 0], text


def test_qualitative_tiers_as_a_form_prints_them() -> None:
    # 湖北's note: 达成 100–80 %, 部分达成 80–50 %, 未达成 50–0 %; 良 spans 部分达成 and a 达成 short of 90 %
    said = tiers_in(
        "注：定性指标根据指标完成情况分为：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差三档，"
        "分别按照该指标对应分值区间100%-80%（含80%）、80%-50%（含50%）、50%-0%合理确定分值。"
    )
    assert said is not None
    assert [(t.grade, t.low, t.high) for t in said] == [
        ("优", 0.8, 1.0),
        ("良", 0.5, 0.9),
        ("中", 0.5, 0.8),
        ("差", 0.0, 0.5),
    ]
    # the same note as the 长江禁捕 page (tests/corpus/real) stores it, its brackets garbled by the page's OCR
    garbled = tiers_in(
        "3 .定性指标计分原则:达成预期指标、部分达成预期指标、未达成预期指标三档,分别按照该指标对应分值区间"
        "100%-80%(280酚、80%-50%(50%,80%)50%-0%(50册合理确定分值。"
    )
    assert garbled == said
    assert tiers_in("定性指标按“好、较好、一般、较差”四档评价，分别按该指标分值的100%、80%、60%、20%计分") is None
    assert tiers_in("定性指标：部分达成、未达成，100%-80%、70%-50%、50%-0%") is None  # a gap between 80 % and 70 %


@pytest.mark.parametrize(
    ("written", "grade", "names"),
    [("优秀", "优", True), ("良好", "良", True), ("一般", "中", True), ("合格", "中", True), ("不合格", "差", True),
     ("较差", "差", True), ("优秀", "良", False), ("良", "良", True), ("一般", "良", False), ("不合格", "中", False)],
)  # fmt: skip
def test_a_declared_grade_in_words(written: str, grade: str, names: bool) -> None:
    assert writes_grade(written, grade) is names


def test_section_rows_are_the_groups_of_the_rows_below_them(rules: RuleSet) -> None:
    # 序号 | 指标名称 | 分值 | 评价标准 | 得分: groups as rows numbered 一 / （一） above indicators numbered 1, 2
    rows: list[list[object]] = [
        ["序号", "指标名称", "分值", "评价标准", "得分"],
        ["一", "投入", 16, "", ""],  # 7 + 8 = 15, not 16
        ["（一）", "预算配置", 15, "", ""],
        [1, "在职人员控制率", 7, "在职人员控制率≦100%，计7分", 7],
        [2, "“三公经费”变动率", 8, "“三公经费”变动率≦0，计8分", 4],
        ["二", "过程", 5, "", 4],
        ["（一）", "预算执行", 5, "", ""],
        [3, "预算完成率", 5, "100%计满分，每低于5%扣2分", 5],  # 5, not the section's 4
        ["合计", "", 20, "", 16],
    ]
    table = read_sheet(_sheet(rows), rules).tables[0]
    assert [line.name for line in table.indicators] == ["在职人员控制率", "“三公经费”变动率", "预算完成率"]
    assert [tuple(level.name for level in line.levels) for line in table.indicators] == [
        ("投入", "预算配置", "在职人员控制率"),
        ("投入", "预算配置", "“三公经费”变动率"),
        ("过程", "预算执行", "预算完成率"),
    ]
    groups = {(g.name, g.what): (g.weight, g.cell.cell, [v for _, v in g.parts]) for g in group_weights(table)}
    assert groups == {
        ("投入", "分值"): (16, "C2", [7, 8]),
        ("预算配置", "分值"): (15, "C3", [7, 8]),
        ("过程", "分值"): (5, "C6", [5]),
        ("过程", "得分"): (4, "E6", [5]),
        ("预算执行", "分值"): (5, "C7", [5]),
    }


def test_a_numbered_indicator_named_like_a_section_stays_an_indicator(rules: RuleSet) -> None:
    # "一般公共预算支出" starts with 一 but is no section mark; a marked row that prints a target is an indicator
    rows: list[list[object]] = [
        ["绩效指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["一般公共预算支出执行进度", "≥90%", "95%", 10, 10],
        ["一、服务人次", "≥500人次", "520人次", 10, 10],
        ["合计", "", "", 20, 20],
    ]
    table = read_sheet(_sheet(rows), rules).tables[0]
    assert [line.name for line in table.indicators] == ["一般公共预算支出执行进度", "一、服务人次"]


def test_fixed_shares_of_the_weight_a_note_prints_for_each_result_word() -> None:
    listed = shares_in(
        "注：定性指标按“好、较好、一般、较差”四档评价，分别按该指标分值的100%、80%、60%、20%计分；"
        "定量指标按实际完成值与年度指标值的比例计分，最高不超过该指标分值。"
    )
    assert listed == {"好": 1.0, "较好": 0.8, "一般": 0.6, "较差": 0.2}
    paired = shares_in(
        "定性指标评分标准：好（达成年度指标）得该项分值的100%；较好得80%；一般得60%；较差得40%；差不得分。"
    )
    assert paired == {"好": 1.0, "较好": 0.8, "一般": 0.6, "较差": 0.4, "差": 0.0}
    assert shares_in("定性指标按“好、较好、一般”三档，分别按100%、80%计分") is None  # three words, two shares
    assert shares_in("定性指标：好得60%；较好得80%；一般得100%") is None  # rising shares: no scale of results
    # ranges are tiers, not fixed shares (tiers_in reads those)
    assert shares_in("定性指标…分为达成、部分达成、未达成三档，分别按100%-80%、80%-50%、50%-0%确定，一般按中档") is None


def test_a_huge_cell_is_no_note() -> None:
    # 30,000 characters with the words of a note: not read (a form's notes are a few lines), and fast either way
    sheet = _sheet([["定性指标按“好、较好、一般”" + "“甲”" * 10_000]])
    assert printed_shares(sheet) is None


def test_a_sheet_of_the_same_content_is_read_once_and_a_changed_one_again(rules: RuleSet) -> None:
    # a batch's returns carry the template's unfilled sheets unchanged: one read serves them all; one changed figure
    # is read as it stands
    rows: list[list[object]] = [
        ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"],
        ["产出指标", "数量指标", "培训人数", "≥100人", "120人", 50, 50],
        ["效益指标", "社会效益", "满意度", "≥90%", "95%", 50, 48],
        ["总分", "", "", "", "", 100, 98],
    ]
    first = read_sheet(_sheet(rows), rules)
    assert read_sheet(_sheet(rows), rules) is first
    rows[2][6] = 45
    changed = read_sheet(_sheet(rows), rules)
    assert changed is not first
    assert [line.get("score") for line in changed.tables[0].indicators] == [50, 45]
    assert [line.get("score") for line in first.tables[0].indicators] == [50, 48]
