"""The checks of a zip package before any reader opens it: the central directory (bombs, encryption, odd or
duplicate part names) and the package's layout (what kind of document it is, its required parts, the prolog of
every XML part, the worksheet parts and their extent)."""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path
from typing import Final, NamedTuple
from urllib.parse import unquote

from perfxl.errors import ErrorCode
from perfxl.ooxml.package import Package
from perfxl.ooxml.parts import CONTENT_TYPES, WORKBOOK, WORKBOOK_RELS, resolve
from perfxl.ooxml.xml_errors import xml_error
from perfxl.ooxml.xmlscan import CONTENT_TYPE_TAGS, RELS, REMEMBER_TEXT, SHEETS, decode_xml
from perfxl.ooxml.zipdir import Entry
from perfxl.read.cell_problems import cell_problems
from perfxl.read.hidden import Hidden, hidden_cells
from perfxl.read.limits import Limits, MiB
from perfxl.read.percent_cells import Styles, percent_cells, percent_styles
from perfxl.read.refusals import RESAVE, SEND_XLSX, UNPRINTABLE, fail, mb, missing_part, show
from perfxl.read.sheet_extent import check_extent
from perfxl.read.xml_prolog import check_prolog

__all__ = ["META_MAX", "Checked", "check_directory", "check_zip"]

META_MAX: Final = 1 * MiB  # [Content_Types].xml, workbook.xml and its rels are read up to this size


class Checked(NamedTuple):
    """What checking a package leaves: the worksheet and shared strings parts inflated to check them (part ->
    content), and the cells each sheet holds that a reader shows as blank (sheet name -> reference -> what it
    holds)."""

    contents: dict[str, bytes]
    problems: dict[str, dict[str, str]]
    hidden: dict[str, Hidden]  # sheet name -> the rows and columns it hides (only sheets that hide any)
    percents: dict[str, dict[str, str]]  # sheet name -> reference -> the percentage a number cell shows


def check_zip(pkg: Package, p: Path, limits: Limits) -> Checked:
    """Every check of the package."""
    check_directory(pkg.entries, p, limits)
    return _check_package(pkg, p, limits)


def check_directory(infos: list[Entry], p: Path, limits: Limits) -> None:
    """Central-directory checks: no decompression."""
    if len(infos) > limits.max_parts:
        raise fail(
            ErrorCode.TOO_LARGE,
            f"文件内部件过多({len(infos)} 个，上限 {limits.max_parts} 个)，疑似异常文件，{RESAVE}",
            p,
        )
    bad_name = _names_problem(tuple(info.orig_filename for info in infos))  # (entry, why) or None
    total = 0
    for i, info in enumerate(infos):
        raw = info.orig_filename
        if bad_name is not None and bad_name[0] == i:
            raise fail(ErrorCode.CORRUPT_ARCHIVE, bad_name[1], p)
        if info.flag_bits & 0x1:
            raise fail(ErrorCode.ENCRYPTED, "文件内容被压缩软件加密，请报送单位取消密码后重新报送", p)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise fail(
                ErrorCode.CORRUPT_ARCHIVE, f"文件内部件“{show(raw)}”使用了 Excel 不会使用的压缩方式，{RESAVE}", p
            )
        if info.file_size > limits.max_part:
            raise fail(
                ErrorCode.TOO_LARGE,
                f"文件内部件 {show(raw)} 解压后 {mb(info.file_size)}，超过上限 {mb(limits.max_part)}"
                "(疑似压缩炸弹)，请确认文件内容",
                p,
            )
        if info.file_size > limits.ratio_floor and info.compress_size < info.file_size * limits.min_ratio:
            raise fail(
                ErrorCode.TOO_LARGE,
                f"文件内部件 {show(raw)} 压缩比异常({mb(info.compress_size)} 解压为 {mb(info.file_size)}，"
                "疑似压缩炸弹)，请确认文件内容",
                p,
            )
        total += info.file_size
    if total > limits.max_total:
        raise fail(
            ErrorCode.TOO_LARGE,
            f"文件解压后合计 {mb(total)}，超过上限 {mb(limits.max_total)}(疑似压缩炸弹)，请确认文件内容",
            p,
        )


