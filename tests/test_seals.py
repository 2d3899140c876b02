"""Electronic seals and the 签名章 picture (GB/T 9704 §7.3.5): where layout puts them (centred on
the date, on the 署名's row, the top within a line of the text, joint seals apart and in the
type area), the .docx's anchored pictures, and bad seal images refused at file:line:col."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageDraw

from render.cli import main
from render.compose import compose
from render.compose.blocks import Element
from render.fonts import layout_metrics
from render.layout.pages import Grid, typeset
from render.load import load_file
from render.style import load_style

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "source" / "examples"
MM = 72 / 25.4
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


def seal_png(path: Path, pixels: int = 300, dpi: float | None = 300 / (42 / 25.4),
             fmt: str = "PNG") -> Path:
    image = Image.new("RGBA" if fmt == "PNG" else "RGB", (pixels, pixels),
                      (0, 0, 0, 0) if fmt == "PNG" else (255, 255, 255))
    ImageDraw.Draw(image).ellipse((4, 4, pixels - 4, pixels - 4), outline=(220, 0, 0), width=10)
    options = {"dpi": (dpi, dpi)} if dpi else {}
    image.save(path, fmt, **options)
    return path


def outline(tmp_path: Path, issuers: list[str], seal: str, extra: str = "") -> Path:
    names = "".join(f"  - {name}\n" for name in issuers)
    issuers_key = f"issuers:\n{names}" if issuers else ""
    path = tmp_path / "doc.yaml"
    path.write_text(f"style: material\ntitle: 测试\n{issuers_key}date: 2023-06-12\n"
                    f"{seal}{extra}body:\n  - 正文第一段。\n", encoding="utf-8")
    return path


def plan_of(path: Path):
    document = load_file(path)
    style = load_style(document.style, path.parent)
    blocks = compose(document, style)
    return typeset(blocks, style, layout_metrics(style)), style


def lines_of(plan, kind: str):
    return [(page, line) for page in plan.pages for line in page.body if line.kind == kind]


def centre_of(line) -> float:
    first, last = line.spans[0], line.spans[-1]
    return (first.xs[0] + last.xs[-1] + last.size) / 2  # CJK last character: one em


def test_a_seal_is_centred_on_the_date_and_the_signature_row():
    plan, style = plan_of(EXAMPLES / "notice-sealed.yaml")
    grid = Grid.of(style)
    ((page, date),) = lines_of(plan, "date")
    ((_, name),) = lines_of(plan, "signature")
    (picture,) = page.pictures
    assert picture.behind and picture.width == pytest.approx(42 * MM, abs=0.01)
    date_right = date.spans[-1].xs[-1] + date.spans[-1].size
    date_left = date.spans[0].xs[0]
    assert picture.x + picture.width / 2 == pytest.approx((date_left + date_right) / 2, abs=0.05)
    middle = grid.row_top(name.row) + grid.pitch / 2
    assert picture.top + picture.height / 2 == pytest.approx(middle, abs=0.01)
    # the 署名 and the date in the seal's lower half: their middle below the seal's centre
    assert grid.row_top(date.row) > picture.top + picture.height / 2
    # its top within one line of the text above, never over it
    text_bottom = grid.row_top(max(line.row for line in page.body if line.kind == "body") + 1)
    assert text_bottom <= picture.top <= text_bottom + grid.pitch


@pytest.mark.parametrize("diameter, blanks", [("30mm", 1), ("42mm", 2), ("55mm", 3)])
def test_blank_rows_keep_the_seal_within_a_line_of_the_text(tmp_path, diameter, blanks):
    seal_png(tmp_path / "s.png")
    plan, style = plan_of(outline(tmp_path, ["青岛市财政局"],
                                  f"seal:\n  image: s.png\n  diameter: {diameter}\n"))
    grid = Grid.of(style)
    page = plan.pages[-1]
    (picture,) = page.pictures
    text = max(line.row for line in page.body if line.kind == "body")
    ((_, name),) = lines_of(plan, "signature")
    assert name.row - text - 1 == blanks
    text_bottom = grid.row_top(text + 1)
    assert text_bottom <= picture.top <= text_bottom + grid.pitch


def test_joint_seals_each_over_its_name_apart_and_in_the_type_area(tmp_path):
    for name in "abc":
        seal_png(tmp_path / f"{name}.png")
    issuers = ["青岛市工业和信息化局", "青岛市财政局", "青岛市科学技术局"]
    plan, style = plan_of(outline(tmp_path, issuers,
                                  "seal:\n  images: [a.png, b.png, c.png]\n"))
    grid = Grid.of(style)
    page = plan.pages[-1]
    pictures = page.pictures
    assert len(pictures) == 3
    centres = [(p.x + p.width / 2, p.top + p.height / 2) for p in pictures]
    for p in pictures:
        assert grid.left <= p.x and p.x + p.width <= grid.right
    for i, (a, b) in enumerate(zip(centres, centres[1:])):
        assert ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 > pictures[i].width  # apart
    # two rows: the first two seals side by side, the third under the second, on the date
    assert centres[0][1] == centres[1][1] < centres[2][1]
    assert centres[1][0] == pytest.approx(centres[2][0])
    ((_, date),) = lines_of(plan, "date")
    assert centres[2][0] == pytest.approx(centre_of(date), abs=0.05)
    # each 署名 centred under its seal, on the seal's middle row
    names = {}
    for _, line in lines_of(plan, "signature"):
        for span in line.spans:
            names.setdefault(line.row, []).append(span)
    spans = [s for row in sorted(names) for s in names[row]]
    texts = "".join(s.text for s in spans)
    assert texts == "".join(issuers)
    starts = [texts.index(name) for name in issuers]
    xs = [x for s in spans for x in s.xs]
    size = spans[0].size
    for name, start, (cx, cy) in zip(issuers, starts, centres):
        left, right = xs[start], xs[start + len(name) - 1] + size
        assert (left + right) / 2 == pytest.approx(cx, abs=0.05), name


def test_a_signature_seal_picture_on_the_signer_name(tmp_path):
    seal_png(tmp_path / "sig.png", pixels=200)
    path = outline(tmp_path, [], "seal: signature\n",
                   "signer:\n  title: 青岛市市长\n  name: 张三\n  image: sig.png\n"
                   "  width: 20mm\n")
    plan, style = plan_of(path)
    grid = Grid.of(style)
    ((page, line),) = lines_of(plan, "signer")
    (picture,) = page.pictures
    assert picture.width == pytest.approx(20 * MM, abs=0.01)
    span = line.spans[-1]
    assert span.text.endswith("张三")
    name_centre = (span.xs[-2] + span.xs[-1] + span.size) / 2
    assert picture.x + picture.width / 2 == pytest.approx(name_centre, abs=0.05)
    assert picture.top + picture.height / 2 == pytest.approx(
        grid.row_top(line.row) + grid.pitch / 2, abs=0.01)


def test_the_docx_anchors_each_seal_behind_the_text_at_the_plans_place(tmp_path):
    out = tmp_path / "out"
    assert main(["build", "-q", "--format", "docx", "-o", str(out),
                 str(EXAMPLES / "notice-joint-sealed.yaml")]) == 0
    plan, _ = plan_of(EXAMPLES / "notice-joint-sealed.yaml")
    pictures = plan.pages[-1].pictures
    with zipfile.ZipFile(out / "notice-joint-sealed.docx") as docx:
        xml = etree.fromstring(docx.read("word/document.xml"))
        media = [name for name in docx.namelist() if name.startswith("word/media/")]
    anchors = xml.findall(".//wp:anchor", NS)
    assert len(anchors) == len(pictures) == 2 and len(media) == 2
    for anchor, picture in zip(anchors, pictures):
        assert anchor.get("behindDoc") == "1"
        assert anchor.find("wp:wrapNone", NS) is not None
        for axis, value in (("positionH", picture.x), ("positionV", picture.top)):
            position = anchor.find(f"wp:{axis}", NS)
            assert position.get("relativeFrom") == "page"
            assert int(position.find("wp:posOffset", NS).text) == round(value * 12700)
        assert int(anchor.find("wp:extent", NS).get("cx")) == round(picture.width * 12700)
        paragraph = anchor.getparent()
        while paragraph.tag != f"{{{NS['w']}}}p":
            paragraph = paragraph.getparent()
        style = paragraph.find("w:pPr/w:pStyle", NS).get(f"{{{NS['w']}}}val")
        assert style == "GwSignature", style  # in the 署名's paragraph


def test_fmt_writes_the_path_back_not_the_image(tmp_path):
    for name in ("notice-sealed.yaml", "seal-a.png"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    target = tmp_path / "notice-sealed.yaml"
    assert main(["fmt", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "image: seal-a.png" in text and "diameter: 42mm" in text
    assert len(text) < 2000 and "files" not in text


BAD = {
    "missing-file": ("seal:\n  image: nothere.png\n", "7:10: image: nothere.png: cannot read"),
    "not-an-image": ("seal:\n  image: text.png\n", "7:10: image: text.png: is not a PNG or JPEG image"),
    "gif": ("seal:\n  image: s.gif\n", "7:10: image: s.gif: is a GIF image; seal images are PNG or JPEG"),
    "no-dpi": ("seal:\n  image: nodpi.png\n", "7:10: image: nodpi.png states no physical size (no DPI): give `diameter:`"),
    "both": ("seal:\n  image: s.png\n  images: [s.png]\n", "7:3: seal: give `image:` (one issuer) or `images:`"),
    "count": ("seal:\n  images: [s.png, s.png]\n", "7:11: seal: 2 images for 1 issuers"),
    "diameter": ("seal:\n  image: s.png\n  diameter: 9cm\n", "8:13: seal: diameter: expected a length from 20mm to 80mm"),
    "signer-image-unsealed": ("seal: seal\nsigner:\n  title: 市长\n  name: 张三\n  image: s.png\n",
                              "10:10: signer: a 签名章 image goes with `seal: signature`"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_seal_images_are_refused_at_their_place(tmp_path, capsys, name):
    seal_png(tmp_path / "s.png")
    seal_png(tmp_path / "nodpi.png", dpi=None)
    (tmp_path / "text.png").write_text("not an image", encoding="utf-8")
    Image.new("RGB", (10, 10)).save(tmp_path / "s.gif", "GIF")
    seal, message = BAD[name]
    source = outline(tmp_path, ["青岛市财政局"], seal)
    out = tmp_path / "out"
    assert main(["build", "-o", str(out), str(source)]) == 2
    err = capsys.readouterr().err
    assert f"{source}:{message}" in err, err
    assert not out.exists()


def test_a_truncated_png_is_refused(tmp_path, capsys):
    data = seal_png(tmp_path / "s.png").read_bytes()
    (tmp_path / "s.png").write_bytes(data[: len(data) // 2])
    source = outline(tmp_path, ["青岛市财政局"], "seal:\n  image: s.png\n")
    assert main(["check", str(source)]) == 2
    assert "is not a readable PNG or JPEG image" in capsys.readouterr().err


def test_a_jpeg_seal_is_accepted(tmp_path):
    seal_png(tmp_path / "s.jpg", fmt="JPEG")
    plan, _ = plan_of(outline(tmp_path, ["青岛市财政局"], "seal:\n  image: s.jpg\n"))
    (picture,) = plan.pages[-1].pictures
    assert picture.data[:2] == b"\xff\xd8"
    assert io.BytesIO(picture.data).getbuffer().nbytes > 0


def test_a_changed_seal_shows_as_a_changed_field_and_the_redline_keeps_it(tmp_path, capsys):
    for name in ("notice-sealed.yaml", "seal-a.png", "seal-b.png"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    old = tmp_path / "notice-sealed.yaml"
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("seal-a.png", "seal-b.png"),
                   encoding="utf-8")
    redline = tmp_path / "r.docx"
    assert main(["diff", str(old), str(new), "--format", "json", "--docx", str(redline)]) == 1
    assert '"image": "seal-b.png"' in capsys.readouterr().out
    with zipfile.ZipFile(redline) as docx:
        assert b"behindDoc=\"1\"" in docx.read("word/document.xml")
