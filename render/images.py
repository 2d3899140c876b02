"""Image files an outline names (figures): read with a bound, checked to be a PNG or a JPEG
that Pillow decodes whole, within a pixel limit; their size in pixels and their resolution.

SVG is refused: both writers would need it rendered alike (the PDF by one library, the .docx
as a raster LibreOffice and Word show the same), and no pure-Python renderer does that today.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .files import read_bounded

MAX_BYTES = 20 * 1024 * 1024  # an image file's bytes
MAX_PIXELS = 25_000_000  # width × height (5000 × 5000): decoding takes 4 bytes a pixel
DEFAULT_DPI = 96.0  # Word's assumption for a file that states no resolution
FORMATS = {"PNG": "png", "JPEG": "jpeg"}


@dataclass(frozen=True)
class Image:
    data: bytes
    pixels: tuple[int, int]
    dpi: tuple[float, float]


class ImageProblem(Exception):
    """Why a file is no usable image (the loader places it at the outline's `image:`)."""


def read_image(path: Path) -> Image:
    """The image at `path`: bytes, pixels and resolution; ImageProblem when it is missing,
    unreadable, too large, or not a PNG or JPEG."""
    if path.suffix.lower() in (".svg", ".svgz"):
        raise ImageProblem(f"{path}: SVG images are not supported (no renderer draws them alike "
                           "in the PDF and the .docx); convert it to PNG, e.g. `rsvg-convert -d "
                           "300 -p 300 FILE.svg -o FILE.png`")
    try:
        data = read_bounded(path, MAX_BYTES, "image")
    except InputError as exc:
        raise ImageProblem(str(exc.problems[0])) from None
    from PIL import Image as PILImage  # Pillow comes with reportlab

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as image:
                kind = FORMATS.get(image.format or "")
                if kind is None:
                    raise ImageProblem(f"{path}: a {image.format} image; figures are PNG or JPEG")
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageProblem(f"{path}: {width} × {height} pixels; images are limited "
                                       f"to {MAX_PIXELS:,} pixels (scale it down)")
                image.load()  # decodes it all: a truncated or corrupt file fails here
                dpi = image.info.get("dpi")
    except ImageProblem:
        raise
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError,
            PILImage.DecompressionBombWarning) as exc:
        if data.lstrip()[:5] in (b"<?xml", b"<svg "):
            raise ImageProblem(f"{path}: an SVG file; figures are PNG or JPEG") from None
        raise ImageProblem(f"{path}: not a PNG or JPEG image Pillow can read "
                           f"({exc.__class__.__name__}: {exc})") from None
    return Image(data, (width, height), _resolution(dpi))


def _resolution(dpi) -> tuple[float, float]:
    """The file's dots per inch, or DEFAULT_DPI where it states none or an absurd one."""
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError, IndexError):
        return DEFAULT_DPI, DEFAULT_DPI
    if not (10 <= x <= 10_000 and 10 <= y <= 10_000):
        return DEFAULT_DPI, DEFAULT_DPI
    return x, y
