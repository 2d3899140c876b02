"""The docs stay true: every outline key is documented, and the example builds."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import build
from docx_text import docx_paragraphs
from render import outline, shape

DOCS = Path(__file__).resolve().parent.parent / "docs"


def all_keys() -> set[str]:
    keys, todo = set(), [outline.Document]
    while todo:
        for f in shape.fields_of(todo.pop()):
            keys.add(f.key)
            kind = f.kind.inner if f.kind.name in ("optional", "list") else f.kind
            if kind.name == "record":
                todo.append(kind.cls)
    return keys | set(shape.SECTION_KEYS)


def test_every_key_is_documented():
    text = (DOCS / "outline.md").read_text(encoding="utf-8")
    missing = sorted(k for k in all_keys() if f"`{k}`" not in text)
    assert not missing, f"docs/outline.md does not mention {missing}"


def test_the_example_builds(tmp_path):
    text = (DOCS / "outline.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    source = tmp_path / "example.yaml"
    source.write_text(example, encoding="utf-8")
    paragraphs = docx_paragraphs(build(source, tmp_path / "out"))
    assert "一、申报范围" in paragraphs
    assert any(p.startswith("（一）重点支持方向。智能化改造") for p in paragraphs)
    assert paragraphs[-2:] == ["青岛市工业和信息化局", "2023年3月1日"]


def test_every_module_is_in_the_architecture_note():
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    package = Path(__file__).resolve().parent.parent / "render"
    for path in package.rglob("*.py"):
        if path.name == "__init__.py":
            continue
        name = path.relative_to(package.parent).as_posix()
        assert f"`{name}`" in text, f"docs/architecture.md does not describe {name}"
