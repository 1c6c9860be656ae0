"""why-not of an offence the case has no act for (issue 17): one line saying that no act is of the
offence's kind (from the rules' offence_of/2 and the acts recorded), not two hundred lines of routes."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import EXAMPLES

from reasoner.cli import main

SELLER = str(EXAMPLES / "287-2-card-seller.yaml")  # one act, of assisting criminal network activity


def _run(*args: str) -> str:
    out = CliRunner().invoke(main, ["why-not", *args])
    assert out.exit_code == 0, out.output
    return out.output


def test_an_offence_with_no_act_of_its_kind_is_answered_in_one_line():
    text = _run(SELLER, "cl.287-1")
    assert text.splitlines() == ["本案没有非法利用信息网络行为：非法利用信息网络罪（刑法第二百八十七条之一）无从成立。"]
    en = _run(SELLER, "cl.286-1", "--lang", "en")
    assert len(en.splitlines()) == 1 and "no act of refusal of network-security duties" in en


def test_a_provision_of_that_article_too():
    assert len(_run(SELLER, "cl.287-1.1.serious").splitlines()) == 1


def test_the_json_says_so_and_lists_no_conclusion():
    out = json.loads(_run(SELLER, "cl.287-1", "--format", "json"))
    assert out["conclusions"] == []
    assert out["no_act_of_kind"]["kind"] == "illegal_use_of_network"


def test_an_offence_whose_kind_is_in_the_case_keeps_its_routes():
    assert len(_run(SELLER, "cl.287-2").splitlines()) > 20
