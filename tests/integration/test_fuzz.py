"""A seeded fuzz of a whole batch (issue 18, bad-inputs L12): returns whose XML is mutated the ways hostile or broken
files differ — odd cell references, styles and types, odd values, odd merges, rows out of order or twice, truncated
or control-character text — re-zipped validly, so that every reader meets them, and audited together with write-back.

Every file is accounted for, once: scored, or an error with a code and a one-line Chinese message; nothing escapes
as a traceback; a scored copy breaks no sheet its input had whole; the input is never changed.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from perfxl.batch.discover import discover
from perfxl.batch.run import audit
from perfxl.errors import ErrorCode
from perfxl.rules.auto import auto_rules

SEED = Path(__file__).resolve().parents[2] / "samples" / "大通湖政务中心2020_全套.xlsx"
N_FILES = 96

Mutation = Callable[[random.Random, bytes], bytes]


def _cells(data: bytes) -> list[re.Match[bytes]]:
    return list(re.finditer(rb"<c [^>]*?(?:/>|>.*?</c>)", data, re.S))


def _on_a_cell(edit: Callable[[random.Random, bytes], bytes]) -> Mutation:
    def mutate(rng: random.Random, data: bytes) -> bytes:
        cells = _cells(data)
        if not cells:
            return data
        cell = rng.choice(cells)
        return data[: cell.start()] + edit(rng, cell.group()) + data[cell.end() :]

    return mutate


def _attr(name: bytes, values: list[bytes]) -> Mutation:
    def edit(rng: random.Random, cell: bytes) -> bytes:
        value = rng.choice(values)
        if re.search(rb" " + name + rb'="[^"]*"', cell):
            return re.sub(rb" " + name + rb'="[^"]*"', b" " + name + b'="' + value + b'"', cell, count=1)
        return cell.replace(b"<c ", b"<c " + name + b'="' + value + b'" ', 1)

    return _on_a_cell(edit)


def _value(rng: random.Random, cell: bytes) -> bytes:
    odd = rng.choice(
        [b"NaN", b"inf", b"-inf", b"1e999", b"", b"abc", b"-0", b"9" * 40, b"12%", b"\xe4\xb8\x89\xe7\x99\xbe"]
    )
    if b"<v>" in cell:
        return re.sub(rb"<v>[^<]*</v>", b"<v>" + odd + b"</v>", cell, count=1)
    return cell.replace(b"/>", b"><v>" + odd + b"</v></c>", 1) if cell.endswith(b"/>") else cell


def _merge(rng: random.Random, data: bytes) -> bytes:
    ref = rng.choice([b"A1:A1", b"B2:A1", b"A1:XFD1048576", b"Z99:AA100", b"C3:E7", b"A:A", b"1:1", b""])
    merge = b'<mergeCell ref="' + ref + b'"/>'
    if b"<mergeCells" in data:
        return re.sub(rb"(<mergeCells[^>]*>)", rb"\1" + merge, data, count=1)
    return data.replace(b"</sheetData>", b"</sheetData><mergeCells>" + merge + b"</mergeCells>", 1)


def _rows(rng: random.Random, data: bytes) -> bytes:
    rows = list(re.finditer(rb"<row [^>]*>.*?</row>", data, re.S))
    if len(rows) < 2:
        return data
    a, b = sorted(rng.sample(rows, 2), key=lambda m: m.start())
    if rng.random() < 0.5:  # a row twice
        return data[: b.end()] + a.group() + data[b.end() :]
    return data[: a.start()] + b.group() + data[a.end() : b.start()] + a.group() + data[b.end() :]  # swapped


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) // 2, len(data))]


def _control(rng: random.Random, data: bytes) -> bytes:
    texts = list(re.finditer(rb"<t[^>]*>([^<]+)</t>", data))
    if not texts:
        return data
    text = rng.choice(texts)
    junk = rng.choice([b"\x01", b"\x0b", b"&#1;", b"&#xFFFE;", b"\xef\xbf\xbe", b"_x0001_"])
    return data[: text.start(1)] + junk + data[text.start(1) :]


MUTATIONS: list[Mutation] = [
    _attr(b"r", [b"A0", b"ZZZZ1", b"A99999999", b"", b"1A", b"a1", b"XFD1048576"]),
    _attr(b"s", [b"-1", b"999999", b"x", b"8.0", b""]),
    _attr(b"t", [b"x", b"e", b"str", b"inlineStr", b"b", b"n", b"s"]),
    _on_a_cell(_value),
    _merge,
    _rows,
    _truncate,
    _control,
]


def _mutant(rng: random.Random, good: bytes) -> bytes:
    """The seed with 1–3 mutations in its worksheets or shared strings, re-zipped (every part still inflates)."""
    src = zipfile.ZipFile(io.BytesIO(good))
    parts = {info.filename: src.read(info) for info in src.infolist()}
    targets = sorted(n for n in parts if n.startswith("xl/worksheets/sheet") or n == "xl/sharedStrings.xml")
    for _ in range(rng.randrange(1, 4)):
        name = rng.choice(targets)
        parts[name] = rng.choice(MUTATIONS)(rng, parts[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, parts[info.filename])
    return out.getvalue()


def _well_formed(path: Path) -> set[str]:
    """The XML parts of a workbook that parse (a strict reader opens none of a workbook with a broken part)."""
    out = set()
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                try:
                    etree.fromstring(z.read(name), etree.XMLParser(resolve_entities=False, huge_tree=False))
                except etree.XMLSyntaxError:
                    continue
                out.add(name)
    return out


def test_a_fuzzed_batch_accounts_for_every_file(tmp_path: Path) -> None:
    rng = random.Random(20261205)
    good = SEED.read_bytes()
    folder = tmp_path / "returns"
    folder.mkdir()
    digests = {}
    for i in range(N_FILES):
        path = folder / f"单位{i:03d}.xlsx"
        path.write_bytes(_mutant(rng, good))
        digests[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    paths, skipped = discover([folder])
    assert len(paths) == N_FILES and not skipped
    result = audit(paths, auto_rules(), workers=2, write_back=tmp_path / "copies")
    try:
        files = list(result.report.files)
        assert sorted(Path(f.file).name for f in files) == sorted(digests)  # every file, once
        codes = {code.value for code in ErrorCode}
        for f in files:
            assert f.status in ("ok", "error"), f.file
            if f.status == "error":
                assert f.error is not None and f.error.code.value in codes, f.file
                message = str(f.error)
                assert "\n" not in message and "Traceback" not in message, message
                assert f.error.code is not ErrorCode.INTERNAL_ERROR, message  # a mutation perfxl did not expect
            elif f.output is not None:  # a copy breaks no part its input had whole (a raw control character in a
                # part copied byte for byte leaves the copy exactly as unreadable as its input: the input's fault)
                whole, copy = _well_formed(Path(f.file)), _well_formed(Path(f.output))
                assert {n for n in whole if n.startswith("xl/worksheets/")} <= copy, f.output
        scored = sum(f.status == "ok" for f in files)
        assert 0 < scored < N_FILES  # the fuzz reaches both outcomes
    finally:
        result.close()
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()} == digests
