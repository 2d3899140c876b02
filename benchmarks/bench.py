"""Speed: cold `gongwen build` (.docx, .pdf, both) against Typst's PDF of an equivalent document
and LibreOffice's .docx → PDF conversion, for the seed ×1, ×10 and ×100 (about 700 pages), and a
folder of 200 outlines (`gongwen build DIR`) against Typst compiling the 200 equivalents one by
one in one process; ratios of medians measured in one run, and our peak memory.

Every tool runs as a fresh process, as a user would run it; each cell is the median of --runs
(the folder row: half as many). Needs LibreOffice and `pip install typst` (the Typst compiler's
Python binding); the Typst documents use the same open faces (from `gongwen fonts install`).

    python benchmarks/bench.py [--runs 5] [--folder 200]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "qingdao-miit-2022-summary.yaml"
TEXT_EXAMPLES = ("letter.yaml", "letter-plain.yaml", "minutes.yaml", "notice-full.yaml",
                 "notice-joint.yaml", "order.yaml", "request-upward.yaml")
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
    lines += _typst_blocks(document.body)
    for attachment in document.attachments:  # each on a page of its own, as ours
        lines.append('#pagebreak()\n#align(center, text(font: ("Liberation Serif", '
                     '"FandolSong Bold"), size: 22pt)[' + "".join(attachment.title) + "])\n")
        lines += _typst_blocks(attachment.body)
    return "\n".join(lines)


def _typst_blocks(blocks: list) -> list[str]:
    lines = []
    for visit in outline.walk(blocks):
        block = visit.block
        if isinstance(block, outline.Paragraph):
            lines.append(block.text.replace("#", "\\#") + "\n")
        elif block.runin:
            lines.append(f'#text(font: ("Liberation Serif", "FandolKai"))[（{visit.numbers[-1]}）'
                         f"{block.heading}]{block.text}\n")
        else:
            lines.append(f'#text(font: ("Liberation Serif", "FandolHei"))[{visit.numbers[-1]}、'
                         f"{block.heading}]\n")
    return lines


def measured(command: list[str], **kwargs) -> tuple[float, float]:
    """(seconds, peak resident memory in MB) of one cold process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed
    begin = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=env, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - begin
    if status != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def median_of(command: list[str], runs: int, **kwargs) -> tuple[float, float]:
    """The median time and the largest peak memory of `runs` cold runs (after one not counted:
    bytecode compiled, caches filled, as on a machine in use)."""
    measured(command, **kwargs)
    results = [measured(command, **kwargs) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def typst_compile(sources: list[Path], work: Path) -> list[str]:
    """One Python process compiling each Typst source in turn (Typst's own batch)."""
    code = ("import sys, typst\n"
            f"fonts = [{str(catalogue.cache_dir())!r}, '/usr/share/fonts/truetype/liberation']\n"
            "for source in sys.argv[1:]:\n"
            "    typst.compile(source, output=source[:-4] + '.pdf', font_paths=fonts)\n")
    script = work / "typst_batch.py"
    script.write_text(code, encoding="utf-8")
    return [sys.executable, str(script), *map(str, sources)]


def folder_of(count: int, work: Path) -> tuple[Path, list[Path]]:
    """`count` text-only outlines (the seed, the corpus, the text-only examples, repeated with
    another title each) in a folder, and their Typst equivalents."""
    folder = work / "folder"
    folder.mkdir()
    bases = [SEED, *sorted((ROOT / "source" / "corpus").glob("*.yaml"))] + [
        ROOT / "source" / "examples" / name for name in TEXT_EXAMPLES]
    typst_sources = []
    for number in range(count):
        document = load_file(bases[number % len(bases)])
        document.title = ["".join(document.title) + f"（第{number + 1}份）"]
        path = folder / f"doc{number:03d}.yaml"
        path.write_text(format_document(document), encoding="utf-8")
        typ = work / "typst-folder" / f"doc{number:03d}.typ"
        typ.parent.mkdir(exist_ok=True)
        typ.write_text(typst_source(document), encoding="utf-8")
        typst_sources.append(typ)
    return folder, typst_sources


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs per cell (median)")
    parser.add_argument("--folder", type=int, default=200, help="outlines in the folder row")
    args = parser.parse_args(argv)
    try:
        import typst  # noqa: F401
    except ImportError:
        raise SystemExit("bench: `pip install typst` first (the Typst compiler)") from None
    office = shutil.which("soffice")
    seed = load_file(SEED)
    gongwen = [sys.executable, "-m", "render.cli", "build", "-q", "--force"]  # no skipping
    print(f"{'document':14}{'docx':>8}{'pdf':>8}{'both':>8}{'typst':>8}{'LO pdf':>8}"
          f"{'both/typst':>11}{'peak MB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "styles").symlink_to(ROOT / "styles")
        for times in (1, 10, 100):
            document = scaled(seed, times)
            source = work / f"doc{times}.yaml"
            source.write_text(format_document(document), encoding="utf-8")
            out = str(work / "out")
            docx, _ = median_of([*gongwen, "--format", "docx", "-o", out, str(source)], args.runs,
                                cwd=ROOT)
            pdf, _ = median_of([*gongwen, "--format", "pdf", "-o", out, str(source)], args.runs,
                               cwd=ROOT)
            both, peak = median_of([*gongwen, "-o", out, str(source)], args.runs, cwd=ROOT)
            typ = work / f"doc{times}.typ"
            typ.write_text(typst_source(document), encoding="utf-8")
            theirs, _ = median_of(typst_compile([typ], work), args.runs)
            lo = float("nan")
            if office:
                lo, _ = median_of([office, f"-env:UserInstallation=file://{work / 'lo'}",
                                   "--headless", "--convert-to", "pdf", "--outdir",
                                   str(work / "lo-out"), str(work / "out" / f"doc{times}.docx")],
                                  args.runs)
            name = "seed" if times == 1 else f"seed x{times}"
            print(f"{name:14}{docx:7.2f}s{pdf:7.2f}s{both:7.2f}s{theirs:7.2f}s{lo:7.2f}s"
                  f"{both / theirs:10.2f}x{peak:9.0f}")
        folder, typst_sources = folder_of(args.folder, work)
        runs = max(1, args.runs // 2)
        both, peak = median_of([*gongwen, "-o", str(work / "folder-out"),
                                str(folder)], runs, cwd=ROOT)
        theirs, _ = median_of(typst_compile(typst_sources, work), runs)
        name = f"{args.folder} outlines"
        print(f"{name:14}{'':8}{'':8}{both:7.2f}s{theirs:7.2f}s{'':8}{both / theirs:10.2f}x"
              f"{peak:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
