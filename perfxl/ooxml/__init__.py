"""The xlsx package layer, shared by sniffing and write-back: cell references, the zip directory and its parts,
a parser-free tag scanner, part names and content types, and lxml helpers for the parts that are rewritten."""
