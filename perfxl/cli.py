"""perfxl 命令行: each command parses its options, makes one library call and renders the result.

Exit codes: 0 done (findings are in the output, not a failure); 1 the input, the rules or the output
could not be used (a one-line Chinese message on stderr), or in an audit at least one file could not be
scored; 2 usage error (click); 130 interrupted.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Any

import click

from perfxl import __version__, api, cli_zh
from perfxl.batch import lean
from perfxl.batch.limits import FILE_SECONDS, MEMORY_MB
from perfxl.errors import INTERRUPTED, ErrorCode, OutputError, PerfxlError, os_reason
from perfxl.read.values import fmt
from perfxl.report.findings import SEVERITY_ZH
from perfxl.report.results import FileResult, Report
from perfxl.rules import DEFAULT_RULES, available_rules
from perfxl.rules.auto import AUTO
from perfxl.write.atomic import atomic_path, check_not_input, check_output

_SHOWN_FLAGS = 30
cli_zh.install()


class _Group(click.Group):
    """Turns every PerfxlError into "错误: …" and exit 1, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PerfxlError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"错误: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo(INTERRUPTED, err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="perfxl")
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 调用栈。")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """perfxl: 预算绩效自评表(附件4 基础数据表、附件5 自评指标计分表)的读取、计算、评分与一致性检查。"""
    ctx.obj = {"debug": debug}
    lean.freeze_at_exit()


@main.command()
@click.argument("src", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="评分后的工作簿(默认: 输入文件名_评分.xlsx，与输入同目录)。",
)
@click.option("--json", "json_path", metavar="PATH|-", help="同时输出 JSON 结果到文件，- 表示标准输出。")
@click.option(
    "--rules",
    default=AUTO,
    show_default=True,
    metavar="auto|NAME|PATH",
    help="计分规则: auto 按各工作簿所印表格自动选择；或内置规则名(见 perfxl rules)、规则文件路径。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
def score(src: Path, output: Path | None, json_path: str | None, rules: str, force: bool) -> None:
    """读取一个工作簿，计算比率与得分，写出评分后的副本(含「评分结果」「一致性检查」两张表)。

    \b
    示例:
        perfxl score 大通湖政务中心2020.xlsx
        perfxl score 自评表.xlsx -o 已评分.xlsx --json 结果.json --rules hunan-2018
    """
    if src.is_dir():
        raise click.UsageError(f"「{src}」是文件夹；评分一个文件夹中的全部报送请用: perfxl audit {src} -o 汇总.xlsx")
    _check_json(json_path, force, [src])
    report = api.score(src, output=output, rules=rules, force=force)
    _emit_json(report, json_path, force)
    _print_summary(report.files[0], err=json_path == "-")


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="汇总工作簿，如 汇总.xlsx。"
)
@click.option("--json", "json_path", metavar="PATH|-", help="同时输出 JSON 结果(每个文件一项)，- 表示标准输出。")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="并行进程数。")
@click.option(
    "--write-back",
    type=click.Path(file_okay=False, path_type=Path),
    help="同时为每个文件写出评分副本到此目录(保持原目录结构)。",
)
@click.option(
    "--rules",
    default=AUTO,
    show_default=True,
    metavar="auto|NAME|PATH",
    help="计分规则: auto 逐个工作簿按其所印表格自动选择；或指定规则名、规则文件路径。",
)
@click.option(
    "--timeout",
    "seconds",
    type=click.FloatRange(min=0),
    default=FILE_SECONDS,
    show_default=True,
    metavar="秒",
    help="单个文件读取与识别的时间上限，超时记为该文件处理超时，不影响其他文件(0 表示不限)。",
)
@click.option(
    "--memory",
    "memory_mb",
    type=click.IntRange(min=0),
    default=MEMORY_MB,
    show_default=True,
    metavar="MB",
    help="每个处理进程在启动时占用之外可再使用的内存上限；超出时该文件记为内存超限，不影响其他文件(0 表示不限；"
    "仅 Linux)。",
)
@click.option(
    "--resume",
    is_flag=True,
    help="接着完成上次被中断的审核(同一命令加 --resume)：已评分的文件不再重评，只评其余的并写出汇总。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的汇总与评分副本；有未完成的审核记录时从头开始。")
def audit(
    inputs: tuple[str, ...],
    output: Path,
    json_path: str | None,
    workers: int,
    write_back: Path | None,
    rules: str,
    seconds: float,
    memory_mb: int,
    resume: bool,
    force: bool,
) -> None:
    """批量审核: 对文件、目录(递归)或通配符下的全部自评表评分，并生成汇总工作簿。

    \b
    示例:
        perfxl audit 各单位报送/ -o 汇总.xlsx
        perfxl audit "2020/**/*.xlsx" -o 汇总.xlsx --workers 2 --write-back 已评分/ --json 汇总.json
        perfxl audit 各单位报送/ -o 汇总.xlsx --resume      (接着完成被中断的审核)
    """
    _check_json(json_path, force, [])
    bar = _ProgressBar()
    result = api.audit(
        list(inputs),
        output,
        rules=rules,
        workers=workers,
        write_back=write_back,
        force=force,
        progress=bar,
        keep_results=json_path is not None,
        also_writes=(json_path,) if json_path not in (None, "-") else (),
        seconds=seconds,
        memory_mb=memory_mb,
        resume=resume,
    )  # the results themselves only for JSON
    bar.close()
    try:
        digests = result.digests()  # what was kept in memory of each file: the files themselves are on disk
        failed = sum(d.status == "error" for d in digests)
        if result.interrupted:
            copies = sum(d.output is not None for d in digests)
            made = f"，写出评分副本 {copies} 个" if write_back is not None else ""
            rest = result.total - len(digests)
            unrecorded = result.journal_failed
            lost = f"(审核记录未能写全: {unrecorded}，续跑时未记下的文件将重评)" if unrecorded else ""
            click.echo(
                f"已中断: 已处理 {len(digests)} 个文件{made}，其余 {rest} 个未处理；未写出汇总。"
                f"用同一命令加 --resume 可接着审核(已处理的不再重评){lost}。",
                err=True,
            )
            sys.exit(130)
        _emit_json(result.report, json_path, force)
        counts = result.counts()
        say = partial(click.echo, err=json_path == "-")
        say(
            f"共 {len(digests) + len(result.skipped)} 个文件: 已评分 {len(digests) - failed}，无法评分 {failed}，"
            f"已跳过 {len(result.skipped)}"
        )
        if result.resumed:
            say(f"续跑: 其中 {result.resumed} 个文件沿用中断前的结果，其余本次评分")
        say(f"发现: 错误 {counts['error']} 项，警告 {counts['warning']} 项，提示 {counts['info']} 项")
        unwritten = 0
        if write_back is not None:
            written = sum(d.output is not None for d in digests)
            unwritten = len(digests) - failed - written
            missing = f"，未写出 {unwritten} 个(原因见汇总各行的说明)" if unwritten else ""
            say(f"评分副本: 已写出 {written} 个{missing}")
        say(f"汇总已写出: {output}")
    finally:
        result.close()
    if failed or unwritten:
        sys.exit(1)


class _ProgressBar:
    """Files done / total and findings so far on stderr; silent when stderr is not a terminal."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()

    def __call__(self, done: int, total: int, findings: int) -> None:
        if self.live and total:
            filled = int(30 * done / total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} 个文件，问题 {findings} 项")
            sys.stderr.flush()

    def close(self) -> None:
        if self.live:
            sys.stderr.write("\n")


