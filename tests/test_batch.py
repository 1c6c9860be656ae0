"""Batch screening: every input case gets a row, in input order; error rows carry their errors; and
the conclusions of cases grounded together equal those of each case reasoned alone."""

from __future__ import annotations

import csv
import json
import sys

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from reasoner.batch.inputs import collect
from reasoner.batch.output import Tally
from reasoner.batch.rows import outcome, screen
from reasoner.batch.together import reason_together
from reasoner.case.errors import CaseFileError
from reasoner.case.read import load_text
from reasoner.cli import main
from reasoner.explain.conclusions import build
from reasoner.solve.engine import reason

sys.path.insert(0, str(ROOT / "bench"))
from gen_cases import generate  # noqa: E402


@pytest.fixture(scope="module")
def generated() -> list[dict]:
    return generate(150, seed=5)  # enough to cover every offence both ways, and error rows


def _cases(data: list[dict]):
    out = []
    for d in data:
        try:
            out.append(load_text(json.dumps(d, ensure_ascii=False), "gen.json"))
        except CaseFileError:
            pass
    return out


@pytest.fixture(scope="module")
def screened(generated):
    """All generated cases screened in two worker processes, with full reports."""
    items = _items(generated)
    return items, list(screen(items, "en", "full", jobs=2, chunk=40))


def test_generator_covers_the_three_offences_both_ways(screened):
    _, rows = screened
    seen = {(name, o) for r in rows for name, o in r.outcomes.items()}
    for name in ("cl.286-1", "cl.287-1", "cl.287-2"):
        assert (name, "established") in seen and (name, "excluded") in seen, name
    assert sum(1 for r in rows if r.errors) >= 3
    assert generate(50, seed=3) == generate(50, seed=3)


def _items(data: list[dict], tmp=None):
    import tempfile
    from pathlib import Path

    d = Path(tempfile.mkdtemp())
    p = d / "cases.jsonl"
    p.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in data), encoding="utf-8")
    return collect(p)


def test_grounded_together_equals_alone(generated):
    """The answer of each case, split from a program of many, equals its answer alone: the same
    atoms, the same fired rules, the same aggregate elements (what every report is built from)."""
    cases = _cases(generated)
    assert len(cases) > 140
    together = []
    for k in range(0, len(cases), 100):
        together += reason_together(cases[k : k + 100])
    n_unknown = 0
    for c, t in zip(cases, together, strict=True):
        alone = reason(c)
        n_unknown += bool(alone.facts.questions)
        assert t.model == alone.model, c.case.id
        assert t.fired == alone.fired, c.case.id
        assert t.aggregates == alone.aggregates, c.case.id
        assert t.possible == alone.possible and t.certain == alone.certain and t.effects == alone.effects
    assert n_unknown > 0  # cases with facts not known were among them


def test_full_rows_equal_the_check_report_on_two_processes(screened):
    """With --detail full each row holds the report `check --format json` gives for the case alone,
    also when the chunks run in worker processes; every case has its row, in order."""
    items, rows = screened
    assert [r.index for r in rows] == list(range(len(items))) == list(range(150))
    assert [r.source for r in rows] == [it.source for it in items]
    for it, row in list(zip(items, rows, strict=True))[:80]:
        try:
            case = load_text(it.text, it.name)
        except CaseFileError as e:
            assert [x["message"] for x in row.payload["errors"]] == [x.message for x in e.errors]
            continue
        assert row.payload["report"] == build(case, it.source, "en").to_json(), it.source


