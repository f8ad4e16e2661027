"""The scored copy: the person's workbook unchanged except the cells perfxl fills or flags."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from marks import FLAGGED, mark_of

from perfxl import api
from perfxl.rules import load_rules
from perfxl.write.scored import cell_edits
from perfxl.write.templates import write_template

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _snapshot(path: Path, sheets: list[str]) -> dict[str, Any]:
    book = openpyxl.load_workbook(path)  # not data_only: formulas are compared as formulas
    snap: dict[str, Any] = {}
    for name in sheets:
        sheet = book[name]
        snap[name] = {
            "cells": {
                # styles as repr: openpyxl's StyleProxy objects do not compare equal to each other
                cell.coordinate: (
                    cell.value,
                    repr(cell.font),
                    repr(cell.fill),
                    repr(cell.border),
                    cell.number_format,
                    repr(cell.alignment),
                    repr(cell.protection),
                )
                for row in sheet.iter_rows()
                for cell in row
            },
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "widths": {k: v.width for k, v in sheet.column_dimensions.items()},
            "print": (
                sheet.page_setup.orientation,
                sheet.page_setup.paperSize,
                sheet.page_setup.fitToWidth,
                sheet.print_title_rows,
                sheet.freeze_panes,
            ),
            "validations": len(sheet.data_validations.dataValidation),
        }
    return snap


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """Seed 001 in the template with the rate 项目支出执行率 and three scores left blank."""
    from samples_data import SEED_001

    blank = ("base_data.project.rate", "score:在职人员控制率", "score:预算完成率", "score:公用经费控制率", "total")
    values = {k: v for k, v in SEED_001.items() if k not in blank}
    path = tmp_path / "自评.xlsx"
    write_template(load_rules(), path, values, unit="益阳市大通湖区政务中心")
    return path


def test_nothing_else_changes(filled: Path, tmp_path: Path) -> None:
    digest = hashlib.sha256(filled.read_bytes()).hexdigest()
    before = _snapshot(filled, ["附件4", "附件5"])
    out = tmp_path / "out.xlsx"
    report = api.score(filled, out)
    assert hashlib.sha256(filled.read_bytes()).hexdigest() == digest  # the input is never modified
    edited = {(e.sheet, e.cell) for e in cell_edits(report.files[0])}
    after = _snapshot(out, ["附件4", "附件5"])
    for sheet in ("附件4", "附件5"):
        for key in ("merged", "widths", "print", "validations"):
            assert after[sheet][key] == before[sheet][key], (sheet, key)
        for cell, props in before[sheet]["cells"].items():
            if (sheet, cell) not in edited:
                assert after[sheet]["cells"][cell] == props, (sheet, cell)
            else:  # an edited cell keeps its font, border, format and alignment; only fill (and value) change
                assert after[sheet]["cells"][cell][1] == props[1] and after[sheet]["cells"][cell][3] == props[3]
    summary = openpyxl.load_workbook(out)["评分结果"]["A2"].value
    assert summary.endswith(
        "标记：浅绿底带细点 = perfxl 填入的值(批注写明计算过程)；浅红底带斜线 = 与复核结果不一致(见「一致性检查」)"
    )
    assert openpyxl.load_workbook(out).sheetnames == [
        "项目支出绩效自评表",
        "部门整体支出绩效自评表",
        "附件4",
        "附件5",
        "评分结果",
        "一致性检查",
    ]


def test_blank_cells_are_filled_with_the_working(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    api.score(filled, out)
    book = openpyxl.load_workbook(out)
    s4, s5 = book["附件4"], book["附件5"]
    # 项目支出执行率 464.89 / 483.59 = 96.133 %: blank (General) in the input, filled as a number shown as a percent
    assert (s4["D9"].value, s4["D9"].number_format) == (0.9613, "0.00%")
    assert s4["D9"].comment.text == "perfxl 计算: 464.89 / 483.59 = 96.13%"
    # 在职人员控制率 6 / 7 = 85.71 % ≤ 100 % → 7; 预算完成率 96.60 % → 5 (less than one 5-point step)
    assert s5["I3"].value == 7
    assert s5["I3"].comment.text == (
        "perfxl 计算: 按本表评价标准「≤100% 计满分，每超过1个百分点扣0.2分，扣完为止」: 85.71% ≤ 100% → 7分 "
        "(在职人员控制率 = 6 / 7 = 85.71%)"
    )
    assert s5["I5"].value == 5
    # 公用经费控制率 has no inputs: left blank, flagged, and the total is partial
    assert s5["I9"].value is None and "未填写得分" in s5["I9"].comment.text
    # flagged declared values keep what the person typed
    assert s4["D7"].value == "10%" and "符号相反" in s4["D7"].comment.text
    assert mark_of(s4["D7"]) == FLAGGED


def test_result_sheets(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    report = api.score(SAMPLES / "全部问题示例.xlsx", out)
    book = openpyxl.load_workbook(out)
    result, checks = book["评分结果"], book["一致性检查"]
    assert result.page_setup.orientation == "landscape" and result.print_title_rows == "$1:$3"
    rows = list(result.iter_rows(min_row=4, values_only=True))
    zaizhi = next(r for r in rows if r[0] == "指标" and r[1] == "在职人员控制率")
    # the row prints 分值 8 (rule set: 7) beside a standard that says only 计满分: scored out of the printed 8
    basis = (
        "按本表评价标准「≤100% 计满分，每超过1个百分点扣0.2分，扣完为止」: 85.71% ≤ 100% → 8分 "
        "(在职人员控制率 = 6 / 7 = 85.71%)"
    )
    assert zaizhi[2:] == (8, basis, 8, 8, 9, "✗", "I3")
    total = next(r for r in rows if r[0] == "合计")
    assert (total[4], total[6], total[7]) == (91, 95, "✗")
    flags = report.files[0].flags
    listed = list(checks.iter_rows(min_row=3, values_only=True))
    assert len(listed) == len(flags)
    assert [r[1] for r in listed] == sorted((r[1] for r in listed), key=["错误", "警告", "提示"].index)
    assert [r[2] for r in listed] == [f.code.zh for f in report.files[0].sorted_flags()]  # names, not codes
    link = checks.cell(row=3, column=5).hyperlink  # 单元格: the column after 问题 and 工作表
    assert link is not None and link.location.startswith("'附件")
    assert checks.freeze_panes == "A3"


def test_output_over_the_input_is_refused(tmp_path: Path) -> None:
    from perfxl.errors import OutputError

    src = tmp_path / "a.xlsx"
    src.write_bytes((SAMPLES / "大通湖政务中心2020.xlsx").read_bytes())
    with pytest.raises(OutputError, match="不能与输入文件相同"):
        api.score(src, src, force=True)
    assert not list(tmp_path.glob(".perfxl-*"))  # no temporary file left behind


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    api.score(SAMPLES / "大通湖政务中心2020.xlsx", first)
    api.score(SAMPLES / "大通湖政务中心2020.xlsx", second)
    assert first.read_bytes() == second.read_bytes()


def test_a_blank_grade_cell_is_filled_and_never_reads_none(tmp_path: Path) -> None:
    """Seed 001 leaves 附件5's 等级 (I21) blank; by hand its 合计 is 90 → 优 (优 ≥ 90)."""
    out = tmp_path / "评分.xlsx"
    result = api.score(SAMPLES / "大通湖政务中心2020.xlsx", out).files[0]
    assert result.declared_grade is None and result.grade == "优" and result.grade_at == ("附件5", "I21")
    book = openpyxl.load_workbook(out)
    assert book["附件5"]["I21"].value == "优"
    grade_rows = [row for row in book["评分结果"].iter_rows(values_only=True) if row[0] == "等级"]
    assert grade_rows and all("None" not in row for row in grade_rows)  # the text "None", not a blank cell


