"""The catalogue of provisions against the rules, the official text and the translation table."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

import pytest
from conftest import ROOT

from reasoner.explain.i18n import LANGS, table
from reasoner.law.catalogue import catalogue
from reasoner.law.citations import cite
from reasoner.law.packs import pack_files, rule_files, rule_path
from reasoner.law.parameters import parameters
from reasoner.law.program import program

LAW = ROOT.parent / "shared" / "law"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_provision_has_rules_and_every_rule_a_provision():
    cat = catalogue()
    heads = set()
    for r in program().rules:
        h = r.head
        if h.name == "holds" and h.arguments[0].ast_type.name == "SymbolicTerm":
            heads.add(h.arguments[0].symbol.string)
    assert heads == set(cat), heads ^ set(cat)
    labels = {}
    for f in pack_files("provisions.toml"):
        labels.update(tomllib.loads(f.read_text(encoding="utf-8")))
    assert set(labels) == set(cat), set(labels) ^ set(cat)


def test_every_rule_sits_under_a_provision_annotation():
    for r in program().rules:
        assert r.provision is not None or r.head_predicate != "holds", (r.file, r.line)


def test_each_provision_quotes_its_source_in_its_rule_file():
    """The text in provisions.toml appears, verbatim, in the comments of the rule file."""
    for p in catalogue().values():
        lp = rule_path(p.file).read_text(encoding="utf-8")
        comments = _squash("".join(line.lstrip("% ") for line in lp.splitlines() if line.startswith("%")))
        assert _squash(p.text) in comments, (p.id, p.file)


def _official(*names: str) -> str:
    return _squash("".join((LAW / n).read_text(encoding="utf-8") for n in names))


#: Full-width punctuation and its ASCII twin (the verified copies of the later documents mix them).
_WIDTH = str.maketrans("（）；：，", "();:,")


def _loose(text: str) -> str:
    """For the later documents: squashed, punctuation of either width, a leading item number dropped
    (a verified copy may fold an item into another list: "(7)" for "（一）")."""
    return re.sub(r"^\([一二三四五六七八九十0-9]+\)", "", _squash(text).translate(_WIDTH))


STATUTE = ("interpretation-2019.zh.md", "criminal-law.zh.md")
LATER = ("later-documents-verified.zh.md", "later-documents.zh.md")


@pytest.mark.skipif(not LAW.is_dir(), reason="the official texts (../shared/law) are not beside this checkout")
def test_each_quoted_text_is_in_the_official_text():
    """The 2019 Interpretation's and the Criminal Law's provisions quote the official text; a later
    document's provision marked verbatim quotes the verified passage; one not marked so is flagged
    for the reviewer (its conclusions carry the unverified mark) and is not held to the text."""
    statute, later = _official(*STATUTE), _official(*LATER)
    for p in catalogue().values():
        if p.pack in ("interp-2019", "criminal-law"):
            assert p.verbatim and _squash(p.text) in statute, p.id
        elif p.verbatim:
            assert _loose(p.text) in later.translate(_WIDTH), p.id
    for f in rule_files():  # and every quoted item line of the statute's rule files
        if f.parent.name not in ("interp-2019", "criminal-law"):
            continue
        for line in f.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^% （[一二三四五六七八九十]+）(.*)$", line)
            if m and not line.rstrip().endswith(("；", "。", "：")):
                continue  # a quotation continued on the next line
            if m:
                assert _squash(line[2:]) in statute, (f.name, line)


@pytest.mark.skipif(not LAW.is_dir(), reason="the official texts (../shared/law) are not beside this checkout")
def test_a_later_documents_unverified_text_is_said_so_in_its_rule_file():
    """Every provision whose text is not verified sits in a rule file that says NOT VERIFIED or
    'reported' above it, so that a reviewer reading the rule sees it."""
    for p in catalogue().values():
        if p.verbatim:
            continue
        lp = rule_path(p.file).read_text(encoding="utf-8")
        assert re.search(r"NOT VERIFIED|not verified|reported|paraphrase", lp), (p.id, p.file)


#: Figures whose source words are not the verified text: Amendment IX's date (its own clause,
#: quoted in pack.toml), the 2025 Opinion's figures (consistent reports; wording not verified),
#: Opinions (II) 九 (二) (not seen verbatim) and the age of majority (CL 17, not in the texts here).
NOT_VERBATIM = [
    ("cl.12.1", "amendment_9_in_force"),
    ("op2021.9.2", "cards"),
    ("op2025.11", "adult_years"),
    ("op2025.6.1", "accounts"),
    ("op2025.6.1", "inflow"),
    ("op2025.6.2", "inflow"),
    ("op2025.6.3", "cards"),
]


def test_every_parameter_is_cited_verbatim():
    if not LAW.is_dir():
        pytest.skip("official texts not available")
    official = _official(*STATUTE, *LATER).translate(_WIDTH)
    for p in parameters():
        if p.verbatim:
            assert _loose(p.source) in official, (p.provision, p.name)
        assert p.provision in catalogue(), p.provision
    assert sorted((p.provision, p.name) for p in parameters() if not p.verbatim) == NOT_VERBATIM


def test_no_threshold_is_a_literal_inside_a_rule():
    """Rules compare against param/3; no number of the law is written into a rule body."""
    values = {p.value for p in parameters()} - {1, 2, 3, 5}  # small numbers appear as ratios and indexes
    for f in rule_files():
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            code = re.sub(r'"[^"]*"', '""', line.split("%", 1)[0])  # provision ids are not figures
            for num in re.findall(r"\b\d+\b", code):
                assert int(num) not in values, (f.name, n, line)


def test_citations_follow_the_law_structure():
    assert cite("interp.3.1.6", "zh") == "法释〔2019〕15号第三条第（六）项"
    assert cite("interp.10.1.4.2", "zh") == "法释〔2019〕15号第十条第（四）项第2目"
    assert cite("interp.12.2.payment", "zh") == "法释〔2019〕15号第十二条第二款"
    assert cite("interp.12.1.2", "en") == "Interpretation 2019 No. 15, Art 12 ¶1 item (2)"
    assert cite("cl.287-2", "zh") == "刑法第二百八十七条之二"
    assert cite("cl.286-1.1.3", "zh") == "刑法第二百八十六条之一第一款第（三）项"


def test_translation_table_has_both_languages_everywhere():
    t = table()
    for section in ("atom", "msg", "kind"):
        for key, entry in t[section].items():
            for lang in LANGS:
                assert entry.get(lang), (section, key, lang)
    for key, entry in t["term"].items():
        for lang in LANGS:
            assert entry.get(lang), ("term", key, lang)
    for p in catalogue().values():
        assert p.zh and p.en, p.id


def test_every_predicate_of_the_rules_and_facts_has_words():
    """Every atom an explanation can show is described in both languages."""
    internal = {"holds", "candidate", "param", "finding_holds", "finding_fails", "count_ceiling"}
    preds = {r.head_predicate for r in program().rules} - internal
    for r in program().rules:
        for lit in r.body:
            a = getattr(lit, "atom", None)
            if a is not None and a.ast_type.name == "SymbolicAtom" and a.symbol.ast_type.name == "Function":
                preds.add(a.symbol.name)
    missing = sorted(p for p in preds - internal if p not in table()["atom"])
    assert missing == []


def test_rules_command_lists_every_provision():
    out = subprocess.run(
        [sys.executable, "-m", "reasoner.cli", "rules", "--format", "json"], capture_output=True, check=True, cwd=ROOT
    ).stdout
    rows = json.loads(out)
    assert [r["id"] for r in rows] == list(catalogue())
    ids = {r["id"] for r in rows}
    for art, items in ((3, 7), (4, 8), (5, 5), (6, 7), (10, 7), (11, 7), (12, 7)):
        assert {f"interp.{art}.1.{i}" for i in range(1, items + 1)} <= ids, art
    assert {f"interp.10.1.4.{i}" for i in range(1, 5)} <= ids
    assert {
        "interp.1.1.1",
        "interp.1.1.2",
        "interp.1.1.3",
        "interp.2.1",
        "interp.2.2",
        "interp.7.1",
        "interp.8.1",
        "interp.9.1",
        "interp.12.2",
        "interp.13.1",
        "cl.286-1",
        "cl.287-1",
        "cl.287-2",
    } <= ids
    by_id = {r["id"]: r for r in rows}
    assert by_id["interp.3.1.7"]["takes_finding"] and not by_id["interp.3.1.1"]["takes_finding"]
    # every provision names its pack, the document's date in force and how sure its text is
    assert {r["pack"] for r in rows} >= {"interp-2019", "opinions-2021", "minutes-2022", "opinion-2025"}
    assert by_id["interp.12.1.2"]["in_force"] == "2019-11-01" and by_id["interp.12.1.2"]["pack"] == "interp-2019"
    six = by_id["op2025.6.1"]
    assert (six["in_force"], six["in_force_assumed"], six["confidence"], six["verbatim"]) == (
        "2025-07-28",
        True,
        "low",
        False,
    )
    assert (by_id["m2020.5"]["confidence"], by_id["m2020.5"]["verbatim"]) == ("high", True)
    text = subprocess.run(
        [sys.executable, "-m", "reasoner.cli", "rules", "--lang", "en"],
        capture_output=True,
        encoding="utf-8",
        check=True,
        cwd=ROOT,
        env={**__import__("os").environ, "COLUMNS": "200"},
    ).stdout
    assert "2025 Opinion (pack opinion-2025) · in force from 2025-07-28 (assumed, not verified)" in text
    assert "Interpretation 2019 No. 15 (pack interp-2019) · in force from 2019-11-01" in text
    assert rule_path(by_id["cl.287-2"]["rule_file"].split(":")[0]).is_file()


def test_schema_command_gives_a_json_schema():
    out = subprocess.run([sys.executable, "-m", "reasoner.cli", "schema"], capture_output=True, check=True, cwd=ROOT)
    schema = json.loads(out.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["required"]) == {"case", "parties"}
    assert schema["additionalProperties"] is False


def _kinds_in_source() -> set[str]:
    """The kinds of explanation line and why-not condition the code can make: the first argument of
    every ``Node(...)`` and ``Condition(...)`` call, and every string assigned to a ``.kind``."""
    import ast as pyast

    kinds: set[str] = set()
    for f in (ROOT / "reasoner").rglob("*.py"):
        for n in pyast.walk(pyast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(n, pyast.Call) and getattr(n.func, "id", None) in ("Node", "Condition") and n.args:
                first = n.args[0]
                if isinstance(first, pyast.Constant) and isinstance(first.value, str):
                    kinds.add(first.value)
            if isinstance(n, pyast.Assign) and any(getattr(t, "attr", None) == "kind" for t in n.targets):
                kinds |= {
                    c.value for c in pyast.walk(n.value) if isinstance(c, pyast.Constant) and isinstance(c.value, str)
                }
    return kinds


def test_every_kind_of_explanation_line_has_words_and_a_mark():
    from reasoner.render.marks import MARKS

    kinds = _kinds_in_source()
    assert {"provision", "derived", "fact", "finding", "comparison", "element", "route", "law"} <= kinds
    for kind in kinds:
        entry = table()["kind"].get(kind)
        assert entry is not None, f"[kind] {kind} is missing from messages.toml"
        for lang in LANGS:
            assert entry.get(lang), ("kind", kind, lang)
    assert set(table()["kind"]) == kinds, set(table()["kind"]) ^ kinds  # no word for a kind that is never made
    condition_kinds = {"element"}  # why-not conditions are marked ✔/✘, not by kind
    assert set(MARKS) == kinds - condition_kinds, set(MARKS) ^ (kinds - condition_kinds)


def test_the_examples_make_only_kinds_that_have_words():
    from reasoner.case.read import load
    from reasoner.explain.conclusions import build

    seen: set[str] = set()

    def conditions(routes):
        for route in routes:
            for c in route:
                seen.add(c.kind)
                conditions(c.routes)

    for p in sorted((ROOT / "examples").glob("*.yaml"))[:4]:
        for c in build(load(p), p.name, "en").conclusions:
            stack = [c.explanation] if c.explanation else []
            while stack:
                n = stack.pop()
                seen.add(n.kind)
                stack.extend(n.children)
            conditions(c.routes)
    assert seen <= set(table()["kind"]), seen - set(table()["kind"])
    assert len(seen) >= 6


def test_every_message_the_code_asks_for_is_in_both_languages():
    """Every msg("key") (or self.m("key")) in the code names an entry with zh and en."""
    used: set[str] = set()
    for f in (ROOT / "reasoner").rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\b(?:msg|m)\(\s*["']([a-z_]+)["']\s*[,)]""", text))
        used |= set(re.findall(r"""["'](report_[a-z_]+)["']""", text))  # keys the memo looks up from a table
    assert len(used) > 60
    missing = sorted(k for k in used if k not in table()["msg"])
    assert missing == []
    for key in used:
        for lang in LANGS:
            assert table()["msg"][key].get(lang), (key, lang)