@functools.lru_cache(maxsize=64)  # the parts of one template recur in every workbook of a batch
def _names_problem(names: tuple[str, ...]) -> tuple[int, str] | None:
    """The first part name (as stored) that is unsafe and why: an odd name, or one that differs from an earlier
    name only in case; None if there is none."""
    seen: set[str] = set()
    for i, raw in enumerate(names):  # as stored: zipfile rewrites os.sep on Windows, we must not
        if _odd_part_name(raw):
            return i, f"文件内有非法部件名“{show(raw)}”，文件可能被篡改，{RESAVE}"
        key = raw.lower()
        if key in seen:
            return i, f"文件内有重名部件“{show(raw)}”(不同软件可能读出不同内容)，{RESAVE}"
        seen.add(key)
    return None


def _odd_part_name(raw: str) -> bool:
    """Backslashes, an absolute or drive path, a ".." component or an unprintable character."""
    if "\\" in raw or raw.startswith("/") or UNPRINTABLE.search(raw):
        return True
    if ".." in raw or ":" in raw:  # only then can a component be ".." or the first one name a drive
        parts = raw.split("/")
        return ".." in parts or ":" in parts[0]
    return False


def _check_package(pkg: Package, p: Path, limits: Limits) -> Checked:
    infos = {i.orig_filename: i for i in pkg.entries}  # unique: duplicates were rejected
    names = tuple(infos)

    if WORKBOOK not in infos:
        mimetype = infos.get("mimetype")
        if mimetype is not None:
            kind = pkg.head(mimetype, 100)
            if kind.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                raise fail(ErrorCode.UNSUPPORTED_FORMAT, f"这是 OpenDocument 表格(.ods)，{RESAVE}", p)
            if kind.startswith(b"application/vnd.oasis.opendocument"):
                raise fail(ErrorCode.NOT_EXCEL, f"这是 OpenDocument 文档，不是 Excel 文件，{SEND_XLSX}", p)
        if "OFD.xml" in infos:
            raise fail(ErrorCode.NOT_EXCEL, f"这是 OFD 版式文件，不是 Excel 文件，{SEND_XLSX}", p)

    ct_info = infos.get(CONTENT_TYPES)
    ct_text = ""
    if ct_info is not None:
        ct_raw = pkg.head(ct_info, META_MAX)
        check_prolog(pkg, ct_info, p, ct_raw)
        ct_text = decode_xml(ct_raw)
    if "sheet.binary.macroEnabled" in ct_text or "xl/workbook.bin" in infos:
        raise fail(ErrorCode.UNSUPPORTED_FORMAT, f"这是 Excel 二进制工作簿(.xlsb)，暂不支持，{RESAVE}", p)

    wb_info = infos.get(WORKBOOK)
    if wb_info is None:
        if any(n.startswith("word/") for n in names):
            raise fail(ErrorCode.NOT_EXCEL, f"这是 Word 文件(.docx)，不是 Excel 工作簿，{SEND_XLSX}", p)
        if any(n.startswith("ppt/") for n in names):
            raise fail(ErrorCode.NOT_EXCEL, f"这是 PowerPoint 文件(.pptx)，不是 Excel 工作簿，{SEND_XLSX}", p)
        if ct_info is None and not any(n.lower().startswith("xl/") for n in names):
            raise fail(ErrorCode.NOT_EXCEL, f"这是普通 ZIP 压缩包，不是 Excel 工作簿，{SEND_XLSX}", p)
        raise missing_part(WORKBOOK, p)
    if ct_info is None:
        raise missing_part(CONTENT_TYPES, p)

    wb_raw = pkg.head(wb_info, META_MAX)
    check_prolog(pkg, wb_info, p, wb_raw)
    wb_text = decode_xml(wb_raw)
    if "purl.oclc.org/ooxml/spreadsheetml" in wb_text:
        raise fail(ErrorCode.UNSUPPORTED_FORMAT, "该文件为“Strict Open XML”格式，请另存为普通 Excel 工作簿(.xlsx)", p)

    rels_info = infos.get(WORKBOOK_RELS)
    if rels_info is None:
        raise missing_part(WORKBOOK_RELS, p)
    rels_raw = pkg.head(rels_info, META_MAX)
    check_prolog(pkg, rels_info, p, rels_raw)
    rels_text = decode_xml(rels_raw)
    sheets = _worksheet_parts(rels_text, wb_text, infos, p)

    checked = {CONTENT_TYPES, WORKBOOK, WORKBOOK_RELS, *sheets}
    for name in _xml_part_names(ct_text, names):
        if name not in checked:
            check_prolog(pkg, infos[name], p)

    total = sum(infos[part].file_size for part in sheets)
    if total > limits.max_sheets_total:
        biggest = max(sheets, key=lambda part: infos[part].file_size)
        named = f"(其中工作表「{sheets[biggest]}」{mb(infos[biggest].file_size)})" if sheets[biggest] else ""
        raise fail(
            ErrorCode.TOO_LARGE,
            f"工作表内容解压后合计 {mb(total)}{named}，超过上限 {mb(limits.max_sheets_total)}；"
            "评价表通常很小，请删除多余内容后重新保存",
            p,
        )
    contents = {part: check_extent(pkg, infos[part], sheet, p, limits) for part, sheet in sheets.items()}
    problems = {sheet: found for part, sheet in sheets.items() if sheet and (found := cell_problems(contents[part]))}
    hidden = {sheet: hid for part, sheet in sheets.items() if sheet and (hid := hidden_cells(contents[part]))}
    styles = _percent_styles(pkg, infos, _related(rels_text, infos, "/styles"))
    percents = {
        sheet: found for part, sheet in sheets.items() if sheet and (found := percent_cells(contents[part], styles))
    }
    strings = _related(rels_text, infos, "/sharedStrings")
    if strings is not None:
        contents[strings] = _well_formed(pkg, infos[strings], p)
    return Checked(contents, problems, hidden, percents)


