"""The body rows of a score or indicator table as indicator lines: levels carried down merged and blank cells,
every role's cell, the declared 分值 (its own column, else inside the name), placeholders and merged 得分 cells.

Every body cell of every table a batch reads passes through here, so the sheet's maps are read directly and the
per-cell named tuples are made without their Python-level constructors (``new_hit``, ``new_level``, ``new_line``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from perfxl.locate.headers import LEVELS
from perfxl.locate.located import Hit, new_hit
from perfxl.locate.tabular import IndicatorLine, Level, Table, new_level, new_line
from perfxl.read.grid import Pos, Sheet, a1
from perfxl.read.text import label_key
from perfxl.read.values import embedded_weight, parse_number, parse_weight
from perfxl.rules.standards import parse_standard

# "产出指标(50分)", "部门预算管理80分)", and "产出指标 (50)" in whole brackets (a bare trailing number is none)
_LEVEL_WEIGHT = re.compile(r"[(]?\s*(\d+(?:\.\d+)?)\s*分\s*[)]?\s*$|\(\s*(\d{1,2}(?:\.\d+)?|100)\s*\)\s*$")
_MARKS = frozenset("…*./-—·_、")  # what a placeholder name is made of once "指标2：" numbering is gone
_QUIET = ("standard", "note", "reason", "review")  # columns a template or a reviewer fills: they do not make a
# row filled


_NO_LEVEL = Level("", "", None, None, None)


def read_lines(
    sheet: Sheet, table: Table, body: list[int], level_cols: list[int], placeholders: frozenset[str] = frozenset()
) -> list[IndicatorLine]:
    """The body rows as indicator lines (``level_cols``: the level columns left to right; ``placeholders``: label keys
    of a template's names for a row left to fill, rule data ``placeholder_labels``)."""
    current: list[Level] = [_NO_LEVEL] * len(level_cols)
    lines: list[IndicatorLine] = []
    level_role = {col.col: role for role, col in table.columns.items() if role in LEVELS}
    level_weight = [table.level_weights.get(level_role.get(c, "")) for c in level_cols]
    role_cols = [(role, col.col, role not in _QUIET) for role, col in table.columns.items() if role not in LEVELS]
    score_col = table.columns["score"].col if "score" in table.columns else None
    anchor_of, extent_of, values, name = sheet.anchor_of, sheet.extent_of, sheet.cells, sheet.name
    spans = _text_spans(sheet, table)
    inner_at = len(level_cols) - 1
    # names found under a 分值 header carry their points as an outer level does ("任务分解（2）", "任务分解 2分")
    outer_names = table.names_with_points
    for r in body:
        for i, c in enumerate(level_cols):
            pos = (r, c)
            anchor = anchor_of.get(pos, pos)
            if anchor[0] < r:
                continue  # merged down from above: the group goes on
            value = values.get(anchor)
            if value is not None and (type(value) is not str or value.strip()):
                level = _level(sheet, r, anchor, value, level_weight[i], i == inner_at and not outer_names)
            elif level_weight[i] is not None and _new_group(sheet, r, level_weight[i], current[i]):
                level = _level(sheet, r, anchor, "", level_weight[i], False)
            else:
                so_far = sum(line.points or 0.0 for line in lines if line.levels[i] is current[i])
                again = _same_weight(sheet, r, level_weight[i], current[i], so_far)
                if (i == inner_at or anchor in extent_of) and not again:
                    current[i] = _NO_LEVEL  # a blank name, or a blank group merged over its rows
                continue  # (a blank group printing the group's own weight again, 益阳's page break: it goes on)
            if i < inner_at and _repeated(level, current[i]):
                continue  # the group above printed again (across a page break): it goes on
            current[i] = level
            for j in range(i + 1, inner_at + 1):
                current[j] = _NO_LEVEL
        innermost = current[-1]
        label = innermost.text
        cells: dict[str, Hit] = {}
        filled = False
        for role, c, loud in role_cols:
            pos = (r, c)
            anchor = anchor_of.get(pos, pos)
            raw = values.get(anchor)
            cells[role] = new_hit((name, a1(anchor), raw, label))
            if loud and not filled and raw is not None and anchor[0] == r:
                filled = is_filled(raw)
        weight, in_name = _weight(cells.get("weight"), innermost)
        for role, more in spans.items():
            cells[role] = _joined(sheet, r, cells[role], more, weight)
        merged = ""
        if score_col is not None:
            top = anchor_of.get((r, score_col), (r, score_col))
            bottom = extent_of.get(top, top)
            if bottom[0] > top[0]:
                merged = f"{a1(top)}:{a1(bottom)}"
                filled = filled or is_filled(cells["score"].raw)
        placeholder = not filled and (_is_mark(label) or _left_to_fill(label, placeholders))
        lines.append(new_line((r, tuple(current), cells, weight, in_name, placeholder, merged)))
    return lines


def _text_spans(sheet: Sheet, table: Table) -> dict[str, range]:
    """A 评价标准 header merged over columns no other header names ("评价标准" over G:H): role -> the columns right of
    its own that a row may continue the text in ("…≤100%，计6分；" | "每超过1个百分点扣0.5分，扣完为止。")."""
    out: dict[str, range] = {}
    taken = {col.col for col in table.columns.values()}
    for role in _SPANNING:
        col = table.columns.get(role)
        if col is None:
            continue
        right = max(sheet.bottom_right((r, col.col))[1] for r in range(table.header[0], table.header[1] + 1))
        more = range(col.col + 1, right + 1)
        if more and not taken & set(more):
            out[role] = more
    return out


_SPANNING = ("standard",)


def _joined(sheet: Sheet, r: int, hit: Hit, more: range, weight: Hit | None) -> Hit:
    """A row's 评价标准 with what it goes on with in the cells of its own to the right, under the same header, where
    the two together read as a standard ("≤5%得满分；" | "每超1个百分点扣1分"; "…扣0.2分；" | "低于80%不得分"); a remark
    beside a standard ("扣0.4分", "截至12月31日数据", "6分") makes a text that does not, and stays apart."""
    parts = [sheet.cells.get((r, c)) for c in more if sheet.anchor((r, c)) == (r, c)]
    rest = [part.strip() for part in parts if type(part) is str and part.strip()]
    if type(hit.raw) is not str or not rest:
        return hit
    text = "；".join([hit.raw.strip().rstrip("；;，,。"), *rest])
    points = parse_weight(weight.raw) if weight is not None else None
    # read with the row's 分值, or with none (a full mark its 分值 contradicts is the checks' to say, not a reason to
    # keep half the text)
    usable = any(parse_standard(text, w).status in ("read", "default") for w in {points, None})
    return hit._replace(raw=text) if usable else hit


def _same_weight(sheet: Sheet, r: int, weight_col: int | None, current: Level, so_far: float) -> bool:
    """The level's own 分值 cell starts in this row with the weight of the group above, whose rows so far fall short
    of it (its page break: 益阳's "过程 (50分)" at 35 of 50); a group already whole is followed by another."""
    if weight_col is None or current.weight is None or sheet.anchor((r, weight_col))[0] != r:
        return False
    return parse_weight(sheet.value((r, weight_col))) == current.weight and so_far < current.weight - 1e-6


def _new_group(sheet: Sheet, r: int, weight_col: int | None, current: Level) -> bool:
    """A blank group name whose own 分值 cell starts in this row with another weight: a group left unnamed (the same
    weight again is the group above printed twice, as across a page break)."""
    if weight_col is None or sheet.anchor((r, weight_col))[0] != r:
        return False
    weight = parse_weight(sheet.value((r, weight_col)))
    return weight is not None and weight != current.weight


def _repeated(level: Level, current: Level) -> bool:
    """The same group name again, with no other weight: the group goes on."""
    return (
        current.cell is not None
        and level.name == current.name
        and (level.weight is None or level.weight == current.weight)
    )


def _level(sheet: Sheet, r: int, anchor: Pos, value: object, weight_col: int | None, inner: bool) -> Level:
    level = _level_cell(sheet.name, anchor, value, inner)
    if weight_col is not None and not inner:
        own = parse_weight(sheet.value((r, weight_col)))  # the level's own 分值 column wins over "(50分)"
        if own is not None:
            level = level._replace(weight=own, weight_cell=hit_at(sheet, (r, weight_col), level.text))
    return level


@lru_cache(maxsize=1 << 12, typed=True)
def _level_cell(sheet: str, anchor: Pos, value: object, inner: bool) -> Level:
    """The level written in a cell (cached: a batch's forms print the same groups in the same cells; a Level is
    immutable, so returns share it)."""
    text = value.strip() if type(value) is str else str(value).strip()
    name, weight = _level_text(text, inner)
    cell = new_hit((sheet, a1(anchor), value, text))
    return new_level((text, name, weight, cell, cell if weight is not None else None))


@lru_cache(maxsize=1 << 12)
def _level_text(text: str, inner: bool) -> tuple[str, float | None]:
    """(name, weight) of a level's text: a 三级 name's weight as ``embedded_weight`` reads it, an outer level's from
    a trailing "(50分)" (cached: a batch's tables repeat the same names)."""
    norm = unicodedata.normalize("NFKC", text)
    match = None if inner else _LEVEL_WEIGHT.search(norm)
    weight = embedded_weight(text) if inner else (float(match.group(1) or match.group(2)) if match else None)
    name = norm[: match.start()] if match else norm
    return re.sub(r"\s+", "", name), weight


def _weight(hit: Hit | None, name: Level) -> tuple[Hit | None, bool]:
    """The row's declared 分值: its own column when a number is there, else the weight inside its name."""
    if hit is not None and parse_weight(hit.raw) is not None:
        return hit, False
    if name.cell is not None and name.weight is not None:
        return name.cell, True
    return hit, False


def _is_mark(name: str) -> bool:
    """ "指标2：", "……", "*", "/" or nothing: a placeholder's name."""
    key = label_key(name)
    return not key or set(key) <= _MARKS


def _left_to_fill(name: str, placeholders: frozenset[str]) -> bool:
    """ "（请填写指标名称）", "备用指标2": a template's name for a row left to fill, brackets and numbering aside."""
    return bool(placeholders) and label_key(name).strip("()").rstrip("0123456789") in placeholders


def is_filled(raw: object) -> bool:
    if raw is None:
        return False
    if isinstance(raw, str):
        return bool(raw.strip()) and parse_number(raw).status != "empty"
    return True


def hit_at(sheet: Sheet, pos: Pos, label: str) -> Hit:
    anchor = sheet.anchor(pos)
    return Hit(sheet.name, a1(anchor), sheet.cells.get(anchor), label)


def caption(sheet: Sheet, top: int, first_level: int, last: int) -> Level | None:
    """A cell left of the level columns, from the header's top row merged down over the whole body, that prints a
    weight ("年度绩效目标(80分)" beside 一级指标 …): the group of every row of the table."""
    for c in range(first_level):
        pos = (top, c)
        if sheet.anchor(pos) != pos or sheet.bottom_right(pos)[0] < last:
            continue
        value = sheet.cells.get(pos)
        if isinstance(value, str) and value.strip():
            level = _level_cell(sheet.name, pos, value, False)
            return level if level.weight is not None else None
    return None


def signature_line(sheet: Sheet, r: int, table: Table) -> bool:
    """A row of who signs the form ("填表人： | 财务负责人： | 单位负责人：", "填表人（签字）：", "填表人 | 张三"),
    under its last indicator: its first cell is a signer's (or the date's) label — with a colon, or nothing else — and
    so is every cell with a colon, a name or date after it or not; never a row with a number under the table's 分值
    or 得分 ("项目负责人：目标任务完成率 | 15 | 14.5" is an indicator)."""
    points = {col.col for role, col in table.columns.items() if role in ("weight", "score")}
    cells = sheet.rows.get(r, ())
    if any(c in points and isinstance(value, (int, float)) for c, value in cells):
        return False
    texts = [value.replace(":", "：") for _, value in cells if type(value) is str and value.strip()]
    if not texts or not _signer(texts[0].split("：", 1)[0]) or ("：" not in texts[0] and len(texts[0]) > 12):
        return False
    return all(_signer(text.split("：", 1)[0]) for text in texts if "：" in text)


def _signer(label: str) -> bool:
    """A signer's label: "填表人", "财务负责人（签字）", and any label sealed or signed ("单位（盖章）")."""
    if any(found.group(1) in _SEALED for found in _BRACKETED.finditer(label)):
        return True
    return _SIGNER.fullmatch(_BRACKETED.sub("", label).strip()) is not None


# 填表人, 财务负责人, 分管领导, 审核人, 联系电话, 填报日期 (a bracket after it, "（签字）", "(盖章)", is dropped)
_SIGNER = re.compile(
    r"[\u4e00-\u9fff]{0,6}(?:填表|填报|制表|经办|联系|审核|复核|审批|负责|签字|签名)人?|[\u4e00-\u9fff]{0,4}(?:领导|主管)"
    r"|(?:联系|联络)?电话|联系方式|(?:填报|填表|报送|编制|制表|签字)?(?:日期|时间)|(?:单位)?盖章|签字|签名"
)
_BRACKETED = re.compile(r"[(（]([^()（）]{0,8})[)）]")
_SEALED = frozenset({"盖章", "公章", "签章", "签字", "签名", "签字盖章", "盖章签字"})
