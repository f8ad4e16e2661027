"""Find a rule file by name or path, read its YAML and resolve ``extends:`` into one raw mapping."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from perfxl.errors import RuleError
from perfxl.rules.model import RuleSet
from perfxl.rules.validate import validate

DEFAULT_RULES = "yiyang-2020"
# Forms, rates and tolerances are refined key by key by a variant; any other section is replaced whole.
_MERGED_SECTIONS = ("forms", "rates", "differences", "tolerance")
# libyaml's parser when PyYAML was built with it: the same safe constructors, parsed in C.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rules_dir() -> Path:
    """The folder of the built-in rule files."""
    return Path(str(resources.files("perfxl") / "rules" / "data"))


def available_rules() -> dict[str, str]:
    """Built-in rule sets: name -> title."""
    out: dict[str, str] = {}
    for path in sorted(rules_dir().glob("*.yaml")):
        raw = _read_yaml(path, [])
        out[path.stem] = str(raw.get("title", "")) if isinstance(raw, dict) else ""
    return out


def _resolve(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    return rules_dir() / f"{name_or_path}.yaml"


def _read_yaml(path: Path, problems: list[str]) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            raw = yaml.load(handle, Loader=_LOADER)
    except FileNotFoundError:
        known = "、".join(sorted(p.stem for p in rules_dir().glob("*.yaml")))
        raise RuleError(str(path), [f"找不到规则文件(内置规则: {known})"]) from None
    except (OSError, UnicodeError, yaml.YAMLError) as exc:
        raise RuleError(str(path), [f"无法读取或解析 YAML: {exc}".replace("\n", " ")]) from exc
    if not isinstance(raw, dict):
        problems.append("顶层必须是映射(键: 值)")
        return {}
    return raw


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key; everything else (lists, scalars) is replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _load_raw(path: Path, problems: list[str], seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    raw = _read_yaml(path, problems)
    parent = raw.get("extends")
    if parent is None:
        return raw
    parent_path = _resolve(str(parent)) if not Path(str(parent)).is_absolute() else Path(str(parent))
    if not parent_path.exists() and not Path(str(parent)).suffix:
        parent_path = path.parent / f"{parent}.yaml"
    if parent_path.resolve() in seen:
        problems.append(f"extends 循环引用: {parent}")
        return raw
    base = _load_raw(parent_path, problems, (*seen, path.resolve()))
    merged = dict(base)
    for key, value in raw.items():
        if key == "extends":
            continue
        mergeable = key in _MERGED_SECTIONS and isinstance(value, dict) and isinstance(base.get(key), dict)
        merged[key] = _merge(base[key], value) if mergeable else value
    return merged


def load_rules(name_or_path: str | Path = DEFAULT_RULES) -> RuleSet:
    """Load a built-in rule set by name, or a rule file by path; raise RuleError listing every problem."""
    path = _resolve(name_or_path)
    if not path.exists() and not Path(name_or_path).suffix and path.parent == rules_dir():
        known = "、".join(["auto", *available_rules()])
        why = f"没有名为「{name_or_path}」的内置规则(可用: {known})，也可给出规则文件(.yaml)的路径"
        raise RuleError("--rules", [why], summary=why)
    problems: list[str] = []
    raw = _load_raw(path, problems)
    rules = validate(raw, str(path), problems)
    if problems or rules is None:
        raise RuleError(str(path), problems)
    return rules
