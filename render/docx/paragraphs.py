"""Flow paragraphs → `w:p` elements: a named style, and only what a style cannot say: computed
indents, a tab to text on the same line, off-grid heights (发文机关标志, 发文字号) with the red rule
as a bottom border, page breaks, and runs in another face via character styles."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from docx.oxml.ns import qn

from ..chars import EAST_ASIAN_MARKS, east_asian_runs
from ..compose.blocks import Element, JointMark, OffGrid, Para, Run
from ..compose.faces import para_role, run_role
from ..geometry import border_space
from ..layout.items import Squeezed
from ..style import Style
from ..units import twips
from .ooxml import element, plain_table, set_child
from .styles import CHARACTER_STYLES, PARAGRAPH_STYLES, line_pitch_twips, role_style

# Other characters Word may set in the Latin font unless told they are East Asian text (the
# East Asian marks, chars.EAST_ASIAN_MARKS, go further: runs of their own naming the face).
AMBIGUOUS = set("–")


@dataclass
class Revisions:
    """Who made the tracked changes of a redline, and when; numbers each revision mark."""

    author: str
    date: str  # ISO 8601, e.g. 2023-03-15T00:00:00Z
    counter: list[int] = field(default_factory=lambda: [0])
    ranges: dict[str, int] = field(default_factory=dict)

    def mark(self, tag: str, **extra):
        self.counter[0] += 1
        return element(tag, id=self.counter[0], author=self.author, date=self.date, **extra)


REVISIONS: ContextVar[Revisions | None] = ContextVar("revisions", default=None)


def revision_mark(tag: str):
    """A w:ins, w:del, w:moveFrom or w:moveTo with the current redline's author and date."""
    revisions = REVISIONS.get() or Revisions("gongwen", "2000-01-01T00:00:00Z")
    return revisions.mark(tag)


def paragraph(para: Para | OffGrid, style: Style):
    p = element("p")
    ppr = element("pPr")
    p.append(ppr)
    set_child(ppr, "pStyle", val=PARAGRAPH_STYLES[para.key].style_id)
    off_grid = isinstance(para, OffGrid)
    right = None if off_grid else para.right
    inset = 0.0 if off_grid else para.inset
    if not off_grid and para.keep:
        set_child(ppr, "keepNext")
    if not off_grid and para.page_break:
        set_child(ppr, "pageBreakBefore")
    if para.left is not None or right is not None or inset:
        _indents(ppr, para.left, right, para.first, inset)
    if para.tab:
        outside = not off_grid and para.tab_outside
        _tab_stop(ppr, para.tab_at, 0.0 if outside else inset, style)
    if para.align:
        set_child(ppr, "jc", val={"justify": "both"}.get(para.align, para.align))
    size = None
    if off_grid:
        _off_grid(ppr, para, style)
        size = twips(para.size * 2) // 20 if para.size else None  # half-points
    elif para.size:  # a dense table's cells
        size = round(para.size * 2)
    role = para_role(para, style)
    for run in para.runs:
        p.extend(run_elements(run, size, _face(run, role, style), _spacing(run, para, style)))
    if para.tab:
        tab = element("r")
        tab.append(element("tab"))
        p.append(_revised(tab, para.revision))
        for run in para.tab:
            p.extend(run_elements(run, size, _face(run, role, style)))
    if para.revision:  # the paragraph mark itself inserted or deleted
        mark = set_child(ppr, "rPr")
        mark.append(revision_mark(para.revision))
    return p


def broken(para: Para, offset: int) -> list[Para]:
    """A paragraph with a page break `offset` characters into its text (layout carried its
    last lines over): before the break the lines as set, the last of them justified like the
    others; after it the rest on a new page, without the first-line indent."""
    if offset <= 0:
        return [replace(para, page_break=True)]
    head, tail = cut_runs(para.runs, offset)
    return [replace(para, runs=head, tab=(), align="distribute", keep=False),
            replace(para, runs=tail, left=para.left or 0.0, first=0.0, page_break=True)]


