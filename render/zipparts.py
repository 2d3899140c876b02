"""Zip packages (.docx, .ofd) as their parts, name → bytes: read into a dict, and written in
the dict's order with a fixed date and mode on every member, so equal parts give equal bytes."""

from __future__ import annotations

import io
import zipfile


def unzipped(data: bytes) -> dict[str, bytes]:
    """A package's parts in the order the zip holds them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return {info.filename: source.read(info.filename) for info in source.infolist()}


def stable_zip(parts: dict[str, bytes]) -> bytes:
    """The parts zipped in order, deflated, each dated 1980-01-01 with mode 0644."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            fixed = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return buffer.getvalue()
