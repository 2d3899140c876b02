"""The `gongwen` command: a thin argparse shell over the library.

Each sub-command imports what it needs when it runs, so `gongwen fmt` and `gongwen schema` never
load python-docx or reportlab. Bad input prints `file:line:col: message` lines on stderr and
exits with 2; nothing is written then.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_IO,
    InputError,
    OutputError,
    Problem,
)
from .files import real_path
from .version import VERSION

if TYPE_CHECKING:
    from .pipeline import Source

BUG_REPORT = "please report it with the command and its input files"



def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "pdfa", None) and "pdf" not in args.format:
        args.command_parser.error("--pdfa makes the PDF a PDF/A-1b, and --format names no pdf")
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_INPUT
    if sys.stdout is None and args.run is not _build:  # started with stdout closed
        _say("gongwen: standard output: closed; this command's result goes there")
        return EXIT_IO
    try:
        code = args.run(args)
        if sys.stdout is not None:  # None when the command was started with stdout closed
            sys.stdout.flush()
        return code
    except InputError as exc:
        _say_problems(exc.problems)
        return EXIT_INPUT
    except OutputError as exc:
        _say(f"gongwen: {exc}")
        return EXIT_IO
    except KeyboardInterrupt:
        return 130
    except (BrokenPipeError, ConnectionResetError):
        _silence_stdout()
        return EXIT_IO
    except OSError as exc:
        if exc.filename is None and exc.errno is not None and _stdout_failed():
            _silence_stdout()
            _say(f"gongwen: standard output: {exc.strerror or exc}")
            return EXIT_IO
        _say(f"gongwen: {exc.filename or 'standard output'}: {exc.strerror or exc}")
        return EXIT_IO
    except Exception:  # a bug: say so, briefly, with what a report needs
        import os
        import traceback

        if os.environ.get("GONGWEN_DEBUG"):
            traceback.print_exc()
        else:
            kind, value, _ = sys.exc_info()
            where = traceback.extract_tb(sys.exc_info()[2])[-1]
            _say(f"gongwen {VERSION}: internal error: {kind.__name__}: {value} "
                 f"(at {Path(where.filename).name}:{where.lineno}); {BUG_REPORT} "
                 "(GONGWEN_DEBUG=1 shows the traceback)")
        return EXIT_INTERNAL


MAX_SHOWN = 50


def _say_problems(problems: list[Problem], say=None) -> None:
    say = say or _say
    for problem in problems[:MAX_SHOWN]:
        say(str(problem))
    if len(problems) > MAX_SHOWN:
        say(f"gongwen: {len(problems) - MAX_SHOWN} more problems not shown "
            f"({len(problems)} in all)")


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _stdout_failed() -> bool:
    if sys.stdout is None:
        return False
    try:
        sys.stdout.flush()
        return False
    except (OSError, ValueError):
        return True


def _silence_stdout() -> None:
    """After stdout failed (closed pipe, full disk), let the interpreter's exit not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongwen",
        description="Typeset Chinese official documents (公文) from YAML outlines into "
        "GB/T 9704-2012 .docx (and PDF).",
        epilog="Exit codes: 0 success; 1 differences (`diff`), files to reformat (`fmt --check`) "
        "or missing faces (`fonts`); 2 bad input, each problem printed as file:line:col: "
        "message; 3 a file could not be read or written (path: reason); 4 internal error. "
        "See docs/errors.md.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {VERSION}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    build = _command(
        sub, "build", _build, "typeset outlines (files, or every outline in folders)",
        "Render each outline in memory (a process pool, one worker per core) and write "
        "OUTDIR/<stem>.docx and OUTDIR/<stem>.pdf for each (the formats --format names: .ofd "
        "too); a folder means every outline in "
        "it, recursively (not style sheets), its subfolders kept under OUTDIR. An outline with "
        "a problem is reported and skipped, the others written; the exit code is then 2. A "
        "document's files are written together or not at all; two outlines with one output "
        "name, or an output that is an input, are refused. A document whose outline, style "
        "sheets, images, CSV files, fonts and gongwen version have not changed since its "
        "last build is not built again (a manifest in each output folder); --force builds all.",
        files="FILE|DIR",
    )
    _batch_options(build)
    watch = _command(
        sub, "watch", _watch, "build, then rebuild what changes on each save",
        "Build like `build`, then watch the outlines and everything they read (style sheets, "
        "images, CSV files) and rebuild the documents a saved change concerns. Problems are "
        "printed and watching goes on; Ctrl-C ends it (exit 0).",
        files="FILE|DIR",
    )
    _batch_options(watch)

    fmt = _command(
        sub, "fmt", _fmt, "rewrite outlines into canonical form",
        "Rewrite outlines into the one canonical form: fixed key order, two-space indentation, "
        "prose as '|' blocks with one sentence per line. Text never changes. Comments cannot "
        "be kept, so a file with comments is refused (exit 2).",
    )
    fmt.add_argument("--check", action="store_true",
                     help="change nothing; list files that are not canonical and exit 1 if any")

    check = _command(
        sub, "check", _check, "validate outlines without writing anything",
        "Everything `build` does except writing: load and validate outlines (a folder: every "
        "outline in it, as build finds them) and their style "
        "sheets, lay them out and render every format in memory; print problems as "
        "file:line:col: message and exit 2 if there are any. When check passes, build does.",
        files="FILE|DIR",
    )
    _render_options(check)
    lint = _command(
        sub, "lint", _lint, "check outlines against the punctuation and layout rules",
        "Check outlines against GB/T 9704, GB/T 15834 (punctuation) and GB/T 15835 (numbers): "
        "the text (half-width marks in Chinese text, quotes, dashes, brackets in the 发文字号, "
        "numbers typed in headings …) and the typeset pages (孤字, the 署名 block). Each finding "
        "is printed as file:line:col: severity rule-id message; the rules are listed in "
        "docs/lint.md. Exit code 1 when errors remain, 0 when none do (warnings alone), 2 on "
        "an outline that cannot be read.",
    )
    lint.add_argument("--format", choices=["text", "json"], default="text")
    lint.add_argument("--fix", action="store_true",
                      help="apply the safe fixes to the outlines in place, print each, then "
                      "report what remains")
    diff = sub.add_parser(
        "diff",
        help="show what changed between two versions of an outline",
        description="Compare two outlines structurally: fields (发文字号, dates, 主送, 抄送 …), "
        "sections added, removed, moved or renamed (matched by content, so renumbering is not a "
        "change), paragraphs, and characters within them. Each side is a file or REV:path (read "
        "with `git show`). Exit code 0 when equal, 1 when different, 2 on bad input.",
    )
    diff.add_argument("old", metavar="OLD", help="outline file or REV:path")
    diff.add_argument("new", metavar="NEW", help="outline file or REV:path")
    diff.add_argument("--format", choices=["text", "json"], default="text")
    diff.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                      help="colour the text report (default: on a terminal)")
    diff.add_argument("--docx", metavar="OUT", type=Path,
                      help="write NEW as a .docx with Word tracked changes from OLD")
    diff.add_argument("--pdf", metavar="OUT", type=Path,
                      help="write a review copy (花脸稿) of NEW as a PDF")
    diff.add_argument("--author", default=None,
                      help="author of the tracked changes (default: git user.name, else gongwen)")
    diff.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                      help="date of the tracked changes (default: NEW's 成文日期, else its "
                      "印发日期, else 2000-01-01; never today, so a redline is reproducible)")
    diff.set_defaults(run=_diff)

    fonts = _command(
        sub, "fonts", _fonts, "show or install the faces the PDF embeds",
        "Without an action: list, for each font role of the style, the face the PDF will use, "
        "its file, its source (file, official or open) and its licence, with the fallback faces. "
        "`gongwen fonts install` obtains the open faces (Debian packages and the Fandol faces "
        "from texlive-lang-chinese), converts Fandol to TrueType once, and writes a user "
        "fontconfig file mapping the official face names to them; it needs root for apt-get "
        "(or prints the `sudo apt-get install` line to run). Both exit with 1 when a role, a "
        "fallback or the Latin face still resolves to no installed face.",
        files=False,
    )
    fonts.add_argument("action", nargs="?", choices=["list", "install"], default="list")
    fonts.add_argument("--style", metavar="NAME",
                       help="style sheet whose roles to list and check (default: list gbt9704, "
                       "check every built-in style)")
    imp = sub.add_parser(
        "import", help="make an outline from a plain-text web copy or a .docx",
        description="Read a plain-text document (as copied from a government web site) and "
        "write its outline in canonical form: page chrome dropped, publication data, title, "
        "主送, numbered headings (typed numbers stripped: they are derived), run-in leads, "
        "paragraphs rejoined where a line break fell inside a sentence, 附件说明, 署名, "
        "成文日期, 附注, 抄送 and 印发. A report on standard error lists every dropped line and "
        "every doubtful decision. See docs/import.md.",
    )
    imp.add_argument("file", metavar="FILE", type=Path, help="a .txt or .docx file")
    imp.add_argument("-o", "--output", metavar="OUT", type=Path,
                     help="write the outline here (atomically) instead of standard output")
    imp.add_argument("--report", choices=["text", "json"], default="text",
                     help="the report's form on standard error (default: text)")
    imp.set_defaults(run=_import)

    _command(
        sub, "schema", _schema, "print the JSON Schema of the outline format",
        "Print a JSON Schema (draft 2020-12) of the outline, for editors such as VS Code's YAML "
        "extension: add `# yaml-language-server: $schema=outline.schema.json` or map the "
        "schema to source/**/*.yaml in the editor's settings.",
        files=False,
    )
    return parser


