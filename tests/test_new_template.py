"""`reasoner new` (issue 17): a commented case file template per kind of act, Chinese by default and
English with --lang en, format 2.  Every blank is refused by validation, each named with its file,
line and field, so that an unfilled template reasons on nothing (a lawyer expects a blank form to
be refused, not read as a case of unknown facts that `check` would call 可能成立); once the test
fills each blank, `reasoner check` accepts the file.  Written whole, never over an existing file
unless --force."""

from __future__ import annotations

import re

import pytest
import yaml
from click.testing import CliRunner

from reasoner.case.acts import FIELDS_OF_KIND
from reasoner.case.errors import path_text
from reasoner.case.read import Loader
from reasoner.case.validate import BLANK
from reasoner.cli import main

CASE = {
    "case.id": "T-1",
    "case.title": "测试案件",
    "case.number": "（2024）京0105刑初1号",
    "case.officer": "李四",
    "case.review_date": "2024-11-30",
    "case.as_of": "2024-06-01",
}
#: What the test writes in each blank of each kind's template, by field (the same in both languages).
FILL = {
    "assist_network_crime": {
        **CASE,
        "parties[0].name": "张三",
        "parties[0].birth_date": "1990-01-01",
        "assisted_parties[0].description": "某电信诈骗团伙",
        "assisted_parties[0].uses_network": "true",
        "assisted_parties[0].reaches_crime": '"yes"',
        "assisted_parties[0].crime": "诈骗罪",
        "assisted_parties[0].crime_kind": "telecom_fraud",
        "assisted_parties[0].confirmable": "true",
        "acts[0].date.from": "2023-01-01",
        "acts[0].date.to": "2023-03-31",
        "acts[0].description": "出售本人银行卡 4 张",
        "acts[0].help[0]": "cards_and_accounts",
        "acts[0].cards[0].count": "4",
        "acts[0].payment_settlement": '"236500.80"',
        "acts[0].illegal_gains": '"6000"',
        "acts[0].knowledge.proven": "unknown",
    },
    "illegal_use_of_network": {
        **CASE,
        "parties[0].name": "郑某",
        "acts[0].date.from": "2023-01-10",
        "acts[0].date.to": "2023-08-31",
        "acts[0].description": "发帖推广诈骗网站",
        "acts[0].publishing.content": "info_for_illegal_activity",
        "acts[0].publishing.activity.kind": "fraud",
        "acts[0].publishing.activity.legal_character": "crime",
        "acts[0].publishing.activity.description": "网络诈骗",
        "acts[0].publishing.items_on_websites": "326",
        "acts[0].illegal_gains": '"23860.50"',
    },
    "refuse_security_duty": {
        **CASE,
        "parties[0].name": "某旅行服务有限公司",
        "parties[0].services[0].category": "online_booking",
        "parties[0].services[0].description": "酒店在线预订",
        "parties[1].name": "陈某",
        "orders[0].issuer.name": "某省互联网信息办公室",
        "orders[0].issuer.kind": "cyberspace",
        "orders[0].form": "rectification_notice",
        "orders[0].date": "2021-06-01",
        "orders[0].legal_basis[0].kind": "law",
        "orders[0].legal_basis[0].name": "《网络安全法》第二十一条",
        "orders[0].measures": "关闭对公网开放的数据库端口",
        "orders[0].deadline": "2021-06-10",
        "orders[0].capacity_to_comply": "true",
        "orders[0].response.complied": "false",
        "acts[0].date.from": "2021-06-11",
        "acts[0].date.to": "2021-08-20",
        "acts[0].description": "逾期未关闭端口",
        "acts[0].duty_not_performed": "true",
        "acts[0].duty": "《网络安全法》第四十二条规定的义务",
        "acts[0].leak.other_user_info": "60000",
    },
}
KINDS = [(k, lang) for k in FIELDS_OF_KIND for lang in ("zh", "en")]


def _new(*args: str) -> str:
    res = CliRunner().invoke(main, ["new", *args])
    assert res.exit_code == 0, res.output
    return res.output


