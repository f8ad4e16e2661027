"""A 自评表 row scored by the words its 评分标准 gives points for ("达标得30分，基本达标得20分，未达标不得分") and
the words its 实际完成值 prints ("基本达标"): the case those words name scores the row."""

from __future__ import annotations

import re
import unicodedata

from perfxl.compute.printed import shortened
from perfxl.compute.targets import IndicatorScore, Quantity
from perfxl.read.values import fmt


def score_by_words(text: object, actual: Quantity, weight: float) -> IndicatorScore | None:
    """The score of the case whose words the actual value is, give or take words that do not change them ("已达标"
    is 达标's case; "基本完成" is not 完成's); None where the standard names fewer than two such cases, or scores by
    figures, or the actual is a figure or names no case."""
    if not isinstance(text, str) or actual.value is not None or not actual.text.strip():
        return None
    cases = _cases(text, weight)
    said = _plain(actual.text)
    if len(cases) < 2 or not said:
        return None
    named = cases.get(said)
    if named is None:  # "已达标", "全部完成": a case's words with nothing that changes them
        held = [word for word in cases if _SAME.fullmatch(said.replace(word, "", 1))]
        if not held:
            return None
        named = cases[max(held, key=len)]
    score = min(named, weight)
    basis = f"按本表评分标准「{shortened(text)}」: 实际「{actual.text.strip()}」→ {fmt(score)}分"
    return IndicatorScore(score, score / weight if weight else None, basis, score >= weight, False)


def _cases(text: str, weight: float) -> dict[str, float]:
    """Words -> points for each clause of the text that gives points for words alone; {} where any clause scores by
    a figure (a rate, a count) instead."""
    norm = unicodedata.normalize("NFKC", text).replace(" ", "")
    each = _RESPECTIVELY.search(norm)
    if each is not None:  # "按优、良、中、差分别得满分、80%、60%、0分"
        # the words after a lead-in ("满意度调查结果按优、…"), less a 的 ("…、差的分别得")
        listed = each.group("words").rsplit("按", 1)[-1].removesuffix("的")
        words, scores = listed.split("、"), each.group("scores").removesuffix("分").split("、")
        if len(words) == len(scores) > 1 and all(_POINTS.fullmatch(p) for p in scores):
            return {_plain(w): _points(p, weight) for w, p in zip(words, scores, strict=True)}
    out: dict[str, float] = {}
    clauses: list[str] = []
    for clause in _CLAUSE.split(norm):
        if clauses and _POINTS_ONLY.match(clause):
            clauses[-1] += clause  # "完成，得10分": the case's points after a comma
        elif clause:
            clauses.append(clause)
    for clause in clauses:
        case = _CASE.fullmatch(clause)
        if case is None:
            if re.search(r"\d|%", clause):
                return {}  # a clause on figures: the words are not all the standard says
            continue
        word = _plain(case.group("word"))
        points = case.group("n")
        share = case.group("share")
        out[word] = (
            weight
            if case.group("full")
            else 0.0
            if case.group("none")
            else float(share) / 100 * weight
            if share
            else float(points)
        )
    return out


def _points(said: str, weight: float) -> float:
    """ "满分", "80%", "6": that many points of ``weight``."""
    return weight if said == "满分" else float(said[:-1]) / 100 * weight if said.endswith("%") else float(said)


def _plain(text: str) -> str:
    return re.sub(r"[\s。.;；,，、:：!！]", "", unicodedata.normalize("NFKC", text))


_CLAUSE = re.compile(r"[,;，；。]")
_SAME = re.compile(r"(?:已|已经|均|全部|均已|按时|按期|如期|顺利|圆满)*")
_POINTS_ONLY = re.compile(r"^(?:得|计|记)(?:分值的)?\d|^(?:得满分|计满分|不得分|得0分|计0分)$")
_CASE = re.compile(
    r"(?:\(?[一二三四五六七八九十\d]+[)、.])?(?P<word>[^\d%≥≤<>=＝×/]{1,10}?)[的者]?"
    r"(?:(?:得|计|记)(?P<n>\d+(?:\.\d+)?)分|(?P<full>得满分|计满分)|(?P<none>不得分|得0分|计0分)"
    r"|(?:得|计|记)(?:分值的)?(?P<share>\d+(?:\.\d+)?)%(?:的?分值)?)"  # "部分达成得60%", "得分值的60%"
)
_RESPECTIVELY = re.compile(
    r"(?P<words>[^\d%,;，；]{1,12}(?:、[^\d%,;，；、]{1,6})+)分别(?:得|计)(?P<scores>[^,;，；。]+)"
)
_POINTS = re.compile(r"满分|\d+(?:\.\d+)?%?")
