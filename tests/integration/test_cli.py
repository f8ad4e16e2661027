"""The command line: exact messages and exit codes; --json is the library's to_dict()."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

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
    # RELIABILITY §4: `--json 甲.xlsx` and `audit -o <an input> --force` used to replace the department's original
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
    assert done.stderr.startswith("错误: ") and "找不到规则文件" in done.stderr


def test_template_command(tmp_path: Path) -> None:
    out = tmp_path / "空白.xlsx"
    done = CliRunner().invoke(main, ["template", "jianghua", "-o", str(out)])
    assert done.exit_code == 0 and done.output == f"已生成空白表格: {out}\n"
    assert CliRunner().invoke(main, ["template", "-o", str(out)]).exit_code == 1


def test_rules_command_lists_builtins() -> None:
    done = CliRunner().invoke(main, ["rules"])
    assert done.exit_code == 0
    lines = done.output.splitlines()
    assert lines[0].startswith("auto(默认)\t按各工作簿所印的表格")
    assert lines[-1].startswith("yiyang-2020(模板默认)\t湖南益阳 2020")


@pytest.mark.parametrize("command", ["score", "audit", "template", "rules"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    done = CliRunner().invoke(main, [command, "--help"])
    assert done.exit_code == 0 and "Example:" in done.output


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"")
    done = CliRunner().invoke(main, ["--debug", "score", str(bad)])
    assert done.exit_code == 1 and done.exception is not None


def test_the_command_and_python_m_perfxl_both_start_through_run() -> None:
    (script,) = entry_points(group="console_scripts", name="perfxl")
    assert script.value == "perfxl.__main__:run"
    module = subprocess.run([sys.executable, "-m", "perfxl", "--version"], capture_output=True, text=True, check=True)
    assert module.stdout.startswith("perfxl, version ")
