"""The checks every part of a rule file shares: a value's type, its allowed keys, and the problem list.

A problem is recorded and checking goes on, so one pass reports every problem of the file, in Chinese.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, cast


class Checker:
    """Collects problems as ``"where: what"`` instead of stopping at the first."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems

    def bad(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def known(self, where: str, spec: dict[str, Any], allowed: Iterable[str]) -> None:
        """Every key of ``spec`` is one the rules use: an unknown key is a typo or data nothing reads."""
        allowed = tuple(allowed)
        for key in spec:
            if key not in allowed:
                self.bad(f"{where}.{key}" if where else str(key), f"未知的键(可用: {'、'.join(allowed)})")

    def labels(self, where: str, value: object) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            self.bad(where, "应为非空的标签列表")
            return ()
        return tuple(cast(list[str], value))

    def number(self, where: str, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.bad(where, "缺少" if value is None else f"应为数字, 实为 {value!r}")
            return 0.0
        return float(value)

    def between(self, where: str, value: object, low: float, high: float) -> float:
        """A number in [low, high]."""
        before = len(self.problems)
        number = self.number(where, value)
        if len(self.problems) == before and not low <= number <= high:
            self.bad(where, f"{number:g} 应在 {low:g}～{high:g} 之间")
        return number

    def mapping(self, where: str, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.bad(where, "应为映射(键: 值)")
            return {}
        return value

    def choice(self, where: str, value: object, allowed: tuple[str, ...], default: str | None = None) -> str:
        if value is None and default is not None:
            return default
        if value not in allowed:
            self.bad(where, f"应为 {' / '.join(allowed)} 之一, 实为 {value!r}")
            return allowed[0]
        return str(value)

    def text(self, where: str, value: object) -> str:
        if not isinstance(value, str) or not value:
            self.bad(where, "缺少或不是文本")
            return ""
        return value

    def flag(self, where: str, value: object, default: bool | None = None) -> bool:
        """true/false; ``default`` when absent, unless there is none (then the key is required)."""
        if value is None and default is not None:
            return default
        if not isinstance(value, bool):
            self.bad(where, f"应为 true 或 false, 实为 {value!r}")
        return bool(value)
