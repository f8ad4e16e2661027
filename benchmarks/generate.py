"""Synthetic returns with known injected errors, for the audit benchmark and the batch tests.

Each return is seed 001's form filled with random but self-consistent numbers, in perfxl's own template.
Its scores are worked out here by the rules' plain reading (a second route, not perfxl's code): the
numbers are drawn so that every rate-based indicator earns full marks. Then one in ``error_rate`` returns
gets one injected mistake whose findings are known in advance; a few files are not workbooks at all.

    python benchmarks/generate.py OUT_DIR N
"""

from __future__ import annotations

import os
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from perfxl.rules import RuleSet, load_rules
from perfxl.write.templates import write_template

# The injected mistakes and the error findings (code, item) each one must produce.
INJECTIONS: dict[str, list[tuple[str, str]]] = {
    "rate-sign": [("rate-mismatch", "三公经费变动率")],
    "rate-pass-mark": [("rate-mismatch", "三公经费控制率")],
    # the declared 合计 adds up the declared scores: it is right by its own inputs, the wrong score is flagged alone
    "score-too-high": [("score-over-weight", "在职人员控制率"), ("score-mismatch", "在职人员控制率")],
    "score-wrong": [("score-mismatch", "预算控制率")],
    "total-off": [("sum-mismatch", "合计")],
    "grade-wrong": [("grade-mismatch", "等级")],
    "not-a-number": [("bad-value", "政府采购预算数")],
    "blank-input": [("missing-value", "实际项目支出总额")],
}
DECLARED_ONLY = {  # weights of the indicators the workbook cannot verify; a full score is declared
    "公用经费控制率": 7,
    "管理制度健全性": 8,
    "资金使用合规性": 5,
    "预决算信息公开性": 2,
    "目标任务实际完成率": 8,
    "经济效益": 15,
    "行政效能": 6,
    "社会公众或服务对象满意度": 6,
}


@dataclass
class Expected:
    """Ground truth for one generated file."""

    path: Path
    injection: str | None
    errors: list[tuple[str, str]] = field(default_factory=list)  # (code, item) of every error finding
    corrupt: bool = False


def _pct(num: float, den: float) -> str:
    """A rate typed correctly: exact decimal arithmetic, rounded half up to 2 places."""
    exact = Decimal(str(num)) / Decimal(str(den)) * 100
    return f"{exact.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def return_values(rng: random.Random, injection: str | None) -> dict[str, object]:
    """One consistent return; every rate-based indicator earns full marks by construction."""
    quota = rng.randint(5, 60)
    actual = rng.randint(max(1, quota - 5), quota)  # 在职 ≤ 编制 → 在职人员控制率 ≤ 100 % → 7
    sgjf_last = round(rng.uniform(5, 50), 2)
    sgjf_this = round(sgjf_last * rng.uniform(0.7, 1.0), 2)  # no increase → 8
    initial = round(rng.uniform(100, 2000), 2)
    change = 0.0  # no adjustment: 预算控制率 0 % → 5
    carry_last = round(rng.uniform(0, 20), 2)
    carry_this = 0.0  # all spent: 预算完成率 100 % → 5
    project_budget = round(rng.uniform(50, 500), 2)
    project_actual = round(project_budget * rng.uniform(0.8, 1.0), 2)
    control_actual = round(sgjf_this * rng.uniform(0.2, 1.0), 2)  # 控制率 ≤ 100 % → 8
    purchase_budget = round(rng.uniform(10, 300), 2)
    purchase_actual = round(purchase_budget * rng.uniform(0.8, 1.0), 2)
    assets = round(rng.uniform(10, 500), 2)
    values: dict[str, object] = {
        "base_data.staff.quota": quota,
        "base_data.staff.actual": actual,
        "base_data.staff.change": quota - actual,
        "base_data.sgjf_change.last": sgjf_last,
        "base_data.sgjf_change.this": sgjf_this,
        "base_data.sgjf_change.rate": _pct(sgjf_this - sgjf_last, sgjf_last),
        "base_data.project.budget": project_budget,
        "base_data.project.actual": project_actual,
        "base_data.project.rate": _pct(project_actual, project_budget),
        "base_data.completion.budget": initial,
        "base_data.completion.final": initial,
        "base_data.completion.rate": "100%",
        "base_data.adjustment.initial": initial,
        "base_data.adjustment.change": change,
        "base_data.adjustment.rate": "0%",
        "base_data.carryover.last": carry_last,
        "base_data.carryover.this": carry_this,
        "base_data.carryover.rate": "-100.00%" if carry_last else "",
        "base_data.sgjf_control.budget": sgjf_this,
        "base_data.sgjf_control.actual": control_actual,
        "base_data.sgjf_control.rate": _pct(control_actual, sgjf_this),
        "base_data.procurement.budget": purchase_budget,
        "base_data.procurement.actual": purchase_actual,
        "base_data.procurement.rate": _pct(purchase_actual, purchase_budget),
        "base_data.assets.total": assets,
        "base_data.assets.in_use": assets,
        "base_data.assets.rate": "100%",
        **{
            f"base_data.internal_control.{k}": "是"
            for k in ("budget", "revenue", "procurement", "assets", "construction", "contracts")
        },
        "score:在职人员控制率": 7,
        "score:三公经费变动率": 8,
        "score:预算完成率": 5,
        "score:预算控制率": 5,
        "score:新建楼堂馆所面积控制率": 5,
        "score:新建楼堂馆所投资概算控制率": 5,
        "score:三公经费控制率": 8,
        **{f"score:{name}": weight for name, weight in DECLARED_ONLY.items()},
        "merge_scores": [["经济效益", "社会效益", "生态效益"]],
        "total": 100,
        "grade": "优",
    }
    if carry_last == 0:
        values["base_data.carryover.last"] = 1.0
        values["base_data.carryover.rate"] = "-100.00%"
    _inject(values, injection, sgjf_last, sgjf_this)
    return values


