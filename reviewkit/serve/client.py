"""Asking a review's running server from the CLI (standard library only: no torch, no web stack)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from reviewkit.errors import ReviewkitError
from reviewkit.serve.discovery import pid_alive, read_server_file

#: Seconds to wait for an answer; a warm server answers a search in well under one.
TIMEOUT_S = 30.0


def ask_server(folder: Path, path: str, params: dict[str, str]) -> dict[str, Any] | None:
    """GET `path` from the server of `folder`, or None when no server answers.

    A dead pid, a refused connection or a foreign answer count as "no server",
    so the caller falls back to working on the review itself.

    Raises:
        ReviewkitError: when the server answers with an error of the request
            (the same message the local path would give).
    """
    info = read_server_file(folder)
    if info is None or not pid_alive(info.pid):
        return None
    url = f"{info.url}{path}?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {info.token}"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            body = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        message = _error_message(exc)
        if exc.code == 400 and message:
            raise ReviewkitError(message) from None
        return None
    except (OSError, ValueError):
        return None
    return body if isinstance(body, dict) else None


def _error_message(exc: urllib.error.HTTPError) -> str | None:
    try:
        data = json.loads(exc.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    error = data.get("error") if isinstance(data, dict) else None
    return error if isinstance(error, str) else None