def cut_runs(runs: tuple[Run, ...], offset: int) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    """`runs` cut `offset` characters into their text: the runs before and after."""
    head, tail, at = [], [], 0
    for run in runs:
        cut = min(max(offset - at, 0), len(run.text))
        if cut:
            head.append(replace(run, text=run.text[:cut]))
        if cut < len(run.text):
            tail.append(replace(run, text=run.text[cut:]))
        at += len(run.text)
    return tuple(head), tuple(tail)


def squeezed(para: Para, lines: list[Squeezed]) -> Para:
    """`para` with its runs cut where each line that layout squeezed (挤进) starts and ends,
    the runs of those lines condensed by as much as layout condensed them."""
    cuts = sorted({line.start for line in lines} | {line.stop for line in lines})
    runs, at = [], 0
    for run in para.runs:
        end = at + len(run.text)
        edges = [at, *(cut for cut in cuts if at < cut < end), end]
        for start, stop in zip(edges, edges[1:]):
            points = next((line.points for line in lines if line.start <= start < line.stop),
                          run.condense)
            runs.append(replace(run, text=run.text[start - at:stop - at], condense=points))
        at = end
    return replace(para, runs=tuple(runs))


def _spacing(run: Run, para: Para | OffGrid, style: Style) -> int | None:
    """The run's character spacing in twips where layout condensed it (a squeezed line) or its
    paragraph (§7.3.5.5), or where the paragraph is set in a size of its own (a table cell's);
    None: the style's."""
    if isinstance(para, OffGrid):
        return None
    points = run.condense + para.condense  # a squeezed line's cut is beyond its paragraph's
    if not (points or para.size):
        return None
    size = style.heading(run.lead).size if run.lead else para.size or style.element(
        para.element.sheet_name).size
    return twips(style.tracking(size) - points)


def _face(run: Run, role: str, style: Style) -> str:
    """The name of the East Asian face `run` is set in, as the .docx writes it."""
    return style.fonts[run_role(run, role, style)].word


def move_range(para: Para | OffGrid, end: bool):
    """The markers around a moved paragraph: w:moveFromRangeStart … w:moveFromRangeEnd."""
    revisions = REVISIONS.get() or Revisions("gongwen", "2000-01-01T00:00:00Z")
    if not end:
        revisions.ranges[para.move + para.revision] = revisions.counter[0] + 1
        return revisions.mark(f"{para.revision}RangeStart", name=para.move)
    return element(f"{para.revision}RangeEnd", id=revisions.ranges[para.move + para.revision])


def _revised(run, revision: str):
    """A run inside a w:ins, w:del, w:moveFrom or w:moveTo (its text as w:delText when
    deleted)."""
    if not revision:
        return run
    if revision == "del":
        for text in run.findall(qn("w:t")):
            text.tag = qn("w:delText")
    wrapper = revision_mark(revision)
    wrapper.append(run)
    return wrapper


def empty_footer(footer) -> None:
    """A footer with no page number, as high as the numbered ones (an exact 四号 line): a taller
    footer would shorten the type area in LibreOffice and push a line off the page."""
    footer.is_linked_to_previous = False
    ppr = footer.paragraphs[0]._p.get_or_add_pPr()
    set_child(ppr, "pStyle", val=PARAGRAPH_STYLES["page_number"].style_id)


def _indents(ppr, left: float | None, right: float | None, first: float | None,
             inset: float) -> None:
    attrs = {"left": twips(left or 0.0), "right": twips(right or inset)}
    first = first or 0.0
    if first < 0:
        attrs["hanging"] = twips(-first)
    else:
        attrs["firstLine"] = twips(first)
    set_child(ppr, "ind", **attrs)
    if right is not None:
        set_child(ppr, "jc", val="right")


def _tab_stop(ppr, tab_at: float | None, inset: float, style: Style) -> None:
    """Tab stop positions count from the left margin, not from the indent."""
    tabs = set_child(ppr, "tabs")
    if tab_at is not None:
        tabs.append(element("tab", val="left", pos=twips(tab_at)))
    else:
        tabs.append(element("tab", val="right", pos=twips(style.page.text_width - inset)))


