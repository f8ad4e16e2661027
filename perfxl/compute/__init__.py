"""Computing: rates and rule scores, column-wise over the batch (one row per workbook).

Also the 自评表 funds and indicators, and the judgement of a declared rate at its typed precision.
"""
