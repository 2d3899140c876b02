"""The fixed-layout files' document information from the outline (`info`: the PDF's and the
OFD's alike): title, subject, its author and its date.

The author is the host issuer (`issuers`, else the 版头's `header.issuers`: an order names its
issuer only there). The date is the 成文日期, else the 印发日期 (a 纪要 has no 成文日期), else
the web publication date; a volume takes its documents' common author and its latest date.
No date at all: no date in the file (never a made-up one)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

from .. import outline
from ..version import VERSION

CREATOR = "gongwen-typeset"


@dataclass(frozen=True)
class Info:
    """What a PDF's document information and an OFD's DocInfo state."""

    title: str
    author: str
    subject: str
    day: _dt.date | None
    creator: str = CREATOR
    version: str = VERSION


def info(document: outline.Document, parts: Sequence[outline.Document] = ()) -> Info:
    """The document's information; a volume (`parts`: its documents) their common author and
    latest date."""
    return Info(title="".join(document.title),
                author=volume_author(parts) if parts else author(document),
                subject=document.subtitle or "",
                day=volume_day(parts) if parts else day(document))


def author(document: outline.Document) -> str:
    """The host issuer, from `issuers` or else from the 版头's issuers; "" when none."""
    if document.author:
        return document.author
    header = document.header
    return header.issuers[0] if header and header.issuers else ""


def day(document: outline.Document) -> _dt.date | None:
    """The document's date: 成文日期, else 印发日期, else 发布日期."""
    return document.file_date


def volume_author(documents: Sequence[outline.Document]) -> str:
    """The author every document of a volume shares, else ""."""
    authors = {author(document) for document in documents}
    return authors.pop() if len(authors) == 1 else ""


def volume_day(documents: Sequence[outline.Document]) -> _dt.date | None:
    """A volume's date: its latest document's."""
    days = [d for d in map(day, documents) if d]
    return max(days) if days else None


def pdf_date(when: _dt.date) -> str:
    """A PDF date string (ISO 32000-1 §7.9.4): the day's midnight in China (UTC+8)."""
    return f"D:{when:%Y%m%d}000000+08'00'"
