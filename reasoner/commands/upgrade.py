"""``reasoner upgrade``: rewrite a case file of an older format in the current one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reasoner.commands.common import LANG, fail, say


@click.command()
@click.argument("case_file", type=click.Path(dir_okay=False, exists=True))
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="write here instead of in place")
@LANG
def upgrade(case_file: str, output: str | None, lang: str) -> None:
    """Rewrite CASE_FILE in the current case format (comments kept) and list the changes.

    A file of an older format stays valid with the same meaning; this writes it in the current one.
    In place, the file as it was is kept beside it (case.format-1.yaml)."""
    from reasoner.case.errors import CaseFileError, keyed
    from reasoner.case.read import case_text, parse, read_case
    from reasoner.case.upgrade import UpgradeError, backup_path, old_version, upgrade_file
    from reasoner.explain.i18n import message

    target = Path(output) if output else None
    if target is not None and target.resolve() == Path(case_file).resolve():
        target = None
    try:
        raw = read_case(case_file)  # read as check reads it: a regular file, its size, UTF-8
        parse(case_text(raw, case_file), case_file)  # and its YAML within the limits, before ruamel.yaml
        changes = upgrade_file(Path(case_file), target, raw)
    except CaseFileError as e:  # not a case file that can be read: the errors, exit 2
        fail(e, lang)
    except UpgradeError as e:
        say(
            message(keyed("upgrade_failed", f"{case_file}: cannot upgrade: {e}", file=case_file, reason=e.msg), lang),
            err=True,
        )
        sys.exit(1)
    except OSError as e:
        from reasoner.case.files import os_reason

        reason = os_reason(e)
        say(
            message(
                keyed("upgrade_failed", f"{case_file}: cannot upgrade: {reason.text}", file=case_file, reason=reason),
                lang,
            ),
            err=True,
        )
        sys.exit(1)
    if not changes:
        say(
            message(
                keyed(
                    "upgrade_current", f"{case_file}: already in the current format; nothing changed", file=case_file
                ),
                lang,
            )
        )
        return
    say(message(keyed("upgrade_done", f"{target or case_file}: upgraded", file=str(target or case_file)), lang))
    if target is None:
        kept = str(backup_path(Path(case_file), old_version(changes)))
        say(message(keyed("upgrade_kept", f"  (the file as it was: {kept})", backup=kept), lang))
    for change in changes:
        say(f"  - {message(change, lang)}")
