"""Errors in the user's language (issue 16): the errors of hostile input and failing output are
keyed in reasoner/explain/errors.toml, shown in Chinese by default and in English with --lang en;
each English entry is the text the code writes, and every key the code uses is in the table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, assist_act, assist_case

from reasoner.case.errors import CaseFileError, Msg
from reasoner.case.read import load_text
from reasoner.cli import main
from reasoner.explain.i18n import error_line, error_table, message

#: Hostile case texts, each refused with a keyed error.
HOSTILE = {
    "tag": ("case: {id: x}\nparties: !foo x\n", "c.yaml"),
    "tag_set": ("case: {id: x}\nparties: !!set {a, b}\n", "c.yaml"),
    "alias_unknown": ("case: {id: x}\nparties: *nowhere\n", "c.yaml"),
    "alias_inside": ("case: {id: x}\nacts: &a [*a]\n", "c.yaml"),
    "key_not_text": ("case: {id: x}\n[a]: 1\n", "c.yaml"),
    "too_many_values": (
        "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)),
        "c.yaml",
    ),
    "too_deep": ("x: " + "[" * 70 + "]" * 70 + "\n", "c.yaml"),
    "empty": ("", "c.yaml"),
    "null": ("case: {id: x, title: null}\n", "c.yaml"),
    "text_nul": (json.dumps(assist_case(assist_act(description="a\x00b"))), "c.json"),
    "id_characters": (json.dumps(assist_case(assist_act("A\x1b1"))), "c.json"),
}


def _error(text: str, name: str):
    with pytest.raises(CaseFileError) as e:
        load_text(text, name)
    return e.value.errors


@pytest.mark.parametrize("key", sorted(HOSTILE))
def test_hostile_input_gets_a_keyed_error_whose_english_is_the_table(key):
    text, name = HOSTILE[key]
    errs = [e for e in _error(text, name) if e.detail is not None and e.detail.key == key]
    assert errs, [(e.path, e.message) for e in _error(text, name)]
    for e in errs:
        assert message(e.detail, "en") == e.message
        zh = message(e.detail, "zh")
        assert zh != e.message and re.search(r"[\u4e00-\u9fff]", zh)


def test_every_key_the_code_uses_is_in_the_table_in_both_languages():
    used: set[str] = set()
    for f in (ROOT / "reasoner").rglob("*.py"):
        used |= set(re.findall(r'keyed\(\s*"(\w+)"', f.read_text("utf-8")))
        used |= set(re.findall(r'PydanticCustomError\(\s*"(\w+)"', f.read_text("utf-8")))
    used |= {"cannot_read_file", "cannot_read_statement"}  # keyed(f"cannot_read_{what}", ...)
    table = error_table()
    assert used - set(table) == set()
    for key, entry in table.items():
        assert entry.get("zh") and entry.get("en"), key


def test_a_keyed_reason_inside_a_message_is_translated_too():
    inner = Msg("not_a_file_folder", "not a regular file (a folder)")
    outer = Msg("cannot_read_file", f"cannot read the file: {inner.text}", (("reason", inner),))
    assert message(outer, "en") == outer.text
    assert message(outer, "zh") == "无法读取文件：不是普通文件（是文件夹）"


def test_the_cli_shows_input_errors_in_chinese_by_default_and_english_with_lang_en(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text("case: {id: x}\nparties:\n  - id: P1\n    kind: person\n    name: !foo x\n", encoding="utf-8")
    zh = CliRunner().invoke(main, ["check", str(p)])
    en = CliRunner().invoke(main, ["check", str(p), "--lang", "en"])
    assert zh.exit_code == en.exit_code == 2
    assert f"{p}:5: parties[0].name: 案卷格式不支持标签 !foo（见 docs/case-format.md）" in zh.output
    assert f"{p} 中有 1 处错误；未作推理。" in zh.output
    assert f"{p}:5: parties[0].name: the tag !foo is not part of the case format (see docs/case-format.md)" in en.output
    assert f"1 error in {p}; nothing was reasoned." in en.output


def test_a_gbk_file_is_named_in_chinese_with_its_line(tmp_path):
    data = assist_case(assist_act(description="出租银行卡"))
    text = json.dumps(data, ensure_ascii=False, indent=1)
    p = tmp_path / "c.json"
    p.write_bytes(text.encode("gbk"))
    line = next(i for i, t in enumerate(text.splitlines(), 1) if not t.isascii())
    out = CliRunner().invoke(main, ["check", str(p)])
    assert out.exit_code == 2
    assert f"{p}:{line}: （顶层）: 不是 UTF-8 文本" in out.output and "请将其另存为 UTF-8 编码" in out.output


def test_error_line_names_file_line_field_and_message():
    (err,) = _error(*HOSTILE["tag"])
    assert (
        error_line(err, "en")
        == "c.yaml:2: parties: the tag !foo is not part of the case format (see docs/case-format.md)"
    )


def test_statement_errors_are_keyed(tmp_path):
    from conftest import EXAMPLES

    text = (EXAMPLES / "287-2-card-statement.yaml").read_text("utf-8").replace("287-2-card-statement.csv", "/etc/x.csv")
    errs = _error(text, str(tmp_path / "c.yaml"))
    (err,) = [e for e in errs if e.path == "acts[0].statement.file"]
    assert err.detail.key == "statement_absolute" and message(err.detail, "en") == err.message
    assert "绝对路径" in message(err.detail, "zh")


def test_the_table_is_not_part_of_the_rules_digest():
    """The words of an error neither decide nor word a conclusion: changing one must not change
    the digest every report names its rules by."""
    from reasoner.explain.i18n import ERRORS, MESSAGES

    assert Path(ERRORS).name == "errors.toml" and Path(ERRORS) != Path(MESSAGES)
    source = (ROOT / "reasoner" / "explain" / "i18n.py").read_text("utf-8")
    assert "digest(MESSAGES)" in source and "digest(ERRORS" not in source


# ----------------------------------------------------------------------------- issue 17: every message of validation


def _bad(change, **act) -> str:
    """A card seller's case (format 2, the Art 13 party declared once) with one thing wrong."""
    data = assist_case(assist_act(**act))
    data["case"]["as_of"] = "2024-06-01"
    change(data)
    return json.dumps(data, ensure_ascii=False, indent=1)


