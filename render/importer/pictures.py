"""Pictures in a .docx, for import: figures (a picture standing alone in its paragraph, its
caption the centred paragraph under it) and seal images (pictures anchored in the 署名 block of
gongwen's own files). A picture keeps the name its drawing carries — gongwen writes the image
file's name there, Word a generic one, which import replaces by `<file>-<n>.<ext>` — and its
bytes; `gongwen import -o OUT` writes them beside OUT. Sizes: a figure's width as a fraction of
the type area unless it is the image's natural size; a seal's diameter in millimetres.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import outline
from ..images import FIGURE, SEAL, ImageProblem, Limits, describe_image
from ..units import EMU_PER_POINT, UNITS, image_points
from .lines import Line
from .report import Entry, Report

FILE_NAME = re.compile(r"[^\\/:*?\"<>|\s]+\.(png|jpe?g)", re.IGNORECASE)
SAME = 0.05  # points: an extent this close to the natural size is the natural size


@dataclass(frozen=True)
class Picture:
    """A picture the .docx reader found: its drawing's name and alt text, its image bytes, its
    extent in EMU, and whether it stands in the text line (inline) or floats (anchored)."""

    name: str
    description: str
    data: bytes
    extent: tuple[int, int]
    inline: bool


def pictures(line: Line) -> list[Picture]:
    return line.evidence.get("pictures", [])


CAPTION = re.compile(r"图\s*[0-9一二三四五六七八九十]+")
CAPTION_MAX = 60


def is_figure_caption(line: Line) -> bool:
    """图1… / 图一…, or a short centred line: a caption (ending no sentence)."""
    text = line.text
    return bool(text) and len(text) <= CAPTION_MAX and not text.endswith(("。", "；", "：")) \
        and (bool(CAPTION.match(text)) or line.evidence.get("align") == "center")


def figure_line(line: Line) -> bool:
    """A paragraph holding only a picture standing in the text line: a figure's."""
    drawn = pictures(line)
    return not line.text and bool(drawn) and all(p.inline for p in drawn)


def figure(line: Line, picture: Picture, stem: str, report: Report) -> outline.Figure | None:
    """The figure of an inline picture (width filled in by `size_figures`; the name of an
    earlier figure with the same bytes); None, reported dropped, for no PNG or JPEG."""
    image = _image(line, picture, FIGURE, report)
    if image is None:
        return None
    same = [f.image for f, _ in report.figures if f.data == image.data]
    name = same[0] if same else _file_name(picture, image, stem, len(report.figures) + 1)
    found = outline.Figure(image=name, data=image.data, pixels=image.pixels,
                           dpi=image.dpi or (96.0, 96.0), pos=(line.number, 1))
    report.figures.append((found, picture.extent[0] / EMU_PER_POINT))
    report.pictured.add(line.number)
    report.use(line)
    report.decide(line, f"a picture in a paragraph of its own: a figure ({name}, "
                        f"{image.pixels[0]} × {image.pixels[1]} pixels)")
    return found


def size_figures(area: float, report: Report) -> None:
    """Each figure's width: None where it stands at its natural size (the image's DPI, at
    most `area`, the type area's width in points), else the fraction of `area`."""
    for found, width in report.figures:
        natural = min(area, image_points(found.pixels[0], found.dpi[0]))
        found.width = None if abs(width - natural) < SAME else round(width / area, 3)


def seal(lines: list[tuple[Line, Picture]], stem: str, report: Report) -> outline.Seal | None:
    """The seal of pictures anchored in the 署名 block (one per issuer, in order)."""
    images = [(line, picture, _image(line, picture, SEAL, report)) for line, picture in lines]
    images = [(line, picture, image) for line, picture, image in images if image is not None]
    if not images:
        return None
    names = [_file_name(p, image, f"{stem}-seal", n)
             for n, (_, p, image) in enumerate(images, 1)]
    diameters = {_diameter(p) for _, p, _ in images}
    diameter = diameters.pop() if len(diameters) == 1 else None
    for line, _, _ in images:
        report.pictured.add(line.number)
        report.decide(line, "a picture anchored in the 署名 block: the seal image")
    return outline.Seal(image=names[0] if len(names) == 1 else None,
                        images=names if len(names) > 1 else [], diameter=diameter,
                        files=tuple(image for _, _, image in images))