def test_an_incomplete_total_has_no_grade_and_the_terminal_says_so(filled: Path, tmp_path: Path) -> None:
    """公用经费控制率 is left blank and no rule can score it, so the total is incomplete: no grade, and no "None"."""
    from click.testing import CliRunner

    from perfxl.cli import main

    result = api.score(filled, write=False).files[0]
    assert result.grade is None and result.total is not None
    done = CliRunner().invoke(main, ["score", str(filled), "-o", str(tmp_path / "out.xlsx")])
    assert done.exit_code == 0
    line = next(text for text in done.output.splitlines() if text.startswith("总分:"))
    assert "None" not in line and "等级: 未评定(有得分未填写或无法读取，总分不完整)" in line


def test_the_copy_is_made_from_the_bytes_that_were_scored(tmp_path: Path) -> None:
    # issue 18 item 5: the write-back read the input again from disk, so a file replaced after it was scored gave
    # one department's sheets under another's 评分结果
    from perfxl.errors import ErrorCode, OutputError
    from perfxl.pipeline import score_paths
    from perfxl.rules import load_rules
    from perfxl.write.scored import write_scored

    src = tmp_path / "甲.xlsx"
    shutil.copy(SAMPLES / "大通湖政务中心2020.xlsx", src)
    rules = load_rules("yiyang-2020")
    result = score_paths([src], rules).files[0]
    assert result.fingerprint is not None
    shutil.copy(SAMPLES / "全部问题示例.xlsx", src)  # replaced by another return after scoring
    with pytest.raises(OutputError) as raised:
        write_scored(src, tmp_path / "甲_评分.xlsx", result, rules)
    assert raised.value.code is ErrorCode.INPUT_CHANGED
    assert str(raised.value) == f"{src}: 输入文件在评分之后被改动过，评分副本未写出；请重新评分"
    assert not (tmp_path / "甲_评分.xlsx").exists()
    shutil.copy(SAMPLES / "大通湖政务中心2020.xlsx", src)  # the same bytes again: written
    write_scored(src, tmp_path / "甲_评分.xlsx", result, rules)
    assert (tmp_path / "甲_评分.xlsx").exists()


