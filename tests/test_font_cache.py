"""The parsed-face cache (render/fonts/facecache.py) and the commands' lazy imports.

A cached face must be reportlab's parsed face attribute for attribute, a PDF built from the cache
must be the PDF built by parsing, and a damaged, stale or unwritable cache must cost a parse,
never a wrong face or a failed build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED, fonts_installed

from render.fonts import facecache

pytestmark = pytest.mark.skipif(not fonts_installed(),
                                reason="the PDF's fonts are not installed; run `gongwen fonts install`")

LAZY_ATTRS = [attr for section in facecache.LAZY.values() for attr in section]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of the test's own, and no face kept from earlier in the process."""
    from render.fonts import metrics

    folder = tmp_path / "cache" / "parsed"
    monkeypatch.setattr(facecache, "cache_folder", lambda: folder)
    monkeypatch.setattr(metrics, "_PARSED", {})
    return folder


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The files reportlab's parser reads from now on."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    seen: list[str] = []
    original = TTFontFile.extractInfo

    def counting(self, *args, **kwargs):
        seen.append(self.filename)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(TTFontFile, "extractInfo", counting)
    return seen


def seed_faces():
    from render.fonts.resolve import resolve_fonts
    from render.style import load_style

    fontset = resolve_fonts(load_style("gbt9704"))
    faces = {face for role in fontset.roles.values() for face in (role.main, *role.fallbacks)}
    return sorted(faces | {fontset.latin}, key=lambda face: face.key)


def font_copy(tmp_path: Path, name: str = "face.ttf") -> Path:
    """A private copy of the Latin face (small), which the test may change."""
    latin = next(face for face in seed_faces() if face.name == "Liberation Serif")
    copy = tmp_path / name
    shutil.copyfile(latin.path, copy)
    return copy


def comparable(face) -> dict:
    """A face's attributes, every lazy one decoded, its read position and scale function left
    out (the scale is compared by its values)."""
    for attr in (*LAZY_ATTRS, "_ttf_data"):
        getattr(face, attr)
    skip = ("_pos", "_pdfScale", "_lazy", "_fingerprint")
    return {k: (v, type(v), getattr(v, "ustr", None)) for k, v in vars(face).items() if k not in skip}


def test_a_cached_face_is_the_parsed_face(cache, parses):
    for face in seed_faces():
        parsed = facecache.load_font(face.key, face.path, face.index)
        assert parses[-1] == str(face.path)
        cached = facecache.load_font(face.key, face.path, face.index)
        assert isinstance(cached.face, facecache.CachedFace), face.name
        assert parses.count(str(face.path)) == 1, "the second load read the cache"
        assert comparable(cached.face) == comparable(parsed.face), face.name
        for units in (0, 1, 333, 1024, 2048, -77):
            assert cached.face._pdfScale(units) == parsed.face._pdfScale(units)
        loose = {k: v for k, v in vars(parsed).items() if k not in ("face", "state")}
        assert {k: v for k, v in vars(cached).items() if k not in ("face", "state")}.keys() == loose.keys()
        assert cached._asciiReadable == parsed._asciiReadable
        assert cached.shapable == parsed.shapable
        assert type(cached.encoding) is type(parsed.encoding)


def test_a_build_from_the_cache_parses_nothing_and_writes_the_same_pdf(cache, parses):
    import render
    from render.fonts import metrics

    cold = render.build(SEED, formats=["pdf"])["pdf"]
    assert parses, "a cold cache: faces parsed"
    names = {font.fontName for font in metrics._PARSED.values()}
    assert {entry.name.rsplit("-", 1)[0] for entry in cache.iterdir()} == names
    metrics._PARSED.clear()
    parses.clear()
    warm = render.build(SEED, formats=["pdf"])["pdf"]
    assert parses == [], "every face came from the cache"
    assert warm == cold


