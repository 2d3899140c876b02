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
FONTCONFIG = Path(__file__).resolve().parent / "fontconfig" / "fonts.conf"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def build(path: Path, out: Path, *extra: str) -> Path:
    assert main(["build", "-q", "-o", str(out), *extra, str(path)]) == 0
    return out / f"{path.stem}.docx"


def convert_with_libreoffice(docx: Path, out: Path) -> Path:
    """The .docx as LibreOffice lays it out, with the official face names mapped to open faces."""
    office = soffice()
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed; tests/run.sh installs it")
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTCONFIG))
    profile = out / "lo-profile"
    subprocess.run(
        [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(docx)],
        check=True, env=env, capture_output=True, timeout=180,
    )
    pdf = out / f"{docx.stem}.pdf"
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory) -> Path:
    return build(SEED, tmp_path_factory.mktemp("seed"))


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
