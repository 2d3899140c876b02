"""A second opinion on line ends: an engine that follows Word's rules, next to LibreOffice.

For each outline: build the .docx and the PDF, render the .docx with Spire.Doc for Python (a
layout engine of its own that follows Word's rules) and with LibreOffice, and report the share
of our PDF's lines that each sets identically. Spire gets the same open faces our PDF embeds,
renamed to the official names the .docx asks for (仿宋_GB2312, 黑体, …, Times New Roman), in a
fonts folder of its own. Its evaluation build prints a red one-line notice on every page (at
the top of page 1, pushing the text down a line), so its red ASCII characters are dropped and
its lines are compared as one sequence, not page by page. LibreOffice's figure is parity.py's.

Spire.Doc is not a dependency of the project (nor run in CI): install it in a venv of its own
(`python3 -m venv /tmp/venv-spire && /tmp/venv-spire/bin/pip install Spire.Doc pdfplumber`)
and name its interpreter with --spire-python or GONGWEN_SPIRE_PYTHON.

    python benchmarks/word_engine.py [OUTLINE...] [--overflow-punct {1,0,omit}]

--overflow-punct rewrites every w:overflowPunct of the built .docx before both engines read it
(`omit` removes the element), to measure what each engine does with the other settings.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

NOTICE_COLOUR = (1.0, 0.0, 0.0)


def spire_convert(docx: str, pdf: str, fonts: str) -> None:
    """Runs in Spire's interpreter: `docx` → `pdf` with the faces in `fonts`."""
    from spire.doc import Document, FileFormat

    Document.SetGlobalCustomFontsFolders(fonts)
    document = Document()
    document.LoadFromFile(docx)
    document.SaveToFile(pdf, FileFormat.PDF)
    document.Close()


if __name__ == "__main__" and sys.argv[1:2] == ["--spire-convert"]:
    spire_convert(*sys.argv[2:5])
    sys.exit(0)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parity import DEFAULT, ROOT, build, compare, libreoffice_pdf, page_lines  # noqa: E402

sys.path.insert(0, str(ROOT))


def font_folder(outline: Path, folder: Path) -> Path:
    """The faces our PDF embeds for `outline`'s style, each renamed to the name the .docx
    gives it, in `folder` (made once per style)."""
    from fontTools.ttLib import TTFont

    from render.pipeline import load
    from render.fonts.resolve import resolve_fonts

    style = load(outline).style
    folder = folder / Path(style.path).stem
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    fontset = resolve_fonts(style)
    faces = [(style.fonts[role].word, faces.main) for role, faces in fontset.roles.items()]
    if fontset.latin is not None and style.latin_font:
        faces.append((style.latin_font, fontset.latin))
    for number, (name, face) in enumerate(faces):
        font = TTFont(face.path, fontNumber=face.index)
        table = font["name"]
        for name_id in (1, 2, 3, 4, 6, 16, 17):
            table.removeNames(nameID=name_id)
        for language in (0x409, 0x804):
            table.setName(name, 1, 3, 1, language)
            table.setName(name, 4, 3, 1, language)
        table.setName("Regular", 2, 3, 1, 0x409)
        table.setName(f"{name} (gongwen {number})", 3, 3, 1, 0x409)
        table.setName(f"GongwenFace{number}", 6, 3, 1, 0x409)
        font.save(folder / f"face{number}.ttf")
    return folder


def set_overflow_punct(docx: Path, value: str) -> None:
    """Every w:overflowPunct in `docx` set to `value` ("1", "0"), or removed ("omit")."""
    pattern = re.compile(rb'<w:overflowPunct(?: w:val="[^"]*")?/>')
    replacement = b"" if value == "omit" else f'<w:overflowPunct w:val="{value}"/>'.encode()
    with zipfile.ZipFile(docx) as old:
        parts = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts:
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                data = pattern.sub(replacement, data)
            new.writestr(info, data)


def not_notice(char: dict) -> bool:
    """False for the evaluation notice's characters (red ASCII)."""
    colour = tuple(char.get("non_stroking_color") or ())
    return not (colour == NOTICE_COLOUR and char["text"].isascii())


def flat(pages: list[list[str]]) -> list[list[str]]:
    """All lines as one page: line texts compared in order, wherever the pages break."""
    return [[line for page in pages for line in page]]


def measure(outline: Path, work: Path, spire_python: str, overflow: str | None) -> dict:
    out = work / outline.stem
    docx, pdf = build(outline, out)
    if overflow is not None:
        set_overflow_punct(docx, overflow)
    fonts = font_folder(outline, work / "fonts")
    spire = out / "spire" / f"{outline.stem}.pdf"
    spire.parent.mkdir()
    subprocess.run([spire_python, __file__, "--spire-convert", str(docx), str(spire),
                    str(fonts)], check=True, capture_output=True)
    ours = page_lines(pdf)
    word = page_lines(spire, keep=not_notice)
    office = page_lines(libreoffice_pdf(docx, out / "lo", work / "lo-profile"))
    result = {"name": outline.name}
    for key, (a, b) in {"word": (flat(ours), flat(word)), "lo": (ours, office),
                        "word_lo": (flat(office), flat(word))}.items():
        result[key] = compare(a, b)
    return result


def share(pair: tuple[int, int]) -> str:
    identical, total = pair
    return f"{identical:>4} / {total:<4} {100 * identical / total if total else 100:5.1f} %"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outlines", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--spire-python", default=os.environ.get("GONGWEN_SPIRE_PYTHON",
                                                                 sys.executable))
    parser.add_argument("--overflow-punct", choices=("1", "0", "omit"))
    args = parser.parse_args(argv)
    print(f"{'document':36} {'Word rules (Spire)':>20} {'LibreOffice':>20} "
          f"{'Spire vs LibreOffice':>21}")
    totals = {"word": [0, 0], "lo": [0, 0], "word_lo": [0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        for outline in args.outlines:
            result = measure(outline.resolve(), Path(tmp), args.spire_python,
                             args.overflow_punct)
            for key, total in totals.items():
                total[0] += result[key][0]
                total[1] += result[key][1]
            print(f"{result['name']:36} {share(result['word']):>20} {share(result['lo']):>20} "
                  f"{share(result['word_lo']):>21}")
    print(f"{'all':36} {share(totals['word']):>20} {share(totals['lo']):>20} "
          f"{share(totals['word_lo']):>21}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
