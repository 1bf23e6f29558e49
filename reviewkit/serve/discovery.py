"""The file a running server leaves in its review folder so the CLI on the same machine finds it."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

SERVER_FILE = "reviewkit.server.json"


@dataclass(frozen=True)
class ServerInfo:
    """Where a review's server listens, and the secret that lets local commands in."""

    url: str
    pid: int
    token: str


def write_server_file(folder: Path, info: ServerInfo) -> Path:
    """Write `info` readable by its owner only (mode 0600): it holds a token."""
    path = folder / SERVER_FILE
    tmp = path.with_suffix(".json.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"url": info.url, "pid": info.pid, "token": info.token}, fh)
    os.replace(tmp, path)
    return path


def remove_server_file(folder: Path, pid: int) -> None:
    """Remove the file if it is still the one process `pid` wrote."""
    info = read_server_file(folder)
    if info is not None and info.pid == pid:
        (folder / SERVER_FILE).unlink(missing_ok=True)


def read_server_file(folder: Path) -> ServerInfo | None:
    """The server named in `folder`, or None when there is none or the file is unreadable."""
    try:
        data = json.loads((folder / SERVER_FILE).read_text(encoding="utf-8"))
        return ServerInfo(str(data["url"]), int(data["pid"]), str(data["token"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def pid_alive(pid: int) -> bool:
    """Whether a process `pid` exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
