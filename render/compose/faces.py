"""Which font role a paragraph's runs are set in: the paragraph's element (or heading level), a
run-in heading's role, a run's own role. Layout measures in these roles; the Word writer names
their faces where a run states its fonts (the East Asian marks)."""

from __future__ import annotations

from ..style import Style
from .blocks import Element, OffGrid, Para, Run


def para_role(para: Para | OffGrid, style: Style) -> str:
    """The font role of `para`'s text: its heading level's or its element's."""
    if isinstance(para, Para) and para.element == Element.HEADING:
        return style.heading(para.level).font.role
    return style.element(para.element.sheet_name).font.role


def run_role(run: Run, role: str, style: Style) -> str:
    """The font role of `run` in a paragraph of role `role`: a run-in heading's, the run's
    own, else the paragraph's."""
    if run.lead:
        return style.heading(run.lead).font.role
    return run.role or role
