"""The review folder: where its database and its settings file live, found, created, opened.

One place for the folder's layout (``reviewkit.db`` beside ``reviewkit.toml``),
so no command builds those paths itself.
"""

from __future__ import annotations

from pathlib import Path

from reviewkit.config import CONFIG_NAME, Config, load_config, render_config
from reviewkit.errors import ProjectNotFoundError, ReviewkitError
from reviewkit.store.db import DB_NAME, Store

__all__ = [
    "CONFIG_NAME",
    "DB_NAME",
    "find_project",
    "folder_config",
    "init_project",
    "open_project",
]


def find_project(start: Path | None = None, project: Path | None = None) -> Path:
    """Find the review folder like git finds a repository.

    Args:
        start: where to start walking upwards (default: the current folder).
        project: an explicit ``--project DIR``; must hold reviewkit.db.

    Raises:
        ProjectNotFoundError: with what to do about it.
    """
    if project is not None:
        if (project / DB_NAME).is_file():
            return project
        raise ProjectNotFoundError(
            f"{project}: not a review folder (no {DB_NAME}); run `reviewkit init {project}`"
        )
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DB_NAME).is_file():
            return folder
    raise ProjectNotFoundError(
        f"{here}: no review folder here or above (no {DB_NAME}); "
        "run `reviewkit init DIR` or pass --project DIR"
    )


def init_project(folder: Path) -> Path:
    """Create a review folder: reviewkit.db (migrated) and reviewkit.toml.

    An existing review is left as it is (its database is migrated to the
    current schema); an existing reviewkit.toml is never overwritten.
    """
    if folder.exists() and not folder.is_dir():
        raise ReviewkitError(f"{folder}: exists and is not a folder; choose another path")
    folder.mkdir(parents=True, exist_ok=True)
    Store(folder / DB_NAME).close()
    config = folder / CONFIG_NAME
    if not config.exists():
        config.write_text(render_config(), encoding="utf-8")
    return folder


def open_project(folder: Path) -> tuple[Store, Config]:
    """Open the store and settings of a review folder found by :func:`find_project`."""
    return Store(folder / DB_NAME), folder_config(folder)


def folder_config(folder: Path) -> Config:
    """The settings of a review folder (defaults where its reviewkit.toml is silent)."""
    return load_config(folder / CONFIG_NAME)
