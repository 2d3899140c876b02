"""The rules of GB/T 9704 an outline can break even when every value has the right type.

Each check returns (key path, message); the loader turns the path into file:line:col.
"""

from __future__ import annotations

import re

from . import outline

# 机关代字〔年份〕序号号: a full Arabic year in 六角括号, a sequence number without 第 or leading
# zeros (GB/T 9704 §7.2.5).
DOC_NUMBER = re.compile(r"\S+〔[0-9]{4}〕[1-9][0-9]*号")
COPY_NUMBER = re.compile(r"[0-9]{1,6}")  # ASCII digits: \d would take １２３ and ١٢٣ too
ORDER_NUMBER = re.compile(r"第[1-9][0-9]*号")


def check(document: outline.Document, stated: frozenset[str] = frozenset()
          ) -> list[tuple[tuple, str]]:
    """Rules across keys. `stated`: the top-level keys the outline gives, so that a key given
    but refused (a date that is no date) is not reported again as missing."""
    problems: list[tuple[tuple, str]] = []

    def given(key: str) -> bool:
        return key in stated

    header = document.header
    if header:
        if header.copy_number is not None and not COPY_NUMBER.fullmatch(header.copy_number):
            problems.append((("header", "copy_number"),
                             "header: copy_number (份号) must be 1 to 6 digits"))
        if header.doc_number is not None and not DOC_NUMBER.fullmatch(header.doc_number):
            problems.append((("header", "doc_number"), _doc_number_problem(header.doc_number)))
        if header.order_number is not None and not ORDER_NUMBER.fullmatch(header.order_number):
            problems.append((("header", "order_number"),
                             f"header: order_number (令号) {header.order_number!r} is not of the "
                             "form 第1号"))
    for index, attachment in enumerate(document.attachments):
        if not attachment.body and not attachment.separate:
            problems.append((("attachments", index),
                             f"attachments: 附件{index + 1} 《{''.join(attachment.title)}》 is listed in the "
                             "附件说明 but has no body; give its body, or `separate: true` if it "
                             "is bound separately"))
        if attachment.separate and attachment.body:
            problems.append((("attachments", index, "separate"),
                             f"attachments: 附件{index + 1} is bound separately (`separate: "
                             "true`), so its body would not be printed; remove the body or "
                             "`separate`"))
        if "".join(attachment.title).endswith(tuple("。，；：、.,;:")):
            problems.append((("attachments", index, "title"),
                             "attachments: an attachment's name ends without punctuation"))
    if document.seal_kind == "signature" and document.signer is None:
        problems.append((("seal",), "seal: a signature seal (签名章) needs `signer:` with the "
                                    "signer's title and name"))
    if document.seal_kind == "seal" and not document.issuers:
        problems.append((("seal",), "seal: a seal (印章) stands over the issuer's name: give "
                                    "`issuers:`"))
    problems += _seal_images(document)
    if document.seal_kind != "none" and not document.date and not given("date"):
        problems.append((("seal",), "seal: a sealed document needs its 成文日期 (`date:`)"))
    return problems


def _seal_images(document: outline.Document) -> list[tuple[tuple, str]]:
    """An electronic seal: one image per issuer, a size in range; a 签名章 image only on a
    signature-seal document."""
    from .units import length_in

    problems: list[tuple[tuple, str]] = []
    seal, signer = document.seal, document.signer
    if isinstance(seal, outline.Seal):
        count = len(document.issuers)
        if bool(seal.image) == bool(seal.images):
            problems.append((("seal",), "seal: give `image:` (one issuer) or `images:` (one per "
                                        "joint issuer)" + (", not both" if seal.image else "")))
        elif seal.image and count > 1:
            problems.append((("seal", "image"), f"seal: {count} joint issuers need one seal "
                                                "each: give `images:`, in the order of "
                                                "`issuers:`"))
        elif seal.images and len(seal.images) != count:
            problems.append((("seal", "images"), f"seal: {len(seal.images)} images for {count} "
                                                 "issuers; give one per issuer, in their order"))
        if seal.diameter is not None:
            try:
                length_in(*SEAL_DIAMETER)(seal.diameter)
            except ValueError as exc:
                problems.append((("seal", "diameter"), f"seal: diameter: {exc}"))
    if signer is not None and signer.width is not None:
        try:
            length_in(*SIGNER_WIDTH)(signer.width)
        except ValueError as exc:
            problems.append((("signer", "width"), f"signer: width: {exc}"))
    if signer is not None and signer.image and document.seal_kind != "signature":
        problems.append((("signer", "image"), "signer: a 签名章 image goes with `seal: "
                                              "signature`"))
    return problems


SEAL_DIAMETER = (20.0, 80.0)  # mm: official seals are 38–45 mm, small ones 20-odd
SIGNER_WIDTH = (10.0, 80.0)


def _doc_number_problem(text: str) -> str:
    hint = ""
    if re.search(r"[\[【［(（]\d{4}[\]】］)）]", text):
        hint = "; the year goes in 六角括号 〔〕"
    elif re.search(r"〔\d{2}〕", text):
        hint = "; write the full year"
    elif re.search(r"〕第", text) or re.search(r"〕0\d", text):
        hint = "; the number has no 第 and no leading zeros"
    return f"header: doc_number (发文字号) {text!r} is not of the form 机关代字〔2023〕5号{hint}"
