"""The twenty-third session's readings: 昌宁's 项目支出绩效自评表 (https://yncn.gov.cn/info/5102/8340150.htm, 2023) as
its page lays it out — the funds line headed "得分（20分*执行率）" — with a note under it in the wording of other
counties' forms (the stored page is cut off before its own notes); the figures composed and worked by hand below."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus.scored import book
from test_layouts_round114 import YUNNAN, YUNNAN_MERGED
from test_layouts_round121 import (
    DEDUCT_POSITIVE,
    DEDUCT_POSITIVE_MERGED,
    FJ5_SPLIT_0,
    FJ5_SPLIT_0_MERGED,
    FJ5_SPLIT_1,
    FJ5_SPLIT_1_MERGED,
    FJ5_SPLIT_2,
    FJ5_SPLIT_2_MERGED,
)

from perfxl.compute.printed_counts import score_by_count_share, score_by_events
from perfxl.compute.scales import aligned
from perfxl.compute.targets import read_quantity
from perfxl.locate.extra_rows import says_taken_off
from perfxl.locate.found_counts import done_in, faults_found, left_unrectified
from perfxl.locate.stated_text import stated_figure
from perfxl.read.text import label_key

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


# round 128: 云南's 衔接资金 评分表 (tests/integration/test_layouts_round114.py, YUNNAN) with its 调整指标 typed as
# numbers, as Excel keeps "+3 / -10 / -20" typed into a cell, and one 违规违纪 problem found (−2)
def _adjusted(weights: tuple[object, object, object], penalty: float, total: float) -> list[list[object]]:
    rows = [list(row) for row in YUNNAN]
    at = {"机制创新（加分指标）": 0, "数据作假（减分指标）": 1, "违规违纪（减分指标）": 2}
    for row in rows:
        if len(row) > 1 and row[1] in at:
            row[2] = weights[at[row[1]]]
        if len(row) > 1 and row[1] == "违规违纪（减分指标）":
            row[5:7] = ["审计发现违规违纪问题1个", penalty]
        if row[:1] == ["合计"]:
            row[6] = total
    return rows


@pytest.mark.parametrize("weights", [(3, -10, -20), ("+3", "-10", "-20")])
@pytest.mark.parametrize("penalty", [-2, 2])
def test_adjustment_rows_typed_as_numbers(
    tmp_path: Path, weights: tuple[object, object, object], penalty: float
) -> None:
    # base 96.5 + 2 (机制创新) − 2 (违规违纪, typed −2, or 2 under its 分值 −20) = 96.5 as typed; the 分值 100 are the
    # base rows' (before: "得分 -2 超出 0～-20 分", "分值之和为 73", the total 96.5 − 30 = 66.5 from the −10 and −20
    # taken as scores; as text, the +2 and −2 left out of the total)
    rows = _adjusted(weights, penalty, 96.5)
    result = book(tmp_path, [(rows, YUNNAN_MERGED)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert (result.total, result.grade) == (96.5, "优")


def test_a_penalty_beyond_its_bound(tmp_path: Path) -> None:
    # −25 on the row of "最多扣20分" (分值 −20): outside −20～20, and one problem found takes 2 off; the 合计
    # 96.5 + 2 − 25 = 73.5 typed to match
    rows = _adjusted((3, -10, -20), -25, 73.5)
    said = _errors(book(tmp_path, [(rows, YUNNAN_MERGED)], rules="auto", names=["Sheet1"]))
    assert sorted(said) == [("G20", "score-mismatch", -2.0), ("G20", "score-over-weight", -20.0)]


@pytest.mark.parametrize(("penalty", "due"), [(-2, -6.0), (2, 6.0)])
def test_a_penalty_scored_by_its_own_standard(tmp_path: Path, penalty: float, due: float) -> None:
    # "每个问题扣2分，最多扣20分" and three problems found: 6 off, typed −2 (or 2 under the 分值 −20); the 合计 as typed
    # over the scores (96.5 + 2 − 2); the total as it should be 96.5 + 2 − 6 = 92.5 (round 128 c2: kept as typed)
    rows = _adjusted((3, -10, -20), penalty, 96.5)
    for row in rows:
        if len(row) > 1 and row[1] == "违规违纪（减分指标）":
            row[5] = "审计发现违规违纪问题3个"
    result = book(tmp_path, [(rows, YUNNAN_MERGED)], rules="auto", names=["Sheet1"])
    assert _errors(result) == [("G20", "score-mismatch", due)]
    assert result.total == 92.5


@pytest.mark.parametrize(
    ("text", "found", "score"),
    [
        ("发现一处问题扣1分，扣完为止", "1处", 4.0),  # 5 − 1 (round 128, a1: "审计发现问题数 | 0处 | 1处")
        ("发现一处问题扣1分，扣完为止", "2处", 3.0),
        ("每发现1个项目未按规定公告公示扣0.5分，扣完为止。", "3个", 3.5),  # 云南's 公告公示: 5 − 3 × 0.5
        ("发现1处扣1分，发现2处及以上不得分", "2处", 0.0),  # tiers, not a step each
    ],
)
def test_deductions_for_what_is_found(text: str, found: str, score: float) -> None:
    scored = score_by_events(text, read_quantity("0处" if "处" in found else "0个"), read_quantity(found), 5.0)
    assert scored is not None and scored.score == score
    # no target printed (湖北's form, round 128 e2): none is the target of such a row
    bare = score_by_events(text, read_quantity(None), read_quantity(found), 5.0)
    assert bare is not None and bare.score == score


def test_none_of_what_the_rate_is_of_under_a_standard_that_gives_full_marks(tmp_path: Path) -> None:
    # 益阳's 附件4 with "“三公经费”预算数 0 | 实际支出 0 | 控制率 /", its 附件5 standard going on "无“三公经费”预算的
    # 计满分" (round 129's 政府采购 case, in the 三公 row this form prints): 0 / 0 is no such spending → 8, not the 3
    # typed (before: 0 / 0 left the row unscored, the 3 kept); the 合计 98 on the 续 sheet is that test's own slip
    base = [list(row) for row in FJ5_SPLIT_0]
    at = next(i for i, row in enumerate(base) if row[:1] == ["“三公经费”控制情况"])
    base[at + 1] = ["", 0, 0, "/"]
    scores = [list(row) for row in FJ5_SPLIT_1]
    for row in scores:
        if len(row) > 4 and row[4] == "“三公经费”控制率":
            row[6] = "≤100%计满分，每超过1个百分点扣1分，扣完为止；无“三公经费”预算的计满分"
    sheets = [(base, FJ5_SPLIT_0_MERGED), (scores, FJ5_SPLIT_1_MERGED), (FJ5_SPLIT_2, FJ5_SPLIT_2_MERGED)]
    result = book(tmp_path, sheets, rules="auto", names=["附件4", "附件5", "附件5（续）"])
    said = [(f.sheet, f.cell, f.code.value, f.computed) for f in result.flags if f.severity == "error"]
    assert ("附件5", "I10", "score-mismatch", 8.0) in said


@pytest.mark.parametrize(
    ("said", "name", "rate"),
    [
        # round 128 on 云南's 衔接资金: "占比" is the row's 比例
        ("用于产业发展资金2,500.00万元，占比50.0%", "中央和省级财政衔接资金用于产业的比例", "50.0%"),
        ("用于产业的比例54.0%", "中央和省级财政衔接资金用于产业的比例", "54.0%"),
        ("执行率90%", "预算执行率（6分）", "90%"),  # round 125: the points a name carries are no part of it
    ],
)
def test_a_share_said_in_other_words(said: str, name: str, rate: str) -> None:
    found = stated_figure(said, name)
    assert found is not None and found[1] == rate


# the twenty-third session's review and round 130: the 自评表 path reads the form's convention for a positive 扣分
# too; a 加减分项 is scored either way; counts in a sentence are of what was found, not of what was looked at


@pytest.mark.parametrize("note", [True, False])
def test_a_positive_deduction_on_a_self_evaluation_form(tmp_path: Path, note: bool) -> None:
    # 云南's 分值 typed unsigned (3 | 10 | 20) and 违规违纪's 2 points typed positive: its note "合计=基础指标得分+
    # 加分-减分" takes them off, and so does its 合计 without the note (96.5 = 96.5 + 2 + 2 − 2 × 2): 96.5 (before:
    # added, "合计 … 之和 100.5", the total past 100)
    rows = [row for row in _adjusted((3, 10, 20), 2, 96.5) if note or not str(row[0]).startswith("说明")]
    result = book(tmp_path, [(rows, YUNNAN_MERGED)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert result.total == 96.5


def test_a_bonus_or_penalty_row_either_way(tmp_path: Path) -> None:
    # "其他加减分项 | 3" scored −2: within ±3, and taken off: 96.5 − 2 = 94.5 as typed (before: "超出 0～3 分")
    rows = _adjusted((3, -10, -20), 0, 94.5)
    for row in rows:
        if len(row) > 1 and row[1] == "机制创新（加分指标）":
            row[1], row[6] = "其他加减分项", -2
        if len(row) > 1 and row[1] == "违规违纪（减分指标）":
            row[5] = "未发现"
    result = book(tmp_path, [(rows, YUNNAN_MERGED)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert result.total == 94.5


@pytest.mark.parametrize(
    ("text", "found", "score"),
    [
        ("每发现1起扣1分，发现3起及以上不得分", "3起", 0.0),  # the tier past the steps (review: 7)
        ("每发现1起扣1分，发现3起及以上不得分", "2起", 8.0),
        ("发现1起及以上违规问题扣3分", "2起", 7.0),  # one tier, not 3 a time (review: 4)
        ("每发现1个事项未按规定公开扣0.5分，扣完为止", "抽查40个事项，发现2个事项未按规定公开", 9.0),  # round 130
        ("发现一处问题扣1分，扣完为止", "资产清查发现问题1处", 9.0),
    ],
)
def test_what_was_found_counted(text: str, found: str, score: float) -> None:
    scored = score_by_events(text, read_quantity(None), read_quantity(found), 10.0)
    assert scored is not None and scored.score == score


def test_what_was_looked_at_is_no_count_of_what_was_found() -> None:
    # "抽查30个事项，均按规定公开": 30 is the sample, and none was found (round 130: 30 problems, 0 of 5)
    text = "每发现1个事项未按规定公开扣0.5分，扣完为止"
    said = score_by_events(text, read_quantity(None), read_quantity("抽查30个事项，均按规定公开"), 5.0)
    assert said is not None and said.score == 5.0
    # "新增资产15项，均已入账", "全年完成工作任务20项": what was done, no count of faults (the review: 0 of 5)
    for done in ("新增资产15项，已入账", "全年完成工作任务20项"):
        assert score_by_events("每发现一项问题扣1分", read_quantity(None), read_quantity(done), 5.0) is None


@pytest.mark.parametrize(
    ("said", "typed", "due"),
    [("资产清查发现问题2项", 5, 3.0), ("账实相符", 5, None)],
)
def test_a_count_in_a_score_tables_own_words(tmp_path: Path, said: str, typed: float, due: float | None) -> None:
    # 岳阳's 评分表 (DEDUCT_POSITIVE): "每发现一项问题扣1分" beside "资产清查发现问题2项": 5 − 2 = 3, not the 5 typed
    # (round 130: the 评分表's rows no rule covers were scored by rates only); "账实相符" counts nothing
    rows = [list(row) for row in DEDUCT_POSITIVE]
    for row in rows:
        if len(row) > 2 and row[2] == "资产管理规范性":
            row[5:7] = [said, typed]
    result = book(tmp_path, [(rows, DEDUCT_POSITIVE_MERGED)], rules="auto", names=["评分表"])
    assert _errors(result) == ([] if due is None else [("G12", "score-mismatch", due)])


def test_a_deduction_bound_in_words(tmp_path: Path) -> None:
    # round 126's 广西 评分表: the 扣分项's 分值 printed "最高扣3分", −1 typed: 95.75 + 2 − 1 = 96.75 (the review's
    # signed 分值 left it "超出 0～— 分")
    rows = [list(row) for row in DEDUCT_POSITIVE]
    for row in rows:
        if len(row) > 2 and str(row[2]).startswith("巡察审计"):
            row[3], row[6] = "最高扣3分", -1
    result = book(tmp_path, [(rows, DEDUCT_POSITIVE_MERGED)], rules="auto", names=["评分表"])
    assert _errors(result) == []
    assert result.total == 96.75


def test_no_bonus_or_deduction_this_year(tmp_path: Path) -> None:
    # round 123's a3: 加分项 and 扣分项 printing "见说明" for 分值 and "/" for 得分 ("本年度未发生加减分事项"): nothing
    # added or taken off, 95.75 (before: "未填写得分" at each)
    rows = [list(row) for row in DEDUCT_POSITIVE]
    for row in rows:
        if len(row) > 2 and str(row[2]).startswith(("工作获得表彰", "巡察审计")):
            row[3], row[6] = "见说明", "/"
        if row[:1] == ["合计"]:
            row[6] = 95.75
    result = book(tmp_path, [(rows, DEDUCT_POSITIVE_MERGED)], rules="auto", names=["评分表"])
    assert _errors(result) == []
    assert result.total == 95.75
    # the same on a 自评表 (云南's): "/" on 机制创新 and on both 减分 rows, 96.5
    rows = _adjusted((3, -10, -20), 0, 96.5)
    for row in rows:
        if len(row) > 1 and str(row[1]).endswith(("（加分指标）", "（减分指标）")):
            row[5:7] = ["无", "/"]
    result = book(tmp_path / "se", [(rows, YUNNAN_MERGED)], rules="auto", names=["Sheet1"])
    assert _errors(result) == []
    assert result.total == 96.5


# rounds 131 and 132: counts in everyday words, worked by hand


@pytest.mark.parametrize(
    ("text", "said", "weight", "score"),
    [
        ("每有1个项目未按计划推进扣1分，扣完为止", "计划实施40个项目，4个项目未按计划完工", 10, 6.0),
        ("每发现1个项目未按规定公告公示扣0.5分", "抽查30个项目，发现未按规定公告公示的项目2个", 4, 3.0),
        ("被通报批评一次扣3分", "被省财政厅通报批评1次", 5, 2.0),
        ("每有1个问题未整改到位扣1分，扣完为止", "发现问题6个，5个整改到位，1个正在整改", 4, 3.0),
        ("每发现1个问题未按期整改到位扣1分", "审计发现问题5个，已全部整改到位", 5, 5.0),  # none left
        ("发生1起扣3分，2起及以上不得分", "2起", 5, 0.0),  # the second tier names no verb
        ("每发现1个事项未按规定公开扣0.5分", "公开预决算等信息12个事项，均按规定公开", 5, 5.0),  # what was done
    ],
)
def test_counts_in_everyday_words(text: str, said: str, weight: float, score: float) -> None:
    scored = score_by_events(text, read_quantity(None), read_quantity(said), weight)
    assert scored is not None and scored.score == score


@pytest.mark.parametrize(
    ("text", "said", "weight", "score"),
    [
        ("达到100户得满分，不足的按比例。", "完成80户", 10, 8.0),  # 10 × 80 ÷ 100
        ("完成20场次的得满分，不足的按比例计分", "计划开展20场次，实际开展16场次", 8, 6.4),  # 8 × 16 ÷ 20
        ("完成1000人次的得满分，不足的按比例计分", "开展培训6期，培训860人次", 10, 8.6),  # the one in 人次
    ],
)
def test_counts_done_of_a_count_the_standard_sets(text: str, said: str, weight: float, score: float) -> None:
    scored = score_by_count_share(text, read_quantity(None), read_quantity(said), weight)
    assert scored is not None and scored.score == pytest.approx(score)


def test_a_count_is_no_share_and_a_part_no_second_figure() -> None:
    # "整改问题5个已全部整改" beside a 100 % target: not 5 % (round 131: "应得 0" on a correct row)
    assert aligned(read_quantity("100%"), read_quantity("整改问题5个已全部整改")) is None
    # "3200亩（其中高标准农田1200亩）": the whole, its part in brackets set aside (round 131: "含 2 个数字")
    assert read_quantity("3200亩（其中高标准农田1200亩）").value == 3200


@pytest.mark.parametrize(
    ("note", "says"),
    [
        ("说明：总分=基础分+加分项得分-扣分项得分。", True),  # round 132: 总分 as well as 合计
        ("扣分项填负数，加分项填正数", False),  # the review: deductions typed negative
        ("扣分项以负数填列，不得填正数", False),
    ],
)
def test_what_a_note_says_of_positive_deductions(note: str, says: bool) -> None:
    assert says_taken_off(label_key(note)) is says


def test_a_score_tables_deduction_counted_from_its_own_words(tmp_path: Path) -> None:
    # 岳阳's 评分表 (round 132 b2): "每个问题扣1分，最多扣3分" beside "巡察发现问题3个", typed 1 under the note that
    # deductions are typed positive: 3 off, not 1 (the 合计 96.75 adds the scores as typed)
    rows = [list(row) for row in DEDUCT_POSITIVE]
    for row in rows:
        if len(row) > 2 and str(row[2]).startswith("巡察审计"):
            row[4:6] = ["被巡察、审计发现问题的，每个问题扣1分，最多扣3分。", "巡察发现问题3个"]
    result = book(tmp_path, [(rows, DEDUCT_POSITIVE_MERGED)], rules="auto", names=["评分表"])
    assert _errors(result) == [("G19", "score-mismatch", 3.0)]
    assert result.total == 94.75


# the third review and round 133: what a clause that says nothing was wrong, another year's count, a 通报表扬 or an
# amount give — none; those left unrectified counted either way round


@pytest.mark.parametrize(
    ("said", "found"),
    [
        ("5项资产处置均未发现违规", 0.0),
        ("3个采购项目无不规范情况", 0.0),
        ("对12个项目开展检查未发现违规", 0.0),
        ("开展3次违规资金专项清查，未发现问题", 0.0),
        ("向社会通报检查结果4次，未发现违规问题", 0.0),
        ("本年资产清查未发现问题，上年审计发现问题2处已全部整改", 0.0),  # last year's is not this year's
        ("计划实施12个项目，于2023年11月底前全部按期完工", 0.0),
        ("全年发生一般安全事故0起", 0.0),  # "一般" is no count of one
        ("市委巡察发现一般性问题2个", 2.0),
        ("被省财政厅通报批评1次", 1.0),
        ("发现问题3个，其中2个已整改，1个未整改", 3.0),
        ("安全事故发生2起，同比下降50%", 2.0),
        ("获省局通报表扬2次", None),  # praise, not a fault
        ("审计发现违规资金3万元，已追回", None),  # an amount
        ("新增资产15项，均已入账", None),  # what was done
    ],
)
def test_the_faults_a_sentence_says_were_found(said: str, found: float | None) -> None:
    got = faults_found(said)
    assert (got[0] if got is not None else None) == found


@pytest.mark.parametrize(
    ("said", "found", "left"),
    [
        ("审计发现问题6个，已整改5个，未整改1个", 6, 1.0),
        ("发现问题6个，4个已整改到位，1个因涉及历史遗留正在整改", 5, 1.0),
        ("审计发现问题4个，已整改3个，剩余1个正推进", 4, 1.0),
        ("发现问题3个，已整改2个", 3, 1.0),  # some fixed is not all
        ("巡察发现问题3个，已于2023年12月全部整改到位", 3, 0.0),
        ("发现问题5个", 5, None),  # found, and nothing said of their 整改
    ],
)
def test_those_left_unrectified(said: str, found: float, left: float | None) -> None:
    assert left_unrectified(said, found) == left


def test_this_years_count_beside_a_running_total_and_changes_on_last_year() -> None:
    assert done_in("累计完成22场次，其中本年度完成16场次", "场次") == 16
    assert read_quantity("培训农民1,260人次，较上年增加160人次").value == 1260
    assert read_quantity("4.6万元，较上年减少0.4万元").value == 4.6
    # a note of how every score is made is no word on 扣分项 typed positive (the review: "得分=分值-扣分")
    assert not says_taken_off(label_key("各项指标得分=分值-扣分"))


# the fourth review: numbers in words, clauses split at line breaks and 、, a count said with "均…", some of a whole
# said wrong, a fault denied, enforcement work no fault


@pytest.mark.parametrize(
    ("said", "found"),
    [
        ("发现问题十二个", 12.0),
        ("审计发现问题3个均已按要求整改", 3.0),  # found, then rectified: 3 found
        ("发现2个项目均未按期完工", 2.0),
        ("自查情况：未发现违规问题\n审计情况：发现问题2个", 2.0),
        ("抽查30个事项，其中2个未及时公开，其余均按规定公开", 2.0),
        ("20个项目没有延期", 0.0),
        ("开展执法检查120次，查处违法案件25起，未发生安全生产事故", 0.0),  # 查处 is the unit's own work
        ("审计发现的问题涉及3个项目", None),  # projects, not faults
        ("抽查30个事项，其中28个按时公开", None),  # some of a whole, said as done: the faults unsaid
    ],
)
def test_more_sentences_of_faults_found(said: str, found: float | None) -> None:
    got = faults_found(said)
    assert (got[0] if got is not None else None) == found


@pytest.mark.parametrize(
    ("said", "found", "left"),
    [
        ("发现问题4个，整改到位3个，未整改到位1个", 4, 1.0),
        ("发现问题3个，均未整改到位", 3, 3.0),
        ("发现问题2个，已整改2个，3个项目正在推进", 2, 0.0),  # the projects' progress is no 整改
    ],
)
def test_more_of_those_left_unrectified(said: str, found: float, left: float) -> None:
    assert left_unrectified(said, found) == left


def test_the_step_of_its_own_sentence_and_counts_as_written() -> None:
    # "每发现1个问题扣1分；未按要求整改的，每个问题扣2分": the first step counts those found (3 → 5 − 3 = 2), the
    # 整改 sentence after it does not make it count those left (the review: 5)
    text = "每发现1个问题扣1分；未按要求整改的，每个问题扣2分"
    scored = score_by_events(text, read_quantity(None), read_quantity("发现3个，已全部整改"), 5.0)
    assert scored is not None and scored.score == 2.0
    assert done_in("本年度计划开展20场次，实际开展16场次", "场次") == 16  # not the plan's
    # neither is said done: the plan less what was not (the twenty-fourth session; before, none)
    assert done_in("计划开展20场次，因疫情未完成4场次", "场次") == 16
    two = score_by_events("每发现1起扣1分", read_quantity(None), read_quantity("两起"), 5.0)
    assert two is not None and two.score == 3.0


# round 134: none said in words against a target of none, praise beside "无通报批评", all on time said apart, a month
# that is no count left, a change on a named year, a part or a surplus after a comma


@pytest.mark.parametrize(
    ("said", "found"),
    [
        ("全年受到市级通报表扬2次，无通报批评", 0.0),
        ("全部12个项目均于2023年11月底前按期完工", 0.0),
        ("安全生产零事故", 0.0),
        ("2023年共发生安全事故0起，上年同期1起", 0.0),
    ],
)
def test_none_in_many_words(said: str, found: float) -> None:
    got = faults_found(said)
    assert got is not None and got[0] == found


def test_a_month_is_no_count_left_and_clauses_that_are_no_value() -> None:
    assert left_unrectified("发现问题4个,已整改3个,另1个截至2024年3月尚未整改完毕", 4) == 1
    assert read_quantity("全年培训基层干部1,080人次，较2022年增加160人次").value == 1080
    assert read_quantity("全年开展普法宣传22场次,其中进村入户14场次").value == 22
    assert read_quantity("完成22场次，超额完成2场次").value == 22
    assert faults_found("全年无安全生产事故发生") == (0.0, "")


# the fifth review and round 135: a positive 扣分 whose 分值 stands outside the 100 is taken off where nothing else
# says; notes in other words; a bound in words still lets Σ 分值 be checked; a total of 100 + the 加分项's bound; the
# row's own score as it counts


def test_a_positive_deduction_outside_the_hundred_with_no_note_or_total(tmp_path: Path) -> None:
    # 岳阳's 评分表, no note, 合计 left blank, the 扣分项 typed 2 ("审计发现问题2个"): the base rows make the 100, so
    # the 2 is taken off: 95.75 + 2 − 2 = 95.75 (the review: added, 99.75)
    rows = [list(row) for row in DEDUCT_POSITIVE if not str(row[0]).startswith("说明")]
    for row in rows:
        if len(row) > 2 and str(row[2]).startswith("巡察审计"):
            row[5:7] = ["审计发现问题2个", 2]
        if row[:1] == ["合计"]:
            row[6] = None
    result = book(tmp_path, [(rows, DEDUCT_POSITIVE_MERGED)], rules="auto", names=["评分表"])
    assert result.total == 95.75


@pytest.mark.parametrize(
    "note",
    [
        "合计=基础指标得分+加分项得分−扣分项扣分",  # U+2212
        "扣分项填写扣减的分数",
        "总得分为基础分加上加分项得分再减去扣分项得分",
    ],
)
def test_notes_in_other_words(note: str) -> None:
    assert says_taken_off(label_key(note))


@pytest.mark.parametrize(("printed", "said"), [(100, []), (103, []), (106, []), (97, [("D20", "sum-mismatch")])])
def test_the_weights_total_with_or_without_the_extra_rows(tmp_path: Path, printed: float, said: list[object]) -> None:
    # 100 over the base rows, 103 with the 加分项's 3, 106 with both bounds: each a way a form prints it; 97 none;
    # the 扣分项's bound in words ("最多扣3分") leaves the check standing (the review: no check at all)
    rows = [list(row) for row in DEDUCT_POSITIVE]
    for row in rows:
        if len(row) > 2 and str(row[2]).startswith("巡察审计"):
            row[3] = 3 if printed == 106 else "最多扣3分"
        if row[:1] == ["合计"]:
            row[3] = printed
    result = book(tmp_path, [(rows, DEDUCT_POSITIVE_MERGED)], rules="auto", names=["评分表"])
    assert [f[:2] for f in _errors(result) if f[1] == "sum-mismatch"] == said


def test_the_extra_rows_own_scores_as_they_count(tmp_path: Path) -> None:
    # the 扣分项 typed −1 under 分值 3 shows −1 (the review: clamped to 0), the 加分项 2
    rows = [list(row) for row in DEDUCT_POSITIVE]
    for row in rows:
        if len(row) > 2 and str(row[2]).startswith("巡察审计"):
            row[6] = -1
    result = book(tmp_path, [(rows, DEDUCT_POSITIVE_MERGED)], rules="auto", names=["评分表"])
    scores = {i.name: i.score for i in result.indicators}
    assert scores["巡察审计发现问题（减分指标）"] == -1
    assert scores["工作获得表彰（加分指标）"] == 2
    assert read_quantity("180万元，较预算节约20万元").value == 180  # round 135
