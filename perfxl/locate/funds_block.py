"""The funds block of a 自评表, read as a tree: 年度资金总额 ← 其中:财政拨款 (← 一般公共预算 / 政府性基金) /
上年结转 / 其他资金, and, on a department form, the total again by use (按支出性质分: 基本支出 / 项目支出).

A block starts at a header row naming an 执行数 column and a 预算数 column (全年预算数, 调整后预算数, or only
年初预算数); its lines follow until a row that neither names a funds row nor holds an amount (a caption such as
"按收入性质分：" over a named funds row does not end it). A line's parent comes from its label's kind (rule data:
``funds.rows``, ``breakdown``, ``uses``), else from "其中" or indentation (a child of the line above), else it hangs
under the top line, so a breakdown is never added again as a sibling.
"""

from __future__ import annotations

import re
import unicodedata

from perfxl.locate.funds_below import total_below
from perfxl.locate.funds_headers import AMOUNTS as _AMOUNTS
from perfxl.locate.headers import Column, Vocabulary, header_row
from perfxl.locate.located import Hit, new_hit
from perfxl.locate.numbering import is_numbering
from perfxl.locate.tabular import FundsBlock, FundsLine
from perfxl.read.grid import Sheet, a1
from perfxl.read.text import label_key
from perfxl.read.values import WAN, amount_text, parse_number

_FIRST_LEVEL = ("appropriation", "carryover", "other")
_SPACES = " \u3000\t"


def read_funds(sheet: Sheet, words: Vocabulary, head: int, columns: dict[str, Column], end: int) -> FundsBlock:
    """The block headed at row ``head``, its lines read no further than row ``end``."""
    columns, first_line = _split(sheet, words, head, columns)
    block = FundsBlock(sheet.name, "", head, columns)
    amount_cols = [col.col for role, col in columns.items() if role.startswith(_AMOUNTS)]
    first_col = min(col.col for col in columns.values())
    indents: list[int] = []
    beside: int | None = None  # the column of a second list of parts printed beside the first (按支出性质分)
    parents = (0, 0)  # the lines the two lists' parts belong to: the total, or their captions' own lines
    yuan = False  # the block's amounts are in 元 (the unit a figure after its label must be in, if it says one)
    lead = 0  # the column of the first caption: a row with words left of it starts the next part of the form
    for r in range(first_line, end + 1):
        if block.lines and any(key in words.lists for _, key in header_row(sheet, r)):
            break  # "任务名称 | 主要内容 | 预算数 | 执行数": a list (年度主要任务) printed right under the block
        if not block.lines and is_numbering(sheet, r, words.numbering):
            continue  # "栏次 | 1 | 2 | 3 | 4=3/2" under the header
        if block.lines and beside is None:
            beside = _second_list(sheet, words, r, first_col)
            if beside is not None:
                # "按收入性质分： | 按支出性质分：": two lists of the total's parts side by side follow; a caption that
                # prints its list's sum ("按支出性质分:1925.67") is a line of its own, its list's parent
                yuan = _in_yuan(sheet, head)
                parents = _captions(sheet, r, beside, block, indents, yuan)
                lead = min(c for c, v in sheet.rows.get(r, ()) if isinstance(v, str) and v.strip())
                continue
        if beside is not None:
            pairs = _pairs(sheet, words, r, first_col, beside, yuan)
            if not pairs or _new_section(sheet, r, lead):
                break
            for label, kind, hit in pairs:  # each list is a set of the total's parts (the form nests none)
                under = parents[1 if kind == "use" else 0]
                block.lines.append(FundsLine(r, label, kind if under == 0 else "", under, {"amount": hit}))
                indents.append(0)
            continue
        raw_label, kind, amounts = _line(sheet, words, r, first_col, amount_cols)
        if not block.lines and not amounts and _scored_line(sheet, r, columns):
            amounts = True  # the block's one line, its amounts left blank but its 执行率 and 得分 printed
        if not kind and not amounts:
            if block.lines and raw_label.strip() and r < end and _line(sheet, words, r + 1, first_col, amount_cols)[1]:
                continue  # "按收入性质分：": a caption over a row the rule data names
            if block.lines and _goes_elsewhere(sheet, r, lead or _label_col(sheet, block.lines[0].row, first_col)):
                break  # "年度总体目标 | 预期目标 | 实际完成情况" left of the lines' labels: the next part of the form
            if block.lines and raw_label.strip() and _amounts_follow(sheet, words, r, end, first_col, amount_cols):
                continue  # "①中央及省级财政资金" left blank: a part with nothing in it, the block goes on
            named_next = r < end and _line(sheet, words, r + 1, first_col, amount_cols)[1]
            if block.lines and not sheet.rows.get(r) and named_next:
                continue  # an empty row left between two lines the rule data names: the block goes on
            if block.lines or r > head + 2:
                break  # neither a funds row nor an amount: the block has ended
            continue
        indent = len(raw_label) - len(raw_label.lstrip(_SPACES))
        parent = _parent(block.lines, indents, kind, raw_label, indent)
        # a line break typed inside a label ("年度资金\n总额") is no part of its words
        label = re.sub(r"\s*\n\s*", "", raw_label.strip()) or _beside(sheet, r, first_col)
        cells = {
            role: _hit(sheet, r, col.col, label)
            for role, col in columns.items()
            if _owns(sheet, r, col.col, role.startswith(_AMOUNTS), amount_cols)
        }
        block.lines.append(FundsLine(r, label, kind, parent, cells))
        indents.append(indent)
    block.lines = total_below(block.lines)
    if "weight" not in columns:
        _printed_weight(sheet, block, head, first_col)
    if any(amount_text(hit.raw)[1] for line in block.lines for hit in line.cells.values()) and _in_yuan(sheet, head):
        block.lines = [_wan_as_yuan(line) for line in block.lines]
    return block


