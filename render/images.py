"""Image files an outline names (figures, seal images): read with a bound, checked to be a PNG
or a JPEG that Pillow decodes whole, within a pixel limit; described for the model as an
`outline.Image` (bytes, format, pixels, the resolution the file states).

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
from .outline import Image


@dataclass(frozen=True)
class Limits:
    """What one kind of image may be: its name in messages, its bytes and pixels at most."""

    kind: str  # "figures", "seal images"
    max_bytes: int
    max_pixels: int
    hint: str  # what to do with an image over the pixel limit


FIGURE = Limits("figures", 20 * 1024 * 1024, 25_000_000, "scale it down")
SEAL = Limits("seal images", 4 * 1024 * 1024, 16_000_000, "a seal needs about 300 × 300")
FORMATS = ("PNG", "JPEG")
DEFAULT_DPI = 96.0  # Word's assumption for a file that states no resolution


class ImageProblem(Exception):
    """Why a file is no usable image, starting with the file's name as the outline gives it
    (the loader places it at the outline's key)."""


def read_image(path: Path, limits: Limits, name: str | None = None) -> Image:
    """The image at `path` (`name`: as the outline writes it, for messages); ImageProblem when
    it is missing, unreadable, too large, or not a PNG or JPEG."""
    name = name or str(path)
    if path.suffix.lower() in (".svg", ".svgz"):
        raise ImageProblem(f"{name}: SVG images are not supported (no renderer draws them alike "
                           "in the PDF and the .docx); convert it to PNG, e.g. `rsvg-convert -d "
                           "300 -p 300 FILE.svg -o FILE.png`")
    try:
        data = read_bounded(path, limits.max_bytes, "image")
    except InputError as exc:
        raise ImageProblem(f"{name}: {exc.problems[0].message}") from None
    return describe_image(data, limits, name)


def describe_image(data: bytes, limits: Limits, name: str) -> Image:
    """The image in `data` (a file's bytes, or a picture taken from a .docx); ImageProblem
    when it is too large or not a PNG or JPEG Pillow decodes whole."""
    if len(data) > limits.max_bytes:
        raise ImageProblem(f"{name}: {len(data):,} bytes; {limits.kind} are limited to "
                           f"{limits.max_bytes:,}")
    from PIL import Image as Pillow  # Pillow comes with reportlab

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            with Pillow.open(io.BytesIO(data)) as image:
                kind, (width, height), info = image.format or "", image.size, dict(image.info)
                if kind not in FORMATS:
                    raise ImageProblem(f"{name}: is a {kind} image; {limits.kind} are PNG or "
                                       "JPEG")
                if width * height > limits.max_pixels:
                    raise ImageProblem(f"{name}: {width} × {height} pixels; images are limited "
                                       f"to {limits.max_pixels:,} pixels ({limits.hint})")
                image.load()  # decodes it all: a truncated or corrupt file fails here
    except ImageProblem:
        raise
    except Pillow.UnidentifiedImageError:
        if data.lstrip()[:5] in (b"<?xml", b"<svg "):
            raise ImageProblem(f"{name}: an SVG file; {limits.kind} are PNG or JPEG") from None
        raise ImageProblem(f"{name}: is not a PNG or JPEG image (Pillow cannot read it as "
                           "an image)") from None
    except (OSError, SyntaxError, ValueError, Pillow.DecompressionBombError,
            Pillow.DecompressionBombWarning) as exc:
        raise ImageProblem(f"{name}: is not a readable PNG or JPEG image "
                           f"({exc.__class__.__name__}: {exc})") from None
    return Image(data, kind, (width, height), _stated_resolution(info.get("dpi")))


def _stated_resolution(dpi) -> tuple[float, float] | None:
    """The dots per inch the file states, or None where it states none or an absurd one."""
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError, IndexError):
        return None
    if not (10 <= x <= 10_000 and 10 <= y <= 10_000):
        return None
    return x, y
