"""Shared fixtures: the seed built once per session, its LibreOffice rendering, and the CI rule
that nothing may be skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from render.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "qingdao-miit-2022-summary.yaml"


def examples(count: int) -> int:
    """How many examples a property test (hypothesis) tries: `count` in CI and in
    tests/run.sh (GONGWEN_ALL_EXAMPLES=1), a third of them (at least 20) in a developer's
    fast run (`pytest -m "not slow"`), which is for quick feedback."""
    if os.environ.get("CI") or os.environ.get("GONGWEN_ALL_EXAMPLES"):
        return count
    return max(20, count // 3)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def build(path: Path, out: Path, *extra: str) -> Path:
    """Build an outline (both formats unless `extra` says otherwise); the .docx's path."""
    assert main(["build", "-q", "-o", str(out), *extra, str(path)]) == 0
    return out / f"{path.stem}.docx"


def convert_with_libreoffice(docx: Path, out: Path) -> Path:
    """The .docx as LibreOffice lays it out. `gongwen fonts install` has mapped the official
    face names to the open faces the PDF embeds, so both use the same faces."""
    return convert_all_with_libreoffice([docx], out)[0]


def convert_all_with_libreoffice(docx: list[Path], out: Path) -> list[Path]:
    """Several .docx files laid out by LibreOffice in one run (it starts once)."""
    office = soffice()
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed; tests/run.sh installs it")
    env = dict(os.environ)
    profile = out / "lo-profile"
    subprocess.run(
        [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, docx)],
        check=True, env=env, capture_output=True, timeout=180 + 30 * len(docx),
    )
    pdfs = [out / f"{path.stem}.pdf" for path in docx]
    assert all(pdf.exists() for pdf in pdfs), "LibreOffice wrote no PDF"
    return pdfs


def fonts_installed() -> bool:
    from render.fonts.resolve import resolve_fonts
    from render.style import load_style
    from render.errors import InputError

    try:
        resolve_fonts(load_style("gbt9704"))
    except InputError:
        return False
    return True


def machine_without_fonts(tmp_path, monkeypatch):
    """No fontconfig (so no installed face is found) and empty XDG folders (no open faces)."""
    for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    (tmp_path / "bin").mkdir(exist_ok=True)


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory) -> Path:
    return build(SEED, tmp_path_factory.mktemp("seed"), "--format", "docx")


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory) -> Path:
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    out = tmp_path_factory.mktemp("seed-pdf")
    build(SEED, out, "--format", "pdf")
    return out / f"{SEED.stem}.pdf"


@pytest.fixture(scope="session")
def seed_lo_pdf(seed_docx, tmp_path_factory) -> Path:
    return convert_with_libreoffice(seed_docx, tmp_path_factory.mktemp("seed-lo"))


def pytest_sessionfinish(session, exitstatus):
    """In CI (CI=true) a skipped test is a failure: every test must really run there."""
    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; in CI nothing may be skipped",
                            red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
