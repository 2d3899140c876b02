"""`gongwen build` of many outlines: a process pool, incremental, one bad outline harming none.

Each outline is rendered in memory by a worker of a process pool (one per core, `--jobs`;
in this process when there is one to build), through the one pipeline (`pipeline.py`); the
parent writes each document's files atomically and together (`files.write_all`) as soon as its
bytes arrive. An outline with a problem is reported (file:line:col) and skipped, its old
outputs untouched; the others are written. Documents whose inputs have not changed since they
were built (the build manifest, `manifest.py`) are not built again, unless `force`.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_IO, InputError, OutputError, Problem
from .files import real_path
from .manifest import Checker, Entry, Manifest, build_key, read_manifest, style_lookups
from .outlines import Item
from .version import VERSION

if TYPE_CHECKING:
    from .pipeline import Options


@dataclass(frozen=True)
class Settings:
    """What every document of a batch is built with (picklable, sent to the workers)."""

    formats: tuple[str, ...]
    style: str | None = None
    fonts: tuple[str, ...] = ()  # --font ROLE=FILE as given
    strict_fonts: bool = False
    allow_missing_glyphs: bool = False
    concurrent: bool = False  # one document, a free core: its .docx written beside its PDF
    pdfa: bool | None = None  # --pdfa (True), --no-pdfa (False), else the style sheet's

    def options(self, roles: Iterable[str] | None = None) -> Options:
        """The pipeline's options for these settings. With `roles` (the font roles of the
        style sheets built), `--font`'s files too, checked against those roles, when the
        formats embed faces; without, no fonts."""
        from .formats import uses_faces
        from .pipeline import Options

        options = Options(formats=self.formats, style=self.style, strict_fonts=self.strict_fonts,
                          allow_missing_glyphs=self.allow_missing_glyphs,
                          concurrent=self.concurrent, pdfa=self.pdfa)
        if roles is not None and uses_faces(self.formats) and self.fonts:
            from .fonts.resolve import font_options

            options = dataclasses.replace(options, fonts=font_options(list(self.fonts), roles))
        return options

    def key(self) -> str:
        from .fonts.resolve import split_font_spec
        from .formats import uses_faces

        fonts = {}
        if uses_faces(self.formats):  # the PDF and OFD alone use them (each document checks)
            for spec in self.fonts:
                role, _, path = split_font_spec(spec)
                fonts[role] = str(path)
        return build_key(VERSION, {"formats": sorted(self.formats), "style": self.style,
                                   "fonts": fonts, "strict_fonts": self.strict_fonts,
                                   "allow_missing_glyphs": self.allow_missing_glyphs,
                                   **({} if self.pdfa is None else {"pdfa": self.pdfa})})


@dataclass
class Outcome:
    """A worker's answer for one outline: its bytes and what it read, or its problems."""

    outputs: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reads: dict[str, tuple] = field(default_factory=dict)
    lookups: list[list] = field(default_factory=list)
    style: str = ""
    fonts: list[list] = field(default_factory=list)
    crash: str | None = None  # an internal error's one-line description


def render_one(path: str, settings: Settings) -> Outcome:
    """Load and render one outline (in a worker): never raises."""
    from .files import recording_reads
    from .formats import uses_faces
    from .pipeline import load, render

    outcome = Outcome()
    reads: dict = {}
    try:
        with recording_reads() as reads:
            source = load(Path(path), settings.style)
            options = settings.options(source.style.fonts)
            outputs = render(source, options, warn=outcome.warnings.append)
        base = None if settings.style else Path(path).parent
        outcome.lookups = style_lookups(settings.style or source.document.style, base)
        for part in getattr(source, "parts", ()):  # a volume: each document keeps its style
            outcome.lookups += style_lookups(part.document.style, Path(part.name).parent)
        outcome.reads = dict(reads)
        for _, _, sheet in outcome.lookups:  # a sheet a per-process cache did not read again
            if sheet is not None and sheet not in outcome.reads:
                outcome.reads[sheet] = _fingerprint(sheet)
        outcome.style = str(real_path(source.style.path))
        if uses_faces(settings.formats):
            styles = [source.style, *(part.style for part in getattr(source, "parts", ()))]
            faces = {tuple(face): None for style in styles
                     for face in font_faces(style, options.fonts, options.strict_fonts)}
            outcome.fonts = [[face, index, *_stat(face)] for face, index in faces]
        outcome.outputs = outputs
    except InputError as exc:
        outcome.problems = exc.problems
        outcome.reads = dict(reads)  # what it read until then (watch: its fix rebuilds it)
    except Exception as exc:  # a bug: described for the parent to report
        where = traceback.extract_tb(exc.__traceback__)[-1]
        outcome.crash = (f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:"
                         f"{where.lineno}, building {path})")
        if os.environ.get("GONGWEN_DEBUG"):
            traceback.print_exc()
    return outcome


