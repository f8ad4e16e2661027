"""A finding: one thing in a workbook that does not agree with itself. Plain data, never raised."""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning", "info"]
SEVERITY_ZH: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


class Code(str, Enum):
    """Stable finding codes (kebab-case); the Chinese is what a reviewer reads."""

    RATE_MISMATCH = "rate-mismatch"
    SUM_MISMATCH = "sum-mismatch"
    SCORE_OVER_WEIGHT = "score-over-weight"
    SCORE_MISMATCH = "score-mismatch"
    GRADE_MISMATCH = "grade-mismatch"
    WEIGHT_MISMATCH = "weight-mismatch"
    STANDARD_MISMATCH = "standard-mismatch"
    MISSING_VALUE = "missing-value"
    BAD_VALUE = "bad-value"
    UNVERIFIABLE = "unverifiable"
    DEFINITION_DEVIATION = "definition-deviation"
    CROSS_FORM_MISMATCH = "cross-form-mismatch"
    MISSING_REASON = "missing-reason"
    COST_DIRECTION = "cost-direction"
    TARGET_OVER_100 = "target-over-100"
    ACTUAL_NOT_NUMERIC = "actual-not-numeric"
    PLACEHOLDER = "placeholder"
    OVER_ACHIEVED = "over-achieved"
    YEAR_MISMATCH = "year-mismatch"
    LEVEL_MISMATCH = "level-mismatch"

    @property
    def zh(self) -> str:
        return _CODE_ZH[self]


_CODE_ZH = {
    Code.RATE_MISMATCH: "比率与数据不符",
    Code.SUM_MISMATCH: "合计与分项不符",
    Code.SCORE_OVER_WEIGHT: "得分超出分值",
    Code.SCORE_MISMATCH: "得分与计分规则不符",
    Code.GRADE_MISMATCH: "等级与总分不符",
    Code.WEIGHT_MISMATCH: "分值与规则不符",
    Code.STANDARD_MISMATCH: "评价标准与规则不符",
    Code.MISSING_VALUE: "缺少数据",
    Code.BAD_VALUE: "数据无法识别",
    Code.UNVERIFIABLE: "无法复核",
    Code.DEFINITION_DEVIATION: "计算口径不同",
    Code.CROSS_FORM_MISMATCH: "表间数据不一致",
    Code.MISSING_REASON: "未说明偏差原因",
    Code.COST_DIRECTION: "成本指标方向错误",
    Code.TARGET_OVER_100: "百分比目标超过100%",
    Code.ACTUAL_NOT_NUMERIC: "定量指标实际值非数值",
    Code.PLACEHOLDER: "指标值为空或占位符",
    Code.OVER_ACHIEVED: "实际值远超目标",
    Code.YEAR_MISMATCH: "年度不符",
    Code.LEVEL_MISMATCH: "一级与二级指标不匹配",
}

Value = float | str | None


class Finding(NamedTuple):
    """One disagreement, where it is and what it says. A named tuple, as ``located.Hit``: a batch makes them by the
    hundred thousand, and a named tuple is the cheapest immutable record to make."""

    code: Code
    severity: Severity
    sheet: str | None
    cell: str | None  # A1 address in the input workbook
    item: str
    declared: Value
    computed: Value
    message: str

    def to_dict(self) -> dict[str, Any]:
        out = self._asdict()
        out["code"] = self.code.value
        return out
