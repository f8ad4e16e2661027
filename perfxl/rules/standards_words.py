"""One spelling for a printed 评价标准 before it is read (``perfxl.rules.standards_text``): half-width characters,
canonical signs, clauses cut by ';', and comparisons written in words turned into the figures they stand for
(docs/domain.md §11)."""

from __future__ import annotations

import re

from perfxl.read.text import clean

# a condition the deduction after it says again ("…以内得满分;超过的,每超过1个百分点扣1分"): the deduction says it
_SAID_AGAIN = re.compile(r"(?:超过|超出|高于|低于|不足|未达到)的?[,，](?=每)")


_GOAL = r"(?:年度)?(?:目标|指标|计划|任务)?值?"  # what is done or reached: "达到年度指标值", "完成目标", "完成"

# a comparison in words, as the figure it stands for: within the budget is ≤100 % of it (实际 ÷ 预算), 较上年减少 is a
# change below 0; "每增长1%" and the like are deductions and keep their words
_IN_WORDS = tuple(
    (re.compile(words), figure)
    for words, figure in (
        (r"(?:较上年)?(?:下降|减少)或持平", "≤0"),
        (r"(?:较上年)?(?:下降|减少)(?=的)", "<0"),
        (r"(?:与上年)?持平", "=0"),
        (r"(?:较上年)?(?<!每)(?:增加|增长|上升)(?=的)", ">0"),
        (r"(?:较上年)?只减不增|为负数或零|为零或负数", "≤0"),
        (r"(?:控制在|不超过|未超过?|未超出|没有?超过?|没有?超出)(?:预算数|年初预算|预算)(?:以内|之内)?", "≤100%"),
        (r"(?<!没有)(?<![未不每无没曾])(?:超过?|超出)(?:预算数|年初预算|预算)(?=的)", ">100%"),  # not "没有超过预算的"
        (r"未达到?(?=\d+(?:\.\d+)?%)", "<"),  # "未达到100%的，每降低1%…"
        (r"(?:低于|小于|不足)(\d+(?:\.\d+)?%)\(含(?:\1)?\)", r"≤\1"),  # "低于5%(含)", "低于5%(含5%)": 5 % is in
        (r"(?:高于|大于|超过)(\d+(?:\.\d+)?%)\(含(?:\1)?\)", r"≥\1"),
        # "高于100%每1个百分点扣0.8分": the step names no side of its own; the comparison before it is its side
        (
            r"(超过|超出|高于|低于|不足)(\d+(?:\.\d+)?%)(?:的部分|的)?,?每(?=\d|[一二两三四五六七八九十]?个?(?:百分点|%))",
            r"\1\2,每\1",
        ),
        (r"(超过|超出|高于|低于|不足)(\d+(?:\.\d+)?%)的,(?=每\1)", r"\1\2,"),  # "超出5%的,每超出1个百分点…"
        # "超出部分每1个百分点扣0.5分": 每超出1个百分点
        (r"(超过|超出|高于|低于|不足)的?部分,?每(?=\d|[一二两三四五六七八九十]?个?(?:百分点|%))", r"每\1"),
        # "每低于95%一个百分点扣1分": the threshold inside the step ("低于95%，每低于一个百分点…")
        (
            r"每(低于|高于|超过|超出)(\d+(?:\.\d+)?%)(?=(?:\d+(?:\.\d+)?|[一二两三四五六七八九十])个?百分点)",
            r"\1\2,每\1",
        ),
        # "<0(不含0)", "≤100%(含100%)": the sign says it already
        (r"([<>])(\d+(?:\.\d+)?%?)\(不含(?:\2)?\)", r"\1\2"),
        (r"([≤≥])(\d+(?:\.\d+)?%?)\(含(?:\2)?\)", r"\1\2"),
        (r"乘以", "×"),
        (r"(?:(?<=百分点)|(?<=%))[,，]?减(?=\d|[一二两三四五六七八九十]分)", "扣"),  # "每降低1个百分点减1分"
        (r"(?:预算)?执行率(?=(?:权重)?分值)", ""),  # "执行率权重分值×执行率": the 执行率's own 分值
        # "全部完成得满分，完成80%(含)以上得8分", "资金全部到位的，得10分": all of the target
        (r"全部(?:完成|到位)(?=的?[,，]?(?:得|计))", "≥100%"),
        # "完成得满分，未完成的按比例扣分", "达到目标值得满分，未达到的按完成比例得分": the share of the target done,
        # full at all of it and so much of the 分值 below (a deduction in proportion is the same share kept)
        (
            rf"^(?:≥100%|(?:完成|达到|实现|达成){_GOAL}的?)(?:得|计|记|给予?)满分[,;，；]"
            rf"未(?:全部)?(?:完成|达到|实现|达成){_GOAL}的?[,，]?按(?:完成)?比例(?:扣分|得分|计分|计算)(?=[。;.]*$)",
            "按完成比例计分",
        ),
        (r"(?<!每)超支(?=的)", ">100%"),
        (r"每超支", "每超过"),
        (r"^按[^;,:×]*?计分[:,](?=[^;]*×)", ""),  # a lead that names the rate ("按预算执行率计分：执行率×10分")
        (r"(?<![=\w%])(?=[\u4e00-\u9fa5]*率×\d)", "得分="),  # "执行率×10分" is the score's formula
    )
)


