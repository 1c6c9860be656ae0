"""法释〔2019〕15号 第十九条 with the 2001 rule on the temporal effect of judicial interpretations,
CL 12 with Amendment IX, and `--as-of`."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT, assist_act, assist_case, run, to_case

from reasoner.case.edits import judged_on
from reasoner.case.errors import CaseFileError
from reasoner.case.read import load_text
from reasoner.law.terms import String

A1 = String("A1")


def test_no_date_of_judgment_means_judged_now():
    r = run(assist_case())
    assert r.holds("interp.19", A1) and r.holds("cl.287-2", A1)


@pytest.mark.parametrize(("as_of", "applies"), [("2019-10-31", False), ("2019-11-01", True), ("2020-05-20", True)])
def test_act_in_2018_judged_before_or_after_the_interpretation(as_of: str, applies: bool):
    r = run(assist_case(assist_act(date={"from": "2018-04-01", "to": "2018-09-30"}), as_of=as_of))
    assert r.holds("interp.19", A1) is applies
    assert r.holds("cl.287-2.1", A1)  # the elements as the Interpretation reads them
    assert r.holds("cl.287-2", A1) is applies


def test_act_on_the_first_day_of_amendment_9():
    assert run(assist_case(assist_act(date="2015-11-01"), as_of="2020-01-01")).holds("cl.287-2", A1)
    assert not run(assist_case(assist_act(date="2015-10-31"), as_of="2020-01-01")).holds("cl.287-2", A1)


def test_judgment_date_before_the_act_is_an_error():
    with pytest.raises(CaseFileError) as e:
        to_case(assist_case(assist_act(date="2023-05-01"), as_of="2023-04-30"))
    assert "after the date of judgment" in str(e.value)
    case = to_case(assist_case(assist_act(date="2023-05-01")))
    with pytest.raises(CaseFileError):
        judged_on(case, "2023-04-30")
    with pytest.raises(CaseFileError):
        judged_on(case, "2023-02-30")


def test_as_of_on_the_command_line_overrides_the_case_file():
    path = str(EXAMPLES / "287-2-judged-2020.yaml")
    cmd = [sys.executable, "-m", "reasoner.cli", "check", path, "--format", "json", "--id", "cl.287-2"]
    later = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True).stdout
    earlier = subprocess.run(
        [*cmd, "--as-of", "2019-10-31"], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    assert '"date_of_judgment": "2020-05-20"' in later and '"status": "holds"' in later
    # judged before the Interpretation: outside every standard encoded, not assessed (never excluded)
    assert '"date_of_judgment": "2019-10-31"' in earlier and '"status": "not_assessed"' in earlier
    bad = subprocess.run([*cmd, "--as-of", "2018-01-01", "--lang", "en"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "after the date of judgment" in bad.stderr
    bad = subprocess.run([*cmd, "--as-of", "2018-01-01"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "晚于审判日期" in bad.stderr  # Chinese by default


def test_case_file_as_of_must_be_a_date():
    data = assist_case(as_of="2020-13-01")
    with pytest.raises(CaseFileError):
        load_text(__import__("json").dumps(data), "t.json")
