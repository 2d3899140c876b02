"""Parity of our PDF with LibreOffice's rendering of our .docx.

For each outline: build the .docx and the PDF, convert the .docx with LibreOffice (in the font
set-up of `gongwen fonts install`, so both use the same faces), and compare page by page the
text of every line. A table's cells count line by line: the characters of one grid row, across
all cells, form one line, so a cell broken otherwise, a row moved to another page or a header
not repeated changes a line. Prints a table and exits 1 when a document's page count differs
or fewer than --min-identical percent of its lines are identical.

    python benchmarks/parity.py [OUTLINE...] [--min-identical 95]
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from pdfmeasure import body_rows, rows  # noqa: E402  (the tests' PDF measuring helpers)

DEFAULT = [ROOT / "source" / "qingdao-miit-2022-summary.yaml",
           *sorted((ROOT / "source" / "examples").glob("*.yaml")),
           *sorted((ROOT / "source" / "volumes").glob("*.yaml"))]  # 汇编: several documents


def page_lines(pdf_path: Path, keep=None) -> list[list[str]]:
    """The text of each line of each page's type area, top to bottom (of the characters
    `keep` accepts, when given)."""
    return [[row.text for row in body_rows(page)] for page in rows(pdf_path, keep)]


def compare(ours: list[list[str]], theirs: list[list[str]]) -> tuple[int, int]:
    """(lines identical on the same page and in the same order, lines in all — the longer
    side counted), so that one line split differently costs one line, not a page."""
    identical = total = 0
    pages = max(len(ours), len(theirs))
    for a, b in zip(ours + [[]] * (pages - len(ours)), theirs + [[]] * (pages - len(theirs))):
        total += max(len(a), len(b))
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        identical += sum(block.size for block in matcher.get_matching_blocks())
    return identical, total


def build(outline: Path, out: Path) -> tuple[Path, Path]:
    """Our .docx and PDF of `outline`, built into `out` by `gongwen build`."""
    subprocess.run([sys.executable, "-m", "render.cli", "build", "-q", "-o", str(out),
                    str(outline)], check=True, cwd=ROOT)
    return out / f"{outline.stem}.docx", out / f"{outline.stem}.pdf"


def libreoffice_pdf(docx: Path, outdir: Path, profile: Path) -> Path:
    """LibreOffice's PDF of `docx` (in its own user profile `profile`)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit("parity: LibreOffice (soffice) is not installed")
    subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
                   check=True, capture_output=True)
    return outdir / f"{docx.stem}.pdf"


def measure(outline: Path, work: Path) -> dict:
    docx, pdf = build(outline, work / outline.stem)
    ours = page_lines(pdf)
    theirs = page_lines(libreoffice_pdf(docx, work / outline.stem / "lo", work / "lo-profile"))
    identical, total = compare(ours, theirs)
    return {"name": outline.name, "pages": (len(ours), len(theirs)), "identical": identical,
            "total": total, "share": identical / total if total else 1.0}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outlines", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--min-identical", type=float, default=95.0, metavar="PERCENT")
    args = parser.parse_args(argv)
    failed = False
    print(f"{'document':40} {'pages (ours/LO)':>16} {'identical lines':>18}")
    with tempfile.TemporaryDirectory() as tmp:
        for outline in args.outlines:
            result = measure(outline.resolve(), Path(tmp))
            ours, theirs = result["pages"]
            share = 100 * result["share"]
            print(f"{result['name']:40} {ours:>7} / {theirs:<6} "
                  f"{result['identical']:>6} / {result['total']:<4} {share:5.1f} %")
            if ours != theirs:
                print(f"parity: {result['name']}: {ours} pages in our PDF, {theirs} in "
                      "LibreOffice's", file=sys.stderr)
                failed = True
            if share < args.min_identical:
                print(f"parity: {result['name']}: {share:.1f} % identical lines, below "
                      f"{args.min_identical} %", file=sys.stderr)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
