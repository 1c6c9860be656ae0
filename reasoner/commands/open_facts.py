"""The commands about facts open or changed: what-it-takes (the smallest sets of facts that would
establish a conclusion), what-if (which conclusions change with a field), and ask (the interview)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, NoReturn

import click

from reasoner.commands.common import (
    FORMAT,
    LANG,
    STATEMENTS_ROOT,
    check_output,
    check_query,
    error_lines,
    fail,
    load_case,
    say,
)

if TYPE_CHECKING:  # for the annotations only: importing them is the slow part of a command
    from reasoner.case.model import Case
    from reasoner.explain.interview import Open


@click.command("what-it-takes")
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.argument("provision")
@click.option("--party", help="only for this party's acts, orders or records")
@click.option(
    "--max", "max_sets", type=click.IntRange(1, 50), default=5, show_default=True, help="sets to list at most"
)
@LANG
@FORMAT
@STATEMENTS_ROOT
def what_it_takes_cmd(
    case_file: str, provision: str, party: str | None, max_sets: int, lang: str, fmt: str, root: str | None
) -> None:
    """The smallest sets of facts, among those CASE_FILE leaves open, that would establish PROVISION
    (each set minimal; for a figure, the value needed)."""
    case = load_case(case_file, root, lang)
    check_query(case, case_file, provision, party, lang)
    from reasoner.explain.conclusions import build
    from reasoner.explain.i18n import msg
    from reasoner.explain.what_it_takes import Takes, what_it_takes
    from reasoner.render.json_out import takes_json
    from reasoner.render.plain import takes_lines
    from reasoner.solve.engine import reason
    from reasoner.solve.result import POSSIBLE

    result = reason(case)
    # examined even where no rule marks it as a candidate: a figure recorded short of its threshold
    report = build(case, case_file, lang, result, examine=provision)
    chosen = [c for c in report.conclusions if c.id == provision and (party is None or c.party == party)]
    assert result.completions is not None
    rows = [
        (c, what_it_takes(result.completions, c.atom(), max_sets) if c.certainty == POSSIBLE else Takes([], True))
        for c in chosen
    ]
    if fmt == "json":
        sys.stdout.write(takes_json(report, provision, lang, rows, result.facts.questions))
    elif not chosen:
        say(msg("not_examined", lang).format(provision=provision))
    else:
        for line in takes_lines(rows, result.facts.questions, lang):
            say(line)


@click.command("what-if")
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--set", "sets", multiple=True, required=True, metavar="PATH=VALUE", help="a field and its new value")
@LANG
@FORMAT
@STATEMENTS_ROOT
def what_if(case_file: str, sets: tuple[str, ...], lang: str, fmt: str, root: str | None) -> None:
    """Reason about CASE_FILE with some facts changed and print which conclusions change.

    PATH is the field path of the case file (acts[0].payment_settlement); VALUE is written as in
    the case file (true, unknown, "236500.80", {at_least: 150000}; null leaves the field out) and
    checked the same way."""
    case = load_case(case_file, root, lang)
    from reasoner.case.edits import parse_assignment, read_data, revised
    from reasoner.case.errors import CaseFileError, EditError
    from reasoner.explain.conclusions import build
    from reasoner.explain.i18n import message
    from reasoner.explain.interview import diff
    from reasoner.render.json_out import what_if_json
    from reasoner.render.plain import change_lines

    try:
        changes = [parse_assignment(x) for x in sets]
        _, new_case = revised(read_data(case_file), changes, case_file, root)
    except EditError as e:
        say(message(e.detail, lang), err=True)
        sys.exit(2)
    except CaseFileError as e:
        fail(e, lang)
    before = build(case, case_file, lang)
    after = build(new_case, case_file, lang)
    if fmt == "json":
        sys.stdout.write(what_if_json(before.case_id, lang, changes, diff(before, after)))
        return
    for line in change_lines(diff(before, after), lang):
        say(line)


@click.command()
@click.argument("case_file", type=click.Path(dir_okay=False, exists=True))
@click.option("--output", type=click.Path(dir_okay=False), help="write the completed case here (default: CASE_FILE)")
@LANG
@STATEMENTS_ROOT
def ask(case_file: str, output: str | None, lang: str, root: str | None) -> None:
    """Ask, in the terminal, only the questions whose answers can still change an open conclusion,
    most decisive first; show what each answer changed; write the completed case file back
    (comments and layout kept)."""
    case = load_case(case_file, root, lang)
    target = output or case_file
    check_output(target, lang)  # a path that cannot be written: said before any question is asked
    interview = _Interview(case, case_file, lang, root)
    interview.run()
    interview.write(target)


class _Interview:
    """One interview: the case file's data as answered so far, and the case reasoned with it."""

    def __init__(self, case: Case, case_file: str, lang: str, root: str | None = None):
        from reasoner.case.edits import read_data
        from reasoner.explain.conclusions import build
        from reasoner.solve.engine import reason

        self.case_file = case_file
        self.lang = lang
        self.root = root
        self.data = read_data(case_file)
        self.answered: list[tuple[str, object]] = []
        self.asked: set[str] = set()
        self.result = reason(case)
        self.report = build(case, case_file, lang, self.result)
        self.labels = {c.atom(): c.label for c in self.report.conclusions}

    def run(self) -> None:
        """Ask the most decisive question not yet asked, until none is left or the input ends."""
        from reasoner.explain.i18n import msg
        from reasoner.explain.interview import open_questions

        while True:
            pending = [o for o in open_questions(self.result, self.report) if o.question.path not in self.asked]
            if not pending:
                say(msg("ask_none", self.lang))
                return
            self.asked.add(pending[0].question.path)
            self._put(pending[0])
            if not self._answer(pending[0]):
                return

    def _put(self, o: Open) -> None:
        """The question in words (the person and the fact), its field and current value beneath it,
        what it may decide, and what may be answered."""
        from reasoner.case.edits import get
        from reasoner.explain.fields import ask_word, question_text
        from reasoner.explain.i18n import paren, plain, sep
        from reasoner.explain.interview import answer_hint

        lang, path = self.lang, o.question.path
        decides = [self.labels.get(a, a.arguments[0].string) + paren(plain(a.arguments[1]), lang) for a in o.decides]
        current = get(self.data, path)
        shown = json.dumps(current, ensure_ascii=False) if not isinstance(current, str) else current
        say(ask_word("question", lang, text=question_text(self.data, path, lang)))
        say(ask_word("field", lang, path=path, now=shown))
        say(ask_word("may_decide", lang, conclusions=sep(lang).join(decides)))
        say(ask_word("answer", lang, choices=answer_hint(o.question, lang)))

    def _answer(self, o: Open) -> bool:
        """Prompt until an answer is taken or skipped (Enter); False when the input has ended."""
        from reasoner.case.edits import parse_answer, revised
        from reasoner.case.errors import CaseFileError, EditError
        from reasoner.explain.i18n import message, msg

        path = o.question.path
        while True:
            try:
                text = click.prompt(msg("ask_prompt", self.lang), default="", show_default=False).strip()
            except click.Abort:  # end of input (or Ctrl-C): the answers given so far are kept
                say("")
                say(msg("ask_ended", self.lang))
                return False
            if not text:
                return True
            try:
                value = parse_answer(text, o.question.kind)
                new_data, new_case = revised(self.data, [(path, value)], self.case_file, self.root)
            except EditError as e:
                say(message(e.detail, self.lang))
                continue
            except CaseFileError as e:
                for line in error_lines(e, self.lang):
                    say(line)
                continue
            self.data = new_data
            self.answered.append((path, value))
            self._reason(new_case)
            return True

    def _reason(self, case: Case) -> None:
        """Reason with the answer given and print which conclusions it changed."""
        from reasoner.explain.conclusions import build
        from reasoner.explain.interview import diff
        from reasoner.render.plain import change_lines
        from reasoner.solve.engine import reason

        result = reason(case)
        report = build(case, self.case_file, self.lang, result)
        for line in change_lines(diff(self.report, report), self.lang):
            say(line)
        self.result, self.report = result, report
        self.labels.update({c.atom(): c.label for c in report.conclusions})

    def write(self, target: str) -> None:
        """Write the answers back into the case file (or ``target``), whole or not at all: JSON as
        JSON, YAML with its comments and layout kept; nothing when no answer was given.  If that
        fails (the disk full, the case file gone meanwhile), the answers are kept in a file of their
        own, and the message says where; exit 1 (or 2 for a bad path)."""
        from reasoner.case.edits import written
        from reasoner.case.errors import CaseFileError
        from reasoner.case.files import WriteProblem, write_atomic
        from reasoner.explain.i18n import message, msg

        if not self.answered:
            say(msg("ask_unchanged", self.lang))
            return
        data: bytes | None = None
        try:
            if self.case_file.endswith(".json"):
                data = (json.dumps(self.data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            else:
                data = written(self.case_file, self.answered)
            write_atomic(target, data)
        except WriteProblem as e:
            say(message(e.detail, self.lang), err=True)
            self._keep(data, e.exit_code)
        except CaseFileError as e:  # the case file gone or changed meanwhile: it cannot be edited
            for line in error_lines(e, self.lang):
                say(line, err=True)
            self._keep(None, 1)
        say(f"{msg('ask_written', self.lang)} {target}")

    def _keep(self, data: bytes | None, code: int) -> NoReturn:
        """Keep the answers in a file of their own (PATH=VALUE lines) and, where it could be made,
        the completed case file beside them; say where; exit with ``code``."""
        from reasoner.case.edits import answers_text
        from reasoner.case.errors import keyed
        from reasoner.case.files import save_aside
        from reasoner.explain.i18n import message

        answers = answers_text(self.answered)
        aside = save_aside(self.case_file + ".txt", answers.encode("utf-8"))
        if aside is None:
            lost = keyed("ask_lost", "the answers could not be kept elsewhere either; here they are:")
            say(message(lost, self.lang), err=True)
            say(answers.rstrip("\n"), err=True)
            sys.exit(code)
        text = (
            f"the answers given are kept in {aside} (one PATH=VALUE a line: apply them with reasoner what-if "
            f"--set, or copy them into the case file)"
        )
        say(message(keyed("ask_kept", text, aside=aside), self.lang), err=True)
        case = save_aside(self.case_file, data) if data is not None else None
        if case is not None:
            text = f"the completed case file is kept in {case}"
            say(message(keyed("ask_kept_case", text, aside=case), self.lang), err=True)
        sys.exit(code)
