"""The command line: ``reasoner``, a click group of the commands in :mod:`reasoner.commands`.

It holds no legal logic: each command reads a case, calls the stages, and prints.
"""

from __future__ import annotations

import click

from reasoner.commands.batch import batch
from reasoner.commands.check import check, report, why_not
from reasoner.commands.open_facts import ask, what_if, what_it_takes_cmd
from reasoner.commands.reference import rules, schema
from reasoner.commands.upgrade import upgrade


@click.group()
@click.version_option(package_name="reasoner")
def main() -> None:
    """Reason about Chinese criminal law on information networks (CL 286-1, 287-1, 287-2)."""


for command in (check, why_not, what_it_takes_cmd, what_if, ask, report, rules, schema, batch, upgrade):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    main()
