"""High-fidelity ("surgical") xlsx writer.

openpyxl's load + save drops images, shapes, sparklines and WPS cell images and empties every formula's
cached value.  Here every zip entry of the input is copied unchanged and only the parts that must change
are rewritten: the edited worksheets, ``xl/workbook.xml`` and its rels, ``[Content_Types].xml``,
``xl/styles.xml`` and the parts we add (new worksheets, comments + VML, sheet rels).
"""

from __future__ import annotations

import copy
import io
import math
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

import xlsxwriter  # type: ignore[import-untyped]
from lxml import etree

from perfxl.errors import ErrorCode, OutputError

Style = Literal["title", "header", "text", "number", "percent", "ok", "bad", "link", "muted", "line", "count"]
CellValue = str | float | int | None


@dataclass(frozen=True)
class NewCell:
    """One cell of a generated sheet; ``link`` is an internal location such as ``'附件4'!B5``."""

    value: CellValue
    style: Style = "text"
    link: str | None = None


@dataclass(frozen=True)
class NewSheet:
    """A sheet appended to the workbook; the header rows are frozen and repeated on every printed page."""

    name: str
    rows: Sequence[Sequence[NewCell]]
    col_widths: Sequence[float]
    header_rows: int = 1
    autofilter: bool = True


@dataclass(frozen=True)
class CellEdit:
    """Mark one existing cell: ``filled`` writes ``value`` (green), ``flagged`` only colours it (red)."""

    sheet: str
    cell: str
    mark: Literal["filled", "flagged"]
    value: float | str | None = None
    note: str | None = None


@dataclass(frozen=True)
class PatchResult:
    """Actual names given to the new sheets and Chinese warnings about what could not be kept/added."""

    sheet_names: list[str]
    warnings: list[str] = field(default_factory=list)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_VML = {
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "x": "urn:schemas-microsoft-com:office:excel",
}
_REL_DOC = _R + "/officeDocument"
_REL_SHEET, _REL_STYLES, _REL_CALC = _R + "/worksheet", _R + "/styles", _R + "/calcChain"
_REL_COMMENTS, _REL_VML = _R + "/comments", _R + "/vmlDrawing"
_CT_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
_CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
_CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
_CT_VBA = "application/vnd.ms-office.vbaProject"
_CT_PRINTER = "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"
_MAIN_VARIANTS = {
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
}

# Schema child order (CT_Worksheet, CT_Workbook, CT_Stylesheet): new children go in their slot.
_WS_ORDER = (
    "sheetPr",
    "dimension",
    "sheetViews",
    "sheetFormatPr",
    "cols",
    "sheetData",
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
)
_WB_ORDER = (
    "fileVersion",
    "fileSharing",
    "workbookPr",
    "workbookProtection",
    "bookViews",
    "sheets",
    "functionGroups",
    "externalReferences",
    "definedNames",
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
)
_SS_ORDER = (
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
)

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False
)
_MAX_UNZIPPED = 1 << 30
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$")
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ILLEGAL_SHEET = re.compile(r"[\\/?*\[\]:]")
_FORMULA_START = tuple("=+-@＝＋－＠")
_MARK_FILL = {"filled": "FFC6EFCE", "flagged": "FFFFC7CE"}
_BLANK_SHEET = "perfxl_blank"


def _m(name: str) -> str:
    return f"{{{_MAIN}}}{name}"


