"""`python -m reviewkit` runs the CLI."""

from reviewkit.cli import main

main()
