"""Counts a row's own words give (its 实际完成值, 评价情况, 扣分原因): of the faults found, for a standard that takes
points off for each ("每发现1个问题扣0.5分"); of those left unrectified, for one that counts those ("每有1个问题未
整改到位扣1分"); of what was done, for one that sets the count ("完成20场次的得满分").

A sentence is read clause by clause (commas, semicolons, line breaks, 、 and ：). A fault is counted where a verb of
finding names it ("发现问题2个", "查出3处", "审计指出问题3个", "被通报批评1次"; after 发生, 出现, 存在 or 收到 only
where the clause names a fault, "发生安全事故1起", or says nothing else, "出现1次"), or where a predicate of fault
follows the count ("4个项目未按计划完工", "2个未及时公开"), never after a negation ("未发生", "没有延期"). A clause
that counts none and says nothing was wrong ("未发现违规", "无不规范情况", "均按规定公开") gives 0; one of another
year gives nothing; one that picks out some of a whole ("其中2个…") and is neither leaves the count unsaid. One count
read in all is the answer; none where the words are only of what was done or looked at ("新增资产15项")."""

from __future__ import annotations

import re
import unicodedata

from perfxl.rules.standards_text import CN_DIGITS

# classifiers a count of faults is said in (not 万, 元: "违规资金3万元" is an amount)
EVENT_UNITS = "人次|起|次|件|例|宗|处|个|项|家|笔|批|所|户|名|条"
N = r"\d+|[一二两三四五六七八九十]+"
_CLAUSES = re.compile(r"[,;。，；、:：\n]")
_NEGATED = r"(?<!未)(?<!没有)(?<!无)(?<!不)"
# named in a higher body's notice or called in to account ("被通报1次", "受到上级通报2次", "被约谈1次"), never praised
_PRAISED = r"表扬|表彰|推广|肯定|嘉奖|奖励|典型|经验|先进"
_REPORTED = rf"(?:被|受到)(?:(?!{_PRAISED})[^\d,;。，；]){{0,6}}?通报(?!{_PRAISED})|被约谈"
_FINDING = re.compile(
    rf"{_NEGATED}(?P<verb>发现|查出|指出|反馈|被?通报批评|{_REPORTED}|出现|发生|存在|收到|接到)(?P<what>[^\d]{{0,16}}?)"
    rf"(?P<n>{N})(?P<unit>{EVENT_UNITS})(?P<rest>.*)"
)
_LOOSE = ("出现", "发生", "存在", "收到", "接到")  # verbs that count a fault only where the clause names one
_FAULT = re.compile(
    r"问题|违规|违纪|违法|事故|差错|错误|投诉|故障|不合格|不合规|不符合|不规范|不达标|未按|未及时|延期|逾期|超期|隐患|缺陷|失误"
)
_FAULTY = re.compile(
    rf"(?P<n>{N})(?P<unit>{EVENT_UNITS})(?P<gap>[^\d]{{0,12}}?)"
    r"(?:未按|未能|未及时|未完成|不合格|不合规|不符合|不规范|不达标|延期|逾期|超期)"
)
_NO = re.compile(r"没有|无一|无|零")  # "20个项目没有延期", "无一延期": a fault denied
_NOTHING_WRONG = re.compile(
    r"未发现|未发生|未出现|未见|没有|不存在|均未|均无|无一|零(?:逾期|延期|投诉|事故)"
    r"|无[^\d,;。，；]{0,6}?(?:违规|违纪|问题|不合格|不规范|差错|延期|事故|通报批评|投诉)|未被通报|未(?:接到|收到)"
    r"|(?:均|全部)(?:(?!未|不)[^,;。，；]){0,16}?(?:按规定|按进度|按时|按期|符合|合规)"
)
_OTHER_YEAR = re.compile(r"上年|去年|上一年|往年|以前年度|历年")  # "上年审计发现问题2处已全部整改": not this year's
_SOME_OF = re.compile(rf"^\s*(?:其中|另有|有)(?:{N})(?:{EVENT_UNITS})")  # "其中2个…": some of the whole, said how
# "已全部整改到位", "均已整改": all rectified (not "未全部整改", "均未整改到位"); "已整改3个", "5个整改到位": some
_ALL_RECTIFIED = re.compile(
    r"(?<!未)(?:已全部|全部已?|均已)(?:整改|按期整改)|(?<!未)(?:全部|均已)[^,;。，；\d]{0,8}整改到位"
)
_RECTIFIED = re.compile(
    rf"(?<!未)(?:已整改|整改到位|完成整改)(?P<a>{N})个?|(?P<b>{N})个?(?:已整改|整改到位|已完成整改)"
)
_STILL_OPEN = r"正在整改|整改中|未整改|尚未整改|未完成整改|整改正在推进"
_LEFT = re.compile(
    rf"(?P<n>{N})(?:个|项|处|起|条)[^\d,;。，；]{{0,12}}?(?:{_STILL_OPEN})|(?:{_STILL_OPEN})(?:的|问题)?(?P<m>{N})个"
    rf"|剩余(?P<r>{N})个"
)


