"""Reading and writing files safely.

Reading: only regular files, stat'ed first and read with a bound, so `/dev/zero`, a FIFO or a
huge file is refused before it is read. Writing: a temporary file beside the target, flushed to
disk, then renamed over it, so a reader never sees half of one; `write_all` extends that to a
set of files (all renamed only when all were written; temporary files of earlier failed runs,
`.NAME.*.tmp`, are removed). `recording_reads` lists what a build read (for the build manifest).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from .errors import InputError, OutputError, Problem, os_reason

TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"

# (size, mtime_ns, sha256) of every file read while `recording_reads` is active, by real path
Fingerprint = tuple[int, int, str]
_reads: ContextVar[dict[str, Fingerprint] | None] = ContextVar("reads", default=None)


@contextlib.contextmanager
def recording_reads() -> Iterator[dict[str, Fingerprint]]:
    """Within the block, every file `read_bounded` reads (outlines, style sheets, images, CSV)
    is entered in the yielded dict: its real path → (size, mtime_ns, sha256 of the bytes read),
    the state of exactly what was read."""
    reads: dict[str, Fingerprint] = {}
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def read_bounded(path: str | Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError otherwise."""
    path = Path(path)
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError([Problem(name, 0, 0, f"cannot read: {os_reason(exc)}")]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            article = "an" if what[0] in "aeiou" else "a"
            raise InputError([Problem(name, 0, 0, f"is a folder, not {article} {what}")])
        if not stat.S_ISREG(info.st_mode):
            raise InputError([Problem(name, 0, 0, "not a regular file (a device, a pipe or a "
                                                  f"socket); {what}s are read from regular "
                                                  "files")])
        if info.st_size > limit:
            raise InputError([Problem(name, 0, 0, f"file is {info.st_size} bytes; {what}s are "
                                                  f"limited to {limit}")])
        chunks, size = [], 0
        while True:  # the file may grow while it is read: never take more than the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputError([Problem(name, 0, 0, f"file is over {limit} bytes; {what}s are "
                                                      f"limited to {limit}")])
        data = b"".join(chunks)
        reads = _reads.get()
        if reads is not None:
            reads[str(real_path(path))] = (info.st_size, info.st_mtime_ns,
                                           hashlib.sha256(data).hexdigest())
        return data
    except OSError as exc:
        raise InputError([Problem(name, 0, 0, f"cannot read: {os_reason(exc)}")]) from None
    finally:
        os.close(fd)


def real_path(path: Path) -> Path:
    """Where a path really leads (symlinks and .. resolved), to tell whether an output would
    land on an input or on another output."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(path).absolute()


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write one file atomically (OutputError when it cannot be)."""
    write_all([(Path(path), data)])


def write_all(outputs: list[tuple[Path, bytes]]) -> None:
    """Write every (path, data) or none: each to a temporary file first, then all renamed.
    OutputError names the first path that failed; nothing is left behind then."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            staged.append((_stage(path, data), path))
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise OutputError(path, os_reason(exc)) from None
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def _stage(path: Path, data: bytes) -> str:
    """A flushed temporary file beside `path` holding `data`, with the target's mode."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(folder, "is not a folder") from None
    except OSError as exc:
        raise OutputError(folder, os_reason(exc)) from None
    if path.is_dir():
        raise OutputError(path, "is a folder; cannot write a file there")
    remove_stale_temporaries(path)
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else None
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{TEMP_PREFIX}{path.name}.",
                                   suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise OutputError(path, os_reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(path, os_reason(exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files an earlier, killed run left beside `path`."""
    try:
        for old in path.parent.glob(f"{TEMP_PREFIX}{_glob_escape(path.name)}.*{TEMP_SUFFIX}"):
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def xdg_dir(variable: str, fallback: str) -> Path:
    """The folder the XDG base-directory variable `variable` names, else `fallback` (a path
    relative to the home folder) when it is unset or empty."""
    value = os.environ.get(variable)
    return Path(value) if value else Path.home() / fallback


def cache_root() -> Path:
    """gongwen's cache folder ($XDG_CACHE_HOME/gongwen, else ~/.cache/gongwen): converted and
    parsed faces (fonts/), remembered title words."""
    return xdg_dir("XDG_CACHE_HOME", ".cache") / "gongwen"
