"""Style sheets: YAML files in styles/, `extends:` chains, values resolved per element.

A style sheet states the page, the grid, the font for each role (仿宋, 小标宋, 黑体, 楷体, 宋体), the
size and placement of each element, the heading format per level and the page numbers. A sheet
may `extends:` another and override any value; mappings merge key by key, so a local variant
states only what differs. Every value is checked with its file:line:col.

Lengths are written with a unit (`37mm`, `16pt`, `2cm`, `1in`); font sizes as 字号 names (`三号`)
or points (`16pt`); indents in characters of the element's own size. Internally all lengths are
points.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import InputError, Problem
from .units import (
    ALIGN,
    color,
    flag,
    font_size,
    length,
    number,
    one_of,
    optional_text,
    text,
    text_list,
    whole,
)

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "styles"
MAX_EXTENDS = 10
_CONSTRUCT = SafeConstructor()
KEY = "<key>"  # marks a key's own position in the positions map

FONT_KEYS = {"word": text, "alt": text, "pdf": text_list, "fallback": text_list}
ELEMENT_KEYS = {
    "font": text, "size": font_size, "bold": flag, "align": ALIGN, "indent": number,
    "lines_before": whole, "lines_after": whole, "show": flag, "template": text,
    "color": color, "top": length, "gap": length, "line_width": length, "thin_width": length,
    "length": length, "bottom": length,
}
HEADING_KEYS = {"number": text, "font": text, "size": font_size, "bold": flag}
STYLE_KEYS: dict[str, Any] = {
    "name": text,
    "description": text,
    "extends": text,
    "page": {k: length for k in ("width", "height", "margin_top", "margin_bottom",
                                   "margin_left", "margin_right")},
    "grid": {"lines": whole, "chars": whole},
    "fonts": ("each", FONT_KEYS),
    "latin_font": optional_text,
    "latin_pdf": text_list,
    "autospace": flag,
    "double_sided": flag,
    "format": one_of("standard", "letter", "order", "minutes"),
    "elements": ("each", ELEMENT_KEYS),
    "headings": ("levels", HEADING_KEYS),
    "page_number": {
        "format": text, "font": text, "size": font_size,
        "placement": one_of("outside", "center", "none"), "indent": number, "below": length,
    },
}

ELEMENTS = ("body", "title", "subtitle", "byline", "addressee", "signature", "date", "note",
            "page_number", "copy_number", "classification", "urgency", "mark", "doc_number",
            "signers", "rule", "attachment_note", "attachment_label", "attachment_title",
            "imprint", "signer", "attendance")


# -- resolved style -----------------------------------------------------------------------


@dataclass(frozen=True)
class Font:
    role: str
    word: str  # the face name written into the .docx
    alt: str | None = None  # the face Word may use when `word` is not installed
    pdf: tuple[str, ...] = ()  # faces the PDF may embed, in order of preference
    fallback: tuple[str, ...] = ()  # faces for characters the chosen face lacks


@dataclass(frozen=True)
class Element:
    """An element's resolved format: every value stated, inherited from `body` where unset."""

    name: str
    font: Font
    size: float
    bold: bool
    align: str
    indent: float  # first-line indent, in characters of this element's size
    lines_before: int
    lines_after: int
    show: bool
    template: str
    color: str  # RRGGBB
    top: float | None  # points from the type area's top edge (版头 marks)
    gap: float  # a distance the element keeps (the red rule: 4 mm under the 发文字号)
    line_width: float  # rules the element draws (thick lines of the 版记)
    thin_width: float  # thin rules (the 版记's middle lines)
    length: float | None  # rules longer than the type area (信函: 170 mm)
    bottom: float | None  # points above the paper's bottom edge (信函's lower double line)


@dataclass(frozen=True)
class Heading:
    level: int
    number: str  # pattern: {cn} Chinese numeral, {n} Arabic
    font: Font
    size: float
    bold: bool


@dataclass(frozen=True)
class PageNumber:
    format: str
    font: Font
    size: float
    placement: str
    indent: float  # characters of the page number's size
    below: float  # points from the type area's bottom edge to the number's dash


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float

    @property
    def text_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def text_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom


