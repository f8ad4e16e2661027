"""The person's own workbook back, scored: blank cells filled, disagreements highlighted, two sheets added.

Everything else in the workbook stays as it was, byte for byte (see ``perfxl.write.patch``). The output is
written to a temporary file beside the destination and moved into place, so a reader never sees half
a file; the input is never opened for writing.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from perfxl.errors import ErrorCode, OutputError, PerfxlError, os_reason
from perfxl.read.sniff import fingerprint
from perfxl.read.values import fmt, fmt_pct, round_half_up
from perfxl.report.findings import SEVERITY_ZH, Code, Finding
from perfxl.report.instances import InstanceResult
from perfxl.report.results import FileResult
from perfxl.rules import Grade, RuleSet
from perfxl.write.atomic import atomic_path
from perfxl.write.patch import CellEdit, NewCell, NewSheet, PatchResult, Style, new_workbook, patch_workbook
from perfxl.write.patch.styles import MARK_LEGEND

_SEVERITY_STYLE: dict[str, Style] = {"error": "bad", "warning": "text", "info": "muted"}
RESULT_SHEET = "评分结果"
CHECK_SHEET = "一致性检查"


SCORED = "_评分"  # what a scored copy's name adds to its input's


def default_output(src: Path) -> Path:
    """<stem>_评分.xlsx beside the input (always .xlsx: macros are never carried over)."""
    return src.with_name(f"{src.stem}{SCORED}.xlsx")


def _link(sheet: str | None, cell: str | None) -> str | None:
    if not sheet or not cell:
        return None
    return "'" + sheet.replace("'", "''") + "'!" + cell


def _instance_fills(inst: InstanceResult) -> list[CellEdit]:
    """A 自评表's blank cells perfxl can work out: each indicator's 得分, the 执行率得分, the total and the 等级."""
    out = [
        CellEdit(ind.sheet, ind.cell, "filled", round_half_up(ind.score, 2), f"perfxl 计算: {ind.basis}")
        for ind in inst.indicators
        if ind.declared is None and ind.score is not None and ind.cell and ind.blank
    ]
    if inst.exec_at is not None and inst.exec_declared is None and inst.exec_score is not None and inst.exec_blank:
        sheet, cell = inst.exec_at
        weight = inst.exec_weight or 0.0
        share = f" × {fmt_pct(inst.exec_score / weight * 100)}" if weight else ""
        working = f"perfxl 计算: 执行率得分 = 分值 {fmt(weight)}{share} = {fmt(inst.exec_score)}"
        out.append(CellEdit(sheet, cell, "filled", round_half_up(inst.exec_score, 2), working))
    if inst.total_at is not None and inst.total is not None:
        sheet, cell = inst.total_at
        total = round_half_up(inst.total, 2)
        out.append(CellEdit(sheet, cell, "filled", total, "perfxl 计算: 执行率得分与各指标得分之和"))
    if inst.grade_at is not None and inst.grade:
        sheet, cell = inst.grade_at
        out.append(CellEdit(sheet, cell, "filled", inst.grade, f"perfxl 计算: 总分 {fmt(inst.total)} → {inst.grade}"))
    return out


def cell_edits(result: FileResult) -> list[CellEdit]:
    """Blank score, rate, total and grade cells filled; cells with an error or warning flagged."""
    filled: dict[tuple[str, str], CellEdit] = {}
    for ind in result.indicators:
        if ind.filled and ind.sheet and ind.cell and ind.rule_score is not None:
            filled[(ind.sheet, ind.cell)] = CellEdit(
                ind.sheet, ind.cell, "filled", round_half_up(ind.rule_score, 2), f"perfxl 计算: {ind.basis}"
            )
    for rate in result.rates:
        if rate.filled and rate.sheet and rate.cell and rate.value is not None:
            filled[(rate.sheet, rate.cell)] = CellEdit(
                rate.sheet, rate.cell, "filled", round(rate.value, 2), f"perfxl 计算: {rate.formula}", percent=True
            )
    for inst in result.instances:
        for edit in _instance_fills(inst):
            filled[(edit.sheet, edit.cell)] = edit
        for funds in inst.funds:
            if funds.filled and funds.cell and funds.rate is not None:
                filled[(funds.sheet, funds.cell)] = CellEdit(
                    funds.sheet,
                    funds.cell,
                    "filled",
                    round(funds.rate, 2),
                    f"perfxl 计算: {funds.working}",
                    percent=True,
                )
    if result.total_at and result.declared_total is None and result.total is not None:
        sheet, cell = result.total_at
        filled[(sheet, cell)] = CellEdit(
            sheet, cell, "filled", round_half_up(result.total, 2), "perfxl 计算: 各指标得分之和"
        )
    if result.grade_at and not (result.declared_grade or "").strip() and result.grade:
        sheet, cell = result.grade_at
        filled[(sheet, cell)] = CellEdit(
            sheet, cell, "filled", result.grade, f"perfxl 计算: 总分 {fmt(result.total)} → {result.grade}"
        )
    notes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for flag in result.sorted_flags():
        if flag.severity != "info" and flag.sheet and flag.cell and (flag.sheet, flag.cell) not in filled:
            notes[(flag.sheet, flag.cell)].append(f"[{SEVERITY_ZH[flag.severity]}] {flag.message}")
    flagged = [CellEdit(s, c, "flagged", note="perfxl 检查:\n" + "\n".join(msgs)) for (s, c), msgs in notes.items()]
    return [*filled.values(), *flagged]


def _mark(ok: bool | None) -> NewCell:
    if ok is None:
        return NewCell("—", "muted")
    return NewCell("✓", "ok") if ok else NewCell("✗", "bad")


def grade_bands(grades: tuple[Grade, ...]) -> str:
    """The rule set's grades as people read them: "优≥90，良80–90，中60–80，差<60"."""
    parts = []
    for i, grade in enumerate(grades):
        if i == 0:
            parts.append(f"{grade.grade}≥{fmt(grade.min)}")
        elif i == len(grades) - 1:
            parts.append(f"{grade.grade}<{fmt(grades[i - 1].min)}")
        else:
            parts.append(f"{grade.grade}{fmt(grade.min)}–{fmt(grades[i - 1].min)}")
    return "，".join(parts)