def _batch_options(command: argparse.ArgumentParser) -> None:
    """The options of build and watch."""
    command.add_argument("-o", "--output", metavar="DIR", type=Path, default=Path("output"),
                         help="output folder (default: output/)")
    _render_options(command)
    command.add_argument("-j", "--jobs", metavar="N", type=_positive, default=None,
                         help="worker processes (default: one per core)")
    command.add_argument("--force", action="store_true",
                         help="build every document, changed or not")
    command.add_argument("-q", "--quiet", action="store_true",
                         help="no progress bar, no list of written files, no summary")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of workers, 1 or more; "
                                         f"found {text!r}")
    return value


def _render_options(command: argparse.ArgumentParser) -> None:
    """The options of build and check: what to render, with which style and faces."""
    command.add_argument("--format", type=_format_list, default="docx,pdf", metavar="LIST",
                         help="what to write, comma-separated: docx, pdf, ofd (an OFD, GB/T "
                         "33190), or all of them (default: docx,pdf)")
    command.add_argument("--font", metavar="ROLE=FILE", action="append", default=[],
                         help="use this font file for a role in the PDF (fangsong, "
                         "xiaobiaosong, heiti, kaiti, songti); a path relative to the working "
                         "folder; may be repeated")
    command.add_argument("--strict-fonts", action="store_true",
                         help="refuse to build a PDF with any substitute for the official faces")
    command.add_argument("--pdfa", action=argparse.BooleanOptionalAction, default=None,
                         help="write the PDF as PDF/A-1b (GB/T 23286.1 = ISO 19005-1), for "
                         "archives; --no-pdfa: a plain PDF whatever the style sheet says "
                         "(default: as the style sheet's `pdfa`)")
    command.add_argument("--allow-missing-glyphs", action="store_true",
                         help="warn, instead of failing, when a character is in no font")
    command.add_argument("--style", metavar="NAME",
                         help="style sheet to use instead of the outline's `style:` (a name in "
                         "styles/ or a path to a .yaml file)")


