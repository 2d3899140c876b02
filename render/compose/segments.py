"""Title words from jieba, remembered on disk. Loading jieba's dictionary and part-of-speech
table costs a process about 0.7 s and 110 MB; a title segmented once is read back from
`$XDG_CACHE_HOME/gongwen/title-words.jsonl` (its words and their tags, a line a title), so
rebuilding a document, `gongwen watch` and a batch of known titles never load it. The file is keyed by jieba's
dictionary (its size and time: another jieba, another cache); a damaged or foreign file is
ignored and rewritten; one that cannot be written leaves the cache in memory."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import tempfile
from pathlib import Path

FORMAT = 2  # 2: a line per title, appended (1: one JSON object, written whole each time)
ENTRIES_MAX = 4000  # titles kept (the oldest dropped): the file stays under a megabyte


@functools.cache
def jieba_tables():
    """jieba's tokenizer and its part-of-speech table, loaded once, silently."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()
    return jieba.dt, jieba.posseg.dt.word_tag_tab


_TAGS: dict[str, str | None] = {}  # the tag of each word a segmentation gave (None: untagged)


def segment(text: str) -> tuple[str, ...]:
    """`text`'s words (jieba, with its model for words not in the dictionary)."""
    cache = _cache()
    entry = cache.get(text)
    if entry is None:
        tokenizer, tags = jieba_tables()
        entry = [[word, tags.get(word)] for word in tokenizer.cut(text, HMM=True)]
        cache.put(text, entry)
    _TAGS.update((word, tag) for word, tag in entry)
    return tuple(word for word, _ in entry)


def tag(word: str) -> str | None:
    """jieba's part-of-speech tag of `word`, None when its table has none."""
    if word not in _TAGS:
        _TAGS[word] = jieba_tables()[1].get(word)
    return _TAGS[word]


class _TitleWords:
    """The file: a first line naming the format and jieba's dictionary, then one line per
    title, `[title, [[word, tag], …]]`, appended as titles are met (one short write, not the
    whole file again: a batch of new titles costs each one line). Unreadable lines (a write cut
    short) are skipped; past 2 × ENTRIES_MAX lines the file is written anew with the newest
    ENTRIES_MAX titles."""

    def __init__(self, path: Path, key: list):
        self.path, self.key = path, key
        self.header = json.dumps({"format": FORMAT, "jieba": key}, separators=(",", ":"))
        self.entries: dict[str, list] = {}
        self.lines = self._read()  # title lines in the file; -1: none of ours to append to

    def _read(self) -> int:
        try:
            with open(self.path, encoding="utf-8") as file:
                if file.readline().rstrip("\n") != self.header:
                    return -1
                count = 0
                for line in file:
                    try:
                        text, entry = json.loads(line)
                    except (ValueError, TypeError):
                        continue
                    if isinstance(text, str) and isinstance(entry, list):
                        self.entries[text] = entry
                        count += 1
                return count
        except (OSError, UnicodeDecodeError):
            return -1

    def get(self, text: str) -> list | None:
        return self.entries.get(text)

    def put(self, text: str, entry: list) -> None:
        """Remember `text`'s words here and in the file (an unwritable folder: here only)."""
        self.entries[text] = entry
        line = json.dumps([text, entry], ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            if 0 <= self.lines < 2 * ENTRIES_MAX:
                with open(self.path, "a", encoding="utf-8") as out:  # O_APPEND: whole lines
                    out.write(line)
                self.lines += 1
            else:
                self._rewrite()
        except OSError:
            pass

    def _rewrite(self) -> None:
        """The header and the newest ENTRIES_MAX titles, written whole or not at all."""
        kept = list(self.entries.items())[-ENTRIES_MAX:]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".title-words.")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(self.header + "\n")
            for text, entry in kept:
                out.write(json.dumps([text, entry], ensure_ascii=False, separators=(",", ":"))
                          + "\n")
        os.replace(tmp, self.path)
        self.lines = len(kept)


@functools.cache
def _cache() -> _TitleWords:
    from ..files import cache_root

    spec = importlib.util.find_spec("jieba")
    dictionary = Path(spec.origin).parent / "dict.txt" if spec and spec.origin else None
    try:
        info = dictionary.stat() if dictionary else None
        key = [str(dictionary), info.st_size, info.st_mtime_ns] if info else []
    except OSError:
        key = []
    return _TitleWords(cache_root() / "title-words.jsonl", key)
