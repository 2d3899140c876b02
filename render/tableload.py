"""A `table:` body item → `outline.Table`: its keys, cells, column widths and spans checked, a
`source:` CSV file beside the outline read (bounded) and checked, every problem at its
file:line:col (a CSV's own problems at the CSV file's line)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import outline, text_rules, units
from .shape import Kind
from .errors import InputError, Problem

TABLE_KEYS = ("caption", "columns", "header", "rows", "source", "font_size", "landscape")
CELL_KEYS = ("text", "colspan", "rowspan", "align")
COLUMN_KEYS = ("width", "align")
ALIGNS = ("left", "center", "right")
MAX_CSV_BYTES = 2_000_000
MAX_SPAN = 100
MIN_SIZE, MAX_SIZE = 12.0, 16.0  # 小四 … 三号
FRACTION_RE = re.compile(r"(0?\.[0-9]+|1(\.0*)?)|([0-9]{1,3}(\.[0-9]+)?)%")
CHARS_RE = re.compile(r"([0-9]{1,2}(\.[0-9]+)?)字")
TOLERANCE = 0.001


def width_of(text: str) -> tuple[str, float] | None:
    """A column width as written → ("fraction", f) or ("chars", n); None when neither."""
    match = FRACTION_RE.fullmatch(text.strip())
    if match:
        value = float(match.group(1)) if match.group(1) else float(match.group(3)) / 100
        return ("fraction", value) if 0 < value <= 1 else None
    match = CHARS_RE.fullmatch(text.strip())
    if match and float(match.group(1)) > 0:
        return "chars", float(match.group(1))
    return None


def table_size(text: str | None) -> float:
    """The table's font size in points (三号 when not given)."""
    return units.font_size(text or "三号")


def read_table(reader, node: Node, base_dir: Path | None) -> outline.Table | None:
    """The table under a `table:` key (`reader` is load's `_Reader`: problems go to it)."""
    keys = reader.mapping(node, list(TABLE_KEYS), "table")
    if keys is None:
        return None
    count = len(reader.problems)
    if "columns" not in keys:
        reader.problem(node, "table: missing required key 'columns' (a list, one entry per "
                             "column: its width and alignment)")
        return None
    columns = _columns(reader, keys["columns"][1])
    caption = font_size = source = None
    if "caption" in keys:
        caption = reader.value(keys["caption"][1], _STR, "caption")
    if "font_size" in keys:
        font_size = _font_size(reader, keys["font_size"][1])
    landscape = False
    if "landscape" in keys:
        landscape = bool(reader.value(keys["landscape"][1], Kind("bool"), "landscape"))
    header = _rows(reader, keys["header"][1], "header") if "header" in keys else []
    rows = _rows(reader, keys["rows"][1], "rows") if "rows" in keys else []
    data: list[list[outline.Cell]] = []
    if "source" in keys:
        source = reader.value(keys["source"][1], _STR, "source")
        if source is not None:
            data = _csv_rows(reader, keys["source"][1], source, base_dir, len(columns or []))
    if columns is not None:
        if "rows" not in keys and "source" not in keys:
            reader.problem(node, "table: no data rows: give 'rows' or a 'source' CSV file")
        _check_widths(reader, keys["columns"][1], columns)
        _check_spans(reader, keys.get("header", (None, node))[1], header, len(columns), "header")
        _check_spans(reader, keys.get("rows", (None, node))[1], rows + data, len(columns),
                     "rows")
    if len(reader.problems) != count or columns is None:
        return None
    return outline.Table(columns=columns, header=header, rows=rows, caption=caption,
                         font_size=font_size, source=source, data=data,
                         landscape=landscape, pos=_pos(node))


_STR = Kind("str")


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _whole(reader, node: Node, what: str) -> int | None:
    if isinstance(node, ScalarNode) and node.value.isdigit() and 1 <= int(node.value) <= MAX_SPAN:
        return int(node.value)
    reader.problem(node, f"{what}: expected a whole number from 1 to {MAX_SPAN}")
    return None