@main.command()
@click.argument("name", required=False, metavar="[NAME|PATH]")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="要写出的空白工作簿。"
)
@click.option(
    "--rules",
    "rules",
    default=None,
    metavar="NAME|PATH",
    help=f"按哪套规则生成(默认 {DEFAULT_RULES})，同 score/audit。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的文件。")
def template(name: str | None, output: Path, rules: str | None, force: bool) -> None:
    """按计分规则生成空白的官方表格(附件4、附件5)，填报单元格已标色、可打印。

    \b
    示例:
        perfxl template -o 空白自评表.xlsx
        perfxl template --rules jianghua -o 江华自评表.xlsx
    """
    if name is not None and rules is not None and name != rules:
        raise click.UsageError(f"规则给了两次(「{name}」和 --rules「{rules}」)，请只用 --rules")
    chosen = rules or name or DEFAULT_RULES
    if chosen == AUTO:
        raise click.UsageError("空白表格要按一套具体的规则生成，请用 --rules 指定(见 perfxl rules)")
    path = api.template(output, rules=chosen, force=force)
    click.echo(f"已生成空白表格: {path}")


@main.command(name="rules")
def list_rules() -> None:
    """列出内置的计分规则。

    \b
    示例:
        perfxl rules
    """
    click.echo(f"{AUTO}(默认)\t按各工作簿所印的表格、指标、分值与评价标准自动选择下列规则之一")
    for name, title in available_rules().items():
        mark = "(模板默认)" if name == DEFAULT_RULES else ""
        click.echo(f"{name}{mark}\t{title}")


