"""`python -m generator` is the `summit` command."""

from .cli import run

run()
