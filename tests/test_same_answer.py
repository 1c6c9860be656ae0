"""One answer whichever way a case is asked: `check --format json`, a row of `batch --detail full`
and (tests/test_serve.py) `POST /v1/check` give the same report, byte for byte, for every example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reasoner.cli import main
from reasoner.render.json_out import dumps

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def batch_rows(tmp_path_factory, monkeypatch_module) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("batch") / "rows.jsonl"
    result = CliRunner().invoke(main, ["batch", "examples", "-o", str(out), "--detail", "full", "--lang", "en"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {row["source"]: row for row in rows}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        yield mp


def test_every_example_has_its_row(batch_rows):
    assert sorted(batch_rows) == EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_full_batch_row_is_the_check_report_byte_for_byte(example, batch_rows, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", example, "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert dumps(batch_rows[example]["report"]) == result.output
