"""Speed of `gongwen diff` on two 100-page outlines (the seed's body 14 times over, with an edit
in every section of the second): the structural difference alone, best of --runs.
Goal: under a second.

With --shuffled N: N distinct paragraphs per side, the second's in another order and every one
edited (the worst case for matching by content; quadratic before the bounds in docs/diff.md).
Goal: a few seconds for 2,000.

    python benchmarks/diff_bench.py [--runs 3] [--shuffled N]
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from render import outline  # noqa: E402
from render.diff.structure import compare  # noqa: E402
from render.load import load_file  # noqa: E402


def versions(times: int) -> tuple[outline.Document, outline.Document]:
    seed = load_file(ROOT / "source" / "qingdao-miit-2022-summary.yaml")
    old = copy.deepcopy(seed)
    old.body = copy.deepcopy(seed.body * times)
    new = copy.deepcopy(old)
    for visit in outline.walk(new.body):
        block = visit.block
        if isinstance(block, outline.Section) and block.runin:
            block.text = block.text.replace("，", "；", 1)
    new.body.insert(5, outline.Paragraph("新增的一段文字。"))
    del new.body[20]
    return old, new


def shuffled(count: int) -> tuple[outline.Document, outline.Document]:
    """`count` paragraphs of random common characters; the new side shuffled, each edited."""
    rng = random.Random(count)
    alphabet = [chr(0x4E00 + k) for k in range(0, 6000, 3)]
    texts = [f"第{k}项：" + "".join(rng.choices(alphabet, k=rng.randint(30, 90))) + "。"
             for k in range(count)]
    edited = texts[:]
    rng.shuffle(edited)
    for k, text in enumerate(edited):
        at = rng.randrange(len(text))
        edited[k] = text[:at] + "新增" + text[at + 2:]
    seed = load_file(ROOT / "source" / "qingdao-miit-2022-summary.yaml")
    old, new = copy.deepcopy(seed), copy.deepcopy(seed)
    old.body = [outline.Paragraph(text) for text in texts]
    new.body = [outline.Paragraph(text) for text in edited]
    return old, new


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--times", type=int, default=14, help="seed bodies per version")
    parser.add_argument("--shuffled", type=int, metavar="N",
                        help="N paragraphs per side, reordered and all edited")
    args = parser.parse_args(argv)
    if args.shuffled:
        old, new = shuffled(args.shuffled)
        what, goal = f"{args.shuffled} paragraphs reordered and edited", 5.0
    else:
        old, new = versions(args.times)
        what, goal = f"{len(outline.walk(old.body))} blocks (~{7 * args.times} pages)", 1.0
    best = min(_timed(old, new) for _ in range(args.runs))
    difference = compare(old, new)
    print(f"{what}: diff in {best:.3f}s, {len(difference.blocks)} changed blocks")
    return 0 if best < goal else 1


def _timed(old, new) -> float:
    start = time.perf_counter()
    compare(old, new)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
