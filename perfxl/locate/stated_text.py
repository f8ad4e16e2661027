"""A rate a row's own words state for its indicator ("实际到位540万元，到位率90%。", "…执行率(B/A)99.50%", "变动率=
(16.80-16.00)÷16.00=5.00%"), read where the workbook gives no inputs, or held to the formula its 指标说明 prints."""

from __future__ import annotations

import re
import unicodedata

from perfxl.locate.column_formulas import figure_of
from perfxl.read.values import without_points


def stated_rate(remark: object, name: str) -> tuple[str, float] | None:
    """(the rate's name, percent) a remark states for the indicator ``name``: "到位率90%" under 资金到位率. Only one
    value, named as the indicator is (a common ending of two characters or more, 率 or 度 last), is taken: a remark
    that also says "较上年提高5%" or names two rates says nothing certain."""
    found = stated_figure(remark, name)
    return (found[0], float(found[1].rstrip("%").strip().replace("−", "-"))) if found is not None else None


def stated_figure(remark: object, name: str) -> tuple[str, str] | None:
    """(the rate's name, its figure as typed: "8.00%") of ``stated_rate``: the one figure the words give a rate named
    as the row is (sharing its last two characters or more); of several, the one qualified as the row is — the
    whole of a 预算执行率 ("整体预算执行率91.20%" beside "基本支出执行率100%"), the 项目 one of a 项目预算执行率 — and
    never one of a part of the year ("6月底预算执行率")."""
    if not isinstance(remark, str):
        return None
    text = unicodedata.normalize("NFKC", remark)
    name = without_points(name)  # "预算执行率（6分）": the points its name carries are no part of it
    named = [
        (found[1], float(found[2].replace("−", "-")), f"{found[2]}%")
        for pattern in (_STATED, _WORKED)
        for found in pattern.finditer(text)
        if _shared_ending(alike_rate(found[1]), alike_rate(name)) >= 2
        and ("不满意" in found[1]) == ("不满意" in name)  # a 不满意率 is no 满意度
        # not a rate of part of the year or of another ("6月底…", "截至11月…", "1-10月…", "上年…")
        and (not _timed(_clause_before(text, found.start()) + found[1]) or _timed(name))
    ]
    if not named and name.endswith(CHANGES):
        named = _changes_said(text, name)
    named = [n for n in named if _fits(n[0], name)]
    if len({value for _, value, _ in named}) > 1:  # of several, the one qualified just as the row is
        named = [n for n in named if _qualifiers(n[0]) == _qualifiers(name)]
    if len({value for _, value, _ in named}) != 1:
        return None
    said, _, typed = max(named, key=lambda item: _shared_ending(item[0], name))  # the first of the closest named
    return said, typed


def _clause_before(text: str, at: int) -> str:
    """The words of its own clause before a rate, as far back as a date may stand ("截至11月" of "截至11月预算执行率";
    nothing of "…（含使用上年结转资金），预算执行率100%"), and a clause of a date alone before it ("截至11月底，")."""
    clauses = re.split(r"[，,；;。()（）:：]", text[max(0, at - _DATE_SPAN) : at])
    dated = len(clauses) > 1 and _DATE_ALONE.fullmatch(clauses[-2].strip()) is not None
    return clauses[-2] + clauses[-1] if dated else clauses[-1]


_DATE_SPAN = 12  # characters a date before a rate takes at most ("截至2023年11月底")
_DATE_ALONE = re.compile(r"(?:截至|截止|至)\s*(?:\d{4}\s*年)?\s*\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末)?")


def _timed(words: str) -> bool:
    """Words that make a rate one of another year, or of part of the year ("截至12月31日…", "1-12月…" are the
    whole year's)."""
    return _OTHER_YEAR.search(words) is not None or (
        _PART_OF_YEAR.search(words) is not None and _YEAR_END.search(words) is None
    )


def alike_rate(rate: str) -> str:
    """A rate's name as matched: 满意率 and 满意度 are one (a 满意度 row's words may say "满意率92%"), and so are 占比
    and 比例 (a 比例 row's words may say "占比50.0%")."""
    return rate.replace("满意率", "满意度").replace("占比", "比例")


def _fits(rate: str, name: str) -> bool:
    """Whether a rate the words name may be the row's: no part's for a whole ("项目支出执行率" of a 预算执行率 row),
    no whole's for a part ("整体预算执行率" of a 基本支出预算执行率 row); a bare one ("控制率" of a 公用经费控制率
    row) may."""
    own = _qualifiers(name)
    whole = _WHOLE_WORDS.search(rate)
    return _qualifiers(rate) <= own and not (own and whole and whole.group() not in name)


