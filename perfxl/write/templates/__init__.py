"""Blank official workbooks (附件4 基础数据表, 附件5 自评指标计分表, 自评表) generated from a rule set.

Every title, label, indicator, weight and group comes from the RuleSet; these modules only decide where
things go, in the layout perfxl's locator reads (``perfxl.locate``): ``blocks`` (附件4), ``score_table``
(附件5) and ``selfeval`` (自评表, one sheet per variant), each documenting its layout. Input cells are
unlocked and shaded. A template may be filled with values (``values``), as the tests and benchmarks do.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import xlsxwriter  # type: ignore[import-untyped]

from perfxl.rules import RuleSet, available_rules, load_rules
from perfxl.write.templates.blocks import write_blocks
from perfxl.write.templates.cells import template_formats
from perfxl.write.templates.fill import parse_values
from perfxl.write.templates.score_table import write_score_table
from perfxl.write.templates.selfeval import write_self_eval

_CREATED = datetime(2020, 1, 1)  # fixed, so that regenerated templates are identical


def write_template(
    rules: RuleSet, path: Path, values: Mapping[str, object] | None = None, unit: str | None = None
) -> None:
    """Write the official workbook of a rule set, blank or with ``values`` filled in; raise ValueError for an
    unknown key. ``unit`` fills 附件4's unit and each 自评表's unit cell unless values give that one.

    附件4/附件5 keys: a field key, "score:<指标>", "total", "grade", "merge_scores": [[指标, …], …].
    自评表 keys, per variant id v ("project", "department"): "eval.v.<header role>" (project, unit,
    declared_total; also authority 主管部门 on the project sheet, contact/phone 联系人/联系电话 on the
    department sheet), "eval.v.funds.<row>.<column>" (row total/appropriation/…; column initial/annual/
    executed/rate, and weight/score on the first row; initial_fiscal/annual_fiscal/executed_fiscal where the
    template splits amounts), "eval.v.goal.expected" / "eval.v.goal.actual",
    "eval.v.indicators" (a list of {"level1", "level2", "name", "unit", "nature", "target", "actual",
    "weight", "coefficient", "score", "reason"}, replacing the blank rows), "eval.v.total_score" (replaces the =SUM
    of 得分), and "year".
    """
    fill = parse_values(rules, values or {})
    with xlsxwriter.Workbook(str(path)) as book:
        book.set_properties({"title": rules.title, "subject": rules.source, "created": _CREATED})
        styles = template_formats(book)
        for form in rules.forms.values():
            if form.self_eval is not None:
                for variant in form.self_eval.variants:
                    vid, title, _ = variant
                    sheet = book.add_worksheet(title[:31])
                    cells, rows = fill.evals.get(vid, {}), fill.eval_rows.get(vid)
                    write_self_eval(sheet, form.self_eval, variant, styles, cells, rows, fill.year, unit)
                continue
            sheet = book.add_worksheet((form.short or form.title)[:31])
            if form.kind == "blocks":
                write_blocks(sheet, form, rules, styles, fill, unit)
            else:
                write_score_table(sheet, form, rules, styles, fill)


def write_all_templates(folder: Path) -> list[Path]:
    """``<folder>/<name>.xlsx`` for every built-in rule set."""
    paths = [folder / f"{name}.xlsx" for name in available_rules()]
    for path in paths:
        write_template(load_rules(path.stem), path)
    return paths
