"""Batch exit status and summary (issue 17): a batch whose output is complete but holds error rows
exits 3 and names the failing cases (file, or file:line of a JSONL input) below the summary; with
``--excel`` the CSV starts with a UTF-8 byte-order mark and is otherwise the CSV written without it."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from reasoner.batch.output import FAILED_NAMED, Tally, failed_lines
from reasoner.batch.rows import Row, offences
from reasoner.case.errors import InputError
from reasoner.cli import main

sys.path.insert(0, str(ROOT / "bench"))
from gen_cases import generate  # noqa: E402


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(x + "\n" for x in lines), "utf-8")
    return path


def _good(n: int = 2) -> list[str]:
    return [json.dumps(x, ensure_ascii=False) for x in generate(n, seed=1)]


def test_error_rows_exit_3_and_the_summary_names_their_lines(tmp_path):
    good = _good()
    src = _jsonl(tmp_path / "in.jsonl", [good[0], '{"case": {"id": "x"}}', good[1], "[1]"])
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 3, res.output
    tail = res.output.split("有错误的案件", 1)[1].splitlines()
    assert tail[0] == "（2 件，错误见各行 errors）："
    assert tail[1:3] == [f"  {src}:2", f"  {src}:4"]
    assert len(out.read_text("utf-8").splitlines()) == 4  # the output is complete
    res = CliRunner().invoke(main, ["batch", str(src), "--jobs", "1", "--lang", "en"])
    assert res.exit_code == 3 and f"Cases with errors (2; each row gives its errors):\n  {src}:2\n" in res.output


def test_a_batch_without_error_rows_exits_0_and_names_none(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", _good())
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "o.csv"), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    assert "有错误的案件" not in res.output


def test_a_folder_names_its_failing_files(tmp_path):
    (tmp_path / "a.yaml").write_text((EXAMPLES / "287-2-five-cards.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "b.yaml").write_text("case: {id: x}\nparties: []\n", "utf-8")
    res = CliRunner().invoke(main, ["batch", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--jobs", "1"])
    assert res.exit_code == 3, res.output
    assert f"\n  {tmp_path / 'b.yaml'}\n" in res.output and f"  {tmp_path / 'a.yaml'}" not in res.output


def test_the_summary_names_the_first_failures_and_counts_the_rest():
    tally = Tally(offences())
    for k in range(FAILED_NAMED + 5):
        tally.add(Row(k, f"in.jsonl:{k + 1}", None, {}, [InputError("in.jsonl", "", k + 1, "bad")]))
    lines = failed_lines(tally, "zh")
    assert lines[1] == "  in.jsonl:1" and lines[FAILED_NAMED] == f"  in.jsonl:{FAILED_NAMED}"
    assert lines[-1] == "  ……另有 5 件" and len(lines) == FAILED_NAMED + 2


def test_excel_csv_starts_with_a_byte_order_mark_and_keeps_chinese(tmp_path):
    data = generate(3, seed=1)
    data[0]["case"]["id"] = "帮信案（一）"
    data[1]["case"]["title"] = "张三 出售银行卡"
    src = _jsonl(tmp_path / "in.jsonl", [json.dumps(x, ensure_ascii=False) for x in data])
    runner = CliRunner()
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert runner.invoke(main, ["batch", str(src), "-o", str(plain), "--jobs", "1"]).exit_code == 0
    res = runner.invoke(main, ["batch", str(src), "-o", str(excel), "--jobs", "1", "--excel"])
    assert res.exit_code == 0, res.output
    raw = excel.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf" and plain.read_bytes()[:3] != b"\xef\xbb\xbf"
    assert raw[3:] == plain.read_bytes()  # nothing else differs
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0])[0] == "index" and rows[0]["case"] == "帮信案（一）"
    assert "帮信案（一）".encode() in raw


def test_excel_is_for_a_csv_file_only(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", _good(1))
    for args in ([], ["-o", str(tmp_path / "o.jsonl")], ["-o", f"{tmp_path}/dir/"]):
        res = CliRunner().invoke(main, ["batch", str(src), "--excel", *args])
        assert res.exit_code == 2 and "--excel: writes a CSV file for Excel; give -o FILE.csv" in res.output, args
