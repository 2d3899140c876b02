"""Parsed TrueType faces cached per font file, so that a build does not parse them again.

reportlab's parser (`TTFontFile.extractInfo`) reads a face's whole cmap, advances and glyph
locations in Python: 20–50 ms per CJK face, every build. What it extracts is stored here once per
face, in the font cache folder (`catalogue.cache_dir()/parsed`), and read back as a
`CachedFace`: the same attributes, so layout, the coverage check and reportlab's subsetting read
the same numbers. An entry holds two sections in `marshal` form, each decoded on first use:

- `core`: what layout and the coverage check read (cmap, advances by code point, the default
  advance, units per em, ascent, descent, bounding box, names, the table directory);
- `embed`: what only embedding needs (advances and side bearings by glyph, glyph locations);
- `shaping`: glyphs → code points, which only reportlab's text shaping reads (we do not shape).

The face's bytes are read only when the PDF writer embeds it (its `_ttf_data`), and checked
then against the fingerprint the entry was made for. A fallback face that sets no character of
the document is never read.

An entry is keyed by the file's fingerprint (size, modification time, a hash of its first and
last 64 KiB: hashing whole CJK files costs 4–20 ms each, this 0.1 ms), the face's index, this
format's version and reportlab's and Python's; it is found under the face's key (`Face.key`),
so a rebuilt entry replaces the old one. Entries are written atomically; one that is corrupt
(each section carries its hash) or stale is ignored and rewritten; a folder that cannot be
written leaves every face parsed as before.
"""

from __future__ import annotations

import glob
import hashlib
import json
import marshal
import os
import sys
from pathlib import Path

import reportlab
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFont, TTFontFace

from ..errors import OutputError
from ..files import write_atomic
from . import catalogue

FORMAT = 1
MAGIC = b"GWFACE\n"
BLOCK = 65536  # bytes hashed at each end of the file for its fingerprint
# the attributes decoded on first use, by section (the rest is `core`)
LAZY = {"embed": ("hmetrics", "glyphPos"), "shaping": ("glyphToChar",)}
SECTIONS = ("core", *LAZY)
NOT_STORED = ("_ttf_data", "_pos", "_pdfScale")  # the bytes, a read position, a function


def cache_folder() -> Path:
    """Where parsed faces are kept: beside the converted faces, in gongwen's font cache."""
    return catalogue.cache_dir() / "parsed"


def load_font(name: str, path: Path, index: int = 0) -> TTFont:
    """reportlab's `TTFont` named `name` for the face `index` of `path`: its face read from the
    cache when it holds this file's, else parsed (and then cached)."""
    fingerprint = _fingerprint(path)
    key = "|".join(map(str, (FORMAT, reportlab.Version, *sys.version_info[:2], index, *fingerprint)))
    entry = cache_folder() / f"{name}-{hashlib.blake2b(key.encode(), digest_size=8).hexdigest()}.face"
    face = _read(entry, key, path, fingerprint)
    if face is None:
        font = TTFont(name, str(path), subfontIndex=index)
        _write(entry, key, font.face)
        return font
    return _font(name, face)


class CachedFace(TTFontFace):
    """A `TTFontFace` restored from the cache: the attributes reportlab's parser sets, the
    lazy sections decoded and the file read on first use."""

    def __init__(self, path: Path, fingerprint: tuple, core: dict, lazy: dict[str, bytes]):
        vars(self).update(core)
        self.filename = str(path)
        self._pos = 0
        self._pdfScale = _scale(self.unitsPerEm)
        self._fingerprint = fingerprint
        self._lazy = lazy

    def __getattr__(self, name: str):  # only for attributes not (yet) in the instance
        section = next((s for s, names in LAZY.items() if name in names), None)
        if section is not None and section in vars(self).get("_lazy", {}):
            vars(self).update(marshal.loads(self._lazy.pop(section)))
            return vars(self)[name]
        if name == "_ttf_data":
            self._ttf_data = _read_checked(Path(self.filename), self._fingerprint)
            return self._ttf_data
        raise AttributeError(name)

    def __copy__(self) -> CachedFace:
        """A copy holding all this face holds: its lazy sections decoded and its file read
        first, for both to share. A copy of the undecoded face would share the pending sections,
        and the first of the two to decode one would leave the other without it (the copy
        `metrics.widened_subset` subsets then failed for want of `glyphPos`), and each would
        read the file."""
        for names in LAZY.values():
            getattr(self, names[0])
        copy = type(self).__new__(type(self))
        vars(copy).update(vars(self), _ttf_data=self._ttf_data, _lazy={})
        return copy

    def get_table(self, tag: str):
        """A table's bytes; the glyf table as `GlyphTable`, so that subsetting copies the glyphs
        it takes rather than the whole table (several megabytes) for each subset of 256."""
        if tag == "glyf":
            offset, length = self.get_table_pos(tag)
            return GlyphTable(self._ttf_data, offset, length)
        return super().get_table(tag)