# Column widths (characters of the default font): at most PAGE_WIDTH in all, what fits across A4 landscape inside the
# new sheets' half-inch margins at 100 % (about 770 pt; a character is about 5.25 pt at 11 pt), so fit-to-width never
# shrinks the type below the workbook's own size; long text wraps instead and its row grows.
PAGE_WIDTH = 140
_RESULT_WIDTHS = (8, 26, 7, 52, 11, 10, 11, 6, 9)
_CHECK_WIDTHS = (6, 9, 16, 12, 8, 20, 11, 11, 47)


def result_sheet(result: FileResult, rules: RuleSet) -> NewSheet:
    """评分结果: every rate and indicator with its inputs, working, computed and declared values."""
    counts = result.counts()
    summary = (
        f"总分 {fmt(result.total)} / {fmt(result.max_total)}　等级 {result.grade or '—'}　"
        f"错误 {counts['error']} 项　警告 {counts['warning']} 项　提示 {counts['info']} 项　规则: {rules.title}"
    )
    if result.rules is not None and result.rules.chosen:
        summary += f"(自动选择: {result.rules.reason})"
    summary += f"　{MARK_LEGEND}"
    header = ["类别", "项目", "分值", "计算过程", "计算值", "规则得分", "填报值", "一致", "位置"]
    rows: list[list[NewCell]] = [
        [NewCell(f"评分结果　{result.unit or Path(result.file).name}", "title")],
        [NewCell(summary, "line")],
        [NewCell(h, "header") for h in header],
    ]
    bad_cells = {(f.sheet, f.cell) for f in result.flags if f.severity != "info"}
    for rate in result.rates:
        at = (rate.sheet, rate.cell)
        ok = None if rate.cell is None else at not in bad_cells
        rows.append(
            [
                NewCell("比率"),
                NewCell(rate.name),
                NewCell(None),
                NewCell(rate.formula),
                NewCell(rate.value, "percent"),
                NewCell(None),
                NewCell(rate.declared),
                _mark(ok),
                NewCell(rate.cell, "link", _link(rate.sheet, rate.cell)),
            ]
        )
    for ind in result.indicators:
        ok = None if ind.declared is None and ind.score is None else (ind.sheet, ind.cell) not in bad_cells
        rows.append(
            _indicator_row(
                ind.name,
                ind.weight,
                ind.basis,
                ind.score,
                ind.rule_score,
                ind.declared,
                _mark(ok),
                NewCell(ind.cell, "link", _link(ind.sheet, ind.cell)),
            )
        )
    for inst in result.instances:
        rows.extend(_instance_rows(inst, bad_cells, rules))
    if result.indicators:
        sheet, cell = result.total_at or (None, None)
        rows.append(
            [
                NewCell("合计", "header"),
                NewCell("总分"),
                NewCell(result.max_total, "number"),
                NewCell("各指标得分之和"),
                NewCell(result.total, "number"),
                NewCell(None),
                NewCell(result.declared_total, "number"),
                _mark(None if result.declared_total is None else (sheet, cell) not in bad_cells),
                NewCell(cell, "link", _link(sheet, cell)),
            ]
        )
        sheet, cell = result.grade_at or (None, None)
        rows.append(
            [
                NewCell("等级", "header"),
                NewCell("等级"),
                NewCell(None),
                NewCell(grade_bands(rules.grades)),
                NewCell(result.grade),
                NewCell(None),
                NewCell(result.declared_grade),
                _mark(None if not result.declared_grade else (sheet, cell) not in bad_cells),
                NewCell(cell, "link", _link(sheet, cell)),
            ]
        )
    return NewSheet(RESULT_SHEET, rows, list(_RESULT_WIDTHS), header_rows=3)