def _blanks(data: object, path: tuple = ()) -> list[str]:
    """The fields holding a blank, in the order of the file."""
    if isinstance(data, dict):
        return [b for k, v in data.items() for b in _blanks(v, (*path, k))]
    if isinstance(data, list):
        return [b for i, v in enumerate(data) for b in _blanks(v, (*path, i))]
    return [path_text(path)] if isinstance(data, str) and BLANK.match(data) else []


def _filled(text: str, kind: str) -> str:
    """The template with each blank (not those its comments show) replaced by the test's value."""
    paths = iter(_blanks(yaml.load(text, Loader=Loader)))  # noqa: S506 - the reasoner's own safe loader
    assert set(_blanks(yaml.load(text, Loader=Loader))) == set(FILL[kind])  # noqa: S506
    blank = re.compile(r'"<(?:待填|fill in)[：:][^"]*>"')
    out = []
    for line in text.splitlines(keepends=True):
        code, hash_, comment = line.partition("  #") if not line.lstrip().startswith("#") else ("", "", line)
        out.append(blank.sub(lambda m: FILL[kind][next(paths)], code) + hash_ + comment)
    assert next(paths, None) is None
    return "".join(out)


@pytest.mark.parametrize(("kind", "lang"), KINDS)
def test_the_template_is_refused_blank_by_blank_until_filled(tmp_path, kind, lang):
    text = _new("--kind", kind, "--lang", lang)
    assert text.startswith("# ") and "\nformat: 2\n" in text and f"kind: {kind}\n" in text
    assert ("待填" in text) == (lang == "zh") and ("fill in" in text) == (lang == "en")
    p = tmp_path / "case.yaml"
    p.write_text(text, "utf-8")
    res = CliRunner().invoke(main, ["check", str(p), "--lang", lang])
    assert res.exit_code == 2
    errors = res.output.splitlines()[:-1]
    blanks = _blanks(yaml.load(text, Loader=Loader))  # noqa: S506
    assert len(errors) == len(blanks) == len(FILL[kind])  # one error per blank, and nothing else
    said = "模板的待填项尚未填写" if lang == "zh" else "a blank of the template, not filled in"
    for line in errors:
        assert line.startswith(f"{p}:") and said in line, line
    line = next(n for n, x in enumerate(text.splitlines(), 1) if x.startswith("  id: "))
    assert errors[0].startswith(f"{p}:{line}: case.id: ")  # file, line and field


@pytest.mark.parametrize(("kind", "lang"), KINDS)
def test_the_filled_template_passes_check(tmp_path, kind, lang):
    p = tmp_path / "case.yaml"
    p.write_text(_filled(_new("--kind", kind, "--lang", lang), kind), "utf-8")
    res = CliRunner().invoke(main, ["check", str(p), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert '"number": "（2024）京0105刑初1号"' in res.output


def test_chinese_is_the_default_and_the_kind_defaults_to_287_2():
    assert _new() == _new("--kind", "assist_network_crime", "--lang", "zh")


def test_written_whole_and_never_over_a_file_unless_forced(tmp_path):
    p = tmp_path / "new.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["new", "-o", str(p)]).exit_code == 0
    assert p.read_text("utf-8") == _new()
    p.write_text("mine", "utf-8")
    res = runner.invoke(main, ["new", "-o", str(p), "--kind", "refuse_security_duty"])
    assert res.exit_code == 2 and p.read_text("utf-8") == "mine"
    assert res.output.strip() == f"{p}：文件已存在，未覆盖（加 --force 则覆盖）"
    res = runner.invoke(main, ["new", "-o", str(p), "--lang", "en"])
    assert res.exit_code == 2 and res.output.strip() == f"{p}: exists; not written over (--force replaces it)"
    res = runner.invoke(main, ["new", "-o", str(p), "--kind", "refuse_security_duty", "--force"])
    assert res.exit_code == 0 and p.read_text("utf-8") == _new("--kind", "refuse_security_duty")
    assert sorted(x.name for x in tmp_path.iterdir()) == ["new.yaml"]  # no temporary file left
    res = runner.invoke(main, ["new", "-o", str(tmp_path / "nodir" / "x.yaml")])
    assert res.exit_code == 2 and "不存在" in res.output
