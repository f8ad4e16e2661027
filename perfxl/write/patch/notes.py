"""Notes (comments) on edited cells: the comments part and its legacy VML drawing, created or merged into."""

from __future__ import annotations

import re
from typing import Final

from lxml import etree

from perfxl.errors import OutputError
from perfxl.ooxml.parts import CT_COMMENTS, CT_VML, MAIN, REL_COMMENTS, REL_VML, VML, R
from perfxl.ooxml.refs import cell_ref
from perfxl.ooxml.tree import PARSER, WS_ORDER, ensure, find, qn, set_text, sub, xml_text
from perfxl.ooxml.writer import PackageWriter, add_rel, ct_default, ct_override, rels

__all__ = ["add_notes"]

_NOTE_VML: Final = (
    f'<xml xmlns:v="{VML["v"]}" xmlns:o="{VML["o"]}" xmlns:x="{VML["x"]}">'
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{idmap}"/></o:shapelayout></xml>'
)
_SHAPETYPE: Final = (
    f'<v:shapetype xmlns:v="{VML["v"]}" xmlns:o="{VML["o"]}" id="_x0000_t202" '
    'coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)
_SHAPE: Final = (
    f'<v:shape xmlns:v="{VML["v"]}" xmlns:o="{VML["o"]}" xmlns:x="{VML["x"]}" id="_x0000_s{{sid}}" '
    'type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:200pt;'
    'height:{height}pt;z-index:{z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
    '<v:path o:connecttype="none"/>'
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>'
    '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
    "<x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row>"
    "<x:Column>{col}</x:Column></x:ClientData></v:shape>"
)


def _r_nsmap(root: etree._Element) -> dict[str, str] | None:
    """Declare the r: prefix on a new element only when the document root does not already bind it."""
    return None if root.nsmap.get("r") == R else {"r": R}


def _note_parts(pkg: PackageWriter, sheet_part: str, ws: etree._Element) -> tuple[str, str] | str:
    """(comments part, VML part) of a sheet, creating what is missing; or why notes cannot be added."""
    sheet_rels = rels(pkg, sheet_part)
    legacy = find(ws, "legacyDrawing")
    vml_part = None
    if legacy is not None:  # look up by r:id: legacyDrawingHF uses the same relationship type
        rel = next((r for r in sheet_rels if r.rid == legacy.get(f"{{{R}}}id")), None)
        if rel is None or rel.target is None or pkg.name(rel.target) is None:
            return "原有批注绘图部件缺失"
        vml_part = rel.target
    c_rel = next((r for r in sheet_rels if r.rtype == REL_COMMENTS and r.target and pkg.name(r.target)), None)
    comments_part = c_rel.target if c_rel is not None else None
    try:  # Excel's VML is often not well-formed XML; then it cannot be merged safely
        for part in (vml_part, comments_part):
            if part is not None:
                pkg.xml(part)
    except OutputError:
        return "原有批注无法解析"
    if comments_part is None:
        comments_part = pkg.unused("xl/comments{}.xml")
        pkg.add(
            comments_part,
            etree.fromstring(f'<comments xmlns="{MAIN}"><authors/><commentList/></comments>'.encode(), PARSER),
        )
        ct_override(pkg, comments_part, CT_COMMENTS)
        add_rel(pkg, sheet_part, REL_COMMENTS, comments_part)
    if vml_part is None:
        vml_part = pkg.unused("xl/drawings/vmlDrawing{}.vml")
        number = re.findall(r"\d+", vml_part)[-1]
        pkg.add(vml_part, etree.fromstring(_NOTE_VML.format(idmap=number).encode(), PARSER))
        ct_default(pkg, "vml", CT_VML)
        legacy = ensure(ws, "legacyDrawing", WS_ORDER, _r_nsmap(ws))
        legacy.set(f"{{{R}}}id", add_rel(pkg, sheet_part, REL_VML, vml_part))
    return comments_part, vml_part


def add_notes(
    pkg: PackageWriter, sheet_part: str, ws: etree._Element, notes: list[tuple[int, int, str]]
) -> str | list[str]:
    """Add notes (row, column, text) to a sheet, merging into existing comments/VML parts; returns a reason if none
    could be added, else the cells left alone because the person's own comment is there (never edited: perfxl's
    note for them is in 一致性检查)."""
    parts = _note_parts(pkg, sheet_part, ws)
    if isinstance(parts, str):
        return parts
    c_part, v_part = parts
    comments, vml = pkg.xml(c_part, edit=True), pkg.xml(v_part, edit=True)
    authors = ensure(comments, "authors", ["authors", "commentList", "extLst"])
    names = [a.text for a in authors.findall(qn("author"))]
    if "perfxl" not in names:
        set_text(sub(authors, "author"), "perfxl")
        names.append("perfxl")
    clist = ensure(comments, "commentList", ["authors", "commentList", "extLst"])
    if vml.find(f'.//{{{VML["v"]}}}shapetype[@id="_x0000_t202"]') is None:
        vml.insert(len(vml.findall(f"{{{VML['o']}}}shapelayout")), etree.fromstring(_SHAPETYPE, PARSER))
    idmap = vml.find(f".//{{{VML['o']}}}idmap")
    first_block = int((idmap.get("data") or "1" if idmap is not None else "1").split(",")[0])
    used = [int(n) for s in vml.iter(f"{{{VML['v']}}}shape") for n in re.findall(r"_x0000_s(\d+)", s.get("id", ""))]
    sid = max([first_block * 1024, *used])
    ours = str(names.index("perfxl"))
    theirs: list[str] = []
    for row, col, note in notes:
        ref = cell_ref(row, col)
        text = xml_text(note)
        existing = next((c for c in clist.findall(qn("comment")) if c.get("ref") == ref), None)
        if existing is not None and existing.get("authorId") != ours:
            theirs.append(ref)
            continue
        if existing is None:
            existing = sub(clist, "comment", {"ref": ref, "authorId": str(names.index("perfxl")), "shapeId": "0"})
            sub(existing, "text")
            sid += 1
            lines = min(30, 2 + len(text) // 18 + text.count("\n"))
            anchor = f"{col}, 15, {max(row - 2, 0)}, 10, {col + 3}, 15, {row + lines}, 4"
            vml.append(
                etree.fromstring(
                    _SHAPE.format(sid=sid, height=lines * 15, z=sid, anchor=anchor, row=row - 1, col=col - 1), PARSER
                )
            )
        else:
            text = "\n" + text  # a second note on the same cell continues the existing text
        body = existing.find(qn("text"))
        body = body if body is not None else sub(existing, "text")
        run = etree.Element(qn("r"))
        tail = [c for c in body if etree.QName(c).localname in {"rPh", "phoneticPr"}]
        (tail[0].addprevious if tail else body.append)(run)
        sub(sub(run, "rPr"), "sz", {"val": "9"})
        set_text(sub(run, "t"), text)
    return theirs
