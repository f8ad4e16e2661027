"""The twenty-third session's readings: 昌宁's 项目支出绩效自评表 (https://yncn.gov.cn/info/5102/8340150.htm, 2023) as
its page lays it out — the funds line headed "得分（20分*执行率）" — with a note under it in the wording of other
counties' forms (the stored page is cut off before its own notes); the figures composed and worked by hand below."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import book

CHANGNING: list[list[object]] = [
    ["附件3："],
    ["2023年度项目支出绩效自评表"],
    ["单位名称：昌宁县供销合作社联合社", "", "", "", "填报日期：2024年4月12日"],
    ["项目名称", "昌宁县农村电子商务服务体系建设项目"],
    ["主管部门", "昌宁县供销合作社联合社", "", "项目实施单位", "昌宁县供销合作社联合社"],
    ["项目类别", "1、部门预算项目 ☑  2、县直专项 □  3、省市对下转移支付项目 □"],
    ["项目属性", "1、持续性项目 □  2、新增性项目 ☑"],
    ["预算执行情况（万元）（20分）", "", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分（20分*执行率）"],
    ["", "年度财政资金总额", 120, 103.5, 86.25, 18],
    ["年度绩效目标（80分）", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
    ["", "产出指标（40分）", "数量指标", "新建农村电商服务站点（≥个）", 12, 12, 15],
    ["", "", "", "培训电商从业人员（≥人次）", 300, 326, 10],
    ["", "", "质量指标", "站点验收合格率（≥%）", 100, 100, 5],
    ["", "", "时效指标", "项目完成时间（≤年月）", "2023年11月", "2023年10月", 5],
    ["", "", "成本指标", "单个站点建设补助（≤万元）", 8, 7.8, 5],
    ["", "效益指标（30分）", "经济效益指标", "带动农产品网销额（≥万元）", 500, 540, 15],
    ["", "", "社会效益指标", "带动就业人数（≥人）", 40, 43, 15],
    ["", "满意度指标（10分）", "服务对象满意度指标", "受益群众满意度（≥%）", 90, 94, 10],
    ["总分", "", "", "", "", "", 98],
    ["备注：1.预算执行率得分=20分×执行率；2.年度绩效目标完成得分按各指标完成情况计分，达到年初目标值的计满分。"],
]
CHANGNING_MERGED = [
    "A10:A18", "A19:F19", "A20:G20", "A2:G2", "A3:D3", "A8:A9", "B11:B15", "B16:B17", "B4:G4", "B5:C5", "B6:G6",
    "B7:G7", "C11:C12", "E3:G3", "E5:G5", "F8:G8", "F9:G9",
]  # fmt: skip


def _errors(result: object) -> list[tuple[str, str, float | None]]:
    return [(f.cell, f.code.value, f.computed) for f in result.flags if f.severity != "info"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("note", ["1.预算执行率得分=20分×执行率；", "1.预算执行率得分=20分*执行率；", ""])
def test_a_note_that_scores_points_times_the_rate(tmp_path: Path, note: str) -> None:
    # 103.5 ÷ 120 = 86.25 %, 20 × 0.8625 = 17.25, not the 18 typed; the note says what the header says (before:
    # "20分×执行率" unread, and the note, unread, kept the 18); the 总分 98 adds up the scores as typed
    rows = [list(row) for row in CHANGNING]
    rows[-1] = [rows[-1][0].replace("1.预算执行率得分=20分×执行率；", note)]
    said = _errors(book(tmp_path, [(rows, CHANGNING_MERGED)], rules="auto", names=["Sheet1"]))
    assert said == [("F9", "score-mismatch", 17.25)]