def test_a_face_consulted_only_for_coverage_is_never_read(cache, tmp_path):
    """A character in no face (U+20000, built with missing glyphs allowed) makes the coverage
    check consult every fallback face; none sets a character, so none is read or decoded."""
    from render.fonts import metrics
    from render.pipeline import Options, load, render

    outline = tmp_path / "rare.yaml"
    outline.write_text(SEED.read_text(encoding="utf-8").replace("。", "\U00020000。", 1),
                       encoding="utf-8")
    options = Options(formats=("pdf",), allow_missing_glyphs=True)
    for _ in range(2):  # cold, then from the cache
        metrics._PARSED.clear()
        pdf = render(load(outline), options)["pdf"]
    faces = {Path(font.face.filename).name: font.face for font in metrics._PARSED.values()}
    read = {name for name, face in faces.items() if "_ttf_data" in vars(face)}
    assert {"LiberationSerif-Regular.ttf", "uming.ttc", "wqy-microhei.ttc"} <= faces.keys()
    assert "LiberationSerif-Regular.ttf" in read and "uming.ttc" not in read
    assert "wqy-microhei.ttc" not in read
    assert "embed" in faces["uming.ttc"]._lazy, "its glyph data not even decoded"
    assert pdf.count(b"UMing") == 0 and pdf.count(b"FandolFang") > 0


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "other key"])
def test_a_damaged_entry_is_ignored_and_rewritten(cache, parses, tmp_path, damage):
    font = font_copy(tmp_path)
    first = facecache.load_font("F", font)
    (entry,) = cache.iterdir()
    blob = entry.read_bytes()
    damaged = {
        "garbage": os.urandom(len(blob)),
        "truncated": blob[:len(blob) // 2],
        "flipped": blob[:-100] + bytes([blob[-100] ^ 0xFF]) + blob[-99:],
        "empty": b"",
        "other key": blob.replace(b'"key": "%d|' % facecache.FORMAT, b'"key": "0|', 1),
    }[damage]
    entry.write_bytes(damaged)
    parses.clear()
    again = facecache.load_font("F", font)
    assert parses == [str(font)], "parsed again"
    assert comparable(again.face) == comparable(first.face)
    assert entry.read_bytes() == blob, "rewritten whole"
    parses.clear()
    assert isinstance(facecache.load_font("F", font).face, facecache.CachedFace)
    assert parses == []


def test_a_changed_font_file_makes_a_new_entry_in_place_of_the_old(cache, parses, tmp_path):
    font = font_copy(tmp_path)
    facecache.load_font("F", font)
    (old,) = cache.iterdir()
    data = bytearray(font.read_bytes())
    data[-1] ^= 1  # the file's last byte (table padding): a new fingerprint, the same font
    font.write_bytes(bytes(data))
    parses.clear()
    facecache.load_font("F", font)
    assert parses == [str(font)]
    (new,) = cache.iterdir()
    assert new != old


def test_the_file_is_checked_when_its_bytes_are_read(cache, tmp_path):
    font = font_copy(tmp_path)
    facecache.load_font("F", font)
    cached = facecache.load_font("F", font).face
    assert "_ttf_data" not in vars(cached)
    font.write_bytes(font.read_bytes()[:-4])  # changed after layout read its metrics
    with pytest.raises(OSError, match="changed during the build"):
        cached.makeSubset([65, 66])


def test_a_widened_subset_of_a_fresh_cached_face(cache, tmp_path, monkeypatch):
    """A face straight from the cache, nothing of it decoded or read, subset with widened
    advances before any plain subset: the copy it is made from holds the glyph data (it once
    lacked `glyphPos`), the file is read once, and the face itself still subsets."""
    from render.fonts.metrics import glyph_id, widened_subset

    font = font_copy(tmp_path)
    parsed = facecache.load_font("F", font).face
    cached = facecache.load_font("F", font).face
    assert set(cached._lazy) == set(facecache.LAZY) and "_ttf_data" not in vars(cached)
    reads = []
    original = facecache._read_checked
    monkeypatch.setattr(facecache, "_read_checked", lambda *a: reads.append(a) or original(*a))
    codes = [0, 65, 66, 67]
    extras = {glyph_id(parsed, "B"): 120}
    assert widened_subset(cached, codes, extras) == widened_subset(parsed, codes, extras)
    assert len(reads) == 1, "the file read once, for the face and its copy"
    assert cached.makeSubset(codes) == parsed.makeSubset(codes)
    assert len(reads) == 1


def test_an_unwritable_cache_falls_back_to_parsing(monkeypatch, tmp_path, parses):
    from render.errors import OutputError
    from render.fonts import metrics

    blocked = tmp_path / "file-in-the-way"
    blocked.write_text("")
    monkeypatch.setattr(facecache, "cache_folder", lambda: blocked / "parsed")
    font = font_copy(tmp_path)
    assert facecache.load_font("F", font).face.charToGlyph
    assert parses == [str(font)] and blocked.read_text() == ""

    # a read-only folder (as root, permissions are not enforced: its refusal is simulated)
    folder = tmp_path / "read-only"
    folder.mkdir()
    monkeypatch.setattr(facecache, "cache_folder", lambda: folder)

    def refused(path, data):
        raise OutputError(path, "Permission denied")

    monkeypatch.setattr(facecache, "write_atomic", refused)
    folder.chmod(0o555)
    try:
        parses.clear()
        facecache.load_font("F", font)
        assert parses == [str(font)] and list(folder.iterdir()) == []
        monkeypatch.setattr(metrics, "_PARSED", {})
        import render

        assert render.build(SEED, formats=["pdf"])["pdf"].startswith(b"%PDF")
    finally:
        folder.chmod(0o755)


# --- lazy imports: what each command must not load -------------------------------------------

RUN = """
import sys
from render.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(' '.join(sorted({m.split('.')[0] for m in sys.modules} | set(sys.modules))))
"""

NO_PDF = {"reportlab", "fontTools", "urllib.request"}  # (xml.sax.saxutils imports urllib.request)


@pytest.mark.slow  # a new Python process per command (~0.5 s each)
@pytest.mark.parametrize("args, absent, present", [
    (["fmt", "--check", str(SEED)], NO_PDF, {"yaml"}),
    (["schema"], NO_PDF, set()),
    (["lint", str(SEED)], NO_PDF, {"yaml"}),
    (["build", "-q", "--format", "docx", "-o", "{out}", str(SEED)], NO_PDF, {"docx"}),
    # check renders what build would (both formats: reportlab); of a .docx alone, no PDF code
    (["check", "--format", "docx", str(SEED)], NO_PDF, {"docx"}),
    (["--version"], {"docx", "reportlab", "yaml", "fontTools", "lxml", "importlib.metadata"}, set()),
    # the probe itself: a PDF build does load reportlab
    (["build", "-q", "--format", "pdf", "-o", "{out}", str(SEED)], {"docx"}, {"reportlab"}),
    # both formats: the .docx is written in a forked child beside the PDF (render/forked.py)
    (["build", "-q", "-o", "{out}", str(SEED)], {"fontTools", "urllib.request"}, {"reportlab"}),
])
def test_commands_import_only_what_they_need(args, absent, present, tmp_path):
    args = [arg.format(out=tmp_path) for arg in args]
    done = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    loaded = set(done.stdout.split("\n")[-2].split())
    assert "render" in loaded and present <= loaded, done.stderr
    assert not loaded & absent, f"{args[0]} imported {sorted(loaded & absent)}"


def test_the_docx_writers_escape_as_saxutils_does():
    from xml.sax.saxutils import escape

    from render.docx.ooxml import xml_escape

    text = 'a & b < c > d "e" \'f\' &amp; 公文'
    assert xml_escape(text) == escape(text)
    assert xml_escape(text, quote=True) == escape(text, {'"': "&quot;"})
