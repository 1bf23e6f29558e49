"""reviewkit: a local-first evidence-review workbench."""

__version__ = "0.1.0"