class GlyphTable:
    """A table inside a face's bytes that reportlab's subsetting slices (`table[a:b]`): each
    slice copied on its own."""

    def __init__(self, data: bytes, offset: int, length: int):
        self.data, self.offset, self.length = data, offset, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, part: slice) -> bytes:
        start, stop, step = part.indices(self.length)
        return self.data[self.offset + start:self.offset + stop:step]


def _font(name: str, face: TTFontFace) -> TTFont:
    """A `TTFont` over an already made face, set up as `TTFont.__init__` sets one up
    (tests/test_font_cache.py compares the two)."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, unShapedFontGlob

    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, pattern) for pattern in unShapedFontGlob)
    return font


def _scale(units_per_em: int):
    """reportlab's font units → thousandths of an em, as its parser makes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _fingerprint(path: Path) -> tuple[int, int, str]:
    """What identifies a file's content, cheaply: its size, modification time and the hash of
    its first and last `BLOCK` bytes."""
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        head = handle.read(BLOCK)
        handle.seek(max(BLOCK, info.st_size - BLOCK))
        return info.st_size, info.st_mtime_ns, _ends(head, handle.read())


def _ends(head: bytes, tail: bytes) -> str:
    digest = hashlib.blake2b(head, digest_size=16)
    digest.update(tail)
    return digest.hexdigest()


def _read_checked(path: Path, fingerprint: tuple) -> bytes:
    """The face file's bytes, provided it is still the file its entry was made from."""
    with open(path, "rb") as handle:
        data = handle.read()
        mtime = os.fstat(handle.fileno()).st_mtime_ns
    if (len(data), mtime, _ends(data[:BLOCK], data[max(BLOCK, len(data) - BLOCK):])) != fingerprint:
        raise OSError(0, "the font file changed during the build; run it again", str(path))
    return data


def _read(entry: Path, key: str, path: Path, fingerprint: tuple) -> CachedFace | None:
    """The cached face in `entry` when it is whole and made for `key`, else None."""
    try:
        blob = entry.read_bytes()
        if not blob.startswith(MAGIC):
            return None
        start = len(MAGIC) + 4
        size = int.from_bytes(blob[len(MAGIC):start], "big")
        header = json.loads(blob[start:start + size])
        if header.get("key") != key:
            return None
        sections = {}
        offset = start + size
        for name in SECTIONS:
            length, digest = header[name]
            data = blob[offset:offset + length]
            offset += length
            if len(data) != length or hashlib.blake2b(data, digest_size=16).hexdigest() != digest:
                return None
            sections[name] = data
        core = marshal.loads(sections["core"])
        for attr in header["names"]:
            core[attr] = TTFNameBytes(core[attr])
        if not isinstance(core.get("charToGlyph"), dict) or not isinstance(core.get("charWidths"), dict):
            return None
        return CachedFace(path, fingerprint, core, {name: sections[name] for name in LAZY})
    except (OSError, ValueError, LookupError, TypeError, AttributeError, EOFError):
        return None  # unreadable or damaged: parsed again and rewritten


def _write(entry: Path, key: str, face: TTFontFace) -> None:
    """Store `face`'s parsed data in `entry` (atomically), replacing the face's older entries;
    nothing when the folder cannot be written or the face holds data marshal cannot keep."""
    attrs = {k: v for k, v in vars(face).items() if k not in NOT_STORED}
    texts = sorted(k for k, v in attrs.items() if isinstance(v, TTFNameBytes))  # names, as bytes
    lazy = [attr for section in LAZY.values() for attr in section]
    if not all(attr in attrs for attr in lazy):
        return
    core = {k: (bytes(v) if k in texts else v) for k, v in attrs.items() if k not in lazy}
    parts = [core, *({attr: attrs[attr] for attr in section} for section in LAZY.values())]
    # marshal refuses what it cannot keep (ValueError), except a bytes-like object of another
    # type, which it would keep as plain bytes (the names, TTFNameBytes, are made bytes above
    # and made names again when read)
    if any(isinstance(v, (bytes, bytearray, memoryview)) and type(v) is not bytes
           for v in core.values()):
        return
    try:
        sections = [marshal.dumps(part) for part in parts]
    except ValueError:
        return
    header = {"key": key, "names": texts}
    for name, data in zip(SECTIONS, sections):
        header[name] = [len(data), hashlib.blake2b(data, digest_size=16).hexdigest()]
    head = json.dumps(header).encode()
    try:
        face_key = glob.escape(entry.name.rsplit("-", 1)[0])
        for old in entry.parent.glob(f"{face_key}-{'?' * 16}.face"):
            old.unlink(missing_ok=True)
        write_atomic(entry, MAGIC + len(head).to_bytes(4, "big") + head + b"".join(sections))
    except (OSError, OutputError):
        pass
