"""The .docx package: none of python-docx's template leftovers (numbering, the bibliography
customXml item, proof state, the fixed docId, lastPrinted, Word's name in app.xml), properties
that tell the truth (pages as the PDF has them, words counted as Word counts them, the kind as
subject, dates in +08:00 as the PDF's), and a package python-docx and LibreOffice still open."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import docx
import pdfplumber
import pytest
from docx_text import part

from conftest import ROOT, build, convert_with_libreoffice, fonts_installed
from render.docx.package import count_text, doc_id, kind
from render.version import VERSION

EXAMPLES = ROOT / "source" / "examples"
NOTICE = EXAMPLES / "notice-full.yaml"
MINUTES = EXAMPLES / "minutes.yaml"
VOLUME = ROOT / "source" / "volumes" / "qingdao-miit-2023.yaml"
APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
CHINA = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each outline's .docx and PDF (built once for the module)."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    out = tmp_path_factory.mktemp("package")
    return {path.stem: build(path, out) for path in (NOTICE, MINUTES, VOLUME)}


def members(path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        return package.namelist()


def read(path, name: str) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read(name)


def app(path) -> dict[str, str]:
    return {el.tag.removeprefix(APP): el.text for el in part(path, "docProps/app.xml")}


@pytest.mark.parametrize("name", ["notice-full", "minutes", "qingdao-miit-2023"])
def test_template_parts_gone(built, name):
    path = built[name]
    listed = members(path)
    assert "word/numbering.xml" not in listed
    assert not [member for member in listed if member.startswith("customXml/")]
    types = read(path, "[Content_Types].xml").decode()
    assert "numbering" not in types and "customXml" not in types
    rels = read(path, "word/_rels/document.xml.rels").decode()
    assert "numbering" not in rels and "customXml" not in rels
    # gongwen's own custom properties stay, reachable from the package
    assert "docProps/custom.xml" in listed
    assert 'Target="docProps/custom.xml"' in read(path, "_rels/.rels").decode()


def test_no_paragraph_refers_to_numbering(built):
    body = read(built["notice-full"], "word/document.xml") + read(built["notice-full"],
                                                                  "word/styles.xml")
    assert b"<w:numPr" not in body and b"w:numId" not in body


@pytest.mark.parametrize("name", ["notice-full", "minutes", "qingdao-miit-2023"])
def test_settings_without_template_leftovers(built, name):
    settings = part(built[name], "word/settings.xml")
    assert settings.find(f"{W}proofState") is None
    assert settings.find(f"{W}themeFontLang") is None
    modes = [el.get(f"{W}val") for el in settings.iter(f"{W}compatSetting")
             if el.get(f"{W}name") == "compatibilityMode"]
    assert modes == ["14"]  # 15 loses the 目录's page numbers in LibreOffice (package.py)
    assert settings.find(f"{W15}docId") is None
    ids = [el.get(f"{W14}val") for el in settings.iter(f"{W14}docId")]
    assert ids == [doc_id(read(built[name], "word/document.xml"))]
    assert re.fullmatch(r"[0-7][0-9A-F]{7}", ids[0])


def test_doc_id_differs_between_documents_and_is_stable(built, tmp_path):
    def doc_id_of(path):
        return part(path, "word/settings.xml").find(f"{W14}docId").get(f"{W14}val")

    ids = {name: doc_id_of(path) for name, path in built.items()}
    assert len(set(ids.values())) == len(ids)
    assert "24062061" not in ids.values()  # python-docx's template's own
    again = build(NOTICE, tmp_path, "--format", "docx")
    assert doc_id_of(again) == ids["notice-full"]
    assert again.read_bytes() == built["notice-full"].read_bytes()


@pytest.mark.parametrize("name", ["notice-full", "minutes", "qingdao-miit-2023"])
def test_app_pages_are_the_pdfs(built, name):
    with pdfplumber.open(built[name].with_suffix(".pdf")) as pdf:
        pages = len(pdf.pages)
    assert pages > 1
    assert int(app(built[name])["Pages"]) == pages


@pytest.mark.parametrize("name", ["notice-full", "qingdao-miit-2023"])
def test_app_states_gongwen_and_the_count(built, name):
    props = app(built[name])
    assert props["Application"] == f"gongwen/{VERSION}"
    assert "AppVersion" not in props and "Template" not in props
    assert b"Microsoft" not in read(built[name], "docProps/app.xml")
    # the count of the text python-docx reads (body and table cells, the 版记's too)
    document = docx.Document(str(built[name]))
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for table in document.tables for row in table.rows
              for cell in _own_cells(row) for p in cell.paragraphs]
    count = count_text(texts)
    assert count.words > 500
    assert int(props["Words"]) == count.words
    assert int(props["Characters"]) == count.characters
    assert int(props["CharactersWithSpaces"]) == count.characters_with_spaces
    assert int(props["Paragraphs"]) == count.paragraphs


def _own_cells(row):
    """A row's cells, a merged cell once (python-docx repeats it for each grid column)."""
    seen = []
    for cell in row.cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return seen


