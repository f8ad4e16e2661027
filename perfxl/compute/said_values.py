"""A row's target or actual said in words, or not said, where what is meant is plain: "无" against "1起" (none was
the target), "未发生" against "0起" (none happened), no target on the funds' own 执行率 row (银川's "预算执行率 |
— | 88.3%": the whole budget is the one to spend, 100 %), a change with its sign in a word ("下降3.16%": −3.16 %) and
a 满意度 given as a survey's counts ("抽样调查市民300人，满意276人": 92 %)."""

from __future__ import annotations

import re

from perfxl.compute.note_classes import EVENT_UNITS
from perfxl.compute.targets import Quantity, read_quantity
from perfxl.locate.found_counts import done_in, faults_found
from perfxl.locate.implied_rates import survey_shares
from perfxl.locate.stated_text import CHANGES, FALLS, RISES, stated_figure
from perfxl.read.text import label_key
from perfxl.read.values import shown


def said_in_words(
    target: Quantity, actual: Quantity, name: str, unit: str, printed: bool = False
) -> tuple[Quantity, Quantity]:
    """The row's (target, actual) with what its words plainly mean read as figures (no target on the 执行率 row only
    where it prints no standard of its own: "≥95%得满分" is then its measure)."""
    no_target = target.text.strip() in _NO_TARGET and not printed
    if target.value is None and actual.percent and _WHOLE.fullmatch(label_key(name)) and no_target:
        target = read_quantity("100%")
    if target.value is None and target.text.strip() in _NONE_AT_ALL and actual.unit in EVENT_UNITS:
        target = read_quantity(f"0{actual.unit}", unit)
    # none at all, or at most some events ("≤2起"): "全年无投诉" is 0 against either (not "无" against ≤10个工作日)
    at_most = target.value == 0 or (target.op in ("<=", "<") and actual.numbers == 0 and target.unit in EVENT_UNITS)
    if at_most and actual.value is None and actual.text.strip() in _NONE_HAPPENED:
        actual = read_quantity(f"0{target.unit}", unit)
    elif at_most and actual.value is None and target.unit in EVENT_UNITS:
        # "全年无安全生产事故发生", "2023年共发生安全事故0起，上年同期1起": the count of faults its words give
        found = faults_found(actual.text)
        actual = read_quantity(f"{found[0]:g}{target.unit}", unit) if found is not None else actual
    # (a target that is a fall in words, "下降≥5%", is held in the same words: the actual's fall is not signed)
    signs = name.endswith(CHANGES) and not any(word in target.text for word in FALLS)
    if signs and (signed := _signed_change(actual.text, name)) is not None:
        actual = read_quantity(signed)  # "下降3.16%", "本年18.40万元，上年19.00万元，下降3.16%": −3.16 %
    surveyed = "满意" in name and "不满意" not in name and (target.percent or not target.unit)  # not a count row
    if surveyed and actual.value is None and (share := _surveyed(actual.text, target)) is not None:
        actual = read_quantity(f"{share:.10g}%")  # "抽样调查市民300人，满意276人": 92 %
    return target, actual


