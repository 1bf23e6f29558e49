"""The review store: one SQLite file per review. The only package that touches SQL."""

from reviewkit.store.db import DB_NAME, Store
from reviewkit.store.folder import (
    CONFIG_NAME,
    find_project,
    folder_config,
    init_project,
    open_project,
)

__all__ = [
    "CONFIG_NAME",
    "DB_NAME",
    "Store",
    "find_project",
    "folder_config",
    "init_project",
    "open_project",
]
