"""Rewrite tests/corpus/SOURCES.md from the transcriptions: one row per real table and where it comes from.

python tests/corpus/sources.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `corpus` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.transcript import Transcript, load_all

OUT = Path(__file__).resolve().parent / "SOURCES.md"
HEAD = """# Real tables in tests/corpus/real

Filled budget-performance self-evaluation tables published on public pages, transcribed as the page lays them out
(their own labels, merges, numbers and mistakes). `python tests/corpus/build.py DIR` makes the workbooks;
`tests/integration/test_corpus_files.py` checks each transcription and its workbook. This file is written by
`python tests/corpus/sources.py`; edit the YAML files, not this table.

| id | province | region | unit | year | form | source | complete? | mistakes |
|---|---|---|---|---|---|---|---|---|
"""


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "/")


def extent(transcript: Transcript) -> str:
    """'complete', or 'cut off: …' with the transcriber's own words about where the stored copy ends."""
    notes = " ".join(str(transcript.data.get("transcription_notes", "")).split())
    at = notes.find("TRUNCATED")
    if at < 0:
        return "complete"
    start = notes.rfind(". ", 0, at) + 1
    sentence = re.split(r";|\. ", notes[start:].strip(), maxsplit=1)[0]
    where = sentence.replace("TRUNCATED: ", "").replace("TRUNCATED", "cut off")
    return "cut off: " + (where if len(where) <= 160 else where[:157] + "…")


def row(transcript: Transcript) -> str:
    data = transcript.data
    source = data["source"]
    cells = [
        f"`{transcript.id}`",
        data["province"],
        data["region"],
        data["unit"],
        data.get("year") or "—",
        data["form"],
        f"[{_cell(source['title'])}]({source['url']})",
        extent(transcript),
        len(transcript.mistakes),
    ]
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def render() -> str:
    transcripts = load_all()
    provinces = sorted({str(t.data["province"]) for t in transcripts})
    tail = f"\n{len(transcripts)} tables; provinces: {'、'.join(provinces)}.\n"
    return HEAD + "\n".join(row(t) for t in transcripts) + "\n" + tail


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(OUT)
