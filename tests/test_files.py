"""Reading with a bound, all-or-nothing writing, and the characters outline text may hold."""

from __future__ import annotations

import os

import pytest

from render.errors import InputError, OutputError
from render.files import read_bounded, write_all
from render.text_rules import escape_controls, forbidden_character, is_blank


def test_write_all_writes_nothing_when_one_target_fails(tmp_path):
    good, bad = tmp_path / "x.docx", tmp_path / "x.pdf"
    good.write_bytes(b"old docx")
    bad.mkdir()  # a folder where the PDF should go
    with pytest.raises(OutputError) as caught:
        write_all([(good, b"new docx"), (bad, b"new pdf")])
    assert caught.value.path == str(bad)
    assert good.read_bytes() == b"old docx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.docx", "x.pdf"]  # no .tmp left


def test_stale_temporaries_of_a_killed_run_are_removed(tmp_path):
    stale = tmp_path / ".x.docx.abc123.tmp"
    stale.write_bytes(b"half")
    other = tmp_path / ".y.docx.abc123.tmp"  # another target's: not ours to remove
    other.write_bytes(b"half")
    write_all([(tmp_path / "x.docx", b"new")])
    assert not stale.exists() and other.exists()
    assert (tmp_path / "x.docx").read_bytes() == b"new"


def test_write_all_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "x.pdf"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_all([(target, b"new")])
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_file_where_the_folder_should_be_is_an_output_error(tmp_path):
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(OutputError):
        write_all([(tmp_path / "file" / "x.docx", b"data")])


@pytest.mark.parametrize("path, fragment", [
    ("/dev/zero", "not a regular file"),
    ("/dev/null", "not a regular file"),
    ("/", "is a folder"),
    ("/nonexistent/x.yaml", "cannot read"),
])
def test_reading_refuses_what_is_not_a_bounded_regular_file(path, fragment):
    with pytest.raises(InputError) as caught:
        read_bounded(path, 100, "outline")
    assert fragment in str(caught.value)


def test_reading_a_fifo_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as caught:
        read_bounded(fifo, 100, "outline")
    assert "not a regular file" in str(caught.value)


def test_reading_stops_at_the_limit(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 101)
    with pytest.raises(InputError) as caught:
        read_bounded(big, 100, "outline")
    assert "limited to 100" in str(caught.value)
    assert read_bounded(big, 101, "outline") == b"x" * 101


@pytest.mark.parametrize("text, found", [
    ("正文\x00。", "NUL (U+0000)"), ("a\x07", "U+0007"), ("\x0b", "U+000B"), ("\x1b[2K", "ESC"),
    ("\u0085", "NEL"), ("\u2028", "line separator"), ("\u2029", "paragraph separator"),
    ("\uffff", "noncharacter"), ("\ufffe", "noncharacter"), ("\ufdd0", "noncharacter"),
    ("\U0010FFFF", "noncharacter"), ("\u202e", "bidirectional"), ("\u2066", "bidirectional"),
    ("\x7f", "U+007F"), ("\t", "tab"), ("\r", "carriage return"), ("\n", "line break"),
    ("\ud800", "surrogate"),
])
def test_forbidden_characters(text, found):
    index, description = forbidden_character(text)
    assert found in description


@pytest.mark.parametrize("text", ["正文。", "a b", "１２３", "“引号”", "\u3000正文", "A\u200bB",
                                  "《标题》——副题……"])
def test_ordinary_text_is_allowed(text):
    assert forbidden_character(text) is None
    assert not is_blank(text)


@pytest.mark.parametrize("text", ["", " ", "\u3000", "\u200b", "\u200b\u200c\u200d\ufeff",
                                  "\u2060 \u00a0"])
def test_blank_values(text):
    assert is_blank(text)


def test_escape_controls_leaves_nothing_a_terminal_obeys():
    shown = escape_controls("付款金额为900万元。\x1b[2K\r改")
    assert "\x1b" not in shown and "\r" not in shown
    assert shown == "付款金额为900万元。\\u001B[2K\\u000D改"
