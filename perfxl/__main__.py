"""`python -m perfxl` is the `perfxl` command; ``run`` is what both start."""

from __future__ import annotations

import gc


def run() -> None:
    """The command line, its modules imported with the collector paused and then frozen.

    The imports (pandas above all) make some 10^5 objects and no garbage. Collections while they are made cost
    ~7% of the start-up's instructions (~40-80 ms, and every command pays the start-up); frozen, they are never
    walked again (an audit of 10,000 returns spent ~0.2 s of its main process in collections walking them,
    measured with gc.callbacks; forked workers inherit them frozen)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        from perfxl.cli import main
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    main()


if __name__ == "__main__":
    run()