def _command(sub, name, run, summary, description, files: bool | str = True
             ) -> argparse.ArgumentParser:
    command = sub.add_parser(name, help=summary, description=description)
    if files:
        metavar = files if isinstance(files, str) else "FILE"
        command.add_argument("files", nargs="+", metavar=metavar, type=Path,
                             help="outline .yaml files" + (", or folders of them"
                                                          if "DIR" in metavar else ""))
    command.set_defaults(run=run, command_parser=command)
    return command


def _load_each(files: list[Path], style_name: str | None = None):
    """Each outline loaded with its style: the loaded ones, and the problems of the others."""
    from .pipeline import load

    problems: list[Problem] = []
    loaded = []
    for path in files:
        try:
            loaded.append(load(path, style_name))
        except InputError as exc:
            problems += exc.problems
    return loaded, problems


def _format_list(text: str) -> tuple[str, ...]:
    """`--format`'s value (`formats.parse_formats`), its problems as argparse's."""
    from .formats import ALL_FORMATS, parse_formats

    try:
        return parse_formats(text)
    except ValueError as problem:
        raise argparse.ArgumentTypeError(
            f"{problem}; choose from {', '.join(ALL_FORMATS)} or all") from None


def _settings(args):
    """The batch settings the rendering options of build, watch and check give."""
    from .batch import Settings

    return Settings(formats=args.format, style=args.style, fonts=tuple(args.font),
                    strict_fonts=args.strict_fonts,
                    allow_missing_glyphs=args.allow_missing_glyphs, pdfa=args.pdfa)


