"""The pipeline: file → sniff → grid → locate → compute (column-wise, whole batch) → checks → report.

``load`` does the per-file part (it is what a worker process runs in a batch); ``evaluate`` does the
batch part over every loaded file at once. ``score_paths`` is both, for one file or ten thousand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from perfxl.check.declared import findings_of
from perfxl.check.groups import group_weight_findings
from perfxl.check.listing import listing_findings
from perfxl.check.score_sheet import other_basis
from perfxl.check.working import formula_words, rate_formula, rule_basis
from perfxl.compute.extra_scores import kept_points
from perfxl.compute.quantities import same_quantity_values
from perfxl.compute.rates import compute
from perfxl.compute.selfeval import cross_form_findings, instance_results
from perfxl.compute.tables import Rows
from perfxl.errors import ErrorCode, FileTimeout, InputError, PerfxlError, Stopped
from perfxl.locate.choose import choose
from perfxl.locate.extra_rows import other_kind, signed_weight
from perfxl.locate.fields import describe
from perfxl.locate.forms import locate
from perfxl.locate.headers import vocabulary
from perfxl.locate.located import Hit, Located
from perfxl.read.grid import Sheet, read_sheets
from perfxl.read.sniff import sniff
from perfxl.read.values import fmt, is_empty, parse_number
from perfxl.report.findings import Finding
from perfxl.report.headline import headline_from_instances
from perfxl.report.results import FileError, FileResult, IndicatorResult, RateResult, Report, RulesUsed
from perfxl.rules import FormDef, IndicatorDef, RuleSet
from perfxl.rules.auto import AutoRules, Rules


@dataclass
class Loaded:
    """One input after the per-file steps: what was found and the rule set that read it, or why it could not be
    read."""

    path: str
    located: Located | None = None
    error: PerfxlError | None = None
    notes: list[str] = field(default_factory=list)
    rules: RuleSet | None = None
    used: RulesUsed | None = None
    fingerprint: str | None = None  # of the bytes read (the scored copy is made from the same)


def load(path: str | Path, rules: Rules) -> Loaded:
    """Sniff, read and locate one workbook (by the rule set that fits it, under ``auto``); an unreadable file is
    returned with its error, not raised."""
    try:
        sniffed = sniff(Path(path))
        sheets = read_sheets(sniffed.path, sniffed.package, sniffed.problems, sniffed.hidden, sniffed.percents)
        if isinstance(rules, AutoRules):
            choice = choose(sheets, rules.candidates)
            ruleset = choice.rules
            used = RulesUsed(ruleset.name, ruleset.title, choice.reason, chosen=True, matched=choice.matched)
        else:
            ruleset = rules
            used = RulesUsed(rules.name, rules.title, f"按指定的规则「{rules.name}」")
        located = locate(sheets, ruleset)
        located.forced, located.matched = not used.chosen, used.matched
        if not located.forms and not located.lists:  # a list of projects alone (汇总表) is read and checked
            raise InputError(_nothing_found(sheets, ruleset), code=ErrorCode.NO_FORM, file=path)
        notes = [*sniffed.warnings, *located.notes]
        return Loaded(str(path), located, notes=notes, rules=ruleset, used=used, fingerprint=sniffed.fingerprint)
    except PerfxlError as exc:
        return Loaded(str(path), error=exc)
    except FileTimeout as exc:
        why = f"读取和识别超过 {exc.seconds:g} 秒仍未完成，已放弃(文件可能过于复杂，或被构造成拖慢读取)"
        return Loaded(str(path), error=InputError(why, code=ErrorCode.TIMEOUT, file=path))
    except MemoryError:
        why = "读取和识别该文件所需内存超过上限(audit --memory)，已放弃(文件可能过于复杂，或被构造成占用大量内存)"
        return Loaded(str(path), error=InputError(why, code=ErrorCode.TOO_COMPLEX, file=path))
    except (KeyboardInterrupt, SystemExit, Stopped):
        raise
    except BaseException as exc:  # a reader's own bug on an odd file (a Rust panic through pyo3 is a BaseException)
        error = InputError(f"读取时出现内部错误({type(exc).__name__}: {exc})", code=ErrorCode.INTERNAL_ERROR, file=path)
        return Loaded(str(path), error=error)


def _nothing_found(sheets: list[Sheet], rules: RuleSet) -> str:
    """The one-line error for a workbook with no known form: what perfxl did see in its sheets."""
    try:
        words = vocabulary(rules)
    except ValueError:  # a rule set without the 自评表's header words: name the forms it knows instead
        known = "、".join(title for form in rules.forms.values() for title in _titles(form))
        return f"未找到可识别的表格(已知: {known})"
    seen = [describe(sheet, words) for sheet in sheets[:_DESCRIBED]]
    more = f"；另有 {len(sheets) - _DESCRIBED} 个工作表" if len(sheets) > _DESCRIBED else ""
    return f"未找到可识别的表格: {'；'.join(seen) or '工作簿中没有工作表'}{more}"


_DESCRIBED = 3  # sheets described in the one-line error; the rest are counted
_LIST = "汇总表(每行一个项目或单位)"  # a list of projects or units, named among the forms read


def _titles(form: FormDef) -> list[str]:
    """What a person calls a form: each 自评表 variant by its own title."""
    if form.self_eval is not None:
        return [title for _, title, _ in form.self_eval.variants]
    return [form.display]


def evaluate(loaded: Sequence[Loaded], rules: Rules, explain: bool = True) -> Report:
    """Compute and check every loaded workbook together, column-wise over the books each rule set read; errors pass
    through as error entries.

    ``explain=False`` leaves out the working of each rate and score (RateResult.formula, IndicatorResult.basis
    are ""), for a batch that keeps only the summary's rows; findings are the same either way."""
    by_rules: dict[int, tuple[RuleSet, list[Loaded]]] = {}
    for item in loaded:
        if item.located is not None and item.rules is not None:
            by_rules.setdefault(id(item.rules), (item.rules, []))[1].append(item)
    results: dict[str, FileResult] = {}
    for ruleset, good in by_rules.values():
        results.update(_evaluated(good, ruleset, explain))
    files = []
    for item in loaded:
        if item.path in results:
            files.append(results[item.path])
        else:
            err = item.error or InputError("未知错误", file=item.path)
            files.append(FileResult(item.path, "error", FileError.of(err), notes=item.notes))
    return Report(files, rules.name)


