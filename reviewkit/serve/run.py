"""Running the server: uvicorn, the `serving on` line and the discovery file."""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path

import uvicorn

from reviewkit.serve.app import make_app
from reviewkit.serve.discovery import ServerInfo, remove_server_file, write_server_file


def serve(folder: Path, host: str, port: int, echo: Callable[[str], None]) -> None:
    """Serve the review in `folder` until interrupted; `echo` gets the `serving on` line.

    The line is printed, and the discovery file written, only once the model
    and vectors are loaded and the socket listens.
    """
    local_token = secrets.token_urlsafe(32)
    app = make_app(folder, local_token=local_token)
    server = uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    )
    pid = os.getpid()
    url = f"http://{_url_host(host)}:{port}"

    def announce() -> None:
        while not server.started:
            if server.should_exit:
                return
            time.sleep(0.05)
        write_server_file(folder, ServerInfo(url, pid, local_token))
        echo(f"serving on {url}")

    watcher = threading.Thread(target=announce, name="reviewkit-serve-announce", daemon=True)
    watcher.start()
    try:
        server.run()
    finally:
        remove_server_file(folder, pid)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
