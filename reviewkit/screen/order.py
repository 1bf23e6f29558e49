"""The order records are offered in before any model has ranked them.

Kept free of numpy and scikit-learn so the TUI can show its first record
without loading the prioritisation model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def fixed_order(stage: str, ids: Iterable[int]) -> list[int]:
    """A pseudo-random order that every reviewer and every run agrees on."""
    return sorted(ids, key=lambda i: hashlib.sha1(f"{stage}:{i}".encode()).hexdigest())
