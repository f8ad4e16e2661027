"""A score-table row's rate as the row itself states it (``perfxl.locate.located.Stated``): its 实际值 on the scale of
its 目标值, else the one rate its 评价依据 names. Used only where the workbook gives no inputs to compute the rate (an
附件5-like table with no 附件4), so that the row is scored by its printed standard instead of being left unverified."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

import numpy as np

from perfxl.compute.judge import judge_declared_rate
from perfxl.compute.scales import SMALLEST_CLEAR_PERCENT, aligned, kept_as_fraction
from perfxl.compute.targets import read_quantity
from perfxl.locate.column_formulas import evaluate, figure_of, worked_out
from perfxl.locate.defined_lines import worked_value
from perfxl.locate.implied_rates import implied_in_text
from perfxl.locate.located import Hit, Located, Stated
from perfxl.locate.stated_text import stated_figure
from perfxl.read.values import Parsed, fmt, parse_number
from perfxl.rules.definitions import parse_definition
from perfxl.rules.standards_words import normalise

StatedColumn = list[tuple[str, float] | None]  # each book's (what its row says, the rate in percent)


# "按实际完成值/年度指标值×分值计分": the printed formula scores the 实际值 as a share of the row's own 目标值
_OVER_TARGET = re.compile(r"(?:实际|完成)[\u4e00-\u9fff]{0,4}值?[/÷](?:年度)?(?:指标|目标|计划)[\u4e00-\u9fff]{0,2}值")
# …or the other way round, for a 反向 row ("年度指标值/全年实际值*该指标分值")
_UNDER_TARGET = re.compile(r"(?:年度)?(?:指标|目标|计划)[\u4e00-\u9fff]{0,2}值[/÷][\u4e00-\u9fff]{0,2}(?:实际|完成)")

# the same in words, as a printed standard reads once normalised ("完成得满分，未完成按比例得分", "按完成比例计分"),
# or in the letters of a form that calls the target A and the actual B (历城区: "完成值达到指标值，记满分；未达到
# 指标值，按B/A或A/B*该指标分值记分": B/A on a 正向 row, A/B on a 反向 one)
_IN_PROPORTION = re.compile(
    r"(?:≥100%(?:得|计|记|给予?)满分[,;])?按(?:实际)?完成比例(?:计算)?(?:计分|得分);*"
    r"|(?:(?:实际)?完成值?达到(?:年度)?指标值,?(?:记|得|计)满分[,;])?(?:未达到(?:年度)?指标值,?)?"
    r"按(?:b/a或a/b|a/b或b/a)×(?:该|本)?(?:指标)?分值(?:记|计|得)分;*"
)


def target_ratio(standard: str, how: str) -> bool:
    """Whether a printed standard says nothing but the target ratio the general rule scores a row of direction
    ``how`` by: the 实际值 as a share of the target on a 正向 row, the target of the 实际值 on a 反向 one, times the
    分值, capped at it (no threshold, band or cut-off of its own)."""
    if how in ("up", "down") and _IN_PROPORTION.fullmatch(normalise(standard)):
        return True  # "全部完成得满分，未完成的按比例扣分": the share of its own target done, in words
    text = unicodedata.normalize("NFKC", standard).replace(" ", "")
    ratio = _OVER_TARGET if how == "up" else _UNDER_TARGET if how == "down" else None
    found = ratio.search(text) if ratio is not None else None
    if found is None:
        return False
    rest = _RATIO_WORDS.sub("", text[: found.start()] + text[found.end() :])
    return not re.search(r"\d|%|扣|不得分|满分|以上|以下|低于|高于", rest)


# what goes with the ratio: the 分值 it multiplies, the cap, the words around it
_RATIO_WORDS = re.compile(
    r"[*×]\s*100%|[*×]\s*(?:该|本)?(?:指标)?分值|最高不(?:得)?超过分值(?:上限)?|得分\s*=|\([AB]\)"
    r"|\(?(?:超过|超出|大于)(?:100%|1)的?(?:部分)?按(?:100%|1)(?:计算|计)\)?"  # its cap: "超过100%的按100%计算"
)


def stated_value(stated: Stated | None, name: str, standard: object = None) -> tuple[str, float] | None:
    """(what the row says, the rate in percent), or None where it says no rate; where its printed ``standard`` divides
    the 实际值 by the 目标值, that share of its target."""
    if stated is None:
        return None
    actual = parse_number(stated.actual.raw if stated.actual is not None else None)
    if isinstance(standard, str) and _OVER_TARGET.search(unicodedata.normalize("NFKC", standard).replace(" ", "")):
        return _share_of_target(stated, actual)
    if actual.ok and actual.value is not None:
        if actual.percent:
            return f"实际值 {actual.text}", actual.value
        target = read_quantity(stated.target.raw if stated.target is not None else None)
        beside = kept_as_fraction(target) or (target.percent and (target.value or 0) >= SMALLEST_CLEAR_PERCENT)
        if kept_as_fraction(read_quantity(actual.value)) and beside:
            return f"实际值 {fmt(actual.value * 100)}%", actual.value * 100
        return None  # a number with no % beside no clear percentage: not a rate it states
    # a sentence in the 实际值 cell ("全年预算数3850.6万元，支出3599.54万元，执行率93.48%"), else the 评价依据, else
    # the 指标说明 where the unit wrote its working ("…年末结余113.45万元，预算完成率为93.50%"): the one rate it names
    # as the indicator is named (a definition, "预算完成率=…×100%", names none)
    for where, hit in (("实际值", stated.actual), ("评价依据", stated.remark), ("指标说明", stated.note)):
        found = rate_in_words(hit, name, stated.note if where != "指标说明" else None, standard)
        if found is not None:
            return f"{where}{found[0]} {fmt(found[1])}%", found[1]
    return None


def contradicted(stated: Stated | None, name: str) -> Hit | None:
    """The cell of the row's words whose stated share its own two figures contradict (said there as a warning), which
    leaves the row unscored: which rate the unit meant is not known."""
    for hit in (stated.actual, stated.remark, stated.note) if stated is not None else ():
        found = stated_figure(hit.raw if hit is not None else None, name)
        if found is not None and _share_of_figures(hit, name, found[1]) == "":
            return hit
    return None


def rate_in_words(text: Hit | None, name: str, note: Hit | None, standard: object = None) -> tuple[str, float] | None:
    """(what the words say, less the figure; the rate in percent) of a cell that states the row's rate — named as the
    row is, or as its printed ``standard`` defines it ("结转结余" scored by "结转结余率=…。结转结余率≤5%的…") — or,
    where the same words give the figures of the formula its 指标说明 ``note`` prints and these say otherwise, their
    rate (the stated one is said wrong at its cell: ``locate.defined_lines``)."""
    raw = text.raw if text is not None else None
    defined = parse_definition(standard) if isinstance(standard, str) else None
    found = stated_figure(raw, name) or (stated_figure(raw, defined[0]) if defined is not None else None)
    if found is None:
        return None
    worked = worked_value(note, text)
    if worked is not None:
        # the figures the words give, by the formula the 指标说明 prints: the rate, exact — the one stated is their
        # rounding at best (said wrong at its cell where it is not), and a rounding may cross a band's edge
        return f"所列数字按{worked[0]} =", worked[1]
    shared = _share_of_figures(text, name, found[1])
    if isinstance(shared, tuple):
        return shared
    if shared == "":
        return None  # its own two figures give another share (said at the cell): the rate to score on is not known
    return f"所述{found[0]}", float(found[1].rstrip("%").replace("−", "-"))


def _share_of_figures(text: Hit | None, name: str, typed: str) -> tuple[str, float] | str | None:
    """The share the two figures beside the stated one give (``locate.implied_rates``), where they bear it out at its
    precision (their exact share, the one to score on: "20.0%" of 200.10 ÷ 1000 is 20.01 %, past a band's edge at
    20 %); "" where they give another; None where the words give no such figures."""
    implied = implied_in_text(text, name)
    if implied is None:
        return None
    values = {words: figure_of(hit.raw) for words, hit in implied.operands}
    value = evaluate(implied.expr, values)
    verdict = judge_declared_rate(typed, value * 100) if value is not None else None
    if value is None or verdict is None or verdict.severity == "error":
        return ""
    return f"所列数字按{implied.shown}: {worked_out(implied, values)} =", value * 100


def _share_of_target(stated: Stated, actual: Parsed) -> tuple[str, float] | None:
    """实际值 ÷ 目标值 in percent, on one scale ("98.2%" of "≥95%": 103.37 %); for a ceiling (≤, lower is better)
    目标值 ÷ 实际值, as the national rule scores a 反向 indicator (130 万元 past ≤120 万元: 92.31 %). None where either
    is not one clear figure, or their units differ (but for 元 and 万元, put on one scale)."""
    target = read_quantity(stated.target.raw if stated.target is not None else None)
    got = read_quantity(stated.actual.raw if stated.actual is not None else None)
    units = {got.unit, target.unit} - {""}
    both = aligned(target, got) if actual.ok and (len(units) < 2 or units == {"元", "万元"}) else None
    if both is None or both[0] <= 0 or both[1] <= 0:
        return None
    t, a = both[0], both[1]
    if target.op in ("<=", "<"):
        return f"目标值 {fmt(target.value)} ÷ 实际值 {fmt(got.value)}", t / a * 100
    return f"实际值 {fmt(got.value)} ÷ 目标值 {fmt(target.value)}", a / t * 100


def fill_stated(rate: np.ndarray, books: Sequence[Located], indicator: str) -> tuple[np.ndarray, StatedColumn]:
    """The rate with each book's missing value (NaN: no inputs) taken from what its row states, and what was taken."""
    taken: StatedColumn = [None] * len(books)
    if not np.isnan(rate).any():
        return rate, taken
    out = rate.copy()
    for i, book in enumerate(books):
        hit = book.indicators.get(indicator)
        if hit is None or hit.stated is None or not math.isnan(out[i]):
            continue
        found = taken[i] = stated_value(hit.stated, hit.name, hit.standard.raw if hit.standard is not None else None)
        if found is not None:
            out[i] = found[1]
    return out, taken