def _choice(reader, node: Node, what: str) -> str | None:
    if isinstance(node, ScalarNode) and node.value in ALIGNS:
        return node.value
    reader.problem(node, f"{what}: expected one of {', '.join(ALIGNS)}")
    return None


def _font_size(reader, node: Node) -> str | None:
    text = reader.value(node, _STR, "font_size")
    if text is None:
        return None
    try:
        size = units.font_size(text)
    except ValueError as exc:
        reader.problem(node, f"font_size: {exc}")
        return None
    if not MIN_SIZE <= size <= MAX_SIZE:
        reader.problem(node, f"font_size: a table's text is 三号, 四号 or 小四 ({MIN_SIZE:g}pt to "
                             f"{MAX_SIZE:g}pt), not {text}")
        return None
    return text


def _columns(reader, node: Node) -> list[outline.Column] | None:
    if not isinstance(node, SequenceNode) or not node.value:
        reader.problem(node, "columns: expected a list with an entry per column")
        return None
    out = []
    for item in node.value:
        if _is_empty(item):
            out.append(outline.Column())
            continue
        keys = reader.mapping(item, list(COLUMN_KEYS), "column")
        if keys is None:
            return None
        column = outline.Column()
        if "width" in keys:
            width = keys["width"][1]
            text = width.value if isinstance(width, ScalarNode) else ""
            if width_of(text) is None:
                reader.problem(width, "width: expected a fraction of the type area (0.25 or "
                                      "25%) or characters (6字)")
                return None
            column.width = text.strip()
        if "align" in keys:
            column.align = _choice(reader, keys["align"][1], "align") or "left"
        out.append(column)
    return out


def _is_empty(node: Node) -> bool:
    return isinstance(node, MappingNode) and not node.value


def _rows(reader, node: Node, what: str) -> list[list[outline.Cell]]:
    if not isinstance(node, SequenceNode):
        reader.problem(node, f"{what}: expected a list of rows, each a list of cells")
        return []
    out = []
    for row in node.value:
        if not isinstance(row, SequenceNode) or not row.value:
            reader.problem(row, f"{what}: a row is a list of cells (- [甲, 乙, 丙])")
            continue
        cells = [_cell(reader, cell) for cell in row.value]
        out.append([cell for cell in cells if cell is not None])
    return out


def _cell(reader, node: Node) -> outline.Cell | None:
    if isinstance(node, ScalarNode):
        text = _cell_text(reader, node)
        return None if text is None else outline.Cell(text, pos=_pos(node))
    keys = reader.mapping(node, list(CELL_KEYS), "cell")
    if keys is None:
        return None
    text = _cell_text(reader, keys["text"][1]) if "text" in keys else ""
    if text is None:
        return None
    cell = outline.Cell(text, pos=_pos(node))
    for key in ("colspan", "rowspan"):
        if key in keys:
            value = _whole(reader, keys[key][1], key)
            if value is None:
                return None
            setattr(cell, key, value)
    if "align" in keys:
        cell.align = _choice(reader, keys["align"][1], "align")
    return cell


def _cell_text(reader, node: ScalarNode) -> str | None:
    """A cell's text: prose; an empty string ("") is an empty cell."""
    if node.value == "" and node.style in ('"', "'"):
        return ""
    return reader.value(node, _STR, "cell", prose=True)


