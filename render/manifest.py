"""The build manifest: what each output was built from, so an unchanged document is skipped.

One small JSON file per output folder (`.gongwen-build.json`, written atomically) holds, per
output stem, what its build depended on: the gongwen version and the build options, every file
the build read (the outline, its style sheets along `extends:`, the images and CSV files it
names) as (size, mtime_ns, sha256), where each style name was looked up and what it found, the
PDF's resolved font files (path, index, size, mtime_ns), and the outputs as written (size,
mtime_ns). A document is up to date when all of these still hold: a file whose size and time
changed is hashed again, so touching a file or checking it out anew rebuilds nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .files import Fingerprint, write_atomic

MANIFEST_NAME = ".gongwen-build.json"
FORMAT = 1  # the manifest's own layout


@dataclass
class Entry:
    """What one document's outputs were built from."""

    outline: str  # the outline's real path
    key: str  # the gongwen version and the build options
    inputs: dict[str, list]  # real path → [size, mtime_ns, sha256]
    lookups: list[list]  # [style name, base folder or None, the sheet it found]
    style: str  # the style sheet's path (the fonts are resolved for it)
    fonts: list[list]  # [path, index, size, mtime_ns] of each face the PDF may embed
    outputs: dict[str, list]  # format → [size, mtime_ns] as written


@dataclass
class Manifest:
    """One output folder's entries by output stem; `dirty` once one changed."""

    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    dirty: bool = False

    @property
    def path(self) -> Path:
        return self.folder / MANIFEST_NAME

    def put(self, stem: str, entry: Entry) -> None:
        self.entries[stem] = entry
        self.dirty = True

    def drop(self, stem: str) -> None:
        if self.entries.pop(stem, None) is not None:
            self.dirty = True

    def save(self) -> None:
        """Write the manifest atomically if it changed (and the folder exists: outputs were
        written there or it was read from there)."""
        if not self.dirty or not self.folder.is_dir():
            return
        data = {"format": FORMAT,
                "entries": {stem: vars(entry) for stem, entry in sorted(self.entries.items())}}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        self.dirty = False


def read_manifest(folder: Path) -> Manifest:
    """The manifest of an output folder; an empty one when there is none or it is unreadable
    (everything is then built)."""
    manifest = Manifest(folder)
    try:
        data = json.loads((folder / MANIFEST_NAME).read_bytes())
        if data.get("format") == FORMAT:
            manifest.entries = {stem: Entry(**entry) for stem, entry in data["entries"].items()}
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        pass
    return manifest


def build_key(version: str, options: dict) -> str:
    """One string for the version, the code itself (a working copy changes it without a new
    version) and the options that change what is written."""
    text = json.dumps({"version": version, "code": code_fingerprint(), **options},
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def code_fingerprint() -> str:
    """The package's own files as they are installed (each one's path, size and mtime): a
    rebuilt or edited gongwen makes every output stale, as a new version does."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json", ".bin") and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns};"
                          .encode("utf-8"))
    return digest.hexdigest()[:16]


class Checker:
    """Answers whether an entry still holds, stat'ing (and if need be hashing) each file once
    per run, and resolving a style's fonts once per run."""

    def __init__(self, resolve_fonts=None):
        self._files: dict[str, bool] = {}
        self._stats: dict[str, tuple[int, int] | None] = {}
        self._fonts: dict[str, list | None] = {}
        self._resolve_fonts = resolve_fonts  # style path → [[path, index], …] or None

    def forget(self) -> None:
        """Start afresh (watch: files change between runs), the faces each style's fonts
        resolve to as well (an edited sheet's, else compared with the old ones until restart)."""
        self._files.clear()
        self._stats.clear()
        self._fonts.clear()

    def up_to_date(self, entry: Entry | None, outline: str, key: str,
                   targets: dict[str, Path]) -> bool:
        if entry is None or entry.outline != outline or entry.key != key:
            return False
        if set(entry.outputs) != set(targets):
            return False
        for fmt, target in targets.items():
            if self._stat(str(target)) != tuple(entry.outputs[fmt]):
                return False  # deleted, or changed by someone else
        if not all(self._same(path, tuple(print_)) for path, print_ in entry.inputs.items()):
            return False
        if not all(_locate(name, base) == found for name, base, found in entry.lookups):
            return False
        if entry.fonts:
            faces = self._faces(entry.style)
            if faces is None or faces != [font[:2] for font in entry.fonts]:
                return False
            if any(self._stat(path) != (size, mtime) for path, _, size, mtime in entry.fonts):
                return False
        return True

    def _stat(self, path: str) -> tuple[int, int] | None:
        if path not in self._stats:
            try:
                info = os.stat(path)
                self._stats[path] = (info.st_size, info.st_mtime_ns)
            except OSError:
                self._stats[path] = None
        return self._stats[path]

    def _same(self, path: str, recorded: Fingerprint) -> bool:
        if path not in self._files:
            now = self._stat(path)
            if now is None or now[0] != recorded[0]:
                same = False
            elif now == recorded[:2]:
                same = True
            else:  # same size, another time: the content decides
                same = file_sha256(path) == recorded[2]
            self._files[path] = same
        return self._files[path]

    def _faces(self, style: str) -> list | None:
        if style not in self._fonts:
            self._fonts[style] = self._resolve_fonts(style) if self._resolve_fonts else None
        return self._fonts[style]


def file_sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _locate(name: str, base: str | None) -> str | None:
    from .style import locate

    found = locate(name, Path(base) if base is not None else None)
    return str(found.resolve()) if found is not None else None


def style_lookups(name: str, base: Path | None) -> list[list]:
    """Each style-sheet lookup a build made: the outline's style name from its folder (or the
    `--style` option, `base` None), then each `extends:` from its sheet's folder."""
    from .style import MAX_EXTENDS

    lookups: list[list] = []
    base_text = str(base.resolve()) if base is not None else None
    while len(lookups) < MAX_EXTENDS:
        found = _locate(name, base_text)
        lookups.append([name, base_text, found])
        parent = _extends(found) if found is not None else None
        if parent is None:
            break
        name, base_text = parent, str(Path(found).parent)
    return lookups


_EXTENDS: dict[tuple, str | None] = {}  # (path, size, mtime_ns) → the sheet's `extends:`


def _extends(path: str) -> str | None:
    """What a style sheet (already loaded by the build, so valid) extends, if anything."""
    import yaml

    try:
        info = os.stat(path)
        key = (path, info.st_size, info.st_mtime_ns)
        if key not in _EXTENDS:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)
            parent = data.get("extends") if isinstance(data, dict) else None
            _EXTENDS[key] = parent if isinstance(parent, str) else None
        return _EXTENDS[key]
    except (OSError, ValueError, yaml.YAMLError):
        return None
