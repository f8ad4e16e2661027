"""The batch summary workbook of ``perfxl audit``: 汇总, 问题清单, 指标明细, 图表 and 处理失败 (see ``workbook``)."""
