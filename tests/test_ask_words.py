"""`ask` in the user's words (issue 17): each question names the person and the fact in Chinese
(English with --lang en), the field path only as a hint beneath it; answers may be 是/否/不知道 and
amounts as a lawyer writes them (「1.2万」, 「120,000元」), read exactly; and the case file reads
those amounts too."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, assist_act, assist_case

from reasoner.case.edits import parse_answer
from reasoner.case.errors import CaseFileError
from reasoner.case.read import load, load_text
from reasoner.case.values import parse_amount
from reasoner.cli import main
from reasoner.explain.fields import question_text
from reasoner.explain.i18n import message

SELLER = "287-2-card-seller-incomplete.yaml"


def _copy(tmp_path, name: str = SELLER):
    target = tmp_path / "c.yaml"
    shutil.copy(EXAMPLES / name, target)
    return target


def _questions(output: str, word: str = "问题：") -> list[str]:
    return [line for line in output.splitlines() if word in line and line.lstrip().startswith(word)]


# ----------------------------------------------------------------------------- the question in words


def test_the_question_names_the_person_and_the_fact_in_chinese(tmp_path):
    target = _copy(tmp_path)
    out = CliRunner().invoke(main, ["ask", str(target)], input="\n\n")
    assert out.exit_code == 0, out.output
    asked = _questions(out.output)
    assert asked == ["问题：被帮助对象 X1（某电信诈骗团伙）的犯罪行为能否确认？", "问题：李某的行为 A1 的违法所得？"]
    # the field path only beneath, as a hint; the hint in Chinese
    assert "  字段：assisted_parties[0].confirmable（现值：unknown）" in out.output
    assert "  字段：acts[0].illegal_gains（现值：unknown）" in out.output
    assert "可答：是 / 否 / 不知道" in out.output
    assert "true | false | unknown" not in out.output


def test_the_question_in_english_with_lang_en(tmp_path):
    target = _copy(tmp_path)
    out = CliRunner().invoke(main, ["ask", str(target), "--lang", "en"], input="\n\n")
    assert out.exit_code == 0, out.output
    assert _questions(out.output, "question: ") == [
        "question: assisted party X1 (某电信诈骗团伙): can its crime be confirmed?",
        "question: act A1 of 李某: illegal gains?",
    ]
    assert "  field: acts[0].illegal_gains (now: unknown)" in out.output


def test_a_record_of_a_person_is_named_by_the_person_and_its_id():
    data = assist_case(assist_act())
    data["parties"] = [{"id": "P1", "kind": "person", "name": "张某"}]
    data["admin_penalties"] = [
        {"id": "AP1", "party": "P1", "date": {"not_before": "2020-01-01", "not_after": "2020-12-31"}, "for": "other"}
    ]
    assert question_text(data, "admin_penalties[0].date", "zh") == "张某的行政处罚 AP1 的日期？"
    assert question_text(data, "admin_penalties[0].date", "en") == "administrative penalty AP1 of 张某: date?"
    assert (
        question_text(data, "acts[0].assisted[0].confirmable", "zh")
        == "张某的行为 A1 的被帮助对象 XA1（诈骗团伙 A1）的犯罪行为能否确认？"
    )
    assert question_text(data, "acts[0].date.to", "zh") == "张某的行为 A1 的日期的终止日？"


def test_a_person_s_part_is_named_by_the_person_and_groupings_are_left_out():
    data = assist_case(assist_act(actor=None))
    data["parties"] = [{"id": "P1", "kind": "person", "name": "陈某"}, {"id": "P2", "kind": "person", "name": "褚某"}]
    data["acts"][0]["actors"] = [{"party": "P1"}, {"party": "P2", "knowledge": {"counter_evidence": [{"text": "x"}]}}]
    path = "acts[0].actors[1].knowledge.counter_evidence[0].accepted"
    assert (
        question_text(data, path, "zh") == "陈某、褚某的行为 A1 的共同行为人褚某的明知的相反证据（第 1 项）是否采信？"
    )
    # quantities only groups the counts: 「行为 A1 的违法信息实际被点击数」, not 「…的数量的…」
    assert question_text(data, "acts[0].quantities.clicks", "zh") == "陈某、褚某的行为 A1 的违法信息实际被点击数？"
    assert (
        question_text(data, "acts[0].quantities.clicks", "en")
        == "act A1 of 陈某, 褚某: clicks on the illegal information?"
    )


def test_every_field_of_the_case_format_has_a_label_in_both_languages():
    from reasoner.explain.fields import field_names, labels

    missing = {name for name in field_names() for lang in ("zh", "en") if not labels(lang).get(name)}
    assert missing == set()
    assert all(re.search(r"[\u4e00-\u9fff]", labels("zh")[n]) for n in field_names())


# ----------------------------------------------------------------------------- answers as a lawyer gives them


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("是", "bool", True),
        ("否", "bool", False),
        ("y", "bool", True),
        ("YES", "bool", True),
        ("n", "bool", False),
        ("no", "bool", False),
        ("true", "bool", True),
        ("false", "bool", False),
        ("不知道", "bool", "unknown"),
        ("不清楚", "money", "unknown"),
        ("unknown", "count", "unknown"),
        ("yes", "choice", "yes"),  # an option of a choice is the option, not a boolean
    ],
)
def test_yes_no_and_unknown_in_words(text, kind, value):
    assert parse_answer(text, kind) == value


def test_ask_takes_是_and_writes_true(tmp_path):
    target = _copy(tmp_path)
    out = CliRunner().invoke(main, ["ask", str(target)], input="是\n\n")
    assert out.exit_code == 0, out.output
    assert "input should be a valid boolean" not in out.output
    assert load(target).assisted_parties[0].confirmable is True


def test_ask_takes_an_amount_as_a_lawyer_writes_it(tmp_path):
    target = _copy(tmp_path)
    out = CliRunner().invoke(main, ["ask", str(target)], input="\n1.2万\n")
    assert out.exit_code == 0, out.output
    assert load(target).acts[0].illegal_gains == Decimal("12000")


def test_ask_refuses_garbage_in_chinese_and_asks_again(tmp_path):
    target = _copy(tmp_path)
    before = target.read_text("utf-8")
    out = CliRunner().invoke(main, ["ask", str(target)], input="\n一万二\n\n")
    assert out.exit_code == 0, out.output
    assert "acts[0].illegal_gains: 应为以元计的金额" in out.output
    assert target.read_text("utf-8") == before


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("1.2万", "12000"),
        ("120,000元", "120000"),
        ("12万元", "120000"),
        ("3.5亿", "350000000"),
        ("236500.80", "236500.80"),
        ("¥1,234.5", "1234.5"),
        ("0.001万", "10"),
        ("1.23456万元", "12345.6"),
        ("2亿元", "200000000"),
    ],
)
def test_amounts_are_read_exactly(text, yuan):
    assert parse_amount(text) == Decimal(yuan)
    assert str(parse_amount(text)) == yuan.replace(",", "")  # shown as written out, never 1.2E+5


def test_a_huge_amount_in_wan_is_exact_beyond_28_digits():
    digits = "9" * 40
    assert parse_amount(digits + ".5万") == Decimal(digits + "5000")


@pytest.mark.parametrize(
    "text", ["1.2万5", "12,34", "一万", "万", "1..2万", "12万万", "1万2千", "1.2e3", "0.0000001万", "-5万"]
)
def test_ambiguous_or_garbage_amounts_are_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_the_case_file_reads_amounts_in_wan_and_with_yuan():
    data = assist_case(assist_act(settled="12万元", illegal_gains="1.2万"))
    case = load_text(json.dumps(data, ensure_ascii=False), "c.json")
    assert case.acts[0].payment_settlement == Decimal("120000")
    assert case.acts[0].illegal_gains == Decimal("12000")


def test_a_garbage_amount_in_the_case_file_is_a_chinese_error():
    data = assist_case(assist_act(settled="十二万"))
    with pytest.raises(CaseFileError) as e:
        load_text(json.dumps(data, ensure_ascii=False), "c.json")
    (err,) = e.value.errors
    assert err.path == "acts[0].payment_settlement"
    assert message(err.detail, "zh").startswith("应为以元计的金额")
    assert message(err.detail, "en") == err.message
