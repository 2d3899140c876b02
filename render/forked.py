"""Work done in a forked child process while the parent goes on: the .docx written beside the
PDF when one document is built and a core is free (the two writers read the same typeset plan,
which the child inherits; only the bytes come back). Where fork is not available, the work
runs in the caller."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable


def in_child(work: Callable[[], bytes]) -> Callable[[], bytes]:
    """Start `work` in a forked child; the returned function waits for its bytes (or raises
    what it raised)."""
    if not hasattr(os, "fork"):
        done = work()
        return lambda: done
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send the outcome, leave without cleanup
        os.close(read)
        try:
            outcome = ("ok", work())
        except BaseException as exc:  # noqa: BLE001 — sent to the parent, which raises it
            outcome = ("error", exc)
        try:
            payload = pickle.dumps(outcome)
        except Exception as exc:  # an exception that does not pickle
            payload = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write)

    def result() -> bytes:
        with os.fdopen(read, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not payload:
            raise RuntimeError(f"the writer process ended without a result (status {status})")
        try:
            kind, value = pickle.loads(payload)
        except Exception as exc:
            raise RuntimeError(f"the writer process's result could not be read ({exc})") from None
        if kind == "error":
            raise value
        return value

    return result
