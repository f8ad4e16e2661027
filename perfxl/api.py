"""The library verbs, one per CLI command: ``score`` ↔ ``perfxl score``, ``template`` ↔ ``perfxl template``."""

from __future__ import annotations

from pathlib import Path

from perfxl.batch.discover import discover
from perfxl.batch.journal import Journal, Settings, in_use, journal_path
from perfxl.batch.limits import FILE_SECONDS, MEMORY_MB
from perfxl.batch.outputs import plan_outputs
from perfxl.batch.packed import Packed
from perfxl.batch.run import AuditResult, Progress
from perfxl.batch.run import audit as run_audit
from perfxl.errors import ErrorCode, InputError, OutputError, os_reason
from perfxl.pipeline import score_paths
from perfxl.report.results import Report
from perfxl.rules import DEFAULT_RULES, RuleSet, load_rules
from perfxl.rules.auto import AUTO, Rules, resolve_rules, rules_of, summary_rules
from perfxl.write.atomic import atomic_path, check_not_input, check_output, check_xlsx, sweep_temps
from perfxl.write.scored import default_output, write_scored
from perfxl.write.summary.workbook import write_summary
from perfxl.write.templates import write_template


def score(
    src: str | Path,
    output: str | Path | None = None,
    rules: str | Path | Rules = AUTO,
    force: bool = False,
    write: bool = True,
) -> Report:
    """Score one workbook; with ``write``, also write its scored copy (default ``<stem>_评分.xlsx``).

    Raises InputError when the file cannot be read or holds no known form, OutputError when the
    output cannot be written; findings in the data are in the report, never raised.
    """
    ruleset = resolve_rules(rules)
    path = Path(src)
    report = score_paths([path], ruleset)
    result = report.files[0]
    if result.error is not None:
        raise result.error.exception()
    if output is not None:
        check_xlsx(Path(output))
    if write:
        dst = Path(output) if output is not None else default_output(path)
        used = rules_of(ruleset, result.rules.name if result.rules is not None else None)
        patched = write_scored(path, dst, result, used, force=force)
        result.notes.extend(patched.warnings)
        result.output = str(dst)
    return report


def template(path: str | Path, rules: str | Path | RuleSet = DEFAULT_RULES, force: bool = False) -> Path:
    """Write the blank official workbook of a rule set (atomically)."""
    dst = Path(path)
    ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
    with atomic_path(dst, force) as tmp:
        write_template(ruleset, tmp)
    return dst