_YUAN = re.compile(r"[(（]\s*元\s*[)）]|单位[:：]\s*元")


def _in_yuan(sheet: Sheet, head: int) -> bool:
    """The block's amounts are in 元: its caption or a header cell says so ("项目资金(元)", "金额单位：元")."""
    texts = [str(sheet.cells[(r, c)]) for r in range(max(head - 2, 0), head + 1) for c, _ in sheet.row_keys(r)]
    return any(_YUAN.search(text) for text in texts)


def _wan_as_yuan(line: FundsLine) -> FundsLine:
    """An amount typed "1.2万" in a block kept in 元 is 12000 元, not 1.2."""
    cells = dict(line.cells)
    for role, hit in line.cells.items():
        text, wan = amount_text(hit.raw)
        if wan and role.startswith(_AMOUNTS):
            parsed = parse_number(text)
            if parsed.ok and parsed.value is not None:
                cells[role] = hit._replace(raw=round(parsed.value * WAN, 6))
    return FundsLine(line.row, line.label, line.kind, line.parent, cells) if cells != line.cells else line


_POINTS_IN_HEADER = (
    re.compile(r"(\d+(?:\.\d+)?)\s*分\s*[*×xX]"),  # 得分(20分*执行率)
    re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]"),  # 预算执行情况(万元)(20分)
)


def _printed_weight(sheet: Sheet, block: FundsBlock, head: int, first_col: int) -> None:
    """A block with no 分值 column that prints its points in a header ("得分(20分*执行率)") or in its caption
    ("预算执行情况(万元)(20分)"): that weight, at that cell, on each line with a 得分."""
    score = block.columns.get("score")
    cells = [sheet.anchor((head, score.col))] if score is not None else []
    cells += [(r, c) for r in range(max(head - 1, 0), head + 1) for c, _ in sheet.row_keys(r) if c < first_col]
    for pos in cells:
        text = unicodedata.normalize("NFKC", str(sheet.cells.get(pos, "")))
        found = next((m for pattern in _POINTS_IN_HEADER if (m := pattern.search(text))), None)
        if found is None:
            continue
        hit = new_hit((sheet.name, a1(pos), f"{found.group(1)}分", text))
        block.lines = [
            FundsLine(line.row, line.label, line.kind, line.parent, {**line.cells, "weight": hit})
            if "score" in line.cells
            else line
            for line in block.lines
        ]
        return