def test_a_killed_runs_temporary_files_are_removed(tmp_path: Path) -> None:
    # issue 18 item 8: `.perfxl-*.tmp` files left by a killed run were never cleaned
    import os
    import time

    stale, fresh = tmp_path / ".perfxl-abc123.tmp", tmp_path / ".perfxl-def456.tmp"
    stale.write_bytes(b"half a workbook")
    fresh.write_bytes(b"another run, writing now")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    api.score(SAMPLES / "大通湖政务中心2020.xlsx", tmp_path / "out.xlsx")
    assert not stale.exists() and fresh.exists()  # only what is hours old: a run in progress keeps its file


def test_a_rates_computed_value_is_a_percent_beside_its_declared_one(tmp_path: Path) -> None:
    # issue 17: 填报值 "10%" was printed beside 计算值 "-10"; the computed rate is now a number shown as a percent
    out = tmp_path / "out.xlsx"
    api.score(SAMPLES / "大通湖政务中心2020.xlsx", out, rules="yiyang-2020")
    checks = openpyxl.load_workbook(out)["一致性检查"]
    row = next(r for r in checks.iter_rows(min_row=3) if r[5].value == "三公经费变动率")
    assert (row[6].value, row[7].value, row[7].number_format) == ("10%", -10, '0.00"%"')


def test_a_persons_own_comment_is_never_edited(tmp_path: Path) -> None:
    # issue 17: perfxl's text was appended inside the person's comment, under their name, in a box too small for it
    from openpyxl.comments import Comment

    src = tmp_path / "批注.xlsx"
    book = openpyxl.load_workbook(SAMPLES / "大通湖政务中心2020.xlsx")
    book["附件4"]["D7"].comment = Comment("按局里口径填写", "张三")  # D7: the 三公经费变动率 perfxl flags
    book.save(src)
    report = api.score(src, tmp_path / "out.xlsx", rules="yiyang-2020")
    comment = openpyxl.load_workbook(tmp_path / "out.xlsx")["附件4"]["D7"].comment
    assert comment is not None and (comment.text, comment.author) == ("按局里口径填写", "张三")
    assert "工作表「附件4」D7 已有批注，未改动，perfxl 的说明见「一致性检查」表" in report.files[0].notes
    assert any(f.cell == "D7" and f.sheet == "附件4" for f in report.files[0].flags)  # said in 一致性检查


