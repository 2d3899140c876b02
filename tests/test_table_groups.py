"""Rows a cell spans, at a page break: layout keeps them on one page (the group moves to the
next page, under the repeated header); the .docx states it (each paragraph of the group's rows
but the last keeps with the next) and LibreOffice breaks where our layout did."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import build, convert_with_libreoffice
from pdfmeasure import body_rows, rows

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def outline(start: int, span: int = 3, count: int = 39) -> str:
    """A table of one-line rows whose rows `start`…`start + span - 1` (1-based) share their
    first cell; with the title, a paragraph and the header above, rows 1–19 fill page 1."""
    lines = []
    for i in range(1, count + 1):
        if i == start:
            lines.append(f"        - [{{text: 第{i}组, rowspan: {span}}}, 甲{i}, 一]")
        elif start < i < start + span:
            lines.append(f"        - [甲{i}, 二]")
        else:
            lines.append(f"        - [第{i}项, 甲{i}, 三]")
    return ("style: material\ntitle: 测试\nbody:\n  - 正文一段。\n  - table:\n"
            "      columns: [{}, {}, {}]\n      header:\n        - [组, 名, 类]\n"
            "      rows:\n" + "\n".join(lines) + "\n  - 表后正文。\n")


@pytest.fixture(scope="module")
def straddling(tmp_path_factory) -> tuple[Path, Path]:
    """Rows 18–20 grouped: they would straddle page 1's foot; the .docx and our PDF."""
    out = tmp_path_factory.mktemp("groups")
    path = out / "groups.yaml"
    path.write_text(outline(18), encoding="utf-8")
    docx = build(path, out)
    return docx, out / "groups.pdf"


def kept_rows(docx: Path) -> list[bool]:
    """For each row of the document's table: whether every paragraph in it keeps with the
    next (and one at least does)."""
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for tr in root.find(f".//{W}tbl").iter(f"{W}tr"):
        paras = list(tr.iter(f"{W}p"))
        keeps = [p.find(f"{W}pPr/{W}keepNext") is not None for p in paras]
        assert all(keeps) or not any(keeps), "a row is kept whole or not at all"
        out.append(all(keeps))
    return out


def test_the_group_rows_but_the_last_keep_with_the_next(straddling):
    docx, _ = straddling
    kept = kept_rows(docx)
    assert len(kept) == 40  # the header and 39 rows
    assert [r for r, keep in enumerate(kept) if keep] == [18, 19]  # w:tr 18, 19 = rows 18, 19


def test_a_table_without_spans_keeps_no_rows(tmp_path):
    path = tmp_path / "plain.yaml"
    path.write_text(outline(18, span=1), encoding="utf-8")
    assert not any(kept_rows(build(path, tmp_path, "--format", "docx")))


def test_layout_moves_the_group_to_the_next_page(straddling):
    _, pdf = straddling
    pages = [[row.text for row in body_rows(page)] for page in rows(pdf)]
    assert pages[0][-1] == "第17项甲17三"
    assert pages[1][:3] == ["组名类", "第18组甲18一", "甲19二"]


@pytest.mark.slow
def test_libreoffice_breaks_where_layout_did(straddling, tmp_path):
    docx, pdf = straddling
    ours = [[row.text for row in body_rows(page)] for page in rows(pdf)]
    theirs = [[row.text for row in body_rows(page)]
              for page in rows(convert_with_libreoffice(docx, tmp_path))]
    assert len(ours) == len(theirs) == 3
    assert ours == theirs