def _scored_line(sheet: Sheet, r: int, columns: dict[str, Column]) -> bool:
    """Row r prints a number of its own under the block's 执行率 and under its 得分."""
    return all(
        role in columns
        and sheet.anchor((r, columns[role].col))[0] == r
        and parse_number(sheet.value((r, columns[role].col))).ok
        for role in ("rate", "score")
    )


def _amounts_follow(sheet: Sheet, words: Vocabulary, r: int, end: int, first_col: int, amount_cols: list[int]) -> bool:
    """Some labelled row among the next few below r (within the block's reach) holds an amount."""
    for below in range(r + 1, min(end, r + _BLANK_PARTS) + 1):
        label, _, amounts = _line(sheet, words, below, first_col, amount_cols)
        if not label.strip():
            return False
        if amounts:
            return True
    return False


_BLANK_PARTS = 4  # labelled lines left blank in a row before the block counts as ended


_WORD = re.compile(r"[\u4e00-\u9fff]")  # a caption has words; "0/0" and "/" are blank amounts


def _second_list(sheet: Sheet, words: Vocabulary, r: int, first_col: int) -> int | None:
    """The column of the second caption of a row that captions two lists of parts side by side ("按收入性质分： |
    按支出性质分："): two words, one left of the amounts and no funds row's label, one among them, and nothing else
    ("上年结转资金 | /" is a funds row with a blank amount); None for any other row."""
    own = [(c, v) for c, v in sheet.rows.get(r, ()) if sheet.anchor((r, c)) == (r, c)]
    texts = [c for c, v in own if isinstance(v, str) and _WORD.search(v) and parse_number(v).status == "bad"]
    if len(texts) != 2 or len(own) != 2 or texts[0] >= first_col or texts[1] < first_col:
        return None
    if label_key(str(sheet.cells[(r, texts[0])])) in words.funds_rows:
        return None
    return texts[1]


def _pairs(
    sheet: Sheet, words: Vocabulary, r: int, first_col: int, beside: int, yuan: bool
) -> list[tuple[str, str, Hit]]:
    """The (label, kind, amount) of each of the two lists in row r: the left one's parts by source, the right one's
    by use (its kind "use"); an amount is the first number right of its label."""
    out = []
    own = [(c, v) for c, v in sheet.rows.get(r, ()) if sheet.anchor((r, c)) == (r, c)]
    for lo, hi, use in ((0, beside, False), (beside, 1 << 14, True)):
        texts = [(c, str(v).strip()) for c, v in own if lo <= c < hi and isinstance(v, str) and v.strip()]
        texts = [(c, t) for c, t in texts if not parse_number(t).ok and (use or c < first_col)]
        if not texts:
            continue
        at, label = texts[-1] if not use else texts[0]
        value = next((c for c, v in own if at < c < hi and parse_number(v).ok), None)
        inline = _inline(label, yuan) if value is None else None
        if inline is not None:  # "政府性基金拨款:118.82": the figure written after the label, in its cell
            label = inline.group("label")
            hit = Hit(sheet.name, a1((r, at)), inline.group("amount"), label)
        else:
            cell = (r, value if value is not None else sheet.bottom_right((r, at))[1] + 1)
            hit = _hit(sheet, cell[0], cell[1], label.rstrip(":："))
        label = _CAPTION_OPENS.sub("", label.rstrip(":："))
        kind = "use" if use else words.funds_rows.get(label_key(label), "")
        out.append((label, kind, hit))
    return out


