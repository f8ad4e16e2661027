"""`python -m perfxl` is the `perfxl` command; ``run`` is what both start."""

from __future__ import annotations

from perfxl.batch import lean


def run() -> None:
    """The command line, its modules imported with the collector paused and then frozen (see ``lean``)."""
    with lean.imports_frozen():
        from perfxl.cli import main
    main()


if __name__ == "__main__":
    run()
