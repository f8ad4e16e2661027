"""External links and data connections cut from a scored copy.

A copy perfxl writes carries no Mark of the Web, so Excel opens it trusting what it holds: a link to another
workbook (often a UNC path: Excel then authenticates to that host) would be updated, a data connection refreshed.
The scored copy is the department's numbers as they were scored, so it keeps values and reaches nothing:

- external links are broken as Excel's 断开链接 does: each formula that refers to another workbook (directly, or
  through a defined name that does) is replaced by the value it showed when saved, chart series that refer to one
  keep their cached points as literals, and the link parts go;
- data connections (``connections.xml``) go with the query tables that use them; where something else needs them
  (a pivot cache or the data model), they are kept with refreshing on open turned off.

The input itself is never changed: whoever needs the links has them there.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from typing import Final

from lxml import etree

from perfxl.ooxml.parts import (
    CHART,
    REL_CALC,
    REL_CONNECTIONS,
    REL_EXTERNAL_LINK,
    REL_PIVOT_CACHE,
    REL_QUERY_TABLE,
    REL_SHEET,
    REL_TABLE,
)
from perfxl.ooxml.tree import drop_attrs, find, qn
from perfxl.ooxml.writer import PackageWriter, drop_rel, rels
from perfxl.write.patch.book import Book

__all__ = ["cut_connections", "cut_links"]

# "[1]Sheet1!A1", "'[1]Sheet 1'!A1", "[1]!Name": a bracketed number not following a name (Table1[1] is a table
# column) nor closing a bracket (Table1[[#This Row],[1]])
_EXTERNAL: Final = re.compile(r"(?<![\w.\]\[])\[\d+\]")


def cut_links(pkg: PackageWriter, book: Book, warnings: list[str]) -> None:
    """Break the workbook's external links in the copy."""
    links = [r for r in rels(pkg, book.part) if r.rtype == REL_EXTERNAL_LINK]
    if not links:
        return
    targets = [t for r in links if r.target for t in _link_targets(pkg, r.target)]
    wb = book.edit()
    box = find(wb, "externalReferences")
    if box is not None:
        wb.remove(box)
    names = _drop_external_names(wb)
    for rel in links:
        drop_rel(pkg, book.part, rel)
    uses = _EXTERNAL if not names else re.compile(_EXTERNAL.pattern + "|" + _name_pattern(names), re.IGNORECASE)
    replaced = sum(_values_for_formulas(pkg, part, uses) for part in _sheet_parts(pkg, book))
    series = sum(_literal_series(pkg, part) for part in _chart_parts(pkg))
    shown = "、".join(dict.fromkeys(targets)) or "其他工作簿"
    done = [f"{replaced} 个引用其他工作簿的公式改为保存时的值"] if replaced else []
    if series:
        done.append(f"{series} 个图表数据系列改为保存时的数据")
    if names:
        done.append(f"删除了指向其他工作簿的名称 {'、'.join(names)}")
    said = "：" + "；".join(done) if done else ""
    warnings.append(f"工作簿含外部链接(指向 {shown})，评分副本中已断开{said}(原文件不变)")
    if replaced:
        for rel in rels(pkg, book.part):  # the chain lists the formulas that are gone; Excel rebuilds it
            if rel.rtype == REL_CALC:
                drop_rel(pkg, book.part, rel)


def _link_targets(pkg: PackageWriter, part: str) -> list[str]:
    """What a link part points to, as written (a path or URL)."""
    return [r.el.get("Target", "") for r in rels(pkg, part) if r.target is None and r.el.get("Target")]


def _drop_external_names(wb: etree._Element) -> list[str]:
    """Remove the defined names that refer to another workbook; their names."""
    box = find(wb, "definedNames")
    if box is None:
        return []
    dropped = []
    for el in list(box.findall(qn("definedName"))):
        if _EXTERNAL.search(el.text or ""):
            dropped.append(el.get("name", ""))
            box.remove(el)
    if not len(box):
        wb.remove(box)
    return [n for n in dropped if n]


def _name_pattern(names: Iterable[str]) -> str:
    """A defined name used in a formula (not part of a longer name, not a function of that name)."""
    return "|".join(rf"(?<![\w.]){re.escape(n)}(?![\w.(])" for n in names)


def _sheet_parts(pkg: PackageWriter, book: Book) -> list[str]:
    return [r.target for r in rels(pkg, book.part) if r.rtype == REL_SHEET and r.target and pkg.name(r.target)]


def _values_for_formulas(pkg: PackageWriter, part: str, uses: re.Pattern[str]) -> int:
    """Replace each formula of the sheet that ``uses`` matches by its cached value; how many."""
    if not uses.search(pkg.blobs[pkg.name(part) or part].decode("utf-8", "replace")):
        return 0  # nothing in this sheet refers to another workbook: it is not parsed nor rewritten
    ws = pkg.xml(part)
    formulas = list(ws.iter(qn("f")))
    shared = {f.get("si") for f in formulas if f.get("t") == "shared" and f.text and uses.search(f.text)}
    hit = [
        f for f in formulas if (f.text and uses.search(f.text)) or (f.get("t") == "shared" and f.get("si") in shared)
    ]
    if not hit:
        return 0
    pkg.xml(part, edit=True)
    for f in hit:
        cell = f.getparent()
        if cell is None:
            continue
        cell.remove(f)
        if cell.get("t") == "str":  # a formula's text result: without the formula it is a plain string
            value = find(cell, "v")
            cell.set("t", "inlineStr")
            text = value.text if value is not None else ""
            if value is not None:
                cell.remove(value)
            inline = etree.Element(qn("is"))
            etree.SubElement(inline, qn("t")).text = text
            cell.insert(0, inline)  # f and v are gone: <is> comes first
    return len(hit)


