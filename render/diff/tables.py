"""A table in a redline: NEW's table with OLD's rows merged in, each row that differs marked as
a deleted (OLD's) or an inserted (NEW's) row, its cells' text with it, so that Accept All gives
NEW's table and Reject All OLD's. Rows are matched by their cells' text; where a changed row or
the header spans rows, OLD's whole table is shown deleted before NEW's inserted. Tables are
paired by their captions and header rows (`pair_tables`), so a table removed from OLD shows as
deleted, not as a change of the next one."""

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


def deleted(old: TableBlock) -> TableBlock:
    """OLD's table as the redline shows a table NEW no longer has: every row deleted."""
    return dataclasses.replace(old, rows=tuple(marked(r, "del") for r in old.rows))


def _table_key(table: TableBlock) -> tuple:
    caption = table.caption.text if table.caption else ""
    return caption, tuple(_key(row) for row in table.rows if row.header), len(table.widths)


def pair_tables(old: list[TableBlock], new: list[TableBlock]
                ) -> tuple[list[TableBlock | None], list[list[TableBlock]]]:
    """For each of NEW's tables its OLD partner (None: new), and OLD's tables that NEW lacks,
    each listed before the NEW table it preceded (the last list: after NEW's last table)."""
    partners: list[TableBlock | None] = [None] * len(new)
    before: list[list[TableBlock]] = [[] for _ in range(len(new) + 1)]
    matcher = difflib.SequenceMatcher(a=[_table_key(t) for t in old],
                                      b=[_table_key(t) for t in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for k in range(min(i2 - i1, j2 - j1)):  # the same table, or one changed in place
                partners[j1 + k] = old[i1 + k]
            extra = old[i1 + (j2 - j1):i2] if i2 - i1 > j2 - j1 else []
            before[min(j2, len(new))] += extra
        elif tag == "delete":
            before[j1] += old[i1:i2]
    return partners, before
