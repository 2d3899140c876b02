"""gongwen-typeset: Chinese official documents (公文) from a YAML outline to GB/T 9704 .docx and PDF."""

try:
    from importlib.metadata import version as _version

    __version__ = _version("gongwen-typeset")
except Exception:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
