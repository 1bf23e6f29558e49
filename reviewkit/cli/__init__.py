"""The command line: thin clients of the library. The only package importing click.

Each module registers its commands on :data:`reviewkit.cli.app.cli`; importing
this package registers them all. Heavy libraries are imported inside commands,
so ``reviewkit --help`` stays fast.
"""

from __future__ import annotations

import importlib

from reviewkit.cli.app import cli, main

_COMMAND_MODULES = (
    "project",
    "documents",
    "extraction",
    "screening",
    "searching",
    "exporting",
    "demo",
    "tui",
)

for _name in _COMMAND_MODULES:
    try:
        importlib.import_module(f"reviewkit.cli.{_name}")
    except ModuleNotFoundError as exc:
        # A command family not written yet; every other command still works.
        if exc.name != f"reviewkit.cli.{_name}":
            raise

__all__ = ["cli", "main"]