def _sub(parent: etree._Element, name: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """Append a SpreadsheetML child (lxml reuses whatever prefix the document already binds)."""
    return etree.SubElement(parent, _m(name), attrs or {})


def _find(parent: etree._Element, name: str) -> etree._Element | None:
    return parent.find(_m(name))


def _order_name(el: etree._Element) -> str | None:
    """Local name used for schema ordering; mc:AlternateContent counts as the element it wraps."""
    if not isinstance(el.tag, str):
        return None
    q = etree.QName(el)
    if q.namespace == _MC and q.localname == "AlternateContent":
        inner = el.find(f"{{{_MC}}}Choice/*")
        return _order_name(inner) if inner is not None else None
    return q.localname if q.namespace == _MAIN else None


def _ensure(
    parent: etree._Element, name: str, order: Sequence[str], nsmap: dict[str, str] | None = None
) -> etree._Element:
    """Find the child ``name`` or create it in its schema position."""
    found = _find(parent, name)
    if found is not None:
        return found
    el = etree.Element(_m(name), nsmap=nsmap)
    rank = order.index(name)
    for i, child in enumerate(parent):
        other = _order_name(child)
        if other in order and order.index(other) > rank:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def _recount(container: etree._Element) -> None:
    container.set("count", str(sum(1 for c in container if isinstance(c.tag, str))))


def _clean(text: str, limit: int = 32767) -> str:
    """Make untrusted text safe for a cell: XML-legal, Excel's _xHHHH_ escapes kept literal, capped."""
    return _EXCEL_ESCAPE.sub(r"_x005F_\1", _ILLEGAL_XML.sub("", text))[:limit]


def _set_text(el: etree._Element, text: str) -> None:
    el.text = text
    if text != text.strip() or "\n" in text:
        el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _parse_ref(ref: str) -> tuple[int, int]:
    """'B5' -> (row 5, column 2); ValueError when not a cell address inside the sheet grid."""
    m = _REF.match(ref.strip())
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    row = int(m.group(2))
    if col > 16384 or row > 1048576:
        raise ValueError(ref)
    return row, col


def _col_letter(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _drop_attrs(el: etree._Element, *names: str) -> None:
    for name in names:
        if name in el.attrib:
            del el.attrib[name]


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


class _Package:
    """The zip entries in their original order; parsed XML parts are re-serialised only if marked dirty."""

    def __init__(self, data: bytes | Path, label: str) -> None:
        self.label = label
        try:
            with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as zf:
                self.infos = zf.infolist()
                if sum(i.file_size for i in self.infos) > _MAX_UNZIPPED:
                    raise OutputError("工作簿解压后过大,无法处理", code=ErrorCode.BAD_INPUT, file=label)
                self.blobs = {i.filename: zf.read(i) for i in self.infos}
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise OutputError(f"无法读取工作簿: {exc}", code=ErrorCode.BAD_INPUT, file=label) from exc
        self._lower = {n.lower(): n for n in self.blobs}
        self._trees: dict[str, etree._Element] = {}
        self.dirty: set[str] = set()
        self.added: list[str] = []
        self.deleted: set[str] = set()

    def name(self, part: str) -> str | None:
        """Actual entry name (part names are case-insensitive in OPC)."""
        found = self._lower.get(part.lstrip("/").lower())
        return None if found is None or found in self.deleted else found

    def xml(self, part: str, edit: bool = False) -> etree._Element:
        name = self.name(part)
        if name is None:
            raise OutputError(f"工作簿缺少部件 {part}", code=ErrorCode.BAD_INPUT, file=self.label)
        if name not in self._trees:
            try:
                self._trees[name] = etree.fromstring(self.blobs[name], _PARSER)
            except etree.XMLSyntaxError as exc:
                raise OutputError(
                    f"部件 {name} 不是有效的 XML: {exc}", code=ErrorCode.BAD_INPUT, file=self.label
                ) from exc
        if edit:
            self.dirty.add(name)
        return self._trees[name]

    def add(self, part: str, root: etree._Element) -> None:
        self._lower[part.lower()] = part
        self._trees[part] = root
        self.dirty.add(part)
        self.added.append(part)

    def delete(self, part: str) -> None:
        name = self.name(part)
        if name is not None:
            self.deleted.add(name)

    def unused(self, pattern: str) -> str:
        """First free part name for ``pattern`` (e.g. 'xl/comments{}.xml'), counting from 1."""
        n = 1
        while pattern.format(n).lower() in self._lower:
            n += 1
        return pattern.format(n)

    def _bytes(self, name: str) -> bytes:
        if name not in self.dirty:
            return self.blobs[name]
        tree = self._trees[name].getroottree()
        if name.lower().endswith(".vml"):  # VML parts conventionally carry no XML declaration
            return bytes(etree.tostring(tree, encoding="UTF-8", xml_declaration=False))
        standalone = True if name in self.added else tree.docinfo.standalone
        if standalone is None:  # keep the original declaration as it was
            return bytes(etree.tostring(tree, encoding="UTF-8", xml_declaration=True))
        return bytes(etree.tostring(tree, encoding="UTF-8", xml_declaration=True, standalone=standalone))

    def save(self, dst: Path) -> None:
        written: set[str] = set()
        try:
            with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
                for info in self.infos:
                    if info.filename in self.deleted or info.filename in written:
                        continue
                    zi = zipfile.ZipInfo(info.filename, info.date_time)
                    zi.compress_type, zi.external_attr = info.compress_type, info.external_attr
                    out.writestr(zi, self._bytes(info.filename))
                    written.add(info.filename)
                # New parts take the input's own timestamp, so the same input gives the same bytes.
                stamp = next(
                    (i.date_time for i in self.infos if i.filename == "xl/workbook.xml"), (1980, 1, 1, 0, 0, 0)
                )
                for name in self.added:
                    zi = zipfile.ZipInfo(name, stamp)
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    out.writestr(zi, self._bytes(name))
        except OSError as exc:
            raise OutputError(f"无法写入输出文件: {exc}", code=ErrorCode.WRITE_FAILED, file=dst) from exc


@dataclass(frozen=True)
class _Rel:
    rid: str
    rtype: str
    target: str | None  # resolved part name; None for external targets
    el: etree._Element


def _rels_part(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _rels(pkg: _Package, part: str) -> list[_Rel]:
    name = pkg.name(_rels_part(part))
    if name is None:
        return []
    out = []
    for el in pkg.xml(name).iter(f"{{{_PKG_R}}}Relationship"):
        target = unquote(el.get("Target", ""))
        if el.get("TargetMode") == "External":
            resolved = None
        elif target.startswith("/"):
            resolved = target[1:]
        else:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
        out.append(_Rel(el.get("Id", ""), el.get("Type", ""), resolved, el))
    return out


def _add_rel(pkg: _Package, part: str, rtype: str, target: str) -> str:
    """Add a relationship from ``part`` to ``target`` (creating the rels part); returns the new Id."""
    rels_name = pkg.name(_rels_part(part))
    if rels_name is None:
        rels_name = _rels_part(part)
        pkg.add(rels_name, etree.fromstring(f'<Relationships xmlns="{_PKG_R}"/>'.encode(), _PARSER))
    root = pkg.xml(rels_name, edit=True)
    taken = {r.get("Id") for r in root}
    rid = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
    etree.SubElement(
        root,
        f"{{{_PKG_R}}}Relationship",
        {"Id": rid, "Type": rtype, "Target": posixpath.relpath(target, posixpath.dirname(part) or ".")},
    )
    return rid


def _ct_get(pkg: _Package, part: str) -> str | None:
    root = pkg.xml("[Content_Types].xml")
    for el in root.iter(f"{{{_CT}}}Override"):
        if el.get("PartName", "").lower() == "/" + part.lower():
            return el.get("ContentType")
    ext = posixpath.splitext(part)[1].lstrip(".").lower()
    for el in root.iter(f"{{{_CT}}}Default"):
        if el.get("Extension", "").lower() == ext:
            return el.get("ContentType")
    return None


def _ct_override(pkg: _Package, part: str, ctype: str | None) -> None:
    """Set (or with ``None`` remove) the Override for ``part``."""
    root = pkg.xml("[Content_Types].xml", edit=True)
    for el in list(root.iter(f"{{{_CT}}}Override")):
        if el.get("PartName", "").lower() == "/" + part.lower():
            root.remove(el)
    if ctype is not None:
        etree.SubElement(root, f"{{{_CT}}}Override", {"PartName": "/" + part, "ContentType": ctype})


def _ct_default(pkg: _Package, ext: str, ctype: str) -> None:
    root = pkg.xml("[Content_Types].xml", edit=True)
    if not any(el.get("Extension", "").lower() == ext for el in root.iter(f"{{{_CT}}}Default")):
        root.insert(0, etree.Element(f"{{{_CT}}}Default", {"Extension": ext, "ContentType": ctype}))


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


_SPECS: dict[str, _Spec] = {
    "title": _Spec(bold=True, size="14", border=False, valign="center", wrap=False),
    "header": _Spec(bold=True, fill="FFD9D9D9", halign="center", valign="center"),
    "text": _Spec(),
    "number": _Spec(numfmt="0.00", halign="right", wrap=False),
    "percent": _Spec(numfmt='0.00"%"', halign="right", wrap=False),
    "ok": _Spec(color="FF008000", halign="center"),
    "bad": _Spec(bold=True, color="FFC00000", fill="FFFFC7CE", halign="center"),
    "link": _Spec(color="FF0563C1", underline=True),
    "muted": _Spec(color="FF808080"),
    "line": _Spec(border=False, wrap=False),
    "count": _Spec(numfmt="0", halign="center", wrap=False),  # a sentence under a title, running across the columns
}
_BUILTIN_FMTS = {"General": 0, "0": 1, "0.00": 2}
_MINIMAL_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


class _Styles:
    """Appends fonts/fills/borders/numFmts/cellXfs to styles.xml; existing indexes never move."""

    def __init__(self, pkg: _Package, wb_part: str) -> None:
        part = next((r.target for r in _rels(pkg, wb_part) if r.rtype == _REL_STYLES and r.target), None)
        if part is None or pkg.name(part) is None:
            part = "xl/styles.xml" if pkg.name("xl/styles.xml") is None else pkg.unused("xl/styles{}.xml")
            pkg.add(part, etree.fromstring(_MINIMAL_STYLES.encode(), _PARSER))
            _add_rel(pkg, wb_part, _REL_STYLES, part)
            _ct_override(pkg, part, _CT_STYLES)
        self.root = pkg.xml(part, edit=True)
        self._cache: dict[tuple[str, ...], int] = {}

    def _items(self, container: str, item: str) -> list[etree._Element]:
        return _ensure(self.root, container, _SS_ORDER).findall(_m(item))

    def _append(self, container: str, el: etree._Element) -> int:
        box = _ensure(self.root, container, _SS_ORDER)
        box.append(el)
        _recount(box)
        return len(box.findall(el.tag)) - 1

    def _cached(self, key: tuple[str, ...], make: etree._Element) -> int:
        if key not in self._cache:
            self._cache[key] = self._append(key[0], make)
        return self._cache[key]

    def fill(self, rgb: str) -> int:
        el = etree.Element(_m("fill"))
        pattern = _sub(el, "patternFill", {"patternType": "solid"})
        _sub(pattern, "fgColor", {"rgb": rgb})
        _sub(pattern, "bgColor", {"indexed": "64"})
        return self._cached(("fills", rgb), el)

    def font(self, spec: _Spec) -> int:
        """A copy of the default font (fontId 0, CJK-capable in Chinese workbooks) with our emphasis."""
        fonts = self._items("fonts", "font")
        el = copy.deepcopy(fonts[0]) if fonts else etree.Element(_m("font"))
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
            el.insert(i, etree.Element(_m(tag), attrs))
        return self._cached(("fonts", repr((spec.bold, spec.size, spec.color, spec.underline))), el)

    def border(self) -> int:
        el = etree.Element(_m("border"))
        for side in ("left", "right", "top", "bottom"):
            _sub(_sub(el, side, {"style": "thin"}), "color", {"rgb": "FF808080"})
        _sub(el, "diagonal")
        return self._cached(("borders", "thin"), el)

    def numfmt(self, code: str) -> int:
        if code in _BUILTIN_FMTS:
            return _BUILTIN_FMTS[code]
        box = _ensure(self.root, "numFmts", _SS_ORDER)
        ids = [int(f.get("numFmtId", "0")) for f in box.findall(_m("numFmt"))]
        for f in box.findall(_m("numFmt")):
            if f.get("formatCode") == code:
                return int(f.get("numFmtId", "0"))
        new_id = max([163, *ids]) + 1
        _sub(box, "numFmt", {"numFmtId": str(new_id), "formatCode": code})
        _recount(box)
        return new_id

    def style(self, name: Style, quote: bool = False) -> int:
        """cellXfs index for a named style of the new sheets (``quote`` adds quotePrefix)."""
        key = ("cellXfs", name, str(quote))
        if key in self._cache:
            return self._cache[key]
        spec = _SPECS[name]
        xf = etree.Element(
            _m("xf"),
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
        _sub(xf, "alignment", {**align, "wrapText": "1"} if spec.wrap else align)
        return self._cached(key, xf)

    def marked(self, xf_index: int, mark: str) -> int:
        """A clone of cellXfs[xf_index] with the mark's solid fill; one clone per (xf, mark)."""
        key = ("cellXfs", "mark", str(xf_index), mark)
        if key in self._cache:
            return self._cache[key]
        xfs = self._items("cellXfs", "xf")
        base = xfs[xf_index] if 0 <= xf_index < len(xfs) else (xfs[0] if xfs else None)
        xf = copy.deepcopy(base) if base is not None else etree.Element(_m("xf"), {"numFmtId": "0", "fontId": "0"})
        xf.set("fillId", str(self.fill(_MARK_FILL[mark])))
        xf.set("applyFill", "1")
        return self._cached(key, xf)


class _Book:
    """The workbook part, its rels and the sheet name -> part map."""

    def __init__(self, pkg: _Package) -> None:
        self.pkg = pkg
        part = next((r.target for r in _rels(pkg, "") if r.rtype == _REL_DOC and r.target), None)
        if part is None or pkg.name(part) is None:
            raise OutputError("不是有效的 xlsx 工作簿(找不到 workbook 部件)", code=ErrorCode.BAD_INPUT, file=pkg.label)
        self.part = part
        self.root = pkg.xml(part)
        if etree.QName(self.root).namespace != _MAIN:
            raise OutputError("不支持 Strict Open XML 格式的工作簿", code=ErrorCode.BAD_INPUT, file=pkg.label)

    def edit(self) -> etree._Element:
        return self.pkg.xml(self.part, edit=True)

    def sheets(self) -> list[tuple[str, str | None, etree._Element]]:
        """(name, worksheet part or None for chartsheets/missing, <sheet> element) in tab order."""
        targets = {r.rid: r.target for r in _rels(self.pkg, self.part) if r.rtype == _REL_SHEET}
        box = _find(self.root, "sheets")
        return [
            (s.get("name", ""), targets.get(s.get(f"{{{_R}}}id", "")), s)
            for s in (box.findall(_m("sheet")) if box is not None else [])
        ]


def _row_of(sheet_data: etree._Element, row: int) -> etree._Element:
    """The <row r=row>, created in sorted position when absent."""
    for el in sheet_data.findall(_m("row")):
        r = int(el.get("r", "0"))
        if r == row:
            return el
        if r > row:
            new = etree.Element(_m("row"), {"r": str(row)})
            el.addprevious(new)
            return new
    return _sub(sheet_data, "row", {"r": str(row)})


def _number_refs(sheet_data: etree._Element) -> None:
    """Give rows/cells without r (allowed by the schema: 'next one') explicit addresses."""
    r = 0
    for row in sheet_data.findall(_m("row")):
        r = int(row.get("r") or r + 1)
        row.set("r", str(r))
        c = 0
        for cell in row.findall(_m("c")):
            c = _parse_ref(cell.get("r") or f"{_col_letter(c + 1)}{r}")[1]
            cell.set("r", f"{_col_letter(c)}{r}")


def _implied_style(ws: etree._Element, row: etree._Element, col: int) -> str | None:
    """Style an absent cell shows: the row's (customFormat) else its column's."""
    if row.get("customFormat") in ("1", "true") and row.get("s"):
        return row.get("s")
    cols = _find(ws, "cols")
    for c in cols.findall(_m("col")) if cols is not None else []:
        if int(c.get("min", "0")) <= col <= int(c.get("max", "0")):
            return c.get("style")
    return None


def _cell_of(ws: etree._Element, row: int, col: int) -> etree._Element:
    """The <c> at (row, col), created in column order (with the style it showed) when absent."""
    sheet_data = _ensure(ws, "sheetData", _WS_ORDER)
    row_el = _row_of(sheet_data, row)
    ref = f"{_col_letter(col)}{row}"
    new = etree.Element(_m("c"), {"r": ref})
    style = _implied_style(ws, row_el, col)
    if style:
        new.set("s", style)
    for el in row_el.findall(_m("c")):
        c = _parse_ref(el.get("r", ""))[1]
        if c == col:
            return el
        if c > col:
            el.addprevious(new)
            break
    else:
        row_el.append(new)
    _drop_attrs(row_el, "spans")  # spans is an optional hint; drop it rather than keep it wrong
    _extend_dimension(ws, row, col)
    return new


def _extend_dimension(ws: etree._Element, row: int, col: int) -> None:
    dim = _find(ws, "dimension")
    if dim is None:
        return
    try:
        corners = [_parse_ref(p) for p in dim.get("ref", "A1").split(":")]
    except ValueError:
        return
    rows, cols = [r for r, _ in corners] + [row], [c for _, c in corners] + [col]
    dim.set("ref", f"{_col_letter(min(cols))}{min(rows)}:{_col_letter(max(cols))}{max(rows)}")


def _set_value(cell: etree._Element, value: float | str) -> bool | None:
    """Write a number or inline string; True if a formula was removed, None if refused."""
    f = cell.find(_m("f"))
    if f is not None and f.get("t") == "shared" and f.get("ref"):
        return None  # other cells' formulas are defined by this one; removing it would corrupt them
    if isinstance(value, float) and not math.isfinite(value):
        raise OutputError(f"单元格 {cell.get('r')} 的值不是有限数值", code=ErrorCode.BAD_EDIT)
    for child in list(cell):
        if etree.QName(child).localname in {"f", "v", "is"}:
            cell.remove(child)
    _drop_attrs(cell, "t", "cm", "vm")  # vm/cm: metadata of the old value/formula (e.g. WPS cell images)
    extlst = cell.find(_m("extLst"))
    if isinstance(value, str):
        cell.set("t", "inlineStr")
        new = etree.Element(_m("is"))
        _set_text(_sub(new, "t"), _clean(value))
    else:
        new = etree.Element(_m("v"))
        new.text = repr(float(value)) if isinstance(value, float) else str(int(value))
    if extlst is not None:
        extlst.addprevious(new)
    else:
        cell.append(new)
    return f is not None


_NOTE_VML = (
    f'<xml xmlns:v="{_VML["v"]}" xmlns:o="{_VML["o"]}" xmlns:x="{_VML["x"]}">'
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{idmap}"/></o:shapelayout></xml>'
)
_SHAPETYPE = (
    f'<v:shapetype xmlns:v="{_VML["v"]}" xmlns:o="{_VML["o"]}" id="_x0000_t202" '
    'coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)
_SHAPE = (
    f'<v:shape xmlns:v="{_VML["v"]}" xmlns:o="{_VML["o"]}" xmlns:x="{_VML["x"]}" id="_x0000_s{{sid}}" '
    'type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:200pt;'
    'height:{height}pt;z-index:{z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
    '<v:path o:connecttype="none"/>'
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>'
    '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
    "<x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row>"
    "<x:Column>{col}</x:Column></x:ClientData></v:shape>"
)


def _drop_rel(pkg: _Package, source: str, rel: _Rel) -> None:
    """Remove a relationship together with its target part, the target's rels and its content type."""
    if rel.target:
        pkg.delete(rel.target)
        pkg.delete(_rels_part(rel.target))
        _ct_override(pkg, rel.target, None)
    pkg.xml(_rels_part(source), edit=True).remove(rel.el)


def _r_nsmap(root: etree._Element) -> dict[str, str] | None:
    """Declare the r: prefix on a new element only when the document root does not already bind it."""
    return None if root.nsmap.get("r") == _R else {"r": _R}


def _note_parts(pkg: _Package, sheet_part: str, ws: etree._Element) -> tuple[str, str] | str:
    """(comments part, VML part) of a sheet, creating what is missing; or why notes cannot be added."""
    rels = _rels(pkg, sheet_part)
    legacy = _find(ws, "legacyDrawing")
    vml_part = None
    if legacy is not None:  # look up by r:id: legacyDrawingHF uses the same relationship type
        rel = next((r for r in rels if r.rid == legacy.get(f"{{{_R}}}id")), None)
        if rel is None or rel.target is None or pkg.name(rel.target) is None:
            return "原有批注绘图部件缺失"
        vml_part = rel.target
    c_rel = next((r for r in rels if r.rtype == _REL_COMMENTS and r.target and pkg.name(r.target)), None)
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
            etree.fromstring(f'<comments xmlns="{_MAIN}"><authors/><commentList/></comments>'.encode(), _PARSER),
        )
        _ct_override(pkg, comments_part, _CT_COMMENTS)
        _add_rel(pkg, sheet_part, _REL_COMMENTS, comments_part)
    if vml_part is None:
        vml_part = pkg.unused("xl/drawings/vmlDrawing{}.vml")
        number = re.findall(r"\d+", vml_part)[-1]
        pkg.add(vml_part, etree.fromstring(_NOTE_VML.format(idmap=number).encode(), _PARSER))
        _ct_default(pkg, "vml", _CT_VML)
        legacy = _ensure(ws, "legacyDrawing", _WS_ORDER, _r_nsmap(ws))
        legacy.set(f"{{{_R}}}id", _add_rel(pkg, sheet_part, _REL_VML, vml_part))
    return comments_part, vml_part


def _add_notes(pkg: _Package, sheet_part: str, ws: etree._Element, notes: list[tuple[int, int, str]]) -> str | None:
    """Add notes to a sheet, merging into existing comments/VML parts; returns a reason if skipped."""
    parts = _note_parts(pkg, sheet_part, ws)
    if isinstance(parts, str):
        return parts
    c_part, v_part = parts
    comments, vml = pkg.xml(c_part, edit=True), pkg.xml(v_part, edit=True)
    authors = _ensure(comments, "authors", ["authors", "commentList", "extLst"])
    names = [a.text for a in authors.findall(_m("author"))]
    if "perfxl" not in names:
        _set_text(_sub(authors, "author"), "perfxl")
        names.append("perfxl")
    clist = _ensure(comments, "commentList", ["authors", "commentList", "extLst"])
    if vml.find(f'.//{{{_VML["v"]}}}shapetype[@id="_x0000_t202"]') is None:
        vml.insert(len(vml.findall(f"{{{_VML['o']}}}shapelayout")), etree.fromstring(_SHAPETYPE, _PARSER))
    idmap = vml.find(f".//{{{_VML['o']}}}idmap")
    first_block = int((idmap.get(f"{{{_VML['v']}}}data", "1") if idmap is not None else "1").split(",")[0])
    used = [int(m) for s in vml.iter(f"{{{_VML['v']}}}shape") for m in re.findall(r"_x0000_s(\d+)", s.get("id", ""))]
    sid = max([first_block * 1024, *used])
    for row, col, note in notes:
        ref = f"{_col_letter(col)}{row}"
        text = _clean(note)
        existing = next((c for c in clist.findall(_m("comment")) if c.get("ref") == ref), None)
        if existing is None:
            existing = _sub(clist, "comment", {"ref": ref, "authorId": str(names.index("perfxl")), "shapeId": "0"})
            _sub(existing, "text")
            sid += 1
            lines = min(30, 2 + len(text) // 18 + text.count("\n"))
            anchor = f"{col}, 15, {max(row - 2, 0)}, 10, {col + 3}, 15, {row + lines}, 4"
            vml.append(
                etree.fromstring(
                    _SHAPE.format(sid=sid, height=lines * 15, z=sid, anchor=anchor, row=row - 1, col=col - 1), _PARSER
                )
            )
        else:
            text = "\n" + text  # a second note on the same cell continues the existing text
        body = existing.find(_m("text"))
        body = body if body is not None else _sub(existing, "text")
        run = etree.Element(_m("r"))
        tail = [c for c in body if etree.QName(c).localname in {"rPh", "phoneticPr"}]
        (tail[0].addprevious if tail else body.append)(run)
        _sub(_sub(run, "rPr"), "sz", {"val": "9"})
        _set_text(_sub(run, "t"), text)
    return None


def _apply_edits(
    pkg: _Package, book: _Book, styles: _Styles, edits: Sequence[CellEdit], warnings: list[str]
) -> tuple[bool, bool]:
    """Apply cell edits sheet by sheet; returns (a value was written, a formula was removed)."""
    parts = {name: part for name, part, _ in book.sheets()}
    folded = {name.casefold(): part for name, part in parts.items()}
    wrote = removed = False
    for sheet in dict.fromkeys(e.sheet for e in edits):
        part = parts.get(sheet) or folded.get(sheet.casefold())
        if part is None or pkg.name(part) is None:
            raise OutputError(f"要修改的工作表「{sheet}」不存在", code=ErrorCode.BAD_EDIT, file=pkg.label, sheet=sheet)
        ws = pkg.xml(part, edit=True)
        try:
            _number_refs(_ensure(ws, "sheetData", _WS_ORDER))
        except ValueError as exc:
            raise OutputError(
                f"工作表含无效的单元格地址 {exc}", code=ErrorCode.BAD_INPUT, file=pkg.label, sheet=sheet
            ) from None
        notes = []
        for e in (e for e in edits if e.sheet == sheet):
            try:
                row, col = _parse_ref(e.cell)
            except ValueError:
                raise OutputError(
                    f"单元格地址「{e.cell}」无效", code=ErrorCode.BAD_EDIT, file=pkg.label, sheet=sheet
                ) from None
            cell = _cell_of(ws, row, col)
            if e.mark == "filled" and e.value is not None:
                done = _set_value(cell, e.value)
                if done is None:
                    warnings.append(f"工作表「{sheet}」单元格 {e.cell} 是共享公式的首格,未写入值,仅标色")
                wrote, removed = wrote or done is not None, removed or bool(done)
            cell.set("s", str(styles.marked(int(cell.get("s", "0")), e.mark)))
            if e.note:
                notes.append((row, col, e.note))
        if notes:
            problem = _add_notes(pkg, part, ws, notes)
            if problem:
                warnings.append(f"工作表「{sheet}」{problem},未添加 {len(notes)} 条批注")
    return wrote, removed


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _row_height(row: Sequence[NewCell], widths: Sequence[float]) -> float | None:
    """Estimated height for wrapped text (Excel does not auto-fit rows of a file it opens)."""
    lines = 1
    for i, cell in enumerate(row):
        if isinstance(cell.value, str) and _SPECS[cell.style].wrap:
            width = max((widths[i] if i < len(widths) else 8.43) - 1, 1)
            lines = max(
                lines, sum(max(1, math.ceil(_text_width(seg) / width)) for seg in cell.value[:2000].split("\n"))
            )
    if any(c.style == "title" for c in row):
        return 22.0
    return min(409.0, 15.0 * lines) if lines > 1 else None


def _write_cell(row_el: etree._Element, ref: str, cell: NewCell, styles: _Styles) -> None:
    value = cell.value
    if isinstance(value, float) and not math.isfinite(value):
        value = str(value)
    c = _sub(row_el, "c", {"r": ref})
    if isinstance(value, str):
        text = _clean(value)
        c.set("s", str(styles.style(cell.style, quote=text.lstrip().startswith(_FORMULA_START))))
        c.set("t", "inlineStr")  # never a shared string, never a formula: the text is untrusted
        _set_text(_sub(_sub(c, "is"), "t"), text)
        return
    c.set("s", str(styles.style(cell.style)))
    if value is not None:
        _sub(c, "v").text = repr(float(value)) if isinstance(value, float) else str(int(value))


def _build_sheet(sheet: NewSheet, styles: _Styles) -> etree._Element:
    """A complete worksheet part for ``sheet`` (inline strings, frozen header, landscape fit-to-width)."""
    ws = etree.fromstring(f'<worksheet xmlns="{_MAIN}" xmlns:r="{_R}"/>'.encode(), _PARSER)
    _sub(_sub(ws, "sheetPr"), "pageSetUpPr", {"fitToPage": "1"})
    nrows, ncols = len(sheet.rows), max([len(sheet.col_widths), 1, *(len(r) for r in sheet.rows)])
    last_col, heads = _col_letter(ncols), min(max(sheet.header_rows, 0), nrows)
    _sub(ws, "dimension", {"ref": f"A1:{last_col}{nrows}" if nrows else "A1"})
    view = _sub(_sub(ws, "sheetViews"), "sheetView", {"workbookViewId": "0"})
    if heads:
        top = f"A{heads + 1}"
        _sub(view, "pane", {"ySplit": str(heads), "topLeftCell": top, "activePane": "bottomLeft", "state": "frozen"})
        _sub(view, "selection", {"pane": "bottomLeft", "activeCell": top, "sqref": top})
    _sub(ws, "sheetFormatPr", {"defaultRowHeight": "15"})
    if sheet.col_widths:
        cols = _sub(ws, "cols")
        for i, width in enumerate(sheet.col_widths, 1):
            _sub(cols, "col", {"min": str(i), "max": str(i), "width": f"{width:g}", "customWidth": "1"})
    data = _sub(ws, "sheetData")
    links: list[tuple[str, str, str]] = []
    for r, row in enumerate(sheet.rows, 1):
        row_el = _sub(data, "row", {"r": str(r)})
        height = _row_height(row, sheet.col_widths)
        if height:
            row_el.set("ht", f"{height:g}")
            row_el.set("customHeight", "1")
        for c, cell in enumerate(row, 1):
            ref = f"{_col_letter(c)}{r}"
            _write_cell(row_el, ref, cell, styles)
            if cell.link:
                links.append((ref, _clean(cell.link, 255), _clean(str(cell.value or ""), 255)))
    if sheet.autofilter and heads:
        _sub(ws, "autoFilter", {"ref": f"A{heads}:{last_col}{nrows}"})
    if links:
        box = _sub(ws, "hyperlinks")
        for ref, location, display in links:
            _sub(box, "hyperlink", {"ref": ref, "location": location, "display": display})
    _sub(
        ws,
        "pageMargins",
        {"left": "0.5", "right": "0.5", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3"},
    )
    _sub(ws, "pageSetup", {"paperSize": "9", "orientation": "landscape", "fitToWidth": "1", "fitToHeight": "0"})
    return ws


def _unique_name(wanted: str, taken: set[str]) -> str:
    """A legal sheet name not in ``taken`` (casefolded): '评分结果', '评分结果(2)', ..."""
    base = _ILLEGAL_SHEET.sub("_", _ILLEGAL_XML.sub("", wanted)).strip("'").strip() or "Sheet"
    name, n = base[:31], 1
    while name.casefold() in taken or name.casefold() == "history":
        n += 1
        name = base[: 31 - len(f"({n})")] + f"({n})"
    return name


def _add_sheet(pkg: _Package, book: _Book, sheet: NewSheet, styles: _Styles) -> str:
    """Create the part, register it in workbook.xml (+ print titles / filter names); returns its name."""
    wb = book.edit()
    name = _unique_name(sheet.name, {n.casefold() for n, _, _ in book.sheets()})
    part = pkg.unused("xl/worksheets/sheet{}.xml")
    pkg.add(part, _build_sheet(sheet, styles))
    _ct_override(pkg, part, _CT_SHEET)
    rid = _add_rel(pkg, book.part, _REL_SHEET, part)
    sheets = _ensure(wb, "sheets", _WB_ORDER)
    ids = [int(s.get("sheetId", "0")) for s in sheets.findall(_m("sheet"))]
    nsmap = None if wb.nsmap.get("r") == _R else {"r": _R}
    etree.SubElement(
        sheets, _m("sheet"), {"name": name, "sheetId": str(max([0, *ids]) + 1), f"{{{_R}}}id": rid}, nsmap=nsmap
    )
    index, heads = len(ids), min(max(sheet.header_rows, 0), len(sheet.rows))
    if heads:
        names = _ensure(wb, "definedNames", _WB_ORDER)
        _sub(
            names, "definedName", {"name": "_xlnm.Print_Titles", "localSheetId": str(index)}
        ).text = f"{_quote_sheet(name)}!$1:${heads}"
        if sheet.autofilter:
            last = _col_letter(max([len(sheet.col_widths), 1, *(len(r) for r in sheet.rows)]))
            _sub(
                names, "definedName", {"name": "_xlnm._FilterDatabase", "localSheetId": str(index), "hidden": "1"}
            ).text = f"{_quote_sheet(name)}!$A${heads}:${last}${len(sheet.rows)}"
    return name


def _remove_sheet(pkg: _Package, book: _Book, name: str) -> None:
    """Drop a sheet we created ourselves (new_workbook's blank base: no defined names refer to it)."""
    for sheet_name, _, el in book.sheets():
        parent = el.getparent()
        if sheet_name == name and parent is not None:
            book.edit()
            parent.remove(el)
            for rel in _rels(pkg, book.part):
                if rel.rid == el.get(f"{{{_R}}}id"):
                    _drop_rel(pkg, book.part, rel)


def _drop_macros(pkg: _Package, book: _Book, warnings: list[str]) -> None:
    """An .xlsx must not carry a VBA project or a macro-enabled main content type."""
    if _ct_get(pkg, book.part) in _MAIN_VARIANTS:
        _ct_override(pkg, book.part, _CT_MAIN)
    for rel in _rels(pkg, book.part):
        if rel.rtype.endswith("/vbaProject") and rel.target:
            for dep in _rels(pkg, rel.target):  # e.g. vbaProjectSignature.bin
                _drop_rel(pkg, rel.target, dep)
            _drop_rel(pkg, book.part, rel)
            warnings.append(f"已移除宏({posixpath.basename(rel.target)})")
    ct = pkg.xml("[Content_Types].xml")
    for el in ct.findall(f"{{{_CT}}}Default"):
        if el.get("ContentType") == _CT_VBA:
            pkg.xml("[Content_Types].xml", edit=True)
            bins = [n for n in pkg.blobs if n.lower().endswith(".bin") and pkg.name(n)]
            if any(_ct_get(pkg, n) == _CT_VBA for n in bins):
                el.set("ContentType", _CT_PRINTER)  # the remaining .bin parts (printer settings) used it
            else:
                ct.remove(el)


def _run(
    pkg: _Package, dst: Path, edits: Sequence[CellEdit], new_sheets: Sequence[NewSheet], drop: Sequence[str] = ()
) -> PatchResult:
    book = _Book(pkg)
    warnings: list[str] = []
    _drop_macros(pkg, book, warnings)
    if any(r.rtype.endswith("/externalLink") for r in _rels(pkg, book.part)):
        warnings.append("工作簿含外部链接,已原样保留(打开时可能提示更新链接)")
    styles = _Styles(pkg, book.part) if edits or new_sheets else None
    if styles is not None and edits:
        wrote, removed = _apply_edits(pkg, book, styles, edits, warnings)
        if wrote:  # dependent formulas still show their old cached values; have Excel/WPS recalculate
            _ensure(book.edit(), "calcPr", _WB_ORDER).set("fullCalcOnLoad", "1")
        if removed:  # calcChain may list the removed formula; Excel rebuilds a missing chain silently
            for rel in _rels(pkg, book.part):
                if rel.rtype == _REL_CALC:
                    _drop_rel(pkg, book.part, rel)
    for name in drop:  # before adding, so the new sheets' localSheetId indexes are final
        _remove_sheet(pkg, book, name)
    names = [_add_sheet(pkg, book, s, styles) for s in new_sheets] if styles is not None else []
    pkg.save(dst)
    return PatchResult(sheet_names=names, warnings=warnings)


def patch_workbook(src: Path, dst: Path, edits: Sequence[CellEdit], new_sheets: Sequence[NewSheet]) -> PatchResult:
    """Copy ``src`` to ``dst`` unchanged except for the marked cells and the appended sheets."""
    if Path(dst).resolve() == Path(src).resolve():
        raise OutputError("输出文件不能与输入文件相同", code=ErrorCode.SAME_AS_INPUT, file=dst)
    return _run(_Package(Path(src), str(src)), Path(dst), edits, new_sheets)


def new_workbook(dst: Path, new_sheets: Sequence[NewSheet]) -> PatchResult:
    """Write a fresh workbook holding exactly ``new_sheets`` (for inputs that cannot be patched)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf, {"in_memory": True, "default_format_properties": {"font_name": "宋体", "font_size": 11}}
    )
    wb.add_worksheet(_BLANK_SHEET)
    wb.close()
    pkg = _Package(buf.getvalue(), "新工作簿")
    for rel in _rels(pkg, ""):  # app.xml would still list the blank sheet's name
        if rel.rtype.endswith("/extended-properties"):
            _drop_rel(pkg, "", rel)
    # A workbook needs at least one sheet: keep the blank one only when there is nothing to add.
    return _run(pkg, Path(dst), [], new_sheets, drop=[_BLANK_SHEET] if new_sheets else [])
