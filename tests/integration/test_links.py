"""External links and data connections never reach a scored copy (issue 18 item 9, docs/bad-inputs.md T38): the links
are broken as Excel's 断开链接 does (values kept), the connections removed, the user told which; the input keeps
them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from perfxl import api
from perfxl.ooxml.writer import PackageWriter
from perfxl.write.patch.links import _literal_series

SEED = Path(__file__).resolve().parents[2] / "samples" / "大通湖政务中心2020.xlsx"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TARGET = r"file:///\\attacker\share\预算.xlsx"

_ROW = (
    '<row r="40">'
    '<c r="A40"><f>[1]Sheet1!$A$1</f><v>42</v></c>'  # a number from another workbook
    '<c r="B40" t="str"><f>\'[1]预算 表\'!$B$1</f><v>外部文字</v></c>'  # text from another workbook
    '<c r="C40"><f>A40+1</f><v>43</v></c>'  # refers to a cell of this workbook: kept
    '<c r="D40"><f>SUM(外部数)</f><v>7</v></c>'  # through a name that refers to another workbook
    '<c r="E40"><f t="shared" ref="E40:F40" si="900">[1]Sheet1!C1</f><v>1</v></c>'
    '<c r="F40"><f t="shared" si="900"/><v>2</v></c>'  # a shared formula's follower goes with its master
    '<c r="G40"><f>SUM(本表数)</f><v>5</v></c>'  # through a name of this workbook: kept
    "</row>"
)


def _with_links(src: Path, dst: Path, pivot: bool = False) -> None:
    """The sample with an external link, a data connection feeding a query table (or, with ``pivot``, a pivot
    cache) and formulas that use them, as Excel writes them."""
    parts = {i.filename: zipfile.ZipFile(src).read(i) for i in zipfile.ZipFile(src).infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", _ROW + "</sheetData>").encode()
    wb = parts["xl/workbook.xml"].decode()
    names = (
        '<definedName name="外部数">[1]Sheet1!$D$1:$D$3</definedName>'
        '<definedName name="本表数">附件4!$C$5:$C$6</definedName>'
    )
    pivots = '<pivotCaches><pivotCache cacheId="3" r:id="rId92"/></pivotCaches>' if pivot else ""
    wb = wb.replace("</sheets>", '</sheets><externalReferences><externalReference r:id="rId90"/></externalReferences>')
    wb = wb.replace("<definedNames>", "<definedNames>" + names).replace("</calcPr>", "</calcPr>" + pivots)
    wb = wb.replace('fullCalcOnLoad="1"/>', 'fullCalcOnLoad="1"/>' + pivots)
    parts["xl/workbook.xml"] = wb.encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    extra = (
        f'<Relationship Id="rId90" Type="{_R}/externalLink" Target="externalLinks/externalLink1.xml"/>'
        f'<Relationship Id="rId91" Type="{_R}/connections" Target="connections.xml"/>'
    )
    if pivot:
        extra += f'<Relationship Id="rId92" Type="{_R}/pivotCacheDefinition" Target="pivotCache/def1.xml"/>'
    parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", extra + "</Relationships>").encode()
    parts["xl/externalLinks/externalLink1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>'
    )
    parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_R}/externalLinkPath" Target="{_TARGET}" TargetMode="External"/>'
        "</Relationships>"
    ).encode()
    parts["xl/connections.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<connection id="1" name="\xe8\xb4\xa2\xe5\x8a\xa1\xe5\xba\x93" type="1" refreshedVersion="6" '
        b'refreshOnLoad="1" background="1"><dbPr connection="DSN=finance;" command="SELECT 1"/></connection>'
        b"</connections>"
    )
    ct = parts["[Content_Types].xml"].decode()
    overrides = (
        '<Override PartName="/xl/externalLinks/externalLink1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>'
        '<Override PartName="/xl/connections.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml"/>'
    )
    if pivot:
        parts["xl/pivotCache/def1.xml"] = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'refreshOnLoad="1" recordCount="0"><cacheSource type="external" connectionId="1"/>'
            b'<cacheFields count="0"/></pivotCacheDefinition>'
        )
        overrides += (
            '<Override PartName="/xl/pivotCache/def1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"/>'
        )
    parts["[Content_Types].xml"] = ct.replace("</Types>", overrides + "</Types>").encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_scored_copy_breaks_external_links_and_keeps_the_values(tmp_path: Path) -> None:
    src, dst = tmp_path / "链接.xlsx", tmp_path / "链接_评分.xlsx"
    _with_links(SEED, src)
    before = src.read_bytes()
    report = api.score(src, dst)
    assert src.read_bytes() == before  # the input keeps its links
    notes = report.files[0].notes
    said = next(n for n in notes if "外部链接" in n)
    assert _TARGET in said and "5 个引用其他工作簿的公式改为保存时的值" in said and "外部数" in said
    assert any("数据连接(财务库)" in n and "已移除" in n for n in notes)

    copy = zipfile.ZipFile(dst)
    names = copy.namelist()
    assert not [n for n in names if "externalLink" in n or "connections" in n]
    texts = {n: copy.read(n).decode("utf-8") for n in names if n.endswith((".xml", ".rels"))}
    assert not [n for n, t in texts.items() if "externalLink" in t or "/connections" in t or _TARGET in t]
    assert "externalReferences" not in texts["xl/workbook.xml"] and "外部数" not in texts["xl/workbook.xml"]
    assert "本表数" in texts["xl/workbook.xml"]

    formulas = openpyxl.load_workbook(dst)["项目支出绩效自评表"]
    values = openpyxl.load_workbook(dst, data_only=True)["项目支出绩效自评表"]
    row = [(formulas.cell(40, c).value, values.cell(40, c).value) for c in range(1, 8)]
    assert row == [
        (42, 42),
        ("外部文字", "外部文字"),
        ("=A40+1", 43),
        (7, 7),
        (1, 1),
        (2, 2),
        ("=SUM(本表数)", 5),
    ]


def test_connections_a_pivot_cache_needs_are_kept_but_never_refresh_on_open(tmp_path: Path) -> None:
    src, dst = tmp_path / "透视.xlsx", tmp_path / "透视_评分.xlsx"
    _with_links(SEED, src, pivot=True)
    report = api.score(src, dst)
    assert any("数据连接(财务库)" in n and "已关闭打开时的自动刷新" in n for n in report.files[0].notes)
    copy = zipfile.ZipFile(dst)
    assert "refreshOnLoad" not in copy.read("xl/connections.xml").decode()
    assert "refreshOnLoad" not in copy.read("xl/pivotCache/def1.xml").decode()
    assert "DSN=finance;" in copy.read("xl/connections.xml").decode()


def test_a_chart_series_from_another_workbook_keeps_its_points() -> None:
    chart = (
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea>'
        "<c:barChart><c:ser><c:tx><c:strRef><c:f>'[1]Sheet1'!$B$1</c:f><c:strCache><c:ptCount val=\"1\"/>"
        '<c:pt idx="0"><c:v>预算</c:v></c:pt></c:strCache></c:strRef></c:tx>'
        "<c:val><c:numRef><c:f>[1]Sheet1!$B$2:$B$3</c:f><c:numCache><c:formatCode>General</c:formatCode>"
        '<c:ptCount val="2"/><c:pt idx="0"><c:v>10</c:v></c:pt><c:pt idx="1"><c:v>20</c:v></c:pt></c:numCache>'
        "</c:numRef></c:val></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/charts/chart1.xml", chart)
    pkg = PackageWriter(buf.getvalue(), "chart")
    assert _literal_series(pkg, "xl/charts/chart1.xml") == 2
    out = pkg._bytes("xl/charts/chart1.xml").decode()
    assert "[1]" not in out and "<c:f>" not in out
    assert re.search(r"<c:strLit><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>预算</c:v>", out)
    assert re.search(r"<c:numLit><c:formatCode>General</c:formatCode><c:ptCount val=\"2\"/>.*<c:v>20</c:v>", out)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_copy_without_links_opens_in_libreoffice(tmp_path: Path) -> None:
    src, dst = tmp_path / "链接.xlsx", tmp_path / "链接_评分.xlsx"
    _with_links(SEED, src)
    api.score(src, dst)
    out = tmp_path / "csv"
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv",
            "--outdir",
            str(out),
            str(dst),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    text = (out / "链接_评分.csv").read_text(encoding="utf-8", errors="replace")
    assert "42" in text  # the first sheet, with the value the broken link showed


def test_a_query_table_becomes_a_plain_table_without_its_connection() -> None:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    pkg_r = "http://schemas.openxmlformats.org/package/2006/relationships"

    def rels(*items: tuple[str, str, str]) -> str:
        body = "".join(f'<Relationship Id="{i}" Type="{_R}/{t}" Target="{target}"/>' for i, t, target in items)
        return f'<Relationships xmlns="{pkg_r}">{body}</Relationships>'

    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": rels(("rId1", "officeDocument", "xl/workbook.xml")),
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{_R}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": rels(
            ("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "connections", "connections.xml")
        ),
        "xl/connections.xml": f'<connections xmlns="{main}"><connection id="1" name="Q" type="5"/></connections>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData/></worksheet>',
        "xl/worksheets/_rels/sheet1.xml.rels": rels(
            ("rId1", "table", "../tables/table1.xml"), ("rId2", "queryTable", "../queryTables/old.xml")
        ),
        "xl/tables/table1.xml": f'<table xmlns="{main}" id="1" name="T" ref="A1:B2" tableType="queryTable" '
        'connectionId="1"><tableColumns count="2"><tableColumn id="1" name="a" queryTableFieldId="1"/>'
        '<tableColumn id="2" name="b" queryTableFieldId="2"/></tableColumns></table>',
        "xl/tables/_rels/table1.xml.rels": rels(("rId1", "queryTable", "../queryTables/queryTable1.xml")),
        "xl/queryTables/queryTable1.xml": f'<queryTable xmlns="{main}" name="Q" connectionId="1"/>',
        "xl/queryTables/old.xml": f'<queryTable xmlns="{main}" name="old" connectionId="1"/>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    from perfxl.write.patch.book import Book
    from perfxl.write.patch.links import cut_connections

    pkg = PackageWriter(buf.getvalue(), "query")
    warnings: list[str] = []
    cut_connections(pkg, Book(pkg), warnings)
    assert warnings == ["工作簿含数据连接(Q)，评分副本中已移除，打开副本不会连接外部数据(原文件不变)"]
    out = io.BytesIO()
    pkg.save(out)  # type: ignore[arg-type]  # a zip file object does as well as a path
    saved = zipfile.ZipFile(out)
    assert sorted(n for n in saved.namelist() if "query" in n.lower() or "connection" in n) == []
    table = saved.read("xl/tables/table1.xml").decode()
    assert "queryTable" not in table and "connectionId" not in table and 'name="b"' in table
