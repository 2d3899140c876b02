"""Reading a .docx without python-docx: its XML parts and the text of its paragraphs."""

from __future__ import annotations

import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def part(docx_path, name: str):
    with zipfile.ZipFile(docx_path) as z:
        return etree.fromstring(z.read(name))


def names(docx_path) -> list[str]:
    with zipfile.ZipFile(docx_path) as z:
        return z.namelist()


def docx_paragraphs(docx_path) -> list[str]:
    body = part(docx_path, "word/document.xml").find("w:body", NS)
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in body.iter(f"{{{W}}}p")]


def paragraph_styles(docx_path) -> list[tuple[str, str]]:
    """(style id, text) for each body paragraph."""
    body = part(docx_path, "word/document.xml").find("w:body", NS)
    out = []
    for p in body.iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        out.append((style.get(f"{{{W}}}val") if style is not None else "",
                    "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))))
    return out
