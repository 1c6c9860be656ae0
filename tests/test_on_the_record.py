"""Never more than was decided (issue 17): when the only route to 明知 the file recorded is answered
no, the offence fails on the facts recorded, and the Art 11 indicators the file never recorded nor
asked about are named; a fact recorded as no reads so, not as missing; nothing says 确定不成立."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import assist_act, assist_case

from reasoner.cli import main

NOTICE = "明知的推定情形：经监管部门告知后仍然实施有关行为"  # Art 11 item (1), never recorded


def _file(tmp_path) -> str:
    act = assist_act(knowledge={"proven": False})  # answered no: the only route the file recorded
    path = tmp_path / "no.json"
    path.write_text(json.dumps(assist_case(act, as_of="2024-06-01"), ensure_ascii=False), encoding="utf-8")
    return str(path)


def _run(*args: str) -> str:
    out = CliRunner().invoke(main, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def test_check_says_what_is_excluded_on_the_record_and_what_was_never_recorded(tmp_path):
    text = _run("check", _file(tmp_path), "--width", "400")
    assert "依已记录的事实不成立；下列事实案卷未记录、亦未经询问" in text
    assert NOTICE in text
    assert "案卷记载为否：有证据直接证明行为人明知（A1）" in text  # recorded no, not 缺少事实
    assert "确定不成立" not in text


def test_why_not_and_memo_say_the_same(tmp_path):
    case = _file(tmp_path)
    assert NOTICE in _run("why-not", case, "cl.287-2", "--width", "400")
    memo = _run("report", case)
    assert "依已记录的事实不成立" in memo and NOTICE in memo
    en = _run("check", case, "--width", "400", "--lang", "en")
    assert "not established on the facts recorded; the case file neither records nor asks about these" in en


def test_no_status_claims_more_than_the_record(tmp_path):
    text = _run("what-it-takes", _file(tmp_path), "cl.287-2")
    assert text.startswith("依已记录的事实不成立") and "确定不成立" not in text
