"""styles.xml of a package being rewritten: the named styles of the new sheets and the marks of edited cells,
appended as fonts, fills, borders, number formats and cellXfs; existing indexes never move."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Final

from lxml import etree

from perfxl.ooxml.parts import CT_STYLES, MAIN, REL_STYLES
from perfxl.ooxml.tree import PARSER, SS_ORDER, ensure, qn, recount, sub
from perfxl.ooxml.writer import PackageWriter, add_rel, ct_override, rels
from perfxl.write.patch.model import Style

__all__ = ["SPECS", "Styles"]


@dataclass(frozen=True)
class _Spec:
    bold: bool = False
    size: str | None = None
    color: str | None = None
    underline: bool = False
    fill: str | None = None
    border: bool = True
    numfmt: str | None = None
    halign: str = "left"
    valign: str = "top"
    wrap: bool = True


SPECS: Final[dict[str, _Spec]] = {
    "title": _Spec(bold=True, size="14", border=False, valign="center", wrap=False),
    "header": _Spec(bold=True, fill="FFD9D9D9", halign="center", valign="center"),
    "text": _Spec(),
    "number": _Spec(numfmt="0.00", halign="right", wrap=False),
    "percent": _Spec(numfmt='0.00"%"', halign="right", wrap=False),
    "ok": _Spec(color="FF008000", halign="center"),
    "bad": _Spec(bold=True, color="FFC00000", fill="FFFFC7CE", halign="center"),
    "link": _Spec(color="FF0563C1", underline=True),
    "muted": _Spec(color="FF808080"),
    "line": _Spec(border=False),  # a paragraph under a title, merged across the table and wrapped
    "count": _Spec(numfmt="0", halign="center", wrap=False),  # a sentence under a title, running across the columns
}
# mark -> (pattern, pattern colour, background): sparse dots and thin diagonal lines keep the two marks apart on a
# black-and-white printer, where both light colours print as the same pale grey
_MARK_FILL: Final = {"filled": ("gray0625", "FF548235", "FFC6EFCE"), "flagged": ("lightUp", "FFC00000", "FFFFC7CE")}
MARK_LEGEND: Final = (
    "标记：浅绿底带细点 = perfxl 填入的值(批注写明计算过程)；浅红底带斜线 = 与复核结果不一致(见「一致性检查」)"
)
_QUOTED: Final = re.compile(r'"[^"]*"|\\.')  # quoted text and escaped characters of a number format
_BUILTIN_FMTS: Final = {"General": 0, "0": 1, "0.00": 2}
_MINIMAL_STYLES: Final = (
    f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


class Styles:
    """Appends fonts/fills/borders/numFmts/cellXfs to styles.xml; existing indexes never move."""

    def __init__(self, pkg: PackageWriter, wb_part: str) -> None:
        part = next((r.target for r in rels(pkg, wb_part) if r.rtype == REL_STYLES and r.target), None)
        if part is None or pkg.name(part) is None:
            part = "xl/styles.xml" if pkg.name("xl/styles.xml") is None else pkg.unused("xl/styles{}.xml")
            pkg.add(part, etree.fromstring(_MINIMAL_STYLES.encode(), PARSER))
            add_rel(pkg, wb_part, REL_STYLES, part)
            ct_override(pkg, part, CT_STYLES)
        self.root = pkg.xml(part, edit=True)
        self._cache: dict[tuple[str, ...], int] = {}

    def _items(self, container: str, item: str) -> list[etree._Element]:
        return ensure(self.root, container, SS_ORDER).findall(qn(item))

    def _append(self, container: str, el: etree._Element) -> int:
        box = ensure(self.root, container, SS_ORDER)
        box.append(el)
        recount(box)
        return len(box.findall(el.tag)) - 1

    def _cached(self, key: tuple[str, ...], make: etree._Element) -> int:
        if key not in self._cache:
            self._cache[key] = self._append(key[0], make)
        return self._cache[key]

    def base_size(self) -> float:
        """The point size of the workbook's default font (fontId 0), which the text perfxl writes is set in."""
        fonts = self._items("fonts", "font")
        size = fonts[0].find(qn("sz")) if fonts else None
        try:
            return float(size.get("val", "11")) if size is not None else 11.0
        except ValueError:
            return 11.0

    def fill(self, rgb: str) -> int:
        el = etree.Element(qn("fill"))
        pattern = sub(el, "patternFill", {"patternType": "solid"})
        sub(pattern, "fgColor", {"rgb": rgb})
        sub(pattern, "bgColor", {"indexed": "64"})
        return self._cached(("fills", rgb), el)

    def font(self, spec: _Spec) -> int:
        """A copy of the default font (fontId 0, CJK-capable in Chinese workbooks) with our emphasis."""
        fonts = self._items("fonts", "font")
        el = copy.deepcopy(fonts[0]) if fonts else etree.Element(qn("font"))
        for child in list(el):
            if etree.QName(child).localname in {"b", "i", "u", "strike", "color"} or (
                spec.size and etree.QName(child).localname == "sz"
            ):
                el.remove(child)
        extra: list[tuple[str, dict[str, str]]] = [("b", {})] if spec.bold else []
        extra += [("u", {})] if spec.underline else []
        extra += [("sz", {"val": spec.size})] if spec.size else []
        extra += [("color", {"rgb": spec.color})] if spec.color else []
        for i, (tag, attrs) in enumerate(extra):
            el.insert(i, etree.Element(qn(tag), attrs))
        return self._cached(("fonts", repr((spec.bold, spec.size, spec.color, spec.underline))), el)

    def border(self) -> int:
        el = etree.Element(qn("border"))
        for side in ("left", "right", "top", "bottom"):
            sub(sub(el, side, {"style": "thin"}), "color", {"rgb": "FF808080"})
        sub(el, "diagonal")
        return self._cached(("borders", "thin"), el)

    def numfmt(self, code: str) -> int:
        if code in _BUILTIN_FMTS:
            return _BUILTIN_FMTS[code]
        box = ensure(self.root, "numFmts", SS_ORDER)
        ids = [int(f.get("numFmtId", "0")) for f in box.findall(qn("numFmt"))]
        for f in box.findall(qn("numFmt")):
            if f.get("formatCode") == code:
                return int(f.get("numFmtId", "0"))
        new_id = max([163, *ids]) + 1
        sub(box, "numFmt", {"numFmtId": str(new_id), "formatCode": code})
        recount(box)
        return new_id

    def style(self, name: Style, quote: bool = False) -> int:
        """cellXfs index for a named style of the new sheets (``quote`` adds quotePrefix)."""
        key = ("cellXfs", name, str(quote))
        if key in self._cache:
            return self._cache[key]
        spec = SPECS[name]
        xf = etree.Element(
            qn("xf"),
            {
                "numFmtId": str(self.numfmt(spec.numfmt or "General")),
                "fontId": str(self.font(spec)),
                "fillId": str(self.fill(spec.fill)) if spec.fill else "0",
                "borderId": str(self.border()) if spec.border else "0",
                "xfId": "0",
                "applyNumberFormat": "1",
                "applyFont": "1",
                "applyFill": "1",
                "applyBorder": "1",
                "applyAlignment": "1",
            },
        )
        if quote:
            xf.set("quotePrefix", "1")
        align = {"horizontal": spec.halign, "vertical": spec.valign}
        sub(xf, "alignment", {**align, "wrapText": "1"} if spec.wrap else align)
        return self._cached(key, xf)

    def marked(self, xf_index: int, mark: str, numfmt: str | None = None) -> int:
        """A clone of cellXfs[xf_index] with the mark's fill (and ``numfmt`` when given); one per (xf, mark, fmt)."""
        key = ("cellXfs", "mark", str(xf_index), mark, numfmt or "")
        if key in self._cache:
            return self._cache[key]
        base = self._xf(xf_index)
        xf = copy.deepcopy(base) if base is not None else etree.Element(qn("xf"), {"numFmtId": "0", "fontId": "0"})
        xf.set("fillId", str(self.mark_fill(mark)))
        xf.set("applyFill", "1")
        if numfmt is not None:
            xf.set("numFmtId", str(self.numfmt(numfmt)))
            xf.set("applyNumberFormat", "1")
        return self._cached(key, xf)

    def mark_fill(self, mark: str) -> int:
        """The mark's fill: a light colour on screen and a pattern on a black-and-white page (dots for a value perfxl
        filled in, diagonal lines for a disagreement), so the two never print as the same grey."""
        pattern, fg, bg = _MARK_FILL[mark]
        el = etree.Element(qn("fill"))
        pattern_fill = sub(el, "patternFill", {"patternType": pattern})
        sub(pattern_fill, "fgColor", {"rgb": fg})
        sub(pattern_fill, "bgColor", {"rgb": bg})
        return self._cached(("fills", "mark", mark), el)

    def _xf(self, xf_index: int) -> etree._Element | None:
        xfs = self._items("cellXfs", "xf")
        return xfs[xf_index] if 0 <= xf_index < len(xfs) else (xfs[0] if xfs else None)

    def percent_kind(self, xf_index: int) -> str:
        """How the cell's number format shows a percent: "fraction" (0.00%: 0.8571 shows 85.71%), "points"
        ('0.00"%"' or 0.00\\%: 85.71 shows 85.71%) or "" (no percent in the format)."""
        xf = self._xf(xf_index)
        try:
            fmt_id = int(xf.get("numFmtId", "0")) if xf is not None else 0
        except ValueError:
            return ""
        if fmt_id in (9, 10):  # Excel's built-in 0% and 0.00%
            return "fraction"
        code = next(
            (f.get("formatCode", "") for f in self._items("numFmts", "numFmt") if f.get("numFmtId") == str(fmt_id)), ""
        )
        bare = _QUOTED.sub("", code.split(";")[0])
        if "%" in bare:
            return "fraction"
        return "points" if "%" in code.split(";")[0] else ""
