"""The indicator table of a generated 自评表: header words and shapes, levels merged in groups, placeholders."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import Decimal

from corpus.grid import Grid, a1
from corpus.key import AnswerKey, Declared, Indicator

POOL: dict[tuple[str, str], list[tuple[str, str, int, str]]] = {  # 三级, 指标性质, 指标值, 度量单位
    ("产出指标", "数量指标"): [
        ("完成项目数量", "≥", 12, "个"),
        ("培训人次", "≥", 300, "人次"),
        ("设备购置数量", "=", 13, "台"),
    ],
    ("产出指标", "质量指标"): [("项目验收合格率", "≥", 95, "%"), ("资金使用合规率", "=", 100, "%")],
    ("产出指标", "时效指标"): [("项目完成及时率", "≥", 90, "%"), ("资金拨付及时率", "=", 100, "%")],
    ("产出指标", "成本指标"): [("项目总成本", "≤", 90, "万元"), ("单位培训成本", "≤", 300, "元")],
    ("效益指标", "经济效益指标"): [("带动农户增收", "≥", 20, "万元")],
    ("效益指标", "社会效益指标"): [("受益群众人数", "≥", 1000, "人"), ("服务保障能力提升", "定性", 0, "")],
    ("效益指标", "生态效益指标"): [("人居环境改善", "定性", 0, "")],
    ("效益指标", "可持续影响指标"): [("长效管护机制", "定性", 0, "")],
    ("满意度指标", "服务对象满意度指标"): [("服务对象满意度", "≥", 90, "%")],
}
TARGET_WORDS = ["年度指标值", "指标值"]
ACTUAL_WORDS = ["实际完成值", "完成值", "全年实际值"]
WEIGHT_WORDS = ["分值", "权重", "权重分值"]


@dataclass(frozen=True)
class Row:
    l1: str
    l2: str
    name: str
    nature: str
    target: int
    unit: str
    weight: Decimal
    score: Decimal

    @property
    def actual(self) -> Decimal | str:
        """The 实际完成值 that earns exactly the score by docs/domain.md §1.4: a target reached earns the full
        分值, one missed earns 分值 × 完成值 ÷ 指标值 (反向, ≤: 分值 × 指标值 ÷ 完成值); a 定性 row reached is in its
        top tier."""
        if self.nature == "定性":
            return "达成预期指标"
        target = Decimal(self.target)
        if self.score >= self.weight:
            return target + (1 if self.nature == "≥" else 0)
        share = self.score / self.weight
        return (target / share if self.nature == "≤" else target * share).quantize(Decimal("0.0001"))


def plan(rng: random.Random, total: int, inject: set[str]) -> list[Row]:
    """Indicator rows whose weights add up to `total`; one score over its weight when injected."""
    picks: list[tuple[tuple[str, str], tuple[str, str, int, str]]] = []
    for group, options in POOL.items():
        keep = group[1] in ("数量指标", "质量指标", "社会效益指标", "服务对象满意度指标") or rng.random() < 0.5
        if keep:
            picks += [(group, item) for item in rng.sample(options, rng.randint(1, len(options)))]
    weights = [5] * len(picks)
    for _ in range((total - 5 * len(picks)) // 5):
        weights[rng.randrange(len(picks))] += 5
    rows = []
    for ((l1, l2), (name, nature, target, unit)), weight in zip(picks, weights, strict=True):
        score = Decimal(weight)
        if rng.random() < 0.25:
            cut = Decimal(rng.choice(["0.5", "1", "2", "1.25"]))
            if nature != "定性" or cut <= weight * Decimal("0.2"):  # a 定性 row reached keeps 80–100 % of 分值
                score -= cut
        rows.append(Row(l1, l2, name, nature, target, unit, Decimal(weight), score))
    if "score-over-weight" in inject:
        i = rng.randrange(len(rows))
        rows[i] = replace(rows[i], score=rows[i].weight + Decimal(rng.choice([1, 2, 5])))
    return rows


def write_indicators(
    grid: Grid, key: AnswerKey, rng: random.Random, top: int, rows: list[Row], inject: set[str]
) -> int:
    """Header (one row or two) from row `top`, then the rows; returns the next free row."""
    two_rows = rng.random() < 0.3
    split = two_rows or rng.random() < 0.3  # 指标性质 and 度量单位 in columns of their own
    roles = ["nature", "target", "unit"] if split else ["target"]
    roles.append("actual")
    roles = ["weight", *roles] if rng.random() < 0.2 else [*roles, "weight"]
    roles += ["score", "reason"]
    col = {role: 5 + i for i, role in enumerate(roles)}
    words = {
        "nature": "指标性质",
        "unit": "度量单位",
        "target": rng.choice(TARGET_WORDS),
        "reason": "偏差原因分析及改进措施",
        "actual": rng.choice(ACTUAL_WORDS),
        "weight": rng.choice(WEIGHT_WORDS),
        "score": rng.choice(["得分", "自评得分"]),
    }
    if two_rows:  # 年度指标值 becomes the parent over 指标性质 / 值 / 度量单位
        words["target"] = rng.choice(["值", "指标值"])
        key.features.add("hdr:年度指标值")
    key.features |= {f"hdr:{words[r]}" for r in ("target", "actual", "weight") if words[r] != "值"}
    key.features |= {"hdr:指标性质", "hdr:度量单位"} if split else set()
    key.features |= {"two-row-header"} if two_rows else set()
    key.features |= {"weight-before-target"} if roles[0] == "weight" else set()
    grid.put(top, 1, "绩效指标")
    for c, word in ((2, "一级指标"), (3, "二级指标"), (4, "三级指标")):
        grid.put(top, c, word)
    if two_rows:
        grid.put(top, col["nature"], "年度指标值")
        grid.merge(top, col["nature"], top, col["unit"])
        grid.put(top + 1, col["nature"], "指标性质")
        grid.put(top + 1, col["target"], words["target"])
        grid.put(top + 1, col["unit"], "度量单位")
        for role in ("actual", "weight", "score", "reason"):
            grid.put(top, col[role], words[role])
            grid.merge(top, col[role], top + 1, col[role])
        for c in (2, 3, 4):
            grid.merge(top, c, top + 1, c)
    else:
        for role in roles:
            grid.put(top, col[role], words[role])
    r = top + (2 if two_rows else 1)
    by_l1: dict[str, list[int]] = {}
    by_l2: dict[tuple[str, str], list[int]] = {}
    placeholder = rng.choice(["指标2", "……", "*"]) if rng.random() < 0.3 else None
    key.features |= {"placeholder-rows"} if placeholder else set()
    label_weights = rng.random() < 0.2
    key.features |= {"group-weight-in-label"} if label_weights else set()
    for i, row in enumerate(rows):
        grid.put(r, 4, row.name)
        _target(grid, r, col, row, split)
        weight_cell = grid.put(r, col["weight"], row.weight)
        score_cell = grid.put(r, col["score"], row.score)
        key.indicators.append(Indicator((row.l1, row.l2, row.name), row.weight, row.score, (weight_cell,), score_cell))
        key.declare(
            Declared("score", score_cell, row.score, row.weight, row.score <= row.weight, (weight_cell,)),
            "score-over-weight",
        )
        by_l1.setdefault(row.l1, []).append(r)
        by_l2.setdefault((row.l1, row.l2), []).append(r)
        last_of_group = i + 1 == len(rows) or (rows[i + 1].l1, rows[i + 1].l2) != (row.l1, row.l2)
        r += 1
        if placeholder and last_of_group and rng.random() < 0.5:
            key.placeholders.append(grid.put(r, 4, placeholder))
            by_l1[row.l1].append(r)
            by_l2[(row.l1, row.l2)].append(r)
            r += 1
    for (_, l2), rs in by_l2.items():
        grid.put(rs[0], 3, l2)
        grid.merge(rs[0], 3, rs[-1], 3)
    for l1, rs in by_l1.items():
        _level1(grid, key, rng, rs, l1, col["weight"], label_weights, "group-weight" in inject)
    grid.merge(top, 1, r - 1, 1)
    return r


def _target(grid: Grid, r: int, col: dict[str, int], row: Row, split: bool) -> None:
    qualitative = row.nature == "定性"
    actual = row.actual
    if split:
        grid.put(r, col["nature"], row.nature)
        grid.put(r, col["target"], "优良中差" if qualitative else row.target)
        grid.put(r, col["unit"], row.unit)
    else:
        grid.put(r, col["target"], "效果明显" if qualitative else f"{row.nature}{row.target}{row.unit}")
    grid.put(r, col["actual"], actual)


def _level1(
    grid: Grid,
    key: AnswerKey,
    rng: random.Random,
    rs: list[int],
    l1: str,
    weight_col: int,
    label_weights: bool,
    wrong: bool,
) -> None:
    label = l1
    if label_weights:
        cells = tuple(a1(r, weight_col) for r in rs if (r, weight_col) in grid.cells)
        correct = sum(
            (Decimal(str(grid.cells[(r, weight_col)][0])) for r in rs if (r, weight_col) in grid.cells), Decimal(0)
        )
        declared = correct + (Decimal(rng.choice([-5, 5, 10])) if wrong and l1 == "产出指标" else 0)
        label = f"{l1}({declared}分)"
        key.declare(Declared("total", a1(rs[0], 2), declared, correct, declared == correct, cells), "group-weight")
    grid.put(rs[0], 2, label)
    grid.merge(rs[0], 2, rs[-1], 2)
