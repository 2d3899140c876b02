"""Whether a file is a font the PDF can use: fontTools opens it and reads the tables layout
and the writer need. Below `style` and `fonts`, so both can check files named to them."""

from __future__ import annotations

from pathlib import Path

LAYOUT_TABLES = ("head", "hhea", "hmtx", "cmap")  # what metrics and the writer read


def font_file_problem(path: Path) -> str | None:
    """Why `path` is not a font the PDF can use (missing, a folder, empty, not a font, truncated,
    without the tables layout reads), or None when it is one."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    if not path.exists():
        return "no such file"
    if not path.is_file():
        return "is a folder, not a font file" if path.is_dir() else "is not a regular file"
    try:
        size = path.stat().st_size
        if size == 0:
            return "the file is empty, not a font"
        with open(path, "rb") as handle:
            tag = handle.read(4)
        fonts = TTCollection(path, lazy=True).fonts[:1] if tag == b"ttcf" else [TTFont(path, lazy=True)]
        for font in fonts:
            for table, entry in font.reader.tables.items():
                if entry.offset + entry.length > size:
                    return f"the file is cut short (its {table.strip()} table ends past the end)"
            missing = [t for t in LAYOUT_TABLES if t not in font]
            if "OS/2" not in font and "hhea" not in font:
                missing.append("OS/2")
            if missing:
                return f"not a usable font: no {', '.join(missing)} table"
            for table in LAYOUT_TABLES + (("OS/2",) if "OS/2" in font else ()):
                font[table]  # decompiles it: a damaged table fails here
            if font["cmap"].getBestCmap() is None:
                return "not a usable font: no Unicode character map"
            font.close()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or type(exc).__name__})"
    except TTLibError as exc:
        return f"not a usable font ({exc})"
    except Exception as exc:  # fontTools raises struct.error, AssertionError, … on damaged data
        return f"not a usable font (damaged: {type(exc).__name__})"
    return None
