"""Image files an outline names (seal images): read with a bound, verified with Pillow as a PNG
or JPEG whose pixels decode, and described (format, pixels, the DPI it states) for the model.

Problems are returned as messages; the loader places them at the outline's path value.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from .errors import InputError
from .files import read_bounded
from .outline import Image

MAX_BYTES = 4 * 1024 * 1024  # a seal image is tens of kilobytes
MAX_PIXELS = 4000 * 4000
FORMATS = ("PNG", "JPEG")


def read_image(path: Path) -> Image | str:
    """The image at `path`, or a message saying why it cannot be used."""
    try:
        data = read_bounded(path, MAX_BYTES, "image")
    except InputError as exc:
        return exc.problems[0].message
    from PIL import Image as Pillow  # Pillow comes with reportlab

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            with Pillow.open(io.BytesIO(data)) as image:
                kind, pixels, info = image.format, image.size, dict(image.info)
                if kind not in FORMATS:
                    return f"is a {kind} image; seal images are PNG or JPEG"
                if pixels[0] * pixels[1] > MAX_PIXELS:
                    return (f"is {pixels[0]}×{pixels[1]} pixels; images are limited to "
                            f"{MAX_PIXELS} pixels (a seal needs about 300×300)")
                image.load()  # every pixel decodes: a truncated file is refused here
    except Pillow.UnidentifiedImageError:
        return "is not a PNG or JPEG image (Pillow cannot read it as an image)"
    except (OSError, SyntaxError, ValueError, Pillow.DecompressionBombWarning,
            Pillow.DecompressionBombError) as exc:
        return f"is not a readable PNG or JPEG image ({exc})"
    dpi = info.get("dpi")
    usable = dpi and len(dpi) == 2 and all(float(d) > 1 for d in dpi)
    return Image(data, kind, pixels, (float(dpi[0]), float(dpi[1])) if usable else None)
