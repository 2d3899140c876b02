"""The recogniser's input: one line of the source with its number and the reader's evidence."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """A source line. `text` is stripped of surrounding white space; `evidence` holds what a
    richer reader knows (a .docx reader: {"style": "Heading 1", "align": "center"}); text
    readers give none, and the recogniser then goes by the text alone."""

    number: int  # 1-based line in the source
    text: str
    offset: int = 0  # characters trimmed from the start (for columns in the source)
    evidence: dict = field(default_factory=dict, compare=False)
