"""`gongwen schema`: a JSON Schema that accepts our outlines and rejects what the loader rejects."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from render.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def schema():
    from render.schema import json_schema

    data = json_schema()
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def as_json_data(text: str):
    """YAML as an editor's schema validator sees it: dates stay text (YAML 1.2 core schema)."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


def test_command_prints_the_schema(capsys, schema):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == schema


@pytest.mark.parametrize("path", sorted((ROOT / "source").rglob("*.yaml")), ids=lambda p: p.name)
def test_sources_validate(path, schema):
    jsonschema.validate(as_json_data(path.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize(
    "text",
    [
        "titel: x\n",
        "title: x\nseal: maybe\n",
        "title: x\nbody:\n  - heading: a\n    lead: b\n",
        "title: x\nbody:\n  - heading: a\n    text: b\n",
        "title: x\ndate: 去年\n",
        "title: x\npublication:\n  sorce: y\n",
    ],
)
def test_schema_rejects_bad_outlines(text, schema):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(as_json_data(text), schema)
