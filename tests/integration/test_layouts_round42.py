"""A 项目支出绩效自评表 printed over two worksheets, from a forty-second round of second readers: its indicators go on
in the next sheet (named or titled "（续）" / "续表") and its 总分 and 等级 are there. It was read as two forms, each
with half the points; every figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from corpus.scored import INDICATOR_HEAD, PROJECT_FUNDS_HEAD, Row, book

# 执行率 1386 ÷ 1650 = 84 % → 10 × 0.84 = 8.4; the first sheet's indicators 20 + 10 + 10 + 10 = 50 分值 and
# 18.4 + 10 + 10 + 9.96 = 48.36 得分
_FIRST: list[Row] = [
    ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
    ["项目名称", "高标准农田建设项目", "", "", "", "自评总得分", 96.76, "", ""],
    PROJECT_FUNDS_HEAD,
    ["年度资金总额", "", 1500, 1650, 1386, 10, "84.00%", 8.4, ""],
    ["其中：当年财政拨款", "", 1500, 1500, 1260, "—", "84.00%", "—", ""],
    ["上年结转资金", "", 0, 150, 126, "—", "84.00%", "—", ""],
    INDICATOR_HEAD,
    ["", "产出指标", "数量指标", "新建高标准农田面积", "≥5000亩", "4600亩", 20, 18.4, "雨季延误"],
    ["", "", "质量指标", "工程验收合格率", "≥95%", "100%", 10, 10, ""],
    ["", "", "时效指标", "项目完工时间", "2023年12月31日前", "2023年12月20日", 10, 10, ""],
    ["", "", "成本指标", "亩均建设成本", "≤3000元", "3013元", 10, 9.96, "材料涨价"],
]


def _second(title: str, total: object, grade: str) -> list[Row]:
    # 效益 15 + 15 and 满意度 10: 分值 40, 得分 40; the form's 分值 10 + 50 + 40 = 100, 得分 8.4 + 48.36 + 40 = 96.76
    return [
        [title, "", "", "", "", "", "", "", ""],
        INDICATOR_HEAD,
        ["", "效益指标", "经济效益指标", "亩均粮食增产", "≥50公斤", "52公斤", 15, 15, ""],
        ["", "", "可持续影响指标", "农田设施持续发挥效益", "长期", "长期", 15, 15, ""],
        ["", "满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "92%", 10, 10, ""],
        ["总分", "", "", "", "", "", 100, total, ""],
        ["自评等级", "", "", "", "", "", "", grade, ""],
    ]


def test_a_form_going_on_in_the_next_sheet_is_one_form(tmp_path: Path) -> None:
    for title, names in (
        ("项目支出绩效自评表（续）", None),
        ("", ["自评表", "项目支出绩效自评表（续）"]),
        ("2023年度项目支出绩效自评表（续表）", ["自评表", "Sheet2"]),
    ):
        result = book(tmp_path, [(_FIRST, []), (_second(title, 96.76, "优"), [])], names=names)
        assert len(result.instances) == 1, title
        inst = result.instances[0]
        assert inst.total == 96.76
        assert len(inst.indicators) == 7
        assert [f.message for f in result.flags if f.severity in ("error", "warning")] == [], title


def test_a_wrong_total_on_the_second_sheet_is_said_there(tmp_path: Path) -> None:
    # 96.67 typed where the two sheets' points add up to 96.76; the grade 优 is right (≥ 90)
    result = book(tmp_path, [(_FIRST, []), (_second("项目支出绩效自评表（续）", 96.67, "优"), [])])
    assert {(f.sheet, f.cell) for f in result.flags if f.severity == "error"} == {("自评表2", "H6")}
    # each indicator is reported on its own sheet
    assert [(i.sheet, i.cell) for i in result.instances[0].indicators][3:5] == [("自评表1", "H11"), ("自评表2", "H3")]


def test_a_next_sheet_with_its_own_project_is_another_form(tmp_path: Path) -> None:
    # the second sheet prints its own 项目名称 and funds: a second project, not the first's continuation
    second: list[Row] = [
        ["项目支出绩效自评表（续）", "", "", "", "", "", "", "", ""],
        ["项目名称", "农田水利设施维护", "", "", "", "", "", "", ""],
        PROJECT_FUNDS_HEAD,
        ["年度资金总额", "", 100, 100, 100, 10, "100.00%", 10, ""],
        *_second("", 100, "优")[1:5],
        ["", "产出指标", "数量指标", "维护渠道", "≥20公里", "20公里", 50, 50, ""],
        ["总分", "", "", "", "", "", 100, 100, ""],
    ]
    result = book(tmp_path, [(_FIRST, []), (second, [])])
    assert len(result.instances) == 2
    # the review: a part its title calls a department's form does not go on a project's form
    department = _second("部门整体支出绩效自评表（续）", 96.76, "优")
    result = book(tmp_path, [(_FIRST, []), (department, [])], name="department.xlsx")
    assert len(result.instances) == 2


def _rest(title: str, rows: list[Row]) -> list[Row]:
    return [[title, "", "", "", "", "", "", "", ""], INDICATOR_HEAD, *rows]


def test_a_form_over_three_sheets_and_a_xubiao_put_first_are_one_form(tmp_path: Path) -> None:
    # round 44: the same form with its 效益 rows on a second sheet and its 满意度 row, 总分 and 等级 on a third; and
    # with the 续表 sheet put before the first: one form each time, Σ 8.4 + 48.36 + 30 + 10 = 96.76
    middle = _rest("项目支出绩效自评表（续）", _second("", 0, "")[2:4])
    end = _rest("（接上页）", _second("", 96.76, "优")[4:])
    result = book(tmp_path, [(_FIRST, []), (middle, []), (end, [])])
    assert [(len(i.indicators), i.total) for i in result.instances] == [(7, 96.76)]
    assert [f.message for f in result.flags if f.severity in ("error", "warning")] == []
    result = book(tmp_path, [(_second("续表", 96.76, "优"), []), (_FIRST, [])], name="first.xlsx")
    assert [(len(i.indicators), i.total) for i in result.instances] == [(7, 96.76)]
    assert [f.message for f in result.flags if f.severity in ("error", "warning")] == []


def test_two_projects_and_their_rest_interleaved_each_join_their_own(tmp_path: Path) -> None:
    # round 44: project A, project B, A（续）, B（续）, each 续 sheet printing its project's name again: A is the form
    # above (96.76); B has 执行率 100 ÷ 100 → 10, 50 on its first sheet and 40 on its 续: 100
    b_first: list[Row] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "农田水利设施维护", "", "", "", "", "", "", ""],
        PROJECT_FUNDS_HEAD,
        ["年度资金总额", "", 100, 100, 100, 10, "100.00%", 10, ""],
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "维护渠道", "≥20公里", "20公里", 50, 50, ""],
    ]

    def named(project: str, rows: list[Row]) -> list[Row]:
        return [rows[0], ["项目名称", project, "", "", "", "", "", "", ""], *rows[1:]]

    a_rest = named("高标准农田建设项目", _second("项目支出绩效自评表（续）", 96.76, "优"))
    b_rest = named("农田水利设施维护", _second("项目支出绩效自评表（续）", 100, "优"))
    result = book(tmp_path, [(_FIRST, []), (b_first, []), (a_rest, []), (b_rest, [])])
    assert sorted((i.name, len(i.indicators), i.total) for i in result.instances) == [
        ("农田水利设施维护", 4, 100),
        ("高标准农田建设项目", 7, 96.76),
    ]
    assert [f.message for f in result.flags if f.severity in ("error", "warning")] == []


def test_joins_a_second_reader_of_the_change_found_missing(tmp_path: Path) -> None:
    # the review: a 等级 written in the first sheet's header (not below its table), the 续 sheet repeating the header
    # with its 自评总得分 blank or its 项目名称 with a trailing space, a sheet of other data between the two, and the
    # 产出指标（50分） group going on at the top of the 续 sheet (its 成本指标 row's 10 counts in the 50): one form,
    # 96.76, nothing flagged, each time
    graded = [list(row) for row in _FIRST]
    graded[1][7:9] = ["自评等级", "优"]
    repeated = [
        _second("项目支出绩效自评表（续）", 96.76, "优")[0],
        ["项目名称", "高标准农田建设项目 ", "", "", "", "自评总得分", "", "", ""],
    ]
    repeated += _second("", 96.76, "优")[1:]
    grouped = [list(row) for row in _FIRST[:-1]]
    grouped[7][1] = "产出指标（50分）"
    rest = _second("项目支出绩效自评表（续）", 96.76, "优")
    rest.insert(2, ["", "", "成本指标", "亩均建设成本", "≤3000元", "3013元", 10, 9.96, "材料涨价"])
    cases = {
        "graded": [(graded, []), (_second("项目支出绩效自评表（续）", 96.76, "优"), [])],
        "repeated": [(_FIRST, []), (repeated, [])],
        "between": [(_FIRST, []), ([["说明", "附表数据"], ["x", 1]], []), (_second("续表", 96.76, "优"), [])],
        "grouped": [(grouped, []), (rest, [])],
    }
    for name, sheets in cases.items():
        result = book(tmp_path, sheets, name=f"{name}.xlsx")
        assert [(len(i.indicators), i.total) for i in result.instances] == [(7, 96.76)], name
        assert [f.message for f in result.flags if f.severity in ("error", "warning")] == [], name


def test_a_hidden_xubiao_of_a_visible_form_is_joined_and_an_old_one_is_not_scored(tmp_path: Path) -> None:
    # round 44: the form's rest, with its 总分 and 等级, on a hidden sheet "…（续）": it had been dropped (hidden
    # sheets are read only where no visible one holds a 自评表) and the visible part scored alone (56.76, 中)
    import openpyxl
    from corpus.grid import Grid, save

    from perfxl.pipeline import score_paths
    from perfxl.rules import load_rules

    def grid(name: str, rows: list[Row]) -> Grid:
        g = Grid(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value != "":
                    g.put(r, c, value)  # type: ignore[arg-type]
        return g

    rest = _second("项目支出绩效自评表（续）", 96.76, "优")
    path = save([grid("自评表", _FIRST), grid("自评表（续）", rest)], tmp_path / "hidden.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["自评表（续）"].sheet_state = "hidden"
    wb.save(path)
    result = score_paths([path], load_rules("national-2020")).files[0]
    assert [(len(i.indicators), i.total) for i in result.instances] == [(7, 96.76)]
    assert [f.message for f in result.flags if f.severity in ("error", "warning")] == []
    assert any("隐藏的续表" in note for note in result.notes)
    # a hidden old 续表 beside a form already whole (its own visible 续表 joined) is kept aside, not scored
    old = _second("项目支出绩效自评表（续）", 90, "优")
    path = save([grid("自评表", _FIRST), grid("续表", rest), grid("续表(旧)", old)], tmp_path / "old.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["续表(旧)"].sheet_state = "hidden"
    wb.save(path)
    result = score_paths([path], load_rules("national-2020")).files[0]
    assert [(len(i.indicators), i.total) for i in result.instances] == [(7, 96.76)]
    assert [f.message for f in result.flags if f.severity in ("error", "warning")] == []
