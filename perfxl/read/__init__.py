"""Reading: what a file is (sniff and its checks) and its sheets as cell grids.

Also the parsing of what people type: numbers (``values``) and labels (``text``).
"""
