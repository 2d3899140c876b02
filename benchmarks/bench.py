"""Speed: a cold `gongwen build` (both formats) against Typst's PDF of an equivalent document and
LibreOffice's .docx → PDF conversion, for the seed and for a document 100 times its size.

Every tool runs as a fresh process, as a user would run it; each timing is the best of
--runs. Needs LibreOffice and `pip install typst` (the Typst compiler's Python binding); the
Typst document uses the same open faces (from `gongwen fonts install`).

    python benchmarks/bench.py [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "qingdao-miit-2022-summary.yaml"
sys.path.insert(0, str(ROOT))

from render import outline  # noqa: E402
from render.fmt import format_document  # noqa: E402
from render.load import load_file  # noqa: E402
from render.fonts import catalogue  # noqa: E402


def scaled(document: outline.Document, times: int) -> outline.Document:
    """The document with its body repeated: `times` × the sections (renumbered by position)."""
    return outline.Document(style=document.style, title=document.title,
                            issuers=document.issuers, publication=document.publication,
                            body=document.body * times)


def typst_source(document: outline.Document) -> str:
    """An equivalent Typst document: A4, the same margins, faces, sizes and grid pitch."""
    lines = [
        '#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),',
        '  footer: context { set text(font: "FandolSong", size: 14pt);'
        ' let n = counter(page).get().first();'
        ' if calc.odd(n) { align(right)[— #n —#h(1em)] } else { align(left)[#h(1em)— #n —] } })',
        '#set text(font: ("Liberation Serif", "FandolFang"), size: 16pt, lang: "zh", '
        'tracking: -0.25pt)',
        "#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 12.95pt, "
        "spacing: 12.95pt)",
        '#align(center, text(font: ("Liberation Serif", "FandolSong Bold"), size: 22pt, '
        'tracking: 0pt)[' + "".join(document.title) + "])",
        "",
    ]
    for visit in outline.walk(document.body):
        block = visit.block
        if isinstance(block, outline.Paragraph):
            lines.append(block.text.replace("#", "\\#") + "\n")
        elif block.runin:
            lines.append(f'#text(font: ("Liberation Serif", "FandolKai"))[（{visit.numbers[-1]}）'
                         f"{block.heading}]{block.text}\n")
        else:
            lines.append(f'#text(font: ("Liberation Serif", "FandolHei"))[{visit.numbers[-1]}、'
                         f"{block.heading}]\n")
    return "\n".join(lines)


def best(command: list[str], runs: int, **kwargs) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        import typst  # noqa: F401
    except ImportError:
        raise SystemExit("bench: `pip install typst` first (the Typst compiler)") from None
    office = shutil.which("soffice")
    seed = load_file(SEED)
    print(f"{'document':12} {'gongwen docx+pdf':>17} {'typst pdf':>10} {'LibreOffice pdf':>16}"
          f" {'typst / gongwen':>16}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "styles").symlink_to(ROOT / "styles")
        for name, times in (("seed", 1), ("seed x100", 100)):
            document = scaled(seed, times)
            source = work / f"doc{times}.yaml"
            source.write_text(format_document(document), encoding="utf-8")
            ours = best([sys.executable, "-m", "render.cli", "build", "-q", "-o",
                         str(work / "out"), str(source)], args.runs, cwd=ROOT)
            typ = work / f"doc{times}.typ"
            typ.write_text(typst_source(document), encoding="utf-8")
            compile_typst = (f"import typst; typst.compile({str(typ)!r}, output="
                             f"{str(work / f'doc{times}-typst.pdf')!r}, "
                             f"font_paths=[{str(catalogue.cache_dir())!r}, "
                             "'/usr/share/fonts/truetype/liberation'])")
            theirs = best([sys.executable, "-c", compile_typst], args.runs)
            lo = float("nan")
            if office:
                lo = best([office, f"-env:UserInstallation=file://{work / 'lo'}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(work / "lo-out"),
                           str(work / "out" / f"doc{times}.docx")], args.runs)
            print(f"{name:12} {ours:16.2f}s {theirs:9.2f}s {lo:15.2f}s {theirs / ours:15.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
