"""What every command shares: finding the review, options, output helpers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from reviewkit.config import Config
from reviewkit.store import Store, find_project, open_project

F = TypeVar("F", bound=Callable[..., Any])


def project_option(func: F) -> F:
    """Add ``--project DIR`` to a command (default: found upwards from the cwd)."""
    return click.option(
        "--project",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Review folder (default: the nearest folder upwards holding reviewkit.db).",
    )(func)


def open_review(project: Path | None) -> tuple[Store, Config, Path]:
    """Find and open the review a command works on."""
    folder = find_project(project=project)
    store, config = open_project(folder)
    return store, config, folder


def print_json(obj: Any) -> None:
    """Print a contract object: UTF-8, stable key order as built, one trailing newline."""
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))