def _evaluated(good: list[Loaded], rules: RuleSet, explain: bool) -> dict[str, FileResult]:
    """The results of the books one rule set read."""
    books = [item.located for item in good if item.located is not None]
    results: dict[str, FileResult] = {}
    if books:
        rows = compute(books, rules).rows()
        evals = instance_results(books, rules)
        for item, book, row, (instances, eval_findings) in zip(good, books, rows, evals, strict=True):
            formulas = _Formulas(row, rules)
            bases = _Bases(row, rules, formulas)
            findings = findings_of(book, row, bases, rules) + eval_findings
            findings += cross_form_findings(book, instances, row.values, rules)
            findings += listing_findings(book.lists, rules, instances)
            for inst in book.instances:
                findings += group_weight_findings(inst.groups, rules.score_tol, f"{inst.name}·")
            result = _file_result(item, book, row, bases, formulas, findings, rules, explain)
            result.instances = instances
            result.forms += [{"form": inst.title, "sheet": inst.sheet} for inst in instances]
            # a list beside a form (on any sheet it is printed on) is that form's, not one more
            read = {form.get("sheet") for form in result.forms} | {s for inst in book.instances for s in inst.sheets}
            lists = dict.fromkeys(listing.sheet for listing in book.lists if listing.sheet not in read)
            result.forms += [{"form": _LIST, "sheet": sheet} for sheet in lists]
            if result.unit is None:
                result.unit = next((str(i.header["unit"].raw) for i in book.instances if "unit" in i.header), None)
            headline_from_instances(result)
            result.rules, result.fingerprint = item.used, item.fingerprint
            results[item.path] = result
    return results


def score_paths(paths: Sequence[str | Path], rules: Rules) -> Report:
    """Score workbooks: one or many, the same path."""
    return evaluate_each([load(p, rules) for p in paths], rules)


def evaluate_each(loaded: Sequence[Loaded], rules: Rules, explain: bool = True) -> Report:
    """``evaluate``, and where a checker's own bug stops it on some file, each file again on its own: that file gets
    an internal-error entry, the others their results (one odd file never costs a batch)."""
    try:
        return evaluate(loaded, rules, explain)
    except (KeyboardInterrupt, SystemExit, Stopped):
        raise
    except Exception:
        files: list[FileResult] = []
        for item in loaded:
            try:
                files += evaluate([item], rules, explain).files
            except (KeyboardInterrupt, SystemExit, Stopped):
                raise
            except Exception as exc:
                why = f"核算时出现内部错误({type(exc).__name__}: {exc})"
                error = InputError(why, code=ErrorCode.INTERNAL_ERROR, file=item.path)
                files += evaluate([Loaded(item.path, error=error, notes=item.notes)], rules, explain).files
        return Report(files, rules.name)


