"""Parsing what people type, and the precision rule for declared rates (docs/domain.md §6.7)."""

from __future__ import annotations

import pytest

from perfxl.compute.judge import judge_rate
from perfxl.read.percent_cells import percent_cells, percent_styles
from perfxl.read.text import label_key
from perfxl.read.values import amount_text, embedded_weight, fmt, parse_number, parse_weight, parse_yesno, rate_readings


@pytest.mark.parametrize(
    ("raw", "value", "decimals", "percent"),
    [
        (7, 7.0, 0, False),
        (96.31, 96.31, 2, False),
        ("96.13%", 96.13, 2, True),
        ("96.%", 96.0, 0, True),
        ("100", 100.0, 0, False),
        ("397.59 ", 397.59, 2, False),
        (" １２３ ", 123.0, 0, False),
        ("1,234.50", 1234.5, 2, False),
        ("（1,234）", -1234.0, 0, False),
        ("(4.2%)", -4.2, 1, True),  # a fall in accounting brackets
        ("（10%）", -10.0, 0, True),
        ("-10%", -10.0, 0, True),
        ("１０６．１９万元", 106.19, 2, False),
        ("96.13％", 96.13, 2, True),
        ("￥1,205,000.00", 1205000.0, 2, False),  # a currency sign before an amount (NFKC: ￥ → ¥)
        ("¥ 86.5", 86.5, 1, False),
    ],
)
def test_parse_number(raw: object, value: float, decimals: int, percent: bool) -> None:
    parsed = parse_number(raw)
    assert parsed.ok
    assert parsed.value == pytest.approx(value)
    assert (parsed.decimals, parsed.percent) == (decimals, percent)


def test_a_bracketed_word_is_no_negative_number() -> None:
    assert parse_number("(50分)").status == "bad"


@pytest.mark.parametrize("raw", [None, "", "—", "-", "/", "  "])
def test_placeholders_are_empty_not_zero(raw: object) -> None:
    assert parse_number(raw).status == "empty"
    assert parse_number(raw).value is None


@pytest.mark.parametrize("raw", ["约96%", "九十", "12a", float("inf"), True])
def test_unreadable_is_bad(raw: object) -> None:
    assert parse_number(raw).status == "bad"


@pytest.mark.parametrize(("raw", "weight"), [(7, 7.0), ("7分", 7.0), ("（7分）", 7.0), ("(5人)", 5.0), ("7", 7.0)])
def test_weights(raw: object, weight: float) -> None:
    assert parse_weight(raw) == weight


def test_embedded_weight() -> None:
    assert embedded_weight("在职人员控制率（7分）") == 7.0
    assert embedded_weight("经济效益\n(5人)") == 5.0
    assert embedded_weight("在职人员控制率") is None


def test_yesno() -> None:
    assert parse_yesno("是").value == 1.0
    assert parse_yesno("否").value == 0.0
    assert parse_yesno("").status == "empty"
    assert parse_yesno("也许").status == "bad"


def test_a_fraction_formatted_as_percent_has_two_readings() -> None:
    # 0.9613 shown as 96.13% in Excel: the reading nearest the computed rate is used
    assert rate_readings(parse_number(0.9613)) == [(0.9613, 4), (96.13, 2)]
    assert rate_readings(parse_number("96.13%")) == [(96.13, 2)]


@pytest.mark.parametrize(
    ("declared", "decimals", "computed", "verdict"),
    [
        (97, 0, 578.65 / 593.71 * 100, None),  # 97.46 shown as 97%: correct rounding
        (95, 0, 378.89 / 397.59 * 100, None),  # 95.30 -> 95
        (96.13, 2, 464.89 / 483.59 * 100, None),
        (298, 0, 444.96 / 149.03 * 100, "info"),  # 298.57 truncated, rounding gives 299
        (96, 0, 573.02 / 593.71 * 100, "info"),  # 96.52 truncated
        (97, 0, 96.2, "warning"),  # within one unit, but neither rounded nor truncated
        (10, 0, -10.0, "error"),  # sign
        (100, 0, 5.52 / 18 * 100, "error"),  # a pass mark instead of the rate
    ],
)
def test_rate_precision_rule(declared: float, decimals: int, computed: float, verdict: str | None) -> None:
    assert judge_rate(declared, decimals, computed) == verdict