@dataclass(frozen=True)
class Style:
    name: str
    path: Path
    page: Page
    lines: int
    chars: int
    fonts: dict[str, Font]
    latin_font: str | None
    latin_pdf: tuple[str, ...]
    autospace: bool
    double_sided: bool
    format: str  # the first page's layout: standard, letter (信函), order (命令), minutes (纪要)
    elements: dict[str, Element]
    headings: tuple[Heading, ...]
    page_number: PageNumber

    @property
    def line_pitch(self) -> float:
        """The grid's line pitch in points: the type area height shared by `lines` lines."""
        return self.page.text_height / self.lines

    @property
    def grid_pitch(self) -> float:
        """The line pitch as documents store it: rounded down to whole twips (579 for 22 lines
        of 225 mm; 580 would let only 21 fit)."""
        return math.floor(self.line_pitch * 20) / 20

    @property
    def char_pitch(self) -> float:
        """The grid's character pitch in points."""
        return self.page.text_width / self.chars

    def tracking(self, size: float) -> float:
        """Spacing (points, ≤ 0) added after each character of `size` so that `chars` full-width
        characters fit the type area: 16 pt on a 15.79 pt pitch → −0.25 pt. Whole twips, since
        Word stores run spacing in twips. Only text of the body size or a little smaller is
        narrowed onto the grid; larger text (the 二号 title) keeps its natural spacing, and
        text that fits (四号) needs none."""
        excess = size - self.char_pitch
        if excess <= 0 or size > self.element("body").size:
            return 0.0
        return -math.ceil(excess * 20) / 20

    def advance(self, size: float) -> float:
        """The width a full-width character of `size` takes on a line."""
        return size + self.tracking(size)

    def element(self, name: str) -> Element:
        return self.elements[name]

    def heading(self, level: int) -> Heading:
        return self.headings[level - 1]


# -- finding and reading sheets -----------------------------------------------------------


def search_dirs(base_dir: Path | None) -> list[Path]:
    """Where style names are looked up: a styles/ folder at or above the outline, then ours."""
    dirs: list[Path] = []
    if base_dir is not None:
        for folder in [base_dir.resolve(), *base_dir.resolve().parents]:
            if (folder / "styles").is_dir():
                dirs.append(folder / "styles")
                break
    if BUILTIN_DIR not in dirs:
        dirs.append(BUILTIN_DIR)
    return dirs


def locate(name: str, base_dir: Path | None) -> Path | None:
    if name.endswith((".yaml", ".yml")) or "/" in name:
        path = (base_dir or Path.cwd()) / name
        return path if path.is_file() else None
    for folder in search_dirs(base_dir):
        path = folder / f"{name}.yaml"
        if path.is_file():
            return path
    return None


def available(base_dir: Path | None) -> list[str]:
    names = {p.stem for d in search_dirs(base_dir) for p in d.glob("*.yaml")}
    return sorted(names)


def load_style(name: str, base_dir: Path | None = None) -> Style:
    """Read a style sheet and everything it extends, and resolve it."""
    path = locate(name, base_dir)
    if path is None:
        raise InputError([Problem(name, 0, 0, f"no style sheet named {name!r}")])
    merged: dict = {}
    where: dict[tuple, Problem] = {}
    chain: list[Path] = []
    while path is not None:
        if path in chain or len(chain) >= MAX_EXTENDS:
            raise InputError([Problem(str(path), 0, 0, "style sheets extend each other in a loop")])
        chain.append(path)
        data, positions = _read_sheet(path)
        merged = _merge(merged, data)  # what was read so far (the child) wins
        for key, problem in positions.items():
            where.setdefault(key, problem)  # the child's value wins, so does its position
        parent = data.get("extends")
        if parent is None:
            break
        found = locate(parent, path.parent)
        if found is None:
            raise InputError([_at(where[("extends",)], f"extends: no style sheet named {parent!r}")])
        path = found
    return _resolve(merged, where, chain[0])


def _read_sheet(path: Path) -> tuple[dict, dict[tuple, Problem]]:
    from .load import compose, read_source  # the same safe YAML reading as outlines

    node = compose(read_source(path, "style sheet"), str(path))
    positions: dict[tuple, Problem] = {}
    problems: list[Problem] = []
    data = _plain(node, (), positions, str(path))
    if not isinstance(data, dict):
        raise InputError([Problem(str(path), 1, 1, "a style sheet is a mapping of keys")])
    _check_keys(data, STYLE_KEYS, (), positions, problems)
    if problems:
        raise InputError(problems)
    return data, positions


def _plain(node: Node, key: tuple, positions: dict, name: str):
    """A node as plain Python data, remembering each value's position by its key path."""
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    positions[key] = Problem(name, line, col, "")
    if isinstance(node, MappingNode):
        out = {}
        for k, v in node.value:
            name_ = _CONSTRUCT.construct_object(k) if isinstance(k, ScalarNode) else str(k)
            out[name_] = _plain(v, key + (name_,), positions, name)
            positions[KEY, *key, name_] = Problem(name, k.start_mark.line + 1, k.start_mark.column + 1, "")
        return out
    if isinstance(node, SequenceNode):
        return [_plain(v, key + (i,), positions, name) for i, v in enumerate(node.value)]
    return _CONSTRUCT.construct_object(node) if isinstance(node, ScalarNode) else None


