"""Mutation testing of render/compose and render/layout with mutmut 3 and the fast tests.

    .venv/bin/pip install -e '.[mutation]'
    .venv/bin/python benchmarks/mutation.py [--sample 200] [--seed 9704] [--keep]

mutmut is configured in pyproject.toml ([tool.mutmut]): it mutates only render/compose/* and
render/layout/*, and runs per mutant only the fast tests (no LibreOffice) in
`pytest_add_cli_args_test_selection` that cover the mutated function, with mutmut's own timeout
(15 × the covering tests' clean time + 1 s).

The script builds the mutants afresh (mutants/ is removed first, so new tests are seen), lists
every mutant, draws a fixed-seed random sample, runs only those, and prints the counts, the score
(killed + timeout over the sample) and the survivors; `--json PATH` writes them too.
benchmarks/mutation.md records a run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = str(Path(sys.executable).with_name("mutmut"))


def results() -> dict[str, str]:
    out = subprocess.run([MUTMUT, "results", "--all", "true"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    status = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+): (.+)$", line)
        if m:
            status[m.group(1)] = m.group(2).strip()
    return status


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--seed", type=int, default=9704)
    ap.add_argument("--keep", action="store_true",
                    help="reuse mutants/ (no fresh build) and leave it for `mutmut show`")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    started = time.monotonic()
    if not args.keep:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        # A first, small run builds every mutant and the test-to-function map (mutmut has no
        # build-only command); nominal.py's few mutants are then part of the census like any.
        subprocess.run([MUTMUT, "run", "render.compose.nominal.*"], cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    population = sorted(results())
    sample = sorted(random.Random(args.seed).sample(population, min(args.sample,
                                                                    len(population))))
    subprocess.run([MUTMUT, "run", *sample], cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    status = results()
    got = {name: status.get(name, "missing") for name in sample}
    counts = Counter(got.values())
    killed = counts["killed"] + counts["timeout"]
    score = 100 * killed / len(sample)
    survivors = sorted(n for n, s in got.items() if s not in ("killed", "timeout"))
    print(f"population {len(population)} mutants; sample {len(sample)} (seed {args.seed})")
    for name, n in sorted(counts.items()):
        print(f"  {name}: {n}")
    print(f"score {score:.1f} % ({killed}/{len(sample)} killed or timed out)")
    print(f"took {time.monotonic() - started:.0f} s")
    for name in survivors:
        print(f"  {got[name]}: {name}")
    if not args.keep:  # mutants/ is a scratch copy of render/ (300 MB of trampolines)
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps({"population": len(population), "seed": args.seed,
                                         "sample": got, "counts": dict(counts),
                                         "score": round(score, 1)}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
