"""A batch worker that outlives its main process stops: killed from outside (a closed window, kill -9), the main
process cannot stop its workers, which would go on writing scored copies nobody will account for."""

from __future__ import annotations

import os
import threading
import time

from perfxl.write.atomic import exit_now

_POLL_SECONDS = 0.5


def watch_parent() -> None:
    """Exit this process as soon as the process that started it is gone (it is then re-parented)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_POLL_SECONDS)
        exit_now(1)  # the copy being written, a temporary file, goes with it

    threading.Thread(target=watch, name="perfxl-orphan-watch", daemon=True).start()
