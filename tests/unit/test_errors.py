"""The error catalogue: one code per condition, each used, each with its own Chinese name."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from perfxl.errors import ErrorCode, InputError, OutputError, PerfxlError

PACKAGE = Path(__file__).resolve().parents[2] / "perfxl"


def _trees() -> list[tuple[Path, ast.AST]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def test_every_code_in_the_catalogue_is_used() -> None:
    named = {
        node.attr
        for _, tree in _trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "ErrorCode"
    }
    assert sorted({member.name for member in ErrorCode} - named) == []


def _free_code(node: ast.AST) -> bool:
    """``code="…"`` anywhere, or a catalogue code written as text as a call's argument (``fail("not-found", …)``)."""
    if isinstance(node, ast.keyword) and node.arg == "code":
        return isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    if isinstance(node, ast.Call):
        codes = {member.value for member in ErrorCode if "-" in member.value}
        return any(isinstance(arg, ast.Constant) and arg.value in codes for arg in node.args)
    return False


def test_no_error_is_raised_with_a_free_string_code() -> None:
    free = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path, tree in _trees()
        for node in ast.walk(tree)
        if _free_code(node)
    ]
    assert free == []
    assert _free_code(ast.parse('fail("not-found", "找不到文件", p)').body[0].value)  # type: ignore[attr-defined]
    assert _free_code(ast.parse('InputError("x", code="encrypted")').body[0].value.keywords[0])  # type: ignore[attr-defined]


def test_each_code_has_a_name_of_its_own() -> None:
    names = [member.zh for member in ErrorCode]
    assert len(names) == len(set(names)) and all(names)


def test_a_code_is_its_plain_text_in_json_and_messages() -> None:
    code = ErrorCode.NOT_FOUND
    assert str(code) == f"{code}" == "not-found" and json.dumps({"code": code}) == '{"code": "not-found"}'
    assert ErrorCode.of("output-exists") is ErrorCode.OUTPUT_EXISTS
    error = InputError("找不到文件", code=ErrorCode.NOT_FOUND, file="甲.xlsx", sheet="附件4", cell="B5")
    assert str(error) == "甲.xlsx 工作表「附件4」 单元格 B5: 找不到文件" and error.code is ErrorCode.NOT_FOUND
    assert OutputError("x").code is ErrorCode.BAD_OUTPUT and PerfxlError("x").code is ErrorCode.ERROR
