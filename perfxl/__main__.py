"""`python -m perfxl` is the `perfxl` command; ``run`` is what both start."""

from __future__ import annotations

import gc


def run() -> None:
    """The command line, its modules imported with the collector paused.

    The imports (pandas above all) make some 10^5 objects and no garbage: collections while they are made cost
    ~15% of the start-up (~80 ms, measured), and every command pays the start-up."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        from .cli import main
    finally:
        if collecting:
            gc.enable()
    main()


if __name__ == "__main__":
    run()
