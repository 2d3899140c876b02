"""The `gongwen` command: a thin argparse shell over the library.

Each sub-command imports what it needs when it runs, so `gongwen fmt` and `gongwen schema` never
load python-docx or reportlab. Bad input prints `file:line:col: message` lines on stderr and
exits with 2; nothing is written then.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import InputError, Problem

FORMATS = ("docx", "pdf", "all")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongwen",
        description="Typeset Chinese official documents (公文) from YAML outlines into "
        "GB/T 9704-2012 .docx (and PDF).",
        epilog="Exit codes: 0 success, 1 `fmt --check` found files to reformat, "
        "2 bad input (each problem printed as file:line:col: message).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    build = _command(
        sub, "build", _build, "typeset outlines into .docx (and PDF)",
        "Validate every outline, then write OUTDIR/<stem>.docx for each. Files are written "
        "atomically; when any outline has a problem, nothing is written.",
    )
    build.add_argument("-o", "--output", metavar="DIR", type=Path, default=Path("output"),
                       help="output folder (default: output/)")
    build.add_argument("--format", choices=FORMATS, default="docx",
                       help="what to write (default: docx; pdf is not available yet)")
    build.add_argument("--style", metavar="NAME",
                       help="style sheet to use instead of the outline's `style:` (a name in "
                       "styles/ or a path to a .yaml file)")
    build.add_argument("-q", "--quiet", action="store_true", help="do not list written files")

    fmt = _command(
        sub, "fmt", _fmt, "rewrite outlines into canonical form",
        "Rewrite outlines into the one canonical form: fixed key order, two-space indentation, "
        "prose as '|' blocks with one sentence per line. Text never changes. Comments cannot "
        "be kept, so a file with comments is refused (exit 2).",
    )
    fmt.add_argument("--check", action="store_true",
                     help="change nothing; list files that are not canonical and exit 1 if any")

    _command(
        sub, "check", _check, "validate outlines without writing anything",
        "Load and validate outlines and their style sheets; print problems as "
        "file:line:col: message and exit 2 if there are any.",
    )
    _command(
        sub, "schema", _schema, "print the JSON Schema of the outline format",
        "Print a JSON Schema (draft 2020-12) of the outline, for editors such as VS Code's YAML "
        "extension: add `# yaml-language-server: $schema=outline.schema.json` or map the "
        "schema to source/**/*.yaml in the editor's settings.",
        files=False,
    )
    return parser


def _command(sub, name, run, summary, description, files=True) -> argparse.ArgumentParser:
    command = sub.add_parser(name, help=summary, description=description)
    if files:
        command.add_argument("files", nargs="+", metavar="FILE", type=Path,
                             help="outline .yaml files")
    command.set_defaults(run=run)
    return command


def _load_all(files: list[Path], style_name: str | None = None):
    """Load every outline and its style; raise one InputError with all problems."""
    from .load import load_file
    from .style import load_style

    problems: list[Problem] = []
    loaded = []
    for path in files:
        try:
            document = load_file(path)
            style = load_style(style_name or document.style, path.parent if not style_name else None)
            loaded.append((path, document, style))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return loaded


def _build(args) -> int:
    if args.format == "pdf":
        print("gongwen: PDF output is not available yet; use --format docx", file=sys.stderr)
        return 2
    loaded = _load_all(args.files, args.style)
    from .docx import render_docx
    from .files import write_atomic

    rendered = []
    for path, document, style in loaded:
        rendered.append((args.output / f"{path.stem}.docx", render_docx(document, style)))
    for target, data in rendered:
        write_atomic(target, data)
        if not args.quiet:
            print(f"wrote {target}")
    if args.format == "all":
        print("gongwen: PDF output is not available yet; wrote .docx only", file=sys.stderr)
    return 0


def _fmt(args) -> int:
    from .files import write_atomic
    from .fmt import canonical
    from .load import read_source

    problems: list[Problem] = []
    changes: list[tuple[Path, str]] = []
    for path in args.files:
        try:
            text = read_source(path)
            new = canonical(text, str(path), path.parent)
        except InputError as exc:
            problems += exc.problems
            continue
        if new.encode("utf-8") != path.read_bytes():  # a BOM or CRLF is not canonical either
            changes.append((path, new))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 2
    for path, new in changes:
        if args.check:
            print(f"would reformat {path}")
        else:
            write_atomic(path, new.encode("utf-8"))
            print(f"reformatted {path}")
    if args.check:
        return 1 if changes else 0
    return 0


def _check(args) -> int:
    loaded = _load_all(args.files)
    for path, _, style in loaded:
        print(f"{path}: ok (style {style.path.stem})")
    return 0


def _schema(args) -> int:
    import json

    from .schema import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