def numbered_items(text: str) -> list[str]:
    """A text cut at its item numbers "1." "2、" "（3）", counted in order from 1 — so "2.80%≤执行率" after item 1 is
    item 2 on 80 %, not 2.80 % — the words before item 1 first ("" where there are none); [text] with no item 1."""
    items: list[str] = []
    at, n = 0, 1
    while (found := _item_mark(n).search(text, at)) is not None:
        if n == 1 and text[found.end() : found.end() + 1].isdigit() and not _item_mark(2).search(text, found.end()):
            break  # "每低 1.5 个百分点": a decimal, with no item 2 to make it item 1
        items.append(text[at : found.start()])
        at, n = found.end(), n + 1
    return [*items, text[at:]] if items else [text]


def _item_mark(n: int) -> re.Pattern[str]:
    """Where item n starts: at the start, or after a line break, a clause's end or a space — item 1 after a bare
    space only where no digit follows ("每低 1.5 个百分点" is a decimal; "…得10分　2.85%≤执行率" is item 2)."""
    after_space = r"(?!\d)" if n == 1 else r"(?!\d[.、．])"
    return re.compile(
        rf"(?:^|(?<=[\n\r；;。,，:：]))\s*(?:{n}[.、．](?!\d[.、．])|[(（]{n}[)）])"
        rf"|(?<=[ \t　])(?:{n}[.、．]{after_space}|[(（]{n}[)）])"
    )


def normalise(text: str) -> str:
    """One spelling for a printed standard: half-width, no quotes or spaces, canonical ≤ ≥ × /, clauses by ';', item
    numbers dropped."""
    items = numbered_items(text)
    text = ";".join(item for item in items if item.strip()) if len(items) > 1 else text
    text = clean(_WRAPPED.sub("", text).replace("\n", ";").replace("\r", ";"))
    text = _CN_DECIMAL.sub(_decimal, text.replace("百分之百", "100%").replace("扣减", "扣"))
    text = text.replace("<=", "≤").replace(">=", "≥").replace("*", "×").replace("÷", "/")
    text = _SAID_AGAIN.sub("", text.replace("及以上", "以上").replace("及以下", "以下"))
    for words, figure in _IN_WORDS:
        text = words.sub(figure, text)
    # A full stop written as "." ends a clause; a "." between digits is a decimal point.
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", ";", text.replace("。", ";"))
    text = _RANGE_WITHIN.sub(r"\1", text)  # "10-15%以内": the range says its bounds, 以内 nothing more
    text = _PER_POINT.sub(lambda m: f"{m[1]}{m[2]},每{'低于' if m[1] in '<≤' else '超过'}1个百分点扣{m[3]}分", text)
    return _SCORE_FIRST.sub(r"\3,\1\2分", text)