def _percent_styles(pkg: Package, infos: dict[str, Entry], part: str | None) -> Styles:
    """The percentage styles of the styles part (inflated once per distinct part: a batch's returns share a few)."""
    if part is None:
        return frozenset()
    entry = infos[part]
    key = (entry.CRC, entry.file_size)
    found = _STYLES.get(key)
    if found is None:
        if entry.file_size > META_MAX:
            return frozenset()  # no form's styles are this large: left unread rather than inflated
        found = _STYLES[key] = percent_styles(pkg.full(entry))
        while len(_STYLES) > 64:
            del _STYLES[next(iter(_STYLES))]
    return found


_STYLES: dict[tuple[int, int], Styles] = {}


def _related(rels_text: str, infos: dict[str, Entry], kind: str) -> str | None:
    """The part of a kind ("/sharedStrings", "/styles") the workbook names, if the package has it."""
    for _, _, rel_type, target in RELS.find(rels_text):
        if rel_type.endswith(kind) and target:
            part = resolve("xl", target)
            part = part if part in infos else unquote(part)
            return part if part in infos else None
    return None


def _well_formed(pkg: Package, info: Entry, p: Path) -> bytes:
    """A part every cell's text comes from, whole, refused when it is not well-formed XML: the reader reads past some
    damage there and would give cells the wrong text without a word (two strings run into one)."""
    content = pkg.full(info)
    found = xml_error(content)
    if found is not None:
        reason, line, _ = found
        raise fail(
            ErrorCode.CORRUPT_XML,
            f"共享字符串部件({show(info.orig_filename)})的 XML 已损坏：{reason}(第 {line} 行)，{RESAVE}",
            p,
        )
    return content


