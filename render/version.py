"""The version string, without importlib.metadata at start-up (it costs tens of milliseconds)."""

VERSION = "0.1.0"  # keep equal to pyproject.toml's version (tests/test_cli.py checks)
