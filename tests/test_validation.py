"""Bad input: every error at once, each naming file, field path, line, what was expected and found."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EXAMPLES, make_case

from reasoner.case.errors import CaseFileError
from reasoner.case.read import load, load_text

BAD_YAML = """\
case:
  id: bad
  colour: blue
parties:
  - id: P1
    kind: unit
    name: X
    services: [{category: instant_messagin}]
  - id: P1
    kind: person
    name: Y
orders:
  - id: O1
    to: P9
    issuer: {name: Z, kind: public_security}
    form: rectification_notice
    date: 2023-02-30
    legal_basis: []
    capacity_to_comply: yes
    response: {complied: false}
acts:
  - id: A1
    actor: P1
    kind: refuse_security_duty
    date: {from: 2023-05-01, to: 2023-04-01}
    quantities: {illegal_videos: -3, clicks: 12.5}
    leak: {economic_loss: 100.25}
findings:
  - {provision: interp.3.1.1, subject: A1, holds: true, reason: x}
"""


def _errors(text: str, name: str = "bad.yaml") -> dict[str, tuple[int | None, str]]:
    with pytest.raises(CaseFileError) as e:
        load_text(text, name)
    return {err.path: (err.line, err.message) for err in e.value.errors}


def test_all_errors_reported_at_once_with_path_and_line():
    errs = _errors(BAD_YAML)
    expected = {
        "case.colour": (3, "unknown field"),
        "parties[0].services[0].category": (8, "instant_messagin"),
        "parties[1].id": (9, "already used"),
        "orders[0].to": (14, "'P9'"),
        "orders[0].date": (17, "not a calendar date"),
        "orders[0].capacity_to_comply": (19, "'yes'"),
        "acts[0].date": (25, "ends (2023-04-01) before it starts"),
        "acts[0].quantities.illegal_videos": (26, "input should be at least 0; found -3"),
        "acts[0].quantities.clicks": (26, "input should be a whole number; found 12.5"),
        "acts[0].leak.economic_loss": (27, "floating point"),
        "findings[0].provision": (29, "takes no reviewer finding"),
    }
    for path, (line, fragment) in expected.items():
        assert path in errs, path
        assert errs[path][0] == line, (path, errs[path])
        assert fragment in errs[path][1], (path, errs[path])
    assert len(errs) == len(expected)


def test_missing_required_field_and_wrong_type():
    data = make_case()
    del data["orders"][0]["issuer"]
    data["acts"][0]["duty_not_performed"] = "true"
    errs = _errors(json.dumps(data), "c.json")
    assert errs["orders[0].issuer"][1] == "required field is missing"
    assert "valid boolean" in errs["acts[0].duty_not_performed"][1]


def test_duplicate_keys_are_errors_in_yaml_and_json():
    errs = _errors("case: {id: a}\ncase: {id: b}\nparties: []\n")
    assert "duplicate key 'case'" in errs["case"][1]
    with pytest.raises(CaseFileError) as e:
        load_text('{"case": {"id": "a"}, "case": {"id": "b"}, "parties": []}', "d.json")
    assert any("duplicate key" in err.message for err in e.value.errors)


def test_dangling_references_and_findings():
    data = make_case()
    data["acts"][0]["order"] = "O9"
    data["findings"].append({"provision": "interp.9.9.9", "subject": "X", "holds": True, "reason": "r"})
    data["findings"].append({"provision": "interp.2.2.2", "subject": "O1", "holds": False, "reason": "again"})
    errs = _errors(json.dumps(data), "c.json")
    assert "'O9'" in errs["acts[0].order"][1]
    assert "encoded provision" in errs["findings[1].provision"][1]
    assert "the id of a record in this case" in errs["findings[1].subject"][1]
    assert "second finding" in errs["findings[2]"][1]


def test_deadline_before_order_date_and_person_as_responsible():
    data = make_case(order={"deadline": "2023-02-01"})
    data["parties"][0]["responsible_persons"] = [{"person": "P1", "role": "manager"}]
    errs = _errors(json.dumps(data), "c.json")
    assert "before the order's date" in errs["orders[0].deadline"][1]
    assert "expected a person" in errs["parties[0].responsible_persons[0].person"][1]


@pytest.mark.parametrize(
    "money, ok",
    [
        ("1234.56", True),
        (1234, True),
        ("1,234.5", True),
        ("1.234", False),
        ("-5", False),
        (True, False),
        ("12e3", False),
    ],
)
def test_money_is_exact(money, ok):
    data = make_case(act={"leak": {"economic_loss": money}})
    if ok:
        load_text(json.dumps(data), "c.json")
    else:
        assert "acts[0].leak.economic_loss" in _errors(json.dumps(data), "c.json")


def test_yaml_yes_no_are_not_booleans_and_dates_stay_exact():
    text = (EXAMPLES / "286-1-mass-spread.yaml").read_text(encoding="utf-8")
    case = load_text(text, "x.yaml")
    assert case.orders[0].capacity_to_comply is True
    errs = _errors(text.replace("capacity_to_comply: true", "capacity_to_comply: on"))
    assert "orders[0].capacity_to_comply" in errs


def test_not_a_case_file():
    with pytest.raises(CaseFileError) as e:
        load(EXAMPLES.parent / "README.md")
    assert "expected a .yaml" in e.value.errors[0].message
    assert "not valid YAML" in _errors("a: [1, 2\n")[""][1]
    assert "expected a mapping" in _errors("- 1\n- 2\n")[""][1]


def test_cli_exit_status_2_and_errors_on_stderr(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_YAML, encoding="utf-8")
    cmd = [sys.executable, "-m", "reasoner.cli", "check", str(bad)]
    proc = subprocess.run([*cmd, "--lang", "en"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert f"{bad}:3: case.colour: unknown field" in proc.stderr
    assert "11 errors" in proc.stderr
    zh = subprocess.run(cmd, capture_output=True, text=True)  # Chinese by default (issue 16)
    assert zh.returncode == 2 and f"{bad} 中有 11 处错误；未作推理。" in zh.stderr


def test_a_finding_about_the_wrong_kind_of_record_is_an_error():
    data = make_case(add_findings=[{"provision": "interp.3.1.7", "subject": "O1", "holds": True, "reason": "r"}])
    errs = _errors(json.dumps(data), "c.json")
    assert "a finding on interp.3.1.7 is about a act; 'O1' is a order" in errs["findings[1].subject"][1]


def test_every_provision_taking_a_finding_knows_its_subject():
    from reasoner.law.catalogue import catalogue
    from reasoner.law.findings import finding_subjects

    takes = {p.id for p in catalogue().values() if p.finding}
    assert set(finding_subjects()) == takes
    assert all(finding_subjects()[pid] for pid in takes)


def test_site_fields_belong_to_their_kind():
    data = {
        "case": {"id": "t"},
        "parties": [{"id": "P1", "kind": "person", "name": "甲"}],
        "acts": [
            {
                "id": "A1",
                "actor": "P1",
                "kind": "illegal_use_of_network",
                "date": "2023-01-01",
                "sites": [
                    {
                        "id": "S1",
                        "kind": "group",
                        "purpose": "set_up_for_illegal_activity",
                        "activity": {"kind": "fraud", "legal_character": "crime"},
                        "registered_accounts": 10,
                    }
                ],
            }
        ],
    }
    errs = _errors(json.dumps(data), "c.json")
    assert "registered_accounts do not apply to a group" in errs["acts[0].sites[0]"][1]


def test_numbers_too_long_to_read_are_errors_with_their_field():
    """Python refuses to convert an integer of more than 4,300 digits (a ValueError that crashed the
    reader); such numbers, and money strings as long, are errors naming the field and its line."""
    huge = "7" * 5000
    text = (EXAMPLES / "287-2-card-seller.yaml").read_text(encoding="utf-8")
    assert 'payment_settlement: "236500.80"' in text
    at = next(n for n, line in enumerate(text.splitlines(), 1) if 'payment_settlement: "236500.80"' in line)
    for written in (huge, f'"{huge}"', f'"{huge}.5"', f"-{huge}"):
        errs = _errors(text.replace('payment_settlement: "236500.80"', f"payment_settlement: {written}"))
        line, message = errs["acts[0].payment_settlement"]
        assert line == at and "4,000 digits" in message and "5,00" in message, (written, message)
        assert len(errs) == 1
    data = make_case(act={"quantities": {"clicks": 1}})
    as_json = json.dumps(data, indent=1).replace('"clicks": 1', f'"clicks": {huge}')
    ((path, (line, message)),) = _errors(as_json, "c.json").items()  # one error, not a second one for the type
    assert path == "acts[0].quantities.clicks" and line and message == "a number of 5,000 digits; at most 4,000 digits"
    at_limit = json.dumps(data).replace('"clicks": 1', f'"clicks": {"9" * 4000}')
    assert load_text(at_limit, "c.json").acts[0].quantities.clicks == int("9" * 4000)
    assert sys.get_int_max_str_digits() == 4300  # read without changing the interpreter's limit


def test_nesting_too_deep_is_an_error_not_a_recursion_error():
    for n in (100, 990, 100_000):
        deep = "[" * n + "]" * n
        json_text, yaml_text = f'{{"case": {{"id": "x"}}, "acts": {deep}}}', f"case: {{id: x}}\nacts: {deep}\n"
        for text, name in ((json_text, "c.json"), (yaml_text, "c.yaml")):
            errs = _errors(text, name)
            assert len(errs) == 1, errs
            ((path, (_, message)),) = errs.items()
            assert "nested too deeply" in message or "nesting depth" in message, (n, name, message)


def test_json_duplicate_keys_have_their_full_path_and_line():
    text = '{"case": {"id": "x"},\n "acts": [{"id": "A1",\n   "payment_settlement": "5",\n'
    text += '   "payment_settlement": "6"}]}'
    with pytest.raises(CaseFileError) as e:
        load_text(text, "dup.json")
    dup = [str(x) for x in e.value.errors if "duplicate" in x.message]
    assert dup == ["dup.json:4: acts[0].payment_settlement: duplicate key 'payment_settlement' (first at line 3)"]
    # JSON that is not YAML (a tab before a key): the json reader's bare duplicate remains
    with pytest.raises(CaseFileError) as e:
        load_text('{"case": {"id": "x"},\t"case": {"id": "y"}}', "dup.json")
    assert any(x.path == "case" and "duplicate key 'case'" in x.message for x in e.value.errors)


def test_a_yaml_anchor_inside_itself_is_an_error_not_a_recursion_error():
    for text, where in (("case: {id: x}\nacts: &a [*a]\n", "acts[0]"), ("case: &c {id: x, more: *c}\n", "case.more")):
        ((path, (line, message)),) = _errors(text).items()
        assert path == where and line and "is inside the value it names" in message


def test_the_finding_subjects_kept_beside_the_program_are_those_read_from_the_rules(tmp_path, monkeypatch):
    from reasoner.law import findings

    monkeypatch.setenv("REASONER_CACHE", str(tmp_path))
    findings.finding_subjects.cache_clear()
    try:
        read = findings._read_from_rules()
        assert findings.finding_subjects() == read  # computed, and kept
        assert findings._cache_file().is_file()
        findings.finding_subjects.cache_clear()
        assert findings.finding_subjects() == read  # read back
    finally:
        findings.finding_subjects.cache_clear()
