"""What an actual says in words of when the work was done: "按时报送", "如期完成" — met, against a time limit — or
"完成" alone against a date to be done by ("12月底前完成"): done, by that date (a self-evaluation is written after
it), not a number that cannot be compared."""

from __future__ import annotations

import re

from perfxl.read.text import clean


def said_on_time(text: str) -> bool:
    """Whether an actual says the work was done on time, in words ("按时报送", "均已如期完成")."""
    return _ON_TIME.match(clean(text)) is not None


_ON_TIME = re.compile(
    r"^(?:均|全部|已|均已|全部已)*(?:按时|如期|按期|准时|及时)(?:完成|报送|提交|办结|上报|发放|拨付|公开|公示|披露|发布)?[。.]?$"
)


def done_by_date(target: str, actual: str) -> bool:
    """ "完成" (已完成, 全部完成 …) against a target that is a date to be done by ("12月底前完成", "11月30日前"), not
    a number of months ("3个月")."""
    return _DONE_ALONE.match(clean(actual)) is not None and _DATE_BY.search(clean(target)) is not None


_DONE_ALONE = re.compile(r"^(?:均|全部|已|均已|全部已|已全部)*(?:完成|办结|完工|竣工)[。.]?$")
_DATE_BY = re.compile(r"\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末)?\s*(?:前|之前|以前)|\d{1,2}\s*月\s*(?:底|末)")
