"""`gongwen build DIR` over 200 outlines (the examples and the seed, repeated with other titles):
a cold build, a no-op rebuild (every output up to date) and one changed outline; and the warm
rebuild latency of the seed as `gongwen watch` does it (in-process, after a save).

    python benchmarks/batch_bench.py [--count 200] [--jobs N]
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
EXAMPLES = ROOT / "source" / "examples"


def make_folder(folder: Path, count: int) -> None:
    sources = [SEED, *sorted(EXAMPLES.glob("*.yaml"))]
    for name in ("figure-chart.png", "seal-a.png", "seal-b.png", "table-roster.csv"):
        shutil.copy(EXAMPLES / name, folder / name)
    for i in range(count):
        source = sources[i % len(sources)]
        text = source.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        changed = title.rstrip() + f"（{i}）" if not title.rstrip().endswith(":") else title
        (folder / f"{i:03d}-{source.stem}.yaml").write_text(text.replace(title, changed, 1),
                                                            encoding="utf-8")


def gongwen(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "render.cli", *args], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def watch_latency(rounds: int = 10) -> list[float]:
    """What `watch` does after a save of the seed, in a warm process: the stale check, the
    render of both formats, the atomic writes, the manifest."""
    from render.batch import Batch, Reporter, Settings
    from render.outlines import find_items

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "a.yaml")
        shutil.copy(SEED, src)
        batch = Batch(Settings(formats=("docx", "pdf")), jobs=1)
        items = find_items([src], Path(tmp, "out"))
        report = Reporter(problems=print, say=print)
        batch.run(items, report)
        times = []
        for i in range(rounds):
            src.write_text(SEED.read_text(encoding="utf-8").replace("工作总结", f"工作总结{i}", 1),
                           encoding="utf-8")
            started = time.perf_counter()
            batch.run(items, report, todo=batch.stale(items))
            times.append(time.perf_counter() - started)
        return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "src"), Path(tmp, "out")
        src.mkdir()
        make_folder(src, args.count)
        cold = gongwen("build", "-q", "-o", str(out), *jobs, str(src))
        noop = gongwen("build", "-q", "-o", str(out), *jobs, str(src))
        one = sorted(src.glob("*.yaml"))[0]
        one.write_text(one.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        changed = gongwen("build", "-q", "-o", str(out), *jobs, str(src))
    latency = sorted(watch_latency())
    print(f"{args.count} outlines: cold build {cold:.2f} s, no-op rebuild {noop:.2f} s, "
          f"one changed {changed:.2f} s (whole processes)")
    print(f"watch, the seed after a save, warm: median {latency[len(latency) // 2] * 1000:.0f} ms,"
          f" best {latency[0] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
