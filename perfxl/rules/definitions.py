"""A rate's definition as a 附件5 row's 指标说明 prints it ("预算完成率=决算总额/预算总额×100%"), read into a RateDef
over the rule set's 附件4 fields, or None (docs/domain.md §14).

The formula is ``name = numerator / denominator [× 100%]``: each side a sum of terms (``+``, ``-``), in brackets or
not; "[(A−B)/B]" and the typo "(A+B−C/A+B)" (the brackets of each side left out) read as (A+B−C)/(A+B). A term is
a field when its words are one of that field's labels and no other field's; every term must be one, or the printed
formula is not used (its words are the template's, and most say the rule set's own formula in other words).
"""

from __future__ import annotations

import re
from functools import lru_cache

from perfxl.read.text import clean, label_key
from perfxl.rules.model import RateDef, RuleSet, Term

_EQUALS = re.compile(r"^(?P<name>[^=]{1,30}?率)=(?P<expr>.+)$")
_PERCENT = re.compile(r"[x×*]100%?$")
_STOP = re.compile(r"[。;；,，]")  # the formula ends where its explanation starts ("…×100%。预算完成数:…")


@lru_cache(maxsize=4096)  # a batch prints the same few 指标说明 on every return
def parse_definition(text: str) -> tuple[str, tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]] | None:
    """(rate name, numerator terms, denominator terms) as printed, each term (words, ±1); None: not a formula."""
    norm = clean(text).replace("÷", "/").replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")
    norm = norm.replace("−", "-").replace("－", "-").replace("—", "-").replace("＋", "+")
    norm = _STOP.split(norm, maxsplit=1)[0]
    match = _EQUALS.match(norm)
    if match is None:
        return None
    expr = _PERCENT.sub("", match.group("expr"))
    while expr.startswith("(") and expr.endswith(")") and _balanced(expr[1:-1]):
        expr = expr[1:-1]
    parts = _split_top(expr, "/")
    if parts is None or len(parts) != 2:
        return None
    num, den = (_terms(_unwrap(part)) for part in parts)
    if not num or not den:
        return None
    return match.group("name"), num, den


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def _split_top(expr: str, sep: str) -> list[str] | None:
    """``expr`` cut at ``sep`` outside brackets; None when its brackets do not balance."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(expr):
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return None
        if ch == sep and depth == 0:
            parts.append(expr[start:i])
            start = i + 1
    if depth != 0:
        return None
    return [*parts, expr[start:]]


def _unwrap(part: str) -> str:
    while part.startswith("(") and part.endswith(")") and _balanced(part[1:-1]):
        part = part[1:-1]
    return part


def _terms(side: str) -> tuple[tuple[str, int], ...]:
    """A sum of words, each with its sign; () when a term is not plain words (a bracket, a number, a product)."""
    out = []
    for sign, words in re.findall(r"([+-]?)([^+-]+)", side):
        if re.search(r"[()*x×/\d.%]", words):
            return ()
        out.append((words, -1 if sign == "-" else 1))
    return tuple(out)


def printed_rate(text: str, rules: RuleSet, rate: str) -> RateDef | None:
    """The rate ``rate`` as the 指标说明 ``text`` defines it over the rule set's fields; None when the text is no
    formula for it or a term names no field (or more than one)."""
    titles = tuple(
        (f"{form_id}.{block.id}", frozenset(block.titles))
        for form_id, form in rules.forms.items()
        for block in form.blocks
    )
    return _printed_rate(text, rules.label_fields, titles, rules.rates[rate])


Labels = tuple[tuple[str, tuple[str, ...]], ...]
Titles = tuple[tuple[str, frozenset[str]], ...]


@lru_cache(maxsize=1024)  # a batch prints a few dozen distinct 指标说明
def _printed_rate(text: str, labels: Labels, titles: Titles, rate: RateDef) -> RateDef | None:
    """The formula as printed, else with each glossed word read by its gloss ("实际支出数（决算总额）" as 决算总额,
    "调整后预算数（年初预算数+年中预算调整）" as the sum), else with the glosses dropped."""
    plain = text.replace("（", "(").replace("）", ")")
    for variant in (text, _GLOSS.sub(r"(\2)", plain), _GLOSS.sub(r"\1", plain)):
        found = _mapped(variant, labels, dict(titles), rate)
        if found is not None:
            return found
    return None


# a word followed by a bracketed gloss of words (and + / -): "实际支出数(决算总额)"
_GLOSS = re.compile(r"([\u4e00-\u9fff“”\"]+)\(([\u4e00-\u9fff“”\"+\-−]+)\)")


def _mapped(text: str, labels: Labels, titles: dict[str, frozenset[str]], rate: RateDef) -> RateDef | None:
    parsed = parse_definition(text)
    if parsed is None:
        return None
    name, num, den = parsed
    if label_key(name)[-3:] != label_key(rate.name)[-3:]:
        return None  # a formula of another rate ("…控制率" printed beside a 完成率)
    fields = dict(labels)
    own = {t.field for t in (*rate.num, *rate.den)}
    # the blocks of the words that name one field only: a word several blocks use (预算数) is that block's
    # ("预算完成数÷预算数": 预算完成情况's 预算数, not 三公经费控制情况's)
    blocks = {_block(named[0]) for words, _ in (*num, *den) if len(named := fields.get(label_key(words), ())) == 1}

    def field_of(words: str) -> str:
        """The field the words name: the only one, or of several the one among the rate's own inputs, else the one
        in the block of the formula's other words, else in a block printed under one of its titles (预算调整率 =
        预算调整数 ÷ 预算数: the 预算数 of 预算完成情况, which shares 预算执行情况 with 预算调整情况)."""
        named = fields[label_key(words)]
        if len(named) > 1:
            mine = tuple(f for f in named if f in own)
            beside = tuple(f for f in named if any(titles[_block(f)] & titles[b] for b in blocks))
            named = mine or tuple(f for f in named if _block(f) in blocks) or beside
        if len(named) != 1:
            raise KeyError(words)
        return named[0]

    try:
        return RateDef(
            rate.name,
            tuple(Term(field_of(words), sign) for words, sign in num),
            tuple(Term(field_of(words), sign) for words, sign in den),
            rate.declared,
        )
    except KeyError:
        return None


def _block(field: str) -> str:
    """The block a field key is in ("base_data.completion.final" → "base_data.completion")."""
    return field.rpartition(".")[0]
