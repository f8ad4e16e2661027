"""Checking: declared versus computed for 附件4/附件5, each disagreement a Finding."""
