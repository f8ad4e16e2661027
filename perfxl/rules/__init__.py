"""Rule sets as data: ``load_rules`` reads a checked RuleSet from a built-in name or a YAML path.

``model`` holds the dataclasses, ``load`` finds and merges rule files, ``validate`` (with ``validate_forms``
and ``checker``) checks a whole file and reports every problem at once as a ``RuleError``.
"""

from perfxl.errors import RuleError
from perfxl.rules.load import DEFAULT_RULES, available_rules, load_rules, rules_dir
from perfxl.rules.model import (
    Band,
    BlockDef,
    CrossCheck,
    DiffDef,
    FieldDef,
    FormDef,
    Grade,
    IndicatorDef,
    OverAchievement,
    RateDef,
    RuleSet,
    ScoreRule,
    SelfEvalDef,
    Term,
    Tier,
)
from perfxl.rules.validate import FORMAT

__all__ = [
    "DEFAULT_RULES",
    "FORMAT",
    "Band",
    "BlockDef",
    "CrossCheck",
    "DiffDef",
    "FieldDef",
    "FormDef",
    "Grade",
    "IndicatorDef",
    "OverAchievement",
    "RateDef",
    "RuleError",
    "RuleSet",
    "ScoreRule",
    "SelfEvalDef",
    "Term",
    "Tier",
    "available_rules",
    "load_rules",
    "rules_dir",
]