def _check_json(json_path: str | None, force: bool, inputs: list[Path]) -> None:
    """Refuse a JSON path before any work: an existing file without --force, or an input."""
    if json_path is None or json_path == "-":
        return
    check_not_input([Path(json_path)], inputs)
    check_output(Path(json_path), force)


def _emit_json(report: Report, json_path: str | None, force: bool) -> None:
    """The report as JSON, one file at a time (a batch is never whole in memory), to a path or stdout.

    A file is written through a temporary file beside it, so an interrupted run leaves no half-written JSON.
    """
    if json_path is None:
        return
    if json_path == "-":
        for chunk in report.json_chunks():
            click.echo(chunk, nl=False)
        click.echo()
        return
    try:
        with atomic_path(Path(json_path), force) as tmp, tmp.open("w", encoding="utf-8") as out:
            out.writelines(report.json_chunks())
            out.write("\n")
    except OSError as exc:
        raise OutputError(f"JSON 未能写出: {os_reason(exc)}", code=ErrorCode.OUTPUT_FAILED, file=json_path) from exc


_NO_GRADE = "未评定(有得分未填写或无法读取，总分不完整)"


def _print_summary(result: FileResult, err: bool) -> None:
    def say(line: str = "") -> None:
        click.echo(line, err=err)

    say(f"文件: {result.file}" + (f"(单位: {result.unit})" if result.unit else ""))
    if result.rules is not None:
        say(f"规则: {result.rules.title}「{result.rules.name}」— {result.rules.reason}")
    say("识别到: " + "、".join(f"{f['form']}(工作表「{f['sheet']}」)" for f in result.forms))
    if result.total is not None:
        declared = f"，填报合计 {fmt(result.declared_total)}" if result.declared_total is not None else ""
        say(f"总分: {fmt(result.total)} / {fmt(result.max_total)}　等级: {result.grade or _NO_GRADE}{declared}")
    for inst in result.instances:
        if inst.total is not None:
            declared = f"，填报 {fmt(inst.declared_total)}" if inst.declared_total is not None else ""
            say(f"{inst.title}「{inst.called}」: 复核总分 {fmt(inst.total)}　等级: {inst.grade or _NO_GRADE}{declared}")
    counts = result.counts()
    say(f"发现: 错误 {counts['error']} 项，警告 {counts['warning']} 项，提示 {counts['info']} 项")
    serious = [f for f in result.sorted_flags() if f.severity != "info"]
    for flag in serious[:_SHOWN_FLAGS]:
        where = f"{flag.sheet}!{flag.cell}" if flag.cell else (flag.sheet or "")
        say(f"  [{SEVERITY_ZH[flag.severity]}] {where} {flag.message}")
    if len(serious) > _SHOWN_FLAGS:
        say(f"  …… 另有 {len(serious) - _SHOWN_FLAGS} 项，见输出工作簿的「一致性检查」表")
    for note in result.notes:
        say(f"注意: {note}")
    if result.output:
        say(f"已写出: {result.output}")
