"""Find 自评表 instances (项目支出 / 部门整体支出绩效自评表) in a sheet: header fields, funds block, indicators.

An instance starts at a funds header row (a row holding the 全年预算数 and 全年执行数 labels); a sheet may
hold several (a department's project tables one below the other). Its funds rows are found by their row
labels (年度资金总额, 当年财政拨款 …; a single unlabelled row is the total), its indicator table by a header
row holding 三级指标, 年度指标值 and 实际完成值, and its header fields by their labels above the funds block.
"""

from __future__ import annotations

import re

from perfxl.locate.located import FundsRow, Hit, IndicatorRow, Instance, Located
from perfxl.read.grid import Pos, Sheet, a1
from perfxl.read.text import label_key, label_keys
from perfxl.read.values import parse_number
from perfxl.rules import FormDef, SelfEvalDef

_HEADER_REACH = 10  # rows above a funds header searched for the instance's header fields


def locate_self_eval(sheet: Sheet, form: FormDef, found: Located, known: frozenset[str]) -> bool:
    """Every 自评表 instance in the sheet, appended to found.instances."""
    spec = form.self_eval
    assert spec is not None
    if not sheet.cells:
        return False
    last_row = sheet.last_row
    starts = _funds_headers(sheet, spec)
    # An indicator table with no funds block above it (seed 004) is an instance of its own.
    claimed = starts[0][0] if starts else last_row + 1
    heads = _indicator_heads(sheet, spec)
    lone = _indicator_header(sheet, spec, heads, 0, claimed - 1)
    if lone is not None:
        starts.insert(0, (lone[0], {}))
    if not starts:
        return False
    added = False
    for i, (row, columns) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else last_row
        top = max(starts[i - 1][0] + 1 if i else 0, row - _HEADER_REACH)
        instance = _instance(sheet, form, spec, top, row, end, columns, heads, known)
        if instance is not None:
            found.instances.append(instance)
            added = True
    if added:
        found.forms.setdefault(form.id, sheet.name)
    return added


_AMOUNTS = ("initial", "annual", "executed")  # the roles of a funds row that hold amounts (and their _fiscal twins)


def _roles_in_row(sheet: Sheet, row: int, keys: dict[str, frozenset[str]]) -> dict[str, int]:
    """Column of each role whose label (as keys) is in the row (the first occurrence)."""
    first: dict[str, int] = {}  # each key's first column in the row
    for c, key in sheet.row_keys(row):
        first.setdefault(key, c)
    out: dict[str, int] = {}
    for role, role_keys in keys.items():
        for key in role_keys:  # a role has a few label keys
            col = first.get(key)
            if col is not None and col < out.get(role, col + 1):
                out[role] = col
    return out


def _funds_headers(sheet: Sheet, spec: SelfEvalDef) -> list[tuple[int, dict[str, int]]]:
    keys = spec.funds_column_keys
    rows = sorted({r for (r, _) in sheet.find_keys(keys["annual"])})
    out = []
    for row in rows:
        roles = _roles_in_row(sheet, row, keys)
        if "executed" in roles:
            out.append((row, roles))
    return out


def _split_columns(sheet: Sheet, row: int, roles: dict[str, int], spec: SelfEvalDef) -> tuple[dict[str, int], int]:
    """Chongqing splits each amount into 总数 / 其中:财政资金 in the row below: roles and the first data row."""
    split = [label_key(s) for s in spec.funds_split]
    below = {c: key for c, key in sheet.row_keys(row + 1) if key in split}
    if not below:
        return roles, row + 1
    out = dict(roles)
    for role, col in roles.items():
        right = sheet.bottom_right((row, col))[1]
        for c in range(col, right + 1):
            if below.get(c) == split[-1] and len(split) > 1:
                out[f"{role}_fiscal"] = c
            elif below.get(c) == split[0]:
                out[role] = c
    return out, row + 2


def _instance(
    sheet: Sheet,
    form: FormDef,
    spec: SelfEvalDef,
    top: int,
    head: int,
    end: int,
    columns: dict[str, int],
    heads: list[int],
    known: frozenset[str],
) -> Instance | None:
    """The instance headed at row head, or None for a blank 自评表 (e.g. an unused sheet of the template)."""
    instance = Instance(form.id, "", "", sheet.name, {})
    first = head
    funds: list[tuple[str, str, int]] = []
    roles: dict[str, int] = {}
    if columns:  # a funds block heads this instance
        roles, first = _split_columns(sheet, head, columns, spec)
        funds = _funds_rows(sheet, spec, roles, first, end)
    ind_head = _indicator_header(sheet, spec, heads, first, end)
    if ind_head is not None:
        _indicator_rows(sheet, spec, instance, ind_head[0], ind_head[1], end)
    amounts = [c for role, c in roles.items() if role.startswith(_AMOUNTS)]
    if not instance.indicators and all(sheet.value((r, c)) is None for _, _, r in funds for c in amounts):
        return None  # nothing filled in
    instance.funds = [
        FundsRow(rid, label, {role: _hit(sheet, (r, c), label or rid) for role, c in roles.items()})
        for rid, label, r in funds
    ]
    instance.header = {
        role: hit
        for role, lbls in spec.header.items()
        if (hit := _value_right(sheet, lbls, top, head, known)) is not None
    }
    instance.variant, instance.title = _variant(sheet, spec, top, head)
    instance.year = _year(sheet, top, head)
    return instance


