"""The real-table corpus: each transcription is consistent in itself, and its workbook holds what it transcribes.

The workbook is checked by a second route: openpyxl reads back what xlsxwriter wrote, and the expected value of
each printed cell is worked out here, not by tests/corpus/cells.py.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import sources
from corpus.build import build
from corpus.transcript import Transcript, load_all, problems

TRANSCRIPTS = load_all()
IDS = [t.id for t in TRANSCRIPTS]
MISTAKE_KINDS = {"rate", "sum", "total", "score-over-weight", "score-vs-rule", "grade", "weight-sum"}
NUMBER = re.compile(r"^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?%?$")


def expected(text: str) -> object:
    """What the cell must hold: None for blank, a number for a plain/grouped/percent number, else the text."""
    if not text:
        return None
    if not NUMBER.match(text):
        return text
    number = Decimal(text.rstrip("%").replace(",", ""))
    return number / 100 if text.endswith("%") else number


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=IDS)
def test_transcription_is_consistent(transcript: Transcript) -> None:
    assert problems(transcript) == []
    for mistake in transcript.mistakes:
        assert mistake["kind"] in MISTAKE_KINDS
        assert {"cell", "declared", "correct", "working"} <= set(mistake)
    assert transcript.data["source"]["url"].startswith("http")


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=IDS)
def test_workbook_holds_the_transcription(transcript: Transcript, tmp_path: Path) -> None:
    path = build(transcript.path, tmp_path)
    assert path.name == f"{transcript.id}.xlsx"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [s.name for s in transcript.sheets]
    for sheet in transcript.sheets:
        ws = book[sheet.name]
        assert ws.max_row <= len(sheet.rows) and ws.max_column <= len(sheet.rows[0])
        assert sorted(str(r) for r in ws.merged_cells.ranges) == sorted(sheet.merges)
        for r, row in enumerate(sheet.rows, start=1):
            for c, text in enumerate(row, start=1):
                cell = ws.cell(r, c)
                want = expected(text)
                if isinstance(want, Decimal):
                    assert isinstance(cell.value, (int, float)), (cell.coordinate, text)
                    assert abs(Decimal(str(cell.value)) - want) < Decimal("1e-9"), (cell.coordinate, text)
                    assert cell.number_format.endswith("%") == text.endswith("%"), (cell.coordinate, text)
                    decimals = len(text.rstrip("%").partition(".")[2])
                    if decimals:
                        assert "." + "0" * decimals in cell.number_format, (cell.coordinate, text)
                    assert ("#,##0" in cell.number_format) == ("," in text), (cell.coordinate, text)
                else:
                    assert cell.value == want, (cell.coordinate, text)


def test_corpus_spans_provinces_and_sources_md_is_current() -> None:
    provinces = {str(t.data["province"]) for t in TRANSCRIPTS} - {"未注明"}
    assert len(TRANSCRIPTS) >= 12 and len(provinces) >= 6
    assert len(set(IDS)) == len(IDS) and all(t.path.stem == t.id for t in TRANSCRIPTS)
    assert sources.OUT.read_text(encoding="utf-8") == sources.render()


def test_known_mistakes_are_where_the_transcribers_put_them() -> None:
    counts = {t.id: len(t.mistakes) for t in TRANSCRIPTS if t.mistakes}
    assert counts == {
        "proj-anhui-guichi-tangxi-2022-cunji": 6,
        "proj-anhui-guichi-tangxi-2022-weituo": 6,
        "proj-hubei-ezhou-2021-shiminzhongxin": 2,
        "proj-ningxia-yinchuan-2021-chuzhong": 1,
        "proj-sichuan-zhongjiang-2022-shuibiaochi": 4,
    }
