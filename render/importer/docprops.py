"""The custom properties gongwen's writer leaves in a .docx (render/docx/custom.py): the style
sheet's name and what the page does not print (发文机关 and 成文日期 a style prints no 署名 for,
the web publication's page title and address). Printed text wins: a property fills only what
the pages left empty, and each use is a decision in the report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from xml.etree import ElementTree

from .. import outline
from ..docx.custom import NS as CUSTOM_NS
from ..docx.custom import PART, PREFIX
from .lines import Line
from .report import Report

NS = "{" + CUSTOM_NS + "}"
WHERE = Line(0, PART)  # report entries about the package, not a paragraph


def read_properties(data: bytes) -> dict[str, str]:
    """gongwen's custom properties (prefix removed); {} for a file without them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            root = ElementTree.fromstring(package.read(PART))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
    out = {}
    for prop in root.iter(f"{NS}property"):
        name = prop.get("name") or ""
        if name.startswith(PREFIX) and len(prop):
            out[name.removeprefix(PREFIX)] = prop[0].text or ""
    return out


def apply_properties(document: outline.Document, props: dict[str, str],
                     report: Report) -> outline.Document:
    changes: dict = {}
    style = props.get("style")
    if style and style != document.style:
        changes["style"] = style
        report.decide(WHERE, f"style: {style} from the file's properties (read from the "
                             f"pages: {document.style})")
    if not document.issuers and props.get("issuers"):
        changes["issuers"] = props["issuers"].split("\n")
        report.decide(WHERE, "issuers from the file's properties (no 署名 is printed)")
    if document.date is None and (day := _date(props.get("date"))):
        changes["date"] = day
        report.decide(WHERE, "date from the file's properties (no 成文日期 is printed)")
    publication = _publication(document.publication, props)
    if publication != document.publication:
        changes["publication"] = publication
        report.decide(WHERE, "publication data the page does not print (its title, address) "
                             "from the file's properties")
    return dataclasses.replace(document, **changes) if changes else document


def _publication(printed: outline.Publication | None,
                 props: dict[str, str]) -> outline.Publication | None:
    if "publication.source" not in props:
        return printed
    stated = outline.Publication(source=props["publication.source"],
                                 date=_date(props.get("publication.date")),
                                 title=props.get("publication.title"),
                                 url=props.get("publication.url"))
    if printed is None:
        return stated
    return dataclasses.replace(printed, title=printed.title or stated.title,
                               url=printed.url or stated.url)


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
