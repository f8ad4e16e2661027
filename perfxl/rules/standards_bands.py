"""How a printed standard's bands are made to tile the rates (``perfxl.rules.standards``): thresholds stacked one
over another read as a ladder, and a shared edge that both bands, or neither, claim given to one of them by the
decisions of docs/domain.md §11 and §22."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from perfxl.rules.standards_text import INF, Case


def ladder(cases: tuple[Case, ...]) -> tuple[Case, ...]:
    """Thresholds stacked one over another ("≥100%得5分；≥90%得3分；<90%不得分", "≤5%得满分；≤10%得3分"): each
    gives its score from its own threshold up to the next one's, the highest (or lowest) one met winning, as a reader
    takes them; only where the scores rise with the threshold they are met at, else the overlap stands."""
    up = sorted((c for c in cases if c.interval.hi == INF and c.interval.lo > -INF), key=lambda c: c.interval.lo)
    down = sorted((c for c in cases if c.interval.lo == -INF and c.interval.hi < INF), key=lambda c: -c.interval.hi)
    out = {id(c): c for c in cases}
    for stack, high in ((up, True), (down, False)):
        scores = [c.score if c.score is not None else INF for c in stack]  # None: 满分, above any printed score
        if len(stack) < 2 or any(b < a for a, b in pairwise(scores)):
            continue
        for a, b in pairwise(stack):
            lo_edge = b.interval.lo if high else b.interval.hi
            cut = replace(a.interval, hi=lo_edge, hi_in=not b.interval.lo_in) if high else None
            cut = cut or replace(a.interval, lo=lo_edge, lo_in=not b.interval.hi_in)
            out[id(a)] = replace(a, interval=cut)
    return tuple(out[id(c)] for c in cases)


def edges_settled(ordered: list[Case]) -> tuple[list[Case], tuple[float, ...]]:
    """Two neighbouring bands that both include their shared edge, one by an explicit "(含)" ("5%-10%(含)") and the
    other only by 以上/以下's default ("10%以上"): the explicit one keeps the edge (docs/domain.md §11). Returns the
    bands and the edges so settled."""
    out = list(ordered)
    edges = []
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        x, y = a.interval, b.interval
        if x.hi != y.lo or not (x.hi_in and y.lo_in) or _implicit(a) == _implicit(b):
            continue
        if _implicit(b):
            out[i + 1] = replace(b, interval=replace(y, lo_in=False))
        else:
            out[i] = replace(a, interval=replace(x, hi_in=False))
        edges.append(x.hi)
    return out, tuple(edges)


def shared_edges(ordered: list[Case]) -> tuple[list[Case], tuple[tuple[float, bool], ...]]:
    """Two neighbouring bands written to the same figure and neither saying 含 ("85%-90%得3分，90%-95%得4分"): the
    figure opens the upper band, as a grade's does (docs/domain.md §22). Returns the bands and each edge a bare range
    leaves open to another reading, with whether the lower band keeps it as settled: a shared one (False), and one
    a "…以下" or "…以上" keeps by its default beside a range written to it ("85%以下不得分；85%-90%得3分")."""
    out = list(ordered)
    edges = []
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        x, y = a.interval, b.interval
        if x.hi != y.lo or "含" in a.text + b.text:
            continue
        if not x.hi_in and not y.lo_in:
            out[i + 1] = replace(b, interval=replace(y, lo_in=True))
            edges.append((x.hi, False))
        elif x.hi_in != y.lo_in and _implicit(a if x.hi_in else b) and not _implicit(b if x.hi_in else a):
            edges.append((x.hi, x.hi_in))  # "…以下" / "…以上" keeps its number by default; the range may claim it
    return out, tuple(edges)


def _implicit(case: Case) -> bool:
    """A band whose edge is included only because 以上/以下/以内 include their number by default."""
    return any(word in case.text for word in ("以上", "以下", "以内")) and "含" not in case.text
