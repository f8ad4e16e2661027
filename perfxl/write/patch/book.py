"""The workbook part of a package being rewritten: where it is, and its sheets by name."""

from __future__ import annotations

from lxml import etree

from perfxl.errors import ErrorCode, OutputError
from perfxl.ooxml.parts import MAIN, REL_DOC, REL_SHEET, R
from perfxl.ooxml.tree import find, qn
from perfxl.ooxml.writer import PackageWriter, rels


class Book:
    """The workbook part, its rels and the sheet name -> part map."""

    def __init__(self, pkg: PackageWriter) -> None:
        self.pkg = pkg
        part = next((r.target for r in rels(pkg, "") if r.rtype == REL_DOC and r.target), None)
        if part is None or pkg.name(part) is None:
            raise OutputError("不是有效的 xlsx 工作簿(找不到 workbook 部件)", code=ErrorCode.BAD_INPUT, file=pkg.label)
        self.part = part
        self.root = pkg.xml(part)
        if etree.QName(self.root).namespace != MAIN:
            raise OutputError("不支持 Strict Open XML 格式的工作簿", code=ErrorCode.BAD_INPUT, file=pkg.label)

    def edit(self) -> etree._Element:
        """The workbook's tree, marked to be written back."""
        return self.pkg.xml(self.part, edit=True)

    def sheets(self) -> list[tuple[str, str | None, etree._Element]]:
        """(name, worksheet part or None for chartsheets/missing, <sheet> element) in tab order."""
        targets = {r.rid: r.target for r in rels(self.pkg, self.part) if r.rtype == REL_SHEET}
        box = find(self.root, "sheets")
        return [
            (s.get("name", ""), targets.get(s.get(f"{{{R}}}id", "")), s)
            for s in (box.findall(qn("sheet")) if box is not None else [])
        ]
