"""`reviewkit serve` as a real process: the `serving on` line, discovery by the CLI, a browser."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewkit.serve.discovery import SERVER_FILE


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewkit", *argv], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def server(review: Path) -> Iterator[str]:
    """A running `reviewkit serve` over the review; yields its URL."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewkit", "serve", "--project", str(review), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == f"serving on http://127.0.0.1:{port}", line
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert not (review / SERVER_FILE).exists()


def test_search_and_status_ask_the_server_and_print_the_same(server: str, review: Path) -> None:
    info = review / SERVER_FILE
    assert stat.S_IMODE(info.stat().st_mode) == 0o600
    assert json.loads(info.read_text())["url"] == server
    args = ("--project", str(review))
    from reviewkit.serve.client import ask_server

    asked = ask_server(review, "/api/search", {"q": "pooled budgets", "mode": "keyword"})
    assert asked is not None and asked["results"][0]["title"] == "Paper A"
    served = _cli("search", "pooled budgets", "--mode", "keyword", "--json", *args)
    shown = _cli("search", "pooled budgets", "--mode", "keyword", *args)
    status = _cli("status", "--json", *args)
    bad = _cli("search", "x", "--mode", "semantic", *args)
    # With the server gone, the same commands answer from the review itself.
    data = json.loads(info.read_text())
    os.replace(info, review / "moved.json")
    assert _cli("search", "pooled budgets", "--mode", "keyword", "--json", *args).stdout == (
        served.stdout
    )
    assert _cli("search", "pooled budgets", "--mode", "keyword", *args).stdout == shown.stdout
    assert _cli("status", "--json", *args).stdout == status.stdout
    assert bad.returncode == 1 and "no passage has been embedded yet" in bad.stderr
    assert "Paper A" in shown.stdout
    # A file naming a dead process is ignored.
    info.write_text(json.dumps(data | {"pid": 2**22 + 12345}))
    assert _cli("status", "--json", *args).stdout == status.stdout
    os.replace(review / "moved.json", info)


def test_the_server_answers_only_with_a_token(server: str) -> None:
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(f"{server}/api/status", timeout=10)
    assert exc.value.code == 401


def test_a_browser_logs_in_searches_and_opens_a_hit(server: str, review: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    token = _cli("users", "add", "cat", "--project", str(review)).stdout.splitlines()[-1]
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(arg)
    # An explicit driver path: Selenium Manager never looks for (or downloads) one.
    driver = webdriver.Chrome(
        service=Service(executable_path="/usr/bin/chromedriver"), options=options
    )
    driver.implicitly_wait(15)  # each find waits for the page the last click loads
    try:
        driver.get(server + "/")
        assert driver.find_element(By.ID, "token")  # not logged in: the login form
        driver.find_element(By.ID, "token").send_keys(token)
        driver.find_element(By.ID, "login").click()
        box = driver.find_element(By.ID, "q")
        box.send_keys("pooled budgets")
        Select(driver.find_element(By.NAME, "mode")).select_by_value("keyword")
        driver.find_element(By.ID, "go").click()
        links = driver.find_elements(By.CSS_SELECTOR, "a.hit-link")
        assert links, driver.find_element(By.TAG_NAME, "body").text
        link = links[0]
        assert link.text == "Paper A, p. 2"
        link.click()
        marked = driver.find_element(By.ID, "passage").text
        assert "Partners contributed money to a single fund" in marked
        assert "Pooled budgets" in driver.find_element(By.ID, "page").text
    finally:
        driver.quit()