def _instance_rows(
    inst: InstanceResult, bad_cells: set[tuple[str | None, str | None]], rules: RuleSet
) -> list[list[NewCell]]:
    """A 自评表's funds rows, 执行率得分, indicators and total, in the 评分结果 columns."""

    # a form printed over two sheets: each indicator's cell is on its own row's sheet
    def mark(cell: str | None, sheet: str | None = None) -> NewCell:
        return _mark(None if cell is None else (sheet or inst.sheet, cell) not in bad_cells)

    def link(cell: str | None, sheet: str | None = None) -> NewCell:
        shown = f"{sheet}!{cell}" if cell is not None and sheet not in (None, inst.sheet) else cell
        return NewCell(shown, "link", _link(sheet or inst.sheet, cell))

    rows: list[list[NewCell]] = [[NewCell(f"{inst.title}", "header"), NewCell(inst.name, "header")]]
    for f in inst.funds:
        working = f.working
        rows.append(
            [
                NewCell("执行率"),
                NewCell(f.label),
                NewCell(None),
                NewCell(working),
                NewCell(f.rate, "percent"),
                NewCell(None),
                NewCell(f.declared_rate),
                mark(f.cell),
                link(f.cell),
            ]
        )
    if inst.exec_weight is not None:
        cell = inst.exec_at[1] if inst.exec_at else None
        rows.append(
            [
                NewCell("执行率得分"),
                NewCell("执行率得分"),
                NewCell(inst.exec_weight, "number"),
                NewCell("分值 × 执行率" + ("(封顶 100%)" if _capped(inst, rules) else "")),
                NewCell(inst.exec_score, "number"),
                NewCell(inst.exec_score, "number"),
                NewCell(inst.exec_declared, "number"),
                mark(cell),
                link(cell),
            ]
        )
    for ind in inst.indicators:
        rows.append(
            _indicator_row(
                ind.name,
                ind.weight,
                ind.basis,
                ind.score,
                ind.score,
                ind.declared,
                mark(ind.cell if ind.declared is not None else None, ind.sheet),
                link(ind.cell, ind.sheet),
            )
        )
    if inst.total is not None:
        rows.append(
            [
                NewCell("合计", "header"),
                NewCell("自评总得分"),
                NewCell(None),
                NewCell("执行率得分 + Σ 指标得分"),
                NewCell(inst.total, "number"),
                NewCell(None),
                NewCell(inst.declared_total, "number"),
                _mark(
                    None if inst.declared_total is None else abs(inst.declared_total - inst.total) <= rules.score_tol
                ),
                NewCell(None),
            ]
        )
    return rows


def _capped(inst: InstanceResult, rules: RuleSet) -> bool:
    spec = rules.forms[inst.form].self_eval
    return spec is None or spec.funds_cap