def _check_keys(data: dict, spec: dict, key: tuple, positions: dict, problems: list) -> None:
    for name, value in data.items():
        path = key + (name,)
        sub = spec.get(name) if isinstance(name, str) else None
        if sub is None:
            close = difflib.get_close_matches(str(name), list(spec), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(spec)}"
            problems.append(_at(positions[KEY, *path], f"{_dotted(path)}: unknown key{hint}"))
        elif isinstance(sub, dict):
            _check_mapping(value, sub, path, positions, problems)
        elif isinstance(sub, tuple):
            how, item_spec = sub
            if not isinstance(value, dict):
                problems.append(_at(positions[path], f"{_dotted(path)}: expected a mapping"))
                continue
            for item, item_value in value.items():
                if how == "levels" and item not in range(1, 5):
                    problems.append(_at(positions[KEY, *path, item],
                                        f"{_dotted(path)}: levels are 1 to 4, found {item!r}"))
                    continue
                _check_mapping(item_value, item_spec, path + (item,), positions, problems)
        else:
            try:
                sub(value)
            except ValueError as exc:
                problems.append(_at(positions[path], f"{_dotted(path)}: {exc}"))


def _check_mapping(value, spec, path, positions, problems) -> None:
    if not isinstance(value, dict):
        problems.append(_at(positions[path], f"{_dotted(path)}: expected a mapping"))
    else:
        _check_keys(value, spec, path, positions, problems)


def _merge(child: dict, base: dict) -> dict:
    """`base` with `child` laid over it, mapping by mapping."""
    out = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(value, out[key])
        else:
            out[key] = value
    return out


def _at(where: Problem, message: str) -> Problem:
    return Problem(where.path, where.line, where.column, message)


def _dotted(path: tuple) -> str:
    return ".".join(map(str, path))


# -- resolution ---------------------------------------------------------------------------


def _resolve(data: dict, where: dict, path: Path) -> Style:
    problems: list[Problem] = []

    def need(*key: str | int):
        node = data
        for part in key:
            if not isinstance(node, dict) or part not in node:
                problems.append(Problem(str(path), 0, 0, f"style sets no {_dotted(key)}"))
                return None
            node = node[part]
        return node

    fonts = {
        role: Font(role, spec.get("word", role), spec.get("alt"), tuple(spec.get("pdf", ())),
                   tuple(spec.get("fallback", ())))
        for role, spec in (data.get("fonts") or {}).items()
    }

    def font(value, key: tuple) -> Font:
        if value not in fonts:
            problems.append(_at(where.get(key, Problem(str(path), 0, 0, "")),
                                f"{_dotted(key)}: no font role {value!r} under fonts:"))
            return Font(str(value), str(value))
        return fonts[value]

    page = Page(**{k: length(need("page", k) or "0pt") for k in STYLE_KEYS["page"]})
    body = data.get("elements", {}).get("body", {})
    elements = {}
    for name in ELEMENTS:
        spec = {**body, **data.get("elements", {}).get(name, {})} if name != "body" else body
        elements[name] = Element(
            name=name,
            font=font(spec.get("font", "fangsong"), ("elements", name, "font")),
            size=font_size(spec.get("size", "三号")),
            bold=spec.get("bold", False),
            align=spec.get("align", "justify"),
            indent=float(spec.get("indent", 0)),
            lines_before=spec.get("lines_before", 0),
            lines_after=spec.get("lines_after", 0),
            show=spec.get("show", True),
            template=spec.get("template", ""),
            color=color(spec.get("color", "black")),
            top=length(spec["top"]) if "top" in spec else None,
            gap=length(spec.get("gap", "0pt")),
            line_width=length(spec.get("line_width", "0pt")),
            thin_width=length(spec.get("thin_width", "0pt")),
            length=length(spec["length"]) if "length" in spec else None,
            bottom=length(spec["bottom"]) if "bottom" in spec else None,
        )
    headings = []
    for level in range(1, 5):
        spec = (data.get("headings") or {}).get(level) or {}
        headings.append(Heading(
            level=level,
            number=spec.get("number") or need("headings", level, "number") or "",
            font=font(spec.get("font", body.get("font", "fangsong")), ("headings", level, "font")),
            size=font_size(spec.get("size", body.get("size", "三号"))),
            bold=spec.get("bold", False),
        ))
    pn = data.get("page_number") or {}
    page_number = PageNumber(
        format=pn.get("format", "— {n} —"),
        font=font(pn.get("font", "songti"), ("page_number", "font")),
        size=font_size(pn.get("size", "四号")),
        placement=pn.get("placement", "outside"),
        indent=float(pn.get("indent", 1)),
        below=length(pn.get("below", "7mm")),
    )
    grid = data.get("grid") or {}
    style = Style(
        name=data.get("name", path.stem),
        path=path,
        page=page,
        lines=grid.get("lines", 22),
        chars=grid.get("chars", 28),
        fonts=fonts,
        latin_font=data.get("latin_font"),
        latin_pdf=tuple(data.get("latin_pdf", ())),
        autospace=data.get("autospace", False),
        double_sided=data.get("double_sided", True),
        format=data.get("format", "standard"),
        elements=elements,
        headings=tuple(headings),
        page_number=page_number,
    )
    if style.lines < 1 or style.chars < 1:
        problems.append(Problem(str(path), 0, 0, "grid: lines and chars must be at least 1"))
    if problems:
        raise InputError(problems)
    return style