def count_of(token: str) -> float:
    """A count as written: "12", "三", "十二", "二十"."""
    if token.isdigit():
        return float(token)
    if "十" not in token:
        return float("".join(str(CN_DIGITS[c]) for c in token))
    tens, _, ones = token.partition("十")
    return float((CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0))


def faults_found(words: str) -> tuple[float, str] | None:
    """(how many faults, in what unit) the words say were found: 0 where they say none was; None where they give no
    such count or several."""
    counts: dict[tuple[int, int], tuple[float, str]] = {}
    clear = unsaid = False
    for at, clause in enumerate(_CLAUSES.split(unicodedata.normalize("NFKC", words))):
        if _OTHER_YEAR.search(clause):
            continue
        here = {(at, start): count for start, count in _counts(clause)}
        counts.update(here)
        clear = clear or (not here and bool(_NOTHING_WRONG.search(clause)))
        unsaid = unsaid or (not here and not _NOTHING_WRONG.search(clause) and bool(_SOME_OF.search(clause)))
    if len(counts) == 1:
        return next(iter(counts.values()))
    return (0.0, "") if clear and not counts and not unsaid else None


def _counts(clause: str) -> list[tuple[int, tuple[float, str]]]:
    """(where, (count, unit)) of the faults one clause counts."""
    found: dict[int, tuple[float, str]] = {}
    for hit in _FINDING.finditer(clause):
        said = hit["what"] + hit["rest"]
        if "涉及" in hit["what"]:
            continue  # "发现的问题涉及3个项目": projects, not faults
        if hit["verb"] not in _LOOSE or _FAULT.search(said) or not said.strip():
            found[hit.start("n")] = (count_of(hit["n"]), hit["unit"])
    for hit in _FAULTY.finditer(clause):
        if not _NO.search(hit["gap"]):
            found.setdefault(hit.start("n"), (count_of(hit["n"]), hit["unit"]))
    return list(found.items())


def left_unrectified(words: str, found: float | None) -> float | None:
    """How many of the faults found the words leave unrectified: those said still open ("1个正在整改", "未整改1个"),
    else those found less those said rectified ("发现问题4个，已整改3个": 1), else none where all are ("已全部整改
    到位"); None where the words do not say."""
    text = unicodedata.normalize("NFKC", words)
    left = [count_of(m["n"] or m["m"] or m["r"]) for m in _LEFT.finditer(text)]
    if left:
        return sum(left)
    if found is not None and re.search(r"均未(?:按期)?整改|全部未整改|都未整改", text):
        return found  # "发现问题3个，均未整改到位"
    fixed = [count_of(m["a"] or m["b"]) for m in _RECTIFIED.finditer(text)]
    if fixed and found is not None:
        return max(found - sum(fixed), 0.0)
    return 0.0 if _ALL_RECTIFIED.search(text) else None


def done_in(words: str, unit: str) -> float | None:
    """The count the words say was done in ``unit``, beside a plan or a running total: the year's own ("累计完成22
    场次，其中本年度完成16场次": 16), else the one said done ("计划开展20场次，实际开展16场次": 16) — never a plan's,
    a running total's, or one not done ("未完成4场次"); else a plan less what of it was not done."""
    text = unicodedata.normalize("NFKC", words)
    for lead in ("本年度|本年|当年|年内", "实际|完成|已", "开展|建成|达到"):
        pattern = (
            rf"(?<!累计)(?<!未)(?<!计划)(?<!预计)(?<!新增)(?<!另)(?:{lead})([^\d,;。，；]{{0,8}}?)(\d+(?:\.\d+)?)"
            rf"{re.escape(unit)}"
        )
        done = [m[2] for m in re.finditer(pattern, text) if not re.search("计划|目标|预计|累计", m[1])]
        if len(done) == 1:
            return float(done[0])
    # none said done, a plan and what of it was not ("计划开展20场次，未完成4场次": 16)
    unit_at = re.escape(unit)
    plan = re.findall(rf"(?:计划|目标|预计)[^\d,;。，；]{{0,8}}?(\d+(?:\.\d+)?){unit_at}", text)
    short = re.findall(
        rf"(?:未完成|未开展|未实施|未能完成|取消|顺延|延期)[^\d,;。，；]{{0,6}}?(\d+(?:\.\d+)?){unit_at}", text
    )
    figures = re.findall(rf"\d+(?:\.\d+)?{unit_at}", text)  # those two and no other figure in the unit
    if len(plan) == 1 and len(short) == 1 and len(figures) == 2 and float(short[0]) <= float(plan[0]):
        return float(plan[0]) - float(short[0])
    return None
