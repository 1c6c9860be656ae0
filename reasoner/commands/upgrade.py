"""``reasoner upgrade``: rewrite a case file of an older format in the current one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reasoner.commands.common import fail, say


@click.command()
@click.argument("case_file", type=click.Path(dir_okay=False, exists=True))
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="write here instead of in place")
def upgrade(case_file: str, output: str | None) -> None:
    """Rewrite CASE_FILE in the current case format (comments kept) and list the changes.

    A file of an older format stays valid with the same meaning; this writes it in the current one.
    In place, the file as it was is kept beside it (case.format-1.yaml)."""
    from reasoner.case.errors import CaseFileError
    from reasoner.case.read import case_text, parse, read_case
    from reasoner.case.upgrade import backup_path, upgrade_file

    target = Path(output) if output else None
    if target is not None and target.resolve() == Path(case_file).resolve():
        target = None
    try:
        raw = read_case(case_file)  # read as check reads it: a regular file, its size, UTF-8
        parse(case_text(raw, case_file), case_file)  # and its YAML within the limits, before ruamel.yaml
        changes = upgrade_file(Path(case_file), target, raw)
    except CaseFileError as e:  # not a case file that can be read: the errors, exit 2
        fail(e, "en")
    except (OSError, ValueError) as e:
        say(f"{case_file}: cannot upgrade: {e}", err=True)
        sys.exit(1)
    if not changes:
        say(f"{case_file}: already in the current format; nothing changed")
        return
    say(f"{target or case_file}: upgraded")
    if target is None:
        old_version = changes[0].split(":", 1)[1].split("->")[0].strip()
        say(f"  (the file as it was: {backup_path(Path(case_file), old_version)})")
    for change in changes:
        say(f"  - {change}")
