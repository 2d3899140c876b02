"""A table in a redline: NEW's table with OLD's rows merged in, each row that differs marked as
a deleted (OLD's) or an inserted (NEW's) row, its cells' text with it, so that Accept All gives
NEW's table and Reject All OLD's. Rows are matched by their cells' text; where a changed row or
the header spans rows, OLD's whole table is shown deleted before NEW's inserted."""

from __future__ import annotations

import dataclasses
import difflib

from ..compose.blocks import Block, TableBlock, TableRow


def marked(row: TableRow, revision: str) -> TableRow:
    """A row deleted or inserted as a whole: the row, its cells' paragraphs and their runs."""
    cells = tuple(dataclasses.replace(cell, para=dataclasses.replace(
        cell.para, revision=revision,
        runs=tuple(dataclasses.replace(run, revision=revision) for run in cell.para.runs)))
        for cell in row.cells)
    return dataclasses.replace(row, cells=cells, revision=revision)


def _key(row: TableRow) -> tuple:
    return tuple((cell.column, cell.colspan, cell.rowspan, cell.para.text) for cell in row.cells)


def _spans(rows) -> bool:
    return any(cell.rowspan > 1 for row in rows for cell in row.cells)


def redline_table(old: TableBlock | None, new: TableBlock) -> list[Block]:
    """NEW's table as the redline shows it against OLD's (None: the table is new)."""
    if old is None:
        return [dataclasses.replace(new, rows=tuple(marked(r, "ins") for r in new.rows))]
    if old == new:
        return [new]
    old_head = [r for r in old.rows if r.header]
    new_head = [r for r in new.rows if r.header]
    old_body = [r for r in old.rows if not r.header]
    new_body = [r for r in new.rows if not r.header]
    same_frame = old.widths == new.widths and list(map(_key, old_head)) == list(
        map(_key, new_head)) and old.caption == new.caption
    rows: list[TableRow] = list(new_head)
    matcher = difflib.SequenceMatcher(a=list(map(_key, old_body)), b=list(map(_key, new_body)),
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += new_body[j1:j2]
            continue
        if _spans(old_body[i1:i2]) or _spans(new_body[j1:j2]):
            same_frame = False
            break
        rows += [marked(r, "del") for r in old_body[i1:i2]]
        rows += [marked(r, "ins") for r in new_body[j1:j2]]
    if not same_frame:
        return [dataclasses.replace(old, rows=tuple(marked(r, "del") for r in old.rows)),
                dataclasses.replace(new, rows=tuple(marked(r, "ins") for r in new.rows))]
    return [dataclasses.replace(new, rows=tuple(rows))]