def _variant(sheet: Sheet, spec: SelfEvalDef, top: int, head: int) -> tuple[str, str]:
    """The form's own title says which it is ("…项目支出绩效自评表"); else its header labels (项目名称)."""
    titles = [key for r in range(top, head + 1) for _, key in sheet.row_keys(r)]
    for vid, vtitle, _ in spec.variants:
        if any(label_key(vtitle) in key for key in titles):
            return vid, vtitle
    for vid, vtitle, when in spec.variants:
        if not when or any(top <= r <= head for r, _ in sheet.find(when)):
            return vid, vtitle
    return spec.variants[-1][0], spec.variants[-1][1]


def _funds_rows(
    sheet: Sheet, spec: SelfEvalDef, roles: dict[str, int], first: int, end: int
) -> list[tuple[str, str, int]]:
    """(row id, label as written, row) of each row of the funds block."""
    row_of = spec.funds_row_keys
    amount_cols = [c for role, c in roles.items() if role.startswith(_AMOUNTS)]
    label_cols = range(min(roles.values()))
    out: list[tuple[str, str, int]] = []
    keys, anchor_of = sheet.keys, sheet.anchor_of
    for r in range(first, end + 1):
        # the row's label: the first text cell left of the amounts that names a funds row, else the last one (the
        # row's own label wins over a block label merged down beside it: "年度预算资金(万元)")
        at = last = None
        for c in label_cols:
            a = anchor_of.get((r, c), (r, c))
            if a in keys:
                last = a
                if keys[a] in row_of:
                    at = a
                    break
        at = at or last
        label = "" if at is None else str(sheet.cells[at])
        rid = None if at is None else row_of.get(keys[at])
        if rid is None and not any(parse_number(sheet.value((r, c))).ok for c in amount_cols):
            if out:
                break  # neither a known funds row nor amounts: the block has ended
            continue
        if rid is None:
            rid = "total" if not out else f"row{len(out) + 1}"
        out.append((rid, label, r))
    return out


def _indicator_heads(sheet: Sheet, spec: SelfEvalDef) -> list[int]:
    """The rows that hold the three labels an indicator table's header must have, top to bottom."""
    cols = spec.indicator_column_keys
    rows: set[int] | None = None
    for role in ("level3", "target", "actual"):
        found = {r for r, _ in sheet.find_keys(cols[role])}
        rows = found if rows is None else rows & found
    return sorted(rows or ())


def _indicator_header(
    sheet: Sheet, spec: SelfEvalDef, heads: list[int], first: int, end: int
) -> tuple[int, dict[str, int]] | None:
    """The first indicator table header in rows first..end (``heads``: _indicator_heads) and its columns."""
    head = next((r for r in heads if first <= r <= end), None)
    if head is None:
        return None
    return head, _roles_in_row(sheet, head, spec.indicator_column_keys)


def _indicator_rows(
    sheet: Sheet, spec: SelfEvalDef, instance: Instance, head: int, roles: dict[str, int], end: int
) -> None:
    name_col = roles["level3"]
    # the 绩效指标总分 row: the first row below the header with that label (or a merge of it) up to the name column
    total_row = min(
        (
            max(r, head + 1)
            for r, c in sheet.find_keys(label_keys(spec.total_labels))
            if c <= name_col and sheet.bottom_right((r, c))[0] > head
        ),
        default=end + 1,
    )
    seen: set[Pos] = set()
    carried = {"level1": "", "level2": ""}  # a blank 一级/二级 cell continues the one above
    values, anchor_of = sheet.cells, sheet.anchor_of
    for r in range(head + 1, end + 1):
        if r == total_row:
            instance.totals = {
                role: _hit(sheet, (r, c), "绩效指标总分")
                for role, c in roles.items()
                if role in ("weight", "coefficient", "score")
            }
            break
        anchor = anchor_of.get((r, name_col), (r, name_col))
        name = values.get(anchor)
        if not isinstance(name, str) or anchor in seen or not name.strip():
            continue
        seen.add(anchor)
        for key in ("level1", "level2"):
            written = str(sheet.value((r, roles[key])) or "").strip() if key in roles else ""
            if written:
                carried[key] = written
                if key == "level1":
                    carried["level2"] = ""
        cells = {role: _hit(sheet, (r, c), name) for role, c in roles.items() if role not in ("level1", "level2")}
        instance.indicators.append(IndicatorRow(carried["level1"], carried["level2"], name.strip(), cells))


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _year(sheet: Sheet, top: int, head: int) -> int | None:
    """The evaluation year from a title or "(2021 年度)" line above the funds block (its text, in reading order)."""
    for r in range(top, head + 1):
        for c, _ in sheet.row_keys(r):
            text = str(sheet.cells[(r, c)])
            if "年度" in text or "自评" in text:
                match = _TITLE_YEAR.search(text)
                if match:
                    return int(match.group(1))
    return None


def _hit(sheet: Sheet, pos: Pos, label: str) -> Hit:
    anchor = sheet.anchor(pos)
    return Hit(sheet.name, a1(anchor), sheet.cells.get(anchor), label)


def _value_right(sheet: Sheet, labels: tuple[str, ...], top: int, bottom: int, known: frozenset[str]) -> Hit | None:
    """The first non-empty cell right of a label in rows top..bottom (up to 3 blanks skipped).

    Reaching another known label first means the value was left blank: None.
    """
    for pos in sheet.find(labels):
        if not top <= pos[0] <= bottom:
            continue
        start = sheet.bottom_right(pos)[1] + 1
        for c in range(start, start + 4):
            target = sheet.anchor((pos[0], c))
            if target not in sheet.cells:
                continue
            if sheet.keys.get(target) in known:
                break
            return Hit(sheet.name, a1(target), sheet.cells[target], str(sheet.value(pos)))
    return None
