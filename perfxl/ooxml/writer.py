"""A copy of a package with some parts rewritten: every part is read through ``Package`` (the same directory
and part reading sniffing uses), XML parts are parsed on demand and re-serialised only if marked dirty, and the
zip is written back with the entries in their original order, names, timestamps and compression.
Relationships and content types are edited here too: every part added or dropped goes through them."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import unquote

from lxml import etree

from perfxl.errors import ErrorCode, OutputError, os_reason
from perfxl.ooxml.package import DamagedPart, Package
from perfxl.ooxml.parts import CONTENT_TYPES, CT, PKG_R, WORKBOOK, rels_part, resolve
from perfxl.ooxml.tree import PARSER
from perfxl.ooxml.xml_errors import cell_at, xml_error
from perfxl.ooxml.zipdir import DamagedArchive

__all__ = ["PackageWriter", "Rel", "add_rel", "ct_default", "ct_get", "ct_override", "drop_rel", "rels"]

_MAX_UNZIPPED: Final = 1 << 30


class PackageWriter:
    """The zip entries in their original order; parsed XML parts are re-serialised only if marked dirty."""

    def __init__(self, data: bytes | Path, label: str) -> None:
        self.label = label
        try:
            source = Package.of_bytes(data if isinstance(data, bytes) else data.read_bytes())
            self.entries = source.entries
            if sum(e.file_size for e in self.entries) > _MAX_UNZIPPED:
                raise OutputError("工作簿解压后过大,无法处理", code=ErrorCode.BAD_INPUT, file=label)
            self.blobs = {e.orig_filename: source.full(e) for e in self.entries}
        except (OSError, DamagedArchive) as exc:
            raise OutputError(f"无法读取工作簿: {exc}", code=ErrorCode.BAD_INPUT, file=label) from exc
        except DamagedPart as exc:
            raise OutputError(f"无法读取工作簿: 部件 {exc.name} 已损坏", code=ErrorCode.BAD_INPUT, file=label) from exc
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
        """The part's parsed tree (``edit``: it will be written back from the tree)."""
        name = self.name(part)
        if name is None:
            raise OutputError(f"工作簿缺少部件 {part}", code=ErrorCode.BAD_INPUT, file=self.label)
        if name not in self._trees:
            try:
                self._trees[name] = etree.fromstring(self.blobs[name], PARSER)
            except etree.XMLSyntaxError as exc:
                found = xml_error(self.blobs[name])
                cell = cell_at(self.blobs[name], found[2])[0] if found else None
                why = f"{found[0]}({f'单元格 {cell}' if cell else f'第 {found[1]} 行'})" if found else "格式错误"
                raise OutputError(
                    f"部件 {name} 的 XML 已损坏：{why}，请报送单位用 Excel 或 WPS 打开并重新保存后报送",
                    code=ErrorCode.BAD_INPUT,
                    file=self.label,
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
                for entry in self.entries:
                    name = entry.orig_filename
                    if name in self.deleted or name in written:
                        continue
                    zi = zipfile.ZipInfo(name, entry.date_time)
                    zi.compress_type, zi.external_attr = entry.compress_type, entry.external_attr
                    out.writestr(zi, self._bytes(name))
                    written.add(name)
                # New parts take the input's own timestamp, so the same input gives the same bytes.
                stamp = next((e.date_time for e in self.entries if e.orig_filename == WORKBOOK), (1980, 1, 1, 0, 0, 0))
                for name in self.added:
                    zi = zipfile.ZipInfo(name, stamp)
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    out.writestr(zi, self._bytes(name))
        except OSError as exc:
            raise OutputError(f"无法写入输出文件: {os_reason(exc)}", code=ErrorCode.OUTPUT_FAILED, file=dst) from exc


@dataclass(frozen=True)
class Rel:
    """One relationship of a part: its id, type, the part it points to (None if external) and its element."""

    rid: str
    rtype: str
    target: str | None
    el: etree._Element


def rels(pkg: PackageWriter, part: str) -> list[Rel]:
    """The relationships of ``part`` ("" for the package's own), in document order."""
    name = pkg.name(rels_part(part))
    if name is None:
        return []
    out = []
    for el in pkg.xml(name).iter(f"{{{PKG_R}}}Relationship"):
        external = el.get("TargetMode") == "External"
        resolved = None if external else resolve(posixpath.dirname(part), unquote(el.get("Target", "")))
        out.append(Rel(el.get("Id", ""), el.get("Type", ""), resolved, el))
    return out


def add_rel(pkg: PackageWriter, part: str, rtype: str, target: str) -> str:
    """Add a relationship from ``part`` to ``target`` (creating the rels part); returns the new Id."""
    rels_name = pkg.name(rels_part(part))
    if rels_name is None:
        rels_name = rels_part(part)
        pkg.add(rels_name, etree.fromstring(f'<Relationships xmlns="{PKG_R}"/>'.encode(), PARSER))
    root = pkg.xml(rels_name, edit=True)
    taken = {r.get("Id") for r in root}
    rid = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
    etree.SubElement(
        root,
        f"{{{PKG_R}}}Relationship",
        {"Id": rid, "Type": rtype, "Target": posixpath.relpath(target, posixpath.dirname(part) or ".")},
    )
    return rid


def drop_rel(pkg: PackageWriter, source: str, rel: Rel) -> None:
    """Remove a relationship together with its target part, the target's rels and its content type."""
    if rel.target:
        pkg.delete(rel.target)
        pkg.delete(rels_part(rel.target))
        ct_override(pkg, rel.target, None)
    pkg.xml(rels_part(source), edit=True).remove(rel.el)


def ct_get(pkg: PackageWriter, part: str) -> str | None:
    """The content type of ``part``: its Override, else the Default for its extension."""
    root = pkg.xml(CONTENT_TYPES)
    for el in root.iter(f"{{{CT}}}Override"):
        if el.get("PartName", "").lower() == "/" + part.lower():
            return el.get("ContentType")
    ext = posixpath.splitext(part)[1].lstrip(".").lower()
    for el in root.iter(f"{{{CT}}}Default"):
        if el.get("Extension", "").lower() == ext:
            return el.get("ContentType")
    return None


def ct_override(pkg: PackageWriter, part: str, ctype: str | None) -> None:
    """Set (or with ``None`` remove) the Override for ``part``."""
    root = pkg.xml(CONTENT_TYPES, edit=True)
    for el in list(root.iter(f"{{{CT}}}Override")):
        if el.get("PartName", "").lower() == "/" + part.lower():
            root.remove(el)
    if ctype is not None:
        etree.SubElement(root, f"{{{CT}}}Override", {"PartName": "/" + part, "ContentType": ctype})


def ct_default(pkg: PackageWriter, ext: str, ctype: str) -> None:
    """Add a Default for the extension ``ext`` unless there is one."""
    root = pkg.xml(CONTENT_TYPES, edit=True)
    if not any(el.get("Extension", "").lower() == ext for el in root.iter(f"{{{CT}}}Default")):
        root.insert(0, etree.Element(f"{{{CT}}}Default", {"Extension": ext, "ContentType": ctype}))
