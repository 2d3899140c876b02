"""Style sheets: YAML files in styles/, `extends:` chains, values resolved per element.

A style sheet states the page, the grid, the font for each role (仿宋, 小标宋, 黑体, 楷体, 宋体), the
size and placement of each element, the heading format per level and the page numbers. A sheet
may `extends:` another and override any value; mappings merge key by key, so a local variant
states only what differs. Every value is checked with its file:line:col: its type, its range, and
what it must agree with (the type area, the grid); docs/outline.md lists the checks.

Lengths are written with a unit (`37mm`, `16pt`, `2cm`, `1in`); font sizes as 字号 names (`三号`)
or points (`16pt`); indents in characters of the element's own size. Internally all lengths are
points.
"""

from __future__ import annotations

from copy import deepcopy

import difflib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml import YAMLError
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import InputError, Problem
from .numbering import PLACEHOLDERS
from .units import (
    ALIGN,
    MIN_SIZE,
    UNITS,
    color,
    flag,
    font_size,
    length,
    length_in,
    number_in,
    one_of,
    optional_text,
    pattern,
    prose,
    text,
    text_list,
    twips,
    whole_in,
)

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "styles"
MAX_EXTENDS = 10
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")  # a `pdf:` entry naming a file, not a face
KEY = "<key>"  # marks a key's own position in the positions map

BYLINE_FIELDS = ("issuer", "date", "source", "published")  # what flow.byline fills in
FONT_KEYS = {"word": text, "alt": text, "pdf": text_list, "fallback": text_list}
# Ranges each value must be in; what depends on other values (the type area, the grid, where a
# mark or rule may go) is checked once the sheets are merged, in `_check_geometry`.
INDENT = number_in(0, 10)  # characters of the element's own size
LINES = whole_in(0, 10)  # blank grid lines before or after
ELEMENT_KEYS = {
    "font": text, "size": font_size, "bold": flag, "align": ALIGN, "indent": INDENT,
    "lines_before": LINES, "lines_after": LINES, "show": flag,
    "template": pattern(*BYLINE_FIELDS), "color": color,
    "top": length_in(-500, 1000), "gap": length_in(0, 50), "line_width": length_in(0, 5),
    "thin_width": length_in(0, 5), "length": length_in(1, 2000), "bottom": length_in(0, 2000),
}
HEADING_KEYS = {"number": pattern(*PLACEHOLDERS, once=True), "font": text, "size": font_size,
                "bold": flag}
PAGE_SIZE = length_in(50, 2000)
MARGIN = length_in(0, 1000)
MAX_GRID = 100
STYLE_KEYS: dict[str, Any] = {
    "name": text,
    "description": prose,
    "extends": text,
    "page": {"width": PAGE_SIZE, "height": PAGE_SIZE, "margin_top": MARGIN,
             "margin_bottom": MARGIN, "margin_left": MARGIN, "margin_right": MARGIN},
    "grid": {"lines": whole_in(1, MAX_GRID), "chars": whole_in(1, MAX_GRID)},
    "fonts": ("each", FONT_KEYS),
    "latin_font": optional_text,
    "latin_pdf": text_list,
    "autospace": flag,
    "double_sided": flag,
    "pdfa": flag,
    "format": one_of("standard", "letter", "order", "minutes"),
    "letterhead": flag,
    "mark_suffix": optional_text,
    "elements": ("each", ELEMENT_KEYS),
    "headings": ("levels", HEADING_KEYS),
    "page_number": {
        "format": pattern("n", once=True), "font": text, "size": font_size,
        "placement": one_of("outside", "center", "none"), "indent": INDENT,
        "below": length_in(0, 1000),
    },
}
MIN_CHAR = MIN_SIZE  # points: the narrowest character pitch the grid may have
MIN_CHAR_SHARE = 0.75  # the grid may narrow body characters by a quarter at most
ROLE_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
MAX_DEPTH = 6  # fonts → role → pdf → entry is the deepest a sheet needs

ELEMENTS = ("body", "title", "subtitle", "byline", "addressee", "signature", "date", "note",
            "page_number", "copy_number", "classification", "urgency", "mark", "doc_number",
            "signers", "rule", "attachment_note", "attachment_label", "attachment_title",
            "imprint", "signer", "attendance", "table_caption", "table")