def check_sheet(result: FileResult) -> NewSheet:
    """一致性检查: every finding, worst first, each with a link to its cell."""
    # the finding's Chinese name only: its code (rate-mismatch …) is for programs, in the JSON
    header = ["序号", "严重程度", "问题", "工作表", "单元格", "项目", "填报值", "计算值", "说明"]
    rows: list[list[NewCell]] = [
        [NewCell(f"一致性检查　{result.unit or Path(result.file).name}", "title")],
        [NewCell(h, "header") for h in header],
    ]
    for n, flag in enumerate(result.sorted_flags(), start=1):
        style = _SEVERITY_STYLE[flag.severity]
        rows.append(
            [
                NewCell(n, "count"),
                NewCell(SEVERITY_ZH[flag.severity], style),
                NewCell(flag.code.zh),
                NewCell(flag.sheet),
                NewCell(flag.cell, "link", _link(flag.sheet, flag.cell)),
                NewCell(flag.item),
                NewCell(_shown(flag.declared)),
                _computed_cell(flag),
                NewCell(flag.message),
            ]
        )
    if not result.flags:
        rows.append([NewCell(None), NewCell("—", "muted"), NewCell(None), NewCell("未发现问题", "ok")])
    return NewSheet(CHECK_SHEET, rows, list(_CHECK_WIDTHS), header_rows=2)


def _computed_cell(flag: Finding) -> NewCell:
    """计算值; a rate as a percent ("-10.00%"), as its 填报值 beside it is typed ("10%"), not a bare "-10"."""
    value = _shown(flag.computed)
    return NewCell(value, "percent") if flag.code is Code.RATE_MISMATCH and isinstance(value, float) else NewCell(value)


def _shown(value: object) -> str | float | None:
    if value is None or isinstance(value, str):
        return value
    return float(value) if isinstance(value, int | float) else str(value)


def write_scored(src: Path, dst: Path, result: FileResult, rules: RuleSet, force: bool = False) -> PatchResult:
    """Write the scored copy of src to dst (atomically; never over src; never over dst without force)."""
    if dst.resolve() == src.resolve():
        raise OutputError("输出文件不能与输入文件相同", code=ErrorCode.OUTPUT_IS_INPUT, file=dst)
    sheets = [result_sheet(result, rules), check_sheet(result)]
    try:
        data = src.read_bytes()
    except OSError as exc:
        raise OutputError(f"无法再次读取输入文件: {os_reason(exc)}", code=ErrorCode.OUTPUT_FAILED, file=src) from exc
    try:
        if result.fingerprint is not None and fingerprint(data) != result.fingerprint:
            raise OutputError(
                "输入文件在评分之后被改动过，评分副本未写出；请重新评分", code=ErrorCode.INPUT_CHANGED, file=src
            )
        with atomic_path(dst, force) as tmp:
            if data[:4] == b"PK\x03\x04":
                return patch_workbook(src, tmp, cell_edits(result), sheets, data)
            outcome = new_workbook(tmp, sheets)  # legacy .xls: the results alone, the input stays as it is
            outcome.warnings.append("输入为 .xls 格式，输出仅包含评分结果与一致性检查两张表")
            return outcome
    except OSError as exc:
        raise OutputError(f"无法写入输出文件: {os_reason(exc)}", code=ErrorCode.OUTPUT_FAILED, file=dst) from exc
    except OutputError as exc:
        if exc.code == ErrorCode.OUTPUT_FAILED and exc.file not in (str(src), str(dst)):  # of its temporary file
            raise OutputError(exc.message, code=exc.code, file=dst) from exc
        raise
    except PerfxlError:
        raise
    except Exception as exc:  # an odd part the patcher did not foresee: this file's error, never a batch's
        raise OutputError(
            f"工作簿中有无法处理的内容，评分副本未写出({type(exc).__name__}: {exc})",
            code=ErrorCode.OUTPUT_FAILED,
            file=dst,
        ) from exc


def _indicator_row(
    name: str,
    weight: float | None,
    basis: str,
    score: float | None,
    rule_score: float | None,
    declared: float | None,
    mark: NewCell,
    link: NewCell,
) -> list[NewCell]:
    """One indicator's row of 评分结果: the score that counts beside the rule's and the declared one."""
    return [
        NewCell("指标"),
        NewCell(name),
        NewCell(weight, "number"),
        NewCell(basis),
        NewCell(score, "number"),
        NewCell(rule_score, "number"),
        NewCell(declared, "number"),
        mark,
        link,
    ]