# ---------------------------------------------------------------- assembling one file's result


class _Formulas(dict[str, str]):
    """The working of each rate of one workbook ("(18 − 20) / 20 = −10.00%"), made once when first asked for."""

    def __init__(self, row: Rows, rules: RuleSet) -> None:
        super().__init__()
        self.row, self.rules = row, rules

    def __missing__(self, name: str) -> str:
        text = self[name] = rate_formula(self.row.values, self.rules.rates[name], self.row.rates[name])
        return text


class _Bases(dict[str, str]):
    """The working of every indicator score of one workbook, each made when first asked for."""

    def __init__(self, row: Rows, rules: RuleSet, formulas: _Formulas) -> None:
        super().__init__()
        self.row, self.rules, self.formulas = row, rules, formulas

    def __missing__(self, name: str) -> str:
        text = self[name] = _basis(self.rules.indicator(name), self.row, self.rules, self.formulas)
        return text


def _basis(ind: IndicatorDef, row: Rows, rules: RuleSet, formulas: _Formulas) -> str:
    rule, weight, standard, name = ind.rule, ind.weight, None, rules.rate_of(ind)
    printed = row.printed.get(ind.name)
    if printed is not None and printed.applied:
        rule, weight, standard = printed.rule, printed.score_weight, printed.text
    stated = row.stated.get(ind.name)
    if stated is not None and rule.kind != "declared":  # no inputs in the workbook: the rate the row itself states
        said, rate = stated
        return rule_basis(f"{name or ind.name}: 按本行{said}", rate, rule, weight, row.rule_scores[ind.name], standard)
    if rule.kind == "declared" or name is None:
        return f"保留填报得分(无法复核: {rule.why or '无计算依据'})"
    rate_def, rate = row.defined.get(ind.name, (rules.rates[name], row.rates[name]))
    if rule.absent == "full" and not any(row.present[k] for k in rate_def.inputs):
        return f"工作簿中没有{name}的数据，按无此类项目计满分 → {fmt(weight)}分"
    if math.isnan(rate):
        return f"保留填报得分(无法复核: {ind.rule.why})" if ind.rule.why else f"缺少计算{name}所需的数据"
    if ind.name in row.defined:
        shown = same_quantity_values(row.values, rules)
        text = f"{name} = {rate_formula(shown, rate_def, rate)}(按本表指标说明: {formula_words(rules, rate_def)})"
    else:
        text = f"{name} = {formulas[name]}"
    return rule_basis(text, rate, rule, weight, row.rule_scores[ind.name], standard)


