"""The table bodies put into the workbook xlsxwriter wrote: ``<row>`` XML before each sheet's ``</sheetData>``.

xlsxwriter writes everything around the tables (titles, headers, formats, filters, print setup, charts);
a big batch's tables hold millions of cells, which are written here as XML instead of through xlsxwriter's
cells. Every text is an inline string escaped as xlsxwriter escapes text (``sheetxml``), every number a
``<v>``, each cell with its column's style as xlsxwriter gives a cell written without a format. The rows'
XML was made by the batch's workers (``rows.Packer``) where it could be; here it only gets row numbers,
heights and styles, and is streamed into the zip entry without being held. In a big batch the largest
table (问题清单 or 提示清单) is made meanwhile by a forked child (``aside``), while this process writes the others.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name  # type: ignore[import-untyped]

from perfxl.write.summary.aside import Aside
from perfxl.write.summary.layout import Body
from perfxl.write.summary.sheetxml import KIND_STYLE, RowWriter, fragment

_SHEET_DATA_END = "</sheetData>"
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')
_CHUNK_BYTES = 1 << 20  # rows are joined and compressed about a megabyte at a time
_ZIP_LEVEL = 1  # deflate level: the default (6) makes the file smaller but costs more time than it is worth here
_ZIP64_CELLS = 10_000_000  # a body this large may pass 2 GiB of XML


def splice(book: io.BytesIO, bodies: dict[str, Body], path: Path, aside_cells: int, styles: dict[str, str]) -> None:
    """Copy xlsxwriter's workbook to ``path``, writing each body's rows before its sheet's ``</sheetData>``.

    ``bodies`` maps a sheet's part name (``xl/worksheets/sheet2.xml``) to its rows; ``styles`` each cell kind's
    ``s`` attribute as the workbook numbered its formats (sheetxml.KIND_STYLE's kinds). The largest body, if it has
    ``aside_cells`` cells or more, is made aside, in a forked child, while the others are written here; its
    sheet goes into the zip last (readers go by the zip's directory, not its order)."""
    book.seek(0)
    with (
        zipfile.ZipFile(book) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=_ZIP_LEVEL) as dst,
    ):
        heads = {
            info.filename: _sheet_head(src.read(info), bodies[info.filename], info.filename)
            for info in src.infolist()
            if info.filename in bodies and bodies[info.filename].n_rows
        }
        aside_part = max(heads, key=lambda name: bodies[name].n_rows * bodies[name].ncols, default=None)
        if aside_part is not None and bodies[aside_part].n_rows * bodies[aside_part].ncols < aside_cells:
            aside_part = None
        aside = None if aside_part is None else Aside.start(_body_bytes(bodies[aside_part], styles))
        try:
            for info in sorted(src.infolist(), key=lambda info: aside is not None and info.filename == aside_part):
                if info.filename not in heads:
                    dst.writestr(info, src.read(info))
                    continue
                body, (head, tail) = bodies[info.filename], heads[info.filename]
                made = aside.result() if aside is not None and info.filename == aside_part else None
                large = body.n_rows * body.ncols > _ZIP64_CELLS
                with dst.open(info.filename, "w", force_zip64=large) as out:  # a name: the file's compresslevel
                    out.write(head.encode("utf-8"))
                    for chunk in made if made is not None else _body_bytes(body, styles)():
                        out.write(chunk)
                    out.write(tail.encode("utf-8"))
        finally:
            if aside is not None:
                aside.close()


def _sheet_head(data: bytes, body: Body, name: str) -> tuple[str, str]:
    """xlsxwriter's sheet XML cut where the body's rows go, its dimension set to the table's extent."""
    head, sep, tail = data.decode("utf-8").rpartition(_SHEET_DATA_END)
    if not sep:
        raise RuntimeError(f"xlsxwriter wrote no <sheetData> in {name}")
    last = f"{xl_col_to_name(body.ncols - 1)}{body.top + body.n_rows + 1}"
    return _DIMENSION.sub(f'<dimension ref="A1:{last}"/>', head, count=1), sep + tail


def _body_bytes(body: Body, styles: dict[str, str]) -> Callable[[], Iterator[bytes]]:
    """A body's rows as UTF-8 chunks, made when called (here or in an aside)."""
    return lambda: _rows_xml(body, styles)


def _rows_xml(body: Body, styles: dict[str, str]) -> Iterator[bytes]:
    """The ``<row>`` elements of a body, in chunks of UTF-8.

    The rows' fragments carry KIND_STYLE; if the workbook's column formats got other numbers (another
    xlsxwriter), they are made again here from the rows' values with the workbook's numbers.
    """
    if all(styles[kind] == KIND_STYLE[kind] for kind in KIND_STYLE):
        fragments = body.iter_fragments()
    else:
        fragments = (fragment(row, body.kinds, styles) for row in body.iter_rows())
    writer = RowWriter(body.wrap_widths)
    parts: list[bytes] = []
    size = 0
    for n, frag in enumerate(fragments, start=body.top + 2):
        row = writer.row(n, frag)
        parts.append(row)
        size += len(row)
        if size >= _CHUNK_BYTES:
            yield b"".join(parts)
            parts.clear()
            size = 0
    yield b"".join(parts)