# "其中: 一般公共预算:1325.68", "按收入性质分:2030.12": a label with its figure after a colon in the same cell, with
# the block's own unit after it at times ("其他资金:2880万元", "一般公共预算：18,736,600.00元")
_INLINE = re.compile(r"^(?P<label>.*?[^\d\s:：])\s*[:：]\s*(?P<amount>-?[\d,]+(?:\.\d+)?)\s*(?P<unit>万元|万|元)?\s*$")


def _inline(text: str, yuan: bool) -> re.Match[str] | None:
    """A label's figure after its colon, where the unit it says (if any) is the block's: "18,376,600.00元" on a form in
    万元 is no figure of it (read as 万元 it would be ten thousand times the total)."""
    found = _INLINE.match(text)
    unit = found.group("unit") if found is not None else None
    return found if unit is None or (unit == "元") == yuan else None


_CAPTION_OPENS = re.compile(r"^其中\s*[:：]\s*")


def _goes_elsewhere(sheet: Sheet, r: int, lead: int) -> bool:
    """Row r starts a part of the form of its own (``_new_section``), and is no caption of the lines that follow
    ("其中：", "按资金来源分：", "资金用途")."""
    texts = [str(v).strip() for c, v in sheet.rows.get(r, ()) if c < lead and isinstance(v, str) and v.strip()]
    return _new_section(sheet, r, lead) and not any(_CAPTION.search(text) for text in texts)


_CAPTION = re.compile(r"[:：]$|^其中|^按.*分|来源|用途|性质")


def _label_col(sheet: Sheet, r: int, first_col: int) -> int:
    """The column of line r's label: its first words left of the amounts (0 where it has none of its own)."""
    cols = [c for c, v in sheet.rows.get(r, ()) if c < first_col and isinstance(v, str) and v.strip()]
    return min(cols, default=0)


def _new_section(sheet: Sheet, r: int, lead: int) -> bool:
    """Row r starts a part of the form of its own: words in a cell of its own left of the lists ("年度总体目标")."""
    return any(
        c < lead and isinstance(v, str) and v.strip() and sheet.anchor((r, c)) == (r, c)
        for c, v in sheet.rows.get(r, ())
    )


def _captions(sheet: Sheet, r: int, beside: int, block: FundsBlock, indents: list[int], yuan: bool) -> tuple[int, int]:
    """The two captions of side-by-side lists, each added as a line when it prints its list's sum after a colon
    ("按收入性质分:2030.12 | 按支出性质分:1925.67"); the line each list's parts then belong to (else the total, 0)."""
    parents = [0, 0]
    for side, (c, v) in enumerate(
        (c, v) for c, v in sheet.rows.get(r, ()) if sheet.anchor((r, c)) == (r, c) and isinstance(v, str)
    ):
        inline = _inline(v.strip(), yuan)
        if inline is None or side > 1:
            continue
        hit = Hit(sheet.name, a1((r, c)), inline.group("amount"), inline.group("label"))
        parents[side] = len(block.lines)
        block.lines.append(FundsLine(r, inline.group("label"), "caption", 0, {"amount": hit}))
        indents.append(0)
    return parents[0], parents[1]


def _line(sheet: Sheet, words: Vocabulary, r: int, first_col: int, amount_cols: list[int]) -> tuple[str, str, bool]:
    """(label as written, its kind, whether the row holds an amount) of row r."""
    at = _label_cell(sheet, r, first_col)
    raw_label = "" if at is None else str(sheet.cells[at])
    kind = words.funds_rows.get(label_key(raw_label), "") if raw_label.strip() else ""
    # a text merged across the amount columns from the labels' side ("56.4" as a 预期目标) holds no amount
    amounts = any(_is_amount(sheet.value((r, c))) for c in amount_cols if sheet.anchor((r, c))[1] >= first_col)
    return raw_label, kind, amounts


