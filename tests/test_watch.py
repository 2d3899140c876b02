"""`gongwen watch`: a real process on a temporary folder, driven by edits."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import SEED

LETTER = SEED.parent / "examples" / "letter.yaml"
TIMEOUT = 60


def _wait_for(condition, what: str, process) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        assert process.poll() is None, f"watch ended (exit {process.returncode}) before {what}"
        time.sleep(0.05)
    raise AssertionError(f"no {what} within {TIMEOUT} s")


@pytest.mark.slow  # a watching process, several rebuilds
def test_watch_rebuilds_what_changed_and_survives_errors(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / "a.yaml")
    shutil.copy(LETTER, src / "b.yaml")
    out = tmp_path / "out"
    log, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    env = {k: v for k, v in os.environ.items() if k != "GONGWEN_DEBUG"}
    with open(log, "wb") as stdout, open(err, "wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "render.cli", "watch", "--format",
                                    "docx", "-o", str(out), str(src)], cwd=tmp_path, env=env,
                                   stdout=stdout, stderr=stderr)
    try:
        _wait_for(lambda: "watching" in log.read_text(encoding="utf-8"), "first build", process)
        a, b = out / "a.docx", out / "b.docx"
        first_a, first_b = a.stat().st_mtime_ns, b.stat().st_mtime_ns
        time.sleep(0.3)  # the watcher is set up once it said so; let it settle

        text = (src / "a.yaml").read_text(encoding="utf-8")
        (src / "a.yaml").write_text(text.replace("工作总结", "工作总结（修订）", 1), encoding="utf-8")
        _wait_for(lambda: a.stat().st_mtime_ns != first_a, "rebuild of a.docx", process)
        time.sleep(0.5)
        assert b.stat().st_mtime_ns == first_b, "the unchanged document was rewritten"

        (src / "b.yaml").write_text("title: 测试\nissuers: [某局]\nseal: maybe\n",
                                    encoding="utf-8")
        _wait_for(lambda: "b.yaml:3:7: seal" in err.read_text(encoding="utf-8"),
                  "the problem reported", process)
        time.sleep(0.3)
        assert process.poll() is None, "watch ended on a bad outline"
        assert b.stat().st_mtime_ns == first_b, "a bad outline damaged its old output"
        assert "Traceback" not in err.read_text(encoding="utf-8")

        # a's next save rebuilds a alone; the summary counts b, still bad, as failed
        second_a = a.stat().st_mtime_ns
        (src / "a.yaml").write_text(text.replace("工作总结", "工作总结（二稿）", 1), encoding="utf-8")
        _wait_for(lambda: a.stat().st_mtime_ns != second_a, "second rebuild of a.docx", process)
        _wait_for(lambda: "built 1, unchanged 0, failed 1" in log.read_text(encoding="utf-8"),
                  "the still-failing outline counted", process)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert code == 0, err.read_text(encoding="utf-8")
    assert "Traceback" not in err.read_text(encoding="utf-8")
