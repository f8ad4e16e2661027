"""Layouts from a nineteenth round of second readers and the defects left from the rounds before (each failed before
the change that reads it). Every expected figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import Row, book, flagged


def _tasks_form(list_score: object = 9.55, total: object = 98.83) -> list[Row]:
    """A 部门整体支出绩效自评表 whose 年度主要任务 list, not its funds block, carries the 10 points outside the
    indicators: each task 分值 × its 执行率 (4 × 98 % = 3.92, 3 × 95 % = 2.85, 3 × 92.5 % = 2.775 → 2.78), 合计
    3.92 + 2.85 + 2.78 = 9.55; the indicators 90 points, 89.28 earned; 总分 100 and 9.55 + 89.28 = 98.83 (优)."""
    return [
        ["2023年度部门整体支出绩效自评表", "", "", "", "", "", "", ""],
        ["部门名称", "县自然资源局", "", "", "", "", "", ""],
        ["年度预算资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率", "", ""],
        ["", "年度资金总额", 900, 1000, 960, "96%", "", ""],
        ["", "其中：财政拨款", 900, 1000, 960, "96%", "", ""],
        ["年度主要任务", "任务名称", "主要内容", "预算数", "执行数", "执行率", "分值", "得分"],
        ["", "机关运行保障", "保障机关正常运转", 500, 490, "98%", 4, 3.92],
        ["", "国土空间规划编制", "编制乡镇国土空间规划", 300, 285, "95%", 3, 2.85],
        ["", "不动产登记服务", "不动产登记窗口运行", 200, 185, "92.5%", 3, 2.78],
        ["", "合计", "", 1000, 960, "96%", 10, list_score],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "完成规划编制", "≥5项", "5项", 20, 20, ""],
        ["", "", "不动产登记办件量", "≥12000件", "11400件", 10, 9.5, "申请量下降"],  # 11400 ÷ 12000 × 10
        ["", "质量指标", "登记差错率", "≤0.5%", "0.45%", 15, 15, ""],
        ["", "时效指标", "登记办结时限", "≤5个工作日", "5个工作日", 10, 10, ""],
        ["", "成本指标", "公用经费控制率", "≤100%", "97%", 10, 10, ""],
        ["效益指标", "社会效益指标", "国土空间规划覆盖率", "≥95%", "96%", 15, 15, ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%", 10, 9.78, "窗口高峰期排队"],  # 88 ÷ 90 × 10
        ["总分", "", "", "", "", 100, total, ""],
        ["评价等级", "", "", "", "", "优", "", ""],
    ]


MERGES = ["A1:H1", "B2:H2", "A3:A5", "A6:A10", "A12:A16", "B12:B13"]


def test_a_list_of_tasks_carries_the_points_outside_the_indicators(tmp_path: Path) -> None:
    result = book(tmp_path, [(_tasks_form(), MERGES)])
    assert result.status == "ok"
    assert flagged(result) == {}
    assert result.total == pytest.approx(98.83)


@pytest.mark.parametrize(
    ("list_score", "total", "cells"),
    [
        # the list's 合计 得分 typed 9.65: Σ 3.92 + 2.85 + 2.78 = 9.55; the 总分 98.83 = 9.55 + 89.28 stands
        (9.65, 98.83, ["H10"]),
        # the 总分 typed 99.83: 9.55 + 89.28 = 98.83
        (9.55, 99.83, ["G19"]),
    ],
)
def test_a_wrong_list_total_or_form_total(tmp_path: Path, list_score: float, total: float, cells: list[str]) -> None:
    result = book(tmp_path, [(_tasks_form(list_score, total), MERGES)])
    assert sorted(flagged(result)) == cells, flagged(result)
