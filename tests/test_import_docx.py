"""`gongwen import FILE.docx`: gongwen's own .docx back to its outline (round trip), a .docx
typed by a person in Word (direct formatting, typed numbers, spaces for alignment), and the
report of what the reader does not take."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from render import outline
from render.build import Options, load, render
from render.cli import main
from render.fmt import format_document
from render.importer import import_file
from render.style import load_style

ROOT = Path(__file__).resolve().parent.parent
# Text-only outlines whose .docx imports back equal (after `printed` below).
ROUND_TRIP = [
    "examples/letter.yaml", "examples/notice-full.yaml", "examples/request-upward.yaml",
    "examples/minutes.yaml", "examples/order.yaml", "examples/notice-joint.yaml",
    *(f"corpus/{p.name}" for p in sorted((ROOT / "source" / "corpus").glob("*.yaml"))
      if p.stem != "jinghai-2020-fazhi-baogao"),
]


def printed(document: outline.Document) -> outline.Document:
    """The outline less what prints the same either way: `header.issuers` equal to `issuers`,
    a `mark_suffix` equal to the style's or the default, the 份号's leading zeros."""
    header = document.header
    if header is not None:
        suffix = load_style(document.style, ROOT).mark_suffix
        header = dataclasses.replace(
            header,
            issuers=[] if header.issuers == document.issuers else header.issuers,
            mark_suffix=None if header.mark_suffix in (suffix, "文件") else header.mark_suffix,
            copy_number=str(int(header.copy_number)) if header.copy_number else None)
        if dataclasses.replace(header, mark_suffix="文件") == outline.Header():
            header = None
    return dataclasses.replace(document, header=header)


def built(tmp_path: Path, name: str) -> Path:
    source = load(ROOT / "source" / name)
    out = render(source, Options(formats=("docx",)))
    path = tmp_path / (Path(name).stem + ".docx")
    path.write_bytes(out["docx"])
    return path


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_our_docx_imports_back_to_its_outline(tmp_path, name):
    expected = load(ROOT / "source" / name).document
    document, report = import_file(built(tmp_path, name))
    assert format_document(printed(document)) == format_document(printed(expected))
    assert not [e for e in report.dropped if e.text]
