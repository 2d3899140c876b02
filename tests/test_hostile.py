"""Hostile input (issue #9): no traceback, no hang, no half-written build, no silently dropped input.

A corpus of cases, each one row of a table: the files to create (an outline `x.yaml`, style
sheets under `styles/`, anything else), the command line, the exit code expected and a message
fragment. Every case asserts:

- no "Traceback" (and no raw ESC) on stderr, and never exit code 4;
- the exit code (or one of a set of codes where either outcome is acceptable: "builds with
  everything on the page, or a clear exit-2 message");
- the message fragment(s) on stderr (for exit 0/1: on stdout or stderr);
- on exit 2 or 3: the working folder (the inputs, the output folder with the old outputs it
  held) is byte for byte what it was before; on exit 0: the inputs are unchanged (except the
  file `fmt` rewrites);
- it finishes within TIME_LIMIT seconds (a SIGALRM interrupts a hang).

Commands run in-process through `render.cli.main(argv)`; a few cases need a real process
(stdout on /dev/full or closed, a FIFO, a signal) and are in the second table.

The fragments are what the lead aligns with the final messages: they are kept in the tables,
in the column after the exit code.

Class of each case, by id prefix: tb- (a traceback today), hang- (hangs and blow-ups),
half- (half-done work), silent- (wrong input accepted in silence), msg- (unclear messages).
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from render.cli import main

TIME_LIMIT = 10  # seconds, per case

# A real TrueType file (cut short or copied for the --font cases).
REAL_TTF = next(
    (p for p in (Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
                 *sorted(Path("/usr/share/fonts").rglob("*.ttf"))) if p.is_file()), None)

# --------------------------------------------------------------------------------------------
# Outline builder: a valid outline (every element), one part replaced by the faulty text.
# Keys keep their lines: style 1, title 2, issuers 3-4, date 5, addressee 6, body 7-…

PARTS = {
    "style": " gbt9704",
    "header": None,
    "title": " 青岛市工业和信息化局关于开展测试工作的通知",
    "subtitle": None,
    "issuers": "\n  - 青岛市工业和信息化局",
    "date": " 2023-03-01",
    "seal": None,
    "addressee": " 各区、市工业和信息化主管部门",
    "body": ("\n  - |-\n    为做好测试工作，现将有关事项通知如下。"
             "\n  - heading: 工作要求\n    body:\n      - |-\n        各单位认真落实。"
             "\n      - lead: 加强组织领导。\n        text: |-\n          明确责任分工。"),
    "attachments": "\n  - title: 测试单位名单\n    body:\n      - |-\n        名单内容。",
    "note": None,
    "imprint": "\n  cc:\n    - 市政府办公厅\n  printer: 青岛市工业和信息化局办公室\n  date: 2023-03-01",
}


def doc(**parts) -> str:
    """The valid outline with some top-level values replaced (raw YAML after `key:`; None
    drops the key). `extra=` appends raw lines."""
    extra = parts.pop("extra", "")
    merged = {**PARTS, **parts}
    return "".join(f"{key}:{value}\n" for key, value in merged.items() if value is not None) + extra


VALID = doc()
HEADER = ("\n  copy_number: \"1\"\n  urgency: 特急\n  doc_number: 青工信发〔2023〕12号")


def style_sheet(body: str) -> str:
    return "extends: gbt9704\n" + body


# --------------------------------------------------------------------------------------------
# Command lines. Paths are relative to the case's folder (the working directory).

CHECK = ["check", "x.yaml"]
DOCX = ["build", "-q", "-o", "out", "--format", "docx", "x.yaml"]
PDF = ["build", "-q", "-o", "out", "--format", "pdf", "x.yaml"]
ALL = ["build", "-q", "-o", "out", "x.yaml"]
FMT = ["fmt", "x.yaml"]
FMT_CHECK = ["fmt", "--check", "x.yaml"]
DIFF = ["diff", "--color", "never", "old.yaml", "x.yaml"]
DIFF_DOCX = ["diff", "--color", "never", "--docx", "out/r.docx", "old.yaml", "x.yaml"]
DIFF_PDF = ["diff", "--color", "never", "--pdf", "out/r.pdf", "old.yaml", "x.yaml"]
DIFF_BOTH = ["diff", "--color", "never", "--docx", "out/r.docx", "--pdf", "out/r.pdf",
             "old.yaml", "x.yaml"]


@dataclass
class Case:
    id: str
    outline: str | bytes | None  # x.yaml (None: no x.yaml)
    argv: list[str]
    code: int | frozenset  # expected exit code, or the acceptable ones
    fragments: tuple[str, ...]  # each must appear (stderr; for exit 0/1 stdout or stderr)
    files: dict = field(default_factory=dict)  # other files: path -> str | bytes | DIR | (LINK, target)
    absent: tuple[str, ...] = ()  # must not appear on stderr
    inpage: bool = False  # exit 0 with a PDF: every character inside the page
    setup: object = None  # callable(folder) for what files cannot express
    after: object = None  # callable(folder, result) with extra assertions
    # a batch writes its good documents whatever the others' problems: these outputs (and the
    # build manifest) are written on exit 2 or 3, everything else stays as it was
    written: tuple[str, ...] = ()


DIR = object()  # files: an empty folder
LINK = "symlink"  # files: (LINK, target)
EITHER = frozenset({0, 2})


def case(id, outline, argv, code, fragments, **kw) -> Case:
    if isinstance(fragments, str):
        fragments = (fragments,)
    if isinstance(code, (set, frozenset)):
        code = frozenset(code)
    return Case(id, outline, list(argv), code, tuple(fragments), **kw)


CASES: list[Case] = []


def add(*args, **kw):
    CASES.append(case(*args, **kw))


# ============================================================================================
# tb-: tracebacks today
# --------------------------------------------------------------------------------------------
# A date without issuers (the 署名 has nobody to name): exit 2 naming `issuers`, or a build.
for name, issuers in (("none", None), ("empty", " []")):
    outline = doc(style=" material", issuers=issuers)  # material: no 版头 to name anyone
    for command, argv in (("check", CHECK), ("docx", DOCX), ("pdf", PDF), ("all", ALL),
                          ("diff-docx", DIFF_DOCX), ("diff-pdf", DIFF_PDF)):
        code = EITHER if not command.startswith("diff") else frozenset({1, 2})
        add(f"tb-date-without-issuers-{name}-{command}", outline, argv, code, "issuers",
            files={"old.yaml": VALID})
add("tb-date-without-issuers-fmt", doc(issuers=None), FMT, EITHER, ())

# Control characters, as YAML escapes, in every kind of text.
CONTROLS = {
    "nul": ("\\0", "U+0000"),
    "bel": ("\\a", "U+0007"),
    "vt": ("\\v", "U+000B"),
    "esc": ("\\e", "U+001B"),
    "nel": ("\\N", "U+0085"),
    "ls": ("\\L", "U+2028"),
    "ps": ("\\P", "U+2029"),
    "uffff": ("\\uFFFF", "U+FFFF"),
    "cr": ("\\r", "U+000D"),
    "bs": ("\\b", "U+0008"),
    "ff": ("\\f", "U+000C"),
    "del": ("\\x7F", "U+007F"),
}


def _in(place: str, value: str) -> str:
    """The outline with `value` (YAML escapes allowed; it ends with 。) in `place`, the rest of
    that value valid for its element."""
    if place == "attachment-title":  # an attachment's name ends without punctuation
        value = value.rstrip("。")
    if place == "doc-number":  # a valid 发文字号 around the character
        value = value.replace("测试", "青工信").replace("正文。", "发〔2023〕12号")
    quoted = f'"{value}"'
    return {
        "title": lambda: doc(title=f" {quoted}"),
        "subtitle": lambda: doc(subtitle=f" {quoted}"),
        "paragraph": lambda: doc(body=f"\n  - {quoted}"),
        "heading": lambda: doc(body=f"\n  - heading: {quoted}\n    body:\n      - 正文。"),
        "lead": lambda: doc(body=f"\n  - lead: {quoted}\n    text: 正文。"),
        "issuer": lambda: doc(issuers=f"\n  - {quoted}"),
        "addressee": lambda: doc(addressee=f" {quoted}"),
        "cc": lambda: doc(imprint=f"\n  cc:\n    - {quoted}\n  printer: 办公室\n  date: 2023-03-01"),
        "printer": lambda: doc(imprint=f"\n  cc:\n    - 市政府办公厅\n  printer: {quoted}"),
        "attachment-title": lambda: doc(attachments=f"\n  - title: {quoted}\n    body:\n      - 内容。"),
        "note": lambda: doc(note=f" {quoted}"),
        "doc-number": lambda: doc(header=f"\n  doc_number: {quoted}"),
    }[place]()


PLACES = ("title", "subtitle", "paragraph", "heading", "lead", "issuer", "addressee", "cc",
          "printer", "attachment-title", "note", "doc-number")

# every control in the title and a paragraph, through check
for ctl, (escape, codepoint) in CONTROLS.items():
    for place in ("title", "paragraph"):
        add(f"tb-control-{ctl}-{place}-check", _in(place, f"测试{escape}正文。"), CHECK, 2, codepoint)
# NUL (the probe's traceback) and NEL/LS in every place, through build
for ctl in ("nul", "nel", "ls"):
    escape, codepoint = CONTROLS[ctl]
    for place in PLACES:
        add(f"tb-control-{ctl}-{place}-docx", _in(place, f"测试{escape}正文。"), DOCX, 2, codepoint)
# the others in the elements the probe crashed on, through build (both formats)
for ctl in ("bel", "vt", "esc", "ps", "uffff", "cr"):
    escape, codepoint = CONTROLS[ctl]
    for place in ("heading", "issuer", "cc", "attachment-title"):
        add(f"tb-control-{ctl}-{place}-all", _in(place, f"测试{escape}正文。"), ALL, 2, codepoint)
# through fmt (nothing rewritten) and diff (both sides reported)
for ctl in ("nul", "nel", "ls", "ps", "cr", "esc"):
    escape, codepoint = CONTROLS[ctl]
    add(f"tb-control-{ctl}-fmt", _in("paragraph", f"测试{escape}正文。"), FMT, 2, codepoint)
    add(f"tb-control-{ctl}-fmt-check", _in("title", f"测试{escape}正文。"), FMT_CHECK, 2, codepoint)
    add(f"tb-control-{ctl}-diff", _in("paragraph", f"测试{escape}正文。"), DIFF, 2, codepoint,
        files={"old.yaml": VALID})
# a literal NEL / LS / PS / CR in the file (not an escape) inside a block scalar
for ctl, char in (("nel", "\x85"), ("ls", "\u2028"), ("ps", "\u2029")):
    add(f"tb-raw-{ctl}-in-block-fmt", doc(body=f"\n  - |-\n    测试{char}正文。"), FMT, 2,
        CONTROLS[ctl][1])
    add(f"tb-raw-{ctl}-in-block-docx", doc(body=f"\n  - |-\n    测试{char}正文。"), DOCX, 2,
        CONTROLS[ctl][1])
add("tb-raw-cr-in-plain-value-fmt", doc(title=" 测试\r正文").encode(), FMT, EITHER, ())

# Long values: the .docx core properties hold at most 255 characters.
add("tb-title-300-docx", doc(title=" " + "关于" * 150), DOCX, EITHER, "title")
add("tb-title-list-300-docx", doc(title="\n  - " + "关" * 150 + "\n  - " + "于" * 150), DOCX,
    EITHER, "title")
add("tb-issuer-300-docx", doc(issuers="\n  - " + "局" * 300), DOCX, EITHER, "issuers")
add("tb-subtitle-300-docx", doc(subtitle=" " + "副" * 300), DOCX, EITHER, "subtitle")

# Style values.
STYLED = doc(style=" custom")
BAD_STYLES = {
    "non-utf8": (b"extends: gbt9704\nname: \xff\xfe\xb2\n", "UTF-8"),
    "size-0pt": (style_sheet("elements:\n  body: {size: 0pt}\n"), "size"),
    "title-size-0": (style_sheet("elements:\n  title: {size: 0pt}\n"), "size"),
    "page-width-0": (style_sheet("page: {width: 0mm}\n"), "width"),
    "page-height-0": (style_sheet("page: {height: 0mm}\n"), "height"),
    "margins-wider-than-page": (style_sheet("page: {margin_left: 120mm, margin_right: 100mm}\n"),
                                "margin"),
    "margins-taller-than-page": (style_sheet("page: {margin_top: 150mm, margin_bottom: 150mm}\n"),
                                 "margin"),
    "indent-nan": (style_sheet("elements:\n  body: {indent: .nan}\n"), "indent"),
    "indent-inf": (style_sheet("elements:\n  body: {indent: .inf}\n"), "indent"),
    "indent-minus-inf": (style_sheet("elements:\n  body: {indent: -.inf}\n"), "indent"),
    "lines-before-nan": (style_sheet("elements:\n  title: {lines_before: .nan}\n"), "lines_before"),
    "grid-lines-0": (style_sheet("grid: {lines: 0}\n"), "lines"),
    "grid-chars-0": (style_sheet("grid: {chars: 0}\n"), "chars"),
    "line-width-nan": (style_sheet("elements:\n  rule: {line_width: .nan}\n"), "line_width"),
    "size-huge": (style_sheet("elements:\n  body: {size: 100000pt}\n"), "size"),
}
for name, (text, fragment) in BAD_STYLES.items():
    add(f"tb-style-{name}-docx", STYLED, DOCX, 2, fragment, files={"styles/custom.yaml": text})
for name in ("size-0pt", "page-width-0", "margins-wider-than-page", "indent-nan", "indent-inf",
             "grid-chars-0"):
    text, fragment = BAD_STYLES[name]
    add(f"tb-style-{name}-pdf", STYLED, PDF, 2, fragment, files={"styles/custom.yaml": text})
    add(f"tb-style-{name}-check", STYLED, CHECK, 2, fragment, files={"styles/custom.yaml": text})


# --font ROLE=FILE that is no usable font.
def _truncated_ttf(folder: Path) -> None:
    if REAL_TTF is None:
        pytest.skip("no TrueType file under /usr/share/fonts to cut")
    data = REAL_TTF.read_bytes()
    (folder / "cut.ttf").write_bytes(data[: len(data) // 3])
    (folder / "head.ttf").write_bytes(data[:100])


FONT_CASES = {
    "not-a-font": ("fangsong=notes.ttf", {"notes.ttf": "这不是字体文件。\n"}, None, "notes.ttf"),
    "truncated": ("fangsong=cut.ttf", {}, _truncated_ttf, "cut.ttf"),
    "header-only": ("heiti=head.ttf", {}, _truncated_ttf, "head.ttf"),
    "empty-file": ("kaiti=empty.ttf", {"empty.ttf": b""}, None, "empty.ttf"),
    "folder": ("songti=fonts", {"fonts": DIR}, None, "fonts"),
    "missing": ("fangsong=missing.ttf", {}, None, "missing.ttf"),
    "dev-zero": ("fangsong=/dev/zero", {}, None, "/dev/zero"),
    "unknown-role": ("kongti=x.ttf", {}, None, "kongti"),
    "no-file": ("fangsong=", {}, None, "--font"),
    "no-equals": ("fangsong", {}, None, "--font"),
    "yaml-as-font": ("fangsong=x.yaml", {}, None, "x.yaml"),
}
for name, (spec, files, setup, fragment) in FONT_CASES.items():
    add(f"tb-font-{name}", VALID, ["build", "-q", "-o", "out", "--font", spec, "x.yaml"], 2,
        ("--font", fragment), files=files, setup=setup)

# Output errors: exit 3, `gongwen: path: reason`, nothing written.
add("tb-output-is-a-file", VALID, DOCX, 3, "out", files={"out": "a file, not a folder\n"})
add("tb-output-under-a-file", VALID, ["build", "-q", "-o", "f/sub", "--format", "docx", "x.yaml"],
    3, "f", files={"f": "a file\n"})
# Tests run as root, where chmod 0o555 does not stop writes: /proc refuses every new entry.
add("tb-output-in-proc", VALID, ["build", "-q", "-o", "/proc/gongwen-test", "x.yaml"], 3,
    "/proc/gongwen-test")
add("tb-output-in-sys", VALID, ["build", "-q", "-o", "/sys/gongwen-test", "--format", "docx",
                                "x.yaml"], 3, "/sys/gongwen-test")
add("tb-output-dev-full", VALID, ["build", "-q", "-o", "/dev/full", "--format", "docx", "x.yaml"],
    3, "/dev/full")
add("tb-docx-target-is-folder", VALID, DOCX, 3, "x.docx", files={"out/x.docx": DIR})
add("tb-docx-target-is-folder-all", VALID, ALL, 3, "x.docx", files={"out/x.docx": DIR})
add("tb-diff-docx-target-is-folder", VALID.replace("正文", "正文内容"), DIFF_DOCX, 3, "r.docx",
    files={"old.yaml": VALID, "out/r.docx": DIR})
add("tb-diff-pdf-in-proc", VALID.replace("正文", "正文内容"),
    ["diff", "--pdf", "/proc/gongwen-test/r.pdf", "old.yaml", "x.yaml"], 3, "/proc/gongwen-test",
    files={"old.yaml": VALID})
add("tb-diff-docx-under-a-file", VALID.replace("正文", "正文内容"),
    ["diff", "--docx", "f/r.docx", "old.yaml", "x.yaml"], 3, "f", files={"old.yaml": VALID,
                                                                        "f": "a file\n"})
add("tb-input-is-folder", None, CHECK, 2, ("x.yaml", "folder"), files={"x.yaml": DIR})
add("tb-input-missing", None, CHECK, 2, "x.yaml")
add("tb-input-missing-build", None, DOCX, 2, "x.yaml")
add("tb-input-missing-fmt", None, FMT, 2, "x.yaml")
add("tb-diff-side-missing", VALID, DIFF, 2, "old.yaml")
add("tb-style-missing-option", VALID, ["build", "-q", "-o", "out", "--style", "nosuch", "x.yaml"],
    2, "nosuch")
add("tb-style-option-dev-zero", VALID, ["build", "-q", "-o", "out", "--style", "/dev/zero",
                                        "x.yaml"], 2, "/dev/zero")
add("tb-style-is-folder", doc(style=" styles/custom.yaml"), CHECK, 2, "custom.yaml",
    files={"styles/custom.yaml": DIR})
add("tb-binary-outline", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), CHECK, 2,
    "UTF-8")
add("tb-utf16-outline", VALID.encode("utf-16"), CHECK, 2, "UTF-8")
add("tb-lone-surrogate-escape", doc(title=' "测试\\uD800正文"'), CHECK, 2, "x.yaml:2:")
add("tb-lone-surrogate-escape-docx", doc(body='\n  - "测试\\uDFFF正文。"'), DOCX, 2, "x.yaml:8:")

# ============================================================================================
# hang-: hangs and blow-ups (each must finish within TIME_LIMIT)
LONG_TITLE = "关于" + "进一步加强和改进工业和信息化领域" * 6 + "工作的通知"
LONG_TITLE = (LONG_TITLE * 2)[:110]
add("hang-title-110-one-line-pdf", doc(title=" " + LONG_TITLE), PDF, EITHER, "title", inpage=True)
add("hang-title-110-one-line-docx", doc(title=" " + LONG_TITLE), DOCX, EITHER, "title")
add("hang-title-110-no-break-points-pdf", doc(title=" " + "关" * 110), PDF, EITHER, "title",
    inpage=True)
add("hang-title-latin-110-pdf", doc(title=" " + "A" * 110), PDF, EITHER, "title", inpage=True)
add("hang-attachment-title-110-pdf",
    doc(attachments=f"\n  - title: {LONG_TITLE}\n    body:\n      - 内容。"), PDF, EITHER,
    "title", inpage=True)
add("hang-subtitle-110-pdf", doc(subtitle=" " + LONG_TITLE), PDF, EITHER, "subtitle", inpage=True)
add("hang-heading-300-pdf",
    doc(body="\n  - heading: " + "加强" * 150 + "\n    body:\n      - 正文。"), PDF, EITHER,
    "heading", inpage=True)
add("hang-number-2000-digits-pdf", doc(body="\n  - 编号" + "1" * 2000 + "。"), PDF, EITHER,
    "paragraph", inpage=True)
add("hang-latin-word-2000-pdf", doc(body="\n  - 网址" + "a" * 2000 + "。"), PDF, EITHER,
    "paragraph", inpage=True)
add("hang-dashes-1000-pdf", doc(body="\n  - 说明" + "——" * 500 + "。"), PDF, EITHER,
    "paragraph", inpage=True)
add("hang-opening-marks-500-pdf", doc(body="\n  - 说明" + "“" * 500 + "。"), PDF, EITHER,
    "paragraph", inpage=True)
add("hang-20000-paragraphs-docx",
    doc(body="".join(f"\n  - 第{i}段。" for i in range(20000))), DOCX, 0, ())
add("hang-check-dev-zero", None, ["check", "/dev/zero"], 2, "not a regular file")
add("hang-build-dev-zero", None, ["build", "-o", "out", "/dev/zero"], 2, "not a regular file")
add("hang-fmt-dev-zero", None, ["fmt", "/dev/zero"], 2, "not a regular file")
add("hang-diff-dev-zero", VALID, ["diff", "/dev/zero", "x.yaml"], 2, "not a regular file")
add("hang-check-dev-stdin-like", None, ["check", "/dev/null"], 2, "not a regular file")
add("hang-just-over-2mib", "title: 测试\nbody:\n" + "  - 正文。\n" * (2 * 1024 * 1024 // 11 + 10),
    CHECK, 2, "limited")
add("hang-just-over-2mib-fmt", "title: 测试\nbody:\n" + "  - 正文。\n" * (2 * 1024 * 1024 // 11 + 10),
    FMT, 2, "limited")
add("hang-deep-yaml-lists", "title: 测试\nbody: " + "[" * 5000 + "]" * 5000 + "\n", CHECK, 2,
    "x.yaml:2:")
add("hang-deep-yaml-maps", "title: 测试\nbody:\n  - " + "{a: " * 3000 + "b" + "}" * 3000 + "\n",
    CHECK, 2, "x.yaml:3:")
add("hang-deep-block-maps", "title: 测试\nheader:\n" + "".join(
    " " * (2 * i + 2) + f"k{i}:\n" for i in range(400)), CHECK, 2, "x.yaml:")
add("hang-many-keys", "title: 测试\n" + "".join(f"k{i}: v\n" for i in range(20000)), CHECK, 2,
    "unknown key")
add("hang-sections-deep-and-wide", doc(body="".join(
    f"\n  - heading: 第{i}部分\n    body:\n      - heading: 子项\n        body:\n"
    f"          - heading: 细项\n            body:\n              - 正文。" for i in range(300))),
    DOCX, 0, ())

# ============================================================================================
# half-: half-done work
add("half-pdf-target-is-folder", VALID, ALL, 3, "x.pdf", files={"out/x.pdf": DIR},
    after=lambda d, r: _no_temporaries(d / "out"))
add("half-pdf-target-is-folder-fresh-docx", VALID, ALL, 3, "x.pdf",
    files={"out/x.pdf": DIR, "out/x.docx": None},
    after=lambda d, r: (not (d / "out/x.docx").exists()) or pytest.fail("x.docx written"))
add("half-second-docx-target-is-folder", VALID, ["build", "-q", "-o", "out", "--format", "docx",
                                                 "x.yaml", "y.yaml"], 3, "y.docx",
    files={"y.yaml": VALID, "out/y.docx": DIR}, written=("out/x.docx",))
add("half-stale-temporaries-removed", VALID, DOCX, 0, (),
    files={"out/.x.docx.12345.tmp": b"half a docx", "out/.x.pdf.12345.tmp": b"half a pdf",
           "out/.other.docx.1.tmp": b"someone else's"},
    after=lambda d, r: _stale_removed(d / "out"))
add("half-same-stem-two-folders", None, ["build", "-q", "-o", "out", "a/x.yaml", "b/x.yaml"], 2,
    ("a/x.yaml", "b/x.yaml"), files={"a/x.yaml": VALID, "b/x.yaml": VALID})
add("half-same-stem-same-file-twice", VALID, ["build", "-q", "-o", "out", "x.yaml", "./x.yaml"],
    EITHER, "x.yaml")
add("half-output-equals-input", None, ["build", "-q", "-o", ".", "--format", "docx", "x.docx"], 2,
    "x.docx", files={"x.docx": VALID})
add("half-output-equals-input-pdf", None, ["build", "-q", "-o", ".", "x.pdf"], 2, "x.pdf",
    files={"x.pdf": VALID})
# a style sheet may be named by path with any suffix: building over it is refused too
add("half-output-equals-style", VALID.replace(" gbt9704", " ./x.docx"),
    ["build", "-q", "-o", ".", "--format", "docx", "x.yaml"], 2, "style sheet",
    files={"x.docx": style_sheet("")})
add("half-diff-new-bad-writes-nothing", doc(seal=" maybe"), DIFF_BOTH, 2, "seal",
    files={"old.yaml": VALID})
add("half-diff-old-bad-writes-nothing", VALID, DIFF_BOTH, 2, "seal",
    files={"old.yaml": doc(seal=" maybe")})
add("half-diff-pdf-unwritable-writes-no-docx", VALID.replace("正文", "正文内容"),
    ["diff", "--docx", "out/r.docx", "--pdf", "/proc/gongwen-test/r.pdf", "old.yaml", "x.yaml"],
    3, "/proc/gongwen-test", files={"old.yaml": VALID})
add("half-diff-pdf-target-folder-writes-no-docx", VALID.replace("正文", "正文内容"), DIFF_BOTH, 3,
    "r.pdf", files={"old.yaml": VALID, "out/r.pdf": DIR})
add("half-diff-bad-date-writes-nothing", VALID.replace("正文", "正文内容"),
    DIFF_BOTH[:3] + ["--date", "2023-13-01"] + DIFF_BOTH[3:], 2, "--date",
    files={"old.yaml": VALID})
add("half-diff-docx-equals-input", VALID.replace("正文", "正文内容"),
    ["diff", "--docx", "x.yaml", "old.yaml", "x.yaml"], 2, "x.yaml", files={"old.yaml": VALID})
add("half-diff-docx-and-pdf-same-path", VALID.replace("正文", "正文内容"),
    ["diff", "--docx", "out/r", "--pdf", "out/r", "old.yaml", "x.yaml"], 2, "out/r",
    files={"old.yaml": VALID})
add("half-build-one-bad-of-two", VALID, ["build", "-q", "-o", "out", "x.yaml", "y.yaml"], 2,
    "y.yaml", files={"y.yaml": doc(seal=" maybe")}, written=("out/x.docx", "out/x.pdf"))
add("half-build-one-glyph-missing-of-two", VALID, ["build", "-q", "-o", "out", "x.yaml",
                                                   "y.yaml"], 2, "y.yaml",
    files={"y.yaml": doc(title=" 测试\U00030EDE通知")}, written=("out/x.docx", "out/x.pdf"))
add("half-fmt-one-bad-of-two", "title:   测试\nissuers: [青岛市工业和信息化局]\n",
    ["fmt", "x.yaml", "y.yaml"], 2, "y.yaml", files={"y.yaml": doc(seal=" maybe")})
add("half-fmt-comment-refused", "# 注释\n" + VALID, FMT, 2, "comment")
add("half-fmt-symlink-keeps-link", None, ["fmt", "link.yaml"], 0, (),
    files={"real.yaml": "title:   测试通知\nissuers: [青岛市工业和信息化局]\n",
           "link.yaml": (LINK, "real.yaml")},
    after=lambda d, r: _link_kept(d))
add("half-fmt-symlink-to-other-folder", None, ["fmt", "a/link.yaml"], 0, (),
    files={"b/real.yaml": "title:   测试通知\n", "a/link.yaml": (LINK, "../b/real.yaml")},
    after=lambda d, r: _link_kept(d, "a/link.yaml", "b/real.yaml"))
add("half-fmt-2mib-growth", "{title: 测试, body: [" + ", ".join(
    ["一。二。三。四。五。六。"] * 50000) + "]}\n", FMT, EITHER, "limit",
    after=lambda d, r: _within_limit_and_loads(d / "x.yaml"))
# found by benchmarks/fuzz.py: fmt writes NEL raw, YAML reads it back as a line break (exit 4
# "canonical form would change the document"); an empty mapping comes back as null, reported
# at a line of fmt's own output
# found by benchmarks/fuzz.py: a tab after a flow value, which libyaml reads and PyYAML's own
# scanner (once used by fmt to find comments) refuses: an internal error in fmt
add("tb-fmt-tab-after-flow-value", "title: 测试\nissuers: []\t\nbody:\n  - 正文。\n", FMT_CHECK, 1,
    "x.yaml")
add("tb-fmt-nel-cr-heading", "title: 测试\nbody:\n  - heading: \"测\\N\\r试\"\n    body:\n      - 正文。\n",
    FMT, 2, ("x.yaml:3:", "U+0085"))
for key in ("imprint", "header", "attendance"):
    add(f"half-fmt-empty-{key}-mapping", f"title: 测试\n{key}: {{}}\n", FMT, EITHER, "x.yaml:2:",
        after=lambda d, r: _within_limit_and_loads(d / "x.yaml"))
add("half-fmt-check-writes-nothing", "title:   测试\n", FMT_CHECK, 1, "x.yaml")

# ============================================================================================
# silent-: wrong input accepted in silence
TAGS = {
    "python-apply": '!!python/object/apply:os.system ["true"]',
    "python-name": "!!python/name:os.system",
    "binary": "!!binary 5rWL6K+V",
    "custom": "!foo 测试",
    "str": "!!str 测试",
    "verbatim": "!<tag:yaml.org,2002:str> 测试",
    "int": "!!int 5",
}
for name, value in TAGS.items():
    add(f"silent-tag-{name}-title", doc(title=" " + value), CHECK, 2, ("x.yaml:2:", "tag"))
add("silent-tag-paragraph", doc(body="\n  - !foo 正文。"), CHECK, 2, ("x.yaml:8:", "tag"))
add("silent-tag-mapping", doc(header=" !!map\n  urgency: 特急"), CHECK, 2, ("x.yaml:2:", "tag"))
add("silent-tag-seq", doc(issuers=" !!seq\n  - 青岛市工业和信息化局"), CHECK, 2, ("x.yaml:3:", "tag"))
add("silent-tag-python-docx", doc(title=' !!python/object/apply:os.system ["true"]'), DOCX, 2,
    ("x.yaml:2:", "tag"))
add("silent-tag-fmt", doc(title=" !!str 测试"), FMT, 2, ("x.yaml:2:", "tag"))
add("silent-tag-in-style", STYLED, DOCX, 2, ("custom.yaml:2:", "tag"),
    files={"styles/custom.yaml": style_sheet("name: !!python/name:os.system\n")})

SILENT_STYLES = {
    "repeated-key": (style_sheet("page: {width: 210mm}\npage: {height: 297mm}\n"), "repeated"),
    "repeated-nested-key": (style_sheet("elements:\n  body: {size: 三号, size: 四号}\n"),
                            "repeated"),
    "size-negative": (style_sheet("elements:\n  body: {size: -16pt}\n"), "size"),
    "grid-lines-100000": (style_sheet("grid: {lines: 100000}\n"), "lines"),
    "grid-chars-100000": (style_sheet("grid: {chars: 100000}\n"), "chars"),
    "heading-number-unknown-field": (style_sheet('headings:\n  1: {number: "{foo}、"}\n'), "{foo}"),
    "heading-number-bad-format": (style_sheet('headings:\n  1: {number: "{cn、"}\n'), "number"),
    "heading-number-attribute": (style_sheet('headings:\n  1: {number: "{cn.__class__}、"}\n'),
                                 "number"),
    "margins-200mm": (style_sheet("page: {margin_top: 200mm}\n"), "margin"),
    "margin-negative": (style_sheet("page: {margin_left: -10mm}\n"), "margin"),
    "unknown-key": (style_sheet("elemnts:\n  body: {size: 三号}\n"), "elemnts"),
    "unknown-element": (style_sheet("elements:\n  bdy: {size: 三号}\n"), "bdy"),
    "unknown-unit": (style_sheet("elements:\n  body: {size: 16px}\n"), "16px"),
    "bad-color": (style_sheet("elements:\n  mark: {color: 紫红}\n"), "紫红"),
    "extends-itself": ("extends: custom\n", "loop"),
    "extends-missing": ("extends: nosuch\n", "nosuch"),
    "alias": (style_sheet("page: &p {width: 210mm}\ngrid: *p\n"), "alias"),
    "list-not-mapping": ("- extends\n- gbt9704\n", "custom.yaml"),
}
for name, (text, fragment) in SILENT_STYLES.items():
    add(f"silent-style-{name}", STYLED, DOCX, 2, fragment, files={"styles/custom.yaml": text})

add("silent-zwsp-title", doc(title=' "\\u200B"'), CHECK, 2, "title")
add("silent-zwsp-paragraph", doc(body='\n  - "\\u200B\\u200B"'), CHECK, 2, "paragraph")
add("silent-ideographic-space-title", doc(title=' "\\u3000\\u3000"'), CHECK, 2, "title")
add("silent-bom-only-heading", doc(body='\n  - heading: "\\uFEFF"\n    body:\n      - 正文。'),
    CHECK, 2, "heading")
add("silent-space-only-issuer", doc(issuers='\n  - "  "'), CHECK, 2, "issuers")
add("silent-empty-issuer", doc(issuers=' [""]'), CHECK, 2, "issuers")
add("silent-empty-issuer-docx", doc(issuers=' [""]'), DOCX, 2, "issuers")
add("silent-empty-attachment-title", doc(attachments='\n  - title: ""\n    body:\n      - 内容。'),
    CHECK, 2, "title")
add("silent-empty-cc", doc(imprint='\n  cc: [""]\n  printer: 办公室'), CHECK, 2, "cc")
add("silent-empty-cc-among-others", doc(imprint='\n  cc: [市政府办公厅, "", 市委办公厅]'), CHECK, 2,
    "cc")
add("silent-empty-printer", doc(imprint='\n  cc: [市政府办公厅]\n  printer: ""'), CHECK, 2, "printer")
add("silent-empty-addressee", doc(addressee=' ""'), CHECK, 2, "addressee")
add("silent-empty-header-issuer", doc(header='\n  issuers: [""]'), CHECK, 2, "issuers")
add("silent-empty-lead", doc(body='\n  - lead: ""\n    text: 正文。'), CHECK, 2, "lead")
add("silent-separate-with-body",
    doc(attachments="\n  - title: 名单\n    separate: true\n    body:\n      - 内容。"), CHECK, 2,
    "separate")
add("silent-copy-number-fullwidth", doc(header='\n  copy_number: "１２３"'), CHECK, 2, "copy_number")
add("silent-copy-number-arabic-indic", doc(header='\n  copy_number: "١٢٣"'), CHECK, 2,
    "copy_number")
add("silent-doc-number-fullwidth-digits", doc(header="\n  doc_number: 青工信发〔２０２３〕５号"), CHECK,
    2, "doc_number")
add("silent-date-not-padded", doc(date=" 2023-3-1"), CHECK, 2, "date")
add("silent-date-quoted-not-padded", doc(date=' "2023-3-1"'), CHECK, 2, "date")
add("silent-date-with-time", doc(date=" 2023-03-01 10:00:00"), CHECK, 2, "date")
add("silent-date-integer", doc(date=" 20230301"), CHECK, 2, "date")
add("silent-imprint-date-not-padded", doc(imprint="\n  cc: [市政府办公厅]\n  date: 2023-3-1"),
    CHECK, 2, "date")
add("silent-date-fullwidth", doc(date=' "２０２３-０３-０１"'), CHECK, 2, "date")

# Content that does not fit: a build with everything inside the page, or exit 2 naming it.
add("silent-cc-60-entries", doc(imprint="\n  cc:" + "".join(
    f"\n    - 第{i}区工业和信息化主管部门" for i in range(60)) + "\n  printer: 办公室\n  date: 2023-03-01"),
    PDF, EITHER, "抄送", inpage=True)
add("silent-cc-one-very-long", doc(imprint="\n  cc:\n    - " + "市政府办公厅" * 30), PDF, EITHER,
    "cc", inpage=True)
add("silent-issuer-27-chars", doc(issuers="\n  - " + "青岛市工业和信息化局" * 3), PDF, EITHER,
    "issuers", inpage=True)
add("silent-issuer-40-chars-docx", doc(issuers="\n  - " + "青岛市工业和信息化局" * 4), DOCX, EITHER,
    "issuers")
add("silent-12-joint-issuers", doc(issuers="".join(f"\n  - 第{i}工业和信息化局" for i in range(12))),
    PDF, EITHER, "issuers", inpage=True)
add("silent-12-joint-header-issuers", doc(header="\n  issuers:" + "".join(
    f"\n    - 第{i}工业和信息化局" for i in range(12))), PDF, EITHER, "issuers", inpage=True)
add("silent-printer-very-long", doc(imprint="\n  printer: " + "青岛市工业和信息化局办公室" * 5
                                    + "\n  date: 2023-03-01"), PDF, EITHER, "印发机关", inpage=True)
add("silent-doc-number-long", doc(header="\n  doc_number: " + "青工信发" * 12 + "〔2023〕12号"), PDF,
    EITHER, "doc_number", inpage=True)
add("silent-addressee-long", doc(addressee=" " + "各区、市工业和信息化主管部门，" * 20), PDF, EITHER,
    "addressee", inpage=True)

# `gongwen diff` prints escaped text; an option-like REV is not passed to git.
add("silent-diff-esc-escaped", doc(body='\n  - "正文\\e[31m红色\\e[0m。"'), DIFF, frozenset({1, 2}),
    (), files={"old.yaml": VALID}, after=lambda d, r: _no_raw_esc(r))
add("silent-diff-json-esc", doc(body='\n  - "正文\\e]0;title\\a。"'),
    ["diff", "--format", "json", "old.yaml", "x.yaml"], frozenset({1, 2}), (),
    files={"old.yaml": VALID}, after=lambda d, r: _no_raw_esc(r))
add("silent-diff-rev-option-like", VALID, ["diff", "--", "--output=pwned:x.yaml", "x.yaml"], 2,
    "--output=pwned", setup=lambda d: _git_repo(d),
    after=lambda d, r: (d / "pwned:x.yaml").exists() and pytest.fail("git wrote a file"))
add("silent-diff-rev-dash-p", VALID, ["diff", "--", "-p:x.yaml", "x.yaml"], 2, "-p",
    setup=lambda d: _git_repo(d))
add("silent-diff-rev-exec", VALID, ["diff", "--", "--exec=touch pwned:x.yaml", "x.yaml"], 2,
    "--exec", setup=lambda d: _git_repo(d),
    after=lambda d, r: (d / "pwned").exists() and pytest.fail("git ran something"))


# ============================================================================================
# msg-: unclear messages
add("msg-missing-glyph-title", doc(title=" 测试\U00030EDE通知"), PDF, 2, ("x.yaml:2:", "U+30EDE"))
add("msg-missing-glyph-issuer", doc(issuers="\n  - 青岛\U00030EDE局"), PDF, 2, ("x.yaml:4:", "U+30EDE"))
add("msg-missing-glyph-cc", doc(imprint="\n  cc:\n    - 市\U00030EDE厅"), PDF, 2, ("x.yaml:", "U+30EDE"))
add("msg-missing-glyph-attachment-title",
    doc(attachments="\n  - title: 名\U00030EDE单\n    body:\n      - 内容。"), PDF, 2,
    ("x.yaml:", "U+30EDE"))
add("msg-missing-glyph-doc-number", doc(header="\n  doc_number: 青\U00030EDE发〔2023〕5号"), PDF, 2,
    ("x.yaml:", "U+30EDE"))
add("msg-missing-glyph-diff-pdf", doc(title=" 测试\U00030EDE通知"), DIFF_PDF, 2,
    ("x.yaml", "U+30EDE"), files={"old.yaml": VALID})
add("msg-over-50-problems", "title: 测试\n" + "".join(f"bad{i}: 1\n" for i in range(70)), CHECK, 2,
    ("20 more", "70"))
add("msg-over-50-problems-two-files", "title: 测试\n" + "".join(f"bad{i}: 1\n" for i in range(40)),
    ["check", "x.yaml", "y.yaml"], 2, ("30 more", "80"),
    files={"y.yaml": "title: 测试\n" + "".join(f"bad{i}: 1\n" for i in range(40))})
add("msg-over-50-problems-fmt", "title: 测试\n" + "".join(f"bad{i}: 1\n" for i in range(70)), FMT, 2,
    "20 more")
add("msg-empty-style", STYLED, DOCX, 2, ("custom.yaml", "empty"), files={"styles/custom.yaml": ""})
add("msg-comment-only-style", STYLED, DOCX, 2, ("custom.yaml", "empty"),
    files={"styles/custom.yaml": "# nothing yet\n"})
add("msg-null-style", STYLED, DOCX, 2, ("custom.yaml", "style sheet"),
    files={"styles/custom.yaml": "~\n"})
add("msg-header-null", doc(header=""), CHECK, 2, ("header", "nothing"), absent=("''",))
add("msg-imprint-null", doc(imprint=""), CHECK, 2, ("imprint", "nothing"), absent=("''",))
add("msg-title-null", doc(title=""), CHECK, 2, ("title", "empty"), absent=("''",))
add("msg-body-item-null", doc(body="\n  -"), CHECK, 2, ("x.yaml:8:", "empty"), absent=("''",))
add("msg-both-diff-sides-bad", doc(seal=" maybe"), DIFF, 2, ("old.yaml", "x.yaml"),
    files={"old.yaml": doc(urgency=" 紧急")})
add("msg-both-diff-sides-missing", None, ["diff", "a.yaml", "b.yaml"], 2, ("a.yaml", "b.yaml"))
add("msg-empty-outline", "", CHECK, 2, "empty")
add("msg-whitespace-outline", "\n\n   \n", CHECK, 2, "empty")
add("msg-diff-bad-date", VALID.replace("正文", "正文内容"),
    ["diff", "--date", "tomorrow", "--docx", "out/r.docx", "old.yaml", "x.yaml"], 2, "--date",
    files={"old.yaml": VALID})
add("msg-scalar-outline", "测试\n", CHECK, 2, ("x.yaml", "mapping"))
add("msg-list-outline", "- title: 测试\n", CHECK, 2, ("x.yaml", "mapping"))
add("msg-bad-escape", doc(title=' "测试\\q"'), CHECK, 2, "x.yaml:2:")
add("msg-tab-indent", "title: 测试\nbody:\n\t- 正文。\n", CHECK, 2, "x.yaml:3:")


# ============================================================================================
# The runner

class TookTooLong(BaseException):
    """Raised by SIGALRM in the command: not an Exception, so main() does not catch it."""


def _alarm(signum, frame):
    raise TookTooLong()


def _snapshot(folder: Path) -> dict:
    state = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in dirs + files:
            path = Path(root, name)
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                state[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                state[rel] = ("dir", stat.S_IMODE(path.stat().st_mode))
            else:
                state[rel] = ("file", path.read_bytes())
    return state


def _describe_change(before: dict, after: dict) -> str:
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    return f"added {added}, removed {removed}, changed {changed}"


def _populate(folder: Path, c: Case) -> None:
    files = {}
    if "out" not in c.files:  # the old outputs a failed build must leave alone
        files = {"out/x.docx": b"OLD DOCX: must survive a failed build\n",
                 "out/x.pdf": b"OLD PDF: must survive a failed build\n",
                 "out/keep.txt": "the user's own file\n"}
    if c.outline is not None:
        files["x.yaml"] = c.outline
    files.update(c.files)
    for rel, content in files.items():
        path = folder / rel
        if content is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is DIR:
            path.mkdir(exist_ok=True)
        elif isinstance(content, tuple) and content[0] == LINK:
            path.symlink_to(content[1])
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if c.setup:
        c.setup(folder)


def _git_repo(folder: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    for argv in (["git", "init", "-q"], ["git", "add", "x.yaml"],
                 ["git", "commit", "-q", "-m", "x"]):
        subprocess.run(argv, cwd=folder, check=True, env=env, capture_output=True)


def _no_temporaries(folder: Path) -> None:
    left = [p.name for p in folder.rglob("*.tmp")]
    assert not left, f"temporary files left behind: {left}"


def _stale_removed(folder: Path) -> None:
    assert not (folder / ".x.docx.12345.tmp").exists(), "stale temporary of x.docx not removed"
    assert (folder / ".other.docx.1.tmp").exists(), "removed another file's temporary"


def _link_kept(folder: Path, link="link.yaml", real="real.yaml") -> None:
    assert (folder / link).is_symlink(), "fmt replaced the symlink by a file"
    assert (folder / real).read_text(encoding="utf-8").startswith("style: gbt9704\ntitle: 测试通知"), \
        "fmt did not rewrite the link's target"


def _within_limit_and_loads(path: Path) -> None:
    from render.load import MAX_BYTES, load_file

    assert path.stat().st_size <= MAX_BYTES, f"fmt grew the file to {path.stat().st_size} bytes"
    load_file(path)


def _no_raw_esc(result) -> None:
    assert "\x1b" not in result.out, "raw ESC on stdout"
    assert "\x07" not in result.out, "raw BEL on stdout"


def _all_inside_page(pdf: Path) -> None:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            for char in page.chars:
                inside = (char["x0"] >= -0.5 and char["x1"] <= page.width + 0.5
                          and char["top"] >= -0.5 and char["bottom"] <= page.height + 0.5)
                assert inside, (f"page {number}: {char['text']!r} at "
                                f"({char['x0']:.1f}, {char['top']:.1f}) lies outside the page")


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_case(c: Case, folder: Path, capsys, monkeypatch) -> Result:
    _populate(folder, c)
    before = _snapshot(folder)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("GONGWEN_DEBUG", raising=False)
    capsys.readouterr()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        try:
            code = main(c.argv)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
        except TookTooLong:
            pytest.fail(f"{c.id}: still running after {TIME_LIMIT} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    captured = capsys.readouterr()
    result = Result(code, captured.out, captured.err)
    after = _snapshot(folder)

    context = f"exit {code}\n--- stderr ---\n{result.err[-3000:]}\n--- stdout ---\n{result.out[-1500:]}"
    assert "Traceback" not in result.err, context
    assert code != 4, f"internal error\n{context}"
    assert "internal error" not in result.err, context
    assert "\x1b" not in result.err, f"raw ESC on stderr\n{context}"
    expected = c.code if isinstance(c.code, frozenset) else {c.code}
    assert code in expected, f"expected exit {sorted(expected)}\n{context}"
    if code in (2, 3):
        allowed = {*c.written, "out/.gongwen-build.json"} if c.written else set()
        kept = {k: v for k, v in before.items() if k not in allowed}
        now = {k: v for k, v in after.items() if k not in allowed}
        assert kept == now, f"files changed on exit {code}: " \
                            f"{_describe_change(kept, now)}\n{context}"
        for rel in c.written:
            assert after.get(rel, ("", b""))[1][:2] in (b"PK", b"%P"), f"{rel} not written"
        for line in result.err.splitlines():
            if line.strip() and not line.startswith(("warning:", "gongwen:")):
                assert ": " in line, f"not a `file:line:col: message` line: {line!r}\n{context}"
    if code == 3:
        assert "gongwen: " in result.err, f"exit 3 without `gongwen: path: reason`\n{context}"
    if code >= 2 or code == c.code:
        where = result.err if code >= 2 else result.out + result.err
        for fragment in c.fragments:
            assert fragment in where, f"message lacks {fragment!r}\n{context}"
    for fragment in c.absent:
        assert fragment not in result.err, f"message has {fragment!r}\n{context}"
    if code in (0, 1):
        inputs = {k: v for k, v in before.items() if not k.startswith("out")}
        if c.argv[0] != "fmt":
            now = {k: after.get(k) for k in inputs}
            assert now == inputs, f"inputs changed: {_describe_change(inputs, now)}"
    if code == 0 and c.inpage:
        pdf = folder / "out" / "x.pdf"
        assert pdf.exists(), "no PDF written"
        _all_inside_page(pdf)
    if c.after:
        c.after(folder, result)
    return result


assert len({c.id for c in CASES}) == len(CASES), "repeated case id"


# the few cases that take over a second: in the full run, not the fast tier
SLOW_CASES = {"half-fmt-2mib-growth", "hang-20000-paragraphs-docx", "hang-many-keys"}


@pytest.mark.parametrize("c", [pytest.param(c, marks=pytest.mark.slow) if c.id in SLOW_CASES
                               else c for c in CASES], ids=[c.id for c in CASES])
def test_hostile(c: Case, tmp_path, capsys, monkeypatch):
    run_case(c, tmp_path, capsys, monkeypatch)


# ============================================================================================
# Cases that need a real process: stdout on /dev/full or closed, a FIFO, a signal.

def _gongwen(args, cwd, timeout=TIME_LIMIT, **kw):
    env = {k: v for k, v in os.environ.items() if k != "GONGWEN_DEBUG"}
    return subprocess.run([sys.executable, "-m", "render.cli", *args], cwd=cwd,
                          capture_output=kw.pop("capture_output", True), timeout=timeout,
                          env=env, **kw)


def _close_stdout():
    os.close(1)


PROCESS_CASES = [
    # id, argv, how stdout is set up, expected codes, stderr fragment
    ("tb-stdout-dev-full-check", ["check", "x.yaml"], "full", {3}, "gongwen"),
    ("tb-stdout-dev-full-schema", ["schema"], "full", {3}, "gongwen"),
    ("tb-stdout-dev-full-diff", ["diff", "--color", "never", "old.yaml", "x.yaml"], "full", {3},
     "gongwen"),
    ("tb-stdout-dev-full-build", ["build", "-o", "out", "--format", "docx", "x.yaml"], "full",
     {3}, "gongwen"),
    ("tb-stdout-dev-full-fonts", ["fonts"], "full", {3}, "gongwen"),
    ("tb-stdout-closed-check", ["check", "x.yaml"], "closed", {3}, ""),
    ("tb-stdout-closed-schema", ["schema"], "closed", {3}, ""),
    ("tb-stdout-closed-diff", ["diff", "--color", "never", "old.yaml", "x.yaml"], "closed", {3},
     ""),
    ("tb-stdout-closed-build", ["build", "-o", "out", "--format", "docx", "x.yaml"], "closed",
     {0, 3}, ""),
    ("tb-stdout-closed-help", ["--help"], "closed", {0, 3}, ""),
]


@pytest.mark.slow  # a process each (started with stdout closed or full): about 2 s apiece
@pytest.mark.parametrize("name,argv,stdout,codes,fragment", PROCESS_CASES,
                         ids=[c[0] for c in PROCESS_CASES])
def test_hostile_stdout(name, argv, stdout, codes, fragment, tmp_path):
    (tmp_path / "x.yaml").write_text(VALID.replace("正文", "正文内容"), encoding="utf-8")
    (tmp_path / "old.yaml").write_text(VALID, encoding="utf-8")
    if stdout == "full":
        with open("/dev/full", "w") as full:
            result = _gongwen(argv, tmp_path, capture_output=False, stdout=full,
                              stderr=subprocess.PIPE)
    else:
        result = _gongwen(argv, tmp_path, capture_output=False, stdout=None,
                          stderr=subprocess.PIPE, preexec_fn=_close_stdout)
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert "Exception ignored" not in err, err
    assert result.returncode in codes, f"exit {result.returncode}\n{err}"
    assert fragment in err, err


def test_hang_fifo_does_not_block(tmp_path):
    """check, build and fmt on a FIFO nobody writes to: refused at once, not blocked."""
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    for argv in (["check", "x.yaml"], ["build", "-o", "out", "x.yaml"], ["fmt", "x.yaml"],
                 ["diff", "x.yaml", "x.yaml"]):
        try:
            result = _gongwen(argv, tmp_path, timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"gongwen {' '.join(argv)} blocked on a FIFO")
        err = result.stderr.decode("utf-8", "replace")
        assert "Traceback" not in err, err
        assert result.returncode == 2, err
        assert "not a regular file" in err, err
    assert not (tmp_path / "out").exists()


def test_hang_fifo_as_font(tmp_path):
    fifo = tmp_path / "f.ttf"
    os.mkfifo(fifo)
    (tmp_path / "x.yaml").write_text(VALID, encoding="utf-8")
    try:
        result = _gongwen(["build", "-o", "out", "--font", "fangsong=f.ttf", "x.yaml"], tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail("gongwen build --font ROLE=FIFO blocked")
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert result.returncode == 2, err
    assert "f.ttf" in err, err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_half_interrupted_build_leaves_no_temporaries(tmp_path):
    """SIGINT and SIGTERM in the middle of a long build: no traceback, no half-written file,
    no temporary left behind, the old outputs intact."""
    (tmp_path / "x.yaml").write_text(
        doc(body="".join(f"\n  - 第{i}段。" for i in range(20000))), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.docx").write_bytes(b"OLD")
    for sig in (signal.SIGINT, signal.SIGTERM):
        env = {k: v for k, v in os.environ.items() if k != "GONGWEN_DEBUG"}
        process = subprocess.Popen([sys.executable, "-m", "render.cli", "build", "-o", "out",
                                    "--format", "docx", "x.yaml"], cwd=tmp_path, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            process.wait(timeout=1.5)
        except subprocess.TimeoutExpired:
            process.send_signal(sig)
        _, err = process.communicate(timeout=TIME_LIMIT)
        err = err.decode("utf-8", "replace")
        assert "Traceback" not in err, err
        assert process.returncode in (0, 130, -signal.SIGTERM, 128 + signal.SIGTERM), err
        assert not list(out.glob(".*.tmp")), "temporary files left behind"
        data = (out / "x.docx").read_bytes()
        assert data == b"OLD" or data.startswith(b"PK"), "x.docx half written"


def test_silent_relative_font_is_used(tmp_path, capsys, monkeypatch):
    """`--font fangsong=fonts/f.ttf` is relative to the working directory and must be used
    (embedded in the PDF), not ignored."""
    kai = sorted((Path.home() / ".cache" / "gongwen" / "fonts").glob("FandolKai*.ttf"))
    if not kai:
        pytest.skip("FandolKai is not installed (gongwen fonts install)")
    (tmp_path / "fonts").mkdir()
    shutil.copy(kai[0], tmp_path / "fonts" / "f.ttf")
    (tmp_path / "doc").mkdir()
    # no element of this outline uses 楷体: FandolKai is in the PDF only if --font was used
    (tmp_path / "doc" / "x.yaml").write_text(
        "title: 测试通知\nissuers: [某局]\nbody:\n  - 正文内容。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["build", "-q", "-o", "out", "--format", "pdf", "--font", "fangsong=fonts/f.ttf",
                 "doc/x.yaml"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == 0, err
    import pdfplumber

    with pdfplumber.open(tmp_path / "out" / "x.pdf") as pdf:
        names = {char["fontname"] for page in pdf.pages for char in page.chars}
    assert any("FandolKai" in name for name in names), f"fonts/f.ttf not embedded: {sorted(names)}"


def test_classes_are_big_enough():
    """The corpus covers every class of issue #9 (at least 160 cases in all)."""
    counts = corpus_counts()
    assert sum(counts.values()) >= 160, counts
    for prefix in ("tb", "hang", "half", "silent", "msg"):
        assert counts.get(prefix, 0) >= 5, counts


def corpus_counts() -> dict:
    counts: dict[str, int] = {}
    ids = [c.id for c in CASES] + [c[0] for c in PROCESS_CASES] + [
        "hang-fifo", "hang-fifo-font", "half-interrupted", "silent-relative-font"]
    for id_ in ids:
        prefix = id_.split("-", 1)[0]
        counts[prefix] = counts.get(prefix, 0) + 1
    return counts


if __name__ == "__main__":
    print(corpus_counts())
