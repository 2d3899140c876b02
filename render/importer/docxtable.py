"""A Word table's grid as read from its XML: rows of cells (text, first grid column, spans,
the cells' paragraph alignment), a cell merged down (`w:vMerge`) or across (the legacy
`w:hMerge`) written once with its span, how many rows head the table (`w:tblHeader` rows, else
a first row all in bold), the columns' widths (`w:tblGrid`, twips), the cells' font size and
whether the table stands in a landscape section. Text a hand-made file leaves in a merged-over
cell is added to the merged cell's text and listed in `merged`; a table nested in a cell gives
its text to that cell; a row short of the grid is filled out with an empty cell."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from .text import TRIM

JC = {"center": "center", "right": "right", "end": "right"}  # any other w:jc is set left


@dataclass
class GridCell:
    text: str
    column: int  # 0-based first grid column
    colspan: int = 1
    rowspan: int = 1
    align: str = "left"  # the w:jc of its paragraphs with text (left when they differ)


def grid(tbl) -> dict:
    rows: list[list[GridCell]] = []
    starts: dict[int, GridCell] = {}  # grid column → the cell of the open vertical merge
    merged: list[tuple[int, int, str]] = []  # (row, column, text) found in a merged-over cell
    header = 0
    bold_first = False
    ends: list[int] = []  # where each row's cells end
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        row: list[GridCell] = []
        column = _whole(tr.find(qn("w:trPr")), "gridBefore")
        if column:  # grid columns the row leaves out before its first cell
            row.append(GridCell("", 0, column))
        for tc in tr.findall(qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            colspan = _whole(props, "gridSpan") or 1
            paragraphs = _paragraphs(tc)
            text = "".join(_paragraph_text(p) for p in paragraphs)
            if _continues(props, "hMerge") and row:
                cell = row[-1]
                cell.colspan += colspan
            elif _continues(props, "vMerge") and column in starts:
                cell = starts[column]
                cell.rowspan += 1
            else:
                cell = GridCell(text, column, colspan, align=_align(paragraphs))
                row.append(cell)
                text = ""
                if props is not None and props.find(qn("w:vMerge")) is not None:
                    starts[column] = cell
                else:
                    starts.pop(column, None)
            if text:  # a hand-made file's text under a merge: kept with the merged cell
                cell.text += text
                merged.append((r + 1, column + 1, text))
            column += colspan
        rows.append(row)
        ends.append(column)
        props = tr.find(qn("w:trPr"))
        if props is not None and props.find(qn("w:tblHeader")) is not None and header == r:
            header += 1
        if r == 0:
            bold_first = _all_bold(tr)
    if header == 0 and bold_first and len(rows) > 1:
        header = 1
    header = max(0, min(header, len(rows) - 1))  # a table has data rows
    widths = _widths(tbl)
    width = max(ends + [len(widths)], default=0)
    for row, end in zip(rows, ends):  # a short row (w:gridAfter, a missing cell) filled out
        if end < width:
            row.append(GridCell("", end, width - end))
    return {"rows": rows, "header": header, "widths": widths, "size": _size(tbl),
            "landscape": _landscape(tbl), "merged": merged}


def _value(props, name: str) -> str | None:
    found = props.find(qn(f"w:{name}")) if props is not None else None
    return found.get(qn("w:val")) if found is not None else None


def _whole(props, name: str) -> int:
    value = _value(props, name) or ""
    return int(value) if value.isdigit() else 0


def _paragraphs(tc) -> list:
    """A cell's paragraphs, those of a table nested in it included, in reading order."""
    out = []
    for child in tc:
        if child.tag == qn("w:p"):
            out.append(child)
        elif child.tag == qn("w:tbl"):
            out.extend(child.iter(qn("w:p")))
    return out


def _continues(props, name: str) -> bool:
    """A cell a merge runs over (`w:vMerge` or `w:hMerge` without val="restart")."""
    found = props.find(qn(f"w:{name}")) if props is not None else None
    return found is not None and found.get(qn("w:val")) != "restart"


def _paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t"))).strip(TRIM)


def _align(paragraphs) -> str:
    found = {JC.get(_value(p.find(qn("w:pPr")), "jc") or "", "left")
             for p in paragraphs if _paragraph_text(p)}
    return found.pop() if len(found) == 1 else "left"


def _all_bold(tr) -> bool:
    runs = [r for r in tr.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
    return bool(runs) and all(_run_bold(r) for r in runs)


def _run_bold(r) -> bool:
    b = r.find(qn("w:rPr") + "/" + qn("w:b"))
    return b is not None and b.get(qn("w:val")) not in ("0", "false")


def _widths(tbl) -> list[int]:
    """The grid columns' widths in twips; none when a column states none."""
    columns = tbl.findall(qn("w:tblGrid") + "/" + qn("w:gridCol"))
    widths = [int(w) if (w := c.get(qn("w:w"), "")).isdigit() else 0 for c in columns]
    return widths if widths and all(widths) else []


def _size(tbl) -> float | None:
    """The size in points the runs with text in the table state (`w:sz`), when they state one
    size (runs that state none are left out), else None."""
    sizes = set()
    for run in tbl.iter(qn("w:r")):
        if "".join(t.text or "" for t in run.iter(qn("w:t"))).strip(TRIM):
            sizes.add(_value(run.find(qn("w:rPr")), "sz"))
    sizes.discard(None)
    value = sizes.pop() if len(sizes) == 1 else None
    return int(value) / 2 if value and value.isdigit() else None


def _landscape(tbl) -> bool:
    """The table's section (properties in the first paragraph after it that ends one, else the
    body's own) has landscape pages."""
    node = tbl.getnext()
    section = None
    while node is not None and section is None:
        if node.tag == qn("w:sectPr"):
            section = node
        elif node.tag == qn("w:p"):
            section = node.find(qn("w:pPr") + "/" + qn("w:sectPr"))
        node = node.getnext()
    size = section.find(qn("w:pgSz")) if section is not None else None
    if size is None:
        return False
    width, height = size.get(qn("w:w"), ""), size.get(qn("w:h"), "")
    return size.get(qn("w:orient")) == "landscape" or (
        width.isdigit() and height.isdigit() and int(width) > int(height))
