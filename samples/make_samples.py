"""Build the sample workbooks in this folder from seed 001's real numbers, in perfxl's own template.

    python samples/make_samples.py          # rewrites the inputs; `perfxl score` makes the outputs

大通湖政务中心2020.xlsx         附件4/附件5 of 益阳市大通湖区政务中心 2020 (shared/seeds/001), typed as published,
                               in perfxl's own template.
全部问题示例.xlsx               the same return with one mistake of every kind perfxl reports (one per finding code).
大通湖政务中心2020_全套.xlsx    seed 001 as published: 部门整体支出绩效自评表 + 附件4 + 附件5 in the seed's layout.
梁平政务服务办2021.xlsx         seed 003 (重庆梁平): 部门整体绩效目标自评表 and two 项目资金绩效目标自评表.
全南大厅运行经费2021.xlsx       seed 004 (江西全南): the 项目支出 score table of the report.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import seed_tables

from perfxl.rules import load_rules
from perfxl.write.templates import write_template

HERE = Path(__file__).resolve().parent
UNIT = "益阳市大通湖区政务中心"

# Seed 001, 附件4 and 附件5, as published (rates as typed, "397.59 " with its trailing space).
SEED_001: dict[str, object] = {
    "base_data.staff.quota": 7,
    "base_data.staff.actual": 6,
    "base_data.staff.change": 1,
    "base_data.sgjf_change.last": 20,
    "base_data.sgjf_change.this": 18,
    "base_data.sgjf_change.rate": "10%",
    "base_data.project.budget": 483.59,
    "base_data.project.actual": 464.89,
    "base_data.project.rate": "96.13%",
    "base_data.completion.budget": 593.71,
    "base_data.completion.final": 578.65,
    "base_data.completion.rate": "97%",
    "base_data.adjustment.initial": 149.03,
    "base_data.adjustment.change": 444.96,
    "base_data.adjustment.rate": "298%",
    "base_data.carryover.last": 5.35,
    "base_data.carryover.this": 20.40,
    "base_data.carryover.rate": "281%",
    "base_data.sgjf_control.budget": 18,
    "base_data.sgjf_control.actual": 5.52,
    "base_data.sgjf_control.rate": "100%",
    "base_data.procurement.budget": "397.59 ",
    "base_data.procurement.actual": "378.89 ",
    "base_data.procurement.rate": "95%",
    "base_data.assets.total": 96.31,
    "base_data.assets.in_use": 96.31,
    "base_data.assets.rate": "100%",
    "score:在职人员控制率": 7,
    "score:三公经费变动率": 8,
    "score:预算完成率": 5,
    "score:预算控制率": 0,
    "score:新建楼堂馆所面积控制率": 5,
    "score:新建楼堂馆所投资概算控制率": 5,
    "score:公用经费控制率": 2,
    "score:三公经费控制率": 8,
    "score:管理制度健全性": 8,
    "score:资金使用合规性": 5,
    "score:预决算信息公开性": 2,
    "score:目标任务实际完成率": 8,
    "score:经济效益": 15,
    "score:行政效能": 6,
    "score:社会公众或服务对象满意度": 6,
    "merge_scores": [["经济效益", "社会效益", "生态效益"]],
    "total": 90,
}

# One mistake of every kind, on top of the seed's own (rate-mismatch ×2, truncation, blank 是/否 cells,
# declared-only scores that cannot be verified):
EVERY_FINDING: dict[str, object] = {
    **SEED_001,
    "base_data.procurement.budget": "三百九十七",  # bad-value
    "score:在职人员控制率": 9,  # score-over-weight (weight 7), score-mismatch (rule: 7)
    "score:预算控制率": 4,  # score-mismatch (298.57 % > 30 % → 0)
    "total": 95,  # sum-mismatch (declared scores add up to 96)
    "grade": "良",  # grade-mismatch (the declared scores add up to 96 → 优)
}
# weight-mismatch: the form says 8 where the rules say 7; and sum-mismatch: the 分值 now add up to 101, not the 100
# printed under them
WEIGHT_TYPO = ("在职人员控制率", 8)


def build(folder: Path = HERE) -> list[Path]:
    """Write the sample inputs; returns their paths."""
    rules = load_rules("yiyang-2020")
    seed = folder / "大通湖政务中心2020.xlsx"
    write_template(rules, seed, SEED_001, unit=UNIT)
    every = folder / "全部问题示例.xlsx"
    write_template(rules, every, EVERY_FINDING, unit=UNIT)
    _retype_weight(every, *WEIGHT_TYPO)
    published = [
        seed_tables.seed001_self_eval(folder / "大通湖政务中心2020_全套.xlsx"),
        seed_tables.seed003_chongqing(folder / "梁平政务服务办2021.xlsx"),
        seed_tables.seed004_quannan(folder / "全南大厅运行经费2021.xlsx"),
    ]
    return [seed, every, *published]


def _retype_weight(path: Path, indicator: str, weight: float) -> None:
    """Change one printed weight, as a person editing an old form would."""
    book = openpyxl.load_workbook(path)
    sheet = book["附件5"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == indicator:
                sheet.cell(cell.row, cell.column + 1).value = weight
    book.save(path)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
