"""perfxl end to end on the whole variant generator (tests/corpus/variants.py): 自评表 of every title, header
wording, two-row headers, total convention, funds tree and amount style, and 附件5 of every indicator system, with
mistakes injected and an answer key worked out from the generator's own numbers.

Every file must be read; every injected mistake flagged (an error or warning at its cell); no declared value the
key says is right flagged. The figures are printed (``pytest -s``) and carried by the assertion messages.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from corpus.key import AnswerKey
from corpus.variants import generate

from perfxl.pipeline import score_paths
from perfxl.report.results import FileResult
from perfxl.rules import load_rules

N, SEED = 300, 41


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, AnswerKey, FileResult]]:
    made = generate(tmp_path_factory.mktemp("generated"), N, SEED)
    results = score_paths([path for path, _ in made], load_rules("yiyang-2020")).files
    return [(path, key, result) for (path, key), result in zip(made, results, strict=True)]


def test_every_generated_file_is_read(scored: list[tuple[Path, AnswerKey, FileResult]]) -> None:
    unread = [(path.name, result.error) for path, _, result in scored if result.status != "ok"]
    assert unread == []
    forms = Counter(key.form for _, key, _ in scored)
    assert min(forms.values()) >= 40 and set(forms) == {"project", "department", "score-table"}, forms


def test_recall_and_false_flags_over_the_whole_generator(scored: list[tuple[Path, AnswerKey, FileResult]]) -> None:
    wanted = found = clean = false = 0
    missed: list[tuple[str, str, str]] = []
    wrong: list[tuple[str, str, list[str]]] = []
    for path, key, result in scored:
        flagged = {f.cell for f in result.flags if f.severity in ("error", "warning") and f.cell}
        for mistake in key.mistakes:
            wanted += 1
            if mistake.cell in flagged:
                found += 1
            else:
                missed.append((path.name, mistake.kind, mistake.cell))
        for item in key.declared:
            if not item.right:
                continue
            clean += 1
            if item.cell in flagged:
                false += 1
                wrong.append((path.name, item.cell, [f.message for f in result.flags if f.cell == item.cell]))
    report = f"recall {found}/{wanted} = {found / wanted:.4f}; false flags {false}/{clean} = {false / clean:.4%}"
    print(report)
    assert wanted >= 200 and clean >= 4000, report
    assert found / wanted >= 0.98, f"{report}; missed {missed[:5]}"
    assert false / clean <= 0.005, f"{report}; {wrong[:5]}"
    assert Counter(kind for _, kind, _ in missed) == Counter(), f"{report}; missed {missed[:5]}"
    assert wrong == [], report