class _LayoutError(Exception):
    """A package whose workbook and relationships do not fit together (message without the file)."""

    def __init__(self, message: str, sheet: str | None = None) -> None:
        super().__init__(message)
        self.sheet = sheet


def _worksheet_parts(rels_text: str, wb_text: str, infos: dict[str, Entry], p: Path) -> dict[str, str | None]:
    """Part name -> sheet name (None if unknown) for every part a reader may read cells from: the targets
    of the workbook's <sheet> entries and of every worksheet relationship."""
    names = frozenset(infos)
    small = len(rels_text) + len(wb_text) <= REMEMBER_TEXT
    try:
        parts = (_sheet_parts if small else _sheet_parts.__wrapped__)(rels_text, wb_text, names)
    except _LayoutError as exc:
        raise fail(ErrorCode.CORRUPT_PACKAGE, str(exc), p, sheet=exc.sheet) from None
    return dict(parts)


def worksheet_part(rels_text: str, wb_text: str, names: frozenset[str], sheet: str) -> str | None:
    """The part a sheet's cells are in (None when the package does not say)."""
    try:
        parts = _sheet_parts.__wrapped__(rels_text, wb_text, names)
    except _LayoutError:
        return None
    return next((part for part, name in parts if name == sheet), None)


@functools.lru_cache(maxsize=64)  # a template's workbook and relationships recur in every workbook of a batch
def _sheet_parts(rels_text: str, wb_text: str, names: frozenset[str]) -> tuple[tuple[str, str | None], ...]:
    """``_worksheet_parts`` of the package's part names; raises _LayoutError."""
    targets: dict[str, str] = {}  # relationship id -> part
    worksheets: list[str] = []
    for _, rid, rel_type, target in RELS.find(rels_text):
        if not target:
            continue
        part = resolve("xl", target)
        if part not in names and unquote(part) in names:
            part = unquote(part)
        targets[rid] = part
        if rel_type.endswith("/worksheet"):
            worksheets.append(part)

    sheets: dict[str, str | None] = {part: None for part in worksheets}
    for _, name, rid in SHEETS.find(wb_text):
        if not name:
            continue  # not a sheet entry (an extension element of the same local name)
        sheet_part = targets.get(rid)
        if sheet_part is None:
            raise _LayoutError(f"工作表“{show(name)}”在 {WORKBOOK_RELS} 中没有对应的部件，文件不完整，{RESAVE}", name)
        sheets[sheet_part] = name  # whatever its type: some readers open any listed sheet as a worksheet
    if not sheets:
        raise _LayoutError(f"工作簿中没有任何工作表，{RESAVE}")
    for part, sheet_name in sheets.items():
        if part not in names:
            raise _LayoutError(f"文件缺少工作表部件 {show(part)}，不是完整的 Excel 工作簿，{RESAVE}", sheet_name)
    return tuple(sheets.items())


def _xml_part_names(ct_text: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Parts a reader may parse as XML: by content type (Default by extension, Override by name)
    and, whatever the content types say, every *.xml / *.rels / *.vml."""
    if len(ct_text) <= REMEMBER_TEXT:
        return _xml_part_names_of(ct_text, names)
    return _xml_part_names_of.__wrapped__(ct_text, names)


@functools.lru_cache(maxsize=64)  # a template's content types and parts recur in every workbook of a batch
def _xml_part_names_of(ct_text: str, names: tuple[str, ...]) -> tuple[str, ...]:
    xml_exts = {"xml", "rels", "vml"}
    overrides: set[str] = set()
    for kind, key, content_type in CONTENT_TYPE_TAGS.find(ct_text):
        if not content_type.lower().endswith("xml"):
            continue
        if kind == "Default":
            xml_exts.add(key.lower())
        else:
            overrides.add(key.lstrip("/").lower())
    out = []
    for name in names:
        if name.endswith("/"):
            continue  # directory entry
        low = name.lower()
        if low.rpartition(".")[2] in xml_exts or low in overrides:
            out.append(name)
    return tuple(out)
