"""What reading a printed 评价标准 gives (``perfxl.rules.standards``): a rule, the readings set aside, or why there is
none; and the two ways a reading fails, raised inside the reader and returned as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from perfxl.rules.model import ScoreRule

Status = Literal["read", "default", "ambiguous", "unread"]

EPS = 1e-9


@dataclass(frozen=True)
class Reading:
    """A reading of the text other than the one perfxl scores by, and what makes it different."""

    rule: ScoreRule
    note: str
    weight: float | None = None  # scored out of this many points (the text's own full mark), at most the 分值


@dataclass(frozen=True)
class Parsed:
    """What a printed standard says, as a rule, or why it cannot be said.

    * ``read``: the text settles the rule;
    * ``default``: the text allows ``alternatives`` and a decision of docs/domain.md picks ``rule``;
    * ``ambiguous``: nothing picks a reading: ``rule`` is None, ``alternatives`` holds what the rule kinds can
      express, ``reason`` says what is open;
    * ``unread``: ``reason`` names what could not be read.

    ``full`` is the full mark the text prints ("计7分"; None when it prints only 满分); it may contradict
    ``weight``, the 分值 printed beside it (``full_matches``).
    """

    text: str
    status: Status
    rule: ScoreRule | None = None
    full: float | None = None
    weight: float | None = None
    alternatives: tuple[Reading, ...] = ()
    notes: tuple[str, ...] = ()
    reason: str = ""

    @property
    def ambiguous(self) -> bool:
        """The text does not settle its reading (whether or not a default then picked one)."""
        return self.status in ("default", "ambiguous")

    @property
    def full_matches(self) -> bool:
        return self.full is None or self.weight is None or abs(self.full - self.weight) < EPS


class Unread(Exception):
    """A text that cannot be read; carries the reason (internal: ``parse_standard`` returns it as data)."""


class Open(Exception):
    """A text whose reading nothing settles; carries the reason and the expressible readings."""

    def __init__(self, reason: str, alternatives: tuple[Reading, ...] = ()) -> None:
        super().__init__(reason)
        self.alternatives = alternatives