def _qualifiers(rate: str) -> frozenset[str]:
    """The words that make a rate a part's ("基本支出执行率", "项目预算执行率"); a whole's (整体, 全年) are none."""
    return frozenset(word for word in _PART_WORDS if word in rate)


_PART_WORDS = (
    "基本", "项目", "人员", "公用", "专项", "财政", "中央", "省级", "市级", "县级", "自有", "其他", "采购", "单位资金",
    "结转", "基金", "自筹", "一般公共预算",
)  # fmt: skip
_WHOLE_WORDS = re.compile(r"整体|全部|总体|综合|全年")
ANOTHER_YEAR = r"上年|去年|上一年|前年"  # words of a year other than the one evaluated (said_totals' too)
_OTHER_YEAR = re.compile(ANOTHER_YEAR)
_PART_OF_YEAR = re.compile(r"\d\s*月|上半年|下半年|年中|季度|月底|月末|截至|截止|前三")
_YEAR_END = re.compile(r"12\s*月\s*(?:31\s*日|底|末)|年底|年末|1\s*[-~至到]\s*12\s*月")


# "到位率90%", "执行率为96.5%", "变动率-4.2%", "满意度调查结果为86%", "执行率(B/A)99.50%" (湖北's columns lettered):
# a result's own words, or the letters of its formula, may stand between the rate and its figure; any other words
# ("满意度较上年提高5%") leave the figure unread, and so does a threshold ("满意度达到90%以上为满意", "…95%得满分")
_STATED = re.compile(
    r"([\u4e00-\u9fff]{1,12}[率度]|[\u4e00-\u9fff]{0,12}(?:占比|比例))(?:\([A-Z0-9/÷×*+-]{1,9}\))?"
    r"(?:调查结果|测评结果|测评|结果|实际|实际完成)?"
    r"(?:为|达到|达|是|:)?\s*"
    r"([-−]?\d+(?:\.\d+)?)\s*%(?!\s*(?:及?以[上下内]|\(含|[(（]?[≥≤]|[得计扣的或]|为满意|为合格|为达标))"
)


# "变动率=(本年度…)÷上年度=(16.80-16.00)÷16.00=5.00%": the rate, its working, the figure it comes to
_WORKED = re.compile(r"([\u4e00-\u9fff]{1,12}[率度])\s*=[^=%;。]*?(?:=[^=%;。]*?)?=\s*([-−]?\d+(?:\.\d+)?)\s*%")


CHANGES = ("变动率", "增长率", "变化率", "增减率")  # a change on last year, which words may give as 增长 / 下降 X%
RISES, FALLS = ("增长", "增加", "上升", "提高", "增幅", "涨幅"), ("下降", "减少", "降低", "降幅", "减幅")
_CHANGE = re.compile(
    rf"({'|'.join(RISES + FALLS)})(率|幅度)?(?:为|是|:)?了?\s*(\d+(?:\.\d+)?)\s*%"
    r"(?!\s*(?:及?以[上下内]|[得计扣的]))"
)
_LAST_YEAR = re.compile(r"(?:同比|比|较|与)(?:上年度|上一年度?|上年|去年|20\d\d年度?)(?:同期)?(?:相比)?|同比")
# what may stand between "比上年" and the share: the amount of the change ("增加1.20万元，", "减少1.50万元（")
_BETWEEN = re.compile(rf"(?:[\d.,，、:：\s（(万千亿元]|{'|'.join(RISES + FALLS)})*")
# what may stand before "比上年" in its clause: the row's own subject or words of no other ("本年度", "支出")
_NO_SUBJECT = re.compile(
    r"20\d\d年度?|本年度?|今年|全年|本部门|本单位|我单位|我局|本局|实际|决算数?|预算数?|支出数?|合计|共|[“”\"\s]"
)


def _changes_said(text: str, name: str) -> list[tuple[str, float, str]]:
    """The signed changes a 变动率 row's words give in so many words: "比上年增加1.20万元，增长10.00%" (+10 %), "较上年
    下降11.11%", "同比增长5%", one named so after a clause's end ("；减少率35.22%", "降幅为5%") — not "维修费增加35%",
    "其中公务接待费同比增长20%" nor "较预算数下降12.5%", whose subject is something else."""
    subject = _NO_SUBJECT.sub("", name.removesuffix(next(c for c in CHANGES if name.endswith(c))))
    out = []
    for found in _CHANGE.finditer(text):
        before = text[: found.start()]
        if "其中" in re.split(r"[。；;]", before)[-1]:
            continue  # an item's change ("其中：公务接待费5万元，降幅30%")
        anchors = list(_LAST_YEAR.finditer(before))
        said = bool(anchors) and _BETWEEN.fullmatch(before[anchors[-1].end() :]) is not None
        if said:
            whose = _NO_SUBJECT.sub("", re.split(r"[，,；;。]", before[: anchors[-1].start()])[-1])
            said = not whose or whose in subject  # "三公经费支出比上年…": the row's own; "其中公务接待费同比…": not
        named = found.group(2) is not None or found.group(1) in ("增幅", "涨幅", "降幅", "减幅")
        named = named and (not before or before[-1] in ",，;；。:： ")
        number = found.group(3)
        sign = "-" if found.group(1) in FALLS else ""
        if said or named or _after_both_years(before, subject, sign + number):
            out.append((name, float(sign + number), f"{sign}{number}%"))
    return out