def test_a_formula_replaced_by_a_filled_value_is_said(tmp_path: Path) -> None:
    # issue 17: a formula whose result is "" was replaced by a number (here the 等级) without a word
    import re
    import zipfile

    src = tmp_path / "公式.xlsx"
    with zipfile.ZipFile(SAMPLES / "大通湖政务中心2020.xlsx") as zin, zipfile.ZipFile(src, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet4.xml":  # 附件5: I21 is the blank 等级 perfxl fills
                formula = b'<c r="I21"\\1 t="str"><f>IF(I20&gt;=90,"","")</f><v></v></c>'
                data = re.sub(rb'<c r="I21"( s="\d+")?/>', formula, data, count=1)
                assert b"<f>IF(I20" in data
            zout.writestr(item, data)
    report = api.score(src, tmp_path / "out.xlsx", rules="yiyang-2020")
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")["附件5"]["I21"].value == "优"
    assert '工作表「附件5」单元格 I21 原有公式「=IF(I20>=90,"","")」，已替换为复核值' in report.files[0].notes


def test_a_structure_protected_workbook_is_said(tmp_path: Path) -> None:
    # issue 17: a workbook whose structure is protected got two sheets added silently
    import zipfile

    src = tmp_path / "保护.xlsx"
    with zipfile.ZipFile(SAMPLES / "大通湖政务中心2020.xlsx") as zin, zipfile.ZipFile(src, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"<bookViews>", b'<workbookProtection lockStructure="1"/><bookViews>', 1)
            zout.writestr(item, data)
    report = api.score(src, tmp_path / "out.xlsx", rules="yiyang-2020")
    assert (
        "工作簿设置了结构保护，perfxl 仍加入了「评分结果」「一致性检查」，其余工作表与保护设置不变"
        in report.files[0].notes
    )
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.security is not None and book.security.lockStructure
    assert book.sheetnames[-2:] == ["评分结果", "一致性检查"]


def _wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped cell of ``width`` characters takes (CJK characters count two), counted independently."""
    usable = max(width - 1, 1)
    return sum(max(1, -(-sum(2 if ord(ch) > 0x2E7F else 1 for ch in seg) // usable)) for seg in text.split("\n"))


@pytest.mark.parametrize("size", [9, 11, 14, 16])
def test_rows_are_as_tall_as_the_workbooks_font(tmp_path: Path, size: int) -> None:
    # issue 17: rows were 15 pt per line whatever the font, so a 14 pt default font struck every row through and
    # the last line of wrapped text was cut by the next border
    import re
    import zipfile

    from perfxl.write.patch.sheets import line_height

    src = tmp_path / f"{size}.xlsx"
    default_font = re.compile(rb'(<fonts[^>]*><font>(?:(?!</font>).)*?<sz val=")[0-9.]+')
    with zipfile.ZipFile(SAMPLES / "大通湖政务中心2020.xlsx") as zin, zipfile.ZipFile(src, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/styles.xml":  # the default font (fontId 0) at ``size`` points
                data, n = default_font.subn(rb"\g<1>%d" % size, data, count=1)
                assert n == 1
            zout.writestr(item, data)
    api.score(src, tmp_path / "out.xlsx", rules="yiyang-2020")
    line = line_height(size)
    assert line >= size * 1.3  # a line of CJK text at ``size`` points
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    for name in ("评分结果", "一致性检查"):
        ws = book[name]
        assert ws.sheet_format.defaultRowHeight == line
        widths = {col: dim.width for col, dim in ws.column_dimensions.items()}
        for row in ws.iter_rows(min_row=3):
            wrapped = [c for c in row if isinstance(c.value, str) and c.alignment.wrap_text]
            needed = max((_wrapped_lines(c.value, widths[c.column_letter]) for c in wrapped), default=1)
            height = ws.row_dimensions[row[0].row].height or ws.sheet_format.defaultRowHeight
            assert height >= min(409, needed * line), (name, row[0].row, height, needed)


def test_the_new_sheets_fit_a4_landscape_without_shrinking(tmp_path: Path) -> None:
    # issue 17: 一致性检查 printed at about 7.5 pt after fit-to-width; its columns now add up to what A4 landscape
    # holds at 100 % inside its margins (10.69 in ≈ 770 pt; ~5.25 pt per character of an 11 pt font), long text wrapping
    from perfxl.write.scored import PAGE_WIDTH

    assert PAGE_WIDTH * 5.25 <= (11.69 - 2 * 0.5) * 72
    out = tmp_path / "out.xlsx"
    api.score(SAMPLES / "全部问题示例.xlsx", out, rules="yiyang-2020")
    book = openpyxl.load_workbook(out)
    for name in ("评分结果", "一致性检查"):
        ws = book[name]
        assert sum(dim.width for dim in ws.column_dimensions.values()) <= PAGE_WIDTH, name
        assert (ws.page_margins.left, ws.page_margins.right) == (0.5, 0.5)
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9


def test_a_self_evaluation_forms_blank_score_total_and_grade_are_filled(tmp_path: Path) -> None:
    """Round 30: a 项目支出绩效自评表 with one indicator's 得分, its 执行率得分, its 总分 and its 等级 left blank.
    By hand: 执行率 243 ÷ 240 capped at 100 % → 10; 新增托育服务人数 180 of ≥200人 → 20 × 0.9 = 18; the other scores as
    typed; 10 + 18 + 4.78 + 9.24 + 15 + 12.98 + 20 = 90.00 → 优."""
    head = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""]
    rows: list[list[object]] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "普惠托育服务体系建设补助", "", "", "", "", "", "", ""],
        ["项目资金(万元)", "", *head],
        ["", "年度资金总额", 240, 240, 243, 10, "101.25%", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["", "产出指标", "数量指标", "新增托育服务人数", "≥200人", "180人", 20, "", "部分机构年底投运"],
        ["", "", "质量指标", "设备验收合格率", "100%", "95.5%", 5, 4.78, "两台设备返厂"],
        ["", "", "时效指标", "补助资金支付进度", "100%", "92.35%", 10, 9.24, "待验收后支付"],
        ["", "", "成本指标", "每托位建设补助", "≤1万元", "1万元", 15, 15, ""],
        ["", "效益指标", "社会效益指标", "新增普惠托位", "≥2000个", "1298个", 20, 12.98, "跨年度建设"],
        ["", "满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "95%", 20, 20, ""],
        ["", "总分", "", "", "", "", 100, "", ""],
        ["", "自评等级", "", "", "", "", "", "", ""],
    ]
    sheet = _scored_sheet(tmp_path, rows)
    assert sheet["H4"].value == 10
    assert sheet["H4"].comment.text == "perfxl 计算: 执行率得分 = 分值 10 × 100.00% = 10"  # 243 ÷ 240, capped
    assert sheet["H6"].value == 18
    assert sheet["H12"].value == 90
    assert "执行率得分与各指标得分之和" in sheet["H12"].comment.text
    assert sheet["H13"].value == "优"
    # round 31: a grade row that holds a placeholder ("等级 | —") is the person's: nothing written beside it
    rows[-1] = ["", "自评等级", "—", "", "", "", "", "", ""]
    sheet = _scored_sheet(tmp_path, rows)
    assert (sheet["C13"].value, sheet["H13"].value) == ("—", None)


def test_a_dash_typed_in_a_parts_rate_is_not_written_over(tmp_path: Path) -> None:
    """Round 45: "—" typed in the 执行率 of the 财政拨款 line is the unit's (docs/domain.md: a placeholder is never
    written over); only the blank 执行率 of the 其他资金 line is filled: 20 ÷ 40 = 50 %."""
    head = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""]
    rows: list[list[object]] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        ["项目名称", "农村公路养护", "", "", "", "", "", "", ""],
        ["项目资金(万元)", "", *head],
        ["", "年度资金总额", 240, 240, 230, 10, "95.83%", 9.58, ""],
        ["", "其中：财政拨款", 200, 200, 210, "", "—", "", ""],
        ["", "其他资金", 40, 40, 20, "", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["", "产出指标", "数量指标", "养护里程", "≥100公里", "100公里", 90, 90, ""],
        ["", "总分", "", "", "", "", 100, 99.58, ""],
    ]
    sheet = _scored_sheet(tmp_path, rows)
    assert sheet["G5"].value == "—"
    assert sheet["G6"].value == 0.5


def _scored_sheet(tmp_path: Path, rows: list[list[object]]) -> Any:
    """The scored copy's sheet of a one-sheet workbook of ``rows`` (national rule set)."""
    from corpus.grid import Grid, save

    grid = Grid("自评表")
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                grid.put(r, c, value)  # type: ignore[arg-type]
    src = save([grid], tmp_path / "t.xlsx")
    out = tmp_path / "out.xlsx"
    api.score(src, out, rules=load_rules("national-2020"), force=True)
    return openpyxl.load_workbook(out)["自评表"]


