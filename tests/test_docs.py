"""The documentation a user starts from: every field of the case model is documented in the case
format guide, in English (docs/case-format.md) and in Chinese (docs/case-format.zh.md); the Chinese
README (README.zh.md), linked from the first lines of README.md, gives the same set-up commands as
README.md and shows the output the command it names prints.

To refresh the pasted output after a deliberate change: REASONER_UPDATE_GOLDEN=1 pytest tests/test_docs.py
"""

from __future__ import annotations

import os
import re
import typing

import pytest
from click.testing import CliRunner
from conftest import ROOT
from pydantic import BaseModel

from reasoner.case.model import Case
from reasoner.cli import main

GUIDES = ("docs/case-format.md", "docs/case-format.zh.md")


def _models(annotation: object) -> typing.Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _models(arg)


def _fields(model: type[BaseModel] = Case, seen: set | None = None) -> dict[str, set[str]]:
    """Every field of the case model, by the name written in a case file (its alias: ``for``), with
    the models that have it: the whole tree of models under ``Case``."""
    seen = set() if seen is None else seen
    out: dict[str, set[str]] = {}
    if model in seen:
        return out
    seen.add(model)
    for name, field in model.model_fields.items():
        out.setdefault(field.alias or name, set()).add(model.__name__)
        for sub in _models(field.annotation):
            for key, owners in _fields(sub, seen).items():
                out.setdefault(key, set()).update(owners)
    return out


def _named(doc: str) -> set[str]:
    """The names written in code in a document (`acts[0].knowledge.proven` names all three)."""
    return {w for span in re.findall(r"`([^`\n]+)`", doc) for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", span)}


def _rows(doc: str) -> set[str]:
    """The names a table row documents (a row beginning with the name in code)."""
    return set(re.findall(r"^\| `([A-Za-z_][\w.]*)`", doc, re.M))


def test_the_walk_finds_the_fields_of_nested_models():
    fields = _fields()
    assert {"format", "case", "parties", "acts", "findings"} <= set(fields)
    # nested several levels down, and written by their alias
    assert {"statutory_duty", "complied", "at_least", "not_before", "accepted", "indicator", "for"} <= set(fields)
    assert "for_" not in fields and len(fields) > 120


@pytest.mark.parametrize("guide", GUIDES)
def test_every_field_of_the_case_model_is_documented(guide: str):
    doc = (ROOT / guide).read_text(encoding="utf-8")
    missing = sorted(set(_fields()) - _named(doc))
    assert not missing, f"{guide} does not document {missing}"


def test_the_chinese_guide_documents_in_a_table_every_field_the_english_one_does():
    en, zh = ((ROOT / g).read_text(encoding="utf-8") for g in GUIDES)
    fields = set(_fields())
    assert not (_rows(en) & fields) - _rows(zh)
    # and every section of the English guide has its Chinese counterpart
    for name in ("case", "parties", "orders", "acts", "assisted_parties", "admin_penalties", "findings"):
        assert re.search(rf"^## .*`{name}`", zh, re.M), name
    assert re.search(r"^## .*`prior_convictions`", zh, re.M)


def _commands(text: str) -> list[str]:
    return [line for block in re.findall(r"```sh\n(.*?)```", text, re.S) for line in block.splitlines()]


def test_the_chinese_readme_gives_the_readmes_set_up_commands_and_is_linked_from_it():
    en = (ROOT / "README.md").read_text(encoding="utf-8")
    zh = (ROOT / "README.zh.md").read_text(encoding="utf-8")
    setup = [c for c in _commands(en) if c.startswith("python3 -m venv")]
    assert len(setup) == 2  # one runs a worked example, one runs the tests
    assert [c for c in _commands(zh) if c.startswith("python3 -m venv")] == setup
    assert "README.zh.md" in "\n".join(en.splitlines()[:5])
    assert "docs/case-format.zh.md" in zh and "docs/case-format.md" in zh


@pytest.mark.parametrize("doc", ["README.zh.md", "docs/case-format.zh.md"])
def test_the_chinese_documents_quote_the_law_verbatim(doc: str):
    """Every passage quoted (“…” of 15 characters or more, or a block quote) is the law's text, as the
    rule packs hold it, clause by clause (a quotation within a quotation in ‘…’, as Chinese writes it)."""
    from reasoner.law.catalogue import catalogue

    def squeezed(s: str) -> str:
        return re.sub(r"\s+", "", s).replace("‘", "“").replace("’", "”")

    law = "\n".join(squeezed(p.text) for p in catalogue().values())
    text = (ROOT / doc).read_text(encoding="utf-8")
    quotes = re.findall(r"“([^”\[]{15,})”", text) + re.findall(r"^> (.*)$", text, re.M)
    assert quotes
    for q in quotes:
        clauses = [c for c in re.split(r"[：；。]", squeezed(q)) if len(c) >= 4]
        assert all(c in law for c in clauses), (doc, q)


def test_the_chinese_readme_shows_what_the_command_prints():
    path = ROOT / "README.zh.md"
    zh = path.read_text(encoding="utf-8")
    m = re.search(r"<!-- output: reasoner (.*?) -->\n```text\n(.*?)```", zh, re.S)
    assert m, "README.zh.md: no pasted output"
    args = m.group(1).split()
    out = CliRunner().invoke(main, args).output.rstrip("\n") + "\n"
    if os.environ.get("REASONER_UPDATE_GOLDEN"):
        path.write_text(zh[: m.start(2)] + out + zh[m.end(2) :], encoding="utf-8")
        return
    assert m.group(2) == out


@pytest.mark.parametrize("doc", ["README.zh.md", "docs/case-format.zh.md"])
def test_the_chinese_documents_examples_are_valid_case_files(doc: str):
    """A complete example (a YAML block that begins with the case) is read and validated as it is."""
    from reasoner.case.read import load_text

    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / doc).read_text(encoding="utf-8"), re.S)
    cases = [b for b in blocks if re.match(r"(format: 2\n)?case:", b)]
    assert cases
    for block in cases:
        load_text(block, f"{doc}.yaml")


def test_the_readme_shows_the_explanation_the_golden_printout_pins():
    """README.md's example output is the explanation of tests/golden/287-2-judged-2020.zh.txt, line
    for line (trailing spaces aside), so that the front door never shows an older printout."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("\n")
    start = readme.index("## Example output")
    begin = readme.index("```text", start) + 1
    shown = readme[begin : readme.index("```", begin)]
    golden = (ROOT / "tests/golden/287-2-judged-2020.zh.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    at = next(i for i, line in enumerate(golden) if line.startswith(shown[0]))
    assert shown == [line.rstrip() for line in golden[at:]]