def font_faces(style, fonts: dict, strict: bool) -> list[list]:
    """[path, index] of every face the PDF of a document in `style` may embed, in order."""
    from .fonts.resolve import resolve_fonts

    fontset = resolve_fonts(style, fonts, strict=strict)
    faces = [face for role in fontset.roles.values() for face in (role.main, *role.fallbacks)]
    faces += [fontset.latin] if fontset.latin else []
    seen: list[list] = []
    for face in faces:
        if [str(face.path), face.index] not in seen:
            seen.append([str(face.path), face.index])
    return seen


def _stat(path: str | Path) -> list:
    info = os.stat(path)
    return [info.st_size, info.st_mtime_ns]


def _fingerprint(path: str) -> tuple:
    from .manifest import file_sha256

    return (*_stat(path), file_sha256(path))


@dataclass
class Summary:
    built: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    code: int = 0  # the exit code: 0, or the worst of 2 (input), 3 (output), 4 (a bug)

    def fail(self, code: int) -> None:
        self.failed += 1
        self.code = max(self.code, code)

    def line(self) -> str:
        return (f"built {self.built}, unchanged {self.unchanged}, failed {self.failed} "
                f"in {self.seconds:.2f} s")


@dataclass
class Reporter:
    """Where a batch says things: problems (file:line:col lines), other messages (`gongwen:
    …`, `warning: …`), written files, and progress (`advance` after each document)."""

    problems: Callable[[list[Problem]], None]
    say: Callable[[str], None]
    wrote: Callable[[Path], None] = lambda path: None
    start: Callable[[int], None] = lambda total: None  # how many documents will be built
    advance: Callable[[], None] = lambda: None


