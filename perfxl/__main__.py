"""`python -m perfxl` is the `perfxl` command."""

from .cli import main

main()
