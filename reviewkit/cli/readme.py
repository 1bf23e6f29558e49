"""The README's command and settings tables, generated from the code.

README.md holds them between cog markers; `cog -r README.md` rewrites them and
`tests/cli/test_docs.py` fails when they have drifted from the code.
"""

from __future__ import annotations

import click

from reviewkit.cli.app import cli
from reviewkit.config import SETTINGS, toml_value

_LIST_SHOWN = 2


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


# Options every review command has; the table would repeat them on every row.
_COMMON_OPTIONS = {"--project", "--help"}


def _metavar(param: click.Parameter, ctx: click.Context) -> str:
    metavar = param.make_metavar(ctx)
    return (param.name or metavar).upper() if metavar == "TEXT" else metavar


def _synopsis(command: click.Command) -> str:
    """Arguments and required options, e.g. ``--reviewer REVIEWER --output FILE``."""
    ctx = click.Context(command)
    parts = []
    for param in command.params:
        if isinstance(param, click.Argument):
            parts.append(_metavar(param, ctx))
        elif isinstance(param, click.Option) and param.required:
            parts.append(f"{max(param.opts, key=len)} {_metavar(param, ctx)}")
    return " ".join(parts)


def _optional(command: click.Command) -> str:
    """The command's other options, e.g. ``--json``, ``--reviewer``."""
    names = [
        max(param.opts, key=len)
        for param in command.params
        if isinstance(param, click.Option) and not param.required
    ]
    shown = [f"`{name}`" for name in names if name not in _COMMON_OPTIONS]
    return f" Options: {', '.join(shown)}." if shown else ""


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            if command.invoke_without_command:  # a command of its own too
                found.append((f"{prefix}{name}", command))
            found.extend(_commands(command, f"{prefix}{name} "))
        else:
            found.append((f"{prefix}{name}", command))
    return found


def commands_table() -> str:
    """One row per command: its name with arguments and required options, and its help."""
    rows = ["| command | what it does |", "|---|---|"]
    for name, command in _commands(cli, "reviewkit "):
        usage = " ".join(filter(None, [name, _synopsis(command)]))
        what = command.get_short_help_str(limit=300) + _optional(command)
        rows.append(f"| `{_cell(usage)}` | {_cell(what)} |")
    return "\n".join(rows) + "\n"


def _default(value: object) -> str:
    if isinstance(value, list) and len(value) > _LIST_SHOWN:
        shown = toml_value(value[:_LIST_SHOWN])
        return f"{shown[:-1]}, ...]"
    return toml_value(value)


def settings_table() -> str:
    """One row per setting of reviewkit.toml: key, default and help."""
    rows = ["| setting | default | what it does |", "|---|---|---|"]
    for s in SETTINGS:
        rows.append(f"| `{s.key}` | `{_cell(_default(s.default))}` | {_cell(s.help)} |")
    return "\n".join(rows) + "\n"