class Batch:
    """Builds items with one set of settings into their folders, keeping each folder's
    manifest; `run` may be called again (watch), reusing what it knows."""

    def __init__(self, settings: Settings, jobs: int | None = None, force: bool = False):
        self.settings = settings
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.force = force
        self.key = settings.key()
        self.manifests: dict[Path, Manifest] = {}
        self.checker = Checker(self._faces)
        self.failed: dict[Path, set[str]] = {}  # outline → what its failed build read

    def stale(self, items: list[Item]) -> list[Item]:
        """The items whose outputs are missing or out of date."""
        if self.force:
            return list(items)
        self.checker.forget()
        return [item for item in items if not self.checker.up_to_date(
            self._manifest(item.folder).entries.get(item.path.stem),
            str(real_path(item.path)), self.key, self._targets(item))]

    def run(self, items: list[Item], report: Reporter, todo: list[Item] | None = None) -> Summary:
        """Build `todo` (default: the stale ones among `items`), refusing clashes among all
        of `items` first; write each good document; report each problem."""
        started = time.perf_counter()
        summary = Summary()
        said: set[Problem] = set()  # a problem many documents share (a bad --font) said once
        say_problems = report.problems

        def tell(problems: list[Problem]) -> None:
            fresh = [p for p in problems if p not in said]
            if fresh:
                say_problems(fresh)
            said.update(problems)

        report = dataclasses.replace(report, problems=tell)
        refused = self._clashes(items)
        for item, problems in refused.items():
            report.problems(problems)
            summary.fail(EXIT_INPUT)
        todo = [i for i in (self.stale(items) if todo is None else todo) if i not in refused]
        # not built again, nothing it reads having changed: still failing (watch), or unchanged
        still_failing = [i for i in items if i not in refused and i not in todo
                         and i.path in self.failed]
        for _ in still_failing:
            summary.fail(EXIT_INPUT)
        summary.unchanged = len(items) - len(refused) - len(todo) - len(still_failing)
        report.start(len(todo))
        for item, outcome in self._outcomes(todo):
            self._finish(item, outcome, report, summary)
            report.advance()
        for manifest in self.manifests.values():
            try:
                manifest.save()
            except OutputError as exc:
                report.say(f"gongwen: {exc}")
                summary.code = max(summary.code, EXIT_IO)
        summary.seconds = time.perf_counter() - started
        return summary

    # -- building ------------------------------------------------------------------------------

    def _outcomes(self, todo: list[Item]):
        """(item, Outcome) for each item, as they complete."""
        workers = min(self.jobs, len(todo))
        if workers <= 1:  # one document (or one core): here, its writers side by side if free
            settings = dataclasses.replace(self.settings, concurrent=self.jobs > 1)
            for item in todo:
                yield item, render_one(str(item.path), settings)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed  # a pool only here
        from concurrent.futures.process import BrokenProcessPool

        context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)
        try:
            futures = {pool.submit(render_one, str(item.path), self.settings): item
                       for item in todo}
            for future in as_completed(futures):
                try:
                    outcome = future.result()
                except BrokenProcessPool as exc:
                    outcome = Outcome(crash=f"a worker process died ({exc})")
                yield futures[future], outcome
        except BaseException:  # Ctrl-C: stop the workers, write nothing more
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()

    def _finish(self, item: Item, outcome: Outcome, report: Reporter, summary: Summary) -> None:
        manifest = self._manifest(item.folder)
        for warning in outcome.warnings:
            report.say(f"warning: {warning}")
        if outcome.crash:
            report.say(f"gongwen {VERSION}: internal error: {outcome.crash}; please report it "
                       "with the command and its input files")
            summary.fail(EXIT_INTERNAL)
            return
        targets = self._targets(item)
        over = [t for t in targets.values() if str(real_path(t)) in outcome.reads]
        if over and not outcome.problems:
            sheets = {found for _, _, found in outcome.lookups}
            outcome.problems = [Problem(str(item.path), 0, 0, (
                f"would overwrite the {'style sheet' if str(real_path(t)) in sheets else 'input'}"
                f" {real_path(t)} with {t}; choose another -o")) for t in over]
        if outcome.problems:
            report.problems(outcome.problems)
            manifest.drop(item.path.stem)  # built again next time, to report it again
            self.failed[item.path] = set(outcome.reads)
            summary.fail(EXIT_INPUT)
            return
        from .files import write_all

        files = sorted(((targets[fmt], data) for fmt, data in outcome.outputs.items()),
                       key=lambda pair: str(pair[0]))
        try:
            write_all(files)  # the document's files together, or none
        except OutputError as exc:
            report.say(f"gongwen: {exc}")
            manifest.drop(item.path.stem)
            summary.fail(EXIT_IO)
            return
        for target, _ in files:
            report.wrote(target)
        written = {fmt: _stat(target) for fmt, target in targets.items()}
        manifest.put(item.path.stem, Entry(
            outline=str(real_path(item.path)), key=self.key,
            inputs={path: list(print_) for path, print_ in outcome.reads.items()},
            lookups=outcome.lookups, style=outcome.style, fonts=outcome.fonts, outputs=written))
        self.failed.pop(item.path, None)
        summary.built += 1

    def inputs(self, item: Item) -> set[str]:
        """The real paths of what `item`'s last build read (the outline itself included)."""
        entry = self._manifest(item.folder).entries.get(item.path.stem)
        found = set(entry.inputs) if entry else self.failed.get(item.path, set())
        return found | {str(real_path(item.path))}

    # -- what is where -------------------------------------------------------------------------

    def _targets(self, item: Item) -> dict[str, Path]:
        return {fmt: item.target(fmt) for fmt in self.settings.formats}

    def _manifest(self, folder: Path) -> Manifest:
        if folder not in self.manifests:
            self.manifests[folder] = read_manifest(folder)
        return self.manifests[folder]

    def _clashes(self, items: list[Item]) -> dict[Item, list[Problem]]:
        """Items refused before any work: two writing one file (both refused), or one writing
        over an outline of the batch."""
        owners: dict[Path, list[tuple[Item, Path]]] = {}
        inputs = {real_path(item.path): item.path for item in items}
        refused: dict[Item, list[Problem]] = {}

        def refuse(item: Item, message: str) -> None:
            refused.setdefault(item, []).append(Problem(str(item.path), 0, 0, message))

        for item in items:
            for target in self._targets(item).values():
                key = real_path(target)
                owners.setdefault(key, []).append((item, target))
                if key in inputs:
                    refuse(item, f"would overwrite the input {inputs[key]} with {target}; "
                                 "choose another -o")
        for clash in owners.values():
            for item, target in clash if len(clash) > 1 else ():
                others = ", ".join(str(o.path) for o, _ in clash if o is not item)
                refuse(item, f"would write {target}, as {others} does; build them into "
                             "different folders (-o)")
        return refused

    def _faces(self, style_path: str) -> list | None:
        """The faces a PDF in this style would embed now (None: they cannot be resolved)."""
        from .fonts.resolve import font_options
        from .style import load_style

        try:
            fonts = font_options(list(self.settings.fonts))
            return font_faces(load_style(style_path), fonts, self.settings.strict_fonts)
        except InputError:
            return None


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops them."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
