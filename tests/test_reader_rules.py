"""What the readers leave out or refuse (issue 16): reasoner's own JSON answers left in a batch
folder are not read as cases, and `upgrade` reads a file as `check` does (limits, tags, shape)."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner
from conftest import EXAMPLES

from reasoner.batch.inputs import collect
from reasoner.case.read import reasoner_output
from reasoner.cli import main


def test_a_json_answer_left_in_the_input_folder_is_not_read_as_a_case(tmp_path):
    shutil.copy(EXAMPLES / "287-2-card-seller.yaml", tmp_path / "a.yaml")
    (tmp_path / "a.result.json").write_text(
        json.dumps({"schema": "reasoner/check/2", "case": {"id": "x"}, "conclusions": []}), encoding="utf-8"
    )
    (tmp_path / "b.what-if.json").write_text(json.dumps({"case": "x", "changes": []}), encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"case": {"id": "c"}}), encoding="utf-8")  # a case (a bad one)
    assert [item.source for item in collect(tmp_path)] == [str(tmp_path / "a.yaml"), str(tmp_path / "c.json")]


def test_the_rule_is_a_key_no_case_file_may_hold():
    assert reasoner_output('{"conclusions": []}') and reasoner_output('\ufeff{"changes": [], "case": "x"}')
    assert not reasoner_output('{"case": {"id": "x"}, "acts": []}')
    assert not reasoner_output('["conclusions"]') and not reasoner_output('{"conclusions": [')


def test_the_json_answer_of_check_is_left_out(tmp_path):
    src = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "287-2-card-seller.yaml", src)
    out = CliRunner().invoke(main, ["check", str(src), "--format", "json"])
    assert out.exit_code == 0
    (tmp_path / "a.json").write_text(out.output, encoding="utf-8")
    assert [item.source for item in collect(tmp_path)] == [str(src)]


def _bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def test_upgrade_refuses_what_check_refuses_in_one_line(tmp_path):
    for name, text, fragment in [
        ("bomb.yaml", "case: {id: x}\n" + _bomb(), "values in the file"),
        ("tag.yaml", "case: {id: x}\nparties: !!python/object:os.system x\n", "the tag !!python/object:os.system"),
        ("gbk.yaml", "case: {id: 案}\n", "GBK"),
    ]:
        p = tmp_path / name
        p.write_bytes(text.encode("gbk" if name == "gbk.yaml" else "utf-8"))
        out = CliRunner().invoke(main, ["upgrade", str(p), "--lang", "en"])
        assert out.exit_code == 2 and fragment in out.output and "Traceback" not in out.output, out.output


def test_upgrade_of_a_malformed_format_1_file_is_an_error_not_a_traceback(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text("case: {id: x}\nacts:\n  - id: A1\n    assisted:\n      - {description: no id}\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["upgrade", str(p), "--lang", "en"])
    assert out.exit_code == 2 and "cannot upgrade the file" in out.output, out.output
    out = CliRunner().invoke(main, ["upgrade", str(p)])
    assert out.exit_code == 2 and "无法升级该文件" in out.output, out.output
    assert out.exception is None or isinstance(out.exception, SystemExit)
