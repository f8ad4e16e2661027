"""Counts a row's own words give (its 实际完成值, 评价情况, 扣分原因): of the faults found, for a standard that takes
points off for each ("每发现1个问题扣0.5分"); of those left unrectified, for one that counts those ("每有1个问题未
整改到位扣1分"); of what was done, for one that sets the count ("完成20场次的得满分").

A sentence is read clause by clause. A clause that says nothing was wrong ("未发现违规", "无不规范情况", "均按规定
公开", "不存在…") gives no fault, whatever else it counts ("对12个项目开展检查未发现违规" is none, not 12); in the
others a fault is counted where a verb of finding names it ("发现问题2个", "查出3处", "被通报批评1次"; after 发生,
出现 or 存在 only where the clause names a fault, "发生安全事故1起", or says nothing else, "出现1次") or where a
predicate of fault follows the count ("4个项目未按计划完工"). One count read in all is the answer; none where the
words are only of what was done or looked at ("新增资产15项", "抽查30个事项")."""

from __future__ import annotations

import re
import unicodedata

from perfxl.rules.standards_text import CN_DIGITS

# classifiers a count of faults is said in (not 万, 元: "违规资金3万元" is an amount)
EVENT_UNITS = "人次|起|次|件|例|宗|处|个|项|家|笔|批|所|户|名|条"
_N = r"\d+|[一二两三四五六七八九十]"
_CLAUSES = re.compile(r"[,;。，；]")
_FINDING = re.compile(
    rf"(?<!未)(?<!没有)(?P<verb>发现|查出|查处|被?通报批评|出现|发生|存在)(?P<what>[^\d]{{0,16}}?)"
    rf"(?P<n>{_N})(?P<unit>{EVENT_UNITS})(?P<rest>.*)"
)
_FAULT = re.compile(r"问题|违规|违纪|违法|事故|差错|错误|投诉|不合格|不规范|不达标|未按|延期|逾期|超期|隐患|缺陷|失误")
_FAULTY = re.compile(
    rf"(?P<n>{_N})(?P<unit>{EVENT_UNITS})[^\d]{{0,12}}?(?:未按|未能|未完成|不合格|不规范|不达标|延期|逾期|超期)"
)
_NOTHING_WRONG = re.compile(
    r"未发现|未发生|未出现|未见|没有发现|没有发生|不存在|均未|均无|无(?:违规|违纪|问题|不合格|不规范|差错|延期|事故)"
    r"|均按规定|均按进度|均已按|全部按规定|均符合|均合规|均按时|全部按时|全部按期|均按期"
)
_OTHER_YEAR = re.compile(r"上年|去年|上一年|往年|以前年度|历年")  # "上年审计发现问题2处已全部整改": not this year's
# "已全部整改到位", "均已整改": all rectified; "已整改3个", "5个整改到位": some
_ALL_RECTIFIED = re.compile(r"(?:已全部|全部已?|均已?)(?:整改|按期整改)|(?:全部|均)[^,;。，；\d]{0,8}整改到位")
_RECTIFIED = re.compile(rf"(?:已整改|整改到位|完成整改)(?P<a>{_N})个?|(?P<b>{_N})个?(?:已整改|整改到位|已完成整改)")
_STILL_OPEN = r"正在整改|整改中|未整改|尚未整改|未完成整改|正推进|正在推进"
_LEFT = re.compile(rf"(?P<n>{_N})个?[^\d,;。，；]{{0,12}}?(?:{_STILL_OPEN})|(?:{_STILL_OPEN})(?:的|问题)?(?P<m>{_N})个")


def number(token: str) -> float:
    """A count as written: "3" or "三"."""
    return float(CN_DIGITS.get(token) or token)


def faults_found(words: str) -> tuple[float, str] | None:
    """(how many faults, in what unit) the words say were found: 0 where they say none was; None where they give no
    such count or several."""
    counts: dict[tuple[int, int], tuple[float, str]] = {}
    clear = False
    for at, clause in _clauses(words):
        if _NOTHING_WRONG.search(clause):
            clear = True
            continue
        if _OTHER_YEAR.search(clause):
            continue
        for found in _FINDING.finditer(clause):
            loose = found["verb"] in ("出现", "发生", "存在")
            said = found["what"] + found["rest"]
            if not loose or _FAULT.search(said) or not said.strip():
                counts[(at, found.start("n"))] = (number(found["n"]), found["unit"])
        for found in _FAULTY.finditer(clause):
            counts.setdefault((at, found.start("n")), (number(found["n"]), found["unit"]))
    if len(counts) == 1:
        return next(iter(counts.values()))
    return (0.0, "") if clear and not counts else None


def left_unrectified(words: str, found: float | None) -> float | None:
    """How many of the faults found the words leave unrectified: those said still open ("1个正在整改"), else those
    found less those said rectified ("发现问题4个，已整改3个": 1), else none where all are ("已全部整改到位"); None
    where the words do not say."""
    text = unicodedata.normalize("NFKC", words)
    left = [number(m["n"] or m["m"]) for m in _LEFT.finditer(text)]
    if left:
        return sum(left)
    fixed = [number(m["a"] or m["b"]) for m in _RECTIFIED.finditer(text)]
    if fixed and found is not None:
        return max(found - sum(fixed), 0.0)
    return 0.0 if _ALL_RECTIFIED.search(text) else None


def count_done(words: str, unit: str) -> float | None:
    """The count the words say was done in ``unit``, beside a plan or a running total: the year's own ("累计完成22
    场次，其中本年度完成16场次": 16), else the one said done ("计划开展20场次，实际开展16场次": 16)."""
    text = unicodedata.normalize("NFKC", words)
    for lead in ("本年度|本年|当年|年内", "实际|完成|已", "开展|建成|达到"):
        done = re.findall(rf"(?<!累计)(?:{lead})[^\d,;。，；]{{0,8}}?(\d+(?:\.\d+)?){re.escape(unit)}", text)
        if len(done) == 1:
            return float(done[0])
    return None


def _clauses(words: str) -> list[tuple[int, str]]:
    text = unicodedata.normalize("NFKC", words)
    return list(enumerate(_CLAUSES.split(text)))
