"""docs/api.md's recipe: a batch through Dask's distributed scheduler on a local cluster gives
the bytes `gongwen build` writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SEED
from render.cli import main

distributed = pytest.importorskip("dask.distributed")

EXAMPLES = SEED.parent / "examples"


def _build_one(path: str):
    import render
    from render.errors import InputError

    try:
        return path, render.build(path)
    except InputError as exc:
        return path, [str(problem) for problem in exc.problems]


COUNT = 200  # the batch of issue #14's goals


def _outlines(folder: Path) -> list[Path]:
    """The examples and the seed, then copies of the seed with other titles: COUNT outlines."""
    paths = [SEED, *sorted(p for p in EXAMPLES.glob("*.yaml"))]
    for path in paths:
        shutil.copy(path, folder / path.name)
    for name in ("figure-chart.png", "seal-a.png", "seal-b.png", "table-roster.csv"):
        shutil.copy(EXAMPLES / name, folder / name)
    text = SEED.read_text(encoding="utf-8")
    count = len(paths)
    for i in range(COUNT - count):
        (folder / f"seed-{i}.yaml").write_text(
            text.replace("2022年工作总结", f"2022年工作总结（之{i + 1}）", 1), encoding="utf-8")
    outlines = sorted(folder.glob("*.yaml"))
    assert len(outlines) == COUNT
    return outlines


@pytest.mark.slow  # a local cluster and 200 documents
def test_dask_local_cluster_gives_the_bytes_of_gongwen_build(tmp_path):
    from render.files import write_all

    src = tmp_path / "src"
    src.mkdir()
    outlines = _outlines(src)
    assert main(["build", "-q", "-o", str(tmp_path / "cli"), str(src)]) == 0
    out = tmp_path / "dask"
    problems = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        futures = client.map(_build_one, [str(p) for p in outlines])
        for future in distributed.as_completed(futures):
            path, result = future.result()
            if isinstance(result, list):
                problems += result
            else:
                write_all([(out / f"{Path(path).stem}.{fmt}", data)
                           for fmt, data in result.items()])
    assert not problems
    built = sorted(p.name for p in (tmp_path / "cli").iterdir() if not p.name.startswith("."))
    assert sorted(p.name for p in out.iterdir()) == built and len(built) == 2 * COUNT
    for name in built:
        assert (out / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
