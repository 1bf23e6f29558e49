"""`reviewkit users add|list|remove`: tokens printed once, stored hashed, revocable."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reviewkit.cli.app import main
from reviewkit.store import DB_NAME, Store
from reviewkit.store.users import user_for_token


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    main(list(argv))
    return capsys.readouterr().out


def test_add_list_remove(review: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "users", "add", "bea", "--project", str(review))
    token = out.strip().splitlines()[-1]
    assert len(token) >= 40
    with Store(review / DB_NAME) as store:
        assert user_for_token(store, token) == "bea"
        dump = "\n".join(store.db.conn.iterdump())
    assert token not in dump
    assert hashlib.sha256(token.encode()).hexdigest() in dump
    assert run(capsys, "users", "list", "--project", str(review)).startswith("bea  added ")
    assert run(capsys, "users", "remove", "bea", "--project", str(review)) == "removed bea\n"
    with Store(review / DB_NAME) as store:
        assert user_for_token(store, token) is None
    assert "no users" in run(capsys, "users", "list", "--project", str(review))


def test_two_users_get_different_tokens_and_names_are_unique(
    review: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = run(capsys, "users", "add", "ann", "--project", str(review)).splitlines()[-1]
    two = run(capsys, "users", "add", "bob", "--project", str(review)).splitlines()[-1]
    assert one != two
    with pytest.raises(SystemExit) as exc:
        main(["users", "add", "ann", "--project", str(review)])
    assert exc.value.code == 1
    assert "user 'ann' exists already" in capsys.readouterr().err


def test_removing_an_unknown_user_says_so(review: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["users", "remove", "zed", "--project", str(review)])
    assert "no user 'zed'; see `reviewkit users list`" in capsys.readouterr().err