def signer_image(line: Line, picture: Picture, stem: str,
                 report: Report) -> tuple[str, str, outline.Image] | None:
    """A 签名章's image: (file name, width, image)."""
    image = _image(line, picture, SEAL, report)
    if image is None:
        return None
    report.pictured.add(line.number)
    report.decide(line, "a picture anchored at the 签名章: its image")
    return _file_name(picture, image, f"{stem}-signer", 1), _diameter(picture), image


def _image(line: Line, picture: Picture, limits: Limits, report: Report):
    try:
        return describe_image(picture.data, limits, picture.name or "picture")
    except ImageProblem as exc:
        report.pictured.add(line.number)
        report.dropped.append(Entry(line.number, f"image {picture.name}".strip(),
                                    f"not read: {exc}"))
        return None


def _file_name(picture: Picture, image: outline.Image, stem: str, number: int) -> str:
    """The drawing's name where it is an image file's (gongwen writes the outline's), else
    `<stem>-<number>.<png|jpg>`."""
    name = PurePosixPath(picture.name).name
    if FILE_NAME.fullmatch(name):
        return name
    return f"{stem}-{number}.{'png' if image.format == 'PNG' else 'jpg'}"


def _diameter(picture: Picture) -> str:
    """The width as the outline states a seal's: millimetres (a seal's size is stated, even
    where the image's DPI would give the same)."""
    millimetres = round(picture.extent[0] / EMU_PER_POINT / UNITS["mm"], 1)
    return f"{millimetres:g}mm"


def unread(lines: list[Line], report: Report) -> None:
    """Pictures no recogniser took (anchored in the text, or beside text in a paragraph):
    listed as dropped with their paragraph."""
    for line in lines:
        if line.number not in report.pictured:
            for picture in pictures(line):
                report.dropped.append(Entry(line.number, f"image {picture.name}".strip(),
                                            "not read (a figure is a picture in a paragraph "
                                            "of its own)"))


def image_files(document: outline.Document, folder: Path) -> list[tuple[Path, bytes]]:
    """The image files an imported outline names, to write into `folder` (beside the outline):
    a name already taken there by other bytes is changed (`name-2.png`) in the outline too;
    a file already holding the same bytes is not written again."""
    out: dict[str, bytes] = {}
    for name, data, rename in named_images(document):
        chosen = _free_name(name, data, folder, out)
        if chosen != name:
            rename(chosen)
        out[chosen] = data
    return [(folder / name, data) for name, data in out.items()
            if not ((folder / name).is_file() and (folder / name).read_bytes() == data)]


def named_images(document: outline.Document):
    """(name, bytes, rename) for each image file the outline names: figures, seals, 签名章."""
    blocks = list(document.body) + [b for a in document.attachments for b in a.body]
    for visit in outline.walk(blocks):
        if isinstance(found := visit.block, outline.Figure):
            yield found.image, found.data, lambda name, f=found: setattr(f, "image", name)
    seal = document.seal
    if isinstance(seal, outline.Seal) and seal.image and seal.files:
        yield seal.image, seal.files[0].data, lambda name: setattr(seal, "image", name)
    elif isinstance(seal, outline.Seal):
        for index, (name, image) in enumerate(zip(seal.images, seal.files)):
            yield name, image.data, lambda new, i=index: seal.images.__setitem__(i, new)
    signer = document.signer
    if signer is not None and signer.image and signer.file is not None:
        yield signer.image, signer.file.data, lambda name: setattr(signer, "image", name)


def _free_name(name: str, data: bytes, folder: Path, taken: dict[str, bytes]) -> str:
    """`name`, or `stem-2.ext`, `stem-3.ext` …: the first that holds no other bytes, in the
    folder or among the files already chosen."""
    path = PurePosixPath(name)
    number, candidate = 1, name
    while True:
        there = folder / candidate
        if taken.get(candidate, data) == data and \
                (not there.exists() or (there.is_file() and there.read_bytes() == data)):
            return candidate
        number += 1
        candidate = f"{path.stem}-{number}{path.suffix}"
