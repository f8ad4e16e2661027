"""Round 141's correct department books (附件4 + 附件5 on 益阳's [S001] template, as 南县
http://nxjw.nanxian.gov.cn/14890/36191/36192/36209/content_1639681.html and wanglu's 附件3
https://wanglu.net/thread/t4-462766-0.html print theirs), figures composed by a second reader and worked by hand below:
blocks a unit has none of, and a 扣分项 whose 分值 is printed 0."""

from __future__ import annotations

from pathlib import Path

from perfxl import api

HERE = Path(__file__).parent / "variants_round141"


def _said(name: str) -> tuple[float | None, dict[str, str]]:
    found = api.score(HERE / name, write=False).files[0]
    return found.total, {f"{f.cell}": f.severity for f in found.flags if f.code == "missing-value"}


def test_a_block_declared_none_is_no_blank_to_fill() -> None:
    # 政府采购 amounts blank, its 执行率 "/" (本年无政府采购): info, not an error; the book's 合计 98.68 (预算完成
    # 147.25 ÷ 150.4 = 97.91 % → 5, 调整 0 → 5, 三公 0/0 → 8 and 8 as typed) is right
    total, said = _said("c05_no_sangong_no_procurement_slash.xlsx")
    assert total == 98.68
    assert said["B18"] == said["C18"] == "info"


def test_a_block_left_blank_beside_its_unit() -> None:
    # the list in 元 prints "元" beside each figure; the 政府采购 figures and their rate left blank: the unit "元" is no
    # value (before: "「政府采购预算数」的内容「元」无法识别为数字", an error), said as a block perhaps not filled in;
    # the 合计 91.2 (在职 23 ÷ 25 = 92 % → 8, 调整 22.6 ÷ 318 = 7.11 % → 6, 三公控制 7.912 ÷ 8.6 = 92 % → 8)
    total, said = _said("c03_list_yuan_r7_inline_grade.xlsx")
    assert total == 91.2
    assert said["D25"] == said["D26"] == "warning"


def test_a_penalty_whose_points_are_printed_0() -> None:
    # "违规违纪扣分 | 0 | 每项扣1分，最高扣5分 | 发现问题1个 | −1": the 0 bounds nothing (before: "-1 超出 0～0 分" and
    # "应得 0"); the 合计 92.28 takes the 1 off
    found = api.score(HERE / "c12_r7_deduct_row_inside_total_corner_quotes.xlsx", write=False).files[0]
    assert found.total == 92.28
    assert [f for f in found.flags if f.severity != "info"] == []