# What an element not stated in the sheet takes besides the body's format
ELEMENT_DEFAULTS = {"table_caption": {"font": "heiti", "indent": 0, "align": "center"},
                    "table": {"indent": 0, "align": "left"}}


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
    def set_text_width(self) -> float:
        """The type area's width as the .docx states it and layout sets it: the page and its
        margins in whole twips (156 mm: 442.25 pt, not 442.205)."""
        return (twips(self.width) - twips(self.margin_left) - twips(self.margin_right)) / 20

    @property
    def text_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom

    @property
    def turned(self) -> Page:
        """The page turned a quarter clockwise (a 横排 table's page, GB/T 9704 §8): landscape,
        its top the portrait page's 订口 (left) side, so the type area is the portrait one
        turned (225 mm wide, 156 mm high)."""
        return Page(self.height, self.width, self.margin_left, self.margin_right,
                    self.margin_bottom, self.margin_top)


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
    letterhead: bool  # page 1 carries a 版头: without `header:`, it is made from `issuers`
    mark_suffix: str  # the word after the issuer in a 版头 made from `issuers` (文件, 纪要, 令)
    elements: dict[str, Element]
    headings: tuple[Heading, ...]
    page_number: PageNumber
    pdfa: bool = False  # the PDF as PDF/A-1b (ISO 19005-1 = GB/T 23286.1), for archives

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

    def most_condensing(self, size: float) -> float:
        """The most layout condenses the spacing after characters of `size` (points, whole
        twips): the least that puts one more full-width character on a full line of the type
        area (29 for 28: 0.55 pt for 三号). Both the condensing before carrying text to the 署名
        block's page (§7.3.5.5) and the squeezed line ends (docs/line-ends.md) stop there."""
        width, advance = self.page.text_width, self.advance(size)
        full = math.floor((width - size) / advance + 1e-9) + 1  # characters on a full line
        need = (full * advance + size - width) / full  # so that full + 1 of them fit
        return max(0.0, math.ceil(need * 20 - 1e-6) / 20)

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
    return _resolve(merged, where, chain)


_SHEETS: dict[Path, tuple[tuple, dict, dict]] = {}  # per process: a sheet read, by its stat


def _read_sheet(path: Path) -> tuple[dict, dict[tuple, Problem]]:
    """A sheet's data and the positions of its keys; read again only when the file changed
    (its size or time: a batch of 200 outlines reads gbt9704.yaml once, `watch` sees an
    edit). The data is copied out, so no caller changes the cached one."""
    try:
        info = path.stat()
        stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
    except OSError:
        stamp = None
    cached = _SHEETS.get(path)
    if stamp is not None and cached is not None and cached[0] == stamp:
        return deepcopy(cached[1]), dict(cached[2])
    data, positions = _parse_sheet(path)
    if stamp is not None:
        _SHEETS[path] = (stamp, deepcopy(data), dict(positions))
    return data, positions


def _parse_sheet(path: Path) -> tuple[dict, dict[tuple, Problem]]:
    from .yamlsource import compose, read_source  # the same safe YAML reading as outlines

    name = str(path)
    source = read_source(path, "style sheet")
    if _empty(source):
        raise InputError([Problem(name, 0, 0, "the style sheet is empty; a style sheet is a "
                                  "mapping of keys (extends: gbt9704, page:, fonts: …)")])
    node = compose(source, name)
    positions: dict[tuple, Problem] = {}
    problems: list[Problem] = []
    data = _plain(node, (), positions, name, problems)
    if problems:
        raise InputError(problems)
    if not isinstance(data, dict):
        raise InputError([Problem(name, 1, 1, "a style sheet is a mapping of keys")])
    _check_keys(data, STYLE_KEYS, (), positions, problems)
    if not problems:
        _check_font_files(data, path.parent, positions, problems)
    if problems:
        raise InputError(problems)
    return data, positions