def test_folder_rows_in_order_with_error_rows(tmp_path):
    names = ["a.yaml", "b.yaml", "c.json", "d.yaml", "e.yml"]
    (tmp_path / "a.yaml").write_text((EXAMPLES / "287-2-five-cards.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "b.yaml").write_text("case: {id: x}\nparties: []\nacts: 3\n", "utf-8")
    (tmp_path / "c.json").write_text("{not json", "utf-8")
    (tmp_path / "d.yaml").write_bytes(b"case: {id: \xff}\n")
    (tmp_path / "e.yml").write_text((EXAMPLES / "286-1-leak.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "notes.txt").write_text("not a case", "utf-8")
    rows = list(screen(collect(tmp_path), jobs=1))
    assert [r.source.rsplit("/", 1)[1] for r in rows] == names
    assert rows[0].ok and rows[0].outcomes["cl.287-2"] == "established"
    assert rows[4].ok and rows[4].outcomes["cl.286-1"] == "established"
    b = {e.path: e for e in rows[1].errors}
    assert b["parties"].line == 2 and b["acts"].line == 3 and b["parties"].file.endswith("b.yaml")
    assert rows[2].errors[0].message.startswith("not valid JSON")
    assert "not UTF-8" in rows[3].errors[0].message and rows[3].errors[0].line == 1
    assert rows[1].payload["errors"][0]["file"].endswith("b.yaml") and "offences" not in rows[1].payload


def test_jsonl_error_rows_name_the_input_line(tmp_path):
    good = json.dumps(generate(1, seed=1)[0], ensure_ascii=False)
    bad = json.loads(good)
    bad["acts"][0]["colour"] = "red"
    p = tmp_path / "in.jsonl"
    p.write_text(f"{good}\n\n{json.dumps(bad)}\n{good}\n[1]\n", "utf-8")
    rows = list(screen(collect(p), jobs=1))
    assert len(rows) == 4 and [r.index for r in rows] == [0, 1, 2, 3]
    assert rows[0].ok and rows[2].ok
    (err,) = rows[1].errors
    assert (err.file, err.line, err.path) == (str(p), 3, "acts[0].colour") and "unknown field" in err.message
    assert rows[3].errors[0].line == 5


def test_outcome_is_the_strongest_certainty():
    assert outcome([]) == "not_examined"
    assert outcome(["excluded", "established"]) == "established"
    assert outcome(["excluded", "possible"]) == "possible"
    assert outcome(["possible", "established"]) == "established"
    assert outcome(["excluded"]) == "excluded"
    with pytest.raises(ValueError):
        outcome(["holds"])


def test_open_facts_make_an_offence_possible_in_the_batch_as_alone(tmp_path):
    # each incomplete example leaves its offence open: the batch row says possible, as check does
    names = ["286-1-mass-spread-incomplete.yaml", "287-1-websites-incomplete.yaml", "287-2-card-seller-incomplete.yaml"]
    for n in names:
        (tmp_path / n).write_text((EXAMPLES / n).read_text("utf-8"), "utf-8")
    rows = list(screen(collect(tmp_path), "en", "summary", jobs=1))
    for n, row, offence in zip(sorted(names), rows, ("cl.286-1", "cl.287-1", "cl.287-2"), strict=True):
        case = load_text((EXAMPLES / n).read_text("utf-8"), n)
        alone = build(case, n, "en", reason(case))
        certainties = [c.certainty for c in alone.conclusions if c.id == offence]
        assert certainties and "possible" in certainties and "established" not in certainties, n
        assert row.outcomes[offence] == "possible", n
        compact = [c for c in row.payload["conclusions"] if c["id"] == offence]
        assert [c["certainty"] for c in compact] == certainties, n


def test_cli_csv_and_summary(tmp_path):
    data = generate(40, seed=5)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in data), "utf-8")
    out = tmp_path / "out.csv"
    args = ["batch", str(src), "-o", str(out), "--jobs", "1", "--lang", "en"]
    res = CliRunner().invoke(main, args, env={"COLUMNS": "200"})  # wide: the summary is a table
    assert res.exit_code == 3, res.output  # the output is complete, and one row is an error (line 9)
    assert res.output.endswith(f"Cases with errors (1; each row gives its errors):\n  {src}:9\n")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 40 and [int(r["index"]) for r in rows] == list(range(40))
    expect = list(screen(collect(src), jobs=1))
    tally = Tally(["cl.286-1", "cl.287-1", "cl.287-2"])
    for r, e in zip(rows, expect, strict=True):
        tally.add(e)
        assert r["cl.287-2"] == e.outcomes.get("cl.287-2", "")
        assert bool(r["errors"]) == (not e.ok)
    assert "Screening results (40 cases" in res.output
    line = next(x for x in res.output.splitlines() if x.strip().startswith("cl.287-2"))
    outcomes = ("established", "possible", "not_assessed", "excluded", "not_examined")
    assert [int(x) for x in line.split()[1:6]] == [tally.count("cl.287-2", o) for o in outcomes]


def test_cli_jsonl_to_stdout():
    res = CliRunner().invoke(main, ["batch", str(EXAMPLES), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert [x["source"] for x in lines] == [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    assert all(x["conclusions"] for x in lines)


def test_summary_rows_equal_the_conclusions_of_each_case_alone(generated):
    """Summary rows (no why-not routes) carry the same conclusions and flags as the full report."""
    from reasoner.batch.rows import compact

    items = _items(generated[:40])
    for it, row in zip(items, screen(items, "zh", "summary", jobs=1, chunk=15), strict=True):
        try:
            case = load_text(it.text, it.name)
        except CaseFileError:
            assert row.errors
            continue
        assert row.payload["conclusions"] == compact(build(case, it.source, "zh")), it.source


def test_input_must_be_a_folder_or_jsonl():
    res = CliRunner().invoke(main, ["batch", str(EXAMPLES / "286-1-leak.yaml")])
    assert res.exit_code == 2 and "expected a folder of case files or a .jsonl file" in res.output


def test_ids_that_look_like_scopes_or_need_escapes():
    """Ids with quotes, backslashes, Chinese text or the scope's own spelling survive the split."""
    import yaml

    from reasoner.case.read import Loader

    data = yaml.load((EXAMPLES / "287-2-card-seller.yaml").read_text("utf-8"), Loader=Loader)  # noqa: S506
    text = json.dumps(data, ensure_ascii=False)
    odd = text.replace('"P1"', json.dumps('(__case(0),"P1")')).replace('"A1"', json.dumps('A\\"1 行为'))
    odd = odd.replace('"X1"', json.dumps("X\\\\1"))
    cases = [load_text(t, "c.json") for t in (text, odd, text)]
    assert cases[1].acts[0].id == 'A\\"1 行为'
    for c, t in zip(cases, reason_together(cases), strict=True):
        alone = reason(c)
        assert t.model == alone.model and t.fired == alone.fired and t.aggregates == alone.aggregates


def test_no_case_is_reasoned_alone(generated, monkeypatch):
    """Every case of a chunk is reasoned in its program (issue 20), those with facts not known and
    those weighed in two worlds of standards too (they used to get one Control each: a full ground
    per case, most of a batch's time); and the safeguard (reason alone when an answer has atoms of
    no case that the rules do not derive on their own) does not fire for ordinary cases."""
    import reasoner.solve.engine as engine
    from reasoner.solve.atoms.build import case_facts

    cases = _cases(generated[:60])
    alone = []
    real = engine.reason
    monkeypatch.setattr(engine, "reason", lambda c, *a, **k: alone.append(c) or real(c, *a, **k))
    results = reason_together(cases)
    assert alone == []
    facts = [case_facts(c) for c in cases]
    assert any(f.questions for f in facts) and any(f.setting.two_worlds for f in facts)
    assert any(r.possible != r.certain for r in results)  # open conclusions, with the answers examined
    assert any(r.effects for r in results)


def test_summary_flags_equal_the_worded_explanations():
    """Summary rows build the explanation trees without their words (FlagsExplainer): every
    conclusion of every example and of 500 generated cases has the same status, certainty and flags
    (findings relied on, rests on a finding, on Art 11's presumption, on a text not verified) as
    from the worded trees `check` prints."""
    from reasoner.batch.flags import FlagsExplainer
    from reasoner.batch.rows import compact
    from reasoner.case.read import load

    examples = [load(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    cases = examples + _cases(generate(500, seed=20))
    assert len(cases) > 480
    checked = 0
    for k in range(0, len(cases), 125):
        part = cases[k : k + 125]
        for c, r in zip(part, reason_together(part), strict=True):
            worded = compact(build(c, "x", "en", r, why_not=False))
            assert compact(build(c, "x", "en", r, why_not=False, explainer=FlagsExplainer)) == worded, c.case.id
            checked += len(worded)
    assert checked > 5000


def test_jsonl_lines_that_crashed_the_reader_get_error_rows_and_the_batch_goes_on(tmp_path):
    """A number too long for Python to convert, or 100,000 nested lists, in one line: an error row
    with the field named (was: a ValueError or RecursionError that ended the batch); later rows follow."""
    good = generate(1, seed=1)[0]
    text = json.dumps(good, ensure_ascii=False)
    huge = json.loads(text)
    huge["case"]["id"] = "HUGE"
    huge_line = json.dumps(huge, ensure_ascii=False).replace('"HUGE"', "9" * 5000)
    dup_line = text.replace('"case": {', '"case": {"id": "first", ', 1)
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join([huge_line, "[" * 100_000, dup_line, text]) + "\n", "utf-8")
    rows = list(screen(collect(p), jobs=1))
    assert [r.index for r in rows] == [0, 1, 2, 3] and rows[3].ok
    (err,) = rows[0].errors
    assert (err.file, err.line, err.path) == (str(p), 1, "case.id") and "5,000 digits" in err.message
    (err,) = rows[1].errors
    assert err.line == 2 and "nested too deeply" in err.message
    (err,) = rows[2].errors
    assert (err.line, err.path) == (3, "case.id") and "duplicate key 'id'" in err.message
    res = CliRunner().invoke(main, ["batch", str(p), "--jobs", "1"])
    assert res.exit_code == 3, res.output  # complete, with error rows (exception: the SystemExit(3) only)
    assert isinstance(res.exception, SystemExit) and "Traceback" not in res.output
    assert len([x for x in res.stdout.splitlines() if x.startswith("{")]) == 4


def test_csv_output_round_trips_every_field(tmp_path):
    """A bare CR in a field was written unquoted (the terminator was "\\n"), so that reading the file
    back split the row; every field now comes back as written: CR, LF, CRLF, commas, quotes, Chinese."""
    import io

    from reasoner.batch.output import csv_fields, csv_header, csv_text
    from reasoner.batch.rows import Row, offences

    base = json.loads(json.dumps(generate(1, seed=1)[0]))
    # an id holds no control character (issue 16): CR and LF are in the fields of the error row below
    ids = ["cr x", 'a,"b", c', "帮信，案件", 'two ""cr""']
    p = tmp_path / "in.jsonl"
    lines = []
    for ident in ids:
        base["case"]["id"] = ident
        lines.append(json.dumps(base, ensure_ascii=False))
    p.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out.csv"
    res = CliRunner().invoke(main, ["batch", str(p), "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    names = offences()
    rows = list(screen(collect(p), jobs=1))
    assert [r.case_id for r in rows] == ids
    expected = [csv_header(names)] + [csv_fields(r, names) for r in rows]
    with out.open(encoding="utf-8", newline="") as f:
        assert list(csv.reader(f)) == expected
    from reasoner.case.errors import InputError

    odd = Row(0, "in\nput.jsonl:1", "lf\nx", {}, [InputError("a\r\nb.json", "x", 3, '"引号", \r and \n')])
    rows.append(odd)
    expected.append(csv_fields(odd, names))
    assert list(csv.reader(io.StringIO(csv_text(rows, names), newline=""))) == expected


def test_output_folder_that_does_not_exist_is_one_line_and_exit_2(tmp_path):
    missing = tmp_path / "nodir" / "x.csv"
    res = CliRunner().invoke(main, ["batch", str(EXAMPLES), "-o", str(missing)])
    assert res.exit_code == 2, res.output  # was 1: a FileNotFoundError traceback, after reading the cases
    assert res.output.strip() == f"{missing}: cannot write the output: the folder {missing.parent} does not exist"
    assert not missing.parent.exists()


def test_every_case_file_entry_gets_a_row_also_a_dangling_link(tmp_path):
    """collect kept only regular files: a dangling link b.yaml (or a pipe c.yml) got no row at all."""
    import os

    (tmp_path / "a.yaml").write_text((EXAMPLES / "287-2-five-cards.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "gone.yaml")
    os.mkfifo(tmp_path / "c.yml")
    (tmp_path / "d.json").mkdir()  # a folder is no case file
    (tmp_path / "e.json").symlink_to(tmp_path / "a.yaml")
    rows = list(screen(collect(tmp_path), jobs=1))
    assert [r.source.rsplit("/", 1)[1] for r in rows] == ["a.yaml", "b.yaml", "c.yml", "e.json"]
    assert rows[0].ok
    (err,) = rows[1].errors
    assert err.file == str(tmp_path / "b.yaml") and "a link to" in err.message and "gone.yaml" in err.message
    assert rows[2].errors[0].message == "cannot read the file: not a regular file"
    assert rows[3].errors  # YAML text read as JSON: not valid JSON, but a row


def test_cumulation_names_are_each_cases_own(tmp_path):
    """Two cases whose cumulations have the same term (opened by an act A1) but other acts: each
    row names its own ("A1+A2+A3", "A1+A5+A7"), and the table of names holds only the case reasoned
    last, so that it does not grow with a batch of millions of cases."""
    import yaml

    from reasoner.explain.i18n import ALIASES

    first = json.loads(json.dumps(yaml.safe_load((EXAMPLES / "287-2-cumulation.yaml").read_text("utf-8")), default=str))
    data = json.loads(json.dumps(first))
    renamed = {"A2": "A5", "A3": "A7"}
    for act in data["acts"]:
        act["id"] = renamed.get(act["id"], act["id"])
    data["case"]["id"] = "renamed"
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in (first, data)), "utf-8")
    rows = list(screen(collect(path), jobs=1, detail="full"))
    names = [{c["subject"] for c in r.payload["report"]["conclusions"] if "+" in c["subject"]} for r in rows]
    assert "A1+A2+A3" in names[0] and not any("A5" in n for n in names[0])
    assert "A1+A5+A7" in names[1] and not any("A2" in n for n in names[1])
    assert set(ALIASES.values()) <= names[1] | {"A5+A7", "A7"}
