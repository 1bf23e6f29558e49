"""The review store: one SQLite file per review. The only package that touches SQL."""

from reviewkit.store.db import DB_NAME, Store, find_project, init_project, open_project

__all__ = ["DB_NAME", "Store", "find_project", "init_project", "open_project"]
