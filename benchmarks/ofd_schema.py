"""Our OFD packages against the GB/T 33190-2016 XML schemas.

Builds each outline's OFD (as `gongwen build --format ofd` does, in memory) and validates
every XML part with lxml: OFD.xml against OFD.xsd, Doc_N/Document.xml against Document.xsd,
PublicRes.xml and DocumentRes.xml against Res.xsd, each page's Content.xml against Page.xsd;
then what the schema copy leaves as bare strings but the standard's table of simple types
defines (ST_Box: four numbers, width and height above 0; CTM: six numbers; DeltaX/DeltaY: an
ST_Array of numbers with its "g N value" runs; a colour's Value: numbers), and that every
reference (ST_RefID: Font, ResourceID, PageID, TemplateID, DrawParam) names an ID the
package gives.
The schema files are not ours to ship: SCHEMA_DIR is a folder holding them (the public
repository GreenYun/OFD-Schema has them; see docs/ofd.md). Prints a table (document, parts,
errors), each error below it, and exits 1 on any error.

    python benchmarks/ofd_schema.py SCHEMA_DIR [OUTLINE...]
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import render  # noqa: E402
from render.errors import InputError  # noqa: E402

DEFAULT = [ROOT / "source" / "qingdao-miit-2022-summary.yaml",
           *sorted((ROOT / "source" / "examples").glob("*.yaml")),
           *sorted((ROOT / "source" / "volumes").glob("*.yaml"))]

# which schema each part of the package is checked against (a part's name → schema file)
PARTS = [(re.compile(r"OFD\.xml"), "OFD.xsd"),
         (re.compile(r"Doc_\d+/Document\.xml"), "Document.xsd"),
         (re.compile(r"Doc_\d+/(PublicRes|DocumentRes)\.xml"), "Res.xsd"),
         (re.compile(r"Doc_\d+/Pages/Page_\d+/Content\.xml"), "Page.xsd")]


def schemas(folder: Path) -> dict[str, etree.XMLSchema]:
    """The four schemas, each with the files it includes (read from `folder`)."""
    return {name: etree.XMLSchema(etree.parse(str(folder / name)))
            for name in {schema for _, schema in PARTS}}


NUMBER = r"-?(\d+(\.\d*)?|\.\d+)"
BOX = re.compile(rf"{NUMBER}( {NUMBER}){{3}}")
CTM = re.compile(rf"{NUMBER}( {NUMBER}){{5}}")
ARRAY = re.compile(rf"(g \d+ {NUMBER}|{NUMBER})( (g \d+ {NUMBER}|{NUMBER}))*")
BOX_ELEMENTS = ("PhysicalBox", "ApplicationBox", "ContentBox", "BleedBox")


def lexical(root) -> list[tuple[int, str]]:
    """(line, message) for each ST_Box, CTM, DeltaX/DeltaY or colour Value the standard's
    simple types do not allow (the schema copy types them xs:string: it cannot tell)."""
    problems = []
    for node in root.iter(etree.Element):
        values = dict(node.attrib)
        if etree.QName(node).localname in BOX_ELEMENTS:
            values["box"] = node.text or ""
        for key, value in values.items():
            if key in ("Boundary", "box"):
                if not BOX.fullmatch(value) or min(map(float, value.split()[2:])) <= 0:
                    problems.append((node.sourceline, f"{key} {value!r}: not an ST_Box "
                                     "(x y width height, width and height > 0)"))
            elif key == "CTM" and not CTM.fullmatch(value):
                problems.append((node.sourceline, f"CTM {value!r}: not six numbers"))
            elif key in ("DeltaX", "DeltaY", "Value") and not ARRAY.fullmatch(value):
                problems.append((node.sourceline, f"{key} {value!r}: not an ST_Array"))
    return problems


REFERENCES = ("Font", "ResourceID", "PageID", "TemplateID", "DrawParam")


def dangling(roots: dict[str, etree._Element]) -> list[str]:
    """"part:line: message" for each reference to an ID no element of the package has."""
    given = {node.get("ID") for root in roots.values() for node in root.iter(etree.Element)}
    return [f"{name}:{node.sourceline}: {key}={node.get(key)} names no ID in the package"
            for name, root in roots.items() for node in root.iter(etree.Element)
            for key in REFERENCES if node.get(key) is not None and node.get(key) not in given]


def validate(package: bytes, checks: dict[str, etree.XMLSchema]) -> tuple[int, list[str]]:
    """(XML parts validated, "part:line: message" per error); an XML part no schema covers
    is an error too, so nothing goes unchecked."""
    errors, roots = [], {}
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            schema = next((s for pattern, s in PARTS if pattern.fullmatch(name)), None)
            if schema is None:
                errors.append(f"{name}: no schema for this part")
                continue
            check = checks[schema]
            root = roots[name] = etree.fromstring(archive.read(name))
            if not check.validate(root):
                errors += [f"{name}:{e.line}: {e.message}" for e in check.error_log]
            errors += [f"{name}:{line}: {message}" for line, message in lexical(root)]
    return len(roots), errors + dangling(roots)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("schema_dir", type=Path, help="folder with OFD.xsd, Document.xsd, …")
    parser.add_argument("outlines", nargs="*", type=Path, default=DEFAULT)
    args = parser.parse_args(argv)
    try:
        checks = schemas(args.schema_dir)
    except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as error:
        print(f"{args.schema_dir}: cannot read the schemas: {error}", file=sys.stderr)
        return 2
    print(f"{'document':40} {'parts':>6} {'errors':>7}")
    failed = []
    for path in args.outlines:
        try:
            package = render.build(path, formats=("ofd",))["ofd"]
        except InputError as error:
            print(error, file=sys.stderr)
            return 2
        parts, errors = validate(package, checks)
        print(f"{path.stem:40} {parts:6} {len(errors):7}")
        failed += [f"{path.stem}: {error}" for error in errors]
    for line in failed:
        print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