def _file_result(
    item: Loaded,
    book: Located,
    row: Rows,
    bases: _Bases,
    formulas: _Formulas,
    findings: list[Finding],
    rules: RuleSet,
    explain: bool,
) -> FileResult:
    rate_results = []
    present = row.present
    for rate in rules.rates.values():
        if not all(map(present.__getitem__, rate.inputs)):
            continue
        value = row.rates[rate.name]
        hit = book.fields.get(rate.declared) if rate.declared else None
        blank = hit is not None and is_empty(hit.raw)  # a "—" or "/" typed there is the unit's, not written over
        rate_results.append(
            RateResult(
                rate.name,
                None if math.isnan(value) else value,
                formulas[rate.name] if explain else "",
                None if hit is None or hit.raw is None else str(hit.raw),
                hit.sheet if hit else None,
                hit.cell if hit else None,
                filled=blank and not math.isnan(value),
            )
        )
    indicators = []
    for ind in rules.indicators:
        found = book.indicators.get(ind.name)
        if found is None:
            continue
        weight, effective = row.weights[ind.name], row.effective[ind.name]
        declared, rule_score = row.declared[ind.name], row.rule_scores[ind.name]
        shared = weight == 0
        printed = row.printed.get(ind.name)
        if not explain:
            basis = ""
        elif shared and found.shared_with:
            basis = f"与「{found.shared_with[0]}」等合并计分"
        else:
            basis = bases[ind.name]
        if explain and found.shared_with and not shared:
            basis = f"合并计分({'、'.join((ind.name, *found.shared_with))}，分值 {fmt(weight)}): {basis}"
        indicators.append(
            IndicatorResult(
                name=ind.name,
                weight=printed.score_weight
                if printed is not None and printed.applied
                else ind.weight
                if shared or found.shared_with or math.isnan(weight)
                else weight,  # the 分值 its own row prints, else the rule set's
                score=None if shared or math.isnan(effective) else effective,
                declared=None if math.isnan(declared) else declared,
                rule_score=None if math.isnan(rule_score) else rule_score,
                sheet=found.score.sheet,
                cell=found.score.cell,
                basis=basis,
                filled=not shared and found.score.raw is None and not math.isnan(rule_score),
            )
        )
    indicators += _other_results(book, row, rules, explain)
    total = row.total
    said = book.total if book.total is not None else book.header_total  # the 合计, else the 自评总分 above
    declared_total = parse_number(said.raw).value if said is not None else None
    has_scores = bool(book.indicators or book.others)
    return FileResult(
        file=item.path,
        unit=book.unit,
        forms=[
            {"form": rules.forms[f].display, "sheet": s}
            for f, s in book.forms.items()
            if rules.forms[f].kind != "self_eval"
        ],  # each 自评表 is listed on its own by the caller
        rates=rate_results,
        indicators=indicators,
        total=None if not has_scores or math.isnan(total) else total,
        declared_total=declared_total,
        total_at=(book.total.sheet, book.total.cell) if book.total is not None else None,
        max_total=_marks(book, row, rules) if has_scores else None,
        grade=rules.grade_of(total, book.grades) if has_scores and row.complete and not math.isnan(total) else None,
        complete=row.complete,
        declared_grade=_typed_text(book.grade),
        grade_at=(book.grade.sheet, book.grade.cell) if book.grade is not None else None,
        flags=findings,
        notes=item.notes,
    )


def _marks(book: Located, row: Rows, rules: RuleSet) -> float:
    """What the score table is out of: the 分值 of the rows it prints (as ``compute`` weighs them) and of the rows no
    rule covers — but a 加分项's or 扣分项's, where without them the 分值 make the marks a table is out of (100)."""
    printed = sum(w for w in row.weights.values() if not math.isnan(w))
    every = printed + sum(o.weight for o in book.others if o.weight is not None)
    base = printed + sum(o.weight for o in book.others if o.weight is not None and not other_kind(o))
    full, tol = rules.max_total, rules.score_tol
    return base if abs(base - full) <= tol < abs(every - full) else every


def _other_results(book: Located, row: Rows, rules: RuleSet, explain: bool) -> list[IndicatorResult]:
    """The score-table rows no rule covers: scored by their printed standard where they name a rate the rule set
    computes, else the declared score kept within 0 ≤ 得分 ≤ 分值."""
    out = []
    scored = {s.at: s for s in row.other_scores if not math.isnan(s.score)}
    for at, other in enumerate(book.others):
        parsed = parse_number(other.score.raw)
        declared = parsed.value if parsed.ok else None
        by_rate = scored.get(at)
        if by_rate is not None:
            score: float | None = by_rate.score
            basis = other_basis(by_rate, rules, row.values) if explain else ""
        else:
            score = None
            kind = other_kind(other)
            if declared is not None and kind:  # a 加分项's or 扣分项's, signed as it counts in the total
                weight = signed_weight(other.weight, other.weight_cell)
                score = kept_points(declared, weight, kind, other.taken_off)
            elif declared is not None:
                score = min(max(declared, 0.0), declared if other.weight is None else other.weight)
            basis = f"规则中没有此指标，保留填报得分 {fmt(declared)}" if explain else ""
        out.append(
            IndicatorResult(
                name=other.name,
                weight=other.weight,
                score=score,
                declared=declared,
                rule_score=None if by_rate is None else by_rate.score,
                sheet=other.score.sheet,
                cell=other.score.cell,
                basis=basis,
                known=by_rate is not None,
                filled=by_rate is not None and is_empty(other.score.raw),
            )
        )
    return out


def _typed_text(hit: Hit | None) -> str | None:
    """What a cell holds as text, None when it is blank (a blank cell is not the text "None")."""
    if hit is None or hit.raw is None:
        return None
    return str(hit.raw).strip() or None
