"""What one return comes to where it has no 附件5: the total, grade and unit its 自评表 sum it up by."""

from __future__ import annotations

from perfxl.read.values import fmt
from perfxl.report.results import FileResult


def headline_from_instances(result: FileResult) -> None:
    """A return with no 附件5 is summed up by its 自评表: the department's, else its only one with a total; several
    projects' forms and no department's, or several departments' forms, make no one total (each is shown on its
    own, and a note names them)."""
    if result.max_total is not None:
        return
    scored = [i for i in result.instances if i.total is not None]
    # a department's form by its title's own words or its funds block: not a list of indicators with a 合计 of its
    # own ("重点工作指标清单") that no word made a project's
    departments = [i for i in scored if i.variant == "department" and (i.funds or i.titled)]
    one = len({i.unit for i in departments}) == 1  # copies of one department's form are one department
    main = departments[0] if departments and one else scored[0] if len(scored) == 1 else None
    if main is None and scored:
        # several projects' forms and no department's, or several departments' forms: no one of them is the
        # return's total
        totals = "、".join(f"「{i.called}」{fmt(i.total)}" for i in scored)
        result.notes.append(f"工作簿含 {len(scored)} 张自评表，各自计分({totals})，不合为一个总分")
    if main is not None:
        result.total, result.declared_total, result.grade = main.total, main.declared_total, main.grade
        result.max_total = 100.0
        result.complete = main.grade is not None  # a form's total is ungraded only where it is a part
    units = list(dict.fromkeys(i.unit for i in departments if i.unit))
    if len(units) > 1:  # several departments' forms: the return is each of theirs
        result.unit = "、".join(units)
