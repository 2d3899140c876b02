"""A compiled volume (汇编): an outline whose `include:` lists other outlines, each a complete
document with its own style sheet, built into one .docx and one PDF.

Loading reads every included outline (its problems placed in its own file); a missing file, a
file included twice, a volume included (nested volumes are not taken; one that leads back is
named as a cycle) are problems at the `include:` line. Rendering lays out a generated 目录
(`compose/contents.py`) and then each document as a build of it alone would, its pages
numbered on from those before it (the 目录's pages counted: the first document starts after
them), and hands the one plan to both writers: the PDF draws the pages in order with a
bookmark per document over its headings; the .docx joins each document's own .docx
(`docx/join.py`), each in sections of its own that start on a new page, the PAGE fields
counting on across them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import outline, shape
from .errors import InputError
from .files import real_path
from .style import Style

KEYS = ("style", "title", "include")  # in canonical order


def may_be_volume(text: str) -> bool:
    """Whether an outline's text has a top-level `include:` key (cheap, before parsing)."""
    return re.search(r"^include[ \t]*:", text, re.MULTILINE) is not None


def is_volume(node: Node | None) -> bool:
    """Whether an outline's root node is a volume's (it has `include:`)."""
    return isinstance(node, MappingNode) and any(
        isinstance(key, ScalarNode) and key.value == "include" for key, _ in node.value)


@dataclass(frozen=True)
class Volume:
    """A loaded volume: its file, text, title and style (the 目录's), and its documents, each
    with where the volume includes it (line, column)."""

    name: str
    text: str
    document: outline.Document  # the volume as a document: its title and style sheet's name
    style: Style
    parts: tuple  # pipeline.Source, in order
    places: tuple[tuple[int, int], ...]

    @property
    def title(self) -> list[str]:
        return self.document.title


def load_volume(path: Path, text: str, node: MappingNode, style_name: str | None,
                load: Callable) -> Volume:
    """The volume at `path` (its `text` composed into `node`) and every outline it includes,
    each read by `load` (the pipeline's); one InputError with all their problems."""
    from .load import position
    from .style import load_style

    reader, title, sheet, items = read_volume(str(path), text, node, path.parent, style_name is None)
    files = _includes(reader, items, path)
    parts, places, problems = [], [], list(reader.problems)
    for item, included in files:
        try:
            parts.append(load(included))
            places.append(position(item))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    document = outline.Document(title=title, **({"style": sheet} if sheet else {}))
    style = load_style(style_name or document.style, None if style_name else path.parent)
    return Volume(str(path), text, document, style, tuple(parts), tuple(places))


def read_volume(name: str, text: str, node: MappingNode, folder: Path | None, check_style: bool):
    """What a volume's outline states, its values checked (problems kept in the reader):
    (reader, title lines, the style sheet's name or None, the include items as (node, text))."""
    from .load import _Reader

    reader = _Reader(name, text, folder)
    keys = reader.mapping(node, list(KEYS), "volume") or {}
    title = _title(reader, keys, node)
    sheet = None
    if "style" in keys:
        sheet = reader.value(keys["style"][1], shape.Kind("str"), "style")
        if sheet is not None and check_style:
            reader.check_style(sheet, keys["style"][1], folder)
    value = keys.get("include", (None, node))[1]
    items = []
    if not isinstance(value, SequenceNode) or not value.value:
        reader.problem(value, "include: expected a list of outline files (lines starting "
                              "with '- '), relative to the volume")
    else:
        for item in value.value:
            given = reader.value(item, shape.Kind("str"), "include")
            if given is not None:
                items.append((item, given))
    return reader, title, sheet, items


def _title(reader, keys: dict, node: Node) -> list[str]:
    if "title" not in keys:
        reader.problem(node, "volume: missing required key 'title' (the volume's title, "
                             "printed over its 目录)")
        return []
    value = keys["title"][1]
    kind = shape.Kind("str") if isinstance(value, ScalarNode) else \
        shape.Kind("list", inner=shape.Kind("str"))
    title = reader.value(value, kind, "title")
    title = [title] if isinstance(title, str) else title or []
    if not title and not reader.problems:
        reader.problem(value, "title: the title is empty")
    return title