def audit(
    inputs: list[str | Path],
    output: str | Path,
    rules: str | Path | Rules = AUTO,
    workers: int = 1,
    write_back: str | Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
    keep_results: bool = True,
    also_writes: tuple[str | Path, ...] = (),
    seconds: float = FILE_SECONDS,
    memory_mb: int = MEMORY_MB,
    resume: bool = False,
) -> AuditResult:
    """Score every return under the inputs and write the summary workbook (not when interrupted).

    The report's files are read back from a temporary spool; ``result.close()`` frees it when done.
    ``keep_results=False``: the summary only (the batch's digests and counts, not its results), sooner.
    ``also_writes``: the caller's other outputs (the JSON), refused with the summary if one is an input.
    ``seconds``: the time one file may take to read and locate before it is given up as ``timeout`` (0: none).
    ``memory_mb``: the memory each worker may add to its own at start (0: none; ``perfxl.batch.limits``).
    ``resume``: finish the batch a stopped run left a journal of (beside the summary), scoring only the files it
    had not finished; without it, such a journal is an error unless ``force`` (start over).
    """
    ruleset = resolve_rules(rules)
    dst = Path(output)
    check_xlsx(dst)
    if write_back is not None:
        _check_copies_outside(Path(write_back), inputs)
    found, skipped = discover(inputs)
    if not found:
        where = "、".join(map(str, inputs))
        first = f"{Path(skipped[0][0]).name}: {skipped[0][1]}" if skipped else ""
        also = (
            f"(跳过了 {len(skipped)} 个，如 {first})"
            if len(skipped) > 1
            else f"(跳过了 1 个: {first})"
            if skipped
            else ""
        )
        raise InputError(
            f"没有找到可审核的工作簿(.xlsx、.xlsm、.xls、.et 等){also}，未写出汇总",
            code=ErrorCode.NOTHING_TO_AUDIT,
            file=where,
        )
    journal_at = journal_path(dst)
    check_not_input([dst, journal_at, *map(Path, also_writes)], found)
    stopped = journal_at.exists()  # a stopped run's journal: resumed, or (--force) started over
    _check_stopped_run(dst, journal_at, resume, force)
    resuming = stopped and resume
    check_output(dst, force or resuming)  # a batch stopped after its summary was written, before its journal went
    paths = [str(p) for p in found]  # names, not Path objects: a fraction of the memory in a big batch
    del found
    copies = Path(write_back) if write_back is not None else None
    settings = Settings.of(paths, ruleset.name, copies, keep_results)
    done: dict[str, Packed] | None = None
    if resuming:
        journal, done = Journal.resume(journal_at, settings)
    else:
        journal = Journal.start(journal_at, settings)
    if stopped:  # the stopped run is over (its journal was free to lock): what it was writing when it stopped is debris
        sweep_temps({dst.parent, *(_copy_folders(copies, paths) if copies is not None else ())})
    try:
        result = run_audit(
            paths,
            ruleset,
            workers=workers,
            write_back=copies,
            force=force,
            progress=progress,
            keep_results=keep_results,
            seconds=seconds,
            memory_mb=memory_mb,
            journal=journal,
            done=done,
        )
    except BaseException:
        if resuming or journal.frames:
            journal.close()  # what was scored stays resumable
        else:
            journal.finish()  # refused before anything was scored (copies there already): nothing to resume
        raise
    result.skipped = skipped
    result.resumed = len(done or ())
    result.journal_failed = journal.failed
    if result.interrupted:
        journal.close()
        return result
    try:
        with atomic_path(dst, force or resuming) as tmp:
            write_summary(result.report, skipped, tmp, summary_rules(ruleset))
    except OSError as exc:  # a full disk, a read-only folder: one line, not a traceback after the whole batch
        result.close()
        journal.close()  # kept: once the disk has room, --resume writes the summary without scoring again
        raise OutputError(f"汇总未能写出: {os_reason(exc)}", code=ErrorCode.OUTPUT_FAILED, file=dst) from exc
    except BaseException:
        result.close()  # the spool of results goes with the run
        journal.close()
        raise
    journal.finish()
    return result


def _check_stopped_run(dst: Path, journal_at: Path, resume: bool, force: bool) -> None:
    """Refuse a batch whose journal another run holds, or that a stopped run left without --resume or --force."""
    if not journal_at.exists():
        return
    if in_use(journal_at):
        raise OutputError(
            f"另一个 perfxl 正在审核这一批(汇总「{dst.name}」)；请等它结束，或换一个汇总文件",
            code=ErrorCode.OUTPUT_EXISTS,
            file=dst,
        )
    if not resume and not force:
        raise OutputError(
            f"上次对「{dst.name}」的审核没有完成(记录在 {journal_at.name})；"
            "加 --resume 接着审核，或加 --force 从头开始",
            code=ErrorCode.OUTPUT_EXISTS,
            file=dst,
        )


def _copy_folders(folder: Path, paths: list[str]) -> set[Path]:
    """The folders a batch's scored copies go to."""
    return {dst.parent for dst in plan_outputs(paths, folder).values()}


def _check_copies_outside(folder: Path, inputs: list[str | Path]) -> None:
    """Refuse a write-back folder inside a folder being audited: the next audit of that folder would read the copies
    as returns of their own."""
    target = folder.resolve()
    for arg in inputs:
        given = Path(arg)
        if given.is_dir() and target.is_relative_to(given.resolve()):
            raise OutputError(
                f"评分副本目录在要审核的文件夹「{given}」之内，下次审核会把副本当作报送文件；请换一个目录",
                code=ErrorCode.OUTPUT_IS_INPUT,
                file=folder,
            )
