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
