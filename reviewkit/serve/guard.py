"""What every request passes before a handler: size limits, a token, a rate limit."""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

#: Largest request body accepted (the login form is the only body).
MAX_BODY_BYTES = 16 * 1024
#: Longest query string accepted.
MAX_QUERY_CHARS = 2048
COOKIE = "reviewkit_token"


@dataclass
class RateLimiter:
    """A token bucket per access token: `burst` requests at once, `per_second` after that."""

    per_second: float = 10.0
    burst: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, key: str) -> bool:
        """Take one request from `key`'s bucket; False when it is empty."""
        now = self.clock()
        with self._lock:
            level, then = self._buckets.get(key, (self.burst, now))
            level = min(self.burst, level + (now - then) * self.per_second)
            if level < 1.0:
                self._buckets[key] = (level, now)
                return False
            self._buckets[key] = (level - 1.0, now)
            return True


def bearer_token(authorization: str | None, cookie: str | None) -> str | None:
    """The token a request presents: an ``Authorization: Bearer`` header, else the cookie."""
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
        return None
    return cookie or None


def is_local_token(token: str, local: str | None) -> bool:
    """Whether `token` is the server's own secret for commands on this machine."""
    return local is not None and hmac.compare_digest(token.encode(), local.encode())
