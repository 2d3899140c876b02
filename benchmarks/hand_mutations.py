"""Ten hand-made mutations of composition and pagination rules (issue #10): each is applied to a
copy of the tree, the fast tier (`pytest -m "not slow"`) runs there, and the failing tests are
listed. Every mutation must make at least one fast test fail.

    .venv/bin/python benchmarks/hand_mutations.py [NAME…]

render/ itself is never touched; benchmarks/mutation.md records a run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name → (file, the exact text, its replacement)
MUTATIONS = {
    "title breaking off": (
        "render/compose/titles.py",
        "    if text_width(title[0], 1) <= capacity:\n        return list(title)\n",
        "    if True:\n        return list(title)\n"),
    "keep-with-next off": (
        "render/layout/pages.py",
        "keep = block.element == Element.HEADING and index + 1 < len(blocks)",
        "keep = False"),
    "joint mark shifted 60 pt": (
        "render/layout/pages.py",
        "x0 = self.grid.left + (self.grid.width - mark.names_width - mark.suffix_width) / 2",
        "x0 = 60 + self.grid.left + (self.grid.width - mark.names_width - mark.suffix_width) / 2"),
    "change bars off": (
        "render/layout/pages.py",
        "    change_bars(pager.pages, pager.grid)\n",
        ""),
    "签名章 right space 4 → 1 em": (
        "render/compose/closing.py",
        "Run(signer.name, role=role)),\n                     right=4 * em))",
        "Run(signer.name, role=role)),\n                     right=1 * em))"),
    "附件说明 hanging indent removed": (
        "render/compose/closing.py",
        "left=name_start,\n                         first=line_start - name_start))",
        "left=line_start,\n                         first=0.0))"),
    "版记 not moved to an even page": (
        "render/layout/pages.py",
        "        if not self.style.double_sided:\n",
        "        if True:\n"),
    "page numbers on the wrong side": (
        "render/layout/pages.py",
        "        elif page.number % 2:\n",
        "        elif not page.number % 2:\n"),
    "red rule gap under the 发文字号 doubled": (
        "render/layout/pages.py",
        "+ para.rule.gap +",
        "+ 2 * para.rule.gap +"),
    "title's lines_before ignored": (
        "render/compose/assemble.py",
        "        flow += [BLANK] * title.lines_before\n",
        "        pass\n"),
}


def run(name: str | None, copy: Path) -> list[str]:
    path, old, new = MUTATIONS[name] if name else ("render/__init__.py", "", "")
    target = copy / path
    original = (ROOT / path).read_text(encoding="utf-8")
    assert name is None or original.count(old) == 1, f"{name}: the text to mutate is not found once in {path}"
    target.write_text(original.replace(old, new), encoding="utf-8")
    try:
        out = subprocess.run([sys.executable, "-m", "pytest", "-m", "not slow", "-q",
                              "-p", "no:cacheprovider"],
                             cwd=copy, capture_output=True, text=True).stdout
    finally:
        target.write_text(original, encoding="utf-8")
    return sorted(set(re.findall(r"^(?:FAILED|ERROR) (\S+)", out, re.M)))


def main() -> int:
    names = sys.argv[1:] or list(MUTATIONS)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "tree"
        copy.mkdir()
        for src in ROOT.iterdir():
            if src.name in (".venv", "mutants", ".git", "output") or src.name.endswith(
                    ".egg-info"):
                continue
            (shutil.copytree if src.is_dir() else shutil.copy)(src, copy / src.name)
        clean = run(None, copy)
        assert not clean, f"the fast tier fails on the unmutated copy: {clean}"
        missed = 0
        for name in names:
            failed = run(name, copy)
            missed += not failed
            print(f"{name}: {len(failed)} failing")
            for test in failed:
                print(f"    {test}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
