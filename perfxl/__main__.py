"""`python -m perfxl` is the `perfxl` command; ``run`` is what both start."""

from __future__ import annotations

import sys

from perfxl.batch import lean


def run() -> None:
    """The command line, its modules imported with the collector paused and then frozen (see ``lean``). A Ctrl-C
    before the command's own handling is in place (while pandas imports) ends it as that handling does: one
    line and 130, not a traceback."""
    try:
        with lean.imports_frozen():
            from perfxl.cli import main
    except KeyboardInterrupt:
        from perfxl.errors import INTERRUPTED

        sys.stderr.write(INTERRUPTED + "\n")
        raise SystemExit(130) from None
    main()


if __name__ == "__main__":
    run()
