"""The command line: ``reasoner``, a click group of the commands in :mod:`reasoner.commands`.

It holds no legal logic: each command reads a case, calls the stages, and prints.  What a command
prints is flushed before it returns, so that a failure to write the standard output (a full disk,
``/dev/full``) is one line on the standard error and exit 1, never a traceback (docs/limits.md).
"""

from __future__ import annotations

import errno
import os
import sys

import click

from reasoner.commands.batch import batch
from reasoner.commands.check import check, report, why_not
from reasoner.commands.new import new
from reasoner.commands.open_facts import ask, what_if, what_it_takes_cmd
from reasoner.commands.reference import rules, schema
from reasoner.commands.serve import serve
from reasoner.commands.upgrade import upgrade


def _lang(args: list[str]) -> str:
    """The --lang of the command line (the output's language; Chinese by default)."""
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return "zh"


class _Group(click.Group):
    """The commands, with the standard output flushed before they return and a failure to write it
    reported in one line: exit 1 (a broken pipe, whose reader has gone, quietly)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["reasoner.argv"] = list(args)  # for the language of an error after the command
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()
        except OSError as e:
            _output_failed(e, _lang(ctx.meta.get("reasoner.argv", [])))


def _output_failed(e: OSError, lang: str) -> None:
    from reasoner.case.errors import keyed
    from reasoner.case.files import os_reason
    from reasoner.explain.i18n import message

    try:  # what is still buffered would fail again when Python flushes it at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    if e.errno != errno.EPIPE:
        reason = os_reason(e)
        if e.filename is not None:
            text = f"{e.filename}: cannot write the file: {reason.text}"
            line = keyed("write_failed", text, path=str(e.filename), reason=reason)
        else:
            line = keyed("stdout_failed", f"cannot write to the standard output: {reason.text}", reason=reason)
        try:
            click.echo(message(line, lang), err=True)
        except OSError:
            pass
    sys.exit(1)


@click.group(cls=_Group)
@click.version_option(package_name="reasoner")
def main() -> None:
    """Reason about Chinese criminal law on information networks (CL 286-1, 287-1, 287-2)."""


for command in (check, why_not, what_it_takes_cmd, what_if, ask, report, rules, schema, new, batch, upgrade, serve):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    main()
