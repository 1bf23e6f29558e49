"""Every command is in the README and has help; the README opens with the two set-up blocks."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from reviewkit.cli import cli

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        if isinstance(command, click.Group):
            found.extend(_commands(command, f"{full} "))
        else:
            found.append((full, command))
    return found


@pytest.mark.parametrize(("name", "command"), _commands(cli))
def test_command_is_documented_and_has_help(name: str, command: click.Command) -> None:
    assert f"| `reviewkit {name}" in README, f"`reviewkit {name}` is missing from README.md"
    assert command.help, f"`reviewkit {name}` has no help text"
    result = CliRunner().invoke(cli, [*name.split(), "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_readme_opens_with_the_two_quick_start_blocks() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    assert len(blocks) >= 2
    assert "torch==2.13.0" in blocks[0] and "reviewkit demo" in blocks[0]
    assert '".[test]"' in blocks[1] and "pytest" in blocks[1]
    assert blocks[0].index("torch==2.13.0") < blocks[0].index("pip install -e")


def test_readme_lists_every_setting() -> None:
    from reviewkit.config import SETTINGS

    for setting in SETTINGS:
        assert f"| `{setting.key}` |" in README, f"setting {setting.key} is missing from README"


def _cogged(text: str) -> str:
    """README.md with its cog blocks generated afresh from the code."""
    from cogapp import Cog

    return Cog().process_string(text, fname="README.md")


def test_readme_tables_are_generated_from_the_code() -> None:
    assert README.count("[[[end]]]") == 2, "README.md lost its cog blocks (commands, settings)"
    assert _cogged(README) == README, (
        "README.md's command or settings table differs from the code: run `cog -r README.md`"
    )


def test_the_tables_check_fails_when_the_readme_drifts() -> None:
    drifted = README.replace("| `search.k` |", "| `search.kk` |")
    assert _cogged(drifted) != drifted


def _ci_commands() -> list[str]:
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    return [line for line in ci.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_ci_runs_exactly_the_readme_blocks() -> None:
    commands = _ci_commands()
    blocks = [b.strip() for b in re.findall(r"```bash\n(.*?)```", README, re.S)[:2]]
    assert blocks[0] in commands, ".ci/run must run README block 1 verbatim"
    assert commands[-1] == blocks[1], ".ci/run must end with README block 2 verbatim"
    assert commands.index(blocks[0]) < len(commands) - 1


def test_ci_runs_the_linters_before_the_tests() -> None:
    commands = _ci_commands()
    tests_at = len(commands) - 1  # README block 2 (checked above) runs pytest
    for linter in (".venv/bin/ruff check .", ".venv/bin/ruff format --check .", ".venv/bin/mypy"):
        assert linter in commands, f".ci/run does not run `{linter}`"
        assert commands.index(linter) < tests_at, f"`{linter}` must run before the tests"