def _off_grid(ppr, para: OffGrid, style: Style, lines: int = 1) -> None:
    """`lines` exact lines off the grid, and space after them so that the paragraph takes
    `rows` rows; the red rule is a bottom border `gap` under the text (the border's space is in
    points)."""
    pitch = line_pitch_twips(style)
    before, exact = twips(para.before), twips(para.exact)
    used = before + lines * exact
    set_child(ppr, "snapToGrid", val=False)
    if para.rule:
        size = para.size or style.element(para.element.sheet_name).size
        space = border_space(size, para.rule.gap, para.exact)
        border_pt = para.rule.width
        borders = set_child(ppr, "pBdr")
        borders.append(element("bottom", val="single", sz=round(border_pt * 8), space=space,
                               color=para.rule.color))
        used += twips(space + border_pt)
    set_child(ppr, "spacing", before=before, after=max(0, para.rows * pitch - used), line=exact,
              lineRule="exact")


def run_elements(run: Run, size: int | None, east_asian: str | None = None,
                 spacing: int | None = None) -> list:
    """`run` as `w:r` elements, cut by chars.east_asian_runs: a stretch of Chinese holding an
    East Asian mark (“ ” — … ·) is a run whose rFonts name `east_asian` (the run's CJK face)
    in all four slots, so that Word, WPS and LibreOffice all set those marks in that face,
    after digits too; without `east_asian` (the page number's, whose style names its face in
    every slot), one run with the hint."""
    if east_asian is None:
        return [_run(run.text, run, size, None, bool((EAST_ASIAN_MARKS | AMBIGUOUS)
                                                      & set(run.text)), spacing)]
    return [_run(text, run, size, east_asian if marks else None, bool(AMBIGUOUS & set(text)),
                 spacing) for text, marks in east_asian_runs(run.text)]


def _run(text: str, run: Run, size: int | None, face: str | None, hint: bool,
         spacing: int | None = None):
    r = element("r")
    char_style = (CHARACTER_STYLES[run.lead].style_id if run.lead
                  else role_style(run.role).style_id if run.role else None)
    if char_style or face or hint or size or spacing is not None:
        rpr = element("rPr")
        r.append(rpr)
        if char_style:
            set_child(rpr, "rStyle", val=char_style)
        if face:
            set_child(rpr, "rFonts", ascii=face, hAnsi=face, eastAsia=face, cs=face,
                      hint="eastAsia")
        elif hint:
            set_child(rpr, "rFonts", hint="eastAsia")
        if spacing is not None:
            set_child(rpr, "spacing", val=spacing)
        if size:
            set_child(rpr, "sz", val=size)
            set_child(rpr, "szCs", val=size)
    t = element("t")
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    r.append(t)
    return _revised(r, run.revision)


def joint_mark(mark: JointMark, style: Style):
    """Joint issuers' 发文机关标志: a borderless table, the names stacked in the left cell and the
    suffix (文件) in the right one, centred on them; as many rows high as composition says."""
    widths = [twips(mark.names_width)] + ([twips(mark.suffix_width)] if mark.suffix else [])
    table = plain_table(widths)
    row = element("tr")
    row_props = element("trPr")
    row_props.append(element("trHeight", val=mark.rows * line_pitch_twips(style), hRule="exact"))
    row.append(row_props)

    def line(runs) -> object:
        return paragraph(OffGrid(Element.MARK, runs, exact=mark.exact, rows=0, size=mark.size),
                         style)

    names = _cell(widths[0], twips(mark.before), "top")
    for run in mark.names:
        names.append(line((run,)))
    row.append(names)
    if mark.suffix:
        cell = _cell(widths[1], twips(mark.before), "center")
        cell.append(line(mark.suffix))
        row.append(cell)
    table.append(row)
    return table


def _cell(width: int, top: int, align: str):
    cell = element("tc")
    props = element("tcPr")
    props.append(element("tcW", w=width, type="dxa"))
    margins = element("tcMar")
    margins.append(element("top", w=top, type="dxa"))
    props.append(margins)
    props.append(element("vAlign", val=align))
    cell.append(props)
    return cell
