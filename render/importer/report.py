"""What `gongwen import` did with every line: dropped lines with the reason, decisions that
could have gone another way, and marks left for `lint` (half-width punctuation)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

# Half-width marks that Chinese text writes full-width (GB/T 15834); kept as typed.
HALF_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}


@dataclass
class Entry:
    line: int
    text: str
    why: str
    rule: str | None = None  # a lint rule the typed text breaks (render/lint/imported.py)


@dataclass
class Mark:
    line: int
    column: int  # 1-based, in the line as read (before trimming white space)
    char: str
    full: str


@dataclass
class Report:
    source: str
    dropped: list[Entry] = field(default_factory=list)
    decisions: list[Entry] = field(default_factory=list)
    half_width: list[Mark] = field(default_factory=list)
    used: set[int] = field(default_factory=set, repr=False)
    parsed: set[int] = field(default_factory=set, repr=False)  # read as data, not as text
    pictured: set[int] = field(default_factory=set, repr=False)  # lines whose pictures were read
    figures: list = field(default_factory=list, repr=False)  # (Figure, width in points) to size
    notes: list[str] = field(default_factory=list)  # about the whole file, not one line

    def drop(self, line, why: str) -> None:
        self.dropped.append(Entry(line.number, line.text, why))

    def decide(self, line, why: str, rule: str | None = None) -> None:
        self.decisions.append(Entry(line.number, line.text, why, rule))

    def unread(self, lines) -> None:
        """Content a reader saw but does not take (images, text boxes): listed as dropped."""
        for line in lines:
            for what in line.evidence.get("dropped", ()):
                self.dropped.append(Entry(line.number, what, "not read (import takes text only)"))

    def use(self, *lines) -> None:
        self.used.update(line.number for line in lines)

    def as_json(self) -> str:
        self.sort()
        data = {
            "source": self.source,
            "dropped": [_entry(e) for e in self.dropped],
            "decisions": [_entry(e) for e in self.decisions],
            "half_width": [asdict(m) for m in self.half_width],
            "notes": self.notes,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def sort(self) -> None:
        self.dropped.sort(key=lambda e: e.line)
        self.decisions.sort(key=lambda e: e.line)

    def as_text(self) -> str:
        self.sort()
        out = [f"{self.source}:{e.line}: dropped: {e.why}: {e.text!r}"
               for e in self.dropped if e.text]
        blank = sum(1 for e in self.dropped if not e.text)
        out += [f"{self.source}:{e.line}: {e.why}" for e in self.decisions]
        out += [f"{self.source}: {note}" for note in self.notes]
        if self.half_width:
            lines = sorted({m.line for m in self.half_width})
            out.append(f"{self.source}: {len(self.half_width)} half-width marks kept as typed "
                       f"on {len(lines)} lines (gongwen lint lists them; --report json has "
                       "each)")
        out.append(f"{self.source}: {len(self.used)} lines in the outline, "
                   f"{len(self.dropped) - blank} dropped, {blank} blank, "
                   f"{len(self.decisions)} decisions")
        return "\n".join(out) + "\n"


def _entry(entry: Entry) -> dict:
    data = asdict(entry)
    if data["rule"] is None:
        del data["rule"]
    return data
