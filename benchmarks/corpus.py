"""The real-document corpus (source/corpus/) against GB/T 9704's page rules (issue #11).

Every outline is loaded, composed and typeset once through the build's own pipeline, with the
metrics a .docx-only build uses (`render.pipeline.lay_out`: the open faces' widths shipped
with gongwen, so the result is the same on every machine), and the plan is checked by
`render.conformance`: the 署名 block (never split, never at the top of a page without 正文),
titles (by words, 梯形 or 菱形, fewest lines), the 版头 on page 1, every character on the paper,
the 附件说明, 附注 and 版记 in their places.

One line per document (pages, then each rule ok or BROKEN with the reason), then a summary.
Exit code 1 when any rule is broken.

    python benchmarks/corpus.py [FILE.yaml ...] [--examples]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "source" / "corpus"
sys.path.insert(0, str(ROOT))

from render.pipeline import lay_out, load  # noqa: E402
from render.conformance import RULES, check_plan  # noqa: E402


def check(path: Path) -> tuple[int, dict[str, str]]:
    source = load(path)
    _, plan, _ = lay_out(source)
    return len(plan.pages), check_plan(plan, source.style, source.document.seal_kind)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--examples", action="store_true",
                        help="also check source/examples/*.yaml")
    args = parser.parse_args(argv)
    files = args.files or sorted(CORPUS.glob("*.yaml"))
    if args.examples:
        files += sorted((ROOT / "source" / "examples").glob("*.yaml"))
    broken_docs = 0
    broken_rules = {rule: 0 for rule in RULES}
    width = max(len(f.stem) for f in files)
    for path in files:
        try:
            pages, found = check(path)
        except Exception as exc:  # a document that does not build is reported, not fatal
            print(f"{path.stem:<{width}}  does not build: {exc}")
            broken_docs += 1
            continue
        cells = " ".join(f"{rule}:{'BROKEN' if found[rule] else 'ok'}" for rule in RULES)
        reasons = "; ".join(f"{rule}: {found[rule]}" for rule in RULES if found[rule])
        print(f"{path.stem:<{width}}  pages={pages:<2} {cells}" + (f"  [{reasons}]" if reasons else ""))
        if reasons:
            broken_docs += 1
        for rule in RULES:
            broken_rules[rule] += bool(found[rule])
    summary = " ".join(f"{rule}={broken_rules[rule]}" for rule in RULES)
    print(f"summary: {len(files)} documents, {len(files) - broken_docs} clean, {broken_docs} with "
          f"a broken rule; broken per rule: {summary}")
    return 1 if broken_docs else 0


if __name__ == "__main__":
    sys.exit(main())
