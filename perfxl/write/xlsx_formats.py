"""The cell formats of one xlsxwriter workbook, each made once: the writers declare theirs as data.

The templates and the batch summary both build new workbooks with xlsxwriter and name the formats they use
(a title, a header, an input cell …). ``Formats`` makes the declared ones in declaration order, then gives
any other set of properties on demand, the same ``Format`` for the same properties: a workbook gets one
``<xf>`` per look, and the order its formats are numbered in is the order they were declared.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Format = Any  # xlsxwriter's Format is untyped
Worksheet = Any  # and so is its Worksheet
Props = Mapping[str, object]


class Formats:
    """A workbook's formats: ``formats["title"]`` for a declared one, ``formats.get(bold=True)`` for any other.

    ``base`` holds properties every format starts from (a writer's font); a format's own properties win.
    """

    def __init__(self, book: Any, declared: Mapping[str, Props], base: Props | None = None) -> None:
        self._book = book
        self._base = dict(base or {})
        self._made: dict[tuple[tuple[str, object], ...], Format] = {}
        self._named = {name: self.get(**props) for name, props in declared.items()}

    def __getitem__(self, name: str) -> Format:
        return self._named[name]

    def get(self, **props: object) -> Format:
        """The format with these properties (over ``base``), made on first use."""
        key = tuple(sorted(props.items()))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._book.add_format({**self._base, **props})
        return made
