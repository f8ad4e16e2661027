"""Seeded generator of filled 自评表 and 附件5 workbooks whose structure varies as issue 15 lists, with answer keys.

    python tests/corpus/variants.py OUT_DIR [N] [SEED]

Every workbook is one sheet. The key says what the form is, every indicator row (levels, weight, declared score),
every declared rate / sum / total / score / grade with the cells it follows from and whether it is right, and
the mistakes injected on purpose. The key is worked out from the generator's own numbers by the plain rules of
docs/domain.md (tests/corpus/rules.py), never by perfxl.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `corpus` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.grid import save
from corpus.key import MISTAKE_KINDS, AnswerKey
from corpus.variant_fj5 import fj5
from corpus.variant_selfeval import selfeval

__all__ = ["AnswerKey", "generate"]


def generate(out_dir: Path, n: int, seed: int) -> list[tuple[Path, AnswerKey]]:
    """Write n workbooks into out_dir; the same seed gives the same workbooks and keys."""
    rng = random.Random(seed)
    made = []
    for i in range(n):
        inject = set(rng.sample(MISTAKE_KINDS, rng.choice([0, 0, 1, 1, 2, 3])))
        maker = fj5 if rng.random() < 0.25 else selfeval
        grid, key = maker(rng, inject)
        made.append((save([grid], out_dir / f"variant-{seed}-{i:04d}.xlsx"), key))
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    for path, key in generate(target, count, int(sys.argv[3]) if len(sys.argv) > 3 else 15):
        print(path.name, key.form, key.title, sorted(m.kind for m in key.mistakes))
