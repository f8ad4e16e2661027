"""Attribute values pulled out of small XML parts with regular expressions, no parser: the tags of the content
types, the workbook and its relationships, which sniffing reads before any parser may see the package."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final

__all__ = [
    "ATTR",
    "ATTRS",
    "CONTENT_TYPE_TAGS",
    "PFX",
    "RELS",
    "REMEMBER_TEXT",
    "SHEETS",
    "TagKind",
    "decode_xml",
    "unescape",
]

# A start tag with well-formed attributes; '>' inside quoted values does not end it.
ATTRS: Final = r"""((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*/?>"""
ATTR: Final = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
PFX: Final = r"<(?:[A-Za-z_][\w.\-]*:)?"
_V: Final = r'"([^"&<]*)"'

# A template's content types, workbook and relationships recur verbatim in every workbook of a batch: their
# tags are parsed once per process (texts up to this many characters; a pure function of the text).
REMEMBER_TEXT: Final = 16 * 1024


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the tag cache below
class TagKind:
    """How to pull attribute values out of one kind of tag in a small XML part, without a parser.

    ``fast`` is the exact shape Excel, WPS and the common libraries write (capturing the tag name and the
    values in ``keys`` order); it is trusted only when it accounts for every start tag ``start`` counts.
    Otherwise ``slow`` tokenises the attributes properly (any order, quotes, prefixes, entities).
    """

    fast: re.Pattern[str]
    start: re.Pattern[str]
    slow: re.Pattern[str]
    keys: tuple[str, ...]

    @classmethod
    def make(cls, names: str, fast: str, keys: tuple[str, ...]) -> TagKind:
        return cls(
            fast=re.compile(fast),
            start=re.compile(PFX + "(?:" + names + r")[\s/>]"),
            slow=re.compile(PFX + "(" + names + ")" + ATTRS),
            keys=keys,
        )

    def find(self, text: str) -> tuple[tuple[str, ...], ...]:
        """(tag, value of each key, ...) per tag; "" for a missing attribute. For <Override> the key
        "Extension" reads PartName; the key ":id" reads a relationship id under any prefix."""
        return _find_remembered(self, text) if len(text) <= REMEMBER_TEXT else self.parse(text)

    def parse(self, text: str) -> tuple[tuple[str, ...], ...]:
        """``find`` without the memo."""
        found: list[tuple[str, ...]] = self.fast.findall(text)
        if len(found) == len(self.start.findall(text)):
            return tuple(found)
        out: list[tuple[str, ...]] = []
        for m in self.slow.finditer(text):
            tag, a = m.group(1), _attrs(m.group(2))
            values = [tag]
            for key in self.keys:
                if key == ":id":
                    values.append(next((v for k, v in a.items() if k.endswith(":id")), ""))
                elif key == "Extension" and tag == "Override":
                    values.append(a.get("PartName", ""))
                else:
                    values.append(a.get(key, ""))
            out.append(tuple(values))
        return tuple(out)


@functools.lru_cache(maxsize=64)
def _find_remembered(kind: TagKind, text: str) -> tuple[tuple[str, ...], ...]:
    return kind.parse(text)


SHEETS: Final = TagKind.make(
    "sheet", rf'<(sheet) name={_V} sheetId="\d+"(?: state="\w+")? r:id={_V}\s*/>', ("name", ":id")
)
RELS: Final = TagKind.make(
    "Relationship", rf"<(Relationship) Id={_V} Type={_V} Target={_V}\s*/>", ("Id", "Type", "Target")
)
CONTENT_TYPE_TAGS: Final = TagKind.make(
    "Default|Override",
    rf"<(Default|Override) (?:Extension|PartName)={_V} ContentType={_V}\s*/>",
    ("Extension", "ContentType"),
)


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1): unescape(m.group(2) if m.group(2) is not None else m.group(3)) for m in ATTR.finditer(raw)}


_ENTITY: Final = re.compile(r"&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);")
_PREDEFINED: Final = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def unescape(value: str) -> str:
    """An attribute value with XML's predefined entities and character references replaced."""
    if "&" not in value:
        return value

    def one(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref.startswith("#"):
            code = int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:])
            return chr(code) if code <= 0x10FFFF else "\ufffd"
        return _PREDEFINED[ref]

    return _ENTITY.sub(one, value)


def decode_xml(raw: bytes) -> str:
    """Best-effort text of an XML part for substring and tag searches."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    if raw.startswith(b"<\x00"):
        return raw.decode("utf-16-le", "replace")
    if raw.startswith(b"\x00<"):
        return raw.decode("utf-16-be", "replace")
    return raw.decode("utf-8", "replace")