def _with_macros(src: Path, dst: Path) -> Path:
    """The workbook at src as an .xlsm at dst holding a (fake) VBA project its workbook relates to."""
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":
                rel = (
                    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
                    b' Target="vbaProject.bin"/></Relationships>'
                )
                data = data.replace(b"</Relationships>", rel)
            zout.writestr(item, data)
        zout.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a VBA project")
    return dst


def test_a_batchs_copies_say_what_they_could_not_keep_and_why_they_were_not_written(tmp_path: Path) -> None:
    # round 85: a batch's copy of a workbook with macros says they were removed, as `perfxl score` does (before: said
    # nowhere); a copy whose folder cannot be made says why in Chinese (before: "[Errno 17] File exists: …")
    (tmp_path / "in" / "a").mkdir(parents=True)
    (tmp_path / "in" / "b").mkdir()
    _with_macros(SAMPLES / "大通湖政务中心2020.xlsx", tmp_path / "in" / "a" / "甲.xlsm")
    shutil.copy(SAMPLES / "大通湖政务中心2020.xlsx", tmp_path / "in" / "b" / "乙.xlsx")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "b").write_text("x")  # a file where the copy's folder would go
    done = api.audit([tmp_path / "in"], tmp_path / "汇总.xlsx", write_back=tmp_path / "out")
    try:
        by_name = {Path(f.file).name: f for f in done.report.files}
    finally:
        done.close()
    assert "已移除宏(vbaProject.bin)" in by_name["甲.xlsm"].notes
    assert by_name["甲.xlsm"].output == str(tmp_path / "out" / "a" / "甲_评分.xlsx")
    assert by_name["乙.xlsx"].output_error == f"{tmp_path / 'out' / 'b'}: 无法创建文件夹(已有同名的文件)"
