"""click's own words (help headings, usage errors) in Chinese.

click ships no translations: it passes each message through ``gettext`` when the message is made, via the names
``_`` and ``ngettext`` each of its modules imports. Rebinding those names in click's modules is the one place its
usage errors and help headings can be given in Chinese without patching click's logic; a message missing from the
table below (a newer click's) is shown as click wrote it.
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

_ZH = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示此帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误: {message}",
    "Try '{command} {option}' for help.": "运行「{command} {option}」查看帮助。",
    "Missing command.": "缺少命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数: {param_name}",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效: {message}",
    "Invalid value: {message}": "值无效: {message}",
    "Aborted!": "已中止。",
    "default: {default}": "默认: {default}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "integer": "整数",
    "float": "数字",
    "{value} is not in the range {range}.": "{value} 不在允许范围 {range} 内。",
    "Choose from:\n\t{choices}": "可选:\n\t{choices}",
}
_ZH_PLURAL = {
    "Got unexpected extra argument ({args})": "多余的参数 ({args})",
    "Did you mean {possibility}?": "是否想用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "(是否想用以下之一: {possibilities}？)",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
}


def _(message: str) -> str:
    return _ZH.get(message, message)


def _n(singular: str, plural: str, n: int) -> str:
    return _ZH_PLURAL.get(singular if n == 1 else plural, _ZH_PLURAL.get(singular, singular if n == 1 else plural))


def install() -> None:
    """Give click's modules the Chinese table (idempotent)."""
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _n  # type: ignore[attr-defined]