# a line wrapped inside a comparison ("“三公经费 >\n0,每超过…", 湖南's 附件3): one clause, not two
_WRAPPED = re.compile(r"(?<=[<>≤≥＜＞≦≧=])[ \t]*\r?\n\s*(?=[-\d])|(?<=\d)[ \t]*\r?\n\s*(?=[%％])")


# "零点五" and the like in figures: "每低于一个百分点扣零点五分"
_CN_DECIMAL = re.compile(r"([零一二两三四五六七八九十]+)点([零一二三四五六七八九]+)")
_CN_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"两": "2"}


def _decimal(match: re.Match[str]) -> str:
    whole, part = match.group(1), match.group(2)
    if "十" in whole:  # 十 10, 十二 12, 二十 20, 二十五 25
        tens, _, ones = whole.partition("十")
        whole = str(int(_CN_DIGITS.get(tens, "1")) * 10 + int(_CN_DIGITS.get(ones, "0") if ones else 0))
    else:
        whole = "".join(_CN_DIGITS[c] for c in whole)
    return f"{whole}.{''.join(_CN_DIGITS[c] for c in part)}"


_RANGE_WITHIN = re.compile(r"(\d+(?:\.\d+)?%?[-~～至到]\d+(?:\.\d+)?%)(?:以内|之内)")


# a case written score first ("得8分:90%≤执行率<98%", "扣2分:85%≤执行率<95%"): the condition first, as elsewhere
_SCORE_FIRST = re.compile(r"(?<![^;])(得|计|扣)(\d+(?:\.\d+)?)分[:：]([^;]+)")


# "执行率<100%的,扣0.2分/百分点": so much off per point on the side its condition names
_PER_POINT = re.compile(r"([<≤>≥])(\d+(?:\.\d+)?%)的?,?扣(\d+(?:\.\d+)?)分/个?(?:百分点|%)")


# A score the text awards in so many words ("计8分", "得8分"), not a figure it compares with ("测评得90分以上",
# "得90分的"): what a text perfxl cannot read still says about its own full mark.
_AWARDED = re.compile(r"(?<![\d.])(?:计|得|记|给予?)(\d+(?:\.\d+)?)分(?![\d.]|以|及|的|或|\(|至|-|~|到|为|者|时|即|则)")
_MARKED = re.compile(r"测评|考核|评价|满意度|调查|评分|平均分|成绩")  # a mark earned in a survey or test, not points


def awarded_unlike(norm: str, weight: float | None) -> float | None:
    """The most points a normalised text awards where that is not the 分值 printed beside it; None where it is, or
    no 分值 is printed. More than the 分值 ("全部完成计8分，每有1项未完成扣2分" under 分值 5: 8) is said whatever
    else the text says; less ("未超预算的计4分，超预算的不得分" under 分值 5: 4) only where the text awards that one
    figure once and no other way to more: no 满分, no points per item or added ("制度健全的计2分，执行到位的计2分"), no
    share or formula."""
    awarded = [m for m in _AWARDED.finditer(norm) if not _MARKED.search(_clause_before(norm, m.start()))]
    figures = {float(m.group(1)) for m in awarded}
    most = max(figures, default=None)
    if weight is None or most is None:
        return None
    if most > weight + 1e-9:
        return most
    # less only in a text of no survey or test (its "考核得85分的得10分" hides an award behind a mark)
    # one award of points in the whole text: "执行到位3分" or "得分3分" beside it are more points, verb or not
    once = len(awarded) == 1 and len(_POINTS.findall(norm)) == 1
    below = most < weight - 1e-9 and once and not _MORE_WAYS.search(norm) and not _MARKED.search(norm)
    return most if below else None


_POINTS = re.compile(r"\d+(?:\.\d+)?分")


# words by which a text can award more than the one figure it prints: full marks, points per item or added on,
# a share or a formula
_MORE_WAYS = re.compile(r"满分|每|加|奖|另|累计|合计|之和|按|比例|×|/|=|%×")


def _clause_before(norm: str, at: int) -> str:
    """The words of ``norm``'s clause before position ``at`` (from the last ',' or ';')."""
    return re.split(r"[,;]", norm[:at])[-1]