def _set(path: str, value: object):
    def change(data: dict) -> None:
        *parts, last = path.split(".")
        node = data
        for p in parts:
            node = node[int(p)] if p.isdigit() else node[p]
        if value is _DELETE:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value

    return change


_DELETE = object()

#: Bad case files, each refused with every error keyed: pydantic's own errors (types, options,
#: bounds, missing and unknown fields), the validators' and the cross-checks'.
VALIDATION = {
    "bool": _set("acts.0.assisted.0.uses_network", "是"),
    "count": _set("acts.0.illegal_gains", 1.5),
    "text": _set("parties.0.name", 5),
    "option": _set("acts.0.kind", "rob_a_bank"),
    "option_in_list": _set("acts.0.help", ["nothing"]),
    "negative": _set("parties", []),
    "missing": _set("acts.0.assisted.0.description", _DELETE),
    "unknown_field": _set("case.colour", "red"),
    "calendar": _set("acts.0.date", "2023-02-30"),
    "date_format": _set("acts.0.date", "2023/02/01"),
    "money_float": _set("acts.0.payment_settlement", 0.1),
    "money_fen": _set("acts.0.payment_settlement", "1.005"),
    "money_word": _set("acts.0.payment_settlement", "十万"),
    "bounds_empty": _set("acts.0.payment_settlement", {"at_least": None} and {}),
    "bounds_order": _set("acts.0.payment_settlement", {"at_least": "5", "at_most": "4"}),
    "day_bounds": _set("acts.0.date", {"not_before": "2023-02-01", "not_after": "2023-01-01"}),
    "range": _set("acts.0.date", {"from": "2023-02-01", "to": "2023-01-01"}),
    "misplaced": _set("acts.0.registered_accounts", 5),
    "actor_and_actors": _set("acts.0.actors", ["P1"]),
    "duplicate_id": _set("acts.0.id", "P1"),
    "party_ref": _set("acts.0.actor", "P9"),
    "after_judgment": _set("acts.0.date", "2024-07-01"),
    "finding_subject": _set("findings", [{"provision": "interp.11.1.3", "subject": "Z", "holds": True, "reason": "r"}]),
    "finding_provision": _set("findings", [{"provision": "x.1", "subject": "A1", "holds": True, "reason": "r"}]),
    "finding_fact": _set("findings", [{"provision": "cl.287-2", "subject": "A1", "holds": True, "reason": "r"}]),
    "id_pattern": _set("acts.0.id", " A1"),
    "blank": _set("parties.0.name", ""),
    "case_mapping": _set("case", "x"),
}


