"""The corpus of real public documents (source/corpus, origins in its ORIGINS.md), each typed
into a .docx the way people type 公文 in Word or WPS (tests/tools/typed_docx.py: a different mix
of habits per document), imported back: every element the file shows is recognised.

These files are made here, not received: no Word or WPS file written by an office could be
fetched on this machine. The habits are those such files show (docs/import.md lists them).
"""

from __future__ import annotations

import dataclasses
import subprocess
import zipfile
from pathlib import Path

import pytest

from render import outline
from render.pipeline import load
from render.fmt import format_document
from render.importer import import_file
from conftest import soffice
from tools.typed_docx import Habits, typed_docx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "source" / "corpus"
WPS = "WPS Office"

# One mix of habits per real document.
PROFILES = {
    "anhui-haihang-xietiao-jiyao": Habits(app=WPS, indent="spaces", split_runs=7),
    "guobanhan-2003-49-lianxi-huiyi": Habits(mark="text_box", rule="shape"),
    "guobanhan-2005-76-fuhan": Habits(rule="dashes", signature="spaces"),
    "guohan-1996-38-longwen": Habits(app=WPS, title="break", rule="border"),
    "guohan-1997-46-shangqiu": Habits(indent="spaces", split_runs=5, rule="shape"),
    "guoyoufu-2023-3-youpiao": Habits(app=WPS, mark="text_box", signature="spaces"),
    "hegang-2025-4-fuyuan-liandong": Habits(mark="table", headings="style",
                                            numbers=("{cn}.", "({cn})", "{n}.", "({n})")),
    "huaian-2017-fazhi-baogao": Habits(app=WPS, headings="style", split_runs=9),
    "hunan-2009-24-biyesheng-jiuye": Habits(headings="plain", title="break"),
    "jinchang-2025-33-fazhi-shifan": Habits(app=WPS, label_numbers=True, indent="spaces"),
    "jinghai-2020-fazhi-baogao": Habits(headings="style", split_runs=4),
    "jining-2021-30-shixian-tongquan": Habits(mark="text_box", rule="dashes",
                                              numbers=("{cn}.", "（{cn}）", "{n}、", "（{n}）")),
    "ruian-2011-129-shuolixing-wenshu": Habits(app=WPS, rule="shape", signature="spaces"),
    "yueyang-2017-2-zhengwu-gongkai": Habits(mark="table", title="break", split_runs=6),
}


def comparable(document: outline.Document) -> outline.Document:
    """What a typed .docx states: not the style sheet, the web publication data or where the
    title (or an attachment's) was broken; the 版头's issuers as the mark prints them (the 署名's
    when not given)."""
    header = document.header
    if header is not None:
        header = dataclasses.replace(header, issuers=header.issuers or document.issuers,
                                     mark_suffix=None)
    issuers = document.issuers if document.date else []  # no 署名 is typed without a date
    attachments = [dataclasses.replace(a, title=["".join(a.title)])
                   for a in document.attachments]
    return dataclasses.replace(document, style="gbt9704", publication=None, header=header,
                               title=["".join(document.title)], issuers=issuers,
                               attachments=attachments)


def test_every_corpus_document_has_a_profile():
    assert sorted(PROFILES) == sorted(p.stem for p in CORPUS.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_typed_corpus_document_imports_with_every_element(tmp_path, name):
    expected = load(CORPUS / f"{name}.yaml").document
    path = tmp_path / f"{name}.docx"
    path.write_bytes(typed_docx(expected, PROFILES[name]))
    document, report = import_file(path)
    assert format_document(comparable(document)) == format_document(comparable(expected))
    assert not [e for e in report.dropped if "not recognised" in e.why]
    dropped = {e.why for e in report.dropped if e.text} - {"blank line"}
    assert all("red rule" in why for why in dropped), dropped  # the mark's box is read


@pytest.mark.slow
def test_the_typed_corpus_saved_again_by_libreoffice_imports_the_same(tmp_path):
    """A second writer: LibreOffice opens each typed file and saves it as .docx its own way
    (its styles, its text-box and border markup, app.xml LibreOffice); the import is the same."""
    office = soffice()
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed; tests/run.sh installs it")
    typed = tmp_path / "typed"
    typed.mkdir()
    for name, habits in PROFILES.items():
        (typed / f"{name}.docx").write_bytes(
            typed_docx(load(CORPUS / f"{name}.yaml").document, habits))
    saved = tmp_path / "saved"
    subprocess.run([office, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(saved),
                    *sorted(map(str, typed.iterdir()))],
                   check=True, capture_output=True, timeout=600)
    for name in sorted(PROFILES):
        path = saved / f"{name}.docx"
        assert b"LibreOffice" in _part(path, "docProps/app.xml"), name
        expected = load(CORPUS / f"{name}.yaml").document
        document, report = import_file(path)
        assert format_document(comparable(document)) == format_document(comparable(expected)), \
            name
        assert not [e for e in report.dropped if "not recognised" in e.why], name


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read(name)
