"""docProps/custom.xml: what the outline states and the page does not print — the style sheet's
name, the 发文机关 and 成文日期 where the style prints no 署名, the web publication's source,
date, page title and address — as custom document properties (Word lists them under File >
Properties > Custom and keeps them through edits), for `gongwen import` to read back
(`render/importer/docprops.py`). Added to the finished package, so python-docx is not asked
for a part it has no API for."""

from __future__ import annotations

from .. import outline
from .ooxml import xml_escape as escape

PART = "docProps/custom.xml"
PREFIX = "gongwen:"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the fmtid every custom property carries
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
RELATIONSHIP = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                "custom-properties")
NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def properties(document: outline.Document) -> dict[str, str]:
    """The outline's unprinted statements, by property name (without the prefix)."""
    out = {"style": document.style}
    if document.issuers:
        out["issuers"] = "\n".join(document.issuers)
    if document.date:
        out["date"] = document.date.isoformat()
    publication = document.publication
    if publication is not None:
        out["publication.source"] = publication.source
        for key in ("date", "title", "url"):
            value = getattr(publication, key)
            if value:
                out[f"publication.{key}"] = str(value)
    return out


def add_custom_properties(parts: dict[str, bytes], values: dict[str, str]) -> None:
    """Add docProps/custom.xml to a package's `parts` (name → bytes), with its content type
    and its relationship from the package."""
    entries = "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name="{escape(PREFIX + name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), 2))  # pid 2 is the first allowed
    parts[PART] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
                   f'xmlns="{NS}" xmlns:vt="{VT}">{entries}</Properties>').encode("utf-8")
    parts["[Content_Types].xml"] = _before_end(
        parts["[Content_Types].xml"], "</Types>",
        f'<Override PartName="/{PART}" ContentType="{CONTENT_TYPE}"/>')
    parts["_rels/.rels"] = _before_end(
        parts["_rels/.rels"], "</Relationships>",
        f'<Relationship Id="rIdGwCustom" Type="{RELATIONSHIP}" Target="{PART}"/>')


def _before_end(xml: bytes, end: str, addition: str) -> bytes:
    text = xml.decode("utf-8")
    at = text.rindex(end)
    return (text[:at] + addition + text[at:]).encode("utf-8")
