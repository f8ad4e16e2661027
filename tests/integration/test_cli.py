"""The command line: exact messages and exit codes; --json is the library's to_dict()."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from perfxl import api
from perfxl.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEED = SAMPLES / "大通湖政务中心2020.xlsx"


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    return Path(shutil.copy(SEED, tmp_path / "大通湖政务中心2020.xlsx"))


def test_score_prints_the_summary_and_writes_beside_the_input(seed: Path) -> None:
    done = CliRunner().invoke(main, ["score", str(seed)])
    assert done.exit_code == 0, done.output
    out = seed.with_name("大通湖政务中心2020_评分.xlsx")
    assert out.exists()
    lines = done.output.splitlines()
    assert lines[0] == f"文件: {seed}(单位: 益阳市大通湖区政务中心)"
    assert "总分: 90 / 100　等级: 优，填报合计 90" in lines
    assert "发现: 错误 2 项，警告 6 项，提示 9 项" in lines
    assert "  [错误] 附件4!D7 三公经费变动率填报 10%，按 (18 − 20) / 20 = -10.00%(符号相反: 减少应填负数)" in lines
    assert lines[-1] == f"已写出: {out}"


def test_existing_output_needs_force(seed: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["score", str(seed)]).exit_code == 0
    again = runner.invoke(main, ["score", str(seed)])
    assert again.exit_code == 1
    out = seed.with_name("大通湖政务中心2020_评分.xlsx")
    assert again.stderr == f"错误: {out}: 输出文件已存在，如需覆盖请加 --force\n"
    assert runner.invoke(main, ["score", str(seed), "--force"]).exit_code == 0


def test_json_is_the_library_result(seed: Path, tmp_path: Path) -> None:
    done = CliRunner().invoke(main, ["score", str(seed), "-o", str(tmp_path / "o.xlsx"), "--json", "-"])
    assert done.exit_code == 0, done.stderr
    expected = api.score(seed, write=False).to_dict()
    expected["files"][0]["output"] = str(tmp_path / "o.xlsx")
    assert json.loads(done.stdout) == expected
    assert expected["files"][0]["rules"]["name"] == "yiyang-2020" and expected["files"][0]["rules"]["chosen"]
    file = expected["files"][0]
    assert file["rates"]["三公经费变动率"] == -10.0 and file["rates"]["预算完成率"] == 96.6
    assert file["total"] == {"score": 90.0, "declared": 90.0, "max": 100.0}
    assert file["grade"] == "优"
    assert {"code", "severity", "sheet", "cell", "item", "declared", "computed", "message"} == set(file["flags"][0])


def test_no_output_may_be_an_input_even_with_force(seed: Path, tmp_path: Path) -> None:
    # issue 18 item 3: `--json 甲.xlsx` and `audit -o <an input> --force` used to replace the department's original
    original = seed.read_bytes()
    runner = CliRunner()
    json_over_input = runner.invoke(main, ["score", str(seed), "-o", str(tmp_path / "o.xlsx"), "--json", str(seed)])
    assert json_over_input.exit_code == 1
    assert json_over_input.stderr == f"错误: {seed}: 输出文件不能是输入文件之一(--force 也不会覆盖输入)\n"
    forced = runner.invoke(main, ["score", str(seed), "-o", str(tmp_path / "o.xlsx"), "--json", str(seed), "--force"])
    assert forced.exit_code == 1
    summary_over_input = runner.invoke(main, ["audit", str(tmp_path), "-o", str(seed), "--force"])
    assert summary_over_input.exit_code == 1 and "输出文件不能是输入文件之一" in summary_over_input.stderr
    json_in_audit = runner.invoke(main, ["audit", str(seed), "-o", str(tmp_path / "汇总.xlsx"), "--json", str(seed)])
    assert json_in_audit.exit_code == 1 and not (tmp_path / "汇总.xlsx").exists()
    assert seed.read_bytes() == original


def test_an_existing_json_needs_force(seed: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_text("keep", encoding="utf-8")
    done = CliRunner().invoke(main, ["score", str(seed), "-o", str(tmp_path / "o.xlsx"), "--json", str(report)])
    assert done.exit_code == 1 and report.read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "o.xlsx").exists()  # refused before any work
    again = CliRunner().invoke(
        main, ["score", str(seed), "-o", str(tmp_path / "o.xlsx"), "--json", str(report), "--force"]
    )
    assert again.exit_code == 0 and json.loads(report.read_text(encoding="utf-8"))["files"][0]["status"] == "ok"


def test_not_a_workbook_is_one_chinese_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "报表.xlsx"
    bad.write_bytes(b"%PDF-1.7 not a workbook")
    done = CliRunner().invoke(main, ["score", str(bad)])
    assert done.exit_code == 1
    assert done.stderr.startswith(f"错误: {bad}") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.output
    assert not (tmp_path / "报表_评分.xlsx").exists()


def test_no_form_says_what_was_seen(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "纪要.xlsx"
    with xlsxwriter.Workbook(str(path)) as book:
        book.add_worksheet("Sheet1").write("A1", "会议纪要")
    done = CliRunner().invoke(main, ["score", str(path)])
    assert done.exit_code == 1
    assert done.stderr == (
        f"错误: {path}: 未找到可识别的表格: 工作表「Sheet1」有 1 个非空单元格，但没有认出任何表头或栏目\n"
    )


def test_usage_errors_exit_2(seed: Path) -> None:
    assert CliRunner().invoke(main, ["score"]).exit_code == 2
    assert CliRunner().invoke(main, ["score", str(seed), "--bogus"]).exit_code == 2


def test_bad_rules_exit_1(seed: Path) -> None:
    done = CliRunner().invoke(main, ["score", str(seed), "--rules", "no-such"])
    assert done.exit_code == 1
    assert done.stderr.startswith("错误: --rules: 没有名为「no-such」的内置规则")


def test_template_command(tmp_path: Path) -> None:
    out = tmp_path / "空白.xlsx"
    done = CliRunner().invoke(main, ["template", "jianghua", "-o", str(out)])
    assert done.exit_code == 0 and done.output == f"已生成空白表格: {out}\n"
    assert CliRunner().invoke(main, ["template", "-o", str(out)]).exit_code == 1


def test_usage_errors_are_chinese(seed: Path, tmp_path: Path) -> None:
    # issue 17: click's English ("Usage:", "Missing option", "is a directory", "Did you mean") was everywhere
    runner = CliRunner()
    missing = runner.invoke(main, ["audit", str(seed)])
    assert missing.exit_code == 2
    assert missing.stderr.splitlines()[0].startswith("用法: ")
    assert missing.stderr.splitlines()[-1] == "错误: 缺少选项 '-o' / '--output'."
    typo = runner.invoke(main, ["scor", str(seed)])
    assert typo.exit_code == 2 and "错误: 没有命令 'scor'。 是否想用 'score'？" in typo.stderr
    folder = runner.invoke(main, ["score", str(tmp_path)])
    assert folder.exit_code == 2
    assert (
        f"错误: 「{tmp_path}」是文件夹；评分一个文件夹中的全部报送请用: perfxl audit {tmp_path} -o 汇总.xlsx"
        in folder.stderr
    )


def test_an_output_must_be_an_xlsx(seed: Path, tmp_path: Path) -> None:
    # issue 17: `-o x.docx` used to write an .xlsx workbook under that name
    done = CliRunner().invoke(main, ["score", str(seed), "-o", str(tmp_path / "x.docx")])
    assert done.exit_code == 1 and not (tmp_path / "x.docx").exists()
    assert (
        done.stderr
        == f"错误: {tmp_path / 'x.docx'}: 输出文件应以 .xlsx 结尾(perfxl 写出的是 .xlsx 工作簿)，如: x.xlsx\n"
    )
    summary = CliRunner().invoke(main, ["audit", str(seed), "-o", str(tmp_path / "汇总.xls")])
    assert summary.exit_code == 1 and "输出文件应以 .xlsx 结尾" in summary.stderr


def test_an_audit_with_nothing_to_audit_fails(tmp_path: Path) -> None:
    # issue 17: `perfxl audit 空目录` used to write an empty summary and exit 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "~$锁.xlsx").write_bytes(b"\x00")
    done = CliRunner().invoke(main, ["audit", str(tmp_path / "in"), "-o", str(tmp_path / "汇总.xlsx")])
    assert done.exit_code == 1 and not (tmp_path / "汇总.xlsx").exists()
    assert done.stderr == (
        f"错误: {tmp_path / 'in'}: 没有找到可审核的工作簿(.xlsx、.xlsm、.xls、.et 等)"
        "(跳过了 1 个: ~$锁.xlsx: Office/WPS 锁定文件(文件正被打开时自动生成)，已跳过)，未写出汇总\n"
    )


def test_an_unknown_rule_set_names_the_known_ones(seed: Path) -> None:
    # issue 17: an unknown name used to show the install path of the rule files
    done = CliRunner().invoke(main, ["score", str(seed), "--rules", "hunan-2019"])
    assert done.exit_code == 1
    assert done.stderr == (
        "错误: --rules: 没有名为「hunan-2019」的内置规则(可用: auto、chongqing-2021、hunan-2018、jianghua、"
        "national-2020、yiyang-2020)，也可给出规则文件(.yaml)的路径\n"
    )


def test_template_takes_rules_like_the_other_commands(tmp_path: Path) -> None:
    out = tmp_path / "江华.xlsx"
    done = CliRunner().invoke(main, ["template", "--rules", "jianghua", "-o", str(out)])
    assert done.exit_code == 0 and openpyxl.load_workbook(out)["附件5"]["F3"].value == 5  # 江华's 在职人员控制率 5分
    assert CliRunner().invoke(main, ["template", "--rules", "auto", "-o", str(tmp_path / "a.xlsx")]).exit_code == 2


def test_rules_command_lists_builtins() -> None:
    done = CliRunner().invoke(main, ["rules"])
    assert done.exit_code == 0
    lines = done.output.splitlines()
    assert lines[0].startswith("auto(默认)\t按各工作簿所印的表格")
    assert lines[-1].startswith("yiyang-2020(模板默认)\t湖南益阳 2020")


@pytest.mark.parametrize("command", ["score", "audit", "template", "rules"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    done = CliRunner().invoke(main, [command, "--help"])
    assert done.exit_code == 0 and "示例:" in done.output
    assert "Usage:" not in done.output and "Options" not in done.output and "Show this message" not in done.output


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"")
    done = CliRunner().invoke(main, ["--debug", "score", str(bad)])
    assert done.exit_code == 1 and done.exception is not None


def test_the_command_and_python_m_perfxl_both_start_through_run() -> None:
    (script,) = entry_points(group="console_scripts", name="perfxl")
    assert script.value == "perfxl.__main__:run"
    module = subprocess.run([sys.executable, "-m", "perfxl", "--version"], capture_output=True, text=True, check=True)
    assert module.stdout.startswith("perfxl，版本 ")


def test_a_write_back_folder_inside_the_audited_one_is_refused(seed: Path, tmp_path: Path) -> None:
    # issue 18 item 3: copies written into the tree being audited were read back in on the next run
    done = CliRunner().invoke(
        main, ["audit", str(tmp_path), "-o", str(tmp_path / "汇总.xlsx"), "--write-back", str(tmp_path / "已评分")]
    )
    assert done.exit_code == 1 and not (tmp_path / "已评分").exists() and not (tmp_path / "汇总.xlsx").exists()
    assert done.stderr == (
        f"错误: {tmp_path / '已评分'}: 评分副本目录在要审核的文件夹「{tmp_path}」之内，"
        "下次审核会把副本当作报送文件；请换一个目录\n"
    )


def test_ctrl_c_while_the_command_imports_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # round 41: a Ctrl-C while pandas was still importing printed a KeyboardInterrupt traceback
    import contextlib

    import perfxl.__main__ as entry

    @contextlib.contextmanager
    def interrupted() -> Iterator[None]:
        raise KeyboardInterrupt
        yield  # pragma: no cover

    monkeypatch.setattr(entry.lean, "imports_frozen", interrupted)
    with pytest.raises(SystemExit) as ended:
        entry.run()
    assert ended.value.code == 130 and capsys.readouterr().err == "已中断。\n"