def _inject(values: dict[str, object], injection: str | None, sgjf_last: float, sgjf_this: float) -> None:
    if injection == "rate-sign":
        values["base_data.sgjf_change.this"] = round(sgjf_last * 0.8, 2)
        values["base_data.sgjf_change.rate"] = "20.00%"  # a 20 % decrease typed as an increase
        values["base_data.sgjf_control.budget"] = values["base_data.sgjf_change.this"]
        actual = float(values["base_data.sgjf_control.actual"])  # type: ignore[arg-type]
        values["base_data.sgjf_control.actual"] = min(actual, float(values["base_data.sgjf_change.this"]))  # type: ignore[arg-type]
        values["base_data.sgjf_control.rate"] = _pct(
            float(values["base_data.sgjf_control.actual"]), float(values["base_data.sgjf_control.budget"])
        )  # type: ignore[arg-type]
    elif injection == "rate-pass-mark":
        values["base_data.sgjf_control.actual"] = round(sgjf_this * 0.5, 2)
        values["base_data.sgjf_control.rate"] = "100%"
    elif injection == "score-too-high":
        values["score:在职人员控制率"] = 9
        values["total"] = 102
    elif injection == "score-wrong":
        values["score:预算控制率"] = 3
        values["total"] = 98
    elif injection == "total-off":
        values["total"] = 97
    elif injection == "grade-wrong":
        values["grade"] = "良"
    elif injection == "not-a-number":
        values["base_data.procurement.budget"] = "一百万"
    elif injection == "blank-input":
        values["base_data.project.actual"] = None
        values["base_data.project.rate"] = None


def generate(
    folder: Path,
    count: int,
    seed: int = 2020,
    error_rate: float = 0.3,
    corrupt_every: int = 97,
    rules: RuleSet | None = None,
) -> list[Expected]:
    """Write `count` returns into folder (nested in sub-folders, as received) and return their ground truth.

    Every return is written on its own (its own numbers and unit name, none a copy of another), as a real batch
    is: a copy would let perfxl's per-process memos (label keys, parsed numbers, XML parts) hit where a real
    batch misses. Writing costs ~20 ms per return, so the files are written by a process per core."""
    rules = rules or load_rules("yiyang-2020")
    rng = random.Random(seed)
    kinds = sorted(INJECTIONS)
    expected: list[Expected] = []
    jobs: list[tuple[RuleSet, Path, dict[str, object], str]] = []
    for i in range(count):
        sub = folder / f"县{i % 7:02d}" / f"局{i % 13:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"单位{i:05d}.xlsx"
        if corrupt_every and i % corrupt_every == corrupt_every - 1:
            path.write_bytes(b"PK\x03\x04 truncated upload")
            expected.append(Expected(path, None, corrupt=True))
            continue
        injection = kinds[rng.randrange(len(kinds))] if rng.random() < error_rate else None
        jobs.append((rules, path, return_values(rng, injection), f"某县第{i:05d}单位"))
        expected.append(Expected(path, injection, list(INJECTIONS.get(injection or "", []))))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for done, _ in enumerate(pool.map(_write, jobs, chunksize=32), start=1):
            if done % 1000 == 0:
                print(f"generated {done:,} / {len(jobs):,}", file=sys.stderr)
    return expected


def _write(job: tuple[RuleSet, Path, dict[str, object], str]) -> None:
    rules, path, values, unit = job
    write_template(rules, path, values, unit=unit)


if __name__ == "__main__":
    out, n = Path(sys.argv[1]), int(sys.argv[2])
    made = generate(out, n)
    print(f"{len(made)} files in {out}")
