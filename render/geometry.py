"""Where word processors put text on a line, in em of the line's size or in points: the
constants layout and the writers share (measured in LibreOffice on the Fandol faces; see
shared/spec/gbt9704.md). One place, so the .docx and the PDF cannot drift apart."""

# Baseline below a grid row's middle, in em of the line's size: where LibreOffice sets a line
# on an exact-height grid row (measured: 0.433 em for 16 pt and 22 pt Fandol text).
BASELINE = 0.433
# Baseline of an off-grid exact-height line: 80 % of its height down (LibreOffice's fixed line
# spacing; Word's is the same).
EXACT_ASCENT = 0.8
# Where Chinese glyphs' boxes end below the baseline, in em.
DESCENT = 0.12
# Where the top edge of a mark's characters lies above their baseline, in em (measured on the
# ink of FandolSong Bold; 方正小标宋 reaches a little higher).
INK_TOP = 0.77
# Points between the two lines of a double line (信函).
DOUBLE_GAP = 1.5
# How far below the baseline a text object's box reaches, in em (an OFD TextObject's Boundary:
# room for the glyphs' descent, generous so that no reader clips them).
TEXT_BOX_DESCENT = 0.3

# A review copy's marks (gongwen diff): an insertion underlined at DESCENT under its baseline,
# a deletion struck through STRIKE (em) above it, REVISION_WIDTH points thick in the span's
# colour; a changed line's bar in the margin CHANGE_BAR_WIDTH points thick in CHANGE_BAR_COLOR.
STRIKE = 0.3
REVISION_WIDTH = 0.8
CHANGE_BAR_WIDTH = 1.5
CHANGE_BAR_COLOR = "0050C8"
UNDERLINED = ("ins", "moveTo")  # the marks drawn underlined; the others are struck through


def border_space(size: float, gap: float, exact: float) -> int:
    """Points between an exact line's bottom (20 % of its height under the baseline) and a
    bottom border meant `gap` under its characters' boxes (text of `size`): whole points, as
    OOXML's `w:space` holds them, so the PDF draws the rule where the .docx puts it (the red
    rule under the 发文字号: 7 pt for 4 mm under 三号 text on a 28.95 pt line, 0.47 pt higher
    than exactly 4 mm)."""
    return max(0, round(DESCENT * size + gap - (1 - EXACT_ASCENT) * exact))
