"""A progress bar for `gongwen build` on a terminal (tqdm), and nothing elsewhere.

Shown on standard error when standard output and standard error are terminals and `-q` was
not given; lines said while it runs are written above it, so it is never torn.
"""

from __future__ import annotations

import sys


class Progress:
    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._bar = None

    @staticmethod
    def wanted(quiet: bool) -> bool:
        return not quiet and all(stream is not None and stream.isatty()
                                 for stream in (sys.stdout, sys.stderr))

    def start(self, total: int) -> None:
        if self.enabled and total > 0:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", file=sys.stderr, leave=False,
                             dynamic_ncols=True)

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def write(self, line: str) -> None:
        """`line` on standard error, above the bar if there is one."""
        if self._bar is not None:
            self._bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
