"""The battery of hostile record files (tests/fixtures/hostile_records, made by make.py):
each imports its readable records or is refused in one line, and a refusal stores nothing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from reviewkit.cli.app import main
from reviewkit.screen.importing import import_file
from reviewkit.store import DB_NAME, Store, init_project

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile_records"
MANIFEST = json.loads((HOSTILE / "manifest.json").read_text(encoding="utf-8"))


def _digest(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def test_the_battery_is_at_least_thirty_files() -> None:
    assert len(MANIFEST) >= 30
    assert all((HOSTILE / name).is_file() for name in MANIFEST)


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = init_project(tmp_path_factory.mktemp("hostile") / "review")
    with Store(folder / DB_NAME) as store:
        import_file(store, HOSTILE.parent / "records" / "zotero.ris")
    return folder


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`reviewkit ARGS` as the console script runs it (errors become one line)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_each_hostile_file_is_imported_or_refused_in_one_line(
    review: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = HOSTILE / name
    before = _digest(review / DB_NAME)
    code, out, err = _run(capsys, "import", "--again", str(path), "--project", str(review))
    assert "Traceback" not in out + err
    if MANIFEST[name]["expected"] == "refused":
        assert code == 1
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {path}: "), err
        assert _digest(review / DB_NAME) == before, "a refused file changed the review"
    else:
        assert code == 0, err
        assert out.startswith(f"{path}: ") and " records, " in out
        assert int(out.split(": ", 1)[1].split()[0]) >= 1
