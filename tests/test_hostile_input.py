"""Hostile but realistic case files (issue 16): no merged ids, no hangs, no tracebacks, limits
checked while reading, and every refusal an error naming the file, the field and the line."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from conftest import EXAMPLES, ROOT, assist_act, assist_case, run
from hypothesis import given
from hypothesis import strategies as st

from reasoner.case.errors import CaseFileError
from reasoner.case.files import MAX_CASE_BYTES
from reasoner.case.read import load, load_text
from reasoner.case.scan import MAX_ALIASES, MAX_NODES
from reasoner.case.values import MAX_ACTS
from reasoner.law.terms import String

#: A command that hangs on main must fail here, not hang the suite.
HANG = 60


def _errors(text: str, name: str = "c.yaml") -> list:
    with pytest.raises(CaseFileError) as e:
        load_text(text, name)
    return e.value.errors


def _cli(*args: str, timeout: float = HANG, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reasoner.cli", *args, "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        **kw,
    )


# --- NUL and other characters in ids -------------------------------------------------------------


def test_ids_differing_after_a_nul_are_refused_not_merged():
    # clingo cuts strings at NUL: A\0x and A\0y would be one act, its knowledge from one and its
    # money from the other, and 287-2 would hold; with ids Ax and Ay neither does
    low = assist_act("A\x00x", settled="1000")
    high = assist_act("A\x00y", settled="300000", knowledge={"indicators": ["abnormal_price_or_method"]})
    errs = _errors(json.dumps(assist_case(low, high)), "c.json")
    assert {e.path for e in errs} >= {"acts[0].id", "acts[1].id"}
    assert all("NUL" in e.message for e in errs if e.path.endswith(".id"))
    plain = assist_case(
        assist_act("Ax", settled="1000"),
        assist_act("Ay", settled="300000", knowledge={"indicators": ["abnormal_price_or_method"]}),
    )
    r = run(plain)
    assert not r.holds("cl.287-2", String("Ax")) and not r.holds("cl.287-2", String("Ay"))


@pytest.mark.parametrize("bad", ["A\x1b[2K", "A\u202eB", "A\u200bB", "A\rB", "A\x85B", "A\ufeffB"])
def test_ids_refuse_control_and_invisible_characters(bad):
    errs = _errors(json.dumps(assist_case(assist_act(bad))), "c.json")
    assert any(e.path == "acts[0].id" and "control or invisible" in e.message for e in errs)


def test_a_text_that_reaches_the_solver_may_not_hold_nul():
    act = assist_act(also_other_crime=["诈骗罪\x00a", "诈骗罪\x00b"])
    errs = _errors(json.dumps(assist_case(act)), "c.json")
    assert {e.path for e in errs} == {"acts[0].also_other_crime[0]", "acts[0].also_other_crime[1]"}


def test_half_a_surrogate_pair_is_an_error_not_a_traceback(tmp_path):
    text = json.dumps(assist_case(assist_act(description="x\ud800y")))  # json writes it as \ud800
    errs = _errors(text, "c.json")
    assert [e.path for e in errs] == ["acts[0].description"] and "surrogate" in errs[0].message
    (tmp_path / "c.json").write_text(text, encoding="utf-8")
    done = _cli("check", str(tmp_path / "c.json"))
    assert done.returncode == 2 and "Traceback" not in done.stderr


_ID = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12).filter(lambda s: s.strip() == s)


@given(a=_ID, b=_ID)
def test_distinct_ids_that_are_taken_are_distinct_symbols(a, b):
    from pydantic import TypeAdapter, ValidationError

    from reasoner.case.values import Id

    try:
        TypeAdapter(Id).validate_python(a)
        TypeAdapter(Id).validate_python(b)
    except ValidationError:
        return
    assert (String(a) == String(b)) == (a == b)
    assert String(a).string == a


# --- aliases, tags, keys -------------------------------------------------------------------------


def _bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines)


def test_an_alias_bomb_is_refused_at_once():
    t0 = time.perf_counter()
    errs = _errors(_bomb())
    assert time.perf_counter() - t0 < 5
    (err,) = errs
    assert err.line and f"more than {MAX_NODES:,} values" in err.message


def test_an_alias_bomb_under_an_unknown_key_of_a_valid_case_is_refused_by_the_cli(tmp_path):
    text = (
        (EXAMPLES / "287-2-card-seller.yaml").read_text("utf-8")
        + "extra:\n"
        + "".join(f"  {line}\n" for line in _bomb().splitlines())
    )
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    done = _cli("check", str(tmp_path / "c.yaml"))
    assert done.returncode == 2 and "values in the file" in done.stderr and "Traceback" not in done.stderr


def test_aliases_are_counted():
    text = "case: &c {id: x}\nmore:\n" + "".join("  - *c\n" for _ in range(MAX_ALIASES + 1))
    (err,) = _errors(text)
    assert err.path == f"more[{MAX_ALIASES}]" and "aliases" in err.message


def test_a_few_aliases_are_read_as_the_values_they_name():
    text = (EXAMPLES / "287-2-card-seller.yaml").read_text("utf-8")
    text = text.replace("help: [cards_and_accounts]", "help: &helped [cards_and_accounts]", 1)
    text = text.replace("    moved_funds: false\n", "    moved_funds: false\n    also_help: *helped\n", 1)
    with pytest.raises(CaseFileError) as e:  # read as the list it names: an unknown field, not a parse error
        load_text(text, "c.yaml")
    assert [x.path for x in e.value.errors] == ["acts[0].also_help"]
    case = load_text(text.replace("    also_help: *helped\n", ""), "c.yaml")
    assert case.acts[0].help == ["cards_and_accounts"]


@pytest.mark.parametrize(
    ("value", "path", "fragment"),
    [
        ("!foo x", "parties[0].name", "the tag !foo"),
        ("!!python/object:os.system x", "parties[0].name", "the tag !!python/object:os.system"),
        ("!!binary aGVsbG8=", "parties[0].name", "the tag !!binary"),
        ("!!set {a, b}", "parties[0].name", "a set (!!set)"),
        ("!!omap [a: 1]", "parties[0].name", "the tag !!omap"),
    ],
)
def test_tags_are_errors_with_their_field_and_line(value, path, fragment):
    text = f"case: {{id: x}}\nparties:\n  - id: P1\n    kind: person\n    name: {value}\n"
    (err,) = _errors(text)
    assert (err.path, err.line) == (path, 5) and fragment in err.message


def test_a_set_where_a_list_is_expected_is_an_error():
    text = (EXAMPLES / "287-2-card-seller.yaml").read_text("utf-8")
    text = text.replace("help: [cards_and_accounts]", "help: !!set {cards_and_accounts}")
    (err,) = _errors(text)
    assert err.path == "acts[0].help" and "!!set" in err.message and "write a list" in err.message


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ("x: =\n", "unknown field"),  # YAML 1.1's value key: text here, an unknown field
        ("[a]: 1\n", "a key must be text"),
        ("{a: 1}: 1\n", "a key must be text"),
        ("x: {<<: 5}\n", "merging"),
        ("x: *nowhere\n", "names no anchor"),
    ],
)
def test_yaml_the_constructor_would_stop_on_is_an_error(extra, fragment):
    text = "case: {id: x}\nparties: [{id: P1, kind: person, name: x}]\n" + extra
    errs = _errors(text)
    assert any(fragment in e.message for e in errs), errs


# --- sizes and counts, checked while reading -----------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    p = tmp_path / "big.yaml"
    with p.open("wb") as f:
        f.truncate(MAX_CASE_BYTES + 1)  # sparse: refused on its size, never read
    with pytest.raises(CaseFileError) as e:
        load(p)
    assert "at most" in e.value.errors[0].message and f"{MAX_CASE_BYTES:,}" in e.value.errors[0].message


def test_a_hundred_thousand_acts_are_refused_in_seconds(tmp_path):
    acts = "".join(
        f"  - {{id: A{i}, actor: P1, kind: assist_network_crime, date: 2023-01-01}}\n" for i in range(100_000)
    )
    p = tmp_path / "many.yaml"
    p.write_text(f"case: {{id: x}}\nparties: [{{id: P1, kind: person, name: x}}]\nacts:\n{acts}", encoding="utf-8")
    t0 = time.perf_counter()
    done = _cli("check", str(p))
    assert done.returncode == 2 and "bytes" in done.stderr and time.perf_counter() - t0 < HANG


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_one_act_too_many_is_refused_before_any_is_validated(fmt):
    acts = [{"id": f"A{i}", "colour": "blue"} for i in range(MAX_ACTS + 5)]  # every act invalid
    data = {"case": {"id": "x"}, "parties": [{"id": "P1", "kind": "person", "name": "x"}], "acts": acts}
    text = (
        json.dumps(data)
        if fmt == "json"
        else "\n".join(
            ["case: {id: x}", "parties: [{id: P1, kind: person, name: x}]", "acts:"]
            + [f"  - {{id: A{i}, colour: blue}}" for i in range(MAX_ACTS + 5)]
        )
    )
    (err,) = _errors(text, f"c.{fmt}")  # one error, not one per act
    assert err.path.startswith("acts") and f"more than {MAX_ACTS:,} acts" in err.message
    if fmt == "yaml":
        assert err.line == 3 + MAX_ACTS + 1


def test_the_limits_hold_for_a_jsonl_line(tmp_path):
    from reasoner.batch.inputs import collect, load_item

    p = tmp_path / "cases.jsonl"
    p.write_text(json.dumps({"case": {"id": "x"}, "pad": "x" * (MAX_CASE_BYTES + 1)}) + "\n", encoding="utf-8")
    (item,) = collect(p)
    _, errs = load_item(item)
    assert "bytes" in errs[0].message and errs[0].line == 1


# --- statements that are no files ----------------------------------------------------------------


def _statement_case(folder, name: str = "s.csv") -> object:
    text = (EXAMPLES / "287-2-card-statement.yaml").read_text("utf-8").replace("287-2-card-statement.csv", name)
    p = folder / "c.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_statement_linked_to_dev_zero_is_refused_at_once(tmp_path):
    (tmp_path / "s.csv").symlink_to("/dev/zero")
    done = _cli("check", str(_statement_case(tmp_path)))  # a link out of the case's folder
    assert done.returncode == 2 and "acts[0].statement.file" in done.stderr and "leads out of" in done.stderr
    done = _cli("check", str(_statement_case(tmp_path)), "--statements-root", "/")  # inside: not a file
    assert done.returncode == 2 and "acts[0].statement.file" in done.stderr and "not a regular file" in done.stderr


def test_a_fifo_named_csv_is_refused_at_once(tmp_path):
    import os

    os.mkfifo(tmp_path / "s.csv")
    done = _cli("check", str(_statement_case(tmp_path)))
    assert done.returncode == 2 and "not a regular file" in done.stderr


def test_a_statement_over_the_size_limit_is_refused_on_its_size(tmp_path):
    from reasoner.case.files import MAX_STATEMENT_BYTES

    with (tmp_path / "s.csv").open("wb") as f:
        f.truncate(MAX_STATEMENT_BYTES + 1)
    with pytest.raises(CaseFileError) as e:
        load(_statement_case(tmp_path))
    (err,) = e.value.errors
    assert err.path == "acts[0].statement.file" and f"at most {MAX_STATEMENT_BYTES:,}" in err.message


def test_a_case_file_that_is_a_fifo_is_refused(tmp_path):
    import os

    os.mkfifo(tmp_path / "c.yaml")
    done = _cli("check", str(tmp_path / "c.yaml"))
    assert done.returncode == 2 and "not a regular file" in done.stderr


# --- encodings, null ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["c.json", "c.yaml"])
def test_a_byte_order_mark_is_accepted_in_every_format(tmp_path, name):
    data = json.loads(json.dumps(assist_case()))
    text = json.dumps(data, ensure_ascii=False)
    (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load(tmp_path / name).acts[0].id == "A1"


def test_a_byte_order_mark_is_accepted_in_jsonl(tmp_path):
    from reasoner.batch.inputs import collect, load_item

    p = tmp_path / "cases.jsonl"
    line = json.dumps(assist_case(), ensure_ascii=False)
    p.write_bytes(b"\xef\xbb\xbf" + line.encode("utf-8") + b"\n" + line.encode("utf-8") + b"\n")
    items = collect(p)
    assert [load_item(it)[1] for it in items] == [[], []]


@pytest.mark.parametrize("name", ["c.yaml", "c.json"])
def test_a_gbk_file_is_named_as_such_with_its_line(tmp_path, name):
    data = assist_case(assist_act(description="出租银行卡"))
    text = json.dumps(data, ensure_ascii=False, indent=1)
    (tmp_path / name).write_bytes(text.encode("gbk"))
    with pytest.raises(CaseFileError) as e:
        load(tmp_path / name)
    (err,) = e.value.errors
    line = next(i for i, t in enumerate(text.splitlines(), 1) if not t.isascii())
    assert (
        err.line == line and "not UTF-8" in err.message and "GBK" in err.message and "save it as UTF-8" in err.message
    )


def test_a_gbk_statement_is_named_as_such(tmp_path):
    (tmp_path / "s.csv").write_bytes(
        "date,account,direction,amount,counterparty\n2023-03-02,1,in,5,王某\n".encode("gbk")
    )
    with pytest.raises(CaseFileError) as e:
        load(_statement_case(tmp_path))
    (err,) = e.value.errors
    assert err.line == 2 and "GBK" in err.message


@pytest.mark.parametrize("value", ["null", "~", ""])
def test_null_for_an_optional_figure_is_an_error_naming_the_field(value):
    text = (EXAMPLES / "287-2-card-seller.yaml").read_text("utf-8")
    text = text.replace('    payment_settlement: "236500.80"', f"    payment_settlement: {value}")
    errs = _errors(text)
    (err,) = [e for e in errs if e.path == "acts[0].payment_settlement"]
    assert "leave the field out" in err.message and "unknown" in err.message and err.line


def test_null_in_json_is_an_error_too():
    data = assist_case(assist_act(illegal_gains=None))
    (err,) = _errors(json.dumps(data), "c.json")
    assert err.path == "acts[0].illegal_gains" and "leave the field out" in err.message