def _empty(source: str) -> bool:
    """Whether YAML text holds no document at all (nothing, or only comments)."""
    import yaml

    try:
        return not any(isinstance(e, yaml.NodeEvent) for e in yaml.parse(source, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return False  # compose reports it


def _plain(node: Node, key: tuple, positions: dict, name: str, problems: list):
    """A node as plain Python data, remembering each value's position by its key path.
    Refuses repeated keys and nesting no sheet needs (`compose` has refused YAML tags)."""
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    positions[key] = here = Problem(name, line, col, "")
    what = f"{_dotted(key)}: " if key else ""
    if len(key) > MAX_DEPTH:
        problems.append(_at(here, f"{what}nested deeper than a style sheet needs"))
        return None
    if isinstance(node, MappingNode):
        out: dict = {}
        first: dict = {}
        for k, v in node.value:
            at = Problem(name, k.start_mark.line + 1, k.start_mark.column + 1, "")
            if not isinstance(k, ScalarNode):
                problems.append(_at(at, f"{what}keys must be plain names"))
                continue
            name_ = _scalar(k, at, what, problems)
            if name_ in first:
                problems.append(_at(at, f"{what}key '{name_}' repeated (first on line {first[name_]})"))
                continue
            first[name_] = at.line
            out[name_] = _plain(v, key + (name_,), positions, name, problems)
            positions[KEY, *key, name_] = at
        return out
    if isinstance(node, SequenceNode):
        return [_plain(v, key + (i,), positions, name, problems) for i, v in enumerate(node.value)]
    return _scalar(node, here, what, problems)


def _scalar(node: ScalarNode, here: Problem, what: str, problems: list):
    try:
        return SafeConstructor().construct_object(node)
    except (ValueError, YAMLError) as exc:  # a timestamp that is no date (2023-02-30), …
        problems.append(_at(here, f"{what}cannot read {node.value!r} ({exc})"))
        return None


def _check_keys(data: dict, spec: dict, key: tuple, positions: dict, problems: list) -> None:
    for name, value in data.items():
        path = key + (name,)
        sub = spec.get(name) if isinstance(name, str) else None
        if sub is None:
            problems.append(_at(positions[KEY, *path], f"{_dotted(path)}: unknown key"
                                f"{_hint(name, spec)}"))
        elif isinstance(sub, dict):
            _check_mapping(value, sub, path, positions, problems)
        elif isinstance(sub, tuple):
            how, item_spec = sub
            if not isinstance(value, dict):
                problems.append(_at(positions[path], f"{_dotted(path)}: expected a mapping"))
                continue
            for item, item_value in value.items():
                item_at = positions[KEY, *path, item]
                if how == "levels" and (isinstance(item, bool) or item not in range(1, 5)):
                    problems.append(_at(item_at, f"{_dotted(path)}: levels are 1 to 4, found {item!r}"))
                    continue
                if name == "elements" and item not in ELEMENTS:
                    problems.append(_at(item_at, f"elements: unknown element {item!r}"
                                        f"{_hint(item, ELEMENTS)}"))
                    continue
                if name == "fonts" and not (isinstance(item, str) and ROLE_RE.fullmatch(item)):
                    problems.append(_at(item_at, f"fonts: a role is a name of letters, digits "
                                        f"and _ (fangsong, heiti), found {item!r}"))
                    continue
                _check_mapping(item_value, item_spec, path + (item,), positions, problems)
        else:
            try:
                sub(value)
            except ValueError as exc:
                problems.append(_at(positions[path], f"{_dotted(path)}: {exc}"))


def _hint(name, choices) -> str:
    close = difflib.get_close_matches(str(name), list(choices), n=1)
    return f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(choices)}"


def _check_font_files(data: dict, folder: Path, positions: dict, problems: list) -> None:
    """Font files named in `pdf:`, `fallback:` and `latin_pdf:` lists must be there and be
    fonts; a relative one is made absolute against the sheet's own folder (a sheet it extends
    may live elsewhere). Face names are looked up only when the PDF is made."""
    lists = [(("fonts", role, kind), spec[kind]) for role, spec in (data.get("fonts") or {}).items()
             for kind in ("pdf", "fallback") if kind in spec]
    if "latin_pdf" in data:
        lists.append((("latin_pdf",), data["latin_pdf"]))
    for key, entries in lists:
        for i, entry in enumerate(entries):
            if not entry.lower().endswith(FONT_SUFFIXES):
                continue
            from .fontfile import font_file_problem  # fontTools, only for sheets naming files

            file = Path(entry).expanduser()
            file = file if file.is_absolute() else folder / file
            reason = font_file_problem(file)
            if reason:
                problems.append(_at(positions[key + (i,)], f"{_dotted(key)}: {entry}: {reason}"))
            entries[i] = str(file)


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


def _resolve(data: dict, where: dict, chain: list[Path]) -> Style:
    path = chain[0]
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
        spec = {**body, **ELEMENT_DEFAULTS.get(name, {}),
                **data.get("elements", {}).get(name, {})} if name != "body" else body
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
        pdfa=data.get("pdfa", False),
        format=data.get("format", "standard"),
        letterhead=data.get("letterhead", False),
        mark_suffix=data.get("mark_suffix") or "",
        elements=elements,
        headings=tuple(headings),
        page_number=page_number,
    )
    if not problems:
        _check_geometry(style, data, where, chain, problems)
    if problems:
        raise InputError(problems)
    return style


