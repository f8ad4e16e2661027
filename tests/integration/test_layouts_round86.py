"""重庆's forms (round 86): the layout of 梁平区政务服务管理办公室's 2021 附件1 部门整体绩效目标自评表 (docs/domain.md
[S003]), filled by the second reader with figures of its own (composed); every figure worked by hand below."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import score_grid

from perfxl.compute.targets import read_quantity

# the 执行率 printed (5388.56 ÷ 5612.4 = 96.01 %) with "/" for its 权重分值 and 得分, the note under it saying it is not
# scored on its own; the indicators' 权重分值 make 100 by themselves
NO_EXEC_POINTS: list[list[object]] = [
    ["部门整体绩效目标自评表"],
    ["（2024年度）"],
    ["部门名称", "区卫生健康委员会", "", "", "自评总得分", "", 98.1, "", "自评等级", "", "优"],
    ["联系人", "周**", "", "", "联系电话", "", "58******"],
    [
        "全年预算执行情况（万元）",
        "",
        "年初预算数",
        "",
        "全年（调整）预算数",
        "",
        "全年执行数",
        "",
        "执行率权重分值",
        "",
        "执行率",
        "执行率得分",
    ],
    ["", "", 5230.18, "", 5612.4, "", 5388.56, "", "/", "", 0.9601, "/"],
    ["年度总体目标", "年初预期目标", "", "", "", "", "", "全年目标实际完成情况"],
    [
        "",
        "做实家庭医生签约服务，落实国家免疫规划，推进分级诊疗。",
        "",
        "",
        "",
        "",
        "",
        "签约29.3万人，免疫规划疫苗接种率98.6%。",
    ],
    [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "度量单位",
        "指标性质",
        "年初指标值",
        "调整指标值",
        "全年实际值",
        "权重分值",
        "得分系数",
        "指标得分",
        "是否核心指标",
        "偏差原因分析及改进措施",
    ],
    ["", "产出指标", "数量指标", "家庭医生签约服务人数", "万人", "≥", 28, "/", 29.3, 15, 1, 15, "是"],
    ["", "", "", "适龄儿童免疫规划疫苗接种率", "%", "≥", 95, "/", 98.6, 10, 1, 10, "是"],
    [
        "",
        "",
        "质量指标",
        "基层医疗机构标准化建设达标率",
        "%",
        "≥",
        90,
        "/",
        86.4,
        10,
        0.96,
        9.6,
        "否",
        "2家村卫生室迁建未完工",
    ],
    ["", "", "时效指标", "法定传染病报告及时率", "%", "≥", 98, "/", 99.5, 10, 1, 10, "否"],
    ["", "", "成本指标", "人均基本公共卫生服务经费补助标准", "元", "=", 89, "/", 89, 5, 1, 5, "否"],
    ["", "效益指标", "社会效益指标", "孕产妇死亡率", "/10万", "≤", 15, "/", 12.2, 10, 1, 10, "是"],
    ["", "", "", "婴儿死亡率", "‰", "≤", 5, "/", 4.1, 10, 1, 10, "是"],
    [
        "",
        "",
        "可持续影响指标",
        "分级诊疗制度运行",
        "—",
        "定性",
        "优",
        "/",
        "良",
        10,
        0.85,
        8.5,
        "否",
        "基层首诊率仍偏低",
    ],
    ["", "满意度指标", "服务对象满意度指标", "居民就医满意度", "%", "≥", 90, "/", 91.3, 20, 1, 20, "是"],
    ["", "合计", "", "", "", "", "", "", "", 100, 0.981, 98.1],
    [
        "注：本表执行率不单独计分，绩效指标权重分值合计100分；自评等级：90分(含)以上为优，80(含)-90分为良，60(含)-80分为中，60分以下为差。"
    ],
]
MERGED = [
    "A1:N1",
    "A20:N20",
    "A2:N2",
    "A5:B6",
    "A7:A8",
    "A9:A19",
    "B10:B14",
    "B15:B17",
    "B19:I19",
    "B3:D3",
    "B4:D4",
    "B7:G7",
    "B8:G8",
    "C10:C11",
    "C15:C16",
    "C5:D5",
    "C6:D6",
    "E3:F3",
    "E4:F4",
    "E5:F5",
    "E6:F6",
    "G3:H3",
    "G4:N4",
    "G5:H5",
    "G6:H6",
    "H7:N7",
    "H8:N8",
    "I3:J3",
    "I5:J5",
    "I6:J6",
    "K3:N3",
    "L5:M5",
    "L6:M6",
]


@pytest.mark.parametrize("none", ["/", 0])
def test_a_rate_printed_with_no_points(tmp_path: Path, none: object) -> None:
    # Σ 权重分值 15 + 10 + 10 + 10 + 5 + 10 + 10 + 10 + 20 = 100; Σ 指标得分 15 + 10 + 9.6 + 10 + 5 + 10 + 10 + 8.5 +
    # 20 = 98.1, as the header says, 优 (before: the rule set's 10 points for the 执行率 added: "应为 107.7", "110")
    # 执行率权重分值 (I6) and 执行率得分 (L6): "/" or 0 (the review)
    result = score_grid(tmp_path, "部门整体", NO_EXEC_POINTS, MERGED, {"I6": none, "L6": none})
    assert [(f.cell, f.code.value) for f in result.flags if f.severity in ("error", "warning")] == []
    assert result.instances[0].total == pytest.approx(98.1)


@pytest.mark.parametrize(
    ("said", "grade"),
    [
        ("部分达成并具有一定效果", "中"),  # the national tiers' own words (before: not a grade)
        ("部分达成年度指标并具有一定效果", "中"),
        ("未达成且效果较差", "差"),
        ("达成年度指标", "优"),
        ("效果较差", None),  # no tier's word: not read as one
        ("达成且效果较差", None),  # words that contradict each other: no tier (the review: before, 优)
    ],
)
def test_the_tiers_words_about_their_effect(said: str, grade: str | None) -> None:
    assert read_quantity(said).grade == grade
