"""Make samples/ and tests/corpus importable: the seed tables (`seed_tables`), the sample builder (as
`samples_data`) and the corpus of real and generated tables (`corpus`)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "samples"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

_spec = importlib.util.spec_from_file_location(
    "samples_data", Path(__file__).resolve().parents[1] / "samples" / "make_samples.py"
)
assert _spec is not None and _spec.loader is not None
samples_data = importlib.util.module_from_spec(_spec)
sys.modules["samples_data"] = samples_data
_spec.loader.exec_module(samples_data)
