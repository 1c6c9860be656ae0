"""Golden printouts of the worked examples: the terminal text of `reasoner check` (100 columns) and
the Markdown review memo of `reasoner report`, in both languages, byte for byte.

To accept a deliberate change of output: REASONER_UPDATE_GOLDEN=1 pytest tests/test_printouts.py
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from functools import cache

import pytest
from conftest import EXAMPLES, ROOT

from reasoner.case.read import load
from reasoner.explain.conclusions import build
from reasoner.explain.report import Report
from reasoner.render.memo import markdown
from reasoner.render.terminal import print_report
from reasoner.render.typeset import console
from reasoner.solve.engine import reason
from reasoner.solve.result import Result

GOLDEN = ROOT / "tests" / "golden"
CASES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
WIDTH = 100


@cache
def _result(name: str) -> Result:
    return reason(load(EXAMPLES / name))


@cache
def _report(name: str, lang: str) -> Report:
    return build(load(EXAMPLES / name), f"examples/{name}", lang, _result(name))


def _text(name: str, lang: str) -> str:
    buf = io.StringIO()
    print_report(_report(name, lang), console(WIDTH, buf))
    return buf.getvalue()


def _markdown(name: str, lang: str, depth: int | None = None) -> str:
    return markdown(load(EXAMPLES / name), f"examples/{name}", lang, depth, result=_result(name))


def _golden(name: str, out: str) -> str:
    golden = GOLDEN / name
    if os.environ.get("REASONER_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run with REASONER_UPDATE_GOLDEN=1 to create it"
    return golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", CASES)
def test_golden_check_text(name: str, lang: str):
    out = _text(name, lang)
    assert out == _golden(f"{name.removesuffix('.yaml')}.{lang}.txt", out)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", CASES)
def test_golden_report_markdown(name: str, lang: str):
    out = _markdown(name, lang)
    assert out == _golden(f"{name.removesuffix('.yaml')}.{lang}.md", out)


def test_golden_report_with_a_depth_limit():
    out = _markdown("287-2-unverifiable-below.yaml", "en", depth=2)
    assert out == _golden("287-2-unverifiable-below.depth2.en.md", out)
    # cut-off subtrees say how much was left out, and none of the full memo's deepest lines remain
    assert re.search(r"— \d+ more lines not shown \(raise --depth\)", out)
    assert len(out) < len(_markdown("287-2-unverifiable-below.yaml", "en"))


def test_cli_prints_the_golden_text_and_writes_the_golden_memo(tmp_path):
    """The commands give the same bytes as the goldens (no colour codes, no clock, no terminal)."""
    name = "286-1-leak.yaml"
    run = [sys.executable, "-m", "reasoner.cli"]
    text = subprocess.run(
        [*run, "check", f"examples/{name}", "--width", str(WIDTH), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    assert text == (GOLDEN / "286-1-leak.en.txt").read_text(encoding="utf-8")
    out = tmp_path / "memo.md"
    subprocess.run([*run, "report", f"examples/{name}", "-o", str(out)], capture_output=True, cwd=ROOT, check=True)
    assert out.read_text(encoding="utf-8") == (GOLDEN / "286-1-leak.zh.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CASES)
def test_memo_is_complete(name: str):
    """Every memo has its five parts, names every offence examined with its verdict, every finding
    with its reason, every near miss, and a receipt with the hashes and the date of judgment."""
    import hashlib

    for lang in ("zh", "en"):
        out = _markdown(name, lang)
        report = _report(name, lang)
        case = load(EXAMPLES / name)
        for key in ("report_facts", "report_offences", "report_findings", "report_near_misses", "report_receipt"):
            from reasoner.explain.i18n import msg

            assert f"## {msg(key, lang)}" in out, (name, lang, key)
        # the heading says no more than was decided: possible is never printed as excluded
        marks = {
            "established": ("✔", "holds"),
            "possible": ("?", "possible"),
            "excluded": ("✘", "not_established"),
            "not_assessed": ("⊘", "not_assessed"),
        }
        for c in report.conclusions:
            if c.id in ("cl.286-1", "cl.287-1", "cl.287-2"):
                mark, key = marks[c.certainty]
                head = rf"^### \d+ .*{re.escape(c.subject)}.* — {re.escape(mark)} {re.escape(msg(key, lang))}(?: |$)"
                assert re.search(head, out, re.M), (c.id, c.certainty)
        for f in case.findings:
            assert f.reason.replace("*", r"\*") in out
        for m in report.near_misses():
            assert f"`{m.provision}`" in out
        assert hashlib.sha256((EXAMPLES / name).read_bytes()).hexdigest() in out
        assert report.rules_digest in out
        if case.case.as_of is None:  # the day of the run (REASONER_TODAY in the tests), said so
            day = os.environ["REASONER_TODAY"]
            assert msg("date_of_judgment_today", lang).format(date=day).replace("_", r"\_") in out
        # every anchor referred to is defined once, and every defined anchor is referred to
        refs = set(re.findall(r"\]\(#(r\d+)\)", out))
        defs = re.findall(r'<a id="(r\d+)"></a>', out)
        assert len(defs) == len(set(defs)) and refs == set(defs), (name, lang)


def test_memo_names_the_date_of_judgment_and_escapes_case_text(tmp_path):
    """The receipt gives case.as_of when there is one; text from the case file cannot break the
    Markdown (a table cell stays one cell, no HTML gets through)."""
    src = (EXAMPLES / "287-2-card-seller.yaml").read_text(encoding="utf-8")
    src = src.replace("title: 李某出售银行卡帮助信息网络犯罪活动案", "title: 李某案")
    src = re.sub(r"(?m)^  as_of: .*$", "  as_of: 2024-03-15", src)
    src = src.replace("description: 某电信诈骗团伙", 'description: "某团伙 | <b>x</b> *y* [z](#r1)"')
    path = tmp_path / "case.yaml"
    path.write_text(src, encoding="utf-8")
    for lang in ("zh", "en"):
        out = markdown(load(path), str(path), lang)
        assert re.search(r"^\| [^|]+ \| `2024-03-15` \|$", out, re.M), lang
        assert "<b>" not in out and r"\<b\>x\</b\> \*y\* \[z\](#r1)" in out
        rows = [line for line in out.splitlines() if "某团伙" in line and line.startswith("|")]
        assert rows and all(len(re.findall(r"(?<!\\)\|", row)) == 3 for row in rows), rows
    # the hash in the receipt is of the bytes read
    import hashlib

    assert hashlib.sha256(path.read_bytes()).hexdigest() in out


def test_memo_is_the_same_bytes_across_processes(tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"m{seed}.md"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "reasoner.cli",
                "report",
                "examples/287-2-unverifiable-below.yaml",
                "--lang",
                "en",
                "-o",
                str(out),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0].decode("utf-8") == (GOLDEN / "287-2-unverifiable-below.en.md").read_text(encoding="utf-8")


def test_memo_lists_facts_not_known_once_each_without_stand_in_figures():
    from conftest import make_case, to_case

    data = make_case(act={"leak": {"location_tracking": "unknown"}}, order={"date": "unknown", "form": "unknown"})
    out = markdown(to_case(data), "t.json", "en", source=b"case")
    table = out.split("### Facts not known, or known only within bounds")[1].split("\n## ")[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`" in line]
    assert [row.rsplit("`", 2)[1] for row in rows] == [  # in the order of their fields
        "acts[0].leak.location_tracking",
        "orders[0].date",
        "orders[0].form",
    ]
    assert all("not known" in row for row in rows) and "10,000,000" not in table
    assert re.search(r"^\*\*\? depends on facts not known\*\*: .*`acts\[0\]\.leak\.location_tracking`", out, re.M)


def test_the_receipt_pins_the_statement_the_figures_were_summed_from():
    import hashlib

    out = _markdown("287-2-card-statement.yaml", "en")
    digest = hashlib.sha256((EXAMPLES / "287-2-card-statement.csv").read_bytes()).hexdigest()
    assert f"| statement file hash (sha256): 287-2-card-statement.csv | `{digest}` |" in out
    assert "statement file hash" not in _markdown("287-2-card-seller.yaml", "en")


def test_id_narrows_the_summary_table_as_it_narrows_the_json():
    from click.testing import CliRunner

    from reasoner.cli import main

    path = str(EXAMPLES / "287-2-judged-2020.yaml")
    out = CliRunner().invoke(main, ["check", path, "--lang", "en", "--id", "cl.287-2", "--width", "160"]).output
    table = out.split("Explanations")[0]
    assert " cl.287-2 " in table
    assert "interp.12.1.2" not in table and "cl.12.1" not in table  # other conclusions left out
    whole = CliRunner().invoke(main, ["check", path, "--lang", "en", "--width", "160"]).output
    assert "interp.12.1.2" in whole.split("Explanations")[0]
