"""The rate a score-table row's own words state (``perfxl.compute.stated``)."""

from __future__ import annotations

from perfxl.compute.stated import contradicted
from perfxl.locate.located import Hit, Stated


def _remark(text: str) -> Stated:
    return Stated(None, None, Hit("评分表", "G9", text, "评价依据"))


def test_words_whose_share_their_own_figures_contradict() -> None:
    # 1160 ÷ 1250 = 92.80 %, not the 95.80 % stated: the cell is named (the row is left unscored, and says why)
    said = _remark("调整后预算1,250.00万元，实际支出1,160.00万元，预算执行率95.80%")
    hit = contradicted(said, "预算执行率")
    assert hit is not None and hit.cell == "G9"
    # 1190.50 ÷ 1250 = 95.24 %: borne out; and a rate with no figures beside it contradicts nothing
    assert contradicted(_remark("调整后预算1,250.00万元，实际支出1,190.50万元，预算执行率95.24%"), "预算执行率") is None
    assert contradicted(_remark("预算执行率95.80%"), "预算执行率") is None
    assert contradicted(None, "预算执行率") is None
