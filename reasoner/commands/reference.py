"""The commands that describe the tool itself: the encoded provisions (rules) and the JSON Schema
of case files (schema)."""

from __future__ import annotations

import json
import sys

import click

from reasoner.commands.common import FORMAT, LANG


@click.command()
@LANG
@FORMAT
def rules(lang: str, fmt: str) -> None:
    """List every encoded provision: id, citation, source text and rule file."""
    from reasoner.law.catalogue import catalogue

    provisions = list(catalogue().values())
    if fmt == "json":
        from reasoner.render.json_out import rules_json

        sys.stdout.write(rules_json(provisions, lang))
        return
    from reasoner.render.terminal import print_rules
    from reasoner.render.typeset import console

    print_rules(provisions, lang, console())


@click.command()
def schema() -> None:
    """Print the JSON Schema of case files (for editors to complete and check them): one branch per
    kind of act, with the fields of that kind; each value of a closed list with its Chinese label."""
    from reasoner.commands.case_schema import case_schema

    sys.stdout.write(json.dumps(case_schema(), ensure_ascii=False, indent=2) + "\n")
