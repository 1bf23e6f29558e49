"""The command line: thin clients of the library. The only package importing click.

Each module registers its commands on :data:`reviewkit.cli.app.cli`; importing
this package registers them all. Heavy libraries are imported inside commands,
so ``reviewkit --help`` stays fast.
"""

from __future__ import annotations

# Imported for their side effect: each module registers its commands on `cli`.
from reviewkit.cli import (  # noqa: F401
    demo,
    documents,
    duplicates,
    exporting,
    extraction,
    project,
    screening,
    searching,
    serving,
    sharing,
    tui,
)
from reviewkit.cli.app import cli, main

__all__ = ["cli", "main"]
