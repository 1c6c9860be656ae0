"""Statements are read only from inside the case file's folder (or --statements-root): no absolute
paths, no climbing out with ../, no links leading out; and an error quotes at most the field that
failed, never a line of a file (issue 16)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from reasoner.case.errors import CaseFileError
from reasoner.case.read import load
from reasoner.cli import main

SECRET = "root:$6$SECRET-HASH:19000:0:99999:7:::"


def _case(folder: Path, statement: str) -> Path:
    text = (EXAMPLES / "287-2-card-statement.yaml").read_text("utf-8").replace("287-2-card-statement.csv", statement)
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / "c.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def _statement(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLES / "287-2-card-statement.csv", path)
    return path


def _error(case: Path, root: Path | None = None):
    with pytest.raises(CaseFileError) as e:
        load(case, root)
    (err,) = e.value.errors
    return err


def test_a_statement_beside_or_below_the_case_is_read(tmp_path):
    _statement(tmp_path / "case" / "sub" / "s.csv")
    assert load(_case(tmp_path / "case", "sub/s.csv")).acts[0].statement.totals.rows == 12
    assert load(_case(tmp_path / "case", "sub/../sub/s.csv")).acts[0].statement.totals.rows == 12


def test_an_absolute_path_is_refused(tmp_path):
    path = _statement(tmp_path / "elsewhere" / "s.csv")
    case = _case(tmp_path / "case", str(path))
    line = next(n for n, t in enumerate(case.read_text("utf-8").splitlines(), 1) if "statement: {file:" in t)
    err = _error(case)
    assert err.path == "acts[0].statement.file" and err.line == line and "absolute path" in err.message


def test_climbing_out_is_refused(tmp_path):
    _statement(tmp_path / "other" / "s.csv")
    err = _error(_case(tmp_path / "case", "../other/s.csv"))
    assert err.path == "acts[0].statement.file" and "leads out of the folder" in err.message


def test_a_link_out_is_refused_and_nothing_of_its_target_is_quoted(tmp_path):
    secret = tmp_path / "etc" / "shadow"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n", encoding="utf-8")
    case = _case(tmp_path / "case", "s.csv")
    (case.parent / "s.csv").symlink_to(secret)
    err = _error(case)
    assert "leads out of the folder" in err.message and "SECRET" not in str(err)
    done = CliRunner().invoke(main, ["check", str(case)])
    assert done.exit_code == 2 and "SECRET" not in done.output


def test_a_link_inside_the_folder_is_read(tmp_path):
    _statement(tmp_path / "case" / "data" / "real.csv")
    case = _case(tmp_path / "case", "s.csv")
    (case.parent / "s.csv").symlink_to(case.parent / "data" / "real.csv")
    assert load(case).acts[0].statement.totals.rows == 12


def test_statements_root_widens_the_folder(tmp_path):
    _statement(tmp_path / "statements" / "s.csv")
    case = _case(tmp_path / "cases", "../statements/s.csv")
    assert _error(case).path == "acts[0].statement.file"
    assert load(case, tmp_path).acts[0].statement.totals.rows == 12
    done = CliRunner().invoke(main, ["check", str(case), "--statements-root", str(tmp_path), "--format", "json"])
    assert done.exit_code == 0, done.output
    done = CliRunner().invoke(main, ["check", str(case), "--statements-root", str(tmp_path / "cases"), "--lang", "en"])
    assert done.exit_code == 2 and "leads out of the folder" in done.output


def test_a_jsonl_case_cannot_put_another_folders_csv_into_its_row(tmp_path):
    other = tmp_path / "other" / "s.csv"
    other.parent.mkdir()
    other.write_text(f"date,account,direction,amount\n{SECRET},x,in\n", encoding="utf-8")
    import yaml

    case = yaml.safe_load((EXAMPLES / "287-2-card-statement.yaml").read_text("utf-8"))
    case = json.loads(json.dumps(case, default=str))
    case["acts"][0]["statement"]["file"] = "../other/s.csv"
    (tmp_path / "in").mkdir()
    src = tmp_path / "in" / "cases.jsonl"
    src.write_text(json.dumps(case, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "rows.jsonl"
    done = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--jobs", "1"])
    assert done.exit_code == 3, done.output  # complete output, a row that is an error
    text = out.read_text("utf-8")
    assert "SECRET" not in text and "leads out of the folder" in text


def test_an_error_quotes_at_most_the_field_that_failed(tmp_path):
    long = "x" * 5000
    path = tmp_path / "case" / "s.csv"
    path.parent.mkdir()
    path.write_text(f"date,account,direction,amount\n{long},acct,in,5\n2023-03-02,acct,{long},5\n", encoding="utf-8")
    with pytest.raises(CaseFileError) as e:
        load(_case(tmp_path / "case", "s.csv"))
    messages = [err.message for err in e.value.errors]
    assert len(messages) == 2 and all(len(m) < 200 for m in messages)
    assert all("5,000 characters" in m for m in messages)


def test_a_header_of_one_long_field_is_not_quoted_whole(tmp_path):
    path = tmp_path / "case" / "s.csv"
    path.parent.mkdir()
    path.write_text(SECRET * 10 + "\n", encoding="utf-8")
    err = _error(_case(tmp_path / "case", "s.csv"))
    assert err.line == 1 and len(err.message) < 300 and SECRET * 2 not in err.message
