"""Tests for perfxl.read.xml_prolog: DTDs and unsafe encodings in any XML part are refused before any parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from sniff_inputs import CT, DECL, LOL, SHEET, SST, WB, P, patch, rejected, rezip, write

from perfxl.read.sniff import sniff

# --------------------------------------------------------------------------------------------------
# C. XML attacks


@pytest.mark.parametrize(
    ("part", "pairs"),
    [
        (SST, [(DECL, DECL + LOL), ("<t>财务局</t>".encode(), b"<t>&l9;</t>")]),
        (WB, [(DECL, DECL + LOL), (b'name="Data"', b'name="&l9;"')]),
        (CT, [(DECL, DECL + b"<!DOCTYPE Types>")]),
        ("xl/styles.xml", [(DECL, DECL + LOL)]),
        (SHEET, [(DECL, DECL + LOL)]),
        ("docProps/core.xml", [(DECL, DECL + LOL)]),
        ("xl/_rels/workbook.xml.rels", [(DECL, DECL + LOL)]),
        (
            SST,
            [
                (DECL, DECL + b'<!DOCTYPE q [<!ENTITY a "' + b"A" * 100_000 + b'">]>'),
                ("<t>财务局</t>".encode(), b"<t>" + b"&a;" * 20_000 + b"</t>"),
            ],
        ),
        (SST, [(DECL, DECL + b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>')]),
        (SST, [(DECL, DECL + b"<!-- " + b"x" * 3000 + b" -->\n<!DOCTYPE l []>")]),  # pushed beyond 1 KB
        (SST, [(DECL, DECL + b"\n" * 2000 + b"<!DOCTYPE l []>")]),
    ],
    ids=[
        "t17-sst",
        "t17-workbook",
        "content-types",
        "styles",
        "sheet",
        "core-props",
        "rels",
        "quadratic",
        "t18-xxe",
        "after-comment",
        "after-whitespace",
    ],
)
def test_t17_doctype_in_any_part(tmp_path: Path, part: str, pairs: list[tuple[bytes, bytes]]) -> None:
    err = rejected(write(tmp_path, "x.xlsx", patch(part, *pairs)), "unsafe-xml", part, "DTD")
    assert "/etc/hostname" not in str(err)


def test_doctype_in_utf16_part(tmp_path: Path) -> None:
    p = dict(P)
    text = p[SST].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    p[SST] = (text[: text.index("?>") + 2] + "<!DOCTYPE l []>" + text[text.index("?>") + 2 :]).encode("utf-16")
    rejected(write(tmp_path, "x.xlsx", rezip(p)), "unsafe-xml", SST, "DTD")


def test_doctype_in_a_part_registered_as_xml_under_another_name(tmp_path: Path) -> None:
    p = dict(P)
    p[CT] = p[CT].replace(b"</Types>", b'<Default Extension="dat" ContentType="application/xml"/></Types>')
    p["xl/custom.dat"] = b"<?xml version='1.0'?><!DOCTYPE x []><x/>"
    rejected(write(tmp_path, "x.xlsx", rezip(p)), "unsafe-xml", "xl/custom.dat")


@pytest.mark.parametrize("encoding", [b"UTF-7", b"UTF-32", b"IBM037", b"ISO-2022-JP", b"x-unknown"])
def test_xml_encodings_that_could_hide_markup(tmp_path: Path, encoding: bytes) -> None:
    data = patch(SST, (b'encoding="UTF-8"', b'encoding="' + encoding + b'"'))
    rejected(write(tmp_path, "x.xlsx", data), "unsafe-xml", "编码")


def test_utf16_and_bom_parts_without_doctype_pass(tmp_path: Path) -> None:
    p = dict(P)
    p[WB] = p[WB].replace(b'encoding="UTF-8"', b"encoding='gb2312'")
    p["docProps/core.xml"] = p["docProps/core.xml"].replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    p[SST] = p[SST].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    p["xl/styles.xml"] = b"\xef\xbb\xbf" + p["xl/styles.xml"]
    p["docProps/app.xml"] = b"<!-- made by hand -->\r\n" + p["docProps/app.xml"].split(b"?>", 1)[1]
    assert sniff(write(tmp_path, "x.xlsx", rezip(p))).kind == "xlsx"
