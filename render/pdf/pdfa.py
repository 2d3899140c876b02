"""A finished PDF made PDF/A-1b (ISO 19005-1 = GB/T 23286.1), for archives: `gongwen build --pdfa`.

It post-processes the writer's bytes with pikepdf (qpdf), imported only here: an sRGB output
intent (the ICC v2 profile pikepdf ships, from the icc-profiles-free collection), XMP metadata
that says what the document information dictionary says (and declares pdfaid part 1,
conformance B), each image's soft mask (forbidden in PDF/A-1) replaced by a stencil mask with
the colours composed onto white where the alpha lets the paper show through (pictures are drawn
first on a page, so only paper is under them), and the file written as PDF 1.4 by qpdf, which
puts an end of line before every `endstream` and no object or cross-reference streams. The
output is deterministic: the file ID is a hash of the content, the dates the outline's.
"""

from __future__ import annotations

import io
import zlib
from importlib.resources import files
from html import escape

PROFILE = ("pdfa", "data", "sRGB.icc")  # inside the pikepdf package
CONDITION = "sRGB IEC61966-2.1"

# The Info dictionary's entries and the XMP properties that must agree with them
# (ISO 19005-1 §6.7.3): key → (namespace prefix, property, how the value is held).
INFO_TO_XMP = {
    "/Title": ("dc", "title", "alt"),
    "/Author": ("dc", "creator", "seq"),
    "/Subject": ("dc", "description", "alt"),
    "/Creator": ("xmp", "CreatorTool", "text"),
    "/Producer": ("pdf", "Producer", "text"),
    "/CreationDate": ("xmp", "CreateDate", "date"),
    "/ModDate": ("xmp", "ModifyDate", "date"),
}
NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}


def to_pdfa(data: bytes) -> bytes:
    """The PDF `data` as PDF/A-1b bytes."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        _output_intent(pdf, pikepdf)
        for image in _images(pdf, pikepdf):
            _stencil_instead_of_soft_mask(pdf, image, pikepdf)
        info = {key: str(pdf.docinfo[key]) for key in INFO_TO_XMP if key in pdf.docinfo}
        language = str(pdf.Root.Lang) if "/Lang" in pdf.Root else ""
        metadata = pikepdf.Stream(pdf, xmp(info, language).encode("utf-8"))
        metadata.Type, metadata.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
        pdf.Root.Metadata = pdf.make_indirect(metadata)  # unfiltered (§6.7.2)
        out = io.BytesIO()
        pdf.save(out, force_version="1.4", deterministic_id=True, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def srgb_profile() -> bytes:
    """The sRGB ICC profile (version 2, as PDF/A-1 requires) that pikepdf ships."""
    return files("pikepdf").joinpath(*PROFILE).read_bytes()


def _output_intent(pdf, pikepdf) -> None:
    """The catalog's one PDF/A output intent: sRGB, the colours every page is drawn in."""
    profile = pikepdf.Stream(pdf, zlib.compress(srgb_profile(), 9))
    profile.Filter, profile.N = pikepdf.Name.FlateDecode, 3
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=CONDITION, Info=CONDITION,
        RegistryName="http://www.color.org", DestOutputProfile=pdf.make_indirect(profile))
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])


def _images(pdf, pikepdf) -> list:
    """Every image XObject of the file, once each."""
    return [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
            and obj.get("/Subtype") == pikepdf.Name.Image and "/SMask" in obj]


def _stencil_instead_of_soft_mask(pdf, image, pikepdf) -> None:
    """An image's soft mask made a stencil (/Mask): a pixel shows where its alpha is not 0, in
    its colour composed onto white by its alpha — the same look over the paper."""
    from PIL import Image

    colour = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
    alpha = pikepdf.PdfImage(image.SMask).as_pil_image().convert("L")
    white = Image.new("RGB", colour.size, (255, 255, 255))
    flat = Image.composite(colour, white, alpha)
    hidden = alpha.point(lambda a: 255 if a == 0 else 0).convert("1")  # 1: paper shows
    mask = pikepdf.Stream(pdf, zlib.compress(hidden.tobytes(), 9))
    mask.Type, mask.Subtype, mask.Filter = pikepdf.Name.XObject, pikepdf.Name.Image, \
        pikepdf.Name.FlateDecode
    mask.Width, mask.Height = hidden.size
    mask.ImageMask, mask.BitsPerComponent = True, 1
    image.write(zlib.compress(flat.tobytes(), 9), filter=pikepdf.Name.FlateDecode)
    image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceRGB, 8
    for key in ("/SMask", "/DecodeParms", "/Decode"):
        if key in image:
            del image[key]
    image.Mask = pdf.make_indirect(mask)


def xmp(info: dict[str, str], language: str = "") -> str:
    """The XMP packet for an Info dictionary's entries (PDF strings, dates D:…+08'00') and the
    catalog's /Lang (dc:language)."""
    properties = []
    for key, (prefix, name, kind) in INFO_TO_XMP.items():
        if key not in info:
            continue
        value = escape(xmp_date(info[key]) if kind == "date" else info[key], quote=False)
        if kind == "alt":
            value = f'<rdf:Alt><rdf:li xml:lang="x-default">{value}</rdf:li></rdf:Alt>'
        elif kind == "seq":
            value = f"<rdf:Seq><rdf:li>{value}</rdf:li></rdf:Seq>"
        properties.append(f"<{prefix}:{name}>{value}</{prefix}:{name}>")
    if language:
        properties.append(f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag>"
                          "</dc:language>")
    properties += ["<pdfaid:part>1</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]
    declarations = " ".join(f'xmlns:{p}="{uri}"' for p, uri in NAMESPACES.items())
    body = "\n".join(f"   {p}" for p in properties)
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            f'  <rdf:Description rdf:about="" {declarations}>\n{body}\n  </rdf:Description>\n'
            ' </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>')


def xmp_date(pdf_date: str) -> str:
    """A PDF date (D:YYYYMMDDHHmmSS+HH'mm') as an XMP one (YYYY-MM-DDTHH:mm:SS+HH:mm)."""
    d = pdf_date.removeprefix("D:")
    zone = "Z" if d[14:15] in ("Z", "") else f"{d[14]}{d[15:17]}:{d[18:20]}"
    return f"{d[0:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}{zone}"
