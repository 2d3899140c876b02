"""A Word table's grid as the outline writes it: rows of (text, colspan, rowspan), a cell
merged down (`w:vMerge`) written once with its rowspan, and how many rows head the table
(`w:tblHeader` rows, else a first row all in bold)."""

from __future__ import annotations

from docx.oxml.ns import qn

from .text import TRIM


def grid(tbl) -> dict:
    rows: list[list[tuple[str, int, int]]] = []
    starts: dict[int, list] = {}  # grid column → [text, colspan, rowspan] of the open merge
    header = 0
    bold_first = False
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        row = []
        column = 0
        for tc in tr.findall(qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            span = props.find(qn("w:gridSpan")) if props is not None else None
            colspan = int(span.get(qn("w:val"))) if span is not None else 1
            merge = props.find(qn("w:vMerge")) if props is not None else None
            text = "".join(_paragraph_text(p) for p in tc.findall(qn("w:p")))
            if merge is not None and merge.get(qn("w:val")) != "restart" and column in starts:
                starts[column][2] += 1
            else:
                cell = [text, colspan, 1]
                row.append(cell)
                if merge is not None:
                    starts[column] = cell
                else:
                    starts.pop(column, None)
            column += colspan
        rows.append(row)
        props = tr.find(qn("w:trPr"))
        if props is not None and props.find(qn("w:tblHeader")) is not None and header == r:
            header += 1
        if r == 0:
            bold_first = _all_bold(tr)
    if header == 0 and bold_first and len(rows) > 1:
        header = 1
    return {"rows": [[tuple(c) for c in row] for row in rows], "header": header}


def _paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t"))).strip(TRIM)


def _all_bold(tr) -> bool:
    runs = [r for r in tr.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
    return bool(runs) and all(_run_bold(r) for r in runs)


def _run_bold(r) -> bool:
    b = r.find(qn("w:rPr") + "/" + qn("w:b"))
    return b is not None and b.get(qn("w:val")) not in ("0", "false")


def to_table(cells: dict, pos: tuple[int, int]):
    """The outline `Table` for a grid from `grid`."""
    from .. import outline

    rows = [[outline.Cell(text, colspan=c, rowspan=r, pos=pos) for text, c, r in row]
            for row in cells["rows"]]
    width = sum(c.colspan for c in rows[0]) if rows else 0
    head = cells["header"]
    return outline.Table(columns=[outline.Column() for _ in range(width)], header=rows[:head],
                         rows=rows[head:], pos=pos)
