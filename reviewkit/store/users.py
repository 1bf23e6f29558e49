"""The people allowed to use a review's server, each with a secret token stored hashed."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from reviewkit.errors import ReviewkitError
from reviewkit.store.db import Store

#: Names are shown in logs and pages: keep them short and plain.
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True)
class User:
    """One person with access to the server."""

    name: str
    created_at: str


def token_digest(token: str) -> str:
    """The stored form of a token (tokens are 256 random bits, so plain sha256 suffices)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(store: Store, name: str) -> str:
    """Create `name` and return a new random token; only its digest is stored.

    Raises:
        ReviewkitError: on a malformed name or one that exists already.
    """
    if not _NAME.match(name):
        raise ReviewkitError(
            f"user name {name!r} is not allowed; use 1-64 letters, digits, '.', '_', '@' or '-'"
        )
    token = secrets.token_urlsafe(32)
    with store.write() as db:
        if db.execute("select 1 from users where name = ?", [name]).fetchone():
            raise ReviewkitError(
                f"user {name!r} exists already; `reviewkit users remove {name}` first "
                "to give them a new token"
            )
        db.table("users").insert(
            {
                "name": name,
                "token_sha256": token_digest(token),
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
        )
    return token


def list_users(store: Store) -> list[User]:
    """Everyone with access, by name."""
    rows = store.db.execute("select name, created_at from users order by name").fetchall()
    return [User(str(name), str(created)) for name, created in rows]


def remove_user(store: Store, name: str) -> None:
    """Take `name`'s access away (their token stops working at once).

    Raises:
        ReviewkitError: when there is no such user.
    """
    with store.write() as db:
        cursor = db.execute("delete from users where name = ?", [name])
        if cursor.rowcount == 0:
            raise ReviewkitError(f"no user {name!r}; see `reviewkit users list`")


def user_for_token(store: Store, token: str) -> str | None:
    """The name of the user holding `token`, or None."""
    digest = token_digest(token)
    rows = store.db.execute("select name, token_sha256 from users").fetchall()
    found = None
    # Compare every digest in constant time rather than looking the digest up by index.
    for name, stored in rows:
        if hmac.compare_digest(str(stored), digest):
            found = str(name)
    return found
