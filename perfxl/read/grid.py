"""A workbook's sheets as sparse cell grids with A1 addresses and merged ranges.

Read with python-calamine (far faster than openpyxl; see benchmarks/README.md): values only, which is what
locating and checking need. Cells are kept at their true positions (``skip_empty_area=False``) so an address is
the one the person sees. Merged ranges map every covered cell to its top-left anchor.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain, compress, repeat
from operator import itemgetter, lt, ne
from pathlib import Path

import python_calamine as calamine

from perfxl.errors import ErrorCode, InputError
from perfxl.ooxml.refs import cell_ref, parse_ref
from perfxl.read.hidden import Hidden
from perfxl.read.text import label_key, label_keys
from perfxl.read.xml_damage import part_damage, xml_damage

Pos = tuple[int, int]  # (row, col), 0-based


@lru_cache(maxsize=1 << 14)
def a1(pos: Pos) -> str:
    """(row, col) 0-based -> "B5" (cached: a batch's forms put their cells at the same places)."""
    return cell_ref(pos[0] + 1, pos[1] + 1)


def row_of(cell: str) -> int:
    """The 0-based row of an A1 address ("C33" → 32, "$C$33" too)."""
    return int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ$").replace("$", "")) - 1


Merges = tuple[tuple[Pos, Pos], ...]


def _merge_maps(merges: Merges) -> tuple[dict[Pos, Pos], dict[Pos, Pos]]:
    """(covered cell -> top-left, top-left -> bottom-right) of merged ranges.

    A form's few merges are made once per process and shared by every sheet with the same merges (one
    template's), so the maps are never modified; a sheet merged over a large area gets maps of its own."""
    maps = _SHARED_MAPS.get(merges)
    if maps is None:
        maps = _make_merge_maps(merges)
        if len(maps[0]) <= _SHARED_AREA:
            if len(_SHARED_MAPS) >= _SHARED_KEPT:
                del _SHARED_MAPS[next(iter(_SHARED_MAPS))]  # the oldest
            _SHARED_MAPS[merges] = maps
    return maps


_SHARED_AREA = 4096  # cells covered by the merges of one sheet whose maps are shared
_SHARED_KEPT = 256  # merge layouts whose maps are kept
_SHARED_MAPS: dict[Merges, tuple[dict[Pos, Pos], dict[Pos, Pos]]] = {}


def _make_merge_maps(merges: Merges) -> tuple[dict[Pos, Pos], dict[Pos, Pos]]:
    anchor_of: dict[Pos, Pos] = {}
    extent_of: dict[Pos, Pos] = {}
    for top, bottom in merges:
        extent_of[top] = bottom
        for r in range(top[0], bottom[0] + 1):
            for c in range(top[1], bottom[1] + 1):
                anchor_of[(r, c)] = top
    return anchor_of, extent_of


@dataclass
class Sheet:
    name: str
    cells: dict[Pos, object]  # non-empty cells only
    merges: Merges = ()  # (top-left, bottom-right), inclusive
    hidden: bool = False  # hidden or very hidden in the workbook: not what the person sees and prints
    anchor_of: dict[Pos, Pos] = field(init=False)  # covered cell -> top-left of its merge (read only)
    extent_of: dict[Pos, Pos] = field(init=False)  # top-left -> bottom-right of its merge (read only)

    def __post_init__(self) -> None:
        self.merges = tuple(self.merges)
        self.anchor_of, self.extent_of = _merge_maps(self.merges)

    @cached_property
    def last_row(self) -> int:
        """The last row holding a value (-1 for an empty sheet)."""
        return max(self.cells)[0] if self.cells else -1

    def value(self, pos: Pos) -> object:
        """The value shown at pos: a merged range shows its anchor's value everywhere."""
        return self.cells.get(self.anchor_of.get(pos, pos))

    def anchor(self, pos: Pos) -> Pos:
        return self.anchor_of.get(pos, pos)

    def bottom_right(self, pos: Pos) -> Pos:
        top = self.anchor(pos)
        return self.extent_of.get(top, top)

    def right_of(self, pos: Pos, reach: int) -> Iterator[Pos]:
        """The cells right of the (merged) cell at pos on pos's row, as anchors, left to right, ``reach`` of them:
        where every reader looks for a label's value (past blank spacer columns and unit cells, each its own way)."""
        row, start = pos[0], self.bottom_right(pos)[1] + 1
        return (self.anchor((row, col)) for col in range(start, start + reach))

    def _index(self) -> None:
        """``keys``, ``key_index``, ``text_rows`` and ``rows`` made in one pass over the cells in reading order:
        nearly every sheet is asked for all four, and a pass costs about as much as what it builds (one plain loop
        is also faster than building them with itertools, which allocates more per cell)."""
        keys: dict[Pos, str] = {}
        index: dict[str, list[Pos]] = {}
        text_rows: dict[int, list[tuple[int, str]]] = {}
        rows: dict[int, list[tuple[int, object]]] = {}
        key = label_key
        positions = list(self.cells)
        ordered = all(map(lt, positions, positions[1:]))  # as a sheet read from a file is
        for (r, c), value in self.cells.items() if ordered else sorted(self.cells.items()):
            row = rows.get(r)
            if row is None:
                rows[r] = [(c, value)]
            else:
                row.append((c, value))
            if type(value) is not str or not value or value.isspace():
                continue
            k = keys[(r, c)] = key(value)
            at = index.get(k)
            if at is None:
                index[k] = [(r, c)]
            else:
                at.append((r, c))
            texts = text_rows.get(r)
            if texts is None:
                text_rows[r] = [(c, k)]
            else:
                texts.append((c, k))
        self.__dict__.update(keys=keys, key_index=index, text_rows=text_rows, rows=rows)

    @cached_property
    def keys(self) -> dict[Pos, str]:
        """label_key of every text cell, in reading order (read only)."""
        self._index()
        return self.keys

    def find(self, labels: tuple[str, ...]) -> Sequence[Pos]:
        """Text cells whose key equals one of the labels' keys, in reading order."""
        return self.find_keys(label_keys(labels))

    @cached_property
    def key_index(self) -> dict[str, list[Pos]]:
        """The text cells of each label_key, in reading order (find_keys never hands these lists out)."""
        self._index()
        return self.key_index

    @cached_property
    def text_rows(self) -> dict[int, list[tuple[int, str]]]:
        """Row -> (column, label_key) of the row's text cells, left to right, rows top to bottom (read only)."""
        self._index()
        return self.text_rows

    def row_keys(self, row: int) -> Sequence[tuple[int, str]]:
        """(column, label_key) of the row's text cells, left to right (read only)."""
        return self.text_rows.get(row, ())

    @cached_property
    def rows(self) -> dict[int, list[tuple[int, object]]]:
        """Row -> (column, value) of the row's non-empty cells, left to right, rows top to bottom (read only)."""
        self._index()
        return self.rows

    def find_keys(self, keys: Iterable[str]) -> Sequence[Pos]:
        """Text cells whose label_key is one of keys, in reading order (a new list)."""
        index = self.key_index
        common = index.keys() & keys  # at C speed: a rule's label sets are larger than what a sheet holds of them
        if not common:
            return []
        if len(common) == 1:
            return list(index[next(iter(common))])
        found = [pos for key in common for pos in index[key]]
        found.sort()
        return found


# A cap on the dense area calamine may allocate; sniff() rejects far-cell bombs before this is reached.
_MAX_CELLS = 2_000_000


def read_sheets(
    path: Path,
    data: bytes | None = None,
    problems: Mapping[str, Mapping[str, str]] | None = None,
    hidden: Mapping[str, Hidden] | None = None,
    percents: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Sheet]:
    """Every worksheet of the workbook at path (already sniffed), as sparse grids; ``data``: the workbook's bytes
    when the caller has them (``Sniffed.package``), parsed instead of reading the file again; ``problems``: cells
    the reader shows as blank and what they hold (``Sniffed.problems``), put in as that text so that a check says
    "#DIV/0!" or "公式未计算…" where it would say 未填写; ``hidden``: the rows and columns each sheet hides
    (``Sniffed.hidden``), whose cells are left out: not what the person sees and prints; ``percents``: number cells
    in a percentage format and the percentage each shows (``Sniffed.percents``), put in as that text."""
    try:
        if data is not None:
            book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        else:
            book = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError as exc:
        raise InputError(
            "文件设置了打开密码，请报送单位取消密码后重新报送", code=ErrorCode.ENCRYPTED, file=path
        ) from exc
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise _unopenable(data if data is not None else path, path) from exc
    try:
        sheets = list(_sheets(book, path))
    except InputError as exc:
        if exc.code == ErrorCode.CORRUPT_XML and exc.sheet is not None:
            raise _damaged(exc, data if data is not None else path) from exc
        raise
    finally:
        book.close()
    for sheet in sheets:
        gone = (hidden or {}).get(sheet.name)
        if gone is not None:
            rows, cols = gone
            sheet.cells = {
                pos: value for pos, value in sheet.cells.items() if pos[0] not in rows and pos[1] not in cols
            }
        for ref, text in (problems or {}).get(sheet.name, {}).items():
            row, col = parse_ref(ref)
            sheet.cells.setdefault((row - 1, col - 1), text)
        for ref, text in (percents or {}).get(sheet.name, {}).items():
            row, col = parse_ref(ref)
            if type(sheet.cells.get((row - 1, col - 1))) in (float, int):  # the number calamine read, as it is shown
                sheet.cells[(row - 1, col - 1)] = text
    return sheets


_VISIBLE = str(calamine.SheetVisibleEnum.Visible)


def _sheets(book: calamine.CalamineWorkbook, path: Path) -> Iterator[Sheet]:
    for meta in book.sheets_metadata:
        if str(meta.typ) != str(calamine.SheetTypeEnum.WorkSheet):
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
            if sheet.total_height * max(sheet.total_width, 1) > _MAX_CELLS:
                raise InputError("工作表过大，不像是绩效自评表", code=ErrorCode.TOO_LARGE, file=path, sheet=meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = _within(sheet.merged_cell_ranges or (), len(rows), len(rows[0]) if rows else 0)
        except InputError:
            raise
        except Exception as exc:
            raise InputError(
                f"无法读取工作表({type(exc).__name__}): {exc}", code=ErrorCode.CORRUPT_XML, file=path, sheet=meta.name
            ) from exc
        yield Sheet(meta.name, _non_empty(rows), merges, hidden=str(meta.visible) != _VISIBLE)


def _unopenable(source: bytes | Path, path: Path) -> InputError:
    """A workbook the reader could not open, said in Chinese with the part and line where its XML breaks."""
    found = part_damage(source)
    if found is None:
        message = "工作簿无法读取(文件可能已损坏)，请报送单位用 Excel 或 WPS 打开并重新保存后报送"
        return InputError(message, code=ErrorCode.CORRUPT_ARCHIVE, file=path)
    part, reason, line = found
    message = f"部件 {part} 的 XML 已损坏：{reason}(第 {line} 行)，请报送单位用 Excel 或 WPS 打开并重新保存后报送"
    return InputError(message, code=ErrorCode.CORRUPT_XML, file=path)


def _damaged(exc: InputError, source: bytes | Path) -> InputError:
    """A sheet the reader could not parse, said in Chinese with the cell where its XML breaks."""
    assert exc.sheet is not None
    found = xml_damage(source, exc.sheet)
    if found is None:
        message = "工作表内容无法读取(文件可能已损坏)，请报送单位用 Excel 或 WPS 打开并重新保存后报送"
        return InputError(message, code=ErrorCode.CORRUPT_XML, file=exc.file, sheet=exc.sheet)
    reason, cell = found
    message = f"工作表内容(XML)已损坏：{reason}，请报送单位用 Excel 或 WPS 打开并重新保存后报送"
    return InputError(message, code=ErrorCode.CORRUPT_XML, file=exc.file, sheet=exc.sheet, cell=cell)


def _within(merges: Iterable[tuple[Pos, Pos]], height: int, width: int) -> Merges:
    """Merged ranges clipped to the sheet's cells (``height`` x ``width`` from A1): a merge past them covers only
    blanks, and one such as A30:XFD1048576 would otherwise make a map entry for each of its 17 billion cells."""
    merges = tuple(merges)
    ends = [*map(itemgetter(1), merges)]
    if not ends or (max(map(itemgetter(0), ends)) < height and max(map(itemgetter(1), ends)) < width):
        return merges  # every merge inside the cells, as in any form: nothing to clip
    out = []
    for (top, left), (bottom, right) in merges:
        if top < height and left < width:
            out.append(((top, left), (min(bottom, max(height - 1, top)), min(right, max(width - 1, left)))))
    return tuple(out)


def _non_empty(rows: Sequence[Sequence[object]]) -> dict[Pos, object]:
    """The non-empty cells of calamine's rectangle by position, in reading order (calamine gives "" for an
    empty cell, never None).

    Filtered at C speed against the positions of a rectangle of that shape (made once per shape: a batch's
    forms share a few shapes), not cell by cell in Python."""
    flat = list(chain.from_iterable(rows))
    height, width = len(rows), len(rows[0]) if rows else 0
    if not flat or len(flat) != height * width or len(flat) > _SHAPE_CELLS:  # not a form-sized rectangle
        return {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row) if v is not None and v != ""}
    return dict(compress(zip(_positions(height, width), flat, strict=True), map(ne, flat, repeat(""))))


_SHAPE_CELLS = 1 << 16  # the largest rectangle whose positions are kept (a form has a few hundred cells)


@lru_cache(maxsize=64)
def _positions(height: int, width: int) -> list[Pos]:
    """(row, col) of every cell of a height x width rectangle, row by row (read only)."""
    return [(r, c) for r in range(height) for c in range(width)]
