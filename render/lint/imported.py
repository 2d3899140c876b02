"""The rules only an imported document can break: what the typed text said that the outline
derives (heading numbers, the 附件说明's names). `gongwen import` records such places in its
report with a rule id; here they become findings at the source file's line."""

from __future__ import annotations

from .rules import Rule

I = {r.id: r for r in [
    Rule("I001", "warning", "GB/T 9704-2012 §7.3.3",
         "a typed heading number out of sequence (a gap, a repeat or a restart): the outline "
         "numbers by position"),
    Rule("I002", "warning", "GB/T 9704-2012 §8",
         "an attachment's title differs from its name in the 附件说明, or the 附件说明 does not "
         "list it: the two must agree"),
]}


def import_findings(path: str, report) -> list:
    """Findings for the report's decisions that carry a rule id, at path:line:1."""
    from . import Finding

    return [Finding(path, entry.line, 1, I[entry.rule], entry.why)
            for entry in report.decisions if entry.rule in I]