def _after_both_years(before: str, subject: str, stated: str) -> bool:
    """The change opens a clause after its sentence gave this year's amount and last year's ("本年“三公经费”10.80
    万元，上年10.00万元，增长8.00%", "2023年…10.80万元，2022年10.00万元，增长8%"), of the row's own subject or of none
    ("公务用车运行维护费本年5万元，上年4万元，增长25%" is a part's)."""
    sentence = re.split(r"[。；;]", before)[-1]
    # (the amount of the change between them says nothing more: "…，上年10.00万元，增加0.80万元，增长8.00%")
    clauses = [c for c in re.split(r"[，,()（）]", sentence) if c.strip() and not _CHANGE_AMOUNT.fullmatch(c.strip())]
    if not sentence.rstrip().endswith(("，", ",")) or len(clauses) != _YEARS_SAID:
        return False
    years = [_AMOUNT_OF_YEAR.fullmatch(clause.strip()) for clause in clauses]
    if any(year is None for year in years):
        return False
    said = [year["year"] for year in years if year is not None]
    last = [y for y in said if re.fullmatch(_LAST_YEAR_WORDS, y)]
    dated = sorted(int(y[:4]) for y in said if y[:2] == "20")
    if not (len(last) == 1 or (len(dated) == _YEARS_SAID and dated[1] - dated[0] == 1)):
        return False
    whose = "".join(_NO_SUBJECT.sub("", year["pre"] + year["subject"]) for year in years if year is not None)
    whose = whose.replace(":", "").replace("：", "")  # "“三公经费”支出：本年…"
    return (not whose or whose in subject) and _borne_out(years, last, dated, stated)


def _borne_out(years: list[re.Match[str] | None], last: list[str], dated: list[int], stated: str) -> bool:
    """The change stated is the two amounts' own at its typed precision ("9.20万元 … 10.00万元 … 增长8.00%" is not:
    a stated share its own figures contradict is read as neither, docs/domain.md §22)."""
    amounts = {
        (year["year"] in last or (bool(dated) and year["year"][:4] == str(dated[0]))): float(year["amount"])
        for year in years
        if year is not None
    }
    if len(amounts) != _YEARS_SAID or not amounts[True]:
        return False
    change = (amounts[False] / amounts[True] - 1) * 100
    places = len(stated.split(".")[1]) if "." in stated else 0
    return bool(abs(change - float(stated)) <= 0.5 * 10.0**-places + 1e-9)


_YEARS_SAID = 2  # this year's amount and last year's
_CHANGE_AMOUNT = re.compile(rf"(?:{'|'.join(RISES + FALLS)}|节约|节省)了?\s*\d+(?:\.\d+)?\s*万?元")
_LAST_YEAR_WORDS = r"上年度?|上一年度?|去年"
# a clause giving one year's amount: "本年“三公经费”10.80万元", "上年为10.00万元", "2022年支出10.00万元"
_AMOUNT_OF_YEAR = re.compile(
    rf"(?P<pre>[^\d]*?)(?P<year>{_LAST_YEAR_WORDS}|本年度?|今年|当年|20\d\d年度?)(?P<subject>[^\d]*?)"
    r"(?:为|是|支出|发生|共)?\s*(?P<amount>\d+(?:\.\d+)?)\s*万?元"
)


def _shared_ending(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


_CEILING = ("控制率",)  # a rate held under 100 %, whose excess its standard takes points off for: never typed capped
# or any rate whose own 指标说明 takes points off above a bound ("利用率…，每超过1个百分点扣0.5分")
_EXCESS_COSTS = re.compile(
    r"(?:超过|超出|高于|大于)\s*(?:\d+(?:\.\d+)?\s*%|\d*\s*个?百分点)[^。；;]{0,12}?(?<!不)(?:扣|减)"
)


def typed_capped(name: str, note: str, said: object, value: float | None) -> bool:
    """ "…完成率100%" over figures that come to more: the rate capped, as units type it — never a rate whose excess
    over 100 % costs points (a 控制率, or one its 指标说明 takes points off for), where it is a mistake."""
    ceiling = name.endswith(_CEILING) or _EXCESS_COSTS.search(note) is not None
    return figure_of(said) == 100 and value is not None and value > 1 and not ceiling