def _render_all(args) -> tuple[list[Source], list[Problem]]:
    """Every outline rendered in memory, as build would: those that render, and the problems
    of all the others (one bad outline stops only itself)."""
    from .pipeline import render

    settings = _settings(args)
    loaded, problems = _load_each([item.path for item in _items(args.files, Path("."))],
                                  settings.style)
    # --font's roles: those of every style sheet loaded (none loaded: nothing to check them by)
    roles = [r for r in loaded[0].style.fonts if all(r in s.style.fonts for s in loaded)] \
        if loaded else None
    options = settings.options(roles)
    good = []
    for source in loaded:
        try:
            render(source, options, warn=_warn)
            good.append(source)
        except InputError as exc:
            problems += exc.problems
    return good, problems


def _warn(message: str) -> None:
    _say(f"warning: {message}")


def _build(args) -> int:
    """Build every outline named or found in the folders named: see render/batch.py."""
    from .progress import Progress

    batch, items = _batch(args)
    progress = Progress(Progress.wanted(args.quiet))
    listing = not args.quiet and not progress.enabled  # on a terminal the bar says it
    report = _reporter(progress, listing)
    try:
        summary = batch.run(items, report)
    finally:
        progress.close()
    if not args.quiet:
        print(summary.line())
    return summary.code


def _batch(args):
    """The batch of `build` and `watch`: its settings, and the outlines the arguments name."""
    from .batch import Batch

    if args.output.exists() and not args.output.is_dir():
        raise OutputError(args.output, "is a file, not a folder (-o names the output folder)")
    return Batch(_settings(args), args.jobs, args.force), _items(args.files, args.output)


def _items(paths: list[Path], output: Path):
    """The outlines `paths` name (a folder: every outline in it), with their output folders
    under `output`; a folder with none is a problem."""
    from .outlines import find_items

    items = find_items(paths, output)
    empty = [Problem(str(path), 0, 0, "no outlines (*.yaml) in this folder")
             for path in paths if path.is_dir() and not any(
                 item.path.is_relative_to(path) for item in items)]
    if empty:
        raise InputError(empty)
    return items


def _reporter(progress, listing: bool):
    from .batch import Reporter

    def problems(found: list[Problem]) -> None:
        _say_problems(found, progress.write)

    def wrote(target: Path) -> None:
        if listing:
            print(f"wrote {target}")

    return Reporter(problems=problems, say=progress.write, wrote=wrote,
                    start=progress.start, advance=progress.advance)


def _watch(args) -> int:
    from .watch import watch

    batch, items = _batch(args)
    return watch(batch, items, args, _reporter)


def _fmt(args) -> int:
    from .files import write_atomic
    from .fmt import canonical
    from .load import MAX_BYTES, read_source

    problems: list[Problem] = []
    changes: list[tuple[Path, str]] = []
    for path in args.files:
        try:
            text = read_source(path)
            new = canonical(text, str(path), path.parent)
        except InputError as exc:
            problems += exc.problems
            continue
        data = new.encode("utf-8")
        if len(data) > MAX_BYTES:
            problems.append(Problem(str(path), 0, 0, f"the canonical form would be {len(data)} "
                                    f"bytes, over the {MAX_BYTES}-byte limit of an outline; "
                                    "split the document"))
        elif data != path.read_bytes():  # a BOM or CRLF is not canonical either
            changes.append((path, new))
    if problems:
        raise InputError(problems)
    for path, new in changes:
        if args.check:
            print(f"would reformat {path}")
        else:
            write_atomic(path.resolve(), new.encode("utf-8"))  # through a symlink, not over it
            print(f"reformatted {path}")
    if args.check:
        return 1 if changes else 0
    return 0


