"""Title words from jieba, remembered on disk. Loading jieba's dictionary and part-of-speech
table costs a process about 0.7 s and 110 MB; a title segmented once is read back from
`$XDG_CACHE_HOME/gongwen/title-words.json` (its words and their tags), so rebuilding a document,
`gongwen watch` and a batch of known titles never load it. The file is keyed by jieba's
dictionary (its size and time: another jieba, another cache); a damaged or foreign file is
ignored and rewritten; one that cannot be written leaves the cache in memory."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import tempfile
from pathlib import Path

FORMAT = 1
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
    def __init__(self, path: Path, key: list):
        self.path, self.key = path, key
        self.entries: dict[str, list] = self._read()

    def _read(self) -> dict[str, list]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("jieba") == self.key:
                return dict(data["titles"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass
        return {}

    def get(self, text: str) -> list | None:
        return self.entries.get(text)

    def put(self, text: str, entry: list) -> None:
        """Remember `text`'s words here and in the file (merged with what other processes
        wrote since; written whole or not at all)."""
        self.entries[text] = entry
        merged = {**self._read(), text: entry}
        titles = list(merged.items())[-ENTRIES_MAX:]
        data = {"format": FORMAT, "jieba": self.key, "titles": dict(titles)}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".title-words.")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:
            pass  # an unwritable cache folder: this process remembers it all the same


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
    return _TitleWords(cache_root() / "title-words.json", key)
