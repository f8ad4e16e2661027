"""A 二级 indicator written under the wrong 一级 (社会效益指标 under 产出指标): a slip, said as such — not a group of
the form's own indicator system."""

from __future__ import annotations

from perfxl.read.text import label_key
from perfxl.rules import SelfEvalDef


def level_problem(level1: str, level2: str, spec: SelfEvalDef) -> tuple[str, str] | None:
    """(the right 一级, message) for a 二级 under the wrong 一级, e.g. 社会效益指标 under 质量指标.

    See docs/domain.md §7.14."""
    parent_of = {label_key(child): parent for parent, children in spec.levels.items() for child in children}
    parent = parent_of.get(label_key(level2))
    if parent is None or not level1 or label_key(level1) == label_key(parent):
        return None
    known = {*parent_of, *(label_key(p) for p in spec.levels)}
    written = label_key(level1)
    if any(label_key(name) == written for name in spec.level_names.get(parent, ())):
        return None  # another name of that 一级 (效果指标 for 效益指标), not a slip
    if written not in known and not any(_one_off(written, name) for name in known):
        return None  # a 一级 of the form's own system (银川's 项目产出), not a slip (产生指标): its own groups
    return parent, f"二级指标「{level2}」应属于一级指标「{parent}」，表中写在「{level1}」下"


def _one_off(a: str, b: str) -> bool:
    """Two names of one length that differ in one character: a slip of the pen (产生指标 for 产出指标)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1