def test_words_counted_as_word_counts_them():
    # each Chinese character and mark a word; a run of Latin letters or digits one word
    assert count_text(["2023年3月15日"]).words == 6
    assert count_text(["〔2023〕12号"]).words == 5
    assert count_text(["关于GB/T 9704-2012的通知"]).words == 7
    assert count_text(["“十四五”规划"]).words == 7
    count = count_text(["a b\tc", "", "　中文"])
    assert (count.words, count.characters, count.characters_with_spaces,
            count.paragraphs) == (5, 5, 8, 2)


def test_kind_is_the_titles_last_word():
    assert kind("青岛市工业和信息化局关于开展2023年度制造业单项冠军企业培育遴选工作的通知") == "通知"
    assert kind("关于上半年全市工业经济运行情况的通报（数字与标点压力测试）") == "通报"
    assert kind("全市工业经济运行调度会议纪要") == "纪要"
    assert kind("青岛市工业和信息化局关于商请支持青岛虚拟现实产业园建设的函") == "函"
    assert kind("青岛市人民政府令第12号") == "令"
    assert kind("市工业和信息化2022年工作总结") is None
    assert kind("2023年度青岛市工业和信息化局文件汇编") is None


def test_core_properties(built):
    core = part(built["notice-full"], "docProps/core.xml")
    assert core.find(f"{DC}subject").text == "通知"
    assert core.find(f"{CP}lastPrinted") is None
    assert [el.tag for el in core if not el.text] == []  # nothing left empty
    assert b"python-docx" not in read(built["notice-full"], "docProps/core.xml")
    stamps = [core.find(f"{DCTERMS}{name}").text for name in ("created", "modified")]
    assert stamps == ["2023-03-15T00:00:00+08:00"] * 2
    # the instant the PDF states, as python-docx reads it
    with pdfplumber.open(built["notice-full"].with_suffix(".pdf")) as pdf:
        creation = pdf.metadata["CreationDate"]
    pdf_instant = dt.datetime.strptime(creation[2:16], "%Y%m%d%H%M%S").replace(
        tzinfo=dt.timezone(dt.timedelta(hours=int(creation[16:19]))))
    opened = docx.Document(str(built["notice-full"])).core_properties
    assert opened.created == opened.modified == pdf_instant
    assert opened.created == dt.datetime(2023, 3, 15, tzinfo=CHINA)
    assert opened.last_printed is None


def test_core_properties_of_documents_without_date_or_kind(built):
    minutes = part(built["minutes"], "docProps/core.xml")
    assert minutes.find(f"{DC}subject").text == "纪要"
    # no 成文日期: dated by its 印发日期, as the PDF is (Document.file_date)
    assert minutes.find(f"{DCTERMS}created").text == "2023-07-19T00:00:00+08:00"
    volume = part(built["qingdao-miit-2023"], "docProps/core.xml")
    assert volume.find(f"{DC}subject") is None  # 文件汇编 is no kind


@pytest.mark.slow
def test_libreoffice_opens_the_package(built, tmp_path):
    pdf = convert_with_libreoffice(built["notice-full"], tmp_path)
    with pdfplumber.open(pdf) as converted:
        assert len(converted.pages) == int(app(built["notice-full"])["Pages"])
