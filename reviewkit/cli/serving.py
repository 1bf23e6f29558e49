"""`reviewkit serve` and `reviewkit users add|list|remove`: the review as a team's server."""

from __future__ import annotations

from pathlib import Path

import click

from reviewkit.cli.app import cli
from reviewkit.cli.common import open_review, project_option


@cli.command("serve")
@project_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; loopback unless you name another.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8484, show_default=True)
def serve_command(project: Path | None, host: str, port: int) -> None:
    """Serve search, definitions, the quagmire map and the evidence table to a team.

    Every request needs a token from `reviewkit users add NAME` (header
    `Authorization: Bearer TOKEN`, or the login page). While it runs,
    `reviewkit search` and `reviewkit status` in this folder ask it.
    """
    from reviewkit.serve.run import serve
    from reviewkit.store import find_project

    folder = find_project(project=project)
    serve(folder, host, port, lambda line: click.echo(line))


@cli.group("users")
def users_group() -> None:
    """The people who may use `reviewkit serve`, each with a secret token."""


@users_group.command("add")
@click.argument("name")
@project_option
def users_add(name: str, project: Path | None) -> None:
    """Create NAME and print their token on the last line (it is shown only once)."""
    from reviewkit.store.users import add_user

    store, _, _ = open_review(project)
    with store:
        token = add_user(store, name)
    click.echo(f"added {name}; give them this token (it is stored only hashed):")
    click.echo(token)


@users_group.command("list")
@project_option
def users_list(project: Path | None) -> None:
    """Everyone who may use the server, with when they were added."""
    from reviewkit.store.users import list_users

    store, _, _ = open_review(project)
    with store:
        users = list_users(store)
    if not users:
        click.echo("no users; add one with `reviewkit users add NAME`")
    for user in users:
        click.echo(f"{user.name}  added {user.created_at}")


@users_group.command("remove")
@click.argument("name")
@project_option
def users_remove(name: str, project: Path | None) -> None:
    """Take NAME's access away; their token stops working at once."""
    from reviewkit.store.users import remove_user

    store, _, _ = open_review(project)
    with store:
        remove_user(store, name)
    click.echo(f"removed {name}")