def test_fmt_keeps_integral_zeros() -> None:
    assert fmt(10.0, 0) == "10"
    assert fmt(100.0) == "100"
    assert fmt(96.596) == "96.6"
    assert fmt(-0.001) == "0"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2020年编制人数", "编制人数"),
        ("2020年\n实际在职人数", "实际在职人数"),
        ("“三公经费”预算数", "三公经费预算数"),
        ('"三公经费"预算数', "三公经费预算数"),
        ("在职人员控制率（7分）", "在职人员控制率"),
        ("经济效益 (5人)", "经济效益"),
        ("其中：当年财政拨款", "当年财政拨款"),
        ("按支出性质分：基本支出", "基本支出"),  # a caption written before the label, in its cell
        ("按完成比例计分", "按完成比例计分"),  # no colon: a standard, no caption
        ("内部控制制度完成情况（是/否）", "内部控制制度完成情况(是/否)"),
        ("合  计", "合计"),
        ("在职人员控制率(%)", "在职人员控制率"),
        ("项目支出预算总额（万元）", "项目支出预算总额"),
        ("2020年编制人数（人）", "编制人数"),
        ("（一）财政供养人员情况", "财政供养人员情况"),
        ("经济效益(5人)", "经济效益"),
    ],
)
def test_label_keys(text: str, key: str) -> None:
    assert label_key(text) == key


@pytest.mark.parametrize(
    ("raw", "text", "wan"),
    [
        ("150万", "150", True),
        (" 1.2万元 ", "1.2", True),
        ("150元", "150元", False),  # parse_number reads 元 itself
        ("1,234.50", "1,234.50", False),
        (3.36, 3.36, False),
        (None, None, False),
    ],
)
def test_amount_text(raw: object, text: object, wan: bool) -> None:
    assert amount_text(raw) == (text, wan)
    if wan:
        assert parse_number(text).value == float(str(text))


def test_number_cells_in_a_percentage_format() -> None:
    # styles: built-in 9 ("0%") and 10 ("0.00%"), a format code with %, and one whose % is a quoted sign
    styles = (
        b'<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/>'
        b'<numFmt numFmtId="165" formatCode="0.0&quot;%&quot;"/></numFmts>'
        b'<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="10" applyNumberFormat="1"/>'
        b'<xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="9"/></cellXfs></styleSheet>'
    )
    assert percent_styles(styles) == {(1, 2), (2, 1), (4, 0)}  # with the decimals each shows
    sheet = (
        b'<sheetData><row r="1"><c r="A1" s="1"><v>0.0672</v></c><c r="B1" s="2" t="n"><v>0.9135</v></c>'
        b'<c r="C1" s="3"><v>0.25</v></c><c r="D1" s="1" t="s"><v>3</v></c><c r="E1"><v>0.5</v></c>'
        b'<c r="F1" s="4"><f>B2/C2</f><v>1</v></c></row></sheetData>'
    )
    # the percentage each shows, at full precision; a shared string, an unstyled number and a quoted % are left
    assert percent_cells(sheet, percent_styles(styles)) == {"A1": "6.72%", "B1": "91.35%", "F1": "100%"}
    # 0.92 in "0.00%" shows 92.00%, as the person sees it (then judged to 2 places), and 0.925 in "0.0%" 92.5%
    shown = b'<sheetData><row r="1"><c r="A1" s="1"><v>0.92</v></c><c r="B1" s="2"><v>0.925</v></c></row></sheetData>'
    assert percent_cells(shown, percent_styles(styles)) == {"A1": "92.00%", "B1": "92.5%"}
