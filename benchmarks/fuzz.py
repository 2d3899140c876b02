"""Fuzz the loader, `fmt`, `build` and `diff` with outlines from a grammar of the format (issue #9).

    python benchmarks/fuzz.py [--minutes 10] [--seed N] [--pdf-every 5] [--out output/fuzz]

Hypothesis draws outlines from a grammar of the outline format — every key, nested sections,
attachments, 版头 and 版记 —, valid and slightly broken: unknown keys, values of the wrong type,
text with control characters, invisible or astral characters, very long strings, deep nesting,
and a few textual mutations of the YAML itself. Each example goes through:

- load: `render.load.load_text` may only raise `InputError`;
- fmt: `render.fmt.canonical` may only raise `InputError`; when the input loads, its result is
  canonical (fmt is idempotent) and loads to the same document (meaning is preserved);
- build: `gongwen build` in a temporary folder (the .docx; the PDF too every --pdf-every
  examples) must exit 0, 2 or 3 — 4 (internal error) or an exception is a failure;
- diff: `gongwen diff A B` of the example and a mutation of it must exit 0, 1 or 2.

No example may take more than 10 s (a SIGALRM stops it; that counts as a failure). Failures are
not shrunk: each distinct one (target, kind, where) is saved once with its reproducing input
under output/fuzz/, and the run goes on. At the end it prints the counts: examples, exits by
code per target, failures.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, seed as hseed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from render.cli import main  # noqa: E402
from render.errors import InputError  # noqa: E402
from render.fmt import canonical  # noqa: E402
from render.load import load_text  # noqa: E402

EXAMPLE_LIMIT = 10  # seconds

# ----------------------------------------------------------------------------------------------
# The grammar

HANZI = "青岛市工业和信息化局关于开展年度企业技术改造项目申报工作的通知各区主管部门全力助企纾困解难重点支持方向"
PUNCT = "。，、；：？！“”‘’（）《》——……·"
LATIN = "ABCxyz0123456789%-./ "
CONTROLS = ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
            "\ufeff", "\u200b", "\u202e", "\uffff", "\r", "\t", "\n", "\u3000", "\U00030EDE",
            "\ud800"]

def chance(draw, n: int) -> bool:
    """True once in n draws (False is what Hypothesis starts from and shrinks towards)."""
    return draw(st.sampled_from([False] * (n - 1) + [True]))


plain_char = st.sampled_from(HANZI + PUNCT + LATIN)
odd_char = st.one_of(st.sampled_from(CONTROLS), st.characters())


@st.composite
def text(draw, min_size=1, max_size=40):
    """Mostly Chinese prose; sometimes an odd character; sometimes very long."""
    kind = draw(st.sampled_from([3] * 57 + [0, 1, 2]))
    if kind == 0:
        return draw(st.text(odd_char, max_size=6))
    size_max = 400 if kind == 1 else max_size
    chars = draw(st.lists(st.one_of(plain_char, plain_char, plain_char, plain_char, plain_char,
                                    plain_char, plain_char, plain_char, plain_char, odd_char)
                          if kind == 2 else plain_char, min_size=min_size, max_size=size_max))
    return "".join(chars)


def date_value():
    return st.one_of(
        st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)).map(lambda d: d.isoformat()),
        st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)),
    ).flatmap(lambda good: st.sampled_from(
        [good] * 12 + ["2023-3-1", "2023-02-30", "20230301", "去年", "", "2023-03-01 10:00"]))


def junk():
    """A value of some wrong type."""
    return st.one_of(st.none(), st.integers(-10**6, 10**6), st.booleans(),
                     st.floats(allow_nan=True, allow_infinity=True), st.lists(st.integers(), max_size=3),
                     st.dictionaries(st.sampled_from(["a", "title", "body"]), st.integers(), max_size=2),
                     text())


def maybe_broken(strategy, p_junk=30):
    """The strategy, or (1 in p_junk) a value of the wrong type."""
    return st.sampled_from([False] * (p_junk - 1) + [True]).flatmap(
        lambda broken: junk() if broken else strategy)


@st.composite
def body(draw, depth=0):
    items = []
    for _ in range(draw(st.integers(0 if depth else 1, 4 if depth < 3 else 2))):
        kind = draw(st.integers(0, 9))
        if kind < 5 or depth >= 6:
            items.append(draw(maybe_broken(text(max_size=120))))
        elif kind < 8:
            section = {"heading": draw(maybe_broken(text(max_size=20)))}
            if chance(draw, 30):
                section["lead"] = draw(text(max_size=10))  # both: refused
            if not chance(draw, 10):
                section["body"] = draw(body(depth + 1))
            items.append(section)
        else:
            section = {"lead": draw(maybe_broken(text(max_size=15))),
                       "text": draw(maybe_broken(text(max_size=80)))}
            if draw(st.booleans()):
                section["body"] = draw(body(depth + 1))
            items.append(section)
    return items


@st.composite
def header(draw):
    options = {
        "copy_number": st.one_of(st.from_regex(r"\A[0-9]{1,7}\Z"), st.just("１２３"), text()),
        "classification": st.fixed_dictionaries({"level": st.sampled_from(["秘密", "机密", "绝密", "内部"])},
                                                optional={"period": st.sampled_from(["1年", "长期", "十年"])}),
        "urgency": st.sampled_from(["特急", "加急", "紧急"]),
        "issuers": st.lists(text(max_size=20), max_size=13),
        "mark_suffix": st.sampled_from(["文件", "令", "纪要", ""]),
        "doc_number": st.one_of(st.from_regex(r"\A青工信发〔20[0-9]{2}〕[1-9][0-9]{0,3}号\Z"), text()),
        "signers": st.lists(text(max_size=6), max_size=4),
        "order_number": st.sampled_from(["第1号", "第12号", "1号"]),
        "letterhead": st.sampled_from(["printed", "preprinted", "none"]),
    }
    return {key: draw(maybe_broken(value)) for key, value in options.items() if draw(st.booleans())}


@st.composite
def outline(draw):
    document = {}
    if not chance(draw, 4):
        document["style"] = draw(st.sampled_from(["gbt9704", "letter", "order", "minutes",
                                                  "material", "gbt9704"] * 5 + ["nosuch"]))
    if chance(draw, 3):
        document["header"] = draw(header())
    title = st.one_of(text(max_size=60), st.lists(text(max_size=30), min_size=1, max_size=3))
    if not chance(draw, 31):
        document["title"] = draw(maybe_broken(title))
    if chance(draw, 6):
        document["subtitle"] = draw(text(max_size=30))
    if not chance(draw, 3):
        document["issuers"] = draw(maybe_broken(st.lists(text(max_size=30), max_size=13)))
    if not chance(draw, 3):
        document["date"] = draw(date_value())
    if chance(draw, 4):
        document["seal"] = draw(st.sampled_from(["none", "seal", "signature", "maybe"]))
    if chance(draw, 6):
        document["signer"] = draw(st.fixed_dictionaries({"title": text(max_size=15),
                                                         "name": text(max_size=5)}))
    if draw(st.booleans()):
        document["addressee"] = draw(maybe_broken(text(max_size=60)))
    if not chance(draw, 10):
        document["body"] = draw(maybe_broken(body(), p_junk=60))
    if chance(draw, 4):
        document["attachments"] = draw(st.lists(st.fixed_dictionaries(
            {"title": text(max_size=40)},
            optional={"body": body(1), "separate": st.booleans()}), max_size=3))
    if chance(draw, 6):
        document["attendance"] = draw(st.fixed_dictionaries({}, optional={
            "present": st.lists(text(max_size=20), max_size=4),
            "absent": st.lists(text(max_size=20), max_size=3)}))
    if chance(draw, 5):
        document["note"] = draw(text(max_size=40))
    if chance(draw, 3):
        document["imprint"] = draw(st.fixed_dictionaries({}, optional={
            "cc": st.lists(text(max_size=20), max_size=draw(st.sampled_from([3, 3, 70]))),
            "printer": text(max_size=30),
            "date": date_value()}))
    if chance(draw, 20):  # a random key somewhere
        key = draw(st.sampled_from(["titel", "bodyy", "x", "版头", "Title", "heading"]))
        document[key] = draw(junk())
    if chance(draw, 40):  # deep nesting of the wrong kind
        value = "底"
        for _ in range(draw(st.integers(5, 200))):
            value = [value] if draw(st.booleans()) else {"body": value}
        document["body"] = [value]
    return document


@st.composite
def yaml_text(draw):
    """The outline as YAML: block or flow style, and now and then a textual mutation."""
    document = draw(outline())
    flow = chance(draw, 6)
    source = yaml.safe_dump(document, allow_unicode=True, sort_keys=False,
                            default_flow_style=flow, width=draw(st.sampled_from([80, 10**6])))
    mutation = draw(st.sampled_from([None] * 27 + [0, 1, 2]))
    if mutation == 0 and source:
        at = draw(st.integers(0, len(source) - 1))
        source = source[:at] + draw(st.sampled_from(
            ["\t", ":", "- ", "&a ", "*a", "!foo ", "!!binary ", "#", "\n  ", "{", "'", '"',
             "\x85", "\u2028", "\r", "\ufeff", "%YAML 1.1\n---\n"])) + source[at:]
    elif mutation == 1 and source:
        lines = source.splitlines(keepends=True)
        at = draw(st.integers(0, len(lines) - 1))
        lines.insert(at, lines[at])  # a repeated line: repeated keys
        source = "".join(lines)
    elif mutation == 2 and source:
        at = draw(st.integers(0, len(source) - 1))
        source = source[:at] + source[at + 1:]
    return source


# ----------------------------------------------------------------------------------------------
# The run


class TookTooLong(BaseException):
    pass


def _alarm(signum, frame):
    raise TookTooLong()


class Fuzz:
    def __init__(self, minutes: float, out: Path, pdf_every: int):
        self.stop_at = time.monotonic() + minutes * 60
        self.out = out
        self.pdf_every = pdf_every
        self.examples = 0
        self.exits: dict[str, Counter] = {t: Counter() for t in ("load", "fmt", "build", "diff")}
        self.failures: Counter = Counter()
        self.seen: dict[tuple, Path] = {}
        self.work = Path(tempfile.mkdtemp(prefix="gongwen-fuzz-"))

    def time_left(self) -> bool:
        return time.monotonic() < self.stop_at

    def fail(self, target: str, kind: str, where: str, source: str, detail: str,
             other: str | None = None) -> None:
        key = (target, kind, where)
        self.failures[key] += 1
        if key in self.seen:
            return
        self.out.mkdir(parents=True, exist_ok=True)
        stem = f"{len(self.seen) + 1:03d}-{target}-{kind}".replace("/", "_")[:80]
        path = self.out / f"{stem}.yaml"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        if other is not None:
            (self.out / f"{stem}.old.yaml").write_text(other, encoding="utf-8",
                                                       errors="surrogatepass")
        (self.out / f"{stem}.txt").write_text(
            f"target: {target}\nkind: {kind}\nwhere: {where}\n\n{detail}\n", encoding="utf-8")
        self.seen[key] = path
        print(f"  new failure: {target}: {kind} at {where} -> {path}", flush=True)

    def timed(self, target, source, call, other=None):
        """Run call() with the per-example limit; (ok, value). Failures are recorded."""
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, EXAMPLE_LIMIT)
        started = time.monotonic()
        try:
            return True, call()
        except TookTooLong:
            self.fail(target, "hang", f">{EXAMPLE_LIMIT}s", source,
                      "".join(traceback.format_stack(limit=8)), other)
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - that is what we look for
            tb = traceback.extract_tb(exc.__traceback__)
            where = f"{Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else "?"
            self.fail(target, type(exc).__name__, where, source, traceback.format_exc(), other)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
            if time.monotonic() - started > EXAMPLE_LIMIT:
                self.fail(target, "slow", f">{EXAMPLE_LIMIT}s", source, "", other)
        return False, None

    def cli(self, target, source, argv, allowed, other=None):
        err = io.StringIO()
        out = io.StringIO()

        def call():
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                try:
                    return main(argv)
                except SystemExit as exc:
                    return exc.code if isinstance(exc.code, int) else 2

        ok, code = self.timed(target, source, call, other)
        if not ok:
            return None
        self.exits[target][code] += 1
        text = err.getvalue()
        if code not in allowed:
            where = "?"
            if "internal error:" in text:
                where = text.split("internal error:", 1)[1].split(";")[0].strip()[:120]
            self.fail(target, f"exit{code}", where, source, text, other)
        elif "Traceback" in text:
            self.fail(target, "traceback", "stderr", source, text, other)
        return code

    # one example through every target
    def run(self, source: str, other_source: str) -> None:
        self.examples += 1
        n = self.examples
        folder = self.work / f"e{n % 8}"
        folder.mkdir(exist_ok=True)
        path = folder / "x.yaml"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")

        # load
        document = None
        try:
            ok, document = self.timed("load", source, lambda: load_text(source, "x.yaml", folder))
            self.exits["load"][0 if ok else "fail"] += 1
        except InputError:
            self.exits["load"][2] += 1

        # fmt: idempotent and meaning-preserving when the input loads
        try:
            ok, formatted = self.timed("fmt", source, lambda: canonical(source, "x.yaml", folder))
            self.exits["fmt"][0 if ok else "fail"] += 1
            if ok and formatted is not None:
                self._check_fmt(source, formatted, folder, document)
        except InputError:
            self.exits["fmt"][2] += 1
            if document is not None:
                self.exits["fmt"]["refused-loadable"] += 1

        # build
        fmt = "docx,pdf" if self.pdf_every and n % self.pdf_every == 0 else "docx"
        out = folder / "out"
        self.cli("build", source, ["build", "-q", "-o", str(out), "--format", fmt, str(path)],
                 {0, 2, 3})
        for leftover in out.glob(".*.tmp") if out.is_dir() else ():
            self.fail("build", "temporary-left", leftover.name, source, "")

        # diff against a mutation of it
        other = folder / "old.yaml"
        other.write_text(other_source, encoding="utf-8", errors="surrogatepass")
        self.cli("diff", source, ["diff", "--color", "never",
                                  "--format", "json" if n % 3 == 0 else "text",
                                  str(other), str(path)], {0, 1, 2}, other=other_source)

    def _check_fmt(self, source, formatted, folder, document):
        try:
            again = canonical(formatted, "x.yaml", folder)
        except InputError as exc:
            self.fail("fmt", "output-refused", "canonical(canonical(x))", source, str(exc))
            return
        except Exception:  # noqa: BLE001
            self.fail("fmt", "output-crash", "canonical(canonical(x))", source,
                      traceback.format_exc())
            return
        if again != formatted:
            self.fail("fmt", "not-idempotent", "canonical", source,
                      f"--- once ---\n{formatted}\n--- twice ---\n{again}")
        if document is not None:
            try:
                reloaded = load_text(formatted, "x.yaml", folder)
            except Exception as exc:  # noqa: BLE001
                self.fail("fmt", "output-does-not-load", type(exc).__name__, source, str(exc))
                return
            if reloaded != document:
                self.fail("fmt", "meaning-changed", "load(fmt(x)) != load(x)", source,
                          f"--- formatted ---\n{formatted}")

    def report(self) -> int:
        print(f"\nexamples: {self.examples}")
        for target, counts in self.exits.items():
            shown = ", ".join(f"{code}: {n}" for code, n in sorted(counts.items(), key=str))
            print(f"  {target:6} {shown}")
        total = sum(self.failures.values())
        print(f"failures: {total} ({len(self.seen)} distinct)")
        for (target, kind, where), count in self.failures.most_common():
            print(f"  {count:5}  {target}: {kind} at {where}  -> {self.seen[(target, kind, where)]}")
        return 1 if total else 0


def mutate_for_diff(source: str, rng: random.Random) -> str:
    """OLD for the diff: the example with some lines dropped, moved or edited."""
    lines = source.splitlines(keepends=True)
    if not lines:
        return "title: 旧\n"
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(lines))
        action = rng.randint(0, 3)
        if action == 0 and len(lines) > 1:
            del lines[at]
        elif action == 1:
            lines.insert(rng.randrange(len(lines) + 1), lines[at])
        elif action == 2:
            lines[at] = lines[at].replace("。", "，", 1).replace("的", "之", 1)
        else:
            rng.shuffle(lines[at:at + 3])
    return "".join(lines)


def run(minutes: float, seed: int, out: Path, pdf_every: int) -> int:
    fuzz = Fuzz(minutes, out, pdf_every)
    rng = random.Random(seed)
    rounds = 0

    class Stop(BaseException):
        pass

    @settings(max_examples=10**9, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
    @given(yaml_text())
    def one(source):
        if not fuzz.time_left():
            raise Stop()
        fuzz.run(source, mutate_for_diff(source, rng))
        if fuzz.examples % 100 == 0:
            print(f"  {fuzz.examples} examples, {sum(fuzz.failures.values())} failures", flush=True)

    while fuzz.time_left():
        rounds += 1
        try:
            hseed(seed + rounds)(one)()
        except Stop:
            break
        except Exception:  # hypothesis itself (a flaky or an unsatisfiable run): next round
            traceback.print_exc()
    return fuzz.report()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pdf-every", type=int, default=5,
                        help="build the PDF too on every Nth example (0: never; default 5)")
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "fuzz",
                        help="where failing inputs are saved (default output/fuzz)")
    return parser


if __name__ == "__main__":
    args = _parser().parse_args()
    os.environ.pop("GONGWEN_DEBUG", None)
    sys.exit(run(args.minutes, args.seed, args.out, args.pdf_every))
