"""A 附件4 or 附件5 printed over several sheets: the sheets after the one that holds it go on with it where they say
so ("附件5（续）", a title "（续表）") and print no header again — a 附件5's rows in its columns, up to the sheet that
holds its 合计 (续一, 续二 …; a hidden sheet between, a list of choices, passed over); a 附件4's blocks the first sheet
leaves out, where the next sheet says it goes on or prints two or more of their titles and none of the blocks the first
holds (a whole copy of another year's 附件4 is no 续表)."""

from __future__ import annotations

from dataclasses import replace

from perfxl.locate.blocks import locate_blocks, title_cells
from perfxl.locate.continued import TITLE_ROWS, says_continued
from perfxl.locate.located import Located
from perfxl.locate.rest_sheet import read_rest
from perfxl.locate.tabular import IndicatorLine, Table
from perfxl.read.grid import Sheet
from perfxl.rules import FormDef, RuleSet

_TITLES_GOING_ON = 2  # titles of a 附件4's missing blocks that make the next sheet its 续表, unsaid


def rest_of_table(
    sheets: list[Sheet], i: int, rules: RuleSet, table: Table, rests: set[int]
) -> tuple[Sheet, Table] | None:
    """The rows the visible sheets after sheet i go on with in ``table``'s columns, each the 续表 of the one before
    up to the one that ends it, as one table, and the last of those sheets; the sheets read are added to ``rests``."""
    rows: list[IndicatorLine] = []
    joined: tuple[Sheet, Table] | None = None
    for j in (j for j in range(i + 1, len(sheets)) if not sheets[j].hidden):
        more = read_rest(sheets[j], rules, table)
        if more is None or not more.tables:
            break
        part = more.tables[0]
        rests.add(j)
        rows += part.rows
        fields = {**part.fields, **(joined[1].fields if joined else {})}
        joined = (sheets[j], replace(part, rows=list(rows), fields=fields))
        if part.footers:
            break
        table = replace(table, rows=[*table.rows, *part.rows])  # what the next one goes on from
    return joined


def blocks_going_on(
    sheets: list[Sheet], j: int, form: FormDef, rules: RuleSet, found: Located, rests: set[int]
) -> None:
    """The blocks of ``form`` the sheet before sheet j leaves out, read from sheet j where it is their 续表."""
    after = sheets[j]
    absent = {f"「{block.titles[0]}」栏目": block for block in form.blocks}
    missing = [m for m in found.missing if m.form == form.id and m.item in absent]
    if not missing or after.hidden:
        return  # (nearly always: every block on the one sheet)
    rest = replace(form, blocks=tuple(absent[m.item] for m in missing), min_found=1)
    titled = len({key for _, key in title_cells(after, rest)})
    # (a whole copy of another year's 附件4 after it prints the blocks the first sheet holds too: no 续表)
    again = len({key for _, key in title_cells(after, form)}) > titled
    if again or not (says_continued(after, TITLE_ROWS) or titled >= _TITLES_GOING_ON):
        return
    kept = found.forms[form.id]
    found.missing = [m for m in found.missing if m not in missing]
    if locate_blocks(after, rest, found):
        found.forms[form.id] = kept  # the form's sheet is its first
        rests.add(j)
    else:
        found.missing += missing