def _check_geometry(style: Style, data: dict, where: dict, chain: list[Path], problems: list) -> None:
    """What no single value decides: a type area inside the page, a grid whose lines hold the
    body text and whose characters are not squeezed, marks and rules on the paper. Each problem
    is put at the value involved that the most derived sheet sets (the one the user edited)."""
    page, mm = style.page, UNITS["mm"]
    rank = {str(p): i for i, p in enumerate(chain)}

    def report(keys: list[tuple], message: str) -> None:
        found = [(rank.get(where[k].path, len(chain)), i, k) for i, k in enumerate(keys) if k in where]
        if not found:
            problems.append(Problem(str(style.path), 0, 0, message))
            return
        key = min(found)[2]
        problems.append(_at(where[key], f"{_dotted(key)}: {message}"))

    for across, (a, b), size in (
            (page.text_width, ("margin_left", "margin_right"), "width"),
            (page.text_height, ("margin_top", "margin_bottom"), "height")):
        if across < 10 * mm:
            if getattr(page, b) > getattr(page, a):
                a, b = b, a
            report([("page", a), ("page", b), ("page", size)], (
                f"margins of {_mm(getattr(page, a))} and {_mm(getattr(page, b))} leave "
                f"{_mm(max(across, 0))} of the {_mm(getattr(page, size))} page {size} for the type "
                "area; it needs at least 10mm"))
    if problems:
        return
    body = style.element("body").size
    width_keys = [("page", "margin_left"), ("page", "margin_right"), ("page", "width")]
    height_keys = [("page", "margin_top"), ("page", "margin_bottom"), ("page", "height")]
    body_size = ("elements", "body", "size")
    fit_chars = math.floor(page.text_width / max(MIN_CHAR, MIN_CHAR_SHARE * body))
    if style.chars > fit_chars:
        report([("grid", "chars"), body_size, *width_keys], (
            f"{style.chars} grid characters on a {_mm(page.text_width)} line are "
            f"{style.char_pitch:.2f}pt apart; with a {body:g}pt body at most {fit_chars} fit "
            f"(a character at least {MIN_CHAR:g}pt and three quarters of the body size)"))
    fit_lines = math.floor(page.text_height / body)
    if style.lines > fit_lines:
        report([("grid", "lines"), body_size, *height_keys], (
            f"{style.lines} grid lines in a {_mm(page.text_height)} type area are "
            f"{style.line_pitch:.2f}pt apart, less than the {body:g}pt body size; at most "
            f"{fit_lines} fit"))
    for name, spec in data.get("elements", {}).items():  # own values; body's stand for the rest
        element = style.element(name)
        if "top" in spec and not -page.margin_top <= element.top <= page.text_height:
            report([("elements", name, "top"), *height_keys], (
                f"{name}'s top {_mm(element.top)} puts it off the page (from "
                f"-{_mm(page.margin_top)}, the paper's top edge, to {_mm(page.text_height)})"))
        for key, limit, what in (("length", page.width, "width"), ("bottom", page.height, "height")):
            value = getattr(element, key)
            if key in spec and value > limit:
                report([("elements", name, key), ("page", what)], (
                    f"{name}'s {key} {_mm(value)} is more than the paper's {what} ({_mm(limit)})"))
    if style.page_number.placement != "none" and style.page_number.below >= page.margin_bottom:
        report([("page_number", "below"), ("page", "margin_bottom")], (
            f"a page number {_mm(style.page_number.below)} under the type area is off the paper; "
            f"the bottom margin is {_mm(page.margin_bottom)}"))


def _mm(points: float) -> str:
    return f"{round(points / UNITS['mm'], 2):g}mm"