def picked_figure(raw: object, unit: str, target: Quantity, name: str) -> Quantity:
    """Of a sentence holding several figures, the one in the target's unit ("完成培训12期，参训1350人次" in 人次), the
    one of what the row's name counts ("18个乡镇、106个行政村" on 覆盖行政村数), or the one it says was done beside a
    part not done ("完成11所，1所因用地调整顺延至2024年": 11) where more is better and the row does not itself count
    what was not done (its figure is then the one not done); of a range, its worst end."""
    span = _RANGE.fullmatch(shown(raw).strip())
    if span is not None and (span[2] or span[4]) and target.unit in ("", "%") and target.op != "=":
        # "90%-95%" against "≥90%": its worst end (the least against a floor, the most against a ceiling)
        ends = sorted(float(span[i]) for i in (1, 3))
        return read_quantity(f"{ends[1] if target.op in ('<=', '<') else ends[0]:g}%", unit)
    actual = read_quantity(raw, unit, wanted=target.unit)
    for aside in (_DESCRIBED, _OF_TARGET) if actual.value is None else ():  # "63个（新建41个、改造22个）";
        kept = read_quantity(aside.sub("", shown(raw)), unit, wanted=target.unit)  # "参与率65%，完成年度目标的108%"
        actual = kept if actual.value is None and kept.value is not None and kept.unit == target.unit else actual
    if actual.value is None and target.op not in ("<=", "<") and not _UNDONE.search(name):
        done = done_in(shown(raw), target.unit)
        actual = read_quantity(f"{done:g}{target.unit}", unit) if done is not None else actual
    if actual.value is None and target.unit and not _UNDONE.search(name):
        # "覆盖全县18个乡镇、106个行政村" on 覆盖行政村数: the figure of what the row's name counts (its noun before 数
        # or at its end: not "11个按期完工" on 未按期完工项目数)
        named = {
            float(m[1].replace(",", ""))
            for m in _NOUNED.finditer(shown(raw))
            if m[2] == target.unit
            and any(f"{m[3][:k]}数" in name or name.endswith(m[3][:k]) for k in (3, 2))
            and not _PLANNED.search(re.split(r"[,，;；。]", shown(raw)[: m.start()])[-1])
        }
        actual = read_quantity(f"{named.pop():g}{target.unit}", unit) if len(named) == 1 else actual
    return actual


def _surveyed(text: str, target: Quantity) -> float | None:
    """The share a survey's counts give: the one share they may give, or, where they may give several (of 发放 or
    of 有效; 满意 with or without 基本满意), the least of them where every one reaches the row's floor (met either
    way); None where which it is decides the score."""
    shares = survey_shares(text)
    floor = target.value if target.op in (">=", ">") and target.percent else None
    if len(shares) == 1 or (shares and floor is not None and shares[0] >= floor):
        return shares[0]
    return None


def _signed_change(text: str, name: str) -> str | None:
    """A change the actual's words give with its sign in a word (a fall is below 0), or None."""
    bare = _BARE_CHANGE.fullmatch(text.strip())
    if bare is not None:
        return f"{'-' if bare[1] in FALLS else ''}{bare[2]}%"
    said = stated_figure(text, name)
    return said[1].replace("−", "-") if said is not None else None


# the budget's own 执行率 as a whole, not a part's ("“三公”经费预算执行率", "公用经费预算执行率": spending less of
# those is thrift) nor another 执行率 (政府采购执行率)
_WHOLE = re.compile(r"(?:年度|全年|本年|部门|单位|整体|部门整体|项目)?(?:预算|资金|财政){0,2}执行率")
_NO_TARGET = frozenset({"—", "——", "-", "--", "－", "/", "／"})  # printed so (a form with no target column: no)
_BARE_CHANGE = re.compile(rf"(?:较上年|比上年|同比)?({'|'.join(RISES + FALLS)})了?\s*(\d+(?:\.\d+)?)\s*%")
_NOUNED = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*([个项所家户人次场期条座处]|人次|场次)([\u4e00-\u9fff]{2,3})")
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(%?)\s*[-~～至到—－]\s*(\d+(?:\.\d+)?)\s*(%?)")
_DESCRIBED = re.compile(r"[(（][^)）]*\d[^)）]*[)）]")  # a figure's parts in brackets after it
_OF_TARGET = re.compile(r"[,，;；](?:完成|达到|为|占)(?:年度|全年)?(?:目标|计划)(?:值|任务)?的[^,，;；。]*")
_PLANNED = re.compile(r"计划|目标|预计|拟")  # a plan's figure in its clause, not what was done
_UNDONE = re.compile(r"未|延期|逾期|滞后|推迟|超期|投诉|事故|问题")  # a row counting what was not done, or faults
_NONE_HAPPENED = frozenset({"未发生", "没有发生", "未出现", "零", "无发生", "无"})
_NONE_AT_ALL = frozenset({"无", "零", "杜绝", "不发生"})  # a target of no event, in words
