"""`reasoner new`: a commented case file template for one kind of act, in Chinese or English.

The templates are files beside this module (``templates/KIND.LANG.yaml``, after a common head
``templates/_head.LANG.yaml``), format 2.  Every blank is a quoted ``"<待填：…>"`` (``"<fill in: …>"``),
which validation refuses, naming its file, line and field (:data:`reasoner.case.validate.BLANK`),
until it is filled: an unfilled template must reason on nothing, so that no printout can come from a
form nobody filled in; a fact the reviewer does not know is written ``unknown``, on purpose.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from reasoner.case.acts import FIELDS_OF_KIND
from reasoner.commands.common import LANG, fail_write, say

TEMPLATES = Path(__file__).with_name("templates")


def template(kind: str, lang: str) -> str:
    """The template of a kind of act: its title line, the common head (format, case), its records."""
    body = (TEMPLATES / f"{kind}.{lang}.yaml").read_text(encoding="utf-8")
    title, rest = body.split("\n", 1)
    head = (TEMPLATES / f"_head.{lang}.yaml").read_text(encoding="utf-8")
    return f"{title}\n{head}{rest}"


def write_new(path: str, data: bytes) -> None:
    """Write a file that must not exist: a temporary file beside it, linked to its name (which
    fails if a file is there, with no moment when another's file could be written over)."""
    from reasoner.case.files import synced_temp

    target = Path(path)
    tmp = synced_temp(target, data)
    try:
        os.link(tmp, target)
    finally:
        os.unlink(tmp)


@click.command()
@click.option(
    "--kind",
    type=click.Choice(list(FIELDS_OF_KIND)),
    default="assist_network_crime",
    show_default=True,
    help="the kind of act: refuse_security_duty (CL 286-1), illegal_use_of_network (CL 287-1), "
    "assist_network_crime (CL 287-2)",
)
@LANG
@click.option("-o", "--output", default=None, help="write the template to this file (default: standard output)")
@click.option("--force", is_flag=True, help="with -o: replace an existing file")
def new(kind: str, lang: str, output: str | None, force: bool) -> None:
    """Write a commented case file template for one kind of act (format 2), in Chinese (default) or
    English.  Each blank, "<待填：…>" ("<fill in: …>"), must be replaced before `reasoner check`
    reasons on the file: until then it names every blank left (file, line, field).

    Written whole (a temporary file renamed); an existing file is kept unless --force."""
    text = template(kind, lang)
    if output is None:
        sys.stdout.write(text)
        return
    from reasoner.case.errors import keyed
    from reasoner.case.files import WriteProblem, check_target
    from reasoner.commands.common import write_bytes
    from reasoner.explain.i18n import message

    try:
        check_target(output)
    except WriteProblem as e:
        fail_write(e, lang)
    if force:
        write_bytes(output, text.encode("utf-8"), lang)
        return
    try:
        write_new(output, text.encode("utf-8"))
    except FileExistsError:
        exists = keyed("new_exists", f"{output}: exists; not written over (--force replaces it)", path=output)
        say(message(exists, lang), err=True)
        sys.exit(2)
    except OSError as e:
        from reasoner.case.files import write_problem

        fail_write(write_problem(output, e), lang)