def _split(sheet: Sheet, words: Vocabulary, head: int, columns: dict[str, Column]) -> tuple[dict[str, Column], int]:
    """Chongqing splits each amount into 总数 / 其中:财政资金 in the row below its header: the total keeps the role,
    the fiscal part is ``<role>_fiscal``. Returns the columns and the first line's row."""
    split = words.funds_split
    below = {c: key for c, key in sheet.row_keys(head + 1) if key in split}
    if not split or not below:
        return columns, head + 1
    out = dict(columns)
    for role, column in columns.items():
        if role not in _AMOUNTS:
            continue
        for c in range(column.col, sheet.bottom_right((head, column.col))[1] + 1):
            if below.get(c) == split[0]:
                out[role] = column._replace(col=c)
            elif below.get(c) == split[-1] and len(split) > 1:
                out[f"{role}_fiscal"] = Column(f"{role}_fiscal", c, str(sheet.cells[(head + 1, c)]).strip())
    return out, head + 2


def _label_cell(sheet: Sheet, r: int, first_col: int) -> tuple[int, int] | None:
    """The row's own label: its rightmost text cell left of the amounts that starts in this row (a block title
    merged down beside the lines, "项目资金(万元)", is nobody's label)."""
    label = None
    for c, _ in sheet.row_keys(r):
        if c < first_col and sheet.anchor((r, c)) == (r, c):
            label = (r, c)
    return label


def _beside(sheet: Sheet, r: int, first_col: int) -> str:
    """A line with no label of its own is shown by the block title merged down beside it ("项目资金(万元)")."""
    for c in range(first_col - 1, -1, -1):
        value = sheet.value((r, c))
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def _parent(lines: list[FundsLine], indents: list[int], kind: str, label: str, indent: int) -> int | None:
    if not lines:
        return None
    top = 0
    if kind == "total":
        return None
    last = len(lines) - 1
    if kind == "use":
        return top  # the total again, by use: a second set of its parts
    if kind == "breakdown":
        owner = next((i for i in range(last, -1, -1) if lines[i].kind == "appropriation"), None)
        if owner is not None:
            return owner
        # no 财政拨款 line: 一般公共预算 / 政府性基金 are siblings under whatever the first of them hangs from
        return lines[last].parent if lines[last].kind == "breakdown" else last
    if kind in _FIRST_LEVEL:
        return top  # 上年结转 / 其他资金 / 地方资金: the total's parts, however far indented under 中央补助
    if (
        lines[last].label.startswith("其中")
        and not label.lstrip(_SPACES).startswith("其中")
        and indent >= indents[last]
    ):
        return lines[
            last
        ].parent  # "其中：人员经费 / 公用经费" (aligned under 人员经费 or not): the 其中 line's sibling
    if indent > indents[last] and last != top:
        return last  # indented under the line above
    if label.lstrip(_SPACES).startswith("其中") and last != top:
        return last  # "其中:…" under a line that is not the top one
    return top


def _owns(sheet: Sheet, r: int, c: int, amount: bool, amount_cols: list[int]) -> bool:
    """Whether row r has a cell of its own in column c: a 分值/执行率/得分 merged down over several rows is the first
    row's; an amount merged across several amount columns is none of theirs (湖南's 收入性质 rows print one figure
    over 年初预算数 and 全年预算数)."""
    top = sheet.anchor((r, c))
    if not amount:
        return top[0] == r
    right = sheet.bottom_right(top)[1]
    return sum(top[1] <= col <= right for col in amount_cols) <= 1


def _is_amount(raw: object) -> bool:
    return parse_number(amount_text(raw)[0]).ok


def _hit(sheet: Sheet, r: int, c: int, label: str) -> Hit:
    anchor = sheet.anchor_of.get((r, c)) or (r, c)
    return new_hit((sheet.name, a1(anchor), sheet.cells.get(anchor), label))