def _csv_rows(reader, node: Node, source: str, base_dir: Path | None,
              columns: int) -> list[list[outline.Cell]]:
    """The data rows of the CSV file `source` (UTF-8, a header line not included: write the
    header in the outline), one cell per field."""
    from .files import read_bounded

    path = (base_dir or Path(".")) / source
    try:
        raw = read_bounded(path, MAX_CSV_BYTES, "CSV file")
    except InputError as exc:
        reader.problem(node, f"source: {source}: {exc.problems[0].message}")
        return []
    name = str(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        reader.problems.append(Problem(name, line, 1, "not UTF-8 text; save the CSV file as "
                                                      "UTF-8"))
        return []
    rows = []
    parsed = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for fields in parsed:
            line = parsed.line_num
            if not any(field.strip() for field in fields):
                continue
            if columns and len(fields) != columns:
                reader.problems.append(Problem(name, line, 1, (
                    f"{len(fields)} fields, the table has {columns} columns (a CSV row has "
                    "one field per column; spans are written in the outline)")))
                continue
            row = []
            for number, value in enumerate(fields, 1):
                value = value.strip()
                bad = text_rules.forbidden_character(value)
                if bad is not None:
                    reader.problems.append(Problem(name, line, 1, (
                        f"field {number}: {bad[1]} at character {bad[0] + 1} has no place in "
                        "the text; remove it")))
                    value = ""
                row.append(outline.Cell(value.replace("\n", "")))
            rows.append(row)
    except csv.Error as exc:
        reader.problems.append(Problem(name, parsed.line_num, 1, f"not a valid CSV file: {exc}"))
    return rows


def _check_widths(reader, node: SequenceNode, columns: list[outline.Column]) -> None:
    """Fractions add up to at most 1, and to 1 when every column gives one; characters are
    checked against the type area when the style is known (compose)."""
    widths = [width_of(c.width) if c.width else None for c in columns]
    fractions = sum(w[1] for w in widths if w and w[0] == "fraction")
    if fractions > 1 + TOLERANCE:
        reader.problem(node, f"columns: the widths add up to {fractions:g} of the type area, "
                             "more than 1")
    elif all(w and w[0] == "fraction" for w in widths) and fractions < 1 - TOLERANCE:
        reader.problem(node, f"columns: the widths add up to {fractions:g} of the type area, "
                             "not 1; leave one column's width out to give it the rest")


def grid_of(rows: list[list[outline.Cell]], columns: int):
    """Each cell's first column, row by row, and the problems: (cell, message) for a cell that
    runs past the last column or row or onto another, (row index, message) for a row whose
    cells do not fill the columns."""
    taken: dict[tuple[int, int], outline.Cell] = {}
    places: list[list[int]] = []
    problems: list[tuple[object, str]] = []
    for r, row in enumerate(rows):
        column, here = 0, []
        for cell in row:
            while (r, column) in taken:
                column += 1
            here.append(column)
            if column >= columns:
                problems.append((cell, f"cell: one too many: it would start column "
                                       f"{column + 1}, the table has {columns} columns"))
            elif column + cell.colspan > columns:
                problems.append((cell, f"cell: spans columns {column + 1} to "
                                       f"{column + cell.colspan}, the table has {columns}"))
            if r + cell.rowspan > len(rows):
                problems.append((cell, f"cell: spans rows {r + 1} to {r + cell.rowspan}, "
                                       f"there are {len(rows)}"))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    spot = (r + dr, column + dc)
                    if spot in taken:
                        problems.append((cell, "cell: overlaps a cell spanning from above "
                                               f"(row {spot[0] + 1}, column {spot[1] + 1})"))
                    taken[spot] = cell
            column += cell.colspan
        places.append(here)
        filled = sum(1 for (rr, c) in taken if rr == r and c < columns)
        if filled != columns and not any(isinstance(p[0], outline.Cell) and p[0] in row
                                         for p in problems):
            problems.append((r, f"row: its cells fill {filled} columns (after spans), the "
                                f"table has {columns}"))
    return places, problems


def _check_spans(reader, node: Node, rows: list[list[outline.Cell]], columns: int,
                 what: str) -> None:
    _, problems = grid_of(rows, columns)
    for where, message in problems:
        if isinstance(where, outline.Cell):
            line, col = where.pos
        else:
            row_node = node.value[where] if isinstance(node, SequenceNode) and \
                where < len(node.value) else node
            line, col = _pos(row_node)
        reader.problems.append(Problem(reader.name, line, col, f"{what}: {message}"))