def _includes(reader, items: list[tuple[Node, str]], path: Path) -> list[tuple[Node, Path]]:
    """The outline files the include items name, as (the item's node, the file); problems
    (a missing file, one twice, a volume) to `reader`."""
    from .load import compose, read_source

    seen: dict[Path, int] = {real_path(path): 0}
    out = []
    for item, given in items:
        included = path.parent / given
        key = real_path(included)
        if key in seen:
            reader.problem(item, f"include: {given} includes the volume itself (a cycle)"
                           if seen[key] == 0 else
                           f"include: {given} is included twice (first on line {seen[key]})")
            continue
        seen[key] = item.start_mark.line + 1
        if not included.is_file():
            reader.problem(item, f"include: no outline file {given}"
                           + (f" (looked for {included})" if str(included) != given else ""))
            continue
        try:
            nested = compose(read_source(included), str(included))
        except InputError as exc:
            reader.problems += exc.problems
            continue
        if is_volume(nested):
            back = any(real_path(included.parent / str(n.value)) == real_path(path)
                       for n in _items(nested))
            reader.problem(item, f"include: {given} includes this volume back (a cycle)" if back
                           else f"include: {given} is a volume; a volume includes documents "
                                "only (list its outlines here)")
            continue
        out.append((item, included))
    return out


def _items(node: MappingNode) -> list[ScalarNode]:
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == "include" and \
                isinstance(value, SequenceNode):
            return [item for item in value.value if isinstance(item, ScalarNode)]
    return []


def render_volume(volume: Volume, toc, options, warn: Callable[[str], None] | None,
                  lay_out: Callable) -> dict[str, bytes]:
    """Every requested format of the volume as bytes, from one plan: the 目录 (`toc`, the
    volume as a pipeline Source), then each document laid out as alone by `lay_out` (the
    pipeline's), numbered on."""
    from .compose.contents import Entry, contents
    from .formats import uses_faces

    titles = ["".join(part.document.title) for part in volume.parts]

    def entries(starts: list[int]) -> list:
        return contents(volume.title, [Entry(title, page, place) for title, page, place
                                       in zip(titles, starts, volume.places)], volume.style)

    _, plan, _ = lay_out(toc, options, warn, entries([0] * len(titles)))
    first, laid = len(plan.pages) + 1, []
    for part in volume.parts:
        laid.append((part, *lay_out(part, options, warn, first=first), first))
        first += len(laid[-1][2].pages)
    toc_blocks, toc_plan, toc_metrics = lay_out(toc, options, warn,
                                                entries([start for *_, start in laid]))
    assert len(toc_plan.pages) == len(plan.pages), "the 目录's length depends on its numbers"
    out: dict[str, bytes] = {}
    pages, parts = list(toc_plan.pages), []
    for part, _, part_plan, _, _ in laid:
        parts.append((len(pages), part.document))
        pages += part_plan.pages
    if uses_faces(options.formats):
        metrics = JoinedFaces([toc_metrics, *(metrics for *_, metrics, _ in laid)])
    if "pdf" in options.formats:
        from .pdf import write_pdf

        out["pdf"] = write_pdf(pages, volume.document, metrics, parts,
                               pdfa=options.pdfa_for(volume.style),
                               blocks=[toc_blocks, *(blocks for _, blocks, *_ in laid)])
    if "ofd" in options.formats:
        from .ofd import write_ofd

        out["ofd"] = write_ofd(pages, volume.document, metrics, parts)
    if "docx" in options.formats:
        from .docx import render_docx
        from .docx.join import join_docx
        from .pdf import properties

        packages = [render_docx(volume.document, volume.style, toc_blocks, toc_plan)]
        packages += [render_docx(part.document, part.style, blocks, part_plan)
                     for part, blocks, part_plan, _, _ in laid]
        documents = [part.document for part, *_ in laid]
        out["docx"] = join_docx(packages, properties.volume_author(documents),
                                properties.volume_day(documents))
    return out


class JoinedFaces:
    """The faces several documents' metrics loaded, as the PDF writer asks for them: each
    face from the metrics that loaded it."""

    def __init__(self, metrics: list):
        self._owner = {}
        for one in metrics:
            for face in one.used_faces:
                self._owner.setdefault(face.key, (one, face))

    @property
    def used_faces(self) -> list:
        return [face for _, face in self._owner.values()]

    def font(self, key: str):
        return self._owner[key][0].font(key)

    def advance_units(self, face: str, ch: str) -> float:
        return self._owner[face][0].advance_units(face, ch)