@pytest.mark.parametrize("name", sorted(VALIDATION))
def test_every_validation_error_is_keyed_in_both_languages(name):
    errs = _error(_bad(VALIDATION[name]), "c.json")
    assert errs
    for e in errs:
        assert e.detail is not None, (e.path, e.message)
        assert e.detail.key != "invalid", (e.path, e.message)  # the fallback for an error not in the table
        assert message(e.detail, "en") == e.message
        zh = message(e.detail, "zh")
        assert re.search(r"[\u4e00-\u9fff]", zh) and zh != e.message, zh


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("case: {id: x}\ncase: {id: y}\n", "c.yaml"),
        ("a: [1, 2\n", "c.yaml"),
        ("- 1\n- 2\n", "c.yaml"),
        ('{"case": {"id": "x"}, "case": {"id": "y"}}', "c.json"),
        ("{", "c.json"),
    ],
)
def test_errors_of_reading_are_keyed(text, name):
    for e in _error(text, name):
        assert e.detail is not None, e.message
        assert message(e.detail, "en") == e.message
        assert re.search(r"[\u4e00-\u9fff]", message(e.detail, "zh"))


#: The modules whose every message a user reads: validation, reading, cross-checks, edits (ask).
USER_FACING = [
    "acts",
    "cl_286_1",
    "cl_287_1",
    "cl_287_2",
    "model",
    "parties",
    "values",
    "validate",
    "read",
    "cross_check",
    "cross_check_parts",
    "edits",
    "statements",
    "statement_sums",
]


@pytest.mark.parametrize("module", USER_FACING)
def test_no_message_of_validation_bypasses_the_table(module):
    """An English-only message cannot be written: a validator raises a keyed error (invalid), an
    input error is made with InputError.of from a keyed message, an edit raises an EditError."""
    source = (ROOT / "reasoner" / "case" / f"{module}.py").read_text("utf-8")
    assert not re.findall(r"raise ValueError\(", source)
    assert not re.findall(r"(?<![.\w])InputError\(", source.replace("class InputError", ""))


def test_every_key_of_validation_is_in_the_table_in_both_languages():
    from reasoner.case.pydantic_errors import BUILTIN

    used: set[str] = set(BUILTIN.values())
    for f in (ROOT / "reasoner").rglob("*.py"):
        used |= set(re.findall(r'(?:invalid|keyed|EditError)\(\s*"(\w+)"', f.read_text("utf-8")))
    from reasoner.law.findings import finding_subjects

    kinds = {"party", "order", "assisted", "act", "evidence loss", "site", "administrative penalty", "earlier judgment"}
    used |= {f"record_{k.replace(' ', '_')}" for k in kinds.union(*finding_subjects().values())}
    used |= {"cut_after_deadline", "cut_after_reasonable_period_end"}  # keyed(f"cut_after_{key}", ...)
    table = error_table()
    assert used - set(table) == set()
    for key, entry in table.items():
        assert entry.get("zh") and entry.get("en"), key
        words = re.sub(r"\{[^}]*\}", "", entry["zh"])  # the entry's own words, its parameters left out
        assert re.search(r"[\u4e00-\u9fff]", words) or not re.search(r"[A-Za-z]{3,}", words), key


