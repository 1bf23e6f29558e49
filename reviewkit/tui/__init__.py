"""The Textual app: the only package importing textual.

Import :func:`reviewkit.tui.app.make_app` to build the app; nothing here runs
at import time.
"""