def _check(args) -> int:
    """Everything build does but writing: load, lay out and render every format in memory;
    each good outline said ok, every problem of the others reported."""
    good, problems = _render_all(args)
    for source in good:
        print(f"{source.name}: ok")
    if problems:
        raise InputError(problems)
    return 0


def _lint(args) -> int:
    import json

    from .importer import SUFFIXES
    from .lint import lint_file

    problems: list[Problem] = []
    found = []
    for path in args.files:
        try:
            findings = lint_file(path)
            if args.fix and path.suffix.lower() in SUFFIXES:
                problems.append(Problem(str(path), 0, 0, "--fix edits outlines: import it "
                                        f"first (gongwen import {path} -o OUT.yaml), then lint "
                                        "--fix OUT.yaml"))
            elif args.fix and any(f.edit for f in findings):
                from .lint.fix import fix_file

                if fix_file(path, findings, _say):
                    findings = lint_file(path)
            found += findings
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    if args.format == "json":
        print(json.dumps([f.as_json() for f in found], ensure_ascii=False, indent=2))
    else:
        for f in found:
            print(f)
    return 1 if any(f.rule.severity == "error" for f in found) else 0


def _diff(args) -> int:
    from .diff.sides import read_sides
    from .diff.structure import compare

    old, new = read_sides(args.old, args.new)
    difference = compare(old.document, new.document)
    if args.docx or args.pdf:
        from .diff.outputs import review_outputs
        from .files import write_all

        outputs = review_outputs(old, new, difference, args)
        write_all(outputs)
        for target, _ in outputs:
            _say(f"wrote {target}")
    if args.format == "json":
        from .diff.report import json_report

        sys.stdout.write(json_report(difference, args.old, args.new))
    else:
        from .diff.report import text_report

        color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        sys.stdout.write(text_report(difference, color))
    return 0 if difference.equal else 1


def _import(args) -> int:
    from .files import write_all
    from .fmt import format_document
    from .importer import import_file
    from .importer.pictures import image_files, named_images

    if args.output is not None and real_path(args.output) == real_path(args.file):
        raise InputError([Problem(str(args.file), 0, 0, f"would overwrite the input with "
                                                        f"{args.output}; choose another -o")])
    document, report = import_file(args.file)
    if args.output is not None:
        images = image_files(document, args.output.parent)  # renames a taken name first
        write_all([*images, (args.output, format_document(document).encode("utf-8"))])
    else:
        unwritten = [name for name, _, _ in named_images(document)]
        if unwritten:
            report.notes.append(f"{len(unwritten)} image files named in the outline are not "
                                f"written ({', '.join(sorted(unwritten))}): give -o OUT.yaml "
                                "to write them beside it")
        sys.stdout.write(format_document(document))
    sys.stdout.flush()
    _say(report.as_json().rstrip("\n") if args.report == "json" else
         report.as_text().rstrip("\n"))
    return 0


def _fonts(args) -> int:
    if args.action == "install":
        from .fonts.setup import SetupError, install

        try:
            install(say=lambda line: print(line, flush=True))
        except SetupError as exc:
            print(f"gongwen fonts install: {exc}", file=sys.stderr)
            return 1
        return 0
    from .fonts.resolve import font_gaps, list_faces
    from .fonts.setup import builtin_gaps
    from .style import load_style

    style = load_style(args.style or "gbt9704", Path.cwd())
    for line in list_faces(style):
        print(line)
    gaps = font_gaps(style) if args.style else builtin_gaps()
    for gap in gaps:
        print(f"gongwen fonts: {gap}", file=sys.stderr)
    return 1 if gaps else 0


def _schema(args) -> int:
    import json

    from .schema import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
