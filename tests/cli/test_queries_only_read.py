"""Queries only read: status, search, search --definitions, quagmire and export leave
the review's database exactly as they found it, and say what to run when work is missing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewkit.cli import cli
from reviewkit.store import DB_NAME

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

PAPER = (
    "Joint teams for older people\n\n"
    "Integration is defined as a coherent set of methods and models on the funding, "
    "administrative, organisational, service delivery and clinical levels designed to "
    "create connectivity, alignment and collaboration within and between the cure and "
    "care sectors. Partnership working between health and social care was studied in "
    "three localities, and pooled budgets were used by every partner.\n"
)


def _content(db: Path) -> str:
    """A digest of every row of every table (the bytes of a WAL database move on a read)."""
    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()


@pytest.fixture
def review(tmp_path: Path) -> Path:
    runner = CliRunner()
    folder = tmp_path / "review"
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    for args in (
        ["init", str(folder)],
        ["import", str(FIXTURES / "records" / "zotero.ris"), "--project", str(folder)],
        ["ingest", str(paper), "--no-embed", "--no-extract", "--project", str(folder)],
        ["decide", "1", "include", "--reviewer", "ann", "--project", str(folder)],
        ["decide", "2", "exclude", "--reviewer", "ann", "--project", str(folder)],
        ["decide", "2", "include", "--reviewer", "bob", "--project", str(folder)],
    ):
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
    return folder


def test_queries_never_write_and_name_the_command_to_run(review: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    before = _content(review / DB_NAME)
    at = ["--project", str(review)]
    notes = {}
    for name, args in {
        "status": ["status"],
        "status --json": ["status", "--json"],
        "search": ["search", "pooled budgets", "--mode", "keyword", "--json"],
        "definitions": ["search", "--definitions", "integration", "--json"],
        "quagmire": ["quagmire", "--json"],
        "evidence": ["export", "evidence", "--format", "json"],
        "records": ["export", "records", "--decision", "all", "--format", "csv"],
        "prisma": ["export", "prisma", "-o", str(tmp_path / "prisma.svg")],
        "methods": ["export", "methods"],
        "audit": ["export", "audit", "-o", str(tmp_path / "audit.csv")],
    }.items():
        result = runner.invoke(cli, [*args, *at], catch_exceptions=False)
        assert result.exit_code == 0, (name, result.output)
        assert _content(review / DB_NAME) == before, f"`reviewkit {name}` wrote to the review"
        notes[name] = result.stderr
    for name in ("definitions", "quagmire"):
        assert "no proposals of template 'integration' yet; run `reviewkit extract`" in notes[name]


def test_after_extract_the_queries_answer(review: Path) -> None:
    runner = CliRunner()
    at = ["--project", str(review)]
    assert runner.invoke(cli, ["extract", *at], catch_exceptions=False).exit_code == 0
    before = _content(review / DB_NAME)
    found = runner.invoke(cli, ["search", "pooled budgets", "--mode", "keyword", "--json", *at])
    assert json.loads(found.stdout)["results"] and not found.stderr
    defined = runner.invoke(cli, ["search", "--definitions", "integration", "--json", *at])
    assert [d["term"] for d in json.loads(defined.stdout)["definitions"]] == ["Integration"]
    assert not defined.stderr
    assert _content(review / DB_NAME) == before