def test_a_misspelt_field_gets_the_nearest_allowed_names():
    text = _bad(_set("acts.0.ilegal_gains", "1000"))
    (err,) = _error(text, "c.json")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if '"ilegal_gains"' in t)
    assert (err.path, err.line) == ("acts[0].ilegal_gains", line)
    assert message(err.detail, "en") == err.message
    assert "unknown field 'ilegal_gains'" in err.message and "did you mean 'illegal_gains'" in err.message
    assert "未知字段 ilegal_gains" in message(err.detail, "zh") and "是否应为 illegal_gains" in message(
        err.detail, "zh"
    )


@pytest.mark.parametrize(
    ("change", "path", "nearest"),
    [
        (_set("partys", [{"id": "P2", "kind": "person", "name": "王某"}]), "partys", "parties"),
        (_set("acts.0.date", {"form": "2023-01-01", "to": "2023-02-01"}), "acts[0].date.form", "from"),
        (_set("acts.0.assisted.0.confirmabel", True), "acts[0].assisted[0].confirmabel", "confirmable"),
        (_set("case.as_off", "2024-06-01"), "case.as_off", "as_of"),
    ],
)
def test_the_nearest_names_are_those_allowed_at_that_place(change, path, nearest):
    errs = [e for e in _error(_bad(change), "c.json") if e.path == path]
    assert errs and f"did you mean '{nearest}'" in errs[0].message, [(e.path, e.message) for e in errs]


def test_the_cli_says_did_you_mean_in_chinese_with_file_and_line(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text("case: {id: x}\nparties:\n  - id: P1\n    kind: person\n    nmae: 李某\n", encoding="utf-8")
    zh = CliRunner().invoke(main, ["check", str(p)])
    assert (
        f"{p}:5: parties[0].nmae: 未知字段 nmae（案卷格式中没有该字段；是否应为 name？见 docs/case-format.md）"
        in zh.output
    )
    en = CliRunner().invoke(main, ["check", str(p), "--lang", "en"])
    assert f"{p}:5: parties[0].nmae: unknown field 'nmae' (did you mean 'name'? see docs/case-format.md)" in en.output


def test_what_if_and_ask_edit_errors_are_chinese(tmp_path):
    from conftest import EXAMPLES

    path = str(EXAMPLES / "287-2-card-seller-incomplete.yaml")
    out = CliRunner().invoke(main, ["what-if", path, "--set", "acts[0]..x=1"])
    assert out.exit_code == 2 and "不是字段路径" in out.output
    out = CliRunner().invoke(main, ["what-if", path, "--set", "acts[7].illegal_gains=1"])
    assert out.exit_code == 2 and "案卷中没有 acts[7]" in out.output


_HEADER = "date,account,direction,amount,counterparty,flags\n"

#: Bad statements (the card-statement example's CSV replaced), each refused with keyed errors.
STATEMENTS = {
    "rows": _HEADER + "2023-13-01,,sideways,12.345,x,weird\n2023-03-02,6222,in\n",
    "header": "date,acct,direction,amount,colour,colour\n2023-03-02,6222,in,1,x,\n",
    "empty": "",
    "outside": _HEADER + "2020-03-02,6222020200000001,in,1.00,x,\n",
    "csv": _HEADER + '2023-03-02,6222,in,"1\n',
}


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_statement_errors_are_keyed_in_both_languages(tmp_path, name):
    from conftest import EXAMPLES

    (tmp_path / "s.csv").write_text(STATEMENTS[name], encoding="utf-8")
    text = (EXAMPLES / "287-2-card-statement.yaml").read_text("utf-8").replace("287-2-card-statement.csv", "s.csv")
    errs = _error(text, str(tmp_path / "c.yaml"))
    assert errs
    for e in errs:
        assert e.detail is not None, (e.path, e.message)
        assert message(e.detail, "en") == e.message
        assert re.search(r"[\u4e00-\u9fff]", message(e.detail, "zh")), message(e.detail, "zh")
