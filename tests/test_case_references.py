"""案号, 承办人 and 审查日期 (issue 17): optional fields of ``case`` (old files stay valid), validated
(the review date a calendar date, the others one line each), printed in the memo's header in every
format and in the header of `check` (text and JSON, where they are additive keys of
reasoner/check/2); the rules never see them: a case's atoms are the same with them and without."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from reasoner.case.errors import CaseFileError
from reasoner.case.read import load_text
from reasoner.cli import main
from reasoner.render.memo import memo, render
from reasoner.solve.atoms.build import case_facts

BASE = (EXAMPLES / "287-2-card-seller.yaml").read_text("utf-8")
NUMBER = "（2024）京0105刑初123号"
REFS = f'  number: "{NUMBER}"\n  officer: 李四\n  review_date: 2024-11-30\n'


def _with(refs: str) -> str:
    """The example with these lines added under ``case:``."""
    head, rest = BASE.split("\ncase:\n", 1)
    return f"{head}\ncase:\n{refs}{rest}"


def _write(tmp_path, refs: str = REFS):
    p = tmp_path / "case.yaml"
    p.write_text(_with(refs), "utf-8")
    return p


def test_the_references_are_read_and_old_files_stay_valid():
    info = load_text(_with(REFS), "c.yaml").case
    assert (info.number, info.officer, info.review_date.isoformat()) == (NUMBER, "李四", "2024-11-30")
    old = load_text(BASE, "c.yaml").case
    assert (old.number, old.officer, old.review_date) == (None, None, None)


@pytest.mark.parametrize(
    ("line", "field", "said"),
    [
        ("  review_date: 2024-02-30\n", "case.review_date", "is not a calendar date"),
        ("  review_date: 2024-11\n", "case.review_date", "expected a date YYYY-MM-DD"),
        ('  number: "A\\nB"\n', "case.number", "应为一行文本"),
        ("  officer: ' 李四'\n", "case.officer", "首尾不得有空格"),
        ("  officer: ''\n", "case.officer", ""),
    ],
)
def test_bad_references_are_errors_naming_the_field_and_line(line, field, said):
    with pytest.raises(CaseFileError) as e:
        load_text(_with(line), "c.yaml")
    (err,) = e.value.errors
    assert err.path == field and err.line == BASE.split("\n").index("case:") + 2
    from reasoner.explain.i18n import error_line

    lang = "zh" if re.search(r"[\u4e00-\u9fff]", said) else "en"
    assert said in error_line(err, lang)
    assert re.search(r"[\u4e00-\u9fff]", error_line(err, "zh"))  # Chinese by default, whatever the error


def test_the_rules_never_see_them():
    plain, refs = case_facts(load_text(BASE, "c.yaml")), case_facts(load_text(_with(REFS), "c.yaml"))
    assert plain.atoms.keys() == refs.atoms.keys() and plain.unknown.keys() == refs.unknown.keys()
    assert not any("李四" in str(s) or "京0105" in str(s) for s in refs.atoms)


def test_check_prints_them_in_its_header_and_json(tmp_path):
    p = _write(tmp_path)
    res = CliRunner().invoke(main, ["check", str(p)], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert f"案号：{NUMBER} · 承办人：李四 · 审查日期：2024-11-30" in res.output.splitlines()[:4]
    res = CliRunner().invoke(main, ["check", str(p), "--lang", "en", "--format", "json"])
    case = json.loads(res.output)["case"]
    assert (case["number"], case["officer"], case["review_date"]) == (NUMBER, "李四", "2024-11-30")
    plain = tmp_path / "plain.yaml"
    plain.write_text(BASE, "utf-8")
    case = json.loads(CliRunner().invoke(main, ["check", str(plain), "--format", "json"]).output)["case"]
    assert not {"number", "officer", "review_date"} & case.keys()  # additive: absent when not given


def test_the_memo_header_shows_them_in_every_format(tmp_path):
    p = _write(tmp_path, REFS.replace("李四", "李<b>四</b>"))
    m = memo(load_text(p.read_text("utf-8"), str(p)), str(p))
    h = m.header
    assert (h.case_number, h.handler, h.review_date) == (NUMBER, "李<b>四</b>", "2024-11-30")
    md = render(m, "md").decode("utf-8")
    assert f"案号：{NUMBER}\n\n承办人：李<b>四</b>\n\n审查日期：2024-11-30\n" in md.replace("\\<", "<").replace(
        "\\>", ">"
    )
    html = render(m, "html").decode("utf-8")
    assert f'<p class="slot">案号：{NUMBER}</p>' in html and "承办人：李&lt;b&gt;四&lt;/b&gt;" in html
    paras = [x.text for x in docx.Document(io.BytesIO(render(m, "docx"))).paragraphs]
    assert f"案号：{NUMBER}" in paras and "承办人：李<b>四</b>" in paras and "审查日期：2024-11-30" in paras
    en = render(memo(load_text(p.read_text("utf-8"), str(p)), str(p), "en"), "md").decode("utf-8")
    assert "Officer in charge: " in en and "Date of review: 2024-11-30" in en
