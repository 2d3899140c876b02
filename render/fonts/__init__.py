"""Fonts for layout and every writer: which faces set each role (`resolve`), the open faces
gongwen installs (`catalogue`, `setup`, `convert`) and what layout measures (`metrics`).

Importing this package imports neither reportlab nor fontTools: the modules that need them
(`metrics`, `convert`) are imported only by the code that uses them.
"""
