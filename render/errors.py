"""Errors that users see, and the exit codes they give.

- `InputError`: the user's input is wrong (an outline, a style sheet, an option). Each problem
  names a file, a line and a column and says what is wrong; exit code 2.
- `OutputError`: a file could not be read or written for a reason outside the input's content
  (permissions, a full disk, a folder where a file should be); printed as `path: reason`, exit
  code 3.
- Anything else is a bug: the command prints "internal error" with the version and where to
  report it, exit code 4, never a raw traceback (GONGWEN_DEBUG=1 shows it).
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_DIFFERENT = 1  # diff found differences, fmt --check found files to reformat, fonts missing
EXIT_INPUT = 2
EXIT_IO = 3
EXIT_INTERNAL = 4


@dataclass(frozen=True)
class Problem:
    path: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{self.path}: {self.message}"


class InputError(Exception):
    """Bad input: the command prints the problems and exits with code 2."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


class OutputError(Exception):
    """A file that cannot be read or written (not the content's fault): exit code 3."""

    def __init__(self, path: object, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def os_reason(exc: OSError) -> str:
    """A short reason for an OSError, without the path Python repeats in str(exc)."""
    return exc.strerror or type(exc).__name__


class ContentError(Exception):
    """Content that a later stage (composition, layout, a writer) cannot place: text that does
    not fit its place, say. `key` is the path of the outline value at fault, as the loader
    knows it (("imprint", "cc", 3), ("title",), ("body", 2, "body", 0)); the build turns it
    into file:line:col and reports an InputError (exit 2)."""

    def __init__(self, key: tuple, message: str):
        super().__init__(message)
        self.key = key
        self.message = message

    def __reduce__(self):  # pickled whole: a writer in another process may raise it
        return ContentError, (self.key, self.message)
