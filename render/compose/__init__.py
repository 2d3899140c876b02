"""Composition: an outline and its resolved style → the document's blocks, in reading order
(GB/T 9704 §7): 版头, 标题, 主送机关, 正文, 附件说明, 署名 and 成文日期, 附注, 附件, 版记. The blocks
are a closed set of frozen types (render/compose/blocks.py); no I/O and no font metrics here.
"""

from .assemble import assemble as compose

__all__ = ["compose"]
