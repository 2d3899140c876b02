"""Differences between two versions of an outline: fields, sections and paragraphs matched by
content, character-level changes inside matched text; reports, a Word redline and a review PDF."""