def _chart_parts(pkg: PackageWriter) -> list[str]:
    return [n for n in pkg.blobs if n.startswith("xl/charts/") and n.endswith(".xml") and pkg.name(n)]


def _literal_series(pkg: PackageWriter, part: str) -> int:
    """Chart data that refers to another workbook kept as the literal points it caches; how many references."""
    if not _EXTERNAL.search(pkg.blobs[part].decode("utf-8", "replace")):
        return 0
    chart = pkg.xml(part)
    refs = [f.getparent() for f in chart.iter(f"{{{CHART}}}f") if _EXTERNAL.search(f.text or "")]
    done = 0
    for ref in refs:
        parent = ref.getparent() if ref is not None else None
        if ref is None or parent is None:
            continue
        kind = etree.QName(ref).localname  # numRef / strRef / multiLvlStrRef
        cache = ref.find(f"{{{CHART}}}{kind[:-3]}Cache")
        if kind not in ("numRef", "strRef") or cache is None:
            continue  # no cache to keep: left as it is (the chart shows what it showed)
        literal = etree.Element(f"{{{CHART}}}{kind[:-3]}Lit")
        literal.extend(list(cache))
        ref.addprevious(literal)
        parent.remove(ref)
        done += 1
    if done:
        pkg.xml(part, edit=True)
    return done


def cut_connections(pkg: PackageWriter, book: Book, warnings: list[str]) -> None:
    """Remove the workbook's data connections from the copy, or turn off their refreshing on open where a pivot
    cache or the data model needs them."""
    found = [r for r in rels(pkg, book.part) if r.rtype == REL_CONNECTIONS and r.target and pkg.name(r.target)]
    if not found:
        return
    part = found[0].target or ""
    listed = [c.get("name") or c.get("id") or "" for c in pkg.xml(part).findall(qn("connection"))]
    shown = "、".join(n for n in listed if n) or "未命名"
    if _connections_needed(pkg, book):
        for c in pkg.xml(part, edit=True).findall(qn("connection")):
            drop_attrs(c, "refreshOnLoad")
        for name in _parts_of(pkg, REL_QUERY_TABLE, book) + _pivot_caches(pkg, book):
            if pkg.xml(name).get("refreshOnLoad") not in (None, "0", "false"):
                drop_attrs(pkg.xml(name, edit=True), "refreshOnLoad")
        warnings.append(
            f"工作簿含数据连接({shown})，评分副本中保留(数据透视表或数据模型要用)，但已关闭打开时的自动刷新(原文件不变)"
        )
        return
    for rel in found:
        drop_rel(pkg, book.part, rel)
    for sheet in _sheet_parts(pkg, book):
        for rel in rels(pkg, sheet):
            if rel.rtype == REL_QUERY_TABLE:
                drop_rel(pkg, sheet, rel)
            elif rel.rtype == REL_TABLE and rel.target and pkg.name(rel.target):
                _plain_table(pkg, rel.target)
    warnings.append(f"工作簿含数据连接({shown})，评分副本中已移除，打开副本不会连接外部数据(原文件不变)")


def _plain_table(pkg: PackageWriter, part: str) -> None:
    """A table that was a query's result becomes a plain table (its data stays)."""
    for rel in rels(pkg, part):
        if rel.rtype == REL_QUERY_TABLE:
            drop_rel(pkg, part, rel)
    table = pkg.xml(part)
    if table.get("tableType") != "queryTable" and table.get("connectionId") is None:
        return
    table = pkg.xml(part, edit=True)
    drop_attrs(table, "tableType", "connectionId")
    for column in table.iter(qn("tableColumn")):
        drop_attrs(column, "queryTableFieldId")


def _pivot_caches(pkg: PackageWriter, book: Book) -> list[str]:
    return [r.target for r in rels(pkg, book.part) if r.rtype == REL_PIVOT_CACHE and r.target and pkg.name(r.target)]


def _parts_of(pkg: PackageWriter, rtype: str, book: Book) -> list[str]:
    """The parts the sheets relate to with ``rtype``."""
    return [
        r.target
        for sheet in _sheet_parts(pkg, book)
        for r in rels(pkg, sheet)
        if r.rtype == rtype and r.target and pkg.name(r.target)
    ]


def _connections_needed(pkg: PackageWriter, book: Book) -> bool:
    """A pivot cache fed by a connection, or the data model, needs the connections part."""
    if any(posixpath.dirname(n) == "xl/model" for n in pkg.blobs if pkg.name(n)):
        return True
    for name in _pivot_caches(pkg, book):
        source = find(pkg.xml(name), "cacheSource")
        if source is not None and source.get("connectionId") is not None:
            return True
    return False
